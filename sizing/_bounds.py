"""Closed-form memory bounds for the llama.cpp family (llama.cpp, Ollama, LM Studio): what every
placement holds against what the rig's pools hold at most, without placing a layer.

Every placement sizing/_placement.py makes keeps each layer's weights and cache, the output head, the
loaded extras and the token embedding on some device, and accepts it only where each device's load
fits its usable memory (a byte of slack each); usable memory is never more than a pool's physical
memory, and a unified GPU pool's load comes out of system RAM. So:
- bytes held in all above the rig's memory (unified memory once) -> no placement runs ("no");
- bytes the GPUs hold in the all-on-GPU placement above the GPUs' usable memory (no safety margin;
  for llama.cpp itself its fit margin kept free and each GPU's compute buffer left out, which it
  holds whatever layers it takes) -> the model is not fully on the GPUs.
Both only reject: a search asks them before it places, and places where they cannot tell. Engines
add to these bytes (a vision projector, parallel slots, a larger cache per slot) and never take away.
The same room of llama.cpp's GPUs bounds the weights any of its placements keeps off system RAM.
For llama.cpp itself (a text model: no projector to load) two accept as well, from the same sums:
- the whole model, its cache and the CPU's compute buffers fit system RAM -> it runs (on the CPU at
  worst), as the placement's last step finds;
- each GPU filled in order leaves less than one layer unused, so layers that fit the GPUs' room less
  one layer per GPU but the last are placed, and the rest fits the embedding -> fully on the GPUs.
"""

from __future__ import annotations

from ._engines import engine_family
from ._kv import KvBytes, kv_cache_bytes
from ._overhead import DEFAULT_UBATCH, FIT_MARGIN, HOST_COMPUTE, VULKAN_FIT_MARGIN, gguf_compute_buffer
from ._pools import Rig, kept_per_rig, rig_pools
from ._weights import WeightBytes, weight_bytes
from .catalog import ModelSpec, QuantSpec
from .hardware import Hardware
from .memory import MAX_DEVICES, flash_attention_default

__all__ = [
    "gguf_beyond_gpus",
    "gguf_beyond_rig",
    "llama_cpp_gpu_room",
    "llama_cpp_surely_on_gpus",
    "llama_cpp_surely_runs",
]

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


@kept_per_rig
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
    held = w.repeating + _output_head(spec, w) + w.embedding + w.other + w.extra + w.lookup + kv.total
    return held > rig.capacity + len(rig.gpus) + 1 + _SLACK


@kept_per_rig
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


def _text_model(spec: ModelSpec, quant: QuantSpec, hw: Hardware, engine: str) -> WeightBytes | None:
    """The weights llama.cpp loads for `spec`, where the accepting bounds hold: a text model (no
    projector loaded beside it) on a rig canirun sizes at all."""
    if engine != "llama.cpp" or hw.gpu_count > MAX_DEVICES:
        return None
    if hw.soc is not None and hw.soc.count > MAX_DEVICES:
        return None
    w = weight_bytes(spec, quant)
    return None if w.vision > 0 else w


@kept_per_rig
def llama_cpp_surely_runs(
    spec: ModelSpec,
    quant: QuantSpec,
    hw: Hardware,
    *,
    context: int,
    engine: str,
    backend: str,
    kv_type: str,
    flash_attention: bool,
) -> bool:
    """True where llama.cpp certainly runs `spec` (verdict not "no"): all of it, its cache and the
    CPU's compute buffers fit system RAM. False says nothing."""
    w = _text_model(spec, quant, hw, engine)
    if w is None:
        return False
    kv = kv_cache_bytes(spec, context, k_type=kv_type, v_type=kv_type, ubatch=DEFAULT_UBATCH)
    fa = flash_attention or kv_type not in _UNQUANTIZED_KV
    compute = HOST_COMPUTE + gguf_compute_buffer(
        spec, kv.cells, flash_attention=fa, holds_output=True, ubatch=DEFAULT_UBATCH
    )
    held = (
        w.embedding + w.other + w.lookup + w.extra + w.repeating + _output_head(spec, w) + kv.total + compute
    )
    return held + _SLACK <= rig_pools(hw, backend, margin=FIT_MARGIN).cpu.usable


@kept_per_rig
def llama_cpp_surely_on_gpus(
    spec: ModelSpec,
    quant: QuantSpec,
    hw: Hardware,
    *,
    context: int,
    engine: str,
    backend: str,
    kv_type: str,
    flash_attention: bool,
) -> bool:
    """True where llama.cpp certainly holds `spec` fully on the GPUs (verdict "gpu"): every GPU keeps
    room for its compute buffer (the first for the extras, the last for the output layer too), the
    layers fit the room less one layer per GPU but the last, and the embedding fits what system RAM
    has left. False says nothing."""
    w = _text_model(spec, quant, hw, engine)
    if w is None:
        return False
    rig = rig_pools(hw, backend, margin=max(FIT_MARGIN, VULKAN_FIT_MARGIN))
    if not rig.gpus:
        return False
    kv = kv_cache_bytes(spec, context, k_type=kv_type, v_type=kv_type, ubatch=DEFAULT_UBATCH)
    fa = flash_attention or kv_type not in _UNQUANTIZED_KV
    last = len(rig.gpus) - 1
    caps = [
        p.usable
        - gguf_compute_buffer(
            spec, kv.cells, flash_attention=fa, holds_output=k == last, ubatch=DEFAULT_UBATCH
        )
        - (w.extra if k == 0 else 0.0)
        for k, p in enumerate(rig.gpus)
    ]
    if min(caps) < 0:
        return False
    head = _output_head(spec, w)
    layers = w.repeating + kv.total
    widest = max(
        (d + e + c for d, e, c in zip(w.layer_dense, w.layer_experts, kv.per_layer, strict=True)), default=0.0
    )
    if layers + head + _SLACK > sum(caps) - last * widest or head + _SLACK > caps[last]:
        return False
    unified = sum(p.usable + p.runtime + 1 for p in rig.gpus if p.unified)
    return w.embedding + w.other + w.lookup + HOST_COMPUTE + _SLACK <= rig.cpu.usable - unified
