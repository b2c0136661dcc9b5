"""Answer -> one Reddit markdown comment: verdict, a compact table, speed, assumptions, a footer.

One answer is always one comment (never split): when the full form is longer than the limit,
shorter forms drop detail (other options, assumptions, notes) until it fits; the footer stays.
Every string that is not our own fixed wording goes through `escape_md`: user text (echoed in
error messages and assumptions) can make no live link, ping no one (u/name, r/name, @everyone)
and break no table.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from sizing import EstimateContract, engine_kv_name

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
    limit_row,
    price_pages,
    prices_mixed,
    rig_header,
    rig_row,
)
from ._speed_lines import measured_link, speed_curve_text
from ._words import (
    VERDICT_EMOJI,
    VERDICT_WORD,
    fmt_gb,
    fmt_quality,
    fmt_tps,
    kv_copies,
    memory_shortfall_gb,
    option_summary,
    speed_basis,
    speed_range,
)

__all__ = [
    "DEFAULT_PROJECT_URL",
    "MAX_COMMENT_CHARS",
    "escape_md",
    "reddit_footer",
    "reddit_length",
    "render_notice",
    "render_reddit",
]

MAX_COMMENT_CHARS = 10_000  # Reddit's limit for one comment
DEFAULT_PROJECT_URL = "https://github.com/canirun/canirun"
EXAMPLE = "can I run Qwen3 30B on an RTX 3090 with 32GB RAM?"
_ZWSP = "\u200b"  # zero-width space: breaks a pattern without changing what people read

_SPECIAL = re.compile(r"([\\`*_~^\[\](){}<>|#!])")
# u/name, /u/name, r/name, user/name: Reddit links these and notifies the user named
_PING = re.compile(r"(?i)(?<![a-z0-9])(u|r|user)(/)")
_SCHEME = re.compile(r"(?i)\b([a-z][a-z0-9+.-]{1,15}):(//)")
_WWW = re.compile(r"(?i)\b(www)\.")
_SPACE = re.compile(r"\s+")
_ESCAPED_PIPE = re.compile(r"(?<!\\)((?:\\\\)*)\\\|")  # "\|" after an even run of backslashes
_ESCAPED_STAR = re.compile(r"(?<!\\)((?:\\\\)*)\\\*")


def reddit_length(text: str) -> int:
    """Length as Reddit counts it (UTF-16 code units), so astral emoji count twice."""
    return len(text.encode("utf-16-le")) // 2


def escape_md(text: object, max_chars: int = 1_000) -> str:
    """Inline-safe text for Reddit markdown: no formatting, links, pings or line breaks."""
    s = _SPACE.sub(" ", str(text)).strip()
    if len(s) > max_chars:
        s = s[: max_chars - 1].rstrip() + "…"
    s = s.replace("&", "&amp;")
    s = _SPECIAL.sub(r"\\\1", s)
    s = _PING.sub(lambda m: m.group(1) + _ZWSP + m.group(2), s)
    s = _SCHEME.sub(lambda m: m.group(1) + ":" + _ZWSP + m.group(2), s)
    s = _WWW.sub(lambda m: m.group(1) + _ZWSP + ".", s)
    return s.replace("@", "@" + _ZWSP)


def _code(text: str) -> str:
    """A code span: nothing inside is formatted or linked. Backticks cannot occur inside."""
    return "`" + _SPACE.sub(" ", text.replace("`", "'")).strip()[:300] + "`"


def _emphasized(text: str) -> str:
    """An escaped text made safe inside *emphasis* or **bold**: Reddit's markdown closes the span
    at an escaped "*" too, so an escaped star becomes its character reference."""
    return _ESCAPED_STAR.sub(r"\1&#42;", text)


def _cell(text: str) -> str:
    """An escaped text made safe inside a table: Reddit's markdown ends a cell at every "|", even
    an escaped one, so an escaped pipe becomes its character reference."""
    return _ESCAPED_PIPE.sub(r"\1&#124;", text)


def _table(header: list[str], align: list[str], rows: Iterable[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def reddit_footer(username: str = "canirun", project_url: str = DEFAULT_PROJECT_URL) -> str:
    """The bot's footer as `render_reddit` ends a reply with it: what the bot is, how to opt out."""
    return _footer(username, project_url, False)


