"""Model names as people write them -> catalog entries.

"qwen3 235b", "Qwen/Qwen3-235B-A22B-Instruct-2507", "gpt oss 120", "llama3.3:70b" and
"Meta-Llama-3-8B" all resolve, and so do names pasted from elsewhere (_names.py): llama-bench labels
("qwen3moe 30B.A3B Q4_K - Medium": the architecture and size decide), GGUF files with quant and
shard suffixes, MLX repos, HF ids and URLs, Ollama tags, names glued to other text. In order:

1. the name (or its model part, without org, quant, shard, packaging) is a catalog name or alias;
2. a llama-bench label: the architecture's families, nearest in size;
3. a fine-tune that names its base ("Hermes-3-Llama-3.1-405B", "Qwen3-8B-abliterated") or is listed
   in data/finetunes.yaml ("Midnight-Miqu-70B"): the base, with a note;
4. a family and a size ("65B llama", "the 34b yi one", "the 235B qwen"): that family's release of
   that size (the newest when several have it), else a generic shape of that size in the family's
   style - never "could be several" when the size decides;
5. "a 200B dense model", "700B MoE with 37B active": a generic entry whose shapes are assumed;
6. fuzzy matching; several equally good candidates give a "did you mean" list rather than a guess.

Every guess beyond an exact name is said in the Resolution's assumptions. `suggest_models` ranks the
catalog for a name half typed (autocomplete), over the same index.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from .._errors import UnknownModelError
from .._lazy_re import LazyPattern
from ._arches import ARCH_FAMILIES
from ._generic import SAME_SIZE, generic_model
from ._lineage import load_finetunes
from ._names import MAX_NAME_CHARS, PastedName, SizeLabel, clean_text, read_pasted_name, unglue
from ._schema import ModelSpec
from ._tensors import active_params, total_params
from ._versions import with_version_dots

__all__ = ["ModelIndex", "Resolution", "exact_model", "hypothetical_model", "resolve_model", "suggest_models"]

_SEP = re.compile(r"[\s_:/\-,()\[\]{}<>*@#'\"`~|;!?，。、：（）【】「」『』]+")
_LETTER_DIGIT = re.compile(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])")
# words that describe a release or its packaging, not which model it is
_NOISE = frozenset(
    {
        "instruct",
        "chat",
        "it",
        "gguf",
        "ggml",
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
        "exl3",
        "imatrix",
        "i1",
        "bnb",
        "q4",
        "q8",
        "preview",
        "release",
        "2506",
        "2501",
        "2503",
        "meta",
    }
)
_SIZE = re.compile(r"^(\d+(?:\.\d+)?)b$")
_ANY_SIZE = re.compile(r"^(?:\d+(?:\.\d+)?[bmt]|a\d+(?:\.\d+)?b|\d+x\d+(?:\.\d+)?b|e\d+(?:\.\d+)?b)$")
# size words kept whole: active ("a22b"), effective ("e4b"), experts x size ("8x7b")
_WHOLE = re.compile(r"^(?:a\d+(?:\.\d+)?b|e\d+(?:\.\d+)?b|\d+x\d+b)$")
_VERSION = re.compile(r"^\d+(?:\.\d+)?$")
_EPOCH = dt.date(2020, 1, 1)
_PLUS = re.compile(r"(?<=[a-z0-9])\+(?![a-z0-9])")


_ORG = re.compile(r"^[a-z0-9\-]+/")


@functools.lru_cache(maxsize=4096)
def _tokens_of(text: str) -> tuple[str, ...]:
    return tuple(_split_tokens(text))


def _tokens(text: str) -> list[str]:
    return list(_tokens_of(text)) if len(text) <= MAX_NAME_CHARS else _split_tokens(text)


def _split_tokens(text: str) -> list[str]:
    return [t for t in _split_words(text) if t not in _NOISE]


def _split_words(text: str) -> list[str]:
    """The words of `text` as tokens, packaging words ("instruct", "gguf") and articles kept."""
    s = text.lower().replace("meta-llama/", "").replace("meta llama", "llama")
    s = _ORG.sub("", s) if "/" in s else s  # drop "org/"
    s = _PLUS.sub(" plus ", s)  # "Command R+" is Command R Plus
    s = _SEP.sub(" ", s)
    out: list[str] = []
    for word in s.split():
        if _SIZE.match(word) or _WHOLE.match(word):
            out.append(word)
            continue
        parts = [p for p in _LETTER_DIGIT.split(word) if p]
        # keep versions like "3.3" and sizes like "70b" whole: "llama3.3" -> llama, 3.3
        merged: list[str] = []
        for p in parts:
            if merged and p in ("b", "m", "t") and _VERSION.match(merged[-1]):
                merged[-1] += p
            else:
                merged.append(p)
        out.extend(merged)
    return [t.strip(".") for t in out if t.strip(".")]


def _canon(token: str) -> str:
    """'70b' and '70' compare equal; 'a22b' stays (active size)."""
    m = _SIZE.match(token)
    return m.group(1) if m else token


def _joined(tokens: Sequence[str]) -> str:
    """The tokens as one key, with "_" where a number ends one and starts the next: "Gemma 1 2B"
    is "gemma1_2b", never the "gemma12b" of "Gemma 12B"."""
    out = ""
    for t in tokens:
        out += "_" + t if out and out[-1].isdigit() and t[:1].isdigit() else t
    return out


def _compact(text: str) -> str:
    return _joined(_tokens(text))


# an Ollama tag ("qwen:14b") names one library build: kept apart from the words it is made of, so
# "qwen 14b" typed in a question is no exact hit on the first Qwen's tag
_TAG_LIKE = re.compile(r"^[a-z][a-z0-9.\-]*:[a-z0-9.\-]+$", re.IGNORECASE)


def _exact_key(text: str) -> str:
    compact = _compact(text)
    return f"tag:{compact}" if _TAG_LIKE.match(text.strip()) else compact


def _size_of(token: str) -> float | None:
    m = _SIZE.match(token)
    return float(m.group(1)) if m else None


@dataclass(frozen=True, slots=True)
class _Entry:
    spec: ModelSpec
    names: tuple[str, ...]  # display-ish names to fuzzy-match
    token_sets: tuple[frozenset[str], ...]
    token_texts: tuple[str, ...] = ()  # each token set sorted and joined, for fuzzy matching
    words: frozenset[str] = frozenset()  # every token of every name
    first_words: frozenset[str] = frozenset()  # the word each name starts with ("qwen", "llama")
    versions: frozenset[float] = frozenset()  # the number right after that word ("2.5" of qwen2.5)
    sizes: frozenset[float] = frozenset()  # sizes its names state ("7b" -> 7.0) and params_b
    plain: bool = True  # a base release, not a coder/vision/distilled variant
    vision: bool = False  # a vision variant ("Qwen3-VL 235B A22B")
    # a letter its names write before the version ("m" of MiniMax M2.5, "k" of Kimi K2), and those versions
    version_letters: frozenset[str] = frozenset()
    lettered_versions: frozenset[float] = frozenset()


# the fewest words a name written in another order must have: a family, a version or size and a variant
_WORD_SET_MIN = 3
_LEADING_WORD = re.compile(r"[a-z]+")
# first words of model names that are not the model's own: vendors and hardware, plain English
_NOT_FAMILY_WORDS = frozenset(
    {"nvidia", "amd", "intel", "apple", "google", "meta", "microsoft", "ibm", "the", "open", "code", "model"}
)
_DATE_CODE = re.compile(r"^2[3-9](?:0[1-9]|1[0-2])$")  # a release's year and month: "2507"
_VARIANT_WORDS = frozenset({"coder", "code", "vl", "vision", "distill", "nemotron", "math", "guard", "omni"})


def _version_after(tokens: Sequence[str], pos: int, letters: frozenset[str] = frozenset("v")) -> float | None:
    """The version written after the family word at `pos`: "qwen 2.5", "deepseek v3", "llama-3.1"; a
    family whose names put another letter before it ("minimax m2.5") passes that letter."""
    i = pos + 1
    if i < len(tokens) and tokens[i] in letters:
        i += 1
    if i < len(tokens) and _VERSION.match(tokens[i]):
        return float(tokens[i])
    return None


def _entry(m: ModelSpec) -> _Entry:
    names = [m.id, m.name, *m.aliases]
    if m.hf_repo:
        names += [m.hf_repo, m.hf_repo.split("/")[-1]]
    # an Ollama library's ":latest" tag ("gpt-oss:latest") names its default build exactly, and only
    # exactly: its words are the bare library name, which alone names the family (several sizes)
    tokenized = [_tokens(n) for n in names if not n.lower().endswith(":latest")]
    words: set[str] = set()
    firsts: set[str] = set()
    versions: set[float] = set()
    sizes: set[float] = {m.params_b}
    letters: set[str] = set()
    lettered: set[float] = set()
    for toks in [*tokenized, _tokens(m.family)]:
        words.update(toks)
        if toks and toks[0].isalpha():
            firsts.add(toks[0])
            version = _version_after(toks, 0)
            if version is not None:
                versions.add(version)
            elif len(toks) > 2 and len(toks[1]) == 1 and toks[1].isalpha() and _VERSION.match(toks[2]):
                letters.add(toks[1])  # "minimax m 2.5": the letter is the version's
                lettered.add(float(toks[2]))
        sizes.update(s for s in map(_size_of, toks) if s is not None)
    family = _tokens(m.family)
    extra = {t for t in family[1:] if t.isalpha() and t != "v"}
    name_toks = _tokens(m.name)
    vision = "vision" in name_toks or "vl" in name_toks or (len(name_toks) > 1 and "v" in name_toks[2:3])
    # a thinking-only release beside an instruct one of the same weights ("Qwen3 30B A3B Thinking 2507")
    # is the variant: a bare family and size names the other
    # a thinking-only release beside an instruct one of the same weights ("Qwen3 30B A3B Thinking 2507"),
    # or a dated refresh of a release ("... Instruct 2507"), is a variant: a bare family and size names the
    # release itself; the words a question adds ("thinking", "2507") pick a variant (_pick_by_size)
    refresh = "thinking" in name_toks or any(_DATE_CODE.match(t) for t in name_toks)
    plain = not (extra & _VARIANT_WORDS) and not vision and "distill" not in m.id and not refresh
    token_sets = tuple(frozenset(map(_canon, t)) for t in tokenized)
    return _Entry(
        m,
        tuple(names),
        token_sets,
        tuple(" ".join(sorted(t)) for t in token_sets),
        frozenset(words),
        frozenset(firsts),
        frozenset(versions),
        frozenset(sizes),
        plain,
        vision,
        frozenset(letters),
        frozenset(lettered),
    )


@dataclass(frozen=True, slots=True)
class ModelIndex:
    """Lookup structures over a catalog (build once, reuse)."""

    entries: tuple[_Entry, ...]
    exact: dict[str, ModelSpec]
    # words a model name starts with ("qwen", "smollm"): where a question's model names begin
    family_words: frozenset[str] = frozenset()
    # fine-tunes without their base's name: (words, base entry, source)
    finetunes: tuple[tuple[tuple[str, ...], ModelSpec, str], ...] = ()
    by_first_word: dict[str, tuple[_Entry, ...]] = field(default_factory=dict)
    by_id: dict[str, _Entry] = field(default_factory=dict)
    # every name's token set, flattened for one fuzzy pass: text, set, and the entry it belongs to
    fuzzy_texts: tuple[str, ...] = ()
    fuzzy_sets: tuple[frozenset[str], ...] = ()
    fuzzy_owner: tuple[int, ...] = ()
    # names as typed (name, id, aliases; normalised) and the entry each belongs to: for suggestions
    typed_names: tuple[str, ...] = ()
    typed_owner: tuple[int, ...] = ()
    ids: frozenset[str] = frozenset()  # every entry's id, hashed once (point releases: _versions.py)
    name_words: frozenset[str] = frozenset()  # every word of every entry's names
    # each name's words as a set, where that set is one model's alone: the name in another word order
    # ("Qwen3-4B-VL" for Qwen3-VL-4B, "Nemotron-Nano-3-30B-A3B" for Nemotron 3 Nano 30B-A3B)
    word_sets: dict[frozenset[str], ModelSpec] = field(default_factory=dict)

    @classmethod
    def build(cls, models: Iterable[ModelSpec]) -> ModelIndex:
        from rapidfuzz import utils  # built once and kept (sizing/data_cache.py): loaded only then

        entries = []
        exact: dict[str, ModelSpec] = {}
        families: set[str] = set()
        by_word: dict[str, list[_Entry]] = {}
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
            e = _entry(m)
            for n in e.names:
                exact.setdefault(_exact_key(n), m)
            entries.append(e)
            if not m.is_generic:
                for w in e.first_words:
                    by_word.setdefault(w, []).append(e)
        by_id = {e.spec.id: e.spec for e in entries}
        owners: dict[frozenset[str], set[str]] = {}
        for e in entries:
            for ts in e.token_sets:
                if len(ts) >= _WORD_SET_MIN and any(t[:1].isdigit() for t in ts):
                    owners.setdefault(ts, set()).add(e.spec.id)
        word_sets = {ts: by_id[next(iter(ids))] for ts, ids in owners.items() if len(ids) == 1}
        finetunes = tuple(
            (tuple(_tokens(f.name)), by_id[f.base], f.source) for f in load_finetunes() if f.base in by_id
        )
        return cls(
            tuple(entries),
            exact,
            frozenset(families),
            finetunes,
            {w: tuple(es) for w, es in by_word.items()},
            {e.spec.id: e for e in entries},
            tuple(t for e in entries for t in e.token_texts),
            tuple(t for e in entries for t in e.token_sets),
            tuple(i for i, e in enumerate(entries) for _ in e.token_sets),
            tuple(typed_names),
            tuple(typed_owner),
            frozenset(by_id),
            frozenset().union(*(e.words for e in entries)),
            word_sets,
        )


@dataclass(frozen=True, slots=True)
class Resolution:
    model: ModelSpec
    assumptions: tuple[str, ...] = ()


_STYLE_WORDS = LazyPattern(r"\b(?:style|styled|like|based|type|shaped|sized)\b|-(?:style|like|based|type)\b")


# a vision-language release named as such ("Qwen2-VL 7B", "qwen2vl-7b-awq", "... Vision", "glm-4.6v": a
# version with the V of a vision release; "glm4v-9b", "glm-4v": a family's version with that V)
_VISION_NAME = LazyPattern(
    r"(?i)(?<![a-z])(?:[a-z]+\d*(?:\.\d+)?)?vl(?![a-z])|(?<![a-z])vision(?![a-z])"
    r"|(?<![a-z0-9.])\d{1,2}\.\d{1,2}v(?![a-z0-9])|(?<![a-z])[a-z]{2,}-?\d{1,2}v(?![a-z0-9])"
)
# a word saying what the model does, said after its name ("gemma 4 26b a4b vision", "glm-4.5v 106b vision")
_TASK_WORD_SAID = LazyPattern(r"(?i)[\s_-]+(?:vision|visual|multimodal)\s*$")


def resolve_model(text: str, index: ModelIndex) -> Resolution:
    """Resolve a model name; UnknownModelError (with .suggestions) when nothing or several fit.
    Never raises anything else, whatever the text (empty, 100 KB, control characters, lone
    surrogates)."""
    found = _resolve_model(text, index)
    task_word = _TASK_WORD_SAID.search(text[:200]) if isinstance(text, str) else None
    if task_word is not None and ("vision" not in found.model.tasks or found.assumptions):
        # the name without the word, where that names a model that does it: the word was no fine-tune's
        try:
            bare = _resolve_model(text[: task_word.start()], index)
        except UnknownModelError:
            bare = None
        if bare is not None and "vision" in bare.model.tasks:
            found = bare
    m = found.model
    vision_named = isinstance(text, str) and _VISION_NAME.search(text[:200]) is not None
    if vision_named and "vision" not in m.tasks and not m.is_generic:
        # the vision release is not in the catalog and its text model stands in: say what that leaves out
        said = (
            f"{m.name} is its language model alone: the vision encoder and the image tokens of "
            f"'{_shown(text)}' are not counted"
        )
        return Resolution(m, (*found.assumptions, said))
    return found


def _resolve_model(text: str, index: ModelIndex) -> Resolution:
    if not isinstance(text, str):
        raise UnknownModelError("no model named", hint='Name a model, like "Qwen3 30B" or "gpt-oss-120b".')
    query = clean_text(text[: MAX_NAME_CHARS * 4])
    if not query:
        raise UnknownModelError("no model named", hint='Name a model, like "Qwen3 30B" or "gpt-oss-120b".')
    if len(query) > MAX_NAME_CHARS or len(text) > MAX_NAME_CHARS * 4:
        raise UnknownModelError(f"that model name is too long (over {MAX_NAME_CHARS} characters)")
    query = _LLAMA_CHAT.sub("llama 2 ", query)
    hit = index.exact.get(_exact_key(query))
    if hit is not None:
        return Resolution(hit)
    query = with_version_dots(query, index.ids)  # "Qwen25-7B", "DeepSeek-V32-Exp"
    name = read_pasted_name(query)
    readings = [r for r in (name.model, *name.alternatives) if r.strip()]
    # an Ollama tag's bare library name ("deepseek-r1" of "deepseek-r1:70b-llama-distill-q8_0") names
    # the library, not the build: it is no exact hit where the tag says more
    exact = [name.model] if name.form == "ollama-tag" and name.model.strip() else readings
    if name.form == "llama-bench" and name.quant is None and _names_more(query, name.model, index):
        # no file type after the label, and the words after it are words of catalog names ("qwen3 4b
        # thinking", "qwen3 30b 2507"): they are the name's own, so the label alone is no exact hit
        readings.insert(0, query)
        exact = [query]
    hit = _exact_reading(exact, index)
    if hit is not None:
        return Resolution(hit)
    reordered = _reordered_reading(exact, index)
    if reordered is not None:
        return reordered
    # a llama-bench label comes with its file type ("qwen2 7B Q4_K_M"); "qwen 14b" typed in a question
    # names the family, not llama.cpp's architecture of the first Qwen
    if name.arch is not None and name.size is not None and name.quant is not None:
        # llama.cpp's architecture and size are what Ollama names its library builds by ("phi3:14b")
        tagged = index.exact.get(f"tag:{_compact(name.model)}")
        if tagged is not None:
            return Resolution(tagged)
        found = _by_arch(name, index)
        if found is not None:
            return found
    styled = _STYLE_WORDS.search(query.lower()) is not None
    if styled or not any(_family_word(_tokens(r), index) for r in readings):
        hypothetical = hypothetical_model(query, index)
        if hypothetical is not None:
            return hypothetical
    for reading in readings:
        toks = _tokens(reading)
        found = (
            _embedded(toks, index, reading)
            or _finetune(toks, index, reading)
            or _by_family_size(toks, index, reading)
            or _point_release(toks, index, reading)
        )
        if found is not None:
            return found
    hypothetical = hypothetical_model(query, index)
    if hypothetical is not None:
        return hypothetical
    newer = _newer_release(readings[0] if readings else query, index)
    if newer is not None:
        raise UnknownModelError(
            f"no model matches '{_shown(text)}' ({newer})",
            hint=_SIZE_IT,
        )
    return _fuzzy(readings[0] if readings else query, text, index)


def _newer_release(query: str, index: ModelIndex) -> str | None:
    """Why a family word and a version newer than every release of that family ("llama 5", "qwen 9")
    names no catalog model: a guess by shared words would be an older release under a new name
    (Llama 5 is no Llama 3.3 Nemotron "v1.5"). A number that is one of the family's sizes ("qwen 7")
    is read as the size."""
    tokens = _tokens(query)
    if not tokens or not tokens[0].isalpha() or tokens[0] not in index.by_first_word:
        return None
    family = [e for e in index.by_first_word[tokens[0]] if tokens[0] in e.first_words]
    letters = frozenset({"v"}.union(*(e.version_letters for e in family)))
    version = _version_after(tokens, 0, letters)
    known = [v for e in family for v in (*e.versions, *e.lettered_versions)]
    if version is None or not known or version <= max(known) or any(version in e.sizes for e in family):
        return None
    newest = max(family, key=lambda e: max((*e.versions, *e.lettered_versions), default=0.0))
    if newest.lettered_versions and not newest.versions:  # "MiniMax M2.7": the release's own name
        return f"the newest {newest.spec.name.split()[0]} in the catalog is {newest.spec.name}"
    return f"the newest {tokens[0].capitalize()} in the catalog is version {max(known):g}"


def _names_more(query: str, label: str, index: ModelIndex) -> bool:
    """Whether `query` has words beyond its `label` part and one catalog entry's names hold them all
    with the label's ("qwen3 4b thinking": Qwen3 4B Thinking 2507; not "qwen 30b moe")."""
    words = set(_tokens(query))
    if not words - set(_tokens(label)) or not words <= index.name_words:
        return False
    return any(words <= e.words for e in index.entries)


