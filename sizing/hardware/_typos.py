"""Card numbers typed with a stray digit ("40900", "rtx 30900"): the nearest card, with a note.

A five-digit number that is no card, CPU or amount reads as the one card left when a single digit is
dropped, where the words around it say it is a graphics card (a product-line word before it, a GPU
word after it, or it is the subject of a short rig line). Ambiguous numbers ("40960": 4060 or 4090?)
are left alone with a note, so the rig is never read as if it had no GPU without saying so.
"""

from __future__ import annotations

from collections.abc import Sequence

from ._database import SYSTEM_PREFIX, DeviceDatabase
from ._lexicon import SERIES_WORDS
from ._mentions import Mention
from ._reading import same_size
from ._spelling import NAME_WORDS, SUFFIX_SLIPS
from ._tokens import Token

__all__ = ["confirm_spellings", "series_slips", "typo_mentions"]

_LINE_BEFORE = frozenset({"rtx", "gtx", "rx", "geforce", "nvidia", "radeon", "quadro", "tesla", "arc"})
_OWNER_BEFORE = frozenset({"my", "a", "an", "the", "one", "with", "have", "got", "own"})
_GPU_AFTER = frozenset({"gpu", "card", "graphics", "ti", "super", "xt", "xtx"})
_LIST_AFTER = frozenset({"with", "and", "+", ",", "/", "&", "w"})


def typo_mentions(
    tokens: Sequence[Token], masked: Sequence[bool], found: Sequence[Mention], db: DeviceDatabase
) -> tuple[list[Mention], list[str]]:
    """Mentions for mistyped card numbers, and notes for the ones that stay unread."""
    out: list[Mention] = []
    notes: list[str] = []
    numbers = [i for i, t in enumerate(tokens) if t.is_num and 3 <= len(t.text) <= 5 and not masked[i]]
    if not numbers:
        return out, notes
    taken = {k for m in found for k in range(m.start, m.end)}
    if any(i + 1 < len(tokens) and tokens[i + 1].text in _XT_SLIPS for i in numbers):
        notes += _xt_slips(tokens, numbers, found, out, db, taken)
    for i in numbers:
        t = tokens[i]
        if not t.text.isdigit() or i in taken:
            continue
        if len(t.text) < 5:
            found_short = _short_typo(tokens, i, db)
            if found_short is not None:
                mention, note = found_short
                if mention is not None:
                    out.append(mention)
                notes.append(note)
            continue
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is not None and nxt.glued and nxt.is_word and nxt.text not in ("ti", "s"):
            continue  # "16384mib", "32768k": a unit or a model name, not a card
        before = tokens[i - 1].text if i > 0 else ""
        after = nxt.text if nxt is not None else ""
        card_context = before in _LINE_BEFORE or after in _GPU_AFTER
        subject = (i == 0 or before in _OWNER_BEFORE) and (after in _LIST_AFTER or after == "")
        if not (card_context or subject):
            continue
        prefix = before if before in _LINE_BEFORE else ""
        # "rtx 40700 super", "rx 79000 xtx": the suffix typed after belongs to the card meant
        suffix, suffix_end = _suffix_after(tokens, i)
        votes: dict[str, int] = {}  # each dropped digit that leaves a card votes for it
        ends: dict[str, int] = {}
        for k in range(5):
            guess = prefix + t.text[:k] + t.text[k + 1 :]
            device = db.lookup(guess + suffix) if suffix else None
            if device is not None:
                ends[device] = suffix_end
            else:
                device = db.lookup(guess)
            if device is not None and not device.startswith(SYSTEM_PREFIX) and _is_gpu(db, device):
                votes[device] = votes.get(device, 0) + 1
        if len(votes) > 1 and ends.keys() & votes.keys():
            votes = {d: v for d, v in votes.items() if d in ends}  # the cards that keep the suffix
        ranked = sorted(votes.items(), key=lambda kv: -kv[1])
        # a key pressed twice leaves the card by two drops ("40900": 4090 twice, 4000 once)
        ids = {ranked[0][0]} if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else set(votes)
        if len(ids) == 1:
            device = ids.pop()
            start = i - 1 if prefix else i
            out.append(Mention(start, ends.get(device, i + 1), device, "gpu"))
            notes.append(f"read '{t.text}' as the {db.variants(device)[0].name} (a typo?)")
        elif card_context:
            notes.append(f"could not tell which card '{t.text}' is; name it as written on the box")
    return out, notes


