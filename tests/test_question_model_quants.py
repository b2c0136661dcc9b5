"""Comparisons read right: the quant written beside each model is that model's, one quant said
once is every model's, and two models described by their sizes are both read and compared. The
sentences are written for these tests in the patterns people use."""

from __future__ import annotations

import dataclasses

import pytest

from bot.answers import CompareAnswer, RequirementsAnswer, answer_question, cache_key_parts
from sizing import Catalog, read_question

# each model's own quant: after its name, in brackets, glued into a file name or tag, "Q8 of X"
OWN_QUANTS = [
    ("on 24GB, which wins: gemma 3 27b q4 or qwen3 32b q3?", {"gemma-3-27b": "Q4", "qwen3-32b": "Q3"}),
    ("qwen3 30b a3b at q8 against qwen3 14b at q4, 4070 here", {"qwen3-30b-a3b": "Q8", "qwen3-14b": "Q4"}),
    ("on my 3090: gemma 3 27b (4bit) or gemma 3 12b (fp16)?", {"gemma-3-27b": "Q4", "gemma-3-12b": "F16"}),
    ("Q4_K_M of llama 3.3 70b or Q8 of qwen3 32b, 2x 3090?", {"llama-3.3-70b": "Q4_K_M", "qwen3-32b": "Q8"}),
    ("RTX 3060: qwen3 8b q8_0 vs qwen3 14b q4_k_m", {"qwen3-8b": "Q8_0", "qwen3-14b": "Q4_K_M"}),
    (
        "is llama 3.1 8b at fp16 smarter than llama 3.1 70b at q2 on a 4090 + 64gb ram?",
        {"llama-3.1-8b": "F16", "llama-3.1-70b": "Q2"},
    ),
    (
        "Qwen3-32B-Q4_K_M.gguf or gemma-3-27b-it-Q6_K.gguf on one 4090?",
        {"qwen3-32b": "Q4_K_M", "gemma-3-27b": "Q6_K"},
    ),
    ("ollama: qwen3:32b or gemma3:27b-it-q8_0 on a 5090", {"gemma-3-27b": "Q8_0"}),
    ("would qwen3 30b a3b at q8 beat qwen3 14b on a 4070?", {"qwen3-30b-a3b": "Q8"}),
    ("how fast are qwen3 14b (q8) and qwen3 8b (fp16) on a 4080?", {"qwen3-14b": "Q8", "qwen3-8b": "F16"}),
    ("3090上 qwen3 32b q4 还是 gemma 3 27b q8 更好?", {"qwen3-32b": "Q4", "gemma-3-27b": "Q8"}),
    ("Auf meiner 3090: gemma 3 27b in q4 oder qwen3 32b in q3?", {"gemma-3-27b": "Q4", "qwen3-32b": "Q3"}),
    # sizes listed after one family name: each size is a model of its own, with its own quant
    ("for gemma 3, which is better, 27b(4bit) or 12b(fp16)?", {"gemma-3-27b": "Q4", "gemma-3-12b": "F16"}),
    ("qwen2.5 7b q8 or 14b q4 on my 3060", {"qwen2.5-7b": "Q8", "qwen2.5-14b": "Q4"}),
    # a quant written right after the last name, no word between, is that model's alone
    ("mistral small 24b or qwen3 14b q8 on my 4090?", {"qwen3-14b": "Q8"}),
    ("on 2x 3090: llama 3.3 70b vs qwen3 32b fp8, which is quicker", {"qwen3-32b": "FP8"}),
    ("qwen3 14b or gemma 3 12b q6_k on a 4070 ti super", {"gemma-3-12b": "Q6_K"}),
]


@pytest.mark.parametrize(("text", "quants"), OWN_QUANTS)
def test_a_quant_beside_a_model_is_that_models(text: str, quants: dict[str, str], catalog: Catalog) -> None:
    q = read_question(text, catalog.index)
    assert dict(q.model_quants) == quants
    assert q.quant is None


@pytest.mark.parametrize(("text", "quants"), OWN_QUANTS[:4])
def test_a_model_without_a_quant_of_its_own_takes_none(
    text: str, quants: dict[str, str], catalog: Catalog
) -> None:
    q = read_question(text, catalog.index)
    for r in q.models:
        assert q.quant_for(r.model.id) == quants.get(r.model.id)


