"""Advice an expert would sign: a Mac keeps macOS's default share of its memory, an offloaded model
is not slowed down for a loss no one sees, and a small card is told what its free-memory margin costs."""

from __future__ import annotations

from typing import Any

import pytest

from sizing import Advice, Catalog, advise, parse_hardware
from sizing.commands import launch_command
from sizing.quant_policy import SPEED_TOLERANCE, quality_band
from sizing.vocabulary import SEVERE_KLD


def _advice(catalog: Catalog, model: str, rig: str, **kw: Any) -> Advice:
    return advise(catalog.by_id[model], parse_hardware(rig), **kw)


# --- a Mac: the default wired limit first ---------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "rig", "picked", "raised"),
    [
        ("llama-3.3-70b", "M2 Max 64GB", "MLX-4bit", "MLX-6bit"),
        ("qwen2.5-32b", "M3 Pro 36GB", "MLX-4bit", "MLX-6bit"),
    ],
)
def test_a_mac_runs_what_fits_its_default_wired_limit_and_names_the_raise(
    catalog: Catalog, model: str, rig: str, picked: str, raised: str
) -> None:
    a = _advice(catalog, model, rig, engine="mlx")
    best = a.best
    assert best is not None and best.estimate.quant.id == picked
    assert not any("iogpu.wired_limit_mb" in s.flag for s in best.estimate.memory.placement.settings)
    raise_named = f"For the best quality, {raised} also fits fully on the GPU once macOS's GPU wired limit"
    assert raise_named in a.summary
    assert "which leaves macOS 5 GiB" in a.summary


def test_a_mac_that_must_raise_its_limit_says_so_in_the_verdict(catalog: Catalog) -> None:
    a = _advice(catalog, "llama-3.3-70b", "M2 Max 64GB", engine="mlx", quant="MLX-6bit")
    verdict = "Yes: Llama 3.3 70B fits fully on the GPU once macOS's GPU wired limit is raised"
    assert a.summary.startswith(verdict)


def test_the_mlx_command_serves_the_published_conversion(catalog: Catalog) -> None:
    best = _advice(catalog, "llama-3.3-70b", "M2 Max 64GB", engine="mlx").best
    assert best is not None
    command = launch_command(best.estimate) or ""
    assert "mlx_lm.server --model mlx-community/Llama-3.3-70B-Instruct-4bit" in command
    assert "mlx_lm.convert" not in command


# --- offloaded: speed follows the bytes read from system RAM --------------------------------------


@pytest.mark.parametrize(
    ("model", "rig", "picked"),
    [
        ("qwen3-30b-a3b", "laptop RTX 4060 8GB, 32GB RAM", "Q4_K_M"),
        ("llama-3-8b", "GTX 1060 6GB, 16GB RAM", "Q4_K_M"),
    ],
)
def test_an_offloaded_pick_is_not_slowed_for_a_loss_inside_its_band(
    catalog: Catalog, model: str, rig: str, picked: str
) -> None:
    a = _advice(catalog, model, rig)
    best = a.best
    assert best is not None and best.estimate.verdict == "partial"
    assert best.estimate.quant.id == picked
    assert any(x.startswith(f"quantization: {picked} rather than Q8_0") for x in best.estimate.assumptions)


@pytest.mark.parametrize(
    ("model", "rig"),
    [("qwen3-30b-a3b", "laptop RTX 4060 8GB, 32GB RAM"), ("qwen3-30b-a3b", "RTX 3060 12GB, 64GB RAM")],
)
def test_no_listed_option_of_the_picks_band_and_place_is_clearly_faster(
    catalog: Catalog, model: str, rig: str
) -> None:
    a = _advice(catalog, model, rig)
    best = a.best
    assert best is not None
    e = best.estimate
    peers = [
        o.estimate
        for o in a.options
        if o.estimate.verdict == e.verdict and quality_band(o.estimate.quant.kld) == quality_band(e.quant.kld)
    ]
    assert all(e.speed.decode_tps >= SPEED_TOLERANCE * p.speed.decode_tps for p in peers)


