"""The KV cache type a question asks for, in the words people use, and what each engine makes of it.

"q4 cache", "cache_mode Q4", "4-bit kv cache", "q4_0 kv cache", "kv cache in q8_0", "-ctk q4_0",
"--cache-type-k q8_0", "fp8 kv", "--kv-cache-dtype fp8", "KV 量化 q8". The wish is read in llama.cpp's
names (q8_0, q4_0 ...; fp8 for vLLM's and SGLang's 8-bit float cache), then mapped to the types the
engine has:
- llama.cpp (and LM Studio, built on it): the ggml cache types of `-ctk/-ctv`
  (https://github.com/ggml-org/llama.cpp/blob/master/tools/server/README.md: f32, f16, bf16, q8_0,
  q4_0, q4_1, iq4_nl, q5_0, q5_1);
- Ollama: OLLAMA_KV_CACHE_TYPE takes f16, q8_0 and q4_0
  (https://github.com/ollama/ollama/blob/main/docs/faq.md, "How can I set the quantization type for
  the K/V cache?");
- ExLlama (TabbyAPI's cache_mode): FP16, Q8, Q6 and Q4
  (https://github.com/theroyallab/tabbyAPI/blob/main/config_sample.yml); Q8 is sized as q8_0, Q4
  as q4_0 and Q6 as q6 (8, 4 and 6 bits an element plus their scales);
- vLLM and SGLang: a 16-bit cache or fp8 (`--kv-cache-dtype fp8`,
  https://docs.vllm.ai/en/latest/features/quantization/quantized_kvcache/);
- MLX (mlx-lm's server): a 16-bit cache.
Every function reads lowercased text.
"""

from __future__ import annotations

from ._lazy_re import LazyPattern, blank_matches
from .vocabulary import KvType

__all__ = ["engine_kv_name", "kv_for_engine", "read_kv_type", "without_kv_words"]

# a cache type as written: "q8_0", "q4", "q8", "fp8", "f16", "fp16", "iq4_nl", "8-bit", "4 bit"
_TYPE = r"(?:iq4_nl|q[4-8](?:_[01])?|fp8(?:_e4m3|_e5m2)?|f(?:p)?16|bf16|f32|[468]\s*-?\s*bits?)"
_KV_WORD = r"(?:kv[\s_-]*cache|k/v[\s_-]*cache|kv|k/v|cache|kv\s*缓存|缓存)"
_KV = LazyPattern(
    "|".join(
        (
            # llama.cpp's flags: "-ctk q4_0", "--cache-type-k q8_0"; vLLM's "--kv-cache-dtype fp8",
            # "kv_cache_dtype=fp8_e5m2"; TabbyAPI's "cache_mode: Q4", "--cache-mode Q8"; Ollama's
            # "OLLAMA_KV_CACHE_TYPE=q8_0"
            rf"(?<![\w-])(?:-ctk|-ctv|--cache-type-[kv]|-{{0,2}}kv[_-]cache[_-]dtype|-{{0,2}}cache[_-]mode)"
            rf"[\s:=\"']*(?P<flag>{_TYPE})(?![\w])",
            rf"(?<![a-z0-9])(?:ollama_)?kv[_-]cache[_-]type[\s:=\"']*(?P<env>{_TYPE})(?![\w])",
            # "q4 cache", "4-bit kv cache", "q4_0 kv cache", "fp8 kv", "8 bit k/v cache"
            rf"(?<![\w.])(?P<before>{_TYPE})\s*(?:quanti[sz]ed\s+)?{_KV_WORD}(?![a-z])",
            # "kv cache in q8_0", "kv cache at q4", "kv cache quantized to q8_0", "KV 量化 q8", "kv q8",
            # "kv cache用q8" (Chinese: "using q8")
            rf"(?<![\w-]){_KV_WORD}\s*(?:(?:quanti[sz]ed|quant|量化|type|dtype)\s*)?"
            rf"(?:(?:in|at|to|of|as|=|:|用|使用|设为|设置为|设成|为|是)\s*)?(?P<after>{_TYPE})(?![\w])",
        )
    )
)
_BITS_TYPE: dict[str, KvType] = {"8": "q8_0", "6": "q6", "4": "q4_0"}
_SAID: dict[str, KvType] = {
    "q8": "q8_0",
    "q8_0": "q8_0",
    "q4": "q4_0",
    "q4_0": "q4_0",
    "q4_1": "q4_1",
    "q6": "q6",
    "q5": "q5_0",
    "q5_0": "q5_0",
    "q5_1": "q5_1",
    "iq4_nl": "iq4_nl",
    "fp8": "fp8",
    "fp8_e4m3": "fp8",
    "fp8_e5m2": "fp8",
    "f16": "f16",
    "fp16": "f16",
    "bf16": "bf16",
    "f32": "f32",
}


