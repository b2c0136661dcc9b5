"""The Discord stand-in refuses what Discord refuses, so an end-to-end test can catch the bot
breaking a limit: a first response after 3 s (404 10062 Unknown interaction), a followup or edit
after the token's 15 minutes (401 50027), more than 6,000 characters across a message's embeds,
and a string select with two options of one value (400 50035)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from tests.standins.discord_api import APP_ID, DiscordStandIn


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession(headers={"Authorization": "Bot test"}) as session:
        yield session


async def _post(http: aiohttp.ClientSession, url: str, body: dict[str, Any]) -> tuple[int, Any]:
    async with http.post(url, json=body) as resp:
        return resp.status, await resp.json()


def _callback(s: DiscordStandIn, p: dict[str, Any]) -> str:
    return f"{s.api_base_url}/interactions/{p['id']}/{p['token']}/callback"


def _followup(s: DiscordStandIn, p: dict[str, Any]) -> str:
    return f"{s.api_base_url}/webhooks/{APP_ID}/{p['token']}"


async def test_a_first_response_after_the_window_is_an_unknown_interaction(
    http: aiohttp.ClientSession,
) -> None:
    async with DiscordStandIn(ack_window_s=0.05) as s:
        on_time, late = s.slash("canirun", {"model": "qwen3 8b"}), s.slash("canirun", {"model": "x"})
        assert (await _post(http, _callback(s, on_time), {"type": 5}))[0] == 200
        await asyncio.sleep(0.1)
        status, body = await _post(http, _callback(s, late), {"type": 5})
    assert status == 404 and body["code"] == 10062


async def test_a_followup_after_the_tokens_life_is_refused(http: aiohttp.ClientSession) -> None:
    async with DiscordStandIn(token_ttl_s=0.1) as s:
        p = s.slash("canirun", {"model": "qwen3 8b"})
        assert (await _post(http, _callback(s, p), {"type": 5}))[0] == 200
        assert (await _post(http, _followup(s, p), {"content": "in time"}))[0] == 200
        await asyncio.sleep(0.15)
        status, body = await _post(http, _followup(s, p), {"content": "too late"})
        async with http.patch(f"{_followup(s, p)}/messages/@original", json={"content": "x"}) as resp:
            edit = resp.status
    assert (status, body["code"], edit) == (401, 50027, 401)


async def test_embeds_over_6000_characters_in_all_are_refused(http: aiohttp.ClientSession) -> None:
    fields = [{"name": f"f{i}", "value": "v" * 1000} for i in range(2)]
    fits = {"embeds": [{"title": "t", "description": "d" * 3900, "fields": fields}]}
    over = {"embeds": [{"title": "t", "description": "d" * 4000, "fields": fields}]}  # 6,005 in all
    async with DiscordStandIn() as s:
        p = s.slash("canirun", {"model": "qwen3 8b"})
        assert (await _post(http, _callback(s, p), {"type": 5}))[0] == 200
        assert (await _post(http, _followup(s, p), fits))[0] == 200
        status, body = await _post(http, _followup(s, p), over)
        refused = [why for _, whys in s.invalid for why in whys]
        s.invalid.clear()  # refused on purpose: the fixture's check is for the bot's requests
    assert status == 400 and body["code"] == 50035 and any("6000" in why for why in refused)


async def test_a_select_with_two_options_of_one_value_is_refused(http: aiohttp.ClientSession) -> None:
    def menu(values: list[str]) -> dict[str, Any]:
        options = [{"label": f"option {i}", "value": v} for i, v in enumerate(values)]
        return {"type": 1, "components": [{"type": 3, "custom_id": "pick", "options": options}]}

    async with DiscordStandIn() as s:
        p = s.slash("canirun", {"model": "qwen3 8b"})
        ok = await _post(http, _callback(s, p), {"type": 4, "data": {"components": [menu(["a", "b"])]}})
        q = s.slash("canirun", {"model": "qwen3 8b"})
        twice = await _post(http, _callback(s, q), {"type": 4, "data": {"components": [menu(["a", "a"])]}})
        s.invalid.clear()
    assert ok[0] == 200 and twice[0] == 400 and twice[1]["code"] == 50035
