"""A whole sentence -> what is asked: model(s), hardware, context, wishes.

"can I run qwen3 235b on 2x3090 and 128gb ram at 32k?", "what's the best coding model for my M2
Max 64GB", "will a 200B dense model fit on 4 H100s", "gpt-oss-120b on a 4090 + 64gb ddr5, how
fast?". What the sentence lacks comes back in `missing` ("model", "hardware") so the answer can be
a question back, never a guess.

Besides "this model on this rig" (kind "estimate") and "the best models for this rig" ("best"), a
question may ask what hardware a model needs ("requirements": GPUs it names are candidates, not
the asker's), the largest model a rig holds ("capacity"), or for rigs or models side by side
("compare"). The readers of those kinds, of ranges and open shapes, and of the wishes are in
_question_intent, _question_models and _question_rigs; which of several models named is asked about
in _question_focus; short family names ("oss 120", "r1") in _question_nicknames.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise

from ._embeddings import without_embedding_names
from ._engine_fit import EngineOptions
from ._engine_ollama import OLLAMA_DEFAULT_QUANT
from ._engines import backend_problem
from ._errors import HardwareError, UnknownModelError
from ._lazy_re import LazyPattern
from ._question_asked_rig import asked_rig
from ._question_backend import (
    exllama_v2,
    exllama_v3,
    exo_named,
    lmstudio_mlx,
    logged_backend,
    mac_named,
    read_backends,
    without_device_flags,
)
from ._question_configs import read_configs_compared
from ._question_declined import asks_unquantized, released_quant, without_declined_quants
from ._question_engine_settings import read_engine_settings
from ._question_focus import (
    all_background,
    asked_models,
    named_again,
    referred_models,
    with_base_names_joined,
    without_better_than,
    without_sizes_told,
)
from ._question_hub import HubRef, read_hub_refs, with_hub_names
from ._question_inputs import read_inputs
from ._question_intent import (
    MAX_USERS,
    asks_capacity,
    asks_context_limit,
    asks_how_many,
    asks_if_rig_works,
    asks_memory_need,
    asks_requirements,
    asks_requirements_beyond_a_mac,
    budget_words,
    choice_words,
    context_per_slot,
    gloss,
    not_a_language_model,
    owns_hardware,
    read_best,
    read_both_speeds,
    read_depth,
    read_max_usd,
    read_min_tps,
    read_prefer,
    read_prompt_speed,
    read_ram_budget,
    read_speed_seen_at,
    read_tps_now,
    read_users,
    reads_uncensored,
    rig_kinds_named,
    shared_context,
    someone_elses_rig,
    spaced,
    with_question_words,
    without_ram_budget,
)
from ._question_kv import read_kv_type, without_kv_words
from ._question_left_out import names_left_out, unknown_name_asked
from ._question_measured_elsewhere import adds_a_card, measured_elsewhere
from ._question_models import sized_models
from ._question_nicknames import SIZE_BEFORE, expand_nicknames
from ._question_noise import is_noise
from ._question_numbers_said import negative_card_count, negative_context, users_past_bound
from ._question_ollama_show import with_ollama_show
from ._question_order import in_catalog_order, with_sizes_spelled_out
from ._question_paste import compacted
from ._question_prices import read_prices_said
from ._question_quants import AFTER_CHARS, asks_same_quant, model_quants
from ._question_release_version import with_release_version_said
from ._question_repeats import without_repeats
from ._question_rigs import compared_rigs, labels_options, replaced_by
from ._question_rpc import over_rpc
from ._question_sizes import (
    with_card_memory,
    with_labels_colon,
    with_machine_ram,
    without_past_rig,
    without_speeds,
    without_told_sizes,
)
from ._question_spelling import with_name_spellings
from ._question_split import AskedSplitMode, read_split_mode, read_split_modes_compared
from ._question_wishes import (
    asks_nvlink,
    asks_prompt_time,
    asks_users_served,
    read_asked_ram,
    read_context_each,
    read_cpu_share_shown,
    read_speed_seen,
    wants_long_context,
    without_formats_not_understood,
)
from .catalog import (
    QUANT_PATTERN,
    ModelIndex,
    ModelSpec,
    Resolution,
    hypothetical_model,
    normalize_quant_name,
    resolve_model,
    resolve_quant,
    with_version_dots,
)
from .hardware import MAX_COUNT, MAX_TEXT_CHARS, DeviceDatabase, Hardware, parse_hardware
from .memory import MAX_DEVICES
from .vocabulary import MAX_CONTEXT, AskedKind, KvType, Prefer, RigKind

__all__ = ["MAX_QUESTION_CHARS", "HubRef", "Question", "question_length", "read_hub_refs", "read_question"]

MAX_QUESTION_CHARS = MAX_TEXT_CHARS
MAX_MODELS_READ = 6  # model names read from one question (the answer covers the first three)

# model sizes in words: "100-200B", "70b", "1.5 trillion" (never "192gb" or "1tb")
_MODEL_SIZES = re.compile(
    r"\b\d+(?:\.\d+)?\s*(?:(?:-|–|to)\s*\d+(?:\.\d+)?\s*)?(?:b|billion|t|trillion)\b", re.IGNORECASE
)
# a length by its word: "32k context", "at 64k", "@ 80k", "context size 4096", '"ctx": 8192'
_CONTEXT = LazyPattern(
    r"(?:(?:at|with|@|ctx|context(?:\s+(?:length|window|size))?(?:\s+of)?)\s*[:=]?\s*)?"
    # (the unit hyphened to its noun counts as written apart: "a 30k-token codebase", "64k-context")
    r"\b(\d+(?:\.\d+)?)\s*(k|m|thousand|million|mil)\b\s*(?:-\s*)?(?:tokens?\s*)?(?:of\s*)?"
    r"(?:context|ctx|tokens?|window)?"
    r"|\b(?:context|ctx)(?: of| length| window| size)?[\"']?\s*[:=]?\s*(\d{3,12})\b"
)
# a length in words ("1 million context", "256 thousand tokens") counts as 1M / 256k do
_CONTEXT_UNIT = {"thousand": "k", "million": "m", "mil": "m"}
_AT_WORD = LazyPattern(r"\b(?:at|with)\b|@")
# a context raised or set to a length in words: "bump the context to 40k", "raise ctx from 8k to 48k",
# "the context window up to 100k tokens", "set context length to 24k" (the length it goes to)
_CONTEXT_RAISED = LazyPattern(
    r"\b(?:context|ctx)(?:\s+(?:window|length|size))?\s+(?:from\s+\d+(?:\.\d+)?\s*k\s+)?(?:all\s+the\s+way\s+)?"
    r"(?:up\s+)?(?:to|into)\s+(?:about\s+|around\s+|~\s*)?(\d+(?:\.\d+)?)\s*k\b"
)
# a context set to a length in plain digits: "context set to 32768", "ctx was limited to 4096", the verb
# first too: "I set context to 200000", "raised the context window to 65536"
_SET_VERB = r"(?:set|raised|increased|bumped|limited|capped|lowered|reduced)"
_CONTEXT_SET_TO = LazyPattern(
    r"(?:\b(?:context|ctx)(?:\s+(?:window|length|size))?\s+(?:is\s+|was\s+)?"
    + _SET_VERB
    + r"|\b"
    + _SET_VERB
    + r"\s+(?:the\s+|my\s+)?(?:context|ctx)(?:\s+(?:window|length|size))?)"
    r"\s+(?:up\s+|down\s+)?(?:to|at)\s+(\d{3,7})(?![\w.])"
)
# a context length given as an engine's setting: vLLM's "--max-model-len 32768" (max_model_len),
# llama.cpp's "--ctx-size 16384" / "n_ctx = 8192", Ollama's "num_ctx 8192" (not llama.cpp's
# "n_ctx_train", the length the model was trained for), Jan's "ctx_len", KoboldCpp's "contextsize",
# as a flag or a JSON key ('"ctx_len": 8192')
_CONTEXT_SETTING = LazyPattern(
    r"(?:max[_-]model[_-]len|max[_-]seq[_-]len|ctx[_-](?:size|len)|\bn_ctx(?!_)|\bnum_ctx|\bcontextsize"
    # SGLang's "--context-length", Ollama's OLLAMA_CONTEXT_LENGTH (not a GGUF header's
    # "llama.context_length", the length the model was trained for)
    r"|(?<![.\w])(?:ollama_)?context[_-]length)\b"
    # the value after a separator or a word: "--max-model-len 32768", "num_ctx: 8192", "set
    # max-model-len to 1024", "a ctx-size of 16384"
    r"[\"']?[\s:=为是]*(?:(?:to|of|at|as)\s+)?"
    # (a full stop after the value ends the sentence: "num_ctx = 32768.")
    r"(\d+(?:\.\d+)?)\s*([km])?(?![\w]|\.\d)"
)
# a length in plain digits before the word: "2048 context size", "with 131072 context", and a prompt
# length the model must hold ("at 2048 tokens of input", "在2048token输入下")
_CONTEXT_BEFORE = LazyPattern(
    r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d{3,12})\s*(?:-\s*)?(?:(?:tokens?\s*(?:of\s+)?)?(?:context|ctx)(?:\s*(?:size|length|window))?\b"
    r"|tokens?\s*(?:of\s+)?(?:input|prompt)\b|tokens?\s*(?:的)?输入"
    # a load given as length times count: "10000 tokens × 10 prompts"
    r"|tokens?\s*[×x*]\s*\d+\s*(?:prompts?|requests?|users?|sequences?)\b)"
)
# llama.cpp's short flag, in a pasted command line ("llama-server -m x.gguf -ngl 99 -c 32768") or in
# prose ("on a 3090 with -ctk q8_0 -c 65536"): a setting wherever it is written, except on the line
# of another program's command ("python bench.py -c 4096")
_SHORT_CTX_FLAG = LazyPattern(r"(?<![\w-])-c[\s=]+(\d{3,8})\b")
_LLAMA_CPP_COMMAND = LazyPattern(r"\bllama[-_](?:server|cli|bench)\b|\./main\b|(?<![\w-])-ngl\s+\d")
_OTHER_PROGRAM = LazyPattern(
    r"(?:^|[\s;|&(`$])(?:python3?|bash|sh|zsh|curl|wget|tar|gcc|git|ssh|docker|node|npm|pip|[\w./-]+\.(?:py|sh|js))\s"
)
# "4 bit", "4-bit": the GGUF family at those bits (MLX's own type when the engine is MLX, or when
# the bits end a repo-style name on a Mac: "Qwen3-14B-4bit" is mlx-community's naming)
# "1.8 bit", "2.5-bit": a fractional count is the nearest quantization by bits per weight
_BITS = re.compile(r"(?<![a-z0-9.])(1\.\d+|[2-8](?:\.\d+)?)\s*-?\s*bits?(?![a-z0-9])")
_TASKS = (
    # and in other languages: Programmieren, programación/código, programmation/codage, 编程/写代码,
    # プログラミング/コーディング
    (
        "code",
        LazyPattern(
            r"\b(cod(e|ing|er)|programming|developer|programmier\w*|programaci[oó]n|c[oó]digo|programmation"
            r"|codage)\b|编程|写代码|プログラミング|コーディング"
        ),
    ),
    # what takes images: "best vision model for OCR", "a VLM to read screenshots", "describe photos"
    (
        "vision",
        LazyPattern(
            r"\b(?:vision|ocr|vlms?|multi-?modal)\b"
            r"|\b(?:read|reading|describe|describing|caption\w*|analy[sz]e|analy[sz]ing|understand\w*)\s+"
            r"(?:the\s+|my\s+)?(?:images?|photos?|screenshots?|pictures?|scans?|diagrams?|charts?)\b"
            r"|\bimages?\s+(?:input|understanding|recognition|to\s+text)\b"
        ),
    ),
    # "thinking" of a model ("a thinking model", "for thinking"), not the verb ("thinking of getting a
    # 4090", "I'm thinking qwen3 32b", "been thinking about it")
    (
        "reasoning",
        LazyPattern(
            r"\b(?:reasoning|math)\b"
            r"|(?<!\bi'm\s)(?<!\bim\s)(?<!\bam\s)(?<!\bwas\s)(?<!\bwere\s)(?<!\bbeen\s)(?<!\bare\s)(?<!\bwe're\s)"
            r"(?<!\bkeep\s)(?<!\bstart\s)(?<!\bjust\s)(?<!\balso\s)(?<!\bstill\s)"
            r"\bthinking\b(?!\s+(?:of|about|to|that|it|maybe|through|ahead|twice|so|i|we|you|more|along|out|over)\b)"
        ),
    ),
    # roleplay and fiction: ranked as chat (no public board scores them), but said as asked
    ("roleplay", LazyPattern(r"\b(roleplay|role-play|rp|erp|character\s+chat)\b")),
    (
        "creative writing",
        LazyPattern(r"\b(creative\s+writing|fiction|stories|story\s*(?:writing|telling)|novels?)\b"),
    ),
    ("chat", LazyPattern(r"\b(chat|assistant|writing)\b")),
)
_ENGINES = (
    # also glued to a version or plural ("VLLM11.0", "sglangv0.4.1", "vllms") and in its own settings'
    # names ("VLLM_ROCM_USE_AITER")
    ("vllm", LazyPattern(r"\bvllm(?:s?\b|v?(?=\d)|(?=_))")),
    ("sglang", LazyPattern(r"\bsglang(?:\b|v?(?=\d)|(?=_))")),
    ("ollama", LazyPattern(r"\bollama(?![a-z0-9])")),  # OLLAMA_KV_CACHE_TYPE: its settings too
    # (not the Hugging Face organisation "lmstudio-community/...": a repository, not the app)
    # and by its command line `lms` (https://lmstudio.ai/docs/cli): its version or commands ("LMS
    # version: 0.3.2", "lms load", "lms server start"), or said as the app in use ("in LMS", "using
    # lms"); "LMs" (language models) said alone is not it
    (
        "lmstudio",
        LazyPattern(
            r"\blm[\s_-]?studio\b(?!-community\b)"
            r"|\blms\s+(?:version\b|v?\d+\.\d|(?:load|unload|get|server|ls|ps|chat|import|runtime|daemon)\b)"
            r"|\b(?:in|using|with|via|through|from)\s+lms\b(?!\s+(?:like|such|that|which|are|is|to)\b)"
        ),
    ),
    ("mlx", LazyPattern(r"\bmlx(?:[_-]lm)?\b")),
    # TabbyAPI is ExLlama's own server (https://github.com/theroyallab/tabbyAPI)
    ("exllama", LazyPattern(r"\bexllama|exl[23]\b|\btabby\s?api\b")),
    # llama.cpp by name ("llama.cpp", "llama cpp", "llama_cpp"), by its own programs
    # (https://github.com/ggml-org/llama.cpp/tree/master/tools: llama-server, llama-cli, llama-bench,
    # and the forks' llama-sweep-bench), by its MoE offload flags ("-ncmoe 40", "--n-cpu-moe",
    # "--cpu-moe", https://github.com/ggml-org/llama.cpp/blob/master/tools/server/README.md) or by its
    # short flags on a command line of any of its programs' names ("server.exe -m x.gguf -ngl 100": -m
    # with a GGUF file, -ngl with the count of layers on the GPU)
    (
        "llama.cpp",
        LazyPattern(
            r"\bllama[._\s-]?cpp\b|\bllama-(?:server|cli|bench|sweep-bench|swap)\b"
            r"|(?<![\w-])(?:-ncmoe|-cmoe|--n-cpu-moe|--cpu-moe)(?![\w-])"
            r"|(?<![\w-])-m\s+\S+\.gguf\b|(?<![\w-])-ngl\s+\d"
        ),
    ),
)
# settings only vLLM (and its forks) take, set with no engine named: as a flag ("--gpu-memory-utilization
# 0.95", "--cpu-offload-gb 8", "--enforce-eager") or a keyword ("max_model_len=8192",
# "'max_num_seqs': 4"), and its API server's log prefix "(APIServer pid=1)"
# (https://docs.vllm.ai/en/latest/configuration/engine_args.html); a setting only talked about ("a
# model whose max_model_len is 1M") names no engine
_VLLM_SETTING = (
    r"(?:gpu[_-]memory[_-]utili[sz]ation|max[_-]model[_-]len|cpu[_-]offload[_-]gb"
    r"|max[_-]num[_-]seqs|enforce[_-]eager)"
)
_VLLM_SETTINGS = LazyPattern(
    rf"(?<![\w-])--{_VLLM_SETTING}(?![\w-])"
    rf"|(?<![\w-]){_VLLM_SETTING}[\"']?\s*[:=]"
    r"|\(apiserver pid="
)
# settings only Ollama takes, set with no engine named: its model options ("num_ctx = 8192",
# "num_gpu 25", "num_batch: 256", https://github.com/ollama/ollama/blob/main/docs/modelfile.md) and
# its server's environment ("OLLAMA_KV_CACHE_TYPE=q8_0"); llama.cpp's own are "n_ctx", "-ngl"
_OLLAMA_SETTINGS = LazyPattern(
    r"\bnum_(?:ctx|gpu|batch|thread|predict)[\"']?\s*[:=]?\s*\d"
    r"|\bollama_[a-z]{2,}"
)
# engines canirun does not model, and the one that stands in for each: those built on llama.cpp by
# it, the hybrid CPU/GPU MoE engines by llama.cpp's experts-in-RAM split, paged servers by vLLM
_BUILT_ON = "built on"
_STAND_INS = (
    ("KoboldCpp", "llama.cpp", _BUILT_ON, LazyPattern(r"\bkobold\s*cpp\b")),
    ("llamafile", "llama.cpp", _BUILT_ON, LazyPattern(r"\bllamafile\b")),
    (
        "text-generation-webui",
        "llama.cpp",
        _BUILT_ON,
        LazyPattern(r"\btext-generation-webui\b|\boobabooga\b"),
    ),
    ("GPT4All", "llama.cpp", _BUILT_ON, LazyPattern(r"\bgpt4all\b")),
    ("LocalAI", "llama.cpp", _BUILT_ON, LazyPattern(r"\blocalai\b")),
    ("ik_llama.cpp", "llama.cpp", "a fork of", LazyPattern(r"\bik[_-]?llama")),
    ("KTransformers", "llama.cpp", "", LazyPattern(r"\bktransformers\b")),
    ("TensorRT-LLM", "vllm", "", LazyPattern(r"\btensor\s?rt(?:[-\s]?llm)?\b|\btrt[-\s]?llm\b")),
    ("TGI", "vllm", "", LazyPattern(r"\btext[-\s]generation[-\s]inference\b|\btgi\b")),
    ("Aphrodite", "vllm", "", LazyPattern(r"\baphrodite\b")),
)
_STANDS_IN_HOW = {
    "llama.cpp": "which loads the same GGUF files (a MoE's experts in RAM where the GPUs cannot hold them)",
    "vllm": "a server of the same kind (paged KV cache, the weights in GPU memory)",
}


# words that name an engine as the one compared with, not the one run: "LM Studio freezes; it works
# fine with Ollama", "faster than vllm", "switched from ollama" ("would it run better on vllm" names
# the engine asked about)
_COMPARED_WITH = LazyPattern(
    r"(?:\b(?:fine|well|ok(?:ay)?)\s+(?:with|in|on|under|using)"
    r"|\b(?:than|unlike|compared\s+(?:to|with)|instead\s+of|switch(?:ed|ing)?\s+from|mov(?:ed|ing)\s+from))"
    r"\s+(?:in\s+|with\s+|on\s+|using\s+)?$"
)
_COMPARED_REACH = 32  # how far before an engine's name those words are looked for
# an engine guessed at in a statement, not the one run: "I think it'll work even better on Linux with
# SGLang." (a question, "would it run better on vllm?", asks about that engine)
_GUESSED_WITH = re.compile(r"\b(?:better|faster)\s+(?:on\s+\w+\s+)?(?:with|in|on|under|using)\s+$")
_SENTENCE_REST = re.compile(r"[^.!?\n]*[.!?\n]?")


def _compared_with(s: str, m: re.Match[str]) -> bool:
    """The engine named at `m` is only the one compared with or guessed at."""
    before = max(0, m.start() - _COMPARED_REACH)
    if _COMPARED_WITH.search(s, before, m.start()):
        return True
    if _GUESSED_WITH.search(s, before, m.start()):
        rest = _SENTENCE_REST.match(s, m.end())
        return rest is None or not rest.group().endswith("?")
    return False


def _engine_used(s: str) -> str | None:
    """The engine the asker runs: the first of `_ENGINES` named, leaving out one named only as the
    engine compared with where another is named too."""
    named = [(name, rx) for name, rx in _ENGINES if rx.search(s)]
    if len(named) > 1:
        used = [(name, rx) for name, rx in named if any(not _compared_with(s, m) for m in rx.finditer(s))]
        named = used or named
    return named[0][0] if named else None


# two engines (or their file formats) put side by side: "mlx vs gguf", "llama.cpp or exl2"
_ENGINE_WORD = (
    r"(mlx(?:[_-]lm)?|gguf|llama[._\s-]?cpp|ollama|lm[\s_-]?studio|vllm|sglang|exllama(?:\s*v?[23])?|exl[23])"
)
# the quant said with each engine: "mlx 8bit vs gguf q8", "vllm fp16? or gguf?", "llama.cpp Q4_K_M vs
# exllamav3 4.0bpw"
_SIDE_QUANT = (
    r"(\s+(?:\d+(?:\.\d+)?\s*-?\s*(?:bits?|bpw)|q\d\w*|b?fp?16|fp8|nvfp4|mxfp4|int[48]"
    r"|awq(?:-int4)?|gptq(?:-int4)?|ud[-_]i?q\d\w*|iq\d\w*))?"
)
# also in Chinese ("ollama还是llama.cpp快", "vllm和sglang哪个快", "A比B快"), where the names sit between
# CJK characters with no word boundary; groups: engine, its quant, the other engine, its quant
_ENGINES_SIDE_BY_SIDE = LazyPattern(
    rf"(?<![a-z0-9]){_ENGINE_WORD}{_SIDE_QUANT}\s*[?,]?\s*(?:vs\.?|versus|or|(?:any\s+)?(?:faster|slower|better|quicker)"
    rf"\s+than|(?:rather\s+)?than|还是|或者|或|比|对比|和|跟|与)\s*{_ENGINE_WORD}(?![a-z0-9]){_SIDE_QUANT}"
)
_FORMAT_ENGINES = {"gguf": "llama.cpp", "exl2": "exllama", "exl3": "exllama"}


@dataclass(frozen=True, slots=True)
class _EngineSide:
    """One side of "A vs B" between engines: the engine and where the quant said with it is."""

    engine: str
    quant_span: tuple[int, int] | None


def _engines_side_by_side(s: str) -> tuple[_EngineSide, _EngineSide] | None:
    """The two engines put side by side, in the order written, each with its quant's place."""
    m = _ENGINES_SIDE_BY_SIDE.search(s)
    if m is None:
        return None
    sides = []
    for word, quant in ((1, 2), (3, 4)):
        w = m.group(word)
        engine = _FORMAT_ENGINES.get(w) or next((n for n, rx in _ENGINES if rx.search(w)), None)
        if engine is None:
            return None
        sides.append(_EngineSide(engine, m.span(quant) if m.group(quant) else None))
    first, second = sides
    return (first, second) if first.engine != second.engine else None


