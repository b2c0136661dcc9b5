"""ggml tensor types and llama.cpp's quantizer mix: which type each tensor of a GGUF file gets.

Block sizes and bytes per block are ggml's on-disk formats (ggml/src/ggml-common.h; the same
table ships in the `gguf` package as GGML_QUANT_SIZES). The mix rules follow llama.cpp's
quantizer (src/llama-quant.cpp, llama_tensor_get_type): a "Q4_K_M" file is mostly Q4_K with some
attn_v/ffn_down layers at Q6_K and the output at Q6_K, and so on.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["GGML_TYPES", "GgmlType", "MixContext", "gguf_tensor_type"]


@dataclass(frozen=True, slots=True)
class GgmlType:
    name: str
    block: int  # weights per block
    bytes: int  # bytes per block


# name: (weights per block, bytes per block) - ggml-common.h block structs
_TYPES = {
    "F32": (1, 4),
    "F16": (1, 2),
    "BF16": (1, 2),
    "Q4_0": (32, 18),
    "Q4_1": (32, 20),
    "Q5_0": (32, 22),
    "Q5_1": (32, 24),
    "Q8_0": (32, 34),
    "Q2_K": (256, 84),
    "Q3_K": (256, 110),
    "Q4_K": (256, 144),
    "Q5_K": (256, 176),
    "Q6_K": (256, 210),
    "IQ1_S": (256, 50),
    "IQ1_M": (256, 56),
    "IQ2_XXS": (256, 66),
    "IQ2_XS": (256, 74),
    "IQ2_S": (256, 82),
    "IQ3_XXS": (256, 98),
    "IQ3_S": (256, 110),
    "IQ4_NL": (32, 18),
    "IQ4_XS": (256, 136),
    "TQ1_0": (256, 54),
    "TQ2_0": (256, 66),
    "MXFP4": (32, 17),
    "NVFP4": (64, 36),
    # ik_llama.cpp's own types (github ikawrakow/ik_llama.cpp ggml/src/ggml-common.h @8337e4cd, the
    # block structs' static_asserts); the _KS and _KT types add a per-row scale of 2-4 bytes, left out
    "IQ1_KT": (256, 56),
    "IQ2_KT": (256, 68),
    "IQ2_KS": (256, 70),
    "IQ2_K": (256, 76),
    "IQ2_KL": (256, 86),
    "IQ3_KT": (256, 100),
    "IQ3_KS": (256, 102),
    "IQ3_K": (256, 110),
    "IQ4_KSS": (256, 128),
    "IQ4_KT": (256, 128),
    "IQ4_KS": (256, 136),
    "IQ4_K": (256, 144),
    "IQ5_KS": (256, 168),
    "IQ5_K": (256, 176),
    "IQ6_K": (256, 212),
}
GGML_TYPES: dict[str, GgmlType] = {k: GgmlType(k, b, n) for k, (b, n) in _TYPES.items()}

_SUPER_BLOCK = 256  # QK_K: K-quants and i-quants need rows that are a multiple of it

# When a row does not fit a 256-weight super-block, llama.cpp substitutes a 32-block type
# (llama-quant.cpp, "convert_incompatible_tensor").
_FALLBACK = {
    "TQ1_0": "Q4_0",
    "TQ2_0": "Q4_0",
    "IQ2_XXS": "IQ4_NL",
    "IQ2_XS": "IQ4_NL",
    "IQ2_S": "IQ4_NL",
    "IQ3_XXS": "IQ4_NL",
    "IQ3_S": "IQ4_NL",
    "IQ1_S": "IQ4_NL",
    "IQ1_M": "IQ4_NL",
    "IQ4_XS": "IQ4_NL",
    **dict.fromkeys(
        ("IQ1_KT", "IQ2_KT", "IQ2_KS", "IQ2_K", "IQ2_KL", "IQ3_KT", "IQ3_KS", "IQ3_K", "IQ4_KSS", "IQ4_KT"),
        "IQ4_NL",
    ),
    "IQ4_KS": "IQ4_NL",
    "IQ4_K": "IQ4_NL",
    "IQ5_KS": "Q5_1",
    "IQ5_K": "Q5_1",
    "IQ6_K": "Q8_0",
    # Q2_K/Q3_K fell back to IQ4_NL until the 2026 quantizer refactor (llama.cpp PR #19770), Q4_0 since
    "Q2_K": "Q4_0",
    "Q3_K": "Q4_0",
    "Q4_K": "Q5_0",
    "Q5_K": "Q5_1",
    "Q6_K": "Q8_0",
}

# The bulk type of each llama.cpp file type (ftype).
FTYPE_BASE = {
    "Q2_K": "Q2_K",
    "Q2_K_S": "Q2_K",
    "Q3_K_S": "Q3_K",
    "Q3_K_M": "Q3_K",
    "Q3_K_L": "Q3_K",
    "Q4_K_S": "Q4_K",
    "Q4_K_M": "Q4_K",
    "Q5_K_S": "Q5_K",
    "Q5_K_M": "Q5_K",
    "Q6_K": "Q6_K",
    "Q4_0": "Q4_0",
    "Q4_1": "Q4_1",
    "Q5_0": "Q5_0",
    "Q5_1": "Q5_1",
    "Q8_0": "Q8_0",
    "IQ1_S": "IQ1_S",
    "IQ1_M": "IQ1_M",
    "IQ2_XXS": "IQ2_XXS",
    "IQ2_XS": "IQ2_XS",
    "IQ2_S": "IQ2_XS",
    "IQ2_M": "IQ2_S",
    "IQ3_XXS": "IQ3_XXS",
    "IQ3_XS": "IQ3_S",
    "IQ3_S": "IQ3_S",
    "IQ3_M": "IQ3_S",
    "IQ4_NL": "IQ4_NL",
    "IQ4_XS": "IQ4_XS",
    "TQ1_0": "TQ1_0",
    "TQ2_0": "TQ2_0",
    "F16": "F16",
    "BF16": "BF16",
    "F32": "F32",
    "MXFP4_MOE": "Q8_0",
}

# ik_llama.cpp's file types, each sized with the mix of the mainline file type nearest in bits (its
# quantizer keeps attention, the output and the first layers' ffn_down at more bits the same way),
# the bulk of the tensors at its own type
IK_FTYPE_ANALOG = {
    "IQ1_KT": "IQ1_M",
    "IQ2_KT": "IQ2_XS",
    "IQ2_KS": "IQ2_XS",
    "IQ2_K": "IQ2_M",
    "IQ2_KL": "IQ2_M",
    "IQ3_KT": "IQ3_XXS",
    "IQ3_KS": "IQ3_XS",
    "IQ3_K": "IQ3_M",
    "IQ4_KSS": "IQ4_XS",
    "IQ4_KT": "IQ4_XS",
    "IQ4_KS": "IQ4_XS",
    "IQ4_K": "IQ4_NL",
    "IQ5_KS": "Q5_K_S",
    "IQ5_K": "Q5_K_S",
    "IQ6_K": "Q6_K",
}
FTYPE_BASE.update({t: t for t in IK_FTYPE_ANALOG})

_LOW_IQ = frozenset({"IQ2_XXS", "IQ2_XS", "IQ2_S", "IQ2_M", "IQ1_S", "IQ1_M"})


def _more_bits(i: int, n: int) -> bool:
    """llama.cpp's use_more_bits: the first and last eighth of layers, and every third between."""
    return i < n // 8 or i >= 7 * n // 8 or (i - n // 8) % 3 == 2


