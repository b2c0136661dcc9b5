"""The words canirun answers in: engines, backends, tasks, verdicts, answer kinds, and the defaults
and tolerances every part shares. One definition each; everything else imports them from here.

Each word list is a `Literal` type (for mypy and pydantic) with its tuple of values, in the order
people see them (CLI choices, Discord menus).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType
from typing import Literal, get_args

__all__ = [
    "ANSWER_KINDS",
    "ASKED_KINDS",
    "BACKENDS",
    "DEFAULT_CONTEXT",
    "DEFAULT_MIN_TPS",
    "DEFAULT_RAM_GB",
    "ENGINES",
    "FORCEABLE_SPLIT_MODES",
    "KV_TYPES",
    "KV_TYPES_OFFERED",
    "LOADERS",
    "MAX_CONTEXT",
    "MODEL_TASKS",
    "PARAM_TOLERANCE",
    "PREFERENCES",
    "RAM_ASSUMED",
    "RAM_SIZES_GB",
    "RANKED_AS",
    "RIG_KINDS",
    "SCORED_TASKS",
    "SEVERE_KLD",
    "SPLIT_MODES",
    "STRATEGIES",
    "TASKS",
    "UNUSABLE_KLD",
    "VERDICTS",
    "AnswerKind",
    "AskedKind",
    "Backend",
    "DeviceKind",
    "Engine",
    "EngineFamily",
    "Fit",
    "KvType",
    "Loader",
    "ModelTask",
    "Prefer",
    "RigKind",
    "ScoredTask",
    "SplitMode",
    "Strategy",
    "Task",
    "Verdict",
    "context_depth_text",
    "decode_over_context_text",
    "tps_text",
]

# how an assumption about system RAM nobody stated begins ("system RAM not stated: assumed 16 GB")
RAM_ASSUMED = "system RAM not stated"

# inference engines canirun sizes for; Ollama and LM Studio run llama.cpp underneath
Engine = Literal["llama.cpp", "ollama", "lmstudio", "vllm", "sglang", "exllama", "mlx"]
ENGINES: tuple[Engine, ...] = get_args(Engine)
# what loads a quantized file: the engines, plus Hugging Face Transformers for safetensors
Loader = Literal[Engine, "transformers"]
LOADERS: tuple[Loader, ...] = get_args(Loader)
# engines that share one memory model: llama.cpp's (GGUF), paged attention (vLLM/SGLang), ExLlama, MLX
EngineFamily = Literal["gguf", "paged", "exllama", "mlx"]

# the sizes system RAM is sold and installed in, GB: kits of two or four modules of 4-64 GB on desktops,
# 8 to 16 modules of 16-128 GB in servers
RAM_SIZES_GB = (8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048)

# compute backends a device can run
Backend = Literal["cuda", "rocm", "vulkan", "metal", "sycl", "cpu"]
BACKENDS: tuple[Backend, ...] = get_args(Backend)

# what an asker wants a model for
Task = Literal["chat", "code", "reasoning"]
TASKS: tuple[Task, ...] = get_args(Task)
# what a catalog model is for: the asker's tasks, and kinds nobody chats with
ModelTask = Literal[Task, "vision", "embedding", "base"]
MODEL_TASKS: tuple[ModelTask, ...] = get_args(ModelTask)
# what public evaluations score a model for
ScoredTask = Literal[Task, "vision"]
SCORED_TASKS: tuple[ScoredTask, ...] = get_args(ScoredTask)
# tasks no public board scores on their own, ranked by the score of another ("roleplay" as chat)
RANKED_AS: Mapping[str, ScoredTask] = MappingProxyType({"roleplay": "chat", "creative writing": "chat"})

# where a model runs: fully on the GPUs, partly offloaded to system RAM, on the CPU only, or not at all
Verdict = Literal["gpu", "partial", "cpu", "no"]
VERDICTS: tuple[Verdict, ...] = get_args(Verdict)
# how a placement gets there
Strategy = Literal["gpu", "expert_offload", "layer_offload", "cpu", "tensor_parallel", "none"]
STRATEGIES: tuple[Strategy, ...] = get_args(Strategy)
# a device in a placement: a GPU (or a unified-memory chip's GPU side) or the CPU with system RAM
DeviceKind = Literal["gpu", "cpu"]
# how comfortable a placement is under the engine's defaults: fits with room, only with settings the
# engine does not pick itself (or inside its margins), or not at all
Fit = Literal["fits", "tight", "no"]
# how several GPUs share a model: llama.cpp's -sm layer|row|tensor, vLLM/SGLang's pipeline parallel
SplitMode = Literal["none", "layer", "row", "tensor", "pipeline"]
SPLIT_MODES: tuple[SplitMode, ...] = get_args(SplitMode)
FORCEABLE_SPLIT_MODES: tuple[SplitMode, ...] = ("layer", "row", "tensor")  # llama.cpp -sm a caller may force

# KV cache element types (ggml's cache types; fp8 for vLLM/SGLang)
# q6: ExLlama's 6-bit cache mode (TabbyAPI cache_mode Q6), which no ggml cache type matches
KvType = Literal["f32", "f16", "bf16", "q8_0", "q5_1", "q5_0", "q4_1", "q4_0", "iq4_nl", "fp8", "q6"]
KV_TYPES: tuple[KvType, ...] = get_args(KvType)
KV_TYPES_OFFERED: tuple[KvType, ...] = ("f16", "q8_0", "q4_0")  # what the CLI offers (-ctk/-ctv)

# what an answer is: a model on a rig, models for a rig, a question back, an error, the rigs a model
# needs, the largest models a rig holds, or several rigs or models side by side
AnswerKind = Literal[
    "estimate", "best", "clarify", "error", "requirements", "capacity", "compare", "purchase"
]
ANSWER_KINDS: tuple[AnswerKind, ...] = get_args(AnswerKind)
# what a question asks, as read (a question back or an error is the answer's, not the asker's)
AskedKind = Literal["estimate", "best", "requirements", "capacity", "compare", "purchase"]
ASKED_KINDS: tuple[AskedKind, ...] = get_args(AskedKind)
# what an asker puts first when several answers would do: quality, speed, cost, or speed for the
# money ("per dollar", "best value")
Prefer = Literal["quality", "speed", "cost", "value"]
PREFERENCES: tuple[Prefer, ...] = get_args(Prefer)
# the kinds of rig a "what hardware do I need?" answer proposes: consumer cards, a workstation card,
# data-center GPUs, a Mac, a unified-memory box, one GPU with the MoE experts in system RAM, or a
# CPU alone with its RAM (proposed only when asked for)
RigKind = Literal["consumer", "workstation", "datacenter", "mac", "unified", "offload", "cpu"]
RIG_KINDS: tuple[RigKind, ...] = get_args(RigKind)

# the context a question without one is answered at (capped at the model's maximum)
DEFAULT_CONTEXT = 8192
# the longest context any model offers (Llama 4 Scout's 10M); more is a typo
MAX_CONTEXT = 10_485_760
# "usable for chat": generating faster than most people read
DEFAULT_MIN_TPS = 10.0
DEFAULT_RAM_GB = 16.0  # assumed when the user names no system RAM (and says so)
# mean KL divergence from which a quantization's loss is "severe" (llama.cpp's Llama 3 8B
# scoreboard, sizing/catalog/data/quants.yaml): offered only when nothing better keeps up
SEVERE_KLD = 0.5
# mean KL divergence past which most people find a model unusable (IQ1_S and IQ1_M of an 8B: 2.2 and
# 1.3 on the same scoreboard; unsloth's 1.58-bit R1 needed its own dynamic recipe to stay coherent,
# https://unsloth.ai/blog/deepseekr1-dynamic): an answer that fits only there names other models
UNUSABLE_KLD = 1.0
# a model's parameter count derived from its shapes must be within 3% of the published one
PARAM_TOLERANCE = 0.03


def tps_text(tps: float) -> str:
    """Tokens per second as every answer prints them: '7.5', '42', '1,234'.

    Rounded once, to the tenth the estimate contract carries, then half up to what is shown, so a
    headline and a table reading the same estimate never print 36 and 37 for 36.5.
    """
    tenths = Decimal(repr(round(tps, 1)))
    if tenths < 10:
        return f"{tenths.quantize(Decimal('0.1'), ROUND_HALF_UP)}"
    return f"{tenths.quantize(Decimal('1'), ROUND_HALF_UP):,}"


def context_depth_text(depth: int) -> str:
    """Tokens already in the context as answers print them: '8k' for 8,192, '12,000' otherwise."""
    return f"{depth // 1024}k" if depth >= 1024 and depth % 1024 == 0 else f"{depth:,}"


def decode_over_context_text(start_tps: float, end_tps: float, end_depth: int) -> str:
    """The generating speed said with where it holds: '~20 tokens/s on an empty context, ~7.9 at 8k'.

    Generating slows as the context fills (every token reads the whole KV cache), so one number for a
    context is an average nobody measures; public numbers are mostly taken on an empty context. Where
    the start and the end print alike the speed is flat over the context and one number says it."""
    start, end = tps_text(start_tps), tps_text(end_tps)
    if start == end:
        return f"~{start} tokens/s"
    return f"~{start} tokens/s on an empty context, ~{end} at {context_depth_text(end_depth)}"
