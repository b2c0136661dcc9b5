"""Placement: which device holds which layers, experts and caches, the way each engine does it.

llama.cpp family (llama.cpp, Ollama, LM Studio): layers split across GPUs in proportion to their
free memory with the output layer on the last one; when the model does not fit, MoE models move
routed experts of the first layers to system RAM (--n-cpu-moe, what --fit does first), dense models
keep the first layers on the CPU (-ngl N). The token embedding always stays in host memory.
"""

from __future__ import annotations

import functools
import itertools
import operator
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ._engine_fit import Fit, Setting, fit_status
from ._kv import KvBytes
from ._overhead import HOST_COMPUTE, RAM_OS_RESERVE, GiB, gguf_compute_buffer, kq_mask_bytes
from ._pools import Pool, Rig
from ._weights import WeightBytes
from .catalog import ModelSpec
from .vocabulary import DeviceKind, Strategy, Verdict

__all__ = ["KV_POOL_PART", "DeviceLoad", "Placement", "place_gguf", "split_layers", "split_runs"]


KV_POOL_PART = "KV pool (preallocated)"  # the part of an engine's memory it keeps for KV blocks


@dataclass(frozen=True, slots=True)
class DeviceLoad:
    """What one device holds, in bytes."""

    name: str
    kind: DeviceKind
    total: float
    usable: float
    weights: float
    kv: float
    compute: float
    runtime: float
    layers: int  # repeating layers whose attention/dense weights sit here
    expert_layers: int  # layers whose routed experts sit here
    holds_output: bool
    bandwidth_gbs: float
    weight_read: float  # weight bytes a generated token reads here (active experts only)
    unified: bool = False
    # memory assumed taken outside the engine on this device (the desktop's share of a display GPU);
    # not part of `used`, but counted against `total` when judging how comfortable a fit is
    reserve: float = 0.0
    # what `compute` + `runtime` hold, by name (engine-specific: activation peak, CUDA graphs ...)
    parts: tuple[tuple[str, float], ...] = ()

    @property
    def used(self) -> float:
        return self.weights + self.kv + self.compute + self.runtime

    @property
    def free(self) -> float:
        return self.total - self.used

    @property
    def fits(self) -> bool:
        return self.weights + self.kv + self.compute <= self.usable + 1


@dataclass(frozen=True, slots=True)
class Placement:
    verdict: Verdict
    strategy: Strategy
    gpu_layers: int  # repeating layers on GPUs (llama.cpp -ngl is this + 1 when the output is there too)
    cpu_moe_layers: int  # --n-cpu-moe: layers whose routed experts stay in system RAM
    devices: tuple[DeviceLoad, ...]
    shortfall: float = 0.0  # bytes missing when the verdict is "no"
    tight: bool = False  # fits only with settings the engine does not pick itself, or inside its margins
    notes: tuple[str, ...] = field(default_factory=tuple)
    tensor_parallel: int = 1
    settings: tuple[Setting, ...] = ()  # what turns a tight fit into a comfortable one
    engine_defaults: tuple[tuple[str, str], ...] = ()  # the engine defaults this placement assumes
    # GPUs that run attention data-parallel (vLLM/SGLang, MLA MoE models): each holds the KV cache of
    # its own sequences only; 1 where attention is split or replicated by tensor parallel
    data_parallel: int = 1

    @property
    def fit(self) -> Fit:
        return fit_status(self.verdict, self.tight)

    @property
    def gpu_devices(self) -> tuple[DeviceLoad, ...]:
        return tuple(d for d in self.devices if d.kind == "gpu")

    @property
    def sequences_held(self) -> int:
        """How many sequences of the context the memory holds a KV cache for at once: an engine's
        preallocated KV pool over one sequence's cache (vLLM, SGLang), else what each device has left
        within what the engine may use, plus the one placed; the device that runs out first decides,
        except under data-parallel attention, where each GPU holds its own sequences and the counts add."""
        held: list[int] = []
        for d in self.devices:
            if d.kv <= 0:
                continue
            pool = sum(size for name, size in d.parts if name == KV_POOL_PART)
            room = pool if pool > 0 else d.usable - d.used + d.kv
            held.append(max(0, int(room / d.kv)))
        if not held:
            return 0
        return sum(held) if self.data_parallel > 1 else min(held)


