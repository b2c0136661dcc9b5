"""Devices named the way owners write them: iPhones and their chips, look-alike names, memory beside a
machine that has no card."""

from __future__ import annotations

import pytest

from sizing import parse_hardware


@pytest.mark.parametrize(
    ("text", "chip", "memory"),
    [
        ("my iPhone 15 Pro", "apple-a17-pro", 8),
        ("iphone 15 pro max with the A17 Pro", "apple-a17-pro", 8),
        ("iPhone 16 Pro", "apple-a18-pro", 8),
        ("an iphone 16 pro max", "apple-a18-pro", 8),
        ("iPhone 16", "apple-a18", 8),
        ("iPhone 16e", "apple-a18", 8),
        ("iPhone 15 Plus", "apple-a16-bionic", 6),
        ("iPhone 14 Pro Max", "apple-a16-bionic", 6),
        ("a phone with the A18 Pro chip", "apple-a18-pro", 8),
        ("A17 Pro, 8GB", "apple-a17-pro", 8),
        ("Apple A16 Bionic", "apple-a16-bionic", 6),
    ],
)
def test_an_iphone_or_its_chip_reads_as_its_chip_and_memory(text: str, chip: str, memory: float) -> None:
    h = parse_hardware(text)
    assert h.soc is not None and h.soc.id == chip
    assert h.unified_memory_gb == memory
    assert not h.gpus


@pytest.mark.parametrize("text", ["iPhone 15 Pro", "A18 Pro"])
def test_an_iphone_chip_is_not_taken_for_a_mac(text: str) -> None:
    h = parse_hardware(text)
    assert h.soc is not None and h.soc.spec is not None
    assert h.soc.spec.vendor != "apple"  # the Mac rules (macOS wired limit, MLX) stay with Macs
    assert h.soc.spec.segment == "phone"


def test_nvidia_a16_stays_the_datacenter_board() -> None:
    h = parse_hardware("A16")
    assert [g.id for g in h.gpus] == ["a16"]
    assert h.soc is None


@pytest.mark.parametrize(
    ("text", "card", "count", "vram"),
    [
        ("TITAN 24G", "titan-rtx", 1, 24.0),
        ("my old titan 24gb", "titan-rtx", 1, 24.0),
        ("Pro W6800X Duo", "radeon-pro-w6800x-duo", 2, 32.0),
        ("AMD Pro W6800X", "radeon-pro-w6800x", 1, 32.0),
        ("Pro W5700X 16GB", "radeon-pro-w5700x", 1, 16.0),
    ],
)
def test_a_close_or_shortened_name_reads_as_its_card(text: str, card: str, count: int, vram: float) -> None:
    h = parse_hardware(text)
    assert [(g.id, g.count, g.vram_gb) for g in h.gpus] == [(card, count, vram)]


@pytest.mark.parametrize(("text", "memory"), [("Radeon 8050S", None), ("8050S 64GB", 64)])
def test_the_radeon_8050s_is_a_strix_halo_chip(text: str, memory: float | None) -> None:
    h = parse_hardware(text)
    assert h.soc is not None and h.soc.id == "ryzen-ai-max-385"
    assert h.unified_memory_gb == memory


@pytest.mark.parametrize(
    ("text", "igpu", "ram"),
    [
        ("Radeon 780M 32GB", "radeon-780m", 32),
        ("890M 32GB", "radeon-890m", 32),
        ("Radeon 760M 16GB", "radeon-760m", 16),
        ("Intel Iris Xe 16GB", "iris-xe", 16),
    ],
)
def test_memory_beside_an_integrated_gpu_is_the_system_ram(text: str, igpu: str, ram: float) -> None:
    h = parse_hardware(text)
    assert [g.id for g in h.gpus] == [igpu]
    assert h.ram_gb == ram
    assert any("integrated GPU has no memory of its own" in n for n in h.assumptions)


@pytest.mark.parametrize(
    ("text", "family", "ram"),
    [
        ("Ampere Altra 128 cores 256GB", "ampere-altra", 256),
        ("c7g.4xlarge graviton3 32gb", "graviton3", 32),
        ("c8g graviton 4 with 384gb", "graviton4", 384),
        ("Mac Pro 2019 28 core 768GB", "mac-pro-2019", 768),
    ],
)
def test_the_one_amount_beside_a_cpu_only_machine_is_its_ram(text: str, family: str, ram: float) -> None:
    h = parse_hardware(text)
    assert h.cpu is not None and h.cpu.family == family
    assert h.ram_gb == ram
    assert not h.gpus and h.soc is None


