"""How the reading scorer compares a reading with a corpus case (benchmarks/_reading_match.py)."""

from __future__ import annotations

from typing import Any

import pytest

from benchmarks import model_ok, quant_ok, rig_misses, rig_misses_any
from sizing import default_catalog
from sizing.hardware import CpuInfo, GpuGroup, Hardware, SocInfo

TWO_3090 = GpuGroup(id="rtx-3090", name="NVIDIA GeForce RTX 3090", count=2, vram_gb=24)
PIXEL = SocInfo(id="google-tensor-g4", name="Google Tensor G4 (Pixel 9 Pro)")


def _rig(**fields: Any) -> dict[str, Any]:
    return {"gpus": [], "ram_gb": None, "unified_memory_gb": None, "soc": None, "cpu": None} | fields


def _model(model_id: str | None, family: str, params_b: float, active: float | None = None) -> dict[str, Any]:
    return {"id": model_id, "family": family, "params_b": params_b, "active_params_b": active}


ONE_3090 = [{"id": "rtx-3090", "count": 1, "vram_gb": 24}]
TENSOR_G4 = {"id": None, "name": "Google Tensor G4", "gpu_cores": None, "count": 1}


@pytest.mark.parametrize(
    ("expected", "reading", "misses"),
    [
        (
            _rig(gpus=[{"id": "rtx-3090", "count": 2, "vram_gb": 24}], ram_gb=64),
            Hardware(gpus=(TWO_3090,), ram_gb=64),
            [],
        ),
        (
            _rig(gpus=[{"id": "rtx-3090", "count": 2, "vram_gb": 24}]),
            Hardware(gpus=(TWO_3090,), ram_gb=24),
            ["ram"],
        ),
        (_rig(gpus=ONE_3090), Hardware(gpus=(TWO_3090,)), ["gpus"]),
        (_rig(soc=TENSOR_G4, unified_memory_gb=16), Hardware(soc=PIXEL, unified_memory_gb=16), []),
        (
            _rig(soc={"id": "*", "gpu_cores": None, "count": 1}, unified_memory_gb=36),
            Hardware(soc=SocInfo(id="m3-pro", name="Apple M3 Pro"), unified_memory_gb=36),
            [],
        ),
        (_rig(ram_gb=512, cpu="epyc 7742"), Hardware(ram_gb=512, cpu=CpuInfo(name="EPYC 7742")), []),
        (_rig(ram_gb=512, cpu="epyc 7742"), Hardware(ram_gb=512, cpu=CpuInfo(name="EPYC 9005")), ["cpu"]),
        (
            _rig(gpus=[{"id": None, "name": None, "count": 1, "vram_gb": 16}]),
            Hardware(gpus=(GpuGroup(id=None, name="unnamed GPU", count=1, vram_gb=16),)),
            [],
        ),
    ],
)
def test_rig_fields_read_differently_are_named(
    expected: dict[str, Any], reading: Hardware, misses: list[str]
) -> None:
    assert rig_misses(expected, reading) == misses


def test_no_reading_misses_every_stated_field() -> None:
    assert rig_misses(_rig(gpus=ONE_3090, ram_gb=64), None) == ["gpus", "ram"]


def test_an_alternative_reading_counts_as_right() -> None:
    sxm = _rig(gpus=[{"id": "a100-sxm", "count": 1, "vram_gb": 80}])
    pcie = _rig(gpus=[{"id": "a100-pcie", "count": 1, "vram_gb": 80}])
    reading = Hardware(gpus=(GpuGroup(id="a100-pcie", name="NVIDIA A100 PCIe 80 GB", count=1, vram_gb=80),))
    assert rig_misses_any([sxm, pcie], reading) == []
    assert rig_misses_any([sxm], reading) == ["gpus"]


@pytest.mark.parametrize(
    ("expected", "model_id", "right"),
    [
        (_model("qwen3-32b", "qwen3", 32.76), "qwen3-32b", True),
        (_model("qwen3-32b", "qwen3", 32.76), "qwq-32b", False),
        (_model(None, "llama", 70.6), "llama-3.3-70b", True),
        (_model(None, "qwen2", 7.62), "qwen3-8b", False),
        (_model(None, "qwen3", 30.5, 3.3), "qwen3-coder-30b-a3b", True),
        (_model(None, "qwen3", 30.5, 3.3), "qwen3-32b", False),
        (_model(None, "falcon", 41.8), "llama-3.1-8b", False),
    ],
)
def test_models_match_by_id_else_family_and_size(
    expected: dict[str, Any], model_id: str, right: bool
) -> None:
    catalog = default_catalog()
    got = catalog.get(model_id)
    assert got is not None
    assert model_ok(expected, got, frozenset(catalog.by_id)) is right


@pytest.mark.parametrize(
    ("expected", "read", "right"),
    [
        ("Q4_K_M", "q4", True),
        ("Q4_K_M", "Q4_K_M", True),
        ("Q8_0", "Q4", False),
        (None, None, True),
        (None, "Q4", False),
        ("UD-Q5_K_XL", None, False),
    ],
)
def test_quants_compare_as_canirun_ids(expected: str | None, read: str | None, right: bool) -> None:
    assert quant_ok(expected, read) is right
