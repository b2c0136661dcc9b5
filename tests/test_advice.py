"""Advice: the quality-first pick, the options table, routing of asked precisions, what to change."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sizing import Advice, Catalog, Estimate, Hardware, advise, estimate, parse_hardware
from sizing.advise import dominates, quality_label
from sizing.commands import launch_command

MODELS = [
    "qwen3-8b",
    "qwen3-30b-a3b",
    "llama-3.3-70b",
    "gpt-oss-120b",
    "gemma-3-27b",
    "deepseek-v3",
    "qwen2.5-72b",
]
RIGS = [
    "RTX 3060 12GB, 16GB RAM",
    "RTX 3090, 64GB RAM",
    "2x RTX 3090, 64GB RAM",
    "M3 Max 48GB",
    "i7-12700, 64GB DDR5",
    "4x H100",
    "DGX Spark",
]
BANDS = (0.05, 0.15, 0.5)  # the quality bands' upper KL divergences (sizing/quant_policy.py)


def _advice(catalog: Catalog, model: str, rig: str, **kw: Any) -> Advice:
    return advise(catalog.by_id[model], parse_hardware(rig), **kw)


def _band(kld: float) -> int:
    return sum(kld >= edge for edge in BANDS)


# --- the pick ----------------------------------------------------------------------------------


def test_a_small_model_on_a_big_gpu_runs_at_the_best_quality(catalog: Catalog) -> None:
    best = _advice(catalog, "llama-3.1-8b", "RTX 4090").best
    assert best is not None and best.estimate.verdict == "gpu" and best.estimate.quant.id == "Q8_0"


@pytest.mark.parametrize(
    ("model", "rig"),
    [
        ("llama-3.3-70b", "DGX Spark"),
        ("deepseek-r1", "RTX 4090, 512GB RAM"),
        ("qwen2.5-72b", "RTX 3090, 64GB RAM"),
        ("command-r-plus-104b", "4x RTX 3090"),
    ],
)
def test_speed_never_drags_the_pick_below_four_bits_when_four_bits_run(
    catalog: Catalog, model: str, rig: str
) -> None:
    advice = _advice(catalog, model, rig)
    best = advice.options[0].estimate
    assert best.verdict != "no" and _band(best.quant.kld) == 0, advice.summary
    assert best.quant.bits >= 4.0


def test_a_partly_offloaded_four_bit_is_listed_beside_a_lossy_one_on_the_gpu(catalog: Catalog) -> None:
    advice = _advice(catalog, "qwen2.5-72b", "RTX 3090, 64GB RAM")
    kinds = {(o.estimate.verdict, _band(o.kld) == 0) for o in advice.options}
    assert ("partial", True) in kinds and any(o.estimate.verdict == "gpu" for o in advice.options)


def test_when_nothing_better_runs_a_lossy_pick_says_what_it_costs(catalog: Catalog) -> None:
    advice = _advice(catalog, "qwen3-235b-a22b", "M2 Max 96GB")
    best = advice.options[0].estimate
    if _band(best.quant.kld) >= 2:
        assert "KL divergence" in advice.summary and "Q4_K_M" in advice.summary


def test_a_slow_pick_says_so_and_names_the_faster_option(catalog: Catalog) -> None:
    advice = _advice(catalog, "command-r-plus-104b", "4x RTX 3090", min_tps=40)
    assert "below 40 tokens/s" in advice.summary
    assert _band(advice.options[0].kld) == 0


def test_when_nothing_fits_the_nearest_miss_is_named(catalog: Catalog) -> None:
    advice = _advice(catalog, "deepseek-r1", "RTX 3060 12GB, 32GB RAM")
    shortfalls = [o.estimate.memory.placement.shortfall for o in advice.options]
    assert advice.options[0].estimate.verdict == "no"
    assert shortfalls[0] == min(shortfalls)
    assert advice.summary.startswith("No:") and advice.options[0].estimate.quant.id in advice.summary


def test_a_miss_barely_smaller_is_not_named_over_the_better_quality(catalog: Catalog) -> None:
    # gpt-oss keeps its MXFP4 experts at every GGUF quant: the low quants are no nearer a fit
    advice = _advice(catalog, "gpt-oss-120b", "RTX 5090, 16GB RAM", context=65536)
    assert advice.options[0].estimate.verdict == "no"
    assert advice.options[0].estimate.quant.id == "MXFP4"


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(MODELS), st.sampled_from(RIGS), st.sampled_from([None, 4096, 32768, 131072]))
def test_the_pick_is_never_in_a_worse_band_than_an_option_that_fits_or_keeps_up(
    catalog: Catalog, model: str, rig: str, context: int | None
) -> None:
    advice = _advice(catalog, model, rig, context=context)
    best = advice.options[0].estimate
    if best.verdict == "no":
        assert all(o.estimate.verdict == "no" for o in advice.options)
        return
    for o in advice.options[1:]:
        e = o.estimate
        if e.verdict == "gpu" or (e.verdict != "no" and e.speed.decode_tps >= advice.min_tps):
            assert _band(best.quant.kld) <= _band(e.quant.kld), (best.quant.id, e.quant.id)


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(MODELS), st.sampled_from(RIGS))
def test_listed_options_are_not_dominated_by_an_earlier_one(catalog: Catalog, model: str, rig: str) -> None:
    options = [o.estimate for o in _advice(catalog, model, rig).options]
    for i, later in enumerate(options):
        assert not any(dominates(earlier, later) for earlier in options[:i])


def test_an_asked_quant_is_the_only_one_ranked(catalog: Catalog) -> None:
    advice = _advice(catalog, "qwen3-14b", "RTX 4070 12GB", quant="IQ4_XS")
    assert {o.estimate.quant.id for o in advice.options} == {"IQ4_XS"}


def test_an_unknown_quants_nearest_bits_note_is_an_assumption_of_every_option(catalog: Catalog) -> None:
    advice = _advice(catalog, "llama-3.3-70b", "2x RTX 3090", quant="IQ3_XL")
    assert advice.options
    for o in advice.options:
        assert any(
            "'IQ3_XL' is not a quantization" in a and "bits per weight" in a for a in o.estimate.assumptions
        )


@pytest.mark.parametrize(
    ("kld", "words"),
    [
        (0.001, "practically lossless"),
        (0.03, "small loss"),
        (0.1, "noticeable loss"),
        (0.3, "large loss"),
        (2.0, "severe loss"),
    ],
)
def test_quality_is_put_in_words(kld: float, words: str) -> None:
    assert quality_label(kld) == words


# --- the options table -------------------------------------------------------------------------


def test_the_table_shows_the_best_of_each_placement_kind(catalog: Catalog) -> None:
    advice = _advice(catalog, "qwen3-30b-a3b", "RTX 3090, 32GB RAM")
    strategies = {o.estimate.memory.placement.strategy for o in advice.options}
    assert {"gpu", "expert_offload"} <= strategies


def test_every_option_that_runs_has_a_longest_context_per_kv_type(catalog: Catalog) -> None:
    for o in _advice(catalog, "qwen3-30b-a3b", "RTX 3090, 32GB RAM").options:
        by_kv = dict(o.max_context_by_kv)
        assert set(by_kv) == {"f16", "q8_0"}
        assert all(n is not None and n >= 2048 for n in by_kv.values())


def test_a_quantized_cache_never_holds_less_context_than_f16(catalog: Catalog) -> None:
    for o in _advice(catalog, "qwen2.5-72b", "RTX 3090, 64GB RAM").options:
        by_kv = dict(o.max_context_by_kv)
        assert (by_kv["q8_0"] or 0) >= (by_kv["f16"] or 0)


def test_the_longest_context_on_the_gpu_fits_there(catalog: Catalog) -> None:
    from sizing import estimate

    hw = parse_hardware("RTX 4060 Ti 16GB")
    top = _advice(catalog, "qwen3-8b", "RTX 4060 Ti 16GB").options[0]
    e = top.estimate
    for kv, longest in top.max_context_by_kv:
        assert longest is not None
        assert estimate(e.model, hw, quant=e.quant, context=longest, kv_type=kv).verdict == "gpu"


def _verdict_at(e: Estimate, hw: Hardware, context: int, kv: str) -> str:
    """Where `e`'s configuration lands at another context and KV cache type."""
    return estimate(
        e.model, hw, quant=e.quant, context=context, engine=e.engine, backend=e.backend, kv_type=kv
    ).verdict


