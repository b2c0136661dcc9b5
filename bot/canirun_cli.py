"""`canirun`: the user CLI - parse, estimate, ask, best, models, devices.

Every command prints a readable answer by default and its JSON contract with --json (keys are
only ever added; docs/ARCHITECTURE.md lists them); every command that takes one request also
takes --batch FILE (JSON Lines in, JSON Lines out, one bad line gives an {"error": ...} line).
Errors: exit code 2, and {"error", "hint"} with --json.
"""

from __future__ import annotations

import gc

if __name__ == "__main__":
    # `python -m bot.canirun_cli` (the installed `canirun` does the same, bot/_program.py): no cyclic
    # garbage collection while the modules load; what they make (classes, tables, patterns) is kept
    # for the whole run, and collecting it over and over is a tenth of a cold start
    gc.disable()
    from bot._program import no_pydantic_plugins

    no_pydantic_plugins()
    from bot import compiled_methods
    from bot.compiled_patterns import keep, preload

    _methods = compiled_methods.preload()  # dataclasses' methods compiled before (bot/compiled_methods.py)
    _patterns = preload()  # compiled regular expressions kept from earlier runs (bot/compiled_patterns.py)

import argparse
import asyncio
import json
import logging
import math
import sys
from collections.abc import Awaitable, Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, BinaryIO, NoReturn, TextIO

from sizing import (
    CatalogEntry,
    DeviceEntry,
    EngineOptions,
    Hardware,
    SizingError,
    default_database,
    estimate,
    parse_hardware,
    refuse_impossible_ram,
)
from sizing.vocabulary import BACKENDS, ENGINES, FORCEABLE_SPLIT_MODES, KV_TYPES_OFFERED, MAX_CONTEXT, TASKS

from ._input import clean_values
from ._pipes import reader_left
from .answers import EXAMPLES, Answer, Structured, estimate_quant
from .config import ConfigError
from .service import AnswerService, local_service

if TYPE_CHECKING:
    from rich.console import Console

    from sizing import EstimateContract, HardwareContract

__all__ = ["main"]

EXIT_USAGE = 2
RIGS_KEPT = 1024  # rig texts whose reading a run keeps
ASK_HELP = """Answer a whole question. The answer's "kind" says what was asked (--json keys in
docs/ARCHITECTURE.md):
  estimate      a model (or a range, "200-700B", or "dense or MoE?") on your rig: "options", "fixes"
  best          the best models for your rig: "options"
  requirements  what hardware a model needs ("how many 4090s for X", "can a Mac run X"):
                "rigs", cheapest first, each {hardware, summary, estimate, price_usd, price_source,
                over_budget}
  capacity      the largest model your rig holds: "limits", per quantization and KV type
                {quant, kv_type, context, max_dense_params_b, max_moe_total_params_b, examples}
  compare       rigs or models side by side ("3090 or 4090 for X", "is adding a second 3090 worth
                it?"): "comparisons" [{hardware, model, estimate}], "winner", and the "verdict"
  purchase      what to buy for a budget, no model named ("best gpu under $1500 for coding"):
                "comparisons" [{hardware, model, estimate, price_usd, over_budget, quality}], best
                first, "winner" (the pick), "runner_up", "assumptions"
  clarify       a question back: "message"; error: "error", "hint"
Wishes shape the answer and are echoed in "wishes": "at least 5 tok/s", "128k context", "for
coding", "fastest", "best quality", "cheapest", "at 32k context filled" (speed at that depth),
"under $2000" (a budget for the rigs), "for 8 users" (each one's speed and all together)."""
BUG_HINT = "this is a bug in canirun: please report it with the command that caused it"

log = logging.getLogger("canirun.cli")


class CliError(Exception):
    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


def _depth(value: str) -> int:
    """A KV depth: like a context length, and 0 (an empty cache) allowed."""
    return 0 if value.strip() in ("0", "0k") else _context(value)


def _context(value: str) -> int:
    v = value.strip().lower().replace(",", "").replace("_", "")
    mult = 1
    if v.endswith("k"):
        v, mult = v[:-1], 1024
    elif v.endswith("m"):
        v, mult = v[:-1], 1024 * 1024
    try:
        n = int(float(v) * mult) if len(v) <= 32 else -1  # 1e400 and 4,000 digits are not contexts
    except (ValueError, OverflowError) as err:
        shown = _shown(value)
        raise argparse.ArgumentTypeError(f"'{shown}' is not a context length (try 8192 or 32k)") from err
    if not 1 <= n <= MAX_CONTEXT:
        raise argparse.ArgumentTypeError(f"context must be between 1 and {MAX_CONTEXT:,} tokens")
    return n


