"""Inference engines and compute backends: which runs where, and the defaults each one uses."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping

from ._compute_capability import below_cuda_12, capability_problem
from ._pools import per_object
from .catalog import ModelSpec, QuantSpec, load_quants
from .hardware import DeviceSpec, Hardware
from .vocabulary import DEFAULT_CONTEXT, Backend, Engine, EngineFamily

__all__ = [
    "backend_problem",
    "default_backend",
    "default_context",
    "default_engine",
    "default_quant",
    "engine_family",
    "engine_problem",
]


def engine_family(engine: str) -> EngineFamily:
    """llama.cpp and its front-ends share one memory model; vLLM/SGLang another."""
    if engine in ("llama.cpp", "ollama", "lmstudio"):
        return "gguf"
    if engine in ("vllm", "sglang"):
        return "paged"
    return "exllama" if engine == "exllama" else "mlx"


def _gpu_vendors(hw: Hardware) -> set[str]:
    specs = {g.spec.vendor for g in hw.gpus if g.spec is not None and g.kind == "gpu"}
    return specs | {g.vendor for g in hw.gpus if g.spec is None and g.vendor is not None and g.kind == "gpu"}


@per_object  # asked at every sizing of an answer, about the same rig object
def default_backend(hw: Hardware) -> Backend:
    """The backend most people would use on this rig."""
    if hw.soc is not None and hw.soc.spec is not None:
        backends = hw.soc.spec.backends
        return "metal" if "metal" in backends else backends[0]
    dgpus = [g for g in hw.gpus if g.kind == "gpu"]
    if not dgpus:
        igpus = [g for g in hw.gpus if g.kind == "igpu" and g.spec is not None]
        if igpus and igpus[0].spec is not None and "vulkan" in igpus[0].spec.backends:
            return "vulkan"
        return "cpu"
    vendors = _gpu_vendors(hw)
    if len(vendors) > 1:
        return "vulkan"  # mixed vendors share only Vulkan
    spec = dgpus[0].spec
    if spec is None:
        # a card named only by its memory: CUDA, unless its brand says another maker ("radeon 8gb"), whose
        # cards all run llama.cpp's Vulkan build (ROCm only on some of them)
        unnamed_nvidia = dgpus[0].vendor in (None, "nvidia")
        return "cuda" if dgpus[0].id is None and unnamed_nvidia else "vulkan"
    if spec.backends[0] == "cuda" and "vulkan" in spec.backends and below_cuda_12(spec):
        return "vulkan"  # CUDA 12, which llama.cpp's release builds use, dropped Kepler and older
    return spec.backends[0]


def default_engine(hw: Hardware, backend: str) -> Engine:
    return "llama.cpp"


# the engines tried, in order, for a model the default engine cannot load (a catalog entry's
# engine_gaps: llama.cpp has no Llama 3.2 Vision; Ollama's own engine has)
ENGINES_INSTEAD: tuple[Engine, ...] = ("ollama", "vllm", "sglang", "exllama")


def engine_instead(gaps: Iterable[str], hw: Hardware, backend: str) -> Engine | None:
    """The first of ENGINES_INSTEAD that is none of `gaps` (the engines that cannot load the model)
    and runs on this rig; None where none does."""
    cannot = set(gaps)
    return next(
        (e for e in ENGINES_INSTEAD if e not in cannot and engine_problem(e, hw, backend) is None), None
    )


def _serving_soc(engine: str, hw: Hardware, backend: str) -> bool:
    """A unified-memory chip the GPU serving engines run on: NVIDIA's DGX Spark (GB10) with vLLM and
    SGLang (NVIDIA's own playbooks, github NVIDIA/dgx-spark-playbooks nvidia/vllm/README.md and
    nvidia/sglang/README.md @0db7c141), AMD's Strix Halo with vLLM on ROCm (github
    kyuz0/amd-strix-halo-vllm-toolboxes README.md @7c856889)."""
    spec = hw.soc.spec if hw.soc is not None else None
    if spec is None or backend not in spec.backends:
        return False
    if spec.vendor == "nvidia":
        return engine in ("vllm", "sglang") and backend == "cuda"
    return spec.vendor == "amd" and engine == "vllm" and backend == "rocm"


def engine_problem(engine: str, hw: Hardware, backend: str, version: str | None = None) -> str | None:
    """Why an engine (at `version`, None: its current release) cannot run on this rig, or None."""
    if engine == "mlx" and (hw.soc is None or hw.soc.spec is None or hw.soc.spec.vendor != "apple"):
        return "MLX runs only on Apple Silicon Macs"
    if engine in ("vllm", "sglang", "exllama"):
        if backend not in ("cuda", "rocm"):
            return f"{engine} needs NVIDIA (CUDA) or AMD (ROCm) GPUs"
        if not [g for g in hw.gpus if g.kind == "gpu"] and not _serving_soc(engine, hw, backend):
            return f"{engine} needs a discrete GPU"
        if backend == "cuda":
            return capability_problem(engine, hw, version)
    if engine == "ollama" and any(g.kind == "gpu" for g in hw.gpus):
        return capability_problem(engine, hw, version)
    return None


def rocm_by_override(backend: str, device: DeviceSpec) -> bool:
    """ROCm asked for on a card it runs only as a supported sibling (HSA_OVERRIDE_GFX_VERSION)."""
    return backend == "rocm" and "rocm" not in device.backends and device.rocm_override is not None


def rocm_overrides(backend: str, devices: Iterable[DeviceSpec | None]) -> dict[str, str]:
    """Card name -> HSA_OVERRIDE_GFX_VERSION, for each of `devices` that ROCm runs only as a
    supported sibling (backend_problem refuses a rig where the one value would not hold for all)."""
    return {
        d.name: d.rocm_override
        for d in devices
        if d is not None and rocm_by_override(backend, d) and d.rocm_override
    }


def backend_problem(backend: str, hw: Hardware) -> str | None:
    """Why a backend cannot drive this rig's accelerators, or None."""
    if backend == "cpu":
        return None
    known = _problems_of(hw)  # every sizing of an answer asks again about the same rig object
    if backend not in known:
        known[backend] = _backend_problem(backend, hw)
    return known[backend]


