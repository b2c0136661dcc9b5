"""Answer -> a Discord embed (its dict, or a `discord.Embed`), within Discord's limits.

Limits (Discord's API docs): title 256, description 4096, at most 25 fields, field name 256 and
value 1024, footer 2048, author 256, and 6000 characters over all of them together. `fit_embed`
enforces them by cutting at line or word boundaries, closing what a cut would leave open (code
spans, bold) and dropping the least important fields first, so a long answer shrinks instead of
being refused by Discord.

Every string that may carry user text (the question, errors that quote it, the hardware as read)
goes through `safe_text`: Markdown escaped, mentions broken with a zero-width space, link syntax
and URL schemes defused. The bot also sends allowed_mentions with nothing allowed, so even a miss
here cannot ping anyone.
"""

from __future__ import annotations

import re
from typing import Any

import discord

from ..answer import Answer
from ._common import (
    VERDICT_EMOJI,
    VERDICT_WORD,
    fmt_gb,
    fmt_tps,
    measured_text,
    option_summary,
    speed_curve_text,
    speed_range,
)
from .chart import CHART_FILENAME

__all__ = [
    "COLOURS",
    "EXAMPLES",
    "LIMITS",
    "answer_embed",
    "embed_size",
    "fit_embed",
    "help_embed",
    "notice_embed",
    "rig_embed",
    "safe_text",
    "to_embed",
]

LIMITS = {
    "title": 256,
    "description": 4096,
    "fields": 25,
    "field_name": 256,
    "field_value": 1024,
    "footer": 2048,
    "author": 256,
    "total": 6000,
}

