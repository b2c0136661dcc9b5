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


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # three GPUs for a model whose heads do not split three ways: why pipeline stages
        (
            "gemma 4 31b served by vllm over 3x rtx 3090: tensor or pipeline parallel?",
            "is refused: 3 does not",
        ),
        # six GPUs for 64 heads: four hold it, two are idle, and the answer says why
        ("qwen3 32b at fp8 under vllm across six 4090s, tp size?", "2 of the 6 stay idle"),
    ],
)
def test_a_layout_short_of_tensor_parallel_over_every_gpu_says_why(
    catalog: Catalog, text: str, said: str
) -> None:
    a = answer_text(text, catalog)
    assert said in " ".join(a.options[0].assumptions)


def test_vllm_takes_fp8_over_a_slower_bf16_of_the_same_quality(catalog: Catalog) -> None:
    a = answer_text("gemma 4 31b on three 3090s with vllm", catalog)
    assert a.options[0].quant == "FP8"


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("qwen3 32b exl2 4bpw with tabbyapi on 2x 3060 12gb, with tensor parallel", True),
        ("exllama tensor parallelism for llama 3.3 70b 4bpw over two 3090s", True),
        ("qwen3 32b exl2 4bpw with tabbyapi on 2x 3060 12gb, no tensor parallel", False),
        ("qwen3 32b exl2 4bpw with tabbyapi on 2x 3060 12gb", False),
    ],
)
def test_tabbyapi_tensor_parallel_asked_is_in_the_command(catalog: Catalog, text: str, flag: bool) -> None:
    a = answer_text(text, catalog)
    command = a.options[0].command or ""
    assert ("--tensor-parallel true" in command) == flag, command
