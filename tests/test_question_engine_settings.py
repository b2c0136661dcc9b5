"""Engine settings pasted or stated in a question are the asker's: the answer sizes what they do."""

from __future__ import annotations

import pytest

from bot.service import AnswerService
from bot.stores import MemoryStore
from sizing import Catalog, default_catalog, estimate_memory, parse_hardware, read_question
from sizing.catalog import resolve_quant
from sizing.engines import EngineOptions

_FIELDS = (
    "num_parallel",
    "gpu_memory_utilization",
    "max_num_seqs",
    "max_num_batched_tokens",
    "enforce_eager",
    "tensor_parallel",
    "mem_fraction_static",
)


def _settings(text: str) -> dict[str, object]:
    s = read_question(text, default_catalog().index).engine_settings
    return {k: getattr(s, k) for k in _FIELDS if getattr(s, k) not in (None, False)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ollama with OLLAMA_NUM_PARALLEL=4 on my 3090, qwen3 14b", {"num_parallel": 4}),
        ("export OLLAMA_NUM_PARALLEL=2 then llama 3.1 8b on a 4060", {"num_parallel": 2}),
        (
            "vllm serve Qwen/Qwen2.5-72B-Instruct --tensor-parallel-size 4 --gpu-memory-utilization 0.95 "
            "--enforce-eager on 4x A100 40GB",
            {"tensor_parallel": 4, "gpu_memory_utilization": 0.95, "enforce_eager": True},
        ),
        (
            "vllm -tp 2 --max-num-seqs 64, qwen3 32b awq on 2x 3090",
            {"tensor_parallel": 2, "max_num_seqs": 64},
        ),
        (
            "python -m sglang.launch_server --model-path Qwen/Qwen3-8B --tp 2 --mem-fraction-static 0.8 "
            "on 2x 4090",
            {"tensor_parallel": 2, "mem_fraction_static": 0.8},
        ),
        ("llama 3.1 8b on a 3090 with tp 2", {}),  # no serving engine: llama.cpp's words, read elsewhere
        ("qwen3 8b on a 3090", {}),
    ],
)
def test_pasted_engine_settings_are_read(text: str, expected: dict[str, object]) -> None:
    assert _settings(text) == expected


def test_ollama_allocates_the_context_once_for_each_parallel_sequence_set(catalog: Catalog) -> None:
    spec, hw, q = catalog.by_id["qwen3-14b"], parse_hardware("RTX 4060 Ti 16GB"), resolve_quant("Q4_K_M")
    kw: dict[str, object] = {"context": 16384, "engine": "ollama", "backend": "cuda"}
    one = estimate_memory(spec, q, hw, options=EngineOptions(num_parallel=1), **kw)  # type: ignore[arg-type]
    four = estimate_memory(spec, q, hw, options=EngineOptions(num_parallel=4), **kw)  # type: ignore[arg-type]
    assert four.kv_bytes == pytest.approx(4 * one.kv_bytes, rel=0.01)


@pytest.mark.parametrize(
    ("rig", "context", "flag"),
    [
        ("RTX 3090", 4096, "OLLAMA_NUM_PARALLEL=4"),  # the four sequences fit: the setting is kept
        ("RTX 4060 Ti 16GB", 16384, "OLLAMA_NUM_PARALLEL=1"),  # they crowd the card: one is the fix
    ],
)
def test_ollama_keeps_the_parallel_sequences_set_where_they_fit_else_offers_one(
    catalog: Catalog, rig: str, context: int, flag: str
) -> None:
    spec, hw, q = catalog.by_id["qwen3-14b"], parse_hardware(rig), resolve_quant("Q4_K_M")
    m = estimate_memory(
        spec, q, hw, context=context, engine="ollama", backend="cuda", options=EngineOptions(num_parallel=4)
    )
    assert flag in [s.flag for s in m.placement.settings]


async def test_an_answer_with_ollama_parallel_set_sizes_every_sequences_cache() -> None:
    service = AnswerService(MemoryStore())
    text = "ollama, OLLAMA_NUM_PARALLEL=4, 4060 ti 16gb, qwen3 14b q4_k_m at 16k context, fits?"
    answer = await service.ask(text)
    best = answer.options[0]
    assert best.memory.kv_cache_gb > 4.0  # four 16k contexts, not one (~2.7 GB in f16)
    assert "OLLAMA_NUM_PARALLEL=4" in (best.command or "")


