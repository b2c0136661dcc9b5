"""The reading corpora are well formed: valid JSON Lines with the fields their scorer needs, no text
twice, development and held-out parts disjoint and each case on the side the fixed split rule gives,
references (device ids, catalog ids, kinds) that exist, and a public source for every pattern.

Accuracy is not asserted here: benchmarks/reading_accuracy.py measures it and reports it in
docs/ACCURACY.md.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from benchmarks import CORPORA, KINDS, dev_path, heldout_path, split_of
from sizing import default_catalog, default_database

MINIMUM_CASES = {"hardware": 250, "questions": 200, "names": 250, "kinds": 120}
COMMON_FIELDS = {
    "text": str,
    "expected": dict,
    "ambiguous": bool,
    "pattern": str,
    "lang": str,
    "source_pattern": str,
}
EXPECTED_FIELDS = {
    "hardware": {"gpus", "ram_gb", "unified_memory_gb", "soc", "cpu"},
    "questions": {"models", "rig", "context", "quant", "engine"},
    "names": {"model", "quant"},
    "kinds": {"kind", "models", "rigs", "wishes"},
}
ANY = "*"
QUANT_ID = re.compile(r"[A-Z][A-Za-z0-9_.\-]*")
PUBLIC_URL = re.compile(r"https://[a-z0-9.\-]+\.[a-z]{2,}/\S*")


def _lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _cases(corpus: str) -> list[dict[str, Any]]:
    return [json.loads(line) for p in (dev_path(corpus), heldout_path(corpus)) for line in _lines(p)]


def _rigs(corpus: str, case: dict[str, Any]) -> Iterator[dict[str, Any]]:
    e = case["expected"]
    if corpus == "hardware":
        yield e
        yield from case.get("alternatives", [])
    elif corpus == "questions":
        if e["rig"] is not None:
            yield e["rig"]
        yield from case.get("alternative_rigs", [])
    elif corpus == "kinds":
        yield from e["rigs"]


def _models(corpus: str, case: dict[str, Any]) -> list[dict[str, Any]]:
    e = case["expected"]
    return [e["model"]] if corpus == "names" else list(e.get("models", []))


@pytest.mark.parametrize("corpus", CORPORA)
def test_every_line_is_a_json_object(corpus: str) -> None:
    for path in (dev_path(corpus), heldout_path(corpus)):
        for n, line in enumerate(_lines(path), 1):
            assert isinstance(json.loads(line), dict), f"{path.name}:{n}"


@pytest.mark.parametrize("corpus", CORPORA)
def test_corpus_is_large_enough(corpus: str) -> None:
    assert len(_cases(corpus)) >= MINIMUM_CASES[corpus]


@pytest.mark.parametrize("corpus", CORPORA)
def test_cases_have_the_required_fields(corpus: str) -> None:
    for case in _cases(corpus):
        for name, kind in COMMON_FIELDS.items():
            assert isinstance(case.get(name), kind), (case.get("text"), name)
        assert case["text"].strip() and case["pattern"].strip()
        assert EXPECTED_FIELDS[corpus] <= set(case["expected"]), case["text"]


@pytest.mark.parametrize("corpus", CORPORA)
def test_no_text_appears_twice(corpus: str) -> None:
    texts = [c["text"] for c in _cases(corpus)]
    assert len(texts) == len(set(texts))


@pytest.mark.parametrize("corpus", CORPORA)
def test_development_and_held_out_parts_are_disjoint(corpus: str) -> None:
    dev = {json.loads(line)["text"] for line in _lines(dev_path(corpus))}
    held = {json.loads(line)["text"] for line in _lines(heldout_path(corpus))}
    assert dev and held and not dev & held


@pytest.mark.parametrize("corpus", CORPORA)
def test_each_case_sits_where_the_split_rule_puts_it(corpus: str) -> None:
    for side, path in (("dev", dev_path(corpus)), ("heldout", heldout_path(corpus))):
        misplaced = [t for t in (json.loads(line)["text"] for line in _lines(path)) if split_of(t) != side]
        assert not misplaced, misplaced[:3]


@pytest.mark.parametrize("corpus", CORPORA)
def test_sources_are_public_urls(corpus: str) -> None:
    for case in _cases(corpus):
        url = case["source_pattern"]
        assert PUBLIC_URL.fullmatch(url), url


@pytest.mark.parametrize("corpus", ["hardware", "questions", "kinds"])
def test_named_devices_exist_in_the_device_database(corpus: str) -> None:
    known = set(default_database().by_id)
    for case in _cases(corpus):
        for rig in _rigs(corpus, case):
            for gpu in rig["gpus"]:
                assert gpu["id"] is None or gpu["id"] in known, (case["text"], gpu["id"])
                assert gpu["id"] is not None or "name" in gpu, case["text"]
                assert isinstance(gpu["count"], int) and gpu["count"] >= 1, case["text"]
            soc = rig.get("soc")
            if soc is not None:
                assert soc["id"] in (None, ANY) or soc["id"] in known, (case["text"], soc["id"])
                assert soc["id"] is not None or soc.get("name"), case["text"]


@pytest.mark.parametrize("corpus", ["questions", "names", "kinds"])
def test_named_models_exist_in_the_catalog_or_carry_a_size(corpus: str) -> None:
    catalog = default_catalog()
    for case in _cases(corpus):
        for m in _models(corpus, case):
            if m["id"] is not None:
                assert catalog.get(m["id"]) is not None, (case["text"], m["id"])
            assert isinstance(m["params_b"], int | float) and m["params_b"] > 0, case["text"]
            active = m["active_params_b"]
            assert active in (None, ANY) or 0 < active <= m["params_b"], case["text"]


@pytest.mark.parametrize("corpus", ["questions", "names"])
def test_quants_are_written_as_canirun_ids(corpus: str) -> None:
    for case in _cases(corpus):
        quant = case["expected"]["quant"]
        assert quant is None or QUANT_ID.fullmatch(quant), (case["text"], quant)


# the wishes a kinds case may state: every case states the first four; the others where they are said
_WISHES_READ = {
    "min_tps",
    "context",
    "task",
    "prefer",
    "kv_type",
    "long_context",
    "prompt_time",
    "users",
    "users_asked",
}


def test_question_kinds_are_known_kinds() -> None:
    for case in _cases("kinds"):
        assert case["expected"]["kind"] in KINDS, case["text"]
        wishes = set(case["expected"]["wishes"])
        assert {"min_tps", "context", "task", "prefer"} <= wishes <= _WISHES_READ, case["text"]