def split_layers(layer_bytes: Sequence[float], caps: Sequence[float], tail: float) -> list[list[int]] | None:
    """Contiguous runs of layers per device (in order), each within its cap; the last device also
    holds `tail` (the output layer). Proportional to capacity like llama.cpp's default tensor split,
    else filled in order. None when it cannot fit."""
    runs = split_runs(layer_bytes, caps, tail)
    return None if runs is None else [list(range(a, b)) for a, b in runs]


def split_runs(
    layer_bytes: Sequence[float], caps: Sequence[float], tail: float
) -> list[tuple[int, int]] | None:
    """`split_layers` as the run a..b (layers a to b-1) each device holds."""
    n_dev = len(caps)
    n = len(layer_bytes)
    if n_dev == 0:
        return None if layer_bytes or tail else []
    total = sum(layer_bytes) + tail
    cap_total = sum(caps)
    if total > cap_total + 1:
        return None
    if n_dev == 1:  # what the passes below come to for one device: everything on it, or nothing
        load = functools.reduce(operator.add, layer_bytes, 0.0) + tail
        return [(0, n)] if load <= caps[0] + 1 else None
    targets = [c * total / cap_total for c in caps] if cap_total > 0 else list(caps)
    # each device takes layers until the next would overshoot its target by more than half of it
    last = n_dev - 1
    starts = [0] * n_dev
    loads = [0.0] * n_dev
    d = 0
    load = 0.0
    target = targets[0]
    for i, b in enumerate(layer_bytes):
        while d < last and load + b > target + 0.5 * b:
            loads[d] = load
            d += 1
            starts[d] = i
            load = 0.0
            target = targets[d]
        load += b
    loads[d] = load
    for k in range(d + 1, n_dev):
        starts[k] = n
    loads[-1] += tail
    if all(loads[k] <= caps[k] + 1 for k in range(n_dev)):
        return [(starts[k], starts[k + 1] if k < last else n) for k in range(n_dev)]
    # fill in order, keeping room on the last device for the tail
    starts = [0] * n_dev
    d = 0
    load = 0.0
    for i, b in enumerate(layer_bytes):
        while load + b + (tail if d == last else 0) > caps[d] + 1:
            d += 1
            if d == n_dev:
                return None
            starts[d] = i
            load = 0.0
        load += b
    for k in range(d + 1, n_dev):
        starts[k] = n
    if d < last and tail > caps[-1] + 1:
        return None
    if d == last and load + tail > caps[-1] + 1:
        return None
    return [(starts[k], starts[k + 1] if k < last else n) for k in range(n_dev)]


def layers_fit(layer_bytes: Sequence[float], caps: Sequence[float], tail: float) -> bool:
    """Whether `split_layers` finds a split (the same answer, without making one): contiguous runs
    exist exactly when filling each device in order as far as it goes places every layer, since a
    device that takes more leaves less to the rest (bytes are never negative)."""
    n_dev = len(caps)
    if n_dev == 0:
        return not (layer_bytes or tail)
    if sum(layer_bytes) + tail > sum(caps) + 1:
        return False
    last = n_dev - 1
    if last == 0:
        return functools.reduce(operator.add, layer_bytes, 0.0) + tail <= caps[0] + 1
    d = 0
    load = 0.0
    room = caps[0] + 1
    for b in layer_bytes:
        while load + b + (tail if d == last else 0) > room:
            d += 1
            if d > last:
                return False
            load = 0.0
            room = caps[d] + 1
        load += b
    return load + tail <= caps[last] + 1 if d == last else tail <= caps[last] + 1


