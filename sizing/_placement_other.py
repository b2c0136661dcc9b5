"""Placement for engines that keep everything on the GPU: vLLM/SGLang (tensor/pipeline parallel,
paged KV within a memory fraction), ExLlama (layer split) and MLX (Apple unified memory)."""

from __future__ import annotations

from collections.abc import Sequence

from ._kv import KvBytes
from ._overhead import (
    ACTIVATION_PEAK_LARGE,
    ACTIVATION_PEAK_SMALL,
    SGLANG_MEM_FRACTION,
    VLLM_GPU_UTILIZATION,
    VLLM_NON_TORCH,
    GiB,
)
from ._placement import DeviceLoad, Placement, split_layers
from ._pools import Pool, Rig
from ._weights import WeightBytes
from .catalog import ModelSpec

__all__ = ["place_exllama", "place_mlx", "place_paged", "tensor_parallel_sizes"]

# exllama's working buffers beyond weights and cache (no published figure; engine-memory.md 8):
# the CUDA context is in the pool's runtime; this covers attention/logit scratch at its defaults
_EXLLAMA_SCRATCH = 0.5 * GiB
# MLX: its own allocator cache and the logits of the prefill chunk (2048 tokens)
_MLX_SCRATCH = 0.5 * GiB


def tensor_parallel_sizes(spec: ModelSpec, n_gpus: int) -> list[int]:
    """Tensor-parallel sizes vLLM accepts for this model: heads divisible by tp, and KV heads divisible
    by tp or tp by KV heads (engine-memory.md 6.1). Largest first."""
    sizes = []
    tp = 1
    while tp <= n_gpus:
        heads_ok = spec.heads % tp == 0
        kv_ok = spec.attention.mla is not None or spec.kv_heads % tp == 0 or tp % spec.kv_heads == 0
        if heads_ok and kv_ok:
            sizes.append(tp)
        tp *= 2
    return sorted(sizes, reverse=True)


def _identical_groups(gpus: Sequence[Pool]) -> list[list[Pool]]:
    groups: dict[tuple[str, float], list[Pool]] = {}
    for p in gpus:
        key = (p.spec.id if p.spec is not None else p.name, p.total)
        groups.setdefault(key, []).append(p)
    return sorted(groups.values(), key=lambda g: -sum(p.total for p in g))


