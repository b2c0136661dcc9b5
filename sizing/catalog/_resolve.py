"""Model names as people write them -> catalog entries.

"qwen3 235b", "Qwen/Qwen3-235B-A22B-Instruct-2507", "gpt oss 120", "llama3.3:70b" and
"Meta-Llama-3-8B" all resolve; several equally good candidates give a "did you mean" list rather
than a guess; "a 200B dense model" and "700B MoE with 37B active" give a generic entry whose
shapes are assumed (and say so). `suggest_models` ranks the catalog for a name half typed
(autocomplete), over the same index.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from .._errors import UnknownModelError
from ._generic import generic_model
from ._schema import ModelSpec
from ._tensors import active_params, total_params

__all__ = ["ModelIndex", "Resolution", "hypothetical_model", "resolve_model", "suggest_models"]

_SEP = re.compile(r"[\s_:/\-,()\[\]]+")
_LETTER_DIGIT = re.compile(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])")
# words that describe a release, not which model it is
_NOISE = frozenset(
    {
        "instruct",
        "chat",
        "it",
        "gguf",
        "hf",
        "model",
        "base",
        "latest",
        "the",
        "a",
        "an",
        "fp16",
        "bf16",
        "awq",
        "gptq",
        "mlx",
        "exl2",
        "q4",
        "q8",
        "preview",
        "release",
        "2507",
        "2506",
        "2501",
        "2503",
    }
)
_SIZE = re.compile(r"^(\d+(?:\.\d+)?)b$")
_EPOCH = dt.date(2020, 1, 1)


def _tokens(text: str) -> list[str]:
    s = text.lower().replace("meta-llama/", "").replace("meta llama", "llama")
    s = re.sub(r"^[a-z0-9\-]+/", "", s) if "/" in s else s  # drop "org/"
    s = _SEP.sub(" ", s)
    out: list[str] = []
    for word in s.split():
        if _SIZE.match(word) or re.match(r"^a\d+(?:\.\d+)?b$", word) or re.match(r"^\d+x\d+b$", word):
            out.append(word)
            continue
        parts = [p for p in _LETTER_DIGIT.split(word) if p]
        # keep versions like "3.3" and sizes like "70b" whole: "llama3.3" -> llama, 3.3
        merged: list[str] = []
        for p in parts:
            if merged and p == "b" and re.match(r"^\d+(?:\.\d+)?$", merged[-1]):
                merged[-1] += "b"
            else:
                merged.append(p)
        out.extend(merged)
    return [t for t in out if t not in _NOISE]


def _canon(token: str) -> str:
    """'70b' and '70' compare equal; 'a22b' stays (active size)."""
    m = _SIZE.match(token)
    return m.group(1) if m else token


def _compact(text: str) -> str:
    return "".join(_tokens(text))


@dataclass(frozen=True, slots=True)
class _Entry:
    spec: ModelSpec
    names: tuple[str, ...]  # display-ish names to fuzzy-match
    token_sets: tuple[frozenset[str], ...]


_LEADING_WORD = re.compile(r"[a-z]+")
# first words of model names that are not the model's own: vendors and hardware, plain English
_NOT_FAMILY_WORDS = frozenset(
    {"nvidia", "amd", "intel", "apple", "google", "meta", "microsoft", "ibm", "the", "open", "code", "model"}
)


@dataclass(frozen=True, slots=True)
class ModelIndex:
    """Lookup structures over a catalog (build once, reuse)."""

    entries: tuple[_Entry, ...]
    exact: dict[str, ModelSpec]
    # words a model name starts with ("qwen", "smollm"): where a question's model names begin
    family_words: frozenset[str] = frozenset()
    # names as typed (name, id, aliases; normalised) and the entry each belongs to: for suggestions
    typed_names: tuple[str, ...] = ()
    typed_owner: tuple[int, ...] = ()

    @classmethod
    def build(cls, models: Iterable[ModelSpec]) -> ModelIndex:
        entries = []
        exact: dict[str, ModelSpec] = {}
        families: set[str] = set()
        typed_names: list[str] = []
        typed_owner: list[int] = []
        for i, m in enumerate(models):
            for typed in dict.fromkeys((m.name, m.id, *m.aliases)):
                typed_names.append(utils.default_process(typed))
                typed_owner.append(i)
            for label in (m.name, m.family or ""):
                first = _LEADING_WORD.match(label.lower())
                if first and len(first.group(0)) >= 3 and first.group(0) not in _NOT_FAMILY_WORDS:
                    families.add(first.group(0))
            names = [m.id, m.name, *m.aliases]
            if m.hf_repo:
                names += [m.hf_repo, m.hf_repo.split("/")[-1]]
            for n in names:
                exact.setdefault(_compact(n), m)
            entries.append(_Entry(m, tuple(names), tuple(frozenset(map(_canon, _tokens(n))) for n in names)))
        return cls(tuple(entries), exact, frozenset(families), tuple(typed_names), tuple(typed_owner))


@dataclass(frozen=True, slots=True)
class Resolution:
    model: ModelSpec
    assumptions: tuple[str, ...] = ()


def resolve_model(text: str, index: ModelIndex) -> Resolution:
    """Resolve a model name; UnknownModelError (with .suggestions) when nothing or several fit."""
    query = text.strip()
    if not query:
        raise UnknownModelError("no model named", hint='Name a model, like "Qwen3 30B" or "gpt-oss-120b".')
    if len(query) > 200:
        raise UnknownModelError("that model name is too long (over 200 characters)")
    hit = index.exact.get(_compact(query))
    if hit is not None:
        return Resolution(hit)
    hypothetical = hypothetical_model(query, index)
    if hypothetical is not None:
        return hypothetical
    q_tokens = frozenset(map(_canon, _tokens(query)))
    if not q_tokens:
        raise UnknownModelError(
            f"'{text}' does not name a model", hint='Try "Llama 3.3 70B" or "Qwen3 235B".'
        )
    scored: list[tuple[float, int, ModelSpec]] = []
    for e in index.entries:
        best = 0.0
        best_extra = 99
        for toks in e.token_sets:
            covered = q_tokens <= toks
            numbers_ok = all(t in toks for t in q_tokens if t[0].isdigit())
            score = fuzz.token_set_ratio(" ".join(sorted(q_tokens)), " ".join(sorted(toks)))
            if covered:
                score += 20
            if not numbers_ok:
                score -= 40
            extra = len(toks - q_tokens)
            if score > best or (score == best and extra < best_extra):
                best, best_extra = score, extra
        scored.append((best, best_extra, e.spec))
    scored.sort(key=lambda s: (-s[0], s[1], s[2].id))
    top_score, top_extra, top = scored[0]
    if top_score < 75:
        suggestions = tuple(s.name for _, _, s in scored[:5])
        raise UnknownModelError(
            f"no model matches '{text}'",
            suggestions=suggestions,
            hint="Did you mean: " + ", ".join(suggestions) + "?",
        )
    rivals = [s for s in scored[1:6] if s[0] >= top_score - 2 and s[1] == top_extra]
    if rivals:
        suggestions = tuple(s.name for _, _, s in [scored[0], *rivals])
        raise UnknownModelError(
            f"'{text}' could be several models",
            suggestions=suggestions,
            hint="Did you mean: " + ", ".join(suggestions) + "?",
        )
    return Resolution(top)


def suggest_models(text: str, index: ModelIndex, limit: int = 25) -> list[ModelSpec]:
    """Models whose names look like `text` as it is being typed, best first: a fuzzy match of each
    name, ahead of it every name that holds all the typed words ("qwen3 30" in "qwen3 30b a3b"),
    and names that start with the text ahead of those. Empty text suggests nothing."""
    query = utils.default_process(" ".join(text.split()))
    if not query:
        return []
    words = query.split()
    best: dict[int, float] = {}
    for _name, score, k in process.extract(
        query, index.typed_names, scorer=fuzz.WRatio, processor=None, limit=limit * 8, score_cutoff=40
    ):
        name = index.typed_names[k]
        if all(w in name for w in words):
            score += 25
        if name.startswith(query):
            score += 10
        owner = index.typed_owner[k]
        best[owner] = max(best.get(owner, 0.0), score)
    ranked = sorted(best, key=lambda i: (-best[i], index.entries[i].spec.name))
    return [index.entries[i].spec for i in ranked[:limit]]


_HYPO = re.compile(
    r"(?P<total>\d+(?:\.\d+)?)\s*(?P<unit>b|billion|t|trillion)\b(?:\s*(?:params?|parameters?))?",
)
_ACTIVE = re.compile(
    r"(\d+(?:\.\d+)?)\s*b\s*(?:active|activated)|a(\d+(?:\.\d+)?)b\b|active\s*(?:params?\s*)?(\d+(?:\.\d+)?)\s*b"
)
_MOE = re.compile(r"\bmoes?\b|mixture[\s\-]of[\s\-]experts?|\bexperts?\b")
_NEGATIVE = re.compile(r"(?:^|[\s(])-\s*\d+(?:\.\d+)?\s*(?:b|billion|t|trillion)\b")
_HYPO_WORDS = re.compile(r"\b(dense|moe|mixture|model|llm|parameters?|params?|style|like)\b")
# "DeepSeek-style", "gpt-oss like", "like Qwen3": the release whose shape a generic model takes
_STYLES = (
    re.compile(r"\blike\s+(?:an?\s+|the\s+)?(?P<word>[a-z][a-z0-9.\-]*)"),
    re.compile(r"(?P<word>[a-z][a-z0-9.\-]*?)[\s\-]*(?:style|like|based|type)\b"),
)
_NOT_STYLES = frozenset({"model", "moe", "dense", "the", "something", "one", "sized", "shaped", "llm"})
# the shapes a generic model takes when no family is named: a dense Llama 3.1 and a GLM-4.5-style
# MoE (GQA, a shared expert, dense first layers: what most of today's MoE releases have)
DEFAULT_TEMPLATES = {False: "llama-3.1-70b", True: "glm-4.5"}
# an MoE asked about without its active size: the median share of today's large MoE releases
# (DeepSeek V3 37B of 671B, Kimi K2 32B of 1T, MiniMax M2 10B of 230B, gpt-oss-120b 5.1B of 117B,
# GLM-4.5 32B of 355B, Qwen3 22B of 235B: 3-10%, median about 5.5%)
DEFAULT_ACTIVE_SHARE = 0.055


def hypothetical_model(text: str, index: ModelIndex | None = None) -> Resolution | None:
    """'a 200B dense model', '700B MoE with 37B active', '1T parameter MoE', 'a 120B gpt-oss-style
    model' -> a generic entry shaped like a real release (see _generic.py)."""
    s = text.lower()[:400]
    m = _HYPO.search(s)
    if m is None or not _HYPO_WORDS.search(s):
        return None
    total = float(m.group("total")) * (1000 if m.group("unit") in ("t", "trillion") else 1)
    if not 0.1 <= total <= 5000:
        return None
    a = _ACTIVE.search(s)
    active = float(next(g for g in a.groups() if g)) if a else None
    if active is not None and not 0.01 <= active < total:
        active = None
    if _NEGATIVE.search(s):
        return None  # "a -5B model" is no model
    wants_moe: bool | None = True if (_MOE.search(s) or active is not None) else None
    if wants_moe is None and "dense" in s:
        wants_moe = False
    models = tuple(e.spec for e in index.entries) if index is not None else _bundled_models()
    styled = _styled_template(s, models, total, wants_moe)
    if styled is not None:
        template, style = styled
    else:
        template, style = _default_template(models, bool(wants_moe)), None
    notes: list[str] = []
    if template.moe is not None and active is None:
        ratio = DEFAULT_ACTIVE_SHARE if style is None else active_params(template) / total_params(template)
        active = round(total * ratio, 1)
        source = "as in today's large MoE releases" if style is None else f"as {template.name}"
        notes.append(f"active parameters not given: assumed {active:g}B ({ratio:.1%} of the total, {source})")
    shape = generic_model(total, active if template.moe is not None else None, template, style)
    return Resolution(shape.spec, (*shape.assumptions, *notes))