def _short_typo(tokens: Sequence[Token], i: int, db: DeviceDatabase) -> tuple[Mention | None, str] | None:
    """'RTX 3009', 'GTX 1008 Ti', 'RTX 409': a card number after a product-line word with two digits
    swapped (four digits) or one left out (three), where exactly one card fits; '1090 Ti', 'my 4900
    gpu': four digits with one wrong, said to be a card by the word after them, read where one card
    fits and asked about (a note naming the candidates) where several do."""
    t = tokens[i]
    before = tokens[i - 1].text if i > 0 else ""
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    suffix_after = nxt is not None and nxt.text in _GPU_AFTER
    if nxt is not None and nxt.glued and nxt.is_word and nxt.text not in _GPU_AFTER:
        return None
    letter = ""
    if len(before) == 1 and before.isalpha() and t.glued and i >= 2 and tokens[i - 2].text in _LINE_BEFORE:
        letter, before = before, tokens[i - 2].text  # "RTX A600": a model number with its letter
    subject_memory = _memory_after(tokens, i + 2) if nxt is not None and nxt.text in _LIST_AFTER else None
    # "4900 with 24gb vram": the rig line's first item, a swap of two digits only, read where the card
    # meant is sold with the memory said ("my 3600 with 16gb ddr4" is a Ryzen 5 3600, no RTX 3060)
    subject = len(t.text) == 4 and (i == 0 or before in _OWNER_BEFORE) and subject_memory is not None
    if before not in _LINE_BEFORE and not (len(t.text) == 4 and suffix_after) and not subject:
        return None
    if before not in _LINE_BEFORE:
        before = ""
    before += letter
    digits = t.text
    if db.lookup(before + digits) is not None or db.lookup(digits) is not None:
        return None
    if len(digits) == 4:
        guesses = {digits[:k] + digits[k + 1] + digits[k] + digits[k + 2 :] for k in range(3)}
        if not before and not subject:  # no product-line word: one digit mistyped
            guesses |= {digits[:k] + d + digits[k + 1 :] for k in range(4) for d in "0123456789"}
    else:
        guesses = {digits[:k] + d + digits[k:] for k in range(4) for d in "0123456789"}
    suffix, end = _suffix_after(tokens, i)  # "GTX 1008 Ti": the suffix belongs to the card meant
    ids = set()
    for guess in guesses - {digits}:
        device = db.lookup(before + guess + suffix) or (db.lookup(before + guess) if suffix else None)
        if device is not None and not device.startswith(SYSTEM_PREFIX) and _is_gpu(db, device):
            ids.add(device)
    if subject and not before and subject_memory is not None:
        ids = {d for d in ids if _sold_with(db, d, subject_memory)}
    if not ids and before in _LINE_BEFORE and len(digits) == 4:
        # "RTX 3096 24GB": one digit mistyped after a product-line word, where the memory said fits
        memory = _memory_after(tokens, end)
        if memory is not None:
            slips = {digits[:k] + d + digits[k + 1 :] for k in range(4) for d in "0123456789"} - {digits}
            for guess in slips:
                device = db.lookup(before + guess + suffix) or (db.lookup(before + guess) if suffix else None)
                if device is not None and _is_gpu(db, device) and _sold_with(db, device, memory):
                    ids.add(device)
    if len(ids) > 1 and suffix:  # the cards that keep the suffix
        ids = {d for d in ids if any(db.lookup(before + g + suffix) == d for g in guesses)} or ids
    if len(ids) > 1 and not before:
        names = sorted(db.variants(d)[0].name for d in ids)
        typed = f"{digits} {suffix.title()}".strip()
        return None, f"could not tell which card '{typed}' is ({' or '.join(names)}?); name it as on the box"
    if len(ids) != 1:
        if before in SERIES_WORDS and len(digits) == 4:  # "rtx3909": a card meant, none near enough to name
            return None, f"could not tell which card '{before.upper()} {digits}' is; name it as on the box"
        return None
    device = ids.pop()
    name = db.variants(device)[0].name
    start = i - 1 - len(letter) if before else i
    return Mention(start, end, device, "gpu"), f"read '{letter.upper()}{digits}' as the {name} (a typo?)"


_SUFFIXES = _GPU_AFTER - {"gpu", "card", "graphics"}
# Radeon suffixes typed wrong ("7900 xxt", "6800 xtt", "9070 tx"): one edit from both XT and XTX
_XT_SLIPS = frozenset({"tx", "xx", "xxt", "xtt", "txx", "xtxt", "xxtx", "xttx"})


def _xt_slips(
    tokens: Sequence[Token],
    numbers: Sequence[int],
    found: Sequence[Mention],
    out: list[Mention],
    db: DeviceDatabase,
    taken: set[int],
) -> list[str]:
    """A card number followed by a mistyped XT/XTX: the one of the two the card is sold as, with a note;
    where it is sold as both, a note asks which (the card is never read as the plain one silently)."""
    notes: list[str] = []
    by_end = {m.end: m for m in found if m.kind == "gpu"}
    for i in numbers:
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is None or nxt.text not in _XT_SLIPS or nxt.line != tokens[i].line:
            continue
        before = tokens[i - 1].text if i > 0 else ""
        prefix = before if before in ("rx", "radeon") else ""
        base = "rx" + tokens[i].text if prefix else tokens[i].text
        spelt = (db.lookup(base + "xt"), db.lookup(base + "xtx"))
        fits = {d for d in spelt if d is not None and _is_gpu(db, d)}
        typed = f"{tokens[i].text} {tokens[i + 1].text}".upper()
        named = by_end.get(i + 1)
        if fits:
            taken.add(i)  # read or asked about here: no second guess at the number
        if len(fits) == 1:
            device = fits.pop()
            if named is not None:  # "RX 6800XTT": the card meant, not the fallback row of the number
                named.device_id, named.end, named.spec, named.specs = device, i + 2, None, ()
            else:
                out.append(Mention(i - 1 if prefix else i, i + 2, device, "gpu"))
            notes.append(f"read '{typed}' as the {db.variants(device)[0].name} (a typo?)")
        elif fits:
            names = " or ".join(sorted(db.variants(d)[0].name for d in fits))
            notes.append(f"could not tell which card '{typed}' is ({names}?); name it as on the box")
    return notes