def read_kv_type(s: str) -> KvType | None:
    """The KV cache type the question asks for, in llama.cpp's names (fp8 for a float 8-bit cache),
    or None where it names none."""
    m = _KV.search(s) if _kv_said(s) else None
    if m is None:
        return None
    said = m.group("flag") or m.group("env") or m.group("before") or m.group("after")
    said = said.replace(" ", "").replace("-", "")
    if said.endswith(("bit", "bits")):
        return _BITS_TYPE.get(said[0])
    return _SAID.get(said)


def without_kv_words(text: str) -> str:
    """`text` with the words that ask for a KV cache type blanked (the same length): "q4 cache" is no
    quant of the model's weights."""
    return blank_matches(text, _KV) if _kv_said(text.lower()) else text


# what every match of _KV holds: a flag's "-ct", or a word for the cache ("kv", "k/v", "cache", "缓存")
_KV_LITERALS = ("kv", "k/v", "cache", "-ct", "缓存")


def _kv_said(low: str) -> bool:
    """Whether lowercased text holds what every match of _KV does (a few substring tests spare a scan of
    the pattern's alternatives at every character of a long message)."""
    return any(w in low for w in _KV_LITERALS)


# the cache types each engine has, and the one it takes for a wish it lacks
_ENGINE_TYPES: dict[str, tuple[KvType, ...]] = {
    "llama.cpp": ("f32", "f16", "bf16", "q8_0", "q5_1", "q5_0", "q4_1", "q4_0", "iq4_nl"),
    "lmstudio": ("f32", "f16", "bf16", "q8_0", "q5_1", "q5_0", "q4_1", "q4_0", "iq4_nl"),
    "ollama": ("f16", "q8_0", "q4_0"),
    "exllama": ("f16", "q8_0", "q6", "q4_0"),
    "vllm": ("f16", "fp8"),
    "sglang": ("f16", "fp8"),
    "mlx": ("f16",),
}
_GGML_TYPES = "f16, bf16, q8_0, q5_1, q5_0, q4_1, q4_0 and iq4_nl"
_ENGINE_WORDS = {
    "llama.cpp": f"llama.cpp's cache types (-ctk/-ctv) are {_GGML_TYPES}",
    "lmstudio": f"LM Studio's cache types (llama.cpp's) are {_GGML_TYPES}",
    "ollama": "Ollama's cache types (OLLAMA_KV_CACHE_TYPE) are f16, q8_0 and q4_0",
    "exllama": "ExLlama's cache modes are FP16, Q8, Q6 and Q4",
    "vllm": "vLLM's KV cache is 16-bit or fp8 (--kv-cache-dtype fp8)",
    "sglang": "SGLang's KV cache is 16-bit or fp8 (--kv-cache-dtype)",
    "mlx": "mlx-lm's server keeps a 16-bit KV cache",
}
# the bits a type is named for, to find the engine's nearest type no smaller than the wish (an 8-bit
# wish is fp8 on vLLM, whose cache has no q8_0)
_BITS: dict[str, int] = {
    "f32": 32,
    "f16": 16,
    "bf16": 16,
    "fp8": 8,
    "q8_0": 8,
    "q6": 6,
    "q5_1": 5,
    "q5_0": 5,
    "q4_1": 4,
    "q4_0": 4,
    "iq4_nl": 4,
}
# ExLlama's names of the types it is sized with (TabbyAPI's cache_mode)
_EXLLAMA_NAMES = {"f16": "FP16", "q8_0": "Q8", "q6": "Q6", "q4_0": "Q4"}


def engine_kv_name(kv: str, engine: str) -> str:
    """A KV cache type as the engine names it: ExLlama's cache modes (Q4 for q4_0), else as is."""
    return _EXLLAMA_NAMES.get(kv, kv) if engine == "exllama" else kv


def kv_for_engine(wish: str, engine: str) -> tuple[KvType, str | None]:
    """The engine's KV cache type for `wish`, and a note where the engine lacks it (then the
    engine's nearest type, the smallest one at or above the wish's bits, else its smallest)."""
    have = _ENGINE_TYPES.get(engine, ("f16",))
    same = next((t for t in have if t == wish), None)
    if same is not None:
        return same, None
    if wish == "bf16" and "f16" in have:
        return "f16", None  # a 16-bit cache: the same size
    at_least = [t for t in have if _BITS[t] >= _BITS.get(wish, 16)]
    kv = min(at_least, key=lambda t: _BITS[t]) if at_least else min(have, key=lambda t: _BITS[t])
    words = _ENGINE_WORDS.get(engine, f"{engine} keeps a 16-bit KV cache")
    return kv, (f"a {wish} KV cache was asked for: {words}, so it is sized with {engine_kv_name(kv, engine)}")