@dataclass(frozen=True, slots=True)
class MixContext:
    """Model facts the quantizer's rules look at."""

    n_gqa: int  # attention heads per KV head
    n_expert: int  # routed experts (0 for dense)
    is_70b_class: bool  # llama.cpp's LLM_TYPE_70B (80-layer Llama/Qwen2)
    has_output: bool  # untied output head present


def _output_type(ftype: str, base: str, ne0: int) -> str:
    if ne0 % _SUPER_BLOCK != 0:
        return "Q8_0"
    if ftype in ("IQ2_XXS", "IQ2_XS", "IQ3_XXS", "IQ1_S", "IQ2_S", "IQ2_M", "IQ1_M"):
        return "Q5_K"
    return base if base == "Q8_0" else "Q6_K"


def _embedding_type(ftype: str, base: str) -> str:
    if ftype in ("IQ2_XXS", "IQ2_XS", "IQ1_S", "IQ1_M"):
        return "Q2_K"
    if ftype in ("IQ2_S", "IQ2_M", "IQ3_XXS"):
        return "IQ3_S"
    if ftype in ("TQ1_0", "TQ2_0"):
        return "Q4_K"
    return base


def _low_iq_rule(ftype: str, name: str, i: int, n: int, ctx: MixContext, base: str) -> str:
    if name == "attn_v":
        if ctx.n_gqa >= 4 or ctx.n_expert >= 4:
            return "Q4_K"
        return "IQ3_S" if ftype in ("IQ2_S", "IQ2_M") else "Q2_K"
    if name == "attn_k" and ctx.n_expert == 8:
        return "Q4_K"
    if name.startswith("ffn_down"):
        if i < n // 8:
            return "IQ3_S" if ftype in ("IQ2_S", "IQ2_M") else "Q2_K"
        return base
    if name == "attn_output":
        if ctx.n_expert == 8:
            return "Q5_K"
        if ftype in ("IQ1_S", "IQ1_M"):
            return "IQ2_XXS"
        if ftype in ("IQ2_S", "IQ2_M"):
            return "IQ3_S"
    return base


