"""Names written in another order or glued to a quant, apps named like a family, and figures that are
no rig: speeds ("t/s"), a model's file size, what a quoted error says the model needs, and the share of
memory an OS leaves usable. Sentences written for these tests in the patterns people paste."""

from __future__ import annotations

import pytest

from sizing import default_catalog, read_question
from sizing.catalog import resolve_model

CAT = default_catalog()


@pytest.mark.parametrize(
    ("name", "model"),
    [
        # the size before the variant word: the VL model of that size
        ("Qwen2.5-7B-VL", "qwen2.5-vl-7b"),
        ("Qwen3-32B-VL", "qwen3-vl-32b"),
        ("qwen3 4b vl", "qwen3-vl-4b"),
        # the version after the line word: the same release
        ("Nemotron-Nano-3-30B-A3B", "nemotron-3-nano-30b-a3b"),
        # a quant glued to the size
        ("Qwen3-14BQ4_K_M", "qwen3-14b"),
        ("Llama-3.1-70BQ4", "llama-3.1-70b"),
        # a release's date code names the release of the family that carries it
        ("deepseek v4 0731", "deepseek-v4-flash"),
        ("qwen3 30b 2507", "qwen3-30b-a3b-instruct-2507"),
        # controls: words that are no other name's stay a fine-tune of the base
        ("deepseek v4", "deepseek-v4-pro"),
        ("Qwen3-8B-abliterated", "qwen3-8b"),
        ("Qwen3-8B", "qwen3-8b"),
    ],
)
def test_names_in_another_order(name: str, model: str) -> None:
    assert resolve_model(name, CAT.index).model.id == model


def _read(text: str) -> tuple[list[str], object]:
    q = read_question(text, CAT.index)
    return [r.model.id for r in q.models], q.hardware


@pytest.mark.parametrize(
    ("text", "models"),
    [
        (
            "I benchmarked Qwen2.5-7B-VL against Qwen3-4B-VL on a Jetson AGX Orin 64GB",
            ["qwen2.5-vl-7b", "qwen3-vl-4b"],
        ),
        ("Nemotron-Nano-3-30B-A3B-Q4_K_M.gguf on a 24GB M4 Pro?", ["nemotron-3-nano-30b-a3b"]),
        # a variant told by its size alone, no "the": the family named before it
        ("Gemma 3 12b feels slower than 27b variant on my 3090", ["gemma-3-12b", "gemma-3-27b"]),
        # "then" typed for "than" before a size weighs two sizes; before a clause it does not
        ("is a 14b dense slower then a 30b moe on my 3090?", ["generic-14b", "generic-30b-a1.6b"]),
        ("If it is faster then I will buy a 5090 for qwen3 32b", ["qwen3-32b"]),
        # a short name glued to the rest of the name stays one name
        ("R1-Qwen-14BQ8 on my 4090, how fast?", ["deepseek-r1-distill-qwen-14b"]),
        ("R1-Llama-8B on a 3060 12GB?", ["deepseek-r1-distill-llama-8b"]),
        # speeds per model size are what was measured, not the model asked about
        (
            "I see ~40t/s for 3-4b models and ~20t/s for 7-8b models on my 4060, what about qwen3 14b?",
            ["qwen3-14b"],
        ),
        # "5 t/s" is a speed, not a 5T model; GPT4All is an app, not a gpt-oss
        ("GPT4All shows 6 t/s on my 3060 12GB, is that normal?", []),
        ("I only get 3 t/s with a 70b model on my 3090", ["generic-70b"]),
    ],
)
def test_models_read(text: str, models: list[str]) -> None:
    assert _read(text)[0] == models


def test_an_app_named_like_a_family_shapes_no_model() -> None:
    got, _ = _read("Running a 13B Hermes model in GPT4All 2.5 on my MacBook Air M1, too slow?")
    assert got == ["generic-13b"]  # a Llama-shaped 13B, not a gpt-oss-shaped MoE


@pytest.mark.parametrize(
    ("text", "gpus", "ram"),
    [
        # what a quoted error says the model needs is no RAM of the asker's ("me" in the clause or not)
        (
            "ollama gives me this error: model requires more system memory (52.1 GiB) than is available, "
            "and I have two 4090s. Can I run llama 3.3 70b?",
            [("rtx-4090", 2)],
            None,
        ),
        # the model's own size, told as what is run
        (
            "it now takes 40 GB of RAM to run a 27 GB model with my 3090: is gemma 3 27b that big?",
            [("rtx-3090", 1)],
            None,
        ),
        # installed memory beside what the OS leaves usable: the installed figure
        ("Laptop: Core Ultra 7 155H, 16.0 GB (15.6 GB usable), can it run qwen3 8b?", None, 16.0),
        ("设备 Intel(R) Core(TM) Ultra 7 155H 3.80 GHz 16.0 GB (15.7 GB 可用)，跑 qwen3 8b 多快", None, 16.0),
        # controls: the asker's own RAM and a card named with its memory
        ("can my 3090 and 64GB of RAM run gemma 3 27b?", [("rtx-3090", 1)], 64.0),
    ],
)
def test_figures_that_are_no_rig(text: str, gpus: list[tuple[str, int]] | None, ram: float | None) -> None:
    _, hw = _read(text)
    assert hw is not None
    if gpus is not None:
        assert [(g.id, g.count) for g in hw.gpus] == gpus  # type: ignore[attr-defined]
    assert hw.ram_gb == ram  # type: ignore[attr-defined]
