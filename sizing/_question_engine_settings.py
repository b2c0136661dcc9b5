"""Engine settings a question gives, as pasted flags or environment variables.

Each engine reserves memory by its own settings: vLLM by `--gpu-memory-utilization` (0.9 by default),
`--max-num-seqs` and `--max-num-batched-tokens` (its start-up profiling run) and CUDA graphs unless
`--enforce-eager` (docs.vllm.ai engine arguments); SGLang by `--mem-fraction-static` (server
arguments); Ollama by OLLAMA_NUM_PARALLEL, the number of sequences whose context it allocates at once
(llm/server.go `KvSize: opts.NumCtx * numParallel`). A pasted command or a stated variable is the
asker's setting: the answer sizes what it would do. Every function reads lowercased text.
"""

from __future__ import annotations

import math
import re

from ._engine_fit import EngineOptions
from ._lazy_re import LazyPattern

__all__ = ["read_engine_settings"]


_NONE = EngineOptions()

_SEP = r"[\"']?(?:\s*[=:]\s*|\s+)[\"']?"
_NUM_PARALLEL = LazyPattern(rf"(?<![a-z_])(?:ollama_num_parallel|num_parallel){_SEP}(\d{{1,3}})(?![\d.])")
_GPU_UTIL = LazyPattern(rf"(?<![a-z_-])-?-?gpu[_-]memory[_-]utilization{_SEP}(0?\.\d+|1(?:\.0+)?)(?![\d.])")
_MAX_SEQS = LazyPattern(rf"(?<![a-z_-])-?-?max[_-]num[_-]seqs{_SEP}(\d{{1,5}})(?![\d.])")
_BATCHED = LazyPattern(rf"(?<![a-z_-])-?-?max[_-]num[_-]batched[_-]tokens{_SEP}(\d{{1,7}})(?![\d.])")
_EAGER = LazyPattern(r"(?<![a-z_-])-?-?enforce[_-]eager(?![a-z_-])")
# vLLM's --tensor-parallel-size / -tp, SGLang's --tp-size / --tp
_TENSOR_PARALLEL = LazyPattern(
    rf"(?<![a-z_-])(?:--tensor[_-]parallel[_-]size|tensor_parallel_size|--tp[_-]size|--tp|-tp){_SEP}"
    r"(\d{1,2})(?![\d.])"
)
_MEM_FRACTION = LazyPattern(rf"(?<![a-z_-])-?-?mem[_-]fraction[_-]static{_SEP}(0?\.\d+|1(?:\.0+)?)(?![\d.])")
# llama.cpp's MoE offload: "--n-cpu-moe 30", "-ncmoe 30" (the first 30 layers' routed experts in system
# RAM), "--cpu-moe" (all of them); github ggml-org/llama.cpp common/arg.cpp
# an --override-tensor that sends every layer's routed experts to the CPU ('-ot ".ffn_.*_exps.=CPU"',
# "-ot exps=CPU") is --cpu-moe written out; one naming layers ("blk\.(1[0-9])\.ffn_.*_exps") is not
_CPU_MOE = LazyPattern(
    r"(?<![\w-])(?:--n-cpu-moe|-ncmoe)(?:\s*=\s*|\s+)(\d{1,3})(?![\d.])|(?<![\w-])(--cpu-moe|-cmoe)(?![\w-])"
    r"|(?<![\w-])(?:-ot|--override-tensor)(?:\s*=\s*|\s+)[\"']?(\.?(?:ffn_\.\*_?)?exps\.?=cpu)(?![\w])"
)
ALL_LAYERS = 999  # --cpu-moe: every layer's experts (more than any model has)
# the engine release a question names ("ollama 0.6.2", "vLLM v0.8.3", "LM Studio 0.3.30"): that
# release's defaults apply (EngineOptions.version). Not a model size ("3.2b") nor a model name after it.
_VERSION = LazyPattern(
    r"(?<![a-z])(?:ollama|vllm|sglang|lm ?studio)(?:\s+version)?\s+v?(\d{1,2}\.\d{1,3}(?:\.\d{1,3})?)"
    r"(?![\d]|\.\d|[a-z-])"
)
# words every setting read here contains
_CUES: tuple[str, ...] = (
    "parallel",
    "utilization",
    "num_seqs",
    "num-seqs",
    "batched",
    "eager",
    "fraction",
    "tp",
    "moe",
    "exps",
)
_CUES += ("ollama", "vllm", "sglang", "studio")  # a release named after its engine
# the engines whose flags these are: a "-tp 2" elsewhere is no vLLM setting
_SERVING_ENGINES = ("vllm", "sglang")


def read_engine_settings(s: str) -> EngineOptions:
    """The engine settings stated in `s` (lowercased), as the engine options they set."""
    if not any(cue in s for cue in _CUES):
        return _NONE
    serving = any(e in s for e in _SERVING_ENGINES)
    tp = _int(_TENSOR_PARALLEL.search(s)) if serving else None
    return EngineOptions(
        num_parallel=_int(_NUM_PARALLEL.search(s)),
        gpu_memory_utilization=_fraction(_GPU_UTIL.search(s)),
        max_num_seqs=_int(_MAX_SEQS.search(s)),
        max_num_batched_tokens=_int(_BATCHED.search(s)),
        enforce_eager=serving and _EAGER.search(s) is not None,
        tensor_parallel=tp if tp is not None and 1 <= tp <= 64 else None,
        mem_fraction_static=_fraction(_MEM_FRACTION.search(s)),
        version=_release(_VERSION.search(s)),
        cpu_moe_layers=_cpu_moe(_CPU_MOE.search(s)),
    )


def _cpu_moe(m: re.Match[str] | None) -> int | None:
    """The layers whose experts a pasted --n-cpu-moe keeps in RAM (--cpu-moe, or an -ot of every
    layer's experts: all)."""
    if m is None:
        return None
    return ALL_LAYERS if m.group(2) or m.group(3) else int(m.group(1))


def _int(m: re.Match[str] | None) -> int | None:
    if m is None:
        return None
    value = int(m.group(1))
    return value if value >= 1 else None


def _fraction(m: re.Match[str] | None) -> float | None:
    if m is None:
        return None
    value = float(m.group(1))
    return value if math.isfinite(value) and 0.05 <= value <= 1.0 else None


def _release(m: re.Match[str] | None) -> str | None:
    return m.group(1) if m is not None else None
