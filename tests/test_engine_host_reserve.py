"""The desktop's share of a GPU follows what the rig says about the machine: none on a headless box,
Windows' larger share (WDDM, WSL2) where Windows drives the card, the planning figure otherwise."""

from __future__ import annotations

import pytest

from sizing import default_catalog, estimate, parse_hardware
from sizing.engines import (
    DISPLAY_RESERVE,
    WINDOWS_DISPLAY_RESERVE,
    WINDOWS_WDDM_RESERVE,
    EngineOptions,
    display_reserve,
    rig_pools,
)

GiB = 1024**3


def _host(text: str) -> tuple[bool, bool]:
    hw = parse_hardware(text)
    return hw.windows, hw.headless


@pytest.mark.parametrize(
    ("text", "windows", "headless"),
    [
        ("a 4070 Ti on Windows 11", True, False),
        ("RTX 3090 under WSL2 with Docker Desktop", True, False),
        ("win11 desktop with a 4080", True, False),
        ("3060 12GB, task manager shows the dedicated memory full", True, False),
        ("Windows Server 2022 with two A6000", True, False),
        ("headless Ubuntu box with 2x 3090", False, True),
        ("I ssh into a machine with an RTX 4090", False, True),
        ("rented 4090 on vast.ai", False, True),
        ("my server has four 3090s", False, True),
        ("Ubuntu server with an A6000", False, True),
        ("2x 3090, no monitor attached", False, True),
        ("4x 3090, server", False, True),
        ("RTX 4090, 64GB RAM", False, False),
        ("running llama-server on my 3090", False, False),  # the program, not the machine
        ("ollama server on a 3060", False, False),
        ("4090 with 32k context windows", False, False),  # attention windows, not the OS
        ("a sliding windows model on a 3090", False, False),
        ("RTX 3090, when I start the server it runs out of memory", False, False),  # the program
        ("a server process crashes on my 4090", False, False),
        ("I use cloud APIs at work, at home a 3090", False, False),
        ("RTX 4090 laptop over ssh", False, False),  # a laptop's own screen hangs on its GPU
    ],
)
def test_the_rig_reader_hears_the_os_and_the_screen(text: str, windows: bool, headless: bool) -> None:
    assert _host(text) == (windows, headless)


def test_windows_keeps_its_share_even_on_a_box_it_calls_a_server() -> None:
    assert _host("Windows Server box over ssh with a 3090") == (True, False)


@pytest.mark.parametrize(
    ("text", "reserve"),
    [
        ("RTX 3090", DISPLAY_RESERVE),  # nothing said: the planning figure
        ("RTX 3090, Windows 11", WINDOWS_DISPLAY_RESERVE),
        ("RTX 3090, headless", 0.0),
        ("H100 80GB, Windows", 0.0),  # a data-center card drives no desktop
    ],
)
def test_the_first_gpu_keeps_the_share_the_host_says(text: str, reserve: float) -> None:
    rig = rig_pools(parse_hardware(text), "cuda")
    assert rig.gpus[0].reserve == pytest.approx(reserve)


def test_the_desktop_card_keeps_windows_share_and_every_other_card_wddm_share() -> None:
    rig = rig_pools(parse_hardware("2x RTX 3090, Windows"), "cuda")
    assert [p.reserve for p in rig.gpus] == [
        pytest.approx(WINDOWS_DISPLAY_RESERVE),
        pytest.approx(WINDOWS_WDDM_RESERVE),
    ]


@pytest.mark.parametrize(
    ("text", "reserves"),
    [
        ("RTX 4090 + RTX 3060 12GB, Windows 10", [WINDOWS_DISPLAY_RESERVE, WINDOWS_WDDM_RESERVE]),
        ("RTX 4090 + RTX 3060 12GB", [DISPLAY_RESERVE, 0.0]),  # another OS: only the desktop's card
        ("3x RTX 3090, headless", [0.0, 0.0, 0.0]),
    ],
)
def test_the_other_cards_keep_a_share_only_under_windows(text: str, reserves: list[float]) -> None:
    rig = rig_pools(parse_hardware(text), "cuda")
    assert [p.reserve for p in rig.gpus] == [pytest.approx(r) for r in reserves]


def test_wddm_keeps_less_of_a_card_than_of_the_one_showing_the_desktop() -> None:
    assert 0.0 < WINDOWS_WDDM_RESERVE < WINDOWS_DISPLAY_RESERVE


def test_a_second_card_on_windows_holds_less_than_the_same_card_elsewhere() -> None:
    def second_card_room(text: str) -> float:
        rig = rig_pools(parse_hardware(text), "cuda")
        return rig.gpus[1].usable - rig.gpus[1].reserve

    assert second_card_room("2x RTX 4060 Ti 16GB, Windows 10") < second_card_room("2x RTX 4060 Ti 16GB")


def test_headless_keeps_less_than_a_silent_rig_which_keeps_less_than_windows() -> None:
    shares = [
        display_reserve(windows=False, headless=True),
        display_reserve(windows=False, headless=False),
        display_reserve(windows=True, headless=False),
    ]
    assert shares == sorted(shares) and shares[0] == 0.0 < shares[1] < shares[2]


def test_the_answer_says_windows_keeps_a_share() -> None:
    rig = rig_pools(parse_hardware("RTX 4090, Windows 11"), "cuda")
    assert any("Windows" in n and "GiB" in n for n in rig.notes)


def test_a_headless_card_fits_what_the_same_card_with_a_desktop_does_not() -> None:
    model = default_catalog().resolve("llama-3.1-8b").model
    opts = EngineOptions(gpu_memory_utilization=0.93)

    def fit(text: str) -> str:
        e = estimate(model, parse_hardware(text), engine="vllm", context=20000, engine_options=opts)
        return e.memory.placement.fit

    assert (fit("RTX 3090, Windows 11"), fit("RTX 3090, headless")) == ("tight", "fits")
