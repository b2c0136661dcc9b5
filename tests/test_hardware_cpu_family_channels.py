"""A CPU family named without its model gives the memory channels of its platform, over the generic
server guess by the amount: Ryzen Threadripper has four channels, Threadripper PRO eight; its cores
are the fewest its line has."""

from __future__ import annotations

import pytest

from sizing import parse_hardware


@pytest.mark.parametrize(
    ("text", "channels", "ram_type"),
    [
        ("an old threadripper workstation, 256gb of ram, cpu only", 4, "DDR4"),
        ("threadripper + 128gb ddr4, 2x 3090", 4, "DDR4"),
        ("threadripper box with 384gb ddr5", 4, "DDR5"),
        ("threadripper pro rig, 512gb ram", 8, "DDR4"),
        ("Threadripper PRO with 1TB DDR5 and an RTX 6000 Ada", 8, "DDR5"),
    ],
)
def test_a_threadripper_without_its_model_takes_its_family_channels(
    text: str, channels: int, ram_type: str
) -> None:
    hw = parse_hardware(text)
    assert hw.ram_channels == channels
    assert any("model not named" in a and ram_type in a for a in hw.assumptions), hw.assumptions
    assert not any("reads as a server" in a for a in hw.assumptions)
    # the fewest cores of the line, never a desktop's eight
    assert hw.cpu is not None and hw.cpu.cores is not None and hw.cpu.cores >= 12


def test_a_named_model_keeps_its_own_platform() -> None:
    hw = parse_hardware("threadripper pro 5975wx, 256gb")
    assert hw.ram_channels == 8
    assert not any("model not named" in a for a in hw.assumptions)


def test_other_servers_keep_the_guess_by_amount() -> None:
    hw = parse_hardware("a server with 512gb of ddr4, no gpu")
    assert any("reads as a server" in a for a in hw.assumptions)
