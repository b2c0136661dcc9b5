"""Answer -> Discord embed (limits, colors, escaping) and the memory chart PNG."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import discord
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.answers import Answer, answer_from_json
from bot.discord import to_embed
from bot.render.chart import chart_key, chart_title, memory_chart
from bot.render.discord import COLORS, answer_embed, help_embed, notice_embed, rig_embed, safe_text
from bot.render.discord_limits import LIMITS, Embed, embed_size, fit_embed
from sizing import HardwareContract

ANSWERS = Path(__file__).resolve().parent / "data" / "answers"
INJECTION = "@everyone @here <@&123> <@456> [x](javascript:alert(1)) https://evil.example **bold** `code`"


def _answer(name: str) -> Answer:
    return answer_from_json((ANSWERS / f"{name}.json").read_text())


def _with(a: Answer, **changes: Any) -> Answer:
    """`a` with some parts replaced by their JSON, validated as an answer again."""
    return Answer.model_validate({**a.model_dump(mode="json"), **changes})


def within_limits(e: Embed) -> bool:
    fields = e.get("fields") or []
    return (
        len(e.get("title") or "") <= LIMITS["title"]
        and len(e.get("description") or "") <= LIMITS["description"]
        and len(fields) <= LIMITS["fields"]
        and all(len(f["name"]) <= 256 and 0 < len(f["value"]) <= 1024 for f in fields)
        and len((e.get("footer") or {}).get("text") or "") <= LIMITS["footer"]
        and embed_size(e) <= LIMITS["total"]
    )


def test_estimate_embed_fits_and_shows_the_numbers() -> None:
    e = answer_embed(_answer("estimate"), chart=True)
    assert within_limits(e)
    names = [f["name"] for f in e["fields"]]
    assert names[:4] == ["Best option", "Memory", "Per device", "Speed"]
    assert "Run it" in names and "Assumptions" in names
    assert e["image"] == {"url": "attachment://memory.png"}
    assert e["color"] == COLORS["partial"]
    assert "RTX 4090" in e["description"]


def test_estimate_embed_without_chart_has_no_image() -> None:
    assert "image" not in answer_embed(_answer("estimate"))


def test_color_follows_the_verdict() -> None:
    a = _answer("estimate")
    for verdict in ("gpu", "partial", "cpu", "no"):
        opt = a.options[0].model_dump(mode="json")
        opt["placement"]["verdict"] = verdict
        opt["placement"]["shortfall_gb"] = 3.0
        e = answer_embed(_with(a, options=[opt]))
        assert e["color"] == COLORS[verdict]


def test_best_embed_lists_models() -> None:
    e = answer_embed(_answer("best"))
    assert within_limits(e)
    assert e["fields"][0]["name"].startswith("1. Qwen3.8 27B")
    assert "code" in e["title"]


def test_clarify_and_error_are_short_with_a_hint_and_an_example() -> None:
    e = answer_embed(_answer("clarify"))
    assert e["color"] == COLORS["clarify"]
    assert [f["name"] for f in e["fields"]] == ["Example"]
    err = Answer(
        kind="error",
        question={},
        error="no model matches 'zzz'",
        hint="Did you mean: GLM 4, Qwen3?",
        verdict="x",
    )
    e = answer_embed(err)
    assert e["color"] == COLORS["error"]
    assert [f["name"] for f in e["fields"]] == ["Hint", "Example"]
    assert "Did you mean" in e["fields"][0]["value"]
    assert embed_size(e) < 1000


def test_safe_text_leaves_no_ping_and_no_link() -> None:
    s = safe_text(INJECTION)
    for live in ("@everyone", "@here", "<@&123>", "<@456>", "](", "javascript:a", "https://", "**bold**"):
        assert live not in s
    assert "everyone" in s and "evil.example" in s  # still readable


@pytest.mark.parametrize(
    ("address", "live"),
    [
        ("https://e.com/**b**", "**b**"),
        ("https://e.com/||spoiler||", "||spoiler||"),
        ("https://e.com/_i_", "/_i_"),
        ("https://e.com/a`b", "a`b"),
        ("<https://e.com/~~s~~>", "~~s~~"),
    ],
)
def test_markup_inside_a_defused_address_is_escaped(address: str, live: str) -> None:
    # the scheme is broken so that Discord sees no link; the address is then plain text, where
    # Discord would render its **bold**, ||spoiler||, _italic_ or open a code span
    s = safe_text(f"see {address} now")
    assert live not in s and "e.com" in s and "https://" not in s


def test_error_quoting_user_text_is_escaped() -> None:
    err = Answer(
        kind="error", question={}, error=f"no model matches '{INJECTION}'", hint=INJECTION, verdict="x"
    )
    blob = json.dumps(answer_embed(err))
    assert "@everyone" not in blob and "<@&123>" not in blob and "](javascript" not in blob


def test_hardware_as_read_is_escaped_in_the_estimate() -> None:
    a = _answer("estimate")
    assert a.question.hardware is not None
    hw = a.question.hardware.model_dump(mode="json")
    hw["cpu"] = INJECTION
    e = answer_embed(_with(a, question={**a.question.model_dump(mode="json"), "hardware": hw}))
    assert "@everyone" not in e["description"] and "](javascript" not in e["description"]


def test_fit_embed_cuts_an_oversized_embed_to_every_limit() -> None:
    huge: Embed = {
        "title": "T" * 1000,
        "description": ("word " * 2000) + "`open code span",
        "fields": [{"name": "n" * 400, "value": "**bold " + "v " * 900} for _ in range(40)],
        "footer": {"text": "f" * 5000},
    }
    e = fit_embed(huge)
    assert within_limits(e)
    assert e["fields"][0]["value"].count("**") % 2 == 0
    assert (e["description"].count("`") - 3 * e["description"].count("```")) % 2 == 0
    to_embed(huge)  # discord.Embed accepts it


def test_a_cut_never_leaves_a_dangling_escape() -> None:
    e = fit_embed({"title": "x", "description": "a" * 4094 + "\\_b"})
    assert not e["description"].rstrip("…").endswith("\\")


@settings(max_examples=80, deadline=None)
@given(
    title=st.text(max_size=400),
    description=st.text(max_size=6000),
    fields=st.lists(st.tuples(st.text(max_size=300), st.text(max_size=1500)), max_size=30),
)
def test_fit_embed_always_within_limits(title: str, description: str, fields: list[tuple[str, str]]) -> None:
    e = fit_embed(
        {"title": title, "description": description, "fields": [{"name": n, "value": v} for n, v in fields]}
    )
    assert within_limits(e)


def test_notice_embed_has_hint_and_example_as_code() -> None:
    e = notice_embed("Oops", "bad", hint="do this", example="/canirun model:x")
    assert e["fields"][1]["value"] == "`/canirun model:x`"


def test_rig_embed_asks_about_guesses() -> None:
    contract = HardwareContract(
        gpus=[
            {"name": "NVIDIA GeForce RTX 3060", "count": 2, "vram_gb": 12.0, "id": "rtx-3060", "kind": "gpu"}
        ],
        soc=None,
        soc_id=None,
        unified_memory_gb=None,
        ram_gb=64.0,
        ram_type="DDR4",
        cpu=None,
        cpu_sockets=None,
        laptop=False,
        assumptions=["3060 read as the 12 GB model"],
    )
    e = rig_embed(contract, INJECTION, saved=True)
    names = [f["name"] for f in e["fields"]]
    assert names == ["Read as", "I guessed", "Is that right?"]
    assert "2× NVIDIA GeForce RTX 3060, 12 GB VRAM each" in e["fields"][0]["value"]
    assert "@everyone" not in e["description"]
    clean = rig_embed(contract.model_copy(update={"assumptions": []}), "2x 3060 12GB", saved=False)
    assert [f["name"] for f in clean["fields"]] == ["Read as"]


def test_help_embed_has_examples() -> None:
    e = help_embed()
    assert within_limits(e)
    assert "/canirun model:" in json.dumps(e)


def test_chart_is_a_png() -> None:
    # how long it takes to draw is measured by benchmarks/perf.py, not asserted here
    png = memory_chart(_answer("estimate"))
    assert png is not None and png.startswith(b"\x89PNG\r\n\x1a\n")


def test_chart_only_for_estimates_with_devices() -> None:
    assert memory_chart(_answer("best")) is None
    assert memory_chart(_answer("clarify")) is None
    a = _answer("estimate")
    opt = a.options[0].model_dump(mode="json")
    opt["placement"]["devices"] = []
    assert memory_chart(_with(a, options=[opt])) is None


def test_a_chart_key_is_there_exactly_when_a_chart_is() -> None:
    a = _answer("estimate")
    opt = a.options[0].model_dump(mode="json")
    opt["placement"]["devices"] = []
    assert chart_key(a) is not None
    no_devices = _with(a, options=[opt])
    assert [chart_key(_answer("best")), chart_key(_answer("clarify")), chart_key(no_devices)] == [None] * 3


def test_a_chart_key_changes_with_what_the_chart_shows_and_only_with_it() -> None:
    a = _answer("estimate")
    opt = a.options[0].model_dump(mode="json")
    other_bars = {**opt, "placement": {**opt["placement"], "devices": opt["placement"]["devices"][:1]}}
    other_bars["placement"]["devices"] = [{**other_bars["placement"]["devices"][0], "weights_gb": 1.0}]
    assert chart_key(_with(a, options=[other_bars])) != chart_key(a)
    assert chart_key(_with(a, options=[{**opt, "quant": "Q2_K"}])) != chart_key(a)
    assert chart_key(_with(a, verdict="another verdict, not drawn")) == chart_key(a)


def test_chart_copes_with_many_devices_and_odd_names() -> None:
    a = _answer("estimate")
    opt = a.options[0].model_dump(mode="json")
    dev = opt["placement"]["devices"][0]
    opt["placement"]["devices"] = [{**dev, "name": f"GPU {i} " + "名" * 40} for i in range(12)]
    png = memory_chart(_with(a, options=[opt]))
    assert png is not None


@pytest.mark.parametrize("name", ["estimate", "best", "clarify"])
def test_embeds_become_discord_embeds(name: str) -> None:
    e = to_embed(answer_embed(_answer(name)))
    assert isinstance(e, discord.Embed) and len(e) <= 6000


def test_a_chart_of_more_devices_than_it_draws_says_how_many_more() -> None:
    a = _answer("estimate")
    opt = a.options[0].model_dump(mode="json")
    gpu, cpu = opt["placement"]["devices"][0], opt["placement"]["devices"][-1]
    many = [{**gpu, "name": f"GPU #{i}"} for i in range(1, 21)] + [cpu]
    big = _with(a, options=[{**opt, "placement": {**opt["placement"], "devices": many}}])
    assert (chart_title(big) or "").endswith("+13 more GPUs not drawn")  # 7 GPUs and the RAM drawn
    assert "more" not in (chart_title(a) or "")
    fewer = _with(a, options=[{**opt, "placement": {**opt["placement"], "devices": [*many[:19], cpu]}}])
    assert chart_key(big) != chart_key(fewer)  # the same bars drawn, another count left out
    png = memory_chart(big)
    assert png is not None and png.startswith(b"\x89PNG")
