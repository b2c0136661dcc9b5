"""llama.cpp's --fit keeps its 1 GiB margin free of the memory a GPU reports free, after the desktop's
share of a display GPU: a fit that needs that share is tight, a headless card keeps it comfortable."""

from __future__ import annotations

import pytest

from sizing import default_catalog, estimate, parse_hardware
from sizing.engines import EngineOptions


def _placement(hw: str, context: int, engine: str = "llama.cpp", split_mode: str | None = None):  # type: ignore[no-untyped-def]
    return estimate(
        default_catalog().resolve("qwen2.5-32b").model,
        parse_hardware(hw),
        quant="Q4_K_M",
        context=context,
        engine=engine,
        engine_options=EngineOptions(split_mode=split_mode),
    ).memory.placement


# Qwen2.5 32B Q4_K_M on one 24 GB card at 16K: about 1.1 GiB left beside llama.cpp's buffers
_EDGE = 16384


def test_a_headless_card_keeps_the_fit_comfortable() -> None:
    p = _placement("RTX 3090, headless", _EDGE)
    assert (p.verdict, p.fit) == ("gpu", "fits")


@pytest.mark.parametrize("hw", ["RTX 3090", "RTX 3090, Windows"])
def test_the_desktops_share_inside_the_margin_makes_it_tight(hw: str) -> None:
    p = _placement(hw, _EDGE)
    assert (p.verdict, p.fit) == ("gpu", "tight")
    assert any("desktop's share" in n and "headless" in n for n in p.notes)


def test_with_room_for_the_desktop_and_the_margin_it_fits() -> None:
    p = _placement("RTX 3090", 8192)
    assert (p.verdict, p.fit) == ("gpu", "fits")
    assert not any("desktop's share" in n for n in p.notes)


def test_lm_studio_runs_llama_cpps_fit_too() -> None:
    # LM Studio's own defaults (flash attention off, parallel predictions) take more: its edge is lower
    assert _placement("RTX 3090", 12288, engine="lmstudio").fit == "tight"
    assert _placement("RTX 3090, headless", 12288, engine="lmstudio").fit == "fits"


def test_row_split_counts_the_desktop_beside_the_whole_cache_on_the_main_gpu() -> None:
    # Mistral Small 3.1 24B Q8_0 at 64K over two 24 GB cards: with -sm row the main GPU holds all
    # 10 GiB of the cache beside half the weights, which leaves it under the desktop's share
    def row(hw: str):  # type: ignore[no-untyped-def]
        return estimate(
            default_catalog().resolve("mistral-small-3.1-24b").model,
            parse_hardware(hw),
            quant="Q8_0",
            context=65536,
            engine="llama.cpp",
            flash_attention=True,
            engine_options=EngineOptions(split_mode="row"),
        ).memory.placement

    shown = row("2x RTX 3090")
    assert shown.fit == "tight"
    assert [s.flag for s in shown.settings] == ["-sm layer"]
    assert any("desktop's 0.8 GiB" in n for n in shown.notes)
    assert row("2x RTX 3090, headless").fit == "fits"
