"""The engines' own memory models, for callers that look inside an estimate (the engine-memory
benchmarks, white-box tests): each engine's defaults and per-GPU budget, and the memory pools a
rig offers. `estimate` and `estimate_memory` are what answers use; this is how they get there.

    vLLM     vllm_defaults, vllm_era, vllm_gpu, vllm_activation, vllm_multimodal,
             vllm_encoder_profile (a Qwen-VL-style vision encoder's profiling run, by release; on the V0
             engine Qwen2/2.5-VL's image and video per request and Llama 3.2 Vision's image per request);
             CUDA graphs (vllm_graph_share: the part of the capture list max_num_seqs leaves) and
             non-torch memory; vllm_default_kv_fp8 (the release that keeps a sparse-attention MLA
             model's cache in FP8 by default); vllm_mamba_prealloc / vllm_v0_state (V0's recurrent
             state per request); vllm_integrated_outside / VLLM_UMA_PROCESS (what the OS and vLLM's own
             processes keep of an integrated GPU's unified memory, outside the budget);
             vllm_uma_load_copy / VLLM_UMA_LOAD_COPY_UNTIL (releases that hold a second copy of the
             weights there while sizing the KV cache)
    SGLang   sglang_defaults, sglang_gpu, sglang_vision_params, vlm_fraction_factor (vision towers)
    Ollama   ollama_arch, ollama_auto_parallel, ollama_default_context, ollama_legacy_estimate,
             ollama_engine_vision_graph (the vision encoder graph its own engine reserves at load)
    fit      EngineOptions (settings a user gave), fit_status ("fits" / "tight" / "no"),
             ENGINE_HEADROOM / engine_headroom (free memory each engine keeps), VULKAN_FIT_MARGIN,
             display_reserve (the desktop's share: DISPLAY_RESERVE, WINDOWS_DISPLAY_RESERVE; every other card
             of a Windows rig keeps WINDOWS_WDDM_RESERVE)
    pools    rig_pools (memory and bandwidth per device), visible_total, active_ffn_width
    weights  checkpoint_weight_bytes (what vLLM/SGLang load), checkpoint_precisions
    GPUs     compute_capability (an NVIDIA card's, from its architecture), oldest_nvidia_gpu,
             capability_problem / quant_capability_problem (engines and kernels a card is too old for),
             fp8_compute (every GPU computes in FP8),
             rocm_architecture_problem (AMD chips an engine's own ROCm builds do not list),
             engine_problem (why an engine does not run on a rig)
    bounds   closed-form memory bounds of the llama.cpp family (gguf_beyond_rig, gguf_beyond_gpus,
             llama_cpp_gpu_room, llama_cpp_surely_runs, llama_cpp_surely_on_gpus); default_backend
"""

from . import _bounds, _engine_fit, _engine_ollama, _engine_sglang, _engine_vllm
from ._bounds import *  # noqa: F403
from ._compute_capability import (
    capability_problem,
    compute_capability,
    fp8_compute,
    oldest_nvidia_gpu,
    quant_capability_problem,
    rocm_architecture_problem,
)
from ._engine_fit import *  # noqa: F403
from ._engine_ollama import *  # noqa: F403
from ._engine_sglang import *  # noqa: F403
from ._engine_vllm import *  # noqa: F403
from ._engine_vllm import CUDA_GRAPHS_IN_BUDGET, NON_TORCH_BASE, NON_TORCH_TENSOR_PARALLEL
from ._engines import default_backend, engine_problem
from ._overhead import (
    DISPLAY_RESERVE,
    ENGINE_HEADROOM,
    OLLAMA_UNIFIED_HEADROOM,
    VULKAN_FIT_MARGIN,
    WINDOWS_DISPLAY_RESERVE,
    WINDOWS_WDDM_RESERVE,
    active_ffn_width,
    attention_scores_bytes,
    display_reserve,
    engine_headroom,
    vulkan_max_allocation,
)
from ._pools import Pool, Rig, rig_pools, visible_total
from ._weights import CheckpointPrecision, checkpoint_precisions, checkpoint_weight_bytes

__all__ = _engine_fit.__all__ + _engine_ollama.__all__ + _engine_sglang.__all__ + _engine_vllm.__all__
__all__ += ["CUDA_GRAPHS_IN_BUDGET", "NON_TORCH_BASE", "NON_TORCH_TENSOR_PARALLEL", "active_ffn_width"]
__all__ += ["ENGINE_HEADROOM", "OLLAMA_UNIFIED_HEADROOM", "VULKAN_FIT_MARGIN", "engine_headroom"]
__all__ += ["DISPLAY_RESERVE", "WINDOWS_DISPLAY_RESERVE", "WINDOWS_WDDM_RESERVE", "display_reserve"]
__all__ += ["Pool", "Rig", "rig_pools", "visible_total"]
__all__ += ["attention_scores_bytes", "vulkan_max_allocation"]
__all__ += ["CheckpointPrecision", "checkpoint_precisions", "checkpoint_weight_bytes"]
__all__ += [*_bounds.__all__, "default_backend"]
__all__ += ["capability_problem", "compute_capability", "engine_problem", "oldest_nvidia_gpu"]
__all__ += ["fp8_compute", "quant_capability_problem", "rocm_architecture_problem"]