@pytest.mark.parametrize(
    ("model", "rig"),
    [
        ("llama-3.3-70b", "2x RTX 3090, 64GB RAM"),
        ("qwen3-30b-a3b", "RTX 3090, 64GB RAM"),
        ("gemma-3-27b", "RTX 3060 12GB, 16GB RAM"),
        ("qwen2.5-72b", "4x H100"),
    ],
)
def test_the_longest_context_on_the_gpus_is_the_last_step_that_fits(
    catalog: Catalog, model: str, rig: str
) -> None:
    hw = parse_hardware(rig)
    options = [o for o in _advice(catalog, model, rig).options if o.estimate.verdict == "gpu"]
    assert options
    for o in options:
        e = o.estimate
        for kv, longest in o.max_context_by_kv:
            assert longest is not None
            assert _verdict_at(e, hw, longest, kv) == "gpu"
            if longest < e.model.max_context:  # the next standard step (doubling) or the model's limit
                assert _verdict_at(e, hw, min(2 * longest, e.model.max_context), kv) != "gpu"


# --- routing asked precisions ------------------------------------------------------------------

ROUTES = [
    # model, rig, asked, engine answered, quant answered, words in the verdict
    ("llama-3.3-70b", "DGX Spark", {"quant": "FP8"}, "vllm", "FP8", "loads in vLLM"),
    ("llama-3.3-70b", "DGX Spark", {"quant": "NVFP4"}, "vllm", "NVFP4", "loads in vLLM"),
    ("llama-3.3-70b", "DGX Spark", {"engine": "vllm"}, "vllm", None, ""),
    ("llama-3.1-8b", "RTX 4090", {"quant": "BF16"}, "llama.cpp", "BF16", ""),
    ("llama-3.1-8b", "RTX 4090", {"quant": "BF16-HF"}, "vllm", "BF16-HF", "loads in vLLM"),
    ("qwen3-8b", "RTX 4090", {"quant": "awq"}, "vllm", "AWQ-INT4", "loads in vLLM"),
    ("qwen3-8b", "RTX 3090", {"quant": "exl3 5bpw"}, "exllama", "EXL3-5.0", "ExLlama"),
    ("qwen3-8b", "M2 Max 64GB", {"quant": "MLX-4bit"}, "mlx", "MLX-4bit", "MLX"),
    ("qwen3-8b", "M2 Max 64GB", {"quant": "FP8"}, "llama.cpp", "Q8_0", "nearest equivalent"),
    ("qwen3-8b", "M2 Max 64GB", {"engine": "vllm"}, "llama.cpp", None, "vLLM needs NVIDIA"),
    (
        "qwen3-8b",
        "RTX 4090",
        {"engine": "llama.cpp", "quant": "AWQ-INT4"},
        "llama.cpp",
        "Q4_K_M",
        "does not load AWQ-INT4",
    ),
    (
        "qwen3-8b",
        "RTX 4090",
        {"engine": "ollama", "quant": "FP8"},
        "ollama",
        "Q8_0",
        "Ollama does not load FP8",
    ),
    ("qwen3-8b", "Ryzen 9 7950X, 64GB DDR5", {"quant": "NVFP4"}, "llama.cpp", "Q4_K_M", "nearest equivalent"),
]


