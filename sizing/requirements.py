"""What hardware a model needs: the smallest rig of each kind that runs it well, cheapest first.

Kinds of rig (sizing/data/rig_templates.yaml): N consumer cards split by llama.cpp, a
workstation card, data-center GPUs under vLLM (tensor parallel within an 8-GPU server, pipeline
parallel across two), Macs and unified-memory boxes at the memory sizes they are sold with, and
one GPU with the MoE experts in system RAM. "Well" means: at the quantization asked for (else
4-bit, or 8-bit when quality comes first), fully in GPU or unified memory (the experts in RAM for
the offload rigs), at the asked context and, where more cards make it faster, at the asked speed.

The search is bounded: a memory-only lower bound (weights over the memory of one configuration)
skips what cannot fit, a bisection over each template's sizes finds the smallest that fits with
the memory model alone (sizing.memory.estimate_memory), and speed is estimated only for the rigs
shown. No new physics: every number comes from `estimate`.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ._engine_fit import EngineOptions
from ._engine_vllm import VLLM_GPU_UTILIZATION
from ._engines import default_backend, default_context, engine_family, engine_problem
from ._errors import CatalogError, SizingError
from ._kv import kv_cache_bytes
from ._overhead import GiB
from ._placement_other import SERVER_GPUS, data_parallel_attention_size
from ._question_kv import engine_kv_name, kv_for_engine
from ._rig_prices import RigPrice, rig_price
from ._routing import engine_name
from ._weights import weight_bytes
from ._yaml import load_yaml
from .catalog import ModelSpec, QuantSpec, quant_by_id, resolve_quant
from .estimate import Estimate, estimate_or_none
from .hardware import DeviceDatabase, Hardware, default_database, parse_hardware
from .memory import MemoryEstimate, estimate_memory
from .quant_policy import quality_band
from .vocabulary import DEFAULT_MIN_TPS, Engine, Prefer, RigKind, tps_text

__all__ = [
    "Requirements",
    "RigChoice",
    "RigTemplate",
    "load_rig_templates",
    "requirements",
    "target_quant",
]

# quantizations per engine family, best quality first: a wish is matched to the nearest in bits
_LADDERS: dict[str, tuple[str, ...]] = {
    "gguf": ("Q8_0", "Q6_K", "Q5_K_M", "Q4_K_M", "IQ4_XS", "Q3_K_M", "IQ3_XXS", "Q2_K", "IQ2_XXS", "IQ1_S"),
    "paged": ("BF16-HF", "FP8", "AWQ-INT4"),
    "mlx": ("MLX-8bit", "MLX-6bit", "MLX-4bit", "MLX-3bit"),
}
_DEFAULT_QUANT = "Q4_K_M"  # 4-bit: what most people run a model at
_QUALITY_QUANT = "Q8_0"  # 8-bit: near lossless, when quality comes first
# smaller builds tried, in order, when nothing holds the model at 4 bits: 3-bit, then 2-bit (lossier;
# the sizes people run the largest open models at on consumer cards)
_SMALLER_QUANTS = ("Q3_K_M", "Q2_K")
RIGS_SHOWN = 8
MUCH_FASTER = 1.5  # a faster rig worth naming beside the cheapest: half as fast again
PAGED_SPEED_STEPS = 2  # larger tensor-parallel groups tried when the smallest that fits is too slow
TWO_SERVERS = 16  # data-center GPUs past one 8-GPU server: two servers, pipeline parallel
# llama.cpp splits across at most 16 GPUs (GGML_CUDA_MAX_DEVICES)
_LLAMA_CPP_SOURCE = (
    "github ggml-org/llama.cpp ggml/include/ggml-cuda.h @dee003ea8420fdf6c27fc38fc787a4a7a2d3c711 "
    "(GGML_CUDA_MAX_DEVICES 16)"
)
_LLAMA_CPP_COUNTS = tuple(range(1, 17))  # any count up to the most llama.cpp splits across


class RigTemplate(BaseModel):
    """One kind of machine the answer may propose, at the sizes it is bought in."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    kind: RigKind
    text: str  # "{n}x RTX 3090", "Mac Studio M3 Ultra {mem}GB", "{gpu}, EPYC 9654, {mem}GB DDR5"
    counts: tuple[int, ...] = (1,)
    memory_gb: tuple[float, ...] = ()  # empty for a chip: the sizes it is sold with
    engines: tuple[Engine, ...] = Field(min_length=1)
    device: str  # device id of the priced part
    price_memory_gb: float | None = None  # which configuration of it is priced (None: the rig's memory)
    price_ram: Literal["DDR4", "DDR5"] | None = None  # price the system RAM too
    gpu: str | None = None  # the card of an offload rig
    moe_only: bool = False
    source: str


@dataclass(frozen=True, slots=True)
class RigChoice:
    """One rig that runs the model, with its estimate and rough cost."""

    template: RigTemplate
    hardware: Hardware
    estimate: Estimate
    price: RigPrice | None
    keeps_up: bool  # fast enough for the speed asked (or the default)
    summary: str


@dataclass(frozen=True, slots=True)
class Requirements:
    model: ModelSpec
    rigs: tuple[RigChoice, ...]  # cheapest first; unpriced after, smallest memory first
    notes: tuple[str, ...]  # kinds that cannot run it and why
    summary: str
    min_tps: float
    max_usd: float | None = None  # the most the asker will spend; rigs above it are named as such


def _bundled_path() -> Path:
    return Path(__file__).parent / "data" / "rig_templates.yaml"


@functools.lru_cache(maxsize=1)
def load_rig_templates() -> tuple[RigTemplate, ...]:
    """The bundled rig templates. Raises CatalogError when the file is malformed."""
    raw = load_yaml(_bundled_path())
    try:
        return tuple(RigTemplate.model_validate(t) for t in raw["templates"])
    except (ValidationError, KeyError, TypeError) as err:
        raise CatalogError(f"rig_templates.yaml: {err}") from None


