"""Accelerators that run only their vendor's own software (Gaudi, Ascend, Tenstorrent) are said to
be outside what canirun sizes: never answered as if the rig had no accelerator at all."""

from __future__ import annotations

import pytest

from sizing import Catalog, EstimateError, advise, parse_hardware


@pytest.mark.parametrize("rig", ["Gaudi 3", "2x Ascend 910B", "Tenstorrent n150d"])
def test_without_ram_there_is_nothing_to_answer_and_the_error_says_why(catalog: Catalog, rig: str) -> None:
    with pytest.raises(EstimateError, match="does not size yet") as err:
        advise(catalog.by_id["llama-3.1-8b"], parse_hardware(rig))
    assert err.value.hint is not None and "system RAM" in err.value.hint


def test_with_ram_the_cpu_answer_says_the_accelerator_was_left_out(catalog: Catalog) -> None:
    advice = advise(catalog.by_id["llama-3.1-8b"], parse_hardware("Gaudi 3, 256GB DDR5"))
    assert advice.options[0].estimate.backend == "cpu"
    assert "Intel Gaudi 3" in advice.summary and "CPU and system RAM alone" in advice.summary


def test_an_asked_cpu_backend_is_answered_without_the_note(catalog: Catalog) -> None:
    advice = advise(catalog.by_id["llama-3.1-8b"], parse_hardware("Gaudi 3, 256GB DDR5"), backend="cpu")
    assert "vendor" not in advice.summary