def _attn_v_rule(ftype: str, i: int, n: int, ctx: MixContext, base: str) -> str:
    t = base
    gqa4 = ctx.n_gqa >= 4
    if ftype == "Q2_K":
        t = "Q4_K" if gqa4 else "Q3_K"
    elif ftype == "Q2_K_S" and gqa4:
        t = "Q4_K"
    elif ftype == "IQ3_XXS":
        t = "Q4_K" if gqa4 else "IQ3_XXS"  # with an importance matrix, as i-quants are made
    elif (ftype in ("IQ3_XS", "IQ3_S") and gqa4) or ftype == "IQ3_M":
        t = "Q4_K"
    elif ftype == "Q3_K_M":
        t = "Q5_K" if i < 2 else "Q4_K"
    elif ftype == "Q3_K_L" or (ftype in ("IQ4_NL", "IQ4_XS") and gqa4):
        t = "Q5_K"
    elif ftype in ("Q4_K_M", "Q5_K_M") and _more_bits(i, n):
        t = "Q6_K"
    elif ftype == "Q4_K_S" and i < 4:
        t = "Q5_K"
    if ctx.is_70b_class and t in ("Q3_K", "Q4_K"):
        t = "Q5_K"  # 8 heads share attn_v in the 70B: more bits for a small tensor
    if ctx.n_expert == 8:
        t = "Q8_0"
    return t


