"""The XSS corpus (tests/data/xss_payloads.json: payloads written for these tests in the usual
shapes: tag injection, attribute and element break-outs, SVG and MathML tricks, scheme URLs,
template syntax) and the check that a page made nothing of one.

Every payload that would run calls `fetch('/__xss/...')` or loads a `/__xss/...` URL: the browser
tests count hits on that path; `assert_inert` checks the HTML itself.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

PAYLOADS: list[str] = json.loads((Path(__file__).parent / "data" / "xss_payloads.json").read_text())

# every element the page and the answer renderer make (inside the chart: "svg:..."); anything else
# came from input
_OUR_TAGS = """html head meta title link script body header a span main form input label textarea details
summary div datalist button p h2 h3 section ul li article dl dt dd svg svg:title svg:rect svg:text svg:line
table thead tbody tr th td pre code strong footer sup"""
OUR_TAGS = frozenset(_OUR_TAGS.split())
_ONCE = ("html", "head", "title", "body", "script", "link")
_URL_ATTRS = ("href", "src", "action", "formaction", "data", "xlink:href")


class _Tags(HTMLParser):
    """Start tags in order; those inside an <svg> (the chart's own <title>s) are named "svg:tag"."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._svg = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((f"svg:{tag}" if self._svg and tag != "svg" else tag, dict(attrs)))
        self._svg += tag == "svg"

    def handle_endtag(self, tag: str) -> None:
        self._svg -= tag == "svg" and self._svg > 0


def assert_inert(html: str, payload: str) -> None:
    """`html` holds no element, attribute or URL that `payload` could have made."""
    parser = _Tags()
    parser.feed(html)
    tags = parser.tags
    assert {t for t, _ in tags} <= OUR_TAGS, {t for t, _ in tags} - OUR_TAGS
    for once in _ONCE:
        assert sum(t == once for t, _ in tags) <= 1, once
    for tag, attrs in tags:
        for name, value in attrs.items():
            assert not name.startswith("on") and name not in ("style", "autofocus", "srcdoc"), (tag, name)
            if name in _URL_ATTRS and value:
                v = "".join(value.split()).lower()
                assert not v.startswith(("javascript:", "data:", "vbscript:")) and "__xss" not in v, (
                    tag,
                    name,
                )
        if tag == "script":
            assert (attrs.get("src") or "").startswith("/static/canirun.js?v="), attrs
        if tag == "link":
            assert (attrs.get("href") or "").startswith("/static/canirun.css?v="), attrs
        if tag == "meta":
            assert "http-equiv" not in attrs, attrs
    if any(c in payload for c in "<>\"'"):
        assert payload not in html, "the payload is in the page unescaped"
