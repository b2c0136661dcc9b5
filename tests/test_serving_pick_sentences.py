"""Serving many users on vLLM: where both the weights and the KV cache are picked for the users, one
sentence gives each pick with the counts it rests on; on GPUs that compute in FP8 (Ada, Hopper,
Blackwell) a pick of smaller weights says what FP8 weights would give instead."""

from __future__ import annotations

import re

import pytest

from bot.answers import answer_text
from sizing import Catalog, parse_hardware
from sizing.engines import fp8_compute


@pytest.mark.parametrize(
    ("rig", "computes"),
    [
        ("L40S", True),
        ("H100", True),
        ("RTX 4090, 64gb ram", True),
        ("RTX 5090", True),
        ("RTX 3090", False),  # Ampere runs FP8 weights weight-only (Marlin)
        ("A100 80gb", False),
        ("RTX 4090 + RTX 3090", False),  # every GPU must compute in FP8
        ("MI300X", False),
        ("mac studio m3 ultra 192gb", False),
    ],
)
def test_fp8_arithmetic_is_told_by_every_gpu_of_the_rig(rig: str, computes: bool) -> None:
    assert fp8_compute(parse_hardware(rig)) is computes


MANY = [
    # (question, whether its GPU computes in FP8)
    ("llama 3.1 8b for 100 concurrent users on one L40S with vllm, throughput?", True),
    ("qwen3 14b for 100 users on an L40S with vllm", True),
    ("llama 3.1 8b for 200 users on an A100 40gb with vllm", False),
]


@pytest.mark.parametrize(("text", "fp8"), MANY)
def test_the_weights_and_the_cache_are_each_picked_in_one_sentence(
    catalog: Catalog, text: str, fp8: bool
) -> None:
    a = answer_text(text, catalog)
    assert a.verdict.count("is the pick for the weights") == 1
    assert a.verdict.count("For the KV cache") == 1
    assert a.verdict.count("the pick") == 2


@pytest.mark.parametrize(("text", "fp8"), MANY)
def test_the_cache_sentence_gives_the_users_the_command_serves(
    catalog: Catalog, text: str, fp8: bool
) -> None:
    a = answer_text(text, catalog)
    m = re.search(r"For the KV cache .*? weights it holds (\d+) users", a.verdict)
    assert m is not None, a.verdict
    serving = a.options[0].speed.serving
    assert serving is not None and serving.users_held == int(m.group(1))
    assert f"--max-num-seqs {m.group(1)}" in (a.options[0].command or "")


@pytest.mark.parametrize(("text", "fp8"), MANY)
def test_smaller_weights_on_an_fp8_gpu_say_what_fp8_would_give(
    catalog: Catalog, text: str, fp8: bool
) -> None:
    a = answer_text(text, catalog)
    assert a.options[0].quant != "FP8"
    assert ("FP8 arithmetic" in a.verdict) is fp8