@pytest.mark.parametrize(
    ("model", "rig", "asked", "engine", "quant", "words"), ROUTES, ids=[f"{r[2]}@{r[1]}" for r in ROUTES]
)
def test_an_asked_precision_or_engine_is_routed_never_refused(
    catalog: Catalog, model: str, rig: str, asked: dict[str, str], engine: str, quant: str | None, words: str
) -> None:
    advice = _advice(catalog, model, rig, **asked)
    best = advice.options[0].estimate
    assert best.engine == engine
    if quant is not None:
        assert best.quant.id == quant
    assert words in advice.summary


def test_vllm_on_a_dgx_spark_is_not_refused_for_lack_of_a_discrete_gpu(catalog: Catalog) -> None:
    advice = _advice(catalog, "qwen3-8b", "DGX Spark", engine="vllm")
    assert advice.options[0].estimate.engine == "vllm" and not advice.notes


# --- hints and fixes ---------------------------------------------------------------------------


def test_hints_never_repeat_what_was_asked(catalog: Catalog) -> None:
    on_mlx = _advice(catalog, "qwen3-8b", "M2 Max 64GB", engine="mlx")
    assert not any("MLX" in h for h in on_mlx.hints)
    on_vllm = _advice(catalog, "qwen3-32b", "2x RTX 3090", engine="vllm")
    assert not any("vLLM" in h for h in on_vllm.hints)


def test_a_second_identical_gpu_is_offered_and_priced_when_it_makes_it_fit(catalog: Catalog) -> None:
    advice = _advice(catalog, "qwen2.5-72b", "RTX 3090, 64GB RAM")
    fix = next(f for f in advice.fixes if "add a second NVIDIA GeForce RTX 3090" in f.change)
    assert fix.estimate.verdict == "gpu" and fix.price_usd is not None and "$" in fix.change


