"""A context said per user ("4 users each with 32k context") is each user's: llama-server gets one slot
per user and the context of them all (-np 4 -c 131072), vLLM the context of one request and a cap of the
users on sequences run at once; the estimate's fit counts every user's KV cache."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog


@pytest.mark.parametrize(
    ("text", "users", "each"),
    [
        ("three people each with 16k context, mistral small 3.2 24b on two 3090s with llama.cpp", 3, 16384),
        ("6 users, 8k context each, qwen3 14b on an rtx 6000 ada using llama.cpp", 6, 8192),
    ],
)
def test_llama_server_gets_a_slot_per_user_and_their_whole_context(
    catalog: Catalog, text: str, users: int, each: int
) -> None:
    command = answer_text(text, catalog).options[0].command
    assert f"-np {users}" in command and f"-c {users * each}" in command


def test_vllm_gets_the_context_of_one_request_and_the_users_as_sequences(catalog: Catalog) -> None:
    a = answer_text(
        "three people each with 16k context, mistral small 3.2 24b on two 3090s with vllm", catalog
    )
    command = a.options[0].command
    assert "--max-model-len 16384" in command and "--max-num-seqs 3" in command


def test_the_fit_counts_every_users_kv_cache(catalog: Catalog) -> None:
    one = answer_text("qwen3 32b on a 3090 with llama.cpp at 32k context", catalog)
    four = answer_text("4 users each with 32k context, qwen3 32b on a 3090 with llama.cpp", catalog)
    assert one.options[0].speed.serving is None
    serving = four.options[0].speed.serving
    assert serving is not None and serving.users == 4 and (serving.users_held or 4) < 4
