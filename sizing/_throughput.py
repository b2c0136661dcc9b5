"""Hardware throughput a device offers an engine: bandwidth and matrix rates by precision path.

llama.cpp's prompt processing runs quantized weights through int8 matrix kernels on CUDA/ROCm
(MMQ), 16-bit weights through BLAS at the FP16 matrix rate, and everything on Metal at the GPU's
FP16 (= FP32) rate; CPUs use their SIMD FMA units.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from .hardware import CpuFamily, DeviceDatabase, DeviceSpec, Hardware

__all__ = [
    "NO_FP16_ARITH_SHARE",
    "CpuCompute",
    "attention_tflops",
    "cpu_compute",
    "matrix_tflops",
    "sm_ghz",
    "tile_attention_tflops",
    "vector_tflops",
]

# RDNA's int8 WMMA (twice the FP16 rate on RDNA 4) does not speed up llama.cpp's quantized prompt
# kernels (MMQ, which ggml-org/llama.cpp ggml/src/ggml-cuda/mmq.cu picks on RDNA 3/4 since PR
# #18537), which spend their time loading and unpacking weight tiles as much as in the matrix
# instructions: pp512 of Llama-2-7B Q4_0 reaches 32-38 % of the FP16 WMMA peak alike on an RX 7900
# XTX (RDNA 3, int8 = FP16 rate; llama.cpp ROCm scoreboard, discussions/15021), a Radeon AI PRO
# R9700 (RDNA 4, int8 = 2x FP16; kyuz0/amd-r9700-ai-toolboxes) and a Ryzen AI Max+ 395
# (kyuz0/amd-strix-halo-toolboxes), rows in benchmarks/data
_MMQ_AT_FP16_RATE_ARCH = "rdna"
# RDNA generations whose WMMA units take ROCm's prompt flash attention for some head shapes
_WMMA_ATTENTION_ARCHS = ("rdna3", "rdna3-5", "rdna4")

# a CPU nobody named: 8 cores at 3.5 GHz with AVX2 (two 256-bit FMAs = 32 FP32 FLOPs/cycle)
_DEFAULT_CPU = (8, 3.5, 32)
# a server CPU nobody named (server-sized RAM in more than two channels, or a server line without its
# model): a mid-range 32-core part at 2.5 GHz, 32 FP32 FLOPs/cycle (EPYC 9354: 32 cores, 3.25 GHz; Xeon
# Gold 6430: 32 cores, 2.1 GHz; both rows in the CPU data with their sources)
_DEFAULT_SERVER_CPU = (32, 2.5, 32)
_SERVER_CHANNELS = 6  # Xeon Scalable's six channels per socket are the fewest of a server line

# llama.cpp's CPU prompt kernels multiply int8 weights by int8 activations. One Arm SDOT does 16 int8
# multiply-adds into four 32-bit sums; an Armv8.0-A core without the dot-product extension needs four
# instructions for the same 16 (SMULL and SMULL2 widening to 16 bits, two SADALP pairwise adds: the
# fallback of ggml's NEON vec_dot_q*_q8 kernels), so its int8 path runs at a quarter of the rate per
# instruction (Arm A64 instruction set: SDOT, FEAT_DotProd, Armv8.2-A)
NO_DOT_INT8_SHARE = 0.25
# 16-bit weights on those Armv8.0-A cores: FP16 vector arithmetic (FEAT_FP16) is an Armv8.2-A extension
# too, so ggml's F16 dot products load four halves of each operand, widen both to FP32 (FCVTL) and
# multiply-add in FP32 (the GGML_F32Cx4 fallback of ggml-cpu's simd-mappings.h): three vector
# instructions on the same FP/ASIMD pipes per FP32 FMA, a third of the FMA rate
NO_FP16_ARITH_SHARE = 1 / 3


@dataclass(frozen=True, slots=True)
class CpuCompute:
    cores: int
    ghz: float
    flops_per_cycle: int
    int8_dot: bool = True  # int8 dot-product instructions (AVX2 VPMADDUBSW, Arm SDOT)

    @property
    def tflops(self) -> float:
        return self.cores * self.ghz * self.flops_per_cycle / 1000

    @property
    def int8_tflops(self) -> float:
        """Peak of the quantized prompt path, in the FP32 FMA peak's units: the same where the cores
        have int8 dot products, a quarter of it where they widen and add pairwise instead."""
        return self.tflops * (1.0 if self.int8_dot else NO_DOT_INT8_SHARE)

    @property
    def half_tflops(self) -> float:
        """Peak of the 16-bit prompt path, in the same units: the FMA peak, or a third of it on the
        Armv8.0-A cores (no int8 dot product, and no FP16 arithmetic either) that widen every half."""
        return self.tflops * (1.0 if self.int8_dot else NO_FP16_ARITH_SHARE)


class _Same:
    """A database as a cache key: by identity (it is immutable), without hashing its contents."""

    __slots__ = ("db",)

    def __init__(self, db: DeviceDatabase) -> None:
        self.db = db

    def __hash__(self) -> int:
        return id(self.db)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and other.db is self.db


@functools.lru_cache(maxsize=4)
def _cpu_families(key: _Same) -> Mapping[str, CpuFamily]:
    """The database's CPU families by id (the first row of an id, in file order)."""
    by_id: dict[str, CpuFamily] = {}
    for c in key.db.cpus:
        by_id.setdefault(c.id, c)
    return MappingProxyType(by_id)


