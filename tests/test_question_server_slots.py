"""llama-server's pasted -c is shared by its --parallel slots: the context each conversation has is
-c divided once, a per-user context said in words beside the flags is never divided again, and the
answer says what each slot gets (and what -c gives the context each user asked)."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, read_question


@pytest.mark.parametrize(
    ("text", "context", "shared"),
    [
        (
            "llama-server -np 4 -c 32768 with gemma 3 12b on a 4080 for 4 people, so each chat gets 8k?",
            8192,
            (32768, 4),
        ),
        (
            "2 users on my 3060 running qwen3 8b, llama-server --parallel 2 --ctx-size 16384, 8k each right?",
            8192,
            (16384, 2),
        ),
        (
            "qwen3 14b on a 4090 via llama-server --parallel 4 -c 32768, i need 16k per user",
            16384,
            (32768, 4),
        ),
        ("llama-server -np 3 -c 24576 mistral small 3.2 on a 5090", 8192, (24576, 3)),
        ("qwen3 8b on a 3060 with llama-server -c 16384", 16384, None),  # one slot: -c is the conversation's
    ],
)
def test_the_slots_share_the_pasted_context_once(
    catalog: Catalog, text: str, context: int, shared: tuple[int, int] | None
) -> None:
    q = read_question(text, catalog.index)
    assert (q.context, q.context_shared) == (context, shared)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "gemma 3 12b on a 4090 with 4 users at once, llama-server --parallel 4 -c 32768, is it 8k each?",
            "llama-server shares its -c 32,768 among the 4 slots of --parallel 4: 8,192 tokens each.",
        ),
        (
            "gemma 3 12b on a 4090, llama-server -np 4 -c 32768, we need 16k per user",
            "8,192 tokens each; 16,384 each takes -c 65,536.",
        ),
    ],
)
def test_the_answer_says_what_each_slot_gets(catalog: Catalog, text: str, said: str) -> None:
    a = answer_text(text, catalog)
    assert any(said in h for h in a.hints)
    assert "Asked for: 2,048" not in " ".join(a.hints)
