"""Precisions to engines: a quantization implies the engines that load it, and a question that names
one gets an engine that runs it here, or the nearest equivalent with a note, never an error.

GGUF files (Q4_K_M ... BF16 GGUF, MXFP4) load in llama.cpp and its front-ends; safetensors checkpoints
(BF16, FP8, NVFP4, AWQ, GPTQ) in vLLM and SGLang; GPTQ and EXL2/EXL3 in ExLlama (TabbyAPI); MLX
conversions in mlx-lm (catalog/data/quants.yaml lists each quantization's loaders).
"""

from __future__ import annotations

from dataclasses import dataclass

from ._compute_capability import has_bf16, last_release_for, oldest_nvidia_gpu, quant_capability_problem
from ._engines import (
    backend_problem,
    default_backend,
    default_engine,
    engine_family,
    engine_instead,
    engine_problem,
)
from ._errors import EstimateError, UnknownModelError
from ._exllama_arches import exllama_gap
from .catalog import ModelSpec, QuantSpec, load_quants, quant_by_id, resolve_quant
from .hardware import Hardware
from .vocabulary import ENGINES, Engine

__all__ = ["Route", "asked_quant", "engine_backend", "engine_name", "equivalent_quant", "route"]

# the engines tried, in order, for a quantization no engine was named for
_PREFERENCE: dict[str, tuple[Engine, ...]] = {
    "gguf": ("llama.cpp",),
    "safetensors": ("vllm", "sglang"),
    "fp8": ("vllm", "sglang"),
    "nvfp4": ("vllm", "sglang"),
    "awq": ("vllm", "sglang"),
    "gptq": ("vllm", "sglang", "exllama"),
    "exl2": ("exllama",),
    "exl3": ("exllama",),
    "mlx": ("mlx",),
    "bnb": ("vllm",),
}


def _gap_words(model: ModelSpec, engine: str) -> str | None:
    """Why `engine` cannot load `model` at all, in words with the source; None where it can."""
    gap = next((g for g in model.engine_gaps if g.engine == engine), None)
    return None if gap is None else f"{_name(engine)} cannot load {model.name}: it {gap.why} ({gap.source})"


# the engines that load each format, and what they run on, in words
_LOADERS: dict[str, tuple[str, str]] = {
    "gguf": ("llama.cpp (or Ollama, LM Studio)", "any rig"),
    "safetensors": ("vLLM or SGLang", "NVIDIA or AMD GPUs"),
    "fp8": ("vLLM or SGLang", "NVIDIA or AMD GPUs"),
    "nvfp4": ("vLLM or SGLang", "NVIDIA GPUs"),
    "awq": ("vLLM or SGLang", "NVIDIA or AMD GPUs"),
    "gptq": ("vLLM, SGLang or ExLlama", "NVIDIA or AMD GPUs"),
    "exl2": ("ExLlama (TabbyAPI)", "NVIDIA or AMD GPUs"),
    "exl3": ("ExLlama (TabbyAPI)", "NVIDIA or AMD GPUs"),
    "mlx": ("MLX", "an Apple Silicon Mac"),
    "bnb": ("vLLM (bitsandbytes) or Transformers", "NVIDIA GPUs"),
}


# engines with Linux builds only: on Windows they run under WSL2 or in a Docker container, where the
# memory is the same (WDDM still drives the card and keeps its share)
_LINUX_ONLY: dict[str, str] = {
    # "vLLM does not support Windows natively. To run vLLM on Windows, you can use WSL" (github
    # vllm-project/vllm docs/getting_started/installation/gpu.md @v0.26.0)
    "vllm": "vLLM does not run on Windows natively",
    # installs as Linux pip wheels (CUDA_HOME, FlashInfer) or Docker images only (github
    # sgl-project/sglang docs/get_started/install.md @010db98)
    "sglang": "SGLang does not run on Windows natively",
}


def _native_windows(engine: str, hw: Hardware) -> bool:
    """`engine` is Linux-only and the rig runs Windows with no WSL2 or container said."""
    return engine in _LINUX_ONLY and hw.windows and not hw.linux_layer


def _wsl_note(engine: str) -> str:
    return (
        f"{_LINUX_ONLY[engine]}: run it under WSL2 or in Docker, which needs the same memory "
        "(Windows' WDDM still keeps its share of the card); llama.cpp or LM Studio run natively"
    )


def _needs(q: QuantSpec) -> str:
    engines, where = _LOADERS[q.format]
    return f"{engines} on {where}"


