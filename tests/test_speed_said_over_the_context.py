"""Generating slows as the context fills, so a speed says where it holds: the verdict gives it on an
empty context and at the context sized ("~20 tokens/s on an empty context, ~7.9 at 8k"), and every
renderer labels the one number it shows as an average over the context."""

from __future__ import annotations

import re

import pytest

from bot.answers import Answer
from bot.render.discord import answer_embed
from bot.render.html import answer_html
from bot.render.reddit import render_reddit
from sizing import advise, default_catalog, parse_hardware
from sizing.vocabulary import decode_over_context_text, tps_text
from tests.rendered import answer_to as _answer
from tests.rendered import terminal_text as _terminal


@pytest.mark.parametrize(
    ("start", "end", "depth", "said"),
    [
        (20.04, 7.9, 8192, "~20 tokens/s on an empty context, ~7.9 at 8k"),
        (13.2, 3.21, 131072, "~13 tokens/s on an empty context, ~3.2 at 128k"),
        (45.0, 33.0, 20000, "~45 tokens/s on an empty context, ~33 at 20,000"),
        (57.2, 56.8, 8192, "~57 tokens/s"),  # flat over the context: one number says it
    ],
)
def test_a_speed_over_a_context_is_said_at_both_ends(start: float, end: float, depth: int, said: str) -> None:
    assert decode_over_context_text(start, end, depth) == said


SLOPING = [
    # (model, rig, context): a large cache against the weights, so the speed falls over the context
    ("deepseek-v3.1", "mac studio m3 ultra 512gb", 8192),
    ("qwen3-32b", "macbook pro m4 max 128gb", 131072),
    ("llama-3.1-8b", "rtx 4090", 131072),
]


@pytest.mark.parametrize(("model_id", "rig", "context"), SLOPING)
def test_the_verdict_gives_the_speed_on_an_empty_context_and_at_the_context(
    model_id: str, rig: str, context: int
) -> None:
    advice = advise(default_catalog().by_id[model_id], parse_hardware(rig), context=context)
    curve = advice.options[0].estimate.speed.curve
    start, end = tps_text(curve[0].decode_tps), tps_text(curve[-1].decode_tps)
    assert start != end
    assert f"~{start} tokens/s on an empty context, ~{end} at " in advice.summary, advice.summary


@pytest.mark.parametrize(("model_id", "rig", "context"), SLOPING)
def test_a_verdict_below_the_wished_speed_names_the_average_it_weighed(
    model_id: str, rig: str, context: int
) -> None:
    advice = advise(default_catalog().by_id[model_id], parse_hardware(rig), context=context, min_tps=1000)
    m = re.search(r"\(~([\d.,]+) on average\), below 1000 tokens/s", advice.summary)
    assert m is not None, advice.summary
    assert m.group(1) == tps_text(advice.options[0].estimate.speed.decode_tps)


def _discord(a: Answer) -> str:
    e = answer_embed(a)
    return "\n".join([e.get("description", ""), *(f"{f['name']}: {f['value']}" for f in e.get("fields", []))])


RENDERERS = {"terminal": _terminal, "reddit": render_reddit, "discord": _discord, "html": answer_html}


@pytest.mark.parametrize("renderer", sorted(RENDERERS))
def test_every_renderer_labels_the_speed_as_an_average_over_the_context(renderer: str) -> None:
    a = _answer("mac studio m3 ultra 512gb, deepseek v3.1 at q4 with 16k context")
    shown = RENDERERS[renderer](a)
    assert "on an empty context" in shown
    assert f"~{tps_text(a.options[0].speed.decode_tps)} tok" in shown
    assert "averaged over 16k" in shown


@pytest.mark.parametrize("renderer", sorted(RENDERERS))
def test_a_speed_flat_over_the_context_is_not_called_an_average(renderer: str) -> None:
    a = _answer("llama 3.3 70b q4_k_m on 2x 3090 with 1024 context")
    curve = a.options[0].speed.curve
    assert len(curve) < 2 or tps_text(curve[0].decode_tps) == tps_text(curve[-1].decode_tps)
    assert "averaged over" not in RENDERERS[renderer](a)
