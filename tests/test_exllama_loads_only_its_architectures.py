"""ExLlama answers name only models whose architecture it has code for: ExLlamaV2 (EXL2) and ExLlamaV3
(EXL3) each load the checkpoint classes their sources list; a model of another class is refused with
the release and its source (and the other release where that one loads it), and left out of an
EXL2/EXL3 best list, said apart from models too slow."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import sizing
from bot.answers import answer_text
from sizing import Catalog, EstimateError, parse_hardware

TABLE = Path(sizing.__file__).parent / "data" / "exllama_architectures.yaml"


def _model(catalog: Catalog, model_id: str) -> sizing.ModelSpec:
    return next(m for m in catalog.models if m.id == model_id)


def test_every_family_in_the_table_is_a_catalog_family_with_a_source(catalog: Catalog) -> None:
    raw = yaml.safe_load(TABLE.read_text())
    families = {m.family for m in catalog.models}
    for row in raw["families"]:
        assert row["family"] in families
        assert str(row["source"]).startswith(("https://", "Qwen3.8-27B model card"))
    for release in ("exl2", "exl3"):
        assert raw[release]["source"].startswith("https://github.com/turboderp-org/exllamav")


@pytest.mark.parametrize(
    ("model_id", "quant", "loads"),
    [
        ("qwen3-14b", "EXL2-4.0", True),
        ("qwen3-14b", "EXL3-4.0", True),
        ("gpt-oss-20b", "EXL2-4.0", False),
        ("gpt-oss-20b", "EXL3-4.0", True),
        ("olmo-3-7b", "EXL2-4.0", False),
        ("olmo-3-7b", "EXL3-4.0", True),
        ("chatglm3-6b", "EXL3-4.0", False),
        ("gemma-2-9b", "EXL2-4.0", True),
    ],
)
def test_exllama_loads_a_model_only_where_its_release_has_the_architecture(
    catalog: Catalog, model_id: str, quant: str, loads: bool
) -> None:
    hw = parse_hardware("rtx 3090")
    model = _model(catalog, model_id)
    if loads:
        assert sizing.estimate(model, hw, quant=quant, engine="exllama").verdict != "no"
    else:
        with pytest.raises(EstimateError, match=r"ExLlamaV[23] has no \w+ architecture \(https://github"):
            sizing.estimate(model, hw, quant=quant, engine="exllama")


def test_a_refusal_names_the_other_release_where_it_loads(catalog: Catalog) -> None:
    with pytest.raises(EstimateError, match="ExLlamaV3 loads it as EXL3"):
        sizing.estimate(
            _model(catalog, "gpt-oss-20b"), parse_hardware("rtx 3090"), quant="EXL2-4.0", engine="exllama"
        )


@pytest.mark.parametrize(
    ("text", "fmt"), [("best exl2 models for my 3090", "EXL2"), ("best exl3 model for a 4090", "EXL3")]
)
def test_an_exllama_best_list_holds_only_models_it_loads(catalog: Catalog, text: str, fmt: str) -> None:
    a = answer_text(text, catalog)
    assert a.options
    hw = parse_hardware(text)
    for o in a.options:
        assert o.quant.startswith(fmt)
        sizing.estimate(_model(catalog, o.model.id), hw, quant=o.quant, engine="exllama")  # raises if not


def test_models_left_out_for_their_architecture_are_said_apart_from_slow_ones(catalog: Catalog) -> None:
    said = answer_text("best exl2 models for my 3090", catalog).verdict
    assert "not loaded as EXL2 with ExLlama (no support for the model)" in said


@pytest.mark.parametrize(
    "text",
    [
        "deepseek coder v2 lite exl2 on a 3090",
        "deepseek coder v2 lite on a 3090 with exllamav2",
    ],
)
def test_a_question_exllama_cannot_load_is_answered_on_another_engine_saying_why(
    catalog: Catalog, text: str
) -> None:
    a = answer_text(text, catalog)
    assert a.kind == "estimate"
    assert a.options[0].engine != "exllama"
    assert "ExLlama cannot load" in a.verdict
