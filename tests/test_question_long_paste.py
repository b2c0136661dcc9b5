"""A pasted nvidia-smi table is measured by what it says: its box drawing, padding and process list
are left out before the length limit is applied, so a standard eight-GPU paste is read; long prose is
still refused."""

from __future__ import annotations

import pytest

from sizing import MAX_QUESTION_CHARS, Catalog, HardwareError, question_length, read_question

_RULE = "+" + "-" * 41 + "+" + "-" * 24 + "+" + "-" * 22 + "+"


def _smi(card: str, mib: int, gpus: int, processes: int) -> str:
    """An nvidia-smi screen in its usual layout: a box per GPU, then one row per process."""
    lines = [
        "+" + "-" * 89 + "+",
        "| NVIDIA-SMI 570.86.10" + " " * 14 + "Driver Version: 570.86.10" + " " * 6 + "|",
        _RULE,
    ]
    for i in range(gpus):
        lines += [
            f"| {i:>3}  NVIDIA GeForce {card:<20}   Off |   00000000:{i + 1:02X}:00.0 Off |{'N/A':>21} |",
            f"| 0%   41C    P8     18W /  420W |   {15:>6}MiB / {mib:>6}MiB |      0%      Default |",
            f"|{' ' * 41}|{' ' * 24}|{'N/A':>21} |",
            _RULE,
        ]
    lines += [
        "| Processes:" + " " * 78 + "|",
        "|  GPU   GI   CI        PID   Type   Process name        GPU Memory |",
    ]
    lines += [
        f"|  {p % gpus:>4}   N/A  N/A     {4000 + p:>6}      C   /opt/venv/bin/python3        410MiB |"
        for p in range(processes)
    ]
    lines.append("+" + "-" * 89 + "+")
    return "\n".join(lines)


def test_an_eight_gpu_paste_over_the_limit_is_read(catalog: Catalog) -> None:
    text = "what can this box run? qwen3 235b a22b at q4 maybe, 256gb ram\n" + _smi("RTX 4090", 24564, 8, 16)
    assert len(text) > MAX_QUESTION_CHARS
    q = read_question(text, catalog.index)
    assert q.hardware is not None
    assert [(g.id, g.count) for g in q.hardware.gpus] == [("rtx-4090", 8)]
    assert question_length(text) < MAX_QUESTION_CHARS


def test_what_the_table_says_is_kept_and_its_decoration_is_not_counted(catalog: Catalog) -> None:
    table = _smi("RTX 3090", 24576, 6, 40)
    assert question_length(table) < len(table) // 2  # rules, padding and 40 process rows left out
    q = read_question("can this run llama 3.3 70b? 128gb ram\n" + table, catalog.index)
    assert q.hardware is not None and [(g.id, g.count) for g in q.hardware.gpus] == [("rtx-3090", 6)]


def test_a_question_under_the_limit_is_measured_as_written() -> None:
    text = "qwen3 32b   on a 3090?\n+-----+\n| x |"
    assert question_length(text) == len(text)


@pytest.mark.parametrize("filler", ["word " * 900, "qwen3 on my rig please " * 200])
def test_long_prose_is_still_refused(catalog: Catalog, filler: str) -> None:
    with pytest.raises(HardwareError, match="characters; ask in under"):
        read_question(filler, catalog.index)
