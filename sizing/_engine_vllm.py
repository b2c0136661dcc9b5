"""vLLM's memory on one GPU, the way vLLM's start-up computes and prints it.

vLLM reserves `gpu_memory_utilization` x the card's memory (vllm/config/cache.py; 0.9 by default).
From that budget it subtracts the weights, the peak activation of a profiling run (a forward pass of
`max_num_batched_tokens` tokens and a sampler warm-up over `max_num_seqs` requests), memory allocated
outside PyTorch (NCCL, cuBLAS) and, since v0.21, its estimate of the CUDA-graph pool; what is left
becomes KV-cache blocks (vllm/v1/worker/gpu_worker.py `determine_available_memory`). Start-up fails
when the blocks cannot hold one sequence of `max_model_len` ("To serve at least one request with the
model's max seq len ...", vllm/v1/core/kv_cache_utils.py), and since V1 also when the free memory at
start is below the budget ("Free memory on device ... is less than desired GPU memory utilization").
`max_model_len` defaults to the model's own maximum context.

The log prints these numbers ("Model loading took X GiB", "Available KV cache memory: X GiB"); the
constants fitted on them are marked as such, with the data file they were fitted on.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

from ._kv import recurrent_state_bytes
from ._overhead import TORCH_CUDA_CONTEXT, GiB, active_ffn_width, unified_os_reserve
from .catalog import ModelSpec

__all__ = [
    "CUDA_GRAPHS_OUTSIDE",
    "MLLAMA_IMAGE_TOKENS",
    "V0_MAMBA_STATE_UNTIL",
    "VLLM_FOOTPRINT_ERROR",
    "VLLM_GPU_UTILIZATION",
    "VLLM_MARGIN_ERRORS",
    "VLLM_SPARSE_MLA_FP8_DEFAULT_RELEASES",
    "VLLM_UMA_LOAD_COPY_UNTIL",
    "VLLM_UMA_PROCESS",
    "VllmDefaults",
    "VllmEra",
    "VllmGpu",
    "vllm_activation",
    "vllm_default_kv_fp8",
    "vllm_defaults",
    "vllm_encoder_profile",
    "vllm_era",
    "vllm_gpu",
    "vllm_graph_share",
    "vllm_image_per_request",
    "vllm_integrated_outside",
    "vllm_mamba_prealloc",
    "vllm_multimodal",
    "vllm_non_torch",
    "vllm_uma_load_copy",
    "vllm_v0_state",
]

VllmEra = Literal["v0-unchunked", "v0", "v1.0", "v1", "current"]

# gpu_memory_utilization default (vllm/config/cache.py CacheConfig; "0.9" in the serve docs through 2025)
VLLM_GPU_UTILIZATION = 0.9
# An integrated GPU (DGX Spark's GB10, Jetson Orin and Thor) shares one memory with the CPU and the OS.
# vLLM's MemorySnapshot.measure takes the device's total from torch (the whole unified memory) and, on an
# integrated GPU, its free memory from the OS (`psutil.virtual_memory().available`); the start-up check
# wants gpu_memory_utilization x that total free (github vllm-project/vllm vllm/utils/mem_utils.py, moved
# to vllm/foundation/utilities/mem_utils.py @055e47c2; vllm-project/vllm#35356). So the budget is a share
# of the whole machine, and what the OS and vLLM's own processes hold must fit in the rest ("serving
# flags need to leave room for the rest of the system", vllm.ai/blog/2026-06-01-vllm-dgx-spark).
# vLLM's processes (API server, engine, worker: Python, torch and the CUDA libraries, in the same memory)
# hold about 8-9 GiB by the snapshot: the drop in available memory from the idle machine to vLLM's
# start-up snapshot on a DGX Spark, "vLLM's own ~9 GiB init" (MiaAI-Lab/GLM-5.3-Flash-EXL3-2x-DGX-Sparks#47),
# and an 8 GiB reserve a launcher kept for them used up by engine overhead (llamastash/llamastash#80).
# The upper end is taken: on the measured machines even 0.87 of the whole memory was not free at start-up.
VLLM_UMA_PROCESS = 9 * GiB
# No small machine (a Jetson Orin Nano or NX) was measured: there vLLM's processes are planned at no more
# than a quarter of the memory, the share the OS reserve of a small unified machine takes
# (sizing/_overhead.py unified_os_reserve), a planning figure like it, not a measurement.
_UMA_PROCESS_SHARE = 0.25


def vllm_integrated_outside(shared_total: float) -> float:
    """Bytes of an integrated GPU's `shared_total` that vLLM's budget must leave: the OS's share and
    vLLM's own processes."""
    return unified_os_reserve(shared_total) + min(VLLM_UMA_PROCESS, _UMA_PROCESS_SHARE * shared_total)


