"""Finding the CPU row a text names without running 800 regexes.

Each CPU row is a regex (cpu_families.yaml); the first row in file order that matches wins. Rows are
split into their top-level branches ("ryzen ... 7\\d{3}" | "7\\d{3}x"), and two cheap filters pick the
branches worth a regex run; neither can change which row wins:
- anchors: a branch is tried only when its anchor (a digit run of its model number, with the least
  length of that run, else a word every match holds) occurs in the text;
- needs: literals every match of a branch contains ("epyc" or "霄龙", a digit run holding "12" and two
  more digits then "h"); a branch whose needs are not all in the text cannot match.
A row matches where the leftmost of its branches matches (the first branch on a tie), as the whole
pattern would.
"""

from __future__ import annotations

import functools
import importlib
import itertools
import re
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ._schema import CpuFamily

__all__ = ["CpuIndex", "Needs", "cpu_anchors", "has_needs", "pattern_needs", "row_needs"]

# the standard library's regex parser (re._parser; typeshed has no stubs) reads a pattern's structure
_parser: Any = importlib.import_module("re._parser")
_sre: Any = importlib.import_module("re._constants")

Shape = tuple[str, int, str]  # a digit run holding these digits, then at least n digits, then this literal
Need = tuple[str | Shape, ...]  # one of these must be in the text
Needs = tuple[tuple[Need, ...], ...]  # per top-level branch of a pattern: all of its needs

_WORDS = re.compile(r"[a-z]{2,}|[\u4e00-\u9fff]{2,}")
_DIGIT_RUNS = re.compile(r"\d+")
_ESCAPES = re.compile(r"\\[a-zA-Z]|\\x[0-9a-fA-F]{2}|\[[^\]]*\]|\{[^}]*\}|\(\?<?[=!][^)]*\)")
_MAX_OPTIONS = 20  # digit classes expanded into alternatives ("[3-8]3" -> "33" ... "83"), at most this many
_SHAPES_FROM_CHARS = 200  # texts longer than this test digit-run shapes before running a branch's regex
_MAX_SHAPES = 40  # digit runs times the literals after them, at most this many shapes in one need


def _structure(pattern: str) -> Iterator[tuple[int, str]]:
    """(position, character) of a regex's structural characters: escaped characters and the
    contents of [classes] are not structure."""
    escaped = in_class = False
    for k, ch in enumerate(pattern):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        else:
            yield k, ch


def branches(pattern: str) -> list[str]:
    """Split a regex on its top-level '|' (escaped characters and [classes] are not structure)."""
    cuts: list[int] = []
    depth = 0
    for k, ch in _structure(pattern):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            cuts.append(k)
    bounds = [-1, *cuts, len(pattern)]
    return [pattern[a + 1 : b] for a, b in itertools.pairwise(bounds)]


def cpu_anchors(cpus: Sequence[CpuFamily]) -> dict[str, tuple[int, ...]]:
    """Anchor -> branch numbers (the top-level branches of every row, in file order).

    A branch's anchor is the longest digit run that starts its model number ("7950" of "7950x"), keyed
    with the least length of the run it starts ("10#5": 10 and three more digits; "8#4" for "[89]\\d{3}");
    every alternative of a group of numbers ("n(?:100|150)"); a word every match holds where the run is
    short ("xeon" for "xeon gold 6\\d{3}", both of "(?:epyc|霄龙)"); else "" (tried on every text).
    Groups a match may skip anchor nothing. String work only: the index is built at start-up."""
    index: dict[str, list[int]] = defaultdict(list)
    i = -1
    for c in cpus:
        for branch in branches(c.pattern.lower()):
            i += 1
            # digits and words in an optional group ("(?:3d)?", "(?:core\s+)?i7-8700") anchor nothing
            required = _OPTIONAL_CHAR.sub(" ", _without_optional_groups(branch))
            marked = _ESCAPES.sub(" ", _DIGIT_MATCHERS.sub("#", required))
            # a digit run in one alternative of a group ("(?:x|x3d)") is not in every match
            digits = _NUMBER_START.findall(_ALTERNATIVES.sub(" ", marked))
            words = _required_words(_ESCAPES.sub(" ", required))
            keys = [max(digits, key=len)] if digits else []
            for group in _ALTERNATIVES.findall(marked):
                alternatives = [_NUMBER_START.findall(option) for option in group.split("|")]
                if not digits and all(alternatives):
                    # "n(?:100|150|300)": one of the alternatives' runs is in every match
                    digits = keys = [max(runs, key=len) for runs in alternatives]
                    break
            keys = keys or words or _class_run_keys(required) or [""]
            if digits and len(keys) == 1 and len(keys[0]) <= 2:
                # "3[45]\d{2}": the digit class after a short run lengthens it ("34", "35")
                keys = _with_class_digit(keys[0], branch) or keys
            if digits and all(len(k) <= 2 for k in keys):
                # a short digit run anchors many texts; a word every match holds anchors fewer ("xeon")
                keys = words or keys
            # a digit run is keyed with the least length of the run it starts ("10#5": "10" and three more)
            keys = [_run_key(k, branch) if k[:1].isdigit() else k for k in keys]
            for k in keys:
                index[k].append(i)
    return {k: tuple(v) for k, v in index.items()}