def _footer(username: str, project_url: str, short: bool) -> str:
    about = f"[about]({project_url})" if _safe_url(project_url) else ""
    if short:
        return "---\n\n*I'm a bot" + (f" · {about}" if about else "") + "*"
    name = "u/" + escape_md(username, 40)
    parts = [
        f"*I'm a bot that checks whether a local LLM fits your hardware. Mention {name} with a model "
        f'and your rig, e.g. "{EXAMPLE}"',
        "Reply !optout and I won't answer you again",
    ]
    if about:
        parts.append(f"[How it works]({project_url})")
    return "---\n\n" + " · ".join(parts) + "*"


def _safe_url(url: str) -> bool:
    return bool(re.fullmatch(r"https?://[A-Za-z0-9._~:/?#@!$&'*+,;=%-]+", url)) and ")" not in url


def _devices_table(option: EstimateContract) -> str:
    rows = []
    for d in option.placement.devices:
        layers = str(d.layers)
        if d.expert_layers:
            layers += f" (+{d.expert_layers} experts)" if d.kind == "cpu" else ""
        rows.append(
            [
                escape_md(d.name, 80),
                f"{d.used_gb:.1f} / {d.capacity_gb:.1f} GB",
                layers,
            ]
        )
    return _table(["Device", "Used / capacity", "Layers"], [":--", "--:", "--:"], rows)


def _speed_line(o: EstimateContract) -> str:
    if o.placement.verdict == "no":
        short = memory_shortfall_gb(o)
        return f"**Short by:** {short:.1f} GB" if short is not None else ""
    s = o.speed
    line = (
        f"**Speed:** ~{fmt_tps(s.decode_tps)} tok/s generating{speed_basis(o)} ({speed_range(o)}), "
        f"~{fmt_tps(s.prefill_tps)} tok/s reading the prompt"
    )
    curve = speed_curve_text(o)
    if curve:
        line += f"; {escape_md(curve, 400)}"
    return line


def _measured_line(o: EstimateContract) -> str:
    """'**Measured:** 41-44 tok/s ... ([source](url))', or '' when nothing was measured."""
    text, url, source = measured_link(o)
    if not text:
        return ""
    link = f"[source]({url})" if url and _safe_url(url) else escape_md(source, 200)
    return f"**Measured:** {escape_md(text.removeprefix('measured: '), 400)} ({link})"


def _run_lines(o: EstimateContract) -> str:
    lines = command_lines(o)
    if not lines:
        return ""
    return "**Run:** " + "  \n".join(_code(x) for x in lines)


def _memory_line(o: EstimateContract) -> str:
    m = o.memory
    return (
        f"**Memory:** {fmt_gb(m.total_gb)} = weights {m.weights_gb:.1f} + KV cache "
        f"{m.kv_cache_gb:.1f}{kv_copies(o)} + overhead {m.overhead_gb:.1f}"
    )


def _head(o: EstimateContract) -> str:
    return (
        f"**{_emphasized(escape_md(o.model.name, 120))}** · {escape_md(o.quant, 40)} · "
        f"{o.context:,} context · {escape_md(o.engine, 30)}/{escape_md(o.backend, 30)}"
    )


def _options_table(options: Sequence[EstimateContract], with_model: bool) -> str:
    header = (["Model"] if with_model else []) + ["Quant", "KV", "Fit", "tok/s", "Memory", "Max context"]
    align = ([":--"] if with_model else []) + [":--", ":--", ":--", "--:", "--:", ":--"]
    rows = []
    for o in options:
        v = o.placement.verdict
        row = [escape_md(o.model.name, 80)] if with_model else []
        row += [
            escape_md(o.quant, 40),
            escape_md(engine_kv_name(o.kv_type, o.engine), 20),
            f"{VERDICT_EMOJI[v]} {VERDICT_WORD[v]}",
            fmt_tps(o.speed.decode_tps) if v != "no" else "-",
            fmt_gb(o.memory.total_gb),
            escape_md(kv_contexts(o.max_context_by_kv), 80)
            if isinstance(o, RankedOption) and o.max_context_by_kv
            else "-",
        ]
        rows.append(row)
    return _table(header, align, rows)


def _bullets(items: Iterable[str], n: int) -> str:
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return "\n".join(f"* {escape_md(i, 300)}" for i in seen[:n])


def _assumptions(a: Answer) -> list[str]:
    out = list(a.question.hardware.assumptions) if a.question.hardware is not None else []
    if a.best is not None:
        out += a.best.assumptions
    return out


