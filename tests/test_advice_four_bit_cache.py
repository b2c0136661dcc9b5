"""A long context on a small card: where neither a 16-bit nor an 8-bit KV cache lets the model fit the
GPU, a 4-bit (q4_0) cache that does is taken before any layer goes to system RAM; where an 8-bit one
fits, the 4-bit one is never offered."""

from __future__ import annotations

from bot.answers import answer_text
from sizing import Catalog


def test_a_four_bit_cache_that_fits_the_gpu_comes_before_offloading(catalog: Catalog) -> None:
    a = answer_text("llama 3.1 8b with a 128k context on a 12gb 3060", catalog)
    first = a.options[0]
    assert first.placement.verdict == "gpu" and first.kv_type == "q4_0"
    assert "-ctk q4_0 -ctv q4_0" in (first.command or "")


def test_no_four_bit_cache_where_an_eight_bit_one_fits(catalog: Catalog) -> None:
    a = answer_text("llama 3.1 8b with a 32k context on a 12gb 3060", catalog)
    assert all(o.kv_type != "q4_0" for o in a.options)


def test_no_room_for_a_longer_context_is_promised_at_the_models_longest(catalog: Catalog) -> None:
    # (the pick may be the finest quant itself, with a q8_0 cache as fast: then no line follows at all)
    for text in (
        "gemma 4 26b a4b on a 5090 with its whole 256k context",
        "gemma 4 26b a4b on a 4090 with its whole 256k context",
    ):
        a = answer_text(text, catalog)
        assert "262,144 context" in a.verdict
        assert "leaves room for a longer context" not in a.verdict


def test_sglang_defaults_name_no_context_of_their_own(catalog: Catalog) -> None:
    a = answer_text("glm 4.5 air with sglang on 2x rtx pro 6000", catalog)
    said = " ".join(a.options[0].assumptions)
    assert "SGLang would not start with its own defaults (one GPU, context" not in said