_CLASS_RUN = re.compile(r"(?<![0-9\]}\\])\[([0-9-]+)\]((?:\\d(?:\{\d+(?:,\d*)?\})?|\[[0-9-]+\])+)")


def _class_run_keys(branch: str) -> list[str]:
    """'[89]\\d{3}' (no digit written out): "8#4" and "9#4", a run starting with either, four long."""
    m = _CLASS_RUN.search(branch)
    if m is None:
        return []
    length = 1 + _digits_in(m.group(2))
    return [f"{d}#{length}" for d in sorted(_class_digits(m.group(1)))]


def _without_optional_groups(pattern: str) -> str:
    """The pattern with every group a match may skip ("(...)?", "(...)*", nested ones too) blanked."""
    out = list(pattern)
    stack: list[int] = []
    for k, ch in _structure(pattern):
        if ch == "(":
            stack.append(k)
        elif ch == ")" and stack:
            start = stack.pop()
            after = pattern[k + 1 : k + 2]
            if after in ("?", "*") or pattern.startswith("{0", k + 1):
                for j in range(start, k + 2):
                    out[j] = " "
    return "".join(out)


_OPTIONAL_CHAR = re.compile(r"(?<!\\)[a-z0-9]\?")  # "3\d{3}ge?": the e is not in every match
_ALTERNATIVES = re.compile(r"\(([^()]*\|[^()]*)\)")  # a group of alternatives ("(?:100|150|300)")


_RUN_THEN_CLASS = re.compile(r"(?<![\d\]}\\])(\d+)\[([0-9-]+)\]")


def _with_class_digit(run: str, branch: str) -> list[str]:
    """The run followed by each digit of the class written right after it, or []."""
    for m in _RUN_THEN_CLASS.finditer(branch):
        if m.group(1) != run:
            continue
        return sorted(run + d for d in _class_digits(m.group(2)))
    return []


def _required_words(branch: str) -> list[str]:
    """Words one of which every match of the branch holds: a word outside any group of alternatives, or
    the words of a group whose every alternative has one ("(?:epyc|霄龙)"); [] when there is none."""
    groups = _ALTERNATIVES.findall(branch)
    outside = _WORDS.findall(_ALTERNATIVES.sub(" ", branch))
    if outside:
        return [max(outside, key=len)]
    for group in groups:
        options = group.split("|")
        found = [_WORDS.findall(option) for option in options]
        if all(found):
            return [w for ws in found for w in ws]
    return []


# what matches a digit in a pattern: \d (with its count), or a class naming a digit ("[3579]")
_DIGIT_MATCHERS = re.compile(r"\\d(?:\{[^}]*\}|[+*?])?|\[[^\]]*\d[^\]]*\]")
_NUMBER_START = re.compile(r"(?<![\d#])\d+")  # a literal digit run not after another digit (matcher)
_DIGIT_RUN_AFTER = re.compile(r"(?<![0-9\]}])(\d+)((?:\\d(?:\{\d+(?:,\d*)?\})?|\[[0-9-]+\])+)")
_COUNT = re.compile(r"\\d(?:\{(\d+)(?:,\d*)?\})?")


