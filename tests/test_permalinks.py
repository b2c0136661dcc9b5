"""Permalinks: a short id per answer, stable for one reading under one catalog, kept in the store
for a while; Reddit and Discord replies link to it ("full answer") only when the page has a public
address."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from bot.answers import Answer, answer_from_json, notice
from bot.config import ConfigError, Settings, load_settings
from bot.permalinks import ID_PATTERN, KV_PREFIX, Permalinks, permalink_id, shareable
from bot.reddit import Composer
from bot.render.discord import answer_embed
from bot.render.reddit import render_reddit
from bot.service import AnswerService
from bot.stores import MemoryStore, StoreUnavailable
from tests.conftest import MakeBot
from tests.standins.discord_api import DiscordStandIn

ANSWERS = Path(__file__).parent / "data" / "answers"
PUBLIC = "https://canirun.example"


def _answer(kind: str) -> Answer:
    return answer_from_json((ANSWERS / f"{kind}.json").read_text(encoding="utf-8"))


def _linked_service(base_url: str | None = PUBLIC) -> AnswerService:
    store = MemoryStore()
    return AnswerService(store, links=Permalinks(store, ttl_s=3600, base_url=base_url))


# --- ids -----------------------------------------------------------------------------------------


def test_an_id_is_short_and_url_safe() -> None:
    assert ID_PATTERN.fullmatch(permalink_id(_answer("estimate")))


async def test_the_same_reading_in_other_words_gets_the_same_id() -> None:
    # two processes (no shared cache), so each answer is computed from its own words
    a = await AnswerService(MemoryStore()).ask("can I run llama 3.1 8b on 2x 3090?")
    b = await AnswerService(MemoryStore()).ask("llama 3.1 8b, two RTX 3090s: will it run?")
    assert a.question.text != b.question.text and not b.cached
    assert permalink_id(a) == permalink_id(b)


@pytest.mark.parametrize(
    "change",
    [
        {"catalog_version": "bundled-000000000000"},
        {"estimator_version": "999"},
        {"verdict": "something else"},
    ],
)
def test_another_catalog_estimator_or_answer_gets_another_id(change: dict[str, str]) -> None:
    a = _answer("estimate")
    assert permalink_id(a.model_copy(update=change)) != permalink_id(a)


def test_a_kept_answer_has_no_wording_and_is_not_marked_cached() -> None:
    a = _answer("estimate").model_copy(update={"cached": True})
    kept = shareable(a)
    assert kept.question.text is None and not kept.cached
    assert kept.question.models == a.question.models and kept.options == a.options


# --- keeping and loading -------------------------------------------------------------------------


class Recording(MemoryStore):
    def __init__(self) -> None:
        super().__init__()
        self.sets: list[tuple[str, float | None]] = []

    async def kv_set(self, key: str, value: str, ttl_s: float | None = None) -> None:
        self.sets.append((key, ttl_s))
        await super().kv_set(key, value, ttl_s)


async def test_an_answer_is_kept_with_the_ttl_and_loads_back() -> None:
    store = Recording()
    links = Permalinks(store, ttl_s=600)
    a = _answer("best")
    link_id = await links.keep(a)
    assert store.sets == [(KV_PREFIX + link_id, 600)]
    assert await links.load(link_id) == shareable(a)


async def test_an_expired_permalink_is_gone(monkeypatch: pytest.MonkeyPatch) -> None:
    links = Permalinks(MemoryStore(), ttl_s=60)
    link_id = await links.keep(_answer("best"))
    later = time.time() + 61
    monkeypatch.setattr(time, "time", lambda: later)
    assert await links.load(link_id) is None


@pytest.mark.parametrize("bad", ["", "abc", "AAAAAAAAAAAA", "aaaaaaaaaaaa1", "../../etc/pa", "aaaaaaaaaaa:"])
async def test_a_malformed_id_is_not_looked_up(bad: str) -> None:
    class Untouchable(MemoryStore):
        async def kv_get(self, key: str) -> str | None:
            raise AssertionError("looked up")

    assert await Permalinks(Untouchable(), ttl_s=60).load(bad) is None


async def test_an_unreadable_entry_loads_as_none() -> None:
    store = MemoryStore()
    await store.kv_set(KV_PREFIX + "a" * 12, "{not json", 60)
    assert await Permalinks(store, ttl_s=60).load("a" * 12) is None


# --- links in the bots' replies -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("base_url", "kind", "linked"),
    [
        (PUBLIC, "estimate", True),
        (PUBLIC, "best", True),
        (PUBLIC, "clarify", False),
        (None, "estimate", False),
    ],
)
async def test_a_reply_links_the_page_only_with_a_public_address_and_more_to_show(
    base_url: str | None, kind: str, linked: bool
) -> None:
    service = _linked_service(base_url)
    url = await service.permalink(_answer(kind))
    assert (url is not None) == linked
    if url is not None:
        assert url.startswith(PUBLIC + "/a/") and service.links is not None
        assert await service.links.load(url.rsplit("/", 1)[1]) == shareable(_answer(kind))


async def test_a_store_that_cannot_keep_it_gives_a_reply_without_a_link() -> None:
    class Full(MemoryStore):
        async def kv_set(self, key: str, value: str, ttl_s: float | None = None) -> None:
            raise StoreUnavailable("down")

    store = Full()
    service = AnswerService(store, links=Permalinks(store, ttl_s=60, base_url=PUBLIC))
    assert await service.permalink(_answer("estimate")) is None


async def test_settings_without_a_public_address_link_nothing(tmp_path: Path) -> None:
    plain = AnswerService.from_settings(Settings(data_dir=tmp_path))
    public = AnswerService.from_settings(Settings(data_dir=tmp_path, web={"public_url": PUBLIC + "/"}))
    try:
        assert await plain.permalink(_answer("estimate")) is None
        assert (await public.permalink(_answer("estimate")) or "").startswith(PUBLIC + "/a/")
    finally:
        await plain.close()
        await public.close()


@pytest.mark.parametrize("base_url", [PUBLIC, None])
async def test_a_reddit_reply_says_full_answer_only_when_linked(base_url: str | None) -> None:
    service = _linked_service(base_url)
    composer = Composer(service, "canirun", "!canirun", "https://github.com/canirun/canirun")
    reply = await composer.compose("u/canirun can I run qwen3 8b on an RTX 4090?", who=None)
    body = getattr(reply, "body", "")
    assert "fits" in body and ("[Full answer](" + PUBLIC + "/a/" in body) == (base_url is not None)


def test_every_reddit_form_keeps_the_link() -> None:
    a = _answer("estimate")
    url = PUBLIC + "/a/abcdefghijkl"
    full = render_reddit(a, answer_url=url)
    shortest = render_reddit(a, 600, answer_url=url)
    assert len(shortest) < len(full) and f"[Full answer]({url})" in shortest


def test_an_unsafe_link_is_left_out_of_a_reddit_reply() -> None:
    assert "Full answer" not in render_reddit(_answer("estimate"), answer_url="javascript:alert(1)")


def test_a_discord_embed_links_its_title_and_says_full_answer() -> None:
    url = PUBLIC + "/a/abcdefghijkl"
    e = answer_embed(_answer("estimate"), url=url)
    assert e["url"] == url and e["description"].endswith(f"[Full answer]({url})")
    assert "url" not in answer_embed(_answer("estimate"))
    assert "url" not in answer_embed(_answer("clarify"), url=url)


@pytest.mark.parametrize("base_url", [PUBLIC, None])
async def test_the_discord_bot_links_the_answer_when_the_page_is_public(
    make_bot: MakeBot, standin: DiscordStandIn, base_url: str | None
) -> None:
    service = _linked_service(base_url)
    bot = await make_bot(service=service)
    [rec] = await standin.deliver(
        bot, standin.slash("canirun", {"model": "qwen3-8b", "hardware": "RTX 4090"}), 1
    )
    (embed,) = (rec.json or {})["data"]["embeds"]
    if base_url is None:
        assert "url" not in embed and "Full answer" not in embed["description"]
        return
    assert embed["url"].startswith(PUBLIC + "/a/") and service.links is not None
    kept = await service.links.load(embed["url"].rsplit("/", 1)[1])
    assert kept is not None and kept.question.models[0].id == "qwen3-8b"


def test_a_message_only_answer_has_a_permalink_id_too() -> None:
    assert ID_PATTERN.fullmatch(permalink_id(notice("error", "no GPU named 'x'", "v1")))


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "https://canirun.example/a b",
        "ftp://canirun.example",
        "https://x/)(",
        "https://x/sub",
    ],
)
def test_a_public_address_must_be_a_plain_web_address(url: str, env: Path) -> None:
    with pytest.raises(ConfigError, match=r"web\.public_url"):
        load_settings(web={"public_url": url})


def test_a_public_address_loads_from_the_environment(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CANIRUN_WEB__PUBLIC_URL", PUBLIC + "/")
    assert load_settings().web.public_url == PUBLIC + "/"
    monkeypatch.setenv("CANIRUN_WEB__PUBLIC_URL", "")  # an empty line in an env file: no address
    assert load_settings().web.public_url is None
