"""Past one server's eight GPUs, vLLM and SGLang keep tensor parallel within a server and run
pipeline stages across servers (the layout vLLM's distributed-serving guide gives), and the answer
says the GPUs are several servers."""

from __future__ import annotations

import pytest

from sizing import default_catalog, estimate, parse_hardware

# (engine, model, quant, rig): a model that needs more than one server of these GPUs
_ACROSS_SERVERS = [
    ("vllm", "kimi-k2", "FP8", "16x H100 80GB"),
    ("vllm", "deepseek-v3", "BF16-HF", "16x H200"),
    ("sglang", "kimi-k2", "FP8", "16x H100 80GB"),
]


def _estimate(engine: str, model: str, quant: str, rig: str):  # type: ignore[no-untyped-def]
    spec = default_catalog().resolve(model).model
    return estimate(spec, parse_hardware(rig), quant=quant, context=8192, engine=engine)


@pytest.mark.parametrize(("engine", "model", "quant", "rig"), _ACROSS_SERVERS)
def test_tensor_parallel_stays_within_one_server(engine: str, model: str, quant: str, rig: str) -> None:
    p = _estimate(engine, model, quant, rig).memory.placement
    assert p.verdict == "gpu"
    assert p.tensor_parallel <= 8
    assert sum(d.weights > 0 for d in p.devices if d.kind == "gpu") == 16


@pytest.mark.parametrize(("engine", "model", "quant", "rig"), _ACROSS_SERVERS)
def test_the_answer_says_the_gpus_are_several_servers(engine: str, model: str, quant: str, rig: str) -> None:
    e = _estimate(engine, model, quant, rig)
    assert any("2 servers of 8" in a for a in e.assumptions)


def test_one_server_gets_no_note_about_servers() -> None:
    e = _estimate("vllm", "llama-3.3-70b", "BF16-HF", "8x H100 80GB")
    assert not any("servers of" in a for a in e.assumptions)