def test_a_mac_is_told_how_to_raise_the_gpu_memory_limit(catalog: Catalog) -> None:
    advice = _advice(catalog, "qwen3-235b-a22b", "M2 Max 96GB", quant="Q2_K")
    fix = next(f for f in advice.fixes if "iogpu.wired_limit_mb" in f.change)
    assert fix.estimate.verdict == "gpu" and fix.price_usd is None


def test_a_raised_mac_limit_is_offered_at_the_largest_smaller_quant_that_then_fits(catalog: Catalog) -> None:
    """Qwen3 235B on a 96 GB Mac: the pick keeps experts in the CPU's share of the one pool, which
    leaves macOS what a raised limit does; the raise is offered at the largest quantization that then
    fits the GPU (never above the pick), and the fix names it."""
    advice = _advice(catalog, "qwen3-235b-a22b", "M2 Max 96GB")
    chosen = advice.options[0].estimate
    assert chosen.verdict == "partial"
    fix = next(f for f in advice.fixes if "iogpu.wired_limit_mb" in f.change)
    assert fix.estimate.verdict == "gpu"
    assert fix.estimate.quant.bits <= chosen.quant.bits and fix.estimate.quant.id in fix.change


@pytest.mark.parametrize(
    ("model", "rig", "says_pcie"),
    [
        ("gpt-oss-120b", "RTX 3090, 64GB RAM", True),  # the experts cross PCIe to the card
        ("qwen3-235b-a22b", "M2 Max 96GB", False),  # unified memory: no PCIe between them
    ],
)
def test_the_pcie_hint_is_given_only_where_experts_cross_pcie(
    catalog: Catalog, model: str, rig: str, says_pcie: bool
) -> None:
    advice = _advice(catalog, model, rig)
    assert advice.options[0].estimate.memory.placement.strategy == "expert_offload"
    assert any("PCIe" in h for h in advice.hints) is says_pcie


@pytest.mark.parametrize(
    ("model", "rig", "offloaded_to"),
    [
        ("gpt-oss-120b", "RTX 3090, 64GB RAM", "experts in system RAM"),
        ("qwen3-235b-a22b", "M2 Max 96GB", "experts on the CPU cores"),  # one memory: no "system RAM"
    ],
)
def test_offloaded_experts_are_placed_where_the_machine_keeps_them(
    catalog: Catalog, model: str, rig: str, offloaded_to: str
) -> None:
    advice = _advice(catalog, model, rig)
    pick = advice.options[0].estimate
    assert pick.memory.placement.strategy == "expert_offload"
    assert f"({offloaded_to})" in advice.summary
    speed_notes = " ".join(pick.speed.notes)
    assert ("system RAM" in speed_notes) is (offloaded_to == "experts in system RAM")


def test_a_strix_halo_is_told_how_to_raise_the_gpu_allocation(catalog: Catalog) -> None:
    advice = _advice(catalog, "qwen3-235b-a22b", "Ryzen AI Max+ 395 128GB", quant="Q3_K_M")
    if advice.options[0].estimate.verdict == "gpu":
        pytest.skip("fits the default allocation already")
    fix = next(f for f in advice.fixes if "ttm.pages_limit" in f.change)
    assert fix.estimate.verdict == "gpu"


def test_a_cpu_only_desktop_is_offered_a_gpu(catalog: Catalog) -> None:
    advice = _advice(catalog, "qwen3-32b", "i7-12700, 64GB DDR5")
    assert any("RTX 3090" in f.change and f.estimate.verdict == "gpu" for f in advice.fixes)


@pytest.mark.parametrize(
    "rig",
    [
        "Raspberry Pi 5 8GB",  # a board with soldered memory and no x16 slot
        "i7-1260P laptop, 16GB RAM",  # a laptop CPU
        "Ryzen 7 7840U, 32GB",  # a laptop CPU, named only by its model
    ],
)
def test_a_machine_without_a_graphics_card_slot_is_not_offered_a_card(catalog: Catalog, rig: str) -> None:
    advice = _advice(catalog, "llama-3.1-8b", rig)
    assert not any("RTX 3090" in f.change for f in advice.fixes)


def test_more_system_ram_is_offered_where_offloading_needs_it(catalog: Catalog) -> None:
    advice = _advice(catalog, "gpt-oss-120b", "RTX 4090, 32GB DDR5")
    fix = next(f for f in advice.fixes if "system RAM" in f.change)
    assert fix.estimate.verdict != "no" and fix.price_usd is not None