@dataclass(frozen=True, slots=True)
class _Model:
    """Per-layer bytes of one estimate (weights and cache), with the read-per-token figures."""

    dense: tuple[float, ...]
    experts: tuple[float, ...]
    kv: tuple[float, ...]
    active_expert_fraction: float  # routed expert bytes a token reads / routed expert bytes
    output: float
    embedding: float  # host memory whatever -ngl says: the token embedding and the tables looked up by token
    extra: float  # the other loaded extras (an attention gate, a projector): on the first GPU, else in RAM
    kv_cells: int
    flash_attention: bool  # sizes the compute buffers, as does the micro-batch
    ubatch: int
    # per layer: dense weights + cache (its routed experts elsewhere), and with the experts too
    held: tuple[float, ...] = ()
    held_with_experts: tuple[float, ...] = ()
    # running totals of `held` and `held_with_experts` (entry i: layers before i), and of the
    # layers with routed experts: every split tried reads its sums from these in constant time
    held_before: tuple[float, ...] = (0.0,)
    with_experts_before: tuple[float, ...] = (0.0,)
    expert_layers_before: tuple[int, ...] = (0,)

    def on_gpus(self, first: int, experts_from: int) -> list[float]:
        """Bytes per layer of the layers `first`.. on the GPUs, experts held for layers from
        `experts_from` on (--n-cpu-moe keeps the experts of the layers before it in RAM)."""
        k = max(first, experts_from)
        return [*self.held[first:k], *self.held_with_experts[k:]]

    def gpu_bytes(self, first: int, experts_from: int, end: int) -> float:
        """Bytes of `on_gpus(first, experts_from)` for the layers before `end` (first <= end)."""
        k = min(max(first, experts_from), end)
        h, w = self.held_before, self.with_experts_before
        return h[k] - h[first] + w[end] - w[k]

    def expert_layers(self, a: int, b: int) -> int:
        """Layers among a..b-1 (a <= b) that have routed experts."""
        return self.expert_layers_before[b] - self.expert_layers_before[a]

    def runs_fit(self, first: int, experts_from: int, caps: Sequence[float], tail: float) -> bool:
        """`layers_fit(self.on_gpus(first, experts_from), caps, tail)`, from the running totals:
        each device in turn takes the longest run of layers it holds (a bisection), the last one
        the rest with the tail."""
        n = len(self.held)
        first = min(first, n)
        last = len(caps) - 1
        if last < 0:
            return first >= n and not tail
        total = self.gpu_bytes(first, experts_from, n)
        if total + tail > sum(caps) + 1:
            return False
        if last == 0:
            return True  # one device: the check above is the whole test
        h, w = self.held_before, self.with_experts_before
        k0 = max(first, experts_from)
        start = first
        for d in range(last):
            room = caps[d] + 1
            base = self.gpu_bytes(first, experts_from, start)
            lo, hi = start, n  # the longest run start..lo that fits this device
            while lo < hi:
                mid = (lo + hi + 1) // 2
                k = k0 if k0 < mid else mid  # gpu_bytes(first, experts_from, mid), inline
                if h[k] - h[first] + w[mid] - w[k] - base <= room:
                    lo = mid
                else:
                    hi = mid - 1
            start = lo
            if start == n:
                break
        rest = total - self.gpu_bytes(first, experts_from, start)
        return rest + tail <= caps[last] + 1


