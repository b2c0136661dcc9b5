"""Settings said in prose or on a command line with no engine named: a context "set to" a length in
plain digits is the context asked, and llama.cpp's short flags on a command line of any of its programs'
names ("-m file.gguf", "-ngl 99") name llama.cpp. The sentences are written for these tests in the
patterns of public posts."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question

SET_TO = [
    ("two P40s run gpt-oss-20b fine with the context set to 32768", 32768),
    ("qwen3 14b on a 3060, ctx was limited to 4096 and it still spills", 4096),
    ("gemma 3 27b on a 3090 with the context length raised to 16384?", 16384),
    ("I set context to 65536 for mistral small 24b on my 4090 and it crawls", 65536),
    ("raised the context window to 24576 on qwen3 14b with a 3060, still ok?", 24576),
]


@pytest.mark.parametrize(("text", "context"), SET_TO, ids=[t for t, _ in SET_TO])
def test_a_context_set_to_a_length_in_digits_is_the_context_asked(
    catalog: Catalog, text: str, context: int
) -> None:
    assert read_question(text, catalog.index).context == context


def test_a_context_set_to_a_tiny_number_is_no_length(catalog: Catalog) -> None:
    assert read_question("qwen3 8b on a 3060 with context set to 100", catalog.index).context is None


LLAMA_CPP_FLAGS = [
    r"server.exe -m qwen3-14b-Q4_K_M.gguf on my 4070, does it fit?",
    "./srv -ngl 99 -c 8192 with mistral nemo 12b on a 3060: too slow?",
]


@pytest.mark.parametrize("text", LLAMA_CPP_FLAGS)
def test_llama_cpp_short_flags_on_a_command_line_name_llama_cpp(catalog: Catalog, text: str) -> None:
    assert read_question(text, catalog.index).engine == "llama.cpp"


def test_an_engine_named_outright_is_kept_beside_a_llama_cpp_flag(catalog: Catalog) -> None:
    assert read_question("ollama run qwen3:8b on a 3060, I tried -ngl 99", catalog.index).engine == "ollama"
