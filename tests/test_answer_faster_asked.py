"""Speed asked for: "which is faster, X or Y" answers both sides with a number each; "the fastest model
I can run" lists the models that run well, fastest first."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, read_question


@pytest.mark.parametrize(
    ("text", "engine", "compared"),
    [
        ("M4 Pro mac mini 64gb, qwen3-coder-30b mlx 8bit vs gguf q8, which is faster", "mlx", "llama.cpp"),
        ("m4 max 64gb, gpt-oss-20b mlx 4bit or gguf, which is quicker?", "mlx", "llama.cpp"),
        ("m4 max 64gb gpt-oss-20b mlx vs llama.cpp which is faster", "mlx", "llama.cpp"),
        # in Chinese, the names between CJK characters
        ("两张3090跑qwen3 32b，ollama还是llama.cpp快？", "ollama", "llama.cpp"),
        ("4090上跑gemma 3 27b，vllm和sglang哪个快", "vllm", "sglang"),
        ("m2 max 96g，mlx比llama.cpp快吗", "mlx", "llama.cpp"),
        # a server's quant after its name: AWQ, GPTQ, an EXL bit width
        ("gemma 3 27b on a 5090: vllm awq or llama.cpp q4_k_m, which is faster?", "vllm", "llama.cpp"),
        ("qwen3 14b exl3 5bpw vs gguf q5_k_m on a 4080, which is quicker?", "exllama", "llama.cpp"),
    ],
)
def test_two_engines_side_by_side_with_a_quant_after_the_first_are_both_read(
    catalog: Catalog, text: str, engine: str, compared: str
) -> None:
    q = read_question(text, catalog.index)
    assert (q.engine, q.engine_compared) == (engine, compared)


def test_which_is_faster_gives_a_number_for_each_engine(catalog: Catalog) -> None:
    a = answer_text("M4 Pro mac mini 64gb, qwen3-coder-30b mlx 8bit vs gguf q8, which is faster", catalog)
    assert "With llama.cpp instead: Q8_0" in a.verdict
    assert "is the faster" in a.verdict


def test_the_fastest_model_for_a_rig_is_listed_fastest_first(catalog: Catalog) -> None:
    a = answer_text("whats the fastest model i can run on a 4060 ti 8gb with 64k context", catalog)
    speeds = [o.speed.decode_tps for o in a.options]
    assert len(speeds) > 2
    assert speeds == sorted(speeds, reverse=True)
    assert a.verdict.startswith("Fastest on this rig:")


def test_the_best_model_for_a_rig_stays_ranked_by_quality(catalog: Catalog) -> None:
    a = answer_text("whats the best model i can run on a 4060 ti 8gb with 64k context", catalog)
    assert a.verdict.startswith("Best on this rig:")


def test_an_engine_comparison_asked_in_chinese_gives_both_numbers(catalog: Catalog) -> None:
    a = answer_text("一张3090加64g内存，跑qwen3 30b a3b，ollama还是llama.cpp快？", catalog)
    assert "With llama.cpp instead:" in a.verdict


@pytest.mark.parametrize(
    "text",
    [
        "glm 4.5 air q4 on 2x 3090 with sglang or llama.cpp, which one is faster?",
        "qwen3 235b a22b on 4x 4090, vllm or llama.cpp, which is quicker?",
    ],
)
def test_an_engine_that_does_not_fit_is_never_weighed_as_its_stand_in_against_itself(
    catalog: Catalog, text: str
) -> None:
    a = answer_text(text, catalog)
    assert a.verdict.count("With llama.cpp instead") <= 1
    assert "(llama.cpp at" not in a.verdict  # llama.cpp is the one shown: never weighed against itself
