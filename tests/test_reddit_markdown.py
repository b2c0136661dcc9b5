"""Every kind of Reddit reply, rendered by Reddit's own markdown engine (snudown, via node): tables
render as tables, no markup or escape leaks into what people read, user text stays inert, and
the comment fits Reddit's 10,000 characters."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from bot.answers import Answer, QuestionInfo
from bot.render.reddit import MAX_COMMENT_CHARS, reddit_length, render_notice, render_reddit
from tests import golden
from tests.reddit_markdown import NO_NODE, Page, node, to_html
from tests.test_reddit_parsing import SUMMONS_FORMS

pytestmark = pytest.mark.skipif(node() is None, reason=NO_NODE)

PROJECT = "https://example.org/canirun"
OURS = "/u/canirun"  # the footer's "Mention u/canirun": the only ping a reply makes
ANSWERS = [argv for argv in golden.REQUESTS if argv[0] in ("ask", "best")]
LIMITS = (MAX_COMMENT_CHARS, 1500, 700)
HOSTILE = (
    "no model called [click](javascript:alert(1)) u/spez /u/kn0thing r/all @everyone "
    "https://evil.example www.evil.example | --- | **bold** _it_ ~~s~~ >!spoiler!< `code` # heading "
    "> quote ^super &amp; &#124; \\| \\ 1. list\n\n* item\n| a | b |\n|---|---|"
)
PLAIN = "no model called x"
# a backslash before markdown punctuation: an escape Reddit did not consume
LEAKED_ESCAPE = re.compile(r"\\[\\`*_{}\[\]()#+\-.!|~^<>&]")


def _replies() -> dict[str, str]:
    out = {}
    for argv in ANSWERS:
        answer = golden.answer(argv)
        for limit in LIMITS:
            out[f"{' '.join(argv)[:50]} @{limit}"] = render_reddit(answer, limit, project_url=PROJECT)
    out["notice"] = render_notice("Done: I won't reply to you again.", project_url=PROJECT)
    return out


REPLIES = _replies()


@pytest.fixture(scope="module")
def pages() -> dict[str, Page]:
    return dict(zip(REPLIES, map(Page, to_html(list(REPLIES.values()))), strict=True))


def _markdown_tables(md: str) -> list[int]:
    """Columns of each table the markdown writes (a header row followed by an alignment row)."""
    lines = md.split("\n")
    return [
        lines[i].count(" | ") + 1
        for i in range(len(lines) - 1)
        if lines[i].startswith("| ") and re.fullmatch(r"\|(:?-+:?\|)+", lines[i + 1])
    ]


def _error(text: str) -> Answer:
    return Answer(kind="error", question=QuestionInfo(), message=text, error=text, hint=text)


@pytest.mark.parametrize("name", REPLIES)
def test_tables_render_as_tables(name: str, pages: dict[str, Page]) -> None:
    page = pages[name]
    assert [len(t) and t[0] for t in page.tables] == _markdown_tables(REPLIES[name])
    assert all(len(set(rows)) == 1 for rows in page.tables), "every row has the header's cells"


@pytest.mark.parametrize("name", REPLIES)
def test_no_markup_or_escape_leaks_into_the_text(name: str, pages: dict[str, Page]) -> None:
    text = pages[name].text
    assert not LEAKED_ESCAPE.search(text)
    assert not any(line.lstrip().startswith("|") for line in "".join(pages[name].outside_tables).split("\n"))
    assert "**" not in text and "](" not in text


@pytest.mark.parametrize("name", REPLIES)
def test_every_reply_fits_one_comment(name: str) -> None:
    assert reddit_length(REPLIES[name]) <= MAX_COMMENT_CHARS


def test_user_text_adds_no_markup_links_or_pings() -> None:
    hostile, plain = (render_reddit(_error(t), project_url=PROJECT) for t in (HOSTILE, PLAIN))
    evil, calm = (Page(html) for html in to_html([hostile, plain]))
    assert Counter(evil.tags) == Counter(calm.tags)
    assert evil.links == calm.links == [OURS, PROJECT]
    assert "[click]" in evil.text and "**bold**" in evil.text  # shown as written


@pytest.mark.parametrize("limit", LIMITS[1:])
def test_short_forms_of_user_text_add_no_markup_either(limit: int) -> None:
    (evil,) = map(Page, to_html([render_reddit(_error(HOSTILE), limit, project_url=PROJECT)]))
    (full,) = map(Page, to_html([render_reddit(_error(PLAIN), project_url=PROJECT)]))
    assert set(evil.tags) <= set(full.tags) and set(evil.links) <= {OURS, PROJECT}


def test_user_text_in_a_table_cell_keeps_the_table() -> None:
    answer = golden.answer(ANSWERS[0])
    assert answer.best is not None
    devices = answer.best.placement.devices
    odd = answer.best.model_copy(
        update={"placement": answer.best.placement.model_copy(
            update={"devices": [d.model_copy(update={"name": "GPU | with \\| pipes"}) for d in devices]}
        )}
    )  # fmt: skip
    md = render_reddit(answer.model_copy(update={"options": [odd, *answer.options[1:]]}))
    (page,) = map(Page, to_html([md]))
    assert [len(t) and t[0] for t in page.tables] == _markdown_tables(md)
    assert "GPU | with \\| pipes" in page.cells


def test_what_snudown_shows_as_a_quote_or_code_is_what_the_bot_leaves_out() -> None:
    """The bot's reading of quotes and code blocks agrees with Reddit's renderer: the name is a
    summons exactly where Snudown shows it outside <blockquote> and <code>."""
    texts = [t for t, _ in SUMMONS_FORMS]
    for (text, own), html in zip(SUMMONS_FORMS, to_html(texts), strict=True):
        outside = re.sub(r"<blockquote>.*?</blockquote>|<code>.*?</code>", "", html, flags=re.S)
        assert ("canirun" in outside) is own, (text, html)
