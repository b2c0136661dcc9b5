"""The best models for a rig: those that run well here, ranked by what public evaluations score them.

Quality comes from sizing/data/model_scores.yaml (LMArena, LiveBench; one 0-100 scale): the task's
own score (code, reasoning, vision), else the overall one. MoE models rank by what they score, not by
their active size. A model the boards do not list borrows, conservatively:
1. from its product line: the best score among scored models of the same line released no later
   than it (a newer release of a line is taken to be at least as good as the older one, never better);
   an undated model borrows the line's lowest score;
2. else from its twin, less the boards' noise (5 points): a scored model of another line, of the same
   organisation and shape (total parameters within 3 %, active within 10 %) and released before it,
   e.g. the general model a coder is tuned from. On the task a model is made for (a coder on a code
   question) a twin that is not made for it lends its score for that task whole, and the tuned model
   ranks just above it: it was trained further on that task from it;
3. else it ranks below every scored model, by size and recency.
Otherwise a borrowed score never ranks above an equal own score.

One model per line is listed (the line folds successive releases, reasoning/instruct variants and
vision variants of the same weights; a model the scores file does not list takes the line of a listed
model of its size class, the same organisation, role and kind with parameters within 10 %, or shares
one with the unlisted models of that class): the newest that runs, among those scoring within a few
points of the line's best (the boards' uncertainty), text models before vision variants unless the
task is vision. A model "runs well" when it fits fully on the GPUs, or offloaded at the wished speed,
at Q3_K_M (3.4 bits a weight) or better (sizing/quant_policy.py picks its quantization); on unified
memory only fully on the GPU, inside the share the OS leaves it by default (macOS's wired limit): the
rest is the OS's. `best_heading` words these rules for the rows a list holds.

A line's newest release that no board scores yet (released after every model of the line with a score
of its own was out: its release date, or the snapshot of the board that scores it) is listed right
after the line's scored model, unscored, where it runs well: a new release is compared with its
predecessor, not ranked by a guess below every scored model. A list for a general task (chat, or a
task ranked as chat: roleplay, creative writing; or none) holds no model made
for another task: coders rank on code questions.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from ._bounds import gguf_beyond_gpus, llama_cpp_gpu_room
from ._engines import context_sized, default_backend, default_engine, engine_family
from ._errors import SizingError
from ._overhead import GiB, macos_gpu_wired_limit
from ._pools import assumed_ram_gb, rig_pools
from ._scores import RANKED_AS, ScoreTable, model_scores
from ._speed_evidence import measured_speeds
from ._weights import WeightBytes, weight_bytes
from .catalog import ModelSpec, QuantSpec, active_params, quant_by_id, total_params
from .estimate import Estimate, Sized, complete, ranked, size
from .hardware import Hardware
from .quant_policy import Candidate, pick, placement_rank, quality_band
from .speed import decode_tps_ceiling, host_decode_ceiling
from .vocabulary import DEFAULT_MIN_TPS, SplitMode

__all__ = ["SIZE_BAND", "BestModel", "best_heading", "best_models", "models_of_about", "rank_best"]

# quantizations tried for each model, best quality first (MXFP4-native models keep MXFP4)
_LADDER = ("Q8_0", "Q6_K", "Q5_K_M", "Q4_K_M", "IQ4_XS", "Q3_K_M")
_NOISE = 5.0  # scale points: about the boards' own uncertainty (the fitted scales' residual ~6)
_TWIN_TOTAL = 0.03
_TWIN_ACTIVE = 0.10
_LINE_SIZE = 0.10  # a product line's size class: parameters within this share of each other


# "a 30B-ish model": the catalog models within this factor of a size named, either way
SIZE_BAND = 1.35


def models_of_about(models: Iterable[ModelSpec], sizes_b: Sequence[float]) -> list[ModelSpec]:
    """The catalog models (no generic shapes) of about the sizes named, in billions of parameters."""
    lo, hi = min(sizes_b) / SIZE_BAND, max(sizes_b) * SIZE_BAND
    return [m for m in models if not m.is_generic and lo <= m.params_b <= hi]


@dataclass(frozen=True, slots=True)
class BestModel:
    """One model for the rig: how it runs, how good it is, and where that figure comes from."""

    estimate: Estimate
    quality: float | None  # 0-100 on the scores' reference scale; None: no public score to go by
    basis: str  # the source of `quality`, in words
    # the model of its line listed above it, where this one is that line's newest release and no
    # board scores it yet (shown beside it, unscored, rather than below every scored model)
    newer_than: str | None = None


@dataclass(frozen=True, slots=True)
class _Scored:
    model: ModelSpec
    value: float | None
    own: bool
    basis: str
    line: str
    variant: bool  # a vision variant of a text model
    tuned_for_task: bool = False  # borrows the score of the general model it was tuned from for the task
    # released by this date: its release date, else for a model with a score of its own the date of
    # the board snapshot that scores it (it was out by then); None where neither is known
    out_by: dt.date | None = None

    def key(self) -> tuple[float, int]:
        tie = -1 if self.tuned_for_task else 0 if self.own else 1
        return (-(self.value if self.value is not None else -math.inf), tie)


def _proxy(m: ModelSpec, today: dt.date) -> float:
    """Size and recency, for models no board scores: bigger and newer first."""
    total = max(m.params_b, 0.1)
    active = m.active_params_b or total
    age_years = (today - (m.released or dt.date(2023, 1, 1))).days / 365.25
    return math.log2(total) * 0.6 + math.log2(active) * 0.8 - 0.9 * max(0.0, age_years)


def _suits(m: ModelSpec, task: str | None, table: ScoreTable) -> bool:
    if "embedding" in m.tasks:
        return False
    if task is None or task in ("chat", *RANKED_AS):
        return "base" not in m.tasks and _role(m) != "code"
    if task == "vision":
        entry = table.get(m.id)
        return "vision" in m.tasks or (entry is not None and entry.vision)
    return task in m.tasks


def _twin(m: ModelSpec, other: ModelSpec) -> bool:
    """`other` could be the base `m` was tuned from: same organisation and shape, released before."""
    if m.id == other.id or m.org != other.org or (m.moe is None) != (other.moe is None):
        return False
    if m.released is None or other.released is None or other.released > m.released:
        return False
    if abs(m.params_b - other.params_b) > _TWIN_TOTAL * m.params_b:
        return False
    a, b = m.active_params_b or m.params_b, other.active_params_b or other.params_b
    return abs(a - b) <= _TWIN_ACTIVE * a


def _role(m: ModelSpec) -> str:
    """What a model is made for: its first task (a coder lists code first, a general model chat)."""
    return m.tasks[0] if m.tasks else "chat"


def _specialist(m: ModelSpec, task: str) -> bool:
    return task != "chat" and _role(m) == task


def _size_class(a: ModelSpec, b: ModelSpec) -> bool:
    """Same organisation, role and kind (dense or MoE, text or vision), total and active parameters
    within 10 %: the size class a product line keeps from release to release."""
    if a.org != b.org or _role(a) != _role(b) or (a.moe is None) != (b.moe is None):
        return False
    if ("vision" in a.tasks) != ("vision" in b.tasks):
        return False
    ta, tb = a.params_b, b.params_b
    aa, ab = a.active_params_b or ta, b.active_params_b or tb
    return abs(ta - tb) <= _LINE_SIZE * max(ta, tb) and abs(aa - ab) <= _LINE_SIZE * max(aa, ab)


def _lines(everyone: Sequence[ModelSpec], table: ScoreTable) -> dict[str, str]:
    """The product line of every model: the scores file's, else that of a listed model of its size
    class (Qwen2 0.5B folds with Qwen2.5 0.5B), else one shared by the unlisted models of a size class."""
    listed = [m for m in everyone if table.line(m.id)]
    out = {m.id: table.line(m.id) or "" for m in listed}
    unlisted: list[ModelSpec] = []
    for m in everyone:
        if m.id in out:
            continue
        kin = next((k for k in listed if _size_class(m, k)), None)
        if kin is not None:
            out[m.id] = out[kin.id]
        else:
            unlisted.append(m)
    for m in unlisted:
        if m.id not in out:
            line = f"{m.org}/{m.id}"
            for k in unlisted:
                if k.id not in out and _size_class(m, k):
                    out[k.id] = line
    return out


def _scores(
    pool: Sequence[ModelSpec], everyone: Sequence[ModelSpec], task: str, table: ScoreTable
) -> list[_Scored]:
    by_id = {m.id: m for m in everyone}
    own = {m.id: q for m in everyone if (q := table.quality(m.id, task)) is not None}
    line_of = _lines(everyone, table)
    scored = [m for m in everyone if m.id in own]  # in the catalog's order, as ties are broken
    scored_by_line: dict[str, list[ModelSpec]] = {}
    scored_by_kin: dict[tuple[str, bool], list[ModelSpec]] = {}  # twins share an org and MoE-ness
    for m in scored:
        scored_by_line.setdefault(line_of[m.id], []).append(m)
        scored_by_kin.setdefault((m.org, m.moe is None), []).append(m)
    out: list[_Scored] = []
    for m in pool:
        entry = table.get(m.id)
        variant_of = entry.vision_variant_of if entry is not None else None
        line = line_of[m.id]
        if variant_of is not None and task != "vision":
            line = table.line(variant_of) or line
        q = own.get(m.id)
        if q is not None:
            basis = f"{q.source_name} ({q.snapshot.isoformat()})"
            out_by = m.released or q.snapshot
            out.append(_Scored(m, q.value, True, basis, line, variant_of is not None, out_by=out_by))
            continue
        siblings = [(own[s.id].value, s) for s in scored_by_line.get(line, ()) if s.id != m.id]
        borrowed: tuple[float, ModelSpec] | None = None
        if siblings:
            if m.released is None:
                borrowed = min(siblings, key=lambda v: v[0])
            else:
                older = [v for v in siblings if v[1].released is not None and v[1].released <= m.released]
                borrowed = max(older, key=lambda v: v[0]) if older else None
        penalty = 0.0
        tuned = False
        if borrowed is None:
            kin = scored_by_kin.get((m.org, m.moe is None), ())
            twins = [(own[s.id].value, s) for s in kin if line_of[s.id] != line and _twin(m, s)]
            borrowed = max(twins, key=lambda v: v[0]) if twins else None
            # a tune of another model: below it, by the boards' noise; but a model tuned for the task
            # asked (a coder on a code question) from a general one takes that one's score for the task
            # and ranks just above it (its makers continued its training on the task: the Qwen2.5-Coder
            # Technical Report, arXiv 2409.12186, 5.5T tokens of code over the Qwen2.5 base)
            tuned = borrowed is not None and _specialist(m, task) and not _specialist(borrowed[1], task)
            penalty = 0.0 if tuned else _NOISE
        if borrowed is not None:
            src = own[borrowed[1].id]
            basis = f"no score of its own: as {by_id[borrowed[1].id].name} on the {src.source_name}"
            if penalty:
                basis += f", less {penalty:g} points"
            if tuned:
                basis += f", which it is tuned from for {task}"
            out.append(_Scored(m, borrowed[0] - penalty, False, basis, line, variant_of is not None, tuned))
        else:
            basis = "no public score: ranked below scored models, by size and recency"
            out.append(_Scored(m, None, False, basis, line, variant_of is not None))
    return out


@dataclass(frozen=True, slots=True)
class _Bounds:
    """What the rig allows at most, from its pools alone (no placement worked out)."""

    room: float  # bytes of memory in all, GPUs and system RAM, unified memory once
    fastest_gbs: float  # the fastest memory's bandwidth
    gpu_room: float  # bytes the GPUs hold at most (inf where the GPUs share system RAM)
    host_gbs: float  # system RAM's bandwidth
    engine: str | None  # the engine an estimate defaults to, when it keeps the rest in RAM (GGUF)
    backend: str = "cpu"  # the backend an estimate defaults to
    sized_engine: str = ""  # the engine an estimate defaults to, whatever it is
    # unified memory: only what the GPU's share holds runs well; the rest of the memory is the OS's
    # (macOS keeps its default wired limit's remainder) and running on its CPU cores instead is slower
    gpu_only: bool = False


_UNBOUNDED = _Bounds(math.inf, math.inf, math.inf, math.inf, None)
_HOST_OFFLOAD_ENGINES = ("llama.cpp", "ollama", "lmstudio")


def _rig_bounds(hw: Hardware) -> _Bounds:
    """Upper bounds on the weights any placement holds and on how fast it can read them."""
    try:
        backend = default_backend(hw)
        rig = rig_pools(hw, backend, margin=0)
        engine = default_engine(hw, backend)
    except SizingError:
        return _UNBOUNDED
    unified = any(p.unified for p in rig.gpus)
    return _Bounds(
        rig.capacity,
        max([rig.cpu.bandwidth_gbs, *(p.bandwidth_gbs for p in rig.gpus)]),
        math.inf if unified else sum(p.total for p in rig.gpus),
        rig.cpu.bandwidth_gbs,
        engine if engine in _HOST_OFFLOAD_ENGINES else None,
        backend,
        engine,
        unified,
    )


def _gpu_room(m: ModelSpec, hw: Hardware, context: int | None, bounds: _Bounds) -> float:
    """The most weight bytes the GPUs hold for `m`: their memory, and for llama.cpp what its fit
    margin and compute buffers leave of it (sizing/_bounds.py)."""
    if bounds.engine != "llama.cpp" or math.isinf(bounds.gpu_room):
        return bounds.gpu_room
    ctx = context_sized(m, context)
    return min(bounds.gpu_room, llama_cpp_gpu_room(m, hw, context=ctx, backend=bounds.backend))


def _host_too_slow(
    m: ModelSpec, w: WeightBytes, q: QuantSpec, bounds: _Bounds, min_tps: float, gpu_room: float
) -> bool:
    """Whether what the GPUs cannot hold (`gpu_room` bytes at most) leaves system RAM too slow for
    `min_tps` however it is placed: the layers and experts past the GPUs' memory stay in RAM and are
    read there, each token (routed experts at their active share, the least any placement reads)."""
    if bounds.engine is None:
        return False
    share = m.moe.active / m.moe.experts if m.moe is not None else 1.0
    in_ram = w.repeating + w.output - gpu_room
    if in_ram <= 0:
        return False
    return host_decode_ceiling(in_ram * share, bounds.host_gbs, quant=q, engine=bounds.engine) < min_tps


_PARTIAL = placement_rank("partial")  # the best placement of a model not fully on the GPUs


def _beyond_gpus(m: ModelSpec, q: QuantSpec, hw: Hardware, context: int | None, bounds: _Bounds) -> bool:
    """Memory only: `m` at `q` certainly does not fit fully on the GPUs (sizing/_bounds.py)."""
    if not bounds.sized_engine:
        return False
    ctx = context_sized(m, context)
    return gguf_beyond_gpus(
        m, q, hw, context=ctx, engine=bounds.sized_engine, backend=bounds.backend, kv_type="f16"
    )


@functools.lru_cache(maxsize=1024)  # pure in the model: the same ladder on every rig
def _ladder(m: ModelSpec) -> tuple[tuple[tuple[QuantSpec, int, WeightBytes], ...], float]:
    """The quantizations tried for `m`, best quality first, each with its quality band and weight
    bytes; and the least weight bytes of any of them."""
    ids = _LADDER if m.native_dtype != "mxfp4" else ("MXFP4",)
    rungs = tuple((q, quality_band(q.kld), weight_bytes(m, q)) for q in map(quant_by_id, ids))
    return rungs, min(w.total for _, _, w in rungs)


def _no_room(weights: float, share: float, bounds: _Bounds, min_tps: float) -> bool:
    """No placement here holds `weights` bytes, or no memory here streams the `share` of them a
    token reads `min_tps` times a second (both only truer of more bytes)."""
    return weights > bounds.room or bounds.fastest_gbs * 1e9 / (weights * share) < min_tps


def _runs_well(
    m: ModelSpec, hw: Hardware, context: int | None, min_tps: float, bounds: _Bounds
) -> tuple[Sized, tuple[SplitMode, float]] | None:
    """The quantization the policy picks among those that run well (Q3_K_M or better, on the GPUs
    or at the wished speed), sized, with its decode choice (which `complete` takes back), or None.
    Bounds come before work: a quantization no memory here holds or streams fast enough is not
    sized, a placement that cannot reach the speed gets no speed model, and the speed worked out is
    the decode rate alone (`complete` adds the rest for the models shown). Among options that all
    run at the wished speed the policy takes the best band, then the best placement, then the best
    quality: once one runs well, a quantization that would not be taken over it even fully on the
    GPUs is not sized, and one whose placement leaves it behind is given no speed."""
    rungs, lightest = _ladder(m)
    share = active_params(m) / total_params(m)
    if _no_room(lightest, share, bounds, min_tps):
        return None  # not even the smallest quantization is held or streamed fast enough here
    # each option sized, with its decode speed; None where that speed is not worked out yet
    tried: list[tuple[Sized, float | None, tuple[SplitMode, float] | None]] = []
    leader: tuple[int, int, float] | None = None  # (band, placement rank, KLD) of the pick so far

    def behind(band: int, rank: int, kld: float) -> bool:
        """Not picked over the leader: worse band or placement, or worse quality in the same ones,
        except offloaded, where a smaller quantization of the same band may be picked for its speed
        (sizing/quant_policy.py, step 4)."""
        if leader is None:
            return False
        if leader[1] >= _PARTIAL and (band, rank) == leader[:2]:
            return False
        return (band, rank, kld) >= leader

    gpu_room: float | None = None  # worked out for the first quantization that needs it
    for q, band, w in rungs:
        if behind(band, 0, q.kld):
            continue  # not picked over the leader even fully on the GPUs
        if _no_room(w.total, share, bounds, min_tps):
            continue  # no placement holds it, or no memory here streams it that often
        if gpu_room is None:
            gpu_room = _gpu_room(m, hw, context, bounds)
        if _host_too_slow(m, w, q, bounds, min_tps, gpu_room):
            continue  # what stays in system RAM is read too slowly there
        if (bounds.gpu_only or behind(band, _PARTIAL, q.kld)) and _beyond_gpus(m, q, hw, context, bounds):
            continue  # not fully on the GPUs for certain: placed no better than the leader, or not at all
        try:
            sized = size(m, hw, quant=q, context=context, evidence=False)
            mem = sized.memory
            if mem.placement.verdict == "no":
                continue
            rank = placement_rank(mem.placement.verdict)
            if bounds.gpu_only and rank > 0:
                continue  # on unified memory, only the GPU's share runs well
            if behind(band, rank, q.kld):
                continue  # placed no better than the leader, at no better quality
            if (
                decode_tps_ceiling(mem, backend=sized.backend, quant=sized.quant, engine=sized.engine)
                < min_tps
            ):
                continue  # its placement cannot run at the wished speed
            if leader is not None and leader[1] >= _PARTIAL and (band, rank) == leader[:2]:
                # offloaded in the leader's band and placement: its speed matters only where that
                # band and placement is the pick's (worked out below), and the leader stays the
                # leader of that band and placement whatever it is
                tried.append((sized, None, None))
                continue
            ranked_as, decoded = ranked(sized)  # one user, no depth: what `complete` takes back
            tps = ranked_as.speed.decode_tps
        except SizingError:
            break
        tried.append((sized, tps, decoded))
        if tps >= min_tps:
            leader = (band, rank, q.kld)
    usable = [(sz, tps, d) for sz, tps, d in _speeds_where_they_matter(tried, min_tps) if tps >= min_tps]
    if not usable:
        return None
    i = pick([Candidate(sz.quant.kld, sz.memory.placement.verdict, tps) for sz, tps, _ in usable], min_tps)
    return (usable[i][0], usable[i][2]) if i is not None else None


def _group(s: Sized) -> tuple[int, int]:
    return quality_band(s.quant.kld), placement_rank(s.memory.placement.verdict)


def _speeds_where_they_matter(
    tried: Sequence[tuple[Sized, float | None, tuple[SplitMode, float] | None]], min_tps: float
) -> list[tuple[Sized, float, tuple[SplitMode, float]]]:
    """The options `pick` reads, each with its decode speed: those whose speed was left for later
    are ranked now where their band and placement may be the pick's (no option that runs at the
    wished speed is in a better band, or in a better placement of the same band), and left out
    otherwise: `pick` takes the best band, then the best placement, of those at the wished speed,
    and each such group left holds its usable leader, so an option of it changes neither."""
    groups = [_group(sz) for sz, tps, _ in tried if tps is not None and tps >= min_tps]
    best = min(groups, default=None)
    out: list[tuple[Sized, float, tuple[SplitMode, float]]] = []
    for sz, tps, decoded in tried:
        if tps is not None and decoded is not None:
            out.append((sz, tps, decoded))
        elif best is None or _group(sz) <= best:
            ranked_as, later = ranked(sz)
            out.append((sz, ranked_as.speed.decode_tps, later))
    return out


def _with_evidence(m: ModelSpec, hw: Hardware, e: Estimate) -> Estimate:
    found = measured_speeds(m, hw, quant=e.quant.id, engine=e.engine, split_mode=e.speed.split_mode)
    return replace(e, measured=found)


def rank_best(
    models: Iterable[ModelSpec],
    hw: Hardware,
    *,
    context: int | None = None,
    task: str | None = None,
    min_tps: float = DEFAULT_MIN_TPS,
    limit: int = 10,
    today: dt.date | None = None,
) -> list[BestModel]:
    """Models that run well on this rig, best first, one per product line (see the module text)."""
    today = today or dt.date.today()
    bounds = _rig_bounds(hw)
    found: list[tuple[_Scored, tuple[Sized, tuple[SplitMode, float]]]] = []
    lines: dict[str, tuple[_Scored, ...]] = {}
    for best_value, members in _ranked_lines(_Models(tuple(models)), task, today):
        if len(found) >= limit:
            floor = min((s.value for s, _ in found if s.value is not None), default=None)
            if best_value is None or floor is None or best_value <= floor:
                break  # no later line can outrank what is listed
        for s in members:
            if context is not None and context > s.model.max_context:
                continue  # trained on less than the context asked: no use at that length
            e = _runs_well(s.model, hw, context, min_tps, bounds)
            if e is not None:
                found.append((s, e))
                lines[s.line] = members
                break
    found.sort(key=lambda f: (f[0].value is None, *f[0].key(), -_proxy(f[0].model, today)))
    out: list[BestModel] = []
    for s, sized in found:
        out.append(BestModel(_with_evidence(s.model, hw, complete(*sized)), s.value, s.basis))
        newest = _unscored_newest(s, lines.get(s.line, ()))
        if newest is None or (context is not None and context > newest.model.max_context):
            continue
        e = _runs_well(newest.model, hw, context, min_tps, bounds)
        if e is not None:
            basis = f"no public score yet: the newest release of its line, after {s.model.name}"
            out.append(BestModel(_with_evidence(newest.model, hw, complete(*e)), None, basis, s.model.name))
    return out[:limit]


def _unscored_newest(listed: _Scored, members: Sequence[_Scored]) -> _Scored | None:
    """The newest release of `listed`'s line where no board scores it yet: released after every
    model of the line with a score of its own was out (its release, or the board snapshot that scores
    it), so it is newer than each of them; a new release is compared with its scored predecessor,
    not ranked by a guess below every scored model. None where `listed` has no score of its own."""
    if not listed.own:
        return None
    unscored = [m for m in members if not m.own and not m.variant and m.model.released is not None]
    if not unscored:
        return None
    newest = max(unscored, key=lambda m: m.model.released or dt.date.min)
    released = newest.model.released
    scored = [m.out_by for m in members if m.own]
    if released is None or any(d is None or d >= released for d in scored):
        return None
    return newest


@dataclass(frozen=True, slots=True, eq=False)
class _Models:
    """The models a ranking is asked over, as a cache key: the same spec objects (a catalog's, listed
    afresh for each question) are the same key, without hashing every spec at every question. The key
    holds its specs, so no object id in it is reused while it is cached; equal specs that are other
    objects only miss the cache."""

    specs: tuple[ModelSpec, ...]

    def __hash__(self) -> int:
        return hash(tuple(map(id, self.specs)))

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, _Models)
            and len(self.specs) == len(other.specs)
            and all(a is b for a, b in zip(self.specs, other.specs, strict=True))
        )


@functools.lru_cache(maxsize=16)  # pure in the catalog, the task and the day; the same for every rig
def _ranked_lines(
    models: _Models, task: str | None, today: dt.date
) -> tuple[tuple[float | None, tuple[_Scored, ...]], ...]:
    """The product lines that suit `task`, best first, each with its best score and its members in
    the order they are tried (`_line_order`)."""
    everyone = models.specs
    table = model_scores()
    pool = [m for m in everyone if _suits(m, task, table)]
    scored = _scores(pool, everyone, task or "chat", table)
    lines: dict[str, list[_Scored]] = {}
    for s in scored:
        lines.setdefault(s.line, []).append(s)

    def line_key(members: list[_Scored]) -> tuple[int, float, float]:
        values = [s.value for s in members if s.value is not None]
        if values:
            return (0, -max(values), 0.0)
        return (1, 0.0, -max(_proxy(s.model, today) for s in members))

    ranked = []
    for members in sorted(lines.values(), key=line_key):
        best_value = max((s.value for s in members if s.value is not None), default=None)
        ranked.append((best_value, tuple(_line_order(members, best_value, today))))
    return tuple(ranked)


def _line_order(members: list[_Scored], best: float | None, today: dt.date) -> list[_Scored]:
    """Who speaks for a line: the newest of those within the boards' noise of the line's best score
    (text models before vision variants), then the rest by score."""
    oldest = dt.date.min

    def near(s: _Scored) -> bool:
        return best is None or (s.value is not None and s.value >= best - _NOISE)

    first = sorted(
        (s for s in members if near(s)),
        key=lambda s: (s.variant, -(s.model.released or oldest).toordinal(), s.key()),
    )
    rest = sorted((s for s in members if not near(s)), key=lambda s: (s.variant, *s.key()))
    if best is None:
        first.sort(key=lambda s: (s.variant, -_proxy(s.model, today)))
    return first + rest


def best_models(
    models: Iterable[ModelSpec],
    hw: Hardware,
    *,
    context: int | None = None,
    task: str | None = None,
    min_tps: float = DEFAULT_MIN_TPS,
    limit: int = 10,
    today: dt.date | None = None,
) -> list[Estimate]:
    """The estimates of `rank_best`, best first."""
    return [
        b.estimate
        for b in rank_best(models, hw, context=context, task=task, min_tps=min_tps, limit=limit, today=today)
    ]


def _floor_bits(found: Sequence[BestModel]) -> str:
    """Bits a weight of the lowest quantization a list admits, in words: Q3_K_M keeps some tensors at
    4-6 bits, so its layers average above its 3.44-bit Q3_K blocks, by an amount that differs per
    model: 'about 3.8-4.3 bits a weight in these models' layers' (one number where they round alike);
    the blocks' own width for an empty list. Counted over the repeating layers: token embeddings
    (and small models' per-layer embedding tables) are kept at other widths and would make a 2B
    model's file average look like 11 bits."""
    floor = quant_by_id(_LADDER[-1])
    bits = sorted(b for b in (_layer_bits(x.estimate.model, floor) for x in found) if b is not None)
    if not bits:
        return f"{floor.bits:.1f} bits a weight in its blocks"
    lo, hi = f"{bits[0]:.1f}", f"{bits[-1]:.1f}"
    span = lo if lo == hi else f"{lo}-{hi}"
    return f"about {span} bits a weight in these models' layers"


def _layer_bits(model: ModelSpec, quant: QuantSpec) -> float | None:
    """Bits a weight of `quant` over the model's repeating layers (embedding and output apart)."""
    w = weight_bytes(model, quant)
    embedding_params = model.vocab * model.hidden * (1 if model.tied_embeddings else 2)
    params = total_params(model) - embedding_params
    layer_bytes = sum(w.layer_dense) + sum(w.layer_experts)
    return layer_bytes * 8 / params if params > 0 and layer_bytes > 0 else None


def best_heading(
    found: Sequence[BestModel], hw: Hardware, *, min_tps: float, wished: bool, sources: str
) -> str:
    """How a best list was made, in words true of every row it holds: how it is ranked (the public
    evaluations `sources` where the rows have scores), where the rows run (the GPUs; on a Mac within
    macOS's default share of the memory; offloaded or on the CPU only at the speed named), and the
    memory assumed where the question did not say it."""
    scored = sum(1 for b in found if b.quality is not None)
    newer = sum(1 for b in found if b.newer_than is not None)
    per = "one model per product line (a maker's models of one role and size class)"
    if found and scored + newer == len(found):
        ranked = f"ranked by public evaluations ({sources}), {per}"
    elif scored:
        ranked = (
            f"ranked by public evaluations ({sources}), {per}; the models no board scores after them, "
            "by size and recency"
        )
    else:
        ranked = f"{per}, ranked by size and recency (no public evaluation scores them)"
    if newer:
        ranked += "; a line's newest release no board scores yet is listed, unscored, after its predecessor"
    verdicts = {b.estimate.verdict for b in found}
    apple = hw.soc is not None and hw.soc.spec is not None and hw.soc.spec.vendor == "apple"
    unified_gb = hw.sized_unified_gb
    if apple and unified_gb is not None:
        # in the tables' unit (GB, 10^9 bytes): a Mac sold with 128 GB has 128 GiB, 137.4 GB
        total = unified_gb * GiB
        share, of = macos_gpu_wired_limit(total) / 1e9, total / 1e9
        where = f"fully on the GPU within macOS's default share of memory ({share:.1f} of its {of:.1f} GB)"
    elif verdicts <= {"gpu"}:
        where = "fully on the GPU"
    else:
        wish = "as asked" if wished else "the default wish"
        slower = [w for v, w in (("partial", "partly offloaded"), ("cpu", "on the CPU")) if v in verdicts]
        place = " or ".join(slower)
        if "gpu" in verdicts:
            place = f"fully on the GPU, or {place}"
        where = f"{place} at {min_tps:g} tokens/s or more ({wish})"
    builds = list(dict.fromkeys(b.estimate.quant.id for b in found))
    if found and all(
        b.estimate.quant.format != "gguf" or engine_family(b.estimate.engine) != "gguf" for b in found
    ):
        # an engine or format asked that loads no GGUF ladder (vLLM, MLX, "with fp8"): the builds listed
        text = f"Among models that run here as {', '.join(builds)} builds, {where}: {ranked}."
    else:
        text = (
            f"Among models that run here at {_LADDER[-1]} ({_floor_bits(found)}) or "
            f"better, {where}: {ranked}."
        )
    if apple and hw.unified_memory_gb is None and unified_gb is not None and hw.soc is not None:
        text += f" Memory not stated: assumed {unified_gb:g} GB, the least the {hw.soc.name} is sold with."
    elif hw.ram_gb is None and hw.soc is None and verdicts - {"gpu"}:
        text += f" System RAM not stated: assumed {assumed_ram_gb(hw):g} GB."
    return text
