"""'A second 3090 or more RAM?': the rig now, with the card added, and with more RAM instead."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question


@pytest.mark.parametrize(
    ("text", "ram_now", "ram_instead"),
    [
        ("should I add a second 3090 or more ram for glm 4.5 air?", None, 64.0),  # RAM not told
        (
            "I have a 3090 and 32gb ram. add another 3090 or should i go to 128gb ram for qwen3 235b?",
            32.0,
            128.0,
        ),
        ("more ram or a second 4090 for gpt-oss-120b? I have a 4090 and 64gb", 64.0, 128.0),  # doubled
        ("add a 3060 or 64gb more ram for qwen3 30b a3b? i have a 3060 and 32gb ddr4", 32.0, 96.0),  # added
        # the RAM first, the card after "or", the rig told before a colon
        ("i have a 3090 and 32gb ddr4: add 64gb more ram or a second 3090 for qwen3 30b a3b", 32.0, 96.0),
        ("my rig is a 4070 ti super + 64gb. adding 32gb extra ram or a 2nd 4070 ti super?", 64.0, 96.0),
        ("i have a 3090 and 64gb ddr5: more ram or a second 3090 for glm 4.5 air?", 64.0, 128.0),
    ],
)
def test_more_ram_is_weighed_against_the_card_added(
    catalog: Catalog, text: str, ram_now: float | None, ram_instead: float
) -> None:
    q = read_question(text, catalog.index)
    assert q.kind == "compare" and len(q.rigs) == 3
    now, card, ram = q.rigs
    assert card.gpu_count == now.gpu_count + 1 and ram.gpu_count == now.gpu_count
    assert (now.ram_gb, ram.ram_gb) == (ram_now, ram_instead)
    assert q.change is not None and q.change.startswith("adding 1x")
    assert q.instead == f"system RAM to {ram_instead:g} GB"


def test_a_card_added_without_ram_weighed_compares_two_rigs(catalog: Catalog) -> None:
    q = read_question("is adding a second 3090 worth it for llama 3.3 70b?", catalog.index)
    assert q.kind == "compare" and len(q.rigs) == 2 and q.instead is None
