"""Card names written short: a mobile chip's glued M where no laptop row of that card exists ("GTX
960M", "Quadro M5000M") is that mobile chip, not the desktop card of its number; a Ti cut to a T glued
to the number ("1660T") is the Ti (no terabytes on a card's number), read with a note."""

from __future__ import annotations

import pytest

from sizing.hardware import parse_hardware
from tests.rig_reading import Gpus, gpus, typo_noted


@pytest.mark.parametrize(
    ("text", "name", "vram"),
    [
        ("old laptop with a GTX 960M (4GB) and 16GB RAM", "NVIDIA GeForce GTX 960M", 4.0),
        ("it crashes on my quadro m5000m", "NVIDIA Quadro M5000M", 8.0),
        ("GPU: GeForce GTX 980M 8GB", "NVIDIA GeForce GTX 980M", 8.0),
    ],
)
def test_a_mobile_chip_without_a_laptop_row(text: str, name: str, vram: float) -> None:
    hw = parse_hardware(text)
    assert [(g.name, g.count, g.vram_gb) for g in hw.gpus] == [(name, 1, vram)]
    assert hw.gpus[0].name != name.removesuffix("M")


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a laptop row exists: the M reads as it, as before
        ("RTX 3070M in my notebook", [("rtx-3070-laptop", 1, 8.0)]),
        ("GTX 1060M 6GB", [("gtx-1060-laptop", 1, 6.0)]),
    ],
)
def test_a_mobile_m_with_a_laptop_row(text: str, want: Gpus) -> None:
    assert gpus(parse_hardware(text)) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("1660T跑不动这个模型", [("gtx-1660-ti", 1, 6.0)]),
        ("my old GTX 1080T still works", [("gtx-1080-ti", 1, 11.0)]),
        ("RTX 3060T with 32GB of RAM", [("rtx-3060-ti", 1, 8.0)]),
    ],
)
def test_a_ti_cut_to_t(text: str, want: Gpus) -> None:
    hw = parse_hardware(text)
    assert gpus(hw) == want
    assert typo_noted(hw)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a T after an amount or a disk's size stays terabytes
        ("a 2T SSD and a 3090", [("rtx-3090", 1, 24.0)]),
        ("4090, 1T NVMe", [("rtx-4090", 1, 24.0)]),
    ],
)
def test_a_t_elsewhere_is_no_ti(text: str, want: Gpus) -> None:
    hw = parse_hardware(text)
    assert gpus(hw) == want
    assert not typo_noted(hw)
