"""A model an engine cannot load at all (a catalog entry's engine_gaps: llama.cpp has no Llama 3.2
Vision architecture) is answered on an engine that loads it, saying why, and never sized on the one
that cannot."""

from __future__ import annotations

import re

import pytest

from bot.answers import answer_text
from sizing import Catalog, EstimateError, estimate, parse_hardware


def test_every_gap_names_its_source(catalog: Catalog) -> None:
    gaps = [g for m in catalog.models for g in m.engine_gaps]
    assert gaps and all(g.source.startswith("https://") for g in gaps)


def test_an_engine_asked_for_that_cannot_load_the_model_is_refused_with_its_reason(catalog: Catalog) -> None:
    model = catalog.get("llama-3.2-11b-vision")
    assert model is not None
    with pytest.raises(EstimateError, match=re.escape("llama.cpp cannot load Llama 3.2 11B Vision")):
        estimate(model, parse_hardware("RTX 3060 12GB"), engine="llama.cpp")


def test_no_engine_asked_takes_the_first_that_loads_the_model(catalog: Catalog) -> None:
    model = catalog.get("llama-3.2-11b-vision")
    assert model is not None
    assert estimate(model, parse_hardware("RTX 3060 12GB")).engine == "ollama"


@pytest.mark.parametrize(
    "text",
    [
        "can I run llama 3.2 11b vision on my 3060 12gb",
        "llama 3.2 vision 11b with llama.cpp on a 4070 ti super",
        "llama 3.2 90b vision on 2x 3090 and 128gb ram",
    ],
)
def test_the_answer_runs_an_engine_that_loads_it_and_says_why(catalog: Catalog, text: str) -> None:
    a = answer_text(text, catalog)
    assert a.options and all(o.engine not in ("llama.cpp", "lmstudio") for o in a.options)
    assert "llama.cpp cannot load" in " ".join(a.options[0].assumptions)
    assert "llama-server" not in (a.options[0].command or "")


def test_models_without_a_gap_keep_llama_cpp(catalog: Catalog) -> None:
    model = catalog.get("llama-3.1-8b")
    assert model is not None
    assert estimate(model, parse_hardware("RTX 3060 12GB")).engine == "llama.cpp"


def test_rigs_proposed_for_the_model_run_an_engine_that_loads_it(catalog: Catalog) -> None:
    from sizing.requirements import requirements

    model = catalog.get("llama-3.2-90b-vision")
    assert model is not None
    req = requirements(model, devices=("rtx-3090",))
    assert req.rigs and all(c.estimate.engine not in ("llama.cpp", "lmstudio", "mlx") for c in req.rigs)
    assert any(c.estimate.engine == "ollama" for c in req.rigs)