class _Gpus:
    """The GPUs of one placement: the compute buffer each needs (the last holds the output layer),
    and the room left for layers, worked out once for every split tried."""

    def __init__(self, m: _Model, spec: ModelSpec, gpus: Sequence[Pool], input_copies: int = 1) -> None:
        self.m = m
        self.pools = gpus
        # `input_copies` > 1: llama.cpp's pipeline over a layer split keeps that many copies of each
        # device's graph inputs, the KQ mask the large one (_overhead.SCHED_PIPELINE_COPIES)
        extra_masks = (input_copies - 1) * kq_mask_bytes(
            m.kv_cells, flash_attention=m.flash_attention, ubatch=m.ubatch
        )
        self.computes = [
            gguf_compute_buffer(
                spec,
                m.kv_cells,
                flash_attention=m.flash_attention,
                holds_output=k == len(gpus) - 1,
                ubatch=m.ubatch,
            )
            + extra_masks
            for k in range(len(gpus))
        ]
        caps = [p.usable - c for p, c in zip(gpus, self.computes, strict=True)]
        if caps:
            caps[0] -= m.extra
        self.caps = caps
        self._none_fit = bool(caps) and min(caps) < 0  # a GPU without room for its compute buffer
        # one GPU holds every layer asked of it, or none: its test is the bytes against its room
        self._one_room = caps[0] + 1 if len(caps) == 1 else None

    def split(self, first: int, experts_from: int) -> list[tuple[int, int]] | None:
        """Layers `first`.. (with the output layer) over the GPUs, experts for layers from
        `experts_from` on, as the run of layers each GPU holds (counted from `first`); None when
        they do not fit."""
        if not self.pools:
            return [] if first >= len(self.m.held) else None
        if min(self.caps) < 0:
            return None
        if len(self.pools) == 1:  # one GPU holds every layer asked of it, or none (`fits` says which)
            return [(0, max(0, len(self.m.held) - first))] if self.fits(first, experts_from) else None
        return split_runs(self.m.on_gpus(first, experts_from), self.caps, self.m.output)

    def fits(self, first: int, experts_from: int) -> bool:
        if not self.pools:
            return first >= len(self.m.held)
        if self._none_fit:
            return False
        room = self._one_room
        if room is not None:  # `runs_fit` for one device, inline: the searches ask it at every step
            m = self.m
            n = len(m.held)
            first = min(first, n)
            k = min(max(first, experts_from), n)
            h, w = m.held_before, m.with_experts_before
            return not (h[k] - h[first] + w[n] - w[k] + m.output > room)
        return self.m.runs_fit(first, experts_from, self.caps, self.m.output)

    def loads(self, first: int, experts_from: int) -> list[DeviceLoad] | None:
        """What each GPU holds for the split `first`, `experts_from`; None when it does not fit."""
        if not self.fits(first, experts_from):
            return None
        m = self.m
        if self._one_room is not None:  # one GPU: every layer asked of it (`split`, without a second test)
            split: list[tuple[int, int]] | None = [(0, max(0, len(m.held) - first))]
        else:
            split = self.split(first, experts_from)
        if split is None:
            return None
        loads: list[DeviceLoad] = []
        for k, (pool, (start, end)) in enumerate(zip(self.pools, split, strict=True)):
            # each device holds one contiguous run of layers: a..b
            a, b = (first + start, first + end) if end > start else (first, first)
            dense = sum(m.dense[a:b])
            exp = sum(m.experts[max(a, experts_from) : b])
            kv = sum(m.kv[a:b])
            last = k == len(self.pools) - 1
            weights = dense + exp + (m.output if last else 0.0) + (m.extra if k == 0 else 0.0)
            read = dense + exp * m.active_expert_fraction + (m.output if last else 0.0)
            loads.append(
                DeviceLoad(
                    pool.name,
                    "gpu",
                    pool.total,
                    pool.usable,
                    weights,
                    kv,
                    self.computes[k],
                    pool.runtime,
                    b - a,
                    m.expert_layers(min(max(a, experts_from), b), b),
                    last,
                    pool.bandwidth_gbs,
                    read,
                    pool.unified,
                    pool.reserve,
                    _parts(("compute buffer", self.computes[k]), (_runtime_words(pool), pool.runtime)),
                )
            )
        return loads

    def idle(self) -> list[DeviceLoad]:
        """Each GPU holding no layer (its compute buffer and runtime only): a miss where not one layer
        fits on them still shows them."""
        return [
            DeviceLoad(
                pool.name,
                "gpu",
                pool.total,
                pool.usable,
                0.0,
                0.0,
                self.computes[k],
                pool.runtime,
                0,
                0,
                False,
                pool.bandwidth_gbs,
                0.0,
                pool.unified,
                pool.reserve,
                _parts(("compute buffer", self.computes[k]), (_runtime_words(pool), pool.runtime)),
            )
            for k, pool in enumerate(self.pools)
        ]


def _runtime_words(pool: Pool) -> str:
    """What the runtime's own memory is on this GPU: a CUDA context on NVIDIA, the driver's elsewhere."""
    vendor = pool.spec.vendor if pool.spec is not None else "nvidia"
    return "runtime (CUDA context)" if vendor == "nvidia" else "runtime (driver context)"


def _parts(*parts: tuple[str, float]) -> tuple[tuple[str, float], ...]:
    """The named parts of a device's overhead that take memory."""
    return tuple(p for p in parts if p[1] > 0)


