"""Generic model shapes for models the catalog does not hold: "a 200B dense model", "a 700B MoE with
37B active", "a 120B gpt-oss-style model".

A generic model is a real release's shape scaled to the asked size: the template keeps its kind of
attention (GQA or MLA, sliding windows, linear layers), its vocabulary, its experts per token,
shared experts and dense first layers, its depth-to-width ratio and FFN widths relative to the
hidden size. The widths are rounded to multiples of 256, as today's releases are: llama.cpp's
k-quants pack rows in blocks of 256 weights, and a row that is not a multiple falls back to a wider
type (a generic shape that ignored this was sized at twice its real bytes). Depth, expert width
and expert count are then solved so that the total and active parameters land on the asked ones.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from ._schema import GENERIC_FAMILY, ModelSpec, MoE
from ._tensors import active_params, total_params

__all__ = ["SAME_SIZE", "GenericShape", "generic_model"]

ROW_BLOCK = 256  # k-quant super-block: weights per row must be a multiple (ggml-common.h QK_K)
# a release within this share of the asked size is "that size": 70.55B is a 70B, 13.02B a 13B
SAME_SIZE = 0.03
_MIN_HIDDEN = 512
_MAX_HIDDEN = 32768


@dataclass(frozen=True, slots=True)
class GenericShape:
    spec: ModelSpec
    assumptions: tuple[str, ...]


def _round_to(x: float, step: int, floor: int) -> int:
    return max(floor, round(x / step) * step)


def _scaled(
    template: ModelSpec, hidden: int, layers: int, *, experts: int | None, expert_ffn: int | None
) -> ModelSpec:
    """The template at another width and depth; per-layer kinds keep their share of the layers."""
    t = template
    share = layers / t.layers
    att = t.attention
    attention = att.model_copy(
        update={
            "sliding_layers": round(att.sliding_layers * share),
            "linear_layers": round(att.linear_layers * share),
            "mixerless_layers": round(att.mixerless_layers * share),
            "kv_reuse_layers": round(att.kv_reuse_layers * share),
        }
    )
    q_width = t.heads * t.head_dim / t.hidden
    group = t.kv_heads if att.mla is None else 1  # GQA: query heads in whole groups per KV head
    heads = _round_to(hidden * q_width / t.head_dim, group, group)
    kv_heads = heads if att.mla is not None else t.kv_heads
    moe = t.moe
    ffn = _round_to(t.ffn * hidden / t.hidden, ROW_BLOCK, ROW_BLOCK) if t.ffn else 0
    if moe is not None and experts is not None and expert_ffn is not None:
        shared_ffn = (
            _round_to(moe.shared_ffn * expert_ffn / moe.expert_ffn, ROW_BLOCK, ROW_BLOCK)
            if moe.shared_ffn
            else None
        )
        moe = MoE.model_construct(
            **(
                moe.model_dump()
                | {
                    "experts": experts,
                    "expert_ffn": expert_ffn,
                    "shared_ffn": shared_ffn,
                    "dense_layers": min(moe.dense_layers, max(0, layers - 2)),
                }
            )
        )
    return t.model_copy(
        update={
            "layers": layers,
            "hidden": hidden,
            "heads": heads,
            "kv_heads": kv_heads,
            "ffn": ffn,
            "ffnless_layers": round(t.ffnless_layers * share),
            "attention": attention,
            "moe": moe,
            "extra_params_b": None,
            "extra_lookup_params_b": None,
            "vision_params_b": None,
            "irregular_scale": None,
            "gguf_files": (),
        }
    )


def _params_b(spec: ModelSpec) -> tuple[float, float]:
    return total_params(spec) / 1e9, active_params(spec) / 1e9


def _error(spec: ModelSpec, total_b: float, active_b: float | None) -> float:
    total, active = _params_b(spec)
    err = abs(total - total_b) / total_b
    if active_b is not None:
        err += abs(active - active_b) / active_b
    return err


def _width_for(template: ModelSpec, body_b: float) -> int:
    """The hidden size at which the template's proportions (depth ratio kept) hold `body_b` billion
    parameters in the part every token reads (all of it for a dense model)."""
    aspect = template.hidden / template.layers
    lo, hi = float(_MIN_HIDDEN), float(_MAX_HIDDEN)
    for _ in range(30):
        mid = (lo + hi) / 2
        h = _round_to(mid, ROW_BLOCK, _MIN_HIDDEN)
        layers = max(2, round(h / aspect))
        experts, f = _expert_layout(template, h)
        probe = _scaled(template, h, layers, experts=experts, expert_ffn=f)
        active = _params_b(probe)[1] if template.moe else _params_b(probe)[0]
        if active < body_b:
            lo = mid
        else:
            hi = mid
    return _round_to((lo + hi) / 2, ROW_BLOCK, _MIN_HIDDEN)


def _expert_layout(template: ModelSpec, hidden: int) -> tuple[int | None, int | None]:
    moe = template.moe
    if moe is None:
        return None, None
    return moe.experts, _round_to(moe.expert_ffn * hidden / template.hidden, ROW_BLOCK, ROW_BLOCK)


def _dense_fit(template: ModelSpec, total_b: float) -> ModelSpec:
    """Width from the template's depth ratio; then the depth that lands on the total. A template
    of the asked size is taken as it is: its real shape beats any rescaling of it."""
    if abs(template.params_b / total_b - 1) <= SAME_SIZE:
        return _scaled(template, template.hidden, template.layers, experts=None, expert_ffn=None)
    hidden = _width_for(template, total_b)
    base = max(2, round(hidden * template.layers / template.hidden))
    low = _scaled(template, hidden, base, experts=None, expert_ffn=None)
    high = _scaled(template, hidden, base + 8, experts=None, expert_ffn=None)
    per_layer = (_params_b(high)[0] - _params_b(low)[0]) / 8
    guess = max(2, base + round((total_b - _params_b(low)[0]) / per_layer))
    candidates = [
        _scaled(template, hidden, layers, experts=None, expert_ffn=None)
        for layers in range(max(2, guess - 3), guess + 4)
    ]
    return min(candidates, key=lambda spec: _error(spec, total_b, None))


def _moe_fit(template: ModelSpec, total_b: float, active_b: float) -> ModelSpec:
    """Width and depth from the active parameters; then expert count and width from the total."""
    moe = template.moe
    assert moe is not None
    hidden = _width_for(template, active_b)
    aspect = template.hidden / template.layers
    base_layers = max(3, round(hidden / aspect))
    best: tuple[float, ModelSpec] | None = None
    for layers in range(max(3, base_layers - 6), base_layers + 7):
        _, f0 = _expert_layout(template, hidden)
        assert f0 is not None
        for f in {f0, max(ROW_BLOCK, f0 - ROW_BLOCK), f0 + ROW_BLOCK}:
            # total is affine in the expert count: solve it, then round to a multiple of 8
            lo = _scaled(template, hidden, layers, experts=max(moe.active + 1, 2), expert_ffn=f)
            hi = _scaled(template, hidden, layers, experts=max(moe.active + 1, 2) + 8, expert_ffn=f)
            per_8 = _params_b(hi)[0] - _params_b(lo)[0]
            if per_8 <= 0:
                continue
            need = max(moe.active + 1, 2) + 8 * (total_b - _params_b(lo)[0]) / per_8
            # releases count experts in eights; with few experts a step of eight is too coarse
            step = 8 if need >= 64 else 2
            for experts in {math.floor(need / step) * step, math.ceil(need / step) * step}:
                if experts <= moe.active:
                    continue
                spec = _scaled(template, hidden, layers, experts=experts, expert_ffn=f)
                err = _error(spec, total_b, active_b)
                # prefer the template's proportions when the fits are equally good
                err += 0.002 * abs(layers - base_layers) + 0.002 * abs(f - f0) / ROW_BLOCK
                if best is None or err < best[0]:
                    best = (err, spec)
    assert best is not None
    return best[1]


@functools.lru_cache(maxsize=256)
def generic_model(
    total_b: float, active_b: float | None, template: ModelSpec, style: str | None = None
) -> GenericShape:
    """A model of `total_b` billion parameters (`active_b` active per token for an MoE) shaped like
    `template` (a catalog entry of the same kind). `style` is the family the asker named ("a
    DeepSeek-style MoE"); None means the default shape of that kind."""
    moe = active_b is not None
    if moe != (template.moe is not None):
        raise ValueError("the template must be an MoE exactly when active parameters are given")
    shape = _moe_fit(template, total_b, active_b) if active_b is not None else _dense_fit(template, total_b)
    total, active = _params_b(shape)
    kind = f"MoE with {active_b:g}B active" if active_b is not None else "dense model"
    size_id = f"generic-{total_b:g}b" + (f"-a{active_b:g}b" if active_b is not None else "")
    name = f"generic {total_b:g}B " + (f"MoE ({active_b:g}B active)" if active_b is not None else "dense")
    if shape.attention.mla is not None:
        attention = "MLA"
    elif shape.kv_heads == shape.heads:
        attention = f"full multi-head attention, {shape.kv_heads} KV heads of {shape.head_dim}"
    else:
        attention = f"GQA, {shape.kv_heads} KV heads of {shape.head_dim}"
    assumptions = [
        f"no such model in the catalog: sized as a generic {total_b:g}B {kind}",
        f"assumed a {style or template.family}-like shape: {shape.layers} layers, "
        f"hidden {shape.hidden}, {attention}, {shape.vocab:,} vocabulary",
    ]
    if shape.moe is not None:
        m = shape.moe
        extras = []
        if m.shared_experts:
            extras.append(f"{m.shared_experts} shared")
        if m.dense_layers:
            extras.append(f"{m.dense_layers} dense first layers")
        assumptions.append(
            f"assumed {m.experts} experts of width {m.expert_ffn}, {m.active} active per token"
            + (f" ({', '.join(extras)})" if extras else "")
        )
    spec = shape.model_copy(
        update={
            "id": size_id if style is None else f"{size_id}-{_slug(style)}",
            "name": name if style is None else f"{name}, {style}-style",
            "family": GENERIC_FAMILY,
            "org": "hypothetical",
            "hf_repo": None,
            "aliases": (),
            "released": None,
            # the size asked for, when the shape is that size (a release of it taken as it is)
            "params_b": total_b if abs(total / total_b - 1) <= SAME_SIZE else round(total, 2),
            "active_params_b": round(active, 2) if active_b is not None else None,
            "notes": f"generic shape scaled from {template.name}",
            "sources": (
                f"generic shape (canirun): {template.name}'s proportions, scaled; " + template.sources[0],
            ),
        }
    )
    return GenericShape(ModelSpec.model_validate(spec.model_dump()), tuple(assumptions))


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")
