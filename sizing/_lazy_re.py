"""A regular expression compiled when first used, not when its module is imported.

Compiling a pattern costs tens to hundreds of microseconds; a module with dozens of them, most of
which one question never needs, makes every cold start pay for all of them. After its first use a
`LazyPattern` answers with the compiled pattern's own methods (set on the instance, where they take
the place of the class's), so it then costs what the pattern does. A pattern used often is compiled once more,
behind a lookahead for the characters its matches open with (`first_character_gate`).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from re import _compiler, _constants, _parser  # type: ignore[attr-defined]
from typing import Any

__all__ = [
    "AnyMatch",
    "LazyPattern",
    "blank_matches",
    "literal_first",
    "required_literals",
    "tail_runs_start",
]

_METHODS = ("search", "match", "fullmatch", "finditer", "sub")


class LazyPattern:
    """`re.compile(pattern, flags)`, done on the first call of any of its methods."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern; from now on the methods below are its own, behind a cheap check for the
        literal text every match holds where the pattern has some (see `required_literals`). Those
        literals are read from the pattern when it is first handed a text long enough for the check,
        or at its `_SETTLE_CALLS`th call (a process that reads many texts): a cold start that reads
        one short question never reads them. At that call the pattern is also compiled anew behind
        its first characters' gate (see `first_character_gate`), which pays back only over many
        texts."""
        done = _compile(self.pattern, self.flags)
        calls = [0]  # the calls of any of the methods so far
        for name in _METHODS:
            setattr(self, name, _until_settled(self, name, getattr(done, name), calls, _GUARD_CHARS))
        self.compiled = lambda: done  # type: ignore[method-assign]
        return done

    def _guard(self, calls: list[int]) -> None:
        """From now on the methods are the compiled pattern's own, behind the literals' check where the
        pattern has literals; until the `_SETTLE_CALLS`th call, behind a count of the calls too."""
        literals = required_literals(self.pattern, self.flags)
        if calls[0] >= _SETTLE_CALLS:
            self._settle(literals)
            return
        done = self.compiled()
        for name in _METHODS:
            method = _checked(name, getattr(done, name), literals)
            setattr(self, name, _until_settled(self, name, method, calls, sys.maxsize, literals, read=True))

    def _settle(self, literals: tuple[str, ...] | None) -> None:
        """The methods for good: those of the pattern behind its first characters' gate, behind the
        literals' check where the pattern has literals."""
        done = _gated(self.compiled(), self.flags)
        self.compiled = lambda: done  # type: ignore[method-assign]
        for name in _METHODS:
            setattr(self, name, _checked(name, getattr(done, name), literals))

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().fullmatch(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(string, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self.compiled().sub(repl, string, count)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.flags!r})"


def blank_matches(text: str, pattern: LazyPattern) -> str:
    """`text` with every match of `pattern` in its lowercase blanked (the same length, so offsets hold);
    unchanged where lowercasing changes the length."""
    low = text.lower()
    if len(low) != len(text):
        return text
    out = text
    for m in pattern.finditer(low):
        a, b = m.span()
        out = out[:a] + " " * (b - a) + out[b:]
    return out


def tail_runs_start(text: str, end: int, runs: int) -> int:
    """A place at or before the start of the last `runs` runs of non-space characters before `end` (0
    where there are fewer). A search for a pattern that ends at `end` (`$` with `endpos=end`) and
    spans at most that many runs can start there, not at the text's start: it finds the match the
    whole search would (the engine still sees the characters before the start, for a look-behind
    or `\\b`)."""
    head = text[:end].rsplit(None, runs)
    return len(head[0]) if len(head) > runs else 0