# Meta named its tuned Llama 2 "chat" (LLaMA 1 had no tuned release, Llama 3 on say "Instruct"): a Llama
# of one of Llama 2's sizes (7B, 13B, 70B) called chat ("Llama-70B-chat-hf", "llama-13b-chat") is Llama 2
_LLAMA_CHAT = LazyPattern(r"(?i)(?<![a-z])llama[-_ ]?(?=(?:7|13|70)b(?![a-z0-9]).*(?<![a-z])chat(?![a-z]))")


def _exact_reading(readings: Sequence[str], index: ModelIndex) -> ModelSpec | None:
    for reading in readings:
        hit = index.exact.get(_exact_key(reading))
        if hit is not None:
            return hit
    return None


def _reordered_reading(readings: Sequence[str], index: ModelIndex) -> Resolution | None:
    """The one catalog model whose name has exactly a reading's words in another order: a size or
    a variant word moved ("Qwen3-4B-VL", "Qwen2.5-3B-vl", "Nemotron-Nano-3-30B-A3B"). Not the name
    as written, so the reading is said."""
    for reading in readings:
        tokens = _tokens(reading)
        if not tokens or not tokens[0].isalpha():
            continue  # a name starts with its family word, never a count ("3 qwen 8b")
        hit = index.word_sets.get(frozenset(map(_canon, tokens)))
        if hit is not None:
            return Resolution(hit, (f"read '{reading}' as {hit.name}",))
    return None


