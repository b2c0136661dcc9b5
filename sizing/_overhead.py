"""Memory beyond weights and KV cache: compute buffers, runtime contexts, safety margins.

Each constant names its source; docs/research/engine-memory.md has the details.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from .catalog import ModelSpec

__all__ = [
    "ALLOCATOR_MARGIN",
    "DISPLAY_RESERVE",
    "ENGINE_HEADROOM",
    "FIT_MARGIN",
    "HOST_COMPUTE",
    "OLLAMA_UNIFIED_HEADROOM",
    "PHONE_APP_RESERVE",
    "RAM_OS_RESERVE",
    "SCHED_PIPELINE_COPIES",
    "TORCH_CUDA_CONTEXT",
    "UNIFIED_OS_RESERVE",
    "VULKAN_FIT_MARGIN",
    "VULKAN_MAX_ALLOCATION",
    "WINDOWS_DISPLAY_RESERVE",
    "WINDOWS_WDDM_RESERVE",
    "GiB",
    "MiB",
    "active_ffn_width",
    "attention_scores_bytes",
    "display_reserve",
    "engine_headroom",
    "gguf_compute_buffer",
    "kq_mask_bytes",
    "macos_gpu_wired_limit",
    "phone_app_limit",
    "ram_os_reserve",
    "runtime_overhead",
    "unified_os_reserve",
    "vulkan_max_allocation",
]

GiB = 1024**3
MiB = 1024**2

DEFAULT_UBATCH = 512  # llama.cpp n_ubatch default (common.h; engine-memory.md 3.1)
# llama.cpp --fit keeps this much free on each device (on by default since ~2025-12; engine-memory.md 4.3)
FIT_MARGIN = 1024 * MiB
# Vulkan drivers allocate beyond llama.cpp's buffers (descriptor pools, alignment, the warm-up pass): on
# RADV, loads whose estimate left about 2 GB or less of a 32 GB card failed in warm-up with
# ErrorOutOfDeviceMemory, across models, contexts and five backend builds
# (lmstudio-ai/lmstudio-bug-tracker#2133). A comfortable fit on a Vulkan device keeps this much free;
# llama.cpp keeps it with --fit-target (MiB per device, ggml-org/llama.cpp common/arg.cpp).
VULKAN_FIT_MARGIN = 2048 * MiB
# A Vulkan driver caps the size of one allocation (VkPhysicalDeviceMaintenance3Properties::
# maxMemoryAllocationSize, and maxBufferSize); llama.cpp's Vulkan backend refuses a buffer above it
# ("Requested buffer size exceeds device memory allocation limit", ggml-vulkan.cpp
# ggml_vk_create_buffer) and its graph allocator splits the compute buffer into chunks of at most that
# size, except where one tensor is larger (ggml-alloc.c ggml_dyn_tallocr). The cap is 2 GiB on AMD's
# proprietary (Windows) driver and AMDVLK, 4 GiB on Mesa's RADV (ggml-org/llama.cpp#15054 and
# GPUOpen-Drivers/AMDVLK#413: a 2.6 GiB compute buffer loads on RADV and fails on AMDVLK;
# ggml-org/llama.cpp#12728: 2.02 GiB refused). Other vendors' caps are not modelled.
VULKAN_MAX_ALLOCATION: Mapping[tuple[str, bool], float] = MappingProxyType(
    {("amd", True): 2 * GiB, ("amd", False): 4 * GiB}
)


def vulkan_max_allocation(vendor: str, *, windows: bool) -> float | None:
    """Bytes one Vulkan allocation may hold on a `vendor` GPU (AMD's Windows driver, else Mesa's RADV
    on Linux); None where no cap is known."""
    return VULKAN_MAX_ALLOCATION.get((vendor.lower(), windows))


# Memory a GPU runtime holds outside llama.cpp's buffers: measured 451-456 MiB per RTX 4090
# (llama.cpp PR #15860); Ollama plans 457 MiB for CUDA and ROCm (discover/gpu.go) - used for Vulkan/SYCL too
_RUNTIME_OVERHEAD = {
    "cuda": 456 * MiB,
    "rocm": 457 * MiB,
    "vulkan": 457 * MiB,
    "sycl": 457 * MiB,
    "metal": 0,
    "cpu": 0,
}
# llama.cpp's host compute buffer (CUDA_Host etc.): 18-76 MiB measured with attention on the GPU (3.3)
HOST_COMPUTE = 64 * MiB
# What the OS and everyday programs keep in system RAM. A planning reserve chosen here (not a
# measurement): an idle desktop OS with a browser holds a few GiB; servers less.
RAM_OS_RESERVE = 4 * GiB
# Unified-memory machines without a driver cap (DGX Spark, Jetson): the OS keeps its share, at most
# this much. A small machine (a Jetson, a Raspberry Pi, an 8 GB mini PC) runs a leaner OS: it keeps a
# quarter of its memory, a planning share chosen here like RAM_OS_RESERVE (not a measurement)
UNIFIED_OS_RESERVE = 4 * GiB
_SMALL_MACHINE_OS_SHARE = 0.25


def unified_os_reserve(total: float) -> float:
    """Bytes of a unified-memory machine's `total` the OS and its programs keep."""
    return min(UNIFIED_OS_RESERVE, _SMALL_MACHINE_OS_SHARE * total)


