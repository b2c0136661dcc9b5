"""A catalog model that an engine cannot load (its `engine_gaps`) is never answered on that engine: the
default answer takes an engine that loads it, and LongCat-Flash, which llama.cpp has no architecture
for, is answered on a GPU server engine."""

from __future__ import annotations

import pytest

from sizing import Catalog, estimate, parse_hardware

_BIG_RIG = "8x H100 80GB, 2TB ram"


def _gapped(catalog: Catalog) -> list[str]:
    return [m.id for m in catalog.models if any(g.engine == "llama.cpp" for g in m.engine_gaps)]


def test_longcat_flash_is_a_model_llama_cpp_cannot_load(catalog: Catalog) -> None:
    assert "longcat-flash-chat" in _gapped(catalog)


def test_no_model_llama_cpp_cannot_load_is_answered_on_it(catalog: Catalog) -> None:
    hw = parse_hardware(_BIG_RIG)
    for model_id in _gapped(catalog):
        model = catalog.get(model_id)
        assert model is not None
        assert estimate(model, hw).engine != "llama.cpp", model_id


@pytest.mark.parametrize("engine", ["ollama", "lmstudio"])
def test_the_gguf_apps_are_gapped_with_llama_cpp(catalog: Catalog, engine: str) -> None:
    model = catalog.get("longcat-flash-chat")
    assert model is not None and engine in {g.engine for g in model.engine_gaps}
