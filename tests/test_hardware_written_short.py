"""Device names and memory keys written short or glued, read as the device they name."""

from __future__ import annotations

import pytest

from sizing.hardware import parse_hardware


@pytest.mark.parametrize(
    ("text", "gpu_id", "count"),
    [
        ("serving it on 4 rtx6kpro cards", "rtx-pro-6000-blackwell", 4),
        ("my box: 2x RTX 6K Pro", "rtx-pro-6000-blackwell", 2),
        ("one Pro 6K in the workstation", "rtx-pro-6000-blackwell", 1),
        ("laptop with an RTXA2000 Laptop GPU, 4GB VRAM", "rtx-a2000-laptop", 1),
    ],
)
def test_a_card_name_written_short_reads_as_the_card(text: str, gpu_id: str, count: int) -> None:
    hw = parse_hardware(text)
    assert [(g.id, g.count) for g in hw.gpus] == [(gpu_id, count)]


@pytest.mark.parametrize(
    ("text", "cpu_name"),
    [
        ("服务器CPU：至强铂金8280 两颗", "Xeon Platinum 8280"),
        ("CPU 是 至强金牌6248R", "Xeon Gold 6248R"),
        ("至强银牌4214 单路，内存64G", "Xeon Silver 4214"),
    ],
)
def test_a_xeon_line_named_in_chinese_reads_as_the_xeon(text: str, cpu_name: str) -> None:
    hw = parse_hardware(text)
    assert hw.cpu is not None and hw.cpu.name == cpu_name


@pytest.mark.parametrize(
    ("text", "unified", "ram"),
    [
        ('{ "chip": "Apple M4 Pro", "ramGB": 48 }', 48.0, None),
        ('{"memGB": 64, "chip": "Apple M3 Max"}', 64.0, None),
        ("gpu: rtx 4070, ramGB = 32", None, 32.0),
    ],
)
def test_a_memory_key_with_its_unit_glued_gives_the_amount(
    text: str, unified: float | None, ram: float | None
) -> None:
    hw = parse_hardware(text)
    assert (hw.unified_memory_gb, hw.ram_gb) == (unified, ram)