def exact_model(text: str, index: ModelIndex) -> ModelSpec | None:
    """The catalog model `text` names exactly (its id, name, an alias or its repo, as pasted:
    "Qwen/Qwen3-8B", "bartowski/Qwen_Qwen3-8B-GGUF"), or None: no guess by family or size."""
    query = clean_text(text[: MAX_NAME_CHARS * 4])
    if not query or len(query) > MAX_NAME_CHARS:
        return None
    hit = index.exact.get(_exact_key(query))
    if hit is not None:
        return hit
    name = read_pasted_name(query)
    return _exact_reading([r for r in (name.model, *name.alternatives) if r.strip()], index)


def _fuzzy(query: str, text: str, index: ModelIndex) -> Resolution:
    q_tokens = frozenset(map(_canon, _tokens(query)))
    if not q_tokens:
        raise UnknownModelError(
            f"'{_shown(text)}' does not name a model", hint='Try "Llama 3.3 70B" or "Qwen3 235B".'
        )
    # names are scored nearest first, in bands of ratio: those under a band's floor score under the floor
    # plus the bonus, so they can be neither the answer nor a rival of one (within 2 of at least
    # _FUZZY_MATCH) once the best scores that much, nor among the five suggestions once five score more
    from rapidfuzz import fuzz, process  # fuzzy matching only where exact reading failed

    joined = " ".join(sorted(q_tokens))
    best: dict[int, tuple[float, int]] = {}
    near = process.extract(
        joined, index.fuzzy_texts, scorer=fuzz.token_set_ratio, limit=None, score_cutoff=_FUZZY_BANDS[0]
    )
    scored = _fuzzy_scores(q_tokens, index, near, best)
    if not _fuzzy_settled(scored, _FUZZY_BANDS[0]):
        every = process.extract(joined, index.fuzzy_texts, scorer=fuzz.token_set_ratio, limit=None)
        for ceiling, floor in pairwise(_FUZZY_BANDS):
            band = [r for r in every if floor <= r[1] < ceiling]
            scored = _fuzzy_scores(q_tokens, index, band, best)
            if _fuzzy_settled(scored, floor):
                break
    top_score, top_extra, top = scored[0]
    if top_score < _FUZZY_MATCH:
        suggestions = tuple(s.name for _, _, s in scored[:5])
        raise UnknownModelError(
            f"no model matches '{_shown(text)}'",
            suggestions=suggestions,
            hint="Did you mean: " + ", ".join(suggestions) + f"? {_SIZE_IT}",
        )
    rivals = [s for s in scored[1:6] if s[0] >= top_score - 2 and s[1] == top_extra]
    family = _family_only(query, index)
    if len(family) > 1:  # "deepseek", "qwen3": a family, not one model - its releases, newest first
        suggestions = tuple(e.spec.name for e in sorted(family, key=lambda e: not e.plain)[:5])
        raise UnknownModelError(
            f"'{_shown(text)}' could be several models",
            suggestions=suggestions,
            hint="Did you mean: " + ", ".join(suggestions) + "?",
        )
    if rivals:
        suggestions = tuple(s.name for _, _, s in [scored[0], *rivals])
        raise UnknownModelError(
            f"'{_shown(text)}' could be several models",
            suggestions=suggestions,
            hint="Did you mean: " + ", ".join(suggestions) + "?",
        )
    other = _other_release(query, top)
    if other is not None:  # "nemotron 3 super" is no Llama 3.3 Nemotron Super, "laguna s" no Laguna XS
        raise UnknownModelError(
            f"no model matches '{_shown(text)}' ({other})",
            suggestions=(top.name,),
            hint=f"Did you mean: {top.name}? {_SIZE_IT}",
        )
    stranger = _foreign_word(q_tokens, index, top, fuzz.ratio)
    if stranger is not None:  # "gpt-neox-20b" is not gpt-oss-20b: "neox" is no misspelling of its words
        raise UnknownModelError(
            f"no model matches '{_shown(text)}' ('{stranger}' is in no catalog name like it)",
            suggestions=(top.name,),
            hint=f"Did you mean: {top.name}?",
        )
    return Resolution(top)


