"""Fixes say what they rest on: each says its context (two fixes at different contexts compare), a
fit that needs macOS's GPU wired limit raised says the sysctl, and Qwen3's longer contexts are run
with YaRN as its model card says rather than capped at the shipped config."""

from __future__ import annotations

import pytest

from sizing import Catalog, advise, parse_hardware


@pytest.mark.parametrize("model", ["qwen3-8b", "qwen3-14b", "qwen3-32b", "qwen3-30b-a3b"])
def test_qwen3_past_its_shipped_config_runs_with_yarn_not_a_cap(catalog: Catalog, model: str) -> None:
    spec = catalog.by_id[model]
    top = advise(spec, parse_hardware("RTX 6000 Ada, 128GB RAM"), context=65536).options[0].estimate
    assert top.context == 65536
    assert any("YaRN" in n for n in top.assumptions)
    assert spec.yarn_for(65536) == (2.0, 32768)


@pytest.mark.parametrize(
    ("context", "factor"),
    [
        (65536, 2.0),  # twice the original length: factor 2, as Qwen3's card advises for 65,536
        (45000, 1.4),  # 1.37 times, up to a tenth
        (100000, 3.1),
        (131072, 4.0),  # the card's longest context: the card's own factor
        (262144, 4.0),  # never past the card's factor
    ],
)
def test_the_yarn_factor_is_the_smallest_that_covers_the_context(
    catalog: Catalog, context: int, factor: float
) -> None:
    assert catalog.by_id["qwen3-32b"].yarn_for(context) == (factor, 32768)


def test_qwen3_within_its_shipped_config_needs_no_yarn(catalog: Catalog) -> None:
    assert catalog.by_id["qwen3-32b"].yarn_for(32768) is None


def _mlx_fixes(catalog: Catalog) -> list[tuple[str, int]]:
    a = advise(
        catalog.by_id["qwen3-30b-a3b"],
        parse_hardware("MacBook Pro M3 Pro 36GB"),
        engine="mlx",
        quant="MLX-8bit",
        context=65536,
    )
    return [(f.change, f.estimate.context) for f in a.fixes]


def test_a_shorter_context_that_fits_only_under_a_raised_wired_limit_says_the_sysctl(
    catalog: Catalog,
) -> None:
    shorter = [c for c, _ in _mlx_fixes(catalog) if c.startswith("shorten the context")]
    assert shorter
    assert all("iogpu.wired_limit_mb" in c for c in shorter)


def test_a_smaller_quant_fix_says_its_context(catalog: Catalog) -> None:
    smaller = [(c, n) for c, n in _mlx_fixes(catalog) if c.startswith("use ")]
    assert smaller
    assert all(f"{n:,} context" in c for c, n in smaller)
