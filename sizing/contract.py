"""The `canirun estimate --json` contract as typed output models.

An estimate: which model at which quantization and context on which engine and backend; its
memory (weights, KV cache, overheads); its placement with one entry per device; its speed; the
launch command and every assumption made. Sizes are in GB (10^9 bytes), rounded to 0.01 GB; speeds
in tokens per second, rounded to 0.1.

Keys are only ever added. The models are frozen and refuse unknown keys, so a consumer that
reads an attribute the contract does not have fails in mypy, not at run time.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from .catalog import ModelSpec, active_params, total_params
from .hardware import DeviceSpec
from .vocabulary import Backend, DeviceKind, Engine, KvType, Strategy, Verdict

__all__ = [
    "CatalogEntry",
    "DeviceContract",
    "DeviceEntry",
    "EstimateContract",
    "MemoryContract",
    "ModelBrief",
    "ModelRef",
    "PlacementContract",
    "SpeedContract",
]


class _Contract(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ModelBrief(_Contract):
    """The model an estimate is for: its catalog id (or a generic one) and its name."""

    id: str
    name: str


class ModelRef(_Contract):
    """A model a question names, with its size: total parameters, and active ones for MoE models."""

    id: str
    name: str
    total_params_b: float
    active_params_b: float | None = None

    @classmethod
    def of(cls, spec: ModelSpec) -> ModelRef:
        return cls(
            id=spec.id,
            name=spec.name,
            total_params_b=round(total_params(spec) / 1e9, 2),
            active_params_b=round(active_params(spec) / 1e9, 2) if spec.moe else None,
        )


class MemoryContract(_Contract):
    """All the memory a run needs, summed over devices: total = weights + KV cache + overhead."""

    weights_gb: float
    kv_cache_gb: float
    overhead_gb: float  # compute buffers and runtime (CUDA context, ...)
    total_gb: float


class DeviceContract(_Contract):
    """What one device holds, against what it has."""

    name: str
    kind: DeviceKind
    capacity_gb: float
    weights_gb: float
    kv_cache_gb: float
    overhead_gb: float
    used_gb: float
    free_gb: float  # negative when over capacity
    layers: int  # repeating layers whose attention/dense weights sit here
    expert_layers: int  # layers whose routed experts sit here


class PlacementContract(_Contract):
    """Where the model runs and how it is split across the devices."""

    verdict: Verdict
    strategy: Strategy
    gpu_layers: int  # repeating layers on GPUs
    cpu_moe_layers: int  # layers whose routed experts stay in system RAM (--n-cpu-moe)
    tensor_parallel: int
    shortfall_gb: float  # missing memory when the verdict is "no"
    tight: bool  # fits only inside the engine's safety margin
    devices: list[DeviceContract]


class SpeedContract(_Contract):
    """Tokens per second generating (decode) and reading the prompt (prefill), with likely ranges."""

    decode_tps: float
    prefill_tps: float
    decode_tps_range: tuple[float, float]
    prefill_tps_range: tuple[float, float]
    ttft_s: float  # seconds to the first token of a reply to a full-context prompt


class EstimateContract(_Contract):
    """One model at one quantization and context on one rig and engine."""

    model: ModelBrief
    quant: str
    context: int
    engine: Engine
    backend: Backend
    memory: MemoryContract
    placement: PlacementContract
    speed: SpeedContract
    kv_type: KvType
    flash_attention: bool
    command: str | None  # the launch command that gives this placement
    assumptions: list[str]


class CatalogEntry(_Contract):
    """One model of the catalog, as `canirun models --json` lists it."""

    id: str
    name: str
    params_b: float  # total parameters, derived from the shapes
    active_params_b: float | None  # per token, for MoE models (the published figure)
    max_context: int
    released: str | None  # ISO date

    @classmethod
    def of(cls, spec: ModelSpec) -> CatalogEntry:
        return cls(
            id=spec.id,
            name=spec.name,
            params_b=round(total_params(spec) / 1e9, 2),
            active_params_b=spec.active_params_b,
            max_context=spec.max_context,
            released=str(spec.released) if spec.released else None,
        )


class DeviceEntry(_Contract):
    """One device of the database, as `canirun devices --json` lists it."""

    id: str
    name: str
    memory_gb: float | list[float]  # fixed, or the sizes it is sold with (Macs, unified-memory chips)
    bandwidth_gbs: float
    backends: list[Backend]

    @classmethod
    def of(cls, spec: DeviceSpec) -> DeviceEntry:
        return cls(
            id=spec.id,
            name=spec.name,
            memory_gb=spec.memory_gb or list(spec.memory_options_gb),
            bandwidth_gbs=spec.bandwidth_gbs,
            backends=list(spec.backends),
        )
