"""llama.cpp's context flag is a setting wherever it is written: in a pasted command, or in prose next
to the other flags ("on a 4090 with -fa -c 49152")."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("gemma 3 27b q4 on my 4090 with -fa on -c 49152, does it still fit?", 49152),
        ("mistral small 24b, 7900 xtx, flags -ngl 99 -ctk q4_0 -ctv q4_0 -c 98304: enough vram?", 98304),
        # the context llama-server shares among its slots: 24,576 over 2 is 12,288 each
        ("will qwen3 14b at q6 run on a 4070 ti super if I pass -c 24576 and -np 2?", 12288),
        ("llama-server -m gemma-3-12b-it-Q4_K_M.gguf -c 16384 on my 3060, fast enough?", 16384),
        ("qwen3 8b on a 3060 with -c=12288", 12288),
        ("starting llama-bench with -c 20480 on qwen3 14b, a 4080: will it load?", 20480),
    ],
)
def test_the_context_flag_is_read_anywhere(catalog: Catalog, text: str, context: int) -> None:
    assert read_question(text, catalog.index).context == context


@pytest.mark.parametrize(
    "text",
    [
        "bash -c 'ollama run qwen3:8b' on a 3060, why so slow?",  # a shell's -c takes a command
        "my 3090 runs at -c temperature 70c, is gemma 3 27b ok?",
        "python run_eval.py -c 8192 with gemma 3 12b on a 4070",  # another program's option
    ],
)
def test_a_dash_c_without_a_length_is_no_context(catalog: Catalog, text: str) -> None:
    assert read_question(text, catalog.index).context is None
