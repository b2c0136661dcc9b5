"""Speculative decoding with a model's own MTP (multi-token prediction) layers: vLLM and SGLang get
their flag in the command, the layers' memory and the speed at a stated acceptance rate; an engine
that runs no MTP layer, or a model whose checkpoint has none, is said plainly."""

from __future__ import annotations

import pytest

from bot.answers import answer_text, cache_key_parts
from sizing import Catalog, read_question
from sizing.catalog import ModelSpec, mtp_params


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("vllm qwen3-next-80b-a3b with mtp on 2x h100, how fast?", '"method":"mtp"'),
        ("qwen3 next 80b on 2 h100s in vllm using speculative decoding", '"method":"mtp"'),
        ("sglang deepseek v3 on 8x h200 with multi-token prediction", "--speculative-algorithm EAGLE"),
        ("glm 4.5 air fp8 with mtp, vllm, 2x h100", "--speculative-config"),
    ],
)
def test_the_engine_flag_goes_into_the_command(catalog: Catalog, text: str, flag: str) -> None:
    a = answer_text(text, catalog)
    assert flag in (a.options[0].command or "")
    assert "MTP speculative decoding" in a.verdict
    assert "81% of the drafted tokens accepted" in a.verdict
    assert "x the ~" in a.verdict


def test_the_speed_with_mtp_is_above_the_plain_speed_and_below_two_fold(catalog: Catalog) -> None:
    a = answer_text("vllm qwen3-next-80b-a3b with mtp on 2x h100", catalog)
    plain = a.options[0].speed.decode_tps
    said = a.verdict.split("generation runs at ~", 1)[1].split(" tokens/s", 1)[0]
    assert plain * 1.5 < float(said.replace(",", "")) < plain * 2


def test_llama_cpp_is_said_to_leave_the_mtp_layer_unused(catalog: Catalog) -> None:
    a = answer_text("glm-4.5-air q4_k_m with mtp on llama.cpp, 2x 3090 and 128gb ram", catalog)
    assert "does not speculate with it; vLLM and SGLang do" in a.verdict
    assert "speculative" not in (a.options[0].command or "")


def test_a_model_without_mtp_layers_is_said_to_have_none(catalog: Catalog) -> None:
    a = answer_text("vllm qwen3 32b with mtp on 2x h100", catalog)
    assert "records no MTP (multi-token prediction) layer" in a.verdict
    assert "speculative" not in (a.options[0].command or "")


def test_a_question_without_speculation_says_nothing_of_mtp(catalog: Catalog) -> None:
    a = answer_text("vllm qwen3-next-80b-a3b on 2x h100", catalog)
    assert "MTP" not in a.verdict
    assert "speculative" not in (a.options[0].command or "")


def test_mtp_asked_changes_the_cache_key(catalog: Catalog) -> None:
    asked = read_question("vllm qwen3-next-80b-a3b on 2x h100 with mtp", catalog.index)
    plain = read_question("vllm qwen3-next-80b-a3b on 2x h100", catalog.index)
    assert cache_key_parts(asked) != cache_key_parts(plain)


@pytest.mark.parametrize("model_id", ["qwen3-next-80b-a3b", "glm-4.5-air", "deepseek-v3", "qwen3.5-27b"])
def test_an_mtp_layer_is_a_small_share_of_the_model(catalog: Catalog, model_id: str) -> None:
    spec = catalog.get(model_id)
    assert isinstance(spec, ModelSpec) and spec.mtp_layers == 1
    # one block of dozens, plus its projection (and, for some, its own embedding and head copies)
    assert 0.005 < mtp_params(spec) / (spec.params_b * 1e9) < 0.05


def test_a_model_without_mtp_layers_has_no_mtp_parameters(catalog: Catalog) -> None:
    spec = catalog.get("qwen3-32b")
    assert isinstance(spec, ModelSpec) and mtp_params(spec) == 0


def test_with_several_users_the_mtp_gain_is_the_smaller_one_measured_for_a_batch(catalog: Catalog) -> None:
    """One user gets the single-request speed-up; sixteen at once get at most the two-request one,
    applied to each user's speed the answer gives without MTP."""
    a = answer_text("deepseek v3 on 8x h200 with vllm, tok/s per user for 16 users with mtp?", catalog)
    top = a.options[0]
    serving = top.speed.serving
    assert serving is not None and serving.users == 16
    said = a.verdict.split("so at most ~", 1)[1].split(" tokens/s each", 1)[0]
    each = float(said.replace(",", ""))
    one = float(a.verdict.split("generation runs at ~", 1)[1].split(" tokens/s", 1)[0].replace(",", ""))
    assert serving.per_user_tps < each < serving.per_user_tps * 1.25
    assert one / top.speed.decode_tps > each / serving.per_user_tps
