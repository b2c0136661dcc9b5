"""A speed the asker has now is read in more wordings ("and get about 17 t/s", "gives me 17 tokens/s",
"at 17 t/s, is that low?"); a speed asked or seen once the context holds N tokens is asked at that
depth; a follow-up asking for more of the card named ("and with two of them?") is sized on that many."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, read_question


@pytest.mark.parametrize(
    ("text", "seen", "wished"),
    [
        ("i run qwen3 32b q4 on a 4090 and get about 31 t/s", 31.0, None),
        ("gemma 3 27b on my 3090 gives me 24 tokens/s, is that normal?", 24.0, None),
        ("my 7900 xtx gets 45 tok/s on qwen3 30b a3b q4_k_m", 45.0, None),
        ("mistral small 3.2 on my two 3060s at 11 t/s, is that low?", 11.0, None),
        ("we run llama 3.1 8b on a 4060 at 40 tok/s. normal?", 40.0, None),
        # a speed sought, not had
        ("what gpu gets 50 tok/s on llama 3.3 70b?", None, None),
        ("i want qwen3 32b at 20 t/s on a 3090", None, 20.0),
        ("would a second 4090 get me to 30 t/s on qwen3 32b?", None, None),
    ],
)
def test_a_speed_had_now_is_read_in_more_wordings(
    catalog: Catalog, text: str, seen: float | None, wished: float | None
) -> None:
    q = read_question(text, catalog.index)
    assert q.speed_seen == seen
    if wished is not None:
        assert q.min_tps == wished


@pytest.mark.parametrize(
    ("text", "depth", "seen"),
    [
        (
            "my 3090 does gemma 3 27b at 30 t/s at 2k but drops to 14 at 24k, what speed should i see at 24k",
            24576,
            14.0,
        ),
        ("qwen3 14b on a 4070: what speed should i expect at 16k?", 16384, None),
        ("llama 3.1 8b on my 3060 falls to 12 t/s by 32k, normal?", 32768, 12.0),
    ],
)
def test_a_speed_asked_or_seen_deep_in_the_context_is_asked_at_that_depth(
    catalog: Catalog, text: str, depth: int, seen: float | None
) -> None:
    q = read_question(text, catalog.index)
    assert q.depth == depth
    assert q.speed_seen == seen


@pytest.mark.parametrize(
    ("text", "cards"),
    [
        ("gemma 3 27b on a 4090. and with two of them?", 2),
        ("llama 3.3 70b on an rtx 3090, what about 3 of those?", 3),
        ("qwen3 32b on a 5090, how about four of them", 4),
        ("gemma 3 27b on a 4090", 1),
    ],
)
def test_a_follow_up_asking_for_more_of_the_card_is_sized_on_that_many(
    catalog: Catalog, text: str, cards: int
) -> None:
    q = read_question(text, catalog.index)
    assert q.hardware is not None and q.hardware.gpu_count == cards


def test_a_quoted_answer_followed_by_two_of_them_is_answered_on_two(catalog: Catalog) -> None:
    text = "> Gemma 3 27B fits fully on the GPU at Q6_K, ~40 tokens/s on 1x RTX 4090\n\nand with two of them?"
    a = answer_text(text, catalog)
    assert a.question.hardware is not None and a.question.hardware.gpus[0].count == 2