@per_object
def _problems_of(hw: Hardware) -> dict[str, str | None]:
    """The backends' problems on `hw` worked out so far (pure in the frozen rig: filled as asked)."""
    return {}


def _backend_problem(backend: str, hw: Hardware) -> str | None:
    # an integrated GPU beside discrete ones is left out by a backend it cannot run (a laptop's Iris Xe
    # beside its CUDA card): it stops only a rig of integrated GPUs alone
    discrete = any(g.kind == "gpu" for g in hw.gpus)
    devices = [g.spec for g in hw.gpus if g.spec is not None and (g.kind == "gpu" or not discrete)]
    if hw.soc is not None and hw.soc.spec is not None:
        devices.append(hw.soc.spec)
    if not devices and not hw.gpus:
        return f"no GPU to run {backend} on"
    unsupported = [d.name for d in devices if backend not in d.backends and not rocm_by_override(backend, d)]
    overridden = {d.rocm_override for d in devices if rocm_by_override(backend, d)}
    if (
        overridden
        and not unsupported
        and (len(overridden) > 1 or any(backend in d.backends for d in devices))
    ):
        # HSA_OVERRIDE_GFX_VERSION holds for every GPU of the process: the other cards would be taken for
        # the sibling too
        names = ", ".join(sorted({d.name for d in devices if rocm_by_override(backend, d)}))
        return (
            f"{backend} runs the {names} only under HSA_OVERRIDE_GFX_VERSION, which would apply to the "
            "other cards too; Vulkan runs them all"
        )
    if unsupported:
        return f"{backend} does not run on {', '.join(sorted(set(unsupported)))}"
    return None


@functools.cache
def _quants_by_id() -> Mapping[str, QuantSpec]:
    """The quantization table by id, built once (every sizing without a quant named asks)."""
    return {q.id: q for q in load_quants()}


