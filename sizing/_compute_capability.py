"""NVIDIA compute capability: which GPU serving engines, and which of their quantization kernels, run
on a card's architecture. A card older than an engine's minimum is never offered that engine.

Minimums, each from the engine's own documentation:
- vLLM: compute capability 7.0 or newer (docs.vllm.ai getting_started/installation/gpu, "GPU:
  compute capability 7.0 or higher"; maintainers in github vllm-project/vllm issues 774 and 963:
  no GPU architecture before Volta). Its kernels per quantization, from the table in github
  vllm-project/vllm docs/features/quantization/supported_hardware.md @01129ffb (Volta = SM 7.0,
  Turing 7.5, Ampere 8.0/8.6, Ada 8.9, Hopper 9.0): AWQ from Turing (7.5); GPTQ and bitsandbytes
  from Volta (7.0); FP8 W8A8 from Ada (8.9), with FP8 weights through Marlin from Ampere (8.0).
- SGLang: 7.5 is the oldest it names as working (RTX 20 series and T4 with an extra flag; RTX 30/40/50
  out of the box: https://datawhalechina.github.io/zero-to-sglang/eng/part0/Part0-Deploy-Your-First-SGLang-Server.html);
  Volta is not named anywhere, so 7.5 is the judgement used here. Quantization kernels as vLLM's.
- ExLlamaV3 (EXL3, through TabbyAPI): 8.0 or newer; TabbyAPI's hardware check rejects compute
  capability below 8.0 because the kernels use cp.async and mma.m16n8k16 (sm_80 instructions):
  https://github.com/theroyallab/tabbyAPI/pull/463.
"""

from __future__ import annotations

from .hardware import DeviceSpec, Hardware, default_database

__all__ = ["capability_problem", "compute_capability", "oldest_nvidia_gpu", "quant_capability_problem"]

Capability = tuple[int, int]

VLLM_MIN: Capability = (7, 0)
SGLANG_MIN: Capability = (7, 5)
EXL3_MIN: Capability = (8, 0)
_ENGINE_MIN: dict[str, Capability] = {"vllm": VLLM_MIN, "sglang": SGLANG_MIN}
# the oldest compute capability whose kernels load each checkpoint format in vLLM and SGLang
_PAGED_QUANT_MIN: dict[str, Capability] = {
    "awq": (7, 5),
    "gptq": (7, 0),
    "bnb": (7, 0),
    "fp8": (8, 0),  # weight-only through Marlin on Ampere; W8A8 from 8.9
    "nvfp4": (8, 0),
}
_NAMES: dict[str, str] = {"vllm": "vLLM", "sglang": "SGLang", "exllama": "ExLlama"}


def compute_capability(spec: DeviceSpec) -> Capability | None:
    """The card's compute capability, from its architecture family; None off NVIDIA or unknown."""
    if spec.vendor != "nvidia":
        return None
    arch = default_database().architectures.get(spec.arch or "")
    if arch is None or arch.compute_capability is None:
        return None
    major, minor = arch.compute_capability.split(".")
    return int(major), int(minor)


def _words(cc: Capability) -> str:
    return f"{cc[0]}.{cc[1]}"


def oldest_nvidia_gpu(hw: Hardware) -> tuple[str, Capability] | None:
    """(name, compute capability) of the rig's oldest NVIDIA GPU of known capability, or None."""
    known: list[tuple[Capability, str]] = []
    specs = [(g.name, g.spec) for g in hw.gpus if g.kind == "gpu" and g.spec is not None]
    if hw.soc is not None and hw.soc.spec is not None:
        specs.append((hw.soc.name, hw.soc.spec))
    for name, spec in specs:
        cc = compute_capability(spec)
        if cc is not None:
            known.append((cc, name))
    if not known:
        return None
    cc, name = min(known)
    return name, cc


def _short_of(need: Capability | None, hw: Hardware) -> tuple[str, Capability] | None:
    """(name, compute capability) of the rig's oldest NVIDIA GPU where it is below `need`, else None."""
    oldest = oldest_nvidia_gpu(hw)
    if need is None or oldest is None or oldest[1] >= need:
        return None
    return oldest


def capability_problem(engine: str, hw: Hardware) -> str | None:
    """Why `engine` does not run on this rig's oldest NVIDIA GPU, in words, or None."""
    need = _ENGINE_MIN.get(engine)
    short = _short_of(need, hw)
    if need is None or short is None:
        return None
    name, cc = short
    return (
        f"{engine} does not support compute capability {_words(cc)} ({name}); "
        f"it needs {_words(need)} or newer"
    )


def quant_capability_problem(engine: str, quant_format: str, hw: Hardware) -> str | None:
    """Why `engine` has no kernel for `quant_format` on this rig's oldest NVIDIA GPU, or None."""
    if engine == "exllama":
        need = EXL3_MIN if quant_format == "exl3" else None
    else:
        need = _PAGED_QUANT_MIN.get(quant_format) if engine in _ENGINE_MIN else None
    short = _short_of(need, hw)
    if need is None or short is None:
        return None
    name, cc = short
    return (
        f"{_NAMES[engine]} has no {quant_format.upper()} kernels for compute capability {_words(cc)} "
        f"({name}); they need {_words(need)} or newer"
    )
