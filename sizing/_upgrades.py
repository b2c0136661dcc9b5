"""What to change about a rig so a "no" becomes a "yes", or a slow or lossy "yes" a usable one.

Changes tried, each re-estimated at a good quantization (Q4_K_M or the engine's equivalent) and
priced where the bundled prices know the part (hardware/data/prices.yaml):
- free: raise the GPU's share of unified memory (macOS's wired limit; Strix Halo's GTT on Linux);
- one more of the same GPU (a discrete, named desktop or workstation card; up to 8 in one box);
- system RAM to the next standard size (llama.cpp engines offload to it; not for unified memory,
  not for datacenter GPU servers, whose RAM is not what limits them);
- a Mac with more unified memory (the same chip's larger option, a Mac the price table sells, an M3
  Ultra): the cheapest priced one that reaches the goal;
- a second DGX Spark (NVIDIA links two);
- for a CPU-only desktop, a used 24 GB RTX 3090.
Only changes that make sense for the rig are tried, and only those that reach the goal are kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from ._bounds import gguf_beyond_rig
from ._dynamic_quants import published_dynamic
from ._engine_vllm import vllm_uma_load_copy
from ._engines import engine_family
from ._errors import SizingError
from ._kernel_builds import build_with_kernels
from ._overhead import GiB, MiB, raised_wired_limit_mb
from ._pools import DEFAULT_RAM_GB, assumed_ram_gb, rig_pools
from ._weights import weight_bytes
from .catalog import ModelSpec, QuantSpec, quant_by_id, resolve_quant
from .estimate import Estimate, Sized, complete, ranked, size
from .hardware import (
    DevicePrice,
    DeviceSpec,
    GpuGroup,
    Hardware,
    SocInfo,
    default_database,
    device_price,
    memory_price_per_gb,
    price_table,
)
from .memory import estimate_memory
from .quant_policy import Candidate, pick, placement_rank, quality_band
from .speed import TENSOR_SPLIT_WORDS
from .vocabulary import RAM_SIZES_GB, SplitMode

__all__ = ["Upgrade", "target_quant", "upgrades"]

_RAM_SIZES_GB = tuple(s for s in RAM_SIZES_GB if s >= 32)  # an upgrade worth proposing starts at 32 GB
_DESKTOP_RAM_MAX_GB = 256  # four 64 GB DDR5 modules: the most a desktop board takes
_MAX_GPUS = 8
_UPGRADE_CARD = "rtx-3090"  # the 24 GB card local-LLM builders add to a CPU-only box, bought used
_BIGGER_MAC = "m3-ultra"  # the Mac with the most unified memory
# Strix Halo on Linux: with ttm.pages_limit raised the GPU can use all but a few GB of the memory
# (AMD's ROCm docs how-to/system-optimization/strixhalo.html; the device row's notes: ~124 of 128 GB)
_STRIX_OS_SHARE = 8 * GiB
_TTM_PAGE = 4096
_SAME_SPEED = 0.8  # a better quality band is worth having down to this share of today's speed
# a change that lifts the speed over the wish is worth naming where it is this much faster: a smaller
# step lies well inside the spread of the speed estimates (the range each answer prints runs about a
# third either side), so the line crossed is the estimate's, not the user's
_WORTH_CROSSING = 1.2


@dataclass(frozen=True, slots=True)
class Upgrade:
    """A change to the rig (or its settings), what it gives, and about what it costs."""

    change: str
    estimate: Estimate
    price_usd: float | None  # None: free, or not priced here
    free: bool = False
    ram_gb: float | None = None  # the system RAM this change gives the rig, where it is RAM


_FALLBACKS = {
    "gguf": ("Q4_K_M", "Q3_K_M", "Q2_K"),
    "paged": ("AWQ-INT4",),
    "mlx": ("MLX-4bit", "MLX-3bit"),
    "exllama": ("EXL3-4.0", "EXL3-3.0"),
}


def target_quant(model: ModelSpec, chosen: QuantSpec, engine: str) -> QuantSpec:
    """The quantization an upgrade should reach: the chosen one when its quality is good, else the
    engine's usual 4-bit build."""
    if quality_band(chosen.kld) == 0:
        return chosen
    if model.native_dtype == "mxfp4" and engine_family(engine) in ("gguf", "paged"):
        return quant_by_id("MXFP4")
    return resolve_quant(_fallbacks(chosen, engine)[0])


