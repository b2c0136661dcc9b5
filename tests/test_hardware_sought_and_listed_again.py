"""Cards the user is after or is told to get are not owned ("where to find a 3090", "looking for a used
4090", "建议用4x A100"); of two computers in one sentence one is the rig; a PCI bus id is one card however
many APIs list it; a card's MiB total said with 内存 is its memory; older Xeons and a bare "2680x2"
name their CPU; a 20 GB RTX 3080 is one card of 20 GB."""

from __future__ import annotations

import pytest

from sizing.hardware import parse_hardware
from tests.rig_reading import Gpus, gpus


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Where can I find a cheap 3090? I run a 3060 now", [("rtx-3060", 1, 12.0)]),
        (
            "does anyone know where to find a blower-style dual slot GPU 4090? mine is a 3080",
            [("rtx-3080", 1, 10.0)],
        ),
        ("I'm looking for a used 4090, my current card is a 3060 Ti", [("rtx-3060-ti", 1, 8.0)]),
        ("trying to rent an A100 because my 4060 Ti 16GB is too small", [("rtx-4060-ti", 1, 16.0)]),
        # no search: "I find my 3090 slow" is the user's card; "looking for a model" seeks no card
        ("I find my 3090 slow with 70B models", [("rtx-3090", 1, 24.0)]),
        (
            "looking for a model that runs on a 4070 and a 3060",
            [("rtx-3060", 1, 12.0), ("rtx-4070", 1, 12.0)],
        ),
        # a card suggested in Chinese, beside the one the user has
        ("我只有一张3090，建议用4x A100吗", [("rtx-3090", 1, 24.0)]),
        ("我的是3090，两张A6000可能是更合理的方案", [("rtx-3090", 1, 24.0)]),
    ],
)
def test_a_card_sought_or_suggested_is_not_owned(text: str, want: Gpus) -> None:
    assert gpus(parse_hardware(text)) == want


@pytest.mark.parametrize(
    ("text", "want", "left_out"),
    [
        # the computer named first is the rig; the other's card is noted
        ("I have a 3090 desktop, and my laptop has a 4060", [("rtx-3090", 1, 24.0)], "4060"),
        ("my laptop has a 4070 and my desktop a 4090", [("rtx-4070-laptop", 1, 8.0)], "4090"),
        # a later word asks about one of them: that one
        (
            "I have a 3090 desktop, and my laptop has a 4060. Will the laptop run Qwen3 8B?",
            [("rtx-4060-laptop", 1, 8.0)],
            "3090",
        ),
        # two sentences, one computer each: both listed as before
        ("Laptop: RTX 4060. Tower: RTX 3090", [("rtx-3090", 1, 24.0), ("rtx-4060-laptop", 1, 8.0)], None),
    ],
)
def test_two_computers_in_one_sentence(text: str, want: Gpus, left_out: str | None) -> None:
    h = parse_hardware(text)
    assert gpus(h) == want
    noted = [a for a in h.assumptions if "other computer" in a]
    assert (left_out is None and not noted) or (left_out is not None and left_out in " ".join(noted))


_CUDA_AND_DIRECTML = (
    "Memory Size: 32768 MB Total\n\nCUDA Driver:\n  Devices:\n"
    "    00000000:0A:00.0 0: NVIDIA GeForce RTX 3090 [86] 23 GB\n\n"
    "DirectML Driver:\n  Devices:\n"
    "    7721 0: NVIDIA GeForce RTX 3090 23 GB\n    7721 1: NVIDIA GeForce RTX 3090 23 GB"
)
_SMI_TWO = (
    "|   0  NVIDIA GeForce RTX 3090   Off | 00000000:2B:00.0 Off |  N/A |\n"
    "|   1  NVIDIA GeForce RTX 3090   Off | 0000:C1:00.0 Off |  N/A |\n"
)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (_CUDA_AND_DIRECTML, [("rtx-3090", 1, 24.0)]),
        (_SMI_TWO, [("rtx-3090", 2, 24.0)]),
    ],
)
def test_a_bus_id_is_one_card(text: str, want: Gpus) -> None:
    assert gpus(parse_hardware(text)) == want