def _cpu_load(
    m: _Model,
    spec: ModelSpec,
    cpu: Pool,
    dense_layers: int,
    expert_layers: int,
    *,
    holds_output: bool,
    gpu_used_unified: float,
    gpu_share_unified: float = 0.0,
    holds_extra: bool = False,
) -> DeviceLoad:
    """System RAM holding the first `dense_layers` layers and the routed experts of the first
    `expert_layers` (what -ngl and --n-cpu-moe leave there). On unified memory its capacity is what
    the GPUs' shares (`gpu_share_unified`, or what they use where that is more) leave of the machine,
    so the rows add up to the machine's memory; what it may fill is what the GPUs' use leaves."""
    dense = sum(m.dense[:dense_layers])
    kv = sum(m.kv[:dense_layers])
    exp = sum(m.experts[:expert_layers])
    weights = (
        m.embedding + dense + exp + (m.output if holds_output else 0.0) + (m.extra if holds_extra else 0.0)
    )
    busy = dense_layers > 0 or holds_output
    compute = HOST_COMPUTE + (
        gguf_compute_buffer(
            spec, m.kv_cells, flash_attention=m.flash_attention, holds_output=holds_output, ubatch=m.ubatch
        )
        if busy
        else 0.0
    )
    usable = max(0.0, cpu.usable - gpu_used_unified)
    read = dense + exp * m.active_expert_fraction + (m.output if holds_output else 0.0)
    left = cpu.total - gpu_used_unified  # unified memory: what the GPUs' use leaves
    if gpu_share_unified > gpu_used_unified:  # their shares shown as theirs, so the rows add up
        left = max(cpu.total - gpu_share_unified, min(left, weights + kv + compute))
    return DeviceLoad(
        cpu.name,
        "cpu",
        left,
        usable,
        weights,
        kv,
        compute,
        0.0,
        dense_layers,
        m.expert_layers(0, min(expert_layers, len(m.experts))),
        holds_output,
        cpu.bandwidth_gbs,
        read,
        cpu.unified,
    )


def _unified_used(loads: Sequence[DeviceLoad]) -> float:
    """GPU memory taken from a unified pool: the CPU side of that pool has this much less."""
    return sum(d.used for d in loads if d.unified)


def _unified_share(rig: Rig) -> float:
    """Bytes of unified memory the GPUs' shares take (their capacities as shown)."""
    return sum(p.total for p in rig.gpus if p.unified)


def _output_head(spec: ModelSpec, w: WeightBytes) -> float:
    """Bytes of the output head where llama.cpp puts the last layer. A model that ties it to the
    token embedding ships no output tensor: llama.cpp loads the embedding a second time as the head
    (create_tensor with TENSOR_DUPLICATED, which adds its bytes to the data loaded; src/llama-model.cpp
    and src/llama-model-loader.cpp, github ggml-org/llama.cpp), while the embedding itself stays in
    host memory for the lookup."""
    return w.embedding if spec.tied_embeddings and w.output == 0 else w.output


def _model_bytes(
    spec: ModelSpec, w: WeightBytes, kv: KvBytes, *, flash_attention: bool, ubatch: int
) -> _Model:
    moe = spec.moe
    fraction = (moe.active / moe.experts) if moe is not None else 1.0
    return _layer_bytes(w, kv, fraction, _output_head(spec, w), flash_attention, ubatch)


@functools.lru_cache(maxsize=1024)  # pure in frozen inputs; the same weights and cache are placed often
def _layer_bytes(
    w: WeightBytes, kv: KvBytes, fraction: float, output: float, flash_attention: bool, ubatch: int
) -> _Model:
    if len(w.layer_dense) != len(kv.per_layer) or len(w.layer_dense) != len(w.layer_experts):
        raise ValueError("weights and KV cache disagree on the number of layers")
    held = tuple(map(operator.add, w.layer_dense, kv.per_layer))
    with_experts = tuple(map(operator.add, held, w.layer_experts))
    return _Model(
        w.layer_dense,
        w.layer_experts,
        kv.per_layer,
        fraction,
        output,
        w.embedding + w.other + w.lookup,
        w.extra,
        kv.cells,
        flash_attention,
        ubatch,
        held,
        with_experts,
        tuple(itertools.accumulate(held, initial=0.0)),
        tuple(itertools.accumulate(with_experts, initial=0.0)),
        tuple(itertools.accumulate(map(operator.truth, w.layer_experts), initial=0)),
    )


