"""Answer -> a Discord embed payload (a JSON-ready dict), fitted to Discord's limits
(`discord_limits`).

Every string that may carry user text (the question, errors that quote it, the hardware as read)
goes through `safe_text`: Markdown escaped, mentions broken with a zero-width space, link syntax
and URL schemes defused. The bot also sends allowed_mentions with nothing allowed, so even a miss
here cannot ping anyone.
"""

from __future__ import annotations

import re
from typing import Literal

from sizing import EstimateContract, HardwareContract, engine_kv_name

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
from ._kind_rows import comparison_row, how, limit_row, prices_mixed, rig_cost, rig_label
from ._speed_lines import measured_link, speed_curve_text
from ._words import (
    VERDICT_EMOJI,
    VERDICT_WORD,
    fmt_gb,
    fmt_quality,
    fmt_tps,
    kv_copies,
    option_summary,
    speed_basis,
    speed_range,
)
from .discord_limits import Embed, EmbedField, EmbedFooter, fit_embed

__all__ = [
    "CHART_FILENAME",
    "COLORS",
    "EXAMPLES",
    "ColorKey",
    "answer_embed",
    "escape_markdown",
    "help_embed",
    "notice_embed",
    "rig_embed",
    "safe_text",
]

CHART_FILENAME = "memory.png"  # the memory chart's attachment name (bot.render.chart draws it)

ColorKey = Literal["gpu", "partial", "cpu", "no", "best", "clarify", "error", "info"]
COLORS: dict[ColorKey, int] = {
    "gpu": 0x57F287,  # green: fits
    "partial": 0xFEE75C,  # yellow: runs, partly from RAM
    "cpu": 0xF0883E,  # orange: CPU only
    "no": 0xED4245,  # red: does not fit
    "best": 0x5865F2,  # blurple
    "clarify": 0x5865F2,
    "error": 0xED4245,
    "info": 0x4F545C,
}

EXAMPLES = (
    "/canirun model:Qwen3 30B A3B hardware:RTX 3090, 64GB RAM",
    "/canirun model:gpt-oss-120b hardware:RTX 4090 + 64GB DDR5 context:32768",
    "/best hardware:M2 Max 64GB task:code",
    "/rig set text:2x RTX 3090, 128GB DDR4",
)

_ZWSP = "\u200b"
_SCHEME = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]{1,20}):(?=\S)")
# Discord markdown: emphasis (* _), strikethrough (~), spoilers (|), code (`) and the escape itself
_INLINE_MARKUP = re.compile(r"[\\*_~|`]")
# ...and what only counts at the start of a line: quotes, headings, list items and subtext
_LINE_MARKUP = re.compile(r"^(?:>(?:>>)?\s|#{1,3}|\s*-)", re.MULTILINE)
# a web address stays as written (escaping would only break it; `safe_text` defuses its scheme):
# <scheme:/...> as Discord writes a link without a preview, or http(s):// up to trailing punctuation
_URL = re.compile(r"<\w+:/[^ >]+>|https?://[^\s<]*[^\s<.,:;\"')\]]")
_LINKABLE = re.compile(r"https://[A-Za-z0-9._~:/?#@!$&'*+,;=%-]+")


def escape_markdown(text: str, *, keep_urls: bool = True) -> str:
    """`text` shown literally in Discord: every markdown character escaped with a backslash, except
    inside web addresses that stay links (`keep_urls`): Discord renders no markup there. An address
    that will not link (safe_text defuses its scheme) is plain text, markup and all: escaped too."""
    if not keep_urls:
        return _escape_plain(text)
    out: list[str] = []
    last = 0
    for url in _URL.finditer(text):
        out.append(_escape_plain(text[last : url.start()]))
        out.append(url.group(0))
        last = url.end()
    out.append(_escape_plain(text[last:]))
    return "".join(out)


def _escape_plain(text: str) -> str:
    text = _INLINE_MARKUP.sub(lambda m: "\\" + m.group(0), text)
    return _LINE_MARKUP.sub(lambda m: "\\" + m.group(0), text)


