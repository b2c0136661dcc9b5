"""Every renderer shows the advice: the command (every line of it), the public measurement with its
source, what the engine holds on each device, the longest context per KV cache type, priced fixes
and, for "best", each model's quality."""

from __future__ import annotations

import pytest

from bot.answers import Answer, BestOption, RankedOption
from bot.render.discord import answer_embed
from bot.render.reddit import render_reddit
from tests.rendered import answer_to as _answer
from tests.rendered import terminal_text as _terminal


def _discord(a: Answer) -> str:
    e = answer_embed(a)
    return "\n".join([e.get("description", ""), *(f"{f['name']}: {f['value']}" for f in e.get("fields", []))])


RENDERERS = {"terminal": _terminal, "reddit": render_reddit, "discord": _discord}
OLLAMA = "qwen3 30b on ollama with a 3090 and 32gb ram"
MEASURED = "llama 3 70b on 2x 3090"
UPGRADE = "qwen2.5 72b on a 3090 with 64gb ram"


@pytest.mark.parametrize("render", RENDERERS.values(), ids=RENDERERS.keys())
def test_every_line_of_the_command_is_shown(render: object) -> None:
    a = _answer(OLLAMA)
    assert a.best is not None and a.best.command is not None
    lines = a.best.command.split("\n")
    assert len(lines) == 2
    text = render(a)  # type: ignore[operator]
    for line in lines:
        assert line.partition("  #")[0].strip() in text


@pytest.mark.parametrize("render", RENDERERS.values(), ids=RENDERERS.keys())
def test_a_public_measurement_is_shown_with_its_source(render: object) -> None:
    a = _answer(MEASURED)
    assert a.best is not None and a.best.speed.measured
    text = render(a)  # type: ignore[operator]
    assert (
        "measured" in text.lower()
        and "https://github.com/XiongjieDai/GPU-Benchmarks-on-LLM-Inference" in text
    )


def test_reddit_and_discord_link_the_measurement_source() -> None:
    a = _answer(MEASURED)
    assert "([source](https://github.com/XiongjieDai/" in render_reddit(a)
    assert "([source](<https://github.com/XiongjieDai/" in _discord(a)


@pytest.mark.parametrize("render", RENDERERS.values(), ids=RENDERERS.keys())
def test_what_the_engine_holds_and_the_desktop_reserve_are_named(render: object) -> None:
    text = render(_answer(UPGRADE))  # type: ignore[operator]
    assert "runtime (CUDA context)" in text.replace("\\", "") and "kept free for the desktop" in text


@pytest.mark.parametrize("render", RENDERERS.values(), ids=RENDERERS.keys())
def test_other_options_show_the_longest_context_per_kv_type(render: object) -> None:
    a = _answer(UPGRADE)
    other = a.options[1]
    assert isinstance(other, RankedOption) and other.max_context_by_kv
    text = render(a).replace("\\", "")  # type: ignore[operator]
    assert "q8_0 " in text and "f16 " in text and "max context" in text.lower()


@pytest.mark.parametrize("render", RENDERERS.values(), ids=RENDERERS.keys())
def test_other_options_of_two_models_name_each_options_model(render: object) -> None:
    a = _answer("will qwen3 14b and gemma 3 12b run on an rtx 3090")
    names = {o.model.name for o in a.options[1:4]}
    assert len(names) == 2
    text = render(a).replace("\\", "")  # type: ignore[operator]
    others = text[text.lower().index("other options") :]
    assert all(name in others for name in names)


@pytest.mark.parametrize("render", RENDERERS.values(), ids=RENDERERS.keys())
def test_a_priced_upgrade_is_shown(render: object) -> None:
    a = _answer(UPGRADE)
    priced = [f for f in a.fixes if f.price_usd is not None]
    assert priced
    text = render(a)  # type: ignore[operator]
    assert "add a second NVIDIA GeForce RTX 3090" in text and "$700" in text


@pytest.mark.parametrize("render", RENDERERS.values(), ids=RENDERERS.keys())
def test_best_lists_each_models_quality(render: object) -> None:
    a = _answer("best coding model for an M2 Max 64GB")
    top = a.options[0]
    assert isinstance(top, BestOption) and top.quality is not None
    text = render(a)  # type: ignore[operator]
    assert "quality" in text.lower() and f"{top.quality:.0f}" in text


def test_a_routed_precision_says_so_in_the_verdict() -> None:
    a = _answer("llama 3.3 70b fp8 on a dgx spark")
    assert a.kind == "estimate" and a.best is not None
    assert a.best.engine == "vllm" and "answered for vLLM" in a.verdict
    assert a.best.command is not None and a.best.command.startswith("vllm serve ")


def test_a_requirements_answer_no_rig_runs_shows_no_empty_table() -> None:
    a = _answer("how many 3090s for deepseek r1 at q4, fully in vram?")
    assert not getattr(a, "rigs", ())
    text = _terminal(a)
    assert "rigs, cheapest first" not in text and "cannot hold it" in text
