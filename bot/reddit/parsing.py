"""From a summoning comment (and the thread around it) to the question to ask. Pure functions.

"u/canirun" under a post that says "I have 2x3090 and 64GB, can I run Qwen3 235B?" must just
work: when the comment lacks the model or the rig, the nearest context that has it fills the gap
(the parent comment first, then the post's title and body). Text from the context is only added
when it brings nothing but what was missing; otherwise the question is asked in fields
(`Structured`), so a second model or rig in the post cannot leak into the answer.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sizing import MAX_QUESTION_CHARS, Hardware, Question, SizingError, question_length, read_question
from sizing.catalog import ModelIndex

from ..answers import Structured

__all__ = [
    "Command",
    "Plan",
    "ban_notice",
    "clean",
    "has_keyword",
    "mentions",
    "own_text",
    "parse_command",
    "plan_question",
    "questions",
    "quoted_text",
]

MAX_QUESTIONS = 2  # questions answered in one reply, one for each mention of the bot
CHUNK_CHARS = 1_500  # context is read in pieces this long (a long post is read a piece at a time)
MAX_CHUNKS = 6  # per context source: bounded work for huge posts
_USER = r"[A-Za-z0-9_-]{3,20}"
_COMMAND = re.compile(
    r"^\W{0,3}!(opt-?out|opt-?in)\b[\s:,-]*(?:(?:/?r/|subreddit\s+)([A-Za-z0-9_]{2,21}))?", re.IGNORECASE
)
_BAN = re.compile(r"\b(un)?banned from (?:participating in )?/?r/([A-Za-z0-9_]{2,21})", re.IGNORECASE)


# Reddit markdown (Snudown; new Reddit reads the same): a quote is a line opening with ">" (up to 3
# spaces first; ">!" opens a spoiler instead) and runs on over the lines after it up to a blank
# line; a code block is indented by 4 spaces or a tab after a blank line (inside a list that is a
# paragraph of the item), or fenced by ``` / ~~~; `...` is inline code
_QUOTE = re.compile(r"^ {0,3}>(?!!)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[*+-]|\d{1,9}[.)])\s")
_INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)")


def own_text(text: str, *, code: bool = False) -> str:
    """What the author wrote themself, as Reddit shows it: quoted lines become blank (someone
    else's words), and with `code=False` code blocks and inline code too (an example, a paste).
    A mention or a question there is not addressed to the bot."""
    out: list[str] = []
    quote = in_code = in_list = False
    fence = ""
    blank_before = True
    for line in (text or "").replace("\r\n", "\n").split("\n"):
        blank = not line.strip()
        opened = _FENCE.match(line)
        if fence or opened:
            if fence and line.strip().startswith(fence):
                fence = ""  # the closing fence
            elif not fence and opened:
                fence = opened.group(1)
            out.append(line if code else "")
            continue
        if blank:
            quote, blank_before = False, True
            out.append("")
            continue
        quote = quote or bool(_QUOTE.match(line))
        indented = line.startswith(("    ", "\t"))
        in_code = indented and (blank_before or in_code) and not in_list and not quote
        if blank_before and not indented:
            in_list = bool(_LIST_ITEM.match(line))
        blank_before = False
        if quote:
            out.append("")
        elif in_code:
            out.append(line if code else "")
        else:
            out.append(line if code else _INLINE_CODE.sub(" ", line))
    return "\n".join(out)


def quoted_text(text: str) -> str:
    """The text a comment quotes (its "> " lines, the marks taken off): someone else's words the
    comment answers, read as context like a parent comment's, never as the comment's own question."""
    out: list[str] = []
    quote = False
    for line in (text or "").replace("\r\n", "\n").split("\n"):
        if not line.strip():
            quote = False
            continue
        quote = quote or bool(_QUOTE.match(line))
        if quote:
            out.append(re.sub(r"^(?: {0,3}>(?!!))+\s?", "", line))
    return "\n".join(out).strip()


def _mention_re(username: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w/])(?:/?u/|@){re.escape(username)}\b", re.IGNORECASE)


def mentions(text: str, username: str, *, anywhere: bool = False) -> bool:
    """Whether the author's own text names the bot (not a quote of someone who did, nor code);
    `anywhere`: quotes and code included."""
    return bool(_mention_re(username).search(text if anywhere else own_text(text)))


def _keyword_re(keyword: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(keyword)}(?!\w)", re.IGNORECASE)


def has_keyword(text: str, keyword: str) -> bool:
    return bool(keyword) and _keyword_re(keyword).search(own_text(text)) is not None


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = re.compile(r"[.!?](?:\s+|$)|\n")


def _around(text: str, at: int, limit: int) -> str:
    """The part of a long `text` that holds position `at`, in at most `limit` characters: its
    paragraph, with the paragraphs just before and after where they fit; a paragraph longer than
    that is cut to whole sentences around `at`."""
    starts = [0, *(m.end() for m in _PARAGRAPH_BREAK.finditer(text))]
    ends = [*(m.start() for m in _PARAGRAPH_BREAK.finditer(text)), len(text)]
    i = max(k for k, start in enumerate(starts) if start <= at)
    start, end = starts[i], ends[i]
    if end - start > limit:
        lo, hi = max(start, at - limit // 2), min(end, at + limit // 2)
        first = _SENTENCE_END.search(text, lo, at) if lo > start else None
        cut = [m.end() for m in _SENTENCE_END.finditer(text, at, hi)]
        return text[first.end() if first else lo : cut[-1] if cut and hi < end else hi].strip()
    for j in (i - 1, i + 1):  # the neighbours, the one before first (what the question is about)
        if 0 <= j < len(starts) and max(end, ends[j]) - min(start, starts[j]) <= limit:
            start, end = min(start, starts[j]), max(end, ends[j])
    return text[start:end].strip()


# the writer's own hardware said in a sentence: "My rig: 2x 3090, 128gb ddr4", "I have a 4090 and 64gb",
# "specs: 7950x, 96gb" (with a figure in it: a card's number or an amount of memory)
_RIG_STATED = re.compile(
    r"\b(?:my|our)\s+(?:current\s+|own\s+)?(?:rig|setup|build|system|pc|machine|hardware|specs?|box|server|"
    r"workstation|gpus?|cards?)\b|\bi\s+(?:have|own|run|got|am\s+on)\b|\bi'?(?:ve|m)\s+(?:got|on)\b|\bspecs?\s*:",
    re.IGNORECASE,
)
_RIG_SENTENCE_MAX = 300  # a sentence kept for the rig it states: at most this long
_RIG_SENTENCES = 2  # and at most this many


def _rig_sentences(text: str) -> list[str]:
    """The sentences of `text` where the writer states their hardware, first first."""
    out: list[str] = []
    for m in _RIG_STATED.finditer(text):
        ends = [e.end() for e in _SENTENCE_END.finditer(text, 0, m.start())]
        start = ends[-1] if ends else 0
        after = _SENTENCE_END.search(text, m.end())
        sentence = text[start : after.end() if after else len(text)].strip()
        if re.search(r"\d", sentence) and len(sentence) <= _RIG_SENTENCE_MAX and sentence not in out:
            out.append(sentence)
        if len(out) == _RIG_SENTENCES:
            break
    return out


def _excerpt(s: str, at: int, limit: int, rigs: list[str]) -> str:
    """The part of a long comment `s` around position `at` in at most `limit` characters, with the
    sentences `rigs` that state the writer's hardware elsewhere before it (a rig said in the first
    paragraph of a long comment is part of a question asked at its end)."""
    room = limit - sum(len(r) + 2 for r in rigs)
    part = _around(s, at, room if room >= limit // 2 else limit)
    kept = [r for r in rigs if r not in part and len(part) + len(r) + 2 <= limit]
    return "\n\n".join([*kept, part])


def clean(text: str, username: str, keyword: str = "") -> str:
    """The comment's own text (quotes left out) without the bot's username and the keyword: what is
    left is the question."""
    return _cleaned(own_text(text, code=True), username, keyword)


def questions(text: str, username: str, keyword: str = "") -> tuple[list[str], int]:
    """The questions a comment asks the bot, one for each mention of it (the text from one mention to
    the next; the first with what comes before it), cleaned as `clean` does, at most `MAX_QUESTIONS`,
    and how many more it asks; one question where it mentions the bot once."""
    s = own_text(text, code=True)
    found = list(_mention_re(username).finditer(s))
    if len(found) < 2:
        return [_cleaned(s, username, keyword)], 0
    bounds = [0, *(m.start() for m in found[1:]), len(s)]
    parts = [_cleaned(s[a:b], username, keyword) for a, b in itertools.pairwise(bounds)]
    parts = [p for p in parts if p]
    return parts[:MAX_QUESTIONS], max(0, len(parts) - MAX_QUESTIONS)


def _cleaned(s: str, username: str, keyword: str) -> str:
    """`s` (own text) without the bot's username and the keyword; a long one cut to the part around
    the mention, with the sentences stating the writer's hardware elsewhere in it."""
    if len(s) > MAX_QUESTION_CHARS:  # a long comment: the part that summons the bot is the question
        at = _mention_re(username).search(s) or (_keyword_re(keyword).search(s) if keyword else None)
        if at is not None:
            s = _excerpt(s, at.start(), MAX_QUESTION_CHARS, _rig_sentences(s))
    s = _mention_re(username).sub(" ", s)
    if keyword:
        s = re.sub(rf"(?<!\w){re.escape(keyword)}(?!\w)", " ", s, flags=re.IGNORECASE)
    s = re.sub(r"[ \t]+", " ", s)
    return re.sub(r"\n{3,}", "\n\n", s).strip(" \t\n,:;-")


