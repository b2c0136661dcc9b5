"""A whole sentence -> what is asked: model(s), hardware, context, wishes.

"can I run qwen3 235b on 2x3090 and 128gb ram at 32k?", "what's the best coding model for my M2
Max 64GB", "will a 200B dense model fit on 4 H100s", "gpt-oss-120b on a 4090 + 64gb ddr5, how
fast?". What the sentence lacks comes back in `missing` ("model", "hardware") so the answer can be
a question back, never a guess.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field

from ._errors import HardwareError, UnknownModelError
from .catalog import ModelIndex, Resolution, hypothetical_model, resolve_model
from .hardware import MAX_TEXT_CHARS, DeviceDatabase, Hardware, parse_hardware
from .vocabulary import MAX_CONTEXT

__all__ = ["MAX_QUESTION_CHARS", "Question", "read_question"]

MAX_QUESTION_CHARS = MAX_TEXT_CHARS
MAX_MODELS_READ = 6  # model names read from one question (the answer covers the first three)

_CONTEXT = re.compile(
    r"(?:(?:at|with|@|ctx|context(?: of| length)?|context window(?: of)?)\s*[:=]?\s*)?"
    r"\b(\d+(?:\.\d+)?)\s*(k|m)\b\s*(?:tokens?\s*)?(?:of\s*)?(?:context|ctx|tokens?|window)?"
    r"|\b(?:context|ctx)(?: of| length| window)?\s*[:=]?\s*(\d{3,7})\b"
)
_MIN_TPS = re.compile(
    r"(?:at least|min(?:imum)?|>=?|over|above)\s*(\d+(?:\.\d+)?)\s*(?:t/s|tok/s|tokens?/s|tps)"
)
_BEST = re.compile(
    r"\b(best|which|what)\b.{0,40}\b(models?|llms?)\b|\brecommend|\bsuggest"
    r"|\bbest\s+(?:coding|code|chat|reasoning)\b"
    r"|\bwhat\s+(?:should|can|could|would)\s+i\s+run\b|\bwhat\s+to\s+run\b"
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
_TWO_RIGS = re.compile(r"\b(or|vs\.?|versus|compared to|instead of)\b")


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
        if not math.isfinite(value):  # hundreds of digits: no context length
            continue
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
    s = text.lower()
    context = _read_context(s)
    min_tps_m = _MIN_TPS.search(s)
    task = next((name for name, rx in _TASKS if rx.search(s)), None)
    engine = next((name for name, rx in _ENGINES if rx.search(s)), None)
    quant_m = _QUANT.search(s)
    wants_best = bool(_BEST.search(s))
    models: list[Resolution] = []
    errors: list[UnknownModelError] = []
    removed = list(text)
    for n, (a, b) in enumerate(_model_spans(s, index.family_words)):
        span = text[a:b].strip(" -_.:/")
        if n < MAX_MODELS_READ:  # past a handful of names it is a list, not a question: blank the rest
            try:
                models.append(resolve_model(span, index))
            except UnknownModelError as err:
                errors.append(err)
        for k in range(a, b):
            removed[k] = " "
    hypo = hypothetical_model(s, index) if not models else None  # "a 200B model", unless one is named
    if hypo is not None:
        models.insert(0, hypo)
    hw_text = "".join(removed)
    hardware = parse_hardware(hw_text, db)
    problems: list[str] = []
    if len(hardware.gpus) > 1 and _TWO_RIGS.search(hw_text.lower()):
        ids = {g.id for g in hardware.gpus}
        if len(ids) > 1:
            problems.append("two rigs in one question: " + " or ".join(g.name for g in hardware.gpus))
    missing: list[str] = []
    unique: dict[str, Resolution] = {}
    for r in models:
        unique.setdefault(r.model.id, r)
    if not unique and not wants_best:
        missing.append("model")
    if hardware.is_empty and hardware.cpu is None:
        missing.append("hardware")
    return Question(
        text=text,
        models=tuple(unique.values()),
        hardware=None if "hardware" in missing else hardware,
        context=context,
        task=task,
        min_tps=float(min_tps_m.group(1)) if min_tps_m else None,
        engine=engine,
        quant=_quant_wish(quant_m, _BITS.search(s), engine),
        wants_best=wants_best and not unique,
        missing=tuple(missing),
        problems=tuple(problems),
        model_errors=tuple(errors),
    )
