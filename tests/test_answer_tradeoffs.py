"""Trade-offs asked as "A or B" are answered as one: two memory sizes of one machine side by side, an
upgrade of system RAM weighed for each model asked, two configurations (a quantization and a context
each) sized each on its own, and the memory one context needs beyond the other."""

from __future__ import annotations

import re

import pytest

from bot.answers import answer_text
from sizing import Catalog, read_question


@pytest.mark.parametrize(
    ("text", "sizes"),
    [
        ("m3 ultra mac studio 96gb vs 256gb for qwen3 235b?", (96, 256)),
        ("would you take the m4 max 64gb or 128gb version for llama 3.3 70b", (64, 128)),
    ],
)
def test_two_memory_sizes_of_one_mac_are_two_rigs(
    catalog: Catalog, text: str, sizes: tuple[int, int]
) -> None:
    q = read_question(text, catalog.index)
    assert q.kind == "compare"
    assert tuple(r.unified_memory_gb for r in q.rigs) == sizes


@pytest.mark.parametrize(
    ("text", "now", "then"),
    [
        ("is 96gb ram worth it over 48gb for qwen3 30b a3b? i have a 3080 10gb", 48, 96),
        ("got a 3090 and 32gb ram, should i upgrade to 64gb for gpt-oss-120b?", 32, 64),
        ("for glm 4.5 air on a 4090, 64gb or 128gb of ram?", 64, 128),
    ],
)
def test_an_amount_of_ram_weighed_is_an_upgrade_from_the_one_had(
    catalog: Catalog, text: str, now: int, then: int
) -> None:
    q = read_question(text, catalog.index)
    assert q.kind == "compare"
    assert [r.ram_gb for r in q.rigs] == [now, then]
    assert q.change is not None and f"{now} to {then}" in q.change


def test_two_vram_sizes_are_no_ram_upgrade(catalog: Catalog) -> None:
    q = read_question("qwen3 32b: 16gb vs 24gb vram card?", catalog.index)
    assert all(r.ram_gb is None or r.ram_gb not in (16, 24) for r in q.rigs)


def test_a_ram_upgrade_for_two_models_gives_a_verdict_for_each(catalog: Catalog) -> None:
    a = answer_text(
        "is 96gb ram worth it over 48gb? i have a 4090, for glm 4.5 air and gpt-oss-120b", catalog
    )
    assert a.verdict.count("going from 48 to 96 GB") == 2
    assert "GLM-4.5-Air" in a.verdict and "gpt-oss-120b" in a.verdict


def test_more_memory_that_holds_a_better_quant_at_the_same_speed_is_worth_it_for_quality(
    catalog: Catalog,
) -> None:
    a = answer_text("m3 ultra 256gb vs 512gb for deepseek v3.1?", catalog)
    assert "512 GB" in a.verdict.split(" for ")[0]
    assert "(small loss)" in a.verdict and "(large loss)" in a.verdict


@pytest.mark.parametrize(
    ("text", "configs"),
    [
        (
            "qwen3 32b on a 4090: q4_k_m with 64k context or q6_k with 16k",
            (("Q4_K_M", 65536), ("Q6_K", 16384)),
        ),
        ("q5_k_m at 32k vs q8_0 at 8k for qwen3 14b on a 4070 ti super", (("Q5_K_M", 32768), ("Q8_0", 8192))),
        (
            "gemma 3 27b on a 3090: 128k context vs 32k, how much more memory?",
            ((None, 131072), (None, 32768)),
        ),
    ],
)
def test_configurations_asked_as_a_choice_are_read_in_order(
    catalog: Catalog, text: str, configs: tuple[tuple[str | None, int], ...]
) -> None:
    assert read_question(text, catalog.index).configs_compared == configs


@pytest.mark.parametrize(
    "text", ["qwen3 32b on a 4090 with 32k context", "qwen3 32b q4_k_m or q6_k on a 4090 at 16k"]
)
def test_one_context_is_no_choice_of_configurations(catalog: Catalog, text: str) -> None:
    assert read_question(text, catalog.index).configs_compared == ()


def test_each_configuration_is_sized_and_a_way_onto_the_gpu_offered_where_neither_fits(
    catalog: Catalog,
) -> None:
    a = answer_text("qwen3 32b on a 4090: q4_k_m with 64k context or q6_k with 16k", catalog)
    assert "Q4_K_M with 65,536 context" in a.verdict and "Q6_K with 16,384 context" in a.verdict
    assert "Neither fits fully on the GPU" in a.verdict
    assert "does up to" in a.verdict


def test_two_contexts_give_the_memory_the_longer_one_needs_more(catalog: Catalog) -> None:
    a = answer_text("gemma 3 27b on a 3090: 128k context vs 32k, how much more memory? q8 kv", catalog)
    said = a.verdict.split("tokens need ")[1]
    more = float(said.split(" GB more")[0])
    assert 2.0 < more < 8.0  # sliding-window layers keep Gemma 3's cache small at 128k
    assert "than 32,768" in said


@pytest.mark.parametrize(
    "text",
    [
        "gemma 3 27b on a 4090: q6_k at 16k context or q4_k_m at 64k context?",
        "qwen3 32b on a 5090, q8_0 with 8k or q5_k_m with 32k context?",
    ],
)
def test_the_pick_of_two_configurations_is_the_one_the_headline_and_command_run(
    catalog: Catalog, text: str
) -> None:
    a = answer_text(text, catalog)
    picked = re.search(r"The pick: (\S+) with ([\d,]+) context", a.verdict)
    assert picked is not None, a.verdict
    quant, context = picked.group(1), int(picked.group(2).replace(",", ""))
    top = a.options[0]
    assert (top.quant, top.context) == (quant, context)
    assert f":{quant} " in (top.command or "") and f"-c {context}" in (top.command or "")
    assert a.verdict.split(".")[0].count(quant) == 1
