"""CPU names as people shorten them: "Core Ultra 265K" without its tier, an entry Xeon "E-2124G" (never
a Ryzen "2124G"), an old Pentium "E2200" that is no Xeon. Sentences are written for these tests in the
patterns of public threads.
"""

from __future__ import annotations

import pytest

from sizing import parse_hardware


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("Testing on my Core Ultra 265K box, 64GB", "core-ultra-200s"),
        ("Core Ultra 7 265K, 64GB", "core-ultra-200s"),
        ("laptop with a core ultra 155H and 32gb", "core-ultra-100"),
        ("- CPU: Intel Xeon E-2124G with AVX2", "xeon-e-2100-2200"),
        ("xeon e2236, 64GB ECC", "xeon-e-2100-2200"),
        ("Xeon E-2388G server, 128GB", "xeon-e-2300"),
        ("home server: E-2488, 64GB DDR5", "xeon-e-2400"),
        ("Ryzen 5 2400G apu, 16gb", "ryzen-5-2400g"),
    ],
)
def test_a_shortened_cpu_name_reads_its_family(text: str, family: str) -> None:
    hw = parse_hardware(text)
    assert hw.cpu is not None
    assert hw.cpu.family == family


@pytest.mark.parametrize("text", ["M2 Ultra 192GB", "Pentium E2200 with 2GB", "ultra 265 settings"])
def test_no_cpu_is_read_from_look_alikes(text: str) -> None:
    hw = parse_hardware(text)
    assert hw.cpu is None or not (hw.cpu.family or "").startswith(("core-ultra", "xeon-e-"))


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("CPU x7800x3d\n2x RX 7900 XTX", "7800X3D"),
        ("Processor: r9950x, 96GB", "9950X"),
        ("Intel(R) Xeon(R) Gold G-6430 CPU @ 2.10GHz", "6430"),
    ],
)
def test_a_cpu_model_with_a_stray_letter_before_it_is_read(text: str, model: str) -> None:
    cpu = parse_hardware(text).cpu
    assert cpu is not None and model in cpu.name


def test_a_card_keyed_as_a_cpu_with_a_letter_before_it_stays_a_card() -> None:
    h = parse_hardware("CPU x4090")
    assert h.cpu is None and [g.id for g in h.gpus] == ["rtx-4090"]


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("7763 + 2x 3090, 512GB DDR4", "EPYC 7763"),
        ("6430加4090，256G内存", "6430"),
        ("4090+9654 q4 跑到14t/s", "9654"),
    ],
)
def test_a_bare_server_cpu_number_in_a_plus_list_of_parts_is_the_cpu(text: str, model: str) -> None:
    h = parse_hardware(text)
    assert h.cpu is not None and model in h.cpu.name and h.gpus


@pytest.mark.parametrize("text", ["3090+4090", "1660 + 3060", "2x 3090 + 64GB"])
def test_cards_joined_by_plus_are_no_cpu(text: str) -> None:
    assert parse_hardware(text).cpu is None


@pytest.mark.parametrize(
    "text",
    [
        "Processor\tAMD Phenom(tm) II X6 1055T Processor   2.80 GHz\nInstalled RAM\t16,0 GB",
        "still on a Phenom II X4 955 with 8GB DDR3 and a GTX 1060",
    ],
)
def test_an_older_amd_phenom_ii_is_read_as_the_cpu_on_dual_channel_ddr3(text: str) -> None:
    h = parse_hardware(text)
    assert h.cpu is not None and "Phenom II" in h.cpu.name
    assert h.cpu.platform == "ddr3-1333-dual"


@pytest.mark.parametrize(
    ("text", "model", "ram"),
    [
        ("Xeon E5-2680 v4, 2048G RAM, no GPU", "2680", 2048.0),
        ("EPYC 9654 with 3072G内存", "9654", 3072.0),
    ],
)
def test_a_bare_g_amount_of_ram_is_no_apu_model_number(text: str, model: str, ram: float) -> None:
    h = parse_hardware(text)
    assert h.cpu is not None and model in h.cpu.name
    assert h.ram_gb == ram


@pytest.mark.parametrize(
    ("text", "cpu"),
    [
        ("Ryzen 7 6800U laptop here, my other box is a 5600G", "6800U"),
        ("EPYC 7302P server; my desktop is a 5700G", "7302P"),
    ],
)
def test_a_second_apu_model_number_is_no_amount_of_ram(text: str, cpu: str) -> None:
    h = parse_hardware(text)
    assert h.cpu is not None and cpu in h.cpu.name
    assert h.ram_gb is None


def test_an_apu_named_with_its_ram_after_it_stays_the_cpu() -> None:
    h = parse_hardware("my 5600G ram is 32GB")
    assert h.cpu is not None and "5600G" in h.cpu.name and h.ram_gb == 32.0
