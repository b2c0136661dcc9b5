"""An 8-bit KV cache that lets a better and faster quantization fit is the pick; in LM Studio, which
loads with flash attention off, the answer says to turn it on, since llama.cpp quantizes the V cache
only with flash attention."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog


@pytest.mark.parametrize(
    "text",
    [
        "phi-4 14b on an rx 6700 xt 12gb windows lm studio vulkan",
        "can my 12gb radeon 6700xt run phi 4 in lmstudio?",
    ],
)
def test_lm_studio_pick_with_a_q8_cache_says_to_turn_flash_attention_on(catalog: Catalog, text: str) -> None:
    a = answer_text(text, catalog)
    first = a.options[0]
    assert first.quant == "Q4_K_M" and first.kv_type == "q8_0"
    assert "q8_0 KV cache (turn Flash Attention on in LM Studio's load settings" in a.verdict
    assert "Flash Attention on" in (first.command or "")


def test_the_pick_with_an_f16_cache_names_no_cache(catalog: Catalog) -> None:
    a = answer_text("phi-4 14b on a 24gb rtx 3090 in lm studio", catalog)
    assert a.options[0].kv_type == "f16"
    assert "KV cache" not in a.verdict.split(".")[0]
