"""Short names for a model family (sizing/data/nicknames.yaml) read as the family in a question:
"oss 120", "r1", "k2", "nemo", "L3.3 70B"; never when glued to another name, after a word of the
full name, or where the word means something else ("GRID K2", "L3 cache")."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sizing import Catalog, read_question
from tests.public_sources import is_local_path

TABLE = Path(__file__).resolve().parents[1] / "sizing" / "data" / "nicknames.yaml"


def _ids(catalog: Catalog, text: str) -> list[str]:
    return [r.model.id for r in read_question(text, catalog.index).models]


@pytest.mark.parametrize(
    ("text", "model_ids"),
    [
        ("can my 3090 handle oss 120 with 96gb ram", ["gpt-oss-120b"]),
        ("oss-20b on a 4060 8gb", ["gpt-oss-20b"]),
        ("is the 20b oss model ok on a 4060 ti 16gb?", ["gpt-oss-20b"]),
        ("is r1 even possible on 512gb of ddr4 and a 3090", ["deepseek-r1"]),
        ("will r1 distill qwen 14b run on my 4070", ["deepseek-r1-distill-qwen-14b"]),
        ("how fast would k2 be on a mac studio m3 ultra 512gb?", ["kimi-k2"]),
        ("does nemo fit a 3060 at q8", ["mistral-nemo-12b"]),
        ("l3.3 70b q4 on 2x 4090?", ["llama-3.3-70b"]),
        ("L3.1-8B on a 3060", ["llama-3.1-8b"]),
    ],
)
def test_a_short_name_reads_as_its_family(catalog: Catalog, text: str, model_ids: list[str]) -> None:
    assert _ids(catalog, text) == model_ids


@pytest.mark.parametrize(
    ("text", "model_ids"),
    [
        ("deepseek r1 on 8x h200", ["deepseek-r1"]),
        ("kimi k2 on 16x h100", ["kimi-k2"]),
        ("mistral nemo on a 3060", ["mistral-nemo-12b"]),
        ("mistrall nemo on a 3060", ["mistral-nemo-12b"]),
        ("gpt oss 120 on a 4090", ["gpt-oss-120b"]),
        ("Seed-OSS 36B on two 3090s?", ["seed-oss-36b"]),
        ("seed oss 36b on two 3090s?", ["seed-oss-36b"]),
        ("deepseek-r1:14b on a 4070", ["deepseek-r1-distill-qwen-14b"]),
    ],
)
def test_a_full_name_is_left_as_it_is(catalog: Catalog, text: str, model_ids: list[str]) -> None:
    assert _ids(catalog, text) == model_ids


@pytest.mark.parametrize(
    "text",
    [
        "an NVIDIA GRID K2 card with 8GB",
        "NVIDIA NeMo on a 3090",
        "a 5800X3D with 96MB L3 cache and a 3090",
        "the oss build of the app on a 3090",
    ],
)
def test_a_word_that_means_something_else_names_no_model(catalog: Catalog, text: str) -> None:
    assert _ids(catalog, text) == []


def test_every_short_name_cites_a_public_source() -> None:
    rows = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    assert rows and all(row["says"] and row["means"] for row in rows)
    assert all(row["source"] and not is_local_path(row["source"]) for row in rows)


# "ds" is DeepSeek only before one of its versions or lines; the word alone is too common
@pytest.mark.parametrize(
    ("text", "model_ids"),
    [
        ("ds v3 on 8x mi100", ["deepseek-v3"]),
        ("can DS-R1 run on 8 H20s", ["deepseek-r1"]),
        ("ds v3.1 on 4x h100?", ["deepseek-v3.1"]),
        ("ds coder v2 lite on a 3060", ["deepseek-coder-v2-lite"]),
    ],
)
def test_ds_before_a_version_or_line_is_deepseek(catalog: Catalog, text: str, model_ids: list[str]) -> None:
    assert _ids(catalog, text) == model_ids


@pytest.mark.parametrize(
    "text",
    [
        "ds on a 3090?",
        "I do DS work on my 3090, can it run llama 3 8b?",
        "I have a DS 918+ NAS and a 3060, can it run qwen2.5 7b?",
        "ds, what fits on a 4060 ti?",
    ],
)
def test_ds_without_a_version_names_no_deepseek(catalog: Catalog, text: str) -> None:
    q = read_question(text, catalog.index)
    assert not any("deepseek" in r.model.id for r in q.models)
    assert not any("deepseek" in str(e) for e in q.model_errors)


def test_a_row_that_needs_a_word_after_it_lists_those_words() -> None:
    rows = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    ds = next(row for row in rows if row["says"] == "ds")
    assert {"v3", "r1"} <= set(ds["before"])