def _engine_compared(sides: tuple[_EngineSide, _EngineSide] | None, engine: str | None) -> _EngineSide | None:
    """The side put beside the engine asked ("lm studio mlx vs gguf": llama.cpp beside MLX; "how much
    faster is vllm than ollama": Ollama beside vLLM)."""
    if sides is None or engine is None:
        return None
    others = [side for side in sides if side.engine != engine]
    return others[0] if len(others) == 1 else None


def _quant_engines(
    quants: tuple[str, ...], engine: str | None
) -> tuple[tuple[str, str], tuple[str, str]] | None:
    """((engine, quant), (other engine, its quant)) where two quantizations weighed as a choice are
    loaded by different engines (a GGUF quant and an MLX one): each on the engine asked where it loads
    it, else its own first; None where one engine loads both, or a name is not a known quantization."""
    if len(quants) != 2:
        return None
    homes: list[tuple[str, str]] = []
    for name in quants:
        try:
            spec = resolve_quant(name)
        except UnknownModelError:
            return None
        if not spec.engines:
            return None
        homes.append((engine if engine in spec.engines else spec.engines[0], name))
    first, second = homes
    if first[0] == second[0] or first[0] in resolve_quant(second[1]).engines:
        return None
    return first, second


def _side_quant(
    s: str,
    side: _EngineSide | None,
    wish: Callable[[re.Match[str] | None, re.Match[str] | None], str | None],
) -> str | None:
    """The quant said with one engine of "A vs B" ("exllamav3 4.0bpw"), read as that engine's."""
    if side is None or side.quant_span is None:
        return None
    start, end = side.quant_span
    return wish(_QUANT.search(s, start, end), _BITS.search(s, start, end))


def _stand_in(s: str) -> tuple[str, str] | None:
    """(the engine to size with, a note saying so) for an engine named that canirun does not model."""
    for name, engine, relation, rx in _STAND_INS:
        if rx.search(s):
            if relation:
                return engine, f"{name} is {relation} {engine}: sized as {engine}."
            how = _STANDS_IN_HOW[engine]
            return engine, f"{name} is not modelled here: sized as {engine}, {how}; its speed may differ."
    return None


def _program_note(s: str, engine: str | None) -> tuple[str, str] | None:
    """(the engine to size with, a note) where the program named runs another engine inside: LM
    Studio's MLX engine on a Mac (mlx-lm underneath: github lmstudio-ai/mlx-engine), exo spreading a
    model over several machines (github exo-explore/exo, MLX on Macs)."""
    if engine == "lmstudio" and lmstudio_mlx(s):
        return "mlx", (
            "LM Studio runs MLX models with its MLX engine (mlx-lm underneath): sized as MLX; in LM Studio "
            "take its MLX download (lms get's --mlx option)."
        )
    if exo_named(s):
        return engine or "llama.cpp", (
            "exo splits the model over the machines in pipeline stages: their memory adds up, but one "
            "user's speed stays about one machine's (each token passes through every stage in turn). "
            "Sized as llama.cpp over its RPC backend, which splits the layers the same way."
        )
    return None


# an Ollama library tag ("deepseek-r1:14b", "qwen3:30b-a3b"): Ollama's own name for a build, so the
# asker runs Ollama
_OLLAMA_TAG = LazyPattern(
    r"(?<![\w/.:-])[a-z][a-z0-9.\-]*:(?:\d+x)?\d+(?:\.\d+)?b(?:-[a-z0-9._]+)*(?![\w:.])"
    # a library's default build: "gpt-oss:latest" (as `ollama list` prints it)
    r"|(?<![\w/.:-])[a-z][a-z0-9.\-]*:latest(?![\w:.])"
    # Ollama's pull of a Hugging Face GGUF repo with its quant tag: "hf.co/org/repo:Q4_K_M"
    r"|(?<![\w/.])(?:https?://)?hf\.co/[\w.\-]+/[\w.\-]+:[\w.\-]+"
)
# a quant named in the text (catalog/_names.py): GGUF types and llama.cpp's printed names ("Q4_K -
# Medium"), unsloth's UD- sizes, MXFP4, FP8/NVFP4/FP4, AWQ/GPTQ, EXL2/EXL3 and bare bpw, QAT
_QUANT = re.compile(QUANT_PATTERN, re.IGNORECASE)
# a Hugging Face repo id of a checkpoint (not a GGUF repo): "bf16" there is the safetensors release
_CHECKPOINT_REPO = re.compile(r"(?<![\w./])[a-z0-9][\w.\-]*/[a-z0-9][\w.\-]*")
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
    "gpt2",
    "phi",
    "granite",
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
    "dbrx",
    "grok",
    "exaone",
    "smollm",
    # fine-tunes people name without their base (sized as the base: catalog/data/finetunes.yaml)
    "hermes",
    "openhermes",
    "dolphin",
    "miqu",
    "midnight-miqu",
    "wizardlm",
    "wizardcoder",
    "zephyr",
    "vicuna",
    "openchat",
    "medgemma",
)
# family names that are everyday words: alone, with no version or size after them, they are the word
_EVERYDAY_WORDS = frozenset(
    {"step", "seed", "falcon", "granite", "ling", "dolphin", "zephyr", "hermes", "vicuna", "command"}
)
# names whose first word alone says little: "Command R", "Command R+", "Command A"
_COMPOUND_STARTS = (r"command[\s\-_]*(?:r\+|r7b|r|a)(?![a-z0-9])",)
# a pasted name is one run of these characters ("deepseek-ai/DeepSeek-R1-Distill-Llama-70B",
# "llama3.3:70b-instruct-q4_K_M", "huggingface.co/unsloth/gpt-oss-20b-GGUF")
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789._-/:+")
_NAME_LEFT_CHARS = _NAME_CHARS - {":"}  # an Ollama tag's colon comes after the family word
# llama.cpp and its tools are engines, not models; so are apps whose names start with a family's word
# ("GPT4All", "llamafile", "LlamaEdge")
_ENGINE_RUN = re.compile(
    r"^(?:ik_)?llama[.\-_]?cpp|^llama-(?:server|bench|cli|quantize|swap)|^gpt4all\b|^llamafile\b|^llama\s?edge\b",
    re.I,
)
# a size written before the family: "65B llama", "the 34b yi one", "the 235B qwen"
_TYPO_MIN = 6  # family words this long or longer are also found with one typo ("mistrall nemo")
_DOUBLED = re.compile(r"(.)\1+")  # a run of one letter
_LONG_WORD = re.compile(rf"(?<![a-z0-9])[a-z]{{{_TYPO_MIN - 1},}}(?![a-z])")
# a word and the next one after one space (overlapping: each word with its next): a family word
# written apart ("deep seek")
_WORD_AND_NEXT = LazyPattern(r"(?<![a-z0-9])([a-z]{3,})(?= ([a-z]{3,})(?![a-z]))")


