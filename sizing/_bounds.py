"""Closed-form memory bounds for the llama.cpp family (llama.cpp, Ollama, LM Studio): what every
placement holds against what the rig's pools hold at most, without placing a layer.

Every placement sizing/_placement.py makes keeps each layer's weights and cache, the output head, the
loaded extras and the token embedding on some device, and accepts it only where each device's load
fits its usable memory (a byte of slack each); usable memory is never more than a pool's physical
memory, and a unified GPU pool's load comes out of system RAM. So:
- bytes held in all above the rig's memory (unified memory once) -> no placement runs ("no");
- bytes the GPUs hold in the all-on-GPU placement above the GPUs' usable memory without a safety
  margin -> the model is not fully on the GPUs.
Both only reject: a search asks them before it places, and places where they cannot tell. Engines
add to these bytes (a vision projector, parallel slots, a larger cache per slot) and never take away.
- llama.cpp's GPUs hold no more than their usable memory with its fit margin kept free, less the
  compute buffer each GPU holds whatever layers it takes: a bound on the weights any placement keeps
  off system RAM.
"""

from __future__ import annotations

from ._engines import engine_family
from ._kv import KvBytes, kv_cache_bytes
from ._overhead import DEFAULT_UBATCH, FIT_MARGIN, gguf_compute_buffer
from ._pools import Rig, rig_pools
from ._weights import WeightBytes, weight_bytes
from .catalog import ModelSpec, QuantSpec
from .hardware import Hardware
from .memory import flash_attention_default

__all__ = ["gguf_beyond_gpus", "gguf_beyond_rig", "llama_cpp_gpu_room"]

# bytes of slack on top of the placements' own byte per device: the bounds sum in another order
_SLACK = 1e6


def _output_head(spec: ModelSpec, w: WeightBytes) -> float:
    """The head llama.cpp places (a tied embedding is loaded a second time as the head)."""
    return w.embedding if spec.tied_embeddings and w.output == 0 else w.output


def _floor(spec: ModelSpec, quant: QuantSpec, context: int, kv_type: str) -> tuple[WeightBytes, KvBytes]:
    """The text model's weights and its cache for one sequence at `context`, as llama.cpp sizes them:
    the least any engine of the family holds (slots and projectors only add)."""
    w = weight_bytes(spec, quant)
    kv = kv_cache_bytes(spec, context, k_type=kv_type, v_type=kv_type, ubatch=DEFAULT_UBATCH)
    return w, kv


def _pools(hw: Hardware, backend: str) -> Rig:
    """The pools without a safety margin: the most any margin leaves usable."""
    return rig_pools(hw, backend, margin=0)


def gguf_beyond_rig(
    spec: ModelSpec, quant: QuantSpec, hw: Hardware, *, context: int, engine: str, backend: str, kv_type: str
) -> bool:
    """True where no placement of the llama.cpp family runs `spec` at all (verdict "no" for certain):
    the weights, the embedding and the cache exceed every byte of the rig's memory. False says
    nothing (other engines, or a fit not ruled out)."""
    if engine_family(engine) != "gguf":
        return False
    w, kv = _floor(spec, quant, context, kv_type)
    rig = _pools(hw, backend)
    held = w.repeating + _output_head(spec, w) + w.embedding + w.other + w.extra + kv.total
    return held > rig.capacity + len(rig.gpus) + 1 + _SLACK


def gguf_beyond_gpus(
    spec: ModelSpec,
    quant: QuantSpec,
    hw: Hardware,
    *,
    context: int,
    engine: str,
    backend: str,
    kv_type: str,
    flash_attention: bool | None = None,
) -> bool:
    """True where the llama.cpp family cannot hold `spec` fully on the GPUs (verdict not "gpu" for
    certain): every layer, its cache, the output head and the extras exceed the GPUs' usable memory
    (for llama.cpp itself: with its fit margin kept free, less the compute buffers, as
    `flash_attention` sizes them, None: its default). False says nothing."""
    if engine_family(engine) != "gguf":
        return False
    if not _pools(hw, backend).gpus:
        return True
    w, kv = _floor(spec, quant, context, kv_type)
    held = w.repeating + _output_head(spec, w) + w.extra + kv.total
    if engine == "llama.cpp":
        fa = flash_attention if flash_attention is not None else flash_attention_default(hw, backend)
        room = _llama_cpp_room(spec, hw, kv.cells, backend, fa or kv_type not in _UNQUANTIZED_KV)
    else:
        rig = _pools(hw, backend)
        room = sum(p.usable for p in rig.gpus) + len(rig.gpus) + _SLACK
    return held > room


# cache types llama.cpp runs without flash attention (a quantized V cache turns it on)
_UNQUANTIZED_KV = ("f16", "bf16", "f32")


def _llama_cpp_room(spec: ModelSpec, hw: Hardware, cells: int, backend: str, flash_attention: bool) -> float:
    """What llama.cpp's GPUs hold at most: each GPU's usable memory with the fit margin kept free,
    less the compute buffer it holds (the last one with the output layer's), a byte of slack each."""
    rig = rig_pools(hw, backend, margin=FIT_MARGIN)
    last = len(rig.gpus) - 1
    room = (
        p.usable
        - gguf_compute_buffer(
            spec, cells, flash_attention=flash_attention, holds_output=k == last, ubatch=DEFAULT_UBATCH
        )
        + 1
        for k, p in enumerate(rig.gpus)
    )
    return sum(max(0.0, r) for r in room) + _SLACK


def llama_cpp_gpu_room(spec: ModelSpec, hw: Hardware, *, context: int, backend: str) -> float:
    """The most bytes of weights and cache llama.cpp puts on discrete GPUs for `spec` at `context`
    (its defaults: one sequence, flash attention where the GPUs support it, the 1 GiB fit margin or
    more); inf where a GPU shares system memory (what it holds is no relief for system RAM)."""
    if any(p.unified for p in rig_pools(hw, backend, margin=FIT_MARGIN).gpus):
        return float("inf")
    cells = kv_cache_bytes(spec, context, ubatch=DEFAULT_UBATCH).cells
    return _llama_cpp_room(spec, hw, cells, backend, flash_attention_default(hw, backend))
