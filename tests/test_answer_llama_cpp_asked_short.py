"""llama.cpp asked, at a quantization that does not fit even with layers in system RAM: the answer says
it is short of GPU memory and RAM together (llama.cpp offloads layers, -ngl), never that it keeps the
weights on the GPU or names vLLM's --cpu-offload-gb; each suggested change is listed once."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog

_ASKED_TOO_BIG = [
    "llama.cpp llama 3.3 70b q4 on one 3090, 16gb ram",
    "run qwen2.5 72b q4_k_m with llama.cpp on a 4080 16gb and 16gb ram",
]


@pytest.mark.parametrize("text", _ASKED_TOO_BIG)
def test_llama_cpp_is_said_to_offload_not_to_hold_everything_on_the_gpu(catalog: Catalog, text: str) -> None:
    a = answer_text(text, catalog)
    assert "--cpu-offload-gb" not in a.verdict
    assert "keeps the weights in GPU memory" not in a.verdict
    assert "even with layers in system RAM" in a.verdict


@pytest.mark.parametrize("text", _ASKED_TOO_BIG)
def test_each_suggested_change_is_listed_once(catalog: Catalog, text: str) -> None:
    changes = [f.change for f in answer_text(text, catalog).fixes]
    assert changes and len(changes) == len(set(changes))


def test_vllm_asked_still_names_its_own_cpu_offload(catalog: Catalog) -> None:
    a = answer_text("vllm llama 3.3 70b awq on one 3090 with 64gb ram", catalog)
    assert "--cpu-offload-gb" in a.verdict
