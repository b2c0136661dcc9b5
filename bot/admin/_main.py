"""The argument parser and the one place errors become messages and exit codes (never tracebacks).

Exit codes: 0 done; 1 the command failed (invalid file, unknown id, network or store trouble);
2 usage or configuration errors (and `discord sync` where the Discord frontend is missing).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, NoReturn

from sizing import SizingError

from .._input import clean_input
from .._pipes import reader_left
from ..config import ConfigError, load_settings
from ..stores import StoreUnavailable
from ._catalog import COMMANDS as CATALOG
from ._common import EXIT_FAILED, EXIT_USAGE, AdminError, Out
from ._imports import COMMANDS as IMPORTS
from ._maintenance import COMMANDS as MAINTENANCE
from ._provisional import COMMANDS as PROVISIONAL
from ._session import Session

__all__ = ["build_parser", "run"]

PRIVATE_HELP = "fetch from loopback, link-local or private addresses too (a mirror on your network)"

log = logging.getLogger("canirun.admin")
Command = Callable[[Session], Awaitable[int]]


_MAX_TIMEOUT_S = 3600.0  # an hour per request: past that a read is stuck, not slow


def _seconds(text: str) -> float:
    """A timeout in seconds: a finite number above zero, at most an hour ("-5", "nan", "0" are refused)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 < value <= _MAX_TIMEOUT_S:  # NaN fails this too
        raise argparse.ArgumentTypeError(f"{text!r}: give seconds above 0, at most {_MAX_TIMEOUT_S:g}")
    return value


# a catalog entry's id, as the catalog's schema takes it (lower case, digits, dots and dashes, at most 80)
_ENTRY_ID = re.compile(r"^[a-z0-9][a-z0-9.\-]{0,79}$")


def _entry_id(text: str) -> str:
    """A catalog id given with --id: never empty, and one the catalog takes ("" and "Bad Id!" are refused)."""
    value = text.strip()
    if not value:
        raise argparse.ArgumentTypeError("an empty id: give one like qwen3-8b, or leave --id out")
    if not _ENTRY_ID.match(value):
        raise argparse.ArgumentTypeError(
            f"{value[:80]!r} is not a catalog id: lower case letters, digits, dots and dashes, at most 80"
        )
    return value


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise AdminError(f"{self.prog}: {message}", hint=f"see {self.prog} --help", code=EXIT_USAGE)


def _common(json_default: Any) -> _Parser:
    p = _Parser(add_help=False)
    p.add_argument("--json", action="store_true", default=json_default, help="print one JSON document")
    return p


def build_parser() -> argparse.ArgumentParser:
    top = _Parser(
        prog="canirun-admin",
        description="canirun's admin tasks: the live model catalog, the answer cache, saved rigs.",
        parents=[_common(False)],
    )
    top.add_argument("--config", help="settings file (default: CANIRUN_CONFIG or ./config.yaml)")
    leaf = _common(argparse.SUPPRESS)  # --json after the subcommand too, without resetting the first
    groups = top.add_subparsers(dest="group", required=True, parser_class=_Parser)

    cat = groups.add_parser("catalog", help="the live model catalog").add_subparsers(
        dest="cmd", required=True, parser_class=_Parser
    )
    draft = _Parser(add_help=False)
    draft.add_argument("--draft", help="the draft file (default: DATA_DIR/catalog-draft.yaml)")
    who = _Parser(add_help=False)
    who.add_argument("--author", help="who publishes (default: CANIRUN_ADMIN_AUTHOR or user@host)")
    who.add_argument("--note", help="what this version is about (default: a summary of the change)")
    p = cat.add_parser("list", parents=[leaf], help="models in the live catalog")
    p.add_argument("--overlay", action="store_true", help="only the published overlay's entries")
    p.add_argument("--search", help="only ids/names/families containing this text")
    cat.add_parser("show", parents=[leaf], help="one entry, with derived sizes").add_argument(
        "id", help="the entry's id (or a name that resolves to it)"
    )
    cat.add_parser("validate", parents=[leaf, draft], help="check a file (or the draft)").add_argument(
        "file", nargs="?", help="a YAML list of entries or an overlay document (default: the draft)"
    )
    cat.add_parser("add", parents=[leaf, draft], help="stage the entries of a YAML file").add_argument(
        "file", help="a YAML list of entries or an overlay document"
    )
    cat.add_parser("remove", parents=[leaf, draft], help="stage the removal of an id").add_argument(
        "id", help="the entry's exact id (see catalog list)"
    )
    cat.add_parser("diff", parents=[leaf, draft], help="what publishing the draft would change")
    cat.add_parser("publish", parents=[leaf, draft, who], help="make the draft live (a new version)")
    cat.add_parser("history", parents=[leaf], help="published versions: who, when, what")
    p = cat.add_parser("rollback", parents=[leaf, who], help="publish an earlier version's content again")
    p.add_argument("version", nargs="?", type=int, help="default: the version before the latest")
    p = cat.add_parser("export", parents=[leaf], help="the live catalog (or overlay) as YAML")
    p.add_argument("--overlay", action="store_true", help="only the published overlay document")
    p.add_argument("-o", "--output", help="write to this file")
    p = cat.add_parser("import-hf", parents=[leaf, draft], help="an entry from a hub repo's config.json")
    p.add_argument("repo", help="org/name")
    p.add_argument("--revision", default="main", help="branch, tag or commit (default main)")
    p.add_argument("--id", type=_entry_id, help="catalog id for the entry (default: from the repo name)")
    p.add_argument("--timeout", type=_seconds, default=30.0, help="seconds per request (default 30)")
    p.add_argument("--no-stage", action="store_true", help="print the entry without staging it")
    p.add_argument("--allow-private", action="store_true", help=PRIVATE_HELP)
    p = cat.add_parser(
        "import-gguf", parents=[leaf, draft], help="an entry (or a known size) from a GGUF file"
    )
    p.add_argument("source", metavar="PATH_OR_URL")
    p.add_argument("--model", help="add the file's exact size to this existing entry")
    p.add_argument("--id", type=_entry_id, help="catalog id for a new entry (default: from general.name)")
    p.add_argument("--quant", help="the file's quant id when its name and file type do not say")
    p.add_argument("--timeout", type=_seconds, default=30.0, help="seconds per read (default 30)")
    p.add_argument("--tensors", action="store_true", help="include the per-tensor byte map (--json)")
    p.add_argument("--no-stage", action="store_true", help="print the entry without staging it")
    p.add_argument("--allow-private", action="store_true", help=PRIVATE_HELP)

    prov = cat.add_parser(
        "provisional", help="entries read from the Hub for questions (not reviewed): list, publish, drop"
    ).add_subparsers(dest="pcmd", required=True, parser_class=_Parser)
    prov.add_parser("list", parents=[leaf], help="the provisional entries, with where they were read")
    p = prov.add_parser("publish", parents=[leaf, who], help="make one a catalog entry (a new version)")
    p.add_argument("key", help="its key, repo (org/name) or entry id")
    p.add_argument("--id", type=_entry_id, help="publish under this catalog id (when its own is taken)")
    p = prov.add_parser("drop", parents=[leaf], help="delete one; its repo is not read again for 30 days")
    p.add_argument("key", help="its key, repo (org/name) or entry id")

    cache = groups.add_parser("cache", help="the answer cache").add_subparsers(
        dest="cmd", required=True, parser_class=_Parser
    )
    cache.add_parser("stats", parents=[leaf], help="how many answers are cached")
    cache.add_parser("flush", parents=[leaf], help="drop every cached answer")
    rigs = groups.add_parser("rigs", help="saved rigs (privacy requests)").add_subparsers(
        dest="cmd", required=True, parser_class=_Parser
    )
    user_help = "the user's id as the bots store it (a Discord user id, a Reddit name)"
    rigs.add_parser("export", parents=[leaf], help="a user's saved rigs").add_argument("user", help=user_help)
    rigs.add_parser("delete", parents=[leaf], help="delete a user's saved rigs").add_argument(
        "user", help=user_help
    )
    disc = groups.add_parser("discord", help="the Discord bot").add_subparsers(
        dest="cmd", required=True, parser_class=_Parser
    )
    disc.add_parser("sync", parents=[leaf], help="sync the slash commands").add_argument(
        "--force", action="store_true", help="sync even when the payload did not change"
    )
    return top


