"""A pasted llama.cpp line that keeps MoE experts in system RAM (--n-cpu-moe, --cpu-moe, or an
--override-tensor of every layer's experts) is sized as pasted, and where llama.cpp's own fit runs
clearly faster the answer gives that line and its speed."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, read_question


@pytest.mark.parametrize(
    ("text", "layers"),
    [
        ('llama-server -m glm-4.5-air-q4_k_m.gguf -ngl 99 -ot ".ffn_.*_exps.=CPU" on a 4090 with 128gb', 999),
        ("llama-server -m gpt-oss-120b-mxfp4.gguf -ngl 99 -ot exps=CPU, 3090 and 96gb ddr5", 999),
        ("llama-server -m gpt-oss-120b-mxfp4.gguf -ngl 99 --n-cpu-moe 20, 3090 and 96gb ddr5", 20),
        # experts of some layers only: not every layer's
        (r'llama-server -m glm-4.5-air.gguf -ot "blk\.(1[0-9])\.ffn_.*_exps.=CPU" on a 4090 + 128gb', None),
    ],
)
def test_a_pasted_expert_offload_is_read(catalog: Catalog, text: str, layers: int | None) -> None:
    assert read_question(text, catalog.index).engine_settings.cpu_moe_layers == layers


def test_every_expert_on_the_cpu_is_sized_as_pasted_and_the_faster_line_given(catalog: Catalog) -> None:
    a = answer_text(
        'llama-server -m Qwen3-235B-A22B-Instruct-2507-UD-Q3_K_XL.gguf -ngl 99 -ot ".ffn_.*_exps.=CPU" '
        "with a 5090 and 192gb ddr5: how fast?",
        catalog,
    )
    first = a.options[0]
    assert "--n-cpu-moe 94" in (first.command or "")
    assert any("The line you pasted keeps the experts of 94 layers" in h for h in a.hints), a.hints
