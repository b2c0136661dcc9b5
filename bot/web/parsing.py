"""Pure pieces of the web frontend: the form's fields -> the question to ask, the input limits, and
where a request comes from. Nothing here touches the network, so all of it is tested with plain
values.

The limits are the bots': a question of at most `MAX_QUESTION_CHARS` (what the reader reads), a
model name of 200 and a hardware description of 400 characters, a context of 512 to 1,048,576
tokens (Discord's option ranges).
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass

from sizing import MAX_QUESTION_CHARS, question_length
from sizing.vocabulary import MAX_CONTEXT

from ..answers import Structured

__all__ = [
    "CONTEXT_MAX",
    "CONTEXT_MIN",
    "HARDWARE_TEXT_MAX",
    "MODEL_TEXT_MAX",
    "QUESTION_MAX",
    "FormQuestion",
    "InputProblem",
    "client_key",
    "form_question",
    "parse_context",
    "parse_depth",
]

QUESTION_MAX = MAX_QUESTION_CHARS
MODEL_TEXT_MAX = 200
HARDWARE_TEXT_MAX = 400
CONTEXT_MIN = 512
CONTEXT_MAX = MAX_CONTEXT  # the longest context any model offers: the same on every front door
EXAMPLE = "can I run qwen3 30b on an RTX 3090 with 32GB RAM?"

_CONTEXT = re.compile(r"(\d+(?:\.\d+)?)\s*([km]?)(?:\s*(?:tokens?|ctx|context))?", re.IGNORECASE)


class InputProblem(Exception):
    """A field we refuse before asking; `hint` says how to fix it."""

    def __init__(self, message: str, hint: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.field = field


def _clean(text: str | None, limit: int, what: str, field: str) -> str:
    s = " ".join((text or "").split())
    if len(s) > limit:
        raise InputProblem(
            f"That {what} is too long ({len(s):,} characters; at most {limit:,}).",
            f"Shorten the {what}.",
            field,
        )
    return s


def _tokens(value: str | int | None, lowest: int, field: str) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise InputProblem("A context length is a number of tokens.", "Try 8192 or 32k.", field)
    if isinstance(value, int):
        n = value
    else:
        m = _CONTEXT.fullmatch(value.strip().replace(",", "").replace("_", ""))
        if m is None:
            raise InputProblem(f"{_shown(value)} is not a number of tokens.", "Try 8192 or 32k.", field)
        unit = {"": 1, "k": 1024, "m": 1024 * 1024}[m.group(2).lower()]
        n = int(float(m.group(1)) * unit)
    if not lowest <= n <= CONTEXT_MAX:
        raise InputProblem(
            f"{n:,} token{'' if n == 1 else 's'} is outside {lowest:,}–{CONTEXT_MAX:,}.",
            "Pick a context length like 8192 or 32768.",
            field,
        )
    return n


def parse_context(value: str | int | None) -> int | None:
    """'32k', '32768', '32,768 tokens', '1m' -> tokens; None or '' -> None. Raises InputProblem
    for text that is not a context length or one outside the bots' range."""
    return _tokens(value, CONTEXT_MIN, "context")


def parse_depth(value: str | int | None) -> int | None:
    """Tokens already in the context (`canirun estimate --depth`): like a context, 0 allowed."""
    return _tokens(value, 0, "depth")


def _shown(value: str) -> str:
    s = " ".join(value.split())
    return f'"{s[:40]}…"' if len(s) > 40 else f'"{s}"'


@dataclass(frozen=True, slots=True)
class FormQuestion:
    """What the page asks the service: a text (`canirun ask`) or fields (like /canirun and /best)."""

    text: str | None = None
    structured: Structured | None = None


def form_question(
    question: str | None, model: str | None, hardware: str | None, context: str | int | None
) -> FormQuestion:
    """The page's fields -> one question. The free text is read like a bot's; the fields add what
    it leaves out (labelled lines the reader understands). Without text: model and hardware ask
    like /canirun, hardware alone like /best. Raises InputProblem for an empty or oversized form."""
    q = question.strip() if question else ""
    if question_length(q) > QUESTION_MAX:
        raise InputProblem(
            f"That question is too long ({question_length(q):,} characters; at most {QUESTION_MAX:,}).",
            "Ask about one model and one rig in a sentence or two.",
            "q",
        )
    name = _clean(model, MODEL_TEXT_MAX, "model name", "model")
    rig = _clean(hardware, HARDWARE_TEXT_MAX, "hardware description", "hardware")
    tokens = parse_context(context)
    if not (q or name or rig):
        raise InputProblem(
            "Ask a question, or fill in the model and the hardware.", f'For example: "{EXAMPLE}"', "q"
        )
    if not q and rig:
        return FormQuestion(
            structured=Structured(model=name or None, hardware=rig, best=not name, context=tokens)
        )
    lines = [q] if q else []
    lines += [f"Model: {name}." if name else "", f"Hardware: {rig}." if rig else ""]
    lines += [f"Context: {tokens} tokens." if tokens else ""]
    return FormQuestion(text="\n".join(x for x in lines if x))


def client_key(remote: str | None, forwarded_for: str | None, proxy_hops: int) -> str:
    """The address a request's rate limit counts against: the peer, or with `proxy_hops` reverse
    proxies in front, the address the nearest of them saw (X-Forwarded-For, counted from the
    right, so a client cannot choose it). IPv6 addresses count per /64, what one subscriber gets."""
    address = remote or ""
    if proxy_hops and forwarded_for:
        hops = [h.strip() for h in forwarded_for.split(",") if h.strip()]
        if hops:
            address = hops[-proxy_hops] if len(hops) >= proxy_hops else hops[0]
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "unknown"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)
