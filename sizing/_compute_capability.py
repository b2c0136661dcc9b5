"""NVIDIA compute capability: which GPU serving engines, and which of their quantization kernels, run
on a card's architecture. A card older than an engine's minimum is never offered that engine.

Minimums, each from the engine's own documentation:
- vLLM: compute capability 7.5 or newer (https://docs.vllm.ai/en/latest/getting_started/installation/gpu/,
  2026-09: "GPU: compute capability 7.5 or higher (e.g., T4, RTX20xx, A100, L4, H100, B200)"; releases
  through v0.14 named 7.0, Volta). On ROCm the same page lists the chips its builds support: MI200s
  (gfx90a), MI300 (gfx942), MI350 (gfx950), Radeon RX 7900 series (gfx1100/1101), Radeon RX 9000
  series (gfx1200/1201), Ryzen AI MAX / AI 300 (gfx1151/1150): by architecture, CDNA 2-4, RDNA 3,
  3.5 and 4 (GCN's MI50/MI60, CDNA 1's MI100 and RDNA 1-2 are not on it). Its kernels per
  quantization, from the table in github vllm-project/vllm
  docs/features/quantization/supported_hardware.md @01129ffb (Volta = SM 7.0, Turing 7.5, Ampere
  8.0/8.6, Ada 8.9, Hopper 9.0): AWQ from Turing (7.5); GPTQ and bitsandbytes from Volta (7.0); FP8
  W8A8 from Ada (8.9), with FP8 weights through Marlin from Ampere (8.0).
- SGLang: 7.5 is the oldest it names as working (RTX 20 series and T4 with an extra flag; RTX 30/40/50
  out of the box: https://datawhalechina.github.io/zero-to-sglang/eng/part0/Part0-Deploy-Your-First-SGLang-Server.html);
  Volta is not named anywhere, so 7.5 is the judgement used here. Quantization kernels as vLLM's.
- Ollama: 5.0 or newer ("Ollama supports Nvidia GPUs with compute capability 5.0+", github ollama/ollama
  docs/gpu.md); on an older card it finds no GPU and runs on the CPU.
- ExLlamaV3 (EXL3, through TabbyAPI): 8.0 or newer; TabbyAPI's hardware check rejects compute
  capability below 8.0 because the kernels use cp.async and mma.m16n8k16 (sm_80 instructions):
  https://github.com/theroyallab/tabbyAPI/pull/463.
"""

from __future__ import annotations

from .hardware import DeviceSpec, Hardware, default_database

__all__ = [
    "FP8_COMPUTE_MIN",
    "VLLM_ROCM_ARCHITECTURES",
    "below_cuda_12",
    "capability_problem",
    "compute_capability",
    "fp8_compute",
    "has_bf16",
    "last_release_for",
    "oldest_nvidia_gpu",
    "quant_capability_problem",
    "rocm_architecture_problem",
]

Capability = tuple[int, int]

VLLM_MIN: Capability = (7, 5)
# releases through v0.14 still ran on Volta (docs.vllm.ai/en/v0.14.0 installation/gpu: "compute
# capability 7.0 or higher (e.g., V100 ...)")
VLLM_VOLTA_MIN: Capability = (7, 0)
VLLM_VOLTA_LAST = (0, 14)
SGLANG_MIN: Capability = (7, 5)
EXL3_MIN: Capability = (8, 0)
OLLAMA_MIN: Capability = (5, 0)
_ENGINE_MIN: dict[str, Capability] = {"vllm": VLLM_MIN, "sglang": SGLANG_MIN, "ollama": OLLAMA_MIN}
# the oldest compute capability whose kernels load each checkpoint format in vLLM and SGLang
_PAGED_QUANT_MIN: dict[str, Capability] = {
    "awq": (7, 5),
    "gptq": (7, 0),
    "bnb": (7, 0),
    "fp8": (8, 0),  # weight-only through Marlin on Ampere; W8A8 from 8.9
    "nvfp4": (8, 0),
}
_NAMES: dict[str, str] = {"vllm": "vLLM", "sglang": "SGLang", "exllama": "ExLlama", "ollama": "Ollama"}
# the AMD architectures (sizing/hardware/data/architectures/amd.yaml ids) whose chips vLLM's ROCm builds
# list (see the module's docstring)
VLLM_ROCM_ARCHITECTURES = frozenset({"cdna2", "cdna3", "cdna4", "rdna3", "rdna3-5", "rdna4"})
# RDNA 3's Navi 33 chips are gfx1102 (ROCm docs reference/gpu-arch-specs: RX 7600, W7600, W7500), which the
# list leaves out (it names gfx1100/1101 only)
VLLM_ROCM_UNLISTED_DEVICES = frozenset(
    {
        "rx-7600",
        "rx-7600-xt",
        "rx-7600m",
        "rx-7600m-xt",
        "rx-7600s",
        "rx-7700s",
        "radeon-pro-w7500",
        "radeon-pro-w7600",
    }
)