# KV cache block size in tokens (CacheConfig.DEFAULT_BLOCK_SIZE)
VLLM_BLOCK_SIZE = 16
# Batch defaults of the OpenAI-compatible server (vllm/engine/arg_utils.py EngineArgs.get_batch_defaults):
# GPUs with >= 70 GiB that are not an A100 get 8192 batched tokens and 1024 sequences, others 2048 and 256
_LARGE_GPU = 70 * GiB
_BATCH_LARGE = (8192, 1024)  # (max_num_batched_tokens, max_num_seqs)
_BATCH_SMALL = (2048, 256)
# V0 engine (through 0.7): 256 sequences; batched tokens = max(max_model_len, 2048) unless chunked prefill
# is switched on for contexts above 32K, which schedules 512-token chunks (vllm/engine/arg_utils.py, V0).
# That switch came with v0.5.4 ("Enable chunked prefill by default for long context models ... to avoid
# possible OOM errors during the initial memory profiling", vllm-project/vllm#6666); multimodal models
# kept it off by default ("Disable chunked prefill by default ... for multimodal models",
# vllm-project/vllm#8425), so they, and every model before v0.5.4, profile a forward pass over the
# whole max_model_len.
_V0_MAX_NUM_SEQS = 256
_V0_CHUNKED_ABOVE = 32768
_V0_CHUNK_TOKENS = 512
# 0.8.x (first V1 releases): 1024 sequences on every GPU ("CUDA out of memory occurred when warming up
# sampler with 1024 dummy requests" on a 16 GB RTX 5080, vllm-project/vllm#14452 and #15105)
_V1_0_MAX_NUM_SEQS = 1024

# Fitted on the development rows of benchmarks/data/engine_memory_logs.csv ("activation_gib"):
# the sampler warm-up holds fp32 logits of every request plus their softmax, sort values and int64
# indices: bytes per request per vocabulary entry
SAMPLER_BYTES_PER_LOGIT = 39.0
# the profiling forward pass: bytes per token per unit of width (hidden + the FFN width on one rank),
# about three live 16-bit activations of that width
FORWARD_BYTES_PER_WIDTH = 6.0
# memory allocated outside PyTorch after start-up (cuBLAS/NCCL workspaces) on one GPU, and the extra
# NCCL/custom all-reduce buffers of a tensor-parallel group
NON_TORCH_BASE = 0.35 * GiB
NON_TORCH_TENSOR_PARALLEL = 0.2 * GiB
# The profiler of vLLM 0.6.5 and 0.6.6 (vllm-project/vllm#10511, replaced by #12126 in 0.7.0) takes its
# baseline from torch.cuda.mem_get_info() when the worker starts, so the non-torch memory it prints also
# holds CUDA-context memory that process allocates later (vllm-project/vllm#12059): 1.79 GiB on one
# H100 and 3.58 GiB at tensor parallel 2 for Llama 3 8B in #10511's own check, against 0.13-0.55 GiB
# from 0.7 on. The budget's KV pool shrinks by as much.
NON_TORCH_0_6_5 = 1.79 * GiB
NON_TORCH_0_6_5_TENSOR_PARALLEL = 3.58 * GiB
NON_TORCH_0_6_5_RELEASES = ((0, 6, 5), (0, 7, 0))  # [first, end)