# --- commands: each maps one request dict to a JSON-able result (and a renderable) -------------


class Session:
    """What every request of one run shares: one answer service (its store, live catalog and
    cache), opened on first use and closed once at the end, on one event loop. A batch of any
    length costs one of each."""

    def __init__(self, open_service: Callable[[], AnswerService] | None = None) -> None:
        self._open = open_service
        self._service: AnswerService | None = None
        self._rigs: dict[str, Hardware] = {}  # rig texts read in this run: a batch repeats its rigs

    def hardware(self, text: str) -> Hardware:
        """`parse_hardware(text)`, read once per run. Raises SizingError."""
        hw = self._rigs.get(text)
        if hw is None:
            hw = parse_hardware(text)
            if len(self._rigs) >= RIGS_KEPT:
                self._rigs.pop(next(iter(self._rigs)))
            self._rigs[text] = hw
        return hw

    @property
    def service(self) -> AnswerService:
        if self._service is None:
            self._service = (self._open or local_service)()
        return self._service

    async def close(self) -> None:
        if self._service is not None:
            service, self._service = self._service, None
            await service.close()


# a command's result: its JSON, and how to draw it for a terminal (called only when printed)
Result = tuple[dict[str, Any], Callable[[], Any]]


async def cmd_parse(req: dict[str, Any], session: Session) -> Result:
    text = _text(req)
    read = parse_hardware(text)
    refuse_impossible_ram(read)  # as an estimate or a question refuses it
    hw = read.contract()
    return hw.model_dump(mode="json"), lambda: _draw_parse(hw)


async def cmd_estimate(req: dict[str, Any], session: Session) -> Result:
    hardware = req.get("hardware")
    model = req.get("model")
    if not hardware or not isinstance(hardware, str):
        raise CliError("estimate needs --hardware", hint='e.g. --hardware "2x RTX 3090, 64GB RAM"')
    if not model or not isinstance(model, str):
        raise CliError("estimate needs --model", hint='e.g. --model "llama 3.3 70b"')
    catalog = await session.service.catalog()
    resolution = catalog.resolve(model)
    hw = session.hardware(hardware)
    quant, said = estimate_quant(model, req.get("quant"), catalog)  # "Qwen3-8B-Q8_0.gguf" says Q8_0
    e = estimate(
        resolution.model,
        hw,
        quant=quant,
        context=_opt_int(req, "context"),
        engine=req.get("engine"),
        backend=req.get("backend"),
        kv_type=req.get("kv_type") or "f16",
        extra_assumptions=resolution.assumptions + said,
        depth=_opt_depth(req),
        users=_opt_count(req, "users"),
        split_mode=req.get("split_mode"),
        engine_options=engine_options_of(req),
    )
    c = e.contract()
    return c.model_dump(mode="json"), lambda: _draw_estimate(c)


async def cmd_ask(req: dict[str, Any], session: Session) -> Result:
    text = _text(req)
    offline = bool(req.get("offline"))
    answer = await session.service.ask(text, offline=offline)
    return answer.to_contract(), lambda: _draw_answer(answer)


async def cmd_best(req: dict[str, Any], session: Session) -> Result:
    hardware = req.get("hardware")
    if not hardware:
        raise CliError("best needs --hardware", hint='e.g. --hardware "M2 Max 64GB"')
    s = Structured(
        model=None,
        hardware=hardware,
        context=_opt_int(req, "context"),
        task=req.get("task"),
        min_tps=req.get("min_tps"),
        best=True,
    )
    answer: Answer = await session.service.ask_structured(s)
    return answer.to_contract(), lambda: _draw_answer(answer)


async def cmd_models(req: dict[str, Any], session: Session) -> Result:
    search = (req.get("search") or "").lower()
    models = [
        CatalogEntry.of(m)
        for m in (await session.service.catalog()).models
        if search in (m.id + " " + m.name + " " + " ".join(m.aliases)).lower()
    ]
    return {"models": [m.model_dump(mode="json") for m in models]}, lambda: _models_table(models)


