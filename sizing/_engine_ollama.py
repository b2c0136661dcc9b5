"""Ollama: its defaults, and the scheduler estimate it prints before loading a model.

Defaults (ollama/ollama git history):
- num_ctx 2048 before v0.6.7, 4096 from v0.6.7 (44b466eeb), and since v0.15.5 (0334ffa62) a default
  by total VRAM: 4096 under 23 GiB, 32768 under 47 GiB, 262144 above (docs/context-length.mdx),
  capped at the model's own maximum.
- OLLAMA_NUM_PARALLEL 1 since v0.9.7 (20c3266e9); from v0.2.0 it picked 4 (2 from v0.6.7) by itself
  where its estimate fit the GPUs, else 1 (`ollama_auto_parallel`); the runner gets
  num_ctx x num_parallel cells (llm/server.go `KvSize: opts.NumCtx * numParallel`).
- KV quantization (OLLAMA_KV_CACHE_TYPE) applies only with flash attention on.
- Flash attention (OLLAMA_FLASH_ATTENTION unset) by release and architecture: `ollama_flash_attention`.
- Layers the GPUs cannot hold are run on the CPU ("offloaded N/M layers to GPU") instead of failing.
- A vision model's projector is loaded with it, on the first GPU (llm/server.go "The vision projector is
  always loaded on the first GPU if available").

Which scheduler places the layers depends on the release (`ollama_scheduler`):
- "legacy", before v0.11.11: the estimate below decides how many layers go to the GPUs, spread over
  every GPU that can take one, each charged a compute graph.
- "layout", v0.11.11 to v0.29: models of Ollama's own engine are placed from the allocations the runner
  measures (llm/server.go `createLayout`, opt-in as OLLAMA_NEW_ESTIMATES from v0.11.5, default from
  v0.11.11; llama.cpp-engine models too from v0.12.11, f560bd077), packed onto as few GPUs as possible,
  each keeping 457 MiB (512 MiB on Metal, ml/device.go `MinimumMemory`) plus its graph free: no safety
  margin beyond that.
- "llama-server", v0.30 and later: GGUF models run in llama-server, which fits the layers itself
  (llm/llama_server.go; 9db4bdbad), keeping llama.cpp's 1 GiB per GPU free.

The estimate (llm/memory.go `estimateGPULayers` and fs/ggml/ggml.go `GraphSize`, as of ollama
f560bd077~1; v0.11.11 switched Ollama-engine models to measured allocations and v0.30 hands GGUF
placement to llama-server --fit): per GPU a fixed minimum (457 MiB on CUDA/ROCm, 512 MiB on Metal),
one layer as a buffer, the layers with their KV cache, the output layer on the last one, and a
compute graph from per-architecture formulas (a generic gqa x KV / 6 for the others). With several
GPUs every GPU holding layers is charged the "partial" graph. `memory.required.full` is that sum for
the whole model.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ._overhead import GiB, MiB
from ._weights import WeightBytes
from .catalog import ModelSpec

__all__ = [
    "OLLAMA_DEFAULT_QUANT",
    "OllamaEstimate",
    "OllamaScheduler",
    "ollama_arch",
    "ollama_auto_parallel",
    "ollama_default_context",
    "ollama_engine_vision_graph",
    "ollama_flash_attention",
    "ollama_gguf_arch",
    "ollama_legacy_estimate",
    "ollama_projector",
    "ollama_recurrent_checkpoints",
    "ollama_scheduler",
]

OllamaScheduler = Literal["legacy", "layout", "llama-server"]
# Ollama's library tags without a quant suffix are its default build: Q4_K_M (MXFP4 for gpt-oss),
# as the tag pages on https://ollama.com/library list them
OLLAMA_DEFAULT_QUANT = "Q4_K_M"

OLLAMA_DEFAULT_PARALLEL = 1  # v0.9.7 and later
OLLAMA_NUM_BATCH = 512  # api.Options NumBatch default
# per-GPU "minimum memory" the scheduler sets aside (ml/device.go MinimumMemory)
OLLAMA_MIN_MEMORY = {"metal": 512 * MiB}
OLLAMA_MIN_MEMORY_DEFAULT = 457 * MiB
# v0.15.5+: default context by total VRAM (server/routes.go; docs/context-length.mdx)
_CONTEXT_BY_VRAM: tuple[tuple[float, int], ...] = (
    (23 * GiB, 4096),
    (47 * GiB, 32768),
    (float("inf"), 262144),
)
# bytes per cache element as the estimate counts them (fs/ggml/ggml.go kvCacheBytesPerElement)
_KV_ELEMENT_BYTES = {"f16": 2.0, "bf16": 2.0, "q8_0": 1.0, "q4_0": 0.5, "f32": 4.0}
_GEMMA3_GLOBAL_EVERY = 6  # every 6th gemma3 layer is global (GraphSize gemma3 case)
_GPTOSS_SWA_CELLS = 4096  # cells per sequence the estimate gives gpt-oss's sliding layers
# Vision encoders whose compute graph the legacy estimate sizes (fs/ggml/ggml.go `VisionGraphSize`), by
# model family: (image_size, patch_size, num_channels, attention heads, width, max_num_tiles) of the
# vision_config in google/gemma-3-27b-it, mistralai/Mistral-Small-3.1-24B-Instruct-2503 and
# meta-llama/Llama-3.2-11B-Vision-Instruct config.json; tiles > 0 selects the "mllama" formula, else the
# "gemma3"/"mistral3" one. Ollama prints projector.graph="1.0 GiB" for gemma3:12b (ollama/ollama#12000),
# 8.8 GiB for Mistral Small 3.1 and 2.8 GiB for llama3.2-vision:11b (ollama/ollama#7440).
_VISION_GRAPH: dict[str, tuple[int, int, int, int, int, int]] = {
    "gemma 3": (896, 14, 3, 16, 1152, 0),
    "mistral small 3": (1540, 14, 3, 16, 1024, 0),
    "llama 3.2": (560, 14, 3, 16, 1280, 4),
}
# Ollama's own engine sizes a vision model's compute buffers at load by encoding a 2048x2048 image
# (runner/ollamarunner/runner.go reserveWorstCaseGraph, v0.11.11 onwards), so the measured layout of
# v0.11.11-v0.29 holds the vision encoder's graph for that image. Its attention ran unfused before
# v0.13.2 (ml/nn/attention.go; 1108d8b34 "ggml: Enable flash attention for vision encoders"): each
# block materialized heads x patches^2 f32 scores. Per family, the side of the square the engine's image
# processor makes of 2048x2048 and its patch size (model/models/*/ at v0.12.7): gemma3 resizes to its
# 896 (patch 14); mistral3 caps the longest edge at 1540 (patch 14); qwen25vl caps the pixels at
# 28 x 28 x 1280 (980 x 980, patch 14); qwen3vl caps them at 2 << 20 (1440 x 1440, patch 16). All four
# towers have 16 attention heads (vision.attention.head_count in their GGUFs and configs).
_ENGINE_VISION_IMAGE: dict[str, tuple[int, int]] = {
    "gemma 3": (896, 14),
    "mistral small 3": (1540, 14),
    "qwen2.5-vl": (980, 14),
    "qwen3-vl": (1440, 16),
}
_ENGINE_VISION_HEADS = 16
_ENGINE_VISION_CHANNELS = 3
_VISION_FLASH_ATTENTION_FROM = (0, 13, 2)
# Parallel slots Ollama picked by itself while OLLAMA_NUM_PARALLEL was unset ("Autoselect",
# envconfig NumParallel = 0 from v0.2.0): server/sched.go pickBestFullFitByLibrary tries
# `defaultParallel` first and loads with num_ctx x that many cells when its own estimate fits the GPUs,
# else 1. defaultParallel was 4, then 2 from v0.6.7 (528bd3077); the choice went away in v0.9.7
# (20c3266e9, released as v0.10.0). Vision models ran one slot before v0.4.1 ("multimodal models don't
# support parallel yet"), and Llama 3.2 Vision (mllama) always (6cd566872).
_AUTO_PARALLEL: tuple[tuple[tuple[int, ...], int], ...] = (
    ((0, 2, 0), 4),
    ((0, 6, 7), 2),
    ((0, 9, 7), 1),
)
_VISION_PARALLEL_FROM = (0, 4, 1)
_MLLAMA_FAMILY = "llama 3.2"
# The estimate counts gemma3's sliding-window layers at their window only from v0.6.3 (f66216e39,
# "Support heterogeneous KV cache layer sizes in memory estimation"); before, every layer at num_ctx
# cells (gemma3:27b at 2048 printed memory.required.kv 992 MiB = 62 layers x 2048 cells,
# ollama/ollama#9791 on v0.6.2)
_SWA_ESTIMATE_FROM = (0, 6, 3)
_LAYOUT_FROM = (0, 11, 11)
_LLAMA_SERVER_FROM = (0, 30, 0)
# Ollama's own engine keeps checkpoints of each sequence's recurrent state (the conv and the delta/SSM
# state, f32) so that a prompt sharing a prefix resumes without recomputing it; the reserve pass at
# load allocates every checkpoint of every sequence slot for every recurrent layer
# (reserveCheckpointConv / reserveCheckpointRecurrent), so they count in the memory the runner fits:
# - v0.15.5 (77eb2ca61, "add qwen3-next architecture") to v0.17.0: qwen3next's own cache, 32 per slot
#   (model/models/qwen3next/checkpoints.go checkpointCountDefault);
# - v0.17.1 (da70c3222, "support for qwen3.5 architecture") to v0.29: the shared kvcache/recurrent.go,
#   DefaultCheckpointCount = 24, used by qwen3next, qwen35, qwen35moe, lfm2, lfm2moe, nemotron_h and
#   nemotron_h_moe (model/models/*/cache.go at v0.17.1 .. v0.24.0);
# - from v0.30 these models run in llama-server, whose context checkpoints are copied to host memory.
# (first release, checkpoints per slot, architectures)
_RECURRENT_CHECKPOINTS: tuple[tuple[_Release, int, frozenset[str]], ...] = (
    ((0, 15, 5), 32, frozenset({"qwen3next"})),
    (
        (0, 17, 1),
        24,
        frozenset({"qwen3next", "qwen35", "qwen35moe", "lfm2", "lfm2moe", "nemotron_h", "nemotron_h_moe"}),
    ),
)


def ollama_scheduler(version: str | None) -> OllamaScheduler:
    """Which scheduler places a model in this Ollama release (None: the current one)."""
    v = _version_tuple(version)
    if v < _LAYOUT_FROM:
        return "legacy"
    return "layout" if v < _LLAMA_SERVER_FROM else "llama-server"


def ollama_projector(spec: ModelSpec) -> tuple[float, float]:
    """(weights, graph) bytes of a vision model's projector as Ollama counts them: the tower in F16,
    and the legacy estimate's graph for the encoders it knows (0 for the others)."""
    if not spec.vision_params_b:
        return 0.0, 0.0
    weights = spec.vision_params_b * 1e9 * 2
    shape = _VISION_GRAPH.get(spec.family.lower())
    if shape is None:
        return weights, 0.0
    image, patch, channels, heads, width, tiles = shape
    patches = (image // patch) ** 2
    if not tiles:
        return weights, 4.0 * (image * image * channels + width * patch + patches * patches * heads)
    patches += 1  # mllama's class embedding
    padded = patches + 8 - (patches % 8) % 8
    graph = 4.0 * (
        8
        + image * image * channels * tiles
        + width * patches * tiles
        + 9 * width * padded * tiles
        + padded * tiles * padded * tiles * heads
    )
    return weights, graph


def ollama_engine_vision_graph(spec: ModelSpec, version: str | None, flash_attention: bool) -> float:
    """Bytes of the vision encoder's graph Ollama's own engine reserves at load for its worst-case
    image (v0.11.11 to v0.29, the releases that place models by measured allocations): the unfused
    attention scores of the largest image, before v0.13.2 or with flash attention off; 0 where the
    encoder's attention is fused, for families whose image processing is not tabled, and for releases
    that estimate instead (`ollama_projector`) or hand the model to llama-server."""
    if not spec.vision_params_b or ollama_scheduler(version) != "layout":
        return 0.0
    if flash_attention and _version_tuple(version) >= _VISION_FLASH_ATTENTION_FROM:
        return 0.0
    shape = _ENGINE_VISION_IMAGE.get(spec.family.lower())
    if shape is None:
        return 0.0
    side, patch = shape
    patches = (side // patch) ** 2
    return 4.0 * (side * side * _ENGINE_VISION_CHANNELS + patches * patches * _ENGINE_VISION_HEADS)


def ollama_auto_parallel(version: str | None, spec: ModelSpec) -> int:
    """The parallel slots an Ollama release tries first when OLLAMA_NUM_PARALLEL is unset (1: it
    picks none by itself). It keeps them only where its own estimate fits the model on the GPUs."""
    v = _version_tuple(version)
    slots = 1
    for since, n in _AUTO_PARALLEL:
        if v >= since:
            slots = n
    if spec.vision_params_b and (v < _VISION_PARALLEL_FROM or spec.family.lower() == _MLLAMA_FAMILY):
        return 1
    return slots


def ollama_default_context(total_vram: float, model_max: int, version: str | None = None) -> int:
    """The context Ollama loads a model with when neither num_ctx nor OLLAMA_CONTEXT_LENGTH is set."""
    era = _version_tuple(version)
    if era < (0, 6, 7):
        ctx = 2048
    elif era < (0, 15, 5):
        ctx = 4096
    else:
        ctx = next(c for below, c in _CONTEXT_BY_VRAM if total_vram < below)
    return min(ctx, model_max)


def _version_tuple(version: str | None) -> tuple[int, ...]:
    if not version:
        return (99,)
    try:
        return tuple(int(p) for p in version.lstrip("v").split(".")[:3])
    except ValueError:
        return (99,)


# Mistral AI's dense text checkpoints (MistralForCausalLM) convert to the LLaMA GGUF architecture:
# llama.cpp's convert_hf_to_gguf.py registers "MistralForCausalLM" on its LlamaModel
# (gguf.MODEL_ARCH.LLAMA), so Ollama's estimate sizes their graph with the "llama" formula. Their
# vision releases run on Ollama's own "mistral3" architecture instead.
_MISTRAL_TEXT_FAMILIES = ("mistral", "codestral", "devstral", "ministral", "magistral")


def ollama_arch(spec: ModelSpec) -> str:
    """The GGUF architecture name Ollama's graph formulas key on."""
    fam = spec.family.lower()
    ident = spec.id
    vision = bool(spec.vision_params_b) or "vision" in spec.tasks
    if spec.attention.mla is not None:
        return "deepseek2"
    if fam.startswith("gemma 3") or fam.startswith("gemma 4"):
        return "gemma3"
    if fam.startswith("gemma"):
        return "gemma2"
    if fam.startswith("command"):
        return "command-r"
    if fam == "gpt-oss":
        return "gptoss"
    if ("qwen" in ident and not ident.startswith(("qwen3", "qwq"))) or ident.startswith("qwq"):
        return "qwen2"
    if fam.startswith(("llama", "code llama", "tinyllama", "mixtral")) or ident in ("mistral-7b",):
        return "llama"
    if fam.startswith(_MISTRAL_TEXT_FAMILIES) and not vision:
        return "llama"
    if "llama" in ident and "nemotron" not in ident:
        return "llama"
    return "other"


# Ollama's flash-attention default while OLLAMA_FLASH_ATTENTION is unset (llm/server.go `NewLlamaServer`
# and fs/ggml/ggml.go `FlashAttention` / `OllamaEngineRequired`, read at each release tag):
# - before v0.11.8 off for every model (envconfig.FlashAttention defaulted to false);
# - from v0.11.8 on only for the architectures GGML.FlashAttention() lists, each from the release that
#   added it (gptoss 85ccf7354, qwen3 and qwen3moe 0bda72892, gemma3 c3c85aa06, qwen3vl 75e75d9af,
#   mistral3 9191dfaf0, qwen3next 77eb2ca61, qwen35 da70c3222, gemma4 e823bff87);
# - from v0.13.4 (bd6c1d6b4, "flash attn: add auto mode for llama engine") models of the llama.cpp
#   engine get llama.cpp's "auto"; models of Ollama's own engine (OllamaEngineRequired, each from the
#   release that moved it there) still follow the list;
# - from v0.30 every GGUF model runs in llama-server with --flash-attn auto (llm/llama_server.go).
# Without it the runner builds the attention scores of the whole context (and ignores a quantized
# OLLAMA_KV_CACHE_TYPE).
# architecture: (release that moved it to Ollama's own engine, release that listed it for flash attention)
_Release = tuple[int, int, int]
_ARCH_RELEASES: dict[str, tuple[_Release | None, _Release | None]] = {
    "gemma3": ((0, 6, 0), (0, 12, 6)),
    "mistral3": ((0, 6, 5), (0, 13, 2)),
    "llama4": ((0, 6, 7), None),
    "mllama": ((0, 7, 0), None),
    "qwen25vl": ((0, 7, 0), None),
    "gemma3n": ((0, 9, 3), None),
    "gptoss": ((0, 11, 0), (0, 11, 8)),
    "qwen3": ((0, 12, 0), (0, 12, 4)),
    "qwen3moe": ((0, 12, 2), (0, 12, 4)),
    "qwen3vl": ((0, 12, 7), (0, 12, 8)),
    "qwen3vlmoe": ((0, 12, 7), (0, 12, 8)),
    "deepseek2": ((0, 13, 0), None),
    "qwen3next": ((0, 15, 5), (0, 15, 5)),
    "qwen35": ((0, 17, 1), (0, 17, 1)),
    "qwen35moe": ((0, 17, 1), (0, 17, 1)),
    "gemma4": ((0, 20, 0), (0, 20, 4)),
}
_FLASH_ATTENTION_AUTO_FROM = (0, 13, 4)


def ollama_gguf_arch(spec: ModelSpec) -> str:
    """The GGUF architecture name Ollama keys its engine and flash-attention choices on, where they
    differ from the graph-formula family of `ollama_arch` (which it falls back to)."""
    fam = spec.family.lower()
    ident = spec.id
    vision = bool(spec.vision_params_b) or "vision" in spec.tasks
    moe = spec.moe is not None
    if fam.startswith("gemma 3n"):
        return "gemma3n"
    if fam.startswith("gemma 4"):
        return "gemma4"
    if fam.startswith(("qwen3.5", "qwen3.6")):
        return "qwen35moe" if moe else "qwen35"
    if fam.startswith("qwen3-vl"):
        return "qwen3vlmoe" if moe else "qwen3vl"
    if ident.startswith("qwen3") and spec.attention.linear_layers > 0:
        return "qwen3next"
    if ident.startswith("qwen3") or "-qwen3-" in ident:
        return "qwen3moe" if moe else "qwen3"
    if fam.startswith("qwen2.5-vl"):
        return "qwen25vl"
    if fam.startswith("llama 4"):
        return "llama4"
    if fam.startswith("llama 3.2") and vision:
        return "mllama"
    if fam.startswith("mistral small 3") and vision:
        return "mistral3"
    linear = spec.attention.linear
    if fam.startswith("lfm2") and linear is not None:
        return "lfm2moe" if moe else "lfm2"
    if fam.startswith("nemotron") and linear is not None and linear.kind == "mamba2":
        return "nemotron_h_moe" if moe else "nemotron_h"
    return ollama_arch(spec)


def ollama_recurrent_checkpoints(spec: ModelSpec, version: str | None) -> int:
    """Checkpoints of each sequence's recurrent state that this Ollama release keeps in memory beside
    the live state (0 where it keeps none: other models, releases before v0.15.5 and from v0.30, and
    an unnamed release, read as the current one)."""
    if spec.attention.linear is None:
        return 0
    v = _version_tuple(version)
    if v >= _LLAMA_SERVER_FROM:
        return 0
    arch = ollama_gguf_arch(spec)
    count = 0
    for since, per_slot, archs in _RECURRENT_CHECKPOINTS:
        if v >= since:
            count = per_slot if arch in archs else 0
    return count


def ollama_flash_attention(spec: ModelSpec, version: str | None) -> bool | None:
    """Whether this Ollama release turns flash attention on by itself for `spec` (OLLAMA_FLASH_ATTENTION
    unset); None where it leaves the choice to llama.cpp's "auto" (on where the GPU supports it), as
    the current release does for every GGUF model."""
    v = _version_tuple(version)
    if v >= _LLAMA_SERVER_FROM:
        return None
    engine_since, listed_since = _ARCH_RELEASES.get(ollama_gguf_arch(spec), (None, None))
    listed = listed_since is not None and v >= listed_since
    if v < _FLASH_ATTENTION_AUTO_FROM:
        return listed
    own_engine = engine_since is not None and v >= engine_since
    return listed if own_engine else None


@dataclass(frozen=True, slots=True)
class OllamaEstimate:
    """What Ollama's scheduler prints as memory.* and layers.* (bytes)."""

    required_full: float
    required_partial: float
    kv: float
    weights_repeating: float
    weights_nonrepeating: float
    graph_full: float
    graph_partial: float
    layers_offload: int
    layers_model: int
    allocations: tuple[float, ...]

    @property
    def weights_total(self) -> float:
        return self.weights_repeating + self.weights_nonrepeating


def _kv_per_layer(
    spec: ModelSpec, cells: int, parallel: int, batch: int, element: float, per_layer_windows: bool = True
) -> list[float]:
    att = spec.attention
    n = spec.layers
    arch = ollama_arch(spec)
    if att.mla is not None:
        # the estimate counts full per-head keys and values (older GGUFs store them that way)
        per_cell = spec.heads * (att.mla.qk_nope_head_dim + att.mla.qk_rope_head_dim + att.mla.v_head_dim)
    else:
        per_cell = spec.kv_heads * 2 * spec.head_dim
    kv = [cells * per_cell * element] * n
    linear = set(range(n - att.linear_layers, n)) if att.linear_layers else set()
    if arch == "gemma3" and att.sliding_window and per_layer_windows:
        window = parallel * att.sliding_window + batch
        kv = [
            v if (i + 1) % _GEMMA3_GLOBAL_EVERY == 0 else window * per_cell * element
            for i, v in enumerate(kv)
        ]
    elif arch == "gptoss":
        swa = parallel * _GPTOSS_SWA_CELLS + batch
        kv = [swa * per_cell * element if i % 2 == 0 else v for i, v in enumerate(kv)]
    for i in linear:
        kv[i] = 0.0  # recurrent state: small against the attention layers' cache
    return kv


def _graph(
    spec: ModelSpec,
    arch: str,
    cells: int,
    batch: int,
    kv_total: float,
    w: WeightBytes,
    flash: bool,
    parallel: int,
) -> tuple[float, float]:
    """(partial, full) compute-graph bytes from Ollama's per-architecture formulas."""
    b, h, v, c = batch, spec.hidden, spec.vocab, cells
    heads, kvh, hd = spec.heads, spec.kv_heads, spec.head_dim
    full = partial = 0.0
    if arch == "llama":
        full = max(4 * b * (1 + 4 * h + c * (1 + heads)), 4 * b * (h + v))
        partial = 4 * b * h + max(
            4 * b * (1 + h + max(c, h)) + h * h * 9 / 16 + 4 * c * (b * heads + hd * kvh),
            4 * b * (h + v) + h * v * 105 / 128,
        )
        if spec.moe is not None:
            ff = spec.moe.expert_ffn
            gate_exps = w.layer_experts[-1] / 3 if w.layer_experts else 0.0
            partial = max(
                3 * gate_exps + 4 * b * (2 * ff + kvh + h + c + hd * kvh),
                4 * (c * b * heads + c * hd * kvh + b * 1024 + hd * kvh * b),
            )
    elif arch == "qwen2":
        full = max(4 * b * (h + v), 4 * b * (1 + 2 * h + c + c * heads))
        partial = max(
            4 * b * (h + v) + h * v * 105 / 128, 4 * (b * (1 + 2 * h + c * (1 + heads)) + h * (1 + c))
        )
    elif arch in ("gemma2", "gemma3"):
        full = max(4 * b * (h + v), 4 * b * (2 + c + c * heads + 2 * h + 2 * hd * heads))
        partial = max(
            4 * h * b + h * v * 105 / 128 + 4 * v * b,
            4 * b * (2 * h + 1 + 2 * hd * heads + c + c * heads) + 4 * hd * c * 8 + h * hd * heads * 9 / 16,
        )
    elif arch == "command-r":
        full = max(4 * b * (h + v), 4 * b * (2 + 4 * h + c * (1 + heads)))
        partial = max(
            4 * b * (h + v) + h * v * 105 / 128,
            4 * b * (1 + 2 * h + c * (1 + heads)) + 4 * h * c + h * h * 9 / 16,
        )
    elif arch == "deepseek2" and spec.attention.mla is not None:
        mla = spec.attention.mla
        hdk = mla.qk_nope_head_dim + mla.qk_rope_head_dim
        hkv = heads
        full = max(4 * b * (3 * h + v), 4 * b * (3 * h + 2 + c * (1 + hkv) + 2 * hdk * hkv))
        partial = max(
            4 * b * (3 * h + v) + h * v * 105 / 128,
            4 * b * (2 * h + 1 + 2 * hdk * hkv + c + c * hkv) + 4 * hdk * c * hkv + h * hdk * hkv * 9 / 16,
        )
    elif arch == "gptoss":
        partial = 2 * heads / max(kvh, 1) * kv_total / 6
        if flash:
            partial = (4 * parallel + (c >> 10) + 110) * MiB
    if partial == 0:
        partial = (heads // max(kvh, 1)) * kv_total / 6
    if full == 0:
        full = partial
    return partial, full


def ollama_legacy_estimate(
    spec: ModelSpec,
    w: WeightBytes,
    *,
    num_ctx: int,
    gpus_free: Sequence[float],
    num_parallel: int = OLLAMA_DEFAULT_PARALLEL,
    kv_type: str = "f16",
    flash_attention: bool = False,
    library: str = "cuda",
    gpu_overhead: float = 0.0,
    projector: tuple[float, float] = (0.0, 0.0),
    version: str | None = None,
) -> OllamaEstimate:
    """Ollama's scheduler estimate for `spec` at num_ctx x num_parallel cells on GPUs with
    `gpus_free` bytes free (the numbers its log prints as memory.* and layers.*); `projector` is a
    vision model's (weights, graph), held on the first GPU that takes layers; `version` the Ollama
    release (None: the current one)."""
    cells = num_ctx * num_parallel
    batch = min(num_ctx, OLLAMA_NUM_BATCH)
    element = _KV_ELEMENT_BYTES.get(kv_type if flash_attention else "f16", 2.0)
    kv = _kv_per_layer(
        spec, cells, num_parallel, batch, element, _version_tuple(version) >= _SWA_ESTIMATE_FROM
    )
    kv_total = sum(kv)
    arch = ollama_arch(spec)
    partial, full = _graph(spec, arch, cells, batch, kv_total, w, flash_attention, num_parallel)
    if library == "metal":
        partial = full
    elif len(gpus_free) > 1:
        full = partial
    minimum = OLLAMA_MIN_MEMORY.get(library, OLLAMA_MIN_MEMORY_DEFAULT)
    blocks = [w.layer_dense[i] + w.layer_experts[i] for i in range(spec.layers)]
    output = w.other + (w.output if w.output > 0 else w.embedding)
    buffer = blocks[0] + kv[0]
    graph = max(partial, full)
    # GPUs able to take the graph, the minimum, the buffer and one more layer; largest free first
    order = sorted(range(len(gpus_free)), key=lambda k: -gpus_free[k])
    alloc = [0.0] * len(gpus_free)
    split = [0] * len(gpus_free)
    gpu_zero = sum(projector)  # projector weights and graph, on the first GPU that takes layers
    usable: list[int] = []
    for k in order:
        zero = gpu_zero if not usable else 0.0
        if gpus_free[k] >= gpu_overhead + zero + graph + minimum + 2 * buffer:
            usable.append(k)
            alloc[k] += minimum + buffer
    if usable:
        alloc[usable[0]] += gpu_zero
    overflow = 0.0
    placed = 0
    for i in range(spec.layers - 1, -1, -1):
        size = blocks[i] + kv[i]
        while usable:
            k = usable[i % len(usable)]
            if gpus_free[k] > gpu_overhead + alloc[k] + graph + size:
                alloc[k] += size
                split[k] += 1
                placed += 1
                break
            usable.remove(k)
        else:
            overflow += size
    fully = placed >= spec.layers
    if usable:
        k = usable[placed % len(usable)]
        if gpus_free[k] > gpu_overhead + alloc[k] + graph + output:
            alloc[k] += output
            split[k] += 1
            placed += 1
    if placed < spec.layers + 1:
        fully = False
        overflow += output
    for k in range(len(alloc)):
        if split[k] > 0:
            alloc[k] += full if fully else partial
    required_partial = sum(alloc)
    return OllamaEstimate(
        required_full=required_partial + overflow,
        required_partial=required_partial,
        kv=kv_total,
        weights_repeating=sum(blocks),
        weights_nonrepeating=output,
        graph_full=full,
        graph_partial=partial,
        layers_offload=placed,
        layers_model=spec.layers + 1,
        allocations=tuple(alloc),
    )