def place_paged(
    spec: ModelSpec, w: WeightBytes, kv: KvBytes, rig: Rig, *, engine: str, utilization: float | None = None
) -> Placement:
    """vLLM / SGLang: tensor parallel over identical GPUs; the KV pool is what the memory fraction
    leaves after weights and activations; at least one sequence of the full context must fit."""
    notes: list[str] = []
    groups = _identical_groups(rig.gpus)
    if not groups:
        return Placement("no", "none", 0, 0, (), notes=("vLLM and SGLang need GPUs",))
    group = groups[0]
    if len(groups) > 1:
        notes.append(f"{engine} uses identical GPUs: only the {len(group)}x {group[0].name.split(' #')[0]}")
    total_weights = w.total
    kv_total = kv.total
    best: Placement | None = None
    for tp in tensor_parallel_sizes(spec, len(group)) or [1]:
        # pipeline stages over more identical GPUs when one tensor-parallel group is not enough
        for pp in range(1, len(group) // tp + 1):
            placement = _paged_try(spec, w, kv_total, group[: tp * pp], tp, pp, engine, utilization, notes)
            if placement.verdict == "gpu":
                return placement
            if best is None or sum(d.kv for d in placement.devices) > sum(d.kv for d in best.devices):
                best = placement
    assert best is not None
    need = total_weights + kv_total
    have = (
        sum(p.total * (utilization or VLLM_GPU_UTILIZATION) for p in group)
        - len(group) * ACTIVATION_PEAK_SMALL
    )
    return Placement("no", "none", 0, 0, best.devices, shortfall=max(0.0, need - have), notes=tuple(notes))


def _paged_try(
    spec: ModelSpec,
    w: WeightBytes,
    kv_total: float,
    pools: Sequence[Pool],
    tp: int,
    pp: int,
    engine: str,
    utilization: float | None,
    notes: list[str],
) -> Placement:
    n_gpus = tp * pp
    per_gpu_weights = w.total / n_gpus
    if spec.attention.mla is not None:
        per_gpu_kv = kv_total / pp  # the latent cache is replicated on every TP rank
    else:
        per_gpu_kv = kv_total * max(1, tp // spec.kv_heads) / n_gpus
    loads = []
    ok = True
    for p in pools:
        if engine == "sglang":
            budget, activation = p.total * SGLANG_MEM_FRACTION, 0.0
        else:
            budget = p.total * (utilization or VLLM_GPU_UTILIZATION)
            activation = (
                ACTIVATION_PEAK_LARGE if p.total > 40 * GiB else ACTIVATION_PEAK_SMALL
            ) + VLLM_NON_TORCH
        if budget - per_gpu_weights - activation < per_gpu_kv:
            ok = False
        # the engine fills its budget with KV blocks; we report what one sequence of the context needs
        loads.append(
            DeviceLoad(
                p.name,
                "gpu",
                p.total,
                budget - activation,
                per_gpu_weights,
                per_gpu_kv,
                activation,
                0.0,
                spec.layers // pp,
                0,
                True,
                p.bandwidth_gbs,
                per_gpu_weights * _active_fraction(spec, w),
                False,
            )
        )
    extra = (f"pipeline parallel: {pp} stages of tensor parallel {tp}",) if pp > 1 else ()
    return Placement(
        "gpu" if ok else "no",
        "tensor_parallel" if ok else "none",
        spec.layers,
        0,
        tuple(loads),
        tensor_parallel=tp,
        notes=(*notes, *extra),
    )


def _active_fraction(spec: ModelSpec, w: WeightBytes) -> float:
    """Share of weight bytes a token reads (MoE: active experts only)."""
    if spec.moe is None or w.repeating == 0:
        return 1.0
    experts = sum(w.layer_experts)
    read = w.total - experts + experts * spec.moe.active / spec.moe.experts
    return read / w.total


def place_exllama(spec: ModelSpec, w: WeightBytes, kv: KvBytes, rig: Rig) -> Placement:
    """ExLlama: layers split over the GPUs (auto-split), no CPU offload."""
    if not rig.gpus:
        return Placement("no", "none", 0, 0, (), notes=("ExLlama needs a GPU",))
    per_layer = [w.layer(i) + kv.per_layer[i] for i in range(spec.layers)]
    caps = [p.usable - _EXLLAMA_SCRATCH for p in rig.gpus]
    split = split_layers(per_layer, caps, w.output)
    if split is None:
        need = sum(per_layer) + w.output + _EXLLAMA_SCRATCH * len(rig.gpus)
        return Placement("no", "none", 0, 0, (), shortfall=max(0.0, need - sum(p.usable for p in rig.gpus)))
    frac = spec.moe.active / spec.moe.experts if spec.moe else 1.0
    loads = []
    for k, (p, ids) in enumerate(zip(rig.gpus, split, strict=True)):
        last = k == len(rig.gpus) - 1
        weights = sum(w.layer_dense[i] + w.layer_experts[i] for i in ids) + (w.output if last else 0.0)
        kvb = sum(kv.per_layer[i] for i in ids)
        read = sum(w.layer_dense[i] + w.layer_experts[i] * frac for i in ids) + (w.output if last else 0.0)
        loads.append(
            DeviceLoad(
                p.name,
                "gpu",
                p.total,
                p.usable,
                weights,
                kvb,
                _EXLLAMA_SCRATCH,
                p.runtime,
                len(ids),
                len(ids) if spec.moe else 0,
                last,
                p.bandwidth_gbs,
                read,
            )
        )
    return Placement(
        "gpu", "gpu", spec.layers, 0, tuple(loads), notes=("the token embedding stays in system RAM",)
    )


def place_mlx(spec: ModelSpec, w: WeightBytes, kv: KvBytes, rig: Rig) -> Placement:
    """MLX on a Mac: everything within the GPU wired limit (mlx-lm raises it to the recommended maximum)."""
    gpus = [p for p in rig.gpus if p.unified and p.spec is not None and p.spec.vendor == "apple"]
    if not gpus:
        return Placement("no", "none", 0, 0, (), notes=("MLX runs only on Apple Silicon",))
    p = gpus[0]
    weights = w.total
    frac = spec.moe.active / spec.moe.experts if spec.moe else 1.0
    read = w.total - w.embedding - sum(w.layer_experts) * (1 - frac)
    load = DeviceLoad(
        p.name,
        "gpu",
        p.total,
        p.usable,
        weights,
        kv.total,
        _MLX_SCRATCH,
        0.0,
        spec.layers,
        spec.layers if spec.moe else 0,
        True,
        p.bandwidth_gbs,
        read,
        True,
    )
    if load.fits:
        return Placement("gpu", "gpu", spec.layers, 0, (load,))
    return Placement(
        "no", "none", 0, 0, (load,), shortfall=load.weights + load.kv + load.compute - load.usable
    )