def target_quant(model: ModelSpec, engine: str, wish: str | None, prefer: Prefer | None) -> QuantSpec | None:
    """The quantization a rig is sized at: the one asked for when `engine` loads it, else the
    nearest in bits that it loads; 4-bit without a wish (8-bit when quality comes first). Models
    released in MXFP4 stay MXFP4 where the engine loads it. None when the engine loads nothing
    near (no GGUF file in vLLM's ladder for a 1-bit wish, say)."""
    family = engine_family(engine)
    ladder = [quant_by_id(q) for q in _LADDERS.get(family, ())]
    if not ladder:
        return None
    if wish is not None:
        try:
            wanted = resolve_quant(wish)
        except SizingError:
            wanted = None
        if wanted is not None and (engine in wanted.engines):
            return wanted
        bits = wanted.bits if wanted is not None else 4.5
    else:
        if model.native_dtype == "mxfp4" and engine in quant_by_id("MXFP4").engines and prefer != "quality":
            return quant_by_id("MXFP4")
        bits = quant_by_id(_QUALITY_QUANT if prefer == "quality" else _DEFAULT_QUANT).bits
    nearest = min(ladder, key=lambda q: (abs(q.bits - bits), q.kld))
    return nearest if abs(nearest.bits - bits) <= 2.0 else None


def _sizes(t: RigTemplate, db: DeviceDatabase) -> list[tuple[int, float | None]]:
    """(card count, memory size) of each configuration, smallest first."""
    if "{mem}" in t.text:
        sizes = t.memory_gb or tuple(
            sorted({m for d in db.data.devices if d.id == t.device for m in d.memory_options_gb})
        )
        return [(1, m) for m in sorted(sizes)]
    return [(n, None) for n in sorted(t.counts)]


def _text(t: RigTemplate, n: int, mem: float | None, gpu: str | None) -> str:
    text = t.text.replace("{n}", str(n)).replace("{gpu}", gpu or t.gpu or "")
    return text.replace("{mem}", f"{mem:g}" if mem is not None else "")


@functools.lru_cache(maxsize=512)
def _bundled_rig(text: str) -> Hardware:
    """A template's rig as the reader reads it (the bundled device database; read once)."""
    return parse_hardware(text)


def _rig(t: RigTemplate, n: int, mem: float | None, gpu: str | None, db: DeviceDatabase) -> Hardware:
    text = _text(t, n, mem, gpu)
    return _bundled_rig(text) if db is default_database() else parse_hardware(text, db)


def _capacity(hw: Hardware) -> float:
    """Bytes of memory the rig has in all (an upper bound on the weights it can hold)."""
    gpu = sum(g.count * (g.vram_gb or 0.0) for g in hw.gpus)
    return (gpu + (hw.sized_unified_gb or 0.0) + (hw.ram_gb or 0.0)) * 1e9


def _capacities(t: RigTemplate, sizes: Sequence[tuple[int, float | None]], first: Hardware) -> list[float]:
    """The memory of each configuration from the first one's: cards scale with their count, a
    chip's or a PC's memory is the size itself (plus the card of an offload rig)."""
    per_card = sum(g.count * (g.vram_gb or 0.0) for g in first.gpus) * 1e9
    chip = (first.sized_unified_gb or 0.0) * 1e9
    out = []
    for n, mem in sizes:
        if mem is None:
            out.append(per_card * n + chip)
        else:
            out.append(mem * 1e9 + per_card)
    return out


def _options(
    t: RigTemplate, engine: str, n: int, model: ModelSpec | None = None, users: int = 1
) -> EngineOptions | None:
    """Tensor parallel within a server, pipeline stages across servers; for many users of an MLA
    mixture-of-experts model the estimate may instead run attention data-parallel over every GPU."""
    if t.kind == "datacenter" and engine_family(engine) == "paged" and n > SERVER_GPUS:
        if users > 1 and model is not None and data_parallel_attention_size(model, n) == n:
            return None
        return EngineOptions(tensor_parallel=SERVER_GPUS)
    return None


def _runs(t: RigTemplate, verdict: str, strategy: str) -> bool:
    if t.kind == "cpu":
        return verdict == "cpu"
    if t.kind == "offload":
        return verdict in ("gpu", "partial") and strategy in ("gpu", "expert_offload")
    return verdict == "gpu"


def _fits(
    t: RigTemplate,
    model: ModelSpec,
    q: QuantSpec,
    hw: Hardware,
    engine: str,
    context: int,
    weights: float,
    users: int = 1,
    kv_type: str = "f16",
) -> bool:
    """Memory alone: does the model run on `hw` the way this kind of rig runs it?"""
    if weights > _capacity(hw):
        return False
    try:
        mem = estimate_memory(
            model,
            q,
            hw,
            context=context,
            engine=engine,
            backend=default_backend(hw),
            gpu_only=t.kind not in ("offload", "cpu") and engine_family(engine) == "gguf",
            options=_options(t, engine, hw.gpu_count),
            slots=_slots(engine, users),
            kv_type=kv_type,
        )
    except SizingError:
        return False
    if _beyond_default_budget(mem):
        return False
    return _runs(t, mem.placement.verdict, mem.placement.strategy)


def _beyond_default_budget(mem: MemoryEstimate) -> bool:
    """The fit needs vLLM's memory budget raised past its default: a rig to buy is sized with room to
    spare, not at the edge of what its GPUs hold."""
    for st in mem.placement.settings:
        name, _, value = st.flag.partition(" ")
        if name == "--gpu-memory-utilization" and float(value) > VLLM_GPU_UTILIZATION:
            return True
    return False


