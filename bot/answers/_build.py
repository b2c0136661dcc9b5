"""Question -> Answer with the sizing core (pure and synchronous; the service adds the cache,
rate limits and saved rigs).

A question comes as text (`sizing.read_question`) or in fields (slash commands, `canirun best`:
`Structured`, read into a Question by `question_from_structured`); from there both take one path,
`answer_question`, and share one cache key, `cache_key_parts`. The kinds with keys of their own
(requirements, capacity, compare) are built in _build_kinds.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sizing import (
    ESTIMATOR_VERSION,
    Advice,
    Catalog,
    EngineOptions,
    Estimate,
    Fix,
    Hardware,
    Question,
    SizingError,
    SpeedContract,
    UnknownModelError,
    advise,
    companion_models,
    embedding_asked,
    engine_kv_name,
    engine_name,
    estimate,
    estimate_again,
    fits_on_gpus_below,
    format_builds,
    fp8_compute,
    gpu_only_words,
    max_context_on_gpu,
    memory_need_words,
    ollama_tag_named,
    parse_hardware,
    quality_band,
    quality_label,
    read_hub_refs,
    read_question,
    repo_named,
    resolve_quant,
    smaller_sibling,
    weight_bytes,
)
from sizing.catalog import (
    QUANT_PATTERN,
    ModelSpec,
    Resolution,
    default_repos,
    load_quants,
    normalize_quant_name,
)
from sizing.vocabulary import (
    DEFAULT_MIN_TPS,
    RANKED_AS,
    SEVERE_KLD,
    UNUSABLE_KLD,
    AskedKind,
    decode_over_context_text,
    tps_text,
)

from ._build_kinds import (
    answer_capacity,
    answer_compare,
    answer_requirements,
    models_without_a_rig,
    ram_bought,
    shape_note,
    wish_words,
)
from ._build_purchase import answer_purchase
from ._draft import draft_split, draft_words, with_draft
from ._embedding import companions_words, embedding_words
from ._mtp import eagle_asked, eagle_flag, eagle_words, mtp_asked, mtp_words, with_mtp
from ._notice import info as _info
from ._notice import notice
from ._price_asked import price_asked, price_words
from ._purchase_lead import purchase_asked, purchase_lead
from ._together import together_asked, together_words
from ._types import Answer, AnswerFix, AnswerOption, BestOption, RankedOption

UNUSABLE_ALTERNATIVES = 2  # other models named where the one asked fits only at an unusable quality

if TYPE_CHECKING:
    from sizing import BestModel

__all__ = [
    "EXAMPLES",
    "Structured",
    "answer_question",
    "answer_text",
    "cache_key_parts",
    "engine_options",
    "estimate_quant",
    "notice",
    "question_from_structured",
]

EXAMPLES = (
    "can I run qwen3 30b on an RTX 3090 with 32GB RAM?",
    "gpt-oss-120b on a 4090 + 64GB DDR5 at 32k context",
    "best coding model for an M2 Max 64GB",
)
_WISHES = ("context", "quant", "engine", "task", "min_tps")  # asked the same way in text and in fields
MODELS_ANSWERED = 3  # models one answer covers; a question may name more
SIZES_ANSWERED = 6  # generic sizes one answer covers (a range, its middle, each both ways)
OPTIONS_PER_MODEL = 6
OPTIONS_PER_SIZE = 2  # options per model when an answer covers more models than MODELS_ANSWERED
BEST_LISTED = 8
SLOW_FLOOR_TPS = 3.0  # "best" on a rig where nothing keeps up: still faster than a slow reader


@dataclass(frozen=True, slots=True)
class Structured:
    """A question asked in fields (slash commands, `canirun best`). Empty hardware: the asker's
    saved rig (the service fills it in)."""

    model: str | None
    hardware: str
    best: bool = False  # the best models for the rig, not one model
    context: int | None = None
    quant: str | None = None
    engine: str | None = None
    task: str | None = None
    min_tps: float | None = None


def question_from_structured(s: Structured, catalog: Catalog) -> Question:
    """The Question that `s` asks. Raises SizingError when the hardware cannot be read or the
    named model is not in the catalog (asked in fields, an unknown model is an error, not a
    question back). Fields typed as words ("qwen3 32b vs gemma 3 27b", "3090 with 64k context", a
    GGUF file's URL) are read by the question reader, as the same words asked in text are; what a
    field sets on its own (context, quant, engine, task, speed) comes before what the words say."""
    hw = parse_hardware(s.hardware)
    said = _fields_read(s, catalog)
    # a Hub repo the catalog lacks: the name's own reading for now; the service may read the Hub
    refs = read_hub_refs(s.model, catalog.index)[:1] if s.model else ()
    if refs and not refs[0].known:
        fallback = refs[0].fallback
        models: tuple[Resolution, ...] = (fallback,) if fallback is not None else ()
    elif (named := _model_field_read(s, catalog)) is not None and named.models:
        models = named.models  # the models the model field names (a rig's text names none of them)
    elif s.model and _no_name_asked(s.model, named):
        # "what about at 32k context?" typed in the model field: a follow-up, no name to guess at
        raise UnknownModelError(
            f"The model field holds no model name: {s.model!r} reads as a question of its own.",
            hint='Put the model\'s name in the model field (like "Qwen3 32B"), the rest in the other fields.',
        )
    else:
        models = (catalog.resolve(s.model),) if s.model else ()
    if hw.is_empty and hw.cpu is None and said is not None and said.hardware is not None:
        hw = said.hardware  # the rig told in the model field ("can my 3090 run qwen3 32b?")
    missing = []
    if not models and not s.best:
        missing.append("model")
    if hw.is_empty and hw.cpu is None:
        missing.append("hardware")
    rigs: tuple[Hardware, ...] = () if "hardware" in missing else (hw,)
    if said is not None and len(said.rigs) > 1 and said.kind in ("compare", "best"):
        rigs = said.rigs  # rigs side by side in the field ("3090 or 4090")
        hw = rigs[0]
    kind: AskedKind = "best" if s.best else "estimate"
    if said is not None and said.kind == "compare" and (len(models) > 1 or len(rigs) > 1):
        kind = "compare"
    wishes = {wish: getattr(s, wish) for wish in _WISHES}
    # a wish the model field's own words say otherwise ("qwen3 32b at 64k context" beside a context set)
    typed = _model_field_read(s, catalog)
    over = tuple(
        _field_over_words(wish, value, getattr(typed, wish))
        for wish, value in wishes.items()
        if typed is not None and value is not None and getattr(typed, wish) not in (None, value)
    )
    if said is not None:
        wishes = {wish: getattr(said, wish) if value is None else value for wish, value in wishes.items()}
    return replace(
        said or Question(text=""),
        text=f"{s.model or ''} on {s.hardware}".strip(),
        models=models,
        hardware=None if "hardware" in missing else hw,
        wants_best=s.best,
        missing=tuple(missing),
        kind=kind,
        rigs=rigs,
        hub_refs=refs,
        fields_over_words=over,
        **wishes,
    )


# a model field that is a sentence: a question word or mark, and no size or version figure of a name
_QUESTION_WORDS = re.compile(
    r"\?\s*$|^\s*(?:what|how|and|ok|okay|can|could|would|will|is|does|at|with)\b", re.I
)
_NAME_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*[bm]\b|[a-z]\d|\d[a-z]*[-_.]\d", re.I)


def _no_name_asked(field: str, named: Question | None) -> bool:
    """Whether the model field is words about a model already asked ("what about at 32k context?")
    and names none: no model read, a question's shape, no figure a name carries ("32b", "3.1")."""
    read = named is not None and bool(named.models)
    return not read and bool(_QUESTION_WORDS.search(field)) and not _NAME_FIGURE.search(field)


def _field_over_words(wish: str, field: object, words: object) -> str:
    """'The context field's 8,192 is used, not the 65,536 the model field says.'"""

    def shown(v: object) -> str:
        return f"{v:,}" if isinstance(v, int) else f"{v:g}" if isinstance(v, float) else str(v)

    name = {"min_tps": "speed"}.get(wish, wish)
    return f"The {name} field's {shown(field)} is used, not the {shown(words)} the model field says."


# a quantization's mark in a model name, file name or tag: the reader's quant names (sizing.catalog
# QUANT_PATTERN: "Q8_0", "AWQ", "QAT", "6.0bpw"), MLX's "-4bit" and a quant glued to a size ("27BQ4")
_QUANT_IN_NAME = re.compile(QUANT_PATTERN + r"|\d\s*-?\s*bits?(?![a-z])|(?<=\d[bB])i?q\d", re.IGNORECASE)


def estimate_quant(model: str, quant: str | None, catalog: Catalog) -> tuple[str | None, tuple[str, ...]]:
    """The quantization an estimate of `model` (a name, a GGUF file, an Ollama tag) is sized at, with
    what to say of it: the quant field where given (a note where the name says another), else the one
    the name says ("Qwen3-8B-Q8_0.gguf"), else None (the engine's default)."""
    said = None
    if model and catalog.get(model) is None and _QUANT_IN_NAME.search(model):  # a bare name says none
        try:
            said = read_question(model, catalog.index).quant
        except SizingError:
            said = None
    if quant is None:
        return said, ((f"{said} read from the model name",) if said is not None else ())
    if said is not None and normalize_quant_name(said) != normalize_quant_name(quant):
        return quant, (f"The quant asked, {quant}, is used, not the {said} the model name says",)
    return quant, ()


def _fields_read(s: Structured, catalog: Catalog) -> Question | None:
    """The model and hardware fields read as the one sentence they make, or None where the
    reader finds nothing to read there."""
    if s.best:  # "/best 3090 or 5090": rigs put side by side are a best list each
        return _read_words(f"best model for {s.hardware}" if s.hardware else None, catalog)
    return _read_words(f"{s.model} on {s.hardware}" if s.hardware else s.model, catalog)


def _model_field_read(s: Structured, catalog: Catalog) -> Question | None:
    """The model field read alone where it holds words, not a catalog id picked from a list."""
    if s.best or not s.model or catalog.get(s.model) is not None:
        return None
    return _read_words(s.model, catalog)


def _read_words(words: str | None, catalog: Catalog) -> Question | None:
    if not words:
        return None
    try:
        return read_question(words, catalog.index)
    except SizingError:
        return None


def cache_key_parts(q: Question) -> tuple[object, ...]:
    """What makes two askings the same question: the reading, not the words or the form."""
    hw = q.hardware.canonical() if q.hardware is not None else None
    parts: tuple[object, ...] = (
        "best" if q.wants_best else "estimate",
        tuple(sorted(r.model.id for r in q.models)),
        hw,
        q.context,
        q.quant,
        q.model_quants,
        q.pulled_quant,
        q.engine,
        q.engine_note,
        q.task if q.wants_best else None,
        q.min_tps,
        tuple(q.missing),
        tuple(q.problems),
        tuple(str(e) for e in q.model_errors),
        q.text_only,
        q.no_video,
        q.needs_images,
        q.split_mode,
        q.engine_settings,
        q.context_limit,
        q.uncensored,
        q.kv_type,
        q.long_context,
        q.prompt_time,
        q.users_asked,
        q.gpu_only,
        q.context_each,
        q.cpu_share_shown,
        q.backend,
        q.backend_compared,
        q.split_compared,
        tuple(repo_named(r.model, q.text) for r in q.models if not r.model.is_generic),
        q.quants_compared,
        q.configs_compared,
        q.engine_compared,
        q.engine_compared_quant,
        embedding_asked(q.text),  # an embedding model named: a reply of its own when no model is read
        tuple((c.name, c.gb) for c in companion_models(q.text)),  # embedding/reranker models beside it
        utilization_asked(q.text),  # vLLM's memory fraction asked, with no value: the one that holds it
        draft_split(q) is not None,  # speculative decoding: the draft sized beside the main model
        mtp_asked(q),  # speculative decoding with the model's own MTP layers
        q.context_shared,
        q.nvlink_asked,
        q.fields_over_words,
        q.left_out,
        eagle_asked(q),  # speculative decoding with an EAGLE-3 head
        numbered_questions(q.text),  # several numbered questions: the note that one is answered
        q.speed_seen,
        q.seen_on,
    )
    if (
        q.kind in ("estimate", "best")
        and len(q.rigs) <= 1
        and not (q.prefer or q.depth or q.both_shapes or q.users or q.ram_budget_usd)
    ):
        return parts
    # the kinds with keys of their own, and the wishes that only they read
    return (
        *parts,
        q.kind,
        tuple(r.canonical() for r in q.rigs),
        q.candidates,
        q.rig_kinds,
        q.task,
        q.prefer,
        q.depth,
        q.prompt_speed,
        q.both_speeds,
        q.both_shapes,
        q.change,
        q.instead,
        q.max_usd,
        q.ram_budget_usd,
        q.users,
        q.budget_said,
        q.cards_asked,
        q.same_quant,
        q.biggest,
        q.prices_said,
        q.dynamic_asked,
    )


def _slots_words(q: Question) -> str | None:
    """What each conversation has where llama-server's context and slots are pasted: the slots share
    the -c (github ggml-org/llama.cpp tools/server/README.md, -np: "number of server slots"), and
    what -c gives the context each user asked."""
    if q.context_shared is None:
        return None
    whole, n = q.context_shared
    each = max(512, whole // n)
    words = (
        f"llama-server shares its -c {whole:,} among the {n} slots of --parallel {n}: {each:,} tokens each"
    )
    if q.context is not None and q.context != each:
        words += f"; {q.context:,} each takes -c {q.context * n:,}"
    return words + "."


def engine_options(q: Question) -> EngineOptions | None:
    """The engine settings a question gives: which inputs a vision model takes on vLLM, llama.cpp's
    split mode, and the settings pasted or stated (vLLM's memory fraction and tensor parallel size,
    Ollama's parallel sequences)."""
    # "row or layer?": the answer keeps to the modes compared (layer, the default; row is slower and
    # deprecated), never a third
    split_mode = q.split_mode or ("layer" if set(q.split_compared) == {"row", "layer"} else None)
    given = q.engine_settings
    options = (
        given  # the settings read already say it all (most questions: none at all)
        if (given.language_model_only, given.no_video, given.needs_images, given.split_mode)
        == (q.text_only, q.no_video, q.needs_images, split_mode)
        else replace(
            given,
            language_model_only=q.text_only,
            no_video=q.no_video,
            needs_images=q.needs_images,
            split_mode=split_mode,
        )
    )
    return None if options == _NO_ENGINE_SETTINGS else options


# no engine setting given: the engines' own defaults
_NO_ENGINE_SETTINGS = EngineOptions()


# github ggml-org/llama.cpp docs/multi-gpu.md: the default layer split is pipeline parallelism, each GPU
# holding a contiguous slice of layers, so only each token's activations cross between the cards
NVLINK_WORDS = (
    "NVLink is not needed: llama.cpp's default layer split gives each card whole layers and passes only "
    "each token's activations between them, which PCIe carries; a bridge speeds only tensor-parallel "
    "splits (vLLM/SGLang tensor parallel, llama.cpp -sm row or tensor) somewhat."
)


# questions numbered in one message: "1. can my 4060 run X? 2. what context can I get? 3. ..."
_NUMBERED_QUESTION = re.compile(r"(?:^|\s)\(?\d{1,2}[.)]\s[^?\n]{2,200}\?")


def numbered_questions(text: str) -> int:
    """How many numbered questions `text` asks (0 where fewer than two): one answer answers one."""
    n = sum(1 for _ in _NUMBERED_QUESTION.finditer(text))
    return n if n >= 2 else 0


_OLLAMA_RUN = re.compile(r"(?<=\bollama run )\S+")


def _with_ollama_tags_named(answer: Answer, text: str) -> Answer:
    """Each Ollama command run with the exact tag the question wrote for its model and quantization
    ("qwen3:30b-a3b-q4_K_M"), not the library's moving tag ("qwen3:30b") that pulls the same today."""
    if ":" not in text or not any(o.engine == "ollama" and o.command for o in answer.options):
        return answer
    options = []
    for o in answer.options:
        tag = ollama_tag_named(o.model.id, o.quant, text) if o.engine == "ollama" and o.command else None
        options.append(
            o.model_copy(update={"command": _OLLAMA_RUN.sub(tag, o.command or "")}) if tag is not None else o
        )
    return answer.model_copy(update={"options": options})


def answer_question(q: Question, catalog: Catalog) -> Answer:
    """The answer to a read question: a question back when it lacks something, else the sizing."""
    answer = _answer_kind(q, catalog)
    asked = numbered_questions(q.text)
    if asked and answer.kind not in ("clarify", "error"):
        # one reading answers one question: say so, never leave the others silently unanswered
        note = f"You asked {asked} numbered questions; this answers the one read here: ask the others apart."
        answer = answer.model_copy(update={"hints": [*answer.hints, note]})
    answer = _with_ollama_tags_named(answer, q.text)
    if q.fields_over_words:
        answer = answer.model_copy(update={"hints": [*q.fields_over_words, *answer.hints]})
    if q.left_out and answer.kind not in ("clarify", "error"):  # a model named is never dropped unsaid
        answer = answer.model_copy(update={"hints": [*(f"{n}." for n in q.left_out), *answer.hints]})
    if q.nvlink_asked and answer.kind in ("estimate", "requirements", "compare", "capacity"):
        engine = q.engine or next((o.engine for o in getattr(answer, "options", None) or ()), None)
        if _tensor_parallel_asked(q):  # the bridge's own case: answered first
            return answer.model_copy(update={"verdict": f"{_nvlink_tp_words(engine)} {answer.verdict}"})
        # a split the answer chose (llama.cpp -sm tensor): the bridge's words after the verdict asked for
        words = _nvlink_tp_words(engine) if _tensor_parallel_chosen(answer) else NVLINK_WORDS
        return answer.model_copy(update={"hints": [words, *answer.hints]})
    return answer


_TENSOR_PARALLEL = re.compile(
    r"\btensor[\s-]?parallel|\btp\s?=?\s?\d\b|-sm\s+(?:row|tensor)\b", re.IGNORECASE
)


def _tensor_parallel_asked(q: Question) -> bool:
    """Whether the question is about a tensor-parallel split: said, or an engine that splits so."""
    return bool(_TENSOR_PARALLEL.search(q.text)) or q.engine in ("vllm", "sglang")


def _tensor_parallel_chosen(answer: Answer) -> bool:
    """Whether the answer splits tensor-parallel: a vLLM/SGLang option, or a command that splits so
    (llama.cpp's -sm tensor or row, chosen as faster)."""
    options = getattr(answer, "options", None) or ()
    return bool({o.engine for o in options} & {"vllm", "sglang"}) or any(
        o.placement.split_mode in ("tensor", "row") for o in options[:1]
    )


# NVIDIA's RTX 3090 page: NVLink bridge 112.5 GB/s; PCI-SIG: PCIe 4.0 x16 about 31.5 GB/s each way
def _nvlink_tp_words(engine: str | None) -> str:
    """What NVLink changes for a tensor-parallel split, said first where the question asks it."""
    name = {"vllm": "vLLM", "sglang": "SGLang", "llama.cpp": "llama.cpp -sm row/tensor"}.get(
        engine or "", "vLLM"
    )
    return (
        f"NVLink with tensor parallel ({name}): faster with the bridge, mostly at reading the prompt and "
        "with many users at once: every layer exchanges its activations between the cards (two all-reduces a "
        "layer), which a bridge carries several times faster than PCIe (RTX 3090s: 112.5 GB/s against PCIe "
        "4.0 x16's ~32 GB/s each way); one user's generation sends little per token and gains only a little. "
        "The fit and the speeds in this answer are the same either way."
    )


def _answer_kind(q: Question, catalog: Catalog) -> Answer:
    if q.problems:
        return notice("clarify", _problem_message(q), catalog.version, question=_info(q))
    if models_without_a_rig(q):
        return answer_requirements(q, catalog)
    if q.kind == "purchase":  # a budget, no model: what to buy (an embedding model has a reply of its own)
        if embedding_asked(q.text):
            return notice("clarify", embedding_words(q.text), catalog.version, question=_info(q))
        return answer_purchase(q, catalog)
    if q.missing and price_asked(q):  # "how much is a used 3090?": the price table answers
        # the price is the answer: nothing is missing from the question as asked
        answered = _info(q).model_copy(update={"missing": []})
        return notice("clarify", price_words(q), catalog.version, question=answered)
    if q.missing:
        return notice("clarify", _missing_message(q), catalog.version, question=_info(q))
    if q.kind == "requirements":
        return answer_requirements(q, catalog)
    if q.kind == "compare" or (q.wants_best and len(q.rigs) > 1):
        return answer_compare(q, catalog)
    assert q.hardware is not None
    if q.kind == "capacity":
        return answer_capacity(q, q.hardware, catalog)
    if q.wants_best:
        return _answer_best(q, q.hardware, catalog)
    return _answer_models(q, q.hardware, catalog)


def _problem_message(q: Question) -> str:
    """A contradiction, in words, and what would make sense instead."""
    message = q.problems[0][0].upper() + q.problems[0][1:] + "."
    if q.models and "GPUs" in q.problems[0]:
        r = q.models[0]
        need = weight_bytes(r.model, resolve_quant("Q8_0")).total / 1e9
        vram = max((g.vram_gb or 0.0 for g in q.hardware.gpus), default=0.0) if q.hardware else 0.0
        if vram <= 0 or need <= vram:
            return message + f" {r.model.name} needs about {need:,.1f} GB at Q8_0: one of those GPUs runs it."
        # weights alone, spread over cards of this size (the KV cache and buffers add a little more)
        cards = math.ceil(need / vram)
        return message + (
            f" {r.model.name} needs about {need:,.1f} GB at Q8_0: {cards} of those {vram:g} GB GPUs hold "
            "its weights."
        )
    if q.models:
        return message
    return message + ' Name a model, like "Qwen3 30B" or "a 70B dense model".'


# vLLM's memory fraction asked, with no value given ("what --gpu-memory-utilization?")
_UTILIZATION_ASKED = re.compile(
    r"gpu[-_ ]memory[-_ ]utili[sz]ation\b(?!\s*(?:=|of|at|to)?\s*0?\.\d)", re.IGNORECASE
)


def utilization_asked(text: str) -> bool:
    return _UTILIZATION_ASKED.search(text) is not None


def utilization_words(e: Estimate) -> str:
    """'--gpu-memory-utilization: the command leaves vLLM's 0.9, whose KV pool (42.9 GB) holds 106 users
    at 16,384 tokens ...' where the command sets none (one it sets is in the command); '' otherwise."""
    if e.engine != "vllm" or "--gpu-memory-utilization" in (e.command_hint() or ""):
        return ""
    value = dict(e.memory.placement.engine_defaults).get("gpu_memory_utilization", "0.9")
    pool = sum(b for d in e.memory.placement.devices for name, b in d.parts if name.startswith("KV pool"))
    serving = e.speed.serving
    held = (
        f", room for {serving.users_held} users at {e.context:,} tokens"
        if serving is not None and serving.users_held
        else ""
    )
    size = f" ({pool / 1e9:.1f} GB{held})" if pool > 0 else ""
    return (
        f"--gpu-memory-utilization: the command leaves vLLM's {value}, whose preallocated KV pool{size} "
        "holds what is asked; a higher value only grows the pool, and leaves less for anything else on "
        "the GPU."
    )


def answer_text(text: str, catalog: Catalog) -> Answer:
    """A free-text question read and answered (no cache: the service adds it and the saved rig)."""
    try:
        q = read_question(text, catalog.index)
    except SizingError as err:
        return notice("error", str(err), catalog.version, hint=err.hint)
    return answer_question(q, catalog)


def _missing_message(q: Question) -> str:
    parts = []
    if "model" in q.missing:
        if embedding_asked(q.text):
            parts.append(embedding_words(q.text))
        elif q.model_errors:
            err = q.model_errors[0]
            parts.append(f"{err}. " + (err.hint or ""))
        elif q.kind == "requirements":  # "best gpu under $1000 for llms": hardware is picked for a model
            return (
                "Which model do you want to run? canirun picks the hardware for a model: ask like "
                '"what hardware do I need for Qwen3 32B?" or "best GPU for gpt-oss-120b".'
            )
        else:
            parts.append('Which model? Name one, like "Qwen3 30B" or "gpt-oss-120b".')
    if "hardware" in q.missing:
        parts.append('What hardware? Say it like "RTX 3090, 64GB RAM" or "M2 Max 96GB".')
    return " ".join(parts) + f' Example: "{EXAMPLES[0]}"'


def _answer_models(q: Question, hw: Hardware, catalog: Catalog) -> Answer:
    options: list[AnswerOption] = []
    fixes: list[AnswerFix] = []
    hints: list[str] = []
    verdicts: list[str] = []
    # a range or an open shape ("200-700B, dense or MoE?") covers each size, with fewer options each
    sizes = len(q.models) > MODELS_ANSWERED and all(r.model.is_generic for r in q.models)
    answered = [
        _with_repo_named(r, q.text)
        for r in (q.models[:SIZES_ANSWERED] if sizes else q.models[:MODELS_ANSWERED])
    ]
    speculative = draft_split(q)  # a draft model named for speculative decoding is no second answer
    if speculative is not None:
        answered = [_with_repo_named(speculative[0], q.text)]
    per_model = OPTIONS_PER_SIZE if sizes else OPTIONS_PER_MODEL
    speeds: dict[str, float] = {}
    picks: list[list[Estimate]] = []  # each model's builds shown, the pick first
    error_hint: str | None = None
    for r in answered:
        try:
            advice = _advise(r, hw, q, q.context)
            longest = _longest_good_context(advice) if q.long_context else None
            if longest is not None:  # "for long documents": the option that holds the most, at that length
                advice = _advise(r, hw, q, longest)
        except SizingError as err:
            verdicts.append(f"{r.model.name}: {err}")
            error_hint = error_hint or err.hint
            continue
        elsewhere = _offloaded_elsewhere(r, hw, q, advice)
        if elsewhere is not None:  # the engine asked holds no weights in RAM; llama.cpp offloads them
            advice = elsewhere
        context = advice.context_summary if q.context_limit else None
        if context is not None and q.kv_type is None:
            context += _four_bit_reach(advice, hw)
        at = len(verdicts)
        verdicts.append(f"{context} {advice.summary}" if context else advice.summary)
        unusable = _unusable_words(advice, hw, q, catalog)
        if unusable is not None:
            verdicts[at] = "Only at a quality most people find unusable" + verdicts[at].removeprefix("Yes")
            if unusable:
                verdicts.append(unusable)
        if longest is not None and context is None:  # (the longest context summed up already says it)
            verdicts.append(_long_context_words(advice, longest))
        shown = [_as_asked(o.estimate, hw, q, r.assumptions) for o in advice.options[:per_model]]
        # the 8-bit KV cache at the pick's own quantization first, where it holds every user: finer
        # weights than a smaller quantization with the 16-bit cache (FP8 weights and an fp8 cache)
        eight_first = _cache_for_users(advice, shown, hw, q, r, four_bit=False)
        roomier = None if _holds_all(eight_first, q) else _roomier_for_users(advice, shown, hw, q, r)
        if eight_first is not None and roomier is None and _holds_all(eight_first, q):
            roomier = eight_first
        elif roomier is not None:
            # the quant whose weights leave the most room, and then the 8-bit cache where it still
            # holds fewer users than asked: both together hold them all
            cached = _cache_for_users(roomier[0], roomier[1], hw, q, r, with_weights=True)
            if cached is not None:
                roomier = cached[0], cached[1], f"{roomier[2]} {cached[2]}"
        roomier = (
            roomier or _cache_for_users(advice, shown, hw, q, r) or _on_gpus_as_asked(advice, shown, hw, q, r)
        )
        if roomier is not None:
            advice, shown, why = roomier
            verdicts[at] = f"{context} {advice.summary} {why}" if context else f"{advice.summary} {why}"
        pasted = _pasted_slots_fit(advice, shown, hw, q, r)
        if pasted is not None:
            # the pasted -c and --parallel come first: they do not fit, and what does follows
            advice, shown, why = pasted
            verdicts[at] = f"{why} {advice.summary}"
        elif q.gpu_only and shown and shown[0].verdict in ("partial", "cpu") and hw.gpus:
            # "would a q3 fit fully on the GPU?": No for the quant asked, and the one that does fit;
            # with no quant asked, the pick is offloaded only where no quant fit fully as asked: No too
            below = fits_on_gpus_below(r.model, hw, shown[0]) if q.quant_for(r.model.id) else None
            partly = "Yes, partly offloaded"
            if verdicts[at].startswith(partly):
                verdicts[at] = "No, only partly offloaded" + verdicts[at].removeprefix(partly)
            verdicts[at] += _not_on_gpus_words(advice, shown[0], () if below is None else (below,))
        verdicts[at] = _speed_need_words(verdicts[at], advice, q)
        if q.cpu_share_shown and shown and shown[0].verdict == "gpu" and shown[0].engine == "ollama":
            # a pasted `ollama ps` shows part of it on the CPU: the cause first, then the fit it can have
            verdicts[at] = (
                _shown_offload_words(q.cpu_share_shown, shown[0]) + " " + verdicts[at].removeprefix("Yes: ")
            )
        if q.need_asked and shown:
            # the memory the model needs was asked: that amount first, then the verdict on the rig
            verdicts[at] = f"{memory_need_words(r.model, hw, shown[0].context)} {verdicts[at]}"
        if q.prompt_time and shown and shown[0].verdict != "no":
            verdicts.append(_prompt_time_words(shown[0]))
        if q.users_asked and not q.users and shown and shown[0].verdict != "no":
            verdicts.append(_users_held_words(shown[0], hw, r.assumptions, q.context_each))
        if q.depth and shown and shown[0].verdict != "no":
            verdicts.append(_depth_words(shown[0], q.depth))
        if q.speed_seen and shown and shown[0].verdict != "no" and len(answered) == 1:
            verdicts.append(
                _seen_words(shown[0], q.speed_seen)
                if q.seen_on is None
                else _against_seen_words(shown[0], q.speed_seen, q.seen_on)
            )
        if len(q.configs_compared) > 1 and len(answered) == 1:
            compared, picked = _configs_compared_words(r, hw, q)
            if picked is not None and shown and not _same_config(picked[1][0], shown[0]):
                # the pick leads: the headline, the table and the command are the option picked
                advice, shown = picked
                verdicts[at] = _speed_need_words(advice.summary, advice, q)
            verdicts.append(compared)
        if q.backend_compared and shown and shown[0].verdict != "no":
            verdicts.append(_backend_compared_words(r, hw, q, shown[0]))
        # where the engine asked does not fit and the one compared runs it instead, the lead already
        # weighs the two ("No with vLLM ... With llama.cpp instead: ..."): never that engine against itself
        if q.engine_compared and shown and shown[0].engine != q.engine_compared:
            verdicts.append(_engine_compared_words(r, hw, q, shown[0]))
        if q.split_compared and shown and shown[0].verdict != "no":
            verdicts.extend(_split_compared_words(r, hw, q, shown[0]))
        serving = shown[0].speed.serving if shown and shown[0].verdict != "no" else None
        held = serving.users_held if serving is not None else None
        if serving is not None and held is not None and held < serving.users:
            running = max(held, 1)
            verb = "runs" if running == 1 else "run"
            verdicts.append(
                f"With {serving.users} users at once: if each fills the {shown[0].context:,}-token context, "
                f"the memory holds the KV cache of {running}, so {running} {verb} at a time at "
                f"~{tps_text(serving.per_user_tps)} tokens/s each (~{tps_text(serving.aggregate_tps)} in "
                f"all) while the others wait; {_holds_more(shown[0], chats=True)} hold more."
            )
        elif serving is not None and f"For {serving.users} users at once: " not in verdicts[-1]:
            e = shown[0]
            own = (
                f"-np {e.memory.slots} holds every user's KV cache, more of the weights moving to system RAM"
                if e.engine == "llama.cpp" and e.memory.slots > 1 and e.verdict == "partial"
                else "each user needs a KV cache of their own"
            )
            verdicts.append(
                f"With {serving.users} users at once: ~{tps_text(serving.per_user_tps)} tokens/s each, "
                f"~{serving.aggregate_tps:,.0f} in all ({own})."
            )
        options.extend(
            RankedOption.model_validate(
                {
                    **e.contract_fields(),
                    "max_context": o.max_context,
                    "max_context_by_kv": dict(o.max_context_by_kv),
                }
            )
            for e, o in zip(shown, advice.options, strict=False)
        )
        if speculative is not None and shown:
            words, flag = draft_words(shown[0], speculative[1], hw)
            verdicts.append(words)
            first = len(options) - min(len(shown), len(advice.options))
            if flag is not None:
                command = with_draft(options[first].command, flag)
                options[first] = options[first].model_copy(update={"command": command})
        if speculative is None and shown and shown[0].verdict != "no" and mtp_asked(q):
            words, flag = mtp_words(shown[0])
            verdicts.append(words)
            first = len(options) - min(len(shown), len(advice.options))
            if flag is not None:
                command = with_mtp(options[first].command, flag)
                options[first] = options[first].model_copy(update={"command": command})
        if speculative is None and shown and shown[0].verdict != "no" and eagle_asked(q):
            verdicts.append(eagle_words(shown[0]))
            flag = eagle_flag(shown[0])
            first = len(options) - min(len(shown), len(advice.options))
            if flag is not None:  # the run line carries the flag the words give
                command = with_mtp(options[first].command, flag)
                options[first] = options[first].model_copy(update={"command": command})
        if shown and shown[0].verdict != "no" and utilization_asked(q.text):
            said = utilization_words(shown[0])
            if said:
                verdicts.append(said)
        found = companion_models(q.text) if shown and shown[0].verdict != "no" and r is q.models[0] else ()
        if found:  # embedding and reranker models named beside it: their memory on the same card
            devices = shown[0].memory.placement.devices
            verdicts.append(
                companions_words(
                    found,
                    sum(max(0.0, d.free) for d in devices if d.kind == "gpu") / 1e9,
                    sum(max(0.0, d.free) for d in devices if d.kind == "cpu") / 1e9,
                )
            )
        if shown:
            speeds[r.model.id] = shown[0].speed.decode_tps
            picks.append(shown)
        fixes.extend(
            AnswerFix(change=f.change, estimate=f.estimate.contract(), price_usd=f.price_usd)
            for f in advice.fixes
        )
        hints.extend(advice.hints)
        ot = _override_tensor_words(q.text, shown[0]) if shown else None
        if ot is not None:
            hints.append(ot)
        if advice.options and len(answered) == 1 and not r.model.is_generic:
            hint = _sibling_hint(r.model, hw, catalog, advice, q)
            if hint:
                hints.append(hint)
    if not options:
        return notice(
            "error",
            " ".join(verdicts) or "Nothing to estimate.",
            catalog.version,
            question=_info(q),
            hint=error_hint,
        )
    note = shape_note([r.model for r in answered], speeds) if q.both_shapes else None
    if note:
        hints.insert(0, note)
    runnable = _fastest_candidates(options)
    if q.prefer == "speed" and runnable:
        fastest = max(runnable, key=lambda o: o.speed.decode_tps)
        lead = options[0]
        quant_fixed = bool(q.quant or q.model_quants)
        if (
            len(answered) == 1
            and not quant_fixed
            and fastest is not lead
            and fastest.speed.decode_tps > lead.speed.decode_tps
        ):
            # "fastest first" asked of one model: the headline says the quant that is fastest, not only
            # the one recommended for its quality
            verdicts.append(
                f"Fastest, as asked: {fastest.quant} {_WHERE.get(fastest.placement.verdict, '')}, "
                f"{_speed_said(fastest.speed)}."
            )
        hints.insert(
            0,
            f"Fastest: {fastest.model.name} at {fastest.quant}, ~{tps_text(fastest.speed.decode_tps)} tok/s.",
        )
    if q.prefer or q.depth or q.users or q.model_quants or q.split_mode or q.backend:
        hints.insert(0, f"Asked for: {wish_words(q)}.")
    if q.engine_note:
        hints.insert(0, q.engine_note)
    slots_note = _slots_words(q)
    if slots_note:
        hints.insert(0, slots_note)
    if len(picks) > 1 and not q.users and together_asked(q.text):  # sized together, not each alone
        together = together_words(picks, hw)
        if together:
            verdicts.append(together.strip())
    to_buy = purchase_lead(q, fixes) if len(answered) == 1 and purchase_asked(q) else None
    if to_buy is not None:  # "what should I add to run it?": the purchase first, then how it runs today
        verdicts.insert(0, to_buy + " Today:")
    return Answer(
        kind="estimate",
        question=_info(q),
        options=options,
        verdict=" ".join(verdicts),
        fixes=fixes,
        hints=hints,
        catalog_version=catalog.version,
        estimator_version=ESTIMATOR_VERSION,
    )


_WHERE = {"gpu": "fully on the GPU", "partial": "partly offloaded", "cpu": "on the CPU"}


def _with_repo_named(r: Resolution, text: str) -> Resolution:
    """`r` downloading from the repo the question names: a point release the catalog folds into
    one entry ("DeepSeek-R1-0528-...gguf"), a GGUF publisher ("unsloth Q3 or Q4?")."""
    named = repo_named(r.model, text) if not r.model.is_generic else None
    return replace(r, model=r.model.model_copy(update={"hf_repo": named})) if named else r


def _unusable_words(advice: Advice, hw: Hardware, q: Question, catalog: Catalog) -> str | None:
    """For a model that fits only at a quantization past UNUSABLE_KLD (whose 'Yes' then says so): the
    best models that run well on the rig instead, in a sentence ('' when none does); None otherwise."""
    first = advice.options[0].estimate if advice.options else None
    if (
        first is None
        or first.verdict == "no"
        or first.quant.kld < UNUSABLE_KLD
        or not advice.summary.startswith("Yes")
    ):
        return None
    from sizing import rank_best  # the ranking is imported by the answers that need it

    others = [m for m in catalog.models if m.id != first.model.id and not m.is_generic]
    found = rank_best(
        others, hw, context=q.context, min_tps=q.min_tps or DEFAULT_MIN_TPS, limit=UNUSABLE_ALTERNATIVES
    )
    well = ", ".join(
        f"{b.estimate.model.name} at {b.estimate.quant.id} "
        f"(~{tps_text(b.estimate.speed.decode_tps)} tokens/s)"
        for b in found
    )
    return f"Runs well here instead: {well}." if well else ""


def _speed_need_words(verdict: str, advice: Advice, q: Question) -> str:
    """A speed the asker needs ("I need 100 tok/s, is a 4060 Ti enough?") that no option reaches: the
    headline's "Yes" becomes "No, not at 100 tokens/s", the fit it has kept after it."""
    need = q.min_tps
    runs = [o.estimate for o in advice.options if o.estimate.verdict != "no"]
    if not need or not runs or any(e.speed.decode_tps >= need for e in runs):
        return verdict
    head = f"No, not at {need:g} tokens/s: "
    if verdict.startswith("Yes: "):
        return head + verdict.removeprefix("Yes: ")
    if verdict.startswith("Yes, on the CPU: "):  # a rig with no GPU: "on the CPU, X at ..."
        return head + "on the CPU, " + verdict.removeprefix("Yes, on the CPU: ")
    if verdict.startswith("Yes, "):  # "Yes, partly offloaded (experts in system RAM): X at ..."
        return head + verdict.removeprefix("Yes, ").replace("): ", "), ", 1)
    if verdict.startswith("Only on the CPU: "):
        return head + "only on the CPU, " + verdict.removeprefix("Only on the CPU: ")
    return verdict


def _offloaded_elsewhere(r: Resolution, hw: Hardware, q: Question, asked: Advice) -> Advice | None:
    """For an engine asked ("is exl2 better?") that cannot hold the model in VRAM, where another
    engine runs it with part in system RAM: that engine's advice, saying why the one asked does not
    run it and what of it would fit, with the asked option after its own. None otherwise."""
    first = asked.options[0].estimate if asked.options else None
    if q.engine is None or first is None or first.verdict != "no" or first.memory.placement.shortfall <= 0:
        return None
    try:
        other = advise(
            r.model,
            hw,
            context=q.context,
            min_tps=q.min_tps or DEFAULT_MIN_TPS,
            kv_types=(q.kv_type,) if q.kv_type else None,
            extra_assumptions=r.assumptions,
        )
    except SizingError:
        return None
    if not other.options or other.options[0].estimate.verdict in ("no", "gpu"):
        return None  # nothing runs it, or it runs on the GPUs anyway: the engine asked is answered
    if other.options[0].estimate.engine == first.engine:
        return None  # the engine asked is the one that runs it: its own answer says what does not fit
    # the engine asked is answered first ("No with vLLM ..."), then the one that runs it
    other_summary = other.summary[:1].lower() + other.summary[1:]
    summary = (
        f"No with {engine_name(first.engine)}. {gpu_only_words(r.model, hw, first)} "
        f"With {engine_name(other.options[0].estimate.engine)} instead: {other_summary}"
    )
    return replace(
        other,
        options=(other.options[0], asked.options[0], *other.options[1:]),
        fixes=_each_change_once((*asked.fixes, *other.fixes))[:5],
        summary=summary,
    )


def _roomier_for_users(
    advice: Advice, shown: list[Estimate], hw: Hardware, q: Question, r: Resolution
) -> tuple[Advice, list[Estimate], str] | None:
    """For several users at once with no quantization asked: where the pick's memory holds the KV
    caches of fewer of them than another good-quality option's (AWQ or FP8 beside BF16: the weights it
    saves hold other users' caches), the advice for that option, its options shown, and why in words;
    None where the pick holds them all or no good option holds more."""
    users = q.users or 1
    if users < 2 or not shown or shown[0].verdict == "no" or q.quant_for(r.model.id) or q.pulled_quant:
        return None

    def held(e: Estimate) -> int:
        serving = e.speed.serving
        return min(users, serving.users_held) if serving is not None and serving.users_held else 0

    first = held(shown[0])
    if first >= users:
        return None
    others = [_as_asked(o.estimate, hw, q, r.assumptions) for o in advice.options[1:]]
    good = [e for e in others if e.verdict == "gpu" and quality_band(e.quant.kld) == 0]
    # the most users held, up to all of them; among equals the better quality (FP8 over AWQ)
    roomiest = max(good, key=lambda e: (held(e), -e.quant.kld), default=None)
    if roomiest is None or held(roomiest) <= first:
        return None
    try:
        picked = _advise(r, hw, q, q.context, quant=roomiest.quant.id)
    except SizingError:
        return None
    if not picked.options:
        return None
    chosen = _as_asked(picked.options[0].estimate, hw, q, r.assumptions)
    rest = [e for e in [shown[0], *others] if e.quant.id != chosen.quant.id]
    options = (picked.options[0], *(o for o in advice.options if o.estimate.quant.id != chosen.quant.id))
    why = (
        f"For {users} users at once {chosen.quant.id} is the pick for the weights: smaller, they leave room "
        f"for more users' KV caches (with the 16-bit KV cache, {chosen.quant.id} holds {held(chosen)} at "
        f"this context and {shown[0].quant.id} {first})."
    )
    fp8 = next((e for e in [shown[0], *others] if e.quant.id == "FP8"), None)
    if fp8 is not None and chosen.quant.bits < 8 and chosen.engine in ("vllm", "sglang") and fp8_compute(hw):
        # FP8 weights where the memory holds every user are picked before this (the 8-bit cache first)
        why += (
            " FP8 weights would compute faster in a full batch on this GPU, which has FP8 arithmetic (vLLM "
            "reports up to 1.6x the throughput of 16-bit), but they hold fewer users' caches here."
        )
    return replace(picked, options=options), [chosen, *rest][: len(shown)], why


# the context per slot tried where pasted llama-server settings do not fit, longest first
_SLOT_CONTEXTS = (131072, 65536, 49152, 32768, 24576, 16384, 12288, 8192, 6144, 4096, 3072, 2048)


def _pasted_slots_fit(
    advice: Advice, shown: list[Estimate], hw: Hardware, q: Question, r: Resolution
) -> tuple[Advice, list[Estimate], str] | None:
    """llama-server's -c and --parallel pasted: llama-server allocates the KV cache of its whole -c at
    start, every slot's (github ggml-org/llama.cpp tools/server/README.md: -c "size of the prompt
    context", shared by the -np slots), so where the memory holds fewer slots' caches than were pasted
    the settings do not fit. Then: the KV cache they need against the room beside the weights, and the
    longest context per slot that holds every slot (at the KV cache type asked, else the 16-bit or the
    8-bit one, the longer context winning), as the advice shown; None where they fit."""
    if q.context_shared is None or not shown or shown[0].verdict == "no" or shown[0].engine != "llama.cpp":
        return None
    whole, n = q.context_shared
    first = shown[0]
    if first.memory.placement.sequences_held >= n:
        return None
    one = first.memory.kv_bytes
    room = sum(max(0.0, d.usable - d.used + d.kv) for d in first.memory.placement.devices if d.kv > 0)
    kv_now = first.memory.kv_type
    said = (
        f"The pasted -c {whole:,} --parallel {n} does not fit: llama-server allocates the KV "
        f"cache of all {n} slots at start, {n} x {one / 1e9:.1f} GB = {n * one / 1e9:.1f} GB ({kv_now}), "
        f"where ~{room / 1e9:.1f} GB is free beside the weights, so it holds "
        f"{_count_words(first.memory.placement.sequences_held)} of {n} slots' caches."
    )
    types: list[str] = (
        [q.kv_type] if q.kv_type else [kv_now, *(["q8_0"] if kv_now in ("f32", "f16", "bf16") else [])]
    )
    found: list[tuple[int, str]] = []
    for kv in types:
        for ctx in (c for c in _SLOT_CONTEXTS if c < first.context):
            e = estimate_again(first, hw, context=ctx, kv_type=kv, users=1)
            if e is not None and e.verdict == first.verdict and e.memory.placement.sequences_held >= n:
                found.append((ctx, kv))
                break
    if not found:
        return advice, shown, said + f" Even {_SLOT_CONTEXTS[-1]:,} tokens per slot holds fewer of them."
    # the longest context per slot; among equals the cache type listed first (the one pasted or 16-bit)
    ctx, kv = max(found, key=lambda f: (f[0], -types.index(f[1])))
    try:
        picked = _advise(r, hw, q, ctx, quant=first.quant.id, kv=kv)
    except SizingError:
        return None
    if not picked.options:
        return None
    chosen = _as_asked(picked.options[0].estimate, hw, q, r.assumptions)
    cache = f" with a {kv} KV cache" if kv != kv_now else ""
    other = [f for f in found if f != (ctx, kv)]
    also = f" ({other[0][0]:,} per slot with the {other[0][1]} cache)" if other else ""
    said += f" What fits all {n}: {ctx:,} tokens per slot, -c {ctx * n:,} -np {n}{cache}{also}."
    options = (picked.options[0], *advice.options[1:])
    return replace(picked, options=options), [chosen, *shown[1:]], said


def _count_words(n: int) -> str:
    """'none' for 0, else the number."""
    return "none" if n <= 0 else f"{n:,}"


# each engine's 8-bit KV cache: vLLM's and SGLang's --kv-cache-dtype fp8, llama.cpp's q8_0 (-ctk/-ctv,
# Ollama's OLLAMA_KV_CACHE_TYPE, ExLlama's Q8 cache mode)
_EIGHT_BIT_KV = {
    "vllm": "fp8",
    "sglang": "fp8",
    "llama.cpp": "q8_0",
    "ollama": "q8_0",
    "lmstudio": "q8_0",
    "exllama": "q8_0",
}


def _holds_all(found: tuple[Advice, list[Estimate], str] | None, q: Question) -> bool:
    """Whether the pick of `found` holds the KV caches of every user asked at once."""
    if found is None or not found[1]:
        return False
    serving = found[1][0].speed.serving
    return serving is not None and serving.users_held is not None and serving.users_held >= (q.users or 1)


def _cache_for_users(
    advice: Advice,
    shown: list[Estimate],
    hw: Hardware,
    q: Question,
    r: Resolution,
    *,
    four_bit: bool = True,
    with_weights: bool = False,
) -> tuple[Advice, list[Estimate], str] | None:
    """For several users at once with no cache type asked: where the pick's 16-bit KV cache holds fewer
    of them than the engine's 8-bit one would at the same quantization, the advice with the 8-bit cache
    (its command sets it), its options shown, and why in words; None otherwise. `with_weights`: the
    weights were just picked for the users, so the words say this is the cache's pick beside them."""
    users = q.users or 1
    if users < 2 or not shown or shown[0].verdict == "no" or q.kv_type:
        return None
    first = shown[0]
    eight = _EIGHT_BIT_KV.get(first.engine)
    if eight is None or first.memory.kv_type not in ("f32", "f16", "bf16"):
        return None

    def held(e: Estimate) -> int:
        serving = e.speed.serving
        return min(users, serving.users_held) if serving is not None and serving.users_held else 0

    before = held(first)
    if before >= users:
        return None
    try:
        picked = _advise(r, hw, q, q.context, quant=first.quant.id, kv=eight)
    except SizingError:
        return None
    if not picked.options:
        return None
    chosen = _as_asked(picked.options[0].estimate, hw, q, r.assumptions)
    if chosen.quant.id != first.quant.id or chosen.verdict != first.verdict or held(chosen) <= before:
        return None
    article = "an" if eight == "fp8" else "a"
    why = (
        f"For {users} users at once {article} {eight} KV cache is the pick: it holds {held(chosen)} at this "
        f"context where the 16-bit one holds {before}."
    )
    if with_weights:
        why = (
            f"For the KV cache {article} {eight} one is the pick: with {first.quant.id} weights it holds "
            f"{held(chosen)} users at this context where the 16-bit cache holds {before}."
        )
    options = (picked.options[0], *advice.options[1:])
    four = _four_bit_for_users(picked, chosen, hw, q, r, held) if four_bit else None
    if four is not None:  # the 8-bit cache still holds fewer than asked; the 4-bit one holds them all
        picked4, chosen4 = four
        why = (
            f"For {users} users at once a q4_0 KV cache is the pick: it holds all {held(chosen4)} at this "
            f"context where q8_0 holds {held(chosen)} and the 16-bit one {before} (a 4-bit KV cache costs "
            "some quality at long contexts; q8_0 with fewer users at once is near lossless)."
        )
        options = (picked4.options[0], *advice.options[1:])
        return replace(picked4, options=options), [chosen4, *shown[1:]], why
    return replace(picked, options=options), [chosen, *shown[1:]], why


# engines with a 4-bit KV cache of llama.cpp's (-ctk/-ctv q4_0; Ollama's OLLAMA_KV_CACHE_TYPE=q4_0)
_FOUR_BIT_KV_ENGINES = ("llama.cpp", "ollama", "lmstudio")


def _four_bit_for_users(
    picked: Advice,
    chosen: Estimate,
    hw: Hardware,
    q: Question,
    r: Resolution,
    held: Callable[[Estimate], int],
) -> tuple[Advice, Estimate] | None:
    """The advice with a q4_0 KV cache and its pick, where the 8-bit cache (`chosen`) holds fewer users
    than asked and the 4-bit one holds them all at the same quantization and placement; else None."""
    users = q.users or 1
    if chosen.engine not in _FOUR_BIT_KV_ENGINES or held(chosen) >= users:
        return None
    try:
        four = _advise(r, hw, q, q.context, quant=chosen.quant.id, kv="q4_0")
    except SizingError:
        return None
    if not four.options:
        return None
    e = _as_asked(four.options[0].estimate, hw, q, r.assumptions)
    if e.quant.id != chosen.quant.id or e.verdict != chosen.verdict or held(e) < users:
        return None
    return four, e


def _on_gpus_as_asked(
    advice: Advice, shown: list[Estimate], hw: Hardware, q: Question, r: Resolution
) -> tuple[Advice, list[Estimate], str] | None:
    """For "fully in VRAM" / "no CPU offload" with no quantization asked: where the pick keeps part of
    the model in system RAM, the advice for the best quality that runs fully on the GPUs (an option
    ranked, else a fix's quantization), its options shown, and the quality it costs in words; None where
    the pick is on the GPUs already or nothing is."""
    # a quantization asked outright stands; quantizations weighed as a choice ("q4_k_m or iq4_xs?") give
    # way to one that fits the GPU where neither does
    firm = q.quant_for(r.model.id) is not None and len(q.quants_compared) < 2
    if not q.gpu_only or not shown or shown[0].verdict == "gpu" or firm or q.pulled_quant:
        return None
    on_gpus = [o.estimate for o in advice.options if o.estimate.verdict == "gpu"]
    on_gpus += [f.estimate for f in advice.fixes if f.estimate.verdict == "gpu" and f.price_usd is None]
    rig = [(d.name, d.total) for d in shown[0].memory.placement.devices]  # fixes on this rig, none bought
    # (a fit at a shorter context than asked is no "Yes": the words after the verdict say that cut)
    on_gpus = [
        e
        for e in on_gpus
        if e.model.id == r.model.id
        and [(d.name, d.total) for d in e.memory.placement.devices] == rig
        and e.context >= shown[0].context
    ]
    best = min(on_gpus, key=lambda e: (e.quant.kld, -e.speed.decode_tps), default=None)
    if best is None:
        return None
    try:
        picked = _advise(r, hw, q, best.context, quant=best.quant.id)
    except SizingError:
        return None
    if not picked.options or picked.options[0].estimate.verdict != "gpu":
        return None
    chosen = _as_asked(picked.options[0].estimate, hw, q, r.assumptions)
    before = shown[0]
    rest = [e for e in shown if e.quant.id != chosen.quant.id]
    options = (picked.options[0], *(o for o in advice.options if o.estimate.quant.id != chosen.quant.id))
    why = (
        f"Fully on the GPU, as asked: {chosen.quant.id} ({quality_label(chosen.quant.kld)}) is the best "
        f"quality that fits, ~{tps_text(chosen.speed.decode_tps)} tokens/s; "
        f"{before.quant.id} ({quality_label(before.quant.kld)}) keeps part of the model in system RAM "
        f"(~{tps_text(before.speed.decode_tps)} tokens/s)"
    )
    cost = quality_band(chosen.quant.kld) - quality_band(before.quant.kld)
    why += ": the smaller quantization costs quality." if cost > 0 else "."
    summary = picked.summary
    if quality_band(chosen.quant.kld) >= 2 and summary.startswith("Yes: "):
        # only a large loss fits: to "fully on the GPU?" the answer at an acceptable quality is No
        summary = "No, not at an acceptable quality: only a large loss fits fully. " + summary.removeprefix(
            "Yes: "
        )
    return replace(picked, options=options, summary=summary), [chosen, *rest][: len(shown)], why


_VERDICT_ORDER = {"gpu": 0, "partial": 1, "cpu": 2, "no": 3}


def _not_on_gpus_words(advice: Advice, pick: Estimate, more: tuple[Estimate, ...] = ()) -> str:
    """What "fully on the GPU" gets where the pick keeps part of the model in system RAM: the best
    quality that does fit there (an option or a fix on this rig, none bought, or one of `more`), or
    that none does."""
    rig = [(d.name, d.total) for d in pick.memory.placement.devices]
    fits = [o.estimate for o in advice.options] + [f.estimate for f in advice.fixes if f.price_usd is None]
    fits += more
    fits = [
        e
        for e in fits
        if e.verdict == "gpu"
        and e.model.id == pick.model.id
        and [(d.name, d.total) for d in e.memory.placement.devices] == rig
    ]
    best = min(fits, key=lambda e: (e.quant.kld, -e.speed.decode_tps), default=None)
    kv = best.memory.kv_type if best is not None else "f16"
    cache = f" with a {kv} KV cache" if kv != "f16" else ""
    on = f" on {engine_name(best.engine)}" if best is not None and best.engine != pick.engine else ""
    if best is None:
        return (
            f" Fully on the GPU, as asked, it does not fit at {pick.context:,} context at any "
            "quantization sized here: the pick keeps part of it in system RAM."
        )
    return (
        f" Fully on the GPU, as asked, {pick.quant.id} does not fit at {pick.context:,} context; "
        f"{best.quant.id} ({quality_label(best.quant.kld)}){on} does, at {best.context:,} context{cache}, "
        f"~{tps_text(best.speed.decode_tps)} tokens/s."
    )


def _same_config(a: Estimate, b: Estimate) -> bool:
    return a.quant.id == b.quant.id and a.context == b.context


def _configs_compared_words(
    r: Resolution, hw: Hardware, q: Question
) -> tuple[str, tuple[Advice, list[Estimate]] | None]:
    """Each configuration asked as a choice ("Q4_K_M with 64k or Q6_K with 16k", "128k vs 32k") sized on
    its own: where it runs, its speed and memory; the KV cache one context needs beyond the other; and
    the pick, or the longest context that fits on the GPU where neither does. With the words, the
    pick's advice and its estimates as asked, for the answer to lead with (None without a pick)."""
    sized: list[tuple[Estimate, Advice]] = []
    for quant, context in q.configs_compared:
        # a context said without a quantization is weighed at the quantization of the first one sized
        quant = quant or (sized[0][0].quant.id if sized else None)
        try:
            advice = _advise(r, hw, q, context, quant=quant)
        except SizingError:
            continue
        if advice.options:
            sized.append((_as_asked(advice.options[0].estimate, hw, q, r.assumptions), advice))
    if len(sized) < 2:
        return "", None
    parts = []
    for e, _ in sized:
        memory = (e.memory.weights_bytes + e.memory.kv_bytes) / 1e9
        run = (
            "does not fit"
            if e.verdict == "no"
            else f"{_WHERE_RUN[e.verdict]}, ~{tps_text(e.speed.decode_tps)} tokens/s"
        )
        parts.append(
            f"{e.quant.id} with {e.context:,} context {run} ({memory:.1f} GB: "
            f"{e.memory.weights_bytes / 1e9:.1f} of weights, {e.memory.kv_bytes / 1e9:.1f} of KV cache, "
            f"{e.memory.kv_type})"
        )
    words = "Of the two asked: " + "; ".join(parts) + "."
    (a, _), (b, _) = sized[0], sized[1]
    if a.context != b.context:
        long, short = (a, b) if a.context > b.context else (b, a)
        more = (long.memory.kv_bytes - short.memory.kv_bytes) / 1e9
        if long.memory.kv_type == short.memory.kv_type and more > 0:
            words += (
                f" {long.context:,} tokens need {more:.1f} GB more KV cache than {short.context:,} "
                f"({long.memory.kv_bytes / 1e9:.1f} vs {short.memory.kv_bytes / 1e9:.1f} GB at "
                f"{long.memory.kv_type})."
            )
    on_gpus = [(e, adv) for e, adv in sized if e.verdict == "gpu"]
    if hw.gpus and not on_gpus:
        words += " Neither fits fully on the GPU"
        for e, adv in sized:
            shorter = next(
                (
                    f.estimate
                    for f in adv.fixes
                    # a shorter context at the same quantization, read from the fix's estimate
                    if f.estimate.quant.id == e.quant.id
                    and f.estimate.context < e.context
                    and f.estimate.verdict == "gpu"
                ),
                None,
            )
            if shorter is not None:
                kv = shorter.memory.kv_type
                cache = f" with a {kv} KV cache" if kv != "f16" else ""
                words += (
                    f"; {e.quant.id} does up to {shorter.context:,} tokens{cache}, "
                    f"~{tps_text(shorter.speed.decode_tps)} tokens/s"
                )
                break
        return words + ".", None
    ranked = sorted(
        ((e, adv) for e, adv in sized if e.verdict != "no"),
        key=lambda x: (_VERDICT_ORDER[x[0].verdict], quality_band(x[0].quant.kld), -x[0].speed.decode_tps),
    )
    if ranked and (a.quant.id != b.quant.id or a.verdict != b.verdict):
        best, advice = ranked[0]
        words += (
            f" The pick: {best.quant.id} with {best.context:,} context ({quality_label(best.quant.kld)})."
        )
        shown = [_as_asked(o.estimate, hw, q, r.assumptions) for o in advice.options[:OPTIONS_PER_MODEL]]
        return words, (advice, shown)
    return words, None


_WHERE_RUN = {
    "gpu": "runs fully on the GPU",
    "partial": "runs partly offloaded",
    "cpu": "runs on the CPU only",
}


def _each_change_once(fixes: tuple[Fix, ...]) -> tuple[Fix, ...]:
    """The fixes in order, a change both advices propose ("with 32 GB of RAM ...") listed once, and one
    line per purchase: where both advices buy the same thing ("add a second RTX 5090 (...)") for
    different quantizations, the first (the engine asked) speaks for it."""
    first: dict[str, Fix] = {}
    for f in fixes:
        first.setdefault(_what_changes(f), f)
    return tuple(first.values())


def _what_changes(f: Fix) -> str:
    """A fix's change without what it runs: what is bought for a purchase ('add a second RTX 5090
    (about $2,699 new)' of '... to run Q4_K_M fully on the GPUs'), the whole change otherwise."""
    bought = f.price_usd is not None or f.ram_gb is not None
    return f.change.split(" to run ", 1)[0] if bought else f.change


def _advise(
    r: Resolution,
    hw: Hardware,
    q: Question,
    context: int | None,
    quant: str | None = None,
    kv: str | None = None,
) -> Advice:
    """The advice for `r` as asked; with `quant`, at that quantization instead of the one asked; with
    `kv`, with that KV cache type."""
    asked = q.quant_for(r.model.id) or q.pulled_quant
    return advise(
        r.model,
        hw,
        context=context,
        engine=q.engine,
        backend=q.backend,
        quant=quant or _publisher_quant(r.model, asked, q.text),
        min_tps=q.min_tps or DEFAULT_MIN_TPS,
        kv_types=(kv,) if kv else (q.kv_type,) if q.kv_type else None,
        extra_assumptions=r.assumptions,
        engine_options=engine_options(q),
        choices=_choices(q, r, quant),
        users=q.users or 1,
    )


def _choices(q: Question, r: Resolution, quant: str | None) -> tuple[str, ...]:
    """The quantizations weighed as a choice: those the question puts side by side, or unsloth's
    dynamic builds where it asks which of them, with no quant named."""
    if r.model.id in dict(q.model_quants) or quant is not None:
        return ()
    if q.quants_compared:
        return q.quants_compared
    asked = q.quant_for(r.model.id) or q.pulled_quant
    if not q.dynamic_asked or asked is not None or q.engine not in (None, "llama.cpp"):
        return ()
    return _dynamic_quant_ids()


@functools.cache
def _dynamic_quant_ids() -> tuple[str, ...]:
    """The unsloth dynamic builds of the quantization table, widest first (built once)."""
    dynamic = sorted((x for x in load_quants() if x.variant == "unsloth_ud"), key=lambda x: -x.bits)
    return tuple(x.id for x in dynamic)


def _publisher_quant(model: ModelSpec, asked: str | None, text: str) -> str | None:
    """The quantization asked, in the naming of the GGUF repo the question names: a bare bit width
    of an unsloth repo ("unsloth q4") is its dynamic build of that width (UD-Q4_K_XL) where the
    repo's listing shows one; a quantization written out ("Q4_K_M") stays as written."""
    repo = model.hf_repo
    if asked is None or repo is None:
        return asked
    try:
        quant = resolve_quant(asked)
    except SizingError:
        return asked
    if quant.id.lower() in text.lower():
        return asked
    listed = next((r.quants for r in default_repos().for_model(model.id) if r.repo == repo), ())
    if quant.variant is not None:
        return asked
    ud = [qs for qs in load_quants() if qs.variant == "unsloth_ud" and qs.ftype == quant.ftype]
    dynamic = [qs.id for qs in ud if qs.id in listed]
    return dynamic[0] if dynamic else asked


def _longest_good_context(advice: Advice) -> int | None:
    """The longest context an option of good quality (a small loss at most) holds fully on the GPUs,
    where it is longer than the context the pick was sized at; None where none is."""
    held = [
        n
        for o in advice.options
        if o.estimate.verdict == "gpu" and quality_band(o.estimate.quant.kld) == 0
        for _, n in o.max_context_by_kv
        if n
    ]
    if not held or not advice.options:
        return None
    longest = max(held)
    return longest if longest > advice.options[0].estimate.context else None


def _four_bit_reach(advice: Advice, hw: Hardware) -> str:
    """' A q4_0 KV cache reaches 131,072 tokens at Q4_K_M (...).' where llama.cpp's 4-bit cache holds a
    longer context fully on the GPU than the longest the cache types weighed reach; '' otherwise."""
    on_gpu = [o for o in advice.options if o.estimate.verdict == "gpu" and o.max_context_by_kv]
    if not on_gpu or on_gpu[0].estimate.engine not in _FOUR_BIT_KV_ENGINES:
        return ""
    reached = max((n or 0) for o in on_gpu for _, n in o.max_context_by_kv)
    best: tuple[int, str] | None = None
    for o in on_gpu:
        if any(kv == "q4_0" for kv, _ in o.max_context_by_kv):
            return ""  # weighed already
        base = estimate_again(o.estimate, hw, kv_type="q4_0")
        n = max_context_on_gpu(advice.model, hw, base) if base is not None and base.verdict == "gpu" else None
        if n is not None and n > reached and (best is None or n > best[0]):
            best = (n, o.estimate.quant.id)
    if best is None:
        return ""
    return (
        f" A q4_0 KV cache reaches {best[0]:,} tokens at {best[1]} (-ctk q4_0 -ctv q4_0; it costs some "
        "quality at long contexts)."
    )


def _long_context_words(advice: Advice, longest: int) -> str:
    """'For a long context: 131,072 tokens is the longest that runs fully on the GPU at good quality
    (Q4_K_M with a q8_0 KV cache).'"""
    words = (
        f"For a long context: {longest:,} tokens is the longest that runs fully on the GPU at good quality"
    )
    top = advice.options[0].estimate if advice.options else None
    if top is None or top.context < longest:
        return words + "."
    kv = engine_kv_name(top.memory.kv_type, top.engine)
    return words + f" ({top.quant.id} with {'an' if kv[0] in 'fF' else 'a'} {kv} KV cache)."


def _shown_offload_words(cpu: int, e: Estimate) -> str:
    """Why a model that fits on the GPU shows partly on the CPU in `ollama ps`: Ollama's context and
    parallel slots, as it sets them by default, and the settings that keep it on the GPU."""
    defaults = dict(e.memory.placement.engine_defaults)
    said = [f"{k} {defaults[k].split(' (')[0]}" for k in ("num_ctx", "OLLAMA_NUM_PARALLEL") if k in defaults]
    flags = [x.flag for x in e.memory.placement.settings]
    why = f" ({', '.join(said)})" if said else ""
    fix = f" ({', '.join(flags)})" if flags else ""
    return (
        f"As it runs now, {cpu}% of the model is on the CPU (your ollama ps), which is why it is slow: "
        f"the context and parallel slots Ollama sets by default{why} make the KV cache too large to keep "
        f"every layer on the GPU. With a shorter context or an 8-bit KV cache{fix}:"
    )


def _duration(seconds: float) -> str:
    """'about 4.7 minutes', 'about 38 seconds'."""
    if seconds >= 90:
        return f"about {seconds / 60:.1f} minutes"
    return f"about {seconds:.0f} seconds" if seconds >= 2 else f"about {seconds:.1f} seconds"


def _speed_said(s: SpeedContract) -> str:
    """An option's generating speed said the way the headline says the pick's: on an empty context
    and at the context sized, or at the depth asked; one number where flat. A figure averaged over
    the context set beside the pick's empty-context one would understate how much faster it is."""
    if s.depth is not None:
        return f"~{tps_text(s.decode_tps)} tokens/s with {s.depth:,} tokens in the context"
    if len(s.curve) < 2:
        return f"~{tps_text(s.decode_tps)} tokens/s"
    return decode_over_context_text(s.curve[0].decode_tps, s.curve[-1].decode_tps, s.curve[-1].depth)


def _fastest_candidates(options: list[AnswerOption]) -> list[AnswerOption]:
    """The options "fastest" may name: those that run, none at a severe loss (1-2 bits: a quant that
    fast is no answer to "fastest") unless it is the one answered (a quant the asker chose)."""
    runnable = [o for o in options if o.placement.verdict != "no"]
    kld = _quant_kld()
    lead = options[0].quant if options else None
    return [o for o in runnable if o.quant == lead or kld.get(o.quant, 0.0) < SEVERE_KLD]


@functools.cache
def _quant_kld() -> Mapping[str, float]:
    """Each quantization's mean KLD by id, from the quantization table (built once)."""
    return {x.id: x.kld for x in load_quants()}


def _prompt_time_words(e: Estimate) -> str:
    """'Reading a 102,400-token prompt takes about 4.7 minutes (~363 tokens/s) before the first token.'"""
    # the time reads the whole prompt from an empty context: its rate is the mean over that length,
    # above the rate at a filled context the speed line shows where a depth is asked
    mean = e.context / e.speed.ttft_s if e.speed.ttft_s > 0 else e.speed.prefill_tps
    at_end = (
        f", slowing to ~{tps_text(e.speed.prefill_tps)} near its end"
        if e.speed.prefill_tps < 0.9 * mean
        else ""
    )
    return (
        f"Reading a {e.context:,}-token prompt takes {_duration(e.speed.ttft_s)} "
        f"(~{tps_text(mean)} tokens/s on average{at_end}) before the first token."
    )


def _holds_more(e: Estimate, chats: bool = False) -> str:
    """What holds more users' caches: 'a shorter context or an 8-bit KV cache' where the cache is
    16-bit, the shorter context alone where it is 8-bit already (fp8 on vLLM, q8_0 on llama.cpp);
    with `chats`, shorter chats first."""
    ways = [*(["shorter chats"] if chats else []), "a shorter context"]
    if e.memory.kv_type in ("f32", "f16", "bf16"):
        ways.append("an 8-bit KV cache")
    return ", ".join(ways[:-1]) + " or " + ways[-1]


def _users_held_words(e: Estimate, hw: Hardware, extra: tuple[str, ...], each: int | None) -> str:
    """'How many users: the memory holds the KV cache of 20 users at the 4,096-token context at once,
    ~12 tokens/s each (~240 in all); more wait their turn.' With a context said for each user ("at
    32k each"), at that context."""
    if each is not None and each < e.context:
        e = estimate_again(e, hw, context=each, extra_assumptions=extra) or e
    held = e.memory.placement.sequences_held
    if held < 2:
        return (
            f"How many users: the memory holds the KV cache of one user at the {e.context:,}-token "
            f"context; others wait their turn ({_holds_more(e)} holds more)."
        )
    many = estimate_again(e, hw, extra_assumptions=extra, users=held)
    serving = many.speed.serving if many is not None else None
    speed = (
        f", ~{tps_text(serving.per_user_tps)} tokens/s each (~{serving.aggregate_tps:,.0f} in all)"
        if serving is not None
        else ""
    )
    return (
        f"How many users: the memory holds the KV cache of {held} users at the {e.context:,}-token "
        f"context at once{speed}; more wait their turn, and shorter chats hold more."
    )


# llama.cpp's --override-tensor asked for by name: "-ot regex please", "what override-tensor pattern"
_OT_ASKED = re.compile(r"(?<![\w-])-ot\b|\boverride[-_ ]tensors?\b", re.IGNORECASE)


def _override_tensor_words(text: str, e: Estimate) -> str | None:
    """Where an -ot regex is asked for and the command keeps experts in RAM with --n-cpu-moe N: the -ot
    that does the same (llama.cpp's --n-cpu-moe N keeps the MoE weights of the first N layers on the
    CPU: github ggml-org/llama.cpp tools/server/README.md), as a line to paste instead."""
    p = e.memory.placement
    if p.strategy != "expert_offload" or e.engine != "llama.cpp" or _OT_ASKED.search(text) is None:
        return None
    n = p.cpu_moe_layers
    if n <= 0:
        return None
    layers = _layer_range(n)
    return (
        f'-ot regex: -ot "blk\\.({layers})\\.ffn_.*_exps\\.=CPU" in place of --n-cpu-moe {n} does the same '
        f"(the routed experts of layers 0-{n - 1} in system RAM, the rest on the GPUs)."
    )


def _layer_range(n: int) -> str:
    """A regex alternation for the layer numbers 0 to n-1: '[0-9]|1[0-9]|2[0-3]' for 24."""
    parts: list[str] = []
    for tens in range(0, (n - 1) // 10 + 1):
        last = min(9, n - 1 - tens * 10)
        digits = "0" if last == 0 else f"[0-{last}]"
        parts.append(digits if tens == 0 else f"{tens}{digits}")
    return "|".join(parts)


def _sibling_hint(
    model: ModelSpec, hw: Hardware, catalog: Catalog, advice: Advice, q: Question
) -> str | None:
    """'A smaller Phi-4 runs better here: Phi-4 Mini 3.8B at Q4_K_M, on the CPU, ~4.1 tokens/s.' where
    the asked model runs badly on the rig (at every option shown and every fix on the same rig) and a
    smaller one of its family runs well (or much faster)."""
    now, *others = (o.estimate for o in advice.options)
    # a fix on the same rig (another quantization, a setting) that runs it well is advice enough
    others += [f.estimate for f in advice.fixes if f.estimate.memory.rig == now.memory.rig]
    e = smaller_sibling(
        model,
        hw,
        catalog.models,
        now,
        min_tps=q.min_tps or DEFAULT_MIN_TPS,
        context=q.context,
        others=others,
    )
    if e is None:
        return None
    where = {"gpu": "fully on the GPU", "partial": "partly offloaded", "cpu": "on the CPU"}[e.verdict]
    return (
        f"A smaller {model.family} runs better here: {e.model.name} at "
        f"{e.quant.id}, {where}, ~{tps_text(e.speed.decode_tps)} tokens/s."
    )


def _backend_compared_words(r: Resolution, hw: Hardware, q: Question, e: Estimate) -> str:
    """'With vulkan instead: ~31 tokens/s generating, ~390 reading the prompt (sycl: ~26, ~416).' for
    "sycl vs vulkan": the same model, quantization and context on the other backend."""
    other = q.backend_compared
    try:
        advice = advise(
            r.model,
            hw,
            context=e.context,
            engine=e.engine,
            backend=other,
            quant=e.quant,
            min_tps=q.min_tps or 0,
        )
    except SizingError as err:
        return f"On {other}: {err}."
    o = next((x.estimate for x in advice.options if x.estimate.backend == other), None)
    if o is None or o.verdict == "no":
        return f"{other} does not run {r.model.name} at {e.quant.id} on this rig."
    return (
        f"With {other} instead: ~{tps_text(o.speed.decode_tps)} tokens/s generating, "
        f"~{tps_text(o.speed.prefill_tps)} reading the prompt ({e.backend}: ~{tps_text(e.speed.decode_tps)}, "
        f"~{tps_text(e.speed.prefill_tps)})."
    )


def _engine_compared_words(r: Resolution, hw: Hardware, q: Question, e: Estimate) -> str:
    """'With llama.cpp instead: Q6_K (...), ~7.9 tokens/s generating, ~95 reading the prompt; mlx is
    the faster (mlx at MLX-6bit: ~8.8, ~76).' for "mlx vs gguf": the same model, context and bits a
    weight on the other engine."""
    other = q.engine_compared or ""
    try:
        # at the same bits a weight where the other engine has them: the speeds compare the engines;
        # where the asked one does not fit, the other engine's own pick
        advice = advise(
            r.model,
            hw,
            context=e.context,
            engine=other,
            quant=q.engine_compared_quant or (None if e.verdict == "no" else e.quant),
            min_tps=q.min_tps or DEFAULT_MIN_TPS,
        )
    except SizingError as err:
        return f"With {engine_name(other)}: {err}."
    o = next((x.estimate for x in advice.options if x.estimate.verdict != "no"), None)
    if o is None:
        return f"{engine_name(other)} does not run {r.model.name} on this rig."
    if e.verdict == "no":
        return (
            f"With {engine_name(o.engine)} instead: {o.quant.id} ({quality_label(o.quant.kld)}) "
            f"{_WHERE_RUN[o.verdict]}, ~{tps_text(o.speed.decode_tps)} tokens/s generating, "
            f"~{tps_text(o.speed.prefill_tps)} reading the prompt."
        )
    faster, slower = (o, e) if o.speed.decode_tps > e.speed.decode_tps else (e, o)
    close = faster.speed.decode_tps <= 1.05 * slower.speed.decode_tps
    which = "about as fast" if close else f"{engine_name(faster.engine)} is the faster"
    words = (
        f"With {engine_name(o.engine)} instead: {o.quant.id} ({quality_label(o.quant.kld)}), "
        f"~{tps_text(o.speed.decode_tps)} tokens/s generating, "
        f"~{tps_text(o.speed.prefill_tps)} reading the prompt; "
        f"{which} ({engine_name(e.engine)} at {e.quant.id}: ~{tps_text(e.speed.decode_tps)}, "
        f"~{tps_text(e.speed.prefill_tps)})."
    )
    if (q.users or 1) > 1:  # "for 8 users": each engine's speed per user, and in all
        asked = [_as_asked(x, hw, q, r.assumptions) for x in (e, o)]
        served = [(x, x.speed.serving) for x in asked]
        each = [
            f"{engine_name(x.engine)} ~{tps_text(sv.per_user_tps)} tokens/s each, "
            f"~{sv.aggregate_tps:,.0f} in all"
            + (
                f" ({max(sv.users_held, 1)} at once)"
                if sv.users_held is not None and sv.users_held < sv.users
                else ""
            )
            for x, sv in served
            if sv is not None
        ]
        if len(each) == 2:
            words += f" For {q.users} users at once: " + "; ".join(each) + "."
            words += "".join(_parallel_set_words(x) for x in asked)
    return words


def _parallel_set_words(e: Estimate) -> str:
    """Where an Ollama speed for several users assumes more parallel sequences than it runs by
    default: the setting that gives them, as its command sets it."""
    if e.engine != "ollama":
        return ""
    for st in e.memory.placement.settings:
        name, _, value = st.flag.partition("=")
        if name == "OLLAMA_NUM_PARALLEL" and value.isdigit() and int(value) > 1:
            return (
                f" Ollama's figure assumes it is started as `{st.flag} ollama serve`: its default, 1, "
                "serves one request at a time."
            )
    return ""


def _split_compared_words(r: Resolution, hw: Hardware, q: Question, e: Estimate) -> list[str]:
    """For "-sm row or layer?": the answer's split mode first, then each other mode asked at the same
    model, quantization and context ('With -sm row: ~2.6 tokens/s; llama.cpp's row split is ...')."""
    lines = [f"Split by {e.split_mode} (answered): ~{tps_text(e.speed.decode_tps)} tokens/s."]
    for mode in q.split_compared:
        if mode == e.split_mode:
            continue
        try:
            other = estimate(
                r.model,
                hw,
                quant=e.quant,
                context=e.context,
                engine=e.engine,
                backend=e.backend,
                kv_type=e.memory.kv_type,
                engine_options=EngineOptions(split_mode=mode),
            )
        except SizingError as err:
            lines.append(f"With -sm {mode}: {err}.")
            continue
        if other.split_mode != mode or other.verdict == "no":
            lines.append(f"-sm {mode} is not available here.")
            continue
        why = [n for n in other.speed.notes if "split" in n and "deprecated" in n]
        lines.append(
            f"With -sm {mode}: ~{tps_text(other.speed.decode_tps)} tokens/s"
            + (f"; {why[0]}." if why else ".")
        )
    return lines


def _seen_words(e: Estimate, seen: float) -> str:
    """The speed the asker sees beside the range estimated: 'You see ~30 tokens/s: below the ~31-52
    estimated for MXFP4 at 8,192 context, fully on the GPU; check ...'."""
    lo, hi = e.speed.decode_tps_range
    at = f"{e.quant.id} at {e.context:,} context, {_WHERE.get(e.verdict, '')}"
    said, span = f"You see ~{tps_text(seen)} tokens/s:", f"~{tps_text(lo)}-{tps_text(hi)}"
    if seen > hi:
        return f"{said} above the {span} estimated for {at}, so read the speeds here as cautious."
    if seen < lo:
        return (
            f"{said} below the {span} estimated for {at}; check that it loads as sized here (the same "
            "quant and layers on the GPU, no other program holding GPU memory, no longer a context than "
            "needed)."
        )
    return f"{said} inside the {span} estimated for {at}."


def _against_seen_words(e: Estimate, seen: float, seen_on: str) -> str:
    """'Against the ~35 tokens/s you have now with Qwen3 32B: slower, ~16.' for a model asked about
    beside the one the asker measures now ("would gpt-oss 120b be faster on that box?")."""
    tps = e.speed.decode_tps
    low, high = e.speed.decode_tps_range
    how = "about as fast" if low <= seen <= high else "faster" if tps > seen else "slower"
    return (
        f"Against the ~{tps_text(seen)} tokens/s you have now with {seen_on}: {how}, ~{tps_text(tps)} "
        f"estimated for {e.model.name} (~{tps_text(low)}-{tps_text(high)})."
    )


def _depth_words(e: Estimate, depth: int) -> str:
    """'With 32,768 tokens already in the context: ~12 tokens/s generating, ~196 reading the prompt.'"""
    return (
        f"With {depth:,} tokens already in the context: ~{tps_text(e.speed.decode_tps)} tokens/s generating, "
        f"~{e.speed.prefill_tps:,.0f} reading the prompt."
    )


def _as_asked(e: Estimate, hw: Hardware, q: Question, extra: tuple[str, ...]) -> Estimate:
    """`e` with its speed given at `depth` tokens in ("at 32k context filled") and for several users
    at once ("for 8 users"), when asked."""
    depth, users = q.depth, q.users or 1
    if (depth is None and users == 1) or e.verdict == "no":
        return e
    deep = estimate_again(
        e, hw, context=max(e.context, depth or 0), extra_assumptions=extra, depth=depth, users=users
    )
    return deep or e


def _answer_best(q: Question, hw: Hardware, catalog: Catalog) -> Answer:
    from sizing import rank_best  # the ranking is imported by the questions that ask for it

    wished = q.min_tps or DEFAULT_MIN_TPS
    bought = ram_bought(q, (hw,))  # "with $300 for more ram": the rig with the RAM it buys
    if bought is not None:
        hw = bought[0][0]
    pool, about = _of_the_size(q, catalog)
    found = rank_best(pool, hw, context=q.context, task=q.task, min_tps=wished, limit=BEST_LISTED)
    slower = ""
    if not found and q.min_tps is None:
        # nothing keeps up with the default wish (a small CPU-only box): the best that still reads
        found = rank_best(pool, hw, context=q.context, task=q.task, min_tps=SLOW_FLOOR_TPS, limit=BEST_LISTED)
        if found:
            slower = (
                f" Nothing reaches {DEFAULT_MIN_TPS:g} tokens/s on this rig; these reach at least "
                f"{SLOW_FLOOR_TPS:g}."
            )
    left = ""
    if (q.engine is not None and q.engine != "llama.cpp") or q.quant is not None:
        # the ranking sizes llama.cpp itself: each model again as the engine or format asked runs it,
        # and those it cannot run left out (said), rather than kept as GGUF files it never loads
        more = rank_best(pool, hw, context=q.context, task=q.task, min_tps=wished, limit=2 * BEST_LISTED)
        on_engine, dropped = _on_engine(more or found, q, hw, wished)
        if on_engine:
            found, left = on_engine[:BEST_LISTED], _left_out_words(dropped, q)
        elif found:  # nothing as asked here: the list as llama.cpp runs it, said
            left = f" None of them runs {_as_asked_words(q)} here: listed as llama.cpp runs them."
    if q.prefer == "speed":  # "the fastest model I can run": the best ranked, fastest first
        found = sorted(found, key=lambda b: -b.estimate.speed.decode_tps)
    served = ""
    if q.users and q.users > 1 and found:  # "best model to serve 50 users": each sized for them all
        found, served = _for_users(found, q.users, hw)
    if not found:
        verdict = f"No model{about} in the catalog runs at {wished:g} tokens/s or more on this rig."
    else:
        verdict = (
            _best_verdict(q, found, hw, about, SLOW_FLOOR_TPS if slower else wished) + slower + served + left
        )
    return Answer(
        kind="best",
        question=_info(q),
        options=[
            BestOption.model_validate(
                {**b.estimate.contract_fields(), "quality": b.quality, "quality_basis": b.basis}
            )
            for b in found
        ],
        verdict=verdict,
        hints=[
            *([bought[1]] if bought is not None else []),
            *([UNCENSORED_HINT] if q.uncensored and found else []),
        ],
        catalog_version=catalog.version,
        estimator_version=ESTIMATOR_VERSION,
    )


def _for_users(found: list[BestModel], users: int, hw: Hardware) -> tuple[list[BestModel], str]:
    """The models ranked, each sized again for `users` at once, those whose memory holds every user's
    KV cache first (the ranking kept among them); and the words for the first."""
    sized = []
    for b in found:
        e = estimate_again(b.estimate, hw, users=users)
        sized.append(dataclasses.replace(b, estimate=e) if e is not None and e.verdict != "no" else b)

    def held(b: BestModel) -> bool:
        serving = b.estimate.speed.serving
        return serving is not None and serving.users_held is not None and serving.users_held >= users

    ordered = [b for b in sized if held(b)] + [b for b in sized if not held(b)]
    first = ordered[0].estimate.speed.serving
    if first is None:
        return ordered, ""
    if not held(ordered[0]):
        return ordered, (
            f" For {users} users at once none listed holds every user's KV cache at its context: "
            f"{ordered[0].estimate.model.name} holds {first.users_held or 1} at a time, the others wait."
        )
    return ordered, (
        f" For {users} users at once, sized for them all: {ordered[0].estimate.model.name} gives "
        f"~{tps_text(first.per_user_tps)} tokens/s each, ~{first.aggregate_tps:,.0f} in all; the models "
        "whose memory holds every user's KV cache are listed first."
    )


def _on_engine(
    found: list[BestModel], q: Question, hw: Hardware, wished: float
) -> tuple[list[BestModel], list[tuple[str, bool]]]:
    """The models ranked, each as the engine or the format asked runs it ("best model with mlx": MLX
    quantizations and mlx_lm commands, not GGUF files; "with vllm": AWQ, GPTQ, FP8 or 16-bit checkpoints,
    tensor parallel; "with fp8": FP8 on the engine that loads it); and the names of those it cannot run
    here at the speed wished (a GGUF k-quant is no vLLM model), left out of the list."""
    out: list[BestModel] = []
    dropped: list[tuple[str, bool]] = []  # (name, whether the engine loads it at all)
    # a format asked without its bits ("best exl3 model"): each model at the most bits that run here,
    # as a GGUF list picks its quant; a quantization named in full: that one
    builds = format_builds(q.quant) if q.quant is not None else ()
    quant = None if builds else q.quant
    ids = {b.id for b in builds} or ({resolve_quant(q.quant).id} if q.quant is not None else set())
    for b in found:
        try:
            advice = advise(
                b.estimate.model,
                hw,
                context=q.context,
                engine=q.engine,
                quant=quant,
                min_tps=wished,
                choices=builds,
            )
        except SizingError:
            # the engine cannot load it at all (no code for its architecture): said apart
            dropped.append((b.estimate.model.name, False))
            continue
        if q.engine is not None and all(o.estimate.engine != q.engine for o in advice.options):
            # answered on another engine: the one asked cannot load it (no code for its architecture)
            dropped.append((b.estimate.model.name, False))
            continue
        runs = [
            o.estimate
            for o in advice.options
            if o.estimate.verdict != "no"
            and o.estimate.speed.decode_tps >= wished
            and (not ids or o.estimate.quant.id in ids)
            and (q.engine is None or o.estimate.engine == q.engine)
        ]
        if runs:
            out.append(dataclasses.replace(b, estimate=runs[0]))
        else:
            dropped.append((b.estimate.model.name, True))
    return out, dropped


def _as_asked_words(q: Question) -> str:
    """'at FP8 with vLLM', 'with MLX', 'at FP8': the format and engine a best question asks."""
    builds = format_builds(q.quant) if q.quant is not None else ()
    if builds:  # "exl3": at no one bits
        parts = [f"as {builds[0].format.upper()}"]
    else:
        parts = [f"at {resolve_quant(q.quant).id}" if q.quant is not None else ""]
    parts.append(f"with {engine_name(q.engine)}" if q.engine is not None else "")
    return " ".join(p for p in parts if p) or "as asked"


def _left_out_words(dropped: Sequence[tuple[str, bool]], q: Question) -> str:
    """' Left out: GLM-4.5-Air 106B-A12B, ranked high but not run with vLLM here at the speed wished.'
    ('' for none)."""
    if not dropped:
        return ""
    unloaded = [name for name, loads in dropped if not loads]
    slow = [name for name, loads in dropped if loads]
    parts = []
    if unloaded:
        parts.append(
            f"{_names(unloaded)}, ranked high but not loaded {_as_asked_words(q)} (no support for the model)"
        )
    if slow:
        parts.append(f"{_names(slow)}, ranked high but not run {_as_asked_words(q)} here at the speed wished")
    return " Left out: " + "; ".join(parts) + "."


def _names(names: Sequence[str]) -> str:
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


# what an uncensored wish changes: nothing in the sizing, since an abliterated or uncensored
# fine-tune keeps the shape of the model it is made from
UNCENSORED_HINT = (
    "Uncensored (abliterated) versions are fine-tunes with the same shape as the model they are made "
    "from: they run at the same size and speed, so look for one of a model ranked here."
)


def _of_the_size(q: Question, catalog: Catalog) -> tuple[list[ModelSpec], str]:
    """The catalog models a best question ranks: those of about the size it names ("which 30b-ish
    model is best?"), or all; and the words for that size."""
    from sizing import models_of_about  # imported by the questions that ask for the best

    sizes = [r.model.params_b for r in q.models if r.model.is_generic]
    if not sizes:
        return list(catalog.models), ""
    named = " or ".join(f"{b:g}B" for b in sorted({round(x) if x >= 10 else round(x, 1) for x in sizes}))
    return models_of_about(catalog.models, sizes), f" of about {named}"


def _best_verdict(q: Question, found: list[BestModel], hw: Hardware, about: str, min_tps: float) -> str:
    from sizing import best_heading  # the ranking is imported by the questions that ask for it

    e = found[0].estimate
    task = f" for {q.task}" if q.task else ""
    task += f" among models{about}" if about else ""
    where = {"gpu": "fully on the GPU", "partial": "partly offloaded", "cpu": "on the CPU"}.get(e.verdict, "")
    heading = best_heading(
        found, hw, min_tps=min_tps, wished=q.min_tps is not None, sources="LMArena, LiveBench"
    )
    if q.task in RANKED_AS:  # read apart from chat (roleplay, creative writing), ranked as chat
        heading += f" No public board scores {q.task}: these rank by their overall (chat) scores."
    top = f"{e.model.name} at {e.quant.id}, ~{tps_text(e.speed.decode_tps)} tokens/s {where}"
    if q.prefer == "speed":
        return f"Fastest{task} on this rig: {top}. {heading} These are listed fastest first, as asked."
    return f"Best{task} on this rig: {top}. {heading}"
