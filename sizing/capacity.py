"""The largest model a rig holds: per quantization (and KV cache type), the largest dense model
fully in GPU (or unified) memory and the largest MoE with its experts in system RAM, at the asked
context, with catalog models of that size as examples.

A model "of N billion parameters" is a generic shape shaped like today's releases
(sizing.catalog.generic_model: a Llama-3.1-style dense model, a GLM-4.5-style MoE with 5.5% of its
weights active), sized by the same memory model as every estimate. The search is bounded: sizes
on a fixed grid (so shapes are built once and reused), a bisection with the memory model alone,
and the largest size between the last that fits and the first that does not found by the straight
line through their free memory (both exact estimates), checked with the memory model. With a speed
wish, a second bisection below that size keeps the sizes fast enough.
"""

from __future__ import annotations

import bisect
import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from ._engines import default_backend, default_context, engine_family
from ._errors import SizingError
from ._pools import rig_pools
from ._routing import route
from ._scores import quality
from .catalog import ModelSpec, QuantSpec, hypothetical_model, quant_by_id, resolve_quant
from .estimate import Estimate, estimate_or_none
from .hardware import Hardware
from .memory import MAX_CONTEXT, MemoryEstimate, estimate_memory
from .vocabulary import KvType

__all__ = ["Capacity", "Limit", "capacity", "dense_grid", "moe_grid"]

# sizes tried, in billions of parameters: 1-1.2-1.5-2-2.5-3-4-5-6-7-8 per decade (dense), coarser for MoE
_DECADE = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0)
_DENSE_GRID = tuple(
    round(x * 10**k, 1) for k in (-1, 0, 1, 2, 3) for x in _DECADE if 0.5 <= x * 10**k <= 3000
)
_MOE_GRID = (
    10.0,
    16.0,
    24.0,
    32.0,
    48.0,
    64.0,
    100.0,
    160.0,
    235.0,
    355.0,
    480.0,
    700.0,
    1000.0,
    1500.0,
    2000.0,
)
# quantizations a limit is given for, per engine family (best quality first)
_ROWS: dict[str, tuple[str, ...]] = {
    "gguf": ("Q8_0", "Q6_K", "Q4_K_M", "Q3_K_M", "Q2_K"),
    "paged": ("BF16-HF", "FP8", "AWQ-INT4"),
    "mlx": ("MLX-8bit", "MLX-6bit", "MLX-4bit", "MLX-3bit"),
    "exllama": ("EXL2-4.0",),
}
_LONG_CONTEXT = 32768  # from here the KV cache matters: a q8_0-cache row is added for 4-bit
_EXAMPLES = 3
_SAME_SIZE = 1.25  # models within this factor of each other count as one size when picking examples
_EXAMPLES_TRIED = 8
# real models past the generic shape's limit may still fit (fewer KV heads, a smaller vocabulary than
# the Llama-3.1-style shape: Qwen3 32B at Q4_K_M in 24 GB where the shape stops at ~30B): examples are
# looked for up to this factor past it, each one's own fit checked, and the limit said is at least the
# largest that fits
_EXAMPLE_REACH = 1.3
# a limit is rounded down to two figures ("~70B"): a model a little past it (Llama 3.3's 70.6B) may
# still be an example, since each example's own fit is checked
_ROUNDING_SLACK = 1.05
_SPEED_STEPS = 5
# with a speed floor, MoE examples read at most this much more active weights than the generic shape at
# the speed limit (real models' active shares differ; each example's own speed is checked)
_ACTIVE_SLACK = 1.25
_SURELY_FITS = 0.5  # of the weights-only bound: the KV cache and buffers at a sane context take less
# with a speed wish, the limits are given at these bits per weight only (each needs a speed search)
_SPEED_ROW_BITS = (8.5, 4.5, 2.625)


def dense_grid() -> tuple[float, ...]:
    return _DENSE_GRID


def moe_grid() -> tuple[float, ...]:
    return _MOE_GRID


@dataclass(frozen=True, slots=True)
class Limit:
    """The largest models that fit at one quantization and KV type."""

    quant: QuantSpec
    kv_type: KvType
    context: int
    max_dense_b: float  # 0 when not even the smallest fits
    max_moe_b: float
    dense_examples: tuple[ModelSpec, ...]
    moe_examples: tuple[ModelSpec, ...]
    speed_bound: bool  # the speed wish, not memory, set a limit


