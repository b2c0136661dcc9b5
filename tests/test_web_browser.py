"""End to end in a real headless browser: Debian's chromium and chromedriver (installed by
`make test`), driven by Selenium, against the web frontend on a local port.

A question asked without JavaScript and with it (no reload, the address becomes the permalink,
model autocomplete), a permalink opened afresh, a phone-sized window, and the XSS corpus through
every field with the Content-Security-Policy switched off, so that only the escaping stands
between a payload and its execution: a payload that ran would call a hooked alert or fetch
`/__xss/...` from this server, and none may.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import threading
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from aiohttp import web

from bot.service import AnswerService
from bot.stores import MemoryStore
from bot.web import create_app
from tests.web_client import settings
from tests.xss import PAYLOADS

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="needs Debian's chromium and chromium-driver (make test installs them as root with apt-get; "
    "elsewhere: apt-get install chromium chromium-driver)",
)

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.common.exceptions import TimeoutException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

WAIT_S = 30  # generous for a loaded machine; a passing run waits far less
QUESTION = "can I run qwen3 30b on an RTX 3090 with 32GB RAM?"
# runs before any script of every page: alert() and its kin only record that they were called
HOOK = """
window.__xss = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = function () { window.__xss.push(name); };
}
"""


class LiveServer:
    """The web frontend on 127.0.0.1 in a thread of its own, plus a `/__xss/...` route that counts
    what reaches it (what a payload that ran would load)."""

    def __init__(self) -> None:
        self.hits: list[str] = []
        self.port = 0
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=lambda: asyncio.run(self._serve()), daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> LiveServer:
        self._thread.start()
        assert self._ready.wait(30), "the web frontend did not start"
        return self

    def stop(self) -> None:
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(30)

    async def _hit(self, request: web.Request) -> web.Response:
        self.hits.append(request.path)
        return web.Response(status=204)

    async def _injected(self, request: web.Request) -> web.Response:
        """A page as an escaping bug would make it: an inline script and an inline handler."""
        html = (
            "<!doctype html><title>injected</title>"
            "<script>fetch('/__xss/script')</script>"
            "<img src=/nothing.png onerror=\"fetch('/__xss/handler')\">"
        )
        return web.Response(text=html, content_type="text/html")

    async def _serve(self) -> None:
        service = AnswerService(MemoryStore())
        app = create_app(service, settings())
        app.router.add_route("*", "/__xss/{tail:.*}", self._hit)
        app.router.add_get("/__injected", self._injected)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        self.port = runner.addresses[0][1]
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        self._ready.set()
        await self._stop.wait()
        await runner.cleanup()
        await service.close()


@pytest.fixture(scope="module")
def server() -> Iterator[LiveServer]:
    live = LiveServer().start()
    yield live
    live.stop()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from selenium.webdriver.chrome.service import Service

    assert CHROMIUM is not None and CHROMEDRIVER is not None
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium')}",
        "--window-size=1100,900",
    ):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(WAIT_S)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": HOOK})
    yield driver
    driver.quit()


def _wait(driver: Any, condition: Any) -> Any:
    return WebDriverWait(driver, WAIT_S).until(condition)


def _verdict(driver: Any) -> str:
    text: str = _wait(driver, expected_conditions.presence_of_element_located((By.ID, "verdict"))).text
    return text


def _post_form(driver: Any, fields: dict[str, str]) -> None:
    """Fill the form's fields by value (no typing) and post it as a plain form: a navigation."""
    old = driver.find_element(By.TAG_NAME, "html")
    driver.execute_script(
        """
        const form = document.getElementById("ask");
        for (const name of ["q", "model", "hardware", "context"]) form.elements[name].value = "";
        for (const [name, value] of Object.entries(arguments[0])) form.elements[name].value = value;
        HTMLFormElement.prototype.submit.call(form);
        """,
        fields,
    )
    _wait(driver, expected_conditions.staleness_of(old))
    _wait(driver, lambda d: d.execute_script("return document.readyState") == "complete")


def _nothing_ran(driver: Any, server: LiveServer, what: str) -> None:
    ran = driver.execute_script("return window.__xss || []")
    made = driver.execute_script(
        "return [...document.querySelectorAll('img, iframe, object, embed, base, style, math, [autofocus]')]"
        ".map(e => e.tagName).concat([...document.querySelectorAll('*')].flatMap("
        "e => [...e.attributes].filter(a => a.name.startsWith('on')).map(a => e.tagName + '@' + a.name)))"
    )
    scripts = driver.execute_script("return document.scripts.length")
    assert (ran, made, scripts, server.hits) == ([], [], 1, []), what


# --- asking ---------------------------------------------------------------------------------------


def test_a_question_without_javascript_is_answered_at_a_permalink_that_opens_again(
    browser: Any, server: LiveServer
) -> None:
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        browser.get(server.url + "/")
        browser.find_element(By.ID, "q").send_keys(QUESTION)
        browser.find_element(By.CSS_SELECTOR, "#ask button[type=submit]").click()
        verdict = _verdict(browser)
        permalink = browser.current_url
        assert re.fullmatch(re.escape(server.url) + r"/a/[a-z2-7]{12}", permalink), verdict
        assert "fits fully on the GPU" in verdict
        assert browser.find_element(By.ID, "permalink").get_attribute("href") == permalink
        catalog = re.search(r"catalog (\S+)", browser.find_element(By.CLASS_NAME, "versions").text)
        assert catalog is not None and catalog.group(1).startswith("bundled-")
        browser.get(permalink)
        assert _verdict(browser) == verdict
    finally:
        browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})


