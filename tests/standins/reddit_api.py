"""A local stand-in of the part of Reddit's API that Async PRAW uses for canirun's bot.

One aiohttp server on 127.0.0.1 plays both www.reddit.com (the token endpoint) and
oauth.reddit.com: point Async PRAW's `oauth_url` and `reddit_url` at `RedditStandIn.url`.

It keeps state a test can set up and inspect (`RedditState`): submissions, comments and private
messages; each user's inbox with unread flags (mentions of u/name, replies to a user's comments
and posts, messages); subreddits that are banned for some users, private, locked threads, deleted
things. Faults are injected per route (`RedditState.inject`): HTTP statuses (500, 403...),
RATELIMIT errors with Reddit's wording, other API errors, delays and holds (a request that waits
until the test releases it, before or after its effect is applied) — enough to drill crashes at
every step. Built to be driven by tests and by a load benchmark (thousands of summonses).
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.standins.loopback import serve_on_loopback

__all__ = ["BOT", "Fault", "RedditStandIn", "RedditState", "Thing", "until"]

BOT = "canirun"  # the bot's account; `RedditStandIn` creates it with the credentials below
BOT_PASSWORD = "hunter2-not-real"
CLIENT_ID = "standin-client"
CLIENT_SECRET = "standin-secret"

_MENTION = re.compile(r"(?<![\w/])/?u/([A-Za-z0-9_-]{3,20})")
ROUTES = (
    "access_token",
    "me",
    "unread",
    "read_message",
    "comment",
    "info",
    "submission",
    "sub_comments",
    "user_comments",
    "sent",
    "moderators",
)


@dataclass
class Thing:
    """A comment (t1), submission (t3) or private message (t4)."""

    kind: str
    id: str
    author: str | None  # None: sent by a subreddit (messages) or deleted
    body: str
    subreddit: str | None = None
    title: str = ""
    link_id: str | None = None  # comments: the thread
    parent_id: str | None = None
    subject: str = ""
    dest: str | None = None  # messages: the recipient
    created_utc: float = 0.0
    seq: int = 0
    locked: bool = False
    deleted: bool = False
    distinguished: str | None = None

    @property
    def fullname(self) -> str:
        return f"{self.kind}_{self.id}"


@dataclass
class Fault:
    """What a route does instead of (or besides) its normal answer, `times` times (None: always).

    status        answer with this HTTP status
    ratelimit     answer 200 with a RATELIMIT error carrying this message ("... in 2 seconds.")
    error         answer 200 with this API error: (type, message, field)
    delay_s       sleep this long first (longer than the client's timeout = a timeout)
    hold          wait until the test calls `release()` (or the server stops), then fail with 503
                  and no effect: a request cut off before Reddit acted on it. With `after_effect`,
                  the effect (the comment posted, the items marked read) is applied before the
                  hold and the answer after it is a success: Reddit acted, the client never heard.
    after_effect  with `status` (and no hold): the effect is applied, then the status is answered:
                  Reddit acted, then a proxy in front of it answered 5xx
    """

    route: str
    times: int | None = 1
    status: int | None = None
    ratelimit: str | None = None
    error: tuple[str, str, str] | None = None
    delay_s: float = 0.0
    hold: bool = False
    after_effect: bool = False
    hits: int = 0
    arrived: asyncio.Event = field(default_factory=asyncio.Event)
    _release: asyncio.Event = field(default_factory=asyncio.Event)

    def release(self) -> None:
        self._release.set()

    @property
    def spent(self) -> bool:
        return self.times is not None and self.hits >= self.times


class RedditState:
    """Everything the stand-in knows. Tests set it up and read it; the server mutates it."""

    def __init__(self) -> None:
        self.accounts: dict[str, str] = {}  # username -> password
        self.clients: dict[str, str] = {}  # client id -> secret
        self.tokens: dict[str, str] = {}  # access token -> username
        self.things: dict[str, Thing] = {}
        self.inbox: dict[str, dict[str, str]] = {}  # user -> {fullname: type}, oldest first
        self.unread: dict[str, set[str]] = {}  # user -> unread fullnames
        self.banned: dict[str, set[str]] = {}  # subreddit (lower) -> banned users (lower)
        self.private: set[str] = set()  # subreddits (lower) that answer 403 to reads
        self.moderators: dict[str, set[str]] = {}  # subreddit (lower) -> moderators (lower)
        self.faults: list[Fault] = []
        self.requests: Counter[str] = Counter()
        self.pollers: Counter[str] = Counter()  # access token -> inbox polls (which replica polls)
        self.read_marks: Counter[str] = Counter()  # fullname -> times marked read
        self._seq = itertools.count(1)
        self._ids = {k: itertools.count(36**3) for k in ("t1", "t3", "t4")}

    # --- set-up ------------------------------------------------------------------------------

    def add_account(self, username: str, password: str, client_id: str, client_secret: str) -> None:
        self.accounts[username] = password
        self.clients[client_id] = client_secret

    def _new(self, kind: str, **fields: Any) -> Thing:
        seq = next(self._seq)
        thing = Thing(kind=kind, id=_b36(next(self._ids[kind])), seq=seq, created_utc=time.time(), **fields)
        self.things[thing.fullname] = thing
        return thing

    def add_submission(self, subreddit: str, author: str, title: str, body: str = "") -> Thing:
        thing = self._new("t3", author=author, body=body, subreddit=subreddit, title=title)
        self._notify_mentions(thing, f"{title}\n{body}")
        return thing

    def add_comment(self, parent: str | Thing, author: str, body: str) -> Thing:
        p = self.things[parent if isinstance(parent, str) else parent.fullname]
        link = p.fullname if p.kind == "t3" else p.link_id
        thing = self._new(
            "t1", author=author, body=body, subreddit=p.subreddit, link_id=link, parent_id=p.fullname
        )
        notified = set()
        if p.author and p.author.lower() != author.lower():
            kind = "post_reply" if p.kind == "t3" else "comment_reply"
            self._deliver(p.author, thing.fullname, kind)
            notified.add(p.author.lower())
        self._notify_mentions(thing, body, skip=notified)
        return thing

    def send_message(
        self, to: str, subject: str, body: str, author: str | None = None, subreddit: str | None = None
    ) -> Thing:
        thing = self._new(
            "t4",
            author=author,
            body=body,
            subject=subject,
            dest=to,
            subreddit=subreddit,
            distinguished="moderator" if subreddit else None,
        )
        self._deliver(to, thing.fullname, "")
        return thing

    def delete(self, fullname: str) -> None:
        self.things[fullname].deleted = True

    def lock(self, submission: str | Thing) -> None:
        self.things[submission if isinstance(submission, str) else submission.fullname].locked = True

    def ban(self, subreddit: str, user: str) -> None:
        self.banned.setdefault(subreddit.lower(), set()).add(user.lower())

    def add_moderator(self, subreddit: str, user: str) -> None:
        self.moderators.setdefault(subreddit.lower(), set()).add(user.lower())

    def inject(self, route: str, **kwargs: Any) -> Fault:
        if route not in ROUTES:
            raise ValueError(f"unknown route {route!r}; one of {ROUTES}")
        fault = Fault(route, **kwargs)
        self.faults.append(fault)
        return fault

    # --- inspection --------------------------------------------------------------------------

    def replies_to(self, fullname: str, author: str | None = None) -> list[Thing]:
        return [
            t
            for t in self.things.values()
            if t.parent_id == fullname and (author is None or (t.author or "").lower() == author.lower())
        ]

    def by_author(self, author: str) -> list[Thing]:
        return [t for t in self.things.values() if (t.author or "").lower() == author.lower()]

    def unread_of(self, user: str) -> list[str]:
        return sorted(self.unread.get(user.lower(), set()), key=lambda f: self.things[f].seq)

    def mentions_of(self, user: str) -> list[str]:
        return [f for f, kind in self.inbox.get(user.lower(), {}).items() if kind == "username_mention"]

    # --- internals -----------------------------------------------------------------------------

    def _deliver(self, user: str, fullname: str, kind: str) -> None:
        self.inbox.setdefault(user.lower(), {})[fullname] = kind
        self.unread.setdefault(user.lower(), set()).add(fullname)

    def _notify_mentions(self, thing: Thing, text: str, skip: set[str] | None = None) -> None:
        skip = set(skip or ())
        for name in _MENTION.findall(text):
            low = name.lower()
            if low in skip or low == (thing.author or "").lower():
                continue
            skip.add(low)
            self._deliver(low, thing.fullname, "username_mention")

    def _fault(self, route: str) -> Fault | None:
        for f in self.faults:
            if f.route == route and not f.spent:
                f.hits += 1
                f.arrived.set()
                return f
        return None


async def until(check: Any, timeout: float = 5.0, every: float = 0.02) -> None:
    """Wait until `check()` (sync or async) is true; AssertionError after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if asyncio.iscoroutine(result):
            result = await result
        if result:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout}s")
        await asyncio.sleep(every)


