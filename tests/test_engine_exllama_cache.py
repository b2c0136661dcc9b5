"""ExLlama's cache gives every layer the whole max_seq_len, sliding-window layers too; llama.cpp keeps
only the window for those layers."""

from __future__ import annotations

from sizing import default_catalog, estimate, parse_hardware


def test_a_sliding_window_model_gets_a_full_cache_on_exllama() -> None:
    gemma = default_catalog().get("gemma-3-27b")
    rig = parse_hardware("RTX 3090")
    exl = estimate(gemma, rig, engine="exllama", quant="EXL2-6.0", context=32768)
    gguf = estimate(gemma, rig, engine="llama.cpp", quant="Q6_K", context=32768)
    # 62 layers x 16 KV heads x 128 x 2 (K and V) x 2 bytes x 32,768 tokens: about 16.6 GB
    assert 15.5e9 < exl.memory.kv_bytes < 17.5e9
    assert exl.memory.kv_bytes > 3 * gguf.memory.kv_bytes
    assert exl.verdict == "no"
