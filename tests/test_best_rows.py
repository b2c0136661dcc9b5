"""A best list is true to its heading: every row runs where the heading says (on unified memory, inside
the GPU's share the OS leaves it), the ranking says what it rests on, the memory assumed is named, one
row per product line, and a model tuned for the asked task ranks with the model it was tuned from."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from sizing import Catalog, best_heading, parse_hardware, rank_best

TODAY = dt.date(2026, 11, 22)
SOURCES = "LMArena, LiveBench"
GIB = 2**30


def _macos_default_share(unified_gb: float) -> float:
    """Bytes macOS lets the GPU wire by default: 2/3 of the memory up to 36 GB, 3/4 above."""
    return unified_gb * GIB * (2 / 3 if unified_gb <= 36 else 3 / 4)


@pytest.mark.parametrize("rig", ["M1 MacBook Air 8GB", "M3 Pro 36GB", "Mac mini M4", "M2 Max 64GB"])
def test_on_a_mac_every_row_fits_macos_default_share(catalog: Catalog, rig: str) -> None:
    hw = parse_hardware(rig)
    found = rank_best(catalog.models, hw, today=TODAY)
    assert found
    share = _macos_default_share(hw.sized_unified_gb or 0)
    for b in found:
        e = b.estimate
        assert e.verdict == "gpu"
        assert not any("iogpu.wired_limit_mb" in s.flag for s in e.memory.placement.settings)
        assert sum(d.used for d in e.memory.placement.devices if d.kind == "gpu") <= share


def test_unified_memory_lists_no_cpu_only_row(catalog: Catalog) -> None:
    found = rank_best(catalog.models, parse_hardware("DGX Spark"), today=TODAY)
    assert found and all(b.estimate.verdict == "gpu" for b in found)


@pytest.mark.parametrize(
    ("rig", "task", "says"),
    [
        ("raspberry pi 4 4gb", None, "ranked by size and recency (no public evaluation scores them)"),
        ("raspberry pi 5 8gb", None, "on the CPU at 10 tokens/s or more (the default wish)"),
        (
            "M1 MacBook Air 8GB",
            None,
            "fully on the GPU within macOS's default share of memory (5.7 of its 8.6 GB)",
        ),
        ("Mac mini M4", None, "Memory not stated: assumed 16 GB, the least the Apple M4"),
        (
            "RTX 5090",
            "code",
            "fully on the GPU, or partly offloaded at 10 tokens/s or more (the default wish)",
        ),
        ("GTX 1050 2GB", None, "partly offloaded or on the CPU at 10 tokens/s or more (the default wish)"),
        ("RTX 5090", "code", "System RAM not stated: assumed 16 GB."),
        ("RTX 3090, 64GB RAM", None, "ranked by public evaluations (LMArena, LiveBench), one model per"),
    ],
)
def test_the_heading_says_how_the_rows_were_chosen(
    catalog: Catalog, rig: str, task: str | None, says: str
) -> None:
    hw = parse_hardware(rig)
    found = rank_best(catalog.models, hw, task=task, today=TODAY)
    assert says in best_heading(found, hw, min_tps=10, wished=False, sources=SOURCES)


HEADED = ["raspberry pi 5 8gb", "RTX 3090, 64GB RAM", "RTX 5090", "M1 MacBook Air 8GB", "GTX 1050 2GB"]


@pytest.mark.parametrize("rig", HEADED)
def test_the_heading_claims_scores_and_placements_only_the_rows_have(catalog: Catalog, rig: str) -> None:
    hw = parse_hardware(rig)
    found = rank_best(catalog.models, hw, today=TODAY)
    heading = best_heading(found, hw, min_tps=10, wished=False, sources=SOURCES)
    scored = [b for b in found if b.quality is not None]
    ranked = [b for b in found if b.newer_than is None]  # a new release sits by its predecessor
    assert ("ranked by public evaluations" in heading) == bool(scored)
    assert ("the models no board scores after them" in heading) == (0 < len(scored) < len(ranked))
    assert ("newest release no board scores yet" in heading) == (len(ranked) < len(found))
    verdicts = {b.estimate.verdict for b in found}
    assert ("partly offloaded" in heading) == ("partial" in verdicts)
    assert ("on the CPU at" in heading) == ("cpu" in verdicts)


@pytest.mark.parametrize("wished", [True, False])
def test_the_heading_says_whose_speed_it_is(catalog: Catalog, wished: bool) -> None:
    hw = parse_hardware("i7-12700, 64GB DDR5")
    found = rank_best(catalog.models, hw, min_tps=5, today=TODAY)
    heading = best_heading(found, hw, min_tps=5, wished=wished, sources=SOURCES)
    assert ("5 tokens/s or more (as asked)" in heading) is wished


@pytest.mark.parametrize("rig", ["raspberry pi 5 8gb", "i7-12700, 32GB DDR4", "M1 MacBook Air 8GB"])
def test_releases_of_one_size_class_share_a_row(catalog: Catalog, rig: str) -> None:
    found = rank_best(catalog.models, parse_hardware(rig), limit=20, today=TODAY)
    ids = [b.estimate.model.id for b in found]
    assert not {"qwen2-0.5b", "qwen2.5-0.5b"} <= set(ids)
    assert not {"qwen2-1.5b", "qwen2.5-1.5b"} <= set(ids)


def _general_30b_a3b(ids: list[str]) -> str:
    """The one Qwen3 30B A3B release a list shows for the line (the April 2025 one or a 2507 refresh)."""
    (found,) = [i for i in ids if i.startswith("qwen3-30b-a3b")]
    return found


def test_a_coder_ranks_above_the_general_model_it_was_tuned_from_on_code(catalog: Catalog) -> None:
    found = rank_best(catalog.models, parse_hardware("RTX 5090, 64GB RAM"), task="code", today=TODAY)
    ids = [b.estimate.model.id for b in found]
    general_id = _general_30b_a3b(ids)
    assert ids.index("qwen3-coder-30b-a3b") < ids.index(general_id)
    coder = found[ids.index("qwen3-coder-30b-a3b")]
    general = found[ids.index(general_id)]
    assert coder.quality == general.quality
    assert "which it is tuned from for code" in coder.basis


@pytest.mark.parametrize("task", [None, "chat", "roleplay", "creative writing"])
def test_a_list_for_a_general_task_holds_no_coder(catalog: Catalog, task: str | None) -> None:
    found = rank_best(catalog.models, parse_hardware("RTX 5090, 64GB RAM"), task=task, limit=30, today=TODAY)
    assert found and all(b.estimate.model.tasks[0] != "code" for b in found)


def test_the_heading_gives_the_lowest_quantizations_bits_over_its_models_layers(catalog: Catalog) -> None:
    hw = parse_hardware("RTX 3090, 64GB RAM")
    found = rank_best(catalog.models, hw, today=TODAY)
    heading = best_heading(found, hw, min_tps=10.0, wished=False, sources="boards")
    m = re.search(r"Q3_K_M \(about (\d+\.\d)(?:-(\d+\.\d))? bits a weight in these models' layers\)", heading)
    assert m is not None, heading
    lo, hi = float(m.group(1)), float(m.group(2) or m.group(1))
    # Q3_K_M layers keep some tensors at Q4_K-Q6_K above their 3.44-bit blocks, by an amount per model
    assert 3.5 <= lo <= hi <= 4.6