@functools.lru_cache(maxsize=16)
def _model_start(family_words: frozenset[str]) -> re.Pattern[str]:
    """Where model names begin: the known families plus the first words of the catalog's names
    (so a newly imported family is found in free text too)."""
    words = sorted(set(_FAMILIES) | family_words, key=lambda w: (-len(w), w))  # longest first, one order
    # a family word ends where letters do: "qwen3", "llama-3.1", but not "commands" or "yield"
    alternatives = [*_COMPOUND_STARTS, *(re.escape(f) + r"(?![a-z])" for f in words)]
    return re.compile(r"(?<![a-z0-9])(" + "|".join(alternatives) + r")", re.I)


@functools.lru_cache(maxsize=16)
def _typo_words(family_words: frozenset[str]) -> tuple[str, ...]:
    words = set(_FAMILIES) | family_words
    return tuple(sorted(w for w in words if len(w) >= _TYPO_MIN - 1 and w.isalpha()))


@functools.lru_cache(maxsize=16)
def _typo_word_set(family_words: frozenset[str]) -> frozenset[str]:
    """`_typo_words` as a set: a word pair written apart is looked up at once, not against each."""
    return frozenset(_typo_words(family_words))


def _is_typo_of(word: str, family: str) -> bool:
    """One letter off a long family word ("mistrall", "deepsek"), or one letter doubled in a
    five-letter one ("gemmma"), or its double letter doubled at the wrong place ("lamma" for
    "llama"); "gamma" stays a word."""
    if word.rstrip("s") == family.rstrip("s"):
        return False  # "commands" is English, not a typo of "command"
    if len(family) >= _TYPO_MIN:
        from rapidfuzz.distance import Levenshtein  # loaded by the first long word that needs it

        return abs(len(family) - len(word)) <= 1 and Levenshtein.distance(word, family, score_cutoff=1) <= 1
    if len(word) == len(family) and _DOUBLED.sub(r"\1", word) == _DOUBLED.sub(r"\1", family):
        return True
    return any(word == family[:i] + family[i - 1 :] for i in range(1, len(family) + 1))


_MODEL_TAIL = re.compile(
    # "glm 4.5v", "glm 4.1v": a version with the V of a vision model, before a bare number cuts the V off
    r"[\s\-_.:/]*(?:(?P<size>\d+(?:\.\d+)?(?:x\d+)?\s*[bmt])|\d{1,2}(?:\.\d+)?v|(?P<bare>\d+(?:\.\d+)?)|"
    r"a\d+(?:\.\d+)?b|"
    r"v\d+(?:\.\d+)?|r\d|k\d(?:\.\d+)?|m\d(?:\.\d+)?|\d+n|"
    # a line's letter code before a point release: "laguna s 2.1", "laguna xs2.1", "laguna m.1" (never a
    # little word of the sentence: "in 2.5 hours")
    r"(?!(?:a|an|at|as|by|if|in|is|my|of|on|or|so|to|up|vs)\b)[a-z]{1,2}(?:[\s\-_]?\d{1,2}\.\d{1,2}|\.\d{1,2})|"
    # a distilled model names its base family next: "deepseek-r1-distill-qwen-32b", "deepseek蒸馏的qwen",
    # "deepseek蒸馏版的qwen" (the distilled version's), "r1 distilled qwen"
    r"(?:distill(?:ed)?[\s\-_]+|蒸[馏餾](?:版本?)?的?\s*)"
    r"(?:" + "|".join(re.escape(f) for f in _FAMILIES) + r")|"
    r"e\d+b|coder|code|instruct|it|chat|air|flash|scout|maverick|next|vl|thinking|distill|nemo|small|medium|"
    r"large|mini|mini-instruct|tiny|micro|oss|moe|super|nano|ultra|plus|turbo|exp|lite|max|pro|z1|preview|xl|h|"
    r"abliterated|uncensored|vision|reasoning|lightning|linear|terminus|speciale)(?![a-z0-9])",
    re.I,
)
# unsloth's dynamic quants asked in words: "which unsloth dynamic quant", "a UD quant", "dynamic 2.0 ggufs"
_DYNAMIC_ASKED = LazyPattern(
    r"\bunsloth(?:'s)?\s+(?:dynamic|ud)\b|\bdynamic\s+(?:2\.0\s+)?(?:gguf\s+)?(?:quants?|ggufs?)\b"
    r"|\bud\s+(?:quants?|ggufs?)\b"
)
_BRACKETED_SIZE = LazyPattern(r"\s*\(\s*\d+(?:\.\d+)?\s*b\s*\)", re.IGNORECASE)
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
    max_usd: float | None = None  # the most the asker will spend on a rig ("under $2000")
    # that budget as said in another currency, with the rate it was converted at ("¥20,000 (CNY), about ...")
    budget_said: str | None = None
    # an amount said for more system RAM, in US dollars ("a budget of $500 for extra ram"): no cap on the rig
    ram_budget_usd: float | None = None
    # the prices the asker gives for devices named, (device id, US dollars a unit): "a used 3090 for $750"
    prices_said: tuple[tuple[str, float], ...] = ()
    # unsloth's dynamic quants asked for by name, no one quant named ("which unsloth dynamic quant?")
    dynamic_asked: bool = False
    # a value a form's own field sets over one its words say ("context 8,192 (the context field), not the
    # 65,536 the model field says"): said beside the answer
    fields_over_words: tuple[str, ...] = ()
    # the model the speed seen was measured on, where that is not the model asked about ("running qwen3
    # 32b at 35 t/s ... would gpt-oss 120b be faster?"): its name
    seen_on: str | None = None
    # models named that the answer cannot size ("foobar 14b", an image model beside the LLM): said beside it
    left_out: tuple[str, ...] = ()
    users: int | None = None  # people using the model at once ("for 8 users")
    gpu_only: bool = False  # the model wished fully in VRAM ("all in VRAM", "no offload")
    engine_note: str | None = None  # an engine named that is not modelled, and what stands in for it
    engine: str | None = None
    quant: str | None = None  # one quant said for every model asked about
    # models named with different quants ("gemma 3 27b q4 or qwen3 32b q3"): (model id, quant wish)
    # for those with one of their own; the others take `quant` (None then) and their defaults
    model_quants: tuple[tuple[str, str], ...] = ()
    wants_best: bool = False
    missing: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    model_errors: tuple[UnknownModelError, ...] = field(default_factory=tuple)
    kind: AskedKind = "estimate"  # what is asked (wants_best is kind == "best")
    rigs: tuple[Hardware, ...] = ()  # the rigs asked about: the asker's, or those compared side by side
    speed_seen: float | None = (
        None  # tokens/s the asker sees now (a timing line, "mine shows 30", "runs it at 60 tok/s")
    )
    candidates: tuple[str, ...] = ()  # device ids named as hardware to consider ("how many 4090s")
    rig_kinds: tuple[RigKind, ...] = ()  # kinds of rig named as candidates ("a Mac", "consumer cards")
    prefer: Prefer | None = None  # what comes first: quality, speed or cost
    depth: int | None = None  # tokens already in the context the speed is asked at
    prompt_speed: bool = False  # the speed asked about is reading the prompt, not generating
    both_speeds: bool = False  # both asked: generating and reading the prompt
    uncensored: bool = False  # an uncensored (abliterated) model is wished for
    context_limit: bool = False  # asks how long a context fits
    both_shapes: bool = False  # "dense or MoE?": the models hold each size both ways
    change: str | None = None  # an upgrade compared, in words ("adding 1x NVIDIA GeForce RTX 3090")
    instead: str | None = None  # another upgrade weighed against `change` ("system RAM to 64 GB")
    # the build an Ollama tag without a quant pulls ("llama3.3:70b": Q4_K_M), or a pasted vLLM/SGLang
    # command with no quantization loads (the checkpoint as published); `quant` is what was stated
    pulled_quant: str | None = None
    hub_refs: tuple[HubRef, ...] = ()  # Hugging Face repos named ("org/name", a URL, a GGUF file's URL)
    text_only: bool = False  # a vision model asked for text alone (vLLM's --language-model-only)
    no_video: bool = False  # images but no video (vLLM's --limit-mm-per-prompt '{"video": 0}')
    needs_images: bool = False  # a vision task (captions, OCR, screenshots): never served text only
    split_mode: AskedSplitMode | None = None  # llama.cpp's -sm asked for ("-sm layer", "tensor parallel")
    biggest: bool = False  # "purchase": the biggest model the rig runs is asked for, not the best
    # engine settings pasted or stated (OLLAMA_NUM_PARALLEL=4, --gpu-memory-utilization 0.95, --tp 2)
    engine_settings: EngineOptions = field(default_factory=EngineOptions)
    # the KV cache type asked for ("q4 cache", "-ctk q8_0", "fp8 kv"), in llama.cpp's names (fp8 for
    # vLLM's): each engine takes its own nearest type (sizing/_question_kv.py)
    kv_type: KvType | None = None
    long_context: bool = False  # a long context wished for, no length said ("for long documents", "RAG")
    prompt_time: bool = False  # asks how long reading the prompt takes ("how long to process 100k tokens")
    users_asked: bool = False  # asks how many users the rig serves at once, with no number
    context_each: int | None = None  # the context each user has, said apart ("at 32k each")
    cpu_share_shown: int | None = None  # percent of the model a pasted `ollama ps` shows on the CPU
    # the compute backend asked for ("with vulkan", "llama.cpp sycl"), else the one a pasted log shows
    # ("ggml_vulkan: Found 1 Vulkan devices") where it can drive the rig told
    backend: str | None = None
    backend_compared: str | None = None  # a second backend put beside it ("sycl vs vulkan")
    split_compared: tuple[
        AskedSplitMode, ...
    ] = ()  # llama.cpp split modes put side by side ("-sm row or layer?")
    # quantizations asked as a choice ("unsloth Q3 or Q4?", "q4_k_m vs q5_k_m"), the first is `quant`
    quants_compared: tuple[str, ...] = ()
    # configurations weighed against each other, a quantization (None: not said) and a context each
    # ("q4_k_m with 64k or q6_k with 16k", "128k vs 32k context")
    configs_compared: tuple[tuple[str | None, int], ...] = ()
    engine_compared: str | None = None  # a second engine put beside the one asked ("mlx vs gguf")
    engine_compared_quant: str | None = None  # the quant said with that engine ("vs exl3 4.0bpw")
    cards_asked: int | None = None  # a card count asked whether it is needed ("does X need 8 cards?")
    # llama-server's whole context and the slots sharing it, pasted ("--parallel 4 -c 32768": (32768, 4))
    context_shared: tuple[int, int] | None = None
    nvlink_asked: bool = False  # asks whether the cards need NVLink
    # the memory the model needs asked, of a rig of the asker's ("it fails to load on my 3090, how much
    # memory does it need?"): the need is said first, then the verdict on the rig
    need_asked: bool = False
    same_quant: bool = False  # one quant for every side, none named ("same quant please")

    def quant_for(self, model_id: str) -> str | None:
        """The quant asked for one model: its own where it has one, else the one said for all."""
        return dict(self.model_quants).get(model_id, self.quant)


def _ollama_tag_quant(tag: re.Match[str] | None, models: dict[str, Resolution]) -> str | None:
    """The build an Ollama library tag without a quant suffix pulls ("llama3.3:70b"): Ollama's
    default, Q4_K_M (MXFP4 for a model released in it)."""
    if tag is None or len(models) != 1:
        return None
    (r,) = models.values()
    return "MXFP4" if r.model.native_dtype == "mxfp4" else OLLAMA_DEFAULT_QUANT


# GPU memory asked of with no card named: "how much VRAM", "多少G的卡", "显存够吗"
_GPU_ASKED = LazyPattern(r"\b(?:gpus?|vram|cuda|graphics\s+cards?)\b|显存|显卡|的卡|张卡|单卡|多卡")


# a GPTQ build named by its bits and group size, as TheBloke and others name them: "-4bit-128g",
# "4bit-32g-actorder" (https://github.com/AutoGPTQ/AutoGPTQ: group_size)
_GPTQ_GROUP = LazyPattern(r"(?<![a-z0-9])[2-8]\s*-?\s*bits?[-_](?:32|64|128|1024)g(?![a-z0-9])")


def _quant_wish(
    named: re.Match[str] | None,
    bits: re.Match[str] | None,
    engine: str | None,
    v3: bool = False,
    v2: bool = False,
    off_mac: bool = False,
) -> str | None:
    """The quant a question wishes for; `v3`: ExLlama's third version is named, so an ExLlama
    precision ("4bpw") is its EXL3 format; `v2` alone: its second, the EXL2 format; `off_mac`: the
    question is about a machine that is no Mac (a card read in the rig, GPU memory asked of, or a rig
    read with no Apple chip)."""
    wish = _quant_wish_named(named, bits, engine, off_mac)
    if v2 and not v3 and engine == "exllama" and wish is None:
        return "EXL2"
    if v3 and engine == "exllama":
        if wish is None:
            return "EXL3"
        if wish.startswith("EXL2"):
            return "EXL3" + wish[len("EXL2") :]
    return wish


def _quant_wish_named(
    named: re.Match[str] | None, bits: re.Match[str] | None, engine: str | None, off_mac: bool = False
) -> str | None:
    gguf_engine = engine in (None, "llama.cpp", "ollama", "lmstudio")
    group = _GPTQ_GROUP.search(bits.string) if bits is not None else None
    if group is not None and (named is None or "gptq" in named.group(1).lower()):
        return "GPTQ-INT8" if group.group(0).lstrip().startswith("8") else "GPTQ"
    if named:
        text = named.string
        wish = normalize_quant_name(named.group(1), context=text)
        if wish in ("EXL2", "EXL3") and bits is not None:
            return f"{wish}-{_bpw(bits.group(1))}"  # "exl2 2 bit quants": the format at that many bits
        if wish in ("FP16", "F16", "BF16", "FP32", "F32"):
            repo = _CHECKPOINT_REPO.search(text)
            if gguf_engine and (repo is None or "gguf" in text):
                return {"FP16": "F16", "FP32": "F32"}.get(wish, wish)  # the GGUF file types of those names
            return "BF16-HF" if wish == "BF16" else wish
        return wish
    if bits:
        n = bits.group(1)
        text = bits.string
        if "." in n and engine != "exllama":
            return f"{n}bit"  # resolve_quant takes the known quantization nearest in bits per weight
        glued = bits.start() > 1 and text[bits.start() - 1] in "-_" and text[bits.start() - 2].isalnum()
        mlx_named = re.search(r"(?<![a-z])mlx(?![a-z])", text, re.I) is not None
        # "-4bit" ending a repo-style name is mlx-community's naming, but MLX runs on Apple Silicon
        # only: asked of a GPU or another machine ("Qwen3-32B-4bit on a 4090", "72B-4bit要多少G的卡",
        # "on a Raspberry Pi 5") with no Mac named, it is a 4-bit quant of the engine in use
        mlx_repo = engine is None and glued and " " not in bits.group(0) and (mac_named(text) or not off_mac)
        if engine == "mlx" or mlx_named or mlx_repo:
            return f"MLX-{n}bit"
        if engine == "exllama":
            return f"EXL2-{_bpw(n)}"
        return f"Q{n}"
    return None


