"""`canirun-bot reddit`: run the Reddit bot, or preview what it would reply.

canirun-bot reddit                  run the bot (REDDIT_CLIENT_ID, REDDIT_CLIENT_SECRET,
                                    REDDIT_USERNAME, REDDIT_PASSWORD in the environment)
canirun-bot reddit --preview TEXT   print the reply the bot would post for a comment saying
                                    TEXT (--post/--parent add the thread around it); needs no
                                    credentials and no network
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..config import Settings

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="canirun-bot reddit",
        description="Run canirun's Reddit bot, or preview what it would reply.",
    )
    p.add_argument("--preview", metavar="TEXT", help="print the reply for a comment saying TEXT, and exit")
    p.add_argument("--post", metavar="TEXT", help="with --preview: the post it sits under (title, then body)")
    p.add_argument("--parent", metavar="TEXT", help="with --preview: the comment it answers")
    p.add_argument("--limit", type=int, default=10_000, help="with --preview: the reply's length limit")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as exit_:  # argparse: --help (0) or a usage error (2)
        return int(exit_.code or 0)
    from ..config import ConfigError, load_secrets, load_settings

    try:
        settings = load_settings()
    except ConfigError as err:
        print(f"canirun-bot reddit: {err}", file=sys.stderr)
        return 2
    if args.preview is not None:
        print(asyncio.run(_preview(settings, args.preview, args.post, args.parent, args.limit)))
        return 0
    from ..logs import setup_logging
    from ._run import MISSING_CREDENTIALS, missing_credentials, serve

    secrets = load_secrets()
    missing = missing_credentials(secrets)
    if missing:
        print(MISSING_CREDENTIALS.format(missing=", ".join(missing)), file=sys.stderr)
        return 2
    setup_logging(settings.log_level, settings.log_json)
    try:
        return asyncio.run(serve(settings, secrets))
    except ConfigError as err:  # StoreNotDurable among them: no state file, no Redis
        print(f"canirun-bot reddit: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0


async def _preview(settings: Settings, text: str, post: str | None, parent: str | None, limit: int) -> str:
    """The reply for `text`, from an in-memory service: no credentials, no network, no files."""
    from ..service import AnswerService
    from ..stores import MemoryStore
    from ._compose import Composer

    service = AnswerService(MemoryStore())
    username = os.environ.get("REDDIT_USERNAME") or "canirun"
    context = [(label, t) for label, t in (("parent comment", parent), ("post", post)) if t]

    async def load() -> list[tuple[str, str]]:
        return context

    from .parsing import mentions

    if mentions(text, username, anywhere=True) and not mentions(text, username):
        await service.close()
        return f"(no reply: u/{username} is named only inside a quote or code, which summons no one)"
    composer = Composer(service, username, settings.reddit.keyword, settings.reddit.project_url, limit)
    try:
        decision = await composer.compose(text, who=None, load_context=load)
    finally:
        await service.close()
    return getattr(decision, "body", "")