def test_unstated_ram_leads_with_the_ram_that_makes_it_a_yes(catalog: Catalog) -> None:
    advice = _advice(catalog, "gpt-oss-120b", "RTX 5090", context=65536)
    fix = next(f for f in advice.fixes if f.ram_gb is not None)
    assert advice.fixes[0] is fix and fix.price_usd is None and "did not say" in fix.change
    assert advice.summary.startswith(f"With {fix.ram_gb:g} GB of system RAM or more, yes")
    assert "with 16 GB it does not fit" in advice.summary


def test_unstated_ram_leads_with_the_ram_a_four_bit_run_takes_over_a_one_bit_fit(catalog: Catalog) -> None:
    advice = _advice(catalog, "qwen3-coder-480b-a35b", "RTX PRO 6000 Blackwell 96GB")
    fix = next(f for f in advice.fixes if f.ram_gb is not None)
    assert fix.estimate.quant.kld < 0.05  # the RAM a 4-bit run takes, not the least that changes anything
    assert advice.summary.startswith(f"With {fix.ram_gb:g} GB of system RAM or more, yes")
    assert f"only {advice.options[0].estimate.quant.id}" in advice.summary


def test_unstated_ram_turns_a_no_into_the_ram_that_makes_it_run_at_all(catalog: Catalog) -> None:
    advice = _advice(catalog, "deepseek-v3", "2x RTX 4090")  # 671B: past 48 GB only with RAM, at 1-2 bits
    fix = next(f for f in advice.fixes if f.ram_gb is not None)
    assert advice.options[0].estimate.verdict == "no"
    assert advice.summary.startswith(f"With {fix.ram_gb:g} GB of system RAM or more, it runs")
    assert "with 16 GB it does not fit" in advice.summary


def test_unstated_ram_says_the_ram_it_takes_even_when_that_run_is_slow(catalog: Catalog) -> None:
    # a dense 70B over two 12 GB cards: past 24 GB only with RAM, and then at CPU speed (~1 tok/s):
    # too slow to lead with, but the "No" says it holds for the guessed 16 GB and what RAM runs it
    advice = _advice(catalog, "llama-3.1-70b", "2x RTX 3060 12GB", quant="Q3_K_M", engine="ollama")
    assert advice.options[0].estimate.verdict == "no"
    fix = next(f for f in advice.fixes if f.ram_gb is not None)
    assert fix.estimate.speed.decode_tps < 2.0
    assert advice.summary.startswith("No:")
    assert f"with {fix.ram_gb:g} GB or more, {fix.estimate.quant.id} runs" in advice.summary
    assert "16 GB of system RAM assumed" in advice.summary


def test_stated_ram_gets_a_no_and_an_upgrade_to_buy(catalog: Catalog) -> None:
    advice = _advice(catalog, "gpt-oss-120b", "RTX 5090, 16GB DDR5", context=65536)
    assert advice.summary.startswith("No:")
    assert any(f.change.startswith("add ") and f.ram_gb is not None for f in advice.fixes)


def test_unstated_ram_never_leads_with_a_costly_quant(catalog: Catalog) -> None:
    advice = _advice(catalog, "llama-3.1-405b", "RTX 3060 12GB")
    assert advice.summary.startswith("No:")


@pytest.mark.parametrize(
    ("model", "rig"),
    [
        ("kimi-k2", "8x H100"),
        ("deepseek-r1", "4x H100"),
        ("deepseek-r1", "M2 Ultra 192GB"),
        ("deepseek-r1", "DGX Spark"),
    ],
)
def test_no_ram_advice_for_datacenter_gpus_or_unified_memory(catalog: Catalog, model: str, rig: str) -> None:
    advice = _advice(catalog, model, rig, quant="Q8_0")
    # no RAM to add or to say ("with 512 GB of system RAM or more"); offloading into the RAM assumed
    # for a server ("run with experts in system RAM") is a placement, not RAM advice
    assert not any(f.ram_gb is not None or "GB of system RAM" in f.change for f in advice.fixes)


def test_upgrades_come_cheapest_first_after_free_ones(catalog: Catalog) -> None:
    advice = _advice(catalog, "qwen3-235b-a22b", "M2 Max 96GB", quant="Q2_K")
    prices = [f.price_usd for f in advice.fixes if f.price_usd is not None]
    assert prices == sorted(prices)