def _bpw(n: str) -> str:
    """Bits as EXL2/EXL3 ids write them: '2' -> '2.0', '2.25' -> '2.25'."""
    return n if "." in n else f"{n}.0"


# the link between quantizations weighed as a choice, the second one's file format or engine named with
# it ("mlx 4bit or gguf UD-Q3_K_XL")
_QUANT_CHOICE = LazyPattern(
    r"\s*(?:,|/|or|vs\.?|versus)\s*(?:(?:an?|the)\s+)?(?:(?:gguf|mlx|llama\.?cpp|ollama|vllm|exllama(?:v[23])?)\s+)?"
)


def _quants_compared(
    s: str, wish: Callable[[re.Match[str] | None, re.Match[str] | None], str | None]
) -> tuple[str, ...]:
    """Quant names or bit widths asked as a choice, "Q3 or Q4" / "q4_k_m vs q5_k_m" / "mlx 6bit vs
    4bit" (two or more, in order), read as the one asked would be; () when the text names one, or
    several apart."""
    names = list(_QUANT.finditer(s))
    taken = [n.span() for n in names]
    widths = [b for b in _BITS.finditer(s) if not any(a < b.end() and b.start() < z for a, z in taken)]
    found = sorted([*names, *widths], key=lambda m: m.start())
    for i in range(len(found) - 1):
        run = [found[i]]
        while i + len(run) < len(found) and _QUANT_CHOICE.fullmatch(
            s, run[-1].end(), found[i + len(run)].start()
        ):
            run.append(found[i + len(run)])
        if len(run) > 1:
            wishes = (wish(None, m) if m.re is _BITS else wish(m, None) for m in run)
            return tuple(dict.fromkeys(w for w in wishes if w is not None))
    return ()


_TENSOR_COUNT = LazyPattern(r"\s*:\s*\d+\s+tensors\b")


def _weights_quant(s: str) -> re.Match[str] | None:
    """The first quant name that is the weights' own (KV-cache words are blanked before it is read:
    `without_kv_words`), in its unsloth dynamic form where the text writes that form too ("On IQ3_XXS
    ... DeepSeek-V3-UD-IQ3_XXS-00001.gguf":
    the short name is said for the file's UD-IQ3_XXS)."""
    for m in _QUANT.finditer(s):
        name = m.group(0)
        if _TENSOR_COUNT.match(s, m.end()):
            continue  # a load log's "- type q4_K: 289 tensors": one tensor type of the file, not its quant
        if not name.lower().startswith("ud"):
            dynamic = re.search(rf"(?<![a-z0-9])ud[-_]{re.escape(name)}(?![a-z0-9])", s, re.IGNORECASE)
            longer = _QUANT.match(s, dynamic.start()) if dynamic is not None else None
            if longer is not None:
                return longer
        return m
    return None


# a context length in exponent form or past any bound: "at 1e12 context", "ctx 10000000000000"
_ODD_CONTEXT = LazyPattern(
    r"(?<![\w.])(\d+(?:\.\d+)?e[+-]?\d+|\d{13,})[ \t]*(?:-?[ \t]*tokens?[ \t]+)?(?:of[ \t]+)?"
    r"(?:context|ctx)\b"
    r"|\b(?:context|ctx)(?:[ \t]+(?:of|at|length|window|size))?[ \t]*[:=]?[ \t]*"
    r"(\d+(?:\.\d+)?e[+-]?\d+|\d{13,})(?![\w.])"
)
# a length past MAX_CONTEXT is still read as asked ("10000000 context"), so that the answer says the
# bound instead of sizing the default; past this many digits it is no length anyone means
_PAST_BOUNDS = 10**12


def _read_context(s: str) -> int | None:
    setting = _CONTEXT_SETTING.search(s)
    if setting is not None:
        value = float(setting.group(1)) * {"k": 1024, "m": 1024 * 1024}.get(setting.group(2) or "", 1)
        return int(value) if math.isfinite(value) and 128 <= value <= _PAST_BOUNDS else None
    raised = _CONTEXT_RAISED.search(s)
    if raised is not None and 0 < float(raised.group(1)) * 1024 <= _PAST_BOUNDS:
        return _context_of_k(float(raised.group(1)))
    set_to = _CONTEXT_SET_TO.search(s)
    if set_to is not None and int(set_to.group(1)) >= 128:
        return int(set_to.group(1))
    for m in _CONTEXT.finditer(s):
        if m.group(3):
            v = int(m.group(3))
            return v if 128 <= v <= _PAST_BOUNDS else None
        value, unit = float(m.group(1)), _CONTEXT_UNIT.get(m.group(2), m.group(2))
        if not math.isfinite(value):  # hundreds of digits: no context length
            continue
        if _in_a_name(s, m):
            continue  # "Qwen2.5-Coder-14B-Instruct-128K-GGUF": the release's window, not the one asked
        whole = m.group(0)
        if m.group(2) in _CONTEXT_UNIT and not any(w in whole for w in ("context", "ctx", "token", "window")):
            continue  # "2 thousand dollars", "a million users": a length in words needs its noun
        # "32k" alone is a context; "70b" never matches; "8k" right after a GPU count is unlikely
        if unit == "k" and (
            "context" in whole
            or "ctx" in whole
            or "token" in whole
            or _AT_WORD.search(whole)
            or value in (2, 4, 8, 16, 32, 64, 128, 256, 512)
        ):
            return _context_of_k(value)
        if unit == "m" and ("context" in whole or "ctx" in whole or "token" in whole):
            return int(value * 1024 * 1024)
    zh = _CONTEXT_ZH.search(s)  # "接受200k输入", "128k上下文": a length glued to a Chinese input noun
    if zh is not None:
        return _context_of_k(float(zh.group(1)))
    prompt = _PROMPT_LENGTH.search(s)  # "prefill on a 20k prompt": the prompt has to fit the context
    if prompt is not None:
        value = float(prompt.group(1)) * 1024
        if 128 <= value <= MAX_CONTEXT:
            return int(value)
    return _context_in_passing(s)


# a length in thousands glued to the Chinese word for the input or the context it is ("200k输入",
# "100k的上下文", "32K tokens输入"): Chinese writes no space, so the word boundaries above miss it
_CONTEXT_ZH = LazyPattern(
    r"(?<![0-9a-z.])(\d+(?:\.\d+)?)\s*k\s*(?:tokens?\s*)?(?:的)?(?:输入|上下文|長度|长度)", re.IGNORECASE
)


def _in_a_name(s: str, m: re.Match[str]) -> bool:
    """Whether a length figure with no word of its own is part of a pasted name: hyphened or
    underscored to the name's words ("Instruct-128K-GGUF", "Yi-34B-200K", "llama3_262k")."""
    start = m.start(1)
    return m.start(0) == start and start >= 2 and s[start - 1] in "-_" and s[start - 2].isalnum()


def _context_of_k(value: float) -> int:
    """Thousands of tokens as people write them: "32k" is 32,768, and "131k" or "262k", a power of two
    in round thousands (131,072), is that power of two, not 131 x 1,024."""
    tokens = value * 1000
    power = 2 ** round(math.log2(tokens)) if tokens >= 1 else 0
    if power and abs(tokens - power) <= 0.01 * power:
        return int(power)
    return int(value * 1024)


# the length of one prompt or document ("a 20k prompt", "my 50k-token document"), not a count of them
# ("50k documents", "10k prompts")
_PROMPT_LENGTH = LazyPattern(
    r"\b(?:a|an|one|my|the|this|that)\s+(\d+(?:\.\d+)?)\s*k\s*(?:-?\s*tokens?\s+)?(?:long\s+)?"
    r"(?:prompt|document|doc|file|input|transcript|report)\b(?!s)"
)


def _context_in_passing(s: str) -> int | None:
    """A length read only when the question asks for none: "4096 context size", "2048 tokens of
    input" (a year before "context" is none: "2024 context"), llama.cpp's "-c 4096"."""
    flag = _SHORT_CTX_FLAG.search(s)
    if flag is not None and 128 <= int(flag.group(1)) <= MAX_CONTEXT:
        line = s[s.rfind("\n", 0, flag.start()) + 1 : flag.start()]
        if _LLAMA_CPP_COMMAND.search(line) or not _OTHER_PROGRAM.search(line):
            return int(flag.group(1))
    for before in _CONTEXT_BEFORE.finditer(s):
        value = int(before.group(1).replace(",", ""))  # "204,800 context": thousands grouped
        if 128 <= value <= _PAST_BOUNDS and not _looks_like_a_year(value):
            return value
    return None


def _looks_like_a_year(value: int) -> bool:
    """1950..2099 and no round length (2000, 2048 and 2100 are lengths people set; 2024 is a year)."""
    return 1950 <= value <= 2099 and value % 100 != 0 and value % 256 != 0


def _run(s: str, start: int, end: int) -> tuple[int, int]:
    """The whole pasted name around a family word: the run of name characters it sits in."""
    while start > 0 and s[start - 1] in _NAME_LEFT_CHARS:
        start -= 1
    while end < len(s) and s[end] in _NAME_CHARS:
        end += 1
    while end > start and s[end - 1] in "._-/:":
        end -= 1
    return start, end


# a release's date written as its name's last word: year and month ("2507", "2412") or month and day
# ("0528", "0905"), the way Qwen, Mistral, DeepSeek and Moonshot name their refreshes
_DATE_CODE = LazyPattern(r"2[3-9](?:0[1-9]|1[0-2])|(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")


@functools.lru_cache(maxsize=4)
def release_codes(name_words: frozenset[str]) -> frozenset[str]:
    """The release dates that catalog names carry ("2507" of "Qwen3 30B A3B Instruct 2507", "0528" of
    "DeepSeek-R1-0528"): after a name they are the name's, not a number of the rig."""
    return frozenset(w for w in name_words if len(w) == 4 and _DATE_CODE.fullmatch(w))


def _tail(s: str, start: int, end: int, codes: frozenset[str] = frozenset()) -> int:
    """Past the version, size and qualifier words that follow a name across spaces ("qwen3 30b a3b",
    "llama 3.3 70b instruct"); a bare number counts only while the name has no size yet and only
    when it reads as one ("gpt oss 120", not "gpt-oss-120b 3090"), or when it is a release date a
    catalog name carries ("qwen3 30b a3b 2507", "instruct-2507")."""
    sized = re.search(r"\d(?:\.\d+)?\s*b(?![a-z])", s[start:end]) is not None
    while True:
        t = _MODEL_TAIL.match(s, end)
        if t is None or t.end() == end:
            # "the big Qwen (235B)": a size in brackets right after a name that has none
            bracket = None if sized else _BRACKETED_SIZE.match(s, end)
            return end if bracket is None else bracket.end()
        bare = t.group("bare")
        if bare is not None and bare not in codes:
            spaced = s[end : t.start("bare")].strip("-_.:/") == "" and " " in s[end : t.start("bare")]
            if sized or float(bare) >= 1000 or (spaced and len(bare.split(".")[0]) >= 4):
                return end
        if t.group("size") is not None:
            sized = True
        end = t.end()


def _family_starts(s: str, family_words: frozenset[str]) -> list[tuple[int, int]]:
    """Where family words (or a one-letter typo of a long one, or a long one written as two words:
    "Deep Seek", "Mini Max") start a name."""
    found = [(m.start(), m.end()) for m in _model_start(family_words).finditer(s)]
    typo_words = _typo_word_set(family_words)
    taken = {a for a, _ in found}
    for m in _WORD_AND_NEXT.finditer(s):
        joined = m.group(1) + m.group(2)
        if m.start() not in taken and len(joined) >= _TYPO_MIN and joined in typo_words:
            found.append((m.start(), m.end(2)))
            taken.add(m.start())
    for m in _LONG_WORD.finditer(s):
        if m.start() not in taken and _family_typo(m.group(0), family_words):
            found.append((m.start(), m.end()))
    return sorted(found)


@functools.lru_cache(maxsize=4096)  # pure; the words people write ("running", "model") come again and again
def _family_typo(word: str, family_words: frozenset[str]) -> bool:
    """Whether `word` is a typo of a family word (`_is_typo_of`)."""
    from rapidfuzz import process  # loaded by the first word that needs it
    from rapidfuzz.distance import Levenshtein

    # two edits away at most ("lamma" for "llama" moves a double letter); _is_typo_of decides
    near = process.extract(
        word, _typo_words(family_words), scorer=Levenshtein.distance, score_cutoff=2, limit=None
    )
    return any(_is_typo_of(word, w) for w, _, _ in near)


def _family_meant(family_words: frozenset[str]) -> Callable[[str], str | None]:
    """The family word a word is a one-letter typo of ("deepsek": "deepseek"); None for none, or for
    a word as near to two."""
    typo_words = _typo_words(family_words)

    def meant(word: str) -> str | None:
        if len(word) < _TYPO_MIN - 1 or not word.isalpha() or word in typo_words:
            return None
        from rapidfuzz import process  # loaded by the first word that needs it
        from rapidfuzz.distance import Levenshtein

        near = process.extract(word, typo_words, scorer=Levenshtein.distance, score_cutoff=2, limit=None)
        hits = sorted({w for w, _, _ in near if _is_typo_of(word, w)})
        return hits[0] if len(hits) == 1 else None

    return meant


# a name's last figure, and the "bpw" after it that makes it bits per weight ("6.5 bpw", "4.5bpw")
_BPW_FIGURE = re.compile(r"[\s\-_]+\d+(?:\.\d+)?$")
_BPW_AFTER = re.compile(r"(?:\.\d+)?\s*bpw(?![a-z])")