# CUDA-graph pool. Since v0.21 vLLM profiles it and takes it out of the budget ("CUDA graph memory
# profiling is enabled (default since v0.21.0)", logged in noonghunna/club-3090#104; 0.09-0.58 GiB
# printed there and in wtdcode/vllm-backport#34). Before, graphs were captured after the KV cache, on
# top of the budget: "CUDA graphs can take additional 1~3 GiB memory per GPU" (vLLM's own log line,
# vllm-project/vllm#7593); 2.4 GiB measured per RTX 4090 at tensor parallel 4 (vllm-project/vllm#7553).
# Outside the budget the pool's size is not known before capture: the middle of vLLM's own 1-3 GiB is
# the planning figure, on one GPU as under tensor parallelism. On the development OOM reports and runs
# that worked (benchmarks/engine_memory.py) 1.5-2 GiB on one GPU called three more OOM reports tight
# than 1 GiB did, for two runs that worked (vLLM 0.5.3 on an L4, gpt-oss-120b on vLLM 0.11.2 at 0.97).
CUDA_GRAPHS_IN_BUDGET = 0.25 * GiB
CUDA_GRAPHS_OUTSIDE = 2.0 * GiB
CUDA_GRAPHS_OUTSIDE_TENSOR_PARALLEL = 2.0 * GiB
# The graphs are captured for a list of batch sizes: 1, 2, 4, then steps of 8 (steps of 16 past 256 on
# V1). The V0 engine stops at max_num_seqs, 256 at most (vllm-project/vllm#2437, from 0.3.0); V1 from
# 0.10.0 stops at 2 x max_num_seqs, 512 at most ("avoids OOM in tight memory scenarios with small
# max_num_seqs", vllm-project/vllm#20628), and 0.8-0.9 always go to 512. The planning figures above are
# for the whole list. Each graph's share of the pool grows with its batch size (26 MiB for 464 tokens,
# 6 MiB for 104, vllm-project/vllm#22897), so a shorter list holds the sum of its sizes' share of it;
# small lists still print 0.08-0.13 GiB (noonghunna/club-3090#104, #178, #617), the in-budget figure
# is the least.
# gpt-oss is the exception: vLLM sets its own capture list up to 992 (1024 later) tokens whatever
# max_num_seqs is (vllm/model_executor/models/config.py GptOssForCausalLMConfig), so its pool keeps
# the whole list's figure.
V0_CAPTURE_MAX = 256
V1_CAPTURE_MAX = 512
V1_CAPTURE_BY_SEQS_FROM = (0, 10, 0)
_FULL_CAPTURE_FAMILIES = frozenset({"gpt-oss"})

# How far canirun's count of what vLLM takes from its budget before the KV cache (weights, activation
# peak, non-torch memory, graphs inside the budget) is off: the 90th percentile of |predicted - printed|
# "Available KV cache memory" as a share of that count, on the development rows of
# benchmarks/data/engine_memory_logs.csv (15 start-up logs: median 1.0 %, p90 4.3 %, max 8.3 %;
# benchmarks/engine_memory.py prints it). The budget itself is exact (utilization x the card), so this
# is the error of the KV pool.
VLLM_FOOTPRINT_ERROR = 0.043
# A comfortable fit keeps this many of those errors of KV pool beyond one sequence of max_model_len.
# A p90 taken from 15 logs is itself uncertain, and a release whose profiler counts differently misses
# by more: before its non-torch memory was counted by release (NON_TORCH_0_6_5), vLLM 0.6.5's log missed
# by 9.1 %, about twice the p90. Two errors cover that; the curve on the development OOM reports and
# runs that worked (benchmarks/engine_memory.py --margin-curve) is flat within one or two reports
# beyond it.
VLLM_MARGIN_ERRORS = 2.0


# vLLM's V0 engine keeps the recurrent (Mamba) state of a hybrid model in a cache it allocates for
# max_num_seqs requests when the model first runs (vllm/model_executor/models/mamba_cache.py
# MambaCacheManager: a conv and an SSM state per recurrent layer and request); V1 keeps one state per
# running request in its KV blocks. Hybrid models still ran on the V0 model runner in vLLM 0.10.1: the
# 33.75 GiB that Nemotron-Nano-9B-v2 failed to allocate on an L40S there is its SSM state, 27 layers x
# 128 heads x 80 x 128 x 4 bytes, for the default 256 requests (vllm-project/vllm#23230).
V0_MAMBA_STATE_UNTIL = (0, 10, 1)


_RELEASE = re.compile(r"v?(\d+)\.(\d+)(?:\.(\d+))?")


def _release(version: str) -> tuple[int, int, int] | None:
    """(major, minor, patch) of a release as people write it: "0.10.1", "v0.11", "0.10.1rc1",
    "0.10.1+cu128" (a pre-release or a local build counts as its release)."""
    m = _RELEASE.match(version.strip())
    if m is None:
        return None
    return int(m[1]), int(m[2]), int(m[3] or 0)


def vllm_non_torch(tensor_parallel: int, version: str | None = None) -> float:
    """Memory vLLM counts outside PyTorch on one GPU (NCCL, cuBLAS workspaces), as the named release's
    profiler counts it: 0.6.5 and 0.6.6 count more (NON_TORCH_0_6_5)."""
    release = _release(version) if version else None
    first, end = NON_TORCH_0_6_5_RELEASES
    if release is not None and first <= release < end:
        return NON_TORCH_0_6_5_TENSOR_PARALLEL if tensor_parallel > 1 else NON_TORCH_0_6_5
    return NON_TORCH_BASE + (NON_TORCH_TENSOR_PARALLEL if tensor_parallel > 1 else 0.0)


