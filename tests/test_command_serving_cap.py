"""A serving command caps the sequences it runs at once at the users asked, and never above a cap
the fit itself set to make the engine start."""

from __future__ import annotations

import re

from bot.answers import answer_text
from sizing import Catalog


def _cap(command: str, flag: str) -> int | None:
    m = re.search(rf"{flag} (\d+)", command)
    return int(m.group(1)) if m else None


def test_the_sequences_run_at_once_are_at_most_the_users_held(catalog: Catalog) -> None:
    a = answer_text("qwen3 32b on a 3090 with vllm for 8 users", catalog)
    cap = _cap(a.options[0].command or "", "--max-num-seqs")
    serving = a.options[0].speed.serving
    assert cap is not None and serving is not None
    assert cap <= max(1, serving.users_held or serving.users) and cap <= 8


def test_a_single_flag_carries_the_cap(catalog: Catalog) -> None:
    a = answer_text("qwen3 32b on a 3090 with vllm for 8 users", catalog)
    assert (a.options[0].command or "").count("--max-num-seqs") == 1
