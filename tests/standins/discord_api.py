"""A local stand-in of the part of Discord the canirun bot uses: HTTP API and gateway, on 127.0.0.1.

HTTP (under `/api/v10`, point `discord.http.Route.BASE` at `api_base_url`, or set
`settings.discord.api_base_url`): login (`GET /users/@me`, `GET /oauth2/applications/@me`),
`GET /gateway/bot`, command sync (`PUT/GET /applications/{app}/commands`, and per guild),
interaction callbacks (`POST /interactions/{id}/{token}/callback`, types 4-8, with Discord's
`with_response` body), followups and edits (`POST /webhooks/{app}/{token}`,
`PATCH|GET|DELETE /webhooks/{app}/{token}/messages/{id|@original}`), JSON or multipart with files.

Gateway (`gateway_url`; `settings.discord.gateway_url`): HELLO -> IDENTIFY -> READY, heartbeats
acknowledged, then whatever the test dispatches (`interaction(payload)` sends INTERACTION_CREATE
to the shard that owns it).

Every request body the bot sends (callbacks, followups, edits, command syncs) is checked against
Discord's published API schema (tests/discord_spec.py): an invalid one is answered as Discord
answers it (400, code 50035 "Invalid Form Body") and kept in `invalid`, which the tests' fixture
requires to stay empty.

Every request is recorded (`requests`: route name, JSON body, uploaded files, query, arrival
time) and faults are injected per route (`inject("followup", Fault(429, retry_after=0.05),
Fault(500))`): consumed in order, Discord-shaped bodies and headers (a 429 carries `Via` like
Discord's own; `via=False` plays a Cloudflare-style one). `latency_s` adds a delay per route.

Time limits as Discord keeps them (github discord/discord-api-docs
developers/interactions/receiving-and-responding.mdx @a1a297f4697c8645aa189f4f157919b83966bc86:
"Interaction tokens are valid for 15 minutes ... but you must send an initial response within 3
seconds of receiving the event. If the 3 second deadline is exceeded, the token will be
invalidated."): a first callback past `ack_window_s` of the dispatch is answered 404 10062 "Unknown
interaction", a followup or edit past `token_ttl_s` 401 50027 "Invalid Webhook Token". A message's
embeds may hold 6,000 characters in all (title, description, field names and values, footer text,
author name: developers/resources/message.mdx @a1a297f4697c8645aa189f4f157919b83966bc86, "Embed
Limits"), checked as the schema's per-field lengths are; two options of one string select with one
value are refused too (Discord answers them with an Invalid Form Body).

Payload builders (`slash`, `autocomplete`, `select`) make real INTERACTION_CREATE payloads and
register them, so callbacks know who asked. `dispatched_at` and `ack_latency()` give time-to-ack
per interaction, for a load benchmark (hundreds of concurrent interactions).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import secrets
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiohttp import WSMsgType, web

from tests.discord_spec import problems
from tests.standins.loopback import serve_on_loopback

__all__ = ["APP_ID", "BOT_ID", "GUILD_ID", "USER_ID", "DiscordStandIn", "Fault", "Recorded", "RecordedFile"]

APP_ID = 1_300_000_000_000_000_001
BOT_ID = APP_ID
GUILD_ID = 1_300_000_000_000_000_100
USER_ID = 1_300_000_000_000_000_200
_EPOCH_MS = 1_420_070_400_000
_ids = itertools.count(1)

EPHEMERAL = 1 << 6
LOADING = 1 << 7


def snowflake() -> int:
    return ((int(time.time() * 1000) - _EPOCH_MS) << 22) | (next(_ids) & 0x3FFFFF)


def _now() -> str:
    return datetime.now(UTC).isoformat()


def user(user_id: int = USER_ID, name: str = "asker", *, bot: bool = False) -> dict[str, Any]:
    return {
        "id": str(user_id),
        "username": name,
        "discriminator": "0",
        "global_name": name,
        "avatar": None,
        "bot": bot,
        "public_flags": 0,
    }


@dataclass(frozen=True)
class Fault:
    status: int
    retry_after: float = 0.05
    via: bool = True  # Discord's 429s carry "Via"; Cloudflare's do not
    code: int = 0
    message: str = ""


@dataclass(frozen=True)
class RecordedFile:
    field: str
    filename: str | None
    content_type: str | None
    data: bytes


@dataclass
class Recorded:
    at: float
    method: str
    path: str
    route: str
    match: dict[str, str]
    query: dict[str, str]
    json: Any
    files: list[RecordedFile] = field(default_factory=list)
    status: int = 0
    authorized: bool = False


_RECORDED = web.RequestKey("recorded", Recorded)


@dataclass
class _Interaction:
    payload: dict[str, Any]
    created: float = field(default_factory=time.monotonic)  # dispatched (or built), for the time limits
    acked: bool = False
    original_id: str | None = None
    loading: bool = False


@dataclass
class _Session:
    ws: web.WebSocketResponse
    shard: tuple[int, int] = (0, 1)
    seq: int = 0
    identified: bool = False


class DiscordStandIn:
    def __init__(
        self,
        *,
        app_id: int = APP_ID,
        shards: int = 1,
        heartbeat_ms: int = 41_250,
        ack_window_s: float = 3.0,
        token_ttl_s: float = 15 * 60.0,
    ) -> None:
        self.app_id = app_id
        self.ack_window_s = ack_window_s
        self.token_ttl_s = token_ttl_s
        self.shards = shards
        self.heartbeat_ms = heartbeat_ms
        self.requests: list[Recorded] = []
        self.unexpected: list[Recorded] = []
        self.invalid: list[tuple[Recorded, list[str]]] = []  # bodies Discord's schema refuses
        self.faults: dict[str, list[Fault]] = {}
        self.latency_s: dict[str, float] = {}
        self.messages: dict[str, dict[str, Any]] = {}
        self.commands: dict[str, list[dict[str, Any]]] = {}  # "global" or guild id -> commands
        self.interactions: dict[str, _Interaction] = {}
        self.dispatched_at: dict[str, float] = {}
        self.identifies: list[dict[str, Any]] = []
        self.gateway_closes: list[int | None] = []
        self._sessions: list[_Session] = []
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # --- lifecycle ------------------------------------------------------------------------

    @property
    def api_base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    async def start(self) -> DiscordStandIn:
        app = web.Application(middlewares=[self._middleware], client_max_size=32 * 1024 * 1024)
        r = app.router
        api = "/api/v10"
        r.add_get(api + "/users/@me", self._me, name="me")
        r.add_get(api + "/oauth2/applications/@me", self._application, name="application")
        r.add_get(api + "/gateway/bot", self._gateway_bot, name="gateway_bot")
        r.add_get(api + "/gateway", self._gateway_bot, name="gateway")
        r.add_put(api + "/applications/{app}/commands", self._put_commands, name="commands")
        r.add_get(api + "/applications/{app}/commands", self._get_commands, name="get_commands")
        r.add_put(
            api + "/applications/{app}/guilds/{guild}/commands", self._put_commands, name="guild_commands"
        )
        r.add_get(
            api + "/applications/{app}/guilds/{guild}/commands", self._get_commands, name="get_guild_commands"
        )
        r.add_post(api + "/interactions/{iid}/{token}/callback", self._callback, name="callback")
        r.add_post(api + "/webhooks/{app}/{token}", self._followup, name="followup")
        r.add_patch(api + "/webhooks/{app}/{token}/messages/{mid}", self._edit, name="edit_message")
        r.add_get(api + "/webhooks/{app}/{token}/messages/{mid}", self._get_message, name="get_message")
        r.add_delete(api + "/webhooks/{app}/{token}/messages/{mid}", self._delete, name="delete_message")
        r.add_get("/gateway", self._gateway, name="ws")
        self._runner, self.port = await serve_on_loopback(app, access_log=None)
        return self

    async def stop(self) -> None:
        for s in list(self._sessions):
            await s.ws.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> DiscordStandIn:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # --- test controls --------------------------------------------------------------------

    def inject(self, route: str, *faults: Fault) -> None:
        """Answer the next requests on `route` with these faults, in order, then normally."""
        self.faults.setdefault(route, []).extend(faults)

    def of(self, route: str, **match: str) -> list[Recorded]:
        return [
            r
            for r in self.requests
            if r.route == route and all(r.match.get(k) == v for k, v in match.items())
        ]

    def for_interaction(self, payload: dict[str, Any], *, ok_only: bool = True) -> list[Recorded]:
        """Every request answering one interaction (callback, followups, edits), in order."""
        iid, token = str(payload["id"]), payload["token"]
        out = [r for r in self.requests if r.match.get("iid") == iid or r.match.get("token") == token]
        return [r for r in out if 200 <= r.status < 300] if ok_only else out

    async def wait_for(self, cond: Any, *, timeout: float = 10.0) -> Any:
        """Wait until `cond()` is truthy (checked on every request and gateway event, and every
        20 ms for conditions on the client's side); return its value."""

        async def _wait() -> Any:
            async with self._changed:
                while not (value := cond()):
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(self._changed.wait(), 0.02)
                return value

        return await asyncio.wait_for(_wait(), timeout)

    async def wait_answered(
        self, payload: dict[str, Any], count: int = 1, *, timeout: float = 10.0
    ) -> list[Recorded]:
        """Wait for `count` successful requests about this interaction (e.g. 2: defer + followup)."""
        found: list[Recorded] = await self.wait_for(
            lambda: (rs := self.for_interaction(payload)) and len(rs) >= count and rs, timeout=timeout
        )
        return found

    async def deliver(
        self, client: Any, payload: dict[str, Any], count: int = 1, *, timeout: float = 15.0
    ) -> list[Recorded]:
        """Hand `payload` to a logged-in discord.py client exactly as its gateway reader would
        (`parse_interaction_create`), then wait for `count` successful requests answering it."""
        self.dispatched_at[str(payload["id"])] = time.monotonic()
        client._connection.parse_interaction_create(payload)
        return await self.wait_answered(payload, count, timeout=timeout)

    def ack_latency(self, interaction_id: str | int) -> float | None:
        """Seconds from dispatch to the first successful callback (time-to-ack), if both happened."""
        sent = self.dispatched_at.get(str(interaction_id))
        acks = [r.at for r in self.of("callback", iid=str(interaction_id)) if 200 <= r.status < 300]
        return None if sent is None or not acks else acks[0] - sent

    def original(self, payload: dict[str, Any]) -> dict[str, Any] | None:
        it = self.interactions.get(str(payload["id"]))
        return self.messages.get(it.original_id) if it and it.original_id else None

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    # --- payload builders -----------------------------------------------------------------

    def _base(
        self, kind: int, data: dict[str, Any], *, user_id: int, context: str, guild_id: int
    ) -> dict[str, Any]:
        iid = str(snowflake())
        u = user(user_id)
        channel_id = str(snowflake())
        p: dict[str, Any] = {
            "id": iid,
            "application_id": str(self.app_id),
            "type": kind,
            "data": data,
            "token": "itok_" + secrets.token_hex(16),
            "version": 1,
            "locale": "en-US",
            "app_permissions": "0",
            "entitlements": [],
            "attachment_size_limit": 10 * 1024 * 1024,
        }
        if context == "guild":
            p |= {
                "guild_id": str(guild_id),
                "guild_locale": "en-US",
                "channel_id": channel_id,
                "channel": {
                    "id": channel_id,
                    "type": 0,
                    "guild_id": str(guild_id),
                    "name": "general",
                    "position": 0,
                    "permission_overwrites": [],
                    "nsfw": False,
                },
                "member": {
                    "user": u,
                    "roles": [],
                    "joined_at": _now(),
                    "deaf": False,
                    "mute": False,
                    "flags": 0,
                    "pending": False,
                    "permissions": "0",
                    "nick": None,
                    "avatar": None,
                },
                "authorizing_integration_owners": {"0": str(guild_id)},
                "context": 0,
            }
        elif context == "dm":
            p |= {
                "channel_id": channel_id,
                "channel": {"id": channel_id, "type": 1, "recipients": [u]},
                "user": u,
                "authorizing_integration_owners": {"1": str(user_id)},
                "context": 1,
            }
        else:  # a group DM the user brought the (user-installed) app into
            p |= {
                "channel_id": channel_id,
                "channel": {
                    "id": channel_id,
                    "type": 3,
                    "recipients": [u],
                    "name": "friends",
                    "owner_id": str(user_id),
                },
                "user": u,
                "authorizing_integration_owners": {"1": str(user_id)},
                "context": 2,
            }
        self.interactions[iid] = _Interaction(p)
        return p

    @staticmethod
    def _options(values: dict[str, Any], focused: str | None = None) -> list[dict[str, Any]]:
        out = []
        for name, v in values.items():
            kind = (
                5 if isinstance(v, bool) else 4 if isinstance(v, int) else 10 if isinstance(v, float) else 3
            )
            opt: dict[str, Any] = {"name": name, "type": kind, "value": v}
            if name == focused:
                opt["focused"] = True
            out.append(opt)
        return out

    def slash(
        self,
        name: str,
        options: dict[str, Any] | None = None,
        *,
        sub: str | None = None,
        user_id: int = USER_ID,
        context: str = "guild",
        guild_id: int = GUILD_ID,
        focused: str | None = None,
        kind: int = 2,
    ) -> dict[str, Any]:
        """An APPLICATION_COMMAND (2) payload; `kind=4` with `focused` makes an autocomplete."""
        opts = self._options(options or {}, focused)
        if sub is not None:
            opts = [{"name": sub, "type": 1, "options": opts}]
        data = {"id": str(snowflake()), "name": name, "type": 1, "options": opts}
        return self._base(kind, data, user_id=user_id, context=context, guild_id=guild_id)

    def autocomplete(self, name: str, options: dict[str, Any], focused: str, **kw: Any) -> dict[str, Any]:
        return self.slash(name, options, focused=focused, kind=4, **kw)

    def select(
        self, message: dict[str, Any], custom_id: str, values: list[str], *, user_id: int = USER_ID, **kw: Any
    ) -> dict[str, Any]:
        """A MESSAGE_COMPONENT (3) payload: a choice in a select menu on `message`."""
        data = {"custom_id": custom_id, "component_type": 3, "values": values}
        p = self._base(
            3,
            data,
            user_id=user_id,
            context=kw.get("context", "guild"),
            guild_id=kw.get("guild_id", GUILD_ID),
        )
        p["message"] = message
        p["channel_id"] = message["channel_id"]
        p["channel"]["id"] = message["channel_id"]
        self.interactions[p["id"]].original_id = message["id"]
        return p

    # --- gateway --------------------------------------------------------------------------

    async def wait_identified(self, count: int = 1, *, timeout: float = 10.0) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = await self.wait_for(
            lambda: len(self.identifies) >= count and self.identifies, timeout=timeout
        )
        return found

    async def dispatch(self, event: str, data: dict[str, Any], *, shard_id: int | None = None) -> float:
        live = [s for s in self._sessions if s.identified and (shard_id is None or s.shard[0] == shard_id)]
        if not live:
            raise RuntimeError(f"no identified gateway session for shard {shard_id}")
        s = live[0]
        s.seq += 1
        await s.ws.send_str(json.dumps({"op": 0, "t": event, "s": s.seq, "d": data}))
        return time.monotonic()

    async def interaction(self, payload: dict[str, Any]) -> float:
        """Send INTERACTION_CREATE to the shard that owns its guild (DMs: shard 0)."""
        gid = payload.get("guild_id")
        shard = (int(gid) >> 22) % self.shards if gid else 0
        it = self.interactions.get(str(payload["id"]))
        if it is not None:
            it.created = time.monotonic()  # the time limits run from the event's delivery
        at = await self.dispatch("INTERACTION_CREATE", payload, shard_id=shard)
        self.dispatched_at[str(payload["id"])] = at
        return at

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        s = _Session(ws)
        self._sessions.append(s)
        await ws.send_str(json.dumps({"op": 10, "d": {"heartbeat_interval": self.heartbeat_ms}}))
        try:
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    continue
                frame = json.loads(msg.data)
                op, d = frame.get("op"), frame.get("d")
                if op == 1:
                    await ws.send_str(json.dumps({"op": 11}))
                elif op == 2:
                    shard = d.get("shard") or (0, 1)
                    s.shard = (int(shard[0]), int(shard[1]))
                    s.identified = True
                    s.seq = 1
                    self.identifies.append(d)
                    ready = {
                        "v": 10,
                        "user": user(BOT_ID, "canirun", bot=True),
                        "guilds": [],
                        "session_id": secrets.token_hex(8),
                        "resume_gateway_url": self.gateway_url,
                        "shard": list(s.shard),
                        "application": {"id": str(self.app_id), "flags": 0},
                        "private_channels": [],
                        "relationships": [],
                    }
                    await ws.send_str(json.dumps({"op": 0, "t": "READY", "s": 1, "d": ready}))
                    await self._notify()
        finally:
            self._sessions.remove(s)
            self.gateway_closes.append(ws.close_code)
            await self._notify()
        return ws

    # --- HTTP -----------------------------------------------------------------------------

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Any) -> web.StreamResponse:
        route = request.match_info.route.name or "unknown"
        if route == "ws":
            ws: web.StreamResponse = await handler(request)
            return ws
        body, files = await self._read_body(request)
        rec = Recorded(
            at=time.monotonic(),
            method=request.method,
            path=request.path,
            route=route,
            match=dict(request.match_info),
            query=dict(request.query),
            json=body,
            files=files,
            authorized=request.headers.get("Authorization", "").startswith("Bot "),
        )
        request[_RECORDED] = rec
        self.requests.append(rec)
        if route == "unknown":
            self.unexpected.append(rec)
        refused = problems(_SCHEMA_OF[route], body) if route in _SCHEMA_OF and body is not None else []
        if route in ("callback", "followup", "edit_message") and isinstance(body, dict):
            refused += _message_problems(body.get("data") if route == "callback" else body)
        if refused:
            self.invalid.append((rec, refused))
        if self.latency_s.get(route):
            await asyncio.sleep(self.latency_s[route])
        queue = self.faults.get(route)
        try:
            if refused:
                resp: web.StreamResponse = _json({"message": "Invalid Form Body", "code": 50035}, status=400)
            elif queue:
                resp = _fault_response(queue.pop(0))
            else:
                try:
                    resp = await handler(request)
                except web.HTTPNotFound:
                    resp = _json({"message": "404: Not Found", "code": 0}, status=404)
            rec.status = resp.status
            return resp
        finally:
            await self._notify()

    async def _read_body(self, request: web.Request) -> tuple[Any, list[RecordedFile]]:
        if not request.can_read_body:
            return None, []
        if request.content_type.startswith("multipart/"):
            payload: Any = None
            files: list[RecordedFile] = []
            reader = await request.multipart()
            async for part in reader:
                data = await part.read(decode=False)  # type: ignore[union-attr]
                if part.name == "payload_json":  # type: ignore[union-attr]
                    payload = json.loads(data)
                else:
                    files.append(
                        RecordedFile(
                            part.name or "",  # type: ignore[union-attr]
                            part.filename,  # type: ignore[union-attr]
                            part.headers.get("Content-Type"),  # type: ignore[union-attr]
                            bytes(data),
                        )
                    )
            return payload, files
        raw = await request.read()
        try:
            return json.loads(raw) if raw else None, []
        except ValueError:
            return raw.decode(errors="replace"), []

    async def _me(self, request: web.Request) -> web.Response:
        if not request[_RECORDED].authorized:
            return _json({"message": "401: Unauthorized", "code": 0}, status=401)
        return _json(user(BOT_ID, "canirun", bot=True) | {"verified": True, "mfa_enabled": False})

    async def _application(self, request: web.Request) -> web.Response:
        return _json(
            {
                "id": str(self.app_id),
                "name": "canirun",
                "icon": None,
                "description": "",
                "bot_public": True,
                "bot_require_code_grant": False,
                "owner": user(USER_ID, "owner"),
                "team": None,
                "verify_key": "0" * 64,
                "flags": 0,
            }
        )

    async def _gateway_bot(self, request: web.Request) -> web.Response:
        limit = {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}
        return _json({"url": self.gateway_url, "shards": self.shards, "session_start_limit": limit})

    async def _put_commands(self, request: web.Request) -> web.Response:
        scope = request.match_info.get("guild", "global")
        out = []
        for cmd in request[_RECORDED].json or []:
            out.append({**cmd, "id": str(snowflake()), "application_id": str(self.app_id), "version": "1"})
            if scope != "global":
                out[-1]["guild_id"] = scope
        self.commands[scope] = out
        return _json(out)

    async def _get_commands(self, request: web.Request) -> web.Response:
        return _json(self.commands.get(request.match_info.get("guild", "global"), []))

    def _message(
        self, it: _Interaction | None, body: dict[str, Any], files: list[RecordedFile]
    ) -> dict[str, Any]:
        p = it.payload if it else {}
        channel_id = p.get("channel_id") or str(snowflake())
        mid = str(snowflake())
        attachments = [
            {
                "id": str(snowflake()),
                "filename": f.filename,
                "size": len(f.data),
                "url": f"https://cdn.example/{f.filename}",
                "proxy_url": f"https://cdn.example/{f.filename}",
                "content_type": f.content_type,
            }
            for f in files
        ]
        asker = (p.get("member") or {}).get("user") or p.get("user") or user()
        return {
            "id": mid,
            "channel_id": channel_id,
            "author": user(BOT_ID, "canirun", bot=True),
            "content": body.get("content") or "",
            "timestamp": _now(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": attachments,
            "embeds": body.get("embeds") or [],
            "components": body.get("components") or [],
            "pinned": False,
            "type": 20,
            "flags": int(body.get("flags") or 0),
            "application_id": str(self.app_id),
            "webhook_id": str(self.app_id),
            "interaction_metadata": {
                "id": p.get("id", "0"),
                "type": p.get("type", 2),
                "user": asker,
                "authorizing_integration_owners": p.get("authorizing_integration_owners", {}),
            },
        }

    async def _callback(self, request: web.Request) -> web.Response:
        rec: Recorded = request[_RECORDED]
        it = self.interactions.get(request.match_info["iid"])
        if it is None or it.payload["token"] != request.match_info["token"]:
            return _json({"message": "Unknown interaction", "code": 10062}, status=404)
        if it.acked:
            return _json({"message": "Interaction has already been acknowledged.", "code": 40060}, status=400)
        if rec.at - it.created > self.ack_window_s:  # the 3 s deadline passed: the token is gone
            return _json({"message": "Unknown interaction", "code": 10062}, status=404)
        body = rec.json or {}
        kind, data = body.get("type"), body.get("data") or {}
        it.acked = True
        meta: dict[str, Any] = {"id": it.payload["id"], "type": it.payload["type"]}
        resource: dict[str, Any] = {"type": kind}
        if kind in (4, 5):
            flags = int(data.get("flags") or 0) | (LOADING if kind == 5 else 0)
            msg = self._message(it, {**data, "flags": flags}, rec.files)
            self.messages[msg["id"]] = msg
            it.original_id, it.loading = msg["id"], kind == 5
            meta |= {
                "response_message_id": msg["id"],
                "response_message_loading": kind == 5,
                "response_message_ephemeral": bool(flags & EPHEMERAL),
            }
            resource["message"] = msg
        elif kind == 7 and it.original_id in self.messages:
            msg = self._edit_in_place(it.original_id, data, rec.files)
            resource["message"] = msg
        elif kind not in (6, 8):
            return _json({"message": "Invalid form body", "code": 50035}, status=400)
        return _json({"interaction": meta, "resource": resource})

    def _by_token(self, token: str) -> _Interaction | None:
        return next((i for i in self.interactions.values() if i.payload["token"] == token), None)

    def _expired(self, request: web.Request, it: _Interaction | None) -> web.Response | None:
        """Discord's answer to a webhook call with a token past its 15 minutes, else None."""
        if it is not None and request[_RECORDED].at - it.created > self.token_ttl_s:
            return _json({"message": "Invalid Webhook Token", "code": 50027}, status=401)
        return None

    def _edit_in_place(self, mid: str, body: dict[str, Any], files: list[RecordedFile]) -> dict[str, Any]:
        old = self.messages[mid]
        new = self._message(None, body, files)
        msg = {**old, "edited_timestamp": _now()}
        for key in ("content", "embeds", "components"):
            if key in body:
                msg[key] = new[key]
        if "attachments" in body or files:
            msg["attachments"] = new["attachments"]
        msg["flags"] = old["flags"] & ~LOADING
        self.messages[mid] = msg
        return msg

    async def _followup(self, request: web.Request) -> web.Response:
        rec: Recorded = request[_RECORDED]
        it = self._by_token(request.match_info["token"])
        if it is None:
            return _json({"message": "Unknown Webhook", "code": 10015}, status=404)
        if (expired := self._expired(request, it)) is not None:
            return expired
        body = rec.json or {}
        if it.loading and it.original_id in self.messages:
            # Discord: the first followup after a deferral replaces the "thinking" message
            it.loading = False
            return _json(self._edit_in_place(it.original_id, body, rec.files))
        msg = self._message(it, body, rec.files)
        self.messages[msg["id"]] = msg
        return _json(msg)

    def _target(self, request: web.Request) -> tuple[_Interaction | None, str | None]:
        it = self._by_token(request.match_info["token"])
        mid: str | None = request.match_info["mid"]
        if mid == "@original":
            mid = it.original_id if it else None
        return it, mid if mid in self.messages else None

    async def _edit(self, request: web.Request) -> web.Response:
        it, mid = self._target(request)
        if (expired := self._expired(request, it)) is not None:
            return expired
        if it is None or mid is None:
            return _json({"message": "Unknown Message", "code": 10008}, status=404)
        if it.original_id == mid:
            it.loading = False
        return _json(self._edit_in_place(mid, request[_RECORDED].json or {}, request[_RECORDED].files))

    async def _get_message(self, request: web.Request) -> web.Response:
        _, mid = self._target(request)
        if mid is None:
            return _json({"message": "Unknown Message", "code": 10008}, status=404)
        return _json(self.messages[mid])

    async def _delete(self, request: web.Request) -> web.Response:
        it, mid = self._target(request)
        if mid is None:
            return _json({"message": "Unknown Message", "code": 10008}, status=404)
        del self.messages[mid]
        if it is not None and it.original_id == mid:
            it.original_id, it.loading = None, False
        return web.Response(status=204)


EMBEDS_TOTAL_MAX = 6000


def _message_problems(message: Any) -> list[str]:
    """What Discord refuses in a message beyond the schema's per-field limits: more than 6,000
    characters across its embeds, and a string select with two options of one value."""
    if not isinstance(message, dict):
        return []
    out: list[str] = []
    total = 0
    for e in message.get("embeds") or []:
        fields = e.get("fields") or []
        texts = [
            e.get("title"),
            e.get("description"),
            (e.get("footer") or {}).get("text"),
            (e.get("author") or {}).get("name"),
            *(f.get("name") for f in fields),
            *(f.get("value") for f in fields),
        ]
        total += sum(len(t) for t in texts if isinstance(t, str))
    if total > EMBEDS_TOTAL_MAX:
        out.append(f"embeds: {total} characters in all, more than {EMBEDS_TOTAL_MAX}")
    stack = list(message.get("components") or [])
    while stack:
        c = stack.pop()
        if not isinstance(c, dict):
            continue
        stack.extend(c.get("components") or [])
        values = [o.get("value") for o in c.get("options") or [] if isinstance(o, dict)]
        if c.get("type") == 3 and len(values) != len(set(values)):
            out.append(f"components: select {c.get('custom_id')!r} has two options of one value")
    return out


# the schema each route's body is checked against (tests/discord_spec.py REQUESTS)
_SCHEMA_OF = {
    "callback": "callback",
    "followup": "followup",
    "edit_message": "edit",
    "commands": "commands",
    "guild_commands": "commands",
}


def _json(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    # exactly "application/json", as Discord sends it: discord.py parses nothing else as JSON
    return web.Response(
        body=json.dumps(body).encode(),
        status=status,
        headers={**(headers or {}), "Content-Type": "application/json"},
    )


def _fault_response(f: Fault) -> web.Response:
    if f.status == 429:
        headers = {"Retry-After": f"{f.retry_after:.3f}", "X-RateLimit-Scope": "user"}
        if f.via:
            headers["Via"] = "1.1 google"
        body = {
            "message": f.message or "You are being rate limited.",
            "retry_after": f.retry_after,
            "global": False,
        }
        return _json(body, status=429, headers=headers)
    reason = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}.get(
        f.status, "Error"
    )
    return _json({"message": f.message or reason, "code": f.code}, status=f.status)