class AnyMatch:
    """Whether a pattern matches anywhere in a text, as `re.search(pattern, text, flags) is not None`,
    for a long alternation of cue words ("\\bhow\\s+many ...|\\bwhat\\s+hardware ...|сколько ...").

    The regex engine tries every alternative at every place in the text; those that open with a word
    boundary are gathered behind one `\\b`, so they are tried only where a word starts (several times
    faster on a long message). The pattern is split at its top-level bars when first used; one it
    cannot split safely (a back-reference or a conditional group, a part that does not compile) is
    searched whole."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags

    def __call__(self, text: str) -> bool:
        return any(p.search(text) is not None for p in self.compiled())

    def compiled(self) -> tuple[re.Pattern[str], ...]:
        """The patterns whose search together is the whole one's; from now on kept on the instance,
        each compiled anew behind its first characters' gate at the `_SETTLE_CALLS`th call (see
        `LazyPattern.compiled`)."""
        done = _gathered(self.pattern, self.flags)
        calls = [1]

        def until_settled() -> tuple[re.Pattern[str], ...]:
            calls[0] += 1
            if calls[0] < _SETTLE_CALLS:
                return done
            gated = tuple(_gated(p, self.flags) for p in done)
            self.compiled = lambda: gated  # type: ignore[method-assign]
            return gated

        self.compiled = until_settled  # type: ignore[method-assign]
        return done

    def __repr__(self) -> str:
        return f"AnyMatch({self.pattern!r}, {self.flags!r})"


_BOUNDARY = "\\b"
# what splitting a pattern at its bars looks at: an escape, a bracket, a parenthesis, a bar
_SYNTAX = re.compile(r"\\.|[\[\]()|]", re.DOTALL)
# a back-reference or a conditional group names a group that may lie in another alternative
_GROUP_REFERENCE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")


def _gathered(pattern: str, flags: int) -> tuple[re.Pattern[str], ...]:
    alternatives = None if flags & re.VERBOSE else _top_alternatives(pattern)
    if alternatives is None or _GROUP_REFERENCE.search(pattern):
        return (re.compile(pattern, flags),)
    worded = [a.removeprefix(_BOUNDARY) for a in alternatives if a.startswith(_BOUNDARY)]
    others = [a for a in alternatives if not a.startswith(_BOUNDARY)]
    parts = [_BOUNDARY + "(?:" + "|".join(worded) + ")"] if worded else []
    parts += ["|".join(others)] if others else []
    try:
        # the split is at the top level and no alternative names another's group, so each part
        # compiles where the whole does (a part that does not is searched as the whole instead)
        return tuple(_compile(part, flags) for part in parts)
    except re.error:
        return (re.compile(pattern, flags),)


class _Unclear(Exception):
    """A class that opens with a bracket (read otherwise by the engine): no structure to go by."""


def _structure(text: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """(index, character, group depth after it) of each group parenthesis and bar outside a class,
    from `start`; _Unclear where a class opens with a bracket or one is left open."""
    depth = 0
    in_class = False
    for m in _SYNTAX.finditer(text, start):  # the characters between them are literal: skipped at once
        c = m.group()
        if len(c) == 2:  # an escaped character
            continue
        if in_class:
            in_class = c != "]"
            continue
        if c == "[":
            if text.startswith(("[]", "[^]"), m.start()):
                raise _Unclear
            in_class = True
            continue
        depth += {"(": 1, ")": -1}.get(c, 0)
        yield m.start(), c, depth
    if in_class:
        raise _Unclear


def _top_alternatives(pattern: str) -> list[str] | None:
    """The pattern's alternatives at the top level (not inside a group or a class), or None where a
    class opens with a bracket (read otherwise by the engine) or the groups do not balance."""
    out: list[str] = []
    start = 0
    depth = 0
    try:
        for i, c, depth in _structure(pattern):
            if depth < 0:
                return None
            if c == "|" and depth == 0:
                out.append(pattern[start:i])
                start = i + 1
    except _Unclear:
        return None
    if depth != 0:
        return None
    out.append(pattern[start:])
    return out


def _compile(pattern: str, flags: int) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, searched as `literal_first` rewrites it where that compiles."""
    fast = literal_first(pattern, flags)
    if fast != pattern:
        try:
            return re.compile(fast, flags)
        except re.error:
            pass
    return re.compile(pattern, flags)


def _gated(done: re.Pattern[str], flags: int) -> re.Pattern[str]:
    """`done` compiled anew behind its first characters' gate (see `first_character_gate`), or `done`
    itself where it has none or that does not compile."""
    gated = first_character_gate(done.pattern, flags)
    if gated == done.pattern:
        return done
    try:
        return re.compile(gated, flags)
    except re.error:
        return done


