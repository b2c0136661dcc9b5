"""The web frontend's pure parts: the form's fields -> a question, the input limits (the bots'),
and the address a request's rate limit counts against."""

from __future__ import annotations

import pytest

from bot.answers import Structured
from bot.discord import parsing as discord_parsing
from bot.web import openapi_document
from bot.web.parsing import (
    CONTEXT_MAX,
    CONTEXT_MIN,
    HARDWARE_TEXT_MAX,
    MODEL_TEXT_MAX,
    QUESTION_MAX,
    FormQuestion,
    InputProblem,
    client_key,
    form_question,
    parse_context,
    parse_depth,
)
from sizing import MAX_QUESTION_CHARS, default_catalog, read_question
from sizing.vocabulary import FORCEABLE_SPLIT_MODES, KV_TYPES_OFFERED


def test_the_limits_are_the_bots() -> None:
    assert QUESTION_MAX == MAX_QUESTION_CHARS  # what the reader (and the Reddit bot) reads
    assert (MODEL_TEXT_MAX, HARDWARE_TEXT_MAX) == (
        discord_parsing.MODEL_TEXT_MAX,
        discord_parsing.HARDWARE_TEXT_MAX,
    )
    assert (CONTEXT_MIN, CONTEXT_MAX) == (discord_parsing.CONTEXT_MIN, discord_parsing.CONTEXT_MAX)


@pytest.mark.parametrize(
    ("key", "offered"), [("kv_type", KV_TYPES_OFFERED), ("split_mode", FORCEABLE_SPLIT_MODES)]
)
def test_the_api_offers_what_the_cli_offers(key: str, offered: tuple[str, ...]) -> None:
    schema = openapi_document()["components"]["schemas"]["EstimateRequest"]["properties"][key]
    assert [s["enum"] for s in schema["anyOf"] if "enum" in s] == [list(offered)]


@pytest.mark.parametrize(
    ("value", "tokens"),
    [(None, None), ("", None), ("  ", None), ("8192", 8192), ("32k", 32768), ("32K", 32768),
     ("32,768", 32768), ("32768 tokens", 32768), ("1m", 1_048_576), ("128k ctx", 131072), (4096, 4096)],
)  # fmt: skip
def test_a_context_is_read_in_the_ways_people_write_it(value: str | int | None, tokens: int | None) -> None:
    assert parse_context(value) == tokens


@pytest.mark.parametrize("value", ["lots", "32kk", "-8192", "8192.5.1", "100", "11m", 0, True, "1e9"])
def test_a_context_that_is_no_length_or_out_of_range_is_refused(value: str | int) -> None:
    with pytest.raises(InputProblem) as problem:
        parse_context(value)
    assert problem.value.field == "context" and problem.value.hint


def test_a_depth_may_be_zero() -> None:
    assert parse_depth("0") == 0 and parse_depth("32k") == 32768


@pytest.mark.parametrize(
    ("q", "model", "hardware", "context", "expected"),
    [
        ("can I run qwen3 30b on a 3090?", "", "", "", FormQuestion(text="can I run qwen3 30b on a 3090?")),
        ("", "qwen3 8b", "RTX 4090", "16k",
         FormQuestion(structured=Structured(model="qwen3 8b", hardware="RTX 4090", context=16384))),
        ("", "", "M2 Max  64GB", "",
         FormQuestion(structured=Structured(model=None, hardware="M2 Max 64GB", best=True))),
        ("", "qwen3 8b", "", "", FormQuestion(text="Model: qwen3 8b.")),
        ("how fast?", "qwen3 8b", "RTX 4090", "32k",
         FormQuestion(text="how fast?\nModel: qwen3 8b.\nHardware: RTX 4090.\nContext: 32768 tokens.")),
    ],
)  # fmt: skip
def test_the_form_asks_in_words_or_in_fields(
    q: str, model: str, hardware: str, context: str, expected: FormQuestion
) -> None:
    assert form_question(q, model, hardware, context) == expected


def test_fields_added_to_a_question_are_read_as_its_model_rig_and_context() -> None:
    fq = form_question("how fast will it be?", "qwen3 30b", "RTX 3090, 32GB RAM", "32k")
    assert fq.text is not None
    q = read_question(fq.text, default_catalog().index)
    assert [r.model.id for r in q.models] == ["qwen3-30b-a3b"] and q.context == 32768
    assert q.hardware is not None and q.hardware.ram_gb == 32 and not q.missing


@pytest.mark.parametrize(
    ("q", "model", "hardware", "field"),
    [("", "", "", "q"), ("x" * (QUESTION_MAX + 1), "", "", "q"),
     ("", "m" * (MODEL_TEXT_MAX + 1), "RTX 3090", "model"),
     ("", "qwen3", "h" * (HARDWARE_TEXT_MAX + 1), "hardware")],
)  # fmt: skip
def test_an_empty_or_oversized_form_is_refused_naming_the_field(
    q: str, model: str, hardware: str, field: str
) -> None:
    with pytest.raises(InputProblem) as problem:
        form_question(q, model, hardware, None)
    assert problem.value.field == field


@pytest.mark.parametrize(
    ("remote", "forwarded", "hops", "key"),
    [
        ("198.51.100.4", None, 0, "198.51.100.4"),
        ("198.51.100.4", "203.0.113.9", 0, "198.51.100.4"),  # no proxy configured: the header is the client's
        ("10.0.0.2", "203.0.113.9", 1, "203.0.113.9"),
        ("10.0.0.2", "6.6.6.6, 203.0.113.9", 1, "203.0.113.9"),  # a client's own entry is left of the proxy's
        ("10.0.0.2", "6.6.6.6, 203.0.113.9, 10.0.0.1", 2, "203.0.113.9"),
        ("10.0.0.2", "203.0.113.9", 3, "203.0.113.9"),
        ("2001:db8:1:2:3:4:5:6", None, 0, "2001:db8:1:2::/64"),
        ("2001:db8:1:2:ffff::1", None, 0, "2001:db8:1:2::/64"),  # one subscriber's /64 is one address
        ("::ffff:198.51.100.4", None, 0, "198.51.100.4"),
        (None, None, 0, "unknown"),
        ("10.0.0.2", "not-an-address", 1, "unknown"),
    ],
)
def test_the_rate_limit_counts_against_the_address_the_nearest_proxy_saw(
    remote: str | None, forwarded: str | None, hops: int, key: str
) -> None:
    assert client_key(remote, forwarded, hops) == key


def test_the_context_limit_is_the_same_on_every_front_door() -> None:
    from sizing.vocabulary import MAX_CONTEXT

    assert CONTEXT_MAX == discord_parsing.CONTEXT_MAX == MAX_CONTEXT
    assert parse_context("10m") == 10_485_760
