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


@pytest.mark.parametrize(
    ("text", "slots"),
    [
        # a 32B model's caches for 6 x 16k do not fit a 24 GB card beside its weights
        ("我们 6 个人共用，llama-server --parallel 6 -c 98304 跑 qwen3 32b，一张 4090 行吗？", 6),
        ("does llama-server -np 4 -c 131072 with qwen3 32b fit my rtx 3090?", 4),
    ],
)
def test_pasted_slots_that_do_not_fit_are_said_with_what_fits(
    catalog: Catalog, text: str, slots: int
) -> None:
    a = answer_text(text, catalog)
    assert a.verdict.startswith("The pasted -c ")
    assert f"does not fit: llama-server allocates the KV cache of all {slots} slots" in a.verdict
    assert f"What fits all {slots}: " in a.verdict
    command = a.options[0].command
    assert f"-np {slots}" in command  # the command runs every slot pasted, at a context that holds them
    each = int(command.split(" -c ")[1].split()[0]) // slots
    assert f"{each:,} tokens per slot" in a.verdict


def test_pasted_slots_that_fit_are_kept_as_pasted(catalog: Catalog) -> None:
    a = answer_text("llama-server -np 2 -c 16384 with qwen3 8b on a 4090, ok for two people?", catalog)
    assert a.verdict.startswith("Yes")
    assert "-c 16384 -np 2" in a.options[0].command