def _models_table(models: Sequence[CatalogEntry]) -> Any:
    from rich.table import Table

    t = Table(show_header=True, header_style="bold")
    for col in ("id", "name", "params", "active", "context"):
        t.add_column(col)
    for m in models:
        t.add_row(
            m.id,
            m.name,
            f"{m.params_b:g}B",
            f"{m.active_params_b:g}B" if m.active_params_b else "",
            f"{m.max_context:,}",
        )
    return t


async def cmd_devices(req: dict[str, Any], session: Session) -> Result:
    search = (req.get("search") or "").lower()
    devices = [
        DeviceEntry.of(d)
        for d in default_database().data.devices
        if search in (d.id + " " + d.name + " " + " ".join(d.aliases)).lower()
    ]
    return {"devices": [d.model_dump(mode="json") for d in devices]}, lambda: _devices_table(devices)


def _devices_table(devices: Sequence[DeviceEntry]) -> Any:
    from rich.table import Table

    t = Table(show_header=True, header_style="bold")
    for col in ("id", "name", "memory", "bandwidth", "backends"):
        t.add_column(col)
    for d in devices:
        mem = d.memory_gb
        t.add_row(
            d.id,
            d.name,
            f"{mem:g} GB" if isinstance(mem, float) else "/".join(f"{x:g}" for x in mem) + " GB",
            f"{d.bandwidth_gbs:g} GB/s",
            ", ".join(d.backends),
        )
    return t


def _text(req: dict[str, Any]) -> str:
    text = req.get("text")
    if not isinstance(text, str):
        raise CliError("a text is needed", hint=f'e.g. "{EXAMPLES[0]}"')
    return text


def _shown(value: Any, limit: int = 40) -> str:
    """A user's value as an error message may quote it: short."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _opt_int(req: dict[str, Any], key: str) -> int | None:
    v = req.get(key)
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, int | float | str):
        raise CliError(f"'{key}' must be a number of tokens", hint='e.g. 8192 or "32k"')
    try:
        return _context(str(v))
    except argparse.ArgumentTypeError as err:
        raise CliError(str(err)) from err


def _opt_depth(req: dict[str, Any]) -> int | None:
    v = req.get("depth")
    if v == 0 or v == "0":
        return 0
    return _opt_int(req, "depth")


def _opt_count(req: dict[str, Any], key: str) -> int:
    v = req.get(key)
    if v is None:
        return 1
    try:
        if isinstance(v, bool) or (isinstance(v, float) and not v.is_integer()):
            raise ValueError(v)
        n = int(v)
    except (TypeError, ValueError, OverflowError) as err:
        raise CliError(f"'{_shown(v)}' is not a number of {key}", hint="e.g. 10") from err
    if n < 1:
        raise CliError(f"{key} must be 1 or more", hint="e.g. 10")
    return n


_LIMITS_HINT = """e.g. --limit-mm-per-prompt '{"video": 0}' (vLLM's JSON map of modality to count)"""


def _modality_count(value: Any) -> int | None:
    """A count in vLLM's --limit-mm-per-prompt: a number, or {"count": n, ...}."""
    if isinstance(value, dict):
        value = value.get("count")
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    return None


def engine_options_of(req: dict[str, Any]) -> EngineOptions | None:
    """vLLM's inputs for a vision model: --language-model-only, or --limit-mm-per-prompt (every
    modality at 0 is text only, as vLLM reads it; video at 0 is images only)."""
    text_only = req.get("language_model_only")
    if text_only is not None and not isinstance(text_only, bool):
        raise CliError(f"language_model_only is true or false, not '{_shown(text_only)}'")
    limits = req.get("limit_mm_per_prompt")
    counts: dict[str, int | None] = {}
    if limits is not None:
        if isinstance(limits, str):
            try:
                limits = json.loads(limits)
            except ValueError as err:
                raise CliError(f"'{_shown(limits)}' is not a JSON map", hint=_LIMITS_HINT) from err
        if not isinstance(limits, dict) or not limits:
            raise CliError("limit_mm_per_prompt is a map of modality to count", hint=_LIMITS_HINT)
        counts = {str(k): _modality_count(v) for k, v in limits.items()}
        bad = [k for k, v in counts.items() if v is None]
        if bad:
            raise CliError(f"'{_shown(bad[0])}' needs a count of 0 or more", hint=_LIMITS_HINT)
    language_model_only = bool(text_only) or (counts.get("image") == 0 and counts.get("video") == 0)
    no_video = not language_model_only and counts.get("video") == 0
    if not (language_model_only or no_video):
        return None
    return EngineOptions(language_model_only=language_model_only, no_video=no_video)


COMMANDS: dict[str, Callable[[dict[str, Any], Session], Awaitable[Result]]] = {
    "parse": cmd_parse,
    "estimate": cmd_estimate,
    "ask": cmd_ask,
    "best": cmd_best,
    "models": cmd_models,
    "devices": cmd_devices,
}


def _error_obj(err: Exception) -> dict[str, Any]:
    hint = getattr(err, "hint", None)
    return {"error": str(err), "hint": hint}


# what each request field must be (a batch line can hold anything JSON can; unknown keys are refused
# before, as /v1 does)
_TEXT = ("text", "hardware", "model", "quant", "search")
_CHOICES: dict[str, Sequence[str]] = {
    "engine": ENGINES,
    "backend": BACKENDS,
    "kv_type": KV_TYPES_OFFERED,
    "split_mode": FORCEABLE_SPLIT_MODES,
    "task": TASKS,
}


def _check_request(req: dict[str, Any]) -> dict[str, Any]:
    """The request with its text cleaned (bot._input); CliError for a field of the wrong type."""
    for key in _TEXT:
        if req.get(key) is not None and not isinstance(req[key], str):
            raise CliError(f"'{key}' must be text, not {_json_type(req[key])}")
    for key, choices in _CHOICES.items():
        v = req.get(key)
        if v is not None and (not isinstance(v, str) or v not in choices):
            raise CliError(f"'{key}' must be one of: {', '.join(choices)}")
    v = req.get("min_tps")
    if v is not None:
        number = isinstance(v, int | float) and not isinstance(v, bool)
        if not number or not math.isfinite(v) or v <= 0:
            raise CliError("'min_tps' must be a number of tokens per second above 0", hint="e.g. 20")
    return clean_values(req)


def _json_type(v: Any) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "an object"}
    return names.get(type(v), type(v).__name__)


