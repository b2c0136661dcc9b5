"""The number of users asked is kept in serving and purchase advice: "to 30 devs", "a team of 5" are
users at once; a rig comparison for them gives each rig's speed per user and how many it serves at
once; "how much faster is vLLM than Ollama for 8 users" gives both engines' numbers for those users."""

from __future__ import annotations

import re

import pytest

from bot.answers import answer_text
from sizing import Catalog, read_question


@pytest.mark.parametrize(
    ("text", "users"),
    [
        ("we want to serve qwen3 coder 30b to 25 developers, what do we buy", 25),
        ("i want to serve gpt-oss-120b to 30 devs with vllm, which gpus should i buy?", 30),
        ("llama 3.3 70b for 12 engineers on 4x 3090?", 12),
        ("a box for our team of 6 devs running glm 4.5 air", 6),
    ],
)
def test_people_served_are_users_at_once(catalog: Catalog, text: str, users: int) -> None:
    assert read_question(text, catalog.index).users == users


def test_buying_for_many_users_sizes_every_rig_for_them(catalog: Catalog) -> None:
    a = answer_text("i want to serve gpt-oss-120b to 30 devs with vllm, which gpus should i buy?", catalog)
    assert "30 users" in a.verdict
    assert "each for 30 users" in a.verdict


def test_a_rig_comparison_for_a_team_gives_each_rigs_speed_per_user(catalog: Catalog) -> None:
    a = answer_text("2x 3090 or one rtx pro 6000 for qwen3 32b for a team of 6 developers?", catalog)
    said = a.verdict.split("For 6 users at once, ")[1]
    assert said.count("tokens/s each") == 2
    assert "3090" in said and "PRO 6000" in said


def test_a_comparison_for_one_user_says_nothing_of_users(catalog: Catalog) -> None:
    a = answer_text("2x 3090 or one rtx pro 6000 for qwen3 32b?", catalog)
    assert "users at once" not in a.verdict


@pytest.mark.parametrize(
    "text",
    [
        "how much faster is vllm than ollama for 8 users on 2x 3090 with qwen3 32b?",
        "is sglang quicker than ollama for 6 users? qwen3 14b on a 4090",
    ],
)
def test_two_engines_for_several_users_give_both_engines_numbers(catalog: Catalog, text: str) -> None:
    q = read_question(text, catalog.index)
    assert q.engine_compared is not None
    a = answer_text(text, catalog)
    said = a.verdict.split(f"For {q.users} users at once: ")[1]
    assert said.count("tokens/s each") == 2
    assert "Ollama" in said


@pytest.mark.parametrize(
    "text",
    [
        "for 12 users on one 3090, is vllm or ollama quicker with qwen3 14b?",
        "ollama vs vllm with qwen3 8b for 6 people on a 4090",
    ],
)
def test_an_ollama_figure_for_several_users_says_the_parallel_setting_it_assumes(
    catalog: Catalog, text: str
) -> None:
    a = answer_text(text, catalog)
    said = a.verdict.split("users at once: ", 1)[1]
    held = re.search(r"Ollama ~[\d.,]+ tokens/s each, ~[\d,]+ in all(?: \((\d+) at once\))?", said)
    assert held is not None, said
    setting = re.search(r"`OLLAMA_NUM_PARALLEL=(\d+) ollama serve`", said)
    assert setting is not None, said
    assert int(setting.group(1)) > 1
    if held.group(1):
        assert int(held.group(1)) == int(setting.group(1))