def _model_spans(
    s: str, family_words: frozenset[str] = frozenset(), codes: frozenset[str] = frozenset()
) -> list[tuple[int, int]]:
    spans = []
    # every bit count in the text, found once (no two overlap: the first one from a place is the next)
    bit_counts = list(_BITS.finditer(s)) if "bit" in s else []
    for a, b in _family_starts(s, family_words):
        start, end = _run(s, a, b)
        if _ENGINE_RUN.match(s[start:end]):
            continue
        end = _tail(s, start, end, codes)
        before = SIZE_BEFORE.search(s, max(0, start - 12), start)
        if before is not None:
            start = before.start()
        k = bisect.bisect_left(bit_counts, start, key=re.Match.start)
        bits = bit_counts[k] if k < len(bit_counts) else None
        if bits is not None and start < bits.start() < end:  # "70b 4-bit": a quant wish, not the name
            end = bits.start()
        figure = _BPW_FIGURE.search(s, start, end)
        if figure is not None and _BPW_AFTER.match(s, figure.end()):  # "Command-R plus 6.5 bpw": EXL2's
            end = figure.start()  # bits per weight end the name
        spans.append((start, end))
    # drop spans inside others
    spans.sort()
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and a < out[-1][1]:
            continue
        out.append((a, b))
    return out


def _seen_on(
    s: str, seen: float | None, named: list[tuple[ModelSpec, int]], asked: dict[str, Resolution]
) -> str | None:
    """The name of the model a measured speed is told of, when it is not one asked about: the model
    named nearest the figure in its sentence, else the last named before it; None otherwise."""
    if seen is None or not asked:
        return None
    figure = re.search(rf"(?<![\d.]){re.escape(f'{seen:g}')}(?![\d])", s)
    if figure is None:
        return None
    at = figure.start()
    same = [(abs(a - at), m) for m, a in named if not _SENTENCE_BREAK.search(s, min(a, at), max(a, at))]
    before = [(at - a, m) for m, a in named if a < at]
    near = same or before
    if not near:
        return None
    model = min(near, key=lambda x: x[0])[1]
    return None if model.id in asked else model.name


_SENTENCE_BREAK = LazyPattern(r"[.?!](?:\s|$)|\n")


# a follow-up that asks for more of the card named ("and with two of them?", "what about 3 of those"):
# the rig is that many of it
_CARDS_OF_THEM = LazyPattern(
    r"\b(?:with|using|on|across|what\s+about|how\s+about|if\s+i\s+(?:had|have|got|use))\s+"
    r"(two|three|four|five|six|seven|eight|[2-8])\s+of\s+(?:them|those|these|that\s+card|those\s+cards)\b"
)
_CARD_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}


def _with_cards_asked(hardware: Hardware, hw_s: str) -> Hardware:
    """`hardware` with its one card made as many as a follow-up asks for ("and with two of them?")."""
    m = _CARDS_OF_THEM.search(hw_s)
    if m is None or len(hardware.gpus) != 1 or hardware.gpus[0].count != 1 or hardware.gpus[0].kind != "gpu":
        return hardware
    n = _CARD_COUNTS.get(m.group(1)) or int(m.group(1))
    return hardware.model_copy(update={"gpus": (hardware.gpus[0].model_copy(update={"count": n}),)})


def question_length(text: str) -> int:
    """The length of a question as it is measured against MAX_QUESTION_CHARS: a pasted table's box
    drawing, nvidia-smi's process list and padding spaces left out."""
    return len(text) if len(text) <= MAX_QUESTION_CHARS else len(compacted(text))


def read_question(text: str, index: ModelIndex, db: DeviceDatabase | None = None) -> Question:
    """Read a question. Raises HardwareError only for text that is far too long."""
    if len(text) > MAX_QUESTION_CHARS:  # a pasted table's box drawing and padding are no part of it
        text = compacted(text)
    if len(text) > MAX_QUESTION_CHARS:
        raise HardwareError(
            f"That is {len(text):,} characters; ask in under {MAX_QUESTION_CHARS:,}.",
            hint='Something like "can I run Qwen3 30B on an RTX 3090 with 32GB RAM?"',
        )
    if is_noise(text):
        raise HardwareError(
            "Could not read a question in that text: it looks like random characters.",
            hint='Ask in words, like "can I run Qwen3 30B on an RTX 3090 with 32GB RAM?"',
        )
    asked = text
    text = with_ollama_show(text)  # "architecture qwen3moe / parameters 30.5B / context length 262144"
    families = frozenset(_FAMILIES) | index.family_words
    spelled, misspelled = with_name_spellings(spaced(text), families, _family_meant(index.family_words))
    expanded = with_version_dots(expand_nicknames(spelled, index.family_words), index.ids)
    # nicknames spelled out ("k2" -> "kimi k2") never push a question past what the readers take
    text = expanded if len(expanded) <= MAX_QUESTION_CHARS else text
    text = in_catalog_order(text, _model_start(index.family_words))
    text = with_sizes_spelled_out(text, _model_start(index.family_words))  # "qwen3(8b、14b)": two models
    kv_type = read_kv_type(text.lower())
    text = without_kv_words(text)  # "q4 cache" asks for the cache's type, not the weights'
    text = without_declined_quants(text)  # "without 8bit quantization": no quant wished
    text = without_device_flags(text)  # a log's "fp16: 1" is a device's capability, not the weights'
    text = without_formats_not_understood(text)  # "lost in the acronyms (GGUF? EXL2??)": no format wished
    text = with_labels_colon(text)  # "PC memory - 32GB VRAM - 12GB": a label and its value
    text = with_question_words(text)  # "wat model can i run": the question word meant
    text = without_embedding_names(text)  # "qwen3 embedding 8b" is no chat model of the Qwen3 family
    s = text.lower()
    quant_m = _weights_quant(s)
    engine = _engine_used(s)
    sides = _engines_side_by_side(s)
    if sides is not None and engine in (sides[0].engine, sides[1].engine):
        engine = sides[0].engine  # "llama.cpp Q4_K_M vs exllamav3 4.0bpw": the first written leads
    stand_in = None if engine else _stand_in(s)
    if stand_in is not None:
        engine = stand_in[0]
    ollama_tag = _OLLAMA_TAG.search(s)
    if engine is None and ollama_tag is not None:
        engine = "ollama"
    program_note = _program_note(s, engine)
    if program_note is not None:
        engine, stand_in = program_note[0], (program_note[0], program_note[1])
    if engine is None and _VLLM_SETTINGS.search(s):
        engine = "vllm"
    if engine is None and _OLLAMA_SETTINGS.search(asked.lower()):  # as written (KV words are blanked in s)
        engine = "ollama"
    models, errors, spans, hw_text = _read_models(text, s, index)
    models = _with_spellings_said(models, spans, s, misspelled)
    every_span = list(spans)  # where every model read is named, asked or not
    hw_text = without_told_sizes(hw_text, spans)  # "gemma3:4b (3.3gb)", "3gb used (out of 24gb)"
    hw_text = with_machine_ram(hw_text)  # "my machine has 64GB"
    hw_text = with_card_memory(hw_text)  # "4090显卡只有24GB内存": the card's memory
    hw_text = without_past_rig(hw_text)  # "以前用一张3060跑的 X，现在两张3090 ..."
    # where each model is named, in the text its quant is read from: (id, start, end, reach); every
    # name counts, asked or not ("running qwen3 32b q4 now, would gemma 3 27b do better?": the q4 is
    # the model run now, not the one asked about)
    hub_refs, hw_text = with_hub_names(text, read_hub_refs(text, index), models, spans, hw_text)
    models, spans = referred_models(s, models, spans, index)
    models, spans = with_base_names_joined(s, models, spans)
    models, spans = named_again(s, models, spans)
    named_at = [(r.model.id, a, b, b + AFTER_CHARS) for r, (a, b) in zip(models, spans, strict=True)]
    every_named = [(r.model, a) for r, (a, _) in zip(models, spans, strict=True)]  # asked or not
    named_in = s
    models, spans = asked_models(s, models, spans, _choice_between(s, spans))
    told_only = bool(models) and read_best(s) and all_background(s, spans)
    if told_only:
        models, spans = [], []  # "running Mistral Nemo now; what's the best I can run?": none asked
    hw_text = _without_replaced(hw_text)
    hw_text = _without_docs_rigs(hw_text, db)
    needs_said = False  # what the model is said to need ("R1 needs 8xH100"), beside a rig of the asker's
    if _SAID_TO_NEED.search(hw_text):
        own = _SAID_TO_NEED.sub(lambda m: " " * len(m.group()), hw_text)
        needs_said = not parse_hardware(own, db).is_empty
        hw_text = own if needs_said else hw_text
    hw_s = hw_text.lower()
    problems: list[str] = []
    both_shapes = choice_of_sizes = False
    # "a 200B model", "200-700B", "a 70B dense or a 235B MoE", unless one is named
    if not models and not told_only:
        # "anything better than a 70B?": the size sought against names no model
        sought = read_best(s)
        sized = sized_models(
            gloss(without_better_than(hw_s) if sought else hw_s), index, bare_size=not errors
        )
        if sized is not None:
            models = list(sized.models)
            named_at = [(r.model.id, *at) for r, at in zip(models, sized.at, strict=False)]
            named_in = gloss(hw_s)
            both_shapes, choice_of_sizes = sized.both_shapes, sized.range_b is None and not sized.both_shapes
        else:
            # a name that resolved to nothing ("gemmma 3 12b") is asked about, not made up from its size
            # sizes a README lists are no model asked about, nor the one a better model is sought against
            # nor a size told as one that already runs ("I got the 7B working; the 33B?")
            own = gloss(without_sizes_told(_without_size_list(without_better_than(s) if sought else s)))
            hypo = hypothetical_model(own, index, bare_size=not errors)
            style = _styled_by(errors, index) if hypo is not None else ""
            if style:  # "GLM-5.3-Flash is a 320B MoE": that size, in the named family's shape
                hypo = hypothetical_model(style + own, index, bare_size=not errors) or hypo
            if hypo is not None:
                models.insert(0, _name_said(hypo, text))
            elif _NEGATIVE_SIZE.search(s):
                problems.append("a model cannot have a negative number of parameters")
    if not spans and models:  # sizes that made the models ("a 100-200B model") describe no rig
        hw_text = _MODEL_SIZES.sub(lambda m: " " * len(m.group()), hw_text)
    hw_text = without_repeats(hw_text)  # a title said again in the body is one rig
    # "+140t/s" is no Arc 140T (after the sizes: "~30t/s for 1-3b LLMs" lists what was measured)
    hw_text, hw_s = without_speeds(hw_text), without_speeds(hw_s)
    hardware = asked_rig(hw_text, db) or parse_hardware(hw_text, db)
    if hardware.is_empty and hardware.cpu is None:
        hardware = _enough_memory(hw_text, db) or hardware
    hardware = _with_asked_ram(hardware, read_asked_ram(hw_s))
    hardware = over_rpc(hardware, s, engine)
    hardware = _with_cards_asked(hardware, hw_s)
    if asks_nvlink(s):  # "2x 3090 with nvlink vs 2x 3090 without": one rig, with and without a bridge
        cards = [g.name for g in hardware.gpus]
        kept = [
            a for a in hardware.assumptions if not (a.startswith("left out ") and any(n in a for n in cards))
        ]
        hardware = hardware.model_copy(update={"assumptions": tuple(kept)})
    if hardware.gpu_count > MAX_DEVICES:
        # a count past the most the reader takes ("1000000x 4090") was read as that most: say "more
        # than", never echo the capped figure as if it were the one asked
        many = "That many" if hardware.gpu_count >= MAX_COUNT else f"{hardware.gpu_count:,}"
        problems.append(f"{many} GPUs is a data center, not a rig; canirun sizes up to {MAX_DEVICES}")
    unique: dict[str, Resolution] = {}
    for r in models:
        unique.setdefault(r.model.id, r)
    other = (
        not_a_language_model(s) if not unique or all(r.model.is_generic for r in unique.values()) else None
    )
    if other is not None:
        problems.append(other)
    left_out = names_left_out(
        s,
        every_span,
        [r.model.name for r in unique.values() if not r.model.is_generic],
        not_a_language_model(s) if other is None else None,
    )
    # an amount for more RAM is no rig bought nor the cheapest asked: the kind and the wishes read without it
    s_wished = without_ram_budget(s)
    kind, rigs, (change, instead) = _kind(
        s_wished, hw_s, hardware, unique, spans, choice_of_sizes, db, needs_said
    )
    # "my 3090 gives 110 tok/s on X, how fast would a 5090 be?": the other card in place of the one
    # measured, the answer scaled by the speed measured (an addition no words said is that too)
    unsaid_add = change is not None and change.startswith("adding ") and not adds_a_card(s)
    open_kind = kind == "estimate" or (kind == "compare" and (change is None or unsaid_add))
    if open_kind and (read_speed_seen(s) or read_tps_now(s)):
        elsewhere = measured_elsewhere(hw_s, db)
        if elsewhere is not None:
            replaced = replaced_by(elsewhere.measured, elsewhere.other)
            kind, rigs, change = "compare", replaced.rigs, replaced.change
    if hardware.machines > 1 and kind == "compare" and len(rigs) == hardware.machines:
        kind, rigs = "estimate", ()  # "rpc between pc1 with a 4090 and pc2 with ...": the machines joined
    if kind == "capacity":
        unique = {}  # the size is what is asked: one read from the question is no model of it
    has_rig = not (hardware.is_empty and hardware.cpu is None)
    # a budget with no model and no rig: what to buy for it ("best gpu under $1500 for coding")
    kind = "purchase" if _purchase(kind, unique, has_rig, s) else kind
    missing: list[str] = []
    if not unique and kind in ("estimate", "requirements"):
        missing.append("model")
    if not has_rig and kind in ("estimate", "best", "capacity", "compare") and not rigs:
        missing.append("hardware")
    if "model" in missing and not errors:
        unknown = _unknown_named(text, index)
        if unknown is not None:
            errors.append(unknown)
    if kind in ("requirements", "purchase"):
        candidates = tuple(dict.fromkeys([*(g.id for g in hardware.gpus if g.id), *_soc_id(hardware)]))
        # with no model to size, the question goes back to the asker: the rig told stays with it
        # ("how much VRAM does it need, can my laptop 4090 16G run it?")
        hw_read: Hardware | None = hardware if "model" in missing and has_rig else None
    else:
        candidates = ()
        hw_read = None if "hardware" in missing else (rigs[0] if rigs else hardware)
        if not rigs and hw_read is not None:
            rigs = (hw_read,)
    numbers_said: list[str] = []  # numbers that are no value to size as written: said with every model
    unsigned = negative_context(s)
    if unsigned is not None:
        numbers_said.append(unsigned[1])
    context = context_per_slot(s, _read_context(unsigned[0] if unsigned is not None else s))
    no_cards = negative_card_count(s)
    if no_cards is not None:
        numbers_said.append(no_cards)
    users = read_users(s)
    too_many = users_past_bound(s, MAX_USERS) if users is None else None
    if too_many is not None:
        numbers_said.append(too_many)
    odd = _ODD_CONTEXT.search(s) if context is None and ("e" in s or len(s) > 13) else None
    if odd is not None:  # "at 1e12 context": no length is read from it, and that is said, not the default
        said = odd.group(1) or odd.group(2)
        problems.append(
            f"'{said}' is no context length to size: give it in tokens, at most {MAX_CONTEXT:,} (the longest "
            "any model takes)"
        )
    backends = read_backends(s)
    if not backends:  # none asked: the one a pasted log shows, where it can drive this rig (CUDA's
        # name fills every NVIDIA log and error, and is the default there anyway)
        logged = logged_backend(s)
        ok = logged is not None and logged != "cuda"
        if ok and logged is not None and (hw_read is None or backend_problem(logged, hw_read) is None):
            backends = (logged,)
    apple = hardware.soc is not None and hardware.soc.spec is not None and hardware.soc.spec.vendor == "apple"
    off_mac = bool(hardware.gpus) or _GPU_ASKED.search(s) is not None or not (hardware.is_empty or apple)
    wish = functools.partial(_quant_wish, engine=engine, v3=exllama_v3(s), v2=exllama_v2(s), off_mac=off_mac)
    read_quants = model_quants(named_in, named_at, _QUANT, _BITS, wish)
    own_quants = tuple((mid, quant) for mid, quant in read_quants if mid in unique)
    inputs = read_inputs(asked.lower())
    # "mlx 4bit or gguf UD-Q3_K_XL": the engine that leads takes the quant said with it
    lead = _side_quant(s, sides[0], wish) if sides is not None and engine == sides[0].engine else None
    quant = None if read_quants else (lead or wish(quant_m, _BITS.search(s)))
    if quant is None and len(unique) == 1 and len(own_quants) == 1:
        # the one model asked about carries its own quant; the others named were background
        quant = own_quants[0][1]
    if quant is None and not read_quants and unique and asks_unquantized(s):
        # "unquantized", "without quantization": the weights as released, at the first model's precision
        first = next(iter(unique.values())).model
        quant = released_quant(first.native_dtype, engine)
    compared_quants = _quants_compared(s, wish) if quant is not None else ()
    compared = _engine_compared(sides, engine)
    compared_quant = None
    if compared is not None:  # the other engine's own quant, read as that engine's
        side_wish = functools.partial(_quant_wish, engine=compared.engine, v3=exllama_v3(s), v2=exllama_v2(s))
        compared_quant = _side_quant(s, compared, side_wish)
        if lead is not None and compared_quant is not None:
            compared_quants = ()  # each engine with its own quant: the engines are the choice
    compared_engine = compared.engine if compared is not None else None
    homes = _quant_engines(compared_quants, engine) if compared is None else None
    if homes is not None:
        # "q4_k_m or mlx 4bit?": quantizations only one engine each loads weigh those engines, each at
        # its own quantization
        (engine, quant), (compared_engine, compared_quant) = homes
        compared_quants = ()
    depth = read_depth(s, context)
    seen = read_speed_seen_at(s, depth) or read_speed_seen(s) or read_tps_now(s)
    return Question(
        text=asked,
        models=tuple(_with_notes(_with_context(r, context), numbers_said) for r in unique.values()),
        hardware=hw_read,
        context=context,
        task=next((name for name, rx in _TASKS if rx.search(s)), None),
        min_tps=read_min_tps(s),
        max_usd=read_max_usd(s),
        budget_said=budget_words(s),
        ram_budget_usd=read_ram_budget(s),
        prices_said=read_prices_said(s, db),
        dynamic_asked=_DYNAMIC_ASKED.search(s) is not None,
        users=users,
        gpu_only=_GPU_ONLY.search(s) is not None,
        engine_note=stand_in[1] if stand_in is not None else None,
        engine=engine,
        quant=quant,
        quants_compared=compared_quants,
        configs_compared=read_configs_compared(s, _QUANT, lambda m: wish(m, None), _context_of_k),
        engine_compared=compared_engine,
        engine_compared_quant=compared_quant,
        model_quants=own_quants,
        pulled_quant=_ollama_tag_quant(ollama_tag, unique)
        or (None if quant or read_quants else _served_as_published(s, unique)),
        wants_best=kind == "best",
        biggest=kind == "purchase" and asks_capacity(s),
        missing=tuple(missing),
        problems=tuple(problems),
        model_errors=tuple(errors),
        kind=kind,
        rigs=rigs,
        candidates=candidates,
        rig_kinds=rig_kinds_named(s) if kind == "requirements" else (),
        prefer=read_prefer(s_wished),
        depth=depth,
        left_out=left_out,
        speed_seen=seen,
        seen_on=_seen_on(s, seen, every_named, unique),
        prompt_speed=read_prompt_speed(s),
        both_speeds=read_both_speeds(s),
        uncensored=reads_uncensored(s),
        context_limit=asks_context_limit(s),
        both_shapes=both_shapes,
        change=change,
        instead=instead,
        hub_refs=hub_refs,
        text_only=inputs.text_only,
        no_video=inputs.no_video,
        needs_images=inputs.needs_images,
        split_mode=read_split_mode(s),
        engine_settings=read_engine_settings(s),
        kv_type=kv_type,
        long_context=context is None and wants_long_context(s),
        prompt_time=asks_prompt_time(s),
        users_asked=asks_users_served(s),
        cards_asked=read_cards_asked(s),
        same_quant=asks_same_quant(s),
        context_each=read_context_each(s),
        cpu_share_shown=read_cpu_share_shown(s),
        backend=backends[0] if backends else None,
        backend_compared=backends[1] if len(backends) > 1 else None,
        split_compared=read_split_modes_compared(s),
        context_shared=shared_context(s),
        nvlink_asked=asks_nvlink(s),
        need_asked=kind == "estimate"
        and has_rig
        and asks_memory_need(s)
        and not _MEMORY_BESIDE_CARDS.search(s),
    )


