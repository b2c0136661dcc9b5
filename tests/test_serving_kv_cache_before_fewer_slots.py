"""Several users at once whose KV caches do not all fit at the default cache type: the engine's 8-bit
cache at the pick's own quantization comes before smaller weights (FP8 weights with an fp8 cache for
vLLM), and llama.cpp's q4_0 cache, said with its quality cost, before fewer users at once."""

from __future__ import annotations

from bot.answers import Answer, answer_text
from sizing import Catalog


def _first(a: Answer) -> tuple[str, str, int | None]:
    e = a.options[0]
    serving = e.speed.serving
    return e.quant, e.kv_type, serving.users_held if serving is not None else None


def test_an_fp8_cache_at_fp8_weights_holds_all_before_smaller_weights(catalog: Catalog) -> None:
    a = answer_text("we want 30 concurrent users on llama 3.1 8b, one L40S, vllm, 8k context", catalog)
    assert a.kind == "estimate" and a.options
    quant, kv, held = _first(a)
    assert (quant, kv) == ("FP8", "fp8") and held is not None and held >= 30
    assert "--kv-cache-dtype fp8" in (a.options[0].command or "")


def test_a_four_bit_cache_holds_every_user_and_says_its_cost(catalog: Catalog) -> None:
    a = answer_text(
        "serving qwen3 30b a3b to 9 users at 32k context each on one rtx 5090 with llama-server", catalog
    )
    assert a.kind == "estimate" and a.options
    _, kv, held = _first(a)
    assert kv == "q4_0" and held is not None and held >= 9
    assert "costs some quality" in a.verdict and "where q8_0 holds" in a.verdict
    assert "-np 9" in (a.options[0].command or "") and "-ctk q4_0" in (a.options[0].command or "")


def test_users_an_eight_bit_cache_holds_keep_it(catalog: Catalog) -> None:
    a = answer_text(
        "serving qwen3 30b a3b to 6 users at 32k context each on one rtx 5090 with llama-server", catalog
    )
    assert a.kind == "estimate" and a.options
    assert _first(a)[1] != "q4_0"