def _run_key(run: str, branch: str) -> str:
    """'2#4' for a branch whose run 2 is followed by at least three more digits ("2\\d{3}"); '24#4' for
    "2[45]\\d{2}" keyed as 24; the run itself when no digit follows it."""
    head, tail = run[:-1], run[-1]  # a key made with a class digit ("24") ends with that digit
    lengths = []
    for m in _DIGIT_RUN_AFTER.finditer(branch):
        more = m.group(2)
        if m.group(1) == run:
            lengths.append(len(run) + _digits_in(more))
        elif head and m.group(1) == head and (cls := _LEADING_CLASS.match(more)) and tail in _class(cls):
            lengths.append(len(run) + _digits_in(more[cls.end() :]))
    length = min(lengths) if lengths else len(run)
    return f"{run}#{length}" if length > len(run) else run


_LEADING_CLASS = re.compile(r"\[([0-9-]+)\]")


def _class(m: re.Match[str]) -> set[str]:
    return _class_digits(m.group(1))


def _class_digits(body: str) -> set[str]:
    """The digits a class body allows ("45" -> 4, 5; "3-8" -> 3 ... 8)."""
    digits: set[str] = set()
    for k, ch in enumerate(body):
        if ch == "-" and 0 < k < len(body) - 1:
            digits.update(str(d) for d in range(int(body[k - 1]), int(body[k + 1]) + 1))
        elif ch != "-":
            digits.add(ch)
    return digits


def _digits_in(matchers: str) -> int:
    """How many digits a run of digit matchers ("\\d{2}[45]\\d") holds at least."""
    return sum(int(n) if n else 1 for n in _COUNT.findall(matchers)) + len(_LEADING_CLASS.findall(matchers))


@dataclass(frozen=True, eq=False)
class CpuIndex:
    """The anchors and needs of every branch of every CPU row (compared by identity: it keys a small
    cache)."""

    anchors: Mapping[str, tuple[int, ...]]  # anchor -> branch numbers
    branch_rows: tuple[int, ...]  # branch number -> row number
    branch_patterns: tuple[str, ...]  # branch number -> the branch's pattern

    @classmethod
    def build(cls, cpus: Sequence[CpuFamily]) -> CpuIndex:
        rows: list[int] = []
        patterns: list[str] = []
        for i, c in enumerate(cpus):
            for branch in branches(c.pattern):
                rows.append(i)
                patterns.append(branch)
        return cls(cpu_anchors(cpus), tuple(rows), tuple(patterns))

    def candidates(self, text: str) -> Iterator[tuple[int, list[int]]]:
        """(row, its branches worth a regex run) on the lowercased text, rows in file order (lazily:
        the caller stops at the first row that matches)."""
        anchors = self.anchors
        found: set[int] = set(anchors.get("", ()))
        for word in dict.fromkeys(_WORDS.findall(text)):  # each word once (a long text says many again)
            # a plain word is its own anchor; a CJK run holds its words unspaced
            rows = anchors.get(word) if word[0] < "\u4e00" else _word_rows(self, word)
            if rows:
                found.update(rows)
        digit_runs = _DIGIT_RUNS.findall(text)
        for run in dict.fromkeys(digit_runs):
            rows = _run_rows(self, run)
            if rows:
                found.update(rows)
        if not found:
            return
        # on a rig line a branch's regex costs less than finding its digit-run shapes' places (the runs
        # as written say enough there); on long text the shapes spare regex runs over thousands of
        # characters (each shape's places found by one regex scan)
        shapes = len(text) > _SHAPES_FROM_CHARS
        seen: dict[str | Shape, bool] = {}  # branches share needs ("ryzen"): test each once per text
        ends: dict[tuple[str, int], tuple[int, ...]] = {}
        patterns = self.branch_patterns
        row_of = self.branch_rows
        row = -1
        kept: list[int] = []
        for b in sorted(found):
            if row_of[b] != row:
                if kept:
                    yield row, kept
                row, kept = row_of[b], []
            musts, needs = row_needs(patterns[b])
            for literal in musts:
                if literal not in text:
                    break
            else:
                if needs is None or has_needs(needs, text, seen, ends, shapes, digit_runs):
                    kept.append(b)
        if kept:
            yield row, kept


@functools.cache
def row_needs(pattern: str) -> tuple[tuple[str, ...], Needs | None]:
    """(literals every branch needs on its own, all needs) of a CPU pattern or branch, worked out once
    when a text first makes it a candidate (not at start-up: parsing 800 patterns takes a while)."""
    needs = pattern_needs(pattern)
    return _musts(needs), needs


