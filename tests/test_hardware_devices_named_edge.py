"""Devices owners name that sit at the edges of the device data: AMD's China-market Instinct MI308X,
Huawei's Ascend 310B edge board (Atlas 200I DK A2, Orange Pi AIpro), the Raspberry Pi 3 and GB10
boxes sold under partner names. Each is read as itself and an answer is sized on it."""

from __future__ import annotations

import pytest

from sizing import Catalog, advise, parse_hardware


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("one MI308X", 1),
        ("a node with 8x AMD Instinct MI308X", 8),
        ("we rent 4 x mi308x cards", 4),
    ],
)
def test_an_mi308x_reads_as_a_192_gb_instinct_card(text: str, count: int) -> None:
    h = parse_hardware(text)
    assert [(g.id, g.count, g.vram_gb) for g in h.gpus] == [("instinct-mi308x", count, 192.0)]


def test_an_mi308x_reads_slower_than_the_full_mi300x_on_compute_but_not_memory() -> None:
    mi308x = parse_hardware("MI308X").gpus[0].spec
    mi300x = parse_hardware("MI300X").gpus[0].spec
    assert mi308x is not None and mi300x is not None
    assert mi308x.bandwidth_gbs == mi300x.bandwidth_gbs
    assert mi308x.tensor_fp16_tflops is not None and mi300x.tensor_fp16_tflops is not None
    assert mi308x.tensor_fp16_tflops < mi300x.tensor_fp16_tflops / 3


@pytest.mark.parametrize(
    ("text", "memory"),
    [
        ("Orange Pi AIpro 16GB", 16.0),
        ("orangepi aipro with 8gb", 8.0),
        ("Ascend 310B4 board, 24GB", 24.0),
        ("my Atlas 200I DK A2 (4GB)", 4.0),
    ],
)
def test_an_ascend_310b_board_reads_as_its_chip_and_memory(text: str, memory: float) -> None:
    h = parse_hardware(text)
    assert h.soc is not None and h.soc.id == "ascend-310b"
    assert h.unified_memory_gb == memory
    assert not h.gpus


def test_an_ascend_310b_named_without_memory_is_sized_at_huaweis_4_gb() -> None:
    h = parse_hardware("Atlas 200I DK A2")
    assert h.soc is not None and h.soc.id == "ascend-310b"
    assert h.sized_unified_gb == 4.0


@pytest.mark.parametrize(
    "text",
    ["Raspberry Pi 3B+", "raspberry pi 3 model b plus", "rpi 3b", "pi 3 b+ with 1gb", "BCM2837B0 board"],
)
def test_a_raspberry_pi_3_reads_as_its_own_family(text: str) -> None:
    h = parse_hardware(text)
    assert h.cpu is not None and h.cpu.family == "raspberry-pi-3"
    assert not h.gpus


@pytest.mark.parametrize("text", ["Gigabyte AI TOP ATOM", "Lenovo ThinkStation PGX with 128GB"])
def test_a_gb10_partner_box_reads_as_the_gb10(text: str) -> None:
    h = parse_hardware(text)
    assert h.soc is not None and h.soc.id == "dgx-spark"


def test_a_pi_4_or_5_is_not_read_as_a_pi_3() -> None:
    families = [parse_hardware(t).cpu for t in ("Raspberry Pi 4", "Raspberry Pi 5")]
    assert [c.family if c else None for c in families] == ["raspberry-pi-4", "raspberry-pi-5"]


@pytest.mark.parametrize(
    ("model", "rig", "backend"),
    [
        ("llama-3.1-70b", "8x MI308X", "rocm"),
        ("qwen2.5-1.5b", "Orange Pi AIpro 16GB", "cpu"),
        ("tinyllama-1.1b", "Raspberry Pi 3B+", "cpu"),
    ],
)
def test_an_answer_is_sized_on_each_device(catalog: Catalog, model: str, rig: str, backend: str) -> None:
    advice = advise(catalog.by_id[model], parse_hardware(rig))
    estimate = advice.options[0].estimate
    assert estimate.backend == backend
    assert estimate.speed.decode_tps > 0


def test_a_raspberry_pi_3_decodes_slower_than_a_pi_4(catalog: Catalog) -> None:
    model = catalog.by_id["tinyllama-1.1b"]
    pi3 = advise(model, parse_hardware("Raspberry Pi 3B+, 1GB"), quant="Q4_K_M").options[0].estimate
    pi4 = advise(model, parse_hardware("Raspberry Pi 4, 1GB"), quant="Q4_K_M").options[0].estimate
    assert pi3.speed.decode_tps < pi4.speed.decode_tps