def safe_text(text: object, limit: int | None = None) -> str:
    """User-derived text made inert for Discord Markdown: no formatting, no mentions, no links."""
    s = " ".join(str(text).split()) if "\n" not in str(text) else str(text).strip()
    if limit is not None and len(s) > limit:
        s = s[: max(limit - 1, 0)].rstrip() + "…"
    s = escape_markdown(s, keep_urls=False)  # its addresses are defused below: no longer links
    s = s.replace("@", "@" + _ZWSP)  # @everyone, @here, <@id>, <@&role>, <@!id>
    s = s.replace("<#", "<" + _ZWSP + "#").replace("</", "<" + _ZWSP + "/")
    s = s.replace("](", "]" + _ZWSP + "(")  # masked links
    s = _SCHEME.sub(lambda m: m.group(1) + ":" + _ZWSP, s)  # http:, javascript:, discord: ...
    return s


def _code(text: str, limit: int = 900) -> str:
    """Our own command lines as one code span; backticks removed so the span cannot be broken out of."""
    s = " ".join(text.replace("`", "'").split())
    if len(s) > limit:
        s = s[: limit - 1] + "…"
    return f"`{s}`"


# --- pieces -------------------------------------------------------------------------------


def _rig_line(hw: HardwareContract | None) -> str:
    """'2× NVIDIA GeForce RTX 3090 (24 GB each), 64 GB RAM' from the parse contract."""
    if hw is None:
        return ""
    parts = []
    for g in hw.gpus:
        vram = g.vram_gb
        named = vram and f"{vram:g} GB" in g.name  # "RTX 3060 8 GB" says it already
        mem = f" ({vram:g} GB{' each' if g.count > 1 else ''})" if vram and not named else ""
        parts.append(f"{g.count}× {g.name}{mem}")
    if hw.soc:
        um = hw.unified_memory_gb
        parts.append(hw.soc + (f" ({um:g} GB unified)" if um else ""))
    if hw.ram_gb:
        parts.append(f"{hw.ram_gb:g} GB {hw.ram_type or ''} RAM".replace("  ", " "))
    if hw.cpu:
        parts.append(hw.cpu)
    return ", ".join(parts)


def _bullets(items: list[str], limit: int = 8) -> str:
    lines = [f"• {safe_text(s, 200)}" for s in items[:limit]]
    if len(items) > limit:
        lines.append(f"• …and {len(items) - limit} more")
    return "\n".join(lines)


def _footer(a: Answer) -> EmbedFooter:
    bits = []
    if a.catalog_version:
        bits.append(f"catalog {a.catalog_version}")
    if a.estimator_version:
        bits.append(f"estimator {a.estimator_version}")
    if a.cached:
        bits.append("cached")
    return {"text": " · ".join(bits) or "canirun"}


def _estimate_fields(a: Answer, o: EstimateContract) -> list[EmbedField]:
    m, p, s = o.memory, o.placement, o.speed
    fields: list[EmbedField] = [{"name": "Best option", "value": safe_text(option_summary(o))}]
    fields.append(
        {
            "name": "Memory",
            "value": f"weights {fmt_gb(m.weights_gb)} · KV cache {fmt_gb(m.kv_cache_gb)}{kv_copies(o)} "
            f"({safe_text(engine_kv_name(o.kv_type, o.engine))}) · overhead {fmt_gb(m.overhead_gb)} · "
            f"**total {fmt_gb(m.total_gb)}**",
        }
    )
    devices = []
    for d in p.devices:
        layers = f", {d.layers} layers" if d.layers else ""
        experts = f", {d.expert_layers} expert layers" if d.expert_layers else ""
        devices.append(f"{safe_text(d.name, 60)}: {d.used_gb:.1f} / {d.capacity_gb:.1f} GB{layers}{experts}")
    if devices:
        fields.append({"name": "Per device", "value": "\n".join(devices)})
    engine_memory = [safe_text(x, 300) for x in (*device_parts(o), fit_text(o)) if x]
    if engine_memory:
        fields.append({"name": "Engine memory", "value": "\n".join(engine_memory)})
    if p.verdict != "no":
        fields.append(
            {
                "name": "Speed",
                "value": f"~{fmt_tps(s.decode_tps)} tok/s generating{speed_basis(o)} ({speed_range(o)}), "
                f"~{fmt_tps(s.prefill_tps)} tok/s reading the prompt"
                + "".join(f"\n{x}" for x in (safe_text(speed_curve_text(o), 300), _measured(o)) if x),
            }
        )
    run = command_lines(o)
    if run:
        fields.append({"name": "Run it", "value": "\n".join(_code(x) for x in run)})
    with_model = len({x.model.id for x in a.options}) > 1  # options of two models asked about
    others = [
        safe_text(
            (f"{x.model.name}: " if with_model else "")
            + option_summary(x)
            + f" · KV {engine_kv_name(x.kv_type, x.engine)}"
            + (
                f" · max context {kv_contexts(x.max_context_by_kv, x.engine)}"
                if isinstance(x, RankedOption) and x.max_context_by_kv
                else ""
            )
        )
        for x in a.options[1:6]
    ]
    if others:
        fields.append({"name": "Other options", "value": "\n".join(others)})
    if a.fixes:
        fixes = [
            f"→ {safe_text(f.change, 200)}: ~{fmt_tps(f.estimate.speed.decode_tps)} tok/s"
            for f in a.fixes[:5]
        ]
        fields.append({"name": "To make it fit", "value": "\n".join(fixes)})
    if o.assumptions:
        fields.append({"name": "Assumptions", "value": _bullets(o.assumptions)})
    if a.hints:
        fields.append({"name": "Tips", "value": _bullets(a.hints, 4)})
    return fields