def _estimate(a: Answer, detail: int) -> list[str]:
    """detail 3 = everything; each step down drops some of it."""
    o = a.best
    assert o is not None
    v = o.placement.verdict
    parts = [f"{VERDICT_EMOJI[v]} **{_emphasized(escape_md(a.verdict, 1_500))}**", _head(o)]
    if detail >= 1:
        parts.append(_devices_table(o))
        lines = [_speed_line(o), _measured_line(o), _memory_line(o)]
        if detail >= 3:
            lines += [escape_md(x, 300) for x in (*device_parts(o), fit_text(o))]
        if detail >= 2:
            lines.append(_run_lines(o))
        parts.append("  \n".join(x for x in lines if x))
    else:
        parts.append(escape_md(option_summary(o), 300))
    others = a.options[1:]
    if others and detail >= 2:
        with_model = len({x.model.id for x in a.options}) > 1
        parts.append("**Other options**\n\n" + _options_table(others[: 5 if detail >= 3 else 3], with_model))
    if a.fixes and detail >= 2:
        fixes = [
            f"{f.change}: ~{fmt_tps(f.estimate.speed.decode_tps)} tok/s"
            for f in a.fixes[: 4 if detail >= 3 else 2]
        ]
        parts.append("**What would help**\n\n" + _bullets(fixes, 4))
    if a.hints and detail >= 3:
        parts.append("**Notes**\n\n" + _bullets(a.hints, 4))
    assumptions = _assumptions(a)
    if assumptions and detail >= 1:
        parts.append("**Assumptions**\n\n" + _bullets(assumptions, {1: 3, 2: 5}.get(detail, 10)))
    return parts


def _best(a: Answer, detail: int) -> list[str]:
    parts = [f"**{_emphasized(escape_md(a.verdict, 1_500))}**"]
    if a.options and detail >= 1:
        n = {1: 3, 2: 5}.get(detail, 8)
        rows = []
        for o in a.options[:n]:
            v = o.placement.verdict
            quality = o.quality if isinstance(o, BestOption) else None
            rows.append(
                [
                    escape_md(o.model.name, 80),
                    escape_md(o.quant, 40),
                    f"{VERDICT_EMOJI[v]} {VERDICT_WORD[v]}",
                    fmt_tps(o.speed.decode_tps),
                    fmt_gb(o.memory.total_gb),
                    fmt_quality(quality),
                ]
            )
        parts.append(
            _table(
                ["Model", "Quant", "Fit", "tok/s", "Memory", "Quality"],
                [":--", ":--", ":--", "--:", "--:", "--:"],
                rows,
            )
        )
    if a.hints and detail >= 1:
        parts.append("**Notes**\n\n" + _bullets(a.hints, 3))
    assumptions = _assumptions(a)
    if assumptions and detail >= 2:
        parts.append("**Assumptions**\n\n" + _bullets(assumptions, 5 if detail == 2 else 8))
    return parts


def _message(a: Answer, detail: int) -> list[str]:
    text = a.message or a.verdict or a.error or "Something went wrong answering that."
    parts = [escape_md(text, 1_500 if detail else 300)]
    if a.hint and detail >= 1:
        parts.append("*" + _emphasized(escape_md(a.hint, 500)) + "*")
    if a.kind == "clarify" and a.question.missing and detail >= 1 and EXAMPLE.lower() not in text.lower():
        parts.append(f'For example: "{EXAMPLE}"')
    return parts


