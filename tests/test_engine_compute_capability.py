"""GPU serving engines by NVIDIA architecture: vLLM needs compute capability 7.5 (7.0 through v0.14;
AWQ 7.5), SGLang 7.5, ExLlamaV3 8.0; on AMD, vLLM runs on the chips its ROCm builds list. A card
older than that is never offered the engine; asked for by name, the
answer says why and is given for llama.cpp, which runs there."""

from __future__ import annotations

import pytest

from sizing import EngineOptions, advise, default_catalog, estimate, parse_hardware
from sizing.engines import compute_capability, engine_problem, oldest_nvidia_gpu, rocm_architecture_problem

_LLAMA_8B = "llama-3.1-8b"
_LLAMA_70B = "llama-3.3-70b"


def _model(model_id: str):  # type: ignore[no-untyped-def]
    return default_catalog().by_id[model_id]


@pytest.mark.parametrize(
    ("rig", "capability"),
    [
        ("Tesla P40", (6, 1)),
        ("GTX 1080 Ti", (6, 1)),
        ("Tesla P100", (6, 0)),
        ("Tesla V100", (7, 0)),
        ("RTX 2080 Ti", (7, 5)),
        ("RTX 3090", (8, 6)),
        ("A100 80GB", (8, 0)),
        ("RTX 4090", (8, 9)),
        ("H100", (9, 0)),
    ],
)
def test_the_compute_capability_comes_from_the_architecture(rig: str, capability: tuple[int, int]) -> None:
    found = oldest_nvidia_gpu(parse_hardware(rig))
    assert found is not None and found[1] == capability


def test_an_amd_card_has_no_compute_capability() -> None:
    gpu = parse_hardware("RX 7900 XTX").gpus[0]
    assert gpu.spec is not None and compute_capability(gpu.spec) is None


@pytest.mark.parametrize(
    ("engine", "rig", "runs"),
    [
        ("vllm", "Tesla P40", False),
        ("vllm", "GTX 1070", False),
        ("vllm", "Tesla P100", False),
        ("vllm", "Tesla V100", False),
        ("vllm", "Tesla T4", True),
        ("vllm", "RTX 3060 12GB", True),
        ("sglang", "Tesla P40", False),
        ("sglang", "Tesla V100", False),
        ("sglang", "RTX 2080 Ti", True),
        ("vllm", "RTX 3090 and a Tesla P40", False),  # the oldest card decides
    ],
)
def test_an_engine_runs_only_from_its_minimum_compute_capability(engine: str, rig: str, runs: bool) -> None:
    problem = engine_problem(engine, parse_hardware(rig), "cuda")
    assert (problem is None) == runs


@pytest.mark.parametrize(
    ("version", "runs"), [("0.14.1", True), ("0.6.3", True), ("0.30.0", False), (None, False)]
)
def test_vllm_ran_on_volta_through_its_0_14_release(version: str | None, runs: bool) -> None:
    problem = engine_problem("vllm", parse_hardware("Tesla V100"), "cuda", version)
    assert (problem is None) == runs


@pytest.mark.parametrize(
    ("rig", "runs"),
    [
        ("2x MI50 32GB", False),
        ("RX 6800 XT", False),
        ("MI100", False),
        ("MI300X", True),
        ("RX 7900 XTX", True),
        ("RX 9070 XT", True),
        ("RX 7600", False),
        ("RX 7800 XT", True),
        ("2x MI210", True),
    ],
)
def test_vllm_is_offered_on_rocm_only_on_the_chips_its_builds_list(rig: str, runs: bool) -> None:
    assert (rocm_architecture_problem("vllm", parse_hardware(rig)) is None) == runs


def test_vllm_asked_on_an_unlisted_amd_chip_is_answered_with_that_said() -> None:
    e = estimate(_model(_LLAMA_8B), parse_hardware("2x MI50 32GB"), engine="vllm")
    assert e.engine == "vllm"
    assert any("do not support AMD Instinct MI50" in a for a in e.assumptions)


def test_an_unlisted_amd_rig_gets_no_vllm_hint() -> None:
    advice = advise(_model(_LLAMA_70B), parse_hardware("2x MI50 32GB, 64GB RAM"))
    assert not [h for h in advice.hints if "vLLM" in h]


