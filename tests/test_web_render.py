"""The HTML renderer: each kind's section from the typed Answer, any other kind from its fields,
the memory chart as inline SVG, and every string escaped."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import escape
from pydantic import Field

from bot.answers import Answer, answer_from_json, notice
from bot.render.html import SECTIONS, answer_html, memory_svg, rig_text
from sizing import EstimateContract, HardwareContract

ANSWERS = Path(__file__).parent / "data" / "answers"


def _answer(kind: str) -> Answer:
    return answer_from_json((ANSWERS / f"{kind}.json").read_text(encoding="utf-8"))


class Structure(HTMLParser):
    """The tags and attribute names a fragment makes, and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.shape: list[tuple[str, tuple[str, ...]]] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.shape.append((tag, tuple(k for k, _ in attrs)))

    def handle_data(self, data: str) -> None:
        self.text += data


def structure(html: str) -> Structure:
    s = Structure()
    s.feed(html)
    return s


def test_every_kind_before_the_new_ones_has_a_section() -> None:
    assert set(SECTIONS) >= {"estimate", "best", "clarify", "error"}


def test_an_estimate_shows_verdict_reading_chart_devices_command_options_and_assumptions() -> None:
    a = _answer("estimate")
    html = answer_html(a)
    best = a.options[0]
    assert f'class="verdict tone-{best.placement.verdict}"' in html
    assert 'data-kind="estimate"' in html and "gpt-oss-120b" in html
    assert html.count('<text x="0"') == len(best.placement.devices)  # one bar per device in the chart
    assert html.count("<tbody>") == 1 + (len(a.options) > 1)
    assert f"<code>{best.command}</code>" in html
    assert best.assumptions and all(str(escape(x)) in html for x in best.assumptions)
    assert f"catalog {a.catalog_version}" in html


def test_a_best_answer_lists_every_model_and_the_first_ones_command() -> None:
    a = _answer("best")
    html = answer_html(a)
    rows = re.findall(r"<tr><td class=\"num\">(\d+)</td>", html)
    assert rows == [str(i) for i in range(1, len(a.options) + 1)]
    assert "Run the first: " + a.options[0].model.name in html


def test_a_question_back_shows_its_message_and_what_is_missing() -> None:
    html = answer_html(_answer("clarify"))
    assert 'class="verdict tone-clarify"' in html and "Which model?" in html and "<dd>model</dd>" in html


def test_an_error_shows_the_error_and_the_hint() -> None:
    html = answer_html(notice("error", "no GPU named 'RTX 9999'", "v1", hint="name the card like RTX 4090"))
    assert (
        "no GPU named &#39;RTX 9999&#39;" in html
        and '<p class="hint">name the card like RTX 4090</p>' in html
    )


class _RigsAnswer(Answer):
    """A kind no section knows: rigs that would run a model, with a price each."""

    rigs: list[HardwareContract] = Field(default_factory=list)
    prices_usd: dict[str, float] = Field(default_factory=dict)
    runs_on: list[EstimateContract] = Field(default_factory=list)


def test_a_kind_without_a_section_is_rendered_from_its_fields() -> None:
    base = _answer("estimate")
    rig = base.question.hardware
    assert rig is not None
    fields = {
        "rigs": [rig.model_dump()],
        "prices_usd": {"RTX 4090": 1599.0},
        "runs_on": [base.options[0].model_dump(exclude={"max_context", "max_context_by_kv"})],
    }
    a = _RigsAnswer.model_validate({**base.model_dump(), **fields}).model_copy(
        update={"kind": "requirements"}
    )
    html = answer_html(a)
    assert "<h3>Rigs</h3>" in html and rig_text(rig) in html
    assert "<h3>Prices usd</h3>" in html and "<dt>RTX 4090</dt><dd>1,599</dd>" in html
    assert "<h3>Runs on</h3>" in html and "MXFP4, 8,192 ctx" in html
    assert "<h3>Options</h3>" in html  # the shared keys still show


def test_the_chart_marks_a_device_over_its_capacity() -> None:
    best = _answer("estimate").options[0]
    device = best.placement.devices[0].model_copy(update={"weights_gb": 99.0, "capacity_gb": 24.0})
    placement = best.placement.model_copy(update={"devices": [device]})
    svg = memory_svg(best.model_copy(update={"placement": placement}))
    assert 'class="amount over"' in svg


def test_the_chart_draws_bars_in_proportion_to_memory() -> None:
    best = _answer("estimate").options[0]
    svg = str(memory_svg(best))
    bar = r'<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="14" class="seg-'
    widths = [float(w) for w in re.findall(bar, svg)]
    parts = [x for d in best.placement.devices for x in (d.weights_gb, d.kv_cache_gb, d.overhead_gb) if x > 0]
    assert len(widths) == len(parts)
    big = [w / p for w, p in zip(widths, parts, strict=True) if p >= 1.0]  # drawn to 0.1 units: large parts
    assert len(big) >= 2 and max(big) == pytest.approx(min(big), rel=0.01)


_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60)


def _with_text(a: Answer, text: str) -> Answer:
    """`a` with `text` as its verdict, a hint, the first device's name, the command and an assumption."""
    best = a.options[0]
    first, *rest = best.placement.devices
    placement = best.placement.model_copy(
        update={"devices": [first.model_copy(update={"name": text}), *rest]}
    )
    option = best.model_copy(update={"placement": placement, "command": text, "assumptions": [text]})
    return a.model_copy(update={"verdict": text, "hints": [text], "options": [option]})


@settings(max_examples=60, deadline=None)
@given(text=_TEXT)
def test_any_text_in_any_answer_string_is_text_not_markup(text: str) -> None:
    a = _answer("estimate")
    rendered = structure(str(answer_html(_with_text(a, text))))
    assert rendered.shape == structure(str(answer_html(_with_text(a, "x")))).shape  # same elements, any text
    assert " ".join(text.split()) in " ".join(rendered.text.split())
