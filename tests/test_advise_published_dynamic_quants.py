"""A big MoE whose unsloth repo lists dynamic quants is offered those builds in place of the plain quant
of the same type, sized by their published files, from the repo the command downloads (a point release's
own); a model without such rows keeps the plain GGUF ladder."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, advise, parse_hardware


@pytest.mark.parametrize(
    ("model_id", "rig", "dynamic", "plain"),
    [
        # unsloth/Qwen3-235B-A22B-GGUF lists UD-Q2_K_XL, UD-Q3_K_XL and UD-Q4_K_XL
        (
            "qwen3-235b-a22b",
            "2x rtx 3090, 128gb ddr4",
            {"UD-Q4_K_XL", "UD-Q3_K_XL", "UD-Q2_K_XL"},
            {"Q4_K_M", "Q3_K_M", "Q2_K"},
        ),
        # unsloth/DeepSeek-R1-GGUF lists UD-IQ1_S, UD-IQ1_M, UD-IQ2_XXS and UD-Q2_K_XL
        ("deepseek-r1", "rtx 3090, 192gb ddr5", {"UD-IQ2_XXS", "UD-Q2_K_XL"}, {"IQ2_XXS", "Q2_K"}),
    ],
)
def test_a_big_moe_is_offered_the_dynamic_builds_its_unsloth_repo_lists(
    catalog: Catalog, model_id: str, rig: str, dynamic: set[str], plain: set[str]
) -> None:
    advice = advise(catalog.by_id[model_id], parse_hardware(rig))
    sized = {e.estimate.quant.id for e in advice.options} | {f.estimate.quant.id for f in advice.fixes}
    ranked = sized | {o.estimate.quant.id for o in advice.options}
    assert not ranked & plain
    assert ranked & dynamic


def test_the_dynamic_build_picked_is_downloaded_from_unsloth_with_its_size_said(catalog: Catalog) -> None:
    a = answer_text("which quant of deepseek r1 for an rtx 3090 and 192gb of ddr5?", catalog)
    top = a.options[0]
    assert top.quant.startswith("UD-")
    assert f"unsloth/DeepSeek-R1-GGUF:{top.quant}" in (top.command or "")


def test_a_point_release_takes_only_what_its_own_repo_lists(catalog: Catalog) -> None:
    # the catalog's row of unsloth's repo of the 0528 release lists only these dynamic builds (the
    # January release's repo has plain ones too): none other is offered for that release
    listed = {"UD-IQ1_S", "UD-IQ1_M", "UD-IQ2_XXS", "UD-IQ2_M", "UD-Q2_K_XL", "UD-Q4_K_XL"}
    a = answer_text("which quant of deepseek r1 0528 for an rtx 3090 and 192gb of ddr5?", catalog)
    assert a.options and all(o.quant in listed for o in a.options)


def test_a_dense_model_keeps_the_plain_ladder(catalog: Catalog) -> None:
    advice = advise(catalog.by_id["llama-3.3-70b"], parse_hardware("2x rtx 3090, 64gb ddr4"))
    assert not [o for o in advice.options if o.estimate.quant.id.startswith("UD-")]


def test_a_dynamic_build_that_would_run_clearly_slower_on_the_gpus_leaves_the_plain_quant(
    catalog: Catalog,
) -> None:
    """On eight 24 GB cards the larger UD-Q3_K_XL of GLM-4.6 still fits, but with less room for the
    cache it runs clearly slower than Q3_K_M: the plain quant is the GPU-only option kept."""
    advice = advise(catalog.by_id["glm-4.6"], parse_hardware("8x rtx 3090, 256gb ddr4"))
    by_id = {o.estimate.quant.id: o.estimate for o in advice.options}
    assert "UD-Q3_K_XL" not in by_id
    plain = by_id.get("Q3_K_M")
    assert plain is not None and plain.verdict == "gpu"