def test_an_asked_quant_gets_no_note_about_the_pick(catalog: Catalog) -> None:
    best = _advice(catalog, "qwen3-30b-a3b", "laptop RTX 4060 8GB, 32GB RAM", quant="Q8_0").best
    assert best is not None
    assert not any(x.startswith("quantization:") for x in best.estimate.assumptions)


# --- a small card: the free-memory margin ---------------------------------------------------------


@pytest.mark.parametrize(
    ("rig", "desktop"),
    [("GTX 1060 6GB, 16GB RAM", True), ("GTX 1060 6GB, 16GB RAM, headless", False)],
)
def test_a_small_card_is_told_the_margin_is_what_offloads_it(
    catalog: Catalog, rig: str, desktop: bool
) -> None:
    a = _advice(catalog, "llama-3-8b", rig, quant="Q4_K_M", context=4096)
    assert a.best is not None and a.best.estimate.verdict == "partial"
    assert "With -ngl 99 --fit off it runs fully on the GPU" in a.summary
    assert ("if no desktop holds part of it" in a.summary) is desktop


def test_a_model_too_big_for_the_card_gets_no_margin_sentence(catalog: Catalog) -> None:
    a = _advice(catalog, "qwen3-30b-a3b", "laptop RTX 4060 8GB, 32GB RAM")
    assert "--fit off it runs fully" not in a.summary


@pytest.mark.parametrize(("model", "rig"), [("qwen2.5-32b", "RTX 3080 10GB"), ("qwen3-32b", "RTX 3060 12GB")])
def test_a_quant_that_breaks_a_mid_size_model_is_never_offered_as_a_fix(
    catalog: Catalog, model: str, rig: str
) -> None:
    switches = [f for f in _advice(catalog, model, rig).fixes if f.change.startswith("use ")]
    assert all(f.estimate.quant.kld < SEVERE_KLD for f in switches), [f.change for f in switches]


def test_mlx_serves_a_model_released_in_mxfp4_as_it_is(catalog: Catalog) -> None:
    advice = advise(catalog.by_id["gpt-oss-120b"], parse_hardware("M4 Max 128GB"), engine="mlx")
    pick = advice.options[0].estimate
    assert pick.quant.id == "MXFP4"
    assert "openai/gpt-oss-120b" in (launch_command(pick) or "")


@pytest.mark.parametrize("model", ["kimi-k2-thinking", "deepseek-v4-flash"])
def test_a_model_released_at_four_bits_is_not_offered_wider_gguf_files(catalog: Catalog, model: str) -> None:
    """Kimi K2 Thinking ships INT4 experts, DeepSeek V4 Flash FP4 ones: a Q6_K or Q8_0 GGUF stores the
    same rounding in more bytes, so even a rig with room to spare is offered the 4-bit files."""
    advice = _advice(catalog, model, "8x H200, 2TB DDR5", engine="llama.cpp")
    assert advice.options and all(o.estimate.quant.bits <= 4.75 for o in advice.options)


def test_a_long_context_moe_keeps_a_smaller_cache_on_the_gpu_and_its_experts_in_ram(catalog: Catalog) -> None:
    """At 256k an f16 cache alone outgrows a 24 GB card, so whole layers would go to RAM (~3 tok/s);
    a q8_0 cache fits beside the attention with the experts in RAM, reading only the active experts
    from RAM each token: several times faster, and the pick."""
    advice = _advice(catalog, "qwen3-coder-30b-a3b", "RTX 3090 Ti, 64GB DDR4", quant="Q8_0", context=262144)
    pick = advice.options[0].estimate
    assert pick.memory.placement.strategy == "expert_offload"
    assert pick.memory.kv_type == "q8_0"


def test_an_exl2_question_is_answered_with_exllamav2_builds(catalog: Catalog) -> None:
    """An EXL2 size asked is exllamav2: its fixes name EXL2 builds, never exllamav3's EXL3 ones."""
    advice = _advice(
        catalog, "mistral-large-2", "2x RTX 3090", engine="exllama", quant="EXL2-3.0", context=16384
    )
    named = [f.estimate.quant.id for f in advice.fixes if f.estimate.engine == "exllama"]
    assert named and all(q.startswith("EXL2-") for q in named)
