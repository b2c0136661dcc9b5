"""Question words read the way people type them: a quant glued to the size that ends a name written
in words ("gemma3 27BQ4"), prompt lengths with a hyphen ("a 20k-token file") and a head count told
as "N of us". Sentences written for these tests."""

from __future__ import annotations

import pytest

from sizing import default_catalog, read_question

CAT = default_catalog()


@pytest.mark.parametrize(
    ("text", "model", "quant"),
    [
        ("how fast is gemma3 27BQ4 on my 3090?", "gemma-3-27b", "Q4"),
        ("would qwen3 32BQ4 run on a 4090", "qwen3-32b", "Q4"),
        ("llama 3.1 8BQ8 on a 3060 12gb, ok?", "llama-3.1-8b", "Q8"),
        ("gemma-3-12BQ4 on a 4060 8gb", "gemma-3-12b", "Q4"),
        ("mistral nemo 12bq6_k on a 3060?", "mistral-nemo-12b", "Q6_K"),
    ],
)
def test_quant_glued_to_the_size_is_read_apart(text: str, model: str, quant: str) -> None:
    q = read_question(text, CAT.index)
    assert [r.model.id for r in q.models] == [model]
    assert q.quant == quant


@pytest.mark.parametrize(
    "text",
    [
        # a file name keeps its quant inside the name; the reader of file names takes it
        "Qwen3-14BQ4_K_M.gguf on a 4090?",
        # a size with no quant after it stays as it is
        "qwen3 32b on a 3090",
    ],
)
def test_names_without_a_spoken_glued_quant_resolve_as_before(text: str) -> None:
    q = read_question(text, CAT.index)
    assert len(q.models) == 1


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("time to first token if I paste a 20k-token log into qwen3 8b on a 4090?", 20480),
        ("qwen3 14b with a 64k-context window on a 3090", 65536),
        # written apart, as before
        ("time to first token for a 20k token log, qwen3 8b on a 4090?", 20480),
    ],
)
def test_a_length_hyphened_to_its_noun_is_read(text: str, context: int) -> None:
    assert read_question(text, CAT.index).context == context


@pytest.mark.parametrize(
    ("text", "users"),
    [
        ("4 of us want qwen3 14b on one 4090 at 16k each", 4),
        ("five of us would share gpt-oss 20b on a 3090", 5),
        ("the two of us will use llama 3.1 8b on a 3060", 2),
        # people who own something are no load on the model
        ("three of us have a 3090 already, can qwen3 32b run on one?", None),
    ],
)
def test_a_head_count_said_as_of_us_is_users(text: str, users: int | None) -> None:
    assert read_question(text, CAT.index).users == users


@pytest.mark.parametrize(
    ("text", "usd"),
    [
        ("$2500 for coding, what should I buy?", 2500.0),
        ("with $1800 what should I get for chat?", 1800.0),
        ("what to buy for local coding with $4000?", 4000.0),
        ("€2000 budget, what to buy for coding agents?", None),  # a budget in euros: converted, checked below
    ],
)
def test_an_amount_beside_what_to_buy_asks_for_a_purchase(text: str, usd: float | None) -> None:
    q = read_question(text, CAT.index)
    assert q.kind == "purchase"
    if usd is not None:
        assert q.max_usd == usd


@pytest.mark.parametrize(
    "text",
    [
        # prices said for the cards weighed are no budget
        "a 3090 at $650 or a 4060 ti 16gb at $420 for qwen3 14b, what should I get?",
        "$650 for a 3090 or $420 for a 4060 ti, what should I get for qwen3 14b?",
    ],
)
def test_prices_of_cards_beside_what_to_get_are_no_budget(text: str) -> None:
    assert read_question(text, CAT.index).max_usd is None