# vLLM 0.11.0 keeps a sparse-attention (DSA) MLA model's cache in its own FP8 layout when no
# --kv-cache-dtype is given: DeepseekV32ForCausalLM.verify_and_update_config maps "auto" to "fp8_ds_mla"
# (vllm/model_executor/models/config.py, vllm-project/vllm#25988, merged 2025-09-30). The next release
# maps "auto" to the model's 16-bit dtype and keeps fp8_ds_mla for an fp8 --kv-cache-dtype only
# ("Disable fp8 kv-cache by default for DeepSeek V3.2", vllm-project/vllm#27121, merged 2025-10-17,
# first in 0.11.1). [first, end) releases.
VLLM_SPARSE_MLA_FP8_DEFAULT_RELEASES = ((0, 11, 0), (0, 11, 1))


def vllm_default_kv_fp8(spec: ModelSpec, version: str | None) -> bool:
    """Whether this vLLM release stores `spec`'s KV cache in FP8 when no cache dtype is given: a
    sparse-attention MLA model (DeepSeek V3.2) on 0.11.0. An unnamed release is the current one (16-bit)."""
    if spec.attention.mla is None or spec.attention.indexer is None or not version:
        return False
    release = _release(version)
    first, end = VLLM_SPARSE_MLA_FP8_DEFAULT_RELEASES
    return release is not None and first <= release < end


def vllm_mamba_prealloc(version: str | None) -> bool:
    """Whether this vLLM release runs hybrid (Mamba) models on its V0 engine, which preallocates their
    recurrent state for max_num_seqs requests: the V0 eras and every release through 0.10.1."""
    if not version:
        return False
    if version in ("v0-unchunked", "v0", "v1.0"):
        return True
    if version in ("v1", "current"):
        return False
    parts = _release(version)
    return parts is not None and parts[:3] <= V0_MAMBA_STATE_UNTIL


# On an integrated GPU, vLLM releases before 0.24 hold about a second copy of the weights in the same
# memory when they size the KV cache: the checkpoint's tensors as loaded (read through the page cache,
# or freed while the weights were converted to the kernels' layout and kept in PyTorch's cache), which
# the NVIDIA driver's allocations on a DGX Spark do not reclaim. 0.24 releases cached device memory
# under pressure while it loads ("Release cached device memory under pressure on UMA GPUs during weight
# loading", vllm-project/vllm#45179): the same NVFP4 Qwen3-Coder-Next load at utilization 0.55 that
# failed on 0.23.0 completes on 0.24.0 there.
VLLM_UMA_LOAD_COPY_UNTIL = (0, 24, 0)
_PRE_UMA_RELEASE_ERAS = ("v0-unchunked", "v0", "v1.0", "v1")


def vllm_uma_load_copy(version: str | None) -> bool:
    """Whether this vLLM release keeps a second copy of the weights on an integrated GPU while it sizes
    its KV cache: releases before 0.24 (an unnamed release is the current one)."""
    if not version:
        return False
    if version in _PRE_UMA_RELEASE_ERAS:
        return True
    parts = _release(version)
    return parts is not None and parts < VLLM_UMA_LOAD_COPY_UNTIL


def vllm_v0_state(spec: ModelSpec, *, max_num_seqs: int, tensor_parallel: int) -> float:
    """Bytes of the recurrent state V0 preallocates on one GPU: every recurrent layer's state for
    max_num_seqs requests, split over the tensor-parallel ranks like the heads."""
    layers = spec.attention.linear_layers
    if layers <= 0:
        return 0.0
    return recurrent_state_bytes(spec) * layers * max_num_seqs / tensor_parallel


def vllm_era(version: str | None) -> VllmEra:
    """The defaults a vLLM release uses: 'v0-unchunked' (before 0.5.4: no chunked prefill), 'v0'
    (through 0.7 or VLLM_USE_V1=0), 'v1.0' (0.8.x), 'v1' (0.9-0.20), 'current' (0.21 and later, the
    default when no version is given)."""
    if not version:
        return "current"
    if version in ("v0-unchunked", "v0", "v1.0", "v1", "current"):
        return version  # type: ignore[return-value]
    parts = version.lstrip("v").split(".")
    try:
        minor = int(parts[1]) if parts[0] == "0" else 99
        patch = int(parts[2]) if len(parts) > 2 else None
    except (IndexError, ValueError):
        return "current"
    if minor < 5 or (minor == 5 and patch is not None and patch < 4):
        return "v0-unchunked"
    if minor <= 7:
        return "v0"
    if minor == 8:
        return "v1.0"
    return "v1" if minor < 21 else "current"


