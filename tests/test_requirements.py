"""What hardware a model needs (sizing.requirements): the smallest rig of each kind, checked against
arithmetic anyone can redo: parameters x bits per weight, one byte per parameter at FP8, card
counts the engines can split across (llama.cpp: any count up to 16; vLLM: power-of-two tensor
parallel groups that divide the attention heads), and prices that add up."""

from __future__ import annotations

import importlib
import math

import pytest

from sizing import Catalog, ModelSpec, estimate, parse_hardware
from sizing.catalog import hypothetical_model
from sizing.hardware import device_price
from sizing.hardware import parse_hardware as read_rig
from sizing.requirements import MUCH_FASTER, PAGED_SPEED_STEPS, load_rig_templates, requirements, target_quant

GB = 1e9


def _generic(text: str) -> ModelSpec:
    r = hypothetical_model(text)
    assert r is not None
    return r.model


def test_a_700b_moe_with_37b_active_at_q4_is_params_times_bits(catalog: Catalog) -> None:
    model = _generic("a 700B MoE with 37B active")
    e = estimate(model, parse_hardware("8x H100"), quant="Q4_K_M").contract()
    assert model.active_params_b == pytest.approx(37, rel=0.03)
    # Q4_K_M keeps ~4.85 bits per weight over a whole model (4.5 in the bulk, more in a few tensors)
    assert e.memory.weights_gb == pytest.approx(700 * 4.85 / 8, rel=0.03)


def test_a_700b_moe_at_fp8_needs_two_h100_servers() -> None:
    """700B at one byte each is 700 GB: more than 8 x 80 GB, so 16 H100s (tensor parallel 8 x 2)."""
    model = _generic("a 700B MoE with 37B active")
    req = requirements(model, quant="FP8", devices=("h100-sxm",))
    (rig,) = [c for c in req.rigs if c.template.device == "h100-sxm"]
    c = rig.estimate.contract()
    assert c.quant == "FP8" and c.engine == "vllm"
    assert c.memory.weights_gb == pytest.approx(700, rel=0.03)
    assert 8 * 80 < c.memory.weights_gb <= 16 * 80
    assert rig.hardware.gpu_count == 16 and c.placement.tensor_parallel == 8
    assert "16x" in req.summary


# (model, quantization asked, card): the fewest cards of that kind that hold the model
COUNTS = [
    ("qwen3-32b", None, "rtx-3090"),
    ("llama-3.3-70b", None, "rtx-3090"),
    ("llama-3.3-70b", "Q8_0", "rtx-4090"),
    ("qwen3-235b-a22b", None, "rtx-4090"),
    ("deepseek-v3", "Q2_K", "rtx-3090"),
    ("deepseek-r1", None, "rtx-5090"),
    ("deepseek-v3.2", "Q4_K_M", "rtx-pro-6000-blackwell"),  # 5, not the 8 it is often bought in
    ("llama-3.1-405b", "Q4_K_M", "rtx-3090"),  # 11: every count up to 16, not only the even ones
]


@pytest.mark.parametrize(("model_id", "quant", "device"), COUNTS)
def test_card_counts_hold_the_weights_and_one_fewer_does_not_fit(
    catalog: Catalog, model_id: str, quant: str | None, device: str
) -> None:
    model = catalog.by_id[model_id]
    req = requirements(model, quant=quant, devices=(device,))
    (rig,) = [c for c in req.rigs if c.template.device == device and c.template.kind != "offload"]
    c = rig.estimate.contract()
    n = rig.hardware.gpu_count
    per_card = c.placement.devices[0].capacity_gb
    assert c.placement.verdict == "gpu"
    assert c.memory.weights_gb <= n * per_card  # every weight sits on a card
    fewer = [k for k in rig.template.counts if k < n]
    if fewer:  # the next smaller configuration cannot hold it
        smaller = read_rig(rig.template.text.replace("{n}", str(fewer[-1])))
        assert estimate(model, smaller, quant=c.quant, engine=c.engine).verdict != "gpu"