@dataclass(frozen=True, slots=True)
class Capacity:
    hardware: Hardware
    engine: str
    backend: str
    context: int
    limits: tuple[Limit, ...]
    min_tps: float | None
    summary: str
    users: int = 1  # users at once, each with a KV cache of `context` tokens


@functools.lru_cache(maxsize=128)
def _generic(total_b: float, moe: bool) -> ModelSpec:
    """'a 70B dense model', 'a 235B MoE': the generic shape the catalog gives that description."""
    r = hypothetical_model(f"a {total_b:g}B {'moe' if moe else 'dense'} model")
    if r is None:  # unreachable for the grid's sizes
        raise SizingError(f"no generic shape for a {total_b:g}B model")
    return r.model


def _memory(
    model: ModelSpec,
    q: QuantSpec,
    hw: Hardware,
    engine: str,
    backend: str,
    context: int,
    kv: KvType,
    gpu_only: bool,
    users: int = 1,
) -> MemoryEstimate | None:
    """The model's memory at `context` tokens for each of `users` at once: llama-server's -c of all
    their slots (-c context x users -np users), a paged engine's pool of every sequence's blocks."""
    try:
        return estimate_memory(
            model,
            q,
            hw,
            context=min(min(context, model.max_context) * users, MAX_CONTEXT),
            slots=min(users, 256),
            engine=engine,
            backend=backend,
            kv_type=kv,
            gpu_only=gpu_only and engine_family(engine) == "gguf",
        )
    except SizingError:
        return None


def _fits(mem: MemoryEstimate | None, moe: bool, has_gpu: bool) -> bool:
    if mem is None:
        return False
    verdict = mem.placement.verdict
    if not has_gpu:
        return verdict == "cpu"
    return verdict == "gpu" or (moe and verdict == "partial")


def _slack(mem: MemoryEstimate | None, moe: bool) -> float:
    """Free bytes where the model sits (negative: bytes short). A unified-memory chip's GPU share and
    its CPU side are one pool: counted once."""
    if mem is None:
        return float("-inf")
    p = mem.placement
    if p.verdict == "no":
        return -p.shortfall
    if not moe and p.gpu_devices:
        return sum(d.total - d.used for d in p.gpu_devices)
    # what the GPUs' use leaves the machine's unified memory, or a GPU's own share where that is more
    # (the CPU row's capacity is what the GPUs' shares leave, for a table that adds up)
    gpu_used = sum(d.used for d in p.gpu_devices if d.unified)
    pool = max((d.total for d in p.gpu_devices if d.unified), default=0.0)
    if any(d.unified and d.kind == "cpu" for d in p.devices):
        pool = max(pool, mem.rig.cpu.total - gpu_used)
    have = pool + sum(d.total for d in p.devices if not d.unified)
    return have - sum(d.used for d in p.devices)


