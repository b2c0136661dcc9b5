"""Discord's embed payload and its limits, and fitting an embed within them.

Limits (Discord's API documentation, "Embed Limits"): title 256, description 4096, at most 25
fields, field name 256 and value 1024, footer 2048, author name 256, and 6000 characters over
all of them together. `fit_embed` enforces them by cutting at line or word boundaries, closing
what a cut would leave open (code spans, bold) and dropping the least important fields first, so
a long answer shrinks instead of being refused by Discord.
"""

from __future__ import annotations

from typing import TypedDict

__all__ = [
    "LIMITS",
    "Embed",
    "EmbedAuthor",
    "EmbedField",
    "EmbedFooter",
    "EmbedImage",
    "embed_size",
    "fit_embed",
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
_ZWSP = "\u200b"  # Discord refuses an empty field name or value; a zero-width space is neither


class EmbedField(TypedDict, total=False):
    name: str
    value: str
    inline: bool


class EmbedFooter(TypedDict, total=False):
    text: str


class EmbedAuthor(TypedDict, total=False):
    name: str


class EmbedImage(TypedDict):
    url: str


class Embed(TypedDict, total=False):
    """The embed object of Discord's API (the keys canirun sends; `color` is an RGB integer)."""

    type: str
    title: str
    url: str
    description: str
    color: int
    fields: list[EmbedField]
    footer: EmbedFooter
    author: EmbedAuthor
    image: EmbedImage


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
    """`text` within `limit` characters, cut at a line or word boundary and marked with '…'."""
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


def embed_size(e: Embed) -> int:
    """The characters Discord counts toward the 6000 total."""
    n = len(e.get("title") or "") + len(e.get("description") or "")
    n += len(e.get("footer", {}).get("text") or "") + len(e.get("author", {}).get("name") or "")
    for f in e.get("fields") or []:
        n += len(f.get("name") or "") + len(f.get("value") or "")
    return n


def fit_embed(e: Embed) -> Embed:
    """A copy of `e` within every Discord limit. Later fields are the first to go."""
    out = Embed(**e)
    if out.get("title"):
        out["title"] = _clip(out["title"], LIMITS["title"])
    if out.get("description"):
        out["description"] = _clip(out["description"], LIMITS["description"])
    if out.get("footer"):
        out["footer"] = {**out["footer"], "text": _clip(out["footer"].get("text") or "", LIMITS["footer"])}
    if out.get("author"):
        out["author"] = {**out["author"], "name": _clip(out["author"].get("name") or "", LIMITS["author"])}
    fields: list[EmbedField] = []
    for f in (out.get("fields") or [])[: LIMITS["fields"]]:
        name = _clip(f.get("name") or _ZWSP, LIMITS["field_name"]) or _ZWSP
        value = _clip(f.get("value") or _ZWSP, LIMITS["field_value"]) or _ZWSP
        fields.append({"name": name, "value": value, "inline": bool(f.get("inline", False))})
    out["fields"] = fields
    # over the 6000 total: shorten the footer, drop trailing fields (keep the first three), then
    # shorten the description, and only then give up the first fields
    if embed_size(out) > LIMITS["total"] and out.get("footer"):
        out["footer"] = {**out["footer"], "text": _clip(out["footer"].get("text") or "", 200)}
    while embed_size(out) > LIMITS["total"] and len(out["fields"]) > 3:
        out["fields"] = out["fields"][:-1]
    _shrink_description(out, keep=400)
    while embed_size(out) > LIMITS["total"] and out["fields"]:
        out["fields"] = out["fields"][:-1]
    _shrink_description(out, keep=1)
    if not out["fields"]:
        del out["fields"]
    return out


def _shrink_description(out: Embed, keep: int) -> None:
    over = embed_size(out) - LIMITS["total"]
    if over > 0 and out.get("description"):
        out["description"] = _clip(out["description"], max(len(out["description"]) - over - 8, keep))