def _ffn_down_rule(ftype: str, i: int, n: int, ctx: MixContext, base: str) -> str:
    if ftype == "Q2_K":
        return "Q3_K"
    if ftype == "Q2_K_S":
        return "Q4_K" if i < n // 8 else base
    if ftype == "Q3_K_M":
        return "Q5_K" if i < n // 16 else "Q4_K"
    if ftype == "IQ3_M" and (i < n // 8 or (ctx.n_expert == 8 and _more_bits(i, n))):
        return "Q4_K"
    if ftype == "Q3_K_L":
        return "Q5_K"
    if ftype in ("Q4_K_M", "Q5_K_M") and _more_bits(i, n):
        return "Q6_K"
    if ftype == "Q4_K_S" and i < n // 8:
        return "Q5_K"
    return base


def _attn_output_rule(ftype: str, ctx: MixContext, base: str) -> str:
    if ctx.n_expert == 8:
        if ftype in (
            "Q2_K",
            "IQ3_XXS",
            "Q3_K_S",
            "Q3_K_M",
            "IQ4_NL",
            "Q4_K_S",
            "Q4_K_M",
            "IQ3_S",
            "IQ3_M",
            "IQ4_XS",
        ):
            return "Q5_K"
        return base
    return {"Q2_K": "Q3_K", "IQ3_XXS": "IQ3_S", "Q3_K_M": "Q4_K", "Q3_K_L": "Q5_K", "IQ3_M": "Q4_K"}.get(
        ftype, base
    )


def gguf_tensor_type(
    ftype: str, name: str, i: int, n: int, ne0: int, ctx: MixContext, *, is_expert: bool = False
) -> str:
    """The ggml type llama.cpp's quantizer gives tensor `name` (GGUF base name) in the i-th of n
    layers holding it, for file type `ftype` ("Q4_K_M"). 1-D tensors are not asked about: F32."""
    base = FTYPE_BASE[ftype]
    if ftype in IK_FTYPE_ANALOG:
        analog = IK_FTYPE_ANALOG[ftype]
        chosen = gguf_tensor_type(analog, name, i, n, ne0, ctx, is_expert=is_expert)
        if chosen == FTYPE_BASE[analog]:
            chosen = base
            if ne0 % GGML_TYPES[chosen].block != 0:
                chosen = _FALLBACK.get(chosen, "F16")
        return chosen
    if ftype in ("F16", "BF16", "F32"):
        return base
    if ftype == "MXFP4_MOE":
        chosen = "MXFP4" if is_expert else "Q8_0"
    elif name == "output" or (name == "token_embd" and not ctx.has_output):
        chosen = _output_type(ftype, base, ne0)  # a tied embedding is quantized as the output
    elif name == "token_embd":
        chosen = _embedding_type(ftype, base)
    elif name == "ffn_gate_inp":
        return "F32"  # routers are never quantized
    elif ftype in _LOW_IQ:
        chosen = _low_iq_rule(ftype, name, i, n, ctx, base)
    elif name in ("attn_v", "attn_kv_b"):
        chosen = _attn_v_rule(ftype, i, n, ctx, base)
    elif name == "attn_k":
        chosen = "Q8_0" if ctx.n_expert == 8 else {"IQ3_XS": "IQ3_XXS", "IQ3_XXS": "IQ2_S"}.get(ftype, base)
    elif name == "attn_q":
        chosen = {"IQ3_XS": "IQ3_XXS", "IQ3_XXS": "IQ2_S"}.get(ftype, base)
    elif name.startswith("ffn_down"):
        chosen = _ffn_down_rule(ftype, i, n, ctx, base)
    elif name == "attn_output":
        chosen = _attn_output_rule(ftype, ctx, base)
    elif name == "attn_qkv":
        chosen = {
            "Q3_K_M": "Q4_K",
            "Q3_K_L": "Q4_K",
            "IQ3_M": "Q4_K",
            "Q4_K_M": "Q5_K",
            "Q5_K_M": "Q6_K",
        }.get(ftype, base)
    elif name.startswith(("ffn_gate", "ffn_up")) and ftype == "IQ3_XS" and n // 8 <= i < 7 * n // 8:
        chosen = "IQ3_XXS"
    else:
        chosen = base
    if chosen in GGML_TYPES and ne0 % GGML_TYPES[chosen].block != 0:
        chosen = _FALLBACK.get(chosen, "F16")
        if ne0 % GGML_TYPES[chosen].block != 0:
            chosen = "F16"
    return chosen


def _mix_per_layer(ftype: str, name: str) -> bool:
    """Whether `gguf_tensor_type` can give tensor `name` a different type in different layers at
    `ftype`: the rules above that read the layer index (the 1-2 bit i-quants' rule, attn_v, ffn_down,
    and IQ3_XS's ffn_gate/ffn_up); every other choice is the same in every layer."""
    ftype = IK_FTYPE_ANALOG.get(ftype, ftype)
    if ftype in ("F16", "BF16", "F32", "MXFP4_MOE") or name in ("output", "token_embd", "ffn_gate_inp"):
        return False
    return (
        ftype in _LOW_IQ
        or name in ("attn_v", "attn_kv_b")
        or name.startswith("ffn_down")
        or (ftype == "IQ3_XS" and name.startswith(("ffn_gate", "ffn_up")))
    )


def gguf_tensor_types(
    ftype: str, name: str, n: int, ne0: int, ctx: MixContext, *, is_expert: bool = False
) -> tuple[str, ...]:
    """`gguf_tensor_type` of tensor `name` in each of the n layers holding it (worked out once where
    the choice does not depend on the layer)."""
    if _mix_per_layer(ftype, name):
        return tuple(gguf_tensor_type(ftype, name, i, n, ne0, ctx, is_expert=is_expert) for i in range(n))
    if n <= 0:
        return ()
    return (gguf_tensor_type(ftype, name, 0, n, ne0, ctx, is_expert=is_expert),) * n
