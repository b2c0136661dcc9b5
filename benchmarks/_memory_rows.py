"""Memory measurements the accuracy tests and benchmarks compare against, each with its public
source: llama.cpp's own KV-cache prints in published logs, and the Qwen team's memory benchmark."""

from __future__ import annotations

from typing import Any

# (model id, context tokens, kv_cache_bytes keyword arguments, MiB llama.cpp printed, where)
KV_PRINTS: list[tuple[str, int, dict[str, Any], float, str]] = [
    (
        "llama-3.1-8b",
        8192,
        {},
        1024.0,
        "KV self size = 1024.00 MiB: Ollama 0.5.4 log, RTX 4090 (a RunPod worker's log on GitHub)",
    ),
    (
        "glm-z1-32b-0414",
        32768,
        {},
        1952.0,
        "CUDA0 KV buffer size = 1952.00 MiB: https://github.com/ikawrakow/ik_llama.cpp/pull/370",
    ),
    ("llama-2-7b", 2048, {}, 1024.0, "KV self size = 1024.00 MiB (no GQA): a llama.cpp CUDA log on GitHub"),
    (
        "deepseek-r1",
        32768,
        {"k_type": "q8_0", "v_type": "q8_0"},
        1166.62,
        "MLA latent cache, q8_0: https://github.com/ikawrakow/ik_llama.cpp/pull/259",
    ),
    (
        "gpt-oss-20b",
        131072,
        {"swa_aware": False},
        6144.0,
        "ik_llama.cpp, no SWA shrink: https://github.com/ikawrakow/ik_llama.cpp/issues/822",
    ),
    (
        "llama-4-scout",
        256000,
        {"swa_aware": False, "pad": False},
        48000.0,
        "full KV on all 48 layers: a Mac Pro 2013 llama.cpp guide on GitHub (Vulkan log)",
    ),
]

# Qwen3 speed benchmark (QwenLM/Qwen3 docs/source/getting_started/speed_benchmark.md @7a2f61ff;
# section 3): Transformers on one H20, batch 1, input 1 token, 2048 generated; peak "MB" (MiB).
# (model id, quant id, measured MiB)
QWEN3_TRANSFORMERS_PEAK_MIB: list[tuple[str, str, int]] = [
    ("qwen3-0.6b", "BF16-HF", 1394),
    ("qwen3-1.7b", "BF16-HF", 3412),
    ("qwen3-4b", "BF16-HF", 7973),
    ("qwen3-4b", "AWQ-INT4", 2915),
    ("qwen3-8b", "BF16-HF", 15947),
    ("qwen3-8b", "FP8", 9323),
    ("qwen3-8b", "AWQ-INT4", 6177),
    ("qwen3-14b", "BF16-HF", 28402),
    ("qwen3-14b", "FP8", 16012),
    ("qwen3-14b", "AWQ-INT4", 9962),
    ("qwen3-32b", "BF16-HF", 62751),
    ("qwen3-32b", "FP8", 33379),
    ("qwen3-32b", "AWQ-INT4", 19109),
    ("qwen3-30b-a3b", "BF16-HF", 58462),
    ("qwen3-30b-a3b", "FP8", 30296),
]
# Left out: FP8 of the tied-embedding models (0.6B, 1.7B, 4B) measure higher than the tied
# weights by about one BF16 vocab x hidden matrix (15-23 %); those checkpoints appear to carry a
# separate output matrix, which the catalog (tie_embeddings: true) does not model.
QWEN3_GENERATED_TOKENS = 2049  # the prompt token plus 2048 generated

# (model id, MiB at input 6144, MiB at input 30720): KV growth over 24576 tokens
QWEN3_KV_SLOPE_MIB: list[tuple[str, int, int]] = [
    ("qwen3-8b", 16811, 20267),
    ("qwen3-30b-a3b", 59037, 61342),
    ("qwen3-32b", 64583, 70728),
]
