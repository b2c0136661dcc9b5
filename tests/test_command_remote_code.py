"""A model whose code ships in its repository (the catalog's remote_code: ERNIE 4.5 VL) is served by
vLLM and SGLang with --trust-remote-code, as their recipes for it do; one whose architecture the engines
carry is served without it."""

from __future__ import annotations

import pytest

from sizing import Catalog, estimate, parse_hardware
from sizing.commands import launch_command

_RIG = "one h100 80gb, 128gb ram"


def _command(catalog: Catalog, model_id: str, engine: str) -> str:
    model = catalog.get(model_id)
    assert model is not None
    return launch_command(estimate(model, parse_hardware(_RIG), engine=engine)) or ""


def test_every_model_with_remote_code_cites_a_source(catalog: Catalog) -> None:
    flagged = [m for m in catalog.models if m.remote_code]
    assert flagged and all(any("trust-remote-code" in s for s in m.sources) for m in flagged)


@pytest.mark.parametrize("engine", ["vllm", "sglang"])
def test_a_model_with_remote_code_is_served_trusting_it(catalog: Catalog, engine: str) -> None:
    assert "--trust-remote-code" in _command(catalog, "ernie-4.5-vl-28b-a3b", engine)


@pytest.mark.parametrize("engine", ["vllm", "sglang"])
def test_a_model_the_engines_carry_is_served_without_it(catalog: Catalog, engine: str) -> None:
    assert "--trust-remote-code" not in _command(catalog, "ernie-4.5-21b-a3b", engine)
