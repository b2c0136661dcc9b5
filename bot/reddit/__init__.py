"""The Reddit frontend: answers "can I run it?" where Reddit threads ask it, exactly once.

_main       `canirun-bot reddit` (run, or --preview a reply without credentials)
_run        running the bot: credentials, the service, the leader lock, health, shutdown
_bot        the poll loop: mentions, replies, PMs, the keyword in chosen subreddits; etiquette
_parsing    pure: a summons (and the thread around it) -> the question to ask
_compose    a summons -> the reply's markdown (shared by the bot and --preview)
_ledger     exactly one reply per summons across crashes and replicas
_leader     one poller at a time
_api        every Async PRAW call behind one wrapper that returns an Outcome, never raises
_send_once  the comment POST sent once: no transport retry after a 5xx that may follow the post
"""

from ._api import DEFAULT_RATELIMIT_WAIT_S, Item, Outcome, RedditApi, Result, ratelimit_wait
from ._bot import PollStats, RedditBot
from ._compose import Composer
from ._leader import LeaderLock
from ._ledger import Done, Ledger, Reply, Skip
from ._main import main
from ._run import serve

__all__ = [
    "DEFAULT_RATELIMIT_WAIT_S",
    "Composer",
    "Done",
    "Item",
    "LeaderLock",
    "Ledger",
    "Outcome",
    "PollStats",
    "RedditApi",
    "RedditBot",
    "Reply",
    "Result",
    "Skip",
    "main",
    "ratelimit_wait",
    "serve",
]