# a pasted vLLM or SGLang server command ("vllm serve Qwen/Qwen2.5-72B-Instruct ...",
# "python -m vllm.entrypoints.openai.api_server --model ...", "python -m sglang.launch_server ...")
# (a command asked for is none: "give me the vllm serve command", "vllm serve flags?", "the vllm serve
# line for it": "vllm serve" counts only with an argument after it, a repo or a flag)
_SERVE_COMMAND = LazyPattern(
    r"(?<![\w-])(?:vllm\.entrypoints\.[\w.]+|sglang\.launch_server)(?![\w-])"
    r"|(?<![\w-])vllm\s+serve(?=\s+(?!(?:command|commands|cmd|line|args?|arguments|flags|options|invocation|"
    r"settings|params|parameters|config|example|string|call|for|with|on|to|that|this|it|please|and|or|"
    r"would|should|will|looks?|like)\b)[\w./~\"'-])"
)
# the quant a checkpoint loads as, by the dtype it is published in
_PUBLISHED_AS = {"bf16": "BF16-HF", "fp16": "BF16-HF", "fp32": "BF16-HF", "fp8": "FP8"}


def _served_as_published(s: str, models: dict[str, Resolution]) -> str | None:
    """A server command pasted with no quantization named loads the checkpoint as published: vLLM and
    SGLang quantize only when told (--quantization; docs.vllm.ai engine arguments)."""
    if len(models) != 1 or _SERVE_COMMAND.search(s) is None:
        return None
    (r,) = models.values()
    return _PUBLISHED_AS.get(r.model.native_dtype)


def _with_context(r: Resolution, context: int | None) -> Resolution:
    """A model described by its size alone ("a 70b model with 1M context") holds the context asked
    for: its shape is a stand-in, and the longer window is part of the description."""
    m = r.model
    if not m.is_generic or context is None or context <= m.max_context:
        return r
    note = (
        f"assumed it holds the {context:,}-token context asked for (the stand-in shape holds "
        f"{m.max_context:,})"
    )
    return Resolution(m.model_copy(update={"max_context": context}), (*r.assumptions, note))


_BUYABLE_LEFT_OUT = "left out memory you could buy or upgrade to; estimates use what you have"


def _with_asked_ram(hw: Hardware, gb: int | None) -> Hardware:
    """The rig with the RAM the question asks about ("is 64GB RAM enough for X on my 4090?"), where
    the rig states none of its own: that amount is what the answer is wanted for."""
    if gb is None or hw.ram_gb is not None or hw.unified_memory_gb is not None or hw.soc is not None:
        return hw
    if not hw.gpus and hw.cpu is None:
        return hw
    said = f"sized with the {gb} GB of system RAM asked about"
    kept = tuple(a for a in hw.assumptions if a != _BUYABLE_LEFT_OUT)
    return hw.model_copy(update={"ram_gb": float(gb), "assumptions": (said, *kept)})


# "is 16GB enough for Qwen3 14B?": an amount alone, asked about as enough, is a GPU's memory (what
# local-LLM forums mean by it), where it is a size consumer and workstation cards are sold with (2 to
# 48 GB); a larger amount is more often a Mac's or a PC's RAM, and stays unread
_ENOUGH_AMOUNT = LazyPattern(
    r"(?<![\w.])(\d{1,2})\s*(?:gb|gigs?|g)\s+(?:of\s+memory\s+|memory\s+)?(?:be\s+|is\s+)?enough\b"
    # "best model for 24GB?", "which is better on 16 gigs", "does it fit in 12GB": the same amount
    r"|\b(?:for|on|in|into|with|within|under)\s+(?:an?\s+|my\s+|only\s+|just\s+)?(\d{1,2})\s*(?:gb|gigs?)\b"
    r"(?!\s*(?:of\s+)?(?:ram|ddr|system|unified|lpddr|sys\b))"
    # "能限制它在16G以内吗", "控制在24G显存之内": kept within that amount
    r"|在\s*(\d{1,2})\s*g(?:b)?\s*(?:显存\s*)?(?:以内|之内|内)",
    re.IGNORECASE,
)
# words that make an amount "for 16GB" something other than a graphics card's memory: no card at all,
# a laptop's or a phone's shared memory, or RAM named anywhere in the question
_NOT_A_CARD = LazyPattern(
    r"\bno\s+(?:d?gpu|graphics|video)|\bwithout\s+(?:an?\s+)?(?:gpu|graphics|video)|\bcpu[\s-]*only\b"
    r"|\b(?:laptop|notebook|macbook|mac|phone|mobile|ram|ddr\d?)\b",
    re.IGNORECASE,
)
_ANY_AMOUNT = LazyPattern(r"(?<![\w.])(\d+(?:\.\d+)?)\s*(?:gb|gigs?|g)\b", re.IGNORECASE)
_SMALLEST_CARD_GB, _LARGEST_DESKTOP_CARD_GB = 2, 48


def _enough_memory(text: str, db: DeviceDatabase | None) -> Hardware | None:
    """The rig of "is 16GB enough?" with nothing else said: one GPU of that memory, said so."""
    matches = list(_ENOUGH_AMOUNT.finditer(text))
    if any(m.group(2) or m.group(3) for m in matches) and _NOT_A_CARD.search(text):
        return None  # "what can I run with 16gb, no gpu?", "fits in 32GB on my laptop"
    found = {int(m.group(1) or m.group(2) or m.group(3)) for m in matches}
    if len(found) != 1 or len({float(m.group(1)) for m in _ANY_AMOUNT.finditer(text)}) != 1:
        return None  # one amount in all: with two ("16gb or 24gb"), which is the rig is not said
    (gb,) = found
    if not _SMALLEST_CARD_GB <= gb <= _LARGEST_DESKTOP_CARD_GB:
        return None
    hw = parse_hardware(f"{gb} GB VRAM", db)
    said = (
        f"read '{gb} GB' as a GPU with {gb} GB of memory; say RAM (or name the card or the Mac) "
        "if you meant other memory"
    )
    return hw.model_copy(update={"assumptions": (said, *hw.assumptions)})


# a card already replaced is no part of the rig: "upgraded to a 4090 from my 2070", "replaced my
# 1080 with a 3090", "swapped my 3060 for a 4070 Ti Super" (done: the rig is the new card)
_REPLACED = LazyPattern(
    r"\b(?:upgraded|switched|moved|went|changed)\s+(?:over\s+)?to\s+[^.,;!?\n]{1,40}?\s+from\s+"
    r"(?:my\s+|an?\s+|the\s+|old\s+)*(?P<old>[^.,;!?\n]{1,40}?)(?=\s*(?:[.,;!?\n]|$|\s+(?:and|but|so)\b))"
    r"|\b(?:replaced|swapped)\s+(?:my\s+|an?\s+|the\s+|old\s+)*(?P<old2>[^.,;!?\n]{1,40}?)\s+(?:with|for)\b"
    r"|\b(?:upgraded|switched|moved|went|changed)\s+from\s+(?:my\s+|an?\s+|the\s+|old\s+)*"
    r"(?P<old3>[^.,;!?\n]{1,40}?)\s+(?:to|into)\b"
    # a card corrected: "not the 3090, I meant my 3060", "I meant my 3060, not the 3090"
    r"|\bnot\s+(?:the|a|an|my)\s+(?P<old4>[^.,;!?\n]{1,40}?)\s*[,;.]?\s*(?=(?:i\s+meant|i\s+mean|sorry|it'?s)\b)"
    r"|\bi\s+meant?\s+[^.;!?\n]{1,40}?,?\s+not\s+(?:the|a|an|my)\s+(?P<old5>[^.,;!?\n]{1,40}?)(?=\s*(?:[.,;!?\n]|$))",
    re.IGNORECASE,
)


# a requirement quoted from a model's documentation is no rig: "the requirement is to have a GPU with
# at least 24G of VRAM", "the README says minimum 16GB VRAM"
_QUOTED = r"(?:(?!\bmy\b|\bi\s+have\b)[^.?!,;\n]){0,60}"  # up to the asker's own words
# "the README for this repo says", "the docs of the model state"
_WHOSE_DOCS = r"(?:(?:for|of|in|on)\s+(?:this|the|that|their)\s+(?:repo|repository|project|model|page)\s+)?"
# (its look behind is tried only where a word starts, not at every character of a long message)
_STATED_REQUIREMENT = LazyPattern(
    rf"\b(?<!\bmy\s)(?<!\bour\s)(?:the\s+)?(?:minimum\s+|recommended\s+|system\s+|hardware\s+)?requirements?"
    rf"\s+(?:is|are|says?|of)\b{_QUOTED}"
    rf"|\b(?:readme|docs?|documentation|model\s+card)\s+{_WHOSE_DOCS}(?:says?|states?|recommends?)\b"
    rf"(?:\s*:?\s*\"[^\"\n]{{0,200}}\"|{_QUOTED})",
    re.IGNORECASE,
)
# memory per model size, as a README lists it: "8 GB to run the 3B models, 16 GB for 7B", "at least 8 GB
# of RAM available to run the 7B models, 16 GB to run the 13B models": examples of sizes, not the models
# asked about nor the asker's RAM (blanked where two or more are listed)
_SIZE_NEEDS = LazyPattern(
    r"(?<![\d.])\d{1,4}\s*gb\b(?:\s+of\s+(?:system\s+|unified\s+)?(?:v?ram|memory))?(?:\s+(?:available|free))?"
    r"\s+(?:to\s+run|for)\s+(?:the\s+)?\d+(?:\.\d+)?\s*b\b(?:\s+(?:models?|ones?))?",
    re.IGNORECASE,
)
_SIZE_NEEDS_LISTED = 2
# speeds listed per model size: "~25-30t/s for 1-3b LLMs ~14-16t/s for 7-8b LLMs" (what was measured)
_SIZE_SPEEDS = LazyPattern(
    r"(?<![\d.])\d{1,4}(?:\.\d+)?(?:\s*[-–~]\s*\d{1,4}(?:\.\d+)?)?\s*(?:t|tok|tokens?)\s*/\s*s(?:ec)?\b"
    r"\s+(?:for|with|on|from)\s+(?:the\s+)?\d+(?:\.\d+)?(?:\s*[-–~]\s*\d+(?:\.\d+)?)?\s*b\b(?:\s+(?:llms?|models?|ones?))?",
    re.IGNORECASE,
)
# what a model is said to need: "running R1 needs 8xH100 80GB due to its size" (not the asker's "do
# I need", whose cards are the ones asked about): beside a rig of the asker's, no question of what to buy
_SAID_TO_NEED = LazyPattern(
    rf"\b(?:needs|requires)\s+(?:at\s+least\s+|about\s+|roughly\s+)?(?=\d|an?\s|one\s|two\s){_QUOTED}",
    re.IGNORECASE,
)


