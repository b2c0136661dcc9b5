"""A requirement quoted from a project's README or model card, figures and all, is not the asker's
rig: "the README for this repo says \"64GB or better 128GB of RAM\"" gives no RAM; the rig is what the
asker says they have. The sentences are written for these tests in the patterns of public posts."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question

Gpus = list[tuple[str | None, int, float | None]]


@pytest.mark.parametrize(
    ("text", "gpus", "ram_gb"),
    [
        (
            'The README for this repo says "32 or better 64 GB of RAM (128 would be ideal)". I have a 4090, '
            "will llama 2 13b run?",
            [("rtx-4090", 1, 24.0)],
            None,
        ),
        (
            'the docs of the project recommend "at least 96GB RAM and a 24GB card". '
            "I have a 3090 and 32GB RAM, "
            "can I run mixtral 8x7b?",
            [("rtx-3090", 1, 24.0)],
            32.0,
        ),
        (
            'The README says: "64GB of system memory, 128GB preferred". My rig is a 3060 12GB, can it run '
            "qwen2.5 14b?",
            [("rtx-3060", 1, 12.0)],
            None,
        ),
    ],
)
def test_figures_quoted_from_docs_are_not_the_rig(
    catalog: Catalog, text: str, gpus: Gpus, ram_gb: float | None
) -> None:
    hw = read_question(text, catalog.index).hardware
    assert hw is not None
    assert [(g.id, g.count, g.vram_gb) for g in hw.gpus] == gpus
    assert hw.ram_gb == ram_gb