# each engine family's own precisions, for the nearest equivalent by bits per weight
_LADDERS: dict[str, tuple[str, ...]] = {
    "gguf": ("BF16", "Q8_0", "Q6_K", "Q5_K_M", "Q4_K_M", "Q3_K_M", "Q2_K"),
    "paged": ("BF16-HF", "FP8", "AWQ-INT4"),
    "mlx": ("MLX-8bit", "MLX-6bit", "MLX-4bit", "MLX-3bit"),
}
_ENGINE_NAMES: dict[str, str] = {
    "llama.cpp": "llama.cpp",
    "ollama": "Ollama",
    "lmstudio": "LM Studio",
    "vllm": "vLLM",
    "sglang": "SGLang",
    "exllama": "ExLlama",
    "mlx": "MLX",
}


@dataclass(frozen=True, slots=True)
class Route:
    """The engine, backend and quantization a question is answered for, and why, in words."""

    engine: str
    backend: str
    quant: QuantSpec | None  # None: the engine's own ladder of quantizations
    notes: tuple[str, ...] = ()
    version: str | None = None  # the engine release answered for where the current one does not run here


def asked_quant(text: str) -> QuantSpec:
    """A quantization as asked: an exact id first ("BF16" is the GGUF file type, "BF16-HF" the
    safetensors checkpoint), else the resolver's reading ("awq", "exl3 4.5bpw", "mlx 4bit")."""
    exact = [q for q in load_quants() if q.id.lower() == text.strip().lower()]
    return exact[0] if exact else resolve_quant(text)


def engine_backend(engine: str, hw: Hardware, asked: str | None = None) -> str:
    """The backend an engine runs on here: the one asked, else CUDA/ROCm for the GPU servers, Metal
    for MLX, else the rig's default."""
    if asked is not None:
        return asked
    default = default_backend(hw)
    if engine in ("vllm", "sglang", "exllama") and default not in ("cuda", "rocm"):
        specs = [g.spec for g in hw.gpus if g.spec is not None and g.kind == "gpu"]
        if hw.soc is not None and hw.soc.spec is not None:
            specs.append(hw.soc.spec)
        for b in ("cuda", "rocm"):
            if specs and all(b in s.backends for s in specs):
                return b
    return default


def _loads(engine: str, q: QuantSpec) -> bool:
    return engine in q.engines or (engine in ("ollama", "lmstudio") and "llama.cpp" in q.engines)


def equivalent_quant(q: QuantSpec, engine: str, model: ModelSpec | None = None) -> QuantSpec:
    """The precision `engine` loads that is nearest to `q` in bits per weight (ties: more bits)."""
    if _loads(engine, q):
        return q
    family = engine_family(engine)
    if family == "exllama":
        bits = min(8.0, max(2.0, round(q.bits * 20) / 20))
        return resolve_quant(f"EXL3 {bits:g}bpw")
    ids = list(_LADDERS[family])
    if model is not None and model.native_dtype == "mxfp4" and family in ("gguf", "paged"):
        ids.append("MXFP4")
    ladder = [quant_by_id(i) for i in ids]
    ladder = [x for x in ladder if _loads(engine, x)] or ladder
    return min(ladder, key=lambda x: (abs(x.bits - q.bits), -x.bits))


# the backends each engine family builds for (llama.cpp's family: every backend ggml has)
_FAMILY_BACKENDS: dict[str, tuple[str, ...]] = {
    "paged": ("cuda", "rocm"),
    "exllama": ("cuda", "rocm"),
    "mlx": ("metal",),
}


def _usable_backend(backend: str | None, engine: str | None, hw: Hardware, notes: list[str]) -> str | None:
    """The asked backend where this rig's GPUs and the asked engine run it; else None (the rig's own),
    with a note saying why."""
    if backend is None:
        return None
    problem = backend_problem(backend, hw)
    if problem is None and engine is not None:
        builds = _FAMILY_BACKENDS.get(engine_family(engine))
        if builds is not None and backend not in builds:
            problem = f"{_name(engine)} has no {backend} build"
    if problem is None:
        return backend
    notes.append(f"{problem}: answered for {engine_backend(engine or default_engine(hw, backend), hw)}")
    return None


def _runs_here(engine: str, hw: Hardware, backend: str | None, version: str | None = None) -> bool:
    return engine_problem(engine, hw, engine_backend(engine, hw, backend), version) is None


def _name(engine: str) -> str:
    return _ENGINE_NAMES.get(engine, engine)


def engine_name(engine: str) -> str:
    """An engine as people write it ("ExLlama", "vLLM")."""
    return _name(engine)


def _unsized_accelerators(hw: Hardware) -> list[str]:
    """Accelerators no engine canirun models runs on (Gaudi, Ascend, Tenstorrent): their
    vendor's software stacks are outside the engines sized here."""
    return [
        g.name
        for g in hw.gpus
        if g.kind == "gpu" and g.spec is not None and tuple(g.spec.backends) == ("cpu",)
    ]


