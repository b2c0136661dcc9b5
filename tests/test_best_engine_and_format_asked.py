"""A best list asked with an engine or a format ("with vllm", "with fp8") lists each model as that engine
or format runs it: no GGUF file on vLLM, every row at the format named; a model it cannot run here at
the speed wished is left out and said, and the heading names the builds listed."""

from __future__ import annotations

from bot.answers import answer_text
from sizing import Catalog


def test_a_best_list_on_vllm_has_no_gguf_rows(catalog: Catalog) -> None:
    a = answer_text("which model is best for code on two rtx 3090s using vllm?", catalog)
    assert a.options
    assert all(o.engine == "vllm" for o in a.options)
    assert all(not o.quant.startswith(("Q", "IQ")) for o in a.options)


def test_a_best_list_on_vllm_runs_every_row_on_the_gpus(catalog: Catalog) -> None:
    a = answer_text("which model is best for code on two rtx 3090s using vllm?", catalog)
    assert all(o.placement.verdict == "gpu" for o in a.options)


def test_a_best_list_with_a_format_named_is_at_that_format(catalog: Catalog) -> None:
    a = answer_text("top models in fp8 for a pair of 3090s?", catalog)
    assert a.options and all(o.quant == "FP8" for o in a.options)


def test_models_the_engine_cannot_run_here_are_said_left_out(catalog: Catalog) -> None:
    a = answer_text("top models in fp8 for a pair of 3090s?", catalog)
    assert " Left out: " in a.verdict and "not run at FP8" in a.verdict


def test_the_heading_names_the_builds_listed_not_the_gguf_floor(catalog: Catalog) -> None:
    a = answer_text("which model is best for code on two rtx 3090s using vllm?", catalog)
    assert "Q3_K_M" not in a.verdict and "builds" in a.verdict


def test_an_engine_that_runs_none_here_keeps_the_list_and_says_so(catalog: Catalog) -> None:
    a = answer_text("best model on an rtx 4090 using mlx", catalog)
    assert a.options
    assert "None of them runs with MLX here" in a.verdict