# What a phone's OS and its other apps keep from the one app that runs a model. A phone's memory is
# never all the app's: iOS ends ("jetsams") an app past its limit, which the increased-memory-limit
# entitlement raises (https://developer.apple.com/documentation/bundleresources/entitlements/com.apple.developer.kernel.increased-memory-limit)
# to about 6 GB of an 8 GB iPhone 15 Pro, from about 3 GB (introlab/rtabmap#1446), and to 4.2 GB of a
# 6 GB iPhone 13 Pro (a-ghorbani/pocketpal-ai#651, which ships it: so do MLC Chat, LLM Farm and MLX
# apps); Android's low-memory killer leaves an app about 4 GB of an 8 GB Samsung S23
# (pytorch/executorch#3599), and a 12 GB phone held Llama 2 13B Q4_K_M, 7.9 GB
# (Vali-98/ChatterUI#76). Android keeps about 4 GiB whatever the size, iOS about 2 GiB.
PHONE_APP_RESERVE: Mapping[str, float] = MappingProxyType({"ios": 2 * GiB, "android": 4 * GiB})


def phone_app_limit(total: float, os: str) -> float:
    """Bytes of a phone's `total` memory one app may hold on `os` ("ios" or "android")."""
    return max(0.0, total - PHONE_APP_RESERVE[os])


def ram_os_reserve(total: float) -> float:
    """Bytes of system RAM the OS and everyday programs keep: RAM_OS_RESERVE, or a quarter of a
    small machine's RAM (a Raspberry Pi or a mini PC with 8 GB runs a lean OS)."""
    return min(RAM_OS_RESERVE, _SMALL_MACHINE_OS_SHARE * total)