def _rows_shown(detail: int, full: int) -> int:
    return {0: 0, 1: 3, 2: max(3, full // 2)}.get(detail, full)


def _kind(a: RequirementsAnswer | CapacityAnswer | CompareAnswer | PurchaseAnswer, detail: int) -> list[str]:
    """A requirements, capacity or compare answer: the verdict, its table, then notes and sources."""
    parts = [f"**{_emphasized(escape_md(a.verdict, 2_500 if detail else 600))}**"]
    notes: list[str] = []
    if isinstance(a, RequirementsAnswer):
        with_model = len({o.estimate.model.id for o in a.rigs}) > 1
        header = rig_header(with_model)
        align = [":--"] * (len(header) - 3) + ["--:", "--:", "--:"]
        mixed = prices_mixed([o.price_source for o in a.rigs])
        rows = [
            [escape_md(c, 120) for c in rig_row(o, with_model, mixed)]
            for o in a.rigs[: _rows_shown(detail, 8)]
        ]
        table = _table(header, align, rows) if rows else ""
        notes = [*a.notes] if detail >= 2 else []
        if detail >= 3:
            notes.extend(f"Price from {page}" for page in price_pages(a.rigs))
    elif isinstance(a, CapacityAnswer):
        align = [":--", ":--", "--:", "--:", "--:", ":--"]
        rows = [[escape_md(c, 160) for c in limit_row(x, 3 if detail >= 3 else 1)] for x in a.limits]
        table = _table(LIMIT_HEADER, align, rows[: _rows_shown(detail, 8)]) if rows else ""
        notes = [f"{o.model.name} at {o.quant}: ~{fmt_tps(o.speed.decode_tps)} tok/s" for o in a.options]
    else:
        align = [":--", ":--", ":--", ":--", "--:", "--:", "--:", "--:"]
        mixed = prices_mixed([c.price_source for c in a.comparisons])
        rows = [
            [escape_md(c, 120) for c in comparison_row(c, i == a.winner, mixed)]
            for i, c in enumerate(a.comparisons)
        ]
        table = _table(COMPARE_HEADER, align, rows) if detail >= 1 and rows else ""
        notes = list(
            {
                c.model.id: f"Quality of {c.model.name}: {c.quality_source}"
                for c in a.comparisons
                if c.quality_source
            }.values()
        )
        if isinstance(a, PurchaseAnswer):
            notes.extend(a.assumptions)
    if table:
        parts.append(table)
    if detail >= 2:
        notes = [*notes, *a.hints]
    if notes and detail >= 1:
        parts.append("**Notes**\n\n" + _bullets(notes, {1: 2, 2: 5}.get(detail, 12)))
    return parts


def _body(a: Answer, detail: int) -> list[str]:
    if isinstance(a, RequirementsAnswer | CapacityAnswer | CompareAnswer | PurchaseAnswer):
        return _kind(a, detail)
    if a.kind == "estimate" and a.best is not None:
        return _estimate(a, detail)
    if a.kind == "best":
        return _best(a, detail)
    return _message(a, detail)


def _fit(candidates: Iterable[Callable[[], str]], limit: int) -> str:
    last = ""
    for make in candidates:
        last = make()
        if reddit_length(last) <= limit:
            return last
    return _truncate(last, limit)


def _truncate(text: str, limit: int) -> str:
    """Cut at a line boundary (never inside an escape or a table row) and mark the cut."""
    if limit <= 1:
        return "…"[:limit]
    out: list[str] = []
    used = 0
    for line in text.split("\n"):
        cost = reddit_length(line) + 1
        if used + cost + 1 > limit:
            break
        out.append(line)
        used += cost
    if not out:
        cut = _cut(text, limit - 1)
        if cut.count("**") % 2 and limit > 3:  # a bold run was cut open: end it after the mark
            cut = _cut(text, limit - 3)
            return cut + ("…**" if cut.count("**") % 2 else "…")
        return cut + "…"
    return "\n".join(out) + "\n…"


def _cut(text: str, units: int) -> str:
    """The longest prefix of at most `units` UTF-16 units, not ending inside an escape."""
    out = text[:units]
    while reddit_length(out) > units:
        out = out[:-1]
    return out.rstrip("\\")


def render_reddit(
    answer: Answer,
    limit: int = MAX_COMMENT_CHARS,
    *,
    username: str = "canirun",
    project_url: str = DEFAULT_PROJECT_URL,
    answer_url: str | None = None,
    footer: bool = True,
) -> str:
    """The comment for `answer`: the full form when it fits in `limit` characters, else a shorter one.
    `answer_url` (the answer's web page) adds a "full answer" link that every form keeps; without
    `footer`, one answer among several in a reply that carries the footer once (`reddit_footer`)."""
    link = [f"[Full answer]({answer_url})"] if answer_url and _safe_url(answer_url) else []

    def form(detail: int, short_footer: bool) -> Callable[[], str]:
        end = [_footer(username, project_url, short_footer)] if footer else []
        return lambda: "\n\n".join([*_body(answer, detail), *link, *end])

    return _fit([form(3, False), form(2, False), form(1, False), form(1, True), form(0, True)], limit)


def render_notice(
    message: str,
    limit: int = MAX_COMMENT_CHARS,
    *,
    username: str = "canirun",
    project_url: str = DEFAULT_PROJECT_URL,
) -> str:
    """A short reply of our own wording (opt-out confirmations); `message` is trusted markdown."""
    return _fit(
        [
            lambda: message + "\n\n" + _footer(username, project_url, False),
            lambda: message + "\n\n" + _footer(username, project_url, True),
        ],
        limit,
    )
