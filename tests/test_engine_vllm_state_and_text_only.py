"""vLLM settings behind public out-of-memory reports: the recurrent state the V0 engine preallocates
for every request a hybrid (Mamba) model may run, and --language-model-only, which leaves a vision
model's tower unloaded."""

from __future__ import annotations

import pytest

from sizing import default_catalog, estimate, parse_hardware
from sizing.catalog import ModelSpec
from sizing.commands import launch_command
from sizing.engines import EngineOptions, vllm_mamba_prealloc, vllm_v0_state
from sizing.memory import MemoryEstimate

GiB = 1024**3


def _model(model_id: str) -> ModelSpec:
    return default_catalog().resolve(model_id).model


def _vllm(model_id: str, hw: str, quant: str, context: int | None, **opts: object) -> MemoryEstimate:
    e = estimate(
        _model(model_id),
        parse_hardware(hw),
        quant=quant,
        context=context,
        engine="vllm",
        engine_options=EngineOptions(**opts),  # type: ignore[arg-type]
    )
    return e.memory


def _flags(memory: MemoryEstimate) -> list[str]:
    return [s.flag for s in memory.placement.settings]


# --- V0: the Mamba state of max_num_seqs requests ----------------------------------------------------


@pytest.mark.parametrize(
    ("version", "preallocated"),
    [
        ("0.7.3", True),
        ("0.8.5", True),
        ("0.10.1", True),
        ("0.10.1rc1", True),  # a pre-release of 0.10.1
        ("0.10.1+cu128", True),  # a local build of 0.10.1
        ("v0.9", True),
        ("v0", True),
        ("0.10.2", False),
        ("0.11.0", False),
        ("0.11.0rc2", False),
        ("nightly", False),
        ("v1", False),
        (None, False),
    ],
)
def test_hybrid_models_keep_their_state_per_request_only_on_the_v0_engine(
    version: str | None, preallocated: bool
) -> None:
    assert vllm_mamba_prealloc(version) is preallocated


def test_the_v0_state_of_256_requests_is_the_allocation_nemotron_nano_failed_on() -> None:
    # vllm-project/vllm#23230: "Tried to allocate 33.75 GiB" for the SSM state alone; the conv state
    # adds a few percent
    state = vllm_v0_state(_model("nemotron-nano-9b-v2"), max_num_seqs=256, tensor_parallel=1)
    assert 33.75 * GiB <= state <= 33.75 * GiB * 1.05


def test_the_v0_state_is_split_over_tensor_parallel_ranks_and_absent_in_dense_models() -> None:
    spec = _model("nemotron-nano-9b-v2")
    one = vllm_v0_state(spec, max_num_seqs=64, tensor_parallel=1)
    assert vllm_v0_state(spec, max_num_seqs=64, tensor_parallel=2) == pytest.approx(one / 2)
    assert vllm_v0_state(_model("llama-3.1-8b"), max_num_seqs=256, tensor_parallel=1) == 0.0


def test_a_hybrid_model_on_a_v0_release_is_told_to_run_fewer_sequences() -> None:
    m = _vllm("nemotron-nano-9b-v2", "L40S", "BF16-HF", None, version="0.10.1")
    assert m.placement.fit == "tight"
    assert any(f.startswith("--max-num-seqs") for f in _flags(m))
    assert any("Mamba state" in name for name, _ in m.placement.devices[0].parts)


def test_the_same_model_on_a_v1_release_needs_no_fewer_sequences() -> None:
    m = _vllm("nemotron-nano-9b-v2", "L40S", "BF16-HF", None, version="0.11.0")
    assert not any(f.startswith("--max-num-seqs") for f in _flags(m))
    assert not any("Mamba state" in name for name, _ in m.placement.devices[0].parts)


# --- --language-model-only ---------------------------------------------------------------------------

# Qwen3.8-27B at 4 bits on a 24 GB card: from about 48K tokens the vision tower is what does not fit
_TEXT_ONLY = ("qwen3.8-27b", "RTX 3090", "GPTQ-INT4", 49152)


def test_the_vision_tower_that_leaves_no_room_is_dropped_with_language_model_only() -> None:
    m = _vllm(*_TEXT_ONLY)
    assert m.placement.verdict == "gpu"
    assert m.placement.fit == "tight"
    assert "--language-model-only" in _flags(m)


def test_the_printed_command_carries_language_model_only() -> None:
    e = estimate(
        _model("qwen3.8-27b"), parse_hardware("RTX 3090"), quant="GPTQ-INT4", context=49152, engine="vllm"
    )
    assert "--language-model-only" in (launch_command(e) or "")


def test_language_model_only_given_leaves_the_tower_out_of_the_weights() -> None:
    full = _vllm("qwen3.8-27b", "RTX 5090", "GPTQ-INT4", 8192)
    text = _vllm("qwen3.8-27b", "RTX 5090", "GPTQ-INT4", 8192, language_model_only=True)
    assert full.weights.total - text.weights.total == pytest.approx(full.weights.vision, rel=1e-6)
    assert any("--language-model-only" in n for n in text.notes)


def test_a_comfortable_vision_model_is_not_told_to_drop_its_tower() -> None:
    m = _vllm("qwen3.8-27b", "RTX 5090", "GPTQ-INT4", 8192)
    assert m.placement.fit == "fits"
    assert "--language-model-only" not in _flags(m)


@pytest.mark.parametrize(("model_id", "quant"), [("qwen2.5-32b", "AWQ-INT4"), ("qwen3-32b", "AWQ-INT4")])
def test_a_text_model_never_gets_language_model_only(model_id: str, quant: str) -> None:
    m = _vllm(model_id, "RTX 3090", quant, 32768)
    assert "--language-model-only" not in _flags(m)


def _encoder_note(memory: MemoryEstimate) -> bool:
    return any("the vision encoder" in n for n in memory.notes)


def test_a_vision_model_on_vllm_is_told_its_encoder_profiling_is_not_counted() -> None:
    m = _vllm("gemma-3-27b", "RTX 5090", "AWQ-INT4", 8192)
    assert any("which this estimate does not count" in n for n in m.notes)
    assert any("--limit-mm-per-prompt" in n for n in m.notes)


def test_a_qwen_vl_model_on_vllm_is_told_its_encoder_profiling_is_counted() -> None:
    m = _vllm("qwen2.5-vl-7b", "RTX 4090", "AWQ-INT4", 8192)
    assert any("counts vLLM's start-up profiling of the vision encoder" in n for n in m.notes)


@pytest.mark.parametrize(
    ("model_id", "quant", "opts"),
    [
        ("qwen2.5-7b", "AWQ-INT4", {}),
        ("qwen2.5-vl-7b", "AWQ-INT4", {"language_model_only": True}),
    ],
)
def test_no_encoder_note_without_a_vision_tower_loaded(
    model_id: str, quant: str, opts: dict[str, object]
) -> None:
    assert not _encoder_note(_vllm(model_id, "RTX 4090", quant, 8192, **opts))
