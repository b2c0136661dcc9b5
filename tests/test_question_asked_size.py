"""A question that names only an amount of VRAM ("could it run on a 4GB VRAM GPU?") after the asker
told a card of that size asks about that card; a size no told card has is another rig asked about.
The sentences are written for these tests in the patterns of public posts."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question

Gpus = list[tuple[str | None, int, float | None]]


@pytest.mark.parametrize(
    ("text", "gpus"),
    [
        (
            "Can this run on a 4gb vram gpu? My laptop only has an rtx 2050. Can this run on a 4gb vram gpu?",
            [("rtx-2050-laptop", 1, 4.0)],
        ),
        (
            "Running phi 3 mini is slow on my 3060 Ti. Would it run faster on an 8GB VRAM GPU?",
            [("rtx-3060-ti", 1, 8.0)],
        ),
        (
            "llama 3 8b ran fine on my 3090. Would llama 3 8b run on an 8GB VRAM GPU?",
            [(None, 1, 8.0)],
        ),
    ],
)
def test_a_size_asked_about_is_the_told_card_of_that_size(catalog: Catalog, text: str, gpus: Gpus) -> None:
    hw = read_question(text, catalog.index).hardware
    assert hw is not None
    assert [(g.id, g.count, g.vram_gb) for g in hw.gpus] == gpus
