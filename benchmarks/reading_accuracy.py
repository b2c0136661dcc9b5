"""How well canirun reads what people write: rigs, whole questions, pasted model/quant names and the
kind of question asked. Scores the development and held-out parts of each reading corpus
(benchmarks/_reading.py) with canirun's public readers, prints the tables and writes the section
"Reading real text" of docs/ACCURACY.md.

    .venv/bin/python -m benchmarks.reading_accuracy                  # all four corpora (~1 min)
    .venv/bin/python -m benchmarks.reading_accuracy --corpus names   # one corpus
    .venv/bin/python -m benchmarks.reading_accuracy --misses         # also list development misses
    .venv/bin/python -m benchmarks.reading_accuracy --no-write       # print only

What counts as right:
  hardware   GPUs (id or name, count, VRAM), chip, unified memory, RAM and CPU all match
             (sizing.parse_hardware); any of a case's listed alternative readings counts.
  questions  the model(s) and the rig both match (sizing.read_question); context, quant and engine
             are reported beside it.
  names      the catalog's resolve() gives the right family and size and the quant read from the
             text (read_question) is the expected canirun quant id.
  kinds      the kind of the service's answer (bot.answering.answer_question) is the expected one;
             models, rigs and wishes read are reported beside it.
Cases marked ambiguous are scored apart. The held-out parts are reported only as totals and per
pattern, never case by case.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from benchmarks._reading import CORPORA, dev_path, heldout_path, load
from benchmarks._reading_match import (
    context_ok,
    model_ok,
    models_ok,
    quant_ok,
    rig_misses,
    rig_misses_any,
)
from benchmarks._report import pct, table, write_section
from sizing import Catalog, HardwareError, SizingError, default_catalog, parse_hardware, read_question

INTRO = (
    "How close canirun's numbers are to public measurements. Regenerate with "
    "`make bench` or `.venv/bin/python -m benchmarks.accuracy --speed`."
)
DESCRIPTION = {
    "hardware": "rig read right (GPUs, chip, memory, RAM, CPU)",
    "questions": "model(s) and rig both right",
    "names": "family and size right, and the quant",
    "kinds": "kind of answer right",
}


@dataclass(frozen=True)
class CaseResult:
    text: str
    group: str  # the breakdown row: failure class, pattern or expected kind
    ambiguous: bool
    right: bool
    misses: tuple[str, ...] = ()
    extras: dict[str, bool] = field(default_factory=dict)  # secondary checks, by name


def _safe(read: Callable[[], Any]) -> tuple[Any, str | None]:
    """A reader's result, or the name of the exception it raised (a crash is a miss, never fatal)."""
    try:
        return read(), None
    except HardwareError:  # text over the length cap: a friendly refusal, read as nothing
        return None, None
    except Exception as err:  # any failure of a reader is scored as a miss, not raised
        return None, type(err).__name__


# ------------------------------------------------------------------------------------------ corpora
def score_hardware(cases: Iterable[dict[str, Any]], catalog: Catalog) -> list[CaseResult]:
    out = []
    for c in cases:
        hw, crash = _safe(partial(parse_hardware, c["text"]))
        readings = [c["expected"], *c.get("alternatives", [])]
        misses = ("crash",) if crash else tuple(rig_misses_any(readings, hw))
        out.append(CaseResult(c["text"], c["class"], c["ambiguous"], not misses, misses))
    return out


def score_questions(cases: Iterable[dict[str, Any]], catalog: Catalog) -> list[CaseResult]:
    ids = frozenset(catalog.by_id)
    out = []
    for c in cases:
        e = c["expected"]
        q, crash = _safe(partial(read_question, c["text"], catalog.index))
        if q is None:
            misses: tuple[str, ...] = (crash or "no reading",)
            out.append(CaseResult(c["text"], c["pattern"], c["ambiguous"], False, misses))
            continue
        wrong = []
        if not models_ok(e["models"], [r.model for r in q.models], ids):
            wrong.append("models")
        rigs = [e["rig"], *c.get("alternative_rigs", [])] if e["rig"] is not None else None
        hw = q.hardware if q.hardware is not None and not q.hardware.is_empty else None
        rig_wrong = rig_misses_any(rigs, hw) if rigs else (["rig"] if hw is not None else [])
        wrong += [f"rig.{w}" if w != "rig" else w for w in rig_wrong]
        checks = {
            "context": (e["context"], q.context, context_ok(e["context"], q.context)),
            "quant": (e["quant"], q.quant, quant_ok(e["quant"], q.quant)),
            "engine": (e["engine"], q.engine, (e["engine"] or None) == (q.engine or None)),
        }
        # a field counts where the case states it or the reader claims one
        extras = {name: ok for name, (want, got, ok) in checks.items() if want or got}
        extras["all fields"] = not wrong and all(ok for _, _, ok in checks.values())
        out.append(CaseResult(c["text"], c["pattern"], c["ambiguous"], not wrong, tuple(wrong), extras))
    return out