def default_quant(model: ModelSpec, engine: str) -> QuantSpec:
    """The quantization people download first for this engine."""
    by_id = _quants_by_id()
    family = engine_family(engine)
    if model.native_dtype == "mxfp4":
        return by_id["MXFP4"] if family != "exllama" else by_id["EXL2-4.0"]
    if family == "gguf":
        return by_id["Q4_K_M"]
    if family == "paged":
        return by_id["GPTQ-INT4" if model.native_dtype == "int4" else "AWQ-INT4"]
    if family == "mlx":
        return by_id["MLX-4bit"]
    return by_id["EXL2-4.0"]


# Engines that allocate the cache for the context they are given even past the model's trained length:
# llama.cpp's llama_context takes n_ctx cells and only warns "n_ctx_seq > n_ctx_train -- possible training
# context overflow" (src/llama-context.cpp; llama-server build 11434 allocates 16384 cells for a model
# trained on 4096 and then caps each slot at 4096); ExLlamaV2/V3 size the cache from max_seq_len
# (exllamav2/cache.py create_state_tensors); mlx-lm's KVCache grows with every token. Ollama instead
# lowers num_ctx to the trained length (llm/server.go NewLlamaServer), and vLLM and SGLang refuse a
# longer max_model_len / context_length.
ALLOCATES_PAST_TRAINED: frozenset[str] = frozenset({"llama.cpp", "exllama", "mlx"})


DEFAULT_CONTEXT_SAID = "the default"  # how a context sized with none asked is said in the assumptions


def context_sized(model: ModelSpec, requested: int | None, engine: str | None = None) -> int:
    """The context sized for `requested`: 8192 when none asked, capped at the model's maximum except on an
    engine that allocates the asked length anyway (a bound asks for it often, without the note)."""
    if requested is None:
        return min(DEFAULT_CONTEXT, model.max_context)
    if requested > model.max_context and engine not in ALLOCATES_PAST_TRAINED:
        return model.max_context
    return requested


def default_context(
    model: ModelSpec, requested: int | None, engine: str | None = None
) -> tuple[int, str | None]:
    """(context, note): the user's, else 8192; capped at the model's maximum, except on an engine
    that allocates the asked length anyway (ALLOCATES_PAST_TRAINED)."""
    ctx = context_sized(model, requested, engine)
    if requested is None:
        if engine == "sglang":
            # SGLang's context_length defaults to the model config's and caps each request at its
            # preallocated KV pool (it starts with a smaller pool; commands.py)
            return ctx, (
                f"context {ctx:,} tokens sized (none asked; {DEFAULT_CONTEXT_SAID}); SGLang itself takes the "
                f"model's own {model.shipped_context:,} from its config, each request reaching as far as its "
                "KV pool holds"
            )
        if engine == "vllm":
            return ctx, (
                f"context {ctx:,} tokens (none asked; {DEFAULT_CONTEXT_SAID}); the command lets the server "
                "take the model's own context as far as its KV pool holds one request of it"
            )
        return ctx, f"context {ctx:,} tokens (none asked; {DEFAULT_CONTEXT_SAID})"
    if requested > model.max_context and engine in ALLOCATES_PAST_TRAINED:
        return ctx, (
            f"{model.name} handles at most {model.max_context:,} tokens: {engine} still allocates the "
            f"cache for the {requested:,} asked (sized so), but output past {model.max_context:,} is "
            "not reliable"
        )
    if requested > model.max_context:
        return ctx, (
            f"{model.name} handles at most {model.max_context:,} tokens; "
            f"capped the {requested:,} you asked for"
        )
    if model.config_context is not None and model.yarn_for(requested) is not None:
        return requested, (
            f"{model.name}'s config ships {model.config_context:,} tokens: {requested:,} needs YaRN "
            "switched on as its model card says (the llama.cpp, vLLM and SGLang commands here do it; "
            "elsewhere set rope_scaling in config.json or the engine's YaRN setting)"
        )
    return requested, None