def _musts(needs: Needs | None) -> tuple[str, ...]:
    """Literals that every branch needs on its own (no alternatives): tested before anything else."""
    if not needs:
        return ()
    sets = [{need[0] for need in branch if len(need) == 1 and isinstance(need[0], str)} for branch in needs]
    return tuple(sorted(set.intersection(*sets), key=len, reverse=True))


@functools.lru_cache(maxsize=4096)
def _word_rows(index: CpuIndex, word: str) -> frozenset[int]:
    """Branches anchored on a word; a CJK run holds its words unspaced ("是双路至强" holds "至强")."""
    rows = set(index.anchors.get(word, ()))
    if word[0] >= "\u4e00":
        for size in (2, 3, 4, 5):
            for k in range(len(word) - size + 1):
                rows.update(index.anchors.get(word[k : k + size], ()))
    return frozenset(rows)


@functools.lru_cache(maxsize=4096)
def _run_rows(index: CpuIndex, run: str) -> frozenset[int]:
    """Branches anchored on a digit run: on its first digits ("7950"), or "10#5" (a run starting with 10,
    five digits or more)."""
    rows: set[int] = set()
    anchors = index.anchors
    head = run[:6]
    for end in range(1, len(head) + 1):
        prefix = head[:end]
        rows.update(anchors.get(prefix, ()))
        for length in range(end + 1, len(run) + 1):
            rows.update(anchors.get(f"{prefix}#{length}", ()))
    return frozenset(rows)


def has_needs(
    needs: Needs,
    text: str,
    seen: dict[str | Shape, bool] | None = None,
    ends: dict[tuple[str, int], tuple[int, ...]] | None = None,
    shapes: bool = True,
    digit_runs: Sequence[str] | None = None,
) -> bool:
    """Whether some branch finds one item of each of its needs in the text (plain loops: a hot path).
    `seen` and `ends` keep what was found per text: items, and where runs holding some digits end.
    With `shapes` False a digit-run shape counts as found where a run of `digit_runs` (the text's digit
    runs, in order) holds its digits and is written before its literal somewhere in the text, or, with
    no runs given, where its literal is in the text (the branch's regex decides)."""
    seen = {} if seen is None else seen
    ends = {} if ends is None else ends
    for branch in needs:
        for need in branch:
            for item in need:
                hit = seen.get(item)
                if hit is None:
                    if isinstance(item, str):
                        hit = item in text
                    elif not shapes:
                        if digit_runs is None:
                            hit = not item[2] or item[2] in text  # the shape's literal is somewhere
                        else:
                            hit = _written_shape(item, digit_runs, text)
                    else:
                        digits, least, after = item
                        at = ends.get((digits, least))
                        if at is None:
                            at = ends[(digits, least)] = _run_ends(digits, least, text)
                        hit = bool(at)
                        if hit and after:
                            hit = False
                            for end in at:
                                if text.startswith(after, end):
                                    hit = True
                                    break
                    seen[item] = hit
                if hit:
                    break
            else:
                break  # nothing of this need is in the text: the branch cannot match
        else:
            return True
    return False


def _written_shape(shape: Shape, digit_runs: Sequence[str], text: str) -> bool:
    """A run holding the shape's digits with its least count of digits after them, written before the
    shape's literal somewhere in the text. Every text the shape is in passes (its run, with the literal
    after it, is in the text), so the test only spares regex runs (a "3090" with no "x" after it is no
    match of "3\\d{3}x")."""
    digits, least, after = shape
    if after and after not in text:
        return False
    longest = len(digits) + least
    for run in digit_runs:
        if (
            len(run) >= longest
            and run.find(digits, 0, len(run) - least) != -1
            and (not after or run + after in text)
        ):
            return True
    return False


def _run_ends(digits: str, least: int, text: str) -> tuple[int, ...]:
    """Where the digit runs end that hold `digits` with at least `least` more digits after them (one
    regex scan of the text: long text holds hundreds of runs)."""
    return tuple(m.end() for m in _run_shape(digits, least).finditer(text))


@functools.lru_cache(maxsize=1024)
def _run_shape(digits: str, least: int) -> re.Pattern[str]:
    """A whole digit run (as _DIGIT_RUNS finds them) holding `digits`, then at least `least` digits."""
    return re.compile(rf"(?<!\d)\d*?{re.escape(digits)}\d{{{least}}}\d*")