def compute_capability(spec: DeviceSpec) -> Capability | None:
    """The card's compute capability, from its architecture family; None off NVIDIA or unknown."""
    if spec.vendor != "nvidia":
        return None
    arch = default_database().architectures.get(spec.arch or "")
    if arch is None or arch.compute_capability is None:
        return None
    major, minor = arch.compute_capability.split(".")
    return int(major), int(minor)


# the oldest compute capability CUDA 12 compiles for: Maxwell (5.0); NVIDIA's CUDA 12.0 release notes
# drop Kepler (3.x)
CUDA_12_MIN: Capability = (5, 0)


def below_cuda_12(spec: DeviceSpec) -> bool:
    """An NVIDIA card CUDA 12 no longer builds for (Kepler and older)."""
    cc = compute_capability(spec)
    return cc is not None and cc < CUDA_12_MIN


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


def rocm_architecture_problem(engine: str, hw: Hardware) -> str | None:
    """Why `engine`'s own ROCm builds do not run on one of this rig's AMD GPUs, in words, or None.
    Community builds run some of those chips (github nlzy/vllm-gfx906 for the MI50/MI60), so this
    keeps the engine from being offered, not from being answered when asked for."""
    if engine != "vllm":
        return None
    specs = [(g.name, g.spec) for g in hw.gpus if g.kind == "gpu" and g.spec is not None]
    if hw.soc is not None and hw.soc.spec is not None:
        specs.append((hw.soc.name, hw.soc.spec))
    unlisted = sorted(
        {
            name
            for name, spec in specs
            if spec.vendor == "amd"
            and (spec.arch not in VLLM_ROCM_ARCHITECTURES or spec.id in VLLM_ROCM_UNLISTED_DEVICES)
        }
    )
    if not unlisted:
        return None
    return (
        f"vLLM's ROCm builds do not support {', '.join(unlisted)} (they list MI200/MI300/MI350, "
        "Radeon RX 7900 and 9000 series and Ryzen AI MAX / AI 300)"
    )


def _engine_min(engine: str, version: str | None) -> Capability | None:
    """The oldest compute capability `engine` at `version` (None: its current release) runs on."""
    if engine == "vllm" and version is not None and _release(version) <= VLLM_VOLTA_LAST:
        return VLLM_VOLTA_MIN
    return _ENGINE_MIN.get(engine)


def _release(version: str) -> tuple[int, int]:
    """(major, minor) of "0.14.1" or "v0.6"; a version that is no number counts as current."""
    parts = version.lstrip("v").split(".")
    try:
        return int(parts[0]), int(parts[1]) if len(parts) > 1 else 0
    except ValueError:
        return (99, 0)


def last_release_for(engine: str, hw: Hardware) -> str | None:
    """The last release of `engine` that still runs on this rig's oldest NVIDIA GPU where its current
    release does not ("0.14" for vLLM on a V100), else None. vLLM's V1 engine took compute capability
    below 8.0 with FP16 from v0.10.2 (github vllm-project/vllm pull 24022, "Enable V1 FP16 inference
    on pre-Ampere GPUs"), and its docs named 7.0 through v0.14."""
    if engine != "vllm" or capability_problem(engine, hw) is None:
        return None
    last = f"{VLLM_VOLTA_LAST[0]}.{VLLM_VOLTA_LAST[1]}"
    return last if capability_problem(engine, hw, last) is None else None


# the oldest compute capability with BF16 arithmetic: Ampere (8.0). vLLM refuses a BF16 checkpoint below
# it and asks for "--dtype=half" (github vllm-project/vllm, its dtype check: "Bfloat16 is only supported
# on GPUs with compute capability of at least 8.0 ... You can use float16 instead ... --dtype=half")
BF16_MIN: Capability = (8, 0)


def has_bf16(hw: Hardware) -> bool:
    """Every NVIDIA GPU of known compute capability on this rig computes in BF16 (True off NVIDIA)."""
    oldest = oldest_nvidia_gpu(hw)
    return oldest is None or oldest[1] >= BF16_MIN


# FP8 arithmetic (W8A8) in vLLM and SGLang: "FP8 computation is supported on NVIDIA GPUs with compute
# capability >= 8.9 (Ada Lovelace, Hopper, Blackwell)"; FP8 checkpoints give "up to a 1.6x improvement
# in throughput with minimal impact on accuracy" (https://docs.vllm.ai/en/latest/features/quantization/fp8/)
FP8_COMPUTE_MIN: Capability = (8, 9)


def fp8_compute(hw: Hardware) -> bool:
    """Every GPU of this rig is an NVIDIA card that computes in FP8 (Ada, Hopper, Blackwell), so
    serving engines run FP8 weights with FP8 arithmetic, not as weight-only 8-bit."""
    oldest = oldest_nvidia_gpu(hw)
    nvidia = sum(1 for g in hw.gpus if g.kind == "gpu" and g.spec is not None and g.spec.vendor == "nvidia")
    return oldest is not None and oldest[1] >= FP8_COMPUTE_MIN and nvidia == len(hw.gpus) > 0


def capability_problem(engine: str, hw: Hardware, version: str | None = None) -> str | None:
    """Why `engine` (at `version`, None: its current release) does not run on this rig's oldest NVIDIA
    GPU, in words, or None."""
    need = _engine_min(engine, version)
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
