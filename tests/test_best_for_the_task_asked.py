"""A best list keeps to the task asked: images ("vision model for OCR") list only models that take
images; roleplay is said as asked (ranked by the overall scores, no board scores it); a coder of its
own size class is its own product line, so it is listed beside the general model it is tuned from."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, read_question
from sizing.scores import model_scores


@pytest.mark.parametrize(
    ("text", "task"),
    [
        ("best vision model for OCR of receipts on a 12gb 3060?", "vision"),
        ("which vlm can read screenshots on my 4070 ti super?", "vision"),
        ("a model to describe photos on a 16gb 4060 ti, which one?", "vision"),
        ("best model for roleplay on a 3090?", "roleplay"),
        ("best coding model for a 4090?", "code"),
        ("best chat model on a 3060 12gb?", "chat"),
        ("best model for math on a 3090?", "reasoning"),
    ],
)
def test_the_task_is_read(catalog: Catalog, text: str, task: str) -> None:
    assert read_question(text, catalog.index).task == task


@pytest.mark.parametrize("rig", ["16gb 5060 ti", "rtx 3090 with 64gb ram", "rtx 4060 8gb"])
def test_a_vision_list_holds_only_models_that_take_images(catalog: Catalog, rig: str) -> None:
    a = answer_text(f"best vision model for OCR of invoices on a {rig}?", catalog)
    assert a.kind == "best" and a.options
    by_id = {m.id: m for m in catalog.models}
    table = model_scores()
    for b in a.options:
        m = by_id[b.model.id]
        entry = table.get(m.id)
        assert "vision" in m.tasks or (entry is not None and entry.vision), m.name


def test_roleplay_says_how_it_is_ranked(catalog: Catalog) -> None:
    a = answer_text("best model for roleplay on a 3090 + 64gb ram?", catalog)
    assert a.verdict.startswith("Best for roleplay") and "No public board scores roleplay" in a.verdict


def test_the_coder_of_a_general_model_is_listed_for_code(catalog: Catalog) -> None:
    a = answer_text("best model for agentic coding on a 24gb 7900 xtx + 64gb ram", catalog)
    ids = [b.model.id for b in a.options]
    assert "qwen3-coder-next" in ids
    # tuned for code from the general model: ranked just above it
    assert "qwen3-next-80b-a3b" not in ids or ids.index("qwen3-coder-next") < ids.index("qwen3-next-80b-a3b")


def test_a_product_line_holds_one_size_class(catalog: Catalog) -> None:
    """Releases a line folds are of one size class: no member has twice the parameters of another."""
    table = model_scores()
    by_id = {m.id: m for m in catalog.models}
    lines: dict[str, list[float]] = {}
    for mid in by_id:
        line = table.line(mid)
        if line:
            lines.setdefault(line, []).append(by_id[mid].params_b)
    wide = {line: sizes for line, sizes in lines.items() if max(sizes) >= 2 * min(sizes)}
    assert not wide
