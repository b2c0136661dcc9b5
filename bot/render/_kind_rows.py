"""The rows every renderer shows for the kinds with keys of their own: the rigs a model needs, the
largest models a rig holds, and rigs or models side by side. Plain strings; each renderer escapes
and lays them out its own way."""

from __future__ import annotations

import re
from collections.abc import Sequence

from sizing import EstimateContract, HardwareContract

from ..answers import CapacityLimit, CompareAnswer, Comparison, PurchaseAnswer, RigOption
from ._words import VERDICT_WORD, fmt_gb, fmt_tps

__all__ = [
    "COMPARE_HEADER",
    "LIMIT_HEADER",
    "RIG_HEADER",
    "comparison_row",
    "cost",
    "how",
    "kind_title",
    "limit_row",
    "price_pages",
    "prices_mixed",
    "rig_cost",
    "rig_header",
    "rig_label",
    "rig_row",
    "size_b",
]

RIG_HEADER = ["Rig", "Quant", "How", "tok/s", "Memory", "Cost"]
LIMIT_HEADER = ["Quant", "KV", "Context", "Largest dense", "Largest MoE", "For example"]
COMPARE_HEADER = ["Rig", "Model", "Quant", "Fit", "tok/s", "Prompt tok/s", "Cost", "Quality"]


def rig_label(hw: HardwareContract) -> str:
    """'4x NVIDIA GeForce RTX 3090', 'NVIDIA GeForce RTX 3090 + EPYC 9654 + 768 GB RAM',
    'Apple M3 Ultra (80-core GPU) 512 GB', 'EPYC 9654 + 768 GB RAM'. The CPU is named where the
    rig's point is its RAM."""
    parts = [f"{g.count}x {g.label}" if g.count > 1 else g.label for g in hw.gpus]
    if hw.soc:
        parts.append(f"{hw.soc} {hw.unified_memory_gb:g} GB" if hw.unified_memory_gb else hw.soc)
    if hw.ram_gb and (hw.gpus or not hw.soc):
        if hw.cpu:
            parts.append(hw.cpu)
        parts.append(f"{hw.ram_gb:g} GB RAM")
    return " + ".join(parts) or "no hardware"


def how(e: EstimateContract) -> str:
    """'llama.cpp, 4 GPUs', 'vllm, TP 8 x PP 2', 'sglang, DP attention 8', 'llama.cpp, experts in RAM'."""
    p = e.placement
    gpus = sum(1 for d in p.devices if d.kind == "gpu")
    if p.data_parallel > 1:
        return f"{e.engine}, DP attention {p.data_parallel}"
    if p.strategy == "expert_offload":
        return f"{e.engine}, experts in RAM"
    if p.strategy == "tensor_parallel":
        tp = max(p.tensor_parallel, 1)
        return f"{e.engine}, TP {tp}" + (f" x PP {gpus // tp}" if gpus > tp else "")
    if p.strategy == "layer_offload":
        return f"{e.engine}, layers in RAM"
    return f"{e.engine}, {gpus} GPUs" if gpus > 1 else e.engine


def price_pages(rigs: list[RigOption]) -> list[str]:
    """The public pages the rigs' prices come from, each once."""
    pages = (w.rstrip(";") for o in rigs if o.price_source for w in o.price_source.split())
    return list(dict.fromkeys(w for w in pages if w.startswith("https://")))


def cost(price_usd: float | None, covers: str | None = None, *, mixed: bool = False) -> str:
    """'~$4,800'; '~$8,630 (GPU and RAM only)', '~$1,920 (RAM only)' when the price leaves parts of
    the rig out; with `mixed` (a table whose prices cover different things), every price says what it
    covers: '~$1,600 (cards only)', '~$4,000 (whole computer)'. No price: '$1,999+' where the words
    give a floor (an unpriced Mac: "at least $1,999"), else '-'."""
    floor = _FLOOR.search(covers or "") if price_usd is None else None
    if price_usd is None and floor is None:
        return "-"
    scope = next((s for s in _PARTIAL_SCOPES if covers is not None and f"; {s}" in covers), None)
    if scope is None and mixed:
        scope = next((said for s, said in _WHOLE_SCOPES if covers is not None and f"; {s}" in covers), None)
    said = f"${floor.group(1)}+" if floor is not None else f"~${price_usd:,.0f}"
    return said + (f" ({scope})" if scope else "")


