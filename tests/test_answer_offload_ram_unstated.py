"""A rig whose RAM is not stated is answered with the RAM that runs the model ("With N GB of system RAM
or more, ..."), not a "No" from the RAM assumed, also where one of its cards is a data-center card
beside a desktop one ("4090 + P40"); a server of data-center cards alone keeps its own assumption."""

from __future__ import annotations

import re

import pytest

from bot.answers import answer_text
from sizing import Catalog

_CONDITIONAL = re.compile(r"^With \d+ GB of system RAM or more, (?:yes|it runs)")


@pytest.mark.parametrize(
    "text",
    [
        "4090 + P40 (24+24) qwen3 235b a22b q3? how fast with expert offload",
        "a 3090 and a tesla p40, gpt-oss 120b with -ot exps=CPU, what speed",
        "rtx 3060 12gb + p40 running qwen3 235b a22b with --n-cpu-moe, tok/s?",
    ],
)
def test_expert_offload_without_ram_said_leads_with_the_ram_it_takes(catalog: Catalog, text: str) -> None:
    a = answer_text(text, catalog)
    assert _CONDITIONAL.match(a.verdict), a.verdict
    assert "You did not say how much RAM you have" in a.verdict


def test_a_server_of_data_center_cards_keeps_its_ram_assumption(catalog: Catalog) -> None:
    a = answer_text("2x p40 llama 3.3 70b with --n-cpu-moe", catalog)
    assert not _CONDITIONAL.match(a.verdict)
