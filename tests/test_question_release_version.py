"""A release version written after a model's name that no download of the model read carries ("v1.5"
where only v1 files are listed) is said beside the answer: the release sized and the one the command
fetches are named, never swapped in silence; a version a listed download carries is read as usual."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question


def _notes(catalog: Catalog, text: str) -> dict[str, tuple[str, ...]]:
    return {r.model.id: r.assumptions for r in read_question(text, catalog.index).models}


@pytest.mark.parametrize(
    ("text", "model_id", "asked"),
    [
        ("Nemotron Super 49B v1.5 on a 4090, what quant", "llama-3.3-nemotron-super-49b", "v1.5"),
        ("would qwen3 32b v2 fit a 3090", "qwen3-32b", "v2"),
        ("deepseek-r1 v2 on a m3 ultra 512gb", "deepseek-r1", "v2"),
    ],
)
def test_a_version_no_download_carries_is_said(
    catalog: Catalog, text: str, model_id: str, asked: str
) -> None:
    notes = _notes(catalog, text)[model_id]
    said = [n for n in notes if f"no download of {asked}" in n]
    assert said and f"not {asked}" in said[0]


@pytest.mark.parametrize(
    ("text", "model_id"),
    [
        ("mistral 7b v0.3 on a 3060", "mistral-7b"),
        ("deepseek-v2-lite on a 3060", "deepseek-v2-lite"),
        ("nemotron nano 9b v2 on a 3060", "nemotron-nano-9b-v2"),
        ("deepseek v3.1 on an m3 ultra 512gb", "deepseek-v3.1"),
    ],
)
def test_a_version_a_listed_download_carries_is_read_as_usual(
    catalog: Catalog, text: str, model_id: str
) -> None:
    notes = _notes(catalog, text)[model_id]
    assert not any("no download of" in n for n in notes)
