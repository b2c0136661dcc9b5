"""An upgrade weighed counts what it buys besides generating speed: a quantization a loss label
better, a prompt read much faster; and a speed the asker measures now is set beside the estimate."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, read_question


def test_an_upgrade_that_buys_a_finer_quant_at_the_same_speed_is_worth_it_on_quality(
    catalog: Catalog,
) -> None:
    a = answer_text("worth adding a second 3090 (24gb -> 48gb) for qwen3.6 27b at a 128k context?", catalog)
    assert a.verdict.startswith("Worth it for Qwen3.6 27B on quality"), a.verdict
    assert "reading the prompt ~" in a.verdict
    assert "keeps it at" not in a.verdict


@pytest.mark.parametrize(
    ("text", "now"),
    [
        ("my 3090 runs qwen3 30b a3b at 45 tok/s, is a 5090 worth it?", 45.0),
        ("my 2x 3090 runs llama 3.3 70b at 12 t/s, would a third help?", 12.0),
        # a speed wished for is not one had now
        ("can a 5090 run qwen3 30b a3b at 100 tok/s?", None),
        # said as what the asker gets, before the question
        ("i have a 4090 and i get 25 tok/s on qwen3 32b at 32k, would a second one help?", 25.0),
        ("can i get 25 tok/s on qwen3 32b with a second 4090?", None),
    ],
)
def test_the_speed_measured_now_is_read(catalog: Catalog, text: str, now: float | None) -> None:
    assert read_question(text, catalog.index).speed_seen == now


def test_a_measured_speed_far_from_the_estimate_scales_the_upgrade(catalog: Catalog) -> None:
    a = answer_text("my 4090 runs glm-4.7-flash at 60 tok/s, would a 5090 be worth it?", catalog)
    assert "You measure ~60 tokens/s now" in a.verdict
    assert "at the same ratio the upgrade gives about" in a.verdict


def test_a_second_card_that_keeps_a_finer_kv_cache_is_a_trade_for_quality(catalog: Catalog) -> None:
    # one 24 GB card holds a 32B Q4_K_M at 32k only with a 4-bit cache; two hold it at 16 bits
    a = answer_text("i have a 4090, qwen3 32b q4 at 32k context: would adding a second 4090 help?", catalog)
    assert a.verdict.startswith("Worth it for Qwen3 32B only for quality"), a.verdict
    assert "with the KV cache at f16 where now it needs q4_0" in a.verdict


@pytest.mark.parametrize(
    "text",
    [
        "i get 8 tok/s with llama 3.1 70b q4 on a 3090 and 64gb ram, would adding another 3090 get me to 20?",
        "my 4090 with 96gb ram runs llama 3.3 70b q4 at 10 t/s, would a second 4090 help?",
    ],
)
def test_a_measured_speed_is_not_carried_across_a_change_of_placement(catalog: Catalog, text: str) -> None:
    # offloaded now, fully on the GPUs after: the measured gap is the offload's, not the cards'
    a = answer_text(text, catalog)
    assert "You measure" in a.verdict
    assert "at the same ratio" not in a.verdict
    assert "measured partly offloaded and the upgrade runs it fully on the GPU" in a.verdict


def test_an_upgrade_whose_speed_comes_at_a_coarser_quant_says_so(catalog: Catalog) -> None:
    a = answer_text("my 3090 with 64gb ram runs llama 3.3 70b, is upgrading to a 5090 worth it?", catalog)
    assert "The speed comes at a coarser quantization" in a.verdict


def test_an_upgrade_at_as_good_a_quant_says_nothing_of_quality_lost(catalog: Catalog) -> None:
    a = answer_text("my 3060 12gb runs qwen3 14b, is upgrading to a 3090 worth it?", catalog)
    assert "coarser quantization" not in a.verdict