@pytest.mark.parametrize(
    ("text", "quant"),
    [
        (
            "vllm serve Qwen/Qwen2.5-72B-Instruct --tensor-parallel-size 4 on 4x A100 40GB, will it OOM?",
            "BF16-HF",
        ),
        ("python -m sglang.launch_server --model-path deepseek-ai/DeepSeek-V3 --tp 8 on 8x H200", "FP8"),
        ("vllm serve Qwen/Qwen2.5-72B-Instruct-AWQ -tp 2 on 2x 3090", "AWQ"),
        ("vllm serve Qwen/Qwen2.5-72B-Instruct --quantization fp8 -tp 4 on 4x L40S", "FP8"),
        ("qwen2.5 72b on vllm with 4x A100 40GB", None),  # no command: the quant is left to the answer
    ],
)
def test_a_pasted_server_command_without_a_quantization_loads_the_checkpoint_as_published(
    text: str, quant: str | None
) -> None:
    q = read_question(text, default_catalog().index)
    assert (q.quant or q.pulled_quant) == quant


async def test_ollama_parallel_sequences_that_overflow_the_gpu_get_the_count_that_fits_as_a_fix() -> None:
    answer = await AnswerService(MemoryStore()).ask(
        "OLLAMA_NUM_PARALLEL=16 ollama run llama3.1:8b on an RTX 3090 at 32k context"
    )
    assert answer.options[0].memory.kv_cache_gb > 60  # sixteen 32k caches, as set
    assert any(f.change.startswith("set OLLAMA_NUM_PARALLEL=4 ") for f in answer.fixes)


async def test_a_pasted_vllm_commands_settings_come_back_in_the_printed_command() -> None:
    answer = await AnswerService(MemoryStore()).ask(
        "vllm serve Qwen/Qwen2.5-32B-Instruct-AWQ --gpu-memory-utilization 0.95 --enforce-eager "
        "--max-num-seqs 16 on an RTX 4090"
    )
    command = answer.options[0].command or ""
    for flag in ("--gpu-memory-utilization 0.95", "--enforce-eager", "--max-num-seqs 16"):
        assert flag in command


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "vllm serve Qwen/Qwen2.5-32B-Instruct-AWQ --tensor-parallel-size 4 on 2x RTX 3090",
            "needs 4 identical",
        ),
        (
            "vllm serve Qwen/Qwen2.5-32B-Instruct-AWQ --tensor-parallel-size 3 on 3x RTX 3090",
            "40 attention heads",
        ),
    ],
)
async def test_a_tensor_parallel_size_the_engine_refuses_is_a_no_saying_why(text: str, words: str) -> None:
    answer = await AnswerService(MemoryStore()).ask(text)
    assert answer.verdict.startswith("No: vLLM") and words in answer.verdict


async def test_a_refused_tensor_parallel_size_gets_the_size_the_engine_takes_as_a_free_fix() -> None:
    answer = await AnswerService(MemoryStore()).ask(
        "vllm serve Qwen/Qwen3-32B-AWQ --tensor-parallel-size 4 on 2x RTX 3090"
    )
    assert any(f.change.startswith("set --tensor-parallel-size 2,") for f in answer.fixes)


@pytest.mark.parametrize(
    ("text", "version"),
    [
        ("gemma3 27b with ollama 0.6.2 on a 3090", "0.6.2"),
        ("I'm on Ollama v0.12.6, can my 4090 run qwen3 30b?", "0.12.6"),
        ("vllm 0.8.3 serving qwen2.5 7b on an L4", "0.8.3"),
        ("LM Studio 0.3.30 on a 7900 XTX, gpt-oss 20b", "0.3.30"),
        ("sglang version 0.4.6 with llama 3.1 8b on an A100", "0.4.6"),
        ("ollama 3.2b on a 3060?", None),  # a model size, not a release
        ("ollama llama 3.2 on a 3060", None),  # the model's version
        ("qwen3 8b on a 3090 with ollama", None),
    ],
)
def test_a_named_engine_release_is_read(text: str, version: str | None) -> None:
    assert read_question(text, default_catalog().index).engine_settings.version == version


async def test_the_named_ollama_release_decides_flash_attention() -> None:
    service = AnswerService(MemoryStore())
    before = await service.ask("gemma4 31b on an RTX 3090 with ollama 0.20.2")
    after = await service.ask("gemma4 31b on an RTX 3090 with ollama 0.20.4")
    assert "OLLAMA_FLASH_ATTENTION=1" in (before.options[0].command or "")
    assert "OLLAMA_FLASH_ATTENTION=1" not in (after.options[0].command or "")
