"""SGLang's memory on one GPU, the way its start-up computes and prints it.

`mem_fraction_static` is (weights + KV pool) / GPU memory. Unless set, SGLang derives it from a
reserve for activations and CUDA graphs that grows with the chunked-prefill size and the largest
captured batch, both chosen by GPU memory (python/sglang/srt/server_args.py
`_handle_gpu_memory_settings`): reserved MB = 512 + 1.5 x max(chunked_prefill_size, 2048)
+ 2 x cuda_graph_max_bs + 1024 x tp x pp / 8, at least 10 GiB on GPUs above 60 GB, and
mem_fraction_static = (GPU MB - reserved) / GPU MB. Releases before mid-2025 used a table by tensor
parallel size instead (0.88 at tp 1, 0.87 at 2, 0.85 at 4, 0.81 at 8).

For a multimodal checkpoint (one with a vision tower) SGLang lowers that default to leave its image
encoder room (server_args.py `adjust_mem_fraction_for_vlm`): fraction x 0.95 x clamp(1 - 0.1 x
(r - 1), 0.8, 1.05), where r is the tower's layers x hidden^2 over ViT-L/14's 24 x 1024^2. A
transformer layer holds about 12 x hidden^2 weights, so r is the tower's parameters over the 302 M
of ViT-L/14. Releases of the table era kept the full fraction for vision models; the lowered one is
the headroom SGLang itself came to keep for image encoders, so canirun judges against it there too.

The KV pool is what the fraction leaves of the memory that was free at start, after the weights
(python/sglang/srt/model_executor/model_runner.py `profile_max_num_token`):
rest = free after weights - free at start x (1 - mem_fraction_static). The server starts as long as
the pool is positive ("Not enough memory. Please try to increase --mem-fraction-static" otherwise);
requests longer than the pool are refused. The log prints "Load weight end ... mem usage=X GB" and
"KV Cache is allocated. #tokens: N, K size: X GB, V size: Y GB" (GiB).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ._overhead import TORCH_CUDA_CONTEXT, GiB, MiB
from .catalog import ModelSpec

__all__ = [
    "VIT_L14_PARAMS",
    "SglangDefaults",
    "SglangEra",
    "SglangGpu",
    "sglang_defaults",
    "sglang_gpu",
    "sglang_vision_params",
    "vlm_fraction_factor",
]

SglangEra = Literal["table", "current"]

# (GPU memory below, in MiB) -> (chunked_prefill_size, cuda_graph_max_bs at tp < 4, at tp >= 4)
_BY_GPU_MEMORY: tuple[tuple[float, int, int, int], ...] = (
    (20 * 1024, 2048, 8, 8),
    (35 * 1024, 2048, 24, 80),
    (60 * 1024, 4096, 32, 160),
    (90 * 1024, 8192, 256, 512),
    (160 * 1024, 8192, 256, 512),
    (float("inf"), 16384, 512, 512),
)
_LARGE_GPU_MIB = 60 * 1024
_LARGE_GPU_MIN_RESERVE_MIB = 10 * 1024
# the older table by tensor-parallel size: (tp at least, fraction)
_FRACTION_BY_TP: tuple[tuple[int, float], ...] = ((16, 0.79), (8, 0.81), (4, 0.85), (2, 0.87), (1, 0.88))
# NCCL communicators of a tensor-parallel group, held before the free memory is measured
# (the non-torch growth vLLM prints at tp 2 on H100, llm-d-benchmark empirical-vllm-memory-results.md)
_NCCL_TENSOR_PARALLEL = 0.42 * GiB
# adjust_mem_fraction_for_vlm: base reduction, sensitivity per doubling of the tower, factor bounds
_VLM_BASE_FACTOR = 0.95
_VLM_SENSITIVITY = 0.1
_VLM_FACTOR_BOUNDS = (0.8, 1.05)
# ViT-L/14, SGLang's baseline tower: 24 layers of hidden 1024, about 12 x hidden^2 weights a layer
VIT_L14_PARAMS = 24 * 12 * 1024**2


def vlm_fraction_factor(vision_params: float) -> float:
    """How much SGLang lowers its default mem_fraction_static for a vision tower of `vision_params`
    parameters (1.0 for a text-only model)."""
    if vision_params <= 0:
        return 1.0
    ratio = vision_params / VIT_L14_PARAMS
    low, high = _VLM_FACTOR_BOUNDS
    return _VLM_BASE_FACTOR * max(low, min(high, 1.0 - _VLM_SENSITIVITY * (ratio - 1.0)))


def sglang_vision_params(spec: ModelSpec) -> float:
    """The vision tower SGLang sizes its headroom for: the catalog's count, or SGLang's own baseline
    (ViT-L/14, what it assumes when the tower's config gives no size) for a multimodal checkpoint whose
    tower the catalog does not count; 0 for a text-only model."""
    if spec.vision_params_b:
        return spec.vision_params_b * 1e9
    return float(VIT_L14_PARAMS) if "vision" in spec.tasks else 0.0


@dataclass(frozen=True, slots=True)
class SglangDefaults:
    mem_fraction_static: float  # what this release picks by itself
    chunked_prefill_size: int
    cuda_graph_max_bs: int
    reserved: float  # bytes SGLang sets aside for activations and CUDA graphs
    designed_fraction: float  # the fraction whose headroom SGLang now keeps (vision towers included)


def sglang_defaults(
    gpu_total: float, tensor_parallel: int, era: SglangEra = "current", vision_params: float = 0.0
) -> SglangDefaults:
    """SGLang's own choice of mem_fraction_static, chunked prefill and graph batch for this GPU;
    `vision_params`: the parameters of the model's vision tower (0 for a text-only model)."""
    gpu_mib = gpu_total / MiB
    _, chunk, bs_small, bs_large = next(row for row in _BY_GPU_MEMORY if gpu_mib < row[0])
    bs = bs_small if tensor_parallel < 4 else bs_large
    reserved_mib = 512 + 1.5 * max(chunk, 2048) + 2 * bs + tensor_parallel / 8 * 1024
    if gpu_mib > _LARGE_GPU_MIB:
        reserved_mib = max(reserved_mib, _LARGE_GPU_MIN_RESERVE_MIB)
    vlm = vlm_fraction_factor(vision_params)
    if era == "table":
        table = next(f for tp, f in _FRACTION_BY_TP if tensor_parallel >= tp)
        fraction, designed = table, table * vlm
    else:
        fraction = designed = round((gpu_mib - reserved_mib) / gpu_mib, 3) * vlm
    return SglangDefaults(fraction, chunk, bs, reserved_mib * MiB, designed)


@dataclass(frozen=True, slots=True)
class SglangGpu:
    total: float
    free_at_start: float  # what SGLang measures before loading (its "total_gpu_memory")
    mem_fraction_static: float
    default_fraction: float
    weights: float
    kv_needed: float  # one sequence of the planned context on this GPU
    reserved: float  # SGLang's own reserve for activations and graphs at its default fraction
    cuda_context: float = TORCH_CUDA_CONTEXT

    @property
    def kv_pool(self) -> float:
        return self.free_at_start * self.mem_fraction_static - self.weights

    @property
    def headroom(self) -> float:
        """Memory left for activations and CUDA graphs once the static pool is allocated."""
        return self.free_at_start * (1 - self.mem_fraction_static)

    @property
    def starts(self) -> bool:
        return self.kv_pool > 0

    @property
    def serves_context(self) -> bool:
        return self.kv_pool >= self.kv_needed

    @property
    def headroom_as_designed(self) -> bool:
        """At least the headroom SGLang's own default would leave on this GPU."""
        return self.mem_fraction_static <= self.default_fraction + 1e-9

    def fraction_for(self, kv_bytes: float) -> float:
        """The mem_fraction_static that gives a pool of `kv_bytes`."""
        return (self.weights + kv_bytes) / self.free_at_start if self.free_at_start > 0 else 1.0


def sglang_gpu(
    *,
    weights: float,
    kv_needed: float,
    total: float,
    tensor_parallel: int,
    reserve: float = 0.0,
    mem_fraction_static: float | None = None,
    era: SglangEra = "current",
    vision_params: float = 0.0,
) -> SglangGpu:
    """SGLang's numbers for one GPU holding `weights` (its tensor-parallel share); `reserve` is memory
    other programs hold (the desktop), which lowers what SGLang finds free at start."""
    d = sglang_defaults(total, tensor_parallel, era, vision_params)
    nccl = _NCCL_TENSOR_PARALLEL if tensor_parallel > 1 else 0.0
    free = max(0.0, total - TORCH_CUDA_CONTEXT - reserve - nccl)
    fraction = mem_fraction_static or d.mem_fraction_static
    return SglangGpu(total, free, fraction, d.designed_fraction, weights, kv_needed, d.reserved)
