"""Model names as people write them -> catalog entries.

"qwen3 235b", "Qwen/Qwen3-235B-A22B-Instruct-2507", "gpt oss 120", "llama3.3:70b" and
"Meta-Llama-3-8B" all resolve; several equally good candidates give a "did you mean" list rather
than a guess; "a 200B dense model" and "700B MoE with 37B active" give a generic entry whose
shapes are assumed (and say so). `suggest_models` ranks the catalog for a name half typed
(autocomplete), over the same index.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from .._errors import UnknownModelError
from ._schema import ModelSpec

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
    hypothetical = hypothetical_model(query)
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
    r"(?P<total>\d+(?:\.\d+)?)\s*(?P<unit>b|billion|t|trillion)\b(?:\s*(?:params?|parameters?))?"
    r"(?P<rest>.*)",
)
_ACTIVE = re.compile(
    r"(\d+(?:\.\d+)?)\s*b\s*(?:active|activated)|a(\d+(?:\.\d+)?)b\b|active\s*(?:params?\s*)?(\d+(?:\.\d+)?)\s*b"
)
_HYPO_WORDS = re.compile(r"\b(dense|moe|mixture|model|llm|parameters?|params?)\b")


def hypothetical_model(text: str) -> Resolution | None:
    """'a 200B dense model', '700B MoE with 37B active', '1T parameter MoE' -> a generic entry."""
    s = text.lower()
    m = _HYPO.search(s)
    if m is None or not _HYPO_WORDS.search(s):
        return None
    total = float(m.group("total")) * (1000 if m.group("unit") in ("t", "trillion") else 1)
    if not 0.1 <= total <= 5000:
        return None
    a = _ACTIVE.search(s)
    active = float(next(g for g in a.groups() if g)) if a else None
    moe = "moe" in s or "mixture" in s or active is not None
    if moe and active is None:
        active = max(1.0, total * 0.05)  # today's MoE releases activate ~3-10%
    return _generic_spec(total, active if moe else None)


@functools.lru_cache(maxsize=256)
def _generic_spec(total_b: float, active_b: float | None) -> Resolution:
    """A Llama-like shape for a size: width/depth ratio ~128 (Llama 3 8B/70B/405B), GQA with 8 KV
    heads of 128, SwiGLU FFN 3.5x wide, 128k vocabulary; MoE: 128 experts, 8 active."""
    params = (active_b if active_b is not None else total_b) * 1e9
    vocab = 128_256
    # per block ~ 13 h^2 params (q, o: 2h^2; k, v: 0.5h^2; ffn 3 x 3.5h^2) with depth h/128
    h = (params * 128 / 13) ** (1 / 3)
    hidden = max(1024, round(h / 1024) * 1024)  # heads of 128 in multiples of the 8 KV heads
    layers = max(8, round((params - 2 * vocab * hidden) / (13 * hidden * hidden)))
    heads = hidden // 128
    assumptions = [
        f"no such model in the catalog: sized as a generic {total_b:g}B "
        + (f"MoE with {active_b:g}B active" if active_b is not None else "dense model"),
        f"assumed a Llama-like shape: {layers} layers, hidden {hidden}, 8 KV heads of 128, 128k vocabulary",
    ]
    moe = None
    ffn = int(3.5 * hidden)
    if active_b is not None:
        # experts carry the difference between total and active parameters
        experts, active = 128, 8
        attention_per_block = 2.5 * hidden * hidden  # every FFN is made of experts
        routed_total = total_b * 1e9 - 2 * vocab * hidden - layers * attention_per_block
        expert_ffn = max(256, int(routed_total / (layers * experts * 3 * hidden)))
        moe = {"experts": experts, "active": active, "expert_ffn": expert_ffn}
        ffn = 0
        assumptions.append("assumed 128 experts with 8 active per token")
    spec = ModelSpec.model_validate(
        {
            "id": f"generic-{total_b:g}b" + (f"-a{active_b:g}b" if active_b is not None else ""),
            "name": f"generic {total_b:g}B "
            + (f"MoE ({active_b:g}B active)" if active_b is not None else "dense"),
            "family": "generic",
            "org": "hypothetical",
            "params_b": total_b,
            "active_params_b": active_b,
            "max_context": 131072,
            "layers": layers,
            "hidden": hidden,
            "heads": heads,
            "kv_heads": 8,
            "head_dim": 128,
            "vocab": vocab,
            "ffn": ffn,
            "moe": moe,
            "tasks": ["chat"],
            "sources": ["generic shape (canirun): scaled from Llama 3 proportions"],
        }
    )
    return Resolution(spec, tuple(assumptions))
