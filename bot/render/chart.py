"""Answer (estimate) -> a PNG of memory per device against its capacity.

People look before they read: one horizontal bar per device, stacked weights / KV cache /
overhead, with a marker at the device's capacity, so "does it fit" is visible at a glance.

matplotlib's object API only (Figure + FigureCanvasAgg): no pyplot, so no global figure state,
and rendering is safe from worker threads. A warm chart takes a few tens of milliseconds.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from sizing import DeviceContract, EstimateContract

from ..answers import Answer

__all__ = ["chart_key", "chart_title", "memory_chart"]

# Discord's dark theme, so the picture sits in an embed without a white box around it
_BG = "#2b2d31"
_FG = "#dbdee1"
_GRID = "#3f4147"
_PARTS = (
    (lambda d: d.weights_gb, "weights", "#5865f2"),
    (lambda d: d.kv_cache_gb, "KV cache", "#57f287"),
    (lambda d: d.overhead_gb, "overhead", "#fee75c"),
)
_CAPACITY = "#ed4245"
_VERSION = 2  # of the drawing: change it with the look, and cached charts are drawn again
_MAX_DEVICES = 8  # more bars than this stop being readable at embed size
_NAME_CHARS = 26


def _drawable(ch: str) -> str:
    # the bundled DejaVu Sans covers Latin, Greek and Cyrillic; other scripts would draw as boxes
    # (and warn on every chart), so they become "?"
    return ch if ord(ch) < 0x0530 or ch in "·–—…×" else "?"


def _short(name: str, n: int = _NAME_CHARS) -> str:
    name = "".join(_drawable(c) for c in " ".join(name.split()))
    return name if len(name) <= n else name[: n - 1] + "…"


def _gb(part: Callable[[DeviceContract], float], d: DeviceContract) -> float:
    return max(part(d), 0.0)  # a bar never grows leftwards


def _drawn(answer: Answer, option: EstimateContract | None) -> EstimateContract | None:
    """The option a chart of `answer` shows, or None when it would show nothing."""
    if answer.kind != "estimate":
        return None
    opt = option if option is not None else answer.best
    return opt if opt is not None and opt.placement.devices else None


def _shown(opt: EstimateContract) -> tuple[list[DeviceContract], int]:
    """The devices drawn and how many are not: past _MAX_DEVICES, the first GPUs and the last device
    (system RAM, where the rest of a model goes), with "+N more" said in the title."""
    devices = list(opt.placement.devices)
    if len(devices) <= _MAX_DEVICES:
        return devices, 0
    return [*devices[: _MAX_DEVICES - 1], devices[-1]], len(devices) - _MAX_DEVICES


def _title(opt: EstimateContract, hidden: int) -> str:
    title = f"{_short(opt.model.name, 40)} · {opt.quant} · {opt.context:,} ctx"
    return f"{title} · +{hidden} more GPUs not drawn" if hidden else title


def chart_title(answer: Answer, option: EstimateContract | None = None) -> str | None:
    """The chart's title ("... +56 more GPUs not drawn" where it draws a subset), or None."""
    opt = _drawn(answer, option)
    return None if opt is None else _title(opt, _shown(opt)[1])


def chart_key(answer: Answer, option: EstimateContract | None = None) -> str | None:
    """A digest of everything `memory_chart` draws for the same arguments (two answers with one key
    have one picture), or None when there is no chart."""
    opt = _drawn(answer, option)
    if opt is None:
        return None
    shown = [
        _VERSION,
        opt.model.name,
        opt.quant,
        opt.context,
        [(d.name, d.weights_gb, d.kv_cache_gb, d.overhead_gb, d.capacity_gb) for d in _shown(opt)[0]],
        _shown(opt)[1],
    ]
    return hashlib.sha256(json.dumps(shown).encode()).hexdigest()[:32]


def memory_chart(answer: Answer, option: EstimateContract | None = None) -> bytes | None:
    """PNG bytes for the answer's best option (or `option`); None when there are no devices to draw."""
    opt = _drawn(answer, option)
    if opt is None:
        return None
    devices, hidden = _shown(opt)

    n = len(devices)
    fig = Figure(figsize=(6.4, 1.25 + 0.48 * n), dpi=100, facecolor=_BG)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    ax.set_facecolor(_BG)
    ys = list(range(n))[::-1]  # first device on top
    left = [0.0] * n
    for part, label, colour in _PARTS:
        widths = [_gb(part, d) for d in devices]
        ax.barh(ys, widths, left=left, height=0.55, color=colour, label=label, zorder=3)
        left = [a + b for a, b in zip(left, widths, strict=True)]
    capacities = [max(d.capacity_gb, 0.0) for d in devices]
    ax.scatter(capacities, ys, marker="|", s=900, linewidths=2.5, color=_CAPACITY, label="capacity", zorder=4)
    top = max([*left, *capacities, 1.0])
    for y, used, cap in zip(ys, left, capacities, strict=True):
        text = f"{used:.1f} / {cap:.1f} GB" if cap else f"{used:.1f} GB"
        ax.text(
            max(used, cap) + top * 0.015, y, text, va="center", ha="left", color=_FG, fontsize=8, zorder=5
        )
    ax.set_xlim(0, top * 1.32)
    ax.set_ylim(-0.6, n - 0.4)
    ax.set_yticks(ys, [_short(d.name) for d in devices], color=_FG, fontsize=8)
    ax.tick_params(axis="x", colors=_FG, labelsize=8)
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel("GB", color=_FG, fontsize=8)
    ax.grid(axis="x", color=_GRID, linewidth=0.6, zorder=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    title = _title(opt, hidden)
    ax.set_title(title, color=_FG, fontsize=9, loc="left")
    legend = ax.legend(
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0 + 0.32 / (1.25 + 0.48 * n)),
        ncol=4,
        fontsize=7,
        frameon=False,
        labelcolor=_FG,
        handlelength=1.2,
        markerscale=0.35,
    )
    legend.set_zorder(6)
    fig.subplots_adjust(
        left=0.3, right=0.97, top=1 - 0.62 / (1.25 + 0.48 * n), bottom=0.5 / (1.25 + 0.48 * n)
    )
    buf = io.BytesIO()
    fig.savefig(buf, format="png", facecolor=_BG)
    return buf.getvalue()
