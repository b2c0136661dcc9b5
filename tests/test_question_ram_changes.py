"""RAM the writer has already changed to is the RAM the rig has ("went from 64gb to 192gb"), and RAM
they would add to a rig whose RAM is unsaid is weighed as a change: the rig now beside it with that RAM."""

from __future__ import annotations

import pytest

from sizing import Catalog, parse_hardware, read_question


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("4080 super here, I went from 64gb to 192gb of ddr5 last week", 192.0),
        ("bumped it from 16gb to 48gb ram, rtx 4060 8gb", 48.0),
        ("7900 xtx; switched from 32gb to 128gb ram", 128.0),
        # weighed, not done: the RAM there is now
        ("7900 xtx with 32gb ram; if I upgraded from 32gb to 128gb ram", 32.0),
    ],
)
def test_ram_changed_already_is_the_ram_now(text: str, ram: float) -> None:
    assert parse_hardware(text).ram_gb == ram


def test_ram_upgraded_already_is_asked_about_as_the_rig(catalog: Catalog) -> None:
    q = read_question(
        "went from 32gb to 192gb ram, does qwen3 235b a22b run on my 4080 super now?", catalog.index
    )
    assert q.kind == "estimate"
    assert q.hardware is not None and q.hardware.ram_gb == 192.0


@pytest.mark.parametrize(
    ("text", "after"),
    [
        ("my 4070 ti can't hold mistral large. what if I add 96gb of ram?", 96.0),
        ("rx 7900 xt: would adding 64gb ram let glm 4.5 air run?", 64.0),
    ],
)
def test_ram_added_to_an_unsaid_amount_is_compared(catalog: Catalog, text: str, after: float) -> None:
    q = read_question(text, catalog.index)
    assert q.kind == "compare" and len(q.rigs) == 2
    now, then = q.rigs
    assert now.ram_gb is None and then.ram_gb == after
    assert [g.id for g in now.gpus] == [g.id for g in then.gpus]
    assert q.change == f"adding {after:g} GB of system RAM"