@dataclass(frozen=True, slots=True)
class _Found:
    template: RigTemplate
    engine: str
    quant: QuantSpec
    sizes: tuple[tuple[int, float | None], ...]  # the configurations that fit, smallest first
    hardware: tuple[Hardware, ...]
    users: int = 1  # users served at once
    kv_type: str = "f16"  # the KV cache type asked, as this engine has it


def _slots(engine: str, users: int) -> int:
    """llama.cpp's engines hold one KV cache per user at once (-np); paged engines share blocks and
    say how many users their memory holds (the serving speed's users_held)."""
    return users if engine_family(engine) == "gguf" else 1


def _engines(
    t: RigTemplate, wish: str | None, engine: str | None = None, rig: Hardware | None = None
) -> list[str]:
    """The engine asked for where it runs on the template's rig (none where it cannot), else the
    template's engines, those that load the quantization asked for first."""
    if engine is not None:
        ok = rig is not None and engine_problem(engine, rig, default_backend(rig)) is None
        return [engine] if ok else []
    try:
        wanted = resolve_quant(wish) if wish is not None else None
    except SizingError:
        wanted = None
    if wanted is None:
        return list(t.engines)
    return sorted(t.engines, key=lambda e: e not in wanted.engines)


def _loading(model: ModelSpec, engines: Sequence[str]) -> list[str]:
    """`engines` that load the model: a GGUF engine that cannot (llama.cpp has no Llama 3.2 Vision)
    gives way to Ollama, whose own engine may."""
    gapped = {g.engine for g in model.engine_gaps}
    instead = [
        "ollama" if e in gapped and engine_family(e) == "gguf" and "ollama" not in gapped else e
        for e in engines
    ]
    return [e for e in dict.fromkeys(instead) if e not in gapped]


def _smallest(
    t: RigTemplate,
    model: ModelSpec,
    wish: str | None,
    prefer: Prefer | None,
    context: int,
    gpu: str | None,
    db: DeviceDatabase,
    engine_wish: str | None = None,
    users: int = 1,
    kv_wish: str | None = None,
) -> _Found | None:
    """The smallest configurations of `t` that hold the model (memory only), by bisection over the
    sizes whose memory could hold its weights at all."""
    sizes = _sizes(t, db)
    if not sizes:
        return None
    first = _rig(t, *sizes[0], gpu, db)
    capacities = _capacities(t, sizes, first)
    for engine in _loading(model, _engines(t, wish, engine_wish, first)):
        q = target_quant(model, engine, wish, prefer)
        if q is None:
            continue
        weights = weight_bytes(model, q).total
        kv = kv_for_engine(kv_wish, engine)[0] if kv_wish else "f16"
        # several users at once: each holds a KV cache of its own beside the weights (what
        # _holds_users asks of the rig chosen), so no smaller rig can serve them
        cache = kv_cache_bytes(model, context, k_type=kv, v_type=kv).total * users if users > 1 else 0.0
        keep = [i for i, cap in enumerate(capacities) if weights + cache <= cap]
        if not keep:
            return None
        lo, hi = 0, len(keep)  # keep[:lo] do not fit; keep[hi:] fit
        while lo < hi:
            mid = (lo + hi) // 2
            hw = _rig(t, *sizes[keep[mid]], gpu, db)
            if _fits(t, model, q, hw, engine, context, weights, users, kv):
                hi = mid
            else:
                lo = mid + 1
        if lo == len(keep):
            return None
        chosen = keep[lo : lo + 1 + PAGED_SPEED_STEPS]
        rigs = tuple(_rig(t, *sizes[i], gpu, db) for i in chosen)
        return _Found(t, engine, q, tuple(sizes[i] for i in chosen), rigs, users, kv)
    return None


def _estimate(
    found: _Found,
    model: ModelSpec,
    hw: Hardware,
    context: int | None,
    depth: int | None,
    extra: tuple[str, ...],
) -> Estimate | None:
    return estimate_or_none(
        model,
        hw,
        quant=found.quant,
        context=context,
        engine=found.engine,
        backend=default_backend(hw),
        extra_assumptions=extra,
        engine_options=_options(found.template, found.engine, hw.gpu_count, model, found.users),
        depth=depth,
        slots=_slots(found.engine, found.users),
        users=found.users,
        kv_type=found.kv_type,
        evidence=False,
    )


def _label(hw: Hardware) -> str:
    parts = [f"{g.count}x {g.name}" for g in hw.gpus]
    if hw.soc is not None:
        parts.append(f"{hw.soc.name} {hw.unified_memory_gb:g} GB" if hw.unified_memory_gb else hw.soc.name)
    if not hw.gpus and hw.soc is None and hw.cpu is not None:
        parts.append(hw.cpu.name)
    if hw.ram_gb and (hw.gpus or hw.soc is None):
        parts.append(f"{hw.ram_gb:g} GB RAM")
    return " + ".join(parts)


def _how(e: Estimate) -> str:
    p = e.memory.placement
    gpus = len(p.gpu_devices)
    if p.strategy == "expert_offload":
        return f"{e.engine}, experts in system RAM"
    if p.data_parallel > 1:
        return f"{e.engine}, attention data-parallel over {p.data_parallel} GPUs, experts split"
    if p.strategy == "tensor_parallel":
        tp = max(p.tensor_parallel, 1)
        pipeline = f" x pipeline parallel {gpus // tp} (servers of {tp})" if gpus > tp else ""
        return f"{e.engine}, tensor parallel {tp}{pipeline}"
    if gpus > 1:
        return f"{e.engine}, layers split across {gpus} GPUs"
    return e.engine