@pytest.mark.parametrize("model_id", ["deepseek-r1", "llama-3.3-70b", "qwen3-235b-a22b", "kimi-k2"])
def test_data_center_rigs_split_in_power_of_two_groups_that_divide_the_heads(
    catalog: Catalog, model_id: str
) -> None:
    model = catalog.by_id[model_id]
    req = requirements(model, kinds=("datacenter",), limit=8)
    assert req.rigs
    for rig in req.rigs:
        p = rig.estimate.contract().placement
        if rig.estimate.engine == "vllm":
            tp = p.tensor_parallel
            assert tp & (tp - 1) == 0  # a power of two
            assert model.heads % tp == 0 or model.attention.mla is not None
            assert rig.hardware.gpu_count % tp == 0


@pytest.mark.parametrize("model_id", ["deepseek-r1", "llama-3.3-70b", "mistral-7b", "gpt-oss-120b"])
def test_rigs_come_cheapest_first_and_unpriced_last(catalog: Catalog, model_id: str) -> None:
    rigs = requirements(catalog.by_id[model_id]).rigs
    prices = [c.price.usd if c.price is not None else math.inf for c in rigs]
    assert prices == sorted(prices)


def test_a_rig_costs_its_cards_at_the_dated_price(catalog: Catalog) -> None:
    req = requirements(catalog.by_id["llama-3.3-70b"], devices=("rtx-3090",))
    (rig,) = [c for c in req.rigs if c.template.kind == "consumer"]
    rows = [r for r in (device_price("rtx-3090", 24), device_price("rtx-3090", 24, used=True)) if r]
    latest = max(rows, key=lambda r: r.as_of)
    assert rig.price is not None
    assert rig.price.usd == pytest.approx(rig.hardware.gpu_count * latest.midpoint_usd, abs=10)
    assert latest.source in rig.price.sources


def test_experts_in_ram_are_proposed_for_moe_models_only(catalog: Catalog) -> None:
    dense = requirements(catalog.by_id["llama-3.3-70b"], limit=20).rigs
    moe = requirements(catalog.by_id["deepseek-r1"], limit=20).rigs
    assert all(c.template.kind != "offload" for c in dense)
    assert any(c.estimate.memory.placement.strategy == "expert_offload" for c in moe)


def test_a_moe_too_slow_on_one_card_with_its_experts_in_ram_gets_two_or_three_cards_and_ram(
    catalog: Catalog,
) -> None:
    req = requirements(catalog.by_id["glm-4.5-air"], min_tps=20.0, max_usd=3000.0, limit=20)
    offload = [c for c in req.rigs if c.template.kind == "offload"]
    counts = {c.hardware.gpu_count for c in offload}
    assert {1, 2} <= counts
    two = next(c for c in offload if c.hardware.gpu_count == 2)
    one = next(c for c in offload if c.hardware.gpu_count == 1)
    assert two.estimate.speed.decode_tps > one.estimate.speed.decode_tps
    assert two.price is not None and one.price is not None and two.price.usd > one.price.usd
    assert two.keeps_up and two.price.usd <= 3000.0


def test_a_named_card_is_the_one_proposed(catalog: Catalog) -> None:
    req = requirements(catalog.by_id["qwen3-235b-a22b"], devices=("rtx-4090",))
    assert req.rigs
    assert all(any(g.id == "rtx-4090" for g in c.hardware.gpus) for c in req.rigs)


def test_a_kind_named_is_the_kind_proposed(catalog: Catalog) -> None:
    req = requirements(catalog.by_id["qwen3-235b-a22b"], kinds=("mac",))
    assert req.rigs
    assert all(c.hardware.soc is not None and c.hardware.soc.id.startswith("m") for c in req.rigs)


def test_cpu_only_rigs_are_proposed_only_when_asked_for(catalog: Catalog) -> None:
    model = catalog.by_id["qwen3-30b-a3b"]
    default = requirements(model, limit=20).rigs
    cpu_only = requirements(model, kinds=("cpu",)).rigs
    assert all(c.template.kind != "cpu" for c in default)
    assert cpu_only
    for c in cpu_only:
        assert not c.hardware.gpus and c.hardware.soc is None and c.estimate.verdict == "cpu"


