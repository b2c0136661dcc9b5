"""Does it fit: bytes of weights, KV cache and overheads, and where each engine puts them.

estimate_memory(model, quant, hardware, context=8192, engine="llama.cpp", backend="cuda")
    -> MemoryEstimate (weights, kv, placement with a per-device breakdown, notes)
"""

from __future__ import annotations

from dataclasses import dataclass

from ._engines import engine_family
from ._errors import EstimateError
from ._kv import KV_TYPE_BYTES, KvBytes, kv_cache_bytes
from ._overhead import DEFAULT_UBATCH, FIT_MARGIN, GiB
from ._placement import DeviceLoad, Placement, place_gguf
from ._placement_other import place_exllama, place_mlx, place_paged
from ._pools import Rig, rig_pools
from ._weights import WeightBytes, weight_bytes
from .catalog import ModelSpec, QuantSpec
from .hardware import Hardware, default_database
from .vocabulary import MAX_CONTEXT

__all__ = [
    "MAX_DEVICES",
    "DeviceLoad",
    "MemoryEstimate",
    "Placement",
    "estimate_memory",
    "flash_attention_default",
]

MAX_DEVICES = 128  # more GPUs than this in one answer is a typo, not a rig
MIN_CONTEXT = 1


@dataclass(frozen=True, slots=True)
class MemoryEstimate:
    weights: WeightBytes
    kv: KvBytes
    placement: Placement
    rig: Rig
    context: int
    kv_type: str
    flash_attention: bool
    slots: int
    notes: tuple[str, ...]

    @property
    def weights_bytes(self) -> float:
        return self.weights.total

    @property
    def kv_bytes(self) -> float:
        return self.kv.total

    @property
    def overhead_bytes(self) -> float:
        return sum(d.compute + d.runtime for d in self.placement.devices)

    @property
    def total_bytes(self) -> float:
        return self.weights_bytes + self.kv_bytes + self.overhead_bytes


def flash_attention_default(hw: Hardware, backend: str) -> bool:
    """llama.cpp enables flash attention automatically ("auto", since late 2025) where the backend's
    kernels support the GPU; old architectures without tensor cores/FP16 get it off."""
    specs = [g.spec for g in hw.gpus if g.spec is not None]
    if hw.soc is not None and hw.soc.spec is not None:
        specs.append(hw.soc.spec)
    archs = default_database().architectures
    for spec in specs:
        arch = archs.get(spec.arch or "")
        if arch is not None and not arch.flash_attention:
            return False
    return True


def _check_rig(hw: Hardware) -> None:
    if hw.gpu_count > MAX_DEVICES:
        raise EstimateError(
            f"{hw.gpu_count} GPUs is more than one rig holds; canirun sizes up to {MAX_DEVICES}.",
            hint="Give the GPUs of one machine or one tensor-parallel group.",
        )
    if hw.soc is not None and hw.soc.count > MAX_DEVICES:
        raise EstimateError(f"{hw.soc.count} machines is too many to size as one.")


def estimate_memory(
    model: ModelSpec,
    quant: QuantSpec,
    hardware: Hardware,
    *,
    context: int,
    engine: str,
    backend: str,
    kv_type: str = "f16",
    flash_attention: bool | None = None,
    slots: int = 1,
    ubatch: int = DEFAULT_UBATCH,
    wired_limit_mb: int | None = None,
    gpu_memory_utilization: float | None = None,
    fit_margin: float = FIT_MARGIN,
    gpu_only: bool = False,
) -> MemoryEstimate:
    """Bytes and placement of `model` at `quant` on `hardware` for `context` tokens. With `gpu_only`
    (llama.cpp engines), only the all-on-GPU placement is tried: verdict "gpu" or "no", quickly."""
    if not MIN_CONTEXT <= context <= MAX_CONTEXT:
        raise EstimateError(
            f"context must be between {MIN_CONTEXT} and {MAX_CONTEXT:,} tokens, not {context:,}"
        )
    if not 1 <= slots <= 256:
        raise EstimateError(f"parallel slots must be between 1 and 256, not {slots}")
    if kv_type not in KV_TYPE_BYTES:
        raise EstimateError(f"unknown KV cache type '{kv_type}'", hint="Use f16, q8_0 or q4_0.")
    _check_rig(hardware)
    notes: list[str] = []
    family = engine_family(engine)
    fa = flash_attention_default(hardware, backend) if flash_attention is None else flash_attention
    if kv_type not in ("f16", "bf16", "f32") and not fa and family == "gguf":
        notes.append("a quantized V cache needs flash attention: turned flash attention on")
        fa = True
    w = weight_bytes(model, quant)
    if w.approximate:
        notes.append(f"{quant.id} is an unsloth dynamic mix: its size is approximate (check the file)")
    if w.exact:
        notes.append(f"{quant.id} sizes read from the GGUF file's tensor table")
    if family == "gguf":
        kv = kv_cache_bytes(
            model,
            context * slots if engine == "ollama" else context,
            k_type=kv_type,
            v_type=kv_type,
            slots=slots,
            ubatch=ubatch,
        )
        rig = rig_pools(hardware, backend, margin=fit_margin, wired_limit_mb=wired_limit_mb)
        placement = place_gguf(model, w, kv, rig, flash_attention=fa, ubatch=ubatch, gpu_only=gpu_only)
        if placement.verdict != "gpu" and rig.gpus and fit_margin > 0 and not gpu_only:
            loose = place_gguf(
                model,
                w,
                kv,
                rig_pools(hardware, backend, margin=0, wired_limit_mb=wired_limit_mb),
                flash_attention=fa,
                ubatch=ubatch,
                gpu_only=True,
            )
            if loose.verdict == "gpu":
                placement = Placement(
                    placement.verdict,
                    placement.strategy,
                    placement.gpu_layers,
                    placement.cpu_moe_layers,
                    placement.devices,
                    placement.shortfall,
                    True,
                    placement.notes,
                )
                notes.append(
                    "fits fully on the GPUs only inside llama.cpp's 1 GiB safety margin (-ngl 99 --fit off)"
                )
    else:
        kv_cache_type = "fp8" if kv_type in ("q8_0", "fp8") and family == "paged" else kv_type
        kv = kv_cache_bytes(
            model, context, k_type=kv_cache_type, v_type=kv_cache_type, slots=slots, pad=False
        )
        rig = rig_pools(hardware, backend, margin=0, wired_limit_mb=wired_limit_mb)
        if family == "paged":
            placement = place_paged(model, w, kv, rig, engine=engine, utilization=gpu_memory_utilization)
        elif family == "exllama":
            placement = place_exllama(model, w, kv, rig)
        else:
            placement = place_mlx(model, w, kv, rig)
    notes.extend(rig.notes)
    notes.extend(placement.notes)
    return MemoryEstimate(w, kv, placement, rig, context, kv_type, fa, slots, tuple(notes))


def gib(x: float) -> float:
    return x / GiB
