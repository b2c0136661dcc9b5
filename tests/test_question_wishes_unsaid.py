"""Wishes said without a number, and numbers said in other words: a long context wanted, the time a
long prompt takes, how many users a rig serves, a team read as its users, the RAM asked about, and
the CPU share a pasted `ollama ps` shows. Each is read, and each shows in the answer's words."""

from __future__ import annotations

import re

import pytest

from bot.answers import answer_text, cache_key_parts
from sizing import Catalog, read_question


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("i want long context for contracts", True),
        ("mostly for long documents", True),
        ("for rag over big pdfs", True),
        ("with max context please", True),
        ("as much context as it can hold", True),
        ("i'd put the whole codebase in it", True),
        ("用来读长文档", True),
        ("how fast is it for chat", False),
        ("at 32k context", False),
        ("how long does it take to answer", False),
    ],
)
def test_a_long_context_wish_is_read_without_a_length(catalog: Catalog, text: str, wanted: bool) -> None:
    assert read_question(f"qwen3 14b on a 4090, {text}", catalog.index).long_context == wanted


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("how long does it take to process a 50k token report", True),
        ("how long would it take to summarize a 200 page pdf", True),
        ("what's the time to first token at 64k", True),
        ("ttft at 32k?", True),
        ("how long for my box to process a 30k token prompt", True),
        ("how fast is prefill on a 20k prompt", True),
        ("what is the prompt processing time for 64k", True),
        ("prefill latency with a full 128k window?", True),
        ("how many seconds to read a 40k prompt", True),
        ("how long to read a 32k prompt", True),
        ("how fast is prompt processing", False),
        ("what is the prompt processing speed at 64k", False),
        ("how long for the download to finish", False),
        ("how long does it take to download", False),
        ("how fast does it generate", False),
    ],
)
def test_the_time_to_read_a_prompt_is_read_as_asked(catalog: Catalog, text: str, asked: bool) -> None:
    assert read_question(f"qwen3 14b on a 4090, {text}", catalog.index).prompt_time == asked


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("how many users can this serve", True),
        ("how many concurrent requests at 8k?", True),
        ("how many people at once could use it", True),
        ("what about concurrent requests?", True),
        ("for 8 users", False),  # a number: read as users, not asked
        ("how many tokens per second", False),
    ],
)
def test_how_many_users_is_read_without_a_number(catalog: Catalog, text: str, asked: bool) -> None:
    assert read_question(f"qwen3 14b on a 4090, {text}", catalog.index).users_asked == asked


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("128k context, how many users at 32k each?", 32768),
        ("with 8k per user", 8192),
        ("16k tokens of context per request", 16384),
        ("at 32k context", None),
    ],
)
def test_the_context_each_user_has_is_read_apart(catalog: Catalog, text: str, tokens: int | None) -> None:
    assert read_question(f"qwen3 14b on a 4090, {text}", catalog.index).context_each == tokens


@pytest.mark.parametrize(
    ("text", "users"),
    [
        ("for a team of 10 devs", 10),
        ("for my company of 30 people", 30),
        ("a 12-person team shares it", 12),
        ("our 6 developers would use it", 6),
        ("a team of 1", None),  # one person is no team serving
        ("a team of devs", None),
    ],
)
def test_a_team_is_read_as_its_users(catalog: Catalog, text: str, users: int | None) -> None:
    assert read_question(f"qwen3 14b on a 4090, {text}", catalog.index).users == users


@pytest.mark.parametrize(
    ("text", "gb"),
    [
        ("is 64gb ram enough for it", 64),
        ("would 128 gb of system ram be enough", 128),
        ("will 96gb ddr5 do", 96),
        ("is 16gb enough", None),  # no RAM word: a card's memory (read elsewhere)
        ("i have 64gb ram", 64),  # stated: the rig's own
    ],
)
def test_the_ram_asked_about_is_read(catalog: Catalog, text: str, gb: int | None) -> None:
    hw = read_question(f"{text} for qwen3 14b on my 4090", catalog.index).hardware
    assert hw is not None
    assert hw.ram_gb == gb


