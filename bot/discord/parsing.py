"""Pure pieces of the Discord frontend: option values -> questions, autocomplete, menu state.

Nothing here touches Discord or the network, so all of it is tested with plain values.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace
from typing import Any

from rapidfuzz import fuzz, process, utils

from sizing import Catalog
from sizing.catalog import ModelSpec, load_quants, suggest_models, total_params
from sizing.vocabulary import ENGINES, MAX_CONTEXT, TASKS

from ..answers import Structured

__all__ = [
    "CONTEXT_MAX",
    "CONTEXT_MIN",
    "CONTEXT_STEPS",
    "HARDWARE_TEXT_MAX",
    "MAX_CHOICES",
    "MENU_TEMPLATE",
    "Choice",
    "InputProblem",
    "MenuState",
    "ModelChoices",
    "best_question",
    "check_context",
    "clean_text",
    "context_label",
    "context_menu",
    "quant_choices",
    "quant_menu",
    "slash_question",
]

CONTEXT_MIN = 512
CONTEXT_MAX = MAX_CONTEXT  # the longest context any model offers: the same on every front door
CONTEXT_STEPS = (4096, 8192, 16384, 32768, 65536, 131072, 262144, 524288, 1_048_576)
MAX_CHOICES = 25  # Discord: at most 25 autocomplete choices and 25 select options
NAME_MAX = 100  # Discord: choice names, choice values and option labels
MODEL_TEXT_MAX = 200
HARDWARE_TEXT_MAX = 400
CUSTOM_ID_MAX = 100

# quantizations worth offering in the menu, most used first; filtered by what the engine loads
_MENU_QUANTS = (
    "Q8_0",
    "Q6_K",
    "Q5_K_M",
    "Q4_K_M",
    "IQ4_XS",
    "Q3_K_M",
    "IQ3_XXS",
    "Q2_K",
    "IQ2_XXS",
    "IQ1_M",
    "MXFP4",
    "BF16",
    "F16",
    "BF16-HF",
    "FP8",
    "AWQ-INT4",
    "GPTQ-INT4",
    "NVFP4",
    "EXL3-4.0",
    "EXL2-4.0",
    "MLX-8bit",
    "MLX-6bit",
    "MLX-4bit",
    "MLX-3bit",
)


class InputProblem(Exception):
    """An option value we refuse before asking; `hint` says how to fix it."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True, slots=True)
class Choice:
    name: str  # what the user sees (<= 100 chars)
    value: str  # what Discord sends back (<= 100 chars)


def clean_text(text: str | None, limit: int, what: str) -> str:
    s = " ".join((text or "").split())
    if len(s) > limit:
        raise InputProblem(
            f"That {what} is too long ({len(s):,} characters; at most {limit}).",
            f"Shorten the {what}: the GPU names and memory sizes are enough.",
        )
    return s


def check_context(context: int | None) -> int | None:
    if context is None:
        return None
    if not CONTEXT_MIN <= context <= CONTEXT_MAX:
        raise InputProblem(
            f"A context of {context:,} tokens is outside {CONTEXT_MIN:,}–{CONTEXT_MAX:,}.",
            "Pick a context length like 8192 or 32768.",
        )
    return context


def slash_question(
    model: str | None,
    hardware: str | None,
    context: int | None = None,
    quant: str | None = None,
    engine: str | None = None,
) -> Structured:
    """/canirun's options -> a Structured question. Empty hardware means the asker's saved rig."""
    name = clean_text(model, MODEL_TEXT_MAX, "model name")
    if not name:
        raise InputProblem("Which model?", 'Pick one from the list, or type a name like "Qwen3 30B".')
    if engine is not None and engine not in ENGINES:
        raise InputProblem(f"I don't know the engine {engine!r}.", "Choose one from the list.")
    q = clean_text(quant, 40, "quantization") or None
    return _on_rig(hardware, context, model=name, quant=q, engine=engine)


def best_question(hardware: str | None, context: int | None = None, task: str | None = None) -> Structured:
    if task is not None and task not in TASKS:
        raise InputProblem(f"I don't know the task {task!r}.", "Choose chat, code or reasoning.")
    return _on_rig(hardware, context, model=None, task=task, best=True)


def _on_rig(hardware: str | None, context: int | None, **asked: Any) -> Structured:
    """A question about the rig in `hardware` at `context`, its text and bounds checked."""
    return Structured(
        hardware=clean_text(hardware, HARDWARE_TEXT_MAX, "hardware description"),
        context=check_context(context),
        **asked,
    )


# --- autocomplete -------------------------------------------------------------------------


def _clip(s: str, n: int = NAME_MAX) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def _label(m: ModelSpec) -> str:
    size = total_params(m) / 1e9
    kind = (
        f"MoE, {m.active_params_b:g}B active"
        if m.moe and m.active_params_b
        else ("MoE" if m.moe else "dense")
    )
    return _clip(f"{m.name} ({size:,.0f}B {kind})" if size >= 10 else f"{m.name} ({size:.1f}B {kind})")


class ModelChoices:
    """Model autocomplete over one catalog (sizing.catalog.suggest_models), as Discord's choices:
    labels with size and kind, ids Discord can carry. Build once per catalog version."""

    def __init__(self, catalog: Catalog) -> None:
        self.version = catalog.version
        self._index = catalog.index
        models = [m for m in catalog.models if len(m.id) <= NAME_MAX]
        self._labels = {m.id: _label(m) for m in models}
        # newest first: what people ask about most, shown before anything is typed
        self._newest = [
            m.id for m in sorted(models, key=lambda m: (m.released is None, -_ordinal(m), m.name))
        ]

    def rank(self, query: str, limit: int = MAX_CHOICES) -> list[Choice]:
        text = " ".join(query.split())[:MODEL_TEXT_MAX]
        limit = min(limit, MAX_CHOICES)
        if not utils.default_process(text):
            return [Choice(self._labels[i], i) for i in self._newest[:limit]]
        found = suggest_models(text, self._index, limit + len(self._index.entries) - len(self._labels))
        return [Choice(self._labels[m.id], m.id) for m in found if m.id in self._labels][:limit]


