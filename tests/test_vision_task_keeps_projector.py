"""A vision model asked for vision work (OCR, describing images) keeps its projector in llama-server's
command, however tight; asked without a vision task, a fit that rests on --no-mmproj says "text only
(no images)" in the headline."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog


@pytest.mark.parametrize(
    "text",
    [
        "qwen2.5 vl 7b on a gtx 1660 super 6gb to ocr scanned invoices",
        "can a 6gb 1660 super run qwen2.5-vl 7b to describe photos?",
        "qwen2.5 vl 7b for reading screenshots on an rtx 2060 6gb",
    ],
)
def test_a_vision_task_keeps_the_projector(catalog: Catalog, text: str) -> None:
    a = answer_text(text, catalog)
    o = a.options[0]
    assert o.placement.verdict != "no"
    assert "--no-mmproj" not in (o.command or "")
    assert "text only" not in a.verdict


def test_a_text_only_fit_is_said_in_the_headline(catalog: Catalog) -> None:
    a = answer_text("qwen2.5 vl 7b on a 6gb gtx 1660 super", catalog)
    assert "--no-mmproj" in (a.options[0].command or "")  # the projector leaves the 6 GB no room
    assert "text only (no images)" in a.verdict.split(". ")[0]