def _summary(
    hw: Hardware, e: Estimate, price: RigPrice | None, min_tps: float, max_usd: float | None = None
) -> str:
    tps = round(_user_tps(e), 1)  # as the estimate contract gives it
    speed = f"~{tps_text(tps)} tok/s"
    speed += _each(e)
    slow = f" (below the {min_tps:g} asked)" if tps < min_tps else ""
    cost = f"; about ${price.usd:,.0f} ({price.words})" if price is not None else "; no public price on file"
    over = ""
    if price is not None and max_usd is not None and not _affordable(price, max_usd):
        over = (
            f", over the ${max_usd:,.0f} asked once its server CPU and board are added (at least "
            f"~${price.least_usd - price.usd:,.0f} more)"
            if price.usd <= max_usd
            else f", over the ${max_usd:,.0f} asked"
        )
    return f"{_label(hw)}: {e.quant.id}, {e.context:,} context, {_how(e)}, {speed}{slow}{cost}{over}"


def _user_tps(e: Estimate) -> float:
    """What one user sees: each user's speed when several are served at once, their waits included."""
    serving = e.speed.serving
    return serving.waited_tps if serving is not None and serving.users > 1 else e.speed.decode_tps


def _each(e: Estimate) -> str:
    serving = e.speed.serving
    if serving is None or serving.users <= 1:
        return ""
    held = serving.users_held
    if held is not None and held < serving.users:
        return f" each for {serving.users} users (the memory holds {held} at once; the others wait)"
    return f" each for {serving.users} users"


def _holds_users(e: Estimate) -> bool:
    serving = e.speed.serving
    return serving is None or serving.users_held is None or serving.users_held >= serving.users


def _affordable(price: RigPrice | None, max_usd: float | None) -> bool:
    """Within the asker's budget: any rig when none is given, else a priced one at or under it, with
    the least a server CPU and board add where its price leaves them out."""
    return max_usd is None or (price is not None and price.least_usd <= max_usd)


def _choose(
    found: _Found,
    model: ModelSpec,
    context: int | None,
    depth: int | None,
    min_tps: float,
    extra: tuple[str, ...],
    max_usd: float | None = None,
) -> RigChoice | None:
    """The smallest configuration, or a larger one of a paged engine when that one is too slow."""
    first: RigChoice | None = None
    paged = engine_family(found.engine) == "paged"
    for hw in found.hardware if paged else found.hardware[:1]:
        e = _estimate(found, model, hw, context, depth, extra)
        if e is None or not _runs(found.template, e.verdict, e.memory.placement.strategy):
            continue
        price = rig_price(hw, ram_type=found.template.price_ram)
        if found.users > 1 and not _holds_users(e):
            continue  # a rig for several users at once holds each one's KV cache
        keeps_up = _user_tps(e) >= min_tps
        choice = RigChoice(found.template, hw, e, price, keeps_up, _summary(hw, e, price, min_tps, max_usd))
        if keeps_up:
            return choice
        first = first or choice
    return first


def _named_template(device: str, db: DeviceDatabase) -> RigTemplate | None:
    """A template for a device named that no bundled template covers ("how many P40s"): N cards
    split by llama.cpp, or a chip at the sizes it is sold with."""
    rows = [d for d in db.data.devices if d.id == device]
    if not rows:
        return None
    row = next((d for d in rows if d.default_variant), rows[-1])
    if row.kind == "soc":
        kind: RigKind = "mac" if row.vendor == "apple" else "unified"
        return RigTemplate(
            id=f"named-{device}",
            kind=kind,
            text=f"{row.name} {{mem}}GB",
            engines=("llama.cpp",),
            device=device,
            source="device database: the memory sizes the chip is sold with",
        )
    if row.kind != "gpu" or not row.memory_gb:
        return None
    return RigTemplate(
        id=f"named-{device}",
        kind="datacenter" if row.segment == "datacenter" else "consumer",
        text=f"{{n}}x {row.name}",
        counts=_LLAMA_CPP_COUNTS,
        engines=("llama.cpp",),
        device=device,
        price_memory_gb=row.memory_gb,
        source=_LLAMA_CPP_SOURCE,
    )


def _templates(
    model: ModelSpec, kinds: Sequence[RigKind], devices: Sequence[str], db: DeviceDatabase
) -> list[tuple[RigTemplate, str | None]]:
    """The templates to try (and the card an offload rig uses): those of the devices named (with
    the named card as an offload rig's GPU) and of the kinds named, else all; offload rigs only
    for MoE models."""
    templates = load_rig_templates()
    # consumer cards include one of them with the experts in RAM
    wanted = {*kinds, "offload"} if "consumer" in kinds else set(kinds)
    if not devices:
        return [
            (t, None)
            for t in templates
            if not (t.moe_only and model.moe is None)
            and (t.kind in wanted if wanted else t.kind != "cpu")  # CPU-only rigs when asked for
        ]
    out: list[tuple[RigTemplate, str | None]] = []
    desk_cards = [t for t in templates if t.device in devices and t.kind in ("consumer", "workstation")]
    for device in devices:
        t = next((t for t in templates if t.device == device and t.kind != "offload"), None)
        if t is not None and t.kind in ("consumer", "workstation") and "llama.cpp" in t.engines:
            # a desktop card named ("how many RTX PRO 6000s"): every count llama.cpp splits across,
            # not only the counts it is usually bought in (data-center cards come in 4- and 8-GPU
            # boards and servers)
            t = t.model_copy(update={"counts": tuple(sorted({*t.counts, *_LLAMA_CPP_COUNTS}))})
        t = t or _named_template(device, db)
        if t is not None:
            out.append((t, None))
    for t in templates:
        if t.moe_only and model.moe is None:
            continue
        if t.kind == "offload" and desk_cards:
            card = _bundled_rig(_text(desk_cards[0], 1, None, None)).gpus[0].name
            out.append((t, card))
        elif t.kind in wanted and all(t is not x for x, _ in out):
            out.append((t, None))
    return out


# a kind of rig in the words of a note ("Mac and CPU-only rigs left out: ...")
_KIND_WORDS: dict[RigKind, str] = {
    "consumer": "consumer-GPU",
    "workstation": "workstation-GPU",
    "datacenter": "data-center",
    "mac": "Mac",
    "unified": "unified-memory",
    "offload": "RAM-offload",
    "cpu": "CPU-only",
}


