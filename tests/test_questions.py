"""Whole questions read right: model, rig, context and wishes, in many languages and spellings.

tests/data/questions.jsonl holds sentences written for this project, each with the reading it
must get (absent keys must come out empty).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sizing import Catalog, read_question

ROWS = [
    json.loads(line) for line in (Path(__file__).parent / "data" / "questions.jsonl").open(encoding="utf-8")
]


def _reading(q: Any) -> dict[str, Any]:
    hw = q.hardware.to_contract() if q.hardware is not None else {}
    return {
        "models": [r.model.id for r in q.models],
        "gpus": [[g["name"], g["count"], g["vram_gb"]] for g in hw.get("gpus", [])],
        "soc": hw.get("soc"),
        "unified_memory_gb": hw.get("unified_memory_gb"),
        "ram_gb": hw.get("ram_gb"),
        "cpu": hw.get("cpu"),
        "context": q.context,
        "task": q.task,
        "engine": q.engine,
        "quant": q.quant,
        "min_tps": q.min_tps,
        "best": q.wants_best,
        "missing": list(q.missing),
    }


NOTHING: dict[str, Any] = {
    "models": [],
    "gpus": [],
    "soc": None,
    "unified_memory_gb": None,
    "ram_gb": None,
    "cpu": None,
    "context": None,
    "task": None,
    "engine": None,
    "quant": None,
    "min_tps": None,
    "best": False,
    "missing": [],
}


@pytest.mark.parametrize("row", ROWS, ids=[r["text"][:48] for r in ROWS])
def test_question_is_read_as_written(catalog: Catalog, row: dict[str, Any]) -> None:
    expected = NOTHING | {k: v for k, v in row.items() if k != "text"}
    assert _reading(read_question(row["text"], catalog.index)) == expected


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        ("can I run it?", ["model", "hardware"]),
        ("will qwen3 32b run?", ["hardware"]),
        ("I have an RTX 3090 and 64GB of RAM", ["model"]),
    ],
)
def test_missing_parts_are_named(catalog: Catalog, text: str, missing: list[str]) -> None:
    assert list(read_question(text, catalog.index).missing) == missing


def test_two_rigs_in_one_sentence_are_compared_not_merged(catalog: Catalog) -> None:
    q = read_question("llama 3.1 8b on a 3060 or a 4060 ti?", catalog.index)
    assert q.kind == "compare" and not q.problems
    assert [[g.id for g in rig.gpus] for rig in q.rigs] == [["rtx-3060"], ["rtx-4060-ti"]]


def test_an_unknown_model_is_reported_with_its_name(catalog: Catalog) -> None:
    q = read_question("can my 4090 run llama 9 900b?", catalog.index)
    assert q.missing == ("model",) and q.model_errors


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_reads_without_raising(catalog: Catalog, text: str) -> None:
    read_question(text, catalog.index)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "can",
                "I",
                "run",
                "qwen3",
                "30b",
                "on",
                "2x",
                "3090",
                "64GB",
                "RAM",
                "at",
                "32k",
                "M2",
                "Max",
                "best",
                "for",
                "coding",
                "?",
                ",",
                "+",
                "llama",
                "3.3",
                "70b",
                "q4_k_m",
                "vllm",
                "4-bit",
            ]
        ),
        max_size=30,
    )
)
def test_question_shaped_noise_reads_without_raising(catalog: Catalog, words: list[str]) -> None:
    q = read_question(" ".join(words), catalog.index)
    assert set(q.missing) <= {"model", "hardware"}