def _largest(
    hw: Hardware, q: QuantSpec, engine: str, backend: str, context: int, kv: KvType, moe: bool, users: int = 1
) -> tuple[float, int]:
    """The largest size that fits (0 when none), and the index in the grid of the last that fits."""
    grid = _MOE_GRID if moe else _DENSE_GRID
    has_gpu = bool(hw.gpus) or hw.soc is not None
    # memory-only lower bound: more weights than the rig's memory cannot fit
    room = (sum(g.count * (g.vram_gb or 0.0) for g in hw.gpus) + (hw.sized_unified_gb or 0.0)) * 1e9
    if moe or not has_gpu:
        room += (hw.ram_gb or 0.0) * 1e9
    bound_b = room / (q.bits / 8) / 1e9
    top = min(bisect.bisect_right(grid, bound_b * 1.05), len(grid))
    seen: dict[int, MemoryEstimate | None] = {}

    def mem(i: int) -> MemoryEstimate | None:
        if i not in seen:
            spec = _generic(grid[i], moe)
            seen[i] = _memory(spec, q, hw, engine, backend, context, kv, has_gpu and not moe, users)
        return seen[i]

    lo, hi = 0, top  # grid[:lo] fit, grid[hi:] do not
    # the weights take most of the memory: start from half the bound, which nearly always fits
    start = bisect.bisect_right(grid, bound_b * _SURELY_FITS) - 1
    if 0 <= start < hi and _fits(mem(start), moe, has_gpu):
        lo = start + 1
    while lo < hi:
        mid = (lo + hi) // 2
        if _fits(mem(mid), moe, has_gpu):
            lo = mid + 1
        else:
            hi = mid
    if lo == 0:
        return 0.0, -1
    last = lo - 1
    if last + 1 >= len(grid):
        return grid[last], last
    a, b = _slack(mem(last), moe), _slack(mem(last + 1), moe)
    if not (a > 0 > b > float("-inf")):
        return grid[last], last
    # between the grid points, the straight line through the free memory; checked, since the
    # engines' margins make the free memory a little optimistic (then halfway, then the grid point)
    between = grid[last] + (grid[last + 1] - grid[last]) * a / (a - b)
    for size in (_round_down(between), _round_down((grid[last] + between) / 2)):
        if size <= grid[last]:
            break
        fits = _memory(_generic(size, moe), q, hw, engine, backend, context, kv, has_gpu and not moe, users)
        if _fits(fits, moe, has_gpu):
            return size, last
    return grid[last], last


def _round_down(x: float) -> float:
    """Two significant figures, down: a limit is never rounded up past what fits."""
    if x < 1:
        return float(int(x * 10) / 10)
    digits = len(str(int(x))) - 2
    step = 10 ** max(digits, 0)
    return float(int(x / step) * step)


def _bandwidth_bound(hw: Hardware, backend: str) -> float:
    """Bytes per second all the rig's memories read together: no placement generates faster than
    this over the bytes a token reads (an upper bound, for the speed search)."""
    try:
        rig = rig_pools(hw, backend, margin=0)
    except SizingError:
        return float("inf")
    return (rig.cpu.bandwidth_gbs + sum(p.bandwidth_gbs for p in rig.gpus)) * 1e9


def _fast_enough(
    hw: Hardware,
    q: QuantSpec,
    engine: str,
    backend: str,
    context: int,
    kv: KvType,
    moe: bool,
    last: int,
    min_tps: float,
    users: int = 1,
) -> float | None:
    """The largest grid size up to `last` generating at `min_tps` or more (for each of `users` at
    once) (None: all of them do)."""
    grid = _MOE_GRID if moe else _DENSE_GRID
    # sizes whose active weights even all the rig's bandwidth cannot read min_tps times a second
    top = _generic(grid[last], moe)
    share = (top.active_params_b or top.params_b) / top.params_b
    ceiling = _bandwidth_bound(hw, backend) / min_tps / (q.bits / 8) / share / 1e9
    last = min(last, max(bisect.bisect_right(grid, ceiling) - 1, 0))

    def fast(i: int) -> bool:
        return _generates_at(_generic(grid[i], moe), q, hw, engine, backend, context, kv, min_tps, users)

    if fast(last):
        return None
    lo, hi, steps = 0, last, 0  # grid[:lo] are fast, grid[hi:] are not
    while lo < hi and steps < _SPEED_STEPS:
        mid = (lo + hi) // 2
        steps += 1
        if fast(mid):
            lo = mid + 1
        else:
            hi = mid
    return grid[lo - 1] if lo else 0.0