def _measured(o: EstimateContract) -> str:
    """The measured line with its source as a link (our own data; the URL is checked)."""
    text, url, source = measured_link(o)
    if not text:
        return ""
    if url and _LINKABLE.fullmatch(url):
        return f"{safe_text(text, 300)} ([source](<{url}>))"
    return safe_text(f"{text} ({source})", 400)


def _with_rig(e: Embed, a: Answer) -> Embed:
    rig = _rig_line(a.question.hardware)
    if rig:
        e["description"] = e.get("description", "") + f"\n\n**Rig:** {safe_text(rig, 400)}"
    return e


def _estimate(a: Answer, o: EstimateContract, chart: bool) -> Embed:
    verdict = o.placement.verdict
    e: Embed = {
        "type": "rich",
        "title": f"{VERDICT_EMOJI[verdict]} {safe_text(o.model.name, 150)}: {VERDICT_WORD[verdict]}",
        "description": safe_text(a.verdict, 1500),
        "color": COLORS[verdict],
        "fields": _estimate_fields(a, o),
        "footer": _footer(a),
    }
    e = _with_rig(e, a)
    if chart:
        e["image"] = {"url": f"attachment://{CHART_FILENAME}"}
    return e


def _best(a: Answer) -> Embed:
    task = f" for {a.question.task}" if a.question.task else ""
    fields: list[EmbedField] = []
    for i, o in enumerate(a.options[:10], 1):
        v = o.placement.verdict
        quality = ""
        if isinstance(o, BestOption) and fmt_quality(o.quality) != "-":
            quality = f" · quality {fmt_quality(o.quality)} ({safe_text(o.quality_basis or '', 120)})"
        fields.append(
            {
                "name": f"{i}. {safe_text(o.model.name, 120)} · {safe_text(o.quant)}",
                "value": f"{VERDICT_EMOJI[v]} {VERDICT_WORD[v]} · ~{fmt_tps(o.speed.decode_tps)} tok/s "
                f"({speed_range(o)}) · {fmt_gb(o.memory.total_gb)} at {o.context:,} ctx{quality}",
            }
        )
    if a.hints:
        fields.append({"name": "Good to know", "value": _bullets(a.hints, 3)})
    e: Embed = {
        "type": "rich",
        "title": f"Best models{task} on your rig",
        "description": safe_text(a.verdict, 1500),
        "color": COLORS["best"],
        "fields": fields,
        "footer": _footer(a),
    }
    return _with_rig(e, a)


def _requirements(a: RequirementsAnswer) -> Embed:
    models = list(dict.fromkeys(o.estimate.model.name for o in a.rigs)) or [m.name for m in a.question.models]
    fields: list[EmbedField] = []
    mixed = prices_mixed([o.price_source for o in a.rigs])
    for i, o in enumerate(a.rigs[:10], 1):
        e = o.estimate
        many = f"{safe_text(e.model.name, 80)} · " if len(models) > 1 else ""
        fields.append(
            {
                "name": f"{i}. {safe_text(rig_label(o.hardware), 200)}",
                "value": f"{many}{safe_text(e.quant)} · {safe_text(how(e))} · "
                f"~{fmt_tps(e.speed.decode_tps)} tok/s · {fmt_gb(e.memory.total_gb)} at {e.context:,} ctx · "
                f"{rig_cost(o, mixed)}",
            }
        )
    if a.notes:
        fields.append({"name": "Cannot run it", "value": _bullets(a.notes, 5)})
    if a.hints:
        fields.append({"name": "Good to know", "value": _bullets(a.hints, 4)})
    return {
        "type": "rich",
        "title": f"What runs {safe_text(', '.join(models), 200)}",
        "description": safe_text(a.verdict, 2500),
        "color": COLORS["best"],
        "fields": fields,
        "footer": _footer(a),
    }