def _kernel_here(q: QuantSpec, engine: str, hw: Hardware, model: ModelSpec, notes: list[str]) -> QuantSpec:
    """`q`, or the nearest precision `engine` has kernels for on this rig's GPUs (AWQ needs Turing,
    EXL3 Ampere), with a note saying why."""
    problem = quant_capability_problem(engine, q.format, hw)
    if problem is None:
        return q
    if engine_family(engine) == "exllama":
        usable = [resolve_quant(f"EXL2 {min(8.0, max(2.0, round(q.bits * 2) / 2)):g}bpw")]
    else:
        ids = ["BF16-HF", "FP8", "GPTQ-INT4"]
        usable = [
            x
            for x in (quant_by_id(i) for i in ids)
            if _loads(engine, x) and quant_capability_problem(engine, x.format, hw) is None
        ]
    if not usable:
        return q
    eq = min(usable, key=lambda x: (abs(x.bits - q.bits), -x.bits))
    notes.append(f"{problem}: answered for {eq.id}")
    return eq


def _oldest(hw: Hardware) -> str:
    """The rig's oldest NVIDIA GPU and its compute capability, in words."""
    oldest = oldest_nvidia_gpu(hw)
    return "its GPUs" if oldest is None else f"{oldest[0]} (compute capability {oldest[1][0]}.{oldest[1][1]})"


_HALF_WORDS = ("fp16", "f16", "float16", "half")


def _gguf_sixteen_bit(eq: QuantSpec, hw: Hardware, asked: QuantSpec | str | None) -> QuantSpec:
    """F16 for the BF16 GGUF where the asker wrote FP16 or the rig's GPUs have no BF16 arithmetic (older
    than Ampere: a V100 or a T4), else `eq` as it is."""
    said_half = isinstance(asked, str) and asked.strip().lower() in _HALF_WORDS
    if eq.id == "BF16" and (said_half or not has_bf16(hw)):
        return quant_by_id("F16")
    return eq


def _as_released(model: ModelSpec, q: QuantSpec, notes: list[str]) -> QuantSpec:
    """FP8 asked of a model released narrower (FP4 experts, FP8 elsewhere: DeepSeek V4): its own
    checkpoint is the one vLLM and SGLang load, as shipped; an FP8 copy would hold the same rounded
    weights in twice the bytes, and `--quantization fp8` does not widen an FP4 checkpoint."""
    if q.format != "fp8" or model.native_dtype != "fp4":
        return q
    notes.append(
        f"{model.name} is released with FP4 experts and FP8 elsewhere: an FP8 copy would hold the same "
        "weights in more memory, so its own checkpoint is served as shipped"
    )
    return quant_by_id("NVFP4")


