"""Rig parts written in a loose form: a card's line word without its series, a card glued to the word
"gpu", a board's nickname, a maker's own model that looks like an Apple chip, a CPU model the data lacks."""

from __future__ import annotations

import pytest

from sizing.hardware import parse_hardware


@pytest.mark.parametrize(
    ("text", "gpu_id"),
    [
        ("my old Radeon 590 still runs 7B models", "rx-590"),
        ("radeon 580 with 8gb, driver 23.x", "rx-580"),
        ("a Radeon 570 sits in the second slot", "rx-570"),
        ("AMD Radeon 6700 XT on Windows", "rx-6700-xt"),
    ],
)
def test_radeon_written_without_rx_reads_as_the_rx_card(text: str, gpu_id: str) -> None:
    hw = parse_hardware(text)
    assert [g.id for g in hw.gpus] == [gpu_id]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("it will not load on my mx150 at all", "NVIDIA GeForce MX150"),
        ("laptop with an MX350, 2 GB", "NVIDIA GeForce MX350"),
        ("an old MX250 notebook", "NVIDIA GeForce MX250"),
    ],
)
def test_a_geforce_mx_part_written_bare_is_read(text: str, name: str) -> None:
    hw = parse_hardware(text)
    assert [g.name for g in hw.gpus] == [name]


@pytest.mark.parametrize("text", ["the mx master 3 mouse lags", "an MX keyboard and a 2TB disk"])
def test_mx_words_that_name_no_card_add_no_gpu(text: str) -> None:
    assert parse_hardware(text).gpus == ()


@pytest.mark.parametrize(
    ("text", "gpu_id", "count"),
    [
        ("32gb ram and a 4070gpu", "rtx-4070", 1),
        ("2x 3090gpus on a riser", "rtx-3090", 2),
        ("box with one 4090card", "rtx-4090", 1),
    ],
)
def test_a_card_number_glued_to_the_word_gpu_is_the_card(text: str, gpu_id: str, count: int) -> None:
    hw = parse_hardware(text)
    assert [(g.id, g.count) for g in hw.gpus] == [(gpu_id, count)]


@pytest.mark.parametrize(
    ("text", "ram", "cpu_family"),
    [
        ("llama.cpp on a RasPi 5 8GB is usable", 8.0, "raspberry-pi-5"),
        ("raspi 4 with 4gb ram, 7B is too slow", 4.0, "raspberry-pi-4"),
    ],
)
def test_raspi_names_the_raspberry_pi(text: str, ram: float, cpu_family: str) -> None:
    hw = parse_hardware(text)
    assert (hw.ram_gb, hw.cpu.family if hw.cpu else None) == (ram, cpu_family)


@pytest.mark.parametrize(
    "text",
    ["my bosgame m5 mini pc keeps crashing", "a Banana Pi M5 with 4GB", "Beelink M5 under the desk"],
)
def test_a_makers_own_m_model_is_no_apple_chip(text: str) -> None:
    assert parse_hardware(text).soc is None


def test_an_apple_chip_written_alone_is_still_read() -> None:
    hw = parse_hardware("M5 MacBook Pro with 24GB")
    assert hw.soc is not None and hw.soc.id.startswith("m5")


@pytest.mark.parametrize(
    ("text", "gpu_ids", "cpu_name"),
    [
        (
            "a ryzen 5 6600 with 32gb of ram and a 3070",
            ["rtx-3070"],
            "Ryzen 5 6600 (model not in canirun's CPU data)",
        ),
        ("ryzen 7 6750 and rtx 3060 12gb", ["rtx-3060"], "Ryzen 7 6750 (model not in canirun's CPU data)"),
    ],
)
def test_an_unknown_ryzen_model_number_is_the_cpus_not_a_card(
    text: str, gpu_ids: list[str], cpu_name: str
) -> None:
    hw = parse_hardware(text)
    assert [g.id for g in hw.gpus] == gpu_ids
    assert hw.cpu is not None and hw.cpu.name == cpu_name


def test_a_card_number_after_a_bare_ryzen_tier_is_still_the_card() -> None:
    hw = parse_hardware("ryzen 7 and a 4090")
    assert [g.id for g in hw.gpus] == ["rtx-4090"]


@pytest.mark.parametrize(
    ("text", "gpu_id", "vram"),
    [
        ("an old Sapphire R9 290 with 4GB", "r9-290", 4.0),
        ("R9 290X in the spare box", "r9-290x", 4.0),
        ("the second card is an R9 270X with 2GB of VRAM", "r9-270x", 2.0),
        ("R9 270X 4GB, Vulkan build", "r9-270x", 4.0),
        ("r9 280x, 3gb", "r9-280x", 3.0),
    ],
)
def test_an_r9_200_series_card_is_read_with_its_memory(text: str, gpu_id: str, vram: float) -> None:
    hw = parse_hardware(text)
    assert [(g.id, g.count, g.vram_gb) for g in hw.gpus] == [(gpu_id, 1, vram)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("my 940MX runs the 1B model", "NVIDIA GeForce 940MX"),
        ("an XFX HD-6450 1GB card", "AMD Radeon HD 6450"),
        ("HD 7850 2gb on Linux", "AMD Radeon HD 7850"),
    ],
)
def test_an_old_card_written_without_its_brand_is_read(text: str, name: str) -> None:
    hw = parse_hardware(text)
    assert [g.name for g in hw.gpus] == [name]


@pytest.mark.parametrize("text", ["watching a 1080p HD video while it runs", "an HD 620 screen output"])
def test_hd_that_names_no_radeon_card_adds_no_gpu(text: str) -> None:
    assert parse_hardware(text).gpus == ()