_FOREIGN_RATIO = 70  # a word this unlike every word of the nearest name is no misspelling of one


def _foreign_word(
    q_tokens: frozenset[str], index: ModelIndex, top: ModelSpec, ratio: Callable[[str, str], float]
) -> str | None:
    """A word of the name (three letters or more) unlike every word of the nearest model's names; a
    word naming what the model does ("mistral small 3.2 vision": it reads images) is not foreign."""
    words = set().union(*(e.words for e in index.entries if e.spec.id == top.id))
    letters = [w for w in words if w.isalpha()]
    for t in sorted(q_tokens):
        if (
            len(t) >= 3
            and t.isalpha()
            and t not in words
            and _TASK_WORDS.get(t) not in top.tasks
            and all(ratio(t, w) < _FOREIGN_RATIO for w in letters)
        ):
            return t
        # a line's letter code glued to its version ("m.1", "xs.2") that none of its names carries is
        # another release of the family, not a misspelling of this one
        if _CODED_VERSION.match(t) and t not in words and all(ratio(t, w) < _FOREIGN_RATIO for w in words):
            return t
    return None


_CODED_VERSION = re.compile(r"^[a-z]{1,3}\.\d{1,2}$")
# a point release written with its dot as "_" or "-" in repository and file names ("Llama-3_3-...",
# "...-v1-5"): one digit, the separator, one digit, and no digit, dot or letter after it (a size's
# "3-8b" and a date's "08-2024" are kept apart)
_SPLIT_RELEASE = re.compile(r"(?<![\d.])(\d{1,2})[_\-](\d)(?![\d.a-z])", re.IGNORECASE)
# a line's one- or two-letter code, said after the family word: "Command A", "Command R", "Laguna XS"
_LINE_CODE = re.compile(r"^[a-z]{1,2}$")
_NOT_LINE_CODES = frozenset({"v"})  # the version's own letter ("deepseek v3")
_NOT_CODES = _NOISE | _NOT_LINE_CODES


def _other_release(query: str, top: ModelSpec) -> str | None:
    """Why the nearest name `top` is another release than the one `query` names, or None: a version
    said that none of its names carries ("nemotron 3 super" is no Llama-3.3-Nemotron-Super: "3" is not
    "3.3"), or a line code said where its name gives another ("command a plus" is not Command R+,
    "laguna s 2.1" not Laguna XS 2.1). The words said name a release the catalog lacks."""
    repo = (top.hf_repo, top.hf_repo.split("/")[-1]) if top.hf_repo else ()
    names = [top.name, top.id, *top.aliases, *repo]
    numbers: set[str] = set()
    words: set[str] = set()
    majors: set[tuple[str, str]] = set()  # a word and the whole version after it: ("llama", "3") of Llama 3.3
    for n in names:
        toks = _tokens(_SPLIT_RELEASE.sub(r"\1.\2", n))
        numbers.update(_canon(t) for t in toks if t[:1].isdigit())
        words.update(toks)
        majors.update((w, v.split(".")[0]) for w, v in pairwise(toks) if _VERSION.match(v))
    said = _tokens(query)
    for i, t in enumerate(said):
        if not _VERSION.match(t) or t in numbers or any(_same_number(t, n) for n in numbers):
            continue
        # a whole version after the word the name puts its point release after is that generation
        # ("llama 3 nemotron super": Llama 3.3); after another word it is another line ("nemotron 3")
        if i > 0 and "." not in t and (said[i - 1], t) in majors:
            continue
        return f"'{t}' is no version of {top.name}"
    # "a" after the family word is a letter ("Command A"), not the article; packaging words are no codes
    codes = [w for w in _split_words(query)[1:] if _LINE_CODE.match(w) and (w == "a" or w not in _NOT_CODES)]
    own = [w for w in _tokens(top.name) if _LINE_CODE.match(w) and w not in _NOT_LINE_CODES]
    for c in codes:
        if own and c not in words:
            return f"'{c}' is not the '{own[0].upper()}' of {top.name}"
    return None


