"""Everyday wordings read as meant: two people sharing one box are two users, the wait before the
first token is the prompt's time, a format the asker says they do not understand is no format wished.
The sentences are written for these tests in the patterns people use."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question

TWO_USERS = [
    "my husband and I would both use qwen3 8b on the same 3060 at once, is that fine?",
    "me and my roommate want to share one 4070 for mistral nemo 12b, will it keep up?",
    "the two of us will be using gemma 3 12b on a 4060 ti 16gb at the same time",
    "we both chat with qwen3 14b on my 4090, can it handle that?",
]


@pytest.mark.parametrize("text", TWO_USERS)
def test_two_people_sharing_one_box_are_two_users(catalog: Catalog, text: str) -> None:
    assert read_question(text, catalog.index).users == 2


NOT_USERS = [
    "me and my brother both have a 3090, can it run qwen3 32b?",
    "my wife and I built this pc with a 4070 last year; can it run gemma 3 12b?",
    "we both think qwen3 14b is great, does it fit a 3060?",
]


@pytest.mark.parametrize("text", NOT_USERS)
def test_two_people_named_without_sharing_the_model_are_no_users(catalog: Catalog, text: str) -> None:
    assert read_question(text, catalog.index).users is None


PROMPT_TIME = [
    ("how long until the first token if I drop a 60k token report into qwen3 14b on a 4090?", True),
    ("how long before it starts answering when I paste 80k tokens of logs? llama 3.1 8b, 3060", True),
    ("how long would it take if i feed gemma 3 27b a 50k prompt on an m3 max 64gb", True),
    ("how long until my order of a 5090 arrives? qwen3 32b on it", False),
]


@pytest.mark.parametrize(("text", "asked"), PROMPT_TIME)
def test_the_wait_for_the_first_token_is_the_prompts_time(catalog: Catalog, text: str, asked: bool) -> None:
    assert read_question(text, catalog.index).prompt_time is asked


NOT_UNDERSTOOD = [
    "no idea what AWQ or GPTQ are, can a 4090 run qwen3 32b?",
    "kind of overwhelmed by the jargon (MLX? GGUF??) - m4 pro 48gb, gemma 3 27b ok?",
    "i dont really understand exl2 vs gguf. 3090, mistral small 24b, will it fit?",
]


@pytest.mark.parametrize("text", NOT_UNDERSTOOD)
def test_a_format_the_asker_does_not_understand_is_no_wish(catalog: Catalog, text: str) -> None:
    q = read_question(text, catalog.index)
    assert q.quant is None and q.engine is None and q.quants_compared == ()
    assert q.models and q.hardware is not None


def test_a_format_wished_after_the_confusion_is_still_read(catalog: Catalog) -> None:
    q = read_question(
        "never heard of gguf before. can my 3090 run gemma 3 27b as exl2 4.0bpw?", catalog.index
    )
    assert q.quant == "EXL2-4.0"


LISTED = [
    "on my 4070 ti super:\n\n* mistral small 24b q4\n* qwen3 14b q8\n\nwhich is faster?",
    "m4 pro 48gb\n1. gemma 3 27b\n2. qwen3 30b a3b\nwhich one is better?",
    "3090 owner here. candidates:\n- llama 3.1 8b\n- qwen3 8b\nwhich would be faster?",
]


@pytest.mark.parametrize("text", LISTED)
def test_models_listed_one_a_line_and_asked_which_are_compared(catalog: Catalog, text: str) -> None:
    q = read_question(text, catalog.index)
    assert q.kind == "compare"
    assert len(q.models) == 2 and len(q.rigs) == 1


def test_models_listed_as_what_runs_now_are_no_choice(catalog: Catalog) -> None:
    text = "my 3090 runs these fine:\n* qwen3 8b\n* gemma 3 12b\ncan it run qwen3 32b?"
    q = read_question(text, catalog.index)
    assert q.kind == "estimate"
    assert [r.model.id for r in q.models] == ["qwen3-32b"]


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("qwen3 32b at 32k context on a 5090, what speed once the context is full?", 32_768),
        ("gemma 3 27b with 16k ctx on a 4090: tok/s at full context?", 16_384),
        ("qwen3 32b at 32k context on a 5090, what speed?", None),
    ],
)
def test_a_speed_asked_once_the_context_is_full_is_at_that_depth(
    catalog: Catalog, text: str, depth: int | None
) -> None:
    assert read_question(text, catalog.index).depth == depth


@pytest.mark.parametrize(
    "text",
    [
        "qwen3 8b on a 4090 at 1e12 context",
        "gemma 3 12b, 3060, ctx 99999999999999",
        "llama 3.1 8b at 2e6 ctx",
    ],
)
def test_a_context_no_one_can_mean_is_said_not_replaced_by_the_default(catalog: Catalog, text: str) -> None:
    q = read_question(text, catalog.index)
    assert q.context is None
    assert any("no context length" in p for p in q.problems)


def test_a_fraction_of_cards_is_said_to_be_read_whole(catalog: Catalog) -> None:
    q = read_question("qwen3 32b on 1.5x rtx 3090?", catalog.index)
    assert q.hardware is not None and q.hardware.gpus[0].count == 1
    assert any("cards come whole" in a for a in q.hardware.assumptions)
    faster = read_question("the 5090 is 1.5x faster than my 3090, qwen3 32b on the 5090?", catalog.index)
    assert faster.hardware is not None
    assert not any("cards come whole" in a for a in faster.hardware.assumptions)


def test_too_many_gpus_names_one_limit(catalog: Catalog) -> None:
    q = read_question("99999x rtx 4090, can it run qwen3 8b?", catalog.index)
    assert q.problems and "1,024" not in q.problems[0] and "128" in q.problems[0]


SEEN = [
    (
        "load_tensors: offloaded 30/49 layers to GPU\n"
        "prompt eval time =   2100.00 ms /   900 tokens (    2.33 ms per token,   428.57 tokens per second)\n"
        "       eval time =   9000.00 ms /   100 tokens (   90.00 ms per token,    11.11 tokens per second)\n"
        "qwen3 14b on my 3060 8gb, how to speed it up?",
        11.11,
    ),
    ("eval rate:            22.5 tokens/s\nthat's gemma 3 27b on an m2 max 64gb, normal?", 22.5),
    ("strix halo 128gb with gpt-oss 120b in lm studio, mine shows 25, is that expected?", 25.0),
    ("I'm getting 9 tok/s with llama 3.3 70b on 2x 3090, too slow?", 9.0),
    (
        "prompt eval time = 500.00 ms / 512 tokens (0.98 ms per token, 1024.00 tokens per second)\nqwen3 8b",
        None,
    ),
    ("can my 3090 run qwen3 32b at 20 tok/s?", None),
]


@pytest.mark.parametrize(("text", "seen"), SEEN)
def test_the_speed_the_asker_sees_is_read(catalog: Catalog, text: str, seen: float | None) -> None:
    assert read_question(text, catalog.index).speed_seen == seen