def gated_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)` behind its first characters' gate (see `first_character_gate`):
    the same matches, found faster over a long text; the compile costs more (worth it for a pattern
    kept and searched over long texts)."""
    return _gated(re.compile(pattern, flags), flags)


# outside a class, these are no literal character
_META = frozenset(".^$*+?{}[]\\|()")
_LOOKBEHINDS = ("(?<!", "(?<=")
_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")
# a check at the start of the pattern (after its flags) or after a bar: the only places one is moved from
_CHECK_OPENS = re.compile(r"(?:^(?:\(\?[aiLmsux]+\))?|\|)(?:\\b|\(\?<[!=])")


def literal_first(pattern: str, flags: int = 0) -> str:
    """The same pattern, with the zero-width checks that open it moved behind the literal text that follows.

    Python's regex engine searches a pattern that opens with literal text ("kobold") by looking for that
    text alone, and one whose alternatives each open with a literal character only where one of those
    characters stands; a pattern that opens with a check ("\\bkobold", "(?<![\\w-])exo") is tried at every
    place in the text instead, a hundred times slower over a long message. So "\\bkobold" becomes
    "kobold(?<!\\wkobold)" and "(?<![\\w-])exo" becomes "exo(?<!(?:[\\w-])exo)": the same matches, the same
    spans and groups. Alternatives are rewritten one by one ("(?<![a-z])rocm|\\bhip" is searched only
    where an "r" or an "h" stands). A check before a group is left where it is: "\\b(?:upgraded|moved)"
    rules out the middle of every word at once, which the group's first letters would not. Patterns it
    cannot read safely (verbose ones, back-references, a check holding a group) come back unchanged."""
    if flags & re.VERBOSE or not _CHECK_OPENS.search(pattern) or _GROUP_REFERENCE.search(pattern):
        return pattern  # no check opens the pattern or an alternative: nothing to move (found at once)
    lead = ""
    if m := _GLOBAL_FLAGS.match(pattern):
        if "x" in m.group(0):
            return pattern
        lead, pattern = m.group(0), pattern[m.end() :]
    alternatives = _top_alternatives(pattern)
    if alternatives is None:
        return lead + pattern
    return lead + "|".join(_moved(a, flags) for a in alternatives)


class _NoGate(Exception):
    """An opening the first character of a match cannot be told from (a group with flags of its own,
    a negated class, any character, a back-reference)."""


# the start of the text: a pattern opening with it is tried at the start alone (nothing to gate)
_AT_START = (_constants.AT_BEGINNING, _constants.AT_BEGINNING_STRING)


def first_character_gate(pattern: str, flags: int = 0) -> str:
    """The same pattern behind a lookahead for the characters its matches can open with, where the regex
    engine would otherwise try the whole pattern at every place in the text.

    The engine skips ahead by itself to where a pattern can start only when the pattern opens with a
    literal character, a class, or alternatives that each open with a literal character. A pattern
    that opens otherwise ("(?:\\bneeds?|\\bwants?|...)\\s*(\\d+)", "[+~]?(?<![\\w.])\\d+") is tried
    there in full, every alternative in turn: a lookahead for the one character class its matches
    open with ("(?=[nw...])") turns most places down in one step. Every match opens with one of those
    characters (read from the parsed pattern, through optional parts and zero-width checks), so the
    matches, spans and groups are the same; the class is matched under the pattern's own flags (a
    case-insensitive pattern's letters fold as its literals do). Left unchanged: patterns that match
    an empty text, open at the start of the text or open with any character, a negated class or a
    category other than digits (nearly every character, nothing turned down), and those the engine
    already skips ahead for."""
    if flags & re.VERBOSE:
        return pattern
    try:
        parsed = _parser.parse(pattern, flags)
        own = parsed.state.flags
        if own & (re.VERBOSE | re.LOCALE) or parsed.getwidth()[0] == 0 or not parsed.data:
            return pattern
        if parsed.data[0][0] is _constants.AT and parsed.data[0][1] in _AT_START:
            return pattern
        if _compiler._get_literal_prefix(parsed, own)[0] or _compiler._get_charset_prefix(parsed, own):
            return pattern  # the engine skips ahead to where it can start by itself
        opening, can_be_empty = _first_characters(parsed.data)
    except (re.error, _NoGate, AttributeError, TypeError, ValueError):
        return pattern
    if can_be_empty or not opening:
        return pattern
    lead = ""
    if m := _GLOBAL_FLAGS.match(pattern):
        lead, pattern = m.group(0), pattern[m.end() :]
    return f"{lead}(?=[{''.join(dict.fromkeys(opening))}])(?:{pattern})"


# the categories a gate's class may hold: digits (few in most text); the others hold nearly every character
_GATE_CATEGORIES = {_constants.CATEGORY_DIGIT: "\\d"}


def _first_characters(items: Any) -> tuple[list[str], bool]:
    """The class items (as pattern text) one of which the first character of a match of the parsed
    sequence is, and whether the sequence can match an empty text."""
    out: list[str] = []
    for op, av in items:
        if op in (_constants.AT, _constants.ASSERT, _constants.ASSERT_NOT):
            continue  # zero-width: the character after it opens the match
        if op is _constants.LITERAL:
            return [*out, _class_char(av)], False
        if op is _constants.IN:
            return [*out, *map(_class_item, av)], False
        if op is _constants.SUBPATTERN or op is _constants.ATOMIC_GROUP:
            if op is _constants.SUBPATTERN and (av[1] or av[2]):
                raise _NoGate  # flags of its own: its letters fold otherwise
            found, can_be_empty = _first_characters(av[3] if op is _constants.SUBPATTERN else av)
        elif op is _constants.BRANCH:
            read = [_first_characters(branch) for branch in av[1]]
            found, can_be_empty = [c for f, _ in read for c in f], any(e for _, e in read)
        elif op in _REPEATS:
            found, can_be_empty = _first_characters(av[2])
            can_be_empty = can_be_empty or av[0] == 0
        else:
            raise _NoGate
        out += found
        if not can_be_empty:
            return out, False
    return out, True


def _class_item(item: tuple[Any, Any]) -> str:
    op, av = item
    if op is _constants.LITERAL:
        return _class_char(av)
    if op is _constants.RANGE:
        return f"{_class_char(av[0])}-{_class_char(av[1])}"
    if op is _constants.CATEGORY and av in _GATE_CATEGORIES:
        return _GATE_CATEGORIES[av]
    raise _NoGate  # a negated class, another category


def _class_char(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _moved(alternative: str, flags: int) -> str:
    """One top-level alternative, its opening checks moved behind the literal text after them."""
    checks: list[str] = []
    i = 0
    while True:
        if alternative.startswith("\\b", i):
            checks.append("\\b")
            i += 2
        elif alternative.startswith(_LOOKBEHINDS, i):
            end = _group_end(alternative, i)
            if end is None or "(" in alternative[i + 1 : end]:
                return alternative  # a group inside the check: left as written
            checks.append(alternative[i:end])
            i = end
        else:
            break
    rest = alternative[i:]
    if not checks or not rest:
        return alternative
    run = _literal_run(rest)
    after = _checks_after(run, checks, flags) if run else None
    return alternative if after is None else run + after + rest[len(run) :]


def _literal_run(text: str) -> str:
    """The literal characters `text` opens with, less the last one where a quantifier follows it."""
    i = 0
    while i < len(text) and text[i] not in _META:
        i += 1
    if i < len(text) and text[i] in "*+?{":
        i -= 1
    return text[: max(i, 0)]


def _checks_after(run: str, checks: list[str], flags: int) -> str | None:
    """The checks made at the start of `run`, written as lookbehinds at its end; None where one cannot be."""
    out = []
    for check in checks:
        if check == "\\b":
            if re.match(r"\w", run[0], flags & re.ASCII) is None:
                return None  # a boundary before a non-word character asks for a word character before it
            out.append(f"(?<!\\w{run})")
        else:
            out.append(f"{check[:4]}(?:{check[4:-1]}){run})")
    return "".join(out)


def _group_end(text: str, start: int) -> int | None:
    """The index after the parenthesis that closes the group opening at `start`; None where unclear."""
    try:
        for i, c, depth in _structure(text, start):
            if c == ")" and depth == 0:
                return i + 1
    except _Unclear:
        return None
    return None


# shorter text is searched at once: the regex engine finds (or misses) a match in it about as fast as
# the literals are looked for
_GUARD_CHARS = 64
# the fewest characters of a literal worth looking for first (a letter or two stands in most text)
_GUARD_RUN = 3
_REPEATS = (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT)


def required_literals(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Literal texts one of which every match of the pattern holds, or None where none is known.

    Read from the pattern as the regex engine parses it: a run of at least three literal characters
    that every match passes through ("concurrent" in "(\\d+)\\s+concurrent\\s+users"), or, for
    alternatives, one such run from each ("(?:users|people)"). A text that holds none of them has no
    match, which `str.__contains__` tells in a fraction of the time the regex engine takes to try the
    pattern over a long message. Case-insensitive and verbose patterns are left alone."""
    if flags & (re.IGNORECASE | re.VERBOSE):
        return None
    try:
        parsed = _parser.parse(pattern, flags)
    except re.error:
        return None
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    try:
        return _sequence_literals(parsed)
    except _Unclear:
        return None


def _sequence_literals(items: Any) -> tuple[str, ...] | None:
    """The best set of literals one of which a parsed sequence's every match holds (the one whose
    shortest literal is the longest), or None."""
    best: tuple[str, ...] | None = None
    run = ""

    def better(found: tuple[str, ...] | None) -> None:
        nonlocal best
        if found and (best is None or min(map(len, found)) > min(map(len, best))):
            best = found

    for op, av in items:
        if op is _constants.LITERAL:
            run += chr(av)
            continue
        better((run,) if len(run) >= _GUARD_RUN else None)
        run = ""
        if op is _constants.SUBPATTERN:
            if av[1] & re.IGNORECASE:
                raise _Unclear  # a case-insensitive group: its literals match other text
            better(_sequence_literals(av[3]))
        elif op is _constants.BRANCH:
            branches = [_sequence_literals(branch) for branch in av[1]]
            if all(branches):
                better(tuple(dict.fromkeys(lit for found in branches if found for lit in found)))
        elif op in _REPEATS and av[0] >= 1:
            better(_sequence_literals(av[2]))
    better((run,) if len(run) >= _GUARD_RUN else None)
    return best


# the call of a pattern's methods at which its literals are read whatever the text's length: a
# process that has used it this often reads many texts (a cold start uses each pattern once or twice)
_SETTLE_CALLS = 8


def _until_settled(
    pattern: LazyPattern,
    name: str,
    method: Callable[..., Any],
    calls: list[int],
    chars: int,
    literals: tuple[str, ...] | None = None,
    read: bool = False,
) -> Callable[..., Any]:
    """`method` for a text of up to `chars` characters before the `_SETTLE_CALLS`th call. A longer
    text makes the pattern read its literals (`LazyPattern._guard`; `read` once they are);
    the `_SETTLE_CALLS`th call sets its methods for good (`LazyPattern._settle`). Either call is
    answered by the methods set."""

    def moved_on() -> None:
        if not read:
            pattern._guard(calls)
        else:
            pattern._settle(literals)

    if name == "sub":

        def sub(repl: Any, string: str, *args: Any, **kwargs: Any) -> Any:
            calls[0] += 1
            if len(string) > chars or calls[0] >= _SETTLE_CALLS:
                moved_on()
                return pattern.sub(repl, string, *args, **kwargs)
            return method(repl, string, *args, **kwargs)

        return sub

    def call(string: str, *args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if len(string) > chars or calls[0] >= _SETTLE_CALLS:
            moved_on()
            return getattr(pattern, name)(string, *args, **kwargs)
        return method(string, *args, **kwargs)

    return call


def _checked(name: str, method: Callable[..., Any], literals: tuple[str, ...] | None) -> Callable[..., Any]:
    """`method` behind the literals' check, or itself where the pattern has no literals."""
    return method if literals is None else _guarded(name, method, literals)


def _guarded(name: str, method: Callable[..., Any], literals: tuple[str, ...]) -> Callable[..., Any]:
    """`method` of a compiled pattern, answered at once (no match) for a long text that holds none of
    the literals every match holds: `sub` gives the text back, `finditer` nothing, the others None."""

    # the literals are looked for in C (map over the text's own `in`): no Python frame per literal
    if name == "sub":

        def sub(repl: Any, string: str, *args: Any, **kwargs: Any) -> Any:
            if len(string) > _GUARD_CHARS and not any(map(string.__contains__, literals)):
                return string
            return method(repl, string, *args, **kwargs)

        return sub
    if name == "finditer":

        def finditer(string: str, *args: Any, **kwargs: Any) -> Any:
            if len(string) > _GUARD_CHARS and not any(map(string.__contains__, literals)):
                return iter(())
            return method(string, *args, **kwargs)

        return finditer

    def find(string: str, *args: Any, **kwargs: Any) -> Any:
        if len(string) > _GUARD_CHARS and not any(map(string.__contains__, literals)):
            return None
        return method(string, *args, **kwargs)

    return find
