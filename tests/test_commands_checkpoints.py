"""vLLM and SGLang commands name a real quantized checkpoint: the official ones people serve where
listed, the one whose stated bits match the precision asked, and where none is listed, a line that
picks one from the Hugging Face Hub, so the printed command still runs (no angle-bracket blanks)."""

from __future__ import annotations

import pytest

from sizing import default_catalog, estimate, parse_hardware
from sizing.commands import PLACEHOLDER, launch_command

_HQ = "hugging-quants/Meta-Llama-3.1-"


def _command(model_id: str, rig: str, engine: str, quant: str) -> str:
    e = estimate(default_catalog().by_id[model_id], parse_hardware(rig), engine=engine, quant=quant)
    cmd = launch_command(e)
    assert cmd is not None
    return cmd


@pytest.mark.parametrize(
    ("model_id", "rig", "engine", "quant", "repo"),
    [
        ("qwen2.5-72b", "2x RTX A6000", "sglang", "AWQ-INT4", "Qwen/Qwen2.5-72B-Instruct-AWQ"),
        ("qwen2.5-72b", "2x RTX A6000", "vllm", "GPTQ-INT4", "Qwen/Qwen2.5-72B-Instruct-GPTQ-Int4"),
        ("qwen2.5-14b", "RTX 4090", "vllm", "AWQ-INT4", "Qwen/Qwen2.5-14B-Instruct-AWQ"),
        ("llama-3.3-70b", "2x RTX A6000", "vllm", "AWQ-INT4", "casperhansen/llama-3.3-70b-instruct-awq"),
        ("qwen2.5-72b", "4x RTX A6000", "vllm", "GPTQ-INT8", "Qwen/Qwen2.5-72B-Instruct-GPTQ-Int8"),
        ("qwen2.5-coder-32b", "2x RTX 3090", "vllm", "AWQ-INT4", "Qwen/Qwen2.5-Coder-32B-Instruct-AWQ"),
        (
            "llama-3.1-70b",
            "2x RTX 3090",
            "vllm",
            "AWQ-INT4",
            "hugging-quants/Meta-Llama-3.1-70B-Instruct-AWQ-INT4",
        ),
        (
            "llama-3.1-8b",
            "RTX 3060 12GB",
            "vllm",
            "GPTQ-INT4",
            "hugging-quants/Meta-Llama-3.1-8B-Instruct-GPTQ-INT4",
        ),
    ],
)
def test_an_official_quantized_checkpoint_is_served_by_name(
    model_id: str, rig: str, engine: str, quant: str, repo: str
) -> None:
    cmd = _command(model_id, rig, engine, quant)
    assert repo in cmd and not PLACEHOLDER.search(cmd)


def test_an_int8_gptq_is_never_served_from_an_int4_checkpoint() -> None:
    cmd = _command("qwen2.5-72b", "4x RTX A6000", "vllm", "GPTQ-INT8")
    assert "GPTQ-Int4" not in cmd


@pytest.mark.parametrize(
    ("model_id", "rig", "engine", "quant", "search"),
    [
        ("llama-3-70b", "2x RTX A6000", "vllm", "AWQ-INT4", "Meta-Llama-3-70B-Instruct-AWQ"),
        ("llama-3-70b", "2x RTX A6000", "sglang", "AWQ-INT4", "Meta-Llama-3-70B-Instruct-AWQ"),
        ("qwen3.5-122b-a10b", "4x RTX A6000", "vllm", "GPTQ-INT8", "Qwen3.5-122B-A10B-GPTQ-Int8"),
    ],
)
def test_an_unlisted_checkpoint_is_found_on_the_hub_not_left_blank(
    model_id: str, rig: str, engine: str, quant: str, search: str
) -> None:
    cmd = _command(model_id, rig, engine, quant)
    assert not PLACEHOLDER.search(cmd)
    assert f"https://huggingface.co/models?search={search}" in cmd
    assert f"search='{search}'" in cmd and '"$MODEL"' in cmd.splitlines()[-1]