# one quant for all: said once at the end, said as "both at", or the same beside each
ONE_QUANT = [
    ("gemma 3 27b vs qwen3 32b at q4 on my 4090", "Q4"),
    ("both at q4: gemma 3 27b or qwen3 32b on a 3090?", "Q4"),
    ("deepseek r1 distill qwen 32b q4 or qwq 32b q4 on a 3090?", "Q4"),
    ("qwen3 14b or gemma 3 12b on a 4070 ti super at q6_k", "Q6_K"),
    ("is llama 3.1 8b or qwen3 8b quicker at q8 on a 3060?", "Q8"),
    ("can my 3090 run qwen3 32b at q4_k_m?", "Q4_K_M"),
]


@pytest.mark.parametrize(("text", "quant"), ONE_QUANT)
def test_one_quant_said_once_is_every_models(text: str, quant: str, catalog: Catalog) -> None:
    q = read_question(text, catalog.index)
    assert q.model_quants == ()
    assert q.quant == quant
    assert all(q.quant_for(r.model.id) == quant for r in q.models)


# two models described by their sizes: (total B, active B or "moe" or None for dense) each
TWO_SIZES = [
    ("would a 30b a3b style moe at q8 be faster than a dense 14b on my 4070 12gb?", [(30, 3), (14, None)]),
    ("a 70b dense vs a 100b moe with 10b active on 2x 3090", [(70, None), (100, 10)]),
    ("is a 32b or a 24b model better for my 16gb card", [(32, None), (24, None)]),
    ("on a 4090, is a 14b dense faster than a 30b moe?", [(14, None), (30, "moe")]),
    ("would a 120b moe with 5b active beat a 32b dense on a 3060 and 64gb ddr5?", [(120, 5), (32, None)]),
    ("8b at fp16 or 32b at q4 on a 24gb card?", [(8, None), (32, None)]),
    ("what runs better on a 3080 10gb, a 7b or a 13b model?", [(7, None), (13, None)]),
    ("一个70b的dense模型和一个30b a3b的moe,在两张3090上哪个快?", [(70, None), (30, 3)]),
]


@pytest.mark.parametrize(("text", "shapes"), TWO_SIZES)
def test_two_models_by_size_are_both_read_and_compared(
    text: str, shapes: list[tuple[float, float | str | None]], catalog: Catalog
) -> None:
    q = read_question(text, catalog.index)
    assert q.kind == "compare"
    assert q.change is None  # no upgrade is asked about
    assert len(q.rigs) == 1
    assert len(q.models) == len(shapes)
    for r, (total, active) in zip(q.models, shapes, strict=True):
        m = r.model
        assert m.is_generic
        assert m.params_b == pytest.approx(total, rel=0.05)
        if active is None:
            assert m.moe is None
        elif active == "moe":
            assert m.moe is not None
        else:
            assert m.active_params_b == pytest.approx(active, rel=0.1)


SIZE_QUANTS = [
    ("would a 30b a3b style moe at q8 be faster than a dense 14b on my 4070 12gb?", ["Q8", None]),
    ("8b at fp16 or 32b at q4 on a 24gb card?", ["F16", "Q4"]),
    ("m4 max 128gb: a 235b moe at q3 or a 70b dense at q8?", ["Q3", "Q8"]),
]


@pytest.mark.parametrize(("text", "quants"), SIZE_QUANTS)
def test_a_quant_beside_a_size_is_that_models(text: str, quants: list[str | None], catalog: Catalog) -> None:
    q = read_question(text, catalog.index)
    assert [q.quant_for(r.model.id) for r in q.models] == quants


def test_each_side_of_a_comparison_runs_its_own_quant(catalog: Catalog) -> None:
    q = read_question("for 24GB which is better: gemma 3 27b q4 or qwen3 32b q3", catalog.index)
    a = answer_question(q, catalog)
    assert isinstance(a, CompareAnswer)
    quants = {c.model.id: c.estimate.quant for c in a.comparisons if c.estimate is not None}
    assert quants == {"gemma-3-27b": "Q4_K_M", "qwen3-32b": "Q3_K_M"}
    assert "Asked for: Gemma 3 27B at Q4, Qwen3 32B at Q3." in a.hints


