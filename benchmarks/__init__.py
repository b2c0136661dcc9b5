"""Benchmarks and the measured data they compare against (`make bench` writes docs/).

The rows the tests check the estimator against are exported here: the hardware-text corpus, the
KV-cache and peak-memory measurements, the llama-bench speed rows and the GGUF file sizes.
"""

from ._bench_rows import BenchRow, load_bench_rows, predict
from ._calibration import gguf_size_rows
from ._corpus import DEV_CORPUS, HELDOUT_CORPUS, expected_reading, load_corpus, safe_reading, score
from ._memory_rows import KV_PRINTS, QWEN3_GENERATED_TOKENS, QWEN3_KV_SLOPE_MIB, QWEN3_TRANSFORMERS_PEAK_MIB

__all__ = [
    "DEV_CORPUS",
    "HELDOUT_CORPUS",
    "KV_PRINTS",
    "QWEN3_GENERATED_TOKENS",
    "QWEN3_KV_SLOPE_MIB",
    "QWEN3_TRANSFORMERS_PEAK_MIB",
    "BenchRow",
    "expected_reading",
    "gguf_size_rows",
    "load_bench_rows",
    "load_corpus",
    "predict",
    "safe_reading",
    "score",
]
