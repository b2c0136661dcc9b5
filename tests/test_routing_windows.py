"""vLLM and SGLang ship Linux builds only: on Windows they are answered under WSL2 or Docker (the
same memory, WDDM still keeping its share of the card), and never offered where nothing says WSL."""

from __future__ import annotations

import pytest

from sizing import default_catalog, parse_hardware
from sizing._routing import route


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
    r = route(
        default_catalog().by_id["qwen2.5-14b"], parse_hardware("RTX 4080 Super, Windows 11"), engine=engine
    )
    assert r.engine == engine
    assert any("not run on Windows natively" in n and "WSL2" in n for n in r.notes)


def test_the_same_engine_under_wsl2_needs_no_note() -> None:
    r = route(default_catalog().by_id["qwen2.5-14b"], parse_hardware("RTX 4080 Super, WSL2"), engine="vllm")
    assert not any("natively" in n for n in r.notes)


def test_an_awq_quant_on_native_windows_is_offered_on_llama_cpp_not_vllm() -> None:
    r = route(
        default_catalog().by_id["qwen2.5-14b"], parse_hardware("RTX 4080 Super, Windows 11"), quant="AWQ-INT4"
    )
    assert r.engine == "llama.cpp"
    assert any("WSL2" in n for n in r.notes)


def test_an_awq_quant_under_wsl2_is_offered_on_vllm() -> None:
    r = route(
        default_catalog().by_id["qwen2.5-14b"], parse_hardware("RTX 4080 Super, WSL2"), quant="AWQ-INT4"
    )
    assert r.engine == "vllm"


def test_a_gptq_quant_on_native_windows_goes_to_exllama_which_runs_there() -> None:
    r = route(
        default_catalog().by_id["qwen2.5-14b"],
        parse_hardware("RTX 4080 Super, Windows 11"),
        quant="GPTQ-INT4",
    )
    assert r.engine == "exllama"


def test_vllm_on_windows_keeps_the_windows_desktop_share_of_memory() -> None:
    from sizing import advise

    catalog = default_catalog()
    model = catalog.by_id["qwen2.5-14b"]
    native = advise(model, parse_hardware("RTX 4080 Super, Windows 11"), engine="vllm", quant="AWQ-INT4")
    wsl = advise(model, parse_hardware("RTX 4080 Super, WSL2"), engine="vllm", quant="AWQ-INT4")
    used = [a.options[0].estimate.memory.placement.gpu_devices[0].usable for a in (native, wsl)]
    assert used[0] == pytest.approx(used[1])
