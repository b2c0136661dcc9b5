"""An `ollama show` paste names its model by architecture and size and tells the model's own limits
(never the context asked); embedding models named in words are no chat model of their maker's family,
and are sized beside the main model on the same rig."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, companion_models, read_question

_SHOW = (
    "  Model\n    architecture        {arch}\n    parameters          {size}\n"
    "    context length      {limit}\n    embedding length    {width}\n    quantization        {quant}\n\n"
    "  Capabilities\n    completion\n\n"
)


@pytest.mark.parametrize(
    ("arch", "size", "limit", "width", "quant", "ask", "model", "context"),
    [
        (
            "qwen3moe",
            "30.5B",
            262144,
            2048,
            "Q4_K_M",
            "will this run on a 24gb mac mini m4 pro?",
            "qwen3-30b-a3b",
            None,
        ),
        (
            "llama",
            "70.6B",
            131072,
            8192,
            "Q4_K_M",
            "is a 3090 with 64gb ram enough at 16k?",
            "llama-3.3-70b",
            16384,
        ),
        ("qwen3", "14.8B", 40960, 5120, "Q4_K_M", "fits my 12gb 3060?", "qwen3-14b", None),
    ],
)
def test_an_ollama_show_paste_names_the_model_and_its_limit_is_no_context_asked(
    catalog: Catalog,
    arch: str,
    size: str,
    limit: int,
    width: int,
    quant: str,
    ask: str,
    model: str,
    context: int | None,
) -> None:
    text = _SHOW.format(arch=arch, size=size, limit=limit, width=width, quant=quant) + ask
    q = read_question(text, catalog.index)
    assert [r.model.id for r in q.models] == [model]
    assert q.context == context
    assert q.quant == quant
    assert companion_models(text) == ()  # "embedding length" names no embedding model


@pytest.mark.parametrize(
    ("text", "main", "companion", "params_b"),
    [
        (
            "qwen3 embedding 4b next to gemma 3 12b on a 4090, both loaded?",
            "gemma-3-12b",
            "qwen3-embedding-4b",
            4,
        ),
        (
            "Qwen3-Embedding 0.6B and qwen3 8b at the same time on a 3060 12gb",
            "qwen3-8b",
            "qwen3-embedding-0.6b",
            0.6,
        ),
        (
            "run llama 3.1 8b together with qwen3-embedding-8b on my 3090",
            "llama-3.1-8b",
            "qwen3-embedding-8b",
            8,
        ),
    ],
)
def test_an_embedding_model_named_in_words_is_sized_beside_the_chat_model(
    catalog: Catalog, text: str, main: str, companion: str, params_b: float
) -> None:
    q = read_question(text, catalog.index)
    assert [r.model.id for r in q.models] == [main]
    found = companion_models(text)
    assert [c.name for c in found] == [companion]
    assert found[0].gb == pytest.approx(params_b * 2 + 0.25)


@pytest.mark.parametrize("text", ["qwen3 embedding 4b on a 3060?", "can my 4070 run Qwen3-Embedding 8B?"])
def test_an_embedding_model_alone_gets_the_embedding_reply_not_a_chat_model(
    catalog: Catalog, text: str
) -> None:
    a = answer_text(text, catalog)
    assert a.kind == "clarify"
    assert "Embedding models are not in the catalog" in a.message