# --- every engine: memory the driver, the desktop and the allocator take outside an engine's buffers ---
# A CUDA context with PyTorch (cuBLAS workspace included), before any weights: H100 79.18 GiB total,
# 78.57 GiB free at vLLM start-up (llm-d/llm-d-benchmark config_explorer/empirical-vllm-memory-results.md
# @259334868c); RTX 3090 22.93/23.56 GiB free at start (wtdcode/vllm-backport#34).
# Measured the same way on an H100 80GB HBM3 (driver 580, PyTorch 2.11 + CUDA 13): 0.61 GiB used after
# the first tensor, 0.67 GiB once cuBLAS has run a bf16 matrix product (tensor memory not counted).
TORCH_CUDA_CONTEXT = 0.6 * GiB
# A GPU that drives the desktop keeps part of its memory: 0.6-0.87 GiB per RTX 3060 on Windows
# (Ollama's "detected OS VRAM overhead", ollama/ollama#6558), 1.2-1.4 GiB per RTX 3090 under
# GNOME/Wayland with remote desktop (noonghunna/club-3090#535), 1-2 GiB with a browser open on
# Windows (syv-ai/qwen38-27b-rtx3090#21). A planning figure inside that range, assumed on the first
# consumer or workstation GPU of a rig (data-center GPUs are assumed headless).
DISPLAY_RESERVE = 0.8 * GiB
# Windows keeps more of the card that drives its desktop: its display driver model (WDDM) holds part
# of the memory of every card it manages, and WSL2's CUDA layer adds its own (~0.75 GiB that the host's
# nvidia-smi does not show, Alex8791-cyber/cognithor#318). Taken before an engine starts, as vLLM
# printed it: 1.04 of 8.0 GiB under WSL2 (docker/model-runner#414), 1.72 of 31.84 GiB on an RTX 5090
# under WSL2 (cognithor#318); 0.7 GiB in use on an idle Windows 11 laptop card in WDDM
# (ollama/ollama#3232); 1-2 GiB with a browser open (syv-ai/qwen38-27b-rtx3090#21). The low end of that
# range: swept over 0.8-2 GiB on the development rows like ENGINE_HEADROOM, 1 GiB scored best (a Windows
# laptop's run that worked stays a fit) and no OOM report on Windows changed with the figure.
WINDOWS_DISPLAY_RESERVE = 1.0 * GiB
# Windows manages the memory of every card in its display driver model, not only the one showing the
# desktop: GeForce cards run only under WDDM there (TCC, which leaves a card to compute alone, is for
# data-center and some workstation cards), and Ollama found 0.6-0.87 GiB of "OS VRAM overhead" on each
# RTX 3060 of a Windows rig (ollama/ollama#6558). The other cards of a Windows rig keep the low end.
WINDOWS_WDDM_RESERVE = 0.6 * GiB


def display_reserve(*, windows: bool, headless: bool) -> float:
    """Bytes the desktop keeps of the GPU that drives it: none on a headless box, Windows' share
    where Windows drives it, else the planning figure for a desktop whose OS the rig does not name."""
    if headless:
        return 0.0
    return WINDOWS_DISPLAY_RESERVE if windows else DISPLAY_RESERVE


# PyTorch's caching allocator holds memory it cannot hand out (fragmentation) and engines allocate
# transient buffers past their profiling: OOM messages show 0.1-0.4 GiB "reserved but unallocated"
# (vllm-project/vllm#10637, #14452). Paged engines must leave this much free to be a comfortable fit.
ALLOCATOR_MARGIN = 0.5 * GiB
# Free memory per GPU an engine needs beside everything canirun counts of it (and beside the desktop's
# share) for a comfortable fit: allocator fragmentation, buffers that grow past the engine's own plan.
# One figure per engine, fitted on the development runs that worked against the development OOM reports
# (benchmarks/engine_memory.py --fit-headroom: the least 2 x comfortable fits on OOM reports + tight
# answers on runs that worked, over 0-2 GiB, the range of the shares drivers and desktops are seen to
# take; values within one OOM report of the best score the same, and then the sourced prior above is
# kept). vLLM: the prior, 0.5 GiB; 1.5 GiB scores one report better (cost 20 against 22 on 46 OOM
# reports and 25 runs that worked) through two Gemma-2 9B reports on vLLM 0.5 and costs two
# tensor-parallel RTX 3090 runs that worked; at vLLM's default 0.9 a 24 GB card leaves 2.4 GiB outside
# the budget, which 1.5 GiB plus the CUDA context and a desktop's share would exceed on every consumer
# card (vllm-project/vllm#10517 ran an 8B model at 20K there); SGLang: the reports cannot tell 0-2 GiB
# apart (the prior, ALLOCATOR_MARGIN, stays); ExLlama: 0 (a 32B model ran with 0.45 GiB to spare on an
# RTX 3090, theroyallab/tabbyAPI#278); Ollama's own pre-v0.11.11 estimate on a discrete GPU: the
# prior, ALLOCATOR_MARGIN. That estimate is already a worst case there: it charges each GPU its
# 457 MiB minimum and a compute graph sized for the whole context (llm/memory.go, ggml.go GraphSize),
# and canirun takes the desktop's share off the free memory before it; runs that worked used less
# (ollama/ollama#5022: codestral 22B Q6_K at an 18K context in 21.7 GB of an RTX 3090, against about
# 23.4 GiB by that estimate). Swept over 0-2 GiB on discrete GPUs (unified memory kept at
# OLLAMA_UNIFIED_HEADROOM): 0-0.25 GiB cost 12, 0.5 GiB 13, 1.75 GiB 14; 0 calls one more OOM report
# comfortable, and the prior is within one report of the best.
ENGINE_HEADROOM: Mapping[str, float] = MappingProxyType(
    {"vllm": ALLOCATOR_MARGIN, "sglang": ALLOCATOR_MARGIN, "exllama": 0.0, "ollama": ALLOCATOR_MARGIN}
)
# Ollama's estimate on unified memory (Apple silicon) keeps more: the GPU's share is a wired limit
# over memory macOS and its programs use too, and gemma3:27b ran out on a 36 GB Mac with 1.6 GiB of
# its estimate's room left (ollama/ollama#9695).
OLLAMA_UNIFIED_HEADROOM = 1.75 * GiB


