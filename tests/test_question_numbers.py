"""Numbers in a question are read from their first digit: the same readings as ever, and long runs
of digits (a paste, a fuzzer) read like any other text."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question


@pytest.mark.parametrize(
    ("text", "min_tps", "depth"),
    [
        ("qwen3 8b on a 3090, at least 20 tok/s", 20.0, None),
        ("qwen3 8b on a 3090, 15+ tok/s", 15.0, None),
        ("qwen3 8b on a 3090, 12.5 tokens/s or more", 12.5, None),
        ("qwen3 8b on a 3090 at 1.2.3 tok/s or more", 2.3, None),  # the leftmost number that reads
        ("qwen3 8b on a 3090, speed 32k into the chat", None, 32 * 1024),
        ("qwen3 8b on a 3090, speed 4.5k deep into the conversation", None, int(4.5 * 1024)),
        ("qwen3 8b on a 3090 " + "9" * 3000 + " tok/s or more", None, None),  # past any speed
        ("qwen3 8b on a 3090 " + "9" * 3000, None, None),
        ("qwen3 8b on a 3090 " + "9." * 1500, None, None),
    ],
)
def test_speed_wishes_and_depths_are_read_from_whole_numbers(
    catalog: Catalog, text: str, min_tps: float | None, depth: int | None
) -> None:
    q = read_question(text, catalog.index)
    assert (q.min_tps, q.depth) == (min_tps, depth)


@pytest.mark.parametrize("n", [2, 3])
def test_a_rig_is_read_after_a_long_run_of_digits(catalog: Catalog, n: int) -> None:
    text = "9" * 2000 + f" is it worth going to {n} 3090s in total for llama 3.3 70b?"
    q = read_question(text, catalog.index)
    assert [(g.count, g.name) for rig in q.rigs for g in rig.gpus] == [(n, "NVIDIA GeForce RTX 3090")]


@pytest.mark.parametrize(
    ("text", "users"),
    [
        ("serve qwen3 32b with vllm on 2x 3090 for 8 users", 8),
        ("qwen3 8b on a 4090, 10 concurrent requests", 10),
        ("gemma 3 27b on an A6000 serving 20 people in my office", 20),
        ("llama 3.1 8b on 2 3090s", None),  # a count of cards, not of users
        ("qwen3 8b for 1 user on a 3060", None),  # one user is the default
        ("llama-server -np 6 -c 49152 with mistral small 3.2 on a 5090", 6),  # the server's slots
        ("gemma 3 12b on a 4070, 3 people using it, what speed does each get?", 3),
    ],
)
def test_users_at_once_are_read(catalog: Catalog, text: str, users: int | None) -> None:
    assert read_question(text, catalog.index).users == users


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("llama-server --parallel 4 -c 65536 with qwen3 14b on a 4090", 16384),  # -c is shared by the slots
        ("llama-server -np 2 --ctx-size 32768 qwen3 8b on a 3060", 16384),
        ("qwen3 14b at 64k context on a 4090 for 4 users", 65536),  # a context said is each user's
    ],
)
def test_a_server_context_is_split_among_its_slots(catalog: Catalog, text: str, context: int) -> None:
    assert read_question(text, catalog.index).context == context