def _capacity(a: CapacityAnswer) -> Embed:
    fields: list[EmbedField] = []
    for x in a.limits[:10]:
        _q, _kv, _ctx, dense, moe, examples = limit_row(x, 3)
        fields.append(
            {
                "name": f"{safe_text(x.quant)} · KV {safe_text(x.kv_type)} · {x.context:,} ctx",
                "value": f"dense up to **{safe_text(dense)}** · MoE up to **{safe_text(moe)}**"
                f"\ne.g. {safe_text(examples, 300)}",
            }
        )
    speeds = [
        f"{safe_text(o.model.name, 80)} at {safe_text(o.quant)}: ~{fmt_tps(o.speed.decode_tps)} tok/s"
        for o in a.options
    ]
    if speeds:
        fields.append({"name": "Speed of the largest", "value": "\n".join(speeds)})
    if a.hints:
        fields.append({"name": "Good to know", "value": _bullets(a.hints, 3)})
    e: Embed = {
        "type": "rich",
        "title": "The largest models your rig holds",
        "description": safe_text(a.verdict, 2500),
        "color": COLORS["best"],
        "fields": fields,
        "footer": _footer(a),
    }
    return _with_rig(e, a)


def _compare(a: CompareAnswer | PurchaseAnswer) -> Embed:
    fields: list[EmbedField] = []
    mixed = prices_mixed([c.price_source for c in a.comparisons])
    for i, c in enumerate(a.comparisons[:10]):
        rig, model, quant, fit, tps, prompt, price, quality = comparison_row(c, i == a.winner, mixed)
        value = f"{safe_text(quant)} · {fit}"
        if tps != "-":
            value += f" · ~{tps} tok/s generating · ~{prompt} tok/s prompt"
        if price != "-":
            value += f" · {price}"
        if quality != "-":
            value += f" · quality {quality}"
        fields.append({"name": f"{safe_text(rig, 150)} · {safe_text(model, 80)}", "value": value})
    if isinstance(a, PurchaseAnswer) and a.assumptions:
        fields.append({"name": "Assumptions", "value": _bullets(a.assumptions, 5)})
    if a.hints:
        fields.append({"name": "Good to know", "value": _bullets(a.hints, 4)})
    winner = a.comparisons[a.winner] if a.winner is not None and a.winner < len(a.comparisons) else None
    color = (
        COLORS[winner.estimate.placement.verdict]
        if winner is not None and winner.estimate
        else COLORS["best"]
    )
    return {
        "type": "rich",
        "title": "What to buy" if isinstance(a, PurchaseAnswer) else "Side by side",
        "description": safe_text(a.verdict, 2500),
        "color": color,
        "fields": fields,
        "footer": _footer(a),
    }


def notice_embed(
    title: str,
    message: str,
    *,
    hint: str | None = None,
    example: str | None = None,
    kind: ColorKey = "error",
) -> Embed:
    """A short embed for errors and questions back: what went wrong, a hint and an example."""
    fields: list[EmbedField] = []
    if hint:
        fields.append({"name": "Hint", "value": safe_text(hint, 900)})
    if example:
        fields.append({"name": "Example", "value": _code(example, 300)})
    return fit_embed(
        {
            "type": "rich",
            "title": title,
            "description": safe_text(message, 1500),
            "color": COLORS[kind],
            "fields": fields,
        }
    )


def _linked(e: Embed, url: str | None) -> Embed:
    """The title links to the answer's web page, and a last line says so ("full answer")."""
    if url and re.fullmatch(r"https?://[^\s()<>]+", url):
        e["url"] = url
        e["description"] = e.get("description", "") + f"\n\n[Full answer]({url})"
    return e


