"""How many users run at once is one number: the KV cache the table sizes is the one the headline and
the notes count. Ollama allocates OLLAMA_NUM_PARALLEL whole contexts (the cache shown is all of them)
and runs that many at once; asked for several users with the slots unset, the command sets as many
slots as keep the fit."""

from __future__ import annotations

import re

import pytest

from bot.answers import answer_text
from sizing import Catalog, EngineOptions, default_catalog, estimate, parse_hardware


def _held(text: str) -> int | None:
    m = re.search(r"holds the KV cache of (\d+)", text)
    return int(m.group(1)) if m else None


@pytest.mark.parametrize(
    ("text", "users"),
    [
        (
            "gpt-oss-20b serving 8 users with ollama on a 4090, OLLAMA_NUM_PARALLEL=8, 16k context each",
            8,
        ),
        ("ollama, 4 users at once, qwen3 8b on a 4090 with 8k each, OLLAMA_NUM_PARALLEL=4", 4),
        ("gpt-oss-20b for 8 users in ollama on a 4090, 16k each", 8),
    ],
)
def test_slots_that_fit_run_every_user_at_once(catalog: Catalog, text: str, users: int) -> None:
    a = answer_text(text, catalog)
    assert _held(a.verdict) is None  # no "holds the KV cache of N" below the users asked
    assert f"OLLAMA_NUM_PARALLEL={users}" in a.options[0].command
    serving = a.options[0].speed.serving
    assert serving is not None and serving.users_held is not None and serving.users_held >= users


def test_the_cache_shown_for_ollama_slots_is_every_slot_s() -> None:
    spec = default_catalog().resolve("gpt-oss-20b").model
    hw = parse_hardware("RTX 4090")

    def kv(n: int) -> float:
        opts = EngineOptions(num_parallel=n)
        e = estimate(spec, hw, context=16384, engine="ollama", users=8, engine_options=opts)
        assert e.speed.serving is not None and e.speed.serving.users_held == n
        return e.memory.kv.total

    assert kv(8) == pytest.approx(4 * kv(2), rel=0.02)


@pytest.mark.parametrize(
    "text",
    [
        "qwen3 32b for 6 people in ollama on a 3090, 32k each",
        "how fast is qwen3 32b on two 3090s with llama.cpp for 10 users at 32k",
        "vllm, qwen3 32b awq on a single 4090, 12 users, 16k context each",
    ],
)
def test_the_headline_and_the_notes_give_the_same_count(catalog: Catalog, text: str) -> None:
    a = answer_text(text, catalog)
    serving = a.options[0].speed.serving
    assert serving is not None and serving.users_held is not None
    held = _held(a.verdict)
    if serving.users_held < serving.users:
        assert held == max(1, serving.users_held)
        assert any(f"holds the KV cache of {serving.users_held} " in n for n in a.options[0].assumptions)
    else:
        assert held is None