def route(
    model: ModelSpec,
    hw: Hardware,
    *,
    engine: str | None = None,
    backend: str | None = None,
    quant: QuantSpec | str | None = None,
    version: str | None = None,
) -> Route:
    """The engine and quantization to answer with (`version`: the asked engine's release, None for
    its current one). Raises EstimateError only for words no engine or quantization has (an unknown
    engine name or quantization)."""
    if engine is not None and engine not in ENGINES:
        raise EstimateError(f"unknown engine '{engine}'", hint="Use one of: " + ", ".join(ENGINES))
    try:
        q = asked_quant(quant) if isinstance(quant, str) else quant
    except UnknownModelError as err:
        raise EstimateError(str(err), hint=err.hint) from None
    notes: list[str] = [q.note] if q is not None and q.note else []  # "'IQ3_KS' is not a quantization ..."
    backend = _usable_backend(backend, engine, hw, notes)
    unsized = _unsized_accelerators(hw) if backend is None else []
    if unsized:
        runs = "runs" if len(unsized) == 1 else "run"
        what = f"{', '.join(unsized)} {runs} models through its vendor's own software"
        if hw.ram_gb is None and hw.soc is None:
            raise EstimateError(
                f"{what}, which canirun does not size yet",
                hint="canirun sizes NVIDIA, AMD, Intel Arc and Apple GPUs and CPUs; name the system RAM "
                "(and the CPU) for an answer on the CPU alone",
            )
        notes.append(f"{what}, which canirun does not size: answered for the CPU and system RAM alone")
    fallback: Engine = default_engine(hw, default_backend(hw))
    gapped = {g.engine for g in model.engine_gaps}
    if fallback in gapped:
        fallback = engine_instead(gapped, hw, default_backend(hw)) or fallback
    cannot = engine or default_engine(hw, default_backend(hw))
    if cannot in gapped and fallback not in gapped:  # the engine asked (or the default) cannot load it
        notes.append(f"{_gap_words(model, cannot)}: answered for {_name(fallback)}")
        if engine is not None:
            engine, backend = fallback, None
    if engine is not None and version is None and not _runs_here(engine, hw, backend, version):
        # the current release dropped this card, an older one runs it: answer for that release
        last = last_release_for(engine, hw)
        if last is not None and _runs_here(engine, hw, backend, last):
            version = last
            notes.append(
                f"{_name(engine)}'s current releases no longer run on {_oldest(hw)}: answered for "
                f'{_name(engine)} {last}, the last release that does (pip install "{engine}=={last}.*")'
            )
    if engine is not None and not _runs_here(engine, hw, backend, version):
        problem = str(engine_problem(engine, hw, engine_backend(engine, hw, backend), version))
        if problem.startswith(engine + " "):
            problem = _name(engine) + problem[len(engine) :]
        notes.append(f"{problem}: answered for {_name(fallback)}, which runs on this rig")
        engine, backend = fallback, None
    if engine is not None and _native_windows(engine, hw):
        notes.append(_wsl_note(engine))
    if q is None:
        chosen = engine or fallback
        return Route(chosen, engine_backend(chosen, hw, backend), None, tuple(notes), version)
    q = _as_released(model, q, notes)
    # ExLlama has no code for the model's architecture in this format: the nearest equivalent elsewhere
    exl_gap = exllama_gap(model, q.format)
    if engine == "exllama" and exl_gap is not None:
        eq = _gguf_sixteen_bit(equivalent_quant(q, fallback, model), hw, quant)
        notes.append(
            f"ExLlama cannot load {model.name} as {q.id}: {exl_gap}: answered for {eq.id} on "
            f"{_name(fallback)}, the nearest equivalent"
        )
        return Route(fallback, engine_backend(fallback, hw, None), eq, tuple(notes))
    if engine is not None:
        if not _loads(engine, q):
            eq = _gguf_sixteen_bit(equivalent_quant(q, engine, model), hw, quant)
            notes.append(
                f"{_name(engine)} does not load {q.id} ({q.id} needs {_needs(q)}): "
                f"answered for {eq.id}, its nearest equivalent on {_name(engine)}"
            )
            q = eq
        q = _kernel_here(q, engine, hw, model, notes)
        return Route(engine, engine_backend(engine, hw, backend), q, tuple(notes), version)
    linux_only = [
        c for c in _PREFERENCE[q.format] if _native_windows(c, hw) and _runs_here(c, hw, backend, version)
    ]
    for candidate in dict.fromkeys((*_PREFERENCE[q.format], fallback)):
        if (
            candidate not in gapped
            and not (candidate == "exllama" and exl_gap is not None)
            and candidate not in linux_only
            and _loads(candidate, q)
            and _runs_here(candidate, hw, backend, version)
            and quant_capability_problem(candidate, q.format, hw) is None
        ):
            if candidate != fallback:
                notes.append(f"{q.id} loads in {_LOADERS[q.format][0]}: answered for {_name(candidate)}")
            return Route(candidate, engine_backend(candidate, hw, backend), q, tuple(notes))
    eq = _gguf_sixteen_bit(equivalent_quant(q, fallback, model), hw, quant)
    kernels = [
        quant_capability_problem(c, q.format, hw)
        for c in _PREFERENCE[q.format]
        if _loads(c, q) and _runs_here(c, hw, backend, version)
    ]
    why = next((k for k in kernels if k is not None), None)
    # the rig has the GPUs the loaders need, but too old a one for them ("a V100 for FP8"): that is why
    too_old = [
        _name(c) + p.removeprefix(c)  # "vLLM does not support compute capability 7.0 (... V100)"
        for c in _PREFERENCE[q.format]
        if _loads(c, q)
        and (p := engine_problem(c, hw, engine_backend(c, hw, backend), version)) is not None
        and "compute capability" in p
    ]
    if why is None and exl_gap is not None:
        why = f"ExLlama cannot load {model.name} as {q.id}: {exl_gap}"
    if why is None and too_old and not linux_only:
        why = f"{q.id} loads in {_LOADERS[q.format][0]}, and {too_old[0]}"
    if linux_only and why is None:
        notes.append(
            f"{q.id} loads in {_LOADERS[q.format][0]}, which run on Windows only under WSL2 or in Docker: "
            f"answered for {eq.id} on {_name(fallback)}, which runs natively (say WSL2 for "
            f"{_name(linux_only[0])}; the memory is the same there)"
        )
    elif why is not None:
        notes.append(f"{why}: answered for {eq.id} on {_name(fallback)}, the nearest equivalent")
    else:
        notes.append(
            f"{q.id} needs {_needs(q)}, which this rig does not have: answered for {eq.id} "
            f"on {_name(fallback)}, the nearest equivalent"
        )
    return Route(fallback, engine_backend(fallback, hw, backend), eq, tuple(notes))