def cpu_compute(hw: Hardware, db: DeviceDatabase) -> CpuCompute:
    # six channels or more is a server (said, or inferred from server-sized RAM); a quad-channel
    # desktop, X99 or a Threadripper, keeps the desktop default
    server = (hw.ram_channels or 0) >= _SERVER_CHANNELS
    cores, ghz, fpc = _DEFAULT_SERVER_CPU if server else _DEFAULT_CPU
    dot = True
    if hw.cpu is not None:
        fam = _cpu_families(_Same(db)).get(hw.cpu.family) if hw.cpu.family is not None else None
        if hw.cpu.cores:
            cores = hw.cpu.cores
        if fam is not None:
            ghz = fam.ghz or ghz
            fpc = fam.flops_per_cycle
            dot = fam.int8_dot
            if fam.cores:
                cores = fam.cores
        cores *= hw.cpu.sockets
    elif hw.soc is not None and hw.soc.spec is not None and hw.soc.spec.cpu_cores:
        cores = hw.soc.spec.cpu_cores
        fpc = 16  # Apple/Arm cores: four 128-bit NEON FMA pipes at FP32 (the P-cores do 16 FLOPs/cycle)
    return CpuCompute(cores, ghz, fpc, dot)


def matrix_tflops(
    spec: DeviceSpec | None, db: DeviceDatabase, backend: str, quantized: bool, *, bf16: bool = False
) -> tuple[float, str]:
    """(peak dense matrix throughput in 10^12 ops/s, path) that the backend's prompt kernels use.

    path "tc": matrix units (tensor cores, WMMA/MFMA, XMX) - int8 for quantized weights on CUDA/ROCm
    (MMQ; on RDNA no faster than its FP16 WMMA rate), FP16 otherwise; "simd": shader ALUs (DP4A int8
    on Pascal, FP16/FP32 on Apple M1-M4 and GPUs without matrix units, SIMD on CPUs). `bf16`: BF16
    weights, which shader ALUs without matrix units multiply at their FP32 rate: their packed 16-bit
    math is FP16 only (Pascal, Vega/GCN 5, RDNA 1-2 have no BF16 FMA), so BF16 products are widened
    to FP32 first (ggml-cuda hands BF16 weights to the BLAS library's BF16 GEMM, cublasGemmEx or
    hipblasGemmEx with FP32 compute, ggml_cuda_op_mul_mat_cublas; on those chips it runs on the FP32
    ALUs)."""
    if spec is None:
        return 20.0, "simd"  # an unnamed mid-range card
    t16, t16acc, i8 = db.tensor_rates(spec)
    fp32 = spec.fp32_tflops or 1.0
    fp16 = spec.fp16_tflops or fp32
    arch = db.architectures.get(spec.arch or "")
    has_tc = bool(t16) and (
        arch is None or arch.tensor_fp16_per_fp32 > 1.0 or spec.tensor_fp16_tflops is not None
    )
    if backend in ("cuda", "rocm"):
        if quantized and i8 and has_tc and (spec.arch or "").startswith(_MMQ_AT_FP16_RATE_ARCH):
            return min(i8, t16acc or i8), "tc"
        if quantized and i8:
            return (i8, "tc") if has_tc else (i8, "simd")  # MMQ on matrix units, or DP4A
        if has_tc and t16acc:
            return t16acc, "tc"  # cuBLAS with FP16 accumulation (llama.cpp's F16 matmuls)
        return (fp32 if bf16 and not quantized else max(fp16, fp32)), "simd"
    if backend in ("vulkan", "sycl", "metal"):
        if has_tc and t16:
            return t16, "tc"  # cooperative matrices / XMX / Apple M5 neural accelerators
        return (fp32 if bf16 and not quantized else max(fp16, fp32)), "simd"
    return max(fp16, fp32), "simd"


