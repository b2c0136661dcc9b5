"""Pure parts of the Discord frontend: option values, autocomplete ranking, menu state."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.discord.parsing import (
    CONTEXT_MAX,
    CONTEXT_MIN,
    MAX_CHOICES,
    MENU_TEMPLATE,
    InputProblem,
    MenuState,
    ModelChoices,
    best_question,
    context_menu,
    quant_choices,
    quant_menu,
    slash_question,
)
from sizing import Catalog


@pytest.fixture(scope="module")
def choices(catalog: Catalog) -> ModelChoices:
    return ModelChoices(catalog)


@pytest.mark.parametrize("ctx", [CONTEXT_MIN, 8192, CONTEXT_MAX])
def test_context_inside_bounds_is_kept(ctx: int) -> None:
    assert slash_question("qwen3 30b", "RTX 3090", ctx).context == ctx


@pytest.mark.parametrize("ctx", [0, CONTEXT_MIN - 1, CONTEXT_MAX + 1, -5])
def test_context_outside_bounds_is_refused_with_a_hint(ctx: int) -> None:
    with pytest.raises(InputProblem) as err:
        slash_question("qwen3 30b", "RTX 3090", ctx)
    assert "8192" in err.value.hint


def test_empty_hardware_means_the_saved_rig() -> None:
    s = slash_question("  qwen3   30b ", None)
    assert s.model == "qwen3 30b" and s.hardware == ""


def test_blank_model_is_refused() -> None:
    with pytest.raises(InputProblem):
        slash_question("   ", "RTX 3090")


def test_oversized_hardware_text_is_refused_not_truncated() -> None:
    with pytest.raises(InputProblem) as err:
        slash_question("qwen3 30b", "RTX 3090 " * 200)
    assert "too long" in err.value.message


def test_unknown_engine_and_task_are_refused() -> None:
    with pytest.raises(InputProblem):
        slash_question("qwen3 30b", "RTX 3090", engine="tensorrt")
    with pytest.raises(InputProblem):
        best_question("RTX 3090", task="poetry")


def test_best_question_asks_for_best_models() -> None:
    s = best_question("M2 Max 64GB", 16384, "code")
    assert s.best and s.model is None and s.task == "code" and s.context == 16384


def test_autocomplete_puts_the_typed_model_first(choices: ModelChoices) -> None:
    assert choices.rank("qwen3 30")[0].value == "qwen3-30b-a3b"
    assert choices.rank("gpt oss 120")[0].value == "gpt-oss-120b"
    assert choices.rank("llama 3.3 70")[0].value == "llama-3.3-70b"


def test_autocomplete_without_text_lists_newest_models(choices: ModelChoices, catalog: Catalog) -> None:
    got = choices.rank("")
    assert len(got) == MAX_CHOICES
    dates = [catalog.by_id[c.value].released for c in got]
    known = [d for d in dates if d is not None]
    assert known == sorted(known, reverse=True)


@pytest.mark.parametrize(
    "query", ["", "q", "qwen", "deepseek r1 distill", "zzzzzz", "x" * 500, "🦙 70b", "@everyone"]
)
def test_autocomplete_respects_discord_limits(choices: ModelChoices, query: str) -> None:
    got = choices.rank(query)
    assert len(got) <= 25
    assert all(1 <= len(c.name) <= 100 and 1 <= len(c.value) <= 100 for c in got)
    assert len({c.value for c in got}) == len(got)


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=300))
def test_autocomplete_never_fails_on_any_text(choices: ModelChoices, text: str) -> None:
    assert len(choices.rank(text)) <= 25


def test_quant_autocomplete_follows_the_engine() -> None:
    vllm = {c.value for c in quant_choices("", "vllm")}
    assert "AWQ-INT4" in vllm and "Q4_K_M" not in vllm
    assert quant_choices("q4", "llama.cpp")[0].value == "Q4_K_M"
    assert quant_choices("mlx4")[0].value == "MLX-4bit"
    assert len(quant_choices("")) <= 25


def test_quant_menu_puts_current_and_seen_first_and_skips_what_the_engine_cannot_load() -> None:
    menu = quant_menu("llama.cpp", "Q5_K_M", ["Q5_K_M", "Q4_K_M", "AWQ-INT4"])
    values = [v for _, v, _ in menu]
    assert values[:2] == ["Q5_K_M", "Q4_K_M"] and "AWQ-INT4" not in values
    assert [cur for _, v, cur in menu if v == "Q5_K_M"] == [True]
    assert len(menu) <= 25


def test_context_menu_stops_at_the_model_maximum() -> None:
    menu = context_menu(32768, 8192)
    assert [v for _, v, _ in menu] == ["4096", "8192", "16384", "32768"]
    assert [v for _, v, cur in menu if cur] == ["8192"]
    assert "12000" in [v for _, v, _ in context_menu(32768, 12000)]


def test_menu_state_round_trips_inline_and_matches_the_template() -> None:
    s = MenuState("qwen3-30b-a3b", "RTX 3090, 64GB RAM", 32768, "Q4_K_M", "vllm")
    token = s.inline()
    assert token is not None and MenuState.from_inline(token) == s
    assert MENU_TEMPLATE.fullmatch(f"canirun:q:{token}")
    assert len(f"canirun:q:{token}") <= 100


def test_menu_state_too_long_for_a_custom_id_goes_to_the_store() -> None:
    s = MenuState(
        "qwen3-30b-a3b", "2x RTX 3090, 1x RTX 4090, 256GB DDR5 8-channel on an EPYC 9654, PCIe 4.0 x16", 8192
    )
    assert s.inline() is None
    assert MENU_TEMPLATE.fullmatch(f"canirun:c:{s.digest()}")
    assert MenuState.from_json(s.to_json()) == s
    assert MenuState("m", "a|b").inline() is None  # the separator never appears inside a field


def test_menu_choice_changes_one_option_and_checks_it() -> None:
    s = MenuState("qwen3-30b-a3b", "RTX 3090", 8192, None, None)
    assert s.with_choice("c", "32768").context == 32768
    assert s.with_choice("q", "Q8_0").quant == "Q8_0"
    with pytest.raises(InputProblem):
        s.with_choice("c", "lots")
    with pytest.raises(InputProblem):
        s.with_choice("c", str(CONTEXT_MAX * 2))


@pytest.mark.parametrize("junk", ["", "i", "ix|y", "i1|2|3|4", "k", "inot-base36!|Q|9|m|h"])
def test_garbled_menu_state_reads_as_none(junk: str) -> None:
    assert MenuState.from_inline(junk) is None
    assert MenuState.from_json(junk) is None