def place_gguf(
    spec: ModelSpec,
    w: WeightBytes,
    kv: KvBytes,
    rig: Rig,
    *,
    flash_attention: bool,
    ubatch: int,
    gpu_only: bool = False,
    expert_offload: bool = True,
    cpu_moe: int | None = None,
    pipeline_copies: int = 1,
) -> Placement:
    """Place a GGUF model as llama.cpp (with --fit's strategy) would. With `gpu_only`, try only the
    all-on-GPU placement: a quick yes/no whose verdict is "gpu" or "no". Without `expert_offload`
    (Ollama: its scheduler offloads whole layers, num_gpu, and has no --n-cpu-moe), an MoE that does
    not fit on the GPUs leaves whole layers, experts and all, in system RAM. `cpu_moe`: the
    --n-cpu-moe pasted, kept where the GPUs hold the rest, else the fewest layers above it that fit.
    `pipeline_copies`: the copies of each device's graph inputs the engine keeps when every layer sits
    on two or more GPUs (llama.cpp's pipeline parallelism; an offload turns it off)."""
    m = _model_bytes(spec, w, kv, flash_attention=flash_attention, ubatch=ubatch)
    n = spec.layers
    gpus = _Gpus(m, spec, rig.gpus)
    # everything on two or more GPUs: the pipeline's copies of the inputs on each of them
    whole = _Gpus(m, spec, rig.gpus, pipeline_copies) if pipeline_copies > 1 and len(rig.gpus) > 1 else gpus
    if cpu_moe and spec.moe is not None and expert_offload and rig.gpus and not gpu_only:
        asked = min(cpu_moe, n)
        placed = _expert_offload(m, spec, rig, gpus, n, at_least=asked)
        if placed is not None and placed.devices[-1].fits:
            if placed.cpu_moe_layers == asked:
                return placed
            more = placed.cpu_moe_layers - asked
            why = (
                f"--n-cpu-moe {cpu_moe} as set leaves the GPU too little memory for the rest at this "
                f"context: {placed.cpu_moe_layers} keeps the experts of {more} more "
                f"layer{'s' if more > 1 else ''} in system RAM so it fits"
            )
            return replace(placed, notes=(*placed.notes, why))

    def finish(
        verdict: Verdict, strategy: Strategy, gpu: list[DeviceLoad], cpu: DeviceLoad, ngl: int, cpu_moe: int
    ) -> Placement | None:
        if not cpu.fits:
            return None
        return Placement(verdict, strategy, ngl, cpu_moe, (*gpu, cpu))

    # 1. everything on the GPUs
    if rig.gpus:
        gpu = whole.loads(0, 0)
        if gpu is not None:
            cpu = _cpu_load(
                m,
                spec,
                rig.cpu,
                0,
                0,
                holds_output=False,
                gpu_used_unified=_unified_used(gpu),
                gpu_share_unified=_unified_share(rig),
            )
            placed = finish("gpu", "gpu", gpu, cpu, n, 0)
            if placed is not None:
                return placed
    if gpu_only:
        return Placement("no", "none", 0, 0, ())
    # a miss is shown as the nearest try: the GPUs as full as an offload gets them, the rest over the RAM
    nearest: Placement | None = None
    if rig.gpus:
        # 2. MoE: routed experts of the first k layers in system RAM (--n-cpu-moe k)
        if spec.moe is not None and expert_offload:
            nearest = _expert_offload(m, spec, rig, gpus, n)
            if nearest is not None and nearest.devices[-1].fits:
                return nearest
        # 3. the first layers on the CPU (-ngl g)
        placed = _layer_offload(m, spec, rig, gpus, n)
        if placed is not None and placed.devices[-1].fits:
            if nearest is not None and _faster_in_about_the_same_ram(nearest, placed):
                return _within_planning_reserve(nearest)
            return placed
        nearest = nearest or placed
    # 4. all on the CPU
    cpu = _cpu_load(
        m,
        spec,
        rig.cpu,
        n,
        n,
        holds_output=True,
        gpu_used_unified=0.0,
        holds_extra=True,  # no GPU holds the extras: they load into RAM with the rest
    )
    if cpu.fits:
        return Placement("cpu", "cpu", 0, n if spec.moe else 0, (cpu,))
    need = sum(m.dense) + sum(m.experts) + sum(m.kv) + m.output + m.embedding + m.extra + cpu.compute
    have = rig.cpu.usable + sum(p.usable for p in rig.gpus if not p.unified)
    # not one layer on the GPUs: they are still part of the rig the miss is shown on
    loads = nearest.devices if nearest is not None else (*gpus.idle(), cpu)
    return Placement("no", "none", 0, 0, loads, shortfall=max(0.0, need - have))