def _examples(
    models: Sequence[ModelSpec],
    limit_b: float,
    moe: bool,
    hw: Hardware,
    q: QuantSpec,
    engine: str,
    backend: str,
    context: int,
    kv: KvType,
    min_tps: float | None = None,
    speed_limit_b: float = 0.0,
    users: int = 1,
) -> tuple[ModelSpec, ...]:
    """Catalog models of this kind about `limit_b` big or smaller, or a little bigger, that fit, each
    sized by the same estimator (and generate at `min_tps` or more, where given: up to `limit_b` as
    memory allows, reading not much more than the generic shape of `speed_limit_b`), largest first; of
    models about the same size (within 25%), chat models before code-only ones, the better by public
    scores (text and vision models alike: today's releases take images), then the newest release (a
    model with no release date counts from the board snapshot that scores it): a current, general
    release."""
    has_gpu = bool(hw.gpus) or hw.soc is not None
    # with a speed floor, the generic shape at the speed limit reads this many active weights a token:
    # a model reading much more does not keep up either
    readable_b = math.inf
    if min_tps is not None and speed_limit_b:
        shape = _generic(speed_limit_b, moe)
        readable_b = (shape.active_params_b or shape.params_b) * (_ACTIVE_SLACK if moe else _ROUNDING_SLACK)
    pool = sorted(
        (
            m
            for m in models
            if (m.moe is not None) == moe
            and not m.is_generic
            and m.params_b <= limit_b * (_ROUNDING_SLACK if min_tps is not None else _EXAMPLE_REACH)
            and (m.active_params_b or m.params_b) <= readable_b
            and "embedding" not in m.tasks
            and engine in q.engines
            and m.max_context >= context  # trained on the context asked: an example that holds it
        ),
        key=lambda m: (
            -round(math.log(m.params_b) / math.log(_SAME_SIZE)),
            "chat" not in m.tasks,
            -_known(m),
            -_out_by(m),
        ),
    )
    out: list[ModelSpec] = []
    for m in pool[: _EXAMPLES_TRIED * (2 if min_tps else 1)]:
        mem = _memory(m, q, hw, engine, backend, context, kv, has_gpu and not moe, users)
        if (
            _fits(mem, moe, has_gpu)
            and (min_tps is None or _generates_at(m, q, hw, engine, backend, context, kv, min_tps, users))
            and (users == 1 or _holds_users(m, q, hw, engine, backend, context, kv, users))
        ):
            out.append(m)
            if len(out) == _EXAMPLES:
                break
    return tuple(out)


def _largest_real(
    models: Sequence[ModelSpec],
    limit_b: float,
    moe: bool,
    hw: Hardware,
    q: QuantSpec,
    engine: str,
    backend: str,
    context: int,
    kv: KvType,
    users: int = 1,
) -> ModelSpec | None:
    """The largest catalog model of this kind past `limit_b` (up to the examples' reach) that fits,
    each sized by the same estimator, largest first (None where none does): the limit a real model
    shows."""
    has_gpu = bool(hw.gpus) or hw.soc is not None
    past = sorted(
        (
            m
            for m in models
            if (m.moe is not None) == moe
            and not m.is_generic
            and limit_b * _ROUNDING_SLACK < _text_b(m) <= limit_b * _EXAMPLE_REACH
            and "embedding" not in m.tasks
            and engine in q.engines
            and m.max_context >= context
        ),
        key=lambda m: -_text_b(m),
    )
    for m in past[:_EXAMPLES_TRIED]:
        mem = _memory(m, q, hw, engine, backend, context, kv, has_gpu and not moe, users)
        if _fits(mem, moe, has_gpu) and (
            users == 1 or _holds_users(m, q, hw, engine, backend, context, kv, users)
        ):
            return m
    return None


def _text_b(m: ModelSpec) -> float:
    """A model's language-model parameters (its vision encoder apart), in billions: the size the
    generic text shapes of a limit are compared with."""
    return m.params_b - (m.vision_params_b or 0.0)


def _generates_at(
    m: ModelSpec,
    q: QuantSpec,
    hw: Hardware,
    engine: str,
    backend: str,
    context: int,
    kv: KvType,
    min_tps: float,
    users: int = 1,
) -> bool:
    """Whether `m` generates at `min_tps` or more on `hw` (for each of `users` at once), placed its
    best way."""
    e = _estimate_at(m, q, hw, engine, backend, context, kv, users)
    return e is not None and _each_tps(e) >= min_tps


def _holds_users(
    m: ModelSpec, q: QuantSpec, hw: Hardware, engine: str, backend: str, context: int, kv: KvType, users: int
) -> bool:
    """Whether the estimate of `m` for `users` at once (the one its answer shows) holds all their KV
    caches at `context`."""
    e = _estimate_at(m, q, hw, engine, backend, context, kv, users)
    if e is None:
        return False
    serving = e.speed.serving
    held = serving.users_held if serving is not None else None
    return held is None or held >= users


