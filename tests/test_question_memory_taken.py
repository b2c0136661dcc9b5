"""How much memory a model takes when it runs as it should ("how much VRAM should X use?", "X 正常
运行显存应占用多少") asks what the model needs; said beside a rig of the asker's ("how much memory does X
take on my 3090?") it asks about that rig. The sentences are written for these tests in the patterns
people use."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question

KINDS = [
    ("How much VRAM should Qwen3 14B at int4 use when it runs normally?", "requirements"),
    ("how much memory is Gemma 3 27B at Q4_K_M supposed to take?", "requirements"),
    ("Qwen3 14B int4 正常运行显存应占用多少？", "requirements"),
    ("请问 Qwen2.5 7B 显存应该占多少", "requirements"),
    ("3090上跑qwen3 14b显存占用多少", "estimate"),
    # the asker's own card named: the answer is about it
    ("How much memory does Qwen3 32B take on my RTX 3090?", "estimate"),
]


@pytest.mark.parametrize(("text", "kind"), KINDS)
def test_the_memory_a_model_takes(catalog: Catalog, text: str, kind: str) -> None:
    q = read_question(text, catalog.index)
    assert q.models
    assert q.kind == kind