def _b36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while n:
        n, r = divmod(n, 36)
        out = digits[r] + out
    return out or "0"


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_")[:50] or "_"


class RedditStandIn:
    """The server. `async with RedditStandIn() as reddit:` then `reddit.url`, `reddit.state`."""

    def __init__(self, state: RedditState | None = None, bot: str = BOT) -> None:
        self.state = state or RedditState()
        self.bot = bot
        self.state.add_account(bot, BOT_PASSWORD, CLIENT_ID, CLIENT_SECRET)
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def credentials(self) -> dict[str, str]:
        """Keyword arguments for a script-app client logged in as the bot, pointed at this server."""
        return {
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "username": self.bot,
            "password": BOT_PASSWORD,
            "oauth_url": self.url,
            "reddit_url": self.url,
        }

    def environment(self) -> dict[str, str]:
        """The same as environment variables, for `canirun-bot reddit` in a subprocess."""
        return {
            "REDDIT_CLIENT_ID": CLIENT_ID,
            "REDDIT_CLIENT_SECRET": CLIENT_SECRET,
            "REDDIT_USERNAME": self.bot,
            "REDDIT_PASSWORD": BOT_PASSWORD,
            "CANIRUN_REDDIT__OAUTH_URL": self.url,
            "CANIRUN_REDDIT__REDDIT_URL": self.url,
        }

    async def start(self) -> RedditStandIn:
        app = web.Application(middlewares=[self._headers])
        routes = [
            ("POST", "/api/v1/access_token", self._access_token),
            ("GET", "/api/v1/me", self._me),
            ("GET", "/message/unread/", self._unread),
            ("POST", "/api/read_message/", self._read_message),
            ("POST", "/api/comment/", self._comment),
            ("GET", "/api/info/", self._info),
            ("GET", "/comments/{id}/", self._submission),
            ("GET", "/comments/{id}/{slug}/", self._submission),
            ("GET", "/comments/{id}/{slug}/{cid}/", self._submission),
            ("GET", "/r/{sub}/comments/{id}/{slug}/", self._submission),
            ("GET", "/r/{sub}/comments/{id}/{slug}/{cid}/", self._submission),
            ("GET", "/r/{sub}/comments/", self._sub_comments),
            ("GET", "/user/{name}/comments/", self._user_comments),
            ("GET", "/message/sent/", self._sent),
            ("GET", "/r/{sub}/about/moderators/", self._moderators),
        ]
        for method, path, handler in routes:  # Reddit answers with and without the trailing slash
            app.router.add_route(method, path, handler)
            if path.endswith("/"):
                app.router.add_route(method, path.rstrip("/"), handler)
        self._runner, self.port = await serve_on_loopback(app, access_log=None)
        return self

    async def stop(self) -> None:
        for f in self.state.faults:  # let held requests finish so the server can shut down
            f.release()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> RedditStandIn:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # --- plumbing ------------------------------------------------------------------------------

    @web.middleware
    async def _headers(self, request: web.Request, handler: Any) -> web.StreamResponse:
        response: web.StreamResponse = await handler(request)
        # plenty of budget: Async PRAW's rate limiter never sleeps on our account
        response.headers["x-ratelimit-remaining"] = "1000"
        response.headers["x-ratelimit-used"] = "0"
        response.headers["x-ratelimit-reset"] = "600"
        return response

    def _user(self, request: web.Request) -> str:
        auth = request.headers.get("Authorization", "")
        token = auth.split(" ", 1)[1] if auth.lower().startswith("bearer ") else ""
        user = self.state.tokens.get(token)
        if user is None:
            raise web.HTTPUnauthorized(text='{"message": "Unauthorized", "error": 401}')
        return user

    async def _apply_fault(self, route: str, effect: Any = None) -> web.Response | None:
        """Run the route's fault if one is armed. `effect` applies the request's change."""
        self.state.requests[route] += 1
        f = self.state._fault(route)
        if f is None:
            return None
        if f.delay_s:
            await asyncio.sleep(f.delay_s)
        if f.after_effect and effect is not None:
            effect()
        if f.hold:
            await f._release.wait()
            if not f.after_effect:
                return web.json_response({"message": "cut off", "error": 503}, status=503)
        if f.status is not None:
            return web.json_response({"message": "error", "error": f.status}, status=f.status)
        if f.ratelimit is not None:
            return _api_error("RATELIMIT", f.ratelimit, "ratelimit")
        if f.error is not None:
            return _api_error(*f.error)
        return None

    # --- routes --------------------------------------------------------------------------------

    async def _access_token(self, request: web.Request) -> web.Response:
        if (fault := await self._apply_fault("access_token")) is not None:
            return fault
        form = await request.post()
        client_id, secret = _basic(request.headers.get("Authorization", ""))
        if self.state.clients.get(client_id) != secret:
            return web.json_response({"message": "Unauthorized", "error": 401}, status=401)
        user = str(form.get("username", ""))
        if form.get("grant_type") != "password" or self.state.accounts.get(user) != form.get("password"):
            return web.json_response({"error": "invalid_grant"})
        token = f"token-{len(self.state.tokens) + 1}-{user}"
        self.state.tokens[token] = user
        return web.json_response(
            {"access_token": token, "token_type": "bearer", "expires_in": 3600, "scope": "*"}
        )

    async def _me(self, request: web.Request) -> web.Response:
        user = self._user(request)
        if (fault := await self._apply_fault("me")) is not None:
            return fault
        return web.json_response({"name": user, "id": "bot1", "created_utc": 0.0, "is_suspended": False})

    async def _unread(self, request: web.Request) -> web.Response:
        user = self._user(request)
        self.state.pollers[request.headers.get("Authorization", "")] += 1
        if (fault := await self._apply_fault("unread")) is not None:
            return fault
        unread = self.state.unread.get(user.lower(), set())
        names = sorted(unread, key=lambda f: -self.state.things[f].seq)  # newest first
        kinds = self.state.inbox.get(user.lower(), {})
        return self._listing(request, names, lambda f: self._inbox_json(f, kinds.get(f, ""), user))

    async def _read_message(self, request: web.Request) -> web.Response:
        user = self._user(request)
        form = await request.post()
        ids = [i for i in str(form.get("id", "")).split(",") if i]
        applied: list[bool] = []

        def effect() -> None:  # once, even when a held request applied it already
            if applied:
                return
            applied.append(True)
            for i in ids:
                self.state.unread.get(user.lower(), set()).discard(i)
                self.state.read_marks[i] += 1

        if (fault := await self._apply_fault("read_message", effect)) is not None:
            return fault
        effect()
        return web.json_response({})

    async def _comment(self, request: web.Request) -> web.Response:
        user = self._user(request)
        form = await request.post()
        parent = self.state.things.get(str(form.get("thing_id", "")))
        text = str(form.get("text", ""))
        posted: list[Thing] = []

        def effect() -> None:
            if parent is None or posted:
                return
            if parent.kind == "t4":
                to = parent.author if (parent.author or "").lower() != user.lower() else parent.dest
                reply = self.state.send_message(to or "", "re: " + parent.subject, text, author=user)
                reply.parent_id = parent.fullname
            else:
                reply = self.state.add_comment(parent, user, text)
            posted.append(reply)

        if (fault := await self._apply_fault("comment", effect)) is not None:
            return fault
        if parent is None:
            return _api_error("NO_THING_ID", "that thing does not exist", "parent")
        if parent.deleted:
            kind = "DELETED_LINK" if parent.kind == "t3" else "DELETED_COMMENT"
            return _api_error(kind, "that comment has been deleted", "parent")
        if parent.kind != "t4":
            sub = (parent.subreddit or "").lower()
            if sub in self.state.private or user.lower() in self.state.banned.get(sub, set()):
                return web.json_response({"message": "Forbidden", "error": 403}, status=403)
            link = self.state.things.get(parent.fullname if parent.kind == "t3" else parent.link_id or "")
            if link is not None and link.locked:
                return _api_error("THREAD_LOCKED", "Comments are locked.", "parent")
        if len(text) > 10_000:
            return _api_error("TOO_LONG", "this is too long (max: 10000)", "text")
        effect()
        data = self._thing_json(posted[0])
        return web.json_response({"json": {"errors": [], "data": {"things": [data]}}})

    async def _info(self, request: web.Request) -> web.Response:
        self._user(request)
        if (fault := await self._apply_fault("info")) is not None:
            return fault
        ids = [i for i in request.query.get("id", "").split(",") if i in self.state.things]
        return self._listing(request, ids, lambda f: self._thing_json(self.state.things[f]), paged=False)

    async def _submission(self, request: web.Request) -> web.Response:
        self._user(request)
        if (fault := await self._apply_fault("submission")) is not None:
            return fault
        sub = self.state.things.get("t3_" + request.match_info["id"])
        if sub is None:
            return web.json_response({"message": "Not Found", "error": 404}, status=404)
        children = [t for t in self.state.things.values() if t.kind == "t1" and t.link_id == sub.fullname]
        by_parent: dict[str, list[Thing]] = {}
        for c in sorted(children, key=lambda t: t.seq):
            by_parent.setdefault(c.parent_id or "", []).append(c)

        def tree(parent: str) -> list[dict[str, Any]]:
            out = []
            for c in by_parent.get(parent, []):
                data = self._thing_json(c)
                replies = tree(c.fullname)
                data["data"]["replies"] = _listing_json(replies) if replies else ""
                out.append(data)
            return out

        return web.json_response([_listing_json([self._thing_json(sub)]), _listing_json(tree(sub.fullname))])

    async def _sub_comments(self, request: web.Request) -> web.Response:
        user = self._user(request)
        if (fault := await self._apply_fault("sub_comments")) is not None:
            return fault
        subs = {s.lower() for s in request.match_info["sub"].split("+")}
        if subs & self.state.private:
            return web.json_response({"message": "Forbidden", "error": 403}, status=403)
        del user
        names = [
            t.fullname
            for t in sorted(self.state.things.values(), key=lambda t: -t.seq)
            if t.kind == "t1" and (t.subreddit or "").lower() in subs and not t.deleted
        ]
        return self._listing(request, names, lambda f: self._thing_json(self.state.things[f]))

    async def _user_comments(self, request: web.Request) -> web.Response:
        self._user(request)
        if (fault := await self._apply_fault("user_comments")) is not None:
            return fault
        name = request.match_info["name"].lower()
        names = [
            t.fullname
            for t in sorted(self.state.things.values(), key=lambda t: -t.seq)
            if t.kind == "t1" and (t.author or "").lower() == name
        ]
        return self._listing(request, names, lambda f: self._thing_json(self.state.things[f]))

    async def _sent(self, request: web.Request) -> web.Response:
        user = self._user(request)
        if (fault := await self._apply_fault("sent")) is not None:
            return fault
        names = [
            t.fullname
            for t in sorted(self.state.things.values(), key=lambda t: -t.seq)
            if t.kind == "t4" and (t.author or "").lower() == user.lower()
        ]
        return self._listing(request, names, lambda f: self._thing_json(self.state.things[f]))

    async def _moderators(self, request: web.Request) -> web.Response:
        self._user(request)
        if (fault := await self._apply_fault("moderators")) is not None:
            return fault
        mods = sorted(self.state.moderators.get(request.match_info["sub"].lower(), set()))
        wanted = request.query.get("user")
        if wanted:
            mods = [m for m in mods if m == wanted.lower()]
        children = [{"name": m, "id": f"t2_{m}", "date": 0.0, "mod_permissions": ["all"]} for m in mods]
        return web.json_response({"kind": "UserList", "data": {"children": children}})

    # --- JSON shapes ---------------------------------------------------------------------------

    def _listing(
        self, request: web.Request, names: list[str], render: Any, paged: bool = True
    ) -> web.Response:
        if paged:
            limit = min(max(int(request.query.get("limit", "25") or 25), 1), 100)
            after, before = request.query.get("after"), request.query.get("before")
            if before and before in names:
                names = names[: names.index(before)]
            elif after and after in names:
                names = names[names.index(after) + 1 :]
            page, more = names[:limit], len(names) > limit
        else:
            page, more = names, False
        children = [render(n) for n in page]
        body = _listing_json(children)
        body["data"]["after"] = page[-1] if more and page else None
        return web.json_response(body)

    def _thing_json(self, t: Thing) -> dict[str, Any]:
        author = "[deleted]" if t.deleted or t.author is None else t.author
        body = "[deleted]" if t.deleted else t.body
        base: dict[str, Any] = {
            "id": t.id,
            "name": t.fullname,
            "author": author,
            "created_utc": t.created_utc,
            "distinguished": t.distinguished,
        }
        if t.kind == "t3":
            base |= {
                "title": t.title,
                "selftext": body,
                "subreddit": t.subreddit,
                "locked": t.locked,
                "is_self": True,
                "num_comments": 0,
                "permalink": f"/r/{t.subreddit}/comments/{t.id}/{_slug(t.title)}/",
                "url": f"https://www.reddit.com/r/{t.subreddit}/comments/{t.id}/",
            }
        elif t.kind == "t1":
            link = self.state.things.get(t.link_id or "")
            base |= {
                "body": body,
                "subreddit": t.subreddit,
                "link_id": t.link_id,
                "parent_id": t.parent_id,
                "locked": bool(link and link.locked),
                "replies": "",
                "permalink": f"/r/{t.subreddit}/comments/{(t.link_id or 't3_')[3:]}/_/{t.id}/",
            }
        else:
            base |= {
                "author": t.author,  # messages from a subreddit have no author (JSON null)
                "body": body,
                "subject": t.subject,
                "dest": t.dest or "",
                "subreddit": t.subreddit,
                "parent_id": t.parent_id,
                "was_comment": False,
                "replies": "",
                "first_message": None,
                "first_message_name": None,
                "context": "",
                "new": True,
            }
        return {"kind": t.kind, "data": base}

    def _inbox_json(self, fullname: str, kind: str, user: str) -> dict[str, Any]:
        t = self.state.things[fullname]
        data = self._thing_json(t)
        if t.kind == "t1":
            link = self.state.things.get(t.link_id or "")
            title = link.title if link else ""
            thread_id = (t.link_id or "t3_")[3:]
            subject = {"username_mention": "username mention", "post_reply": "post reply"}.get(
                kind, "comment reply"
            )
            d = data["data"]
            d.pop("link_id", None)  # Reddit's inbox leaves it out: the thread is in `context`
            d |= {
                "was_comment": True,
                "new": fullname in self.state.unread.get(user.lower(), set()),
                "type": kind,
                "subject": subject,
                "link_title": title,
                "dest": user,
                "context": f"/r/{t.subreddit}/comments/{thread_id}/{_slug(title)}/{t.id}/?context=3",
            }
        return data


def _listing_json(children: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "kind": "Listing",
        "data": {"after": None, "before": None, "dist": len(children), "children": children},
    }


def _api_error(kind: str, message: str, field_name: str) -> web.Response:
    return web.json_response({"json": {"errors": [[kind, message, field_name]]}})


def _basic(header: str) -> tuple[str, str]:
    if not header.lower().startswith("basic "):
        return "", ""
    try:
        raw = base64.b64decode(header.split(" ", 1)[1]).decode()
    except ValueError:
        return "", ""
    user, _, secret = raw.partition(":")
    return user, secret