def _fallbacks(chosen: QuantSpec, engine: str) -> tuple[str, ...]:
    """The engine's usual builds, best first; an EXL2 pick stays on exllamav2's EXL2 builds."""
    builds = _FALLBACKS[engine_family(engine)]
    return tuple(b.replace("EXL3", "EXL2") for b in builds) if chosen.format == "exl2" else builds


def _quants(model: ModelSpec, now: Estimate) -> list[QuantSpec]:
    """What to size on an upgraded rig: the target, the engine's 4- and lower-bit builds, the pick."""
    if model.native_dtype == "mxfp4" and engine_family(now.engine) in ("gguf", "paged"):
        return [quant_by_id("MXFP4")]
    target = target_quant(model, now.quant, now.engine)
    more = [resolve_quant(q) for q in _fallbacks(now.quant, now.engine)]
    if engine_family(now.engine) == "gguf" and now.engine != "ollama":  # the builds its repo publishes
        target, *more = published_dynamic(model, [target, *more], others=False)
    return list({q.id: q for q in (target, *more, now.quant)}.values())


def _reaches(new: Estimate | None, now: Estimate, min_tps: float) -> bool:
    """Does `new` turn `now` into a yes, a usable yes, or a clearly better one: a better quality band
    at about the same speed, or fully on the GPUs at 1.5x the speed?"""
    if new is None or new.verdict == "no":
        return False
    if now.verdict == "no":
        return True
    usable = new.verdict == "gpu" or new.speed.decode_tps >= min_tps
    # the speed as printed (to the tenth): "~10 tokens/s" already meets a wish of 10
    now_usable = now.verdict == "gpu" or round(now.speed.decode_tps, 1) >= min_tps
    # a better band counts from a costly one (below ~3.5 bits), not 4 bits against 3.5
    costly = quality_band(now.quant.kld) >= 2
    better_band = costly and quality_band(new.quant.kld) < quality_band(now.quant.kld)
    crosses = not now_usable and (
        new.verdict != now.verdict or new.speed.decode_tps >= _WORTH_CROSSING * now.speed.decode_tps
    )
    if usable and (crosses or better_band):
        return True
    if better_band and new.speed.decode_tps >= _SAME_SPEED * now.speed.decode_tps:
        return True
    return (
        usable
        and now.verdict != "gpu"
        and new.verdict == "gpu"
        and new.speed.decode_tps >= 1.5 * now.speed.decode_tps
    )


@dataclass(frozen=True, slots=True)
class _Pick:
    """The option an upgraded rig runs, as far as judging the upgrade reads it (its decode speed
    alone): `whole` estimates the rest, for the upgrades named."""

    estimate: Estimate
    sized: Sized
    decoded: tuple[SplitMode, float]

    def whole(self) -> Estimate:
        return complete(self.sized, self.decoded)

    def outcome(self) -> str:
        """`_outcome` of the pick, naming llama.cpp's split mode its decode speed was judged with (a
        serving engine's tensor parallelism is its own)."""
        gguf = engine_family(self.estimate.engine) == "gguf"
        tensor = gguf and self.decoded[0] == "tensor" and self.estimate.speed.split_mode != "tensor"
        return _outcome(self.estimate) + (TENSOR_SPLIT_WORDS if tensor else "")


def _best_on(model: ModelSpec, hw: Hardware, now: Estimate, min_tps: float, **extra: object) -> _Pick | None:
    """What the policy would pick on an upgraded rig, among a few quantizations (best quality first,
    stopping at one that fits on the GPUs at speed and good quality: nothing below beats it). Each is
    sized with its decode speed; only the upgrades named are estimated whole."""
    found: list[_Pick] = []
    backend = str(extra.get("backend", now.backend))
    builds = (build_with_kernels(now.engine, q, hw) for q in _quants(model, now))
    for q in sorted({b.id: b for b in builds if b is not None}.values(), key=lambda q: q.kld):
        if _beyond(model, q, hw, now, backend):
            continue  # a "no" for certain: the pick passes over it
        s = _resize(model, hw, now, q, **extra)
        if s is None:
            continue
        e, decoded = ranked(s)
        found.append(_Pick(e, s, decoded))
        tps = e.speed.decode_tps
        if s.memory.placement.verdict == "gpu" and tps >= min_tps and quality_band(q.kld) == 0:
            break
    i = pick(
        [Candidate(p.sized.quant.kld, p.estimate.verdict, p.estimate.speed.decode_tps) for p in found],
        min_tps,
    )
    return found[i] if i is not None else None


