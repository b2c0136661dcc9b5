"""A number that is no value to size as written is said beside the answer, never dropped for the
default in silence: a context length with a minus sign is read without it, and a head count past the
most sized is said to be left out. The CLI's --users past that bound says "too many", not "no count"."""

from __future__ import annotations

import pytest

from sizing import Catalog, EstimateError, estimate, parse_hardware, read_question


@pytest.mark.parametrize(
    ("text", "context", "said"),
    [
        ("llama 3 8b on a 3090, context -5k", 5120, "'-5k' as 5k"),
        ("qwen3 14b with ctx: -4096 on a 4070", 4096, "'-4096' as 4096"),
        ("gemma 3 12b at -8k context on a 3060", 8192, "'-8k' as 8k"),
    ],
)
def test_a_context_with_a_minus_sign_is_read_without_it_and_said(
    catalog: Catalog, text: str, context: int, said: str
) -> None:
    q = read_question(text, catalog.index)
    assert q.context == context
    assert any(said in a and "minus sign" in a for r in q.models for a in r.assumptions)


def test_a_range_of_contexts_is_no_minus_sign(catalog: Catalog) -> None:
    q = read_question("llama 3 8b on a 3090 at 8k-16k context", catalog.index)
    assert not any("minus sign" in a for r in q.models for a in r.assumptions)


@pytest.mark.parametrize("count", ["1000000000", "50,000,000"])
def test_a_head_count_past_the_bound_is_said_to_be_left_out(catalog: Catalog, count: str) -> None:
    q = read_question(f"llama 3.3 70b for {count} users on 2x h100", catalog.index)
    assert q.users is None
    assert any(f"'{count}' users: too many" in a for r in q.models for a in r.assumptions)


@pytest.mark.parametrize(
    ("users", "words"), [(1_000_000_000, r"too many \(at most 100,000\)"), (0, "is not a count")]
)
def test_users_out_of_bounds_are_refused_with_the_reason(catalog: Catalog, users: int, words: str) -> None:
    with pytest.raises(EstimateError, match=words):
        estimate(catalog.by_id["llama-3-8b"], parse_hardware("RTX 3090"), users=users)


@pytest.mark.parametrize(
    "text", ["llama 3 8b on -3 gpus with 64gb ram", "qwen3 14b across -2 cards, 32gb ram"]
)
def test_a_card_count_with_a_minus_sign_is_said_to_be_left_out(catalog: Catalog, text: str) -> None:
    q = read_question(text, catalog.index)
    assert any("as cards: no count is negative" in a for r in q.models for a in r.assumptions)


def test_a_range_of_cards_is_no_minus_sign(catalog: Catalog) -> None:
    q = read_question("llama 3.3 70b on 2-4 gpus of rtx 3090", catalog.index)
    assert not any("no count is negative" in a for r in q.models for a in r.assumptions)