def engine_headroom(engine: str, given: float | None = None) -> float:
    """Bytes a GPU keeps free beside an engine's counted memory for the fit to be comfortable: the
    figure `given` (a user's setting), else the engine's fitted one."""
    return given if given is not None else ENGINE_HEADROOM.get(engine, ALLOCATOR_MARGIN)


# macOS default GPU wired limit (recommendedMaxWorkingSetSize): 2/3 of RAM up to 36 GB, 3/4 above
# (16/32 GB -> 66.7 %, 64/128 GB -> 75 %: https://stencel.io/posts/apple-silicon-limitations-with-usage-on-local-llm%20.html,
# https://github.com/gpustack/gpustack/issues/1375, https://github.com/ollama/ollama/issues/434)
_MAC_SMALL_FRACTION = 2 / 3
_MAC_LARGE_FRACTION = 3 / 4
_MAC_SMALL_LIMIT_GB = 36


def runtime_overhead(backend: str) -> int:
    return _RUNTIME_OVERHEAD.get(backend, 457 * MiB)


# what a raised GPU wired limit leaves macOS: exo's rule (github exo-explore/exo configure_mlx.sh,
# a wired limit of max(80 % of RAM, RAM - 5 GB)) keeps 5 GiB, or a fifth of a small Mac's memory; and a
# sixteenth of the memory on larger Macs, whose owners run more beside the model: 8 GiB of 128, 16 of
# 256, 32 of 512. macOS 15's Apple Intelligence alone wires 11 GB and more (github exo-explore/exo
# PR #1672)
_MACOS_KEEPS_GIB = 5
_MACOS_KEEPS_SMALL_SHARE = 0.2
_MACOS_KEEPS_SHARE = 1 / 16


def macos_keeps(unified_bytes: float) -> float:
    """Bytes of a Mac's unified memory macOS and its programs keep, whichever side of the wired limit
    the model sits on: weights the CPU cores run (--n-cpu-moe, -ngl below all) take the same memory the
    GPU's would, so they leave macOS no more than a raised limit does (exo's 5 GiB, a fifth of a Mac
    smaller than 25 GiB, or a sixteenth of a larger Mac)."""
    exo = min(_MACOS_KEEPS_GIB * GiB, _MACOS_KEEPS_SMALL_SHARE * unified_bytes)
    return max(exo, _MACOS_KEEPS_SHARE * unified_bytes)