def _holds_none(model: ModelSpec, hw: Hardware, now: Estimate, backend: str | None = None) -> bool:
    """Memory only: the weights of every quantization `_best_on` tries exceed all the memory of `hw`
    together (GGUF engines), so each would size as a "no"."""
    if engine_family(now.engine) != "gguf":
        return False
    try:
        room = rig_pools(hw, backend or now.backend, margin=0).capacity
    except SizingError:
        return False
    return all(
        weight_bytes(model, q).total > room + 1e6 for q in _quants(model, now)
    )  # 1 MB: clear of rounding


def _beyond(model: ModelSpec, q: QuantSpec, hw: Hardware, now: Estimate, backend: str) -> bool:
    """Memory only: `now`'s configuration at `q` on `hw` runs nowhere, for certain (sizing/_bounds.py)."""
    return gguf_beyond_rig(
        model, q, hw, context=now.context, engine=now.engine, backend=backend, kv_type=now.memory.kv_type
    )


def _short_of_memory(model: ModelSpec, hw: Hardware, now: Estimate) -> bool:
    """Would more memory change anything: nothing runs, or a better quantization does not fit at all?"""
    if now.verdict == "no":
        return True
    better = [q for q in _quants(model, now) if quality_band(q.kld) < quality_band(now.quant.kld)]
    for q in better:
        if _beyond(model, q, hw, now, now.backend):
            return True
        try:
            mem = estimate_memory(
                model,
                q,
                hw,
                context=now.context,
                engine=now.engine,
                backend=now.backend,
                kv_type=now.memory.kv_type,
            )
        except SizingError:
            return True
        if mem.placement.verdict == "no":
            return True
    return False


def _outcome(e: Estimate) -> str:
    """'to run Q4_K_M fully on the GPUs' (the speed is the estimate's), naming llama.cpp's tensor
    split where that speed rests on it: the default layer split is slower."""
    if e.verdict == "gpu":
        where = "fully on the GPU" + ("s" if len(e.memory.placement.gpu_devices) > 1 else "")
    elif e.verdict == "partial":
        where = "partly offloaded"
    else:
        where = "on the CPU"
    return f"to run {e.quant.id} {where}{e.split_words}"


_KIND_WORDS = {
    "launch_msrp": "launch price",
    "list_price": "list price",
    "new_street": "new",
    "used_market": "used",
}


def _priced(p: DevicePrice | None) -> tuple[float | None, str]:
    """(about what it costs, in words: 'about $700-900 used, 2026-05-16')."""
    if p is None:
        return None, "not priced here"
    span = f"${p.price_usd:,.0f}"
    if p.price_usd_high is not None and p.price_usd_high != p.price_usd:
        span += f"-{p.price_usd_high:,.0f}"
    return p.midpoint_usd, f"about {span} {_KIND_WORDS[p.kind]}, {p.date}"


def _card_price(device: str, memory_gb: float | None) -> DevicePrice | None:
    """A card's used price where known (the cheapest way to add one), else its newest new price."""
    return device_price(device, memory_gb, used=True) or device_price(device, memory_gb)


def _resize(model: ModelSpec, hw: Hardware, now: Estimate, quant: QuantSpec, **extra: object) -> Sized | None:
    """`now`'s configuration at `quant` on `hw` (with `extra` options), sized; None where it cannot be."""
    # the engine settings the answer was sized with (pasted ones too: OLLAMA_NUM_PARALLEL=16) hold for
    # every what-if
    options: dict[str, Any] = {
        "backend": now.backend,
        "kv_type": now.memory.kv_type,
        "engine_options": now.memory.options,
        **extra,
    }
    try:
        return size(model, hw, quant=quant, context=now.context, engine=now.engine, **options)
    except SizingError:
        return None