@pytest.mark.parametrize(
    ("text", "cpu"),
    [
        ("llama3.1:8b  abc  6.5 gb  35%/65% cpu/gpu  4 minutes from now", 35),
        ("mistral:7b  abc  5 gb  100% cpu  forever", 100),
        ("mistral:7b  abc  5 gb  100% gpu  forever", None),
    ],
)
def test_the_cpu_share_of_a_pasted_ollama_ps_is_read(catalog: Catalog, text: str, cpu: int | None) -> None:
    assert read_question(f"ollama on my 4090 is slow\n{text}", catalog.index).cpu_share_shown == cpu


def test_the_ram_asked_about_sizes_the_rig(catalog: Catalog) -> None:
    q = read_question("is 64gb ram enough for gpt-oss-120b with a 3090?", catalog.index)
    assert q.hardware is not None
    assert q.hardware.ram_gb == 64.0


def test_a_team_is_served_as_that_many_users(catalog: Catalog) -> None:
    q = read_question("qwen3 32b awq on 2x L40S with vllm for a team of 12 engineers", catalog.index)
    assert q.users == 12


@pytest.mark.parametrize(
    "extra",
    ["for long documents", "how many users can it serve?", "how long does it take to process 64k tokens"],
)
def test_each_unsaid_wish_is_part_of_the_cache_key(catalog: Catalog, extra: str) -> None:
    plain = read_question("qwen2.5 7b on a 3060 12gb", catalog.index)
    asked = read_question(f"qwen2.5 7b on a 3060 12gb, {extra}", catalog.index)
    assert cache_key_parts(plain) != cache_key_parts(asked)


def test_a_long_context_wish_picks_the_option_holding_the_most_at_good_quality(catalog: Catalog) -> None:
    plain = answer_text("gemma 3 27b on my 3090", catalog)
    long = answer_text("gemma 3 27b on my 3090, want long context for documents", catalog)
    assert long.options[0].context > plain.options[0].context
    assert f"{long.options[0].context:,} context" in long.verdict
    assert long.options[0].placement.verdict == "gpu"


def test_the_time_to_read_a_long_prompt_is_said_in_minutes(catalog: Catalog) -> None:
    a = answer_text(
        "how long does it take to process a 100k token document with qwen2.5 7b on a 3060 12gb?", catalog
    )
    minutes = a.options[0].speed.ttft_s / 60
    assert f"about {minutes:.1f} minutes" in a.verdict


def test_how_many_users_is_answered_from_the_memory(catalog: Catalog) -> None:
    a = answer_text(
        "how many users can i serve with qwen2.5 32b awq on a single L40S with vllm at 4k context", catalog
    )
    m = re.search(r"holds the KV cache of (\d+) users at the 4,096-token context", a.verdict)
    assert m is not None
    assert int(m.group(1)) >= 2


def test_a_pasted_ollama_ps_with_cpu_share_never_reads_as_fitting_fully_as_run(catalog: Catalog) -> None:
    text = (
        "why is it so slow? ollama ps says\n"
        "NAME  ID  SIZE  PROCESSOR  UNTIL\n"
        "qwen2.5:32b  abc123  24 GB  30%/70% CPU/GPU  4 minutes from now\n"
        "i have a 3090 and 32gb ram"
    )
    a = answer_text(text, catalog)
    assert not a.verdict.startswith("Yes")
    assert "30% of the model is on the CPU" in a.verdict


def test_how_many_users_is_answered_at_the_context_each_has(catalog: Catalog) -> None:
    whole = answer_text("vllm llama 3.1 8b on a single l40s, 128k context, how many users?", catalog)
    each = answer_text(
        "vllm llama 3.1 8b on a single l40s, 128k context, how many users at 16k each?", catalog
    )
    held = re.search(r"KV cache of (\d+|one) users? at the 16,384-token context", each.verdict)
    assert held is not None
    assert "131,072-token context" in whole.verdict


@pytest.mark.parametrize(
    ("text", "context", "depth"),
    [
        ("how fast is prefill on a 20k prompt", 20480, None),
        ("what does a 30k token prompt cost in time", 30720, None),
        ("how fast at 32k depth", 32768, 32768),
        ("speed at a 16k token depth?", 16384, 16384),
        ("classify 50k documents, how fast?", None, None),  # a count of documents, no length
        ("10k prompts to run through it", None, None),
    ],
)
def test_a_prompt_length_is_the_context_and_a_depth_is_read(
    catalog: Catalog, text: str, context: int | None, depth: int | None
) -> None:
    q = read_question(f"qwen3 14b on a 4090, {text}", catalog.index)
    assert (q.context, q.depth) == (context, depth)
