"""An -ot (--override-tensor) regex asked for, where the pick keeps experts in system RAM with
--n-cpu-moe N, is given: the regex of the same layers, said to do the same; and a KV cache split over
GPUs is never counted "x 1 GPUs"."""

from __future__ import annotations

import re

from rich.console import Console

from bot.answers import answer_text
from bot.render.terminal import render_answer
from sizing import Catalog


def test_an_ot_regex_asked_is_given_for_the_same_layers(catalog: Catalog) -> None:
    a = answer_text("glm 4.5 air on one 3090 with 64gb ddr4, give me the -ot regex", catalog)
    command = a.options[0].command or ""
    n = re.search(r"--n-cpu-moe (\d+)", command)
    assert n is not None, command
    said = next((h for h in a.hints if h.startswith("-ot regex: ")), None)
    assert said is not None and f"in place of --n-cpu-moe {n.group(1)} does the same" in said
    layers = re.search(r'-ot "blk\\\.\(([^)]*)\)\\\.ffn_\.\*_exps\\\.=CPU"', said)
    assert layers is not None, said
    pattern = re.compile(rf"(?:{layers.group(1)})")
    count = int(n.group(1))
    assert all(pattern.fullmatch(str(i)) for i in range(count)) and not pattern.fullmatch(str(count))


def test_no_regex_where_none_is_asked(catalog: Catalog) -> None:
    a = answer_text("glm 4.5 air on one 3090 with 64gb ddr4", catalog)
    assert not any(h.startswith("-ot regex: ") for h in a.hints)


def test_a_kv_cache_split_over_two_gpus_is_not_counted_once_per_gpu(catalog: Catalog) -> None:
    a = answer_text("gemma 3 27b with vllm on 2x 3090, tp 2, 32k context for 5 users", catalog)
    console = Console(record=True, width=300)
    console.print(render_answer(a))
    text = console.export_text()
    assert "total " in text and " x 1 GPUs" not in text
