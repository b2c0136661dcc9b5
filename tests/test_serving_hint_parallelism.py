"""The "serving several users" hint names the parallelism of the vLLM command it stands for:
tensor parallel over a group, pipeline stages when the model is split by layers."""

from __future__ import annotations

import re

import pytest

from sizing import advise, default_catalog, parse_hardware
from sizing.commands import launch_command
from sizing.estimate import estimate


def _flag(command: str, flag: str) -> int:
    m = re.search(rf"{flag} (\d+)", command)
    return int(m.group(1)) if m else 1


@pytest.mark.parametrize(
    ("model_id", "rig"),
    [("llama-3.3-70b", "3x RTX 3090"), ("llama-3.3-70b", "2x RTX 3090"), ("qwen2.5-32b", "2x RTX 3090")],
)
def test_the_hint_names_the_parallel_sizes_of_the_vllm_command(model_id: str, rig: str) -> None:
    model, hw = default_catalog().by_id[model_id], parse_hardware(rig)
    hints = [h for h in advise(model, hw).hints if h.startswith("Serving several users")]
    command = launch_command(estimate(model, hw, engine="vllm"))
    assert hints and command is not None
    tp, pp = _flag(command, "--tensor-parallel-size"), _flag(command, "--pipeline-parallel-size")
    if pp > 1 and tp > 1:
        assert f"{pp} pipeline stages of tensor parallel {tp}" in hints[0]
    elif pp > 1:
        assert f"pipeline parallel {pp}" in hints[0]
    else:
        assert f"tensor parallel {tp}" in hints[0]


def test_a_layer_split_over_three_cards_is_not_called_tensor_parallel_1() -> None:
    model, hw = default_catalog().by_id["llama-3.3-70b"], parse_hardware("3x RTX 3090")
    hint = next(h for h in advise(model, hw).hints if h.startswith("Serving several users"))
    assert "tensor parallel 1" not in hint and "pipeline parallel 3" in hint