def _kind_of(m: ModelSpec) -> bool:
    return m.moe is not None


def _styled_template(
    s: str, models: tuple[ModelSpec, ...], total_b: float, wants_moe: bool | None
) -> tuple[ModelSpec, str] | None:
    """The catalog release whose family the text names as the style, nearest in size and of the kind
    asked for (the family's own kind when none is asked)."""
    words = [m.group("word").strip("-.") for rx in _STYLES for m in rx.finditer(s)]
    for word in words:
        if len(word) < 3 or word in _NOT_STYLES:
            continue
        family = [spec for spec in models if _plain(spec) and _named(spec, word)]
        if not family:
            continue
        by_size = sorted(
            family, key=lambda x: (abs(math.log(x.params_b / total_b)), -(x.released or _EPOCH).toordinal())
        )
        kind = wants_moe if wants_moe is not None else _kind_of(by_size[0])
        same_kind = [x for x in by_size if _kind_of(x) == kind]
        if same_kind:
            name = same_kind[0].family.split()[0] if same_kind[0].family else word
            return same_kind[0], name
    return None


def _plain(spec: ModelSpec) -> bool:
    """A release whose shape scales: not pruned (irregular blocks), not distilled onto another base."""
    return spec.family != "generic" and spec.irregular_scale is None and "distill" not in spec.id


def _named(spec: ModelSpec, word: str) -> bool:
    return spec.id.startswith(word) or spec.family.lower().replace(" ", "-").startswith(word)


def _default_template(models: tuple[ModelSpec, ...], moe: bool) -> ModelSpec:
    wanted = DEFAULT_TEMPLATES[moe]
    found = next((m for m in models if m.id == wanted), None)
    if found is not None:
        return found
    return next(m for m in _bundled_models() if m.id == wanted)


@functools.lru_cache(maxsize=1)
def _bundled_models() -> tuple[ModelSpec, ...]:
    from ._load import load_models

    return tuple(load_models())
