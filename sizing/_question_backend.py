"""The compute backend a question names: "with Vulkan", "using ROCm", "the SYCL build", and the
backend a pasted log shows ("ggml_vulkan: Found 1 Vulkan devices", "found 2 ROCm devices",
"ggml_init_sycl", "koboldcpp_vulkan.dll"); and the words of a pasted log that are no weights'
quantization ("fp16: 1" in a Vulkan device line, "AVX512_BF16 = 0" in llama.cpp's system info)."""

from __future__ import annotations

from ._lazy_re import LazyPattern
from .vocabulary import Backend

__all__ = ["read_backend", "without_device_flags"]

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


def read_backend(s: str) -> Backend | None:
    """The backend named in lower-cased `s`, or None. Several named: the one that is not CUDA where
    CUDA is the other (a ROCm build of llama.cpp prints "ggml_init_cublas", and CUDA's name is in
    common errors), else none (backends compared side by side)."""
    named = [backend for backend, rx in _NAMED if rx.search(s)]
    if len(named) == 2 and "cuda" in named:
        named.remove("cuda")
    return named[0] if len(named) == 1 else None


def without_device_flags(text: str) -> str:
    """`text` with a pasted log's device capability flags blanked (the same length)."""
    low = text.lower()
    if len(low) != len(text):
        return text
    out = text
    for m in _DEVICE_FLAGS.finditer(low):
        a, b = m.span()
        out = out[:a] + " " * (b - a) + out[b:]
    return out