async def _run_one(
    name: str, req: dict[str, Any], session: Session, *, draw: bool = False
) -> tuple[dict[str, Any] | None, Any, Exception | None]:
    """(JSON result, its drawing for a terminal when `draw`, None) or (None, None, the error)."""
    try:
        result, view = await COMMANDS[name](_check_request(req), session)
        return result, view() if draw else None, None
    except (SizingError, CliError, ConfigError) as err:
        return None, None, err
    except Exception as err:  # a bug: one clear error (and the batch goes on), never a traceback
        log.debug("%s failed", name, exc_info=True)
        problem = CliError(f"canirun hit an unexpected problem ({type(err).__name__})", hint=BUG_HINT)
        return None, None, problem


def _batch_lines(path: str) -> Iterator[tuple[int, bytes]]:
    stream: BinaryIO = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115
    try:
        yield from enumerate(stream, 1)  # every line, empty ones too: one line out for each
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


def _batch_request(n: int, line: bytes, keys: frozenset[str]) -> dict[str, Any]:
    """Line `n` as a request with only the command's `keys` (as /v1 refuses unknown ones); CliError
    saying what is wrong with it."""
    if not line.strip():
        raise CliError(f"line {n}: empty (each line is one JSON object)", hint='e.g. {"text": "..."}')
    try:
        req = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError:
        raise CliError(f"line {n}: not UTF-8 text") from None
    except ValueError as err:  # JSONDecodeError, and numbers too long to read
        raise CliError(f"line {n}: not a JSON object ({_shown(err, 80)})") from None
    if not isinstance(req, dict):
        raise CliError(f"line {n}: not a JSON object (each line must be one)")
    unknown = sorted(set(req) - keys)
    if unknown:
        raise CliError(
            f"line {n}: unknown key{'s' if len(unknown) > 1 else ''} " + ", ".join(f"'{k}'" for k in unknown),
            hint="this command takes " + ", ".join(sorted(keys)),
        )
    return req


def _request_keys(name: str) -> frozenset[str]:
    """The JSON keys a batch line of command `name` may hold: its command-line options."""
    for action in _parser()._subparsers._group_actions:  # type: ignore[union-attr]
        sub = getattr(action, "choices", {}).get(name)
        if sub is not None:
            return frozenset(a.dest for a in sub._actions) - {"help", "json", "batch"}
    return frozenset()


