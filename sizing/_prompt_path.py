"""Which kernels llama.cpp's CUDA/HIP backend multiplies a prompt's quantized weights with: its int8
kernels (MMQ) that read the quantized blocks directly, or dequantization to 16 bits followed by the
BLAS library's GEMM (cuBLAS, hipBLAS/hipBLASLt) on the 16-bit matrix units.

The choice is ggml_cuda_should_use_mmq (ggml-org/llama.cpp, ggml/src/ggml-cuda/mmq.cu, 2026 builds),
by the GPU's architecture, the tensor's type, the rows of a micro-batch and the model's expert count:

* every GPU takes MMQ for fewer than 64 rows (MMQ_DP4A_MAX_BATCH_SIZE);
* NVIDIA with int8 tensor cores (Turing and newer) always takes MMQ; Volta, whose tensor cores have
  FP16 but no int8 mode, hands larger batches to cuBLAS ("!fp16_mma_hardware_available(cc) || ne11 <
  MMQ_DP4A_MAX_BATCH_SIZE"), dense and routed-expert products alike;
* AMD CDNA 1-2 (MI100, MI210/MI250) keeps MMQ for more than 64 experts, for up to 128 rows, for the
  legacy 4/5-bit types and for Q4_K/Q5_K up to 256 rows; everything else goes to hipBLAS (CDNA 3 always
  takes MMQ: its hipBLAS path is slow there);
* AMD RDNA 3 and 3.5 keep MMQ for 64 or more experts; for dense models Q2_K above 128 rows and Q6_K
  above 128 (RDNA 3) or 256 rows (RDNA 3.5) go to hipBLAS, where MMQ's peak for those types is lower
  (ggml-org/llama.cpp PR #18537: RX 7900 XTX Q6_K tables); RDNA 4 always takes MMQ.
"""

from __future__ import annotations

# below this many rows every GPU multiplies quantized weights with MMQ (ggml-cuda's
# MMQ_DP4A_MAX_BATCH_SIZE)
MMQ_MIN_BLAS_ROWS = 64

_LEGACY_TYPES = ("Q4_0", "Q4_1", "Q5_0", "Q5_1")
_CDNA_BLAS_ARCHS = ("cdna1", "cdna2")
_RDNA_BLAS_ARCHS = ("rdna3", "rdna3-5")


def _tensor_type(ftype: str) -> str:
    """The block type most of a file's weights are stored in ("Q4_K_M" -> "Q4_K")."""
    return ftype[:4] if ftype[:2] in ("Q2", "Q3", "Q4", "Q5", "Q6") and ftype[3:4] == "K" else ftype


def prompt_takes_blas(arch: str, ftype: str, rows: int, experts: int) -> bool:
    """Whether a prompt's quantized products of `rows` rows per micro-batch on a GPU of architecture
    `arch` go through dequantization and the BLAS library rather than MMQ (`experts`: the model's
    routed experts, 0 for a dense model)."""
    if rows < MMQ_MIN_BLAS_ROWS or not ftype:
        return False
    kind = _tensor_type(ftype)
    if arch == "volta":
        return True
    if arch in _CDNA_BLAS_ARCHS:
        if experts > 64 or rows <= 128 or kind in _LEGACY_TYPES:
            return False
        return not (kind in ("Q4_K", "Q5_K") and rows <= 256)
    if arch in _RDNA_BLAS_ARCHS:
        if experts >= 64:
            return False
        if kind == "Q2_K":
            return rows > 128
        if kind == "Q6_K":
            return rows > (128 if arch == "rdna3" else 256)
    return False


def dequant_traffic(bits: float) -> float:
    """Memory traffic per quantized weight byte of the dequantization pass: the quantized bytes read
    and a 16-bit copy written (2 bytes per weight); the GEMM's read of that copy is the 16-bit path's
    own, as for 16-bit weights."""
    return 1.0 + 2 * 8 / max(bits, 1.0)