def raised_wired_limit_mb(unified_bytes: float) -> int:
    """A GPU wired limit to suggest on a Mac that still leaves macOS room to work: the larger of 80 % of
    the memory (exo's rule) and the memory less what macOS keeps (`macos_keeps`)."""
    return int(max(0.8 * unified_bytes, unified_bytes - macos_keeps(unified_bytes)) // MiB)


def macos_gpu_wired_limit(unified_bytes: float, wired_limit_mb: int | None = None) -> float:
    """Bytes the GPU may wire on a Mac: the sysctl override if given, else macOS's default share."""
    if wired_limit_mb:
        return min(unified_bytes, wired_limit_mb * MiB)
    fraction = _MAC_SMALL_FRACTION if unified_bytes <= _MAC_SMALL_LIMIT_GB * GiB else _MAC_LARGE_FRACTION
    return unified_bytes * fraction


def _ffn_width(spec: ModelSpec) -> int:
    if spec.moe is not None:
        shared = (spec.moe.shared_ffn or spec.moe.expert_ffn) * spec.moe.shared_experts
        return max(spec.ffn, spec.moe.expert_ffn * spec.moe.active + shared)
    return spec.ffn


def gguf_compute_buffer(
    spec: ModelSpec, kv_cells: int, *, flash_attention: bool, holds_output: bool, ubatch: int = DEFAULT_UBATCH
) -> float:
    """llama.cpp's compute buffer on one device.

    Without flash attention the KQ score matrix dominates; Ollama's graph formula reproduces
    llama.cpp's prints exactly (Llama 3.1 8B at 8192: 560 MiB; Llama 2 7B at 2048: 164 MiB;
    engine-memory.md 3.3). With flash attention what is left is the logits (on the device with the
    output layer), the FFN activations and the f16 mask, plus ~8% (GLM-Z1-32B at 32k: 353 MiB).
    """
    ub = min(ubatch, kv_cells)
    h = spec.hidden
    logits = 4 * ub * (h + spec.vocab) if holds_output else 0
    if not flash_attention:
        heads = spec.heads
        attention = 4 * ub * (1 + 4 * h + kv_cells * (1 + heads))
        return float(max(attention, logits))
    activations = 4 * ub * (2 * h + 2 * _ffn_width(spec))
    mask = 2 * ub * kv_cells
    return (max(logits, activations) + mask) * 1.08


# llama.cpp pipelines micro-batches over a layer split when every layer (and the output) sits on more than
# one GPU: "enabling pipeline parallelism in the scheduler increases memory usage" (github ggml-org/llama.cpp
# src/llama-context.cpp: on when n_devices > 1, n_gpu_layers > n_layer, split_mode layer, the KV cache
# offloaded and no tensor overrides such as -ot or --n-cpu-moe). The scheduler then keeps
# GGML_SCHED_MAX_COPIES (4) copies of every graph input on each device (ggml/src/ggml-backend.cpp:
# "sched->n_copies = parallel ? GGML_SCHED_MAX_COPIES : 1"), the KQ mask among them: one mask of
# n_kv x n_ubatch per device becomes four, 4.0 GiB per GPU for a 1M context over four GPUs
# (unslothai/unsloth#7637, which traced its multi-GPU fit's shortfall to this constant).
SCHED_PIPELINE_COPIES = 4


def kq_mask_bytes(kv_cells: int, *, flash_attention: bool, ubatch: int = DEFAULT_UBATCH) -> float:
    """The KQ mask one micro-batch reads against the whole cache, a graph input on each device: f16 with
    flash attention, f32 without (the f32 term of gguf_compute_buffer's score matrix)."""
    return (2.0 if flash_attention else 4.0) * min(ubatch, kv_cells) * kv_cells


def active_ffn_width(spec: ModelSpec) -> int:
    """Feed-forward width one token passes through (MoE: the routed experts it uses plus shared ones)."""
    return _ffn_width(spec)


def attention_scores_bytes(spec: ModelSpec, kv_cells: int, ubatch: int = DEFAULT_UBATCH) -> float:
    """llama.cpp's largest compute tensor without flash attention: the f32 attention scores of one
    micro-batch against the whole cache, n_kv x n_ubatch x n_head (llama-graph.cpp build_attn_mha,
    kq = ggml_mul_mat(k, q)); the compute buffer's peak that gguf_compute_buffer counts."""
    return 4.0 * min(ubatch, kv_cells) * kv_cells * spec.heads