def test_a_cpu_only_answer_leads_with_the_ram_it_takes(catalog: Catalog) -> None:
    req = requirements(catalog.by_id["deepseek-r1"], kinds=("cpu",))
    least = min(c.estimate.memory.total_bytes for c in req.rigs)
    assert req.summary.startswith("On the CPU alone, DeepSeek R1 at Q4_K_M takes about")
    assert f"{least / 1e9:,.0f} GB of RAM" in req.summary
    assert all(c.hardware.ram_gb is not None and c.hardware.ram_gb * 1e9 >= least for c in req.rigs)


def test_a_cpu_only_rig_is_priced_by_its_ram_alone(catalog: Catalog) -> None:
    req = requirements(catalog.by_id["qwen3-30b-a3b"], kinds=("cpu",))
    priced = [c for c in req.rigs if c.price is not None]
    assert priced
    assert all(c.price.words.endswith("; RAM only") for c in priced if c.price is not None)
    assert "for the RAM" in req.summary


def test_a_tiny_model_needs_one_card() -> None:
    req = requirements(_generic("a 0.1B model"), devices=("rtx-4090",))
    assert [c.hardware.gpu_count for c in req.rigs] == [1]


def test_a_model_no_template_holds_says_why(catalog: Catalog) -> None:
    req = requirements(catalog.by_id["kimi-k2"], devices=("rtx-3060",))
    assert not [c for c in req.rigs if c.template.kind == "consumer"]
    assert "cannot hold it" in req.summary