def _same_number(said: str, number: str) -> bool:
    try:
        return float(said) == float(number)
    except ValueError:
        return False


# words people add to a model's name for what it does (the catalog's task names)
_TASK_WORDS = {"vision": "vision", "visual": "vision", "multimodal": "vision"}


_FUZZY_SUBSET_BONUS = 20  # every word of the name is in the catalog name
_FUZZY_NUMBER_MISS = 40  # a number of the name is not in it
# a release newer than the catalog is sized from its size and kind, as a generic model of that shape
_SIZE_IT = (
    'A release the catalog lacks is sized from its size and kind: add it ("a 70B dense model", "a 400B '
    'MoE with 20B active").'
)

_FUZZY_MATCH = 75  # the least score of a name read as a model
# the bands of token-set ratio names are scored in, nearest first: the first floor plus the bonus (70)
# is under _FUZZY_MATCH less the rivals' margin of 2, and the last band holds every name
_FUZZY_BANDS = (50.0, 30.0, 0.0)


def _fuzzy_settled(scored: Sequence[tuple[float, int, ModelSpec]], floor: float) -> bool:
    """Whether names with a ratio under `floor` (scoring under it plus the bonus) can change nothing:
    the best already reads as the model, or five score more than any of them could."""
    return bool(scored) and (
        scored[0][0] >= _FUZZY_MATCH or (len(scored) >= 5 and scored[4][0] >= floor + _FUZZY_SUBSET_BONUS)
    )


def _fuzzy_scores(
    q_tokens: frozenset[str],
    index: ModelIndex,
    raw: Sequence[tuple[str, float, int]],
    best: dict[int, tuple[float, int]],
) -> list[tuple[float, int, ModelSpec]]:
    """Adds the names rapidfuzz scored (`raw`: name, token-set ratio, place) to `best` (each model's best
    (score, words its name has beyond the query's)); returns (score, extra words, model) of every model
    in `best`, best first."""
    numbers = frozenset(t for t in q_tokens if t[0].isdigit())
    for _, ratio, k in raw:
        toks = index.fuzzy_sets[k]
        score = (
            ratio
            + (_FUZZY_SUBSET_BONUS if q_tokens <= toks else 0)
            - (0 if numbers <= toks else _FUZZY_NUMBER_MISS)
        )
        extra = len(toks - q_tokens)
        owner = index.fuzzy_owner[k]
        held = best.get(owner)
        if held is None or score > held[0] or (score == held[0] and extra < held[1]):
            best[owner] = (score, extra)
    scored = [(score, extra, index.entries[owner].spec) for owner, (score, extra) in best.items()]
    scored.sort(key=lambda s: (-s[0], s[1], s[2].id))
    return scored


def _family_only(query: str, index: ModelIndex) -> list[_Entry]:
    """The releases a name that is only a family word (and a version) fits: "deepseek", "qwen 3"."""
    tokens = _tokens(query)
    if not tokens or not tokens[0].isalpha() or tokens[0] not in index.by_first_word:
        return []
    version = _version_after(tokens, 0)
    rest = tokens[1:]
    if rest and rest[0] == "v":
        rest = rest[1:]
    if version is not None:
        rest = rest[1:]
    if rest:
        return _series_only(tokens, index.by_first_word[tokens[0]])
    family = [e for e in index.by_first_word[tokens[0]] if tokens[0] in e.first_words]
    if version is not None:
        family = [e for e in family if version in e.versions]
    return sorted(family, key=_newest_first)


def _series_only(tokens: Sequence[str], candidates: Iterable[_Entry]) -> list[_Entry]:
    """The releases of a series a name gives by its whole name and nothing more: "granite 4 nano" or
    "granite nano" is every model of the Granite 4.0 Nano series (the version may be left out); only a
    family with a series word after its version is a series."""
    asked = [_series_word(t) for t in tokens]
    found = []
    for e in candidates:
        words = [_series_word(t) for t in _tokens(e.spec.family)]
        versions = [i for i, w in enumerate(words) if isinstance(w, float)]
        if not versions or versions[-1] == len(words) - 1:
            continue  # no series word after the family's version ("Mistral Small 3" names one release)
        if asked in (words, [w for w in words if isinstance(w, str)]):
            found.append(e)
    return sorted(found, key=_newest_first)


def _series_word(token: str) -> str | float:
    return float(token) if _VERSION.match(token) else token


def _shown(text: str) -> str:
    s = clean_text(text[:200])
    return s if len(s) <= 80 else s[:77] + "..."


# ------------------------------------------------------------------------- llama-bench labels
_BENCH_TOLERANCE = math.log(1.35)  # llama.cpp's size labels are classes ("3B" for Phi-3's 3.8B)


def _label_distance(size: SizeLabel, e: _Entry) -> float | None:
    spec = e.spec
    if size.effective_b is not None:
        return 0.0 if f"e{size.effective_b:g}b" in e.words else None
    if size.nickname and "x" in size.nickname:  # "8x7b"
        return 0.0 if size.nickname in e.words else None
    if size.experts is not None:
        if spec.moe is None or spec.moe.experts != size.experts or spec.active_params_b is None:
            return None
        return abs(math.log(spec.active_params_b / size.active_b)) if size.active_b else 0.0
    if size.total_b is None:
        return None
    d = min(abs(math.log(s / size.total_b)) for s in e.sizes if s > 0)
    if size.active_b is not None:
        if spec.active_params_b is None:
            return None
        d += 0.5 * abs(math.log(spec.active_params_b / size.active_b))
    return d


def _newest_first(e: _Entry) -> tuple[int, str]:
    return (-(e.spec.released or _EPOCH).toordinal(), e.spec.id)


def _by_arch(name: PastedName, index: ModelIndex) -> Resolution | None:
    """'qwen3moe 30B.A3B', 'llama 70B', 'gemma3n E4B', 'llama4 17Bx16E (Scout)': the architecture's
    families (its own first), the entry nearest to the size label, the newest of equals."""
    assert name.arch is not None and name.size is not None
    families = ARCH_FAMILIES.get(name.arch)
    if families is None:
        return None
    primary = {f.lower() for f in families[0]}
    secondary = {f.lower() for f in families[1]}
    scored: list[tuple[float, bool, bool, tuple[int, str], _Entry]] = []
    for e in index.entries:
        fam = e.spec.family.lower()
        if fam not in primary and fam not in secondary:
            continue
        d = _label_distance(name.size, e)
        if d is None or d > _BENCH_TOLERANCE:
            continue
        scored.append((d, fam not in primary, not e.plain, _newest_first(e), e))
    if not scored:
        return None
    best = min(s[0] for s in scored)
    pool = sorted((s for s in scored if s[0] <= best + 0.02), key=lambda s: s[1:4])
    pick = pool[0][4].spec
    notes = [f"read the llama-bench label '{name.text}' as {pick.name} (architecture '{name.arch}')"]
    same = [s[4].spec.name for s in pool if s[1:3] == pool[0][1:3]]
    if len(same) > 1:
        notes.append(f"{', '.join(same)} share that architecture and size: assumed the newest, {pick.name}")
    return Resolution(pick, tuple(notes))