def _command(args: argparse.Namespace) -> Command:
    if args.group == "catalog":
        if args.cmd == "provisional":
            return PROVISIONAL[args.pcmd]
        return CATALOG.get(args.cmd) or IMPORTS[args.cmd]
    return MAINTENANCE[(args.group, args.cmd)]


async def _run(args: argparse.Namespace, out: Out) -> int:
    settings = load_settings(args.config) if args.config else load_settings()
    ctx = Session.make(settings, out, args)
    try:
        return await _command(args)(ctx)
    finally:
        try:
            await ctx.close()
        except Exception as err:  # closing a broken connection must not mask the result
            log.debug("closing the store failed: %s", err)


def _wants_json(argv: Sequence[str]) -> bool:
    return "--json" in argv


def run(argv: Sequence[str]) -> int:
    argv = [clean_input(a) for a in argv]  # printable wherever it is echoed (see bot._input)
    out = Out(_wants_json(argv))
    try:
        args = build_parser().parse_args(list(argv))
        out = Out(bool(args.json))
        return asyncio.run(_run(args, out))
    except AdminError as err:
        out.fail(err)
        return err.code
    except ConfigError as err:
        out.fail(AdminError(f"configuration: {err}", code=EXIT_USAGE))
        return EXIT_USAGE
    except StoreUnavailable as err:
        # the store's own message speaks to a bot user saving something; an admin may only be reading
        cause = f" ({type(err.__cause__).__name__})" if err.__cause__ is not None else ""
        out.fail(
            AdminError(f"store unavailable{cause}: cannot reach it", hint="is Redis (CANIRUN_REDIS_URL) up?")
        )
        return EXIT_FAILED
    except SizingError as err:
        out.fail(AdminError(str(err), hint=err.hint))
        return EXIT_FAILED
    except BrokenPipeError:  # `canirun-admin ... | head`: the reader left
        return reader_left()
    except KeyboardInterrupt:
        out.fail(AdminError("interrupted"))
        return 130
    except SystemExit as exc:  # --help
        return int(exc.code) if isinstance(exc.code, int) else 0
    except Exception as err:  # the promise is no traceback: say what broke, in one line
        if _is_store_error(err):
            out.fail(AdminError(f"store unavailable: {type(err).__name__}: {err}", hint="is Redis up?"))
            return EXIT_FAILED
        log.debug("admin command failed", exc_info=True)
        out.fail(
            AdminError(
                f"unexpected error: {type(err).__name__}: {err}", hint="run again; report it if it stays"
            )
        )
        return EXIT_FAILED


def _is_store_error(err: Exception) -> bool:
    try:
        from redis.exceptions import RedisError
    except ImportError:
        return isinstance(err, OSError)
    return isinstance(err, RedisError | OSError)
