"""Hugging Face repos a question names: "someorg/New-Model-70B-Instruct",
"https://huggingface.co/org/repo", ".../resolve/main/model-Q4_K_M.gguf".

Reading only: which repo (and GGUF file) the text names, whether the catalog already has that model
by name, and what the name alone gives (its family and size) for when the Hub is not read. Reading
the Hub itself is the service's business (bot/), never the core's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ._errors import UnknownModelError
from ._lazy_re import LazyPattern
from .catalog import ModelIndex, Resolution, exact_model, hypothetical_model, read_pasted_name, resolve_model

__all__ = ["MAX_HUB_REFS", "HubRef", "read_hub_refs", "with_hub_names"]

MAX_HUB_REFS = 3  # a question about more repos than this is a list, not a question

# the Hub's own rules for names (huggingface_hub validate_repo_id): letters, digits, "-", "_", ".";
# 96 characters at most per part
_PART = r"[A-Za-z0-9][\w.\-]{0,95}"
_URL = LazyPattern(
    rf"(?<![\w./@-])(?:https?://)?(?:www\.)?(?:huggingface\.co|hf\.co)/(?P<org>{_PART})/(?P<repo>{_PART})"
    r"(?:/(?:resolve|blob|tree)/(?P<rev>[\w.\-]{1,64})(?P<path>(?:/[\w.\-]{1,200}){0,4}))?"
    r"(?::(?P<tag>[\w.\-]{1,40}))?",
    re.IGNORECASE | re.ASCII,  # names are ASCII: one glued to CJK text ends where the text starts
)
# a bare "org/name" that is not part of a path or a URL ("16GB/1TB", "tokens/s" and "and/or" are not)
_ID = re.compile(rf"(?<![\w./@:-])(?P<org>{_PART})/(?P<repo>{_PART})(?![\w/-])", re.ASCII)
# org parts that are hardware written with a slash ("DDR4-3200/DDR5-6000", "RTX3090/4090")
_HARDWARE_ORG = re.compile(r"^(?:l?p?ddr|gddr|rtx|gtx|rx|pcie|gen|m|a)\d", re.IGNORECASE)
# hub pages that are not a model repo ("huggingface.co/datasets/org/name", "/spaces/...", "/docs/...")
_NOT_ORGS = frozenset(
    {"datasets", "spaces", "docs", "blog", "papers", "collections", "organizations", "settings", "api",
     "models", "tasks", "learn", "join", "login", "pricing", "new", "chat"}
)  # fmt: skip
_HAS_LETTER = re.compile(r"[A-Za-z]")
_HAS_DIGIT = re.compile(r"\d")
_GGUF = re.compile(r"\.gguf$", re.IGNORECASE)
_QUANTISH = re.compile(r"^(?:ud[-_])?i?q\d(?:_[a-z0-9]+)*$|^(?:bf|fp|f)\d+$", re.IGNORECASE)
# a file of a checkout, not a repo: "configs/config_671B.json", "scripts/run_70b.sh" (a GGUF file is
# read from a URL's path, never from a bare "org/name")
_FILE_NAME = re.compile(r"\.(?:json|ya?ml|toml|py|sh|txt|md|cfg|ini|log|csv|ipynb)$", re.IGNORECASE)
# the total size a repo name states: "Devstral-2-123B-Instruct", "Qwen3-30B-A3B" (30, not the active
# 3B), "Llama-3.1-8b"; a dimension like "8x7B" is not one total
_NAMED_SIZE = LazyPattern(r"(?<![\w.])(\d{1,4}(?:\.\d{1,2})?)b(?![a-z0-9])", re.IGNORECASE | re.ASCII)
# a name that states it exactly is that size when the parameters agree within this share (a "123B"
# release counts 122.6B or 125B)
_SIZE_AGREES = 0.06
_LEAD_WORD = LazyPattern(r"[A-Za-z]{3,}")


@dataclass(frozen=True, slots=True)
class HubRef:
    """A Hugging Face repo (and GGUF file) named in a question."""

    repo: str  # "org/name"
    text: str  # as written
    revision: str = "main"
    file: str | None = None  # a GGUF file in the repo ("sub/dir/model-Q4_K_M.gguf"); None: config.json
    known: bool = False  # the catalog has this model by name: nothing to read
    # the model the reading took for this name: the catalog's when known, else what the name gives
    # without the Hub (its family and size); None when the name gives nothing
    fallback: Resolution | None = None

    @property
    def key(self) -> str:
        """What one read of the Hub is kept under: the repo, the revision and the file, lower-cased."""
        rev = "" if self.revision == "main" else f"@{self.revision}"
        return f"{self.repo}{rev}{'/' + self.file if self.file else ''}".lower()


def _bare_id(org: str, repo: str) -> bool:
    """Whether an "org/name" outside a URL reads as a repo id: a model-like name (letters, digits
    and a separator, not a quant) under an org that is not hardware."""
    return (
        _HAS_LETTER.search(org) is not None
        and _HAS_LETTER.search(repo) is not None
        and _HAS_DIGIT.search(repo) is not None
        and any(c in repo for c in "-_.")
        and _HARDWARE_ORG.match(org) is None
        and _QUANTISH.match(repo) is None
        and _QUANTISH.match(org) is None
        and _FILE_NAME.search(repo) is None
    )


def _fallback(text: str, index: ModelIndex) -> Resolution | None:
    """The name's family and size: the catalog's reading of it, else a generic model of its size."""
    try:
        return resolve_model(text, index)
    except UnknownModelError:
        pass
    model = read_pasted_name(text).model
    if not model:
        return None
    lead = _LEAD_WORD.match(model)  # "Devstral-2-123B-Instruct": shaped like the Devstral releases
    style = f", {lead.group(0)}-style" if lead else ""
    return hypothetical_model(f"{model} model{style}", index)


def _looked_up(ref: HubRef, index: ModelIndex) -> HubRef:
    """`ref` with whether the catalog knows it, and the model its name gives."""
    where = f"{ref.repo}/resolve/main/{ref.file}" if ref.file else ref.repo
    url = f"https://huggingface.co/{where}"
    spec = exact_model(url, index)
    fallback = Resolution(spec) if spec is not None else _fallback(url, index)
    return replace(ref, known=spec is not None, fallback=fallback)


def read_hub_refs(text: str, index: ModelIndex) -> tuple[HubRef, ...]:
    """The Hugging Face repos `text` names (URLs and bare "org/name" ids), in order, at most
    MAX_HUB_REFS; each with whether the catalog knows it and what its name gives without the Hub."""
    found: list[tuple[int, HubRef]] = []  # where, and the repo named (not yet looked up)
    taken: list[tuple[int, int]] = []
    for m in _URL.finditer(text):
        if m.group("rev") in (".", "..") or m.group("org").lower() in _NOT_ORGS:
            taken.append(m.span())
            continue
        path = (m.group("path") or "").strip("/")
        file = path if path and _GGUF.search(path) and not {".", ".."} & set(path.split("/")) else None
        repo = f"{m.group('org')}/{m.group('repo')}"
        found.append((m.start(), HubRef(repo, m.group(0), m.group("rev") or "main", file)))
        taken.append(m.span())
    for m in _ID.finditer(text):
        if any(a <= m.start() < b for a, b in taken) or not _bare_id(m.group("org"), m.group("repo")):
            continue
        found.append((m.start(), HubRef(f"{m.group('org')}/{m.group('repo')}", m.group(0))))
    refs: dict[str, HubRef] = {}
    for _, ref in sorted(found, key=lambda f: f[0]):
        if len(refs) == MAX_HUB_REFS:
            break
        if ref.key not in refs:  # looked up only now: a long list costs three look-ups, not one each
            refs[ref.key] = _looked_up(ref, index)
    return tuple(refs.values())


def with_hub_names(
    text: str, refs: tuple[HubRef, ...], models: list[Resolution], spans: list[tuple[int, int]], rest: str
) -> tuple[tuple[HubRef, ...], str]:
    """Each repo named as one model: where the reading resolved a name inside it, that model is the
    repo's; otherwise the repo's own reading is added (to `models` and `spans`, in text order). The
    repos' text is blanked in `rest` (what the rig is read from). Returns the refs, each holding
    the model the question now has for it, and `rest`."""
    out: list[HubRef] = []
    blanked = list(rest)
    for ref in refs:
        a = text.find(ref.text)
        if a < 0:
            out.append(ref)
            continue
        b = a + len(ref.text)
        blanked[a:b] = " " * (b - a)
        inside = [i for i, (x, y) in enumerate(spans) if x < b and a < y]
        if inside and not _size_contradicts(ref, models[inside[0]]):
            out.append(replace(ref, fallback=models[inside[0]]))
            continue
        if inside:  # a name read inside the repo ("mistral" in "Devstral-2-123B") of another size
            for i in reversed(inside):
                del models[i], spans[i]
        if ref.fallback is not None:
            at = sum(1 for x, _ in spans if x < a)
            models.insert(at, ref.fallback)
            spans.insert(at, (a, b))
        out.append(ref)
    return tuple(out), "".join(blanked)


def _named_size(repo: str) -> float | None:
    """The total size in billions the repo's name states ("org/Devstral-2-123B-Instruct" -> 123),
    or None where it states none."""
    m = _NAMED_SIZE.search(repo.partition("/")[2].replace("_", "-"))
    return float(m.group(1)) if m else None


def _size_contradicts(ref: HubRef, inside: Resolution) -> bool:
    """Whether a model read inside the repo's name has another size than the name states, while
    the name's own reading (its family and size) has that size: a family word matched inside a
    bigger release's name ("mistral" in "mistralai/Devstral-2-123B-...") is not the model."""
    size = _named_size(ref.repo)
    own = ref.fallback
    if size is None or own is None or own.model.id == inside.model.id:
        return False

    def agrees(params_b: float) -> bool:
        return abs(params_b - size) <= _SIZE_AGREES * size

    return agrees(own.model.params_b) and not agrees(inside.model.params_b)
