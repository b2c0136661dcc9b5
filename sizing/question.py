"""A whole sentence -> what is asked: model(s), hardware, context, wishes.

"can I run qwen3 235b on 2x3090 and 128gb ram at 32k?", "what's the best coding model for my M2
Max 64GB", "will a 200B dense model fit on 4 H100s", "gpt-oss-120b on a 4090 + 64gb ddr5, how
fast?". What the sentence lacks comes back in `missing` ("model", "hardware") so the answer can be
a question back, never a guess.

Besides "this model on this rig" (kind "estimate") and "the best models for this rig" ("best"), a
question may ask what hardware a model needs ("requirements": GPUs it names are candidates, not
the asker's), the largest model a rig holds ("capacity"), or for rigs or models side by side
("compare"). The readers of those kinds, of ranges and open shapes, and of the wishes are in
_question_intent, _question_models and _question_rigs.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from itertools import pairwise

from ._errors import HardwareError, UnknownModelError
from ._question_intent import (
    asks_capacity,
    asks_how_many,
    asks_requirements,
    choice_words,
    gloss,
    owns_hardware,
    read_best,
    read_depth,
    read_min_tps,
    read_prefer,
    read_prompt_speed,
    rig_kinds_named,
    spaced,
)
from ._question_models import sized_models
from ._question_rigs import compared_rigs
from .catalog import ModelIndex, Resolution, hypothetical_model, resolve_model
from .hardware import MAX_TEXT_CHARS, DeviceDatabase, Hardware, parse_hardware
from .memory import MAX_DEVICES
from .vocabulary import MAX_CONTEXT, AskedKind, Prefer, RigKind

__all__ = ["MAX_QUESTION_CHARS", "Question", "read_question"]

MAX_QUESTION_CHARS = MAX_TEXT_CHARS
MAX_MODELS_READ = 6  # model names read from one question (the answer covers the first three)

_CONTEXT = re.compile(
    r"(?:(?:at|with|@|ctx|context(?: of| length)?|context window(?: of)?)\s*[:=]?\s*)?"
    r"\b(\d+(?:\.\d+)?)\s*(k|m)\b\s*(?:tokens?\s*)?(?:of\s*)?(?:context|ctx|tokens?|window)?"
    r"|\b(?:context|ctx)(?: of| length| window)?\s*[:=]?\s*(\d{3,7})\b"
)
# "4 bit", "4-bit": the GGUF family at those bits (MLX's own type when the engine is MLX)
_BITS = re.compile(r"\b([2-8])\s*-?\s*bits?\b")
_TASKS = (
    ("code", re.compile(r"\b(cod(e|ing|er)|programming|developer)\b")),
    ("reasoning", re.compile(r"\b(reasoning|math|thinking)\b")),
    ("chat", re.compile(r"\b(chat|assistant|roleplay|writing)\b")),
)
_ENGINES = (
    ("vllm", re.compile(r"\bvllm\b")),
    ("sglang", re.compile(r"\bsglang\b")),
    ("ollama", re.compile(r"\bollama\b")),
    ("lmstudio", re.compile(r"\blm ?studio\b")),
    ("mlx", re.compile(r"\bmlx\b")),
    ("exllama", re.compile(r"\bexllama|exl[23]\b")),
    ("llama.cpp", re.compile(r"\bllama\.?cpp\b")),
)
_QUANT = re.compile(
    r"\b((?:ud-)?i?q\d(?:_[a-z0-9]+)*|mxfp4|fp8|bf16|fp16|f16|awq|gptq|exl[23](?:[ -]\d(?:\.\d+)?bpw)?)\b"
)
# words that start a model name: the span runs from here through version/size/qualifier tokens
_FAMILIES = (
    "llama",
    "codellama",
    "tinyllama",
    "qwen",
    "qwq",
    "gemma",
    "mistral",
    "mixtral",
    "magistral",
    "devstral",
    "ministral",
    "codestral",
    "deepseek",
    "kimi",
    "glm",
    "gpt-oss",
    "gpt oss",
    "gptoss",
    "phi",
    "granite",
    "command",
    "nemotron",
    "minimax",
    "olmo",
    "ernie",
    "seed",
    "hunyuan",
    "lfm",
    "starcoder",
    "falcon",
    "yi",
)


@functools.lru_cache(maxsize=16)
def _model_start(family_words: frozenset[str]) -> re.Pattern[str]:
    """Where model names begin: the known families plus the first words of the catalog's names
    (so a newly imported family is found in free text too)."""
    words = sorted(set(_FAMILIES) | family_words, key=len, reverse=True)
    return re.compile(r"(?<![a-z0-9])(" + "|".join(re.escape(f) for f in words) + r")", re.I)


_MODEL_TAIL = re.compile(
    r"[\s\-_.:/]*(?:\d+(?:\.\d+)?(?:x\d+)?\s*[bmt]?|a\d+(?:\.\d+)?b|v\d+(?:\.\d+)?|r\d|k\d(?:\.\d+)?|m\d(?:\.\d+)?|"
    # a distilled model names its base family next: "deepseek-r1-distill-qwen-32b"
    r"distill[\s\-_]+(?:" + "|".join(re.escape(f) for f in _FAMILIES) + r")|"
    r"e\d+b|coder|code|instruct|it|chat|air|flash|scout|maverick|next|vl|thinking|distill|nemo|small|medium|large|"
    r"mini|mini-instruct|oss|moe|super|nano|ultra|plus|turbo|exp|lite|max|pro|z1|preview|[0-9]{4})\b",
    re.I,
)
# "a -5B model": a size no model has
_NEGATIVE_SIZE = re.compile(r"(?:^|[\s(])-\s*\d+(?:\.\d+)?\s*(?:b|billion|t|trillion)\b")


@dataclass(frozen=True, slots=True)
class Question:
    text: str
    models: tuple[Resolution, ...] = ()
    hardware: Hardware | None = None
    context: int | None = None
    task: str | None = None
    min_tps: float | None = None
    engine: str | None = None
    quant: str | None = None
    wants_best: bool = False
    missing: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    model_errors: tuple[UnknownModelError, ...] = field(default_factory=tuple)
    kind: AskedKind = "estimate"  # what is asked (wants_best is kind == "best")
    rigs: tuple[Hardware, ...] = ()  # the rigs asked about: the asker's, or those compared side by side
    candidates: tuple[str, ...] = ()  # device ids named as hardware to consider ("how many 4090s")
    rig_kinds: tuple[RigKind, ...] = ()  # kinds of rig named as candidates ("a Mac", "consumer cards")
    prefer: Prefer | None = None  # what comes first: quality, speed or cost
    depth: int | None = None  # tokens already in the context the speed is asked at
    prompt_speed: bool = False  # the speed asked about is reading the prompt, not generating
    both_shapes: bool = False  # "dense or MoE?": the models hold each size both ways
    change: str | None = None  # an upgrade compared, in words ("adding 1x NVIDIA GeForce RTX 3090")


def _quant_wish(named: re.Match[str] | None, bits: re.Match[str] | None, engine: str | None) -> str | None:
    if named:
        wish = named.group(1).upper()
        gguf_engine = engine in (None, "llama.cpp", "ollama", "lmstudio")
        if gguf_engine and wish in ("FP16", "F16", "BF16"):
            return "BF16" if wish == "BF16" else "F16"  # the GGUF file types of those names
        return wish
    if bits:
        return f"MLX-{bits.group(1)}bit" if engine == "mlx" else f"Q{bits.group(1)}"
    return None


def _read_context(s: str) -> int | None:
    for m in _CONTEXT.finditer(s):
        if m.group(3):
            v = int(m.group(3))
            return v if 128 <= v <= MAX_CONTEXT else None
        value, unit = float(m.group(1)), m.group(2)
        whole = m.group(0)
        # "32k" alone is a context; "70b" never matches; "8k" right after a GPU count is unlikely
        if unit == "k" and (
            "context" in whole
            or "ctx" in whole
            or "token" in whole
            or re.search(r"\b(at|with|@)\b", whole)
            or value in (2, 4, 8, 16, 32, 64, 128, 256, 512)
        ):
            return int(value * 1024)
        if unit == "m" and ("context" in whole or "ctx" in whole or "token" in whole):
            return int(value * 1024 * 1024)
    return None


def _model_spans(s: str, family_words: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    spans = []
    for m in _model_start(family_words).finditer(s):
        end = m.end()
        while True:
            t = _MODEL_TAIL.match(s, end)
            if t is None or t.end() == end:
                break
            end = t.end()
        bits = _BITS.search(s, m.start())
        if bits is not None and bits.start() < end:  # "70b 4-bit": a quant wish, not part of the name
            end = bits.start()
        spans.append((m.start(), end))
    # drop spans inside others
    spans.sort()
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and a < out[-1][1]:
            continue
        out.append((a, b))
    return out


def read_question(text: str, index: ModelIndex, db: DeviceDatabase | None = None) -> Question:
    """Read a question. Raises HardwareError only for text that is far too long."""
    if len(text) > MAX_QUESTION_CHARS:
        raise HardwareError(
            f"That is {len(text):,} characters; ask in under {MAX_QUESTION_CHARS:,}.",
            hint='Something like "can I run Qwen3 30B on an RTX 3090 with 32GB RAM?"',
        )
    asked = text
    text = spaced(text)
    s = text.lower()
    quant_m = _QUANT.search(s)
    engine = next((name for name, rx in _ENGINES if rx.search(s)), None)
    models, errors, spans, hw_text = _read_models(text, s, index)
    hw_s = hw_text.lower()
    problems: list[str] = []
    both_shapes = choice_of_sizes = False
    if not models:  # "a 200B model", "200-700B", "a 70B dense or a 235B MoE", unless one is named
        sized = sized_models(gloss(hw_s), index)
        if sized is not None:
            models = list(sized.models)
            both_shapes, choice_of_sizes = sized.both_shapes, sized.range_b is None and not sized.both_shapes
        else:
            hypo = hypothetical_model(gloss(s), index)
            if hypo is not None:
                models.insert(0, hypo)
            elif _NEGATIVE_SIZE.search(s):
                problems.append("a model cannot have a negative number of parameters")
    hardware = parse_hardware(hw_text, db)
    if hardware.gpu_count > MAX_DEVICES:
        problems.append(
            f"{hardware.gpu_count:,} GPUs is a data center, not a rig; canirun sizes up to {MAX_DEVICES}"
        )
    unique: dict[str, Resolution] = {}
    for r in models:
        unique.setdefault(r.model.id, r)
    kind, rigs, change = _kind(s, hw_s, hardware, unique, spans, choice_of_sizes, db)
    has_rig = not (hardware.is_empty and hardware.cpu is None)
    missing: list[str] = []
    if not unique and kind in ("estimate", "requirements"):
        missing.append("model")
    if not has_rig and kind in ("estimate", "best", "capacity", "compare") and not rigs:
        missing.append("hardware")
    if kind == "requirements":
        candidates = tuple(dict.fromkeys([*(g.id for g in hardware.gpus if g.id), *_soc_id(hardware)]))
        hw_read: Hardware | None = None
    else:
        candidates = ()
        hw_read = None if "hardware" in missing else (rigs[0] if rigs else hardware)
        if not rigs and hw_read is not None:
            rigs = (hw_read,)
    return Question(
        text=asked,
        models=tuple(unique.values()),
        hardware=hw_read,
        context=_read_context(s),
        task=next((name for name, rx in _TASKS if rx.search(s)), None),
        min_tps=read_min_tps(s),
        engine=engine,
        quant=_quant_wish(quant_m, _BITS.search(s), engine),
        wants_best=kind == "best",
        missing=tuple(missing),
        problems=tuple(problems),
        model_errors=tuple(errors),
        kind=kind,
        rigs=rigs,
        candidates=candidates,
        rig_kinds=rig_kinds_named(s) if kind == "requirements" else (),
        prefer=read_prefer(s),
        depth=read_depth(s),
        prompt_speed=read_prompt_speed(s),
        both_shapes=both_shapes,
        change=change,
    )


def _soc_id(hw: Hardware) -> list[str]:
    return [hw.soc.id] if hw.soc is not None and hw.soc.id else []


def _read_models(
    text: str, s: str, index: ModelIndex
) -> tuple[list[Resolution], list[UnknownModelError], list[tuple[int, int]], str]:
    """The catalog models named, the errors of names that resolve to none, where the resolved
    names are, and the text with every name blanked (what is left describes the rig)."""
    models: list[Resolution] = []
    errors: list[UnknownModelError] = []
    spans: list[tuple[int, int]] = []
    removed = list(text)
    for n, (a, b) in enumerate(_model_spans(s, index.family_words)):
        span = text[a:b].strip(" -_.:/")
        if n < MAX_MODELS_READ:  # past a handful of names it is a list, not a question: blank the rest
            try:
                models.append(resolve_model(span, index))
                spans.append((a, b))
            except UnknownModelError as err:
                errors.append(err)
        for k in range(a, b):
            removed[k] = " "
    return models, errors, spans, "".join(removed)


def _kind(
    s: str,
    hw_s: str,
    hardware: Hardware,
    models: dict[str, Resolution],
    spans: list[tuple[int, int]],
    choice_of_sizes: bool,
    db: DeviceDatabase | None,
) -> tuple[AskedKind, tuple[Hardware, ...], str | None]:
    """What the question asks, the rigs it puts side by side, and an upgrade in words."""
    has_rig = not (hardware.is_empty and hardware.cpu is None)
    # "how many 4090s", "what hardware do I need": GPUs named are candidates; an owner asking what to
    # change ("what do I need to run it on my 3090?") asks for an estimate with its fixes
    if asks_requirements(s) and (asks_how_many(s) or not (has_rig and owns_hardware(s))):
        return "requirements", (), None
    if len(models) >= 2 and (choice_of_sizes or _choice_between(s, spans)):
        return "compare", (), None
    compared = compared_rigs(hw_s, db)
    if compared is not None:
        return "compare", compared.rigs, compared.change
    if not models and asks_capacity(s):
        return "capacity", (), None
    if not models and read_best(s):
        return "best", (), None
    return "estimate", (), None


def _choice_between(s: str, spans: list[tuple[int, int]]) -> bool:
    """A choice word ("or", "vs", "oder") between two of the models named."""
    words = choice_words(s)
    return any(any(left[1] <= a and b <= right[0] for a, b in words) for left, right in pairwise(spans))