# ------------------------------------------------------------------------- fine-tunes
def _family_word(tokens: Sequence[str], index: ModelIndex) -> str | None:
    return next((t for t in tokens if t.isalpha() and t in index.by_first_word), None)


def _is_size(token: str) -> bool:
    return bool(_ANY_SIZE.match(token))


_VERSION = re.compile(r"^\d{1,2}(?:\.\d{1,2})?$")  # a bare version number ("2", "3.1"), not a date or size
# words a maker names another model of its line by, smaller or larger than the base ("Qwen3-Next",
# "GLM-4.5-Air", "DeepSeek-V4-Flash", "Gemini Flash", "Mistral Small"): never a fine-tune of the base
_LINE_WORDS = frozenset({"flash", "next", "air", "lite", "mini", "nano", "turbo", "max", "ultra"})


def _embedded(tokens: list[str], index: ModelIndex, reading: str) -> Resolution | None:
    """A fine-tune or repackaging whose name holds its base's name: the longest run of words that
    is a catalog name, keeping every size the name states ("Hermes-3-Llama-3.1-405B" -> Llama 3.1
    405B, "Qwen3-8B-abliterated" -> Qwen3 8B)."""
    n = len(tokens)
    if n < 2 or n > 24:
        return None
    sized = [i for i, t in enumerate(tokens) if _is_size(t)]
    for k in range(n - 1, 0, -1):
        for i in range(n - k + 1):
            if sized and not (i <= sized[0] and sized[-1] < i + k):
                continue
            if not sized and k < 2 and (n > 2 or i != n - 1):
                # one word is a base only after the fine-tune's own word ("dolphin-mixtral"): a word
                # after a family names another model of its line ("Mistral-Small", "Phi-Mini")
                continue
            hit = index.exact.get(_joined(tokens[i : i + k]))
            if hit is None:
                continue
            if i + k < n and _VERSION.match(tokens[i + k]):
                continue  # "Devstral Small 2": a version after the name names another model
            dropped = tokens[:i] + tokens[i + k :]
            if dropped:
                # the words left over name a release of the same weights ("qwen3 30b a3b thinking")
                release = _release_named(tokens, hit, index) or _coded_release(dropped, hit, index)
                if release is not None:
                    return Resolution(release)
            own = index.by_id[hit.id].words if hit.id in index.by_id else frozenset()
            if any(t in index.by_first_word and t not in own for t in dropped if t.isalpha()):
                continue  # another family's name is left over: not this one's fine-tune
            # words of the base's own name in another order ("32b-qwen-distill") are no fine-tune
            words = [t for t in dropped if t.isalpha() and len(t) > 1 and t != "v" and t not in own]
            if not words:
                return Resolution(hit)
            if not sized and _LINE_WORDS.intersection(words):
                return None  # "GLM-5-Next", "GLM-5.3-Flash": another model of the maker's line, size unsaid
            return Resolution(
                hit,
                (f"read '{reading}' as a fine-tune of {hit.name} ({' '.join(words)}): sized as its base",),
            )
    return None


def _release_named(tokens: Sequence[str], base: ModelSpec, index: ModelIndex) -> ModelSpec | None:
    """Another entry of `base`'s shape whose names hold every one of `tokens` (its Thinking or 2507
    release), the one whose own name says most of them."""
    want = set(tokens)
    found = [
        e
        for e in index.entries
        if e.spec.id != base.id
        and e.spec.params_b == base.params_b
        and e.spec.family == base.family
        and want <= e.words
    ]
    if not found:
        return None
    return max(found, key=lambda e: (len(want & set(_tokens(e.spec.name))), e.plain)).spec


_RELEASE_CODE = re.compile(r"^\d{4}$")  # a release's date code: "0731", "2507"


def _coded_release(dropped: Sequence[str], base: ModelSpec, index: ModelIndex) -> ModelSpec | None:
    """The one other release of `base`'s family whose names carry a date code left over ("deepseek
    v4 0731": the V4 Flash release named DeepSeek-V4-Flash-0731), else None."""
    codes = {t for t in dropped if _RELEASE_CODE.match(t)}
    if not codes:
        return None
    found = [e.spec for e in index.entries if e.spec.family == base.family and codes <= e.words]
    return found[0] if len(found) == 1 else None


def _finetune(tokens: list[str], index: ModelIndex, reading: str) -> Resolution | None:
    """A fine-tune listed in data/finetunes.yaml ("Midnight-Miqu-70B", "nous-hermes-2-mixtral")."""
    for words, base, source in index.finetunes:
        k = len(words)
        if any(tuple(tokens[i : i + k]) == words for i in range(len(tokens) - k + 1)):
            note = f"'{reading}' is a fine-tune of {base.name}: sized as its base ({source.split()[0]})"
            return Resolution(base, (note,))
    return None


# ------------------------------------------------------------------------- family and size
_STATED = re.compile(r"^(\d+(?:\.\d+)?)([bmt])$")


def _stated_sizes(tokens: Sequence[str]) -> tuple[float | None, float | None]:
    """Total and active billions a name states ("34b", "235b a22b", "1t", "500m")."""
    total = active = None
    for t in tokens:
        m = re.match(r"^a(\d+(?:\.\d+)?)b$", t)
        if m:
            active = float(m.group(1))
            continue
        m = _STATED.match(t)
        if m and total is None:
            total = float(m.group(1)) * {"b": 1.0, "m": 0.001, "t": 1000.0}[m.group(2)]
    return total, active


def _by_family_size(tokens: list[str], index: ModelIndex, reading: str) -> Resolution | None:
    """'65B llama', 'the 34b yi one', 'the 235B qwen', 'qwen2.5 math 7b': the family's release of
    that size (the newest when several have it), else a generic shape in the family's style."""
    total, active = _stated_sizes(tokens)
    if total is None or not 0.01 <= total <= 5000:
        return None
    for pos, word in enumerate(tokens):
        if not (word.isalpha() and word in index.by_first_word):
            continue
        family = [e for e in index.by_first_word[word] if word in e.first_words]
        version = _version_after(tokens, pos)
        if version is not None:
            versioned = [e for e in family if version in e.versions]
            exact = any(max(e.versions) == version for e in versioned)
            if family and not exact and _family_named_after(tokens, pos, index):
                # a release the catalog lacks, built on another family named after it
                # ("InternVL2-Llama3-76B"): the leading family's shape, of the nearest generation
                near = min(abs(max(e.versions) - version) for e in family if e.versions)
                closest = [e for e in family if e.versions and abs(max(e.versions) - version) == near]
                return _family_generic(closest, total, active, reading)
            if not versioned:
                continue
            family = versioned
        known = set().union(*(e.words for e in family)) if family else set()
        if _other_line(tokens, pos, known, reading):
            continue
        # the "v" of "Llama-v3.1" marks the version read above, no variant of the family
        wanted = {t for t in tokens if t.isalpha() and t not in (word, "v") and t in known}
        wanted = {t for t in wanted if not _is_size(t)}
        family = [e for e in family if wanted <= e.words] or family
        if not family:
            continue
        # no release of that size: the shape of the version named itself ("internvl3 38b" takes
        # InternVL3's dense shape, not InternVL3.5's MoE one), where the family has it
        own = [e for e in family if version is not None and max(e.versions) == version]
        return _pick_by_size(family, total, active, reading) or _family_generic(
            own or family, total, active, reading
        )
    return None


