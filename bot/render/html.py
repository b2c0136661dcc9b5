"""Answer -> an HTML fragment for the web page: the verdict, how the question was read, the memory
chart (inline SVG), the options, the command to run, the assumptions, and the catalog version.

Every piece of text goes through `markupsafe.escape` on its way in (`_el` escapes every child and
attribute value that is not already markup), so user text (echoed in error messages, the
hardware as read, model names of a published catalog) is never markup. The fragment holds no
script, no event-handler attribute and no style attribute: the page's stylesheet styles it by
class, which a strict Content-Security-Policy allows.

Each kind has a small section function reading the typed Answer (`SECTIONS`); a kind without one
(a new kind) is rendered from its fields (`_generic`), so it shows up before it gets its own.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence

from markupsafe import Markup, escape
from pydantic import BaseModel

from sizing import DeviceContract, EstimateContract, HardwareContract, ModelRef, engine_kv_name

from ..answers import Answer, RankedOption
from ._speed_lines import speed_curve_text
from ._words import (
    VERDICT_WORD,
    fmt_gb,
    fmt_tps,
    kv_copies,
    memory_shortfall_gb,
    option_summary,
    speed_basis,
    speed_range,
)

__all__ = ["SECTIONS", "answer_html", "memory_svg", "rig_text"]

_SAFE_URL = re.compile(r"https?://[A-Za-z0-9._~:/?#@!$&'*+,;=%-]+")
_NAME_CHARS = 56  # device names in the chart
_CHART_DEVICES = 8


# --- a tiny escaping builder --------------------------------------------------------------------


def _el(tag: str, *children: object, **attrs: object) -> Markup:
    """<tag attrs>children</tag>. Tags and attribute names are ours; every value is escaped
    (class_ -> class, data_x -> data-x; None or False leaves an attribute out)."""
    parts = [tag]
    for name, value in attrs.items():
        if value is None or value is False:
            continue
        key = name.rstrip("_").replace("_", "-")
        parts.append(key if value is True else f'{key}="{escape(value)}"')
    inner = Markup("").join(escape(c) for c in children if c is not None)
    return Markup(f"<{' '.join(parts)}>") + inner + Markup(f"</{tag}>")


def _join(items: Iterable[object], sep: str = "") -> Markup:
    return Markup(sep).join(escape(i) for i in items)


def _table(header: Sequence[str], rows: Iterable[Sequence[object]], numeric: Sequence[bool]) -> Markup:
    """A table in a scrolling wrapper (phones): numeric columns right-aligned by class."""
    head = _el(
        "tr",
        *(
            _el("th", h, scope="col", class_="num" if n else None)
            for h, n in zip(header, numeric, strict=True)
        ),
    )
    body = _join(
        _el("tr", *(_el("td", c, class_="num" if n else None) for c, n in zip(r, numeric, strict=True)))
        for r in rows
    )
    return _el("div", _el("table", _el("thead", head), _el("tbody", body)), class_="scroll")


def _list(items: Iterable[object], class_: str | None = None) -> Markup:
    seen: list[object] = []
    for i in items:
        if i not in seen:
            seen.append(i)
    return _el("ul", *(_el("li", i) for i in seen), class_=class_) if seen else Markup("")


def _section(title: str, *body: object, class_: str | None = None) -> Markup:
    return _el("section", _el("h3", title), *body, class_=class_)


def _link(url: str, text: str) -> Markup:
    if not _SAFE_URL.fullmatch(url):
        return escape(text)
    return _el("a", text, href=url, rel="noopener noreferrer nofollow")


# --- shared pieces ------------------------------------------------------------------------------


def rig_text(hw: HardwareContract | None) -> str:
    """'2× NVIDIA GeForce RTX 3090 (24 GB each), 64 GB DDR5 RAM, Ryzen 9 7950X' from the parse contract."""
    if hw is None:
        return ""
    parts = []
    for g in hw.gpus:
        mem = f" ({g.vram_gb:g} GB{' each' if g.count > 1 else ''})" if g.vram_gb else ""
        parts.append(f"{g.count}× {g.name}{mem}")
    if hw.soc:
        um = hw.unified_memory_gb
        parts.append(hw.soc + (f" ({um:g} GB unified)" if um else ""))
    if hw.ram_gb:
        parts.append(" ".join(x for x in (f"{hw.ram_gb:g} GB", hw.ram_type, "RAM") if x))
    if hw.cpu:
        parts.append(hw.cpu)
    return ", ".join(parts)


def _model_text(m: ModelRef) -> str:
    active = f", {m.active_params_b:g}B active" if m.active_params_b else ""
    return f"{m.name} ({m.total_params_b:g}B{active})"


def _verdict(a: Answer) -> Markup:
    tone: str
    if a.kind in ("clarify", "error"):
        text = (a.error if a.kind == "error" else None) or a.message or a.verdict
        tone = a.kind
    else:
        text = a.verdict or a.message or ""
        best = a.best
        tone = best.placement.verdict if a.kind == "estimate" and best is not None else "info"
    out = _el("p", text, id="verdict", class_=f"verdict tone-{tone}", data_kind=a.kind)
    if a.hint:
        out += _el("p", a.hint, class_="hint")
    return out


def _reading(a: Answer) -> Markup:
    q = a.question
    rows: list[tuple[str, str]] = []
    if q.models:
        rows.append(
            ("Model" if len(q.models) == 1 else "Models", "; ".join(_model_text(m) for m in q.models))
        )
    rig = rig_text(q.hardware)
    if rig:
        rows.append(("Hardware", rig))
    if q.context:
        rows.append(("Context", f"{q.context:,} tokens"))
    if q.task:
        rows.append(("Task", q.task))
    if q.missing:
        rows.append(("Missing", ", ".join(q.missing)))
    if not rows:
        return Markup("")
    items = _join(_el("div", _el("dt", k), _el("dd", v)) for k, v in rows)
    return _el("dl", items, class_="reading", aria_label="How the question was read")


def _versions(a: Answer) -> Markup:
    bits = [f"catalog {a.catalog_version or 'unknown'}", f"estimator {a.estimator_version or 'unknown'}"]
    if a.cached:
        bits.append("cached")
    return _el("p", "Answered with " + " · ".join(bits), class_="versions")


def _fit(o: EstimateContract) -> Markup:
    v = o.placement.verdict
    word = VERDICT_WORD[v] + (" (tight)" if o.placement.fit == "tight" and v != "no" else "")
    return _el("span", word, class_=f"fit tone-{v}")


def _tps(o: EstimateContract) -> str:
    return "–" if o.placement.verdict == "no" else f"{fmt_tps(o.speed.decode_tps)} ({speed_range(o)})"


def _head(o: EstimateContract) -> str:
    return f"{o.model.name} · {o.quant} · {o.context:,} context · {o.engine}/{o.backend}"


# --- the memory chart ---------------------------------------------------------------------------

_PARTS: tuple[tuple[Callable[[DeviceContract], float], str, str], ...] = (
    (lambda d: d.weights_gb, "weights", "seg-weights"),
    (lambda d: d.kv_cache_gb, "KV cache", "seg-kv"),
    (lambda d: d.overhead_gb, "overhead", "seg-overhead"),
)


def _short(name: str) -> str:
    name = " ".join(name.split())
    return name if len(name) <= _NAME_CHARS else name[: _NAME_CHARS - 1] + "…"


def _n(x: float) -> str:
    return f"{x:.1f}"


def memory_svg(option: EstimateContract) -> Markup:
    """An inline SVG of memory per device: stacked weights / KV cache / overhead over a track as
    long as the device's capacity, with a marker at the capacity (the data of `bot.render.chart`'s
    PNG), styled by class. Names sit above their bars, so it stays legible on a phone."""
    devices = option.placement.devices[:_CHART_DEVICES]
    if not devices:
        return Markup("")
    width, bar_w, row_h, top = 460, 320, 46, 30
    used = [sum(max(part(d), 0.0) for part, _, _ in _PARTS) for d in devices]
    top_gb = max([*used, *(max(d.capacity_gb, 0.0) for d in devices), 1e-9])
    scale = bar_w / top_gb
    shapes: list[Markup] = []
    x = 0.0
    for _, label, cls in (*_PARTS, (None, "capacity", "cap")):
        shapes.append(_el("rect", x=_n(x), y="4", width="11", height="11", class_=cls))
        shapes.append(_el("text", label, x=_n(x + 15), y="14", class_="legend"))
        x += 26 + 7 * len(label)
    for i, d in enumerate(devices):
        y = top + i * row_h
        cap_x = max(d.capacity_gb, 0.0) * scale
        shapes.append(_el("text", _short(d.name), x="0", y=_n(y + 12), class_="dev"))
        shapes.append(_el("rect", x="0", y=_n(y + 18), width=_n(cap_x), height="14", class_="track"))
        left = 0.0
        for part, label, cls in _PARTS:
            w = max(part(d), 0.0) * scale
            if w > 0:
                shapes.append(
                    _el(
                        "rect",
                        _el("title", f"{d.name}: {label} {fmt_gb(part(d))}"),
                        x=_n(left),
                        y=_n(y + 18),
                        width=_n(w),
                        height="14",
                        class_=cls,
                    )
                )
            left += w
        shapes.append(
            _el("line", x1=_n(cap_x), x2=_n(cap_x), y1=_n(y + 15), y2=_n(y + 35), class_="cap-line")
        )
        over = used[i] > d.capacity_gb + 1e-9
        amount = f"{used[i]:.1f} / {d.capacity_gb:.1f} GB"
        shapes.append(
            _el(
                "text",
                amount,
                x=_n(max(left, cap_x) + 5),
                y=_n(y + 30),
                class_="amount over" if over else "amount",
            )
        )
    title = f"Memory per device for {_head(option)}: " + "; ".join(
        f"{d.name} {u:.1f} of {d.capacity_gb:.1f} GB" for d, u in zip(devices, used, strict=True)
    )
    height = top + row_h * len(devices)
    return _el(
        "svg",
        _el("title", title),
        *shapes,
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {width} {math.ceil(height)}",
        role="img",
        class_="chart",
    )


# --- sections per kind --------------------------------------------------------------------------


def _devices(o: EstimateContract) -> Markup:
    rows = []
    for d in o.placement.devices:
        layers = str(d.layers) + (
            f" (+{d.expert_layers} expert)" if d.expert_layers and d.kind == "cpu" else ""
        )
        rows.append(
            [
                d.name,
                fmt_gb(d.weights_gb),
                fmt_gb(d.kv_cache_gb),
                fmt_gb(d.overhead_gb),
                f"{d.used_gb:.1f} / {d.capacity_gb:.1f} GB",
                _el("span", fmt_gb(d.free_gb), class_="over" if d.free_gb < 0 else None),
                layers,
            ]
        )
    header = ("Device", "Weights", "KV cache", "Overhead", "Used / capacity", "Free", "Layers")
    return _table(header, rows, (False, True, True, True, True, True, True))


def _facts(o: EstimateContract) -> Markup:
    m, s = o.memory, o.speed
    facts: list[tuple[str, object]] = []
    if o.placement.verdict == "no":
        if (short := memory_shortfall_gb(o)) is not None:
            facts.append(("Short by", fmt_gb(short)))
    else:
        facts.append(
            (
                "Speed",
                f"~{fmt_tps(s.decode_tps)} tokens/s generating{speed_basis(o)} ({speed_range(o)}), "
                f"~{fmt_tps(s.prefill_tps)} tokens/s reading the prompt",
            )
        )
        curve = speed_curve_text(o)
        if curve:
            facts.append(("Over the context", curve))
    facts.append(
        (
            "Memory",
            f"{fmt_gb(m.total_gb)} = weights {m.weights_gb:.1f} + KV cache {m.kv_cache_gb:.1f}{kv_copies(o)} "
            f"({engine_kv_name(o.kv_type, o.engine)}) + overhead {m.overhead_gb:.1f}",
        )
    )
    for meas in (x for x in s.measured if x.kind == "decode"):
        lo, hi = meas.tps_range
        span = fmt_tps(lo) if lo == hi else f"{fmt_tps(lo)}-{fmt_tps(hi)}"
        model = "" if meas.exact_model else f"{meas.model}, "
        setup = f"{model}{meas.engine}/{meas.backend}, {meas.quant}"
        text = f"{span} tokens/s ({meas.test}) on {meas.device}, {setup} "
        facts.append(("Measured", _join([text, _link(meas.source, "(source)")])))
        break
    return _el("dl", _join(_el("div", _el("dt", k), _el("dd", v)) for k, v in facts), class_="facts")


def _command(o: EstimateContract) -> Markup:
    if not o.command:
        return Markup("")
    out = _el("pre", _el("code", o.command), class_="command")
    settings = [f"{s.flag}: {s.why}" for s in o.placement.settings]
    return _section("Run it", out, _list(settings), class_="run")


def _options(options: Sequence[EstimateContract], *, ranked: bool) -> Markup:
    with_model = len({o.model.id for o in options}) > 1 or not ranked
    rows = []
    for i, o in enumerate(options, 1):
        mc = o.max_context if isinstance(o, RankedOption) else None
        row: list[object] = [str(i)]
        row += [o.model.name] if with_model else []
        row += [
            o.quant,
            engine_kv_name(o.kv_type, o.engine),
            f"{o.context:,}",
            _fit(o),
            _tps(o),
            fmt_gb(o.memory.total_gb),
        ]
        row += [f"{mc:,}" if mc else "–"] if ranked else [f"{o.engine}/{o.backend}"]
        rows.append(row)
    header = ["#", *(["Model"] if with_model else []), "Quant", "KV", "Context", "Fit", "tok/s", "Memory"]
    header.append("Max context on GPU" if ranked else "Engine")
    numeric = [True, *([False] if with_model else []), False, False, True, False, True, True, ranked]
    return _table(header, rows, numeric)


def _assumptions(a: Answer) -> Markup:
    items = list(a.question.hardware.assumptions) if a.question.hardware is not None else []
    if a.best is not None:
        items += a.best.assumptions
    return _section("Assumptions", _list(items), class_="assumptions") if items else Markup("")


def _hints(a: Answer) -> Markup:
    return _section("Worth knowing", _list(a.hints)) if a.hints else Markup("")


def _fixes(a: Answer) -> Markup:
    if not a.fixes:
        return Markup("")
    items = [_join([_el("strong", f.change), f": {option_summary(f.estimate)}"]) for f in a.fixes]
    return _section("What would help", _el("ul", *(_el("li", i) for i in items)))


def _estimate(a: Answer) -> Markup:
    o = a.best
    if o is None:
        return _generic(a)
    parts = [
        _el("h2", _head(o), " ", _fit(o), class_="headline"),
        memory_svg(o),
        _devices(o),
        _facts(o),
        _command(o),
    ]
    if len(a.options) > 1:
        parts.append(_section("Options, best first", _options(a.options, ranked=True)))
    parts += [_fixes(a), _hints(a), _assumptions(a)]
    return _join(parts)


def _best(a: Answer) -> Markup:
    if not a.options:
        return _hints(a)
    top = a.options[0]
    return _join(
        [
            _section("Models that keep up, best first", _options(a.options, ranked=False)),
            _section(
                f"Run the first: {top.model.name}", _el("pre", _el("code", top.command), class_="command")
            )
            if top.command
            else Markup(""),
            _hints(a),
            _assumptions(a),
        ]
    )


def _message(a: Answer) -> Markup:
    return Markup("")  # the verdict block says it all (message and hint)


# --- any other kind: rendered from its fields ----------------------------------------------------


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _value(v: object, depth: int = 0) -> Markup:
    """A value of any contract, readable: estimates as one line, rigs as one line, other models as
    definition lists, lists as lists, numbers compactly."""
    if v is None:
        return escape("–")
    if isinstance(v, EstimateContract):
        return _join([_el("strong", v.model.name), f": {option_summary(v)}"])
    if isinstance(v, HardwareContract):
        return escape(rig_text(v) or "no hardware")
    if isinstance(v, BaseModel):
        if depth >= 4:
            return escape(v.model_dump_json())
        fields = [(k, getattr(v, k)) for k in type(v).model_fields]
        return _el(
            "dl", *(_el("div", _el("dt", _label(k)), _el("dd", _value(x, depth + 1))) for k, x in fields)
        )
    if isinstance(v, dict):
        return _el(
            "dl", *(_el("div", _el("dt", str(k)), _el("dd", _value(x, depth + 1))) for k, x in v.items())
        )
    if isinstance(v, (list, tuple)):
        if not v:
            return escape("–")
        if all(isinstance(x, (str, int, float)) and not isinstance(x, bool) for x in v):
            return escape(", ".join(_scalar(x) for x in v))
        return _el("ul", *(_el("li", _value(x, depth + 1)) for x in v))
    return escape(_scalar(v))


def _scalar(v: object) -> str:
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float):
        return f"{v:,.2f}".rstrip("0").rstrip(".") if not v.is_integer() else f"{v:,.0f}"
    if isinstance(v, int):
        return f"{v:,}"
    return str(v)


def _generic(a: Answer) -> Markup:
    """A kind without a section of its own: every key it adds to `Answer`, then the shared parts."""
    own = [k for k in type(a).model_fields if k not in Answer.model_fields]
    parts = [_section(_label(k), _el("div", _value(getattr(a, k)), class_="generic")) for k in own]
    if a.options:
        parts.append(_section("Options", _options(a.options, ranked=False)))
    parts += [_fixes(a), _hints(a), _assumptions(a)]
    return _join(parts)


SECTIONS: dict[str, Callable[[Answer], Markup]] = {
    "estimate": _estimate,
    "best": _best,
    "clarify": _message,
    "error": _message,
}


def answer_html(a: Answer) -> Markup:
    """The answer as an HTML fragment: verdict, reading, the kind's own section, the versions."""
    section = SECTIONS.get(a.kind, _generic)
    return _join([_verdict(a), _reading(a), section(a), _versions(a)])