def _batch_error(n: int, err: Exception) -> dict[str, Any]:
    """A batch line's error: its line number in the message and as a field, whatever went wrong."""
    obj = _error_obj(err)
    if not obj["error"].startswith(f"line {n}:"):
        obj["error"] = f"line {n}: {obj['error']}"
    return {**obj, "line": n}


async def _run_batch(name: str, path: str, out: TextIO, session: Session) -> int:
    """Every line of `path` through one session (one service, one event loop); JSON Lines out."""
    try:
        lines = list(_batch_lines(path))
    except OSError as err:
        print(json.dumps({"error": f"cannot read {path}: {err.strerror}", "hint": None}), file=out)
        return EXIT_USAGE
    keys = _request_keys(name)
    for n, line in lines:
        try:
            req = _batch_request(n, line, keys)
        except CliError as err:
            print(json.dumps(_batch_error(n, err), ensure_ascii=False), file=out)
            continue
        result, _view, failed = await _run_one(name, req, session)
        # one write per line: an unbuffered stdout (python -u) passes each line on in one piece
        out.write(_json_line(result if failed is None else _batch_error(n, failed)) + "\n")
    return 0


# a result's JSON, as json.dumps(obj, ensure_ascii=False) writes it: results are trees of fresh dicts
# and lists (a model's dump), never circular, so the encoder skips the check of every container
_json_line = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


# the terminal renderer (rich) is imported when something is drawn: --json and --batch never draw
def _draw_parse(hw: HardwareContract) -> Any:
    from .render.terminal import render_parse

    return render_parse(hw)


def _draw_estimate(c: EstimateContract) -> Any:
    from .render.terminal import render_estimate

    return render_estimate(c)


def _draw_answer(answer: Answer) -> Any:
    from .render.terminal import render_answer

    return render_answer(answer)


def _console() -> Console:
    """rich's Console, but a reader that leaves ends the command like any other write does (rich's
    own answer is SystemExit(1))."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            raise BrokenPipeError

    return _Console()


class _Parser(argparse.ArgumentParser):
    """argparse with its usage errors raised (so that --json can print them as JSON)."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message, self)


class UsageError(Exception):
    def __init__(self, message: str, parser: argparse.ArgumentParser) -> None:
        super().__init__(message)
        self.parser = parser


