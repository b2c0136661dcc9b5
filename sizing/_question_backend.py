"""What a question asks of an engine's build and its program, beside the engine itself: the compute
backend named ("with vulkan", "llama.cpp sycl", "using rocm"), two backends side by side ("sycl vs
vulkan"), ExLlama's third version ("exllamav3", "exl3"), LM Studio's MLX engine ("lm studio with
mlx") and exo, which spreads one model over several machines.

Vulkan and SYCL are named only as backends; CUDA, ROCm (HIP) and Metal also fill pasted logs ("CUDA
Version: 12.4", "found 2 CUDA devices", "ggml_cuda_init"), so they count only after a word that asks
for them ("with cuda", "on llama.cpp rocm", "using metal") or before "backend" / "build". Where none
is asked, the backend a pasted log shows ("ggml_vulkan: Found 1 Vulkan devices", "found 2 ROCm
devices", "ggml_init_sycl", "koboldcpp_vulkan.dll") is the one run. The words of a pasted log that are
no weights' quantization ("fp16: 1" in a Vulkan device line, "AVX512_BF16 = 0" in llama.cpp's system
info) are blanked before the quant is read. Every function reads lowercased text.
"""

from __future__ import annotations

from ._lazy_re import LazyPattern, blank_matches
from .vocabulary import Backend

__all__ = [
    "exllama_v2",
    "exllama_v3",
    "exo_named",
    "lmstudio_mlx",
    "logged_backend",
    "read_backends",
    "without_device_flags",
]

_NAMES: dict[str, Backend] = {
    "vulkan": "vulkan",
    "sycl": "sycl",
    "rocm": "rocm",
    "hip": "rocm",
    "cuda": "cuda",
    "metal": "metal",
}
# a backend word on its own (not "ggml_vulkan", "Vulkan0", "cuda12")
_WORD = LazyPattern(r"(?<![\w.-])(vulkan|sycl|rocm|hip|cuda|metal)(?![\w-])")
_ALWAYS = frozenset({"vulkan", "sycl"})
# the words that ask for a backend before it ("with cuda", "llama.cpp rocm", "llama.cpp/vulkan", "or
# vulkan") and after it ("rocm backend", "the vulkan build")
_ASKED_BEFORE = LazyPattern(
    r"(?:\b(?:with|on|using|use|via|under|over|through|vs\.?|versus|llama\.?cpp|llama-server|"
    r"ollama|lm\s?studio|koboldcpp)|[/+])\s*(?:the\s+)?$"
)
# a version after the name says what is installed ("I was on CUDA 12.4"), not what is asked
_VERSION_AFTER = LazyPattern(r"\s*v?\d")
_ASKED_AFTER = LazyPattern(r"\s*(?:backend|build|runtime|version of llama)")
_NOT_ASKED_BEFORE = LazyPattern(r"\bbare\s*-?\s*$")  # "bare metal"
_BEFORE_REACH = 24
# two backends put side by side: "sycl vs vulkan", "vulkan or rocm", "rocm versus vulkan"
_SIDE_BY_SIDE = LazyPattern(
    r"(?<![\w./-])(vulkan|sycl|rocm|hip|cuda|metal)\s*(?:vs\.?|versus|or|/)\s*(vulkan|sycl|rocm|hip|cuda|metal)(?![\w-])"
)
_EXLLAMA_V3 = LazyPattern(r"\bexllama\s*-?\s*v?3\b|\bexl3\b")
_EXLLAMA_V2 = LazyPattern(r"\bexllama\s*-?\s*v?2\b|\bexl2\b")
_MLX = LazyPattern(r"(?<![\w-])mlx(?![\w-])")
_LMSTUDIO = LazyPattern(r"\blm[\s_-]?studio\b(?!-community\b)")
# exo (github exo-explore/exo): one model over several machines; not "exon", "exotic", "exo-skeleton"
_EXO = LazyPattern(r"(?<![\w-])exo(?![\w-])")


