"""vLLM and SGLang ship Linux builds only: on Windows they are answered under WSL2 or Docker (the
same memory, WDDM still keeping its share of the card), and never offered where nothing says WSL."""

from __future__ import annotations

import pytest

from sizing import Estimate, advise, default_catalog, parse_hardware


def _top(rig: str, engine: str | None = None, quant: str | None = None) -> Estimate:
    model = default_catalog().by_id["qwen2.5-14b"]
    return advise(model, parse_hardware(rig), engine=engine, quant=quant).options[0].estimate


@pytest.mark.parametrize(
    ("rig", "linux_layer"),
    [
        ("RTX 4080 Super on Windows 11", False),
        ("RTX 4080 Super under WSL2 on Windows 11", True),
        ("RTX 4080 Super, Windows 11, vllm in docker", True),
        ("RTX 4080 Super on Ubuntu", False),  # no Windows: no layer to speak of
    ],
)
def test_the_rig_reader_hears_a_linux_layer_on_windows(rig: str, linux_layer: bool) -> None:
    assert parse_hardware(rig).linux_layer is linux_layer


@pytest.mark.parametrize("engine", ["vllm", "sglang"])
def test_a_linux_only_engine_asked_on_native_windows_is_answered_with_the_wsl_note(engine: str) -> None:
    e = _top("RTX 4080 Super, Windows 11", engine=engine)
    assert e.engine == engine
    assert any("not run on Windows natively" in n and "WSL2" in n for n in e.assumptions)


def test_the_same_engine_under_wsl2_needs_no_note() -> None:
    e = _top("RTX 4080 Super, WSL2", engine="vllm")
    assert not any("natively" in n for n in e.assumptions)


def test_an_awq_quant_on_native_windows_is_offered_on_llama_cpp_not_vllm() -> None:
    e = _top("RTX 4080 Super, Windows 11", quant="AWQ-INT4")
    assert e.engine == "llama.cpp"
    assert any("WSL2" in n for n in e.assumptions)


def test_an_awq_quant_under_wsl2_is_offered_on_vllm() -> None:
    assert _top("RTX 4080 Super, WSL2", quant="AWQ-INT4").engine == "vllm"


def test_a_gptq_quant_on_native_windows_goes_to_exllama_which_runs_there() -> None:
    assert _top("RTX 4080 Super, Windows 11", quant="GPTQ-INT4").engine == "exllama"


def test_vllm_on_windows_keeps_the_windows_desktop_share_of_memory() -> None:
    native = _top("RTX 4080 Super, Windows 11", engine="vllm", quant="AWQ-INT4")
    wsl = _top("RTX 4080 Super, WSL2", engine="vllm", quant="AWQ-INT4")
    usable = [e.memory.placement.gpu_devices[0].usable for e in (native, wsl)]
    assert usable[0] == pytest.approx(usable[1])
