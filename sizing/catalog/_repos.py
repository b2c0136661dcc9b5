"""Where people download each catalog model: official repos, GGUF/MLX/EXL builds, Ollama tags.

Model references are data (data/repos.yaml), each with the public source that shows it exists,
so commands can name a real repository instead of a guessed one. A model with no known repo of
a kind simply has none listed: callers print a placeholder the user fills, never an invented id.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

import pydantic
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .._errors import CatalogError
from .._yaml import YamlSyntaxError, load_yaml
from ..data_cache import files_digest, load_built
from ._catalog import default_catalog

__all__ = [
    "ModelRepo",
    "ModelRepos",
    "RepoKind",
    "RepoTable",
    "default_repos",
    "is_gguf_repo",
    "load_repos",
    "parse_repo_entries",
]


def is_gguf_repo(repo: str) -> bool:
    """Whether a Hugging Face repo holds GGUF files, by the name every GGUF publisher gives it
    ("unsloth/Qwen3-8B-GGUF", "TheBloke/Llama-2-7B-gguf")."""
    return repo.lower().endswith("gguf")


RepoKind = Literal["official", "gguf", "mlx", "ollama", "exl2", "exl3", "fp8", "nvfp4", "awq", "gptq"]

# Hugging Face ids: "owner/name" (the Hub allows letters, digits, '-', '_' and '.').
_HF_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}$")
# Ollama library references: "name" or "name:tag" (the library namespace is implicit).
_OLLAMA_REF = re.compile(r"^[a-z0-9][a-z0-9._-]*(?::[A-Za-z0-9][A-Za-z0-9._-]*)?$")
# GGUF quant names as publishers print them in file names: Q4_K_M, IQ2_XXS, UD-Q4_K_XL, BF16, MXFP4_MOE.
_GGUF_QUANT = re.compile(r"^(?:UD-)?(?:I?Q[1-8](?:_[0-9A-Z]+)*|BF16|F16|F32|MXFP4(?:_MOE)?|NVFP4)$")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class ModelRepo(_Frozen):
    """One place a model can be downloaded from, and the public source that shows it exists."""

    kind: RepoKind
    repo: str  # Hugging Face "owner/name", or an Ollama "library:tag"
    source: str = Field(min_length=6)  # URL, "github owner/repo path @commit", or a publication
    quants: tuple[str, ...] = ()  # GGUF quant names the source shows this repo offering
    bits: float | None = Field(default=None, gt=0, le=16)  # MLX / EXL bits per weight
    # an FP8 checkpoint quantized in blocks (config.json quantization_config weight_block_size, e.g.
    # [128, 128]): every tensor-parallel shard of a weight must hold whole blocks
    block: int | None = Field(default=None, gt=0)
    # how an unsloth repo's dynamic ("UD-") files were made, where it is not today's recipe:
    # "dynamic-v1", the January 2025 uploads (DeepSeek-R1), whose routed experts are all at the base
    # type (down_proj too) and whose other tensors are at 4-6 bits (unsloth.ai/blog/deepseekr1-dynamic)
    recipe: Literal["dynamic-v1"] | None = None

    @property
    def publisher(self) -> str:
        """The Hub owner ("unsloth", "mlx-community"), or "ollama" for library tags."""
        return "ollama" if self.kind == "ollama" else self.repo.split("/", 1)[0]

    @property
    def url(self) -> str:
        if self.kind == "ollama":
            name, _, tag = self.repo.partition(":")
            return f"https://ollama.com/library/{name}" + (f":{tag}" if tag else "")
        return f"https://huggingface.co/{self.repo}"

    @model_validator(mode="after")
    def _well_formed(self) -> ModelRepo:
        if self.kind == "ollama":
            if not _OLLAMA_REF.match(self.repo):
                raise ValueError(f"'{self.repo}' is not an Ollama library reference (name or name:tag)")
        elif not _HF_ID.match(self.repo):
            raise ValueError(f"'{self.repo}' is not a Hugging Face repo id (owner/name)")
        if self.quants and self.kind != "gguf":
            raise ValueError("quants are listed for GGUF repos only")
        bad = [q for q in self.quants if not _GGUF_QUANT.match(q)]
        if bad:
            raise ValueError(f"not GGUF quant names: {', '.join(bad)}")
        if len(set(self.quants)) != len(self.quants):
            raise ValueError("a quant is listed twice")
        if self.bits is not None and self.kind not in ("mlx", "exl2", "exl3"):
            raise ValueError("bits are given for MLX and EXL repos only")
        if self.block is not None and self.kind != "fp8":
            raise ValueError("a quantization block is given for FP8 repos only")
        return self


class ModelRepos(_Frozen):
    """The download locations of one catalog model."""

    model: str = Field(pattern=r"^[a-z0-9][a-z0-9.\-]*$")
    repos: tuple[ModelRepo, ...] = Field(min_length=1)

    def of_kind(self, kind: RepoKind) -> tuple[ModelRepo, ...]:
        return tuple(r for r in self.repos if r.kind == kind)

    @model_validator(mode="after")
    def _no_duplicates(self) -> ModelRepos:
        seen: set[tuple[str, str]] = set()
        for r in self.repos:
            key = (r.kind, r.repo.lower())
            if key in seen:
                raise ValueError(f"{r.kind} repo '{r.repo}' listed twice")
            seen.add(key)
        return self


class RepoTable(_Frozen):
    """All download locations, by catalog model id."""

    entries: tuple[ModelRepos, ...]

    @functools.cached_property
    def _by_model(self) -> Mapping[str, ModelRepos]:
        return MappingProxyType({e.model: e for e in self.entries})

    def for_model(self, model_id: str) -> tuple[ModelRepo, ...]:
        """Every known repo of `model_id` (empty when none is known)."""
        entry = self._by_model.get(model_id)
        return entry.repos if entry is not None else ()

    @property
    def models(self) -> frozenset[str]:
        return frozenset(self._by_model)


def _repo_file() -> Path:
    return Path(__file__).parent / "data" / "repos.yaml"


def parse_repo_entries(raw: Any, where: str, model_ids: Iterable[str]) -> tuple[list[ModelRepos], list[str]]:
    """Validate a repos document against the catalog's model ids. Returns (good entries, problems)."""
    if not isinstance(raw, list):
        return [], [f"{where}: expected a list of model entries, got {type(raw).__name__}"]
    known = frozenset(model_ids)
    good: list[ModelRepos] = []
    problems: list[str] = []
    seen: set[str] = set()
    for i, item in enumerate(raw):
        label = f"{where}[{item.get('model', i) if isinstance(item, dict) else i}]"
        try:
            entry = ModelRepos.model_validate(item)
        except ValidationError as err:
            for e in err.errors():
                where_in = ".".join(str(x) for x in e["loc"]) or "(entry)"
                problems.append(f"{label}: {where_in}: {e['msg']}")
            continue
        if entry.model not in known:
            problems.append(f"{label}: no catalog model has the id '{entry.model}'")
            continue
        if entry.model in seen:
            problems.append(f"{label}: model '{entry.model}' has two entries")
            continue
        seen.add(entry.model)
        good.append(entry)
    return good, problems


