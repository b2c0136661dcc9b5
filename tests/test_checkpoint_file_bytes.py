"""A published checkpoint whose files' bytes are known weighs those bytes where an engine loads it
(vLLM, SGLang): its own group size and scale type can differ from its format's general rule, and
the files are what the GPUs hold."""

from __future__ import annotations

import pytest

from sizing import default_catalog, estimate, parse_hardware
from sizing.catalog import resolve_quant
from sizing.engines import checkpoint_precisions, checkpoint_weight_bytes

_PUBLISHED = sorted((m, q, c.file_bytes) for (m, q), c in checkpoint_precisions().items() if c.file_bytes)


def test_some_checkpoints_publish_their_bytes() -> None:
    assert len(_PUBLISHED) >= 2


@pytest.mark.parametrize(("model_id", "quant", "file_bytes"), _PUBLISHED)
def test_a_checkpoint_with_published_bytes_loads_those_bytes(
    model_id: str, quant: str, file_bytes: int
) -> None:
    spec = default_catalog().by_id[model_id]
    w = checkpoint_weight_bytes(spec, resolve_quant(quant))
    assert w.total == pytest.approx(file_bytes, rel=1e-6)
    assert w.embedding > 0  # the 16-bit tables are kept, the quantized layers take the difference


@pytest.mark.parametrize(
    ("model", "rig", "least_per_gpu_gb"),
    [
        # about 595 GB of INT4 files over 8 cards: 74.4 GB each before any cache
        ("kimi-k2.6", "8x h100", 74.0),
        ("kimi-k2.7-code", "8x h100", 74.0),
        ("kimi-k2.6", "8x h200", 74.0),
    ],
)
def test_vllm_holds_a_published_checkpoint_at_its_file_size(
    model: str, rig: str, least_per_gpu_gb: float
) -> None:
    e = estimate(
        default_catalog().by_id[model],
        parse_hardware(rig),
        quant="GPTQ-INT4",
        context=65536,
        engine="vllm",
    )
    gpus = [d for d in e.memory.placement.devices if d.kind == "gpu"]
    assert len(gpus) == 8
    assert min(d.weights for d in gpus) / 1e9 >= least_per_gpu_gb