def _ordinal(m: ModelSpec) -> int:
    return m.released.toordinal() if m.released else 0


def _quant_ids(engine: str | None) -> list[str]:
    quants = load_quants()
    return [q.id for q in quants if engine is None or engine in q.engines]


def quant_choices(query: str, engine: str | None = None) -> list[Choice]:
    """Quantization autocomplete: the common ones first when nothing is typed, else fuzzy."""
    ids = _quant_ids(engine if engine in ENGINES else None)
    q = utils.default_process(query.strip()[:40])
    if not q:
        common = [x for x in _MENU_QUANTS if x in ids]
        return [Choice(x, x) for x in common[:MAX_CHOICES]]
    aliases: list[tuple[str, str]] = []
    for spec in load_quants():
        if spec.id in ids:
            aliases += [(utils.default_process(a), spec.id) for a in (spec.id, *spec.aliases)]
    found = process.extract(q, [a for a, _ in aliases], scorer=fuzz.WRatio, processor=None, limit=80)
    scored: dict[str, float] = {}
    for key, score, k in found:
        qid = aliases[k][1]
        if key.startswith(q):
            score += 20
        scored[qid] = max(scored.get(qid, 0.0), score)
    ranked = sorted(scored, key=lambda x: (-scored[x], x))
    return [Choice(x, x) for x in ranked[:MAX_CHOICES]]


# --- the menus under an answer -------------------------------------------------------------


def context_label(n: int) -> str:
    return f"{n // 1024}k context ({n:,} tokens)" if n % 1024 == 0 else f"{n:,} tokens"


def context_menu(max_context: int | None, current: int | None) -> list[tuple[str, str, bool]]:
    """(label, value, is_current) for the context menu, up to the model's maximum."""
    top = max_context or CONTEXT_MAX
    steps = [n for n in CONTEXT_STEPS if n <= top]
    if current and current not in steps and CONTEXT_MIN <= current <= CONTEXT_MAX:
        steps = sorted([*steps, current])
    return [(context_label(n), str(n), n == current) for n in steps][:MAX_CHOICES]


def quant_menu(engine: str | None, current: str | None, seen: list[str]) -> list[tuple[str, str, bool]]:
    """(label, value, is_current) for the quantization menu: the answer's own options, then common ones."""
    ids = set(_quant_ids(engine if engine in ENGINES else None))
    order: list[str] = []
    for x in [*([current] if current else []), *seen, *_MENU_QUANTS]:
        if x and x in ids and x not in order:
            order.append(x)
    return [(x, x, x == current) for x in order[:MAX_CHOICES]]


@dataclass(frozen=True, slots=True)
class MenuState:
    """What a menu under an answer re-asks: the question, with one option changed."""

    model: str
    hardware: str
    context: int | None = None
    quant: str | None = None
    engine: str | None = None

    def with_choice(self, kind: str, value: str) -> MenuState:
        if kind == "q":
            return replace(self, quant=value[:40] or None)
        if kind == "c":
            try:
                ctx = int(value)
            except ValueError:
                raise InputProblem("That context value is not a number.", "Pick one from the menu.") from None
            return replace(self, context=check_context(ctx))
        raise InputProblem("That menu is not one of mine.", "Run /canirun again.")

    def question(self) -> Structured:
        return slash_question(self.model, self.hardware, self.context, self.quant, self.engine)

    def inline(self) -> str | None:
        """The state written into a custom_id, or None when it does not fit (then the store keeps it)."""
        fields = [
            _b36(self.context or 0),
            self.quant or "",
            str(ENGINES.index(self.engine) + 1) if self.engine in ENGINES else "0",
            self.model,
            self.hardware,
        ]
        if any("|" in f for f in fields):
            return None
        token = "i" + "|".join(fields)
        return token if len(token) <= CUSTOM_ID_MAX - len("canirun:q:") else None

    def digest(self) -> str:
        return "k" + hashlib.sha256(self.to_json().encode()).hexdigest()[:20]

    def to_json(self) -> str:
        return json.dumps(
            [self.model, self.hardware, self.context, self.quant, self.engine], separators=(",", ":")
        )

    @classmethod
    def from_json(cls, raw: str) -> MenuState | None:
        try:
            model, hardware, context, quant, engine = json.loads(raw)
        except (ValueError, TypeError):
            return None
        if not isinstance(model, str) or not isinstance(hardware, str):
            return None
        return cls(model, hardware, _int_or_none(context), quant or None, engine or None)

    @classmethod
    def from_inline(cls, token: str) -> MenuState | None:
        if not token.startswith("i"):
            return None
        parts = token[1:].split("|")
        if len(parts) != 5:
            return None
        ctx_s, quant, engine_s, model, hardware = parts
        try:
            ctx = int(ctx_s, 36)
            engine_i = int(engine_s)
        except ValueError:
            return None
        engine = ENGINES[engine_i - 1] if 1 <= engine_i <= len(ENGINES) else None
        if not model:
            return None
        return cls(model, hardware, ctx or None, quant or None, engine)


def _int_or_none(v: Any) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) else None


def _b36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if n <= 0:
        return "0"
    out = ""
    while n:
        n, r = divmod(n, 36)
        out = digits[r] + out
    return out


MENU_TEMPLATE = re.compile(r"canirun:(?P<kind>[qc]):(?P<token>[ik].{1,95})", re.DOTALL)