@dataclass(frozen=True, slots=True)
class Command:
    """!optout / !optin, for the sender or (moderators, by PM) a subreddit."""

    action: str  # "optout" | "optin"
    subreddit: str | None = None


def parse_command(text: str, subject: str = "") -> Command | None:
    for candidate in (text, subject):
        m = _COMMAND.match((candidate or "").strip())
        if m:
            action = "optout" if m.group(1).lower().replace("-", "") == "optout" else "optin"
            return Command(action, m.group(2))
    return None


def ban_notice(subject: str, body: str) -> tuple[str, bool] | None:
    """(subreddit, banned) from a moderator message announcing a ban or its end; None otherwise."""
    m = _BAN.search(f"{subject}\n{body}")
    if m is None:
        return None
    return m.group(2), m.group(1) is None


@dataclass(frozen=True, slots=True)
class Plan:
    """What to ask. `structured` when set, else `text`."""

    text: str
    structured: Structured | None = None
    needs: tuple[str, ...] = ()  # what the comment alone lacks: "model", "hardware"
    used: tuple[str, ...] = ()  # context sources that filled a gap, nearest first
    substantive: bool = False  # the comment itself asks something: a model, a rig, a context size...

    @property
    def wants_context(self) -> bool:
        return bool(self.needs)


def _read(text: str, index: ModelIndex) -> Question | None:
    if question_length(text) > MAX_QUESTION_CHARS:
        return None
    try:
        return read_question(text, index)
    except SizingError:
        return None