def _engine_problem(t: RigTemplate, engine: str | None, gpu: str | None, db: DeviceDatabase) -> str | None:
    """Why the engine asked for cannot run on this kind of rig ("vllm needs NVIDIA (CUDA) or AMD
    (ROCm) GPUs" for a Mac), or None."""
    sizes = _sizes(t, db)
    if engine is None or not sizes:
        return None
    rig = _rig(t, *sizes[0], gpu, db)
    return engine_problem(engine, rig, default_backend(rig))


def _price_key(c: RigChoice) -> tuple[float, float]:
    memory = _capacity(c.hardware)
    return (c.price.usd if c.price is not None else float("inf"), memory)


def requirements(
    model: ModelSpec,
    *,
    quant: str | None = None,
    context: int | None = None,
    min_tps: float = DEFAULT_MIN_TPS,
    prefer: Prefer | None = None,
    kinds: Sequence[RigKind] = (),
    devices: Sequence[str] = (),
    depth: int | None = None,
    extra_assumptions: tuple[str, ...] = (),
    limit: int = RIGS_SHOWN,
    max_usd: float | None = None,
    db: DeviceDatabase | None = None,
    engine: str | None = None,
    users: int = 1,
    gpu_only: bool = False,
    kv_type: str | None = None,
) -> Requirements:
    """The rigs that run `model` well, cheapest first: of the `devices` named (device ids: "how many
    4090s"), else of the `kinds` named ("a Mac"), else of every kind; with the KV cache type asked
    (`kv_type`, as each engine has it), else f16. With a budget (`max_usd`) the
    answer is chosen among the rigs it buys, and the rigs above it are named as such. When no rig of
    those asked holds the model at the default 4 bits (and no quantization or quality was asked for),
    the answer goes on to the smaller builds people run such models at, saying so."""
    size = functools.partial(
        _requirements,
        model,
        context=context,
        min_tps=min_tps,
        prefer=prefer,
        kinds=kinds,
        devices=devices,
        depth=depth,
        extra_assumptions=extra_assumptions,
        limit=limit,
        max_usd=max_usd,
        db=db,
        engine=engine,
        users=users,
        gpu_only=gpu_only,
        kv_type=kv_type,
    )
    found = size(quant=quant)
    if quant is not None or prefer == "quality" or _holds_asked(found, devices):
        return found
    for smaller in _SMALLER_QUANTS:
        again = size(quant=smaller)
        if _holds_asked(again, devices):
            # the rigs named keep their lines; else the answer that runs leads, and why no rig holds
            # the 4-bit build stays in the notes
            lead = (
                found.summary
                if devices
                else f"No rig canirun proposes holds {model.name} that way at 4 bits a weight."
            )
            words = "A smaller build, lossier than 4-bit, fits."
            return Requirements(
                model,
                again.rigs,
                tuple(dict.fromkeys((*found.notes, *again.notes))),
                f"{lead} {words} {again.summary}",
                again.min_tps,
                again.max_usd,
            )
    return found


def _holds_asked(found: Requirements, devices: Sequence[str]) -> bool:
    """Does some rig shown hold the model, on the cards named when cards were named?"""
    if not devices:
        return bool(found.rigs)
    return any(c.template.device in devices for c in found.rigs)


def _requirements(
    model: ModelSpec,
    *,
    quant: str | None,
    context: int | None,
    min_tps: float,
    prefer: Prefer | None,
    kinds: Sequence[RigKind],
    devices: Sequence[str],
    depth: int | None,
    extra_assumptions: tuple[str, ...],
    limit: int,
    max_usd: float | None,
    db: DeviceDatabase | None,
    engine: str | None,
    users: int,
    gpu_only: bool,
    kv_type: str | None,
) -> Requirements:
    db = db or default_database()
    ctx, _ = default_context(model, context)
    notes: dict[str, str] = {}  # template id -> why it cannot run the model
    engine_problems: set[str] = set()  # of those, the kinds of rig the engine asked does not run on
    found: list[tuple[_Found, RigPrice | None]] = []
    templates = _templates(model, kinds, devices, db)
    if gpu_only:  # "fully in VRAM": no rig that keeps part of the model in system RAM
        templates = [(t, gpu) for t, gpu in templates if t.kind not in ("offload", "cpu")]
    for t, gpu in templates:
        f = _smallest(t, model, quant, prefer, ctx, gpu, db, engine, users, kv_type)
        problem = _engine_problem(t, engine, gpu, db)
        if problem is not None:
            notes[t.id] = problem
            engine_problems.add(t.id)
        elif f is None:
            notes[t.id] = _too_small(t, model, quant, prefer, ctx, gpu, db, engine, users, kv_type)
        else:
            found.append((f, rig_price(f.hardware[0], ram_type=t.price_ram)))
    shown: list[RigChoice] = []
    for f, price in _order(found, devices, max_usd):  # speed only for the rigs shown
        if len(shown) >= limit:
            # past the rigs shown, one cheaper than any shown that keeps up with the speed asked is
            # still worth its place ("30 tok/s on Qwen3 32B": a 4090, not only the cheapest card
            # of each kind and a workstation card)
            if price is None or price.usd >= _cheapest_keeping_up(shown):
                continue
            choice = _choose(f, model, context, depth, min_tps, extra_assumptions, max_usd)
            if choice is not None and choice.keeps_up:
                shown.append(choice)
            continue
        choice = _choose(f, model, context, depth, min_tps, extra_assumptions, max_usd)
        if choice is not None:
            shown.append(choice)
    shown.sort(key=_price_key)
    named = [(t, notes.get(t.id)) for t, gpu in templates if t.device in devices and gpu is None]
    why_none = next(reversed(notes.values()), None)
    verdict = _verdict(model, shown, named, min_tps, prefer, why_none, max_usd)
    if shown and all(c.template.kind == "cpu" for c in shown):
        verdict = f"{_cpu_lead(model, shown)} {verdict}"
    elif shown:
        verdict = f"{_memory_lead(model, shown[0].estimate)} {verdict}"
    # the kinds of rig the engine asked does not run on, named with the reason ("Mac and CPU-only rigs
    # left out: vllm needs NVIDIA (CUDA) or AMD (ROCm) GPUs"), once per reason
    left_out: dict[str, list[str]] = {}
    for t, _gpu in templates:
        if t.id in engine_problems:
            words = left_out.setdefault(notes[t.id], [])
            if _KIND_WORDS[t.kind] not in words:
                words.append(_KIND_WORDS[t.kind])
    said = {why: f"{' and '.join(words)} rigs left out: {why}" for why, words in left_out.items()}
    notes_out = tuple(dict.fromkeys(f"{model.name}: {said.get(n, n)}" for n in _grouped(notes.values())))
    return Requirements(model, tuple(shown), notes_out, verdict, min_tps, max_usd)


