"""Ollama's own engine keeps checkpoints of each sequence's recurrent state in the cache (32 per sequence
for qwen3next from v0.15.5, 24 for the hybrid architectures from v0.17.1); from v0.30 those models
run in llama-server without them. A named release in that window is sized with them and says so."""

from __future__ import annotations

import pytest

from sizing import default_catalog, estimate, kv_cache_bytes, parse_hardware
from sizing.engines import EngineOptions, ollama_gguf_arch, ollama_recurrent_checkpoints


def _model(model_id: str):  # type: ignore[no-untyped-def]
    return default_catalog().resolve(model_id).model


@pytest.mark.parametrize(
    ("model_id", "version", "expected"),
    [
        ("qwen3-next-80b-a3b", "0.15.4", 0),  # before the architecture came to Ollama's engine
        ("qwen3-next-80b-a3b", "0.15.5", 32),  # its own cache
        ("qwen3-next-80b-a3b", "0.17.1", 24),  # the shared recurrent cache
        ("qwen3.5-9b", "0.17.0", 0),
        ("qwen3.5-9b", "0.17.1", 24),
        ("qwen3.5-122b-a10b", "0.24.0", 24),
        ("qwen3.5-9b", "0.30.0", 0),  # llama-server
        ("qwen3.5-9b", None, 0),  # no release named: the current one
        ("lfm2-1.2b", "0.17.0", 0),
        ("lfm2-1.2b", "0.17.1", 24),
        ("nemotron-nano-9b-v2", "0.20.0", 24),
        ("granite-4.0-h-tiny", "0.20.0", 0),  # not on Ollama's engine
        ("llama-3.1-8b", "0.20.0", 0),  # no recurrent state
    ],
)
def test_checkpoints_by_release(model_id: str, version: str | None, expected: int) -> None:
    assert ollama_recurrent_checkpoints(_model(model_id), version) == expected


@pytest.mark.parametrize(
    ("model_id", "arch"),
    [
        ("lfm2-1.2b", "lfm2"),
        ("lfm2-8b-a1b", "lfm2moe"),
        ("nemotron-nano-9b-v2", "nemotron_h"),
        ("nemotron-3-nano-30b-a3b", "nemotron_h_moe"),
    ],
)
def test_hybrid_architecture_names(model_id: str, arch: str) -> None:
    assert ollama_gguf_arch(_model(model_id)) == arch


def test_cache_holds_the_checkpoints() -> None:
    model = _model("qwen3.5-27b")
    plain = kv_cache_bytes(model, 32768).total
    with_copies = kv_cache_bytes(model, 32768, recurrent_copies=24).total
    state = kv_cache_bytes(model, 32768, recurrent_copies=1).total - plain  # one copy of every layer
    assert with_copies - plain == pytest.approx(24 * state)
    assert state > 0

    def sized(version: str | None):  # type: ignore[no-untyped-def]
        return estimate(
            model,
            parse_hardware("RTX 4090"),
            quant="Q4_K_M",
            context=8192,
            engine="ollama",
            engine_options=EngineOptions(version=version),
        ).memory

    old, new = sized("0.20.0"), sized(None)
    assert old.kv_bytes - new.kv_bytes == pytest.approx(24 * state, rel=1e-6)
    assert any("24 checkpoints" in n and "llama-server" in n for n in old.notes)
    assert not any("checkpoints" in n for n in new.notes)