def _chunks(text: str, size: int) -> list[str]:
    """Pieces of at most `size` characters, cut at paragraph or sentence ends where possible."""
    text = text.strip()
    out: list[str] = []
    while text and len(out) < MAX_CHUNKS:
        if len(text) <= size:
            out.append(text)
            break
        cut = max(text.rfind("\n", 0, size), text.rfind(". ", 0, size))
        cut = cut + 1 if cut > size // 2 else size
        out.append(text[:cut].strip())
        text = text[cut:].strip()
    return out


def _has_hw(q: Question) -> bool:
    return q.hardware is not None and "hardware" not in q.missing


@dataclass(frozen=True, slots=True)
class _Found:
    label: str
    text: str
    q: Question


# the bot's own answer (its verdict's opening, with the speed in its words, or its footer): a reply
# that quotes it, or relays it, continues that answer
_BOT_ANSWER = re.compile(
    r"^\W{0,12}(?:yes|no)\b[^\n]{0,60}?:[^\n]{0,400}?~?\d[\d.,]{0,12}\s+tokens/s"
    r"|i'm\s+a\s+bot\s+that\s+checks\s+whether\s+a\s+local\s+llm\s+fits",
    re.IGNORECASE | re.MULTILINE,
)


def _rig_words(hw: Hardware) -> str:
    """A rig said plainly ("1x NVIDIA GeForce RTX 3090, 64 GB RAM"), for the reader to read again."""
    parts = [f"{g.count}x {g.name}" + (f" {g.vram_gb:g}GB" if g.vram_gb else "") for g in hw.gpus]
    if hw.soc is not None:
        parts.append(hw.soc.name + (f" {hw.unified_memory_gb:g}GB" if hw.unified_memory_gb else ""))
    if hw.ram_gb:
        parts.append(f"{hw.ram_gb:g}GB {hw.ram_type or ''} RAM".replace("  ", " "))
    if hw.cpu is not None:
        parts.append(hw.cpu.name)
    return ", ".join(parts)