_RIGS_NAMED = 3  # the largest of each kind too small for one reason: named up to this many
_TOO_SMALL = re.compile(r"even (.+?) cannot hold it (at \S+)(?:: (.+?)| \((.+?)\))$")


def _grouped(notes: Iterable[str]) -> list[str]:
    """The notes, with the rigs too small for one reason said in one line ("even 16x RTX 3090,
    16x RTX 4090 or 8x RTX PRO 6000 cannot hold it at Q4_K_M: ..."), never a line per rig."""
    out: list[str] = []
    groups: dict[tuple[str, str], list[str]] = {}
    limits: dict[tuple[str, str], list[str]] = {}
    for note in notes:
        m = _TOO_SMALL.fullmatch(note)
        if m is None:
            out.append(note)
            continue
        why, _, limit = (m.group(3) or m.group(4)).partition("; ")
        key = (m.group(2), why)
        if key not in groups:
            out.append("\0" + str(len(groups)))
            groups[key], limits[key] = [], []
        groups[key].append(m.group(1))
        if limit and limit not in limits[key]:
            limits[key].append(limit)
    texts = []
    for (at, why), labels in groups.items():
        if len(labels) > _RIGS_NAMED + 1:
            rigs = f"{', '.join(labels[:_RIGS_NAMED])} or {len(labels) - _RIGS_NAMED} other rigs tried"
        else:
            rigs = labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} or {labels[-1]}"
        tail = "".join(f"; {x}" for x in limits[(at, why)])
        texts.append(f"even {rigs} cannot hold it {at}: {why}{tail}")
    return [texts[int(n[1:])] if n.startswith("\0") else n for n in out]


def _cheapest_keeping_up(shown: Sequence[RigChoice]) -> float:
    return min((c.price.usd for c in shown if c.keeps_up and c.price is not None), default=float("inf"))


def _order(
    found: list[tuple[_Found, RigPrice | None]], devices: Sequence[str], max_usd: float | None = None
) -> list[tuple[_Found, RigPrice | None]]:
    """The rigs of the devices named first, then those within the budget, then the cheapest of each
    kind (so every kind that runs it is seen), then the rest by price."""

    def key(item: tuple[_Found, RigPrice | None]) -> tuple[float, float]:
        f, price = item
        return (price.usd if price is not None else float("inf"), _capacity(f.hardware[0]))

    ranked = sorted(found, key=key)
    first = [x for x in ranked if x[0].template.device in devices and x[0].template.kind != "offload"]
    if max_usd is not None:
        first += [x for x in ranked if x not in first and _affordable(x[1], max_usd)]
    for item in ranked:
        if all(x[0].template.kind != item[0].template.kind for x in first):
            first.append(item)
    return first + [x for x in ranked if x not in first]


def _too_small(
    t: RigTemplate,
    model: ModelSpec,
    wish: str | None,
    prefer: Prefer | None,
    context: int,
    gpu: str | None,
    db: DeviceDatabase,
    engine_wish: str | None = None,
    users: int = 1,
    kv_wish: str | None = None,
) -> str:
    """Why the largest configuration of `t` cannot run the model, in words (on the engine asked for,
    at its quantization, when `t` runs it: "with vLLM" is no llama.cpp limit): its weights, or where
    they would fit, the KV cache the context (times the users) needs beside them."""
    engines = _engines(t, wish, engine_wish, _rig(t, *_sizes(t, db)[0], gpu, db)) if _sizes(t, db) else []
    engine = next((e for e in engines if target_quant(model, e, wish, prefer) is not None), None)
    sizes = _sizes(t, db)
    if engine is None or not sizes:
        return f"{t.id}: no quantization near {wish} on its engines"
    q = target_quant(model, engine, wish, prefer)
    assert q is not None
    hw = _rig(t, *sizes[-1], gpu, db)
    need = weight_bytes(model, q).total / 1e9
    limit = ""
    if "{n}" in t.text and engine_family(engine) == "gguf" and max(t.counts) >= _LLAMA_CPP_COUNTS[-1]:
        limit = f"; llama.cpp splits a model across {_LLAMA_CPP_COUNTS[-1]} GPUs at most"
    elif "{n}" in t.text and t.kind == "datacenter":
        limit = f"; {max(t.counts)} is two {SERVER_GPUS}-GPU servers"
    kv = kv_for_engine(kv_wish, engine)[0] if kv_wish else "f16"
    cache = kv_cache_bytes(model, context, k_type=kv, v_type=kv).total * max(users, 1) / 1e9
    if engine_family(engine) != "gguf" and t.kind == "offload":
        # the rig holds it, the engine asked does not use its RAM: say that, not "cannot hold it"
        vram = sum(g.count * (g.vram_gb or 0.0) for g in hw.gpus)
        return (
            f"{_label(hw)}: {engine_name(engine)} keeps every weight and its buffers on the "
            f"GPUs ({vram:,.0f} GB), too little for {need:,.0f} GB of weights at {q.id}; it puts none in "
            "system RAM"
        )
    if (
        engine_family(engine) == "gguf"
        and t.kind not in ("offload", "cpu")
        and (need + cache) * 1e9 <= _capacity(hw)  # every user's cache beside the weights
        and _inside_fit_margin(model, q, hw, engine, context, users, kv_wish)
    ):
        # what an estimate for this rig says too: on the GPUs, but only without llama.cpp's margin
        return (
            f"{_label(hw)} holds it at {q.id} ({need:,.0f} GB of weights) only inside llama.cpp's 1 GiB "
            "safety margin per GPU (-ngl 99 --fit off): too tight to propose"
        )
    if need * 1e9 <= _capacity(hw) and cache >= 0.25 * need:  # the weights would fit: the cache does not
        who = f"{users} users at {context:,} tokens each" if users > 1 else f"{context:,} tokens of context"
        return (
            f"even {_label(hw)} cannot hold it at {q.id}: {need:,.0f} GB of weights and {cache:,.0f} GB of "
            f"KV cache ({engine_kv_name(kv, engine)}) for {who}{limit}"
        )
    servers = _servers(hw, need) if "{n}" in t.text and t.kind == "datacenter" else ""
    if servers:  # said after a colon: the server count's own brackets never nest in the weights'
        return f"even {_label(hw)} cannot hold it at {q.id}: {need:,.0f} GB of weights{limit}{servers}"
    return f"even {_label(hw)} cannot hold it at {q.id} ({need:,.0f} GB of weights{limit})"