# RAM needs this close count as the same: the OS's share of system RAM is a planning figure
# (RAM_OS_RESERVE, 4 GiB, not a measurement), and this is a sixteenth of it - less than a browser tab
# or two take; an offload that misses that share by less than this runs.
_ABOUT_THE_SAME_RAM = 0.25 * GiB


def _faster_in_about_the_same_ram(experts: Placement, layers: Placement) -> bool:
    """Whether routed experts in RAM (--n-cpu-moe) beat the layers there (-ngl) in about the same
    RAM: its CPU side misses what the OS leaves by less than `_ABOUT_THE_SAME_RAM`, needs at most that
    much more than the layer offload's, and reads fewer bytes from RAM for each token (RAM being
    the slow side, fewer bytes read there is the faster)."""
    e, g = experts.devices[-1], layers.devices[-1]
    if e.kind != "cpu" or g.kind != "cpu" or e.fits:
        return False
    need = e.weights + e.kv + e.compute
    return (
        need <= e.usable + _ABOUT_THE_SAME_RAM
        and e.used <= g.used + _ABOUT_THE_SAME_RAM
        and e.weight_read < g.weight_read
    )


def _within_planning_reserve(p: Placement) -> Placement:
    """`p` with its CPU side let into the OS's planning share it misses by a little: tight, said."""
    cpu = p.devices[-1]
    over = cpu.weights + cpu.kv + cpu.compute - cpu.usable
    note = (
        f"the experts in system RAM take {over / GiB:.2f} GiB of the {RAM_OS_RESERVE / GiB:.0f} GiB assumed"
        " kept for the OS: close other programs for room"
    )
    relaxed = replace(cpu, usable=cpu.usable + over)
    return replace(p, devices=(*p.devices[:-1], relaxed), tight=True, notes=(*p.notes, note))


def _expert_offload(
    m: _Model, spec: ModelSpec, rig: Rig, gpus: _Gpus, n: int, at_least: int = 0
) -> Placement | None:
    """Routed experts of the first layers in system RAM, at least `at_least` of them (the CPU's load
    last: it may not fit); None when the GPUs cannot hold even the dense part."""
    if not gpus.fits(0, n):
        return None  # the dense part alone does not fit
    lo, hi = at_least, n  # smallest k whose GPU part fits (experts of layers k.. on the GPUs)
    while lo < hi:
        mid = (lo + hi) // 2
        if gpus.fits(0, mid):
            hi = mid
        else:
            lo = mid + 1
    gpu = gpus.loads(0, lo)
    assert gpu is not None
    cpu = _cpu_load(
        m,
        spec,
        rig.cpu,
        0,
        lo,
        holds_output=False,
        gpu_used_unified=_unified_used(gpu),
        gpu_share_unified=_unified_share(rig),
    )
    return Placement("partial", "expert_offload", n, lo, (*gpu, cpu))


def _layer_offload(m: _Model, spec: ModelSpec, rig: Rig, gpus: _Gpus, n: int) -> Placement | None:
    """The first layers on the CPU (the CPU's load last: it may not fit); None when no layer fits
    on the GPUs."""
    lo, hi = 0, n  # largest g whose GPU part fits (the last g layers, experts included)
    if not gpus.fits(n, n):
        return None
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if gpus.fits(n - mid, n - mid):
            lo = mid
        else:
            hi = mid - 1
    g = lo
    if g == 0:
        return None  # nothing but the output layer fits: CPU-only is the honest answer
    gpu = gpus.loads(n - g, n - g)
    assert gpu is not None
    cpu = _cpu_load(
        m,
        spec,
        rig.cpu,
        n - g,
        n - g,
        holds_output=False,
        gpu_used_unified=_unified_used(gpu),
        gpu_share_unified=_unified_share(rig),
    )
    return Placement("partial", "layer_offload", g, 0, (*gpu, cpu))
