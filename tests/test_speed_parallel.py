"""Several GPUs and several users: split modes, tensor-parallel all-reduces, concurrency."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sizing import Catalog, EstimateError, estimate, parse_hardware
from sizing.speed import allreduce_seconds, load_speed_params


def test_an_all_reduce_costs_more_over_pcie_than_nvlink() -> None:
    params = load_speed_params()
    assert allreduce_seconds(params, "nvlink", 8) < allreduce_seconds(params, "pcie", 8)


@pytest.mark.parametrize(
    ("link", "engine"), [("pcie", "vllm"), ("pcie", "llama.cpp"), ("nvlink", "llama.cpp")]
)
def test_an_all_reduce_grows_with_the_gpu_count(link: str, engine: str) -> None:
    params = load_speed_params()
    costs = [allreduce_seconds(params, link, n, engine) for n in (1, 2, 4, 8)]
    assert costs[0] == 0 and costs[1:] == sorted(costs[1:]) and costs[1] < costs[3]


def test_tensor_parallel_does_not_scale_with_the_card_count(catalog: Catalog) -> None:
    # SGLang v0.5.7 ran DeepSeek R1 FP8 on 8x H200 at ~81 tokens/s each with 8 at once (TPOT 12.37 ms,
    # SemiAnalysisAI/InferenceX issue #389): one stream is a little faster, far from the ~1,000 tokens/s
    # eight cards' bandwidth over ~37 GB of active weights would give if tensor parallel scaled
    e = estimate(catalog.by_id["deepseek-v3"], parse_hardware("8x H200"), engine="sglang", quant="FP8")
    assert e.memory.placement.tensor_parallel == 8
    assert 70 < e.speed.decode_tps < 200


def test_more_tensor_parallel_gpus_give_diminishing_single_stream_gains(catalog: Catalog) -> None:
    spec = catalog.by_id["llama-3.3-70b"]
    two = estimate(spec, parse_hardware("2x H100"), engine="vllm", quant="FP8").speed.decode_tps
    eight = estimate(spec, parse_hardware("8x H100"), engine="vllm", quant="FP8").speed.decode_tps
    assert two < eight < 4 * two * 0.9


def test_llama_cpp_tensor_split_is_offered_on_cuda_for_a_dense_model(catalog: Catalog) -> None:
    e = estimate(catalog.by_id["gemma-4-31b"], parse_hardware("2x RTX 3090"), quant="Q4_0")
    modes = {m for m, _, _ in e.speed.split_options}
    assert modes == {"layer", "tensor"}
    assert e.split_mode == max(e.speed.split_options, key=lambda o: o[1])[0] or e.split_mode in modes


@pytest.mark.parametrize(
    ("model", "rig", "kw"),
    [
        ("deepseek-v3", "8x RTX 3090, 512GB RAM", {}),  # MLA: not implemented in -sm tensor
        ("qwen3-8b", "2x RX 7900 XTX", {"backend": "vulkan"}),  # CUDA and ROCm only
        ("qwen3-8b", "RTX 4090, RTX 3090", {}),  # unequal GPUs
        ("qwen3-8b", "2x RTX 3090", {"kv_type": "q8_0"}),  # quantized KV cache
    ],
)
def test_tensor_split_is_not_offered_where_llama_cpp_refuses_it(
    catalog: Catalog, model: str, rig: str, kw: dict[str, str]
) -> None:
    e = estimate(catalog.by_id[model], parse_hardware(rig), **kw)  # type: ignore[arg-type]
    assert "tensor" not in {m for m, _, _ in e.speed.split_options}
    assert e.split_mode != "tensor"


def test_the_command_carries_the_chosen_split_mode(catalog: Catalog) -> None:
    e = estimate(
        catalog.by_id["gemma-4-31b"], parse_hardware("2x RTX 3090"), quant="Q4_0", split_mode="tensor"
    )
    assert e.split_mode == "tensor"
    assert "-sm tensor" in (e.command_hint() or "")
    assert e.to_contract()["placement"]["split_mode"] == "tensor"


def test_row_split_can_be_forced_and_is_slower(catalog: Catalog) -> None:
    spec, hw = catalog.by_id["qwen3-32b"], parse_hardware("2x RTX 3090")
    layer = estimate(spec, hw, quant="Q4_K_M", split_mode="layer").speed.decode_tps
    row = estimate(spec, hw, quant="Q4_K_M", split_mode="row")
    assert row.split_mode == "row" and row.speed.decode_tps < layer


def test_an_unknown_split_mode_is_a_clear_error(catalog: Catalog) -> None:
    with pytest.raises(EstimateError, match="split mode"):
        estimate(catalog.by_id["qwen3-8b"], parse_hardware("2x RTX 3090"), split_mode="diagonal")


@settings(max_examples=25, deadline=None)
@given(users=st.integers(min_value=2, max_value=64))
def test_many_users_get_more_in_total_and_less_each(users: int) -> None:
    from sizing import default_catalog

    spec = default_catalog().by_id["qwen3-30b-a3b"]
    e = estimate(spec, parse_hardware("RTX 4090"), quant="Q4_K_M", users=users, evidence=False)
    serving = e.speed.serving
    assert serving is not None and serving.users == users
    assert serving.per_user_tps <= e.speed.decode_tps * 1.0001
    assert serving.aggregate_tps > e.speed.decode_tps


def test_aggregate_throughput_grows_with_users(catalog: Catalog) -> None:
    spec, hw = catalog.by_id["llama-3.1-8b"], parse_hardware("RTX 4090")
    totals = [
        estimate(spec, hw, quant="Q4_K_M", users=n, evidence=False).speed.serving.aggregate_tps  # type: ignore[union-attr]
        for n in (2, 4, 8, 16)
    ]
    assert totals == sorted(totals)