def _family_named_after(tokens: list[str], pos: int, index: ModelIndex) -> bool:
    """Whether another family's word follows the one at `pos` (the base a release is built on)."""
    return any(t.isalpha() and t != tokens[pos] and t in index.by_first_word for t in tokens[pos + 1 :])


def _point_release(tokens: list[str], index: ModelIndex, reading: str) -> Resolution | None:
    """'deepseek v4.1 flash', 'qwen3.7 27b', 'glm-5.2': a version of a line the catalog lacks, in a
    generation it has (the same major version), is sized as the nearest release before it (else after
    it) with the same words and size, with a note; None when the name leaves several releases open."""
    total, active = _stated_sizes(tokens)
    for pos, word in enumerate(tokens):
        if not (word.isalpha() and word in index.by_first_word):
            continue
        version = _version_after(tokens, pos)
        if version is None:
            continue
        family = [e for e in index.by_first_word[word] if word in e.first_words]
        if any(version in e.versions for e in family):
            return None  # a version the catalog has: read by the steps before
        known = set().union(*(e.words for e in family)) if family else set()
        wanted = {
            t for t in tokens if t.isalpha() and t not in (word, "v") and t in known and not _is_size(t)
        }
        same = sorted(
            {v for e in family for v in e.versions if math.floor(v) == math.floor(version)},
            key=lambda v: (v > version, abs(v - version)),
        )
        for near in same:
            line = [e for e in family if near in e.versions and wanted <= e.words]
            if not line:
                continue
            if total is not None:
                picked = _pick_by_size(line, total, active, reading)
                pick = picked.model if picked is not None else None
            else:
                plain = [e for e in line if e.plain] or line
                shapes = {(e.spec.params_b, e.spec.active_params_b) for e in plain}
                pick = plain[0].spec if len(shapes) == 1 else None
            if pick is None and total is None:
                return None  # several sizes of the nearest release: the name does not decide
            if pick is None:
                continue  # the size named is in another release of the generation
            note = f"'{reading}' is not in the catalog: sized as {pick.name}, the nearest release of its line"
            return Resolution(pick, (note,))
    return None


# a line's own short name glued to a family word: "gpt-j", "gpt-neox"; longer words are what a
# fine-tune or merge calls itself ("Llama-Frankenmerge-70B" keeps Llama's shape)
_LINE_NAME_MAX = 4


def _other_line(tokens: Sequence[str], pos: int, known: set[str], reading: str) -> bool:
    """'gpt-j 6b', 'gpt-neox-20b', 'gpt-x-alpaca-13b': a short word glued to the family word that no
    release of the family carries names another line of models (EleutherAI's GPT-J is no gpt-oss),
    unless it is a variant word ("qwen-coder")."""
    if pos + 1 >= len(tokens):
        return False
    word, after = tokens[pos], tokens[pos + 1]
    if not after.isalpha() or len(after) > _LINE_NAME_MAX or after in known or after in _VARIANT_WORDS:
        return False
    glued = rf"(?<![a-z0-9]){re.escape(word)}[-_.]{re.escape(after)}(?![a-z])"
    return re.search(glued, reading.lower()) is not None


_SIZE_TOLERANCE = 0.04  # "nearest within a few %": 34B for Yi's 34.4B, 235B for Qwen3's 235.1B
_SIZE_EXACT = 0.01  # the size named, as its name or its count says it (before the nearest ones)
# the largest releases are named by a round hundred ("deepseek 600B" for the 671B, "llama 4 100b" for
# Scout's 109B): such a size stands for a release within this share of it
_ROUND_HUNDRED_TOLERANCE = 0.12


def _size_tolerance(total: float) -> float:
    return _ROUND_HUNDRED_TOLERANCE if total >= 100 and total % 100 == 0 else _SIZE_TOLERANCE


def _pick_by_size(
    family: list[_Entry], total: float, active: float | None, reading: str
) -> Resolution | None:
    def fits(e: _Entry) -> bool:
        if not any(abs(s - total) <= _size_tolerance(total) * total for s in e.sizes):
            return False
        if active is None:
            return True
        got = e.spec.active_params_b
        return got is not None and abs(got - active) <= max(0.3, 0.1 * active)

    matched = [e for e in family if fits(e)]
    if not matched:
        return None
    # words the question adds that only some of these releases carry ("thinking", "2507") choose them
    # (a size is no such word: "qwen 32b" names the size that a 30B-A3B beside it lacks, not a variant)
    asked = {t for t in _tokens(reading) if not _is_size(t)}
    shared = frozenset.intersection(*(e.words for e in matched))
    distinct = asked - shared if len(matched) > 1 else set()
    chosen = [e for e in matched if distinct and distinct <= e.words]
    if len(chosen) > 1:  # the releases whose own name says it, then not the thinking-only one
        chosen = [e for e in chosen if distinct <= set(_tokens(e.spec.name))] or chosen
        chosen = [e for e in chosen if "thinking" not in _tokens(e.spec.name)] or chosen
    plain = chosen or [e for e in matched if e.plain] or [e for e in matched if not e.vision] or matched

    def off(e: _Entry) -> bool:  # a size only near the one named: "gemma 27b" is Gemma 3 27B, not a 26B
        return min(abs(s - total) for s in e.sizes) > _SIZE_EXACT * total

    plain.sort(key=lambda e: (off(e), _newest_first(e)))
    pick = plain[0].spec
    notes = [f"read '{reading}' as {pick.name}"]
    alike = [e for e in plain if off(e) == off(plain[0])]
    if len(alike) > 1:
        others = [e.spec.name for e in alike[1:4]]
        verb = "has" if len(others) == 1 else "have"
        notes.append(f"{', '.join(others)} also {verb} that size: assumed the newest, {pick.name}")
    return Resolution(pick, tuple(notes))


def _family_generic(
    family: list[_Entry], total: float, active: float | None, reading: str
) -> Resolution | None:
    """No release of that size: the family's nearest release scaled to it (an MoE when the size
    names active parameters or the family's nearest release is one)."""
    usable = [e for e in family if _plain(e.spec)]
    if not usable:
        return None
    usable.sort(key=lambda e: (abs(math.log(e.spec.params_b / total)), not e.plain, _newest_first(e)))
    wants_moe = True if active is not None else None
    template = next(
        (e.spec for e in usable if wants_moe is None or (e.spec.moe is not None) == wants_moe), None
    )
    if template is None:
        return None
    style = template.family
    # the name as written, so that the answer says which model it sized (a pruned "GLM-4.5-Air-REAP-82B")
    notes = [
        f"'{reading}' is not in the catalog (no {style} release of {total:g}B): sized as a {style}-style "
        f"{total:g}B shape"
    ]
    if template.moe is not None and active is None:
        ratio = active_params(template) / total_params(template)
        active = round(total * ratio, 1)
        notes.append(
            f"active parameters not given: assumed {active:g}B ({ratio:.1%} of the total, as {template.name})"
        )
    if template.moe is not None and active is not None and not 0.01 <= active < total:
        return None
    shape = generic_model(total, active if template.moe is not None else None, template, style)
    return Resolution(shape.spec, (*notes, *shape.assumptions))


def suggest_models(text: str, index: ModelIndex, limit: int = 25) -> list[ModelSpec]:
    """Models whose names look like `text` as it is being typed, best first: a fuzzy match of each
    name, ahead of it every name that holds all the typed words ("qwen3 30" in "qwen3 30b a3b"),
    and names that start with the text ahead of those. Empty text suggests nothing."""
    from rapidfuzz import fuzz, process, utils  # fuzzy matching only where exact reading failed

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


