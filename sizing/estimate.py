"""One estimate: a model at a quantization on a rig with an engine: memory, placement and speed.

estimate(model, hardware, quant="Q4_K_M", context=8192) -> Estimate
Estimate.contract() -> the `canirun estimate --json` contract (sizing.contract.EstimateContract)
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ._compute_capability import rocm_architecture_problem
from ._engine_fit import EngineOptions, Setting
from ._engine_ollama import ollama_flash_attention
from ._engines import (
    DEFAULT_CONTEXT_SAID,
    backend_problem,
    default_backend,
    default_context,
    default_engine,
    default_quant,
    engine_family,
    engine_instead,
    engine_problem,
    rocm_overrides,
)
from ._errors import EstimateError, SizingError
from ._exllama_arches import exllama_gap
from ._question_kv import engine_kv_name
from ._speed_evidence import Measurement, measured_speeds
from .catalog import ModelSpec, QuantSpec, resolve_quant
from .commands import context_note_said, launch_command
from .contract import EstimateContract
from .hardware import Hardware
from .memory import OLLAMA_FLASH_ATTENTION_ON, MemoryEstimate, estimate_memory
from .speed import SpeedEstimate, decode_choice, estimate_speed
from .vocabulary import BACKENDS, ENGINES, FORCEABLE_SPLIT_MODES, MAX_CONTEXT, SplitMode

__all__ = [
    "Estimate",
    "Sized",
    "complete",
    "decode_choice_of",
    "decode_rate",
    "estimate",
    "estimate_again",
    "estimate_or_none",
    "ranked",
    "refuse_impossible_ram",
    "size",
]

GB = 1e9
MAX_USERS_SIZED = 100_000  # people served at once: past this no single rig is a meaningful estimate


@dataclass(frozen=True, slots=True)
class Estimate:
    model: ModelSpec
    quant: QuantSpec
    context: int
    engine: str
    backend: str
    memory: MemoryEstimate
    speed: SpeedEstimate
    assumptions: tuple[str, ...]
    measured: tuple[Measurement, ...] = ()  # public measurements of this model on these devices

    @property
    def verdict(self) -> str:
        return self.memory.placement.verdict

    @property
    def split_mode(self) -> str:
        """How the GPUs share the model (llama.cpp's -sm value, or tensor/pipeline for vLLM/SGLang)."""
        return self.speed.split_mode

    @property
    def split_words(self) -> str:
        """' with llama.cpp's experimental tensor split (-sm tensor)' where a llama.cpp speed rests on
        it (a paged engine's tensor parallelism is its own, named by its engine); '' otherwise."""
        return self.speed.split_words if engine_family(self.engine) == "gguf" else ""

    def command_hint(self) -> str | None:
        """The command lines that start the engine with this placement (sizing.commands)."""
        return launch_command(self)

    def contract(self) -> EstimateContract:
        """The `canirun estimate --json` contract: GB rounded to 0.01, tokens/s to 0.1."""
        return EstimateContract.model_validate(self.contract_fields())

    def contract_fields(self) -> dict[str, Any]:
        """The fields of `contract()`, nested, before validation: a contract that extends the
        estimate's (an answer's option) validates them with its own fields, once."""
        mem = self.memory
        p = mem.placement
        spd = self.speed
        command = self.command_hint()
        return {
            "model": {"id": self.model.id, "name": self.model.name},
            "quant": self.quant.id,
            "context": self.context,
            "engine": self.engine,
            "backend": self.backend,
            "memory": {
                "weights_gb": _gb(mem.weights_bytes),
                "kv_cache_gb": _gb(mem.kv_bytes),
                "overhead_gb": _gb(mem.overhead_bytes),
                "total_gb": _gb(mem.total_bytes),
            },
            "placement": {
                "verdict": p.verdict,
                "strategy": p.strategy,
                "gpu_layers": p.gpu_layers,
                "cpu_moe_layers": p.cpu_moe_layers,
                "tensor_parallel": p.tensor_parallel,
                "shortfall_gb": _gb(p.shortfall),
                "tight": p.tight,
                "split_mode": spd.split_mode,
                "devices": [
                    {
                        "name": d.name,
                        "kind": d.kind,
                        "capacity_gb": _gb(d.total),
                        "weights_gb": _gb(d.weights),
                        "kv_cache_gb": _gb(d.kv),
                        "overhead_gb": _gb(d.compute + d.runtime),
                        "used_gb": _gb(d.used),
                        "free_gb": _gb(d.free),
                        "layers": d.layers,
                        "expert_layers": d.expert_layers,
                        "reserve_gb": _gb(d.reserve),
                        "memory_parts": {name: _gb(value) for name, value in d.parts},
                    }
                    for d in p.devices
                ],
                "fit": p.fit,
                "settings": [{"flag": s.flag, "why": s.why} for s in p.settings],
                "engine_defaults": dict(p.engine_defaults),
                "data_parallel": p.data_parallel,
            },
            "speed": {
                "decode_tps": round(spd.decode_tps, 1),
                "prefill_tps": round(spd.prefill_tps, 1),
                "decode_tps_range": _tps_range(spd.decode_tps_range),
                "prefill_tps_range": _tps_range(spd.prefill_tps_range),
                "ttft_s": round(spd.ttft_s, 2),
                "depth": spd.depth,
                "curve": [
                    {
                        "depth": pt.depth,
                        "decode_tps": round(pt.decode_tps, 1),
                        "prefill_tps": round(pt.prefill_tps, 1),
                    }
                    for pt in spd.curve
                ],
                "split_options": [
                    {"split_mode": m, "decode_tps": round(d, 1), "prefill_tps": round(pp, 1)}
                    for m, d, pp in spd.split_options
                ],
                "serving": None
                if spd.serving is None
                else {
                    "users": spd.serving.users,
                    "per_user_tps": round(spd.serving.per_user_tps, 1),
                    "aggregate_tps": round(spd.serving.aggregate_tps, 1),
                    "users_held": spd.serving.users_held,
                },
                "measured": [m.to_contract() for m in self.measured],
            },
            "kv_type": mem.kv_type,
            "flash_attention": mem.flash_attention,
            "command": command,
            "assumptions": list(context_note_said(self, command)),
        }

    def to_contract(self) -> dict[str, Any]:
        """The contract as JSON-ready data."""
        return self.contract().model_dump(mode="json")


def _gb(n_bytes: float) -> float:
    return round(n_bytes / GB, 2)


def _tps_range(r: tuple[float, float]) -> tuple[float, float]:
    return round(r[0], 1), round(r[1], 1)


def size(
    model: ModelSpec,
    hardware: Hardware,
    *,
    quant: QuantSpec | str | None = None,
    context: int | None = None,
    engine: str | None = None,
    backend: str | None = None,
    kv_type: str = "f16",
    flash_attention: bool | None = None,
    slots: int = 1,
    wired_limit_mb: int | None = None,
    extra_assumptions: tuple[str, ...] = (),
    engine_options: EngineOptions | None = None,
    depth: int | None = None,
    users: int = 1,
    split_mode: str | None = None,
    evidence: bool = True,
) -> Sized:
    """The memory half of `estimate` (same arguments): what it works out before speed. Raises
    SizingError as `estimate` does for what it checks."""
    if hardware.is_empty and not hardware.cpu:
        raise EstimateError(
            "no hardware to size against",
            hint='Describe the rig, like "RTX 3090, 64GB RAM" or "M2 Max 96GB".',
        )
    notes: list[str] = list(hardware.assumptions) + list(extra_assumptions)
    if backend is not None and backend not in BACKENDS:
        raise EstimateError(f"unknown backend '{backend}'", hint="Use one of: " + ", ".join(BACKENDS))
    if engine is not None and engine not in ENGINES:
        raise EstimateError(f"unknown engine '{engine}'", hint="Use one of: " + ", ".join(ENGINES))
    chosen_backend = backend or default_backend(hardware)
    problem = backend_problem(chosen_backend, hardware)
    if problem is not None:
        raise EstimateError(problem, hint="Leave the backend out to use the one your hardware supports.")
    chosen_engine = engine or default_engine(hardware, chosen_backend)
    gapped = {g.engine for g in model.engine_gaps}
    if engine is None and chosen_engine in gapped:  # the first engine that loads the model and runs here
        chosen_engine = engine_instead(gapped, hardware, chosen_backend) or chosen_engine
    problem = engine_problem(
        chosen_engine, hardware, chosen_backend, engine_options.version if engine_options else None
    )
    if problem is not None:
        raise EstimateError(
            problem, hint="llama.cpp runs everywhere; MLX on Macs; vLLM/SGLang on NVIDIA/AMD GPUs."
        )
    gap = next((g for g in model.engine_gaps if g.engine == chosen_engine), None)
    if gap is not None:
        others = [e for e in ENGINES if e not in gapped]
        raise EstimateError(
            f"{chosen_engine} cannot load {model.name}: it {gap.why} ({gap.source})",
            hint=f"{model.name} runs on " + ", ".join(others) + ".",
        )
    if quant is None:
        q = default_quant(model, chosen_engine)
    elif isinstance(quant, str):
        q = resolve_quant(quant)
    else:
        q = quant
    if q.note:  # an unknown name sized as the nearest known quant: say so, never swap silently
        notes.append(q.note)
    if chosen_engine not in q.engines and not (
        chosen_engine in ("ollama", "lmstudio") and "llama.cpp" in q.engines
    ):
        raise EstimateError(
            f"{chosen_engine} does not load {q.id} files",
            hint=f"{q.id} runs on " + ", ".join(q.engines) + ".",
        )
    gap_words = exllama_gap(model, q.format) if chosen_engine == "exllama" else None
    if gap_words is not None:
        raise EstimateError(
            f"exllama cannot load {model.name} as {q.id}: {gap_words}",
            hint=f"{model.name} runs on llama.cpp, and on vLLM or SGLang where they load it.",
        )
    if depth is not None and not 0 <= depth <= MAX_CONTEXT:
        raise EstimateError(
            f"depth {depth:,} is not a token count", hint="Use 0 to 10M tokens, e.g. 32768 or 32k."
        )
    if users < 1:
        raise EstimateError(f"{users:,} users is not a count", hint="Use 1 or more, e.g. 10.")
    if users > MAX_USERS_SIZED:
        raise EstimateError(
            f"{users:,} users is too many (at most {MAX_USERS_SIZED:,})",
            hint=f"Use 1 to {MAX_USERS_SIZED:,}, e.g. 10.",
        )
    refuse_impossible_ram(hardware)
    if split_mode is None and engine_options is not None:
        split_mode = engine_options.split_mode
    if split_mode is not None and split_mode not in FORCEABLE_SPLIT_MODES:
        raise EstimateError(
            f"unknown split mode '{split_mode}'", hint="Use one of: " + ", ".join(FORCEABLE_SPLIT_MODES)
        )
    if split_mode is not None and (engine_options is None or engine_options.split_mode != split_mode):
        # the memory half places the KV cache by the split asked for (-sm row keeps it on the main GPU)
        engine_options = replace(engine_options or EngineOptions(), split_mode=split_mode)
    if depth is not None and (context is None or context < depth):
        if depth > model.max_context:
            raise EstimateError(
                f"{model.name} handles at most {model.max_context:,} tokens: no speed at {depth:,}",
                hint=f"Ask for a depth up to {model.max_context:,}.",
            )
        notes.append(f"context {depth:,} tokens to hold the {depth:,} asked for")
        context = depth
    ctx, ctx_note = default_context(model, context, chosen_engine)
    if ctx_note:
        notes.append(ctx_note)

    def memory(options: EngineOptions | None) -> MemoryEstimate:
        return estimate_memory(
            model,
            q,
            hardware,
            context=ctx,
            engine=chosen_engine,
            backend=chosen_backend,
            kv_type=kv_type,
            flash_attention=flash_attention,
            slots=slots,
            wired_limit_mb=wired_limit_mb,
            context_given=context is not None,
            options=options,
        )

    mem = memory(engine_options)
    if (
        chosen_engine in ("vllm", "sglang")
        and users > 1
        and mem.placement.verdict == "gpu"
        and not (engine_options and engine_options.tensor_parallel)
        and _data_parallel_attention_size(model, hardware.gpu_count) >= 2
    ):
        # many users of an MLA mixture-of-experts model: attention data-parallel holds each GPU's own
        # sequences instead of a copy of every one; chosen where it holds more of the users
        dp = memory(replace(engine_options or EngineOptions(), data_parallel_attention=True))
        held = min(users, mem.placement.sequences_held)
        if dp.placement.verdict == "gpu" and min(users, dp.placement.sequences_held) > held:
            mem = dp
    if (
        chosen_engine == "ollama"
        and users > 1
        and slots == 1
        and mem.slots == 1
        and mem.placement.verdict == "gpu"
    ):
        # several users on Ollama run at once only in OLLAMA_NUM_PARALLEL slots, each a whole context
        # (github ollama/ollama envconfig/config.go): the most slots, up to the users, that keep the fit
        n = users
        while n > 1:
            wider = memory(replace(engine_options or EngineOptions(), num_parallel=min(n, 256)))
            if wider.placement.verdict == "gpu" and wider.placement.tight <= mem.placement.tight:
                mem = wider
                break
            n //= 2
    n = min(users, 256)
    if (
        chosen_engine == "llama.cpp"
        and n > 1
        and slots == 1
        and mem.placement.verdict == "partial"
        and mem.placement.sequences_held < n
        and ctx * n <= MAX_CONTEXT
    ):
        # the weights already spill to system RAM: llama-server holds every user's cache at once
        # (-np users, -c context x users) by moving more of them there, rather than running one user
        # at a time because the GPU alone holds one cache (llama-server --help: "-np, --parallel N")
        wider = estimate_memory(
            model,
            q,
            hardware,
            context=ctx * n,
            engine=chosen_engine,
            backend=chosen_backend,
            kv_type=kv_type,
            flash_attention=flash_attention,
            slots=n,
            wired_limit_mb=wired_limit_mb,
            context_given=True,
            options=engine_options,
        )
        if wider.placement.verdict == "partial":
            mem = replace(wider, context=ctx)  # each user's context, as Ollama's slots are told
    if ctx_note and chosen_engine == "vllm" and context is None:
        cut = _context_cut(mem, ctx)
        if cut is not None:  # the fit names a shorter --max-model-len: the command sets it, not the model's
            notes[notes.index(ctx_note)] = (
                f"context {ctx:,} tokens sized (none asked; {DEFAULT_CONTEXT_SAID}); the command caps the "
                f"context at {int(cut.flag.split()[-1]):,} tokens: {cut.why}"
            )
    notes.extend(mem.notes)
    unlisted = rocm_architecture_problem(chosen_engine, hardware) if chosen_backend == "rocm" else None
    if unlisted is not None:
        notes.append(f"{unlisted}: sized as a community build that runs there would run it")
    for card, version in rocm_overrides(chosen_backend, (g.spec for g in hardware.gpus)).items():
        notes.append(
            f"ROCm runs the {card} only as a supported sibling: HSA_OVERRIDE_GFX_VERSION={version} "
            "(set in the command; unofficial, Vulkan needs no override)"
        )
    if chosen_engine == "lmstudio":
        notes.append(
            "flash attention on (in LM Studio's load settings)"
            if mem.flash_attention
            else "flash attention off (LM Studio's default)"
        )
    elif mem.flash_attention and chosen_engine == "ollama":
        notes.append(
            "flash attention on (OLLAMA_FLASH_ATTENTION=1)"
            if any(s.flag == OLLAMA_FLASH_ATTENTION_ON for s in mem.placement.settings)
            else "flash attention on (Ollama's default where supported; OLLAMA_FLASH_ATTENTION sets it)"
        )
    elif chosen_engine == "ollama" and ollama_flash_attention(model, mem.options.version) is False:
        notes.append(
            f"flash attention off (Ollama {mem.options.version}'s default for this model; "
            f"{OLLAMA_FLASH_ATTENTION_ON} turns it on)"
        )
    elif mem.flash_attention and engine_family(chosen_engine) == "gguf":
        notes.append("flash attention on (llama.cpp's default where supported)")
    if kv_type != "f16":
        notes.append(f"{engine_kv_name(kv_type, chosen_engine)} KV cache")
    return Sized(
        model,
        hardware,
        q,
        ctx,
        chosen_engine,
        chosen_backend,
        mem,
        tuple(notes),
        depth,
        users,
        split_mode,
        evidence,
    )


def _data_parallel_attention_size(model: ModelSpec, gpus: int) -> int:
    """`data_parallel_attention_size`, its module imported only where a question gets this far (each
    import statement run costs a lookup at every sizing)."""
    from ._placement_other import data_parallel_attention_size

    return data_parallel_attention_size(model, gpus)


def _context_cut(mem: MemoryEstimate, context: int) -> Setting | None:
    """The shorter --max-model-len a vLLM fit sets below the context sized (its KV pool's margin), or
    None."""
    for s in mem.placement.settings:
        words = s.flag.split()
        if words[0] == "--max-model-len" and words[-1].isdigit() and int(words[-1]) < context:
            return s
    return None


@dataclass(frozen=True, slots=True)
class Sized:
    """An estimate's memory half (`size`): the configuration chosen and where it goes; `complete`
    adds the speed. Searches size first and estimate speed only where the memory leaves a chance."""

    model: ModelSpec
    hardware: Hardware
    quant: QuantSpec
    context: int
    engine: str
    backend: str
    memory: MemoryEstimate
    notes: tuple[str, ...]
    depth: int | None
    users: int
    split_mode: SplitMode | None
    evidence: bool


def complete(s: Sized, decoded: tuple[SplitMode, float] | None = None) -> Estimate:
    """The whole estimate of `s`: its speed (and public measurements, when asked for). `decoded`:
    what `decode_choice(s)` gave, when the caller has it."""
    spd = estimate_speed(
        s.model,
        s.memory,
        s.hardware,
        backend=s.backend,
        quant=s.quant,
        engine=s.engine,
        depth=s.depth,
        users=s.users,
        split_mode=s.split_mode,
        decoded=decoded,
    )
    notes = [*s.notes, *spd.notes]
    measured = (
        measured_speeds(s.model, s.hardware, quant=s.quant.id, engine=s.engine, split_mode=spd.split_mode)
        if s.evidence
        else ()
    )
    return Estimate(
        s.model, s.quant, s.context, s.engine, s.backend, s.memory, spd, tuple(dict.fromkeys(notes)), measured
    )


def decode_rate(s: Sized) -> float:
    """The decode tokens/s `complete(s).speed` gives, without the prompt speed, the speed curve and
    the measurements: for searches that rank many options and show few."""
    if s.depth is not None or s.users != 1 or s.split_mode is not None:
        return complete(s).speed.decode_tps
    _, t_dec = decode_choice_of(s)
    return 1 / t_dec if t_dec > 0 else 0.0


def decode_choice_of(s: Sized) -> tuple[SplitMode, float]:
    """`speed.decode_choice` of `s` (one user, no depth): `complete(s, it)` does not work it out
    again where no split mode is forced."""
    return decode_choice(
        s.model,
        s.memory,
        s.hardware,
        backend=s.backend,
        quant=s.quant,
        engine=s.engine,
        split_mode=s.split_mode,
    )


def ranked(s: Sized) -> tuple[Estimate, tuple[SplitMode, float]]:
    """`complete(s)` as far as ranking options reads it: the decode speed (the same figure), not yet
    the prompt speed, the speed curve or the measurements; with what `complete` takes back of it."""
    decoded = decode_choice_of(s)
    decode = 1 / decoded[1] if decoded[1] > 0 else 0.0
    speed = SpeedEstimate(decode, 0.0, (decode, decode), (0.0, 0.0), 0.0, ())
    return Estimate(s.model, s.quant, s.context, s.engine, s.backend, s.memory, speed, s.notes), decoded


# system RAM past the largest single-system servers (HPE Superdome Flex 280: 24 TB; Flex: 48 TB) is a
# typo, not a rig (the question reader's bound on RAM upgrades is the same)
MAX_RAM_GB = 65_536


def refuse_impossible_ram(hardware: Hardware) -> None:
    """Refuse system RAM no machine holds ("99999999999999999999999 GB RAM"), said plainly: every door
    that reads a rig (an estimate, a question, a rig read alone) refuses it the same way."""
    if (hardware.ram_gb or 0.0) > MAX_RAM_GB:
        amount = f"{hardware.ram_gb:,.0f}" if (hardware.ram_gb or 0) < 1e15 else f"{hardware.ram_gb:.3g}"
        raise EstimateError(
            f"{amount} GB of RAM is more than any machine holds",
            hint=f"Give the RAM of the rig, up to {MAX_RAM_GB:,} GB (the largest servers' 64 TB).",
        )


def estimate(
    model: ModelSpec,
    hardware: Hardware,
    *,
    quant: QuantSpec | str | None = None,
    context: int | None = None,
    engine: str | None = None,
    backend: str | None = None,
    kv_type: str = "f16",
    flash_attention: bool | None = None,
    slots: int = 1,
    wired_limit_mb: int | None = None,
    extra_assumptions: tuple[str, ...] = (),
    engine_options: EngineOptions | None = None,
    depth: int | None = None,
    users: int = 1,
    split_mode: str | None = None,
    evidence: bool = True,
) -> Estimate:
    """Everything about running `model` on `hardware`; defaults come from the hardware.

    `depth`: give decode and prefill speed with that many tokens already in the KV cache (the context
    grows to hold it); `users`: also report aggregate and per-user speed for that many at once;
    `split_mode`: force llama.cpp's -sm (else the faster is chosen); `evidence`: attach matching
    public measurements."""
    return complete(
        size(
            model,
            hardware,
            quant=quant,
            context=context,
            engine=engine,
            backend=backend,
            kv_type=kv_type,
            flash_attention=flash_attention,
            slots=slots,
            wired_limit_mb=wired_limit_mb,
            extra_assumptions=extra_assumptions,
            engine_options=engine_options,
            depth=depth,
            users=users,
            split_mode=split_mode,
            evidence=evidence,
        )
    )


def estimate_or_none(model: ModelSpec, hardware: Hardware, **options: Any) -> Estimate | None:
    """`estimate` with the same options, or None where it cannot size (for searches over options)."""
    try:
        return estimate(model, hardware, **options)
    except SizingError:
        return None


def estimate_again(e: Estimate, hardware: Hardware, **changes: Any) -> Estimate | None:
    """`e`'s configuration (model, quantization, context, engine, backend, KV cache type and engine
    settings) sized again on `hardware` with `changes` (depth=32768, users=8, context=4096 ...), or
    None where it cannot be sized."""
    options: dict[str, Any] = {
        "quant": e.quant,
        "context": e.context,
        "engine": e.engine,
        "backend": e.backend,
        "kv_type": e.memory.kv_type,
        "engine_options": e.memory.options,
        **changes,
    }
    return estimate_or_none(e.model, hardware, **options)