COLOURS = {
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


def safe_text(text: object, limit: int | None = None) -> str:
    """User-derived text made inert for Discord Markdown: no formatting, no mentions, no links."""
    s = " ".join(str(text).split()) if "\n" not in str(text) else str(text).strip()
    if limit is not None and len(s) > limit:
        s = s[: max(limit - 1, 0)].rstrip() + "…"
    s = discord.utils.escape_markdown(s)
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


# --- fitting ------------------------------------------------------------------------------


def _balance(s: str) -> str:
    """Close what a cut left open: a code span, bold; never end on a lone escape backslash."""
    while s.endswith("\\") and not s.endswith("\\\\"):
        s = s[:-1]
    if s.count("```") % 2:
        s += "\n```"
    elif (s.count("`") - 3 * s.count("```")) % 2:
        s += "`"
    if s.count("**") % 2:
        s += "**"
    return s


def _clip(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    budget = max(limit - 6, 0)  # room for "…" and closing markers
    cut = text[:budget]
    for sep in ("\n", " "):
        at = cut.rfind(sep)
        if at >= budget // 2:
            cut = cut[:at]
            break
    out = _balance(cut.rstrip() + "…")
    return out[:limit]


def embed_size(e: dict[str, Any]) -> int:
    """The characters Discord counts toward the 6000 total."""
    n = len(e.get("title") or "") + len(e.get("description") or "")
    n += len((e.get("footer") or {}).get("text") or "") + len((e.get("author") or {}).get("name") or "")
    for f in e.get("fields") or []:
        n += len(f.get("name") or "") + len(f.get("value") or "")
    return n


def fit_embed(e: dict[str, Any]) -> dict[str, Any]:
    """A copy of `e` within every Discord limit. Later fields are the first to go."""
    out = dict(e)
    if out.get("title"):
        out["title"] = _clip(out["title"], LIMITS["title"])
    if out.get("description"):
        out["description"] = _clip(out["description"], LIMITS["description"])
    if out.get("footer"):
        out["footer"] = {**out["footer"], "text": _clip(out["footer"].get("text") or "", LIMITS["footer"])}
    if out.get("author"):
        out["author"] = {**out["author"], "name": _clip(out["author"].get("name") or "", LIMITS["author"])}
    fields = []
    for f in (out.get("fields") or [])[: LIMITS["fields"]]:
        name = _clip(f.get("name") or _ZWSP, LIMITS["field_name"]) or _ZWSP
        value = _clip(f.get("value") or _ZWSP, LIMITS["field_value"]) or _ZWSP
        fields.append({"name": name, "value": value, "inline": bool(f.get("inline", False))})
    out["fields"] = fields
    # over the 6000 total: shorten the footer, drop trailing fields (keep the first three), then
    # shorten the description, and only then give up the first fields
    if embed_size(out) > LIMITS["total"] and out.get("footer"):
        out["footer"] = {**out["footer"], "text": _clip(out["footer"]["text"], 200)}
    while embed_size(out) > LIMITS["total"] and len(out["fields"]) > 3:
        out["fields"] = out["fields"][:-1]
    _shrink_description(out, keep=400)
    while embed_size(out) > LIMITS["total"] and out["fields"]:
        out["fields"] = out["fields"][:-1]
    _shrink_description(out, keep=1)
    if not out["fields"]:
        out.pop("fields")
    return out


def _shrink_description(out: dict[str, Any], keep: int) -> None:
    over = embed_size(out) - LIMITS["total"]
    if over > 0 and out.get("description"):
        out["description"] = _clip(out["description"], max(len(out["description"]) - over - 8, keep))


def to_embed(e: dict[str, Any]) -> discord.Embed:
    return discord.Embed.from_dict(fit_embed(e))


# --- pieces -------------------------------------------------------------------------------


def _rig_line(hw: dict[str, Any] | None) -> str:
    """'2× NVIDIA GeForce RTX 3090 (24 GB each), 64 GB RAM' from the parse contract."""
    if not hw:
        return ""
    parts = []
    for g in hw.get("gpus") or []:
        vram = g.get("vram_gb")
        named = vram and f"{vram:g} GB" in str(g.get("name", ""))  # "RTX 3060 8 GB" says it already
        mem = f" ({vram:g} GB{' each' if g.get('count', 1) > 1 else ''})" if vram and not named else ""
        parts.append(f"{g.get('count', 1)}× {g.get('name', 'GPU')}{mem}")
    if hw.get("soc"):
        um = hw.get("unified_memory_gb")
        parts.append(f"{hw['soc']}" + (f" ({um:g} GB unified)" if um else ""))
    if hw.get("ram_gb"):
        parts.append(f"{hw['ram_gb']:g} GB {hw.get('ram_type') or ''} RAM".replace("  ", " "))
    if hw.get("cpu"):
        parts.append(str(hw["cpu"]))
    return ", ".join(parts)


def _bullets(items: list[str], limit: int = 8) -> str:
    lines = [f"• {safe_text(s, 200)}" for s in items[:limit]]
    if len(items) > limit:
        lines.append(f"• …and {len(items) - limit} more")
    return "\n".join(lines)


def _footer(a: Answer) -> dict[str, str]:
    bits = []
    if a.catalog_version:
        bits.append(f"catalog {a.catalog_version}")
    if a.estimator_version:
        bits.append(f"estimator {a.estimator_version}")
    if a.cached:
        bits.append("cached")
    return {"text": " · ".join(bits) or "canirun"}


def _estimate_fields(a: Answer, o: dict[str, Any]) -> list[dict[str, Any]]:
    m, p, s = o["memory"], o["placement"], o["speed"]
    fields: list[dict[str, Any]] = [{"name": "Best option", "value": safe_text(option_summary(o))}]
    fields.append(
        {
            "name": "Memory",
            "value": f"weights {fmt_gb(m['weights_gb'])} · KV cache {fmt_gb(m['kv_cache_gb'])} "
            f"({safe_text(o.get('kv_type', ''))}) · overhead {fmt_gb(m['overhead_gb'])} · "
            f"**total {fmt_gb(m['total_gb'])}**",
        }
    )
    devices = []
    for d in p.get("devices") or []:
        layers = f", {d['layers']} layers" if d.get("layers") else ""
        experts = f", {d['expert_layers']} expert layers" if d.get("expert_layers") else ""
        devices.append(
            f"{safe_text(d['name'], 60)}: {d['used_gb']:.1f} / {d['capacity_gb']:.1f} GB{layers}{experts}"
        )
    if devices:
        fields.append({"name": "Per device", "value": "\n".join(devices)})
    if p["verdict"] != "no":
        fields.append(
            {
                "name": "Speed",
                "value": f"~{fmt_tps(s['decode_tps'])} tok/s generating ({speed_range(o)}), "
                f"~{fmt_tps(s['prefill_tps'])} tok/s reading the prompt"
                + "".join(f"\n{safe_text(x, 300)}" for x in (speed_curve_text(o), measured_text(o)) if x),
            }
        )
    if o.get("command"):
        fields.append({"name": "Run it", "value": _code(o["command"])})
    others = [
        safe_text(option_summary(x) + (f" · KV {x['kv_type']}" if x.get("kv_type") else ""))
        for x in a.options[1:6]
    ]
    if others:
        fields.append({"name": "Other options", "value": "\n".join(others)})
    if a.fixes:
        fixes = [
            f"→ {safe_text(f.change, 200)}: ~{fmt_tps(f.estimate['speed']['decode_tps'])} tok/s"
            for f in a.fixes[:5]
        ]
        fields.append({"name": "To make it fit", "value": "\n".join(fixes)})
    if o.get("assumptions"):
        fields.append({"name": "Assumptions", "value": _bullets(list(o["assumptions"]))})
    if a.hints:
        fields.append({"name": "Tips", "value": _bullets(a.hints, 4)})
    return fields


def _estimate(a: Answer, chart: bool) -> dict[str, Any]:
    o = a.best
    assert o is not None
    verdict = o["placement"]["verdict"]
    name = o["model"]["name"]
    e: dict[str, Any] = {
        "type": "rich",
        "title": f"{VERDICT_EMOJI[verdict]} {safe_text(name, 150)}: {VERDICT_WORD[verdict]}",
        "description": safe_text(a.verdict, 1500),
        "colour": COLOURS[verdict],
        "fields": _estimate_fields(a, o),
        "footer": _footer(a),
    }
    rig = _rig_line(a.question.hardware)
    if rig:
        e["description"] += f"\n\n**Rig:** {safe_text(rig, 400)}"
    if chart:
        e["image"] = {"url": f"attachment://{CHART_FILENAME}"}
    return e


def _best(a: Answer) -> dict[str, Any]:
    task = f" for {a.question.task}" if a.question.task else ""
    fields = []
    for i, o in enumerate(a.options[:10], 1):
        v = o["placement"]["verdict"]
        fields.append(
            {
                "name": f"{i}. {safe_text(o['model']['name'], 120)} · {safe_text(o['quant'])}",
                "value": f"{VERDICT_EMOJI[v]} {VERDICT_WORD[v]} · ~{fmt_tps(o['speed']['decode_tps'])} tok/s "
                f"({speed_range(o)}) · {fmt_gb(o['memory']['total_gb'])} at {o['context']:,} ctx",
            }
        )
    e: dict[str, Any] = {
        "type": "rich",
        "title": f"Best models{task} on your rig",
        "description": safe_text(a.verdict, 1500),
        "colour": COLOURS["best"],
        "fields": fields,
        "footer": _footer(a),
    }
    rig = _rig_line(a.question.hardware)
    if rig:
        e["description"] += f"\n\n**Rig:** {safe_text(rig, 400)}"
    return e


def notice_embed(
    title: str,
    message: str,
    *,
    hint: str | None = None,
    example: str | None = None,
    kind: str = "error",
) -> dict[str, Any]:
    """A short embed for errors and questions back: what went wrong, a hint and an example."""
    fields = []
    if hint:
        fields.append({"name": "Hint", "value": safe_text(hint, 900)})
    if example:
        fields.append({"name": "Example", "value": _code(example, 300)})
    return fit_embed(
        {
            "type": "rich",
            "title": title,
            "description": safe_text(message, 1500),
            "colour": COLOURS.get(kind, COLOURS["error"]),
            "fields": fields,
        }
    )


def answer_embed(a: Answer, *, chart: bool = False) -> dict[str, Any]:
    """The embed for an Answer, fitted to Discord's limits. `chart`: point the image at the attachment."""
    if a.kind == "estimate" and a.best is not None:
        return fit_embed(_estimate(a, chart))
    if a.kind == "best":
        return fit_embed(_best(a))
    if a.kind == "clarify":
        missing = set(a.question.missing)
        example = EXAMPLES[3] if missing == {"hardware"} else EXAMPLES[0]
        return notice_embed(
            "I need a bit more", a.message or a.verdict, hint=a.hint, example=example, kind="clarify"
        )
    return notice_embed(
        "I couldn't answer that", a.error or a.message or a.verdict, hint=a.hint, example=EXAMPLES[0]
    )


def rig_embed(contract: dict[str, Any], text: str, *, saved: bool) -> dict[str, Any]:
    """How a rig was read (the parse contract), for /rig set and /rig show; asks about the guesses."""
    lines = []
    for g in contract.get("gpus") or []:
        mem = (
            f"{g['vram_gb']:g} GB VRAM{' each' if g.get('count', 1) > 1 else ''}"
            if g.get("vram_gb")
            else "shared"
        )
        lines.append(f"GPU: {g.get('count', 1)}× {safe_text(g.get('name', '?'), 80)}, {mem}")
    if contract.get("soc"):
        um = contract.get("unified_memory_gb")
        lines.append(
            f"Chip: {safe_text(contract['soc'], 80)}" + (f", {um:g} GB unified memory" if um else "")
        )
    if contract.get("ram_gb"):
        lines.append(
            f"System RAM: {contract['ram_gb']:g} GB {safe_text(contract.get('ram_type') or '')}".rstrip()
        )
    if contract.get("cpu"):
        lines.append(f"CPU: {safe_text(contract['cpu'], 80)}")
    fields = [{"name": "Read as", "value": "\n".join(lines) or "nothing I recognise"}]
    assumptions = list(contract.get("assumptions") or [])
    if assumptions:
        fields.append({"name": "I guessed", "value": _bullets(assumptions)})
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
            "colour": COLOURS["clarify"] if assumptions else COLOURS["gpu"],
            "fields": fields,
            "footer": {"text": footer},
        }
    )


def help_embed() -> dict[str, Any]:
    fields = [
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
            "colour": COLOURS["best"],
            "fields": fields,
        }
    )
