"""A pattern compiled on first use answers exactly as the compiled pattern does, before and after."""

from __future__ import annotations

import re
from typing import Any

import pytest

from sizing._lazy_re import LazyPattern

PATTERN = r"(\d+)\s*(gb|g)\b"
TEXT = "2x 24GB and 64 g of RAM, 16gb more"


@pytest.mark.parametrize(
    ("method", "args"),
    [
        ("search", (TEXT,)),
        ("search", (TEXT, 10)),
        ("match", (TEXT,)),
        ("match", ("24 gb",)),
        ("fullmatch", ("64 g",)),
        ("findall", (TEXT,)),
        ("sub", (r"\1 GiB", TEXT)),
        ("sub", (lambda m: m.group(1), TEXT, 1)),
        ("subn", (r"<\1>", TEXT)),
        ("split", (TEXT,)),
        ("split", (TEXT, 1)),
    ],
)
@pytest.mark.parametrize("used_before", [False, True])
def test_each_method_answers_as_the_compiled_pattern(
    method: str, args: tuple[Any, ...], used_before: bool
) -> None:
    lazy = LazyPattern(PATTERN, re.IGNORECASE)
    compiled = re.compile(PATTERN, re.IGNORECASE)
    if used_before:
        lazy.search("warm 1gb")

    def shown(result: Any) -> Any:
        return result.span() if isinstance(result, re.Match) else result

    assert shown(getattr(lazy, method)(*args)) == shown(getattr(compiled, method)(*args))


def test_finditer_yields_the_same_matches() -> None:
    lazy = LazyPattern(PATTERN, re.IGNORECASE)
    assert [m.span() for m in lazy.finditer(TEXT)] == [
        m.span() for m in re.compile(PATTERN, re.I).finditer(TEXT)
    ]


def test_nothing_is_compiled_until_first_use() -> None:
    lazy = LazyPattern(PATTERN)
    assert "search" not in vars(lazy)
    lazy.findall(TEXT)
    assert vars(lazy)["search"] == lazy.compiled().search


def test_a_bad_pattern_fails_on_first_use() -> None:
    lazy = LazyPattern("(unclosed")
    with pytest.raises(re.error):
        lazy.search("x")
