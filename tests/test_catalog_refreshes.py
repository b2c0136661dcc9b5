"""A refresh of a model's weights with its own context (Qwen3's 2507 releases) is its own entry: named,
or asked for by a word only it has ("thinking", "2507"), it is read as that release and sized with its own
native context; a bare family and size is the release itself."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, default_catalog, estimate, parse_hardware, read_question
from sizing.commands import launch_command

CATALOG: Catalog = default_catalog()


@pytest.mark.parametrize(
    ("name", "model_id"),
    [
        ("Qwen/Qwen3-30B-A3B-Instruct-2507", "qwen3-30b-a3b-instruct-2507"),
        ("unsloth/Qwen3-30B-A3B-Instruct-2507-GGUF", "qwen3-30b-a3b-instruct-2507"),
        ("qwen3:30b-a3b-instruct-2507-q4_K_M", "qwen3-30b-a3b-instruct-2507"),
        ("Qwen3-30B-A3B-Thinking-2507-Q5_K_M.gguf", "qwen3-30b-a3b-thinking-2507"),
        ("Qwen3-4B-Instruct-2507", "qwen3-4b-instruct-2507"),
        ("mlx-community/Qwen3-235B-A22B-Instruct-2507-4bit", "qwen3-235b-a22b-instruct-2507"),
        ("Qwen/Qwen3-30B-A3B", "qwen3-30b-a3b"),
        ("qwen3:30b", "qwen3-30b-a3b"),
        ("qwen3 30b", "qwen3-30b-a3b"),
        ("qwen3 30b a3b", "qwen3-30b-a3b"),
        ("qwen3 4b", "qwen3-4b"),
        ("qwen3 235b", "qwen3-235b-a22b"),
        ("qwen3 30b 2507", "qwen3-30b-a3b-instruct-2507"),
        ("qwen3 4b 2507", "qwen3-4b-instruct-2507"),
        ("qwen3 30b thinking", "qwen3-30b-a3b-thinking-2507"),
        ("qwen3 30b a3b thinking", "qwen3-30b-a3b-thinking-2507"),
        ("qwen3 4b thinking", "qwen3-4b-thinking-2507"),
        ("qwen3 235b thinking", "qwen3-235b-a22b-thinking-2507"),
        ("qwen3:30b-thinking", "qwen3-30b-a3b-thinking-2507"),
        # words no release of that name has stay what they were: a kind of model, not a release
        ("qwen 30b moe", "qwen3-30b-a3b"),
    ],
)
def test_a_named_release_resolves_to_its_own_entry(name: str, model_id: str) -> None:
    assert CATALOG.resolve(name).model.id == model_id


@pytest.mark.parametrize(
    ("refresh", "original"),
    [
        ("qwen3-4b-instruct-2507", "qwen3-4b"),
        ("qwen3-30b-a3b-thinking-2507", "qwen3-30b-a3b"),
        ("qwen3-235b-a22b-instruct-2507", "qwen3-235b-a22b"),
    ],
)
def test_a_refresh_keeps_the_weights_shape_and_has_a_longer_native_context(
    refresh: str, original: str
) -> None:
    new, old = CATALOG.get(refresh), CATALOG.get(original)
    assert (new.params_b, new.layers, new.hidden, new.kv_heads, new.moe) == (
        old.params_b,
        old.layers,
        old.hidden,
        old.kv_heads,
        old.moe,
    )
    assert new.max_context == 262_144 > old.max_context


def test_a_long_context_on_a_refresh_needs_no_yarn_and_is_within_its_length() -> None:
    e = estimate(
        CATALOG.get("qwen3-30b-a3b-instruct-2507"), parse_hardware("RTX 3090, 64GB RAM"), context=204_800
    )
    command = launch_command(e) or ""
    assert "--rope-scaling" not in command
    assert "--rope-scaling" in (
        launch_command(
            estimate(CATALOG.get("qwen3-30b-a3b"), parse_hardware("RTX 3090, 64GB RAM"), context=204_800)
        )
        or ""
    )


@pytest.mark.parametrize(
    ("text", "model_id"),
    [
        # the date after a full name, after a bare size, after a build word with a dash, before a quant
        ("would qwen3 30b a3b 2507 run on my 4080 super?", "qwen3-30b-a3b-instruct-2507"),
        ("qwen3 235b 2507 q3 on a mac studio with 192gb", "qwen3-235b-a22b-instruct-2507"),
        ("qwen3 235b a22b instruct-2507 across 4x 3090 and 128gb ram", "qwen3-235b-a22b-instruct-2507"),
        ("speed of qwen3 4b 2507 on a 3060", "qwen3-4b-instruct-2507"),
        # a number that is no release date of any catalog name is no part of the name
        ("qwen3 30b a3b 3090 speed?", "qwen3-30b-a3b"),
        ("qwen3 30b a3b 1024 tokens prompt on a 4090", "qwen3-30b-a3b"),
    ],
)
def test_a_release_date_after_a_name_in_a_question_picks_that_release(text: str, model_id: str) -> None:
    assert [r.model.id for r in read_question(text, CATALOG.index).models] == [model_id]


def test_a_dated_release_asked_downloads_its_own_builds() -> None:
    a = answer_text("qwen3 235b a22b 2507 on a 3090 + 3060 12gb and 128gb ddr5", CATALOG)
    command = a.options[0].command or ""
    assert "Qwen3-235B-A22B-Instruct-2507-GGUF" in command, command
