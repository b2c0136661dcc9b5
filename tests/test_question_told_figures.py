"""Memory figures in a whole question that say what a model, a program or a process uses or needs
("it's using 19GB of VRAM", "the model requires more system memory (300 GiB)", "8b is > 10gb ram
use") or a program's own memory setting ("max-model-memory (8.00GB)"): none is a size of the asker's
parts, while the same words said of the asker's own ("I'm using 24GB of VRAM", "my laptop uses 16GB")
still tell the rig. The sentences are written for these tests in the patterns people use."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question

# (text, the GPUs read as (id, count, GB), RAM, unified memory); an empty list: no card read
TOLD = [
    # what the program or the model uses: no card of that size
    ("The server is using 21gb of vram for a 4 bit 14b model, is that normal?", [], None, None),
    ("ollama says the model requires more system memory (312.5 GiB) than is available", [], None, None),
    ("Qwen3 32B takes 19GB at Q4 here, odd", [], None, None),
    ("the 14b is > 11gb ram use, could you make a smaller one?", [], None, None),
    # a setting of the program is no size of the machine
    (
        "Model 'Qwen3-14B-8bit' (15.7GB) exceeds max-model-memory (12.00GB). Is it possible to run "
        "Qwen3-14B-8bit on a Mac mini 24G?",
        [],
        None,
        24.0,
    ),
    # what is used beside the asker's own card: the card stays
    (
        "It's using 6gb of vram for a 7b model on my RTX 4060 8GB, why so much?",
        [("rtx-4060", 1, 8.0)],
        None,
        None,
    ),
    # said of the asker's own: the figure is the rig
    ("I'm using 24GB of VRAM and 64GB RAM, can Qwen3 32B run?", [(None, 1, 24.0)], 64.0, None),
    (
        "My laptop uses 16GB RAM and an RTX 3050 4GB. Will Llama 3.1 8B run?",
        [("rtx-3050-laptop", 1, 4.0)],
        16.0,
        None,
    ),
]


@pytest.mark.parametrize(("text", "gpus", "ram", "unified"), TOLD)
def test_what_is_used_or_needed_is_no_part_of_the_rig(
    catalog: Catalog,
    text: str,
    gpus: list[tuple[str | None, int, float]],
    ram: float | None,
    unified: float | None,
) -> None:
    q = read_question(text, catalog.index)
    hw = q.hardware
    got = [] if hw is None else [(g.id, g.count, g.vram_gb) for g in hw.gpus]
    assert got == gpus
    assert (None if hw is None else hw.ram_gb) == ram
    assert (None if hw is None else hw.unified_memory_gb) == unified


def test_the_usage_told_against_a_total_keeps_the_total(catalog: Catalog) -> None:
    # the older reading, told against the total, still wins over "uses": the total is the card
    q = read_question("Qwen3 14B uses 9 GB of VRAM out of 16 GB, is that fine?", catalog.index)
    assert q.hardware is not None
    assert [g.vram_gb for g in q.hardware.gpus] == [16.0]


def test_the_asker_s_own_memory_before_use_stays(catalog: Catalog) -> None:
    # "128GB RAM use MLX": the asker's machine, then what it runs with
    text = "I am using M4 Max 128GB RAM use MLX is much slower than GGUF for Qwen3 32B"
    q = read_question(text, catalog.index)
    assert q.hardware is not None
    assert q.hardware.unified_memory_gb == 128.0


# a speed's figure and letter look like a chip's ("140T", "890M"): it names no part
SPEEDS = [
    ("Qwen3 30B A3B on my RTX 3090 gets 140t/s, would a 5090 be faster?", [("rtx-3090", 1, 24.0)]),
    ("My RX 7900 XTX runs Qwen3 8B at +140T/s. Can it run Qwen3 32B?", [("rx-7900-xtx", 1, 24.0)]),
]


@pytest.mark.parametrize(("text", "gpus"), SPEEDS)
def test_a_speed_names_no_part(catalog: Catalog, text: str, gpus: list[tuple[str, int, float]]) -> None:
    q = read_question(text, catalog.index)
    assert q.hardware is not None
    assert [(g.id, g.count, g.vram_gb) for g in q.hardware.gpus] == gpus