def sm_ghz(spec: DeviceSpec | None, db: DeviceDatabase) -> float:
    """Streaming multiprocessors x boost clock (GHz) of one GPU of the board: its FP32 rate over the
    FP32 lanes of an SM (two FLOPs per lane and clock), where its architecture gives the lanes (NVIDIA's
    whitepapers); 0 where not known. The FP32 rate alone counts an SM of 128 lanes (Ampere GA10x, Ada,
    Hopper, Blackwell) twice one of 64 (Volta, Turing, GA100) at the same clock."""
    if spec is None or not spec.fp32_tflops:
        return 0.0
    arch = db.architectures.get(spec.arch or "")
    if arch is None or not arch.fp32_lanes_per_sm:
        return 0.0
    return spec.fp32_tflops * 1000 / (2 * arch.fp32_lanes_per_sm) / max(1, spec.board_gpus)


def vector_tflops(spec: DeviceSpec | None) -> float:
    """Shader (non-matrix) rate that unpacks and multiplies weights at batch 1: the faster of FP32 and
    packed FP16 (RDNA3's dual issue shows in its FP16 figure)."""
    if spec is None:
        return 20.0  # an unnamed mid-range card
    rate = max(spec.fp32_tflops or 0.0, spec.fp16_tflops or 0.0) or 20.0
    return rate / max(1, spec.board_gpus)


def attention_tflops(
    spec: DeviceSpec | None, db: DeviceDatabase, backend: str, *, prompt: bool = False
) -> float:
    """Peak rate flash attention runs at (`prompt`: over a prompt batch, else for one generated
    token): the 16-bit matrix units, except where the backend's attention kernels use the shader
    ALUs. Vulkan on Intel Arc uses them throughout; Vulkan's matrix-unit prompt attention needs
    NVIDIA's VK_NV_cooperative_matrix2, elsewhere it is shader arithmetic too: measured
    pp2048 @ d16384 on an Arc Pro B70 runs at ~1 % of its XMX rate (kyuz0/intel-b70-ai-toolboxes),
    and on a Ryzen AI Max+ 395 the added time per token from d0 to d32768 gives ~2.5 TFLOPS, a
    share of its shader FP16 rate close to what an RTX 5090 reaches of its tensor rate under
    Vulkan (kyuz0/amd-strix-halo-toolboxes; llama.cpp Vulkan depth tables in benchmarks/data)."""
    rate, _ = matrix_tflops(spec, db, backend, False)
    shader = spec is not None and (spec.vendor == "intel" or (prompt and spec.vendor != "nvidia"))
    if backend == "vulkan" and shader:
        return vector_tflops(spec)
    return rate


def tile_attention_tflops(spec: DeviceSpec | None, backend: str) -> float:
    """Peak rate of the shader-ALU ("tile") flash-attention kernel a backend falls back to for prompts
    whose head shape its matrix-unit kernel does not take, or 0 where the matrix kernel takes every
    shape. ROCm on RDNA 3, 3.5 and 4 runs prompt attention on WMMA only for grouped-query heads of
    size <= 128 (ggml-org/llama.cpp ggml/src/ggml-cuda/fattn.cu: "AMD WMMA is always faster than the
    tile kernel if the full tile width of 16 can be utilized", gated on gqa_opt_applies and head size
    <= 128; amd_wmma_available() is RDNA 3 and RDNA 4 in common.cuh; PR #18481): multi-head models
    (Llama 2), MLA (GLM-4.7-Flash) and head size 256 (Gemma 3/4, Qwen3.5/3.6) stay on the tile
    kernel, which public depth rows show running 2-3x slower than the grouped-query models on the
    same card (kyuz0/amd-r9700-ai-toolboxes and kyuz0/amd-strix-halo-toolboxes pp2048 @ d16384-65536
    in benchmarks/data)."""
    if backend == "rocm" and spec is not None and spec.arch in _WMMA_ATTENTION_ARCHS:
        return vector_tflops(spec)
    return 0.0
