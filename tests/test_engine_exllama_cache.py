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


def test_a_load_exllama_cannot_split_still_shows_each_gpu_past_its_capacity() -> None:
    spec = default_catalog().resolve("glm-4.5-air").model
    e = estimate(spec, parse_hardware("2x RTX 3090"), quant="EXL3 3.0bpw", context=65536, engine="exllama")
    p = e.memory.placement
    assert p.verdict == "no" and p.shortfall > 0
    gpus = [d for d in p.devices if d.kind == "gpu"]
    assert len(gpus) == 2 and sum(d.layers for d in gpus) == spec.layers
    assert any(d.weights + d.kv + d.compute + d.runtime > d.usable for d in gpus)
