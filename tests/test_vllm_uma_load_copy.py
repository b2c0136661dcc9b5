"""vLLM releases before 0.24 on an integrated NVIDIA GPU (DGX Spark) hold about a second copy of the
weights in the unified memory while they size the KV cache; where the budget, that copy and the OS's and
vLLM's own share exceed the machine, the answer is tight and names a lower --gpu-memory-utilization
where the model still starts there, and otherwise says it does not start and names the release that
frees the copy."""

from __future__ import annotations

import re

import pytest

from bot.answers import answer_text
from bot.render import option_summary
from sizing import default_catalog, estimate, parse_hardware
from sizing.engines import EngineOptions, vllm_uma_load_copy
from sizing.memory import Placement


def _answer(hardware: str, model: str, quant: str, **opts: object) -> tuple[Placement, tuple[str, ...]]:
    spec = default_catalog().resolve(model).model
    e = estimate(
        spec,
        parse_hardware(hardware),
        quant=quant,
        context=32768,
        engine="vllm",
        engine_options=EngineOptions(**opts),  # type: ignore[arg-type]
    )
    return e.memory.placement, e.assumptions


@pytest.mark.parametrize(
    ("version", "holds"),
    [("0.23.0", True), ("0.22.1rc1", True), ("v1", True), ("0.24.0", False), ("0.25", False), (None, False)],
)
def test_releases_before_0_24_hold_the_copy(version: str | None, holds: bool) -> None:
    assert vllm_uma_load_copy(version) is holds


def test_an_old_release_where_no_budget_leaves_room_for_the_copy_does_not_start_and_says_why() -> None:
    old, notes = _answer("DGX Spark", "gpt-oss-120b", "MXFP4", gpu_memory_utilization=0.7, version="0.22")
    assert old.verdict == "no"
    assert "0.24" in old.notes[0] and "second copy of the weights" in old.notes[0]
    assert any("0.24" in n and "second copy of the weights" in n for n in notes)


def test_the_release_that_frees_the_copy_is_the_first_fix() -> None:
    a = answer_text("gpt-oss 120b on a dgx spark with vllm 0.22, will it start?", default_catalog())
    assert a.verdict.startswith("No: vLLM before 0.24")
    assert a.fixes[0].change.startswith("update vLLM to 0.24 or later")


def test_a_lower_utilization_is_named_where_the_model_still_starts() -> None:
    old, _ = _answer("DGX Spark", "qwen3-coder-next", "NVFP4", gpu_memory_utilization=0.6, version="0.23")
    utils = [
        float(m[1]) for s in old.settings if (m := re.fullmatch(r"--gpu-memory-utilization (0\.\d+)", s.flag))
    ]
    assert old.tight and len(utils) == 1 and utils[0] < 0.6


def test_the_current_release_and_a_discrete_gpu_are_unchanged() -> None:
    new, _ = _answer("DGX Spark", "qwen3-coder-next", "NVFP4", gpu_memory_utilization=0.5, version="0.24.0")
    assert new.verdict == "gpu" and not new.tight
    h100_old, _ = _answer("H100 80GB", "qwen3-coder-next", "NVFP4", version="0.22")
    h100_new, _ = _answer("H100 80GB", "qwen3-coder-next", "NVFP4", version="0.24")
    assert h100_old.tight == h100_new.tight and h100_old.settings == h100_new.settings


def test_a_start_refused_for_the_copy_shows_no_memory_shortfall() -> None:
    a = answer_text("gpt-oss 120b on a dgx spark with vllm 0.22, will it start?", default_catalog())
    assert a.best is not None
    assert option_summary(a.best).endswith("does not fit")