def pattern_needs(pattern: str) -> Needs | None:
    """What every match of a pattern contains, per top-level branch (None when the parse fails)."""
    try:
        items = list(_parser.parse(pattern).data)
    except (re.error, ValueError, TypeError):
        return None
    alternatives = items[0][1][1] if len(items) == 1 and items[0][0] is _sre.BRANCH else [items]
    # literal needs first: a substring test is cheaper than a digit-run shape
    return tuple(
        tuple(sorted(_sequence_needs(list(alt)), key=lambda need: not isinstance(need[0], str)))
        for alt in alternatives
    )


def _sequence_needs(seq: list[Any]) -> tuple[Need, ...]:
    needs: list[Need] = []
    run: list[str] = []  # consecutive literal characters
    options: list[str] | None = None  # digits written so far, a class expanded ("[78]" -> 7, 8)

    def flush() -> None:
        if len(run) >= 2:
            needs.append(("".join(run),))
        run.clear()

    for k, (op, av) in enumerate(seq):
        if op is _sre.LITERAL:
            ch = chr(av).lower()
            run.append(ch)
            options = [o + ch for o in (options or [""])] if ch.isdigit() else None
            continue
        digit_set = _digit_class(op, av)
        if digit_set:
            flush()
            grown = [o + d for o in (options or [""]) for d in digit_set]
            options = grown if len(grown) <= _MAX_OPTIONS else None
            continue
        if options and op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] >= 1 and _digit_class_body(av[2]):
            # "12\d{2,3}h", "[78]\d{3}": a digit run holding the digits, then at least n more
            after = _leading_literal(list(seq[k + 1 :]))
            more = len(after) - len(after.lstrip("0123456789"))  # "9\d{2}5": the 5 is in the run too
            afters = [after[more:]]
            if not after:  # "[78]\d{3}(?:x|x3d|g)": the run is followed by one of the group's heads
                heads = _leading_options(list(seq[k + 1 :]))
                if len(heads) * len(options) <= _MAX_SHAPES and not any(h[:1].isdigit() for h in heads):
                    afters = heads
            needs.append(tuple((o, av[0] + more, a) for o in options for a in afters))
        options = None
        flush()
        if op is _sre.BRANCH:
            heads = [_leading_literal(list(alt)) for alt in av[1]]
            if all(len(h) >= 2 for h in heads):
                needs.append(tuple(heads))
        elif op is _sre.SUBPATTERN:
            needs.extend(_sequence_needs(list(av[3])))
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] >= 1:
            needs.extend(_sequence_needs(list(av[2])))
    flush()
    return tuple(needs)


def _digit_class(op: Any, av: Any) -> list[str]:
    """The digits an IN class of digit literals and ranges allows ("[3579]"), else []."""
    if op is not _sre.IN:
        return []
    digits: list[str] = []
    for kind, value in av:
        if kind is _sre.LITERAL and chr(value).isdigit():
            digits.append(chr(value))
        elif kind is _sre.RANGE and chr(value[0]).isdigit() and chr(value[1]).isdigit():
            digits.extend(chr(c) for c in range(value[0], value[1] + 1))
        else:
            return []
    return digits


def _digit_class_body(body: Any) -> bool:
    items = list(body)
    return (
        len(items) == 1
        and items[0][0] is _sre.IN
        and list(items[0][1]) == [(_sre.CATEGORY, _sre.CATEGORY_DIGIT)]
    )


def _leading_options(seq: list[Any]) -> list[str]:
    """The literals one of which every match of the sequence starts with ("(?:x|x3d|g)" -> x, x3d, g);
    [""] when a match may start otherwise."""
    if not seq:
        return [""]
    op, av = seq[0]
    if op is _sre.LITERAL:
        return [_leading_literal(seq)]
    if op is _sre.SUBPATTERN:
        return _leading_options(list(av[3]) + list(seq[1:]))
    if op is _sre.IN and all(kind is _sre.LITERAL for kind, _ in av):
        return [chr(value).lower() for _, value in av]  # "(?:u|h|c)" is parsed as the class [uhc]
    if op is _sre.BRANCH:
        heads: list[str] = []
        for alternative in av[1]:
            found = _leading_options(list(alternative))
            if "" in found:
                return [""]
            heads.extend(found)
        return heads
    return [""]


def _leading_literal(seq: list[Any]) -> str:
    out = []
    for op, av in seq:
        if op is not _sre.LITERAL:
            break
        out.append(chr(av).lower())
    return "".join(out)
