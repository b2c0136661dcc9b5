"""The desktop's share of a GPU follows what the rig says about the machine: none on a headless box,
Windows' larger share (WDDM, WSL2) where Windows drives the card, the planning figure otherwise; and
the vision towers of the Qwen vision families are counted, so engines that load them size them."""

from __future__ import annotations

import pytest

from sizing import default_catalog, estimate, parse_hardware
from sizing.engines import (
    DISPLAY_RESERVE,
    WINDOWS_DISPLAY_RESERVE,
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
    ],
)
def test_the_rig_reader_hears_the_os_and_the_screen(text: str, windows: bool, headless: bool) -> None:
    assert _host(text) == (windows, headless)


def test_windows_keeps_its_share_even_on_a_box_it_calls_a_server() -> None:
    assert _host("Windows Server box over ssh with a 3090") == (True, False)


@pytest.mark.parametrize(
    ("text", "windows", "headless"),
    [("RTX 3090, WSL2", True, False), ("3x RTX 3090, headless", False, True), ("RTX 3090", False, False)],
)
def test_parse_hardware_carries_the_host(text: str, windows: bool, headless: bool) -> None:
    hw = parse_hardware(text)
    assert (hw.windows, hw.headless) == (windows, headless)


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


def test_only_the_first_consumer_gpu_keeps_windows_share() -> None:
    rig = rig_pools(parse_hardware("2x RTX 3090, Windows"), "cuda")
    assert [p.reserve for p in rig.gpus] == [pytest.approx(WINDOWS_DISPLAY_RESERVE), 0.0]


def test_headless_keeps_less_than_a_silent_rig_which_keeps_less_than_windows() -> None:
    shares = [
        display_reserve(windows=False, headless=True),
        display_reserve(windows=False, headless=False),
        display_reserve(windows=True, headless=False),
    ]
    assert shares == sorted(shares) and shares[0] == 0.0 < shares[1] < shares[2]


def test_windows_share_is_inside_the_measured_range() -> None:
    # 1.04 of 8.0 GiB and 1.72 of 31.84 GiB taken before vLLM started under WSL2 (_overhead.py sources)
    assert 1.0 * GiB <= WINDOWS_DISPLAY_RESERVE <= 1.75 * GiB


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


# --- vision towers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "model_id",
    [
        "qwen2.5-vl-3b",
        "qwen2.5-vl-72b",
        "qwen3-vl-8b",
        "qwen3-vl-235b-a22b",
        "qwen3.5-9b",
        "qwen3.5-27b",
        "qwen3.5-35b-a3b",
        "qwen3.6-27b",
        "qwen3.6-35b-a3b",
        "qwen3.8-27b",
    ],
)
def test_qwen_vision_checkpoints_count_their_tower(model_id: str) -> None:
    spec = default_catalog().resolve(model_id).model
    assert spec.vision_params_b is not None and 0.4 < spec.vision_params_b < 0.75


def test_vllm_loads_the_tower_with_the_language_model() -> None:
    hw = parse_hardware("RTX 5090")
    text = default_catalog().resolve("qwen3.6-27b").model
    e = estimate(text, hw, engine="vllm", quant="NVFP4", context=8192)
    bare = text.model_copy(update={"vision_params_b": None})
    without = estimate(bare, hw, engine="vllm", quant="NVFP4", context=8192)
    grown = e.memory.placement.devices[0].weights - without.memory.placement.devices[0].weights
    assert text.vision_params_b is not None
    assert grown == pytest.approx(text.vision_params_b * 1e9 * 2, rel=0.01)  # the tower stays 16-bit