def test_with_javascript_the_answer_comes_without_a_reload_and_the_address_becomes_its_permalink(
    browser: Any, server: LiveServer
) -> None:
    browser.get(server.url + "/")
    browser.execute_script("window.__stayed = true")
    browser.find_element(By.CSS_SELECTOR, "#fields summary").click()
    model = browser.find_element(By.ID, "model")
    model.send_keys("qwen3 30")
    suggested = _wait(
        browser,
        lambda d: d.execute_script(
            "return [...document.querySelectorAll('#model-list option')].map(o => o.value)"
        ),
    )
    assert "Qwen3 30B A3B" in suggested
    model.clear()
    model.send_keys("Qwen3 30B A3B")
    browser.find_element(By.ID, "hardware").send_keys("RTX 3090, 32GB RAM")
    browser.find_element(By.CSS_SELECTOR, "#ask button[type=submit]").click()
    _wait(
        browser,
        expected_conditions.text_to_be_present_in_element((By.ID, "verdict"), "fits fully on the GPU"),
    )
    assert browser.execute_script("return window.__stayed") is True  # the same page: no reload
    permalink = browser.current_url
    assert re.fullmatch(re.escape(server.url) + r"/a/[a-z2-7]{12}", permalink)
    verdict = browser.find_element(By.ID, "verdict").text
    browser.get(permalink)
    assert _verdict(browser) == verdict and browser.execute_script("return window.__stayed") is None


def test_a_question_back_replaces_the_answer_in_place(browser: Any, server: LiveServer) -> None:
    browser.get(server.url + "/")
    browser.execute_script("window.__stayed = true")
    browser.find_element(By.ID, "q").send_keys("can I run qwen3 30b?")
    browser.find_element(By.CSS_SELECTOR, "#ask button[type=submit]").click()
    _wait(browser, expected_conditions.text_to_be_present_in_element((By.ID, "verdict"), "What hardware?"))
    assert browser.execute_script("return window.__stayed") is True
    assert browser.current_url == server.url + "/"


def test_the_answer_fits_a_phone_screen(browser: Any, server: LiveServer) -> None:
    browser.get(server.url + "/")
    _post_form(browser, {"q": "can I run qwen3 235b on 2x3090 and 128gb ram?"})
    browser.set_window_size(390, 844)
    try:
        browser.refresh()
        _verdict(browser)
        width = browser.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], "the page scrolls sideways on a phone"
    finally:
        browser.set_window_size(1100, 900)


# --- nothing a payload holds runs -----------------------------------------------------------------

FIELDS = [("q", {}), ("model", {"hardware": "RTX 4090"}), ("hardware", {"model": "qwen3 8b"}),
          ("context", {"model": "qwen3 8b", "hardware": "RTX 4090"})]  # fmt: skip


@pytest.fixture
def no_policy(browser: Any) -> Iterator[Any]:
    """The browser with the Content-Security-Policy ignored: only the escaping protects the page."""
    browser.execute_cdp_cmd("Page.setBypassCSP", {"enabled": True})
    yield browser
    browser.execute_cdp_cmd("Page.setBypassCSP", {"enabled": False})


@pytest.mark.parametrize("field", [f for f, _ in FIELDS])
def test_no_payload_runs_from_a_form_field(no_policy: Any, server: LiveServer, field: str) -> None:
    others = dict(FIELDS)[field]
    no_policy.get(server.url + "/")
    for payload in PAYLOADS:
        _post_form(no_policy, {field: payload, **others})
        _nothing_ran(no_policy, server, f"{field}: {payload}")


def test_no_payload_runs_from_an_answer_kept_at_a_permalink_or_from_an_id(
    no_policy: Any, server: LiveServer
) -> None:
    no_policy.get(server.url + "/")
    for payload in PAYLOADS:
        _post_form(no_policy, {"q": f"can I run qwen3 8b on an RTX 4090 with {payload} 32GB RAM"})
        _nothing_ran(no_policy, server, f"answer: {payload}")
    for payload in PAYLOADS[:10]:
        no_policy.get(server.url + "/a/" + quote(payload, safe=""))
        _nothing_ran(no_policy, server, f"id: {payload}")


def test_the_policy_stops_inline_code_that_runs_without_it(browser: Any, server: LiveServer) -> None:
    """The detector is not blind: a page of this server holding an inline script and handler
    (what an escaping bug would make) runs both once the policy is ignored, and neither under it."""
    browser.get(server.url + "/__injected")
    _wait(browser, lambda d: d.execute_script("return document.readyState") == "complete")
    assert server.hits == []
    untrusted = """
        const tried = [];
        for (const sink of [() => { document.body.innerHTML = "<b>x</b>"; },
                            () => document.body.setAttribute("onclick", "fetch('/__xss/set')")]) {
          try { sink(); tried.push("ran"); } catch (e) { tried.push(e.name); }
        }
        return tried;
    """
    assert browser.execute_script(untrusted) == ["TypeError", "TypeError"]  # Trusted Types refuse both
    browser.execute_cdp_cmd("Page.setBypassCSP", {"enabled": True})
    try:
        browser.get(server.url + "/__injected")
        _wait(browser, lambda d: len(server.hits) == 2)
    except TimeoutException:
        pytest.fail(f"without the policy the injected code should have run: {server.hits}")
    finally:
        browser.execute_cdp_cmd("Page.setBypassCSP", {"enabled": False})
    assert sorted(server.hits) == ["/__xss/handler", "/__xss/script"]
    server.hits.clear()
