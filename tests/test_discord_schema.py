"""Every Discord payload canirun writes, against Discord's published API schema
(tests/discord_spec.py; the stand-in of Discord checks every request the running bot sends)."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.discord import printable_payloads, to_embed
from bot.render.discord import answer_embed, help_embed, notice_embed, rig_embed
from bot.render.discord_limits import Embed
from sizing import parse_hardware
from tests import golden
from tests.discord_spec import problems, source_commit

ANSWERS = [argv for argv in golden.REQUESTS if argv[0] in ("ask", "best")]
RIGS = ["2x 3090, 64GB RAM", "M2 Max 96GB", "a 3060 and 32 gigs", "Ryzen 9 7950X, 128GB DDR5"]


def test_the_schema_names_its_source() -> None:
    assert len(source_commit()) == 40


@pytest.mark.parametrize("argv", ANSWERS, ids=lambda a: " ".join(a)[:60])
def test_answer_embeds_are_valid_embeds(argv: tuple[str, ...]) -> None:
    answer = golden.answer(argv)
    assert problems("embed", answer_embed(answer, chart=True)) == []


@pytest.mark.parametrize("text", RIGS)
def test_rig_embeds_are_valid_embeds(text: str) -> None:
    assert problems("embed", rig_embed(parse_hardware(text).contract(), text, saved=True)) == []


def test_notice_and_help_embeds_are_valid_embeds() -> None:
    notice = notice_embed("Oops", "bad", hint="do this", example="/canirun model:x", kind="info")
    assert problems("embed", notice) == [] and problems("embed", help_embed()) == []


def test_a_key_discord_does_not_know_is_refused() -> None:
    """The check that would have caught embeds sent with "colour", which Discord drops."""
    misspelt: dict[str, object] = {**help_embed(), "colour": 0x57F287}
    misspelt.pop("color")
    assert problems("embed", misspelt) == [
        "$: Additional properties are not allowed ('colour' was unexpected)"
    ]


def test_the_color_reaches_the_wire() -> None:
    e: Embed = help_embed()
    sent = to_embed(e).to_dict()
    assert sent.get("color") == e["color"] and problems("embed", sent) == []


async def test_command_registrations_are_valid() -> None:
    payloads = await printable_payloads(Settings(health={"enabled": False}))
    assert len(payloads) == 4 and problems("commands", payloads) == []
