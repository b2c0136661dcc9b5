"""Benchmarks and the measured data they compare against (`make bench` writes docs/).

The rows the tests check the estimator against are exported here: the hardware-text corpus and
the reading corpora with their scorer, the KV-cache and peak-memory measurements, the speed rows
and the GGUF file sizes.
"""

from ._bench_rows import BenchRow, load_bench_rows, predict
from ._calibration import gguf_size_rows
from ._corpus import DEV_CORPUS, HELDOUT_CORPUS, expected_reading, load_corpus, safe_reading, score
from ._memory_rows import KV_PRINTS, QWEN3_GENERATED_TOKENS, QWEN3_KV_SLOPE_MIB, QWEN3_TRANSFORMERS_PEAK_MIB
from ._reading import CORPORA, KINDS, dev_path, heldout_path, split_of
from ._reading_match import model_ok, quant_ok, rig_misses, rig_misses_any

__all__ = [
    "CORPORA",
    "DEV_CORPUS",
    "HELDOUT_CORPUS",
    "KINDS",
    "KV_PRINTS",
    "QWEN3_GENERATED_TOKENS",
    "QWEN3_KV_SLOPE_MIB",
    "QWEN3_TRANSFORMERS_PEAK_MIB",
    "BenchRow",
    "dev_path",
    "expected_reading",
    "gguf_size_rows",
    "heldout_path",
    "load_bench_rows",
    "load_corpus",
    "model_ok",
    "predict",
    "quant_ok",
    "rig_misses",
    "rig_misses_any",
    "safe_reading",
    "score",
    "split_of",
]
