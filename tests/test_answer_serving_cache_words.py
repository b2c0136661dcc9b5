"""Serving answers for several users: an 8-bit cache that holds more of them is the pick and is set in
the command; the answer never suggests an 8-bit cache it already has; the users run at once are the
same number in the verdict, the notes and the command (--max-num-seqs, --max-running-requests)."""

from __future__ import annotations

import re

import pytest

from bot.answers import answer_text
from sizing import Catalog

SERVING = [
    "we want gpt-oss-120b on a single h100 80gb with vllm for 64 people at 8k context each",
    "gpt-oss-120b, one h100, vllm, 64 users, fp8 kv cache: what max-num-seqs should i set?",
    "llama 3.3 70b on 2x a100 80gb with vllm for 40 users at 16k context each",
    "qwen3 32b on an rtx pro 6000 with sglang for 96 users at 32k context each",
]


@pytest.mark.parametrize("text", SERVING)
def test_a_serving_answer_agrees_with_itself_on_the_cache_and_the_users(catalog: Catalog, text: str) -> None:
    a = answer_text(text, catalog)
    first = a.options[0]
    command = first.command or ""
    said = " ".join([a.verdict, *first.assumptions])
    if first.kv_type in ("fp8", "q8_0"):
        assert "8-bit KV cache" not in said  # it has one already
        assert "--kv-cache-dtype fp8" in command
    held = {int(n) for n in re.findall(r"holds the KV cache of (\d+)", said)}
    assert len(held) <= 1  # one count of users run at once
    flag = re.search(r"--(?:max-num-seqs|max-running-requests) (\d+)", command)
    assert flag is not None
    if held:
        assert int(flag.group(1)) == held.pop()


def test_an_8bit_cache_that_holds_more_users_is_the_pick_and_is_in_the_command(catalog: Catalog) -> None:
    a = answer_text(SERVING[0], catalog)
    first = a.options[0]
    assert first.kv_type == "fp8"
    assert "fp8 KV cache is the pick" in a.verdict
    assert "--kv-cache-dtype fp8" in (first.command or "")


@pytest.mark.parametrize(
    ("text", "users"),
    [
        # the quant that leaves the most room still holds one user fewer at 16-bit: the 8-bit cache
        # is set too, and the slots are the users asked
        ("mistral small 24b on a 4090 for 6 users at once at 16k context each, -np and kv type?", 6),
        ("8 people at once on gemma 4 12b, one 16gb 4070 ti super, 16k context for each: which -np?", 8),
    ],
)
def test_all_users_asked_at_once_get_their_slots_and_the_cache_type_that_holds_them(
    catalog: Catalog, text: str, users: int
) -> None:
    a = answer_text(text, catalog)
    command = a.options[0].command or ""
    assert f"-np {users} " in command, command
    held = {int(n) for n in re.findall(r"holds the KV cache of (\d+)", a.verdict)}
    assert not held or held == {users}
