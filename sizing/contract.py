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
from .vocabulary import Backend, DeviceKind, Engine, Fit, KvType, SplitMode, Strategy, Verdict

__all__ = [
    "CatalogEntry",
    "DeviceContract",
    "DeviceEntry",
    "EstimateContract",
    "MeasurementContract",
    "MemoryContract",
    "ModelBrief",
    "ModelRef",
    "PlacementContract",
    "ServingContract",
    "SettingContract",
    "SpeedContract",
    "SpeedPointContract",
    "SplitOptionContract",
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
    reserve_gb: float  # memory assumed taken outside the engine (the desktop's share of a display GPU)
    # what the engine holds here besides weights and the context's KV, by name: activation peak,
    # CUDA graphs, CUDA context ..., and for vLLM and SGLang the whole KV pool they preallocate
    memory_parts: dict[str, float]


class SettingContract(_Contract):
    """A setting the printed command needs: its flag as written (or an environment variable), and why."""

    flag: str
    why: str


class PlacementContract(_Contract):
    """Where the model runs and how it is split across the devices."""

    verdict: Verdict
    strategy: Strategy
    gpu_layers: int  # repeating layers on GPUs
    cpu_moe_layers: int  # layers whose routed experts stay in system RAM (--n-cpu-moe)
    tensor_parallel: int
    shortfall_gb: float  # missing memory when the verdict is "no"
    tight: bool  # fits only with settings the engine does not pick itself, or inside its margins
    split_mode: SplitMode  # how the GPUs share the model
    devices: list[DeviceContract]
    fit: Fit  # how comfortable the placement is under the engine's defaults
    settings: list[SettingContract]  # what turns "tight" into "fits"
    engine_defaults: dict[str, str]  # the engine defaults the estimate assumes


class SpeedPointContract(_Contract):
    """Speed with `depth` tokens already in the context."""

    depth: int
    decode_tps: float
    prefill_tps: float


class SplitOptionContract(_Contract):
    """The speed another way of splitting the model across the GPUs would give."""

    split_mode: SplitMode
    decode_tps: float
    prefill_tps: float


class ServingContract(_Contract):
    """Several users at once: each one's speed, and all of them together."""

    users: int
    per_user_tps: float
    aggregate_tps: float


class MeasurementContract(_Contract):
    """Public measurements of this model (or one of its family and size) on the same devices."""

    model: str  # catalog id of the model measured
    quant: str
    device: str  # as the source names it ("2x NVIDIA GeForce RTX 3090")
    backend: str
    engine: str
    kind: str  # "decode" or "prefill"
    test: str  # as llama-bench names it: tg128, pp512, tg128@d32768
    tps_range: tuple[float, float]
    rows: int  # measurements behind the range
    source: str  # URL or "github owner/repo path @commit"
    build: str
    exact_model: bool  # False: a model of the same family and size


class SpeedContract(_Contract):
    """Tokens per second generating (decode) and reading the prompt (prefill), with likely ranges."""

    decode_tps: float
    prefill_tps: float
    decode_tps_range: tuple[float, float]
    prefill_tps_range: tuple[float, float]
    ttft_s: float  # seconds to the first token of a reply to a full-context prompt
    depth: int | None  # the context depth the speeds are given at (None: averaged over the context)
    curve: list[SpeedPointContract]  # speed at 0, 8k, 32k and the context, where they fit
    split_options: list[SplitOptionContract]  # the split modes compared
    serving: ServingContract | None
    measured: list[MeasurementContract]


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
        ref = ModelRef.of(spec)
        released = str(spec.released) if spec.released else None
        return cls.model_validate(
            {"id": ref.id, "name": ref.name, "params_b": ref.total_params_b}
            | {"active_params_b": spec.active_params_b, "max_context": spec.max_context, "released": released}
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
