"""Answers (and parse/estimate results) -> rich renderables for the terminal."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from sizing import EstimateContract, HardwareContract, engine_kv_name
from sizing.vocabulary import Verdict

from ..answers import (
    Answer,
    BestOption,
    CapacityAnswer,
    CompareAnswer,
    PurchaseAnswer,
    RankedOption,
    RequirementsAnswer,
)
from ._advice_lines import command_lines, device_parts, fit_text, kv_contexts
from ._kind_rows import (
    COMPARE_HEADER,
    LIMIT_HEADER,
    comparison_row,
    kind_title,
    limit_row,
    price_pages,
    prices_mixed,
    rig_header,
    rig_row,
)
from ._speed_lines import measured_text, speed_curve_text
from ._words import (
    VERDICT_WORD,
    fmt_quality,
    fmt_row_tps,
    fmt_tps,
    kv_copies,
    memory_shortfall_gb,
    speed_basis,
    speed_range,
)
from ._words import fmt_gb as _gb

__all__ = ["render_answer", "render_estimate", "render_parse"]

_VERDICT_STYLE: dict[Verdict, str] = {
    "gpu": "bold green",
    "partial": "bold yellow",
    "cpu": "bold yellow",
    "no": "bold red",
}


def render_parse(hw: HardwareContract) -> RenderableType:
    t = Table(title="Hardware as read", show_header=True, header_style="bold")
    t.add_column("device")
    t.add_column("count", justify="right")
    t.add_column("memory", justify="right")
    for g in hw.gpus:
        mem = f"{g.vram_gb:g} GB VRAM" if g.vram_gb else "shared"
        t.add_row(Text(g.name), str(g.count), mem)
    if hw.soc:
        um = hw.unified_memory_gb
        t.add_row(Text(hw.soc), "1", f"{um:g} GB unified" if um else "?")
    if hw.ram_gb:
        t.add_row("system RAM", "", f"{hw.ram_gb:g} GB")
    if hw.cpu:
        sockets = hw.cpu_sockets or 1
        t.add_row(Text(hw.cpu), str(sockets), "")
    parts: list[RenderableType] = [t]
    if not (hw.gpus or hw.soc or hw.ram_gb or hw.cpu):
        parts = [Text("No hardware found in that text.", style="yellow")]
    for a in hw.assumptions:
        parts.append(Text(f"• {a}", style="dim"))
    return Group(*parts)


def render_estimate(c: EstimateContract) -> RenderableType:
    p = c.placement
    s = c.speed
    m = c.memory
    head = Text()
    head.append(f"{c.model.name} ", style="bold")
    head.append(f"{c.quant}, {c.context:,} context, {c.engine}/{c.backend}: ")
    head.append(VERDICT_WORD[p.verdict], style=_VERDICT_STYLE[p.verdict])
    if p.verdict != "no":
        head.append(
            f"  ~{fmt_tps(s.decode_tps)} tok/s{speed_basis(c)} ({speed_range(c)}), "
            f"prompt ~{fmt_tps(s.prefill_tps)} tok/s"
        )
    elif (short := memory_shortfall_gb(c)) is not None:
        head.append(f"  {short:.1f} GB short")
    t = Table(show_header=True, header_style="bold")
    for col in ("device", "weights", "KV cache", "overhead", "used / capacity", "free", "layers"):
        t.add_column(col, justify="right" if col != "device" else "left")
    for d in p.devices:
        layers = str(d.layers) + (
            f" (+{d.expert_layers} expert)" if d.expert_layers and d.kind == "cpu" else ""
        )
        free_style = "red" if d.free_gb < 0 else ""
        t.add_row(
            Text(d.name),
            _gb(d.weights_gb),
            _gb(d.kv_cache_gb),
            _gb(d.overhead_gb),
            f"{d.used_gb:.1f} / {d.capacity_gb:.1f} GB",
            Text(_gb(d.free_gb), style=free_style),
            layers,
        )
    foot = Text(
        f"total {m.total_gb:.1f} GB = weights {m.weights_gb:.1f} + KV {m.kv_cache_gb:.1f}{kv_copies(c)} "
        f"+ overhead {m.overhead_gb:.1f}",
        style="dim",
    )
    parts: list[RenderableType] = [head, t, foot]
    for line in (*device_parts(c), fit_text(c), speed_curve_text(c), measured_text(c)):
        if line:
            parts.append(Text(line, style="dim"))
    for i, line in enumerate(command_lines(c)):
        parts.append(Text(("run: " if i == 0 else "     ") + line, style="cyan"))
    for a in c.assumptions:
        parts.append(Text(f"• {a}", style="dim"))
    return Group(*parts)


def render_answer(a: Answer) -> RenderableType:
    if a.kind in ("clarify", "error"):
        parts: list[RenderableType] = [
            Text(a.message or a.verdict, style="yellow" if a.kind == "clarify" else "red")
        ]
        if a.hint:
            parts.append(Text(a.hint, style="dim"))
        return Group(*parts)
    parts = [Text(a.verdict, style="bold")]
    if isinstance(a, RequirementsAnswer | CapacityAnswer | CompareAnswer | PurchaseAnswer):
        parts.extend(_kind_parts(a))
    elif a.kind == "best":
        t = Table(show_header=True, header_style="bold")
        for col in ("model", "quant", "fit", "tok/s", "memory", "quality"):
            t.add_column(col)
        for o in a.options:
            v = o.placement.verdict
            quality = o.quality if isinstance(o, BestOption) else None
            t.add_row(
                Text(o.model.name),
                o.quant,
                Text(VERDICT_WORD[v], style=_VERDICT_STYLE[v]),
                fmt_row_tps(o, 0),
                _gb(o.memory.total_gb),
                fmt_quality(quality),
            )
        parts.append(t)
        parts.extend(Text(f"ℹ {h}", style="dim") for h in a.hints)
    else:
        if a.best is not None:
            parts.append(render_estimate(a.best))
        if len(a.options) > 1:
            t = Table(title="other options", show_header=True, header_style="bold")
            with_model = len({x.model.id for x in a.options}) > 1  # options of two models asked about
            for col in ("model",) * with_model + (
                "quant",
                "KV",
                "fit",
                "tok/s",
                "memory",
                "max context by KV cache",
            ):
                t.add_column(col)
            for o in a.options[1:6]:
                v = o.placement.verdict
                by_kv = o.max_context_by_kv if isinstance(o, RankedOption) else {}
                t.add_row(
                    *((Text(o.model.name),) if with_model else ()),
                    o.quant,
                    engine_kv_name(o.kv_type, o.engine),
                    Text(VERDICT_WORD[v], style=_VERDICT_STYLE[v]),
                    fmt_row_tps(o, 1),
                    _gb(o.memory.total_gb),
                    kv_contexts(by_kv, o.engine) if by_kv else "-",
                )
            parts.append(t)
        top = a.best
        if isinstance(top, RankedOption) and top.max_context_by_kv:
            parts.append(
                Text(
                    f"longest context by KV cache: {kv_contexts(top.max_context_by_kv, top.engine)}",
                    style="dim",
                )
            )
        for f in a.fixes:
            parts.append(Text(f"→ {f.change}: ~{f.estimate.speed.decode_tps:.1f} tok/s", style="cyan"))
        for h in a.hints:
            parts.append(Text(f"ℹ {h}", style="dim"))
    if a.cached:
        parts.append(Text("(cached answer)", style="dim"))
    return Group(*parts)


def _table(header: list[str], rows: list[list[str]], title: str | None = None) -> Table:
    t = Table(title=title, show_header=True, header_style="bold")
    for col in header:
        t.add_column(
            col, justify="right" if "tok/s" in col or col in ("Memory", "Cost", "Quality") else "left"
        )
    for row in rows:
        t.add_row(*(Text(c) for c in row))
    return t


def _kind_parts(
    a: RequirementsAnswer | CapacityAnswer | CompareAnswer | PurchaseAnswer,
) -> list[RenderableType]:
    """The table of a requirements, capacity or compare answer, and its notes."""
    parts: list[RenderableType] = []
    if isinstance(a, RequirementsAnswer):
        with_model = len({o.estimate.model.id for o in a.rigs}) > 1
        mixed = prices_mixed([o.price_source for o in a.rigs])
        rows = [rig_row(o, with_model, mixed) for o in a.rigs]
        if rows:  # no rig runs it: the verdict says why, an empty table says nothing
            parts.append(_table(rig_header(with_model), rows, "rigs, cheapest first"))
        pages = price_pages(a.rigs)
        if pages:
            parts.append(Text("prices from: " + " ".join(pages), style="dim"))
        for n in a.notes:
            parts.append(Text(f"✗ {n}", style="dim"))
    elif isinstance(a, CapacityAnswer):
        parts.append(_table(LIMIT_HEADER, [limit_row(x, 3) for x in a.limits], "largest models that fit"))
        for o in a.options:
            parts.append(Text(f"{o.model.name} at {o.quant}: ~{o.speed.decode_tps:.1f} tok/s", style="cyan"))
    else:
        mixed = prices_mixed([c.price_source for c in a.comparisons])
        rows = [comparison_row(c, i == a.winner, mixed) for i, c in enumerate(a.comparisons)]
        if rows:
            parts.append(_table(COMPARE_HEADER, rows, kind_title(a)))
        sources = {
            c.model.id: f"quality of {c.model.name}: {c.quality_source}"
            for c in a.comparisons
            if c.quality_source
        }
        parts.extend(Text(line, style="dim") for line in sources.values())
        if isinstance(a, PurchaseAnswer):
            parts.extend(Text(f"• {x}", style="dim") for x in a.assumptions)
    for h in a.hints:
        parts.append(Text(f"ℹ {h}", style="dim"))
    return parts