def test_speed_is_estimated_only_for_the_rigs_shown(
    catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[object] = []
    requirements_module = importlib.import_module("sizing.requirements")
    real = requirements_module.estimate_or_none

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(requirements_module, "estimate_or_none", counted)
    req = requirements(catalog.by_id["deepseek-r1"], limit=4)
    assert len(req.rigs) == 4
    assert len(calls) <= 4 * (1 + PAGED_SPEED_STEPS)


def test_every_template_reads_as_its_device() -> None:
    for t in load_rig_templates():
        text = t.text.replace("{n}", "2").replace("{gpu}", t.gpu or "").replace("{mem}", "128")
        hw = read_rig(text)
        ids = {g.id for g in hw.gpus} | ({hw.soc.id} if hw.soc is not None else set())
        if t.kind == "cpu":
            ids = {hw.cpu.family} if hw.cpu is not None else set()
        assert t.device in ids, t.id
        assert t.source.startswith(("https://", "github ", "device database")), t.id


@pytest.mark.parametrize(
    ("engine", "wish", "prefer", "expected"),
    [
        ("llama.cpp", None, None, "Q4_K_M"),
        ("llama.cpp", None, "quality", "Q8_0"),
        ("llama.cpp", "FP8", None, "Q8_0"),  # one byte per weight, in the engine's own type
        ("vllm", "FP8", None, "FP8"),
        ("vllm", "Q4_K_M", None, "AWQ-INT4"),
        ("vllm", None, None, "AWQ-INT4"),
        ("mlx", "Q4", None, "MLX-4bit"),
    ],
)
def test_the_quantization_asked_for_is_matched_in_each_engine(
    catalog: Catalog, engine: str, wish: str | None, prefer: str | None, expected: str
) -> None:
    q = target_quant(catalog.by_id["llama-3.3-70b"], engine, wish, prefer)  # type: ignore[arg-type]
    assert q is not None and q.id == expected


def test_a_model_released_in_mxfp4_stays_mxfp4(catalog: Catalog) -> None:
    q = target_quant(catalog.by_id["gpt-oss-120b"], "llama.cpp", None, None)
    assert q is not None and q.id == "MXFP4"


def test_the_faster_rig_named_is_the_cheapest_of_the_much_faster_ones(catalog: Catalog) -> None:
    req = requirements(catalog.by_id["llama-3.1-8b"])
    good = [c for c in req.rigs if c.keeps_up]
    floor = MUCH_FASTER * good[0].estimate.speed.decode_tps
    faster = [c for c in req.rigs if c.estimate.speed.decode_tps > floor and c.price is not None]
    assert faster
    cheapest = min(faster, key=lambda c: c.price.usd if c.price else 0.0)
    assert f"Faster: {cheapest.summary.split(':')[0]}" in req.summary


def test_with_a_budget_the_best_rig_it_buys_leads_and_the_cheapest_follows(catalog: Catalog) -> None:
    free = requirements(catalog.by_id["gpt-oss-120b"])
    cap = 2000.0
    req = requirements(catalog.by_id["gpt-oss-120b"], max_usd=cap)
    within = [c for c in req.rigs if c.price is not None and c.price.usd <= cap]
    assert within and req.max_usd == cap
    fastest = max(within, key=lambda c: c.estimate.speed.decode_tps)
    assert fastest is not within[0]  # the cheapest within is not the best there
    assert (
        f"Within ${cap:,.0f}, the best rig for gpt-oss-120b: {fastest.summary.split(':')[0]}" in req.summary
    )
    assert f"Cheaper: {within[0].summary.split(':')[0]}" in req.summary
    # the cheapest asked for leads where cost comes first
    cheap = requirements(catalog.by_id["gpt-oss-120b"], max_usd=cap, prefer="cost")
    assert f"Within ${cap:,.0f}, the cheapest rig" in cheap.summary
    # every rig within the budget comes before any above it
    assert req.rigs[: len(within)] == tuple(within)
    assert {c.summary for c in within} <= {c.summary for c in free.rigs}


def test_rigs_above_the_budget_say_so(catalog: Catalog) -> None:
    req = requirements(catalog.by_id["gpt-oss-120b"], max_usd=2000.0)
    above = [c for c in req.rigs if c.price is not None and c.price.usd > 2000.0]
    assert above
    assert all(c.summary.endswith(", over the $2,000 asked") for c in above)


def test_a_budget_nothing_fits_in_is_said_before_the_cheapest_rig(catalog: Catalog) -> None:
    req = requirements(catalog.by_id["deepseek-r1"], max_usd=500.0)
    assert f"Nothing canirun prices at $500 or less runs {req.model.name}" in req.summary
    assert "The cheapest rig" in req.summary or "the cheapest that runs it" in req.summary


def test_the_answer_first_says_what_the_model_needs_in_memory(catalog: Catalog) -> None:
    """Weights at the quantization sized plus the KV cache at the context: the model's own needs."""
    req = requirements(catalog.by_id["qwen2.5-72b"], quant="Q8_0", context=32768)
    lead = req.summary.split(". ")[0]
    assert lead.startswith("At Q8_0 with 32,768 context, Qwen2.5 72B needs about ")
    # 72.7B parameters at 8.5 bits each
    assert "77 GB of weights" in lead


def test_the_engine_asked_for_runs_every_rig_proposed_and_rigs_it_cannot_run_on_say_why(
    catalog: Catalog,
) -> None:
    req = requirements(catalog.by_id["llama-3.3-70b"], engine="vllm", limit=20)
    assert req.rigs and all(c.estimate.engine == "vllm" for c in req.rigs)
    assert all(c.hardware.soc is None or c.hardware.soc.spec.vendor != "apple" for c in req.rigs)  # type: ignore[union-attr]
    assert any("vllm" in n.lower() for n in req.notes)


def test_several_users_are_sized_and_sped_per_user(catalog: Catalog) -> None:
    one = requirements(catalog.by_id["llama-3.3-70b"], engine="vllm", limit=20)
    ten = requirements(catalog.by_id["llama-3.3-70b"], engine="vllm", users=10, limit=20)
    kept = [c for c in ten.rigs if c.keeps_up]
    assert kept
    for c in kept:
        serving = c.estimate.speed.serving
        assert serving is not None and serving.users == 10
        assert serving.users_held is None or serving.users_held >= 10
        assert "each for 10 users" in c.summary
    cheapest_one = min(c.price.usd for c in one.rigs if c.keeps_up and c.price is not None)
    cheapest_ten = min(c.price.usd for c in kept if c.price is not None)
    assert cheapest_ten >= cheapest_one


@pytest.mark.parametrize(
    ("model", "engine", "users", "context"),
    [
        ("llama-3.3-70b", "vllm", 8, None),
        ("qwen3-32b", "vllm", 4, 32768),
        ("qwen3-32b", "sglang", 6, 16384),
        ("mistral-small-3.2-24b", "llama.cpp", 4, 32768),
    ],
)
def test_every_rig_proposed_for_several_users_holds_their_kv_caches(
    catalog: Catalog, model: str, engine: str, users: int, context: int | None
) -> None:
    req = requirements(catalog.by_id[model], engine=engine, users=users, context=context, limit=20)
    assert req.rigs
    for c in req.rigs:
        serving = c.estimate.speed.serving
        assert serving is not None and serving.users == users
        assert serving.users_held is None or serving.users_held >= users
        assert "the memory holds" not in c.summary


def test_rigs_the_engine_cannot_run_on_are_named_by_kind(catalog: Catalog) -> None:
    req = requirements(catalog.by_id["qwen3-32b"], engine="vllm", users=4, context=32768, limit=20)
    said = [n for n in req.notes if "vllm needs" in n]
    assert said and all(" rigs left out: " in n for n in said)


def test_fully_in_vram_proposes_no_rig_that_keeps_part_of_the_model_in_ram(catalog: Catalog) -> None:
    free = requirements(catalog.by_id["glm-4.5-air"], limit=20)
    gpu_only = requirements(catalog.by_id["glm-4.5-air"], limit=20, gpu_only=True)
    assert any(c.template.kind == "offload" for c in free.rigs)
    assert gpu_only.rigs and all(c.template.kind not in ("offload", "cpu") for c in gpu_only.rigs)
    assert all(c.estimate.memory.placement.strategy != "expert_offload" for c in gpu_only.rigs)


def test_cards_too_few_at_4_bits_are_sized_at_a_smaller_build_and_say_so(catalog: Catalog) -> None:
    req = requirements(catalog.by_id["deepseek-v3"], devices=("rtx-3090",), gpu_only=True)
    assert req.rigs and all(c.estimate.quant.bits < 4 for c in req.rigs)
    assert all(any(g.id == "rtx-3090" for g in c.hardware.gpus) for c in req.rigs)
    assert "cannot hold it at Q4_K_M" in req.summary and "lossier than 4-bit" in req.summary


@pytest.mark.parametrize(
    ("quant", "prefer"), [("Q4_K_M", None), (None, "quality")], ids=["quant asked", "quality first"]
)
def test_a_quantization_or_quality_asked_for_is_never_traded_for_a_smaller_build(
    catalog: Catalog, quant: str | None, prefer: str | None
) -> None:
    model = catalog.by_id["deepseek-v3"]
    req = requirements(model, quant=quant, prefer=prefer, devices=("rtx-3090",), gpu_only=True)  # type: ignore[arg-type]
    assert not req.rigs and "lossier" not in req.summary


@pytest.mark.parametrize(("kv_type", "share"), [("q8_0", 34 / 64), ("q4_0", 18 / 64)])
def test_the_kv_cache_type_asked_sizes_the_rigs_and_the_lead(
    catalog: Catalog, kv_type: str, share: float
) -> None:
    """ "How much VRAM at 128k with a q8 cache": the KV cache at that type (q8_0 is 34 bytes per 32
    elements against f16's 64), in the lead sentence and in the rigs' estimates."""
    model = catalog.by_id["qwen3-32b"]
    f16 = requirements(model, context=131072)
    asked = requirements(model, context=131072, kv_type=kv_type)
    assert f"KV cache ({kv_type})" in asked.summary and "KV cache (f16)" in f16.summary
    kv_asked = asked.rigs[0].estimate.memory.kv_bytes
    kv_f16 = f16.rigs[0].estimate.memory.kv_bytes
    assert asked.rigs[0].estimate.memory.kv_type == kv_type
    assert kv_asked == pytest.approx(kv_f16 * share, rel=0.02)


def test_with_no_card_named_the_smaller_build_that_runs_leads_the_answer(catalog: Catalog) -> None:
    req = requirements(catalog.by_id["qwen3-coder-480b-a35b"], context=131072, users=50)
    assert req.rigs and all(c.estimate.quant.bits < 4 for c in req.rigs)
    assert req.summary.startswith("No rig canirun proposes holds Qwen3-Coder 480B A35B that way at 4 bits")
    assert "even " not in req.summary.split("lossier than 4-bit")[0]