@pytest.mark.parametrize(
    ("text", "want", "ram"),
    [
        (
            "RTX 3090/24576MiB 内存不够吗？ 换成两个NVIDIA RTX 3090/24576MiB 内存还是不够",
            [("rtx-3090", 2, 24.0)],
            None,
        ),
        ("| 0  NVIDIA GeForce RTX 3090  |  900MiB / 24576MiB 内存 |", [("rtx-3090", 1, 24.0)], None),
        # RAM said with 内存 away from the card stays RAM
        ("RTX 3060, 内存 32768MiB", [("rtx-3060", 1, 12.0)], 32.0),
    ],
)
def test_a_cards_mib_total_said_with_neicun(text: str, want: Gpus, ram: float | None) -> None:
    h = parse_hardware(text)
    assert (gpus(h), h.ram_gb) == (want, ram)


@pytest.mark.parametrize(
    ("text", "family", "sockets"),
    [
        ("old dual socket box: Xeon X5670, 96GB", "xeon-5500-5600", 2),
        ("Intel(R) Xeon(R) CPU L5640 @ 2.27GHz, 24 GB RAM", "xeon-5500-5600", 1),
        ("4x Xeon E7-4890 v2 with 512GB DDR3", "xeon-e7-v2", 1),
        ("two E7-8880 v3s and 256GB", "xeon-e7-v3-v4", 2),
        ("我的2690x2服务器，内存128G", "xeon-e5-v1-v2", 2),
        ("my 2697v4x2 box with 256GB", "xeon-e5-v3-v4", 2),
    ],
)
def test_older_xeons_and_a_bare_number_times_two(text: str, family: str, sockets: int) -> None:
    cpu = parse_hardware(text).cpu
    assert cpu is not None and (cpu.family, cpu.sockets) == (family, sockets)


@pytest.mark.parametrize("text", ["RTX 2680x2", "GTX 2660 x2"])
def test_a_card_number_times_two_is_no_cpu(text: str) -> None:
    assert parse_hardware(text).cpu is None


@pytest.mark.parametrize(
    ("text", "want", "ram"),
    [
        ("2x RTX 3080 20 GB, Windows 11", [("rtx-3080", 2, 20.0)], None),
        ("RTX 3080 20GB", [("rtx-3080", 1, 20.0)], None),
        # the sum of two stock cards, and "RAM" after the card, are not the 20 GB card
        ("2x 3080 (20GB VRAM)", [("rtx-3080", 2, 10.0)], None),
        ("RTX 3080 with 20GB of RAM", [("rtx-3080", 1, 10.0)], 20.0),
    ],
)
def test_a_20gb_rtx_3080(text: str, want: Gpus, ram: float | None) -> None:
    h = parse_hardware(text)
    assert (gpus(h), h.ram_gb) == (want, ram)


@pytest.mark.parametrize(
    ("text", "want", "family"),
    [
        ("Core Ultra X9 388H laptop, 32GB", [("arc-b390", 1, None)], "core-ultra-300h"),
        (
            "- CPU: Intel Core Ultra X7 358H\n- GPU: Intel(R) Arc(TM) B390 GPU",
            [("arc-b390", 1, None)],
            "core-ultra-300h",
        ),
        # the Core Ultra 5 part has the smaller iGPU, which the device data lacks: none is read for it
        ("Intel Core Ultra 5 338H, 16GB", [], "core-ultra-300h"),
    ],
)
def test_panther_lake_and_its_arc_b390(text: str, want: Gpus, family: str) -> None:
    h = parse_hardware(text)
    assert (gpus(h), h.cpu and h.cpu.family) == (want, family)


@pytest.mark.parametrize(
    ("text", "want", "noted"),
    [
        # one card named in two sentences with a count and a size each, both different: two setups
        (
            "2x A100 80GB for the INT4 run? Before that I tested on an 8x A100 40GB node.",
            [("a100-sxm", 2, 80.0)],
            True,
        ),
        ("1x 4090 48GB here. Yesterday it ran on 2x 4090 24GB.", [("rtx-4090", 1, 48.0)], True),
        # the same size each time, or one sentence: one machine as before
        ("2x 3090 24GB. Later I added 4x 3090 24GB", [("rtx-3090", 4, 24.0)], False),
    ],
)
def test_one_card_in_two_setups(text: str, want: Gpus, noted: bool) -> None:
    h = parse_hardware(text)
    assert gpus(h) == want
    assert any("another setup" in a for a in h.assumptions) == noted