def vllm_multimodal(spec: ModelSpec) -> bool:
    """Whether vLLM loads the model as multimodal (its vision encoder with it): a checkpoint that
    ships a vision tower, whether or not the catalog counts the tower's parameters."""
    return bool(spec.vision_params_b) or "vision" in spec.tasks


# The vision encoder's profiling run (V1 engine, 0.8+). vLLM runs the encoder on dummy items of the
# modality with the most tokens per item, as many as fit the encoder budget, and keeps their outputs
# in the encoder cache; the budget is max_num_batched_tokens but at least one item
# (vllm/v1/worker/gpu_model_runner.py profile_run, vllm-project/vllm#11210 and #11895). The encoder's
# activations are freed before the forward pass that follows, its outputs are not: adding the two
# peaks is an upper bound. How big the largest item is depends on the release:
# - Qwen2-VL-style processors size the dummy video by the context: Qwen2/2.5-VL up to 14 frames,
#   98304 tokens once precomputed (get_max_tokens_per_item, vllm-project/vllm#19756), and Qwen3-VL's
#   video past max_model_len ("Encoder cache should not be greater than max model len" on 0.11.0,
#   vllm-project/vllm#27992); the video count stayed at 1 for profiling through 0.17.1
#   (vllm-project/vllm#38459, #38465).
# - later releases profile Qwen3-VL with a 2-frame dummy video at the processor's pixel budget
#   (vllm-project/vllm#54380), no more tokens than its largest image, 16384 for a 4096x4096 image
#   (vllm-project/vllm#57441). Every 0.17 release (the last one reported filling the context) is
#   taken to fill it, 0.18 on not.
# --limit-mm-per-prompt '{"video": 0}' leaves the image as the largest item; --language-model-only
# loads no encoder at all.
# The V0 engine (through 0.7, and 0.8-0.10 with VLLM_USE_V1=0) runs the encoder inside the profiling
# forward pass instead, and on more: its profile_run gives each dummy request every modality up to
# its per-prompt limit, one image and one video by default, and sizes the batch by their sum,
# max_num_seqs = max(1, min(max_num_seqs, max_num_batched_tokens // max_mm_tokens)), where
# get_max_multimodal_tokens adds the modalities up (vllm/worker/model_runner.py profile_run and
# vllm/multimodal/registry.py, github vllm-project/vllm @587909ce7f4fe9cb48be48fb50936bcb18b2f73c).
# For Qwen2/2.5-VL the dummy video takes what the largest image leaves of max_model_len, up to its
# frame cap: one request's images and video together fill the context.
VIDEO_FILLS_CONTEXT_THROUGH = (0, 17)  # (major, minor)
_QWEN3_STYLE_VIDEO = frozenset({"Qwen3-VL", "Qwen3.5", "Qwen3.6", "Qwen3.8"})
_QWEN2_STYLE_VIDEO = frozenset({"Qwen2-VL", "Qwen2.5-VL"})
QWEN2_VL_MAX_VIDEO_TOKENS = 98304
QWEN_VL_MAX_IMAGE_TOKENS = 16384
# Bytes one embedding token of a Qwen-VL tower costs while it is encoded: 2x2 patches per token
# (spatial_merge_size 2), each with its bf16 pixels (3 channels x 2 frames x 16 x 16), about three
# live copies of the 1152-wide residual stream and the 4304-wide MLP activation (split over the
# tensor-parallel ranks); Qwen3-VL-8B vision_config, huggingface.co/Qwen/Qwen3-VL-8B-Instruct
# config.json
_PATCHES_PER_TOKEN = 4
_PATCH_REPLICATED_BYTES = 2 * (3 * 2 * 16 * 16 + 3 * 1152)
_PATCH_SHARDED_BYTES = 2 * 4304