def prices_mixed(covers: Sequence[str | None]) -> bool:
    """Whether the prices of one table cover different things (cards alone, cards and RAM, a whole
    computer): then each says what it covers, never ranked as if each were the whole cost."""
    kinds = {_covers(c) for c in covers if c}
    return len(kinds - {None}) > 1


def _covers(words: str) -> str | None:
    return next((s for s in (*_PARTIAL_SCOPES, *(w for w, _ in _WHOLE_SCOPES)) if f"; {s}" in words), None)


def rig_cost(o: RigOption, mixed: bool = False) -> str:
    """A proposed rig's cost, marked where it is above the asker's budget."""
    return cost(o.price_usd, o.price_source, mixed=mixed) + (", over budget" if o.over_budget else "")


# what a rig's price leaves out, as its words say ("...; GPU and RAM only"), the wider first
_PARTIAL_SCOPES = ("GPU and RAM only", "RAM only")
# what a whole price covers, as its words say, and how a table with mixed prices says it
_WHOLE_SCOPES = (("GPUs only", "cards only"), ("the computer", "whole computer"))
_FLOOR = re.compile(r"\(at least \$(\d{1,3}(?:,\d{3})*)")


def size_b(x: float) -> str:
    """'30B', '1.1T', '0.5B', or '-' when nothing fits."""
    if x <= 0:
        return "-"
    if x >= 1000:
        return f"{x / 1000:g}T"
    return f"{x:g}B"


def rig_header(with_model: bool) -> list[str]:
    return [RIG_HEADER[0], "Model", *RIG_HEADER[1:]] if with_model else list(RIG_HEADER)


def rig_row(o: RigOption, with_model: bool, mixed: bool = False) -> list[str]:
    e = o.estimate
    row = [rig_label(o.hardware)]
    if with_model:
        row.append(e.model.name)
    return [
        *row,
        e.quant,
        how(e),
        # several users at once: what each one sees
        fmt_tps(
            e.speed.serving.waited_tps
            if e.speed.serving and e.speed.serving.users > 1
            else e.speed.decode_tps
        ),
        fmt_gb(e.memory.total_gb),
        rig_cost(o, mixed),
    ]


def limit_row(x: CapacityLimit, examples: int = 2) -> list[str]:
    return [
        x.quant,
        x.kv_type,
        f"{x.context:,}",
        size_b(x.max_dense_params_b) + (" (speed)" if x.speed_bound else ""),
        size_b(x.max_moe_total_params_b),
        ", ".join(x.example_names[:examples]) or "-",
    ]


def comparison_row(c: Comparison, winner: bool, mixed: bool = False) -> list[str]:
    e = c.estimate
    mark = "★ " if winner else ""
    if e is None:
        return [
            mark + rig_label(c.hardware),
            c.model.name,
            "-",
            "cannot size",
            "-",
            "-",
            cost(c.price_usd, c.price_source, mixed=mixed),
            "-",
        ]
    fit = VERDICT_WORD[e.placement.verdict]
    runs = e.placement.verdict != "no"
    return [
        mark + rig_label(c.hardware),
        c.model.name,
        e.quant,
        fit,
        fmt_tps(e.speed.decode_tps) if runs else "-",
        fmt_tps(e.speed.prefill_tps) if runs else "-",
        cost(c.price_usd, c.price_source, mixed=mixed) + (", over budget" if c.over_budget else ""),
        f"{c.quality:g}" if c.quality is not None else "-",
    ]


def kind_title(a: CompareAnswer | PurchaseAnswer) -> str:
    """The title of a side-by-side table: rigs compared, or rigs to buy for a budget."""
    if isinstance(a, PurchaseAnswer):
        return "rigs to buy, best first (over budget last)"
    return "side by side"