def _told_plainly(text: str, index: ModelIndex) -> str:
    """The bot's own answer in `text` as the model and rig it was about, and nothing else: what it
    says of the fit ("fully on the GPU"), the context it assumed or the speed it found are no wish
    of the one who asks on."""
    if not _BOT_ANSWER.search(text):
        return text
    q = _read(text[:CHUNK_CHARS], index)
    if q is None:
        return ""
    models = ", ".join(dict.fromkeys(r.model.name for r in q.models))
    rig = _rig_words(q.hardware) if _has_hw(q) and q.hardware is not None else ""
    return f"{models} on {rig}" if models and rig else models or rig


def _rig_only(found: _Found, index: ModelIndex) -> str:
    """The words of a context that state its rig, without those about a model it names: "My setup:
    4070 Ti Super, 96GB. Running qwen3 30b at 60 t/s." is the rig of the first sentence; a speed or a
    quant said of that model is none of the model asked about."""
    if not found.q.models or (found.q.min_tps is None and found.q.quant is None and not found.q.model_quants):
        return found.text
    cuts = [0, *(m.end() for m in _SENTENCE_END.finditer(found.text)), len(found.text)]
    kept = []
    for a, b in itertools.pairwise(cuts):
        q = _read(found.text[a:b], index) if found.text[a:b].strip() else None
        if q is not None and _has_hw(q) and not q.models:
            kept.append(found.text[a:b].strip())
    if kept:
        return " ".join(kept)
    return _rig_words(found.q.hardware) if found.q.hardware is not None else found.text


# a model asked about against what runs now: "would X be faster on that box?", "is Y quicker?"
_AGAINST_NOW = re.compile(r"\b(?:faster|quicker|slower|speedier)\b", re.IGNORECASE)


