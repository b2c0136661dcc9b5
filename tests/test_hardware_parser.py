"""Specific behaviours of the hardware reader, one per test."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sizing import HardwareError, parse_hardware
from sizing.hardware import MAX_TEXT_CHARS


def gpus(text: str) -> list[tuple[str | None, int, float | None]]:
    return [(g.id, g.count, g.vram_gb) for g in parse_hardware(text).gpus]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2x 3090", [("rtx-3090", 2, 24.0)]),
        ("3090 x2", [("rtx-3090", 2, 24.0)]),
        ("2*3090", [("rtx-3090", 2, 24.0)]),
        ("MI50*8", [("instinct-mi50", 8, 32.0)]),
        ("dual RTX 4090", [("rtx-4090", 2, 24.0)]),
        ("a pair of A6000s", [("rtx-a6000", 2, 48.0)]),
        ("两张4090", [("rtx-4090", 2, 24.0)]),
        ("2xH100x8", [("h100-sxm", 16, 80.0)]),
        ("rx7900xtx", [("rx-7900-xtx", 1, 24.0)]),
        ("4060TI 16GB", [("rtx-4060-ti", 1, 16.0)]),
        ("p40s", [("tesla-p40", 2, 24.0)]),
        ("Dual 3090 (PCIe x8, power capped)", [("rtx-3090", 2, 24.0)]),
        ("a GPU with 12GB of VRAM", [(None, 1, 12.0)]),
    ],
)
def test_counts_and_names(text: str, expected: list[tuple[str | None, int, float | None]]) -> None:
    assert gpus(text) == expected


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("64GB RAM", 64),
        ("2x32GB DDR5", 64),
        ("64g*8 RDIMM", 512),
        ("1TB of RAM", 1024),
        ("RAM 16GBx4", 64),
        ("32 Go de RAM", 32),
        ("内存64G", 64),
    ],
)
def test_ram_amounts(text: str, ram: float) -> None:
    assert parse_hardware(text).ram_gb == ram


def test_model_sizes_and_quants_are_not_hardware() -> None:
    h = parse_hardware("running a 70B Q4_K_M at 15 t/s with 32k context on a 3090")
    assert [(g.id, g.count) for g in h.gpus] == [("rtx-3090", 1)] and h.ram_gb is None


def test_a_guess_is_written_down() -> None:
    h = parse_hardware("rtx 3060")
    assert h.gpus[0].vram_gb == 12 and any("12 GB" in a for a in h.assumptions)


def test_a_contradiction_is_kept_with_a_note() -> None:
    h = parse_hardware("RTX 3060 16GB")
    assert h.gpus[0].vram_gb == 16 and any("kept 16 GB" in a for a in h.assumptions)


def test_apple_unified_memory_and_gpu_cores() -> None:
    h = parse_hardware("MacBook Pro M3 Max 40-core GPU, 128GB unified")
    assert h.soc is not None and h.soc.id == "m3-max" and h.soc.gpu_cores == 40 and h.unified_memory_gb == 128


def test_a_device_being_considered_is_left_out() -> None:
    h = parse_hardware("thinking of adding a 3090 to my 2x P40")
    assert [(g.id, g.count) for g in h.gpus] == [("tesla-p40", 2)]


def test_dual_socket_cpu_only_box() -> None:
    h = parse_hardware("dual EPYC 9654, 768GB DDR5, no GPU")
    assert h.gpus == () and h.ram_gb == 768 and h.cpu is not None and h.cpu.sockets == 2


def test_empty_text_reads_as_nothing() -> None:
    assert parse_hardware("").is_empty


def test_text_over_the_cap_is_refused_clearly() -> None:
    with pytest.raises(HardwareError, match="under 4,000"):
        parse_hardware("x" * (MAX_TEXT_CHARS + 1))


@given(st.text(max_size=400))
@settings(max_examples=300, deadline=None)
def test_arbitrary_text_never_raises(text: str) -> None:
    parse_hardware(text)


@given(st.text(alphabet=st.sampled_from(list("0123456789xX* gbGBramRTX3090,.+-")), max_size=300))
@settings(max_examples=300, deadline=None)
def test_hardware_like_noise_never_raises(text: str) -> None:
    # its speed (never over 50 ms) is measured by benchmarks/fuzz.py, not asserted here
    parse_hardware(text)


@pytest.mark.parametrize(
    "text",
    [
        "0m1",  # a zero-size memory next to a chip
        "8MiB M1",
        "h100 5090 6000 -1 GB a3b 0 m4",  # a zero or negative size next to a card
        "28 GiB ⓸gb ram",  # circled digits are digits to str.isdigit, not to float()
        "⓷ x 3090",
        "² x 4090, ³² GB",
    ],
)
def test_inputs_the_fuzz_run_found_read_without_error(text: str) -> None:
    parse_hardware(text)