def test_the_answers_json_says_each_models_quant(catalog: Catalog) -> None:
    q = read_question("for 24GB which is better: gemma 3 27b q4 or qwen3 32b q3", catalog.index)
    wishes = answer_question(q, catalog).to_contract()["wishes"]
    assert wishes["quant"] is None
    assert wishes["model_quants"] == {"gemma-3-27b": "Q4", "qwen3-32b": "Q3"}


def test_each_model_of_an_estimate_runs_its_own_quant(catalog: Catalog) -> None:
    q = read_question("how fast are qwen3 14b (q8) and qwen3 8b (fp16) on a 4080?", catalog.index)
    a = answer_question(q, catalog)
    assert a.kind == "estimate"
    first = {}
    for o in a.options:
        first.setdefault(o.model.id, o.quant)
    assert first == {"qwen3-14b": "Q8_0", "qwen3-8b": "F16"}
    assert any(h.startswith("Asked for: ") and "Qwen3 8B at F16" in h for h in a.hints)


def test_each_model_of_a_requirements_answer_is_sized_at_its_own_quant(catalog: Catalog) -> None:
    q = read_question("what do I need to run qwen3 32b at q8 or llama 3.3 70b at q4?", catalog.index)
    a = answer_question(q, catalog)
    assert isinstance(a, RequirementsAnswer)
    assert {(r.estimate.model.id, r.estimate.quant) for r in a.rigs} >= {
        ("qwen3-32b", "Q8_0"),
        ("llama-3.3-70b", "Q4_K_M"),
    }


def test_the_cache_key_tells_apart_quants_swapped_between_models(catalog: Catalog) -> None:
    a = read_question("on a 3090: gemma 3 27b q4 or qwen3 32b q3?", catalog.index)
    b = read_question("on a 3090: gemma 3 27b q3 or qwen3 32b q4?", catalog.index)
    assert cache_key_parts(a) != cache_key_parts(b)


def test_the_cache_key_holds_every_models_quant(catalog: Catalog) -> None:
    q = read_question("how fast are qwen3 14b (q8) and qwen3 8b (fp16) on a 4080?", catalog.index)
    other = dataclasses.replace(q, model_quants=(("qwen3-14b", "Q8"), ("qwen3-8b", "Q8")))
    assert cache_key_parts(q) != cache_key_parts(other)


# any comparative before "than" ("als") puts the models side by side, named or described by size
COMPARATIVES = [
    "is qwen3 14b quicker than gemma 3 12b on a 4070?",
    "on my 3090, is qwen3 32b smarter than gemma 3 27b",
    "is llama 3.1 8b more accurate than gemma 3 4b on a 3060?",
    "ist qwen3 14b schneller als gemma 3 12b auf einer 4070?",
    "is a 14b dense quicker than a 30b a3b moe on a 3060 12gb?",
]


@pytest.mark.parametrize("text", COMPARATIVES)
def test_a_comparative_between_two_models_asks_to_compare_them(text: str, catalog: Catalog) -> None:
    q = read_question(text, catalog.index)
    assert q.kind == "compare"
    assert len(q.models) == 2


# a quant written beside a model told as background is that model's, not the asked one's
def test_a_quant_beside_a_model_run_now_is_not_the_asked_models(catalog: Catalog) -> None:
    q = read_question("I run qwen3 32b q4 now; would gemma 3 27b be better on my 3090?", catalog.index)
    assert [r.model.id for r in q.models] == ["gemma-3-27b"]
    assert q.quant_for("gemma-3-27b") is None


@pytest.mark.parametrize(
    "text",
    [
        "I run llama 3.3 70b at q4 on 2x 3090; would qwen3 32b at the same quant be faster?",
        "qwen3 14b q8 or gemma 3 12b, both at the same quant, on a 4070",
    ],
)
def test_the_same_quant_said_in_words_is_every_models(text: str, catalog: Catalog) -> None:
    q = read_question(text, catalog.index)
    assert q.model_quants == ()
    assert q.quant is not None