# Llama 3.2 Vision (mllama) is an encoder-decoder model, which vLLM ran on its V0 engine. V0's
# encoder-decoder profiling run gives every one of max_num_seqs dummy requests
# the largest image ("Starting profile run for multi-modal models" with pixel_values of shape
# [256, 1, 1, 4, 3, 560, 560] at the default 256 requests, vllm-project/vllm#10569): the vision tower
# runs over all of them at once and the cross-attention blocks keep each request's image K/V. Geometry
# from meta-llama/Llama-3.2-11B-Vision config.json (huggingface.co): vision_config image_size 560,
# patch_size 14, max_num_tiles 4 (4 x (40 x 40 + 1) = 6404 image tokens per request), intermediate_size
# 5120; text_config cross_attention_layers [3, 8, ..., 38], one block in five (20 of the 90B's 100).
# Per request: the cross-attention K/V of every cross block, the projected image states (text width)
# and one live activation of the tower's MLP, 16-bit; K/V and MLP split over tensor-parallel ranks.
# Reports agree: 256 requests ran out on a 96 GB H100 and 128 profiled (vllm-project/vllm#9630).
_MLLAMA_FAMILY = "Llama 3.2"
MLLAMA_IMAGE_TOKENS = 4 * ((560 // 14) ** 2 + 1)
_MLLAMA_CROSS_EVERY = 5
_MLLAMA_TOWER_MLP = 5120
_MLLAMA_V0_ERAS = frozenset({"v0-unchunked", "v0"})


def vllm_image_per_request(spec: ModelSpec, version: str | None) -> bool:
    """Whether this release profiles the model with a full-size image for each of max_num_seqs requests."""
    return _mllama_v0_profile(spec, era=vllm_era(version), max_num_seqs=1, tensor_parallel=1) > 0


def _mllama_v0_profile(spec: ModelSpec, *, era: VllmEra, max_num_seqs: int, tensor_parallel: int) -> float:
    """Bytes V0's encoder-decoder profiling holds on one GPU for Llama 3.2 Vision: max_num_seqs
    requests with one full-size image each; 0 for other models and engines."""
    if spec.family != _MLLAMA_FAMILY or not vllm_multimodal(spec) or era not in _MLLAMA_V0_ERAS:
        return 0.0
    tokens = MLLAMA_IMAGE_TOKENS
    cross_kv = (spec.layers // _MLLAMA_CROSS_EVERY) * tokens * spec.kv_heads * spec.head_dim * 2 * 2
    per_request = (cross_kv + tokens * _MLLAMA_TOWER_MLP * 2) / tensor_parallel + tokens * spec.hidden * 2
    return per_request * max_num_seqs


def _video_fills_context(version: str | None) -> bool:
    if not version or version == "current":
        return False
    if version in ("v1.0", "v1"):
        return True
    if version in ("v0", "v0-unchunked"):
        return False
    parts = _release(version)
    return parts is not None and parts[:2] <= VIDEO_FILLS_CONTEXT_THROUGH


def vllm_encoder_profile(
    spec: ModelSpec,
    *,
    version: str | None,
    max_model_len: int,
    max_num_batched_tokens: int,
    tensor_parallel: int = 1,
    video: bool = True,
    max_num_seqs: int | None = None,
) -> float:
    """Bytes the profiling of a vision encoder holds on one GPU: on the V1 engine, a Qwen-VL-style
    encoder's activation over the profiled items plus their outputs in the encoder cache; on the V0
    engine, Llama 3.2 Vision's image for each of `max_num_seqs` requests and Qwen2/2.5-VL's image and
    video for each dummy request. 0 for other models (their largest item is a fixed-size image) and
    other V0 models (profiled in the forward pass); `max_num_seqs` absent, V0's default."""
    era = vllm_era(version)
    seqs = max_num_seqs or _V0_MAX_NUM_SEQS
    mllama = _mllama_v0_profile(spec, era=era, max_num_seqs=seqs, tensor_parallel=tensor_parallel)
    if mllama or not vllm_multimodal(spec):
        return mllama
    per_patch = _PATCH_REPLICATED_BYTES + _PATCH_SHARDED_BYTES / tensor_parallel
    per_token = _PATCHES_PER_TOKEN * per_patch + 2 * spec.hidden
    if era in ("v0", "v0-unchunked"):
        if spec.family not in _QWEN2_STYLE_VIDEO:
            return 0.0
        return _v0_qwen2_vl_tokens(max_model_len, max_num_batched_tokens, seqs, video) * per_token
    if spec.family in _QWEN3_STYLE_VIDEO:
        fills = video and _video_fills_context(version)
        item = max(max_model_len, QWEN_VL_MAX_IMAGE_TOKENS) if fills else QWEN_VL_MAX_IMAGE_TOKENS
    elif spec.family in _QWEN2_STYLE_VIDEO:
        longest_video = min(max_model_len, QWEN2_VL_MAX_VIDEO_TOKENS) if video else 0
        item = max(longest_video, QWEN_VL_MAX_IMAGE_TOKENS)
    else:
        return 0.0
    budget = max(max_num_batched_tokens, item)
    tokens = (budget // item) * item
    return tokens * per_token


def _v0_qwen2_vl_tokens(max_model_len: int, batched_tokens: int, max_num_seqs: int, video: bool) -> int:
    """Embedding tokens the V0 engine's profiling run encodes for a Qwen2/2.5-VL model: every dummy
    request carries the largest image and, unless video is ruled out, a video filling the rest of
    max_model_len (up to the frame cap); as many requests as the batched tokens hold, at least one."""
    video_tokens = min(max(max_model_len - QWEN_VL_MAX_IMAGE_TOKENS, 0), QWEN2_VL_MAX_VIDEO_TOKENS)
    per_request = QWEN_VL_MAX_IMAGE_TOKENS + (video_tokens if video else 0)
    requests = max(1, min(max_num_seqs, batched_tokens // per_request))
    return requests * per_request


@dataclass(frozen=True, slots=True)
class VllmDefaults:
    gpu_memory_utilization: float
    max_num_seqs: int
    max_num_batched_tokens: int
    cuda_graphs_in_budget: bool


def vllm_defaults(
    era: VllmEra, gpu_total: float, gpu_name: str, max_model_len: int, multimodal: bool = False
) -> VllmDefaults:
    """The batch defaults vLLM's OpenAI server picks on this GPU for this `max_model_len`."""
    if era in ("v0", "v0-unchunked"):
        chunked = era == "v0" and not multimodal and max_model_len > _V0_CHUNKED_ABOVE
        tokens = _V0_CHUNK_TOKENS if chunked else max(max_model_len, _BATCH_SMALL[0])
        return VllmDefaults(VLLM_GPU_UTILIZATION, _V0_MAX_NUM_SEQS, tokens, False)
    large = gpu_total >= _LARGE_GPU and "a100" not in gpu_name.lower()
    tokens, seqs = _BATCH_LARGE if large else _BATCH_SMALL
    if era == "v1.0":
        seqs = _V1_0_MAX_NUM_SEQS
    return VllmDefaults(VLLM_GPU_UTILIZATION, seqs, tokens, era == "current")


def vllm_activation(
    spec: ModelSpec, *, tensor_parallel: int, max_num_seqs: int, max_num_batched_tokens: int, era: VllmEra
) -> float:
    """Peak activation of vLLM's profiling run on one GPU: the larger of the forward pass over the
    batched tokens and the sampler warm-up over the requests (each rank samples full-vocabulary logits).
    V0 with chunked prefill profiles short chunks without the full sampler batch."""
    width = spec.hidden + active_ffn_width(spec) / tensor_parallel
    forward = FORWARD_BYTES_PER_WIDTH * max_num_batched_tokens * width
    if era == "v0" and max_num_batched_tokens == _V0_CHUNK_TOKENS:
        return forward
    requests = min(max_num_seqs, max_num_batched_tokens)
    sampler = SAMPLER_BYTES_PER_LOGIT * requests * spec.vocab
    return max(forward, sampler)


@dataclass(frozen=True, slots=True)
class VllmGpu:
    """One GPU of a vLLM deployment, in bytes."""

    total: float
    utilization: float
    weights: float
    activation: float
    non_torch: float
    cuda_graphs: float
    graphs_in_budget: bool
    kv_needed: float  # one sequence of max_model_len on this GPU, in whole blocks
    max_num_seqs: int = 256
    cuda_context: float = TORCH_CUDA_CONTEXT
    state: float = 0.0  # recurrent state V0 preallocates for max_num_seqs requests (hybrid models)

    @property
    def budget(self) -> float:
        return self.utilization * self.total

    @property
    def kv_pool(self) -> float:
        """'Available KV cache memory' (negative: 'No available memory for the cache blocks')."""
        graphs = self.cuda_graphs if self.graphs_in_budget else 0.0
        return self.budget - self.weights - self.state - self.activation - self.non_torch - graphs

    @property
    def starts(self) -> bool:
        return self.kv_pool >= self.kv_needed and self.kv_pool > 0

    @property
    def footprint(self) -> float:
        """What canirun counts of the budget before the KV cache."""
        return self.budget - self.kv_pool

    @property
    def kv_margin(self) -> float:
        """KV pool a comfortable fit keeps beyond one sequence: VLLM_MARGIN_ERRORS x the p90 error of
        the footprint's prediction."""
        return VLLM_MARGIN_ERRORS * VLLM_FOOTPRINT_ERROR * self.footprint

    @property
    def starts_with_margin(self) -> bool:
        return self.starts and self.kv_pool - self.kv_needed >= self.kv_margin

    @property
    def peak(self) -> float:
        """What nvidia-smi shows once serving: the context plus the budget (and graphs outside it)."""
        return self.cuda_context + self.budget + (0.0 if self.graphs_in_budget else self.cuda_graphs)


def _capture_sizes(largest: int, *, v1: bool) -> list[int]:
    """The batch sizes vLLM captures CUDA graphs for, up to `largest`."""
    sizes = [1, 2, 4, *range(8, 257, 8)]
    if v1:
        sizes += list(range(272, V1_CAPTURE_MAX + 1, 16))
    return [n for n in sizes if n <= largest]


def vllm_graph_share(
    spec: ModelSpec,
    era: VllmEra,
    version: str | None,
    *,
    max_num_seqs: int,
    max_num_batched_tokens: int,
) -> float:
    """The share of the whole capture list's graph memory a release captures for `spec` with these batch
    limits: 1.0 unless max_num_seqs (or the batched tokens) shortens the list on that release."""
    if spec.family in _FULL_CAPTURE_FAMILIES:
        return 1.0
    if era in ("v0", "v0-unchunked"):
        largest, full = min(max_num_seqs, V0_CAPTURE_MAX), V0_CAPTURE_MAX
        v1 = False
    else:
        release = _release(version) if version else None
        if release is None or release < V1_CAPTURE_BY_SEQS_FROM:
            return 1.0
        largest = min(2 * max_num_seqs, V1_CAPTURE_MAX, max_num_batched_tokens)
        full, v1 = V1_CAPTURE_MAX, True
    return sum(_capture_sizes(largest, v1=v1)) / sum(_capture_sizes(full, v1=v1))


def kv_needed_paged(kv_per_token: float, max_model_len: int) -> float:
    """KV of one sequence rounded up to whole blocks."""
    blocks = math.ceil(max_model_len / VLLM_BLOCK_SIZE)
    return blocks * VLLM_BLOCK_SIZE * kv_per_token


def vllm_gpu(
    spec: ModelSpec,
    *,
    weights: float,
    kv_per_token: float,
    total: float,
    gpu_name: str,
    tensor_parallel: int,
    max_model_len: int,
    era: VllmEra = "current",
    gpu_memory_utilization: float | None = None,
    max_num_seqs: int | None = None,
    max_num_batched_tokens: int | None = None,
    enforce_eager: bool = False,
    version: str | None = None,
    language_model_only: bool = False,
    no_video: bool = False,
) -> VllmGpu:
    """vLLM's numbers for one GPU holding `weights` bytes (its tensor-parallel share) and
    `kv_per_token` bytes of cache per token; `version` (the release) decides whether a hybrid model's
    recurrent state is preallocated for max_num_seqs requests and how large the vision encoder's
    profiling run is (none with `language_model_only`; images only with `no_video`)."""
    d = vllm_defaults(era, total, gpu_name, max_model_len, vllm_multimodal(spec))
    util = gpu_memory_utilization or d.gpu_memory_utilization
    seqs = max_num_seqs or d.max_num_seqs
    tokens = max_num_batched_tokens or d.max_num_batched_tokens
    activation = vllm_activation(
        spec, tensor_parallel=tensor_parallel, max_num_seqs=seqs, max_num_batched_tokens=tokens, era=era
    )
    if not language_model_only:
        activation += vllm_encoder_profile(
            spec,
            version=version or era,
            max_model_len=max_model_len,
            max_num_batched_tokens=tokens,
            tensor_parallel=tensor_parallel,
            video=not no_video,
            max_num_seqs=seqs,
        )
    non_torch = vllm_non_torch(tensor_parallel, version)
    if enforce_eager:
        graphs = 0.0
    elif d.cuda_graphs_in_budget:
        graphs = CUDA_GRAPHS_IN_BUDGET
    else:
        full = CUDA_GRAPHS_OUTSIDE_TENSOR_PARALLEL if tensor_parallel > 1 else CUDA_GRAPHS_OUTSIDE
        share = vllm_graph_share(spec, era, version, max_num_seqs=seqs, max_num_batched_tokens=tokens)
        graphs = max(CUDA_GRAPHS_IN_BUDGET, full * share)
    return VllmGpu(
        total,
        util,
        weights,
        activation,
        non_torch,
        graphs,
        d.cuda_graphs_in_budget,
        kv_needed_paged(kv_per_token, max_model_len),
        seqs,
        state=(
            vllm_v0_state(spec, max_num_seqs=seqs, tensor_parallel=tensor_parallel)
            if vllm_mamba_prealloc(version)
            else 0.0
        ),
    )
