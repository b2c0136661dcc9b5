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
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class ModelBrief(_Contract):
    """The model an estimate is for: its catalog id (or a generic one) and its name."""

    id: str  # catalog id ("generic-..." for a model described by size)
    name: str  # display name


class ModelRef(_Contract):
    """A model a question names, with its size: total parameters, and active ones for MoE models."""

    id: str  # catalog id
    name: str  # display name
    total_params_b: float  # billions of parameters
    active_params_b: float | None = None  # billions active per token (MoE models)

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

    weights_gb: float  # the model's weights at this quantization
    kv_cache_gb: float  # the KV cache (and recurrent state) at this context
    overhead_gb: float  # compute buffers and runtime (CUDA context, ...)
    total_gb: float  # everything, all devices together


class DeviceContract(_Contract):
    """What one device holds, against what it has."""

    name: str  # "NVIDIA GeForce RTX 3090 #1", "CPU (system RAM)"
    kind: DeviceKind  # a GPU, or the CPU with system RAM
    capacity_gb: float  # what the device has
    weights_gb: float  # weights held here
    kv_cache_gb: float  # KV cache held here
    overhead_gb: float  # compute buffers and runtime here
    used_gb: float  # weights + KV cache + overhead
    free_gb: float  # negative when over capacity
    layers: int  # repeating layers whose attention/dense weights sit here
    expert_layers: int  # layers whose routed experts sit here
    reserve_gb: float  # memory assumed taken outside the engine (the desktop's share of a display GPU)
    # activation peak, CUDA graphs, CUDA context ..., and for vLLM and SGLang the KV pool they preallocate
    memory_parts: dict[str, float]  # what the engine holds here besides weights and KV, by name


class SettingContract(_Contract):
    """A setting the printed command needs: its flag as written (or an environment variable), and why."""

    flag: str  # as written on the command line, or an environment variable
    why: str  # what it changes


class PlacementContract(_Contract):
    """Where the model runs and how it is split across the devices."""

    verdict: Verdict  # fully on GPU, partly offloaded, CPU only, or does not fit
    strategy: Strategy  # how it gets there
    gpu_layers: int  # repeating layers on GPUs
    cpu_moe_layers: int  # layers whose routed experts stay in system RAM (--n-cpu-moe)
    tensor_parallel: int  # GPUs one layer is split across (vLLM/SGLang)
    shortfall_gb: float  # missing memory when the verdict is "no"
    tight: bool  # fits only with settings the engine does not pick itself, or inside its margins
    split_mode: SplitMode  # how the GPUs share the model
    devices: list[DeviceContract]  # one entry per device: the GPUs, then the CPU
    fit: Fit  # how comfortable the placement is under the engine's defaults
    settings: list[SettingContract]  # what turns "tight" into "fits"
    engine_defaults: dict[str, str]  # the engine defaults the estimate assumes
    data_parallel: int = 1  # GPUs running attention data-parallel, each with its own requests' KV cache


class SpeedPointContract(_Contract):
    """Speed with `depth` tokens already in the context."""

    depth: int  # tokens already in the context
    decode_tps: float  # tokens/s generating there
    prefill_tps: float  # tokens/s reading a prompt there


class SplitOptionContract(_Contract):
    """The speed another way of splitting the model across the GPUs would give."""

    split_mode: SplitMode  # how the GPUs would share the model
    decode_tps: float  # tokens/s generating
    prefill_tps: float  # tokens/s reading the prompt


def waited_tps(per_user_tps: float, users: int, users_held: int | None) -> float:
    """Each of `users` users' tokens/s over time when the memory holds `users_held` of them at once
    (None: all): a turn's speed times the share of the time a user is being served."""
    if users_held is None or users_held >= users or users <= 0:
        return per_user_tps
    return per_user_tps * max(users_held, 0) / users


class ServingContract(_Contract):
    """Several users at once: each one's speed, and all of them together."""

    users: int  # users at once
    per_user_tps: float  # tokens/s each one sees
    aggregate_tps: float  # tokens/s all together
    users_held: int | None  # users whose KV cache at the context the memory holds at once (others wait)

    @property
    def waited_tps(self) -> float:
        """Each user's tokens/s over time where the memory holds fewer than `users` at once: the
        speed of a turn, shared out over the turns they wait for."""
        return waited_tps(self.per_user_tps, self.users, self.users_held)


class MeasurementContract(_Contract):
    """Public measurements of this model (or one of its family and size) on the same devices."""

    model: str  # catalog id of the model measured
    quant: str  # quantization measured
    device: str  # as the source names it ("2x NVIDIA GeForce RTX 3090")
    backend: str  # backend measured
    engine: str  # engine measured
    kind: str  # "decode" or "prefill"
    test: str  # as llama-bench names it: tg128, pp512, tg128@d32768
    tps_range: tuple[float, float]  # lowest and highest measured tokens/s
    rows: int  # measurements behind the range
    source: str  # URL or "github owner/repo path @commit"
    build: str  # engine build or version
    exact_model: bool  # False: a model of the same family and size


class SpeedContract(_Contract):
    """Tokens per second generating (decode) and reading the prompt (prefill), with likely ranges."""

    decode_tps: float  # tokens/s generating (averaged over the context, or at `depth`)
    prefill_tps: float  # tokens/s reading the prompt
    decode_tps_range: tuple[float, float]  # the likely range (wider where no measurement backs the setup)
    prefill_tps_range: tuple[float, float]  # the likely range
    ttft_s: float  # seconds to the first token of a reply to a full-context prompt
    depth: int | None  # the context depth the speeds are given at (None: averaged over the context)
    curve: list[SpeedPointContract]  # speed at 0, 8k, 32k and the context, where they fit
    split_options: list[SplitOptionContract]  # the split modes compared
    serving: ServingContract | None  # several users at once (`--users`)
    measured: list[MeasurementContract]  # public measurements of this setup


class EstimateContract(_Contract):
    """One model at one quantization and context on one rig and engine."""

    model: ModelBrief  # which model
    quant: str  # quantization id (quants.yaml): Q4_K_M, MXFP4, AWQ-INT4, MLX-4bit ...
    context: int  # tokens of context the memory is sized for
    engine: Engine  # the inference engine
    backend: Backend  # the compute backend
    memory: MemoryContract  # totals
    placement: PlacementContract  # per device
    speed: SpeedContract  # tokens per second
    kv_type: KvType  # the KV cache element type
    flash_attention: bool  # on in this configuration
    command: str | None  # the launch command that gives this placement
    assumptions: list[str]  # every assumption behind the numbers, in words


class CatalogEntry(_Contract):
    """One model of the catalog, as `canirun models --json` lists it."""

    id: str  # catalog id
    name: str  # display name
    params_b: float  # total parameters, derived from the shapes
    active_params_b: float | None  # per token, for MoE models (the published figure)
    max_context: int  # longest context the model handles
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

    id: str  # device database id
    name: str  # display name
    memory_gb: float | list[float]  # fixed, or the sizes it is sold with (Macs, unified-memory chips)
    bandwidth_gbs: float  # memory bandwidth, GB/s
    backends: list[Backend]  # backends that run on it

    @classmethod
    def of(cls, spec: DeviceSpec) -> DeviceEntry:
        return cls(
            id=spec.id,
            name=spec.name,
            memory_gb=spec.memory_gb or list(spec.memory_options_gb),
            bandwidth_gbs=spec.bandwidth_gbs,
            backends=list(spec.backends),
        )
