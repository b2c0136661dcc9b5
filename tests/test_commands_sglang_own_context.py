"""With no context asked, SGLang takes the model's own context from its config and caps each request at
its preallocated KV pool, and it starts so: its command sets no --context-length, says the context and
what the pool holds, and the answer says so; a context asked is set. vLLM, which refuses a
max_model_len its pool cannot hold, keeps the one its pool holds."""

from __future__ import annotations

import re

from bot.answers import Answer, answer_text
from sizing import Catalog, read_question


def _command(a: Answer) -> str:
    return str(a.options[0].command)


def test_no_context_asked_sets_no_sglang_context_flag(catalog: Catalog) -> None:
    a = answer_text("mistral small 3.2 24b on two 3090s under sglang", catalog)
    assert "--context-length" not in _command(a)


def test_the_sglang_command_says_the_models_own_context_and_the_pool(catalog: Catalog) -> None:
    text = "mistral small 3.2 24b on two 3090s under sglang"
    own = read_question(text, catalog.index).models[0].model.shipped_context
    m = re.search(
        r"# context: the model's own ([\d,]+) \(its config\); the KV pool holds",
        _command(answer_text(text, catalog)),
    )
    assert m is not None
    assert int(m.group(1).replace(",", "")) == own


def test_the_sglang_answer_says_it_takes_the_models_own_context(catalog: Catalog) -> None:
    a = answer_text("mistral small 3.2 24b on two 3090s under sglang", catalog)
    said = " ".join(o for o in a.options[0].assumptions if o.startswith("context "))
    assert "SGLang itself takes the model's own" in said and "from its config" in said


def test_a_context_asked_is_set_on_sglang(catalog: Catalog) -> None:
    a = answer_text("mistral small 3.2 24b on two 3090s under sglang with 16k context", catalog)
    assert "--context-length 16384" in _command(a)
    assert "# context: the model's own" not in _command(a)


def test_vllm_keeps_a_max_model_len_its_pool_holds(catalog: Catalog) -> None:
    a = answer_text("qwen3 32b on two 3090s under vllm", catalog)
    assert "--max-model-len" in _command(a)
