"""A question that serves several users at once with no quantization named: the pick leaves memory for
their KV caches. A good-quality option with smaller weights (FP8 or AWQ beside BF16) that holds more of
the users is picked, and the answer says why and how many run at once."""

from __future__ import annotations

import re

import pytest

from bot.answers import answer_text
from sizing import Catalog, read_question


def _held(verdict: str) -> int | None:
    m = re.search(r"holds the KV cache of (\d+)", verdict)
    return int(m.group(1)) if m else None


def test_many_users_on_four_40gb_cards_get_a_smaller_checkpoint_than_bf16(catalog: Catalog) -> None:
    a = answer_text(
        "4x a100 40gb, serve llama 3.3 70b with vllm to 40 concurrent users at 8k context", catalog
    )
    first = a.options[0]
    assert first.quant != "BF16-HF"
    # smaller weights, or FP8 weights with an fp8 KV cache where that holds them all (finer than AWQ)
    assert f"For 40 users at once {first.quant} is the pick" in a.verdict or (
        first.quant == "FP8" and "For 40 users at once an fp8 KV cache is the pick" in a.verdict
    )
    assert re.search(r"(?:BF16-HF|FP8) holds \d+ at this context|the 16-bit one holds \d+", a.verdict)
    held = _held(a.verdict)
    assert held is None or held > 10  # all of them, or dozens of KV caches, not one


def test_the_pick_for_users_is_named_with_how_many_run_at_once(catalog: Catalog) -> None:
    a = answer_text("serve qwen3 32b with vllm on one h100 80gb for 10 users", catalog)
    assert a.options[0].quant in ("FP8", "AWQ-INT4")
    assert "10 users at once" in a.verdict


def test_one_user_gets_the_fastest_practically_lossless_weights_that_fit(catalog: Catalog) -> None:
    # FP8 reads half BF16's bytes at a quality no one can tell apart
    a = answer_text("serve qwen3 32b with vllm on one h100 80gb", catalog)
    assert a.options[0].quant == "FP8"
    assert "is the pick: its smaller weights" not in a.verdict


def test_a_quantization_asked_is_kept_for_many_users(catalog: Catalog) -> None:
    a = answer_text("serve qwen3 32b in bf16 with vllm on one h100 80gb for 10 users", catalog)
    assert a.options[0].quant == "BF16-HF"


@pytest.mark.parametrize(
    ("text", "users"),
    [
        ("for 40 concurrent chat users with qwen3 32b, 2x a6000 or one h100? vllm", 40),
        ("a100 80gb, 12 simultaneous coding users on qwen3 32b with vllm?", 12),
        ("24 parallel api requests to llama 3.1 8b on an l4, vllm", 24),
    ],
)
def test_a_word_between_the_count_and_users_keeps_the_count(catalog: Catalog, text: str, users: int) -> None:
    assert read_question(text, catalog.index).users == users
