"""Ollama's flash-attention default by release: off before v0.11.8, then on only for the architectures
its list names (each from the release that added it), llama.cpp's "auto" for llama.cpp-engine models
from v0.13.4 and for every GGUF model from v0.30. Where a release's default leaves a model without a
comfortable fit that flash attention would give, the answer is tight and prints the switch."""

from __future__ import annotations

import pytest

from sizing import default_catalog, estimate, parse_hardware
from sizing.engines import EngineOptions, ollama_flash_attention, ollama_gguf_arch


def _model(model_id: str):  # type: ignore[no-untyped-def]
    return default_catalog().resolve(model_id).model


@pytest.mark.parametrize(
    ("model_id", "version", "expected"),
    [
        ("gpt-oss-20b", "0.11.7", False),  # before the list existed: off for every model
        ("gpt-oss-20b", "0.11.8", True),  # the first architecture listed
        ("qwen3-14b", "0.12.3", False),
        ("qwen3-14b", "0.12.4", True),
        ("gemma-3-27b", "0.12.5", False),
        ("gemma-3-27b", "0.12.6", True),
        ("gemma-4-31b", "0.20.2", False),  # Ollama's own engine keeps following the list ...
        ("gemma-4-31b", "0.20.4", True),
        ("llama-3.1-8b", "0.13.3", False),  # llama.cpp-engine models: off until "auto" ...
        ("llama-3.1-8b", "0.13.4", None),  # ... then llama.cpp decides
        ("deepseek-r1", "0.13.5", False),  # moved to Ollama's engine, never listed
        ("gemma-4-31b", "0.30.0", None),  # llama-server: --flash-attn auto for every GGUF model
        ("gemma-4-31b", None, None),  # no release named: the current one
    ],
)
def test_release_default(model_id: str, version: str | None, expected: bool | None) -> None:
    assert ollama_flash_attention(_model(model_id), version) is expected


@pytest.mark.parametrize(
    ("model_id", "arch"),
    [
        ("gemma-4-31b", "gemma4"),
        ("gemma-3n-e4b", "gemma3n"),
        ("qwen3-coder-30b-a3b", "qwen3moe"),
        ("qwen3-vl-8b", "qwen3vl"),
        ("qwen3-next-80b-a3b", "qwen3next"),
        ("qwen3.5-122b-a10b", "qwen35moe"),
        ("llama-3.2-11b-vision", "mllama"),
        ("mistral-small-3.1-24b", "mistral3"),
        ("qwen2.5-14b", "qwen2"),
    ],
)
def test_gguf_architecture_names(model_id: str, arch: str) -> None:
    assert ollama_gguf_arch(_model(model_id)) == arch


def _ollama(version: str | None, context: int | None = None):  # type: ignore[no-untyped-def]
    return estimate(
        _model("gemma-4-31b"),
        parse_hardware("RTX 3090"),
        quant="Q4_K_M",
        context=context,
        engine="ollama",
        engine_options=EngineOptions(version=version),
    )


def _flags(e) -> list[str]:  # type: ignore[no-untyped-def]
    return [s.flag for s in e.memory.placement.settings]


def test_a_release_that_leaves_it_off_is_tight_and_prints_the_switch() -> None:
    # Ollama's own default context on a 24 GB card (32768) holds only with flash attention
    e = _ollama("0.20.2")
    assert e.memory.placement.tight
    assert "OLLAMA_FLASH_ATTENTION=1" in _flags(e)
    assert e.memory.flash_attention


def test_the_release_that_turns_it_on_needs_no_switch() -> None:
    e = _ollama("0.20.4")
    assert "OLLAMA_FLASH_ATTENTION=1" not in _flags(e)
    assert not e.memory.placement.tight


def test_where_it_fits_either_way_the_release_default_is_reported() -> None:
    e = _ollama("0.20.2", context=8192)
    assert not e.memory.flash_attention
    assert not e.memory.placement.tight
    assert any("flash attention off" in n for n in e.assumptions)


def test_attention_scores_without_it_grow_with_the_context() -> None:
    off = _ollama("0.20.2", context=16384).memory.placement
    on = _ollama("0.20.4", context=16384).memory.placement
    assert sum(d.compute for d in off.devices) > sum(d.compute for d in on.devices)


def test_the_defaults_stated_name_the_releases_own_flash_attention() -> None:
    off = dict(_ollama("0.20.2", context=8192).memory.placement.engine_defaults)
    on = dict(_ollama("0.20.4", context=8192).memory.placement.engine_defaults)
    assert off["flash_attention"] == "off" and on["flash_attention"] == "on"


def test_a_release_before_the_vram_tiers_gets_the_context_set_in_its_command() -> None:
    from sizing.commands import launch_command

    e = estimate(
        _model("gemma-3-27b"),
        parse_hardware("RTX 3090"),
        context=32768,
        engine="ollama",
        engine_options=EngineOptions(version="0.12.8"),
    )
    assert "OLLAMA_CONTEXT_LENGTH=32768" in (launch_command(e) or "")
