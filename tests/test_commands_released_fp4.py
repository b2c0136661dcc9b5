"""A model released in FP4 (DeepSeek V4: FP4 experts, FP8 elsewhere) is served from its own checkpoint as
shipped: vLLM and SGLang load the official repo with no quantization flag and no Hub search line, an FP8
wish gets that release (an FP8 copy holds the same weights in more memory), and `--quantization fp8`
is added only to a 16-bit checkpoint."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog


@pytest.mark.parametrize(
    ("text", "repo"),
    [
        (
            "serve deepseek v4 flash with vllm on 4x rtx pro 6000, fp8 please, 128k",
            "deepseek-ai/DeepSeek-V4-Flash",
        ),
        ("deepseek v4 flash, sglang, 4x h200", "deepseek-ai/DeepSeek-V4-Flash"),
        ("vllm deepseek v4 flash on eight h100s", "deepseek-ai/DeepSeek-V4-Flash"),
        ("deepseek v4 pro on 8x b200 with vllm", "deepseek-ai/DeepSeek-V4-Pro"),
    ],
)
def test_a_model_released_in_fp4_is_served_from_its_own_checkpoint(
    catalog: Catalog, text: str, repo: str
) -> None:
    a = answer_text(text, catalog)
    first = a.options[0]
    command = first.command or ""
    assert f" {repo}" in command, command
    assert "--quantization" not in command
    assert "list_models" not in command and "models?search" not in command
    assert first.quant == "NVFP4"


def test_an_fp8_wish_on_an_fp4_release_says_the_release_is_served(catalog: Catalog) -> None:
    a = answer_text("deepseek v4 flash on 4x rtx pro 6000 with vllm fp8 at 256k", catalog)
    assert "FP4 experts and FP8 elsewhere" in a.verdict
    assert "--pipeline-parallel-size" not in (a.options[0].command or "")


def test_fp8_made_on_the_fly_is_asked_only_of_a_16_bit_checkpoint(catalog: Catalog) -> None:
    a = answer_text("qwen3 32b at fp8 with vllm on one h100", catalog)
    assert a.options[0].quant == "FP8"
    command = a.options[0].command or ""
    assert "--quantization fp8" in command or "-FP8" in command
