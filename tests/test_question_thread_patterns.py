"""Whole questions in the shapes forum and issue threads take: a distilled model named in Chinese
with "版" (version), GGUF file names that write a point release with an underscore, a model and its
quant written as a folder path, a name said vaguely and then exactly (a title and the repository in
the body), a family named again a sentence later, long lists of models, a size joined to its family
by 的, and the words that make a
question ask what a model needs (or which model a rig should run). The sentences are written for
these tests in the patterns people use."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, read_question

MODELS = [
    # a distilled model: "deepseek 蒸馏版的 qwen" is the distilled version's Qwen
    ("8G显存的笔记本能跑deepseek蒸馏版的qwen 7b吗", ["deepseek-r1-distill-qwen-7b"]),
    ("两张3090跑deepseek蒸馏版本的qwen 32b够吗", ["deepseek-r1-distill-qwen-32b"]),
    ("r1 distilled llama 8b on a 4060?", ["deepseek-r1-distill-llama-8b"]),
    # a point release written with an underscore in a GGUF file name
    ("qwen2_5-14b-instruct-q5_k_m.gguf on my 4070 ti super", ["qwen2.5-14b"]),
    ("Meta-Llama-3_1-8B-Instruct-Q8_0.gguf, will it fit a 3060?", ["llama-3.1-8b"]),
    ("qwen1_5-32b-chat-q4_k_m.gguf on two 3060s?", ["qwen1.5-32b"]),
    ("qwen2_7b on my 3060", ["qwen2-7b"]),  # a size, not a point release
    # a model and its quant as a folder path
    ("deepseek-v3/q2_k_xl on 4x3090 and 512gb ram, how fast?", ["deepseek-v3"]),
    ("qwen3-32b/q4_k_m on a 4090?", ["qwen3-32b"]),
    # said vaguely, then exactly: one model
    ("llama 13b won't start on my 3090, the repo is meta-llama/Llama-2-13b-chat-hf", ["llama-2-13b"]),
    # ... unless a choice is put between the two
    ("llama 2 13b or llama 13b on a 3090?", ["llama-2-13b", "llama-1-13b"]),
    # the family named again a sentence later, across an "or" that chooses nothing
    (
        "Running Gemma 3 27B on a 4090 at 20k context leaves 1 GB free. Is that a bug, or does Gemma 3 "
        "just use more memory?",
        ["gemma-3-27b"],
    ),
    # a list: each model listed, point releases and their majors side by side
    (
        "memory footprint of Qwen2.5-7B, Qwen2.5-72B, Qwen2-7B and Qwen2-72B",
        ["qwen2.5-7b", "qwen2.5-72b", "qwen2-7b", "qwen2-72b"],
    ),
    ("qwen2 7b vs qwen2.5 7b on a 3060?", ["qwen2-7b", "qwen2.5-7b"]),
    # a family and its size joined by the possessive 的 ("Qwen's 14B")
    ("3090能跑qwen的14b吗", ["qwen3-14b"]),
    ("用两张4090跑千问3的32B", ["qwen3-32b"]),
    ("gemma3的27b在4090上多快", ["gemma-3-27b"]),
]


@pytest.mark.parametrize(("text", "ids"), MODELS)
def test_models_named_in_thread_shapes(catalog: Catalog, text: str, ids: list[str]) -> None:
    q = read_question(text, catalog.index)
    assert [r.model.id for r in q.models] == ids


KINDS = [
    # what the models need
    ("hardware specifications needed for gemma 3 27b and llama 3.3 70b", "requirements"),
    ("Memory footprints of Qwen3-8B, Qwen3-14B and Qwen3-32B, and hardware specs required", "requirements"),
    ("能在消费级显卡上跑 Qwen3-235B-A22B 吗", "requirements"),
    ("用消费级电脑能部署 DeepSeek-R1-Distill-Llama-70B 吗", "requirements"),
    ("what do llama3 8b and 70b need?", "requirements"),
    ("what does my 3090 need to run qwen3 32b?", "estimate"),
    # the rig in use is the asker's: how it does there
    ("I'm now using a 3060 12GB. Is there a minimum requirement for gemma 3 12b?", "estimate"),
    ("is there a minimum requirement for qwq? I am currently using an M2 Pro 32GB", "estimate"),
    # which model a rig should run
    ("Which model should Mac Studio M2 Ultra 192GB to run", "best"),
    # "compared to other cards" names no second rig: the one rig, told twice
    (
        "gpt-oss-20b runs slow on my RTX 4060 Ti compared to other cards. Is that expected? "
        "GPU: NVIDIA GeForce RTX 4060 Ti 16GB",
        "estimate",
    ),
    ("qwen3 32b on a 3090 compared to a 4090?", "compare"),
]


@pytest.mark.parametrize(("text", "kind"), KINDS)
def test_kind_of_thread_questions(catalog: Catalog, text: str, kind: str) -> None:
    assert answer_text(text, catalog).kind == kind