def load_repos(model_ids: Iterable[str], path: Path | None = None) -> RepoTable:
    """Load and validate a repos file (the bundled one by default); CatalogError names every problem."""
    file = path if path is not None else _repo_file()
    try:
        raw = load_yaml(file)
    except (OSError, YamlSyntaxError) as err:
        raise CatalogError(f"{file.name}: cannot be read: {err}") from None
    good, problems = parse_repo_entries(raw, file.name, model_ids)
    if problems:
        raise CatalogError("repo table has problems:\n  " + "\n  ".join(problems), problems=tuple(problems))
    return RepoTable(entries=tuple(good))


@functools.cache
def default_repos() -> RepoTable:
    """The repo table shipped with the package, checked against the bundled catalog; kept built
    between runs (sizing/data_cache.py) under a hash of its file, of the code that reads it, of the
    catalog's model ids and of the validating library's version."""
    ids = sorted(m.id for m in default_catalog().models)
    sizing = Path(__file__).resolve().parents[1]
    inputs = files_digest(
        [_repo_file(), Path(__file__).resolve(), *(sizing / n for n in ("_yaml.py", "data_cache.py"))]
    )
    table: RepoTable = load_built(
        "repos",
        inputs + "\0".join(ids).encode(),
        lambda: load_repos(ids),
        version=f"pydantic {pydantic.VERSION}",
        kind=RepoTable,
    )
    return table