@pytest.mark.parametrize(
    "text",
    [
        "Radeon 780M 32GB, could a 24GB card help?",  # two amounts: the second is a card asked about
        "7950x, is 24gb enough",  # a question, not the rig
    ],
)
def test_host_memory_is_not_guessed_from_an_amount_that_may_be_something_else(text: str) -> None:
    assert parse_hardware(text).ram_gb != 24


def test_altra_is_not_read_as_a_misspelt_ultra() -> None:
    h = parse_hardware("Ampere Altra 80 cores 256GB")
    assert not any("'altra'" in n for n in h.assumptions)
    assert h.cpu is not None and h.cpu.family == "ampere-altra"


@pytest.mark.parametrize(
    ("text", "module", "bandwidth"),
    [
        ("Jetson Orin Nano 4GB", "NVIDIA Jetson Orin Nano 4 GB", 34.11),
        ("jetson orin nano 8gb", "NVIDIA Jetson Orin Nano 8 GB", 68.22),
        ("Jetson Nano Orin 8GB", "NVIDIA Jetson Orin Nano 8 GB", 68.22),  # words swapped: not the old Nano
        ("nvidia jestson nano orin", "NVIDIA Jetson Orin Nano 8 GB", 68.22),  # and a typo
        ("Jetson Orin NX 8GB", "NVIDIA Jetson Orin NX 8 GB", 102.4),
        ("agx orin 32gb", "NVIDIA Jetson AGX Orin 32 GB", 204.8),
    ],
)
def test_the_memory_stated_picks_the_jetson_module(text: str, module: str, bandwidth: float) -> None:
    h = parse_hardware(text)
    assert h.soc is not None and h.soc.spec is not None
    assert h.soc.spec.name == module
    assert h.soc.spec.bandwidth_gbs == bandwidth
    assert not any("is not sold with" in n for n in h.assumptions)


@pytest.mark.parametrize(
    ("text", "card", "vram"),
    [
        ("RTX 6000", "quadro-rtx-6000", 24.0),
        ("RTX 6000 48GB", "rtx-6000-ada", 48.0),
        ("RTX 6000 96GB", "rtx-pro-6000-blackwell", 96.0),
        ("RTX 5000 32GB", "rtx-5000-ada", 32.0),
        ("RTX 4000 20GB", "rtx-4000-ada", 20.0),
        ("RTX 4500", "rtx-4500-ada", 24.0),
        ("RTX 4500 32GB", "rtx-pro-4500-blackwell", 32.0),
        ("2x RTX 6000 48GB", "quadro-rtx-6000", 24.0),  # two cards of 24 GB
        ("Titan V", "titan-v", 12.0),
        ("titan v 32gb", "titan-v-ceo", 32.0),
        ("TITAN V CEO Edition", "titan-v-ceo", 32.0),
    ],
)
def test_the_memory_written_tells_cards_sold_under_one_name_apart(text: str, card: str, vram: float) -> None:
    h = parse_hardware(text)
    assert [(g.id, g.vram_gb) for g in h.gpus] == [(card, vram)]
    assert h.ram_gb is None


def test_system_ram_beside_a_workstation_card_stays_ram() -> None:
    h = parse_hardware("RTX 6000 and 96GB of ram")
    assert [g.id for g in h.gpus] == ["quadro-rtx-6000"]
    assert h.ram_gb == 96


@pytest.mark.parametrize(
    ("text", "card", "vram"),
    [
        ("CMP 100HX", "cmp-100hx", 16.0),
        ("cmp 100hx-210 mining card", "cmp-100hx", 16.0),
        ("Radeon Pro VII", "radeon-pro-vii", 16.0),
        ("Radeon VII", "radeon-vii", 16.0),  # the consumer card stays apart from the Pro VII
    ],
)
def test_mining_and_workstation_cards_are_known(text: str, card: str, vram: float) -> None:
    h = parse_hardware(text)
    assert [(g.id, g.vram_gb) for g in h.gpus] == [(card, vram)]


@pytest.mark.parametrize(
    ("text", "igpu", "cpu_family", "ram"),
    [
        ("MSI Claw", "arc-graphics-meteor-lake", "core-ultra-100", None),
        ("msi claw 16gb", "arc-graphics-meteor-lake", "core-ultra-100", 16),
        ("MSI Claw 8 AI+ 32GB", "arc-140v", "core-ultra-200v", 32),
    ],
)
def test_a_handheld_names_its_chip(text: str, igpu: str, cpu_family: str, ram: float | None) -> None:
    h = parse_hardware(text)
    assert [g.id for g in h.gpus] == [igpu]
    assert h.cpu is not None and h.cpu.family == cpu_family
    assert h.ram_gb == ram