def score_names(cases: Iterable[dict[str, Any]], catalog: Catalog) -> list[CaseResult]:
    ids = frozenset(catalog.by_id)
    out = []
    for c in cases:
        e = c["expected"]
        resolved, crash = _safe(partial(catalog.resolve, c["text"]))
        if crash == "UnknownModelError":
            crash = None  # "no match" or "could be several": a miss, not a crash
        q, q_crash = _safe(partial(read_question, c["text"], catalog.index))
        model_right = resolved is not None and model_ok(e["model"], resolved.model, ids)
        quant_right = q is not None and quant_ok(e["quant"], q.quant)
        in_question = q is not None and bool(q.models) and model_ok(e["model"], q.models[0].model, ids)
        misses = [m for m, bad in (("model", not model_right), ("quant", not quant_right)) if bad]
        if crash or q_crash:
            misses.append(crash or q_crash or "crash")
        extras = {"model (resolve)": model_right, "model (in a question)": in_question}
        if e["quant"] or (q is not None and q.quant):
            extras["quant"] = quant_right
        out.append(CaseResult(c["text"], c["pattern"], c["ambiguous"], not misses, tuple(misses), extras))
    return out


def _answer_kind(text: str, catalog: Catalog) -> tuple[str | None, str | None]:
    try:
        from bot.answers import answer_text
    except ImportError as err:  # the bot extras are missing: no kind can be read
        return None, f"bot unavailable ({err.name})"
    answer, crash = _safe(partial(answer_text, text, catalog))
    return (str(answer.kind) if answer is not None else None), crash


def _wish_ok(name: str, want: Any, q: Any) -> bool:
    if name == "min_tps":
        return q.min_tps is not None and abs(q.min_tps - want) <= 0.5
    if name == "context":
        return context_ok(want, q.context)
    if name == "task":
        return bool(q.task == want)
    return bool(getattr(q, name, None) == want)  # "prefer": no such reading yet, so a miss


def _wishes_ok(wishes: dict[str, Any], q: Any) -> bool:
    return all(_wish_ok(name, want, q) for name, want in wishes.items() if want is not None)


def score_kinds(cases: Iterable[dict[str, Any]], catalog: Catalog) -> list[CaseResult]:
    ids = frozenset(catalog.by_id)
    out = []
    for c in cases:
        e = c["expected"]
        kind, crash = _answer_kind(c["text"], catalog)
        misses = (crash,) if crash else (() if kind == e["kind"] else (f"kind={kind}",))
        q, _ = _safe(partial(read_question, c["text"], catalog.index))
        extras: dict[str, bool] = {}
        if q is not None:
            rigs = getattr(q, "rigs", None)
            got_rigs = list(rigs) if rigs is not None else ([q.hardware] if q.hardware is not None else [])
            got_rigs = [h for h in got_rigs if not h.is_empty]
            if e["models"] or q.models:
                extras["models"] = models_ok(e["models"], [r.model for r in q.models], ids)
            if e["rigs"] or got_rigs:
                extras["rigs"] = len(got_rigs) == len(e["rigs"]) and all(
                    not rig_misses(want, got) for want, got in zip(e["rigs"], got_rigs, strict=False)
                )
            if any(v is not None for v in e["wishes"].values()):
                extras["wishes"] = _wishes_ok(e["wishes"], q)
        out.append(CaseResult(c["text"], e["kind"], c["ambiguous"], not misses, misses, extras))
    return out


SCORERS: dict[str, Callable[[Iterable[dict[str, Any]], Catalog], list[CaseResult]]] = {
    "hardware": score_hardware,
    "questions": score_questions,
    "names": score_names,
    "kinds": score_kinds,
}


# ------------------------------------------------------------------------------------------ report
def _rate(results: Sequence[CaseResult], key: Callable[[CaseResult], bool] | None = None) -> str:
    """'right/scored (percent)' over the unambiguous results (those a `key` applies to, with a key)."""
    scored = [r for r in results if not r.ambiguous]
    if not scored:
        return "-"
    right = sum(1 for r in scored if (key(r) if key else r.right))
    return f"{right}/{len(scored)} ({pct(right / len(scored))})"