def plan_question(comment: str, index: ModelIndex, context: Sequence[tuple[str, str]] = ()) -> Plan:
    """The question for `comment`, filling what it lacks from `context` ((label, text), nearest first)."""
    context = [(label, _told_plainly(text, index)) for label, text in context]
    q0 = _read(comment, index)
    if q0 is None:  # too long: the service answers with a friendly "ask in under N characters"
        return Plan(text=comment)
    substantive = bool(
        q0.models or _has_hw(q0) or q0.wants_best or q0.context or q0.quant or q0.engine or q0.min_tps
    )
    needs = tuple(m for m in ("model", "hardware") if m in q0.missing)
    if q0.change is not None and not q0.models and "model" not in needs:
        # an upgrade asked with no model ("would a second 3090 get me to 20 t/s?"): the thread's model
        needs = ("model", *needs)
    base = Plan(text=comment, needs=needs, substantive=substantive)
    size = min(CHUNK_CHARS, (MAX_QUESTION_CHARS - len(comment) - 10) // 2)
    if not needs or q0.problems or not context or size < 200:
        return base
    model_src = hw_src = None
    for label, text in context:
        for chunk in _chunks(text, size):
            q = _read(chunk, index)
            if q is None:
                continue
            if "model" in needs and model_src is None and q.models:
                model_src = _Found(label, chunk, q)
            if "hardware" in needs and hw_src is None and _has_hw(q):
                hw_src = _Found(label, chunk, q)
        if ("model" not in needs or model_src) and ("hardware" not in needs or hw_src):
            break
    found = [f for f in (model_src, hw_src) if f is not None]
    if not found:
        return base
    order = [label for label, _ in context]
    used = tuple(sorted(dict.fromkeys(f.label for f in found), key=order.index))
    chunks = list(dict.fromkeys(f.text for f in found))
    # adding a chunk is safe when it brings only what was missing (no second model or rig)
    safe = all(
        (not f.q.models or f is model_src or f.text == getattr(model_src, "text", None))
        and (not _has_hw(f.q) or f is hw_src or f.text == getattr(hw_src, "text", None))
        for f in found
    )
    if (
        q0.models
        and _AGAINST_NOW.search(comment)
        and hw_src is not None
        and hw_src.q.speed_seen is not None
        and hw_src.q.models
    ):
        # "would gpt-oss 120b be faster on that box?" under "running qwen3 32b at 35 t/s on my 2x 3090":
        # the speed had now is what the model asked about is weighed against; told first, asked last
        return Plan(text=f"{hw_src.text}\n\n{comment}", needs=needs, used=used, substantive=substantive)
    upgrade = q0.change is not None and model_src is not None and _has_hw(model_src.q)
    if upgrade and hw_src in (None, model_src):
        # an upgrade asked of the thread's setup ("would a second 3090 get me to 20 t/s?"): the card the
        # comment names is the one added, and the context's whole rig (its RAM too) the one it joins
        safe = True
    model = (
        q0.models[0].model.name if q0.models else (model_src.q.models[0].model.name if model_src else None)
    )
    hw_text = comment if _has_hw(q0) else (_rig_only(hw_src, index) if hw_src else None)
    if safe or hw_text is None or (model is None and not q0.wants_best):
        return Plan(
            text="\n\n".join(p for p in (comment, *chunks) if p.strip()),
            needs=needs,
            used=used,
            substantive=substantive,
        )
    sources = [q0, *(f.q for f in found)]
    asked = q0.models[0].model.id if q0.models else (model_src.q.models[0].model.id if model_src else None)
    # a speed or a quant the context reports for another model ("running qwen3 30b at 60 t/s") is
    # about that model, not a wish for the one asked
    own = [q for q in sources if q is q0 or not q.models or any(r.model.id == asked for r in q.models)]

    def first(attr: str, among: Sequence[Question] = sources) -> object:
        return next((getattr(q, attr) for q in among if getattr(q, attr) is not None), None)

    structured = Structured(
        model=model,
        hardware=hw_text,
        context=first("context"),  # type: ignore[arg-type]
        quant=first("quant", own),  # type: ignore[arg-type]
        engine=first("engine"),  # type: ignore[arg-type]
        task=first("task"),  # type: ignore[arg-type]
        min_tps=first("min_tps", own),  # type: ignore[arg-type]
        best=q0.wants_best and model is None,
    )
    return Plan(text=comment, structured=structured, needs=needs, used=used, substantive=substantive)