# other people's rigs told beside the asker's: "I see many others in the issues boasting 4090s, dual
# 3080s, etc.", "people here run 2x 3090", "others with H100s say ..."
# the rest of their clause, up to where the asker turns to their own ("but I only have a 3060")
_TOLD = r"(?:(?!\bbut\b|\bwhile\b|\bi\s+(?:have|own|got|only|am|'m)\b|\bmy\b)[^.?!;\n]){0,100}"
_OTHERS_RIGS = LazyPattern(
    rf"\b(?:i\s+(?:see|saw|notice|noticed|read\s+about)|seeing)\s+(?:so\s+)?(?:many|lots\s+of|a\s+lot\s+of|some|plenty\s+of)"
    rf"\s+(?:others?|other\s+(?:people|folks|users)|people|folks|users)\b{_TOLD}"
    r"|\b(?:others|other\s+people|people\s+here|some\s+people|everyone\s+else)\s+(?:are\s+)?"
    rf"(?:boasting|running|using|with|have|has|own|owning|run|use)\b{_TOLD}",
    re.IGNORECASE,
)


# hardware a document or its writers name, told beside the asker's: "You mention \"V100 or A100\", but
# can a 3080 work?", "the context indicates that an H100 can work, which has only 80G", "the tutorial
# also mentions a requirement like 64G x 8", "according to your table", "文档说只需要7GB，但我24G的OOM"
# (the rest of the clause, up to where the asker turns to their own)
_TOLD_BY_DOCS = (
    r"(?:(?!\bbut\b|\bwhile\b|\bi\s+(?:have|own|got|only|am|'m|use|run)\b|\bmy\b|但|可是|我)"
    r"[^.?!;\n。？！；]){0,100}"
)
_DOCS_RIGS = LazyPattern(
    r"(?:\byou\s+(?:mention(?:ed)?|said|say|recommend(?:ed)?|list(?:ed)?|wrote|suggest(?:ed)?)\b"
    r"|\b(?:the\s+)?(?:tutorial|guide|table|context|faq|paper|blog\s+post|website|readme|docs?|documentation|"
    r"model\s+card)\s+(?:also\s+)?(?:mentions?|mentioned|says?|said|indicates?|indict|lists?|listed|shows?|claims?"
    r"|suggests?|recommends?|states?)\b"
    r"|\baccording\s+to\s+(?:the|your|their|its)\s+\w+"
    # where the model was made: "The model has been trained on the A100 GPU" (not where it is to run)
    r"|\b(?:was|were|is|are|been)\s+(?:pre-?|post-?)?(?:trained|fine-?tuned)\s+(?:on|using|with)\b"
    r"|(?:官方|文档|教程|说明|readme)(?:里|中|上)?(?:给的|说|写|提到|推荐|建议))"
    rf"{_TOLD_BY_DOCS}",
    re.IGNORECASE,
)


# an amount said to be done without: "can I install without 8gbvram?", "runs without 24GB of VRAM"
_WITHOUT_AMOUNT = LazyPattern(
    r"\bwithout\s+(?:an?\s+|the\s+)?\d{1,4}\s*(?:gb|g)\s*(?:of\s+)?(?:v?ram|memory|gpu)?", re.I
)


# a card the asker did not buy and wishes they had: "regret not having bought a 5090 when it was
# 2.000€", "should have gotten a 4090", "wish I had bought the 48GB one" (up to the clause's end)
_NOT_BOUGHT = LazyPattern(
    r"\b(?:regret(?:ting)?\s+not\s+(?:having\s+)?(?:bought|buying|gotten|getting|got)"
    r"|(?:wish|wished)\s+(?:i|we)(?:'d|\s+had|\s+would\s+have)\s+(?:bought|gotten|got|gone\s+for)"
    r"|should(?:'ve|\s+have)\s+(?:bought|gotten|got|gone\s+for)"
    r"|(?:didn'?t|did\s+not)\s+(?:buy|get))\b[^.?!;\n]{0,60}?(?=[,.;?!\n]|$)",
    re.IGNORECASE,
)


def _without_size_list(text: str) -> str:
    """`text` with memory or speeds listed per model size ("8 GB to run the 3B models, 16 GB for 7B",
    "~30t/s for 1-3b LLMs, ~15t/s for 7-8b") blanked out where two or more are listed; as it was
    otherwise."""
    for listed in (_SIZE_NEEDS, _SIZE_SPEEDS):
        if sum(1 for _ in listed.finditer(text)) >= _SIZE_NEEDS_LISTED:
            text = listed.sub(lambda m: " " * len(m.group()), text)
    return text


def _without_replaced(hw_text: str) -> str:
    """`hw_text` with the cards it says were replaced, requirements it quotes (memory listed per model
    size too), other people's rigs and cards not bought blanked out."""
    hw_text = _STATED_REQUIREMENT.sub(lambda m: " " * len(m.group()), hw_text)
    hw_text = _without_size_list(hw_text)
    hw_text = _OTHERS_RIGS.sub(lambda m: " " * len(m.group()), hw_text)
    hw_text = _NOT_BOUGHT.sub(lambda m: " " * len(m.group()), hw_text)
    hw_text = _GPTQ_GROUP.sub(lambda m: " " * len(m.group()), hw_text)  # "4bit-128g" is no 128 GB
    out = hw_text
    for m in _REPLACED.finditer(hw_text):
        group = next(g for g in ("old", "old2", "old3", "old4", "old5") if m.group(g) is not None)
        a, b = m.span(group)
        out = out[:a] + " " * (b - a) + out[b:]
    return out


def _without_docs_rigs(hw_text: str, db: DeviceDatabase | None) -> str:
    """`hw_text` without the hardware a document or its writers name, and the amounts said to be done
    without ("can I install it without 8gb vram? I have only 6gb"), where a rig of the asker's is
    left ("You mention V100 or A100, but can a 3080 work?"); as it was where none is: then the one
    named is the rig asked about ("You mention A6000s with 48GB. Would a 65B fit there?")."""
    own = _WITHOUT_AMOUNT.sub(
        lambda m: " " * len(m.group()), _DOCS_RIGS.sub(lambda m: " " * len(m.group()), hw_text)
    )
    if own == hw_text or parse_hardware(own, db).is_empty:
        return hw_text
    return own


def _soc_id(hw: Hardware) -> list[str]:
    return [hw.soc.id] if hw.soc is not None and hw.soc.id else []


# a size glued to a name ("molmo-7B-D", "foobar-14b", "mymodel7b"): a model named that the catalog lacks
# (its words joined by dashes too: "internlm-chat-20B", "foo-bar-7b")
_GLUED_NAME = LazyPattern(
    r"(?i)(?<![\w.-])([a-z][a-z0-9]{2,}(?:[-_][a-z][a-z0-9]*)*)[-_]?(\d+(?:\.\d+)?)\s*b(?![a-z0-9])"
)
# words glued to a size that name no model: "dense-70b", "model-7b", "a-32b"
_NO_NAME_WORDS = frozenset(
    {"dense", "moe", "model", "models", "generic", "llm", "size", "sized", "about", "around"}
)
_NO_SUCH_MODEL = "no such model in the catalog"


def _name_said(found: Resolution, s: str) -> Resolution:
    """A generic model sized from a size glued to a name the catalog lacks ("can I run molmo-7B-D on
    ..."): its note names that model rather than saying "no such model" of nothing named."""
    if not found.assumptions or not found.assumptions[0].startswith(_NO_SUCH_MODEL):
        return found
    for m in _GLUED_NAME.finditer(s):
        if m.group(1).lower() in _NO_NAME_WORDS or abs(float(m.group(2)) - found.model.params_b) > 0.5:
            continue
        end = re.match(r"[\w.-]*", s[m.end() :])
        name = s[m.start() : m.end() + (end.end() if end else 0)].strip("-_.")
        first, *rest = found.assumptions
        return Resolution(
            found.model, (f"'{name}' is not in the catalog{first[len(_NO_SUCH_MODEL) :]}", *rest)
        )
    return found


def _styled_by(errors: list[UnknownModelError], index: ModelIndex) -> str:
    """ "<family>-style " for a name of a known family that the catalog lacks ("GLM-5.3-Flash is a
    320B MoE": a GLM-style shape of that size), else nothing."""
    for err in errors:
        named = _QUOTED_NAME.search(str(err))
        if named is None:
            continue
        first = re.match(r"[a-z]+", named.group(1).lower())
        if first is not None and first.group(0) in index.family_words:
            return f"{first.group(0)}-style "
    return ""


_QUOTED_NAME = re.compile(r"'([^']+)'")


def _read_models(
    text: str, s: str, index: ModelIndex
) -> tuple[list[Resolution], list[UnknownModelError], list[tuple[int, int]], str]:
    """The catalog models named, the errors of names that resolve to none, where the resolved
    names are, and the text with every name blanked (what is left describes the rig)."""
    models: list[Resolution] = []
    errors: list[UnknownModelError] = []
    spans: list[tuple[int, int]] = []
    removed = list(text)
    read: dict[str, Resolution | UnknownModelError] = {}  # a name said again is resolved once
    for n, (a, b) in enumerate(_model_spans(s, index.family_words, release_codes(index.name_words))):
        span = text[a:b].replace("(", " ").replace(")", " ").strip(" -_.:/")  # "Qwen (235B)"
        if span.lower() in _EVERYDAY_WORDS:
            continue  # "next step: would nemo run?": the word, not Step 3.5
        if n < MAX_MODELS_READ:  # past a handful of names it is a list, not a question: blank the rest
            if span not in read:
                resolved = _resolve_span(span, index)
                read[span] = (
                    resolved
                    if isinstance(resolved, UnknownModelError)
                    else with_release_version_said(span, resolved)
                )
            found = read[span]
            if isinstance(found, UnknownModelError):
                errors.append(found)
            else:
                models.append(found)
                spans.append((a, b))
        for k in range(a, b):
            removed[k] = " "
    return models, errors, spans, "".join(removed)


def _unknown_named(text: str, index: ModelIndex) -> UnknownModelError | None:
    """A name written where the model to run goes that no catalog family word starts ("can I run
    LongCat Flash on ..."), said as unknown rather than asked for again; the nearest catalog names
    that share a word with it are offered, never answered in its place."""
    name = unknown_name_asked(text)
    if name is None:
        return None
    words = {w for w in re.split(r"[\s\-_.]+", name.lower()) if len(w) >= 3}
    try:
        found = resolve_model(name, index)
        near: tuple[str, ...] = (found.model.name,)
        hint = None
    except UnknownModelError as err:
        near, hint = err.suggestions, err.hint
    shared = tuple(n for n in near if words & set(re.split(r"[\s\-_.()]+", n.lower())))
    if shared:
        hint = "Did you mean: " + ", ".join(shared) + "?"
    elif hint is None or hint.startswith("Did you mean"):
        hint = 'Give its size and kind ("a 30B MoE") to size it, or name a model in the catalog.'
    return UnknownModelError(
        f"'{name}' is not a model canirun knows: left out", suggestions=shared, hint=hint
    )


def _with_notes(r: Resolution, notes: list[str]) -> Resolution:
    return dataclasses.replace(r, assumptions=(*r.assumptions, *notes)) if notes else r


def _with_spellings_said(
    models: list[Resolution], spans: list[tuple[int, int]], s: str, misspelled: tuple[tuple[str, str], ...]
) -> list[Resolution]:
    """Each model with a note of the words of its name read as another spelling ("read 'distil' as
    'distill'")."""
    if not misspelled:
        return models
    out = []
    for r, (a, b) in zip(models, spans, strict=True):
        name = s[a:b]
        notes = [
            f"read '{said}' as '{meant}'"
            for said, meant in misspelled
            if re.search(rf"(?<![a-z]){re.escape(meant)}(?![a-z])", name)
        ]
        out.append(dataclasses.replace(r, assumptions=(*notes, *r.assumptions)) if notes else r)
    return out


_BARE_SIZE_PART = LazyPattern(r"(?i)\d+(?:\.\d+)?\s*[bm]")


def _resolve_span(span: str, index: ModelIndex) -> Resolution | UnknownModelError:
    """The model a name resolves to; a name that resolves to none as a whole but holds a slash is
    read by its parts ("deepseek-R1/Q4_K_M": a model and its quant as a folder path), the first
    part that resolves standing for it."""
    try:
        found = resolve_model(span, index)
    except UnknownModelError as err:
        for part in span.split("/") if "/" in span else ():
            part = part.strip(" -_.:")
            if part and not _QUANT.fullmatch(part):
                try:
                    return resolve_model(part, index)
                except UnknownModelError:
                    continue
        return err
    if found.model.is_generic and "/" in span:
        # a path of folders before the name ("tutorials/models/Qwen3.6-35B-A3B.html") read as one
        # name only by its size: the last part that names a model of the catalog is the one meant
        # (a size alone is no name: "InternVL2-26B / 40B" is not the one catalog model of 40B)
        for part in reversed(span.split("/")):
            part = part.strip(" -_.:")
            named_part = part and not _QUANT.fullmatch(part) and not _BARE_SIZE_PART.fullmatch(part)
            try:
                named = resolve_model(part, index) if named_part else None
            except UnknownModelError:
                continue
            if named is not None and not named.model.is_generic:
                return named
    return found


