"""Two models asked at the same time on one rig are sized together: each one's weights, KV cache and
buffers summed against the GPU memory, with the finest quants that fit both where the picks do not; a
size said before "embedding model" sizes the embedding model named beside the main one."""

from __future__ import annotations

import re

import pytest

from bot.answers import answer_text
from sizing import Catalog, companion_models


def _together(verdict: str) -> str:
    assert "Both at once: " in verdict, verdict
    return verdict.split("Both at once: ", 1)[1]


def test_two_models_at_the_same_time_are_summed_against_the_gpu(catalog: Catalog) -> None:
    a = answer_text("can a 4090 hold mistral nemo 12b and llama 3.1 8b simultaneously?", catalog)
    said = _together(a.verdict)
    parts = [float(x) for x in re.findall(r"\(~([\d.]+) GB\)", said.split(" = ")[0])]
    total = re.search(r" = ~([\d.]+) GB", said)
    assert len(parts) == 2 and total is not None
    assert float(total.group(1)) == pytest.approx(sum(parts), abs=0.11)


def test_models_that_fit_together_are_said_to(catalog: Catalog) -> None:
    a = answer_text("qwen3 4b and llama 3.1 8b at the same time on a 4090?", catalog)
    assert "of GPU memory: both fit." in _together(a.verdict)


def test_picks_too_big_together_give_the_finest_quants_that_fit_both(catalog: Catalog) -> None:
    a = answer_text("qwen3 14b and llama 3.1 8b simultaneously on a 4090", catalog)
    said = _together(a.verdict)
    assert "more than the" in said and "together they fit at" in said
    fit = said.split("together they fit at ")[1]
    room = float(re.findall(r"more than the ([\d.]+) GB", said)[0])
    assert float(re.search(r" = ~([\d.]+) GB", fit).group(1)) <= room  # type: ignore[union-attr]


def test_models_asked_one_after_the_other_are_not_summed(catalog: Catalog) -> None:
    a = answer_text("qwen3 14b or llama 3.1 8b on a 4090, which is better?", catalog)
    assert "Both at once" not in a.verdict


@pytest.mark.parametrize(("text", "gb"), [("a 7b embedding model", 14.25), ("a 0.6B embedder", 1.45)])
def test_a_size_said_before_the_embedding_word_sizes_it(text: str, gb: float) -> None:
    found = companion_models(f"qwen3 32b and {text} at the same time on my 3090")
    assert [round(c.gb, 2) for c in found] == [gb]


def test_a_large_embedding_model_too_big_at_f16_is_weighed_at_gguf_builds(catalog: Catalog) -> None:
    a = answer_text("qwen3 32b and a 7b embedding model at the same time on my 3090", catalog)
    assert "as a GGUF it takes ~" in a.verdict and "at Q8_0" in a.verdict and "at Q4_K_M" in a.verdict
    assert "small models embed" not in a.verdict


def test_a_large_embedding_model_whose_q4_fits_is_told_so(catalog: Catalog) -> None:
    a = answer_text("qwen3 14b and a 7b embedding model at the same time on my 3090", catalog)
    assert "fits beside it" in a.verdict


def test_paged_engine_servers_at_once_are_each_given_their_share_of_the_gpu(catalog: Catalog) -> None:
    a = answer_text("qwen3 4b and llama 3.1 8b at the same time on a 4090 with vllm", catalog)
    m = re.search(
        r"\(--gpu-memory-utilization\): give each its own, about ([\d.]+) for .+ and ([\d.]+) for", a.verdict
    )
    assert m is not None, a.verdict
    assert float(m.group(1)) + float(m.group(2)) <= 0.95


def test_llama_cpp_servers_at_once_get_no_share_flag(catalog: Catalog) -> None:
    a = answer_text("qwen3 4b and llama 3.1 8b at the same time on a 4090", catalog)
    assert "--gpu-memory-utilization" not in a.verdict