def answer_embed(a: Answer, *, chart: bool = False, url: str | None = None) -> Embed:
    """The embed for an Answer, fitted to Discord's limits. `chart`: point the image at the
    attachment; `url`: the answer's web page, linked as the "full answer"."""
    if isinstance(a, RequirementsAnswer):
        return fit_embed(_linked(_requirements(a), url))
    if isinstance(a, CapacityAnswer):
        return fit_embed(_linked(_capacity(a), url))
    if isinstance(a, CompareAnswer | PurchaseAnswer):
        return fit_embed(_linked(_compare(a), url))
    if a.kind == "estimate" and a.best is not None:
        return fit_embed(_linked(_estimate(a, a.best, chart), url))
    if a.kind == "best":
        return fit_embed(_linked(_best(a), url))
    if a.kind == "clarify" and _tells(a):
        # an answer in words (a price asked): nothing to ask back, no example of a question
        return notice_embed("Here's what I have", a.message or a.verdict, hint=a.hint, kind="info")
    if a.kind == "clarify":
        missing = set(a.question.missing)
        example = EXAMPLES[3] if missing == {"hardware"} else EXAMPLES[0]
        return notice_embed(
            "I need a bit more", a.message or a.verdict, hint=a.hint, example=example, kind="clarify"
        )
    return notice_embed(
        "I couldn't answer that", a.error or a.message or a.verdict, hint=a.hint, example=EXAMPLES[0]
    )


def _tells(a: Answer) -> bool:
    """Whether a reply with no estimate tells rather than asks back: nothing is missing from the
    question and the reply asks nothing."""
    text = (a.message or a.verdict).rstrip()
    return not a.question.missing and not text.endswith("?")


def rig_embed(hw: HardwareContract, text: str, *, saved: bool) -> Embed:
    """How a rig was read (the parse contract), for /rig set and /rig show; asks about the guesses."""
    lines = []
    for g in hw.gpus:
        mem = f"{g.vram_gb:g} GB VRAM{' each' if g.count > 1 else ''}" if g.vram_gb else "shared"
        lines.append(f"GPU: {g.count}× {safe_text(g.name, 80)}, {mem}")
    if hw.soc:
        um = hw.unified_memory_gb
        lines.append(f"Chip: {safe_text(hw.soc, 80)}" + (f", {um:g} GB unified memory" if um else ""))
    if hw.ram_gb:
        lines.append(f"System RAM: {hw.ram_gb:g} GB {safe_text(hw.ram_type or '')}".rstrip())
    if hw.cpu:
        lines.append(f"CPU: {safe_text(hw.cpu, 80)}")
    fields: list[EmbedField] = [{"name": "Read as", "value": "\n".join(lines) or "nothing I recognise"}]
    if hw.assumptions:
        fields.append({"name": "I guessed", "value": _bullets(hw.assumptions)})
        fields.append(
            {
                "name": "Is that right?",
                "value": "If not, run `/rig set` again with more detail, like the exact model and memory "
                '("RTX 3060 12GB", "M2 Max 96GB", "64GB DDR5").',
            }
        )
    title = "Rig saved" if saved else "Your saved rig"
    footer = "Used by /canirun and /best when you leave hardware empty. /rig clear forgets it."
    return fit_embed(
        {
            "type": "rich",
            "title": title,
            "description": f"You wrote: {safe_text(text, 500)}",
            "color": COLORS["clarify"] if hw.assumptions else COLORS["gpu"],
            "fields": fields,
            "footer": {"text": footer},
        }
    )


def help_embed() -> Embed:
    fields: list[EmbedField] = [
        {
            "name": "/canirun",
            "value": "Will a model run on your hardware: memory per device, speed, the best quantization. "
            "Pick the model from the list; hardware is free text (leave it empty to use your saved rig).",
        },
        {"name": "/best", "value": "The best models for your rig, optionally for chat, code or reasoning."},
        {
            "name": "/rig set · show · clear",
            "value": "Save your hardware once, see how it was read, or forget it. Only you see these.",
        },
        {"name": "Examples", "value": "\n".join(_code(x, 200) for x in EXAMPLES)},
        {
            "name": "Good to know",
            "value": "Estimates come with their assumptions; correct them with more detail in the hardware "
            "text. Under the answer, the menus switch quantization or context.",
        },
    ]
    return fit_embed(
        {
            "type": "rich",
            "title": "canirun: can I run this model on my hardware?",
            "description": "Ask with slash commands, in servers or in DMs.",
            "color": COLORS["best"],
            "fields": fields,
        }
    )