def _best(
    model_id: str, rig: str, engine_options: EngineOptions | None = None, **asked: str
) -> tuple[str, str, tuple[str, ...]]:
    advice = advise(_model(model_id), parse_hardware(rig), engine_options=engine_options, **asked)  # type: ignore[arg-type]
    best = advice.options[0].estimate
    return best.engine, best.quant.id, advice.notes


def test_vllm_asked_on_a_p40_is_answered_for_llama_cpp_with_the_reason() -> None:
    engine, _, notes = _best(_LLAMA_70B, "3x Tesla P40", engine="vllm", quant="AWQ-INT4")
    assert engine == "llama.cpp"
    assert any("vLLM does not support compute capability 6.1" in n for n in notes)


@pytest.mark.parametrize("rig", ["3x Tesla P40", "2x GTX 1080 Ti", "Tesla P100"])
def test_an_awq_checkpoint_on_a_pascal_rig_goes_to_llama_cpp(rig: str) -> None:
    engine, _, _ = _best(_LLAMA_8B, rig, quant="AWQ-INT4")
    assert engine == "llama.cpp"


def test_awq_on_volta_is_answered_for_gptq_which_vllm_runs_there() -> None:
    old_vllm = EngineOptions(version="0.14.0")
    engine, quant, notes = _best(_LLAMA_8B, "Tesla V100", old_vllm, engine="vllm", quant="AWQ-INT4")
    assert (engine, quant) == ("vllm", "GPTQ-INT4")
    assert any("no AWQ kernels for compute capability 7.0" in n for n in notes)


def test_exl3_on_turing_is_answered_for_exl2() -> None:
    engine, quant, _ = _best(_LLAMA_8B, "RTX 2080 Ti", engine="exllama", quant="EXL3 4bpw")
    assert (engine, quant.split("-")[0]) == ("exllama", "EXL2")


def test_awq_on_turing_stays_awq() -> None:
    assert _best(_LLAMA_8B, "RTX 2080 Ti", engine="vllm", quant="AWQ-INT4")[:2] == ("vllm", "AWQ-INT4")


@pytest.mark.parametrize("rig", ["3x Tesla P40", "2x GTX 1080 Ti"])
def test_a_pascal_rig_gets_no_vllm_or_sglang_hint(rig: str) -> None:
    advice = advise(_model(_LLAMA_70B), parse_hardware(rig))
    assert not [h for h in advice.hints if "vLLM" in h or "SGLang" in h]


@pytest.mark.parametrize("engine", ["vllm", "sglang"])
def test_no_serving_engine_is_offered_on_a_p40_when_asked(engine: str) -> None:
    advice = advise(_model(_LLAMA_8B), parse_hardware("Tesla P40"), engine=engine)
    assert {o.estimate.engine for o in advice.options} <= {"llama.cpp", "ollama", "lmstudio"}


@pytest.mark.parametrize(("rig", "refused"), [("Tesla K80", True), ("Tesla P40", False), ("RTX 3090", False)])
def test_ollama_needs_compute_capability_5(rig: str, refused: bool) -> None:
    hw = parse_hardware(rig)
    assert (engine_problem("ollama", hw, "cuda") is not None) is refused


def test_a_kepler_card_runs_llama_cpp_on_vulkan_since_cuda_12_dropped_it() -> None:
    e = estimate(_model(_LLAMA_8B), parse_hardware("Tesla K80"), quant="Q4_K_M")
    assert e.backend == "vulkan"


def test_a_kepler_card_from_the_public_gpu_list_is_known_as_kepler_too() -> None:
    hw = parse_hardware("GeForce GTX 780")
    assert engine_problem("ollama", hw, "cuda") is not None
    assert estimate(_model("llama-3.2-1b"), hw, quant="Q4_K_M").backend == "vulkan"


@pytest.mark.parametrize(("rig", "cc"), [("Tesla V100 32GB", "7.0"), ("GTX 1080 Ti", "6.1")])
def test_an_fp8_checkpoint_on_too_old_a_card_says_the_card_is_too_old(rig: str, cc: str) -> None:
    # the rig has the NVIDIA GPU vLLM needs, only too old a one: the note says that, not "no such GPU"
    engine, quant, notes = _best(_LLAMA_8B, rig, quant="FP8")
    assert (engine, quant) == ("llama.cpp", "Q8_0")
    assert any(f"vLLM does not support compute capability {cc}" in n for n in notes)
    assert not any("which this rig does not have" in n for n in notes)