# the model wished on the GPUs alone: "fully in VRAM", "all on the GPUs", "no offloading", "i don't want
# any cpu offload", "gpu only", "纯显存"
# a count of cards asked whether it is needed: "does X need 8 cards?", "do i need 4 gpus for X",
# "要8卡才能跑吗", "需要两张显卡吗"
_CARDS_ASKED = LazyPattern(
    r"(?i)\b(?:need|needs|require|requires|take|takes)\s+(?:at\s+least\s+|like\s+|all\s+)?"
    r"(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|ten|twelve|sixteen)\s*(?:x\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:cards?|gpus?)\b"
    r"|(?:要|需要|得)\s*(?P<zn>\d{1,2}|[两二三四五六七八十])\s*(?:张|块|个)?\s*(?:显卡|卡|gpu)"
)
_COUNT_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "ten": 10, "twelve": 12,
    "sixteen": 16, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "十": 10,
}  # fmt: skip


def read_cards_asked(s: str) -> int | None:
    """The number of cards the question asks whether a model needs ("does it need 8 cards?"); None
    where no such count is asked."""
    m = _CARDS_ASKED.search(s)
    if m is None:
        return None
    n = m.group("n") or m.group("zn")
    count = int(n) if n.isdigit() else _COUNT_WORDS[n]
    return count if 2 <= count <= 64 else None


_GPU_ONLY = LazyPattern(
    r"(?i)\b(?:fully|entirely|completely|all|only)\s+(?:in|on)\s+(?:the\s+)?(?:v?ram\s+of\s+the\s+)?"
    r"(?:vram|gpus?|cards?)\b|\b(?:no|without|avoid(?:ing)?|(?:do\s*n[o']?t|never)\s+(?:want|need|like)(?:\s+to)?)"
    r"\s+(?:any\s+)?(?:cpu\s+|ram\s+)?offload(?:ing)?\b|\bgpu[-\s]only\b|\b100\s*%\s+(?:on\s+(?:the\s+)?)?gpu\b"
    r"|纯显存|全部(?:放|在)显存"
    # "not spilling to ram", "without spilling over into system memory", "stays in vram"
    r"|\b(?:not|no|without|never|avoid(?:ing)?|(?:do\s*n[o']?t|never)\s+(?:want|like)\s+(?:it\s+)?to)\s+"
    r"spill(?:s|ing|ed)?\b(?:\s+over)?(?:\s+(?:in)?to\s+(?:the\s+)?(?:system\s+|cpu\s+)?(?:ram|memory|cpu))?"
    r"|\bno\s+spill(?:over|age)\b|\bstay(?:s|ing)?\s+(?:entirely\s+|fully\s+|all\s+)?in\s+(?:the\s+)?vram\b"
)
# an Apple chip named ("m4", "M3 Max"): a Mac named by its memory alone is still a kind of Mac
_M_CHIP = LazyPattern(r"(?i)(?<![a-z0-9])m[1-5](?:\s*(?:pro|max|ultra))?(?![a-z0-9])")


def _kind(
    s: str,
    hw_s: str,
    hardware: Hardware,
    models: dict[str, Resolution],
    spans: list[tuple[int, int]],
    choice_of_sizes: bool,
    db: DeviceDatabase | None,
    needs_said: bool = False,
) -> tuple[AskedKind, tuple[Hardware, ...], tuple[str | None, str | None]]:
    """What the question asks, the rigs it puts side by side, and an upgrade in words (with another
    weighed against it)."""
    has_rig = not (hardware.is_empty and hardware.cpu is None)
    # "how many 4090s", "what hardware do I need": GPUs named are candidates; an owner asking what to
    # change ("what do I need to run it on my 3090?") asks for an estimate with its fixes
    # a budget and a model, no rig of the asker's: what to buy ("need hardware for X, max 1500 dollars")
    asked = _SAID_TO_NEED.sub(lambda m: " " * len(m.group()), s) if needs_said else s
    requirements = asks_requirements(asked) or (bool(models) and not has_rig and read_max_usd(s) is not None)
    # "can a mac mini m4 16gb run X?": the Mac is named down to its chip and memory, so it is the rig
    # asked about, not a kind of machine to size
    named_mac = hardware.soc is not None and hardware.unified_memory_gb is not None and _M_CHIP.search(s)
    if requirements and named_mac:
        requirements = asks_requirements_beyond_a_mac(asked)
    if requirements and asks_how_many(s):
        return "requirements", (), _NO_CHANGE
    # "which gpu is better for X, a 3090 or a 4090?": two rigs named as a choice are compared
    # (labelled options with a budget, "option A: ... option B: ... budget $2000", are that choice too)
    # the rigs put side by side, read once where more than one rule below asks for them
    rigs_compared = functools.cache(lambda: compared_rigs(hw_s, db))
    compared = rigs_compared() if requirements and (choice_words(s) or labels_options(s)) else None
    if compared is not None and compared.change is None:
        return "compare", compared.rigs, _NO_CHANGE
    if compared is not None and _only_ram_differs(compared.rigs):
        # "do I need 128 or 256GB of RAM with a 5090 for X?": the card is had, the RAM is the choice
        return "compare", compared.rigs, (compared.change, compared.instead)
    # "how much cpu memory and swap do I need to run X on 2 x RTX 3090?": the cards are the rig, the
    # memory beside them is what the estimate on them tells
    beside_cards = bool(hardware.gpus) and _MEMORY_BESIDE_CARDS.search(s) is not None
    if requirements and not (has_rig and (owns_hardware(s) or asks_if_rig_works(s) or beside_cards)):
        return "requirements", (), _NO_CHANGE
    # "my friend's 4090 fails to load X, what do I need to run it?": that rig is someone else's, so what
    # the asker needs is the question, that card among the candidates
    if requirements and someone_elses_rig(s):
        return "requirements", (), _NO_CHANGE
    # "can I run it without a GPU?" with no rig named: the CPU-only rigs that run it
    if models and not has_rig and "cpu" in rig_kinds_named(s):
        return "requirements", (), _NO_CHANGE
    if len(models) >= 2 and (choice_of_sizes or _choice_between(s, spans)):
        # "a DGX Spark or a Mac Studio, for gpt-oss-120b and Qwen3 235B?": the rigs are the choice too,
        # weighed for each model
        both = rigs_compared()
        if (
            both is not None
            and both.change is not None
            and len(both.rigs) == 2
            and _only_ram_differs(both.rigs)
        ):
            # "ram upgrade from 64gb to 192gb, worth it for glm 4.5 air or gpt-oss 120b?": the upgrade,
            # weighed for each model
            return "compare", both.rigs, (both.change, both.instead)
        return "compare", both.rigs if both is not None and both.change is None else (), _NO_CHANGE
    compared = rigs_compared()
    if compared is not None and not models and compared.change is None and read_best(s):
        # "best model for a 3090 or a 5090?": the best for each rig, never one rig of both
        return "best", compared.rigs, _NO_CHANGE
    if compared is not None and not _cards_of_one_rig(compared.rigs, hardware, hw_s, db):
        return "compare", compared.rigs, (compared.change, compared.instead)
    # "biggest model I can run on 2x 3090", "最大能跑多少B的模型", "the largest gemma I can run": a
    # size asked for, not one named (a size read as a model, or a family word with no version or size)
    family_only = bool(spans) and not any(_DIGIT.search(s[a:b]) for a, b in spans)
    # (a size the asker points at, "using the 70b with my 6700xt (or what's the max model...)", "run the
    # 33B version", is the model asked about, beside the largest one)
    pointed = _POINTED_SIZE.search(s) is not None
    if asks_capacity(s) and not pointed and (family_only or all(r.model.is_generic for r in models.values())):
        return "capacity", (), _NO_CHANGE
    # "is 24gb vram enough for agentic coding?", "is a 3090 good for roleplay?": a rig and a task with no
    # model named ask what runs best for that task there
    if not models and (read_best(s) or (has_rig and any(rx.search(s) for _, rx in _TASKS))):
        return "best", (), _NO_CHANGE
    # "which 30b-ish model is best for coding?": the best models of about that size
    sized_only = bool(models) and all(r.model.is_generic for r in models.values())
    if sized_only and (read_best(s) or _WHICH_SIZE.search(s)) and _SIZED_BEST.search(s):
        return "best", (), _NO_CHANGE
    # "my gaming PC has a 4080, my MacBook is an M3 Pro": a Mac hosts no other GPU, so a Mac and
    # GPUs read as one rig are two machines, put side by side
    machines = _two_machines(hardware, hw_s, db)
    if machines is not None:
        return "compare", machines, _NO_CHANGE
    return "estimate", (), _NO_CHANGE


_NO_CHANGE: tuple[str | None, str | None] = (None, None)
# one size pointed at with "the": "the 70b", "the 33B version"
_POINTED_SIZE = LazyPattern(r"\bthe\s+\d+(?:\.\d+)?\s*b\b")
# the memory beside the cards asked for, with the model to run on those cards: "how much cpu memory and
# ssd swap do I need to run 30B Llama on 2 x RTX 3090", "how much system RAM to run X on a 4090"
_MEMORY_BESIDE_CARDS = LazyPattern(
    r"(?i)\bhow\s+much\s+(?:cpu\s+memory|cpu\s+ram|system\s+(?:ram|memory)|(?:ddr\d?\s+)?ram|swap|ssd|disk)\b"
    r"[^?.!\n]{0,60}?\b(?:to\s+run|to\s+load|for\s+running)\b[^?.!\n]{1,60}?\bon\s+(?:an?\s+|my\s+|the\s+|\d+\s*x\s*)?"
)


def _purchase(kind: AskedKind, models: dict[str, Resolution], has_rig: bool, s: str) -> bool:
    """What to buy is asked with a budget and no model or rig: a rig for a model, or the largest model
    a rig holds, asked with no model to size and no rig to size it on; so is the best hardware for a
    budget ("What GPU, RAM and CPU do you recommend? My budget is about 1000€"), with no rig to rank
    models on."""
    asks = kind in ("requirements", "capacity", "best")
    return asks and not models and not has_rig and read_max_usd(s) is not None


def _cards_of_one_rig(
    rigs: tuple[Hardware, ...], hardware: Hardware, hw_s: str, db: DeviceDatabase | None
) -> bool:
    """Two "rigs" that are the asker's one rig and a card of it: the cards pooled with "+", then two of
    them weighed against each other in a clause of their own ("1张RTX5000ADA 32G+1张V100 32G能否运行 ...
    毕竟RTX5000ADA比V100快得多"); not "a 4090 + 3090 or a 4090 alone", which weighs the pool itself."""
    if len(rigs) != 2 or "+" not in hw_s or len(hardware.gpus) < 2:
        return False
    whole = {g.id for g in hardware.gpus}
    ids = [{g.id for g in r.gpus} for r in rigs]
    if not any(a == whole and b and b < whole for a, b in (ids, ids[::-1])):
        return False
    for clause in _CLAUSE_BREAK.split(hw_s):
        if "+" in clause or not _THAN.search(clause):
            continue
        sides = compared_rigs(clause, db)
        if sides is not None and set().union(*({g.id for g in r.gpus} for r in sides.rigs)) == whole:
            return True
    return False


_CLAUSE_BREAK = re.compile(r"[，,。;；!！?？\n]|\.\s")
_THAN = LazyPattern(r"比|\bthan\b")


def _only_ram_differs(rigs: tuple[Hardware, ...]) -> bool:
    """Rigs that are one rig with different amounts of system RAM (and a card in each)."""
    if len(rigs) < 2 or any(not r.gpus or r.ram_gb is None for r in rigs):
        return False
    without_ram = {r.model_copy(update={"ram_gb": None, "assumptions": ()}).canonical() for r in rigs}
    return len(without_ram) == 1 and len({r.ram_gb for r in rigs}) == len(rigs)


_DIGIT = LazyPattern(r"\d")


# words that make a question naming only a size ask for the best models of it, not a generic shape
_SIZED_BEST = LazyPattern(r"^(?!.*\bquant)(?=.*\b(?:which|best|recommend\w*|suggest\w*)\b)", re.DOTALL)


# "which 70b is best on 2x 3090?": a size asked as "which one of that size"
_WHICH_SIZE = LazyPattern(r"\b(?:which|what)\s+\d+(?:\.\d+)?\s*b\b")
# chips that host no discrete GPU (Apple silicon runs Metal only)
_GPU_LESS_VENDORS = frozenset({"apple"})


# a Mac as written: "Mac Studio M2 Max 32GB", "MacBook Pro M3 Pro 18GB", "M4 Max with 128GB"
_MAC_WORDS = LazyPattern(
    r"\b(?:(?:mac\s*studio|mac\s*mini|macbook(?:\s*(?:pro|air))?|imac|mac)\s+)?(?:apple\s+)?m[1-5]"
    r"(?:\s*(?:pro|max|ultra))?(?:\s*(?:with\s+)?\d+\s*gb)?(?:\s+(?:of\s+)?(?:unified\s+)?(?:ram|memory))?\b"
)


def _two_machines(hw: Hardware, hw_s: str, db: DeviceDatabase | None) -> tuple[Hardware, ...] | None:
    """A rig read with both an Apple chip and GPUs as the two machines it is: the PC (GPUs, RAM,
    CPU: read from the words that are not the Mac's) and the Mac (its chip and unified memory);
    None for any other rig."""
    if hw.soc is None or not hw.gpus or hw.soc.spec is None or hw.soc.spec.vendor not in _GPU_LESS_VENDORS:
        return None
    pc = parse_hardware(_MAC_WORDS.sub(lambda m: " " * len(m.group()), hw_s), db)
    if pc.soc is not None or not pc.gpus:
        pc = hw.model_copy(update={"soc": None, "unified_memory_gb": None})
    pc_only = ("ram_gb", "ram_type", "ram_mts", "ram_channels", "cpu")
    mac = hw.model_copy(update={"gpus": (), **dict.fromkeys(pc_only)})
    return pc, mac


def _choice_between(s: str, spans: list[tuple[int, int]]) -> bool:
    """A choice word ("or", "vs", "oder") between two of the models named, or an "and" between them
    in a question of which is better ("llama 3 8b and llama 3.1 8b, which is faster?")."""
    words = choice_words(s)
    if _WHICH_OF_THEM.search(s):
        words += [(m.start(), m.end()) for m in _AND.finditer(s)]
    return any(any(left[1] <= a and b <= right[0] for a, b in words) for left, right in pairwise(spans))


_WHICH_OF_THEM = LazyPattern(
    r"\bwhich\s+(?:one\s+)?(?:is|would\s+be|will\s+be|runs?)\s+(?:the\s+)?"
    r"(?:faster|quicker|better|best|smarter|stronger)\b|\bwhich\s+of\s+(?:them|the\s+two|these|those)\b"
    # "..., which one?", "which should I pick?"
    r"|\bwhich\s+one\s*\?|\bwhich\s+(?:one\s+)?should\s+i\s+(?:pick|choose|use|get|run|go\s+with)\b"
)
# (models listed one a line, a markdown list's "* " or "1. " opening each, are listed as with "and")
_AND = LazyPattern(r"\band\b|[,;&]|\n")