def _parser() -> argparse.ArgumentParser:
    ap = _Parser(
        prog="canirun",
        description="Can I run it? Memory, placement and speed of local LLMs on your hardware.",
        epilog='examples:\n  canirun ask "' + EXAMPLES[0] + '"\n  canirun parse "2x 3090, 64GB RAM"\n'
        '  canirun estimate --hardware "M2 Max 96GB" --model "llama 3.3 70b" --context 16k',
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = ap.add_subparsers(dest="command", required=True, metavar="command")

    def common(p: argparse.ArgumentParser, batch: bool = True) -> None:
        p.add_argument("--json", action="store_true", help="print the JSON contract instead of tables")
        if batch:
            p.add_argument(
                "--batch", metavar="FILE", help="JSON Lines of requests ('-' for stdin); JSON Lines out"
            )

    p = sub.add_parser("parse", help="read free-text hardware")
    p.add_argument("text", nargs="?", help='e.g. "2x 3090, 64GB RAM"')
    common(p)
    p = sub.add_parser("estimate", help="memory, placement and speed of one model on one rig")
    p.add_argument("--hardware", help='free text, e.g. "RTX 4090 + 64GB DDR5"')
    p.add_argument("--model", help='name or id, e.g. "qwen3 30b"')
    p.add_argument("--quant", help="Q4_K_M, IQ4_XS, MXFP4, AWQ-INT4, MLX-4bit, EXL2-4.65 ...")
    p.add_argument(
        "--context", type=_context, help="tokens, e.g. 8192 or 32k (default 8192, capped at the model's)"
    )
    p.add_argument("--engine", choices=ENGINES)
    p.add_argument("--backend", choices=BACKENDS)
    p.add_argument("--kv-type", dest="kv_type", choices=KV_TYPES_OFFERED, default=None)
    p.add_argument(
        "--depth", type=_depth, help="speed with this many tokens already in the context, e.g. 32k"
    )
    p.add_argument("--users", type=int, help="also report aggregate and per-user speed for N users at once")
    p.add_argument(
        "--split-mode", dest="split_mode", choices=FORCEABLE_SPLIT_MODES, help="force llama.cpp's -sm"
    )
    p.add_argument(
        "--language-model-only",
        dest="language_model_only",
        action="store_true",
        default=None,
        help="vLLM: a vision model's language model alone (text only, no vision tower)",
    )
    p.add_argument(
        "--limit-mm-per-prompt",
        dest="limit_mm_per_prompt",
        metavar="JSON",
        help="""vLLM: inputs per prompt, e.g. '{"video": 0}' (images only); all 0: text only""",
    )
    common(p)
    p = sub.add_parser(
        "ask",
        help="answer a whole question",
        description=ASK_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("text", nargs="?", help=f'e.g. "{EXAMPLES[0]}"')
    p.add_argument(
        "--offline",
        action="store_true",
        default=None,
        help="do not read a Hugging Face repo the catalog lacks from the Hub: size it from its name",
    )
    common(p)
    p = sub.add_parser("best", help="the best models for a rig")
    p.add_argument("--hardware", help='free text, e.g. "M2 Max 64GB"')
    p.add_argument("--context", type=_context)
    p.add_argument("--task", choices=TASKS)
    p.add_argument(
        "--min-tps", dest="min_tps", type=float, default=None, help="slowest acceptable tokens/s (default 10)"
    )
    common(p)
    p = sub.add_parser("models", help="list the catalog")
    p.add_argument("--search", help="filter by text")
    common(p, batch=False)
    p = sub.add_parser("devices", help="list the device database")
    p.add_argument("--search", help="filter by text")
    common(p, batch=False)
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:  # `canirun ... | head`: the reader left; say nothing more
        return reader_left()
    except KeyboardInterrupt:
        return 130


def _main(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = _parser().parse_args(argv)
    except UsageError as usage:
        if "--json" in argv:
            print(json.dumps({"error": str(usage), "hint": f"see {usage.parser.prog} --help"}))
        else:
            usage.parser.print_usage(sys.stderr)
            print(f"{usage.parser.prog}: error: {usage}", file=sys.stderr)
        return EXIT_USAGE
    # one event loop for the whole run; what it returns is the exit code alone (asyncio.run builds
    # the repr of its coroutine's result when restoring the Ctrl-C handler, CPython gh-112559)
    if getattr(args, "batch", None):
        return asyncio.run(_run(args))
    # one request: what it makes lives until it has answered, so cyclic garbage collection (dozens of
    # passes over the schemas and tables a first answer builds) is paused for it, and then restored
    collecting = gc.isenabled()
    gc.disable()
    try:
        return asyncio.run(_run(args))
    finally:
        if collecting:
            gc.enable()


async def _run(args: argparse.Namespace) -> int:
    session = Session()
    try:
        if getattr(args, "batch", None):
            return await _run_batch(args.command, args.batch, sys.stdout, session)
        return await _run_request(args, session)
    finally:
        await session.close()


async def _run_request(args: argparse.Namespace, session: Session) -> int:
    out = sys.stdout
    name = args.command
    req = {k: v for k, v in vars(args).items() if k not in ("command", "json", "batch") and v is not None}
    result, view, err = await _run_one(name, req, session, draw=not args.json)
    if err is not None:
        if args.json:
            print(json.dumps(_error_obj(err)), file=out)
        else:  # Text, not markup: the message may quote the user ("[/x]" is not a tag)
            from rich.text import Text

            console = _console()
            console.print(Text(str(err), style="red"))
            if getattr(err, "hint", None):
                console.print(Text(str(getattr(err, "hint", "")), style="dim"))
        return EXIT_USAGE
    if args.json:
        print(_json_line(result), file=out)
    else:
        _console().print(view)
    if name == "ask" and result is not None and result.get("kind") == "error":
        return EXIT_USAGE
    return 0


if __name__ == "__main__":
    from ._program import leave

    gc.freeze()  # what loading made stays: later collections skip it
    gc.enable()
    exit_code = main()
    keep(_patterns)
    compiled_methods.keep(_methods)
    leave(exit_code)  # no interpreter teardown (bot/_program.py)
    sys.exit(exit_code)
