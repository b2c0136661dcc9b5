"""Users at once are read from one reader of counts beside user, people and seat words, in English
and Chinese, wherever the question says them; counts that are no users at once (a day's visitors, a
card's model number, one person) are not."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question


@pytest.mark.parametrize(
    ("text", "users"),
    [
        ("we are ~12 people in the office and want gemma 3 27b on our own box, what should we buy?", 12),
        ("We're about 40 people, is one H100 enough for qwen3 32b in vllm?", 40),
        ("there are 9 devs here, what gpu for qwen3 coder 30b?", 9),
        ("a 24 users support bot on qwen3 14b, is a 5090 enough?", 24),
        ("building a 10-seat internal assistant with llama 3.1 8b on an L40S", 10),
        ("glm 4.5 air on 4x rtx 6000 ada sglang 48 users, what flags?", 48),
        ("20 people will use it at work: mistral small 3.2 on 2x 3090?", 20),
        ("qwen3 32b shared by 7 colleagues on an a6000, enough?", 7),
        ("实验室想用 qwen3 14b 给 25 个人用，一张 4090 够吗？", 25),
        ("deepseek r1 distill 32b 50个人同时用 要几张 a100", 50),
        ("gemma 3 27b 并发 16 需要什么卡", 16),
        ("我们团队 6 人，想在 3090 上跑 qwen3 8b", 6),
    ],
)
def test_users_said_in_common_frames_are_read(catalog: Catalog, text: str, users: int) -> None:
    assert read_question(text, catalog.index).users == users


@pytest.mark.parametrize(
    "text",
    [
        "most 3090 users run qwen3 32b at q4, will my 3090 too?",
        "rtx 4090 users: does gemma 3 27b fit at q5?",
        "my site gets 500 users a day, can a 4060 run qwen3 4b for it?",
        "qwen3 8b on a 3060 for 1 user",
        "i asked 3 people and they said a 3090 runs llama 3.1 8b, true?",
        "two 5090s with qwen3 32b: 4 users on reddit report 60 t/s, real?",
        "llama 3.1 8b on a 3060, 2 users here said q8 is fine",
    ],
)
def test_counts_that_are_no_users_at_once_are_not(catalog: Catalog, text: str) -> None:
    assert read_question(text, catalog.index).users is None