def read_backends(s: str) -> tuple[Backend, ...]:
    """The backends asked for, in the order named: one, or two put side by side ("sycl vs vulkan");
    () where none is."""
    pair = _SIDE_BY_SIDE.search(s)
    if pair is not None:
        first, second = _NAMES[pair.group(1)], _NAMES[pair.group(2)]
        return (first, second) if first != second else (first,)
    found: list[Backend] = []
    for m in _WORD.finditer(s):
        word = m.group(1)
        before = s[max(0, m.start() - _BEFORE_REACH) : m.start()]
        if _NOT_ASKED_BEFORE.search(before):
            continue
        if word not in _ALWAYS and _VERSION_AFTER.match(s, m.end()):
            continue
        if word in _ALWAYS or _ASKED_BEFORE.search(before) or _ASKED_AFTER.match(s, m.end()):
            backend = _NAMES[word]
            if backend not in found:
                found.append(backend)
    return tuple(found[:1])


def exllama_v2(s: str) -> bool:
    """ExLlama's second version is named ("exllamav2", "exl2"): its EXL2 format."""
    return _EXLLAMA_V2.search(s) is not None


def exllama_v3(s: str) -> bool:
    """ExLlama's third version is named ("exllamav3", "exllama v3", "exl3"): its EXL3 format."""
    return _EXLLAMA_V3.search(s) is not None


def lmstudio_mlx(s: str) -> bool:
    """LM Studio is named with MLX on a Mac: its MLX engine (LM Studio runs MLX models beside GGUF on
    Apple Silicon only)."""
    return _LMSTUDIO.search(s) is not None and _MLX.search(s) is not None and _MAC.search(s) is not None


# a Mac or its chip named: "MacBook Pro", "Mac Studio", "M3 Max", "M4 Pro", "apple silicon"
_MAC = LazyPattern(
    r"\b(?:mac(?:book|\s?mini|\s?studio|\s?pro)?|imac|apple|m[1-5](?:\s*(?:pro|max|ultra))?)\b"
)


def mac_named(s: str) -> bool:
    """A Mac or an Apple chip is named ("MacBook Pro", "M4 Max", "apple silicon")."""
    return _MAC.search(s) is not None


def exo_named(s: str) -> bool:
    """exo is named: the model is spread over several machines."""
    return _EXO.search(s) is not None


# each backend by its name and the names its builds print (llama.cpp's ggml-vulkan, ggml-hip,
# ggml-sycl, ggml-metal, ggml-cuda backends: https://github.com/ggml-org/llama.cpp/tree/master/ggml/src)
_NAMED: tuple[tuple[Backend, LazyPattern], ...] = (
    ("vulkan", LazyPattern(r"vul[kc]an")),  # "Vulcan" is a common misspelling
    ("rocm", LazyPattern(r"(?<![a-z])rocm|hipblas|ggml[_-]hip|\bhip\b")),  # "VLLM_ROCM_USE_AITER" too
    ("sycl", LazyPattern(r"\bsycl|ggml[_-]sycl|\boneapi\b")),
    ("metal", LazyPattern(r"\bmetal\b|ggml[_-]metal")),
    # not an environment variable's name ("CUDA_VISIBLE_DEVICES"): "CUDA", "CUDA0", "cuBLAS", "cu121"
    ("cuda", LazyPattern(r"\bcuda\d*\b|cublas\b|\bcu1[12]\d\b")),
)

# a device's capability flags in a pasted log: Vulkan's "fp16: 1 | bf16: 0", llama.cpp's system
# info "F16C = 1 | FP16_VA = 0 | AVX512_BF16 = 0"; none of them is the model's quantization
_DEVICE_FLAGS = LazyPattern(r"(?<![a-z0-9])(?:[a-z0-9]+_)?b?f(?:p)?16(?:_[a-z]+)?\s*[:=]\s*[01](?![\w.])")


def logged_backend(s: str) -> Backend | None:
    """The backend named in lower-cased `s`, or None. Several named: the one that is not CUDA where
    CUDA is the other (a ROCm build of llama.cpp prints "ggml_init_cublas", and CUDA's name is in
    common errors), else none (backends compared side by side)."""
    named = [backend for backend, rx in _NAMED if rx.search(s)]
    if len(named) == 2 and "cuda" in named:
        named.remove("cuda")
    return named[0] if len(named) == 1 else None


def without_device_flags(text: str) -> str:
    """`text` with a pasted log's device capability flags blanked (the same length)."""
    return blank_matches(text, _DEVICE_FLAGS)