def _servers(hw: Hardware, need_gb: float) -> str:
    """The GPUs a model past the largest server rig (`hw`) needs, as servers of eight joined by
    pipeline parallelism: at least the cards whose usable memory (vLLM's default share) holds the
    weights alone, rounded up to whole servers (tensor parallel within a server, pipeline parallel
    across them). Where `hw`'s cards would hold the weights alone, the KV cache and buffers are what
    is short: one server more than `hw`."""
    card = hw.gpus[0] if hw.gpus else None
    if card is None or not card.vram_gb:
        return ""
    usable = card.vram_gb * GiB * VLLM_GPU_UTILIZATION / 1e9
    least = math.ceil(need_gb / usable)
    tried = sum(g.count for g in hw.gpus)
    servers = math.ceil(least / SERVER_GPUS)
    short = ""
    if servers * SERVER_GPUS <= tried:
        servers = tried // SERVER_GPUS + 1
        short = f"; {tried} hold the weights but leave too little for the KV cache and buffers beside them"
    return (
        f"; it needs at least {least} {card.name} for the weights alone ({usable:.0f} GB usable of each)"
        f"{short}; in practice {servers} servers of {SERVER_GPUS} ({servers * SERVER_GPUS} GPUs: tensor "
        f"parallel {SERVER_GPUS} within each server x pipeline parallel {servers} across them)"
    )


def _inside_fit_margin(
    model: ModelSpec,
    q: QuantSpec,
    hw: Hardware,
    engine: str,
    context: int,
    users: int = 1,
    kv_wish: str | None = None,
) -> bool:
    """llama.cpp holds the model, and every user's cache, fully on the rig's GPUs once its free-memory
    margin is given up."""
    try:
        loose = estimate_memory(
            model,
            q,
            hw,
            context=context,
            engine=engine,
            backend=default_backend(hw),
            gpu_only=True,
            fit_margin=0,
            slots=_slots(engine, users),
            kv_type=kv_for_engine(kv_wish, engine)[0] if kv_wish else "f16",
        )
    except SizingError:
        return False
    return loose.placement.verdict == "gpu"


def _verdict(
    model: ModelSpec,
    shown: Sequence[RigChoice],
    named: Sequence[tuple[RigTemplate, str | None]],
    min_tps: float,
    prefer: Prefer | None = None,
    why_none: str | None = None,
    max_usd: float | None = None,
) -> str:
    """The answer in a few sentences: the rigs of the devices named first ("how many 4090s"), then
    the cheapest rig that runs the model at the speed asked, and a much faster one, both within the
    budget when one is given (and a much faster one above it); when none runs it, why the last
    (largest) kind of rig tried cannot."""
    lines = []
    said: list[RigChoice] = []
    for t, why in named:
        mine = [c for c in shown if c.template is t]
        if mine:
            lines.append(f"{_label(mine[0].hardware)} run {model.name}: {_runs_words(mine[0])}.")
            said.append(mine[0])
        elif why:
            lines.append(f"For {model.name}, {why}.")
    if not shown:
        why = f": {why_none}" if why_none and not named else ""
        lines.append(f"None of the rigs canirun proposes runs {model.name} that way{why}.")
        return " ".join(lines)
    within = [c for c in shown if _affordable(c.price, max_usd)]
    budget = f"${max_usd:,.0f}" if max_usd is not None else ""
    if max_usd is not None and not within:
        lines.append(f"Nothing canirun prices at {budget} or less runs {model.name} this way.")
    pool = within or shown
    good = [c for c in pool if c.keeps_up]
    best = good[0] if good else pool[0]
    # a budget is a limit, not a wish for the cheapest: within it, the rig that runs the model best
    # (its quantization's quality, then its speed) leads, and the cheapest is said after it
    top = _best_within(good) if within and max_usd is not None and prefer != "cost" and good else None
    if top is not None and top is not best and top not in said:
        lines.append(
            f"Within {budget}, the best rig for {model.name}: {_label(top.hardware)} ({_runs_words(top)})."
        )
        said.append(top)
        if best not in said:
            lines.append(f"Cheaper: {_label(best.hardware)} ({_runs_words(best)}).")
            said.append(best)
        best = top
    if best not in said:
        head = (
            f"The cheapest rig that runs {model.name} at {min_tps:g}+ tokens/s"
            if good
            else f"No rig here keeps {min_tps:g} tokens/s with {model.name}; the cheapest that runs it"
        )
        if within and max_usd is not None:
            head = f"Within {budget}, " + head[0].lower() + head[1:]
        lines.append(f"{head}: {_label(best.hardware)} ({_runs_words(best)}).")
        said.append(best)
    lines.extend(_faster(pool, best, said, prefer))
    if within and max_usd is not None:
        above = [c for c in shown if c not in within]
        quickest = max(within, key=lambda c: c.estimate.speed.decode_tps)
        lines.extend(_faster(above, quickest, said, None, f"Above {budget}"))
    return " ".join(lines)


