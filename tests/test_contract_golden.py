"""The JSON contracts and the renderings, byte for byte, against the golden files.

The contracts only ever gain keys: every key of the golden output is still there, in the same
place, with the same value. Byte equality also pins how numbers and text are written. When the
numbers change on purpose, `python -m tests.golden` regenerates the files (review the diff).
"""

from __future__ import annotations

import functools
import json
from typing import Any

import pytest

from tests import golden

CLI = golden.load(golden.GOLDEN)
RENDERS = golden.load(golden.RENDERS)
REGENERATE = "if the change is on purpose, run `python -m tests.golden` and review the diff"


def _id(row: dict[str, Any]) -> str:
    return " ".join(str(a) for a in row["argv"])[:80]


def _keys_kept(old: Any, new: Any, path: str = "$") -> list[str]:
    """Where `new` lost a key of `old` or changed a value (keys `new` adds are allowed)."""
    if isinstance(old, dict):
        if not isinstance(new, dict):
            return [f"{path}: was an object"]
        return [
            p
            for k, v in old.items()
            for p in ([f"{path}.{k}: missing"] if k not in new else _keys_kept(v, new[k], f"{path}.{k}"))
        ]
    if isinstance(old, list):
        if not isinstance(new, list) or len(new) != len(old):
            return [f"{path}: list changed"]
        return [
            p for i, (a, b) in enumerate(zip(old, new, strict=True)) for p in _keys_kept(a, b, f"{path}[{i}]")
        ]
    return [] if old == new else [f"{path}: {old!r} -> {new!r}"]


def test_the_golden_requests_are_the_ones_written() -> None:
    assert [tuple(r["argv"]) for r in CLI] == list(golden.REQUESTS), REGENERATE


@functools.cache
def _now(argv: tuple[str, ...]) -> dict[str, object]:
    return golden.run(argv)


@pytest.mark.parametrize("row", CLI, ids=_id)
def test_json_output_keeps_every_key_and_value(row: dict[str, Any]) -> None:
    now = _now(tuple(row["argv"]))
    assert now["exit"] == row["exit"]
    problems = _keys_kept(json.loads(row["stdout"]), json.loads(str(now["stdout"])))
    assert not problems, f"{problems[:5]} ({REGENERATE})"


@pytest.mark.parametrize("row", CLI, ids=_id)
def test_json_output_is_byte_for_byte_the_same(row: dict[str, Any]) -> None:
    assert _now(tuple(row["argv"]))["stdout"] == row["stdout"], REGENERATE


@pytest.mark.parametrize("row", RENDERS, ids=_id)
def test_every_frontend_renders_the_same(row: dict[str, Any]) -> None:
    now = golden.render(tuple(row["argv"]))
    for frontend in ("terminal", "reddit", "discord"):
        assert now.get(frontend) == row.get(frontend), f"{frontend} differs ({REGENERATE})"
