"""The documents that describe the code say what the code does."""

from __future__ import annotations

import re

from tests import contract_doc


def test_the_contract_tables_are_the_models_of_today() -> None:
    assert contract_doc.current() == contract_doc.tables(), "run `python -m tests.contract_doc`"


def test_every_path_the_architecture_names_exists() -> None:
    text = contract_doc.DOC.read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:sizing|bot|tests|benchmarks|docs)/[\w/.\-]+)`", text))
    missing = sorted(p for p in named if not (contract_doc.ROOT / p).exists())
    assert named and missing == []
