"""Counts and sizes no rig has are never read silently: a count of none ("0x", "4e9x") or a minus sign
is said in a note, RAM of none is said as not read, and RAM no machine holds is refused the same way
at every door (a rig read alone, on the command line and the web API, as in an estimate)."""

from __future__ import annotations

import pytest

from sizing import EstimateError, parse_hardware, refuse_impossible_ram
from tests.web_client import web_client


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("0x 4080 super", "'0x' as a count of cards"),
        ("0 x rtx 4070", "'0x' as a count of cards"),
        ("4e9x a6000", "'4e9x' as a count of cards"),
        ("-3x 4060 ti", "read '-3x' as 3x"),
        ("4070 ti, 0gb ddr5", "did not read '0gb' as system RAM"),
        ("0.25x 5070 ti", "'0.25x' as a count of cards"),
        ("2x 4060 ti 16gb, 5e12 gb ram", "did not read '5e12 gb' as system RAM"),
        ("rx 7900 xtx with 1.2e4gb of ddr5", "did not read '1.2e4gb' as system RAM"),
    ],
)
def test_a_figure_no_rig_has_is_said(text: str, said: str) -> None:
    hw = parse_hardware(text)
    assert hw.gpus
    assert any(said in a for a in hw.assumptions), hw.assumptions


@pytest.mark.parametrize(
    "text", ["2x 4080 super, 64gb ram", "0x10de 4090 in lspci", "rtx 4070 with 32gb ddr5"]
)
def test_ordinary_figures_say_nothing(text: str) -> None:
    hw = parse_hardware(text)
    assert not any("count of cards" in a or "as system RAM" in a for a in hw.assumptions)


def test_ram_no_machine_holds_is_refused() -> None:
    with pytest.raises(EstimateError, match="more than any machine holds"):
        refuse_impossible_ram(parse_hardware("4070, 123456789012345678 gb ram"))
    refuse_impossible_ram(parse_hardware("4070, 2tb ram"))  # a large server's: read


async def test_the_web_parse_refuses_ram_no_machine_holds() -> None:
    async with web_client() as client:
        resp = await client.post("/v1/parse", json={"text": "a 4070 and 123456789012345678 gb of ram"})
        assert resp.status == 400
        payload = await resp.json()
    assert "more than any machine holds" in payload["error"]
