"""Each fix comes with the estimate its words describe: the quantization it names, the context it
shortens to; never the estimate of another option sized along the way."""

from __future__ import annotations

import re

import pytest

from sizing import advise, default_catalog, parse_hardware

CATALOG = default_catalog()
RIGS = [
    "RTX 3090, 32GB RAM",
    "RTX 4090, 64GB DDR5",
    "2x RTX 3090, 64GB DDR4",
    "M2 Max 96GB",
    "RTX 3060 12GB, 32GB RAM",
    "7900 XTX, 64GB RAM",
    "GTX 1060 6GB",
]
MODELS = ["qwen3-30b-a3b", "qwen3-32b", "gemma-3-27b", "llama-3.3-70b", "gpt-oss-120b", "qwen3-235b-a22b"]
CONTEXTS = [None, 4096, 32768]
_NAMED = (
    (re.compile(r"to run (\S+) "), lambda e: e.quant.id),
    (re.compile(r"^use (\S+)"), lambda e: e.quant.id),
    (re.compile(r"shorten the context to ([\d,]+) tokens"), lambda e: f"{e.context:,}"),
)


@pytest.mark.parametrize("rig", RIGS)
def test_every_fix_carries_the_estimate_it_names(rig: str) -> None:
    hw = parse_hardware(rig)
    for model in MODELS:  # one process, many answers: objects of earlier answers come and go
        for context in CONTEXTS:
            for fix in advise(CATALOG.by_id[model], hw, context=context).fixes:
                for pattern, read in _NAMED:
                    m = pattern.search(fix.change)
                    if m is not None:
                        assert read(fix.estimate) == m.group(1), (model, context, fix.change)


@pytest.mark.parametrize("engine", ["vllm", "sglang"])
def test_a_serving_engines_fix_never_names_llama_cpps_split(engine: str) -> None:
    fixes = advise(
        CATALOG.by_id["qwen3-30b-a3b"], parse_hardware("RTX 4090"), quant="FP8", engine=engine
    ).fixes
    assert fixes and not any("llama.cpp" in f.change for f in fixes)