def _best_within(good: Sequence[RigChoice]) -> RigChoice:
    """Of the rigs within a budget that keep up: the best band of quantization quality, then the fastest."""
    return min(good, key=lambda c: (quality_band(c.estimate.quant.kld), -_user_tps(c.estimate)))


def _faster(
    shown: Sequence[RigChoice], best: RigChoice, said: list[RigChoice], prefer: Prefer | None, word: str = ""
) -> list[str]:
    """'Faster: 3x RTX 3090 at ~113 tokens/s for about $2,400.': the cheapest of the rigs much faster
    than `best` (the fastest when speed comes first), unless it was said already."""
    if not shown:
        return []
    fastest = max(shown, key=lambda c: c.estimate.speed.decode_tps)
    much = fastest.estimate.speed.decode_tps > MUCH_FASTER * best.estimate.speed.decode_tps
    if much and prefer != "speed":  # the cheapest of the much faster rigs, not the dearest
        faster = [
            c for c in shown if c.estimate.speed.decode_tps > MUCH_FASTER * best.estimate.speed.decode_tps
        ]
        fastest = min(faster, key=_price_key)
    if fastest not in said and (much or prefer == "speed"):
        f = fastest.estimate
        price = ""
        if fastest.price is not None:
            price = f" for about ${fastest.price.usd:,.0f}{_ram_only(fastest)}"
        word = word or ("Fastest" if prefer == "speed" else "Faster")
        said.append(fastest)
        return [
            f"{word}: {_label(fastest.hardware)} at ~{tps_text(_user_tps(f))} tokens/s{_each(f)}"
            f"{f.split_words}{price}."
        ]
    return []


def _memory_lead(model: ModelSpec, e: Estimate) -> str:
    """'At Q4_K_M with 8,192 context, Llama 3.3 70B needs about 45 GB: 43 GB of weights and 2.7 GB of
    KV cache, plus the engine's buffers.' (the model's own needs, whatever the rig)."""
    weights = weight_bytes(model, e.quant).total / 1e9
    kv_type = e.memory.kv_type
    kv = kv_cache_bytes(model, e.context, k_type=kv_type, v_type=kv_type).total / 1e9
    lead = (
        f"At {e.quant.id} with {e.context:,} context, {model.name} needs about {weights + kv:,.0f} GB: "
        f"{weights:,.{_digits(weights)}f} GB of weights and {kv:,.{_digits(kv)}f} GB of KV cache "
        f"({engine_kv_name(kv_type, e.engine)}), "
        "plus the engine's buffers."
    )
    serving = e.speed.serving
    if serving is None or serving.users <= 1:
        return lead
    # each user's conversation has a KV cache of its own: the one-user figure undersells a server
    users_kv = kv * serving.users
    return (
        f"{lead} {serving.users} users at {e.context:,} context each need "
        f"{users_kv:,.{_digits(users_kv)}f} GB of KV cache: about {weights + users_kv:,.0f} GB in all."
    )


def _digits(gb: float) -> int:
    """Decimals worth printing for a size in GB: '2.7', '43'."""
    return 1 if gb < 10 else 0


def _cpu_lead(model: ModelSpec, shown: Sequence[RigChoice]) -> str:
    """'On the CPU alone, DeepSeek R1 at Q4_K_M takes about 407 GB of RAM (8,192 context).'"""
    least = min(shown, key=lambda c: c.estimate.memory.total_bytes)
    e = least.estimate
    gb = e.memory.total_bytes / 1e9
    return (
        f"On the CPU alone, {model.name} at {e.quant.id} takes about {gb:,.0f} GB of RAM "
        f"({e.context:,} context), and generation speed follows the RAM's bandwidth."
    )


def _ram_only(c: RigChoice) -> str:
    """' for the RAM' where a CPU-only rig's price is its RAM's alone; ' for the GPU and RAM (the EPYC
    9654 and its board are not priced)' where a GPU rig with its experts in RAM names a CPU whose price,
    and its board's, is not on file (a server's: several thousand dollars more)."""
    if c.template.kind == "cpu":
        return " for the RAM"
    if c.price is not None and c.price.words.endswith("GPU and RAM only"):
        cpu = c.hardware.cpu
        more = f", at least ~${c.price.least_usd - c.price.usd:,.0f} more" if c.price.server_left_out else ""
        return (
            f" for the GPU and RAM (the {cpu.name} and its board are not priced and come on top{more})"
            if cpu is not None
            else " for the GPU and RAM"
        )
    return ""


def _runs_words(c: RigChoice) -> str:
    """'Q4_K_M, 8,192 context, fully in memory, ~41 tokens/s, about $17,500'."""
    e = c.estimate
    strategy = e.memory.placement.strategy
    where = "with the experts in system RAM" if strategy == "expert_offload" else "fully in memory"
    cost = f", about ${c.price.usd:,.0f}{_ram_only(c)}" if c.price is not None else ""
    return (
        f"{e.quant.id}, {e.context:,} context, {where}, ~{tps_text(_user_tps(e))} tokens/s{_each(e)}"
        f"{e.split_words}{cost}"
    )