# "5 t/s" is a speed, never a 5T model
_HYPO = re.compile(
    r"(?P<total>\d+(?:\.\d+)?)\s*(?P<unit>b|billion|t(?!\s*/)|trillion)\b(?:\s*(?:params?|parameters?))?",
)
_ACTIVE = re.compile(
    r"(\d+(?:\.\d+)?)\s*b\s*(?:active|activated)|a(\d+(?:\.\d+)?)b\b|active\s*(?:params?\s*)?(\d+(?:\.\d+)?)\s*b"
)
_MOE = LazyPattern(r"\bmoes?\b|mixture[\s\-]of[\s\-]experts?|\bexperts?\b")
_NEGATIVE = re.compile(r"(?:^|[\s(])-\s*\d+(?:\.\d+)?\s*(?:b|billion|t|trillion)\b")
# "for 70b inference", "run 70b at q4", "32b?": a size standing alone is a model's size in this domain
# a size standing alone ("for 70b?") or as a part of a pasted name whose family is unknown
# ("SUS-Chat-34B-AWQ", "RWKV-4-Raven-7B-v11": the base shape of that size, with a note)
_BARE_SIZE = re.compile(r"(?:^|[\s(,;:/_-])\d{1,4}(?:\.\d+)?\s?b(?=$|[\s?!.,;:)_-])")
_HYPO_WORDS = re.compile(r"\b(dense|moe|mixture|models?|llms?|parameters?|params?|style|like)\b")
# "DeepSeek-style", "gpt-oss like", "like Qwen3": the release whose shape a generic model takes
_STYLES = (
    LazyPattern(r"\blike\s+(?:an?\s+|the\s+)?(?P<word>[a-z][a-z0-9.\-]*)"),
    LazyPattern(r"(?P<word>[a-z][a-z0-9.\-]*?)[\s\-]*(?:style|like|based|type)\b"),
)
_NOT_STYLES = frozenset({"model", "moe", "dense", "the", "something", "one", "sized", "shaped", "llm"})
# the shapes a generic model takes when no family is named: a dense Llama 3.1 and a GLM-4.5-style
# MoE (GQA, a shared expert, dense first layers: what most of today's MoE releases have)
DEFAULT_TEMPLATES = {False: "llama-3.1-70b", True: "glm-4.5"}
# the family line whose sizes people mean by a bare dense size ("a 13b", "a 70b"): the sizes Llama 2
# and Llama 3.x were released in (LLaMA 1's 2,048-token 33B and 65B are not what "a 33b" means today)
DENSE_SIZE_LINEAGE = "llama "
# an MoE asked about without its active size: the median share of today's large MoE releases
# (DeepSeek V3 37B of 671B, Kimi K2 32B of 1T, MiniMax M2 10B of 230B, gpt-oss-120b 5.1B of 117B,
# GLM-4.5 32B of 355B, Qwen3 22B of 235B: 3-10%, median about 5.5%)
DEFAULT_ACTIVE_SHARE = 0.055


def hypothetical_model(
    text: str, index: ModelIndex | None = None, *, bare_size: bool = False
) -> Resolution | None:
    """'a 200B dense model', '700B MoE with 37B active', '1T parameter MoE', 'a 120B gpt-oss-style
    model' -> a generic entry shaped like a real release (see _generic.py). With `bare_size` a size
    standing alone ("2x 4090 for 70b?") is one too."""
    s = unglue(clean_text(text[:1600])).lower()[:400]
    m = _HYPO.search(s)
    if m is None or not (_HYPO_WORDS.search(s) or (bare_size and _BARE_SIZE.search(s))):
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
    notes: list[str] = []
    if styled is None and wants_moe is None:
        usual = _usual_kind(models, total)
        if usual is not None:
            wants_moe = True
            notes.append(usual)
    if styled is not None:
        template, style = styled
    else:
        template, style = _default_template(models, bool(wants_moe), total), None
    if template.moe is not None and active is None:
        ratio = DEFAULT_ACTIVE_SHARE if style is None else active_params(template) / total_params(template)
        active = round(total * ratio, 1)
        source = "as in today's large MoE releases" if style is None else f"as {template.name}"
        notes.append(f"active parameters not given: assumed {active:g}B ({ratio:.1%} of the total, {source})")
    shape = generic_model(total, active if template.moe is not None else None, template, style)
    return Resolution(shape.spec, (*shape.assumptions, *notes))


# a size whose releases are mostly MoE is taken for one when the kind is not said: above ~150B nearly
# every open release is (DeepSeek V3 671B, Qwen3 235B, GLM-4.5 355B, Kimi K2 1T; Llama 3.1 405B is the
# exception); below it dense releases dominate, so "a 70b" stays dense
_USUAL_WINDOW = 1.5  # releases within this factor of the size asked count as "of that size"
_USUAL_MOE_SHARE = 2 / 3
_USUAL_MIN_RELEASES = 5


def _usual_kind(models: tuple[ModelSpec, ...], total_b: float) -> str | None:
    """'dense or MoE not said: assumed MoE, ...' where the catalog's releases of about `total_b`
    billion are mostly MoE, and no dense release of the lineage people mean by a bare size ("a 405b"
    is Llama 3.1 405B) has exactly that size; None otherwise (dense, the old default)."""
    window = [m for m in models if _plain(m) and 1 / _USUAL_WINDOW <= m.params_b / total_b <= _USUAL_WINDOW]
    moe = sum(1 for m in window if m.moe is not None)
    if len(window) < _USUAL_MIN_RELEASES or moe < _USUAL_MOE_SHARE * len(window):
        return None
    if _default_template(models, False, total_b).id != DEFAULT_TEMPLATES[False]:
        return None  # a dense release of exactly this size is what the size names
    lo, hi = total_b / _USUAL_WINDOW, total_b * _USUAL_WINDOW
    return (
        f"dense or MoE not said: assumed an MoE, as {moe} of the {len(window)} releases of "
        f"{lo:.0f}-{hi:.0f}B in the catalog are"
    )


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
    return not spec.is_generic and spec.irregular_scale is None and "distill" not in spec.id


def _named(spec: ModelSpec, word: str) -> bool:
    return spec.id.startswith(word) or spec.family.lower().replace(" ", "-").startswith(word)


def _default_template(models: tuple[ModelSpec, ...], moe: bool, total_b: float) -> ModelSpec:
    """The shape a model of `total_b` billion takes when no family is named: a dense size that a
    Llama release has (7B is not, 6.74B; 8B, 13B, 70B, 405B are) is that release, newest
    first ("a 13b" is the Llama 2 13B class, full multi-head attention; "a 70b" Llama 3.3 70B);
    other sizes scale the default template."""
    if not moe:
        same_size = [
            m
            for m in models
            if m.moe is None
            and _plain(m)
            and m.family.lower().startswith(DENSE_SIZE_LINEAGE)
            and m.vision_params_b is None
            and abs(m.params_b / total_b - 1) <= SAME_SIZE
        ]
        if same_size:
            return max(same_size, key=lambda m: m.released or _EPOCH)
    wanted = DEFAULT_TEMPLATES[moe]
    found = next((m for m in models if m.id == wanted), None)
    if found is not None:
        return found
    return next(m for m in _bundled_models() if m.id == wanted)


@functools.lru_cache(maxsize=1)
def _bundled_models() -> tuple[ModelSpec, ...]:
    from ._load import load_models

    return tuple(load_models())