def summary_table(scores: dict[str, dict[str, list[CaseResult]]]) -> str:
    rows = []
    for corpus, parts in scores.items():
        dev, held = parts["dev"], parts["heldout"]
        amb = [r for r in dev + held if r.ambiguous]
        rows.append(
            (
                corpus,
                DESCRIPTION[corpus],
                f"{len(dev)} / {len(held)}",
                _rate(dev),
                _rate(held),
                f"{sum(r.right for r in amb)}/{len(amb)}" if amb else "-",
            )
        )
    headers = ["corpus", "right when", "cases dev / held out", "dev", "held out", "ambiguous (apart)"]
    return table(headers, rows)


def _extra(name: str, result: CaseResult) -> bool:
    return result.extras.get(name, False)


def extras_table(parts: dict[str, list[CaseResult]]) -> str:
    names = sorted({k for r in parts["dev"] + parts["heldout"] for k in r.extras})
    rows = []
    for name in names:
        key = partial(_extra, name)
        dev = [r for r in parts["dev"] if name in r.extras]
        held = [r for r in parts["heldout"] if name in r.extras]
        rows.append((name, _rate(dev, key), _rate(held, key)))
    note = "Also read (counted where the case states the field or the reader claims one):\n\n"
    return note + table(["field", "dev", "held out"], rows) if rows else ""


def breakdown_table(parts: dict[str, list[CaseResult]], label: str) -> str:
    groups: dict[str, dict[str, list[CaseResult]]] = defaultdict(lambda: {"dev": [], "heldout": []})
    for part, results in parts.items():
        for r in results:
            groups[r.group][part].append(r)
    rows = [(g, _rate(v["dev"]), _rate(v["heldout"])) for g, v in sorted(groups.items())]
    return table([label, "dev", "held out"], rows)


def miss_lines(results: Sequence[CaseResult]) -> list[str]:
    wrong = [r for r in results if not r.right and not r.ambiguous]
    return [f"- [{r.group}] {r.text[:90]!r}: {', '.join(r.misses)}" for r in wrong]


def section(scores: dict[str, dict[str, list[CaseResult]]], seconds: float) -> str:
    label = {"hardware": "failure class", "kinds": "expected kind"}
    parts = [
        "Text people actually paste, in four corpora written for canirun in the patterns of public "
        "posts (each case names one in `source_pattern`): rigs, whole questions that name a model, "
        "model/quant names copied from benchmark tables, file lists and hubs, and the kind of question "
        "asked. Each corpus is split once by a fixed rule (SHA-256 of the text, 60% development in "
        "`tests/data/reading/`, 40% held out in `benchmarks/data/reading_*_heldout.jsonl`); the "
        "held-out parts are reported only as totals and per group. Counts exclude the cases marked "
        "ambiguous (two fair readings), shown apart. "
        f"Scored in {seconds:.0f} s with `.venv/bin/python -m benchmarks.reading_accuracy`.",
        summary_table(scores),
    ]
    for corpus, corpus_parts in scores.items():
        group = label.get(corpus, "pattern")
        parts.append(f"**{corpus}**: per {group}\n\n" + breakdown_table(corpus_parts, group))
        extra = extras_table(corpus_parts)
        if extra:
            parts.append(extra)
    return "\n\n".join(parts)


def run(corpora: Sequence[str], catalog: Catalog) -> dict[str, dict[str, list[CaseResult]]]:
    scores = {}
    for corpus in corpora:
        scorer = SCORERS[corpus]
        scores[corpus] = {
            "dev": scorer(load(dev_path(corpus)), catalog),
            "heldout": scorer(load(heldout_path(corpus)), catalog),
        }
    return scores


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", action="append", choices=CORPORA, help="score only this corpus (repeatable)")
    ap.add_argument("--misses", action="store_true", help="list the development misses")
    ap.add_argument("--no-write", action="store_true", help="print only; leave docs/ACCURACY.md alone")
    args = ap.parse_args(argv)
    corpora = args.corpus or list(CORPORA)
    started = time.perf_counter()
    try:
        catalog = default_catalog()
    except SizingError as err:
        print(f"cannot load the catalog: {err}", file=sys.stderr)
        return 1
    scores = run(corpora, catalog)
    body = section(scores, time.perf_counter() - started)
    print(body)
    if args.misses:
        for corpus, parts in scores.items():
            print(f"\n## {corpus}: development misses\n")
            print("\n".join(miss_lines(parts["dev"])) or "none")
    if not args.no_write and set(corpora) == set(CORPORA):
        path = write_section("ACCURACY.md", "reading", "Reading real text", body, intro=INTRO)
        print(f"wrote {path.name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
