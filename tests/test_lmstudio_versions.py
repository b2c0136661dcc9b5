"""LM Studio's defaults by release: Max Concurrent Predictions (4 by default) came with 0.4.0; earlier
releases serve one prediction at a time, so a sliding-window model keeps one window of cache."""

from __future__ import annotations

import pytest

from sizing import default_catalog, estimate, parse_hardware
from sizing.engines import EngineOptions
from sizing.memory import lmstudio_default_sessions


@pytest.mark.parametrize(
    ("version", "sessions"),
    [("0.3.31", 1), ("0.3.9", 1), ("v0.4.0", 4), ("0.4.18", 4), (None, 4), ("beta", 4)],
)
def test_concurrent_predictions_by_release(version: str | None, sessions: int) -> None:
    assert lmstudio_default_sessions(version) == sessions


def test_an_older_release_keeps_one_sliding_window_of_cache() -> None:
    model = default_catalog().resolve("gemma-3-27b").model

    def kv(version: str) -> float:
        e = estimate(
            model,
            parse_hardware("RTX 4090"),
            quant="Q4_K_M",
            context=4096 * 4,
            engine="lmstudio",
            flash_attention=True,
            engine_options=EngineOptions(version=version),
        )
        return e.memory.kv.total

    assert kv("0.3.31") < kv("0.4.5")
