"""Several users asked: the note says what the KV cache row holds, for every engine, and the memory
all the users' caches take."""

from __future__ import annotations

import re

from bot.answers import answer_text
from sizing import Catalog


def _users_note(text: str, catalog: Catalog) -> tuple[str, float]:
    a = answer_text(text, catalog)
    first = a.options[0]
    note = next(n for n in first.assumptions if "users at once:" in n)
    return note, first.memory.kv_cache_gb


def test_ollama_slots_are_all_in_the_row(catalog: Catalog) -> None:
    note, kv = _users_note(
        "gpt-oss-20b for 8 users in ollama on a 4090, OLLAMA_NUM_PARALLEL=8, 16k each", catalog
    )
    assert "is all 8 slots'" in note and f"({kv:.1f} GB)" in note


def test_other_engines_say_the_row_is_one_user_and_give_the_total(catalog: Catalog) -> None:
    for text in (
        "2x 5090 with tensor parallel vllm, qwen3-32b fp8, 4 users 16k each",
        "qwen3 14b for 4 users on a 4090 with llama.cpp, 8k each",
    ):
        note, kv = _users_note(text, catalog)
        assert "the KV cache shown is one user's" in note
        m = re.search(r"4 x ([\d.]+) GB = ([\d.]+) GB for all 4", note)
        assert m is not None and abs(float(m.group(1)) - kv) <= 0.1
        assert abs(float(m.group(2)) - 4 * float(m.group(1))) <= 0.25