def _suffix_after(tokens: Sequence[Token], i: int) -> tuple[str, int]:
    """The card suffix words right after the number at i ("ti super", "xtx") and where they end."""
    suffix = ""
    end = i + 1
    while end < len(tokens) and end < i + 3 and tokens[end].text in _SUFFIXES:
        suffix += tokens[end].text
        end += 1
    return suffix, end


def _memory_after(tokens: Sequence[Token], k: int) -> float | None:
    """The memory amount written at k ("24GB", "24 gb", "16g"), if one is."""
    if k + 1 < len(tokens) and tokens[k].is_num and tokens[k + 1].text in ("gb", "g", "gib"):
        return float(tokens[k].value)
    return None


def _sold_with(db: DeviceDatabase, device: str, memory: float) -> bool:
    rows = db.variants(device)
    sizes = {o for row in rows for o in (*row.memory_options_gb, row.memory_gb) if o}
    return any(same_size(memory, o) for o in sizes)


def _is_gpu(db: DeviceDatabase, device: str) -> bool:
    rows = db.variants(device)
    return bool(rows) and rows[0].kind == "gpu"


def confirm_spellings(tokens: list[Token]) -> list[str]:
    """Keep a misspelt name word read as the word ("rtx 4070 ti suepr") only beside a number or another
    name word; elsewhere put back what was typed. Returns the notes for the ones kept."""
    notes: list[str] = []
    for k, t in enumerate(tokens):
        if not t.typed:
            continue
        if t.typed in SUFFIX_SLIPS:
            keep = _after_number(tokens, k)
        else:
            near = tokens[max(0, k - 2) : k + 3]
            keep = any(o is not t and o.line == t.line and (o.is_num or o.text in NAME_WORDS) for o in near)
        if keep:
            notes.append(f"read '{t.typed}' as '{t.text}' (a typo?)")
        else:
            tokens[k] = t._replace(text=t.typed, typed="")
    return notes


def _after_number(tokens: Sequence[Token], k: int) -> bool:
    """A cut or look-alike suffix right after a card's number ("4080 supe", "4070 ti sup", "2080 tl"),
    ending its item ("tl;dr" is no Ti)."""
    prev = k - 1
    if prev >= 1 and tokens[prev].text == "ti":
        prev -= 1  # "4070 ti supe"
    if prev < 0 or not tokens[prev].is_num or tokens[prev].line != tokens[k].line:
        return False
    nxt = tokens[k + 1] if k + 1 < len(tokens) and tokens[k + 1].line == tokens[k].line else None
    if nxt is not None and nxt.text == ";":
        return False
    # a neighbouring key is read only where no word of a sentence follows ("3090 tu vieja" is Spanish)
    return tokens[k].typed not in _KEY_SLIPS or nxt is None or not nxt.is_word or nxt.text in _SUFFIX_WORDS


_KEY_SLIPS = frozenset({"tu", "ri", "yi"})
_SUFFIX_WORDS = frozenset(
    {"super", "ti", "xt", "xtx", "laptop", "mobile", "gpu", "and", "with", "w", "gb", "g"}
)


# the product-line words that name a maker's series: one typed for another is a slip ("GTX 4090")


def series_slips(tokens: Sequence[Token], mentions: Sequence[Mention], db: DeviceDatabase) -> list[str]:
    """Notes for cards read under another series' word than their own: "GTX 4090" and "RX 4090" are
    the RTX 4090, "RTX 7900 XTX" the RX 7900 XTX; the reading stands, the note says what was assumed."""
    notes: list[str] = []
    for m in mentions:
        if m.kind != "gpu":
            continue
        k = m.start - 1 if m.start > 0 and tokens[m.start - 1].text in SERIES_WORDS else m.start
        typed = tokens[k].text
        rows = db.variants(m.device_id)
        if typed not in SERIES_WORDS or tokens[k].line != tokens[m.start].line or not rows:
            continue
        name = rows[0].name
        if typed not in name.lower().split():
            number = " ".join(t.text for t in tokens[k + 1 : m.end]).upper()
            notes.append(f"read '{typed.upper()} {number}' as the {name} (a typo?)")
    return notes