def _estimate_at(
    m: ModelSpec, q: QuantSpec, hw: Hardware, engine: str, backend: str, context: int, kv: KvType, users: int
) -> Estimate | None:
    """The estimate a capacity check judges: `m` at `q` placed its best way, at the context asked up to
    the model's own."""
    return estimate_or_none(
        m,
        hw,
        quant=q,
        context=min(context, m.max_context),
        engine=engine,
        backend=backend,
        kv_type=kv,
        evidence=False,
        users=users,
    )


def _each_tps(e: Estimate) -> float:
    """What each user generates: the serving speed for several at once, else the decode speed."""
    serving = e.speed.serving
    return serving.per_user_tps if serving is not None else e.speed.decode_tps


def _known(m: ModelSpec) -> float:
    """The model's public chat score (sizing.scores), or -1 where no board scores it."""
    q = quality(m.id, "chat")
    return q.value if q is not None else -1.0


def _out_by(m: ModelSpec) -> int:
    """The day the model was out by: its release, else the snapshot of the board that scores it; 0
    where neither is known."""
    if m.released is not None:
        return m.released.toordinal()
    q = quality(m.id, "chat")
    return q.snapshot.toordinal() if q is not None else 0


def _rows(engine: str, quant: str | None, context: int) -> list[tuple[QuantSpec, KvType]]:
    family = engine_family(engine)
    if quant is not None:
        q = resolve_quant(quant)
        rows: list[tuple[QuantSpec, KvType]] = [(q, "f16")]
    else:
        rows = [(quant_by_id(x), "f16") for x in _ROWS.get(family, _ROWS["gguf"])]
    if family == "gguf" and context >= _LONG_CONTEXT:
        four = next((q for q, _ in rows if q.id == "Q4_K_M"), rows[0][0])
        rows.append((four, "q8_0"))
        rows.sort(key=lambda r: (-r[0].bits, r[1] != "f16"))
    return rows


