"""Slash-command fields typed as words are read by the question reader, as the same words asked in
text are: a context said in the model or hardware field, a second model, a GGUF file's quant; a
field set on its own comes first. A context raised in words ("bump the context to 40k") is the
context asked."""

from __future__ import annotations

import pytest

from bot.answers import Structured, answer_question, question_from_structured
from sizing import Catalog, read_question


@pytest.mark.parametrize(
    ("model", "hardware", "models", "context", "quant"),
    [
        ("will gemma 3 27b fit on my 4090 with 32k context?", "", ["gemma-3-27b"], 32768, None),
        ("mistral small 3.2", "a 5090 at 96k context", ["mistral-small-3.2-24b"], 98304, None),
        ("gemma 3 12b or qwen3 14b", "4070 ti super", ["gemma-3-12b", "qwen3-14b"], None, None),
        (
            "https://huggingface.co/unsloth/Qwen3-14B-GGUF/blob/main/Qwen3-14B-Q6_K.gguf",
            "3060 12gb",
            ["qwen3-14b"],
            None,
            "Q6_K",
        ),
        ("qwen3-14b", "3060 12gb", ["qwen3-14b"], None, None),  # a model picked from the list
    ],
)
def test_fields_are_read_like_the_same_words_asked(
    catalog: Catalog, model: str, hardware: str, models: list[str], context: int | None, quant: str | None
) -> None:
    q = question_from_structured(Structured(model=model, hardware=hardware), catalog)
    assert ([r.model.id for r in q.models], q.context, q.quant) == (models, context, quant)
    assert "hardware" not in q.missing


def test_a_field_set_on_its_own_comes_before_the_words(catalog: Catalog) -> None:
    q = question_from_structured(
        Structured(model="qwen3 14b at 64k context", hardware="4090", context=16384, quant="Q8_0"), catalog
    )
    assert (q.context, q.quant) == (16384, "Q8_0")


def test_two_models_in_the_model_field_are_compared_and_no_fine_tune_is_made_of_words(
    catalog: Catalog,
) -> None:
    q = question_from_structured(
        Structured(model="gemma 3 12b vs qwen3 14b", hardware="4070 ti super"), catalog
    )
    a = answer_question(q, catalog)
    assert a.kind == "compare"
    said = " ".join((a.verdict, *a.hints))
    assert "fine-tune" not in said and "none asked" not in said


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("gemma 3 27b on a 4090, can i bump the context to 24k?", 24576),
        ("qwen3 14b on my 4070, raise ctx from 8k to 40k, does it still fit?", 40960),
        ("llama 3.1 8b on a 3060: push the context window up to 48k, ok?", 49152),
        ("mistral small on a 3090, set the context length to 20k", 20480),
    ],
)
def test_a_context_raised_in_words_is_the_context_asked(catalog: Catalog, text: str, context: int) -> None:
    assert read_question(text, catalog.index).context == context


@pytest.mark.parametrize(
    ("model", "fields", "said"),
    [
        (
            "gemma 3 27b with 32k context",
            {"context": 4096},
            "The context field's 4,096 is used, not the 32,768 the model field says.",
        ),
        ("qwen3 14b at q8_0", {"quant": "Q4_K_M"}, "The quant field's Q4_K_M is used, not the Q8_0"),
        ("qwen3 14b with 16k context", {"context": 16384}, None),  # the same in both: nothing to say
        ("qwen3 14b", {"context": 16384}, None),
    ],
)
def test_a_field_set_over_the_model_fields_words_is_said(
    catalog: Catalog, model: str, fields: dict[str, object], said: str | None
) -> None:
    q = question_from_structured(Structured(model=model, hardware="rtx 4090", **fields), catalog)  # type: ignore[arg-type]
    a = answer_question(q, catalog)
    over = [h for h in a.hints if "field's" in h]
    if said is None:
        assert over == []
    else:
        assert over and over[0].startswith(said)