def test_a_model_released_in_int4_is_served_as_released(catalog: Catalog) -> None:
    a = _advice(catalog, "kimi-k2-thinking", "8x RTX PRO 6000 Blackwell", engine="vllm")
    assert a.best is not None
    assert {o.estimate.quant.id for o in a.options} == {"GPTQ-INT4"}
    assert "the INT4 checkpoint as released" in a.summary
    assert "vllm serve moonshotai/Kimi-K2-Thinking " in (launch_command(a.best.estimate) or "")


def test_a_chip_without_its_memory_is_answered_at_the_least_it_is_sold_with(catalog: Catalog) -> None:
    a = _advice(catalog, "llama-3.3-70b", "M4 Max")
    least, chip = a.hardware.sized_unified_gb, a.hardware.soc
    assert a.hardware.unified_memory_gb is None and least is not None and chip is not None
    assert f"with {least:g} GB, the least the {chip.name} is sold with" in a.summary


def test_a_fit_with_an_f16_cache_comes_before_a_better_quant_at_the_edge(catalog: Catalog) -> None:
    a = _advice(catalog, "qwen3-32b", "RTX 3090")
    assert a.best is not None
    e = a.best.estimate
    assert (e.quant.id, e.memory.kv_type, e.verdict) == ("Q4_K_M", "f16", "gpu")
    assert "Q5_K_M also fits fully on the GPU with a q8_0 KV cache" in a.summary


def test_the_longest_context_on_the_gpu_is_said_per_kv_cache(catalog: Catalog) -> None:
    a = _advice(catalog, "qwen3-30b-a3b", "RTX 3090")
    assert a.best is not None and a.best.estimate.verdict == "gpu"
    by_kv = dict(a.best.max_context_by_kv)
    assert a.context_summary is not None
    assert f"{by_kv['f16']:,} tokens at {a.best.estimate.quant.id} with an f16 KV cache" in a.context_summary


def test_a_free_setting_that_reaches_the_wished_speed_is_named_in_the_verdict(catalog: Catalog) -> None:
    advice = _advice(catalog, "qwen3-235b-a22b", "M2 Max 96GB")  # experts on the CPU cores as it stands
    assert advice.options[0].estimate.verdict != "gpu"
    assert (
        "Without buying anything: let the GPU use more of the memory (sudo sysctl iogpu.wired_limit_mb="
        in (advice.summary)
    )


def test_no_free_setting_is_named_where_the_model_already_runs_well(catalog: Catalog) -> None:
    advice = _advice(catalog, "qwen3-30b-a3b", "M2 Max 96GB")
    assert "Without buying anything" not in advice.summary


def test_a_context_a_serving_engine_cannot_reserve_is_answered_with_the_longest_that_fits(
    catalog: Catalog,
) -> None:
    advice = _advice(catalog, "qwen3-32b", "RTX 4090", engine="vllm", quant="AWQ-INT4", context=32768)
    assert advice.options[0].estimate.verdict == "no"
    fix = next(f for f in advice.fixes if f.change.startswith("shorten the context to "))
    assert fix.estimate.verdict == "gpu" and fix.estimate.context < 32768
    assert f"--max-model-len {fix.estimate.context}" in (launch_command(fix.estimate) or "")


def test_the_headline_places_the_quant_that_would_reach_the_speed_as_the_table_does(catalog: Catalog) -> None:
    # a 27B on a 10 GB card: only a 1-2 bit quant reaches 10 tok/s, and only with a q8_0 KV cache
    # does it fit on the GPU; the headline names the placement of the row the table shows
    advice = _advice(catalog, "gemma-3-27b", "RTX 3080 10GB, 16GB RAM")
    said = advice.summary.split("here; ", 1)[1]
    quant = said.split(" ", 1)[0]
    rows = [o.estimate for o in advice.options if o.estimate.quant.id == quant]
    assert rows and rows[0].verdict == "gpu"
    assert "would, fully on the GPU" in said


def test_an_added_card_names_the_split_mode_its_speed_rests_on(catalog: Catalog) -> None:
    # two 12 GB cards hold a 32B at 4 bits; the speed quoted is llama.cpp's tensor split's, which the
    # default layer split does not reach, so the line says which it assumes
    advice = _advice(catalog, "qwen3-32b", "RTX 3060 12GB, 32GB RAM")
    tensor = [f for f in advice.fixes if f.estimate.speed.split_mode == "tensor"]
    assert tensor
    assert all("(-sm tensor)" in f.change for f in tensor)
    others = [f for f in advice.fixes if f.estimate.speed.split_mode != "tensor"]
    assert not any("(-sm tensor)" in f.change for f in others)