def test_an_fp8_checkpoint_on_a_mac_says_the_gpus_it_needs() -> None:
    _, _, notes = _best(_LLAMA_8B, "M2 Max 64GB", quant="FP8")
    assert any("which this rig does not have" in n for n in notes)


@pytest.mark.parametrize(
    ("rig", "engine", "version"),
    [
        ("8x Tesla V100 16GB", "vllm", "0.14"),  # the current vLLM dropped Volta, v0.14 still ran it
        ("Tesla V100 32GB", "vllm", "0.14"),
        ("3x Tesla P40", "llama.cpp", None),  # no vLLM release is sized for Pascal: llama.cpp
        ("RTX 3090", "vllm", None),  # the current release runs here: no older one is pinned
    ],
)
def test_vllm_asked_on_a_card_its_current_release_dropped_is_answered_for_its_last_release(
    rig: str, engine: str, version: str | None
) -> None:
    advice = advise(_model(_LLAMA_8B), parse_hardware(rig), engine="vllm")
    best = advice.options[0].estimate
    assert (best.engine, best.memory.options.version) == (engine, version)
    if version is not None:
        assert any(f'pip install "vllm=={version}.*"' in n for n in advice.notes)


def test_fp16_on_volta_with_vllm_does_not_fit_in_the_cards_and_a_gptq_build_is_the_fix() -> None:
    # 70B at 16 bits is about 141 GB of weights: more than the 128 GB eight 16 GB cards hold, and vLLM
    # keeps every weight on the GPUs; an 8-bit GPTQ build (kernels from Volta) fits
    advice = advise(_model(_LLAMA_70B), parse_hardware("8x Tesla V100 16GB"), engine="vllm", quant="FP16")
    best = advice.options[0].estimate
    assert (best.engine, best.quant.id, best.verdict) == ("vllm", "BF16-HF", "no")
    gptq = [f.estimate for f in advice.fixes if f.estimate.quant.id == "GPTQ-INT8"]
    assert gptq and gptq[0].verdict == "gpu"
    assert "--dtype half" in (gptq[0].command_hint() or "")  # no BF16 on Volta: vLLM is told FP16


def test_fp16_on_eight_32_gb_volta_cards_fits_on_vllm_with_half_precision() -> None:
    advice = advise(_model(_LLAMA_70B), parse_hardware("8x Tesla V100 32GB"), engine="vllm", quant="FP16")
    best = advice.options[0].estimate
    assert (best.engine, best.verdict) == ("vllm", "gpu")
    assert "--dtype half" in (best.command_hint() or "")
    on_ampere = advise(_model(_LLAMA_70B), parse_hardware("8x A100 40GB"), engine="vllm").options[0].estimate
    assert "--dtype" not in (on_ampere.command_hint() or "")


@pytest.mark.parametrize(
    ("rig", "asked", "gguf"),
    [
        ("Tesla V100 32GB, 64GB RAM", "BF16-HF", "F16"),  # no BF16 on Volta: the F16 file
        ("Tesla T4, 64GB RAM", "BF16-HF", "F16"),  # nor on Turing
        ("RTX 3090, 64GB RAM", "BF16-HF", "BF16"),  # Ampere computes in BF16
        ("RTX 3090, 64GB RAM", "FP16", "F16"),  # FP16 said: the F16 file
    ],
)
def test_a_16_bit_checkpoint_on_llama_cpp_is_the_gguf_the_card_computes_in(
    rig: str, asked: str, gguf: str
) -> None:
    _, quant, _ = _best(_LLAMA_8B, rig, engine="llama.cpp", quant=asked)
    assert quant == gguf


def test_a_card_added_to_a_volta_rig_runs_the_build_vllm_has_kernels_for() -> None:
    advice = advise(
        _model(_LLAMA_70B),
        parse_hardware("Tesla V100 32GB"),
        engine="vllm",
        engine_options=EngineOptions(version="0.14.0"),
    )
    added = [f.change for f in advice.fixes if "add a second" in f.change]
    assert added and all("AWQ" not in c and "GPTQ-INT4" in c for c in added)
