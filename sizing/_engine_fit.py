"""How comfortable a fit is, and the settings that make a tight fit comfortable.

A placement "fits" when the engine, started with its own defaults for every setting the user did not
give, keeps the model where canirun places it with honest room to spare; "tight" when it fits only
with settings the engine does not pick by itself (a shorter --max-model-len, a lower
--gpu-memory-utilization, OLLAMA_NUM_PARALLEL=1 ...) or only without the margins a real machine
needs (the desktop's share of the GPU, allocator fragmentation); "no" when it does not fit at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from .vocabulary import Fit

__all__ = ["EngineOptions", "Fit", "Setting", "fit_status"]


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting to pass to the engine: `flag` as it is written on its command line (or as an
    environment variable), and why it is needed."""

    flag: str
    why: str


def fit_status(verdict: str, tight: bool) -> Fit:
    """The three-way fit of a placement verdict ("gpu"/"partial"/"cpu"/"no") and its tight flag."""
    if verdict == "no":
        return "no"
    return "tight" if tight else "fits"


@dataclass(frozen=True, slots=True)
class EngineOptions:
    """Engine settings a user gave (None: the engine's own default applies)."""

    gpu_memory_utilization: float | None = None  # vLLM
    max_num_seqs: int | None = None  # vLLM
    max_num_batched_tokens: int | None = None  # vLLM
    enforce_eager: bool = False  # vLLM
    language_model_only: bool = False  # vLLM: --language-model-only, the vision tower is not loaded
    no_video: bool = False  # vLLM: --limit-mm-per-prompt '{"video": 0}', images but no video inputs
    needs_images: bool = False  # a vision task: vLLM is never told --language-model-only to fit
    mem_fraction_static: float | None = None  # SGLang
    tensor_parallel: int | None = None  # vLLM / SGLang
    # vLLM / SGLang, MLA MoE models: attention data-parallel over the GPUs, routed experts split
    # (SGLang --enable-dp-attention, vLLM --data-parallel-size with --enable-expert-parallel)
    data_parallel_attention: bool = False
    num_parallel: int | None = None  # Ollama
    split_mode: str | None = None  # llama.cpp: -sm layer | row | tensor (None: the faster, layer first)
    version: str | None = None  # engine release whose defaults apply ("0.6.4"); None: current
    # bytes a GPU keeps free beside the engine's counted memory for a comfortable fit (like Ollama's
    # OLLAMA_GPU_OVERHEAD); None: the engine's fitted headroom (ENGINE_HEADROOM)
    headroom: float | None = None
    # llama.cpp: --n-cpu-moe N, the layers whose routed experts stay in system RAM (--cpu-moe: all)
    cpu_moe_layers: int | None = None