def capacity(
    hw: Hardware,
    models: Sequence[ModelSpec],
    *,
    context: int | None = None,
    engine: str | None = None,
    quant: str | None = None,
    min_tps: float | None = None,
    task: str | None = None,
    users: int = 1,
) -> Capacity:
    """The largest dense model and MoE that `hw` holds at each quantization, with catalog examples
    (for `task` when one is asked: coding models for "code"); with `users`, each user's KV cache of
    the context held at once, and `min_tps` what each of them generates. Raises SizingError for a quantization
    the engine does not load."""
    if task is not None:
        for_task = [m for m in models if task in m.tasks]
        models = for_task or models
    backend: str = default_backend(hw)
    chosen = engine or "llama.cpp"
    routed: tuple[str, ...] = ()
    if engine is None and quant is not None:  # "at FP8": the engine that loads it here, as for a named model
        way = route(_generic(8.0, False), hw, quant=quant)
        if way.engine != chosen:  # a GGUF stays on llama.cpp and the rig's own backend
            chosen, backend = way.engine, way.backend
        routed = way.notes
        quant = way.quant.id if way.quant is not None else quant
    ctx, _ = default_context(_generic(8.0, False), context)
    rows = _rows(chosen, quant, ctx)
    if min_tps is not None and quant is None:  # each row searches speed: the telling ones only
        rows = [r for r in rows if any(abs(r[0].bits - b) < 0.3 for b in _SPEED_ROW_BITS)] or rows
    for q, _kv in rows:
        if chosen not in q.engines:
            raise SizingError(
                f"{chosen} does not load {q.id} files", hint=f"{q.id} runs on {', '.join(q.engines)}."
            )
    limits = []
    for q, kv in rows:
        dense, dense_last = _largest(hw, q, chosen, backend, ctx, kv, False, users)
        moe, moe_last = _largest(hw, q, chosen, backend, ctx, kv, True, users)
        bound = False
        # the size each kind's memory allows, and the speed floor its examples meet (a real model's
        # active share differs from the generic shape's: one past the generic speed limit may keep up)
        room = {False: dense, True: moe}
        floor: dict[bool, float | None] = {False: None, True: None}
        if min_tps is not None:
            for is_moe, last in ((False, dense_last), (True, moe_last)):
                if last < 0:
                    continue
                floor[is_moe] = min_tps  # every example named keeps up, whatever set the limit
                fast = _fast_enough(hw, q, chosen, backend, ctx, kv, is_moe, last, min_tps, users)
                if fast is not None:
                    bound = True
                    if is_moe:
                        moe = min(moe, fast)
                    else:
                        dense = min(dense, fast)
        dense_examples = (
            _examples(models, room[False], False, hw, q, chosen, backend, ctx, kv, floor[False], dense, users)
            if floor[False]
            else _examples(models, dense, False, hw, q, chosen, backend, ctx, kv, users=users)
            if dense
            else ()
        )
        moe_examples = (
            _examples(
                models, max(room[True], dense), True, hw, q, chosen, backend, ctx, kv, floor[True], moe, users
            )
            if floor[True]
            else _examples(models, max(moe, dense), True, hw, q, chosen, backend, ctx, kv, users=users)
            if moe
            else ()
        )
        # a real model that fits (and keeps up) shows the limit is at least its size
        if dense_examples:
            dense = max(dense, _round_down(max(m.params_b for m in dense_examples)))
        if moe_examples:
            moe = max(moe, _round_down(max(m.params_b for m in moe_examples)))
        if min_tps is None:  # past the examples, the largest catalog model that fits sets the limit
            # (and is named last among them: the limit said is a model's)
            if dense and (big := _largest_real(models, dense, False, hw, q, chosen, backend, ctx, kv, users)):
                dense = max(dense, _round_down(big.params_b))
                dense_examples = (*dense_examples[: _EXAMPLES - 1], big)
            if moe and (big := _largest_real(models, moe, True, hw, q, chosen, backend, ctx, kv, users)):
                moe = max(moe, _round_down(big.params_b))
                moe_examples = (*moe_examples[: _EXAMPLES - 1], big)
        limits.append(
            Limit(
                quant=q,
                kv_type=kv,
                context=ctx,
                max_dense_b=dense,
                max_moe_b=max(moe, dense),
                dense_examples=dense_examples,
                moe_examples=moe_examples,
                speed_bound=bound,
            )
        )
    summary = " ".join((_summary(hw, limits, ctx, min_tps, users), *(n.rstrip(".") + "." for n in routed)))
    if context is not None and ctx < context:  # never a shorter context than asked without saying so
        summary += (
            f" The generic shapes sized here handle at most {ctx:,} tokens: the {context:,} asked "
            "were capped there."
        )
    return Capacity(hw, chosen, backend, ctx, tuple(limits), min_tps, summary, users)


def _summary(
    hw: Hardware, limits: Sequence[Limit], context: int, min_tps: float | None, users: int = 1
) -> str:
    four = next(
        (x for x in limits if x.quant.bits <= 4.6 and x.kv_type == "f16"), limits[-1] if limits else None
    )
    if four is None or (four.max_dense_b == 0 and four.max_moe_b == 0):
        return f"Not even a {_DENSE_GRID[0]:g}B model fits this rig at {context:,} context."
    each = " each" if users > 1 else ""
    speed = f" at {min_tps:g}+ tokens/s{each}" if min_tps else ""
    many = f" for {users} users at once (a KV cache each)" if users > 1 else ""
    line = (
        f"At {four.quant.id} and {context:,} context{each}{many}{speed}: dense models up to "
        f"~{four.max_dense_b:g}B"
    )
    if four.dense_examples:
        line += f" (e.g. {four.dense_examples[0].name})"
    if four.max_moe_b > four.max_dense_b * 1.2:
        where = "with the experts in system RAM" if hw.gpus else "with part of the experts on the CPU"
        if not (hw.gpus or hw.soc):
            where = "(only the active experts are read per token)"
        line += f", MoE models up to ~{four.max_moe_b:g}B {where}"
        if four.moe_examples:
            line += f" (e.g. {four.moe_examples[0].name})"
    eight = next((x for x in limits if x.quant.bits >= 8), None)
    if eight is not None and eight is not four:
        line += f"; at {eight.quant.id}, dense up to ~{eight.max_dense_b:g}B"
    return line + "."