def _gpu_memory_limit(model: ModelSpec, hw: Hardware, now: Estimate, min_tps: float) -> Iterator[Upgrade]:
    soc = hw.soc
    unified = hw.sized_unified_gb
    if soc is None or soc.spec is None or not unified or now.verdict == "gpu":
        return
    total = unified * GiB
    if soc.spec.vendor == "apple":
        limit_mb = raised_wired_limit_mb(total)  # each Mac's own limit, of its own memory
        each = " on each Mac" if soc.count > 1 else ""
        change = (
            f"let the GPU use more of the memory (sudo sysctl iogpu.wired_limit_mb={limit_mb}{each}, "
            "until reboot)"
        )
    elif soc.spec.gpu_memory_fraction and soc.spec.vendor == "amd" and soc.spec.segment == "apu":
        limit_mb = int((total - _STRIX_OS_SHARE) // MiB)
        pages = int((total - _STRIX_OS_SHARE) // _TTM_PAGE)
        change = (
            f"let the GPU use more of the memory (on Linux, boot with ttm.pages_limit={pages}: "
            f"{limit_mb / 1024:.0f} GiB, as AMD's Strix Halo guide sets it)"
        )
    else:
        return
    for q in _smaller_first(now):
        s = _resize(model, hw, now, q, wired_limit_mb=limit_mb)
        if s is not None and s.memory.placement.verdict == "gpu":  # memory first: speed for the one named
            e = complete(s)
            if q.id == now.quant.id or _reaches(e, now, min_tps):
                yield Upgrade(f"{change} {_outcome(e)}", e, None, free=True)
            return


# GGUF quantizations a raised GPU memory limit is tried at, best quality first: the chosen one, then
# the next smaller ones down to 2.6 bits (a Mac holds Qwen3 235B at IQ3_XXS on its GPU with the limit
# raised, where the chosen IQ3_XS needs its experts in the CPU's share)
_LIMIT_STEPS = ("Q4_K_M", "IQ4_XS", "Q3_K_M", "IQ3_XS", "IQ3_XXS", "Q2_K")


def _smaller_first(now: Estimate) -> list[QuantSpec]:
    """The chosen quantization, then (for llama.cpp engines) the smaller steps below it."""
    if engine_family(now.engine) != "gguf":
        return [now.quant]
    smaller = [quant_by_id(q) for q in _LIMIT_STEPS]
    return [now.quant, *(q for q in smaller if q.bits < now.quant.bits)]


def _more_gpus(model: ModelSpec, hw: Hardware, now: Estimate, min_tps: float) -> Iterator[Upgrade]:
    if hw.laptop or hw.soc is not None:
        return
    named = [g for g in hw.gpus if g.kind == "gpu" and g.id is not None and g.spec is not None]
    if named:
        g = named[0]
        assert g.spec is not None
        if g.spec.segment not in ("desktop", "workstation", "datacenter") or hw.gpu_count >= _MAX_GPUS:
            return
        added = _cards_to_add(model, hw.gpu_count, now.engine)
        if hw.gpu_count + added > _MAX_GPUS:
            return
        more = hw.model_copy(
            update={
                "gpus": tuple(
                    x.model_copy(update={"count": x.count + added}) if x is g else x for x in hw.gpus
                )
            }
        )
        p = None if _holds_none(model, more, now) else _best_on(model, more, now, min_tps)
        if p is not None and _reaches(p.estimate, now, min_tps):
            price, words = _priced(_card_price(g.spec.id, g.vram_gb))
            if added == 1:
                which = "a second" if g.count == 1 else "one more"
                yield Upgrade(f"add {which} {g.name} ({words}) {p.outcome()}", p.whole(), price)
            else:
                why = _tensor_parallel_words(model, hw.gpu_count + added)
                yield Upgrade(
                    f"add {added} more {g.name} ({words}{' each' if price is not None else ''}; {why}) "
                    f"{p.outcome()}",
                    p.whole(),
                    None if price is None else price * added,
                )
        yield from _cheaper_card_beside(model, hw, now, min_tps, g)
        return
    if any(g.kind == "gpu" for g in hw.gpus) or (hw.cpu is None and hw.ram_gb is None):
        return  # an unnamed card, or nothing known to build on
    if not _takes_a_graphics_card(hw):
        return
    spec = default_database().default_variant(_UPGRADE_CARD)
    if spec is None or spec.memory_gb is None:
        return
    card = GpuGroup(id=spec.id, name=spec.name, count=1, vram_gb=spec.memory_gb, spec=spec)
    with_card = hw.model_copy(update={"gpus": (card,)})
    p = (
        None
        if _holds_none(model, with_card, now, "cuda")
        else _best_on(model, with_card, now, min_tps, backend="cuda")
    )
    if p is not None and _reaches(p.estimate, now, min_tps):
        price, words = _priced(_card_price(spec.id, spec.memory_gb))
        article = "an" if spec.name.upper().startswith(("A", "E", "I", "O", "NVIDIA")) else "a"
        yield Upgrade(f"add {article} {spec.name} ({words}) {p.outcome()}", p.whole(), price)


def _cheaper_card_beside(
    model: ModelSpec, hw: Hardware, now: Estimate, min_tps: float, g: GpuGroup
) -> Iterator[Upgrade]:
    """A used 24 GB RTX 3090 added beside an NVIDIA card of another kind, where it costs less than one
    more of that card: llama.cpp and the engines on it split layers over unlike cards of one backend,
    so memory is bought where it is cheapest (a 4090 owner adds a used 3090 for a 70B)."""
    assert g.spec is not None
    if g.spec.id == _UPGRADE_CARD or g.spec.vendor != "nvidia" or engine_family(now.engine) != "gguf":
        return
    spec = default_database().default_variant(_UPGRADE_CARD)
    own = _card_price(g.spec.id, g.vram_gb)
    cheap = _card_price(_UPGRADE_CARD, spec.memory_gb) if spec is not None else None
    if spec is None or spec.memory_gb is None or cheap is None:
        return
    if own is not None and cheap.midpoint_usd >= own.midpoint_usd:
        return
    card = GpuGroup(id=spec.id, name=spec.name, count=1, vram_gb=spec.memory_gb, spec=spec)
    more = hw.model_copy(update={"gpus": (*hw.gpus, card)})
    p = None if _holds_none(model, more, now) else _best_on(model, more, now, min_tps)
    if p is not None and _reaches(p.estimate, now, min_tps):
        price, words = _priced(cheap)
        article = "an" if spec.name.upper().startswith(("A", "E", "I", "O", "NVIDIA")) else "a"
        yield Upgrade(f"add {article} {spec.name} beside it ({words}) {p.outcome()}", p.whole(), price)


def _splits_heads(model: ModelSpec, tp: int) -> bool:
    """vLLM and SGLang split attention over `tp` GPUs only where `tp` divides the query heads and the
    KV heads divide by it or it by them (vLLM's tensor-parallel check; an MLA cache has no KV heads)."""
    kv_ok = model.attention.mla is not None or model.kv_heads % tp == 0 or tp % model.kv_heads == 0
    return model.heads % tp == 0 and kv_ok


def _cards_to_add(model: ModelSpec, have: int, engine: str) -> int:
    """Cards to add: one, or for vLLM and SGLang as many as reach the next count their tensor
    parallelism splits this model over (2 -> 4 for 64 heads and 8 KV heads: a third GPU would run as
    pipeline stages, about one GPU's speed for one user)."""
    if engine_family(engine) != "paged":
        return 1
    n = have + 1
    while n < _MAX_GPUS and not _splits_heads(model, n):
        n += 1
    return n - have


def _tensor_parallel_words(model: ModelSpec, gpus: int) -> str:
    """'tensor parallel needs a GPU count that divides the 64 attention heads and 8 KV heads: 3 does
    not, 4 does'."""
    return (
        f"tensor parallel needs a GPU count that divides {model.name}'s {model.heads} attention heads and "
        f"{model.kv_heads} KV heads: {gpus - 1} does not, {gpus} does"
    )


def _takes_a_graphics_card(hw: Hardware) -> bool:
    """Whether a CPU-only machine has room for a desktop graphics card: not a laptop, and not a
    board with soldered LPDDR memory (a Raspberry Pi, a Rockchip board, a thin laptop): those have
    no x16 slot to put one in."""
    if hw.cpu is None or hw.cpu.family is None:
        return not hw.laptop
    db = default_database()
    family = db.cpus_by_id.get(hw.cpu.family)
    platform = db.platforms.get(hw.cpu.platform) if hw.cpu.platform else None
    soldered = platform is not None and platform.memory_type.upper().startswith("LPDDR")
    return not (hw.laptop or (family is not None and family.laptop) or soldered)


def _ram_cap(hw: Hardware) -> float:
    if hw.cpu is not None and hw.cpu.platform is not None:
        platform = default_database().platforms.get(hw.cpu.platform)
        if platform is not None and platform.max_gb:
            return platform.max_gb * (hw.cpu.sockets or 1)
    have = hw.ram_gb or 0.0
    return _DESKTOP_RAM_MAX_GB if have <= _DESKTOP_RAM_MAX_GB / 2 else max(_RAM_SIZES_GB)


def _ram_it_takes(model: ModelSpec, hw: Hardware, now: Estimate, min_tps: float) -> Iterator[Upgrade]:
    """For a rig whose RAM was not stated: the least RAM that runs the model at the best quality band
    more RAM reaches (4 bits before 3.5), else the least that makes it run at all, or run better."""
    if now.verdict == "no":
        # the quantization sized (the one asked): the least RAM that holds what it offloads
        for total in (s for s in _RAM_SIZES_GB if DEFAULT_RAM_GB < s <= _ram_cap(hw)):
            more = hw.model_copy(update={"ram_gb": float(total)})
            sized = _resize(model, more, now, now.quant)
            if sized is not None and sized.memory.placement.verdict != "no":
                e = complete(sized)
                change = f"with {total} GB of system RAM or more (you did not say how much) {_outcome(e)}"
                yield Upgrade(change, e, None, ram_gb=float(total))
                break
    by_band: dict[int, tuple[int, _Pick]] = {}
    first: tuple[int, _Pick] | None = None
    # what the RAM assumed already runs: more RAM is no condition for a pick no better than it (a
    # quantization that fits on the GPUs needs no RAM beyond the assumed)
    base = _best_on(model, hw, now, min_tps)
    base_band = (
        quality_band(base.estimate.quant.kld) if base is not None and base.estimate.verdict != "no" else None
    )
    for total in (s for s in _RAM_SIZES_GB if DEFAULT_RAM_GB < s <= _ram_cap(hw)):
        more = hw.model_copy(update={"ram_gb": float(total)})
        if _holds_none(model, more, now):
            continue
        p = _best_on(model, more, now, min_tps)
        if p is None or p.estimate.verdict == "no":
            continue
        band = quality_band(p.estimate.quant.kld)
        if base_band is not None and band >= base_band:
            continue
        if band <= 1 and (now.verdict == "no" or band < quality_band(now.quant.kld)):
            by_band.setdefault(band, (total, p))
            if band == 0:
                break
        if first is None and _reaches(p.estimate, now, min_tps):
            first = (total, p)
    chosen = by_band.get(0) or by_band.get(1) or first
    if chosen is not None and not (now.verdict == "no" and chosen[1].estimate.quant.id == now.quant.id):
        total, p = chosen
        change = f"with {total} GB of system RAM or more (you did not say how much) " + p.outcome()
        yield Upgrade(change, p.whole(), None, ram_gb=float(total))


def _more_ram(model: ModelSpec, hw: Hardware, now: Estimate, min_tps: float) -> Iterator[Upgrade]:
    if hw.soc is not None or engine_family(now.engine) != "gguf" or hw.laptop:
        return
    if not _short_of_memory(model, hw, now):
        return  # RAM holds what is offloaded; it makes nothing faster
    if hw.ram_gb is None and assumed_ram_gb(hw) <= DEFAULT_RAM_GB:
        # the rig's RAM is a guess (a data-center card beside a desktop one too: "4090 + P40"): say
        # what it takes, not what to buy
        yield from _ram_it_takes(model, hw, now, min_tps)
        return
    if any(g.spec is not None and g.spec.segment == "datacenter" for g in hw.gpus):
        return  # a server's RAM is sized with its cards
    have = hw.ram_gb or DEFAULT_RAM_GB
    for total in (s for s in _RAM_SIZES_GB if have < s <= _ram_cap(hw)):
        more = hw.model_copy(update={"ram_gb": float(total)})
        if _holds_none(model, more, now):
            continue
        p = _best_on(model, more, now, min_tps)
        if p is None or not _reaches(p.estimate, now, min_tps):
            continue
        per_gb = memory_price_per_gb(hw.ram_type or "")
        added = total - have
        if per_gb is not None:
            price: float | None = per_gb.price_usd_per_gb * added
            rate = f"${per_gb.price_usd_per_gb:.2f}/GB, {per_gb.date}"
            words = f"about ${price:,.0f} of {per_gb.type} at {rate}"
        else:
            price, words = None, "not priced here"
        change = f"add {added:g} GB of system RAM ({total} GB in all; {words}) {p.outcome()}"
        yield Upgrade(change, p.whole(), price, ram_gb=float(total))
        return


def _bigger_unified(model: ModelSpec, hw: Hardware, now: Estimate, min_tps: float) -> Iterator[Upgrade]:
    soc = hw.soc
    if soc is None or soc.spec is None or soc.id is None:
        return
    spec = soc.spec
    have = hw.sized_unified_gb or 0.0
    if spec.id == "dgx-spark":
        if not _short_of_memory(model, hw, now):
            return  # a linked second Spark adds memory, not single-stream speed
        two = hw.model_copy(update={"soc": soc.model_copy(update={"count": soc.count + 1})})
        p = _best_on(model, two, now, min_tps)
        if p is not None and _reaches(p.estimate, now, min_tps):
            price, words = _priced(device_price(spec.id))
            yield Upgrade(f"add a second DGX Spark, linked ({words}) {p.outcome()}", p.whole(), price)
        return
    options: list[tuple[DeviceSpec, float]] = [(spec, m) for m in spec.memory_options_gb if m > have]
    if spec.vendor == "apple":
        # every Mac the price table sells with more memory: the cheapest that reaches the goal is named
        options += [o for o in _priced_macs(have) if (o[0].id, o[1]) not in {(c.id, m) for c, m in options}]
        if spec.id != _BIGGER_MAC:
            ultra = default_database().default_variant(_BIGGER_MAC)
            if ultra is not None:
                options += [(ultra, m) for m in ultra.memory_options_gb if m > have]
    reached: list[tuple[float | None, float, Upgrade]] = []
    for chip_spec, memory in sorted(options, key=lambda o: o[1]):
        soc_info = SocInfo(
            id=chip_spec.id, name=chip_spec.name, gpu_cores=chip_spec.gpu_cores, spec=chip_spec
        )
        bigger = hw.model_copy(update={"unified_memory_gb": memory, "soc": soc_info})
        p = _best_on(model, bigger, now, min_tps)
        if p is not None and _reaches(p.estimate, now, min_tps):
            price, words = _priced(device_price(chip_spec.id, memory))
            what = "Mac" if spec.vendor == "apple" else "machine"
            change = f"get a {what} with {chip_spec.name} and {memory:g} GB ({words}) {p.outcome()}"
            reached.append((price, memory, Upgrade(change, p.whole(), price)))
    # of the machines that run it best (where it runs, then its quality band), the cheapest priced one,
    # and the one with the least memory where it is not priced here and has less (the same chip with
    # more memory, bought used or configured); where no priced machine runs it that well, the one not
    # priced that does and the cheapest priced one that reaches the goal at all

    def outcome(u: Upgrade) -> tuple[int, int]:
        return placement_rank(u.estimate.verdict), quality_band(u.estimate.quant.kld)

    best = min((outcome(r[2]) for r in reached), default=None)
    priced = [r for r in reached if r[0] is not None]
    unpriced = [r for r in reached if r[0] is None and outcome(r[2]) == best]
    at_best = [r for r in priced if outcome(r[2]) == best]
    cheapest = min(at_best or priced, key=lambda r: r[0] or 0.0) if priced else None
    if cheapest is not None and at_best:
        yield cheapest[2]
    if unpriced and (cheapest is None or not at_best or unpriced[0][1] < cheapest[1]):
        yield unpriced[0][2]
    if cheapest is not None and not at_best:
        yield cheapest[2]


def _priced_macs(have: float) -> list[tuple[DeviceSpec, float]]:
    """Each Mac configuration of the price table with more unified memory than `have` GB: its chip at
    the GPU core count priced (else the chip's default variant) and its memory."""
    db = default_database()
    out: list[tuple[DeviceSpec, float]] = []
    for row in price_table().devices:
        variants = db.variants(row.device)
        if not variants or variants[0].vendor != "apple" or row.memory_gb is None or row.memory_gb <= have:
            continue
        chip = next((v for v in variants if row.gpu_cores and v.gpu_cores == row.gpu_cores), variants[0])
        if (chip.id, row.memory_gb) not in {(c.id, m) for c, m in out}:
            out.append((chip, row.memory_gb))
    return out


def _fewer_parallel(model: ModelSpec, hw: Hardware, now: Estimate, min_tps: float) -> Iterator[Upgrade]:
    """Ollama with OLLAMA_NUM_PARALLEL set allocates the context once per sequence: the most sequences
    (halving down to one) whose caches leave the model fully on the GPU."""
    opts = now.memory.options
    if now.engine != "ollama" or not opts.num_parallel or opts.num_parallel < 2 or now.verdict == "gpu":
        return
    n = opts.num_parallel // 2
    while n >= 1:
        s = _resize(model, hw, now, now.quant, engine_options=replace(opts, num_parallel=n))
        if s is not None and s.memory.placement.verdict == "gpu":
            e = complete(s)
            yield Upgrade(
                f"set OLLAMA_NUM_PARALLEL={n} (each sequence holds the whole context) {_outcome(e)}",
                e,
                None,
                free=True,
            )
            return
        n //= 2


def _valid_tensor_parallel(
    model: ModelSpec, hw: Hardware, now: Estimate, min_tps: float
) -> Iterator[Upgrade]:
    """A tensor parallel size set that the engine refuses (more than the GPUs, or not dividing the heads):
    the size the engine would take here, where it runs."""
    opts = now.memory.options
    if now.engine not in ("vllm", "sglang") or not opts.tensor_parallel or now.verdict != "no":
        return
    s = _resize(model, hw, now, now.quant, engine_options=replace(opts, tensor_parallel=None))
    if s is None or s.memory.placement.verdict == "no":
        return
    e = complete(s)
    tp = e.memory.placement.tensor_parallel
    flag = "--tp" if now.engine == "sglang" else "--tensor-parallel-size"
    stages = next(
        (f" {x.flag}" for x in e.memory.placement.settings if x.flag.startswith("--pipeline-parallel-size")),
        "",
    )
    yield Upgrade(
        f"set {flag} {tp}{stages}, a size {now.engine} takes for this model and rig, {_outcome(e)}",
        e,
        None,
        free=True,
    )


def _newer_vllm(model: ModelSpec, hw: Hardware, now: Estimate, min_tps: float) -> Iterator[Upgrade]:
    """A vLLM release before 0.24 that does not start on unified memory for the second copy of the
    weights it holds while it sizes the KV cache: the release that frees the copy, free to take."""
    opts = now.memory.options
    if now.engine != "vllm" or now.verdict != "no" or not vllm_uma_load_copy(opts.version):
        return
    s = _resize(model, hw, now, now.quant, engine_options=replace(opts, version=None))
    if s is not None and s.memory.placement.verdict != "no":
        e = complete(s)
        yield Upgrade(f"update vLLM to 0.24 or later {_outcome(e)}", e, None, free=True)


def upgrades(model: ModelSpec, hw: Hardware, now: Estimate, min_tps: float) -> list[Upgrade]:
    """Changes that make `now` (the recommended option) a yes, a usable yes or a clearly better one:
    free ones first, then the cheapest priced, then the unpriced."""
    found = [
        *_newer_vllm(model, hw, now, min_tps),
        *_valid_tensor_parallel(model, hw, now, min_tps),
        *_fewer_parallel(model, hw, now, min_tps),
        *_gpu_memory_limit(model, hw, now, min_tps),
        *_more_gpus(model, hw, now, min_tps),
        *_more_ram(model, hw, now, min_tps),
        *_bigger_unified(model, hw, now, min_tps),
    ]
    guessed_ram = hw.ram_gb is None and hw.soc is None  # "with N GB or more": no purchase, say it first
    return sorted(
        found,
        key=lambda u: (
            not (u.free or (guessed_ram and u.ram_gb is not None)),
            u.price_usd is None,
            u.price_usd or 0.0,
        ),
    )
