"""A GGUF file's header -> a catalog entry plus the file's exact per-tensor bytes.

The header comes from `_gguf_header` (the reader); here its metadata (architecture, block count, heads, expert
counts, sliding windows) becomes a ModelSpec entry, and its tensor table becomes the file's
record in `gguf_files` (bytes per layer, dense and experts apart).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

from ..vocabulary import PARAM_TOLERANCE
from ._gguf_header import FILE_TYPES, ArrayInfo, GgufFormatError, GgufHeader, GgufTensor
from ._load import billions, shape, slug, validated_entry
from ._quants import load_quants
from ._schema import ModelSpec
from ._tensors import active_params, total_params

__all__ = ["GgufImport", "entry_from_gguf", "file_record", "quant_from_file", "tensor_class"]

_BLOCK = re.compile(r"^blk\.(\d+)\.(.+)$")


def tensor_class(name: str) -> str:
    """Which TensorClass (its value) a GGUF tensor belongs to, from its name."""
    base = _BLOCK.sub(r"\2", name).removesuffix(".weight").removesuffix(".bias")
    if base == "token_embd":
        return "embedding"
    if base == "output":
        return "output"
    if "norm" in base:
        return "norm"
    if base.endswith("_exps") or "_exps." in base or base.startswith("ffn_exps"):
        return "experts"
    if base.endswith("_shexp") or base == "ffn_gate_inp_shexp":
        return "shared_experts"
    if base in ("ffn_gate_inp", "exp_probs_b"):
        return "router"
    if base.startswith(("ssm_", "shortconv", "time_mix", "channel_mix")):
        return "linear_mixer"
    if base.startswith("ffn_"):
        return "ffn"
    if base.startswith("attn_"):
        return "attention"
    return "attention" if name.startswith("blk.") else "norm"  # rope_freqs and other small globals


def file_record(header: GgufHeader, layers: int, quant: str, file: str | None) -> dict[str, Any]:
    """The file's bytes grouped as ModelSpec.gguf_files holds them (blocks >= `layers` go to extra)."""
    dense = [0] * layers
    experts = [0] * layers
    embedding = output = other = extra = 0
    classes: dict[str, int] = {}
    for t in header.tensors:
        n = t.n_bytes
        klass = tensor_class(t.name)
        classes[klass] = classes.get(klass, 0) + n
        m = _BLOCK.match(t.name)
        if m is None:
            if t.name.startswith("token_embd.") and klass == "embedding":
                embedding += n
            elif t.name.startswith("output.") and klass == "output":
                output += n
            else:
                other += n
            continue
        i = int(m.group(1))
        if i >= layers:
            extra += n
        elif klass == "experts":
            experts[i] += n
        else:
            dense[i] += n
    return {
        "quant": quant,
        "file": file,
        "embedding": embedding,
        "output": output,
        "other": other,
        "extra": extra,
        "layer_dense": dense,
        "layer_experts": experts,
        "by_class": classes,
    }


# --- the catalog entry --------------------------------------------------------------------------

_SLIDING_EVERY_OTHER = {"gemma2", "gpt-oss"}
_SLIDING_PATTERN = {"gemma3": 6, "gemma3n": 5, "cohere2": 4}
_DELTANET = {"qwen3next", "qwen35", "qwen35moe", "kimi-linear"}


@dataclass(frozen=True, slots=True)
class GgufImport:
    """A GGUF file read as a catalog entry, with its exact bytes."""

    entry: dict[str, Any]  # a complete entry, the file's record in gguf_files
    spec: ModelSpec
    file: dict[str, Any]  # the gguf_files record alone, to attach to an existing entry
    tensor_bytes: dict[str, int]
    quant: str
    params: int  # exact: elements in the tensor table
    derived_params: int  # from the entry's shapes (+ extra): should be close to `params`
    warnings: tuple[str, ...]


def quant_from_file(file_name: str | None, file_type: Any) -> str | None:
    """The quant id (quants.yaml) of a GGUF file: from its name ("x-UD-Q4_K_XL.gguf"), else its file type."""
    if file_name:
        upper = file_name.upper().rsplit("/", 1)[-1]
        for q in sorted((q for q in load_quants() if q.is_gguf), key=lambda q: -len(q.id)):
            if re.search(rf"(?<![A-Z0-9]){re.escape(q.id.upper())}(?![A-Z0-9])", upper):
                return q.id
    if isinstance(file_type, int):
        return FILE_TYPES.get(file_type)
    return None


def _largest(v: Any) -> int | None:
    if isinstance(v, list):
        nums = [int(x) for x in v if isinstance(x, int | float) and x]
        return max(nums) if nums else None
    return int(v) if isinstance(v, int | float) and not isinstance(v, bool) and v else None


def _blocks(header: GgufHeader) -> dict[int, dict[str, GgufTensor]]:
    out: dict[int, dict[str, GgufTensor]] = {}
    for t in header.tensors:
        m = _BLOCK.match(t.name)
        if m:
            out.setdefault(int(m.group(1)), {})[m.group(2)] = t
    return out


def entry_from_gguf(
    header: GgufHeader,
    *,
    file: str | None = None,
    source: str | None = None,
    model_id: str | None = None,
    quant: str | None = None,
) -> GgufImport:
    """Map a GGUF header to a catalog entry whose gguf_files hold this file's exact bytes."""
    meta = header.metadata
    arch = str(meta.get("general.architecture") or "")
    if not arch:
        raise GgufFormatError("the GGUF metadata has no general.architecture")

    def k(name: str) -> Any:
        return meta.get(f"{arch}.{name}")

    def need(name: str) -> int:
        v = _largest(k(name))
        if not v:
            raise GgufFormatError(f"the GGUF metadata has no {arch}.{name}")
        return v

    quant = quant or quant_from_file(file, meta.get("general.file_type"))
    if quant is None:
        raise GgufFormatError("cannot tell the file's quantization", hint="pass --quant (e.g. Q4_K_M)")
    warnings: list[str] = []
    layers = need("block_count") - (_largest(k("nextn_predict_layers")) or 0)
    hidden, heads = need("embedding_length"), need("attention.head_count")
    kv_heads = _largest(k("attention.head_count_kv")) or heads
    head_dim = _largest(k("attention.key_length")) or hidden // heads
    names = {t.name: t for t in header.tensors}
    blocks = {i: b for i, b in _blocks(header).items() if i < layers}
    emb = names.get("token_embd.weight")
    tokens = meta.get("tokenizer.ggml.tokens")
    vocab = _largest(k("vocab_size")) or (emb.shape[1] if emb is not None and len(emb.shape) > 1 else 0)
    vocab = vocab or (tokens.length if isinstance(tokens, ArrayInfo) else len(tokens or []))

    def has(b: dict[str, GgufTensor], *prefixes: str) -> bool:
        return any(n.startswith(prefixes) for n in b)

    attn = [
        i
        for i, b in blocks.items()
        if has(b, "attn_q.", "attn_qkv.", "attn_q_a.", "attn_kv_a_mqa.", "attn_k.")
    ]
    linear = [i for i, b in blocks.items() if has(b, "ssm_", "shortconv")]
    ffn_blocks = [i for i, b in sorted(blocks.items()) if has(b, "ffn_up", "ffn_down", "ffn_gate_up")]
    moe_blocks = [i for i in ffn_blocks if has(blocks[i], "ffn_up_exps", "ffn_down_exps")]
    dense_blocks = [i for i in ffn_blocks if i not in set(moe_blocks)]
    sample = blocks[attn[0]] if attn else {}
    attention: dict[str, Any] = {}
    if "attn_kv_a_mqa.weight" in sample:
        rope = need("rope.dimension_count")
        kv_rank = _largest(k("attention.kv_lora_rank")) or sample["attn_kv_a_mqa.weight"].shape[1] - rope
        qk_head = _largest(k("attention.key_length_mla")) or head_dim
        q_a = sample.get("attn_q_a.weight")
        v_dim = (
            _largest(k("attention.value_length_mla"))
            or _largest(k("attention.value_length"))
            or qk_head - rope
        )
        attention["mla"] = {
            "kv_lora_rank": kv_rank,
            "q_lora_rank": q_a.shape[1] if q_a is not None else None,
            "qk_rope_head_dim": rope,
            "qk_nope_head_dim": qk_head - rope,
            "v_head_dim": v_dim,
        }
        head_dim, kv_heads = qk_head, heads
    window = _largest(k("attention.sliding_window"))
    if window and attn:
        pattern = k("attention.sliding_window_pattern")
        if isinstance(pattern, list):
            sliding = sum(1 for x in pattern[:layers] if x)
        elif isinstance(pattern, int) and pattern > 1:
            sliding = len(attn) - len(attn) // pattern
        elif arch in _SLIDING_PATTERN:
            sliding = len(attn) - len(attn) // _SLIDING_PATTERN[arch]
        elif arch in _SLIDING_EVERY_OTHER:
            sliding = (len(attn) + 1) // 2 if arch == "gemma2" else len(attn) // 2
        else:
            sliding = 0
            warnings.append(f"{arch}.attention.sliding_window is set but its layer pattern is unknown")
        if sliding:
            attention.update(sliding_window=window, sliding_layers=sliding)
    if linear:
        attention["linear_layers"] = len(linear)
        if arch in _DELTANET:
            v_heads = need("ssm.time_step_rank")
            attention["linear"] = {
                "kind": "gated_deltanet",
                "k_heads": need("ssm.group_count"),
                "v_heads": v_heads,
                "k_head_dim": need("ssm.state_size"),
                "v_head_dim": need("ssm.inner_size") // v_heads,
                "conv_kernel": _largest(k("ssm.conv_kernel")) or 4,
            }
        elif arch.startswith("lfm2"):
            attention["linear"] = {"kind": "short_conv", "conv_kernel": _largest(k("shortconv.l_cache")) or 3}
        else:
            attention["linear"] = {
                "kind": "mamba2",
                "d_inner": need("ssm.inner_size"),
                "d_state": need("ssm.state_size"),
                "n_groups": _largest(k("ssm.group_count")) or 1,
                "n_heads": need("ssm.time_step_rank"),
                "conv_kernel": _largest(k("ssm.conv_kernel")) or 4,
            }
    if layers - len(attn) - len(linear) > 0:
        attention["mixerless_layers"] = layers - len(attn) - len(linear)
    if has(sample, "attn_q_norm", "attn_k_norm"):
        attention["qk_norm"] = True
    if has(sample, "attn_q.bias", "attn_qkv.bias"):
        attention["bias"] = True
    if "attn_qkv.weight" in sample and not linear:
        attention["fused_qkv"] = True

    def width(b: dict[str, GgufTensor], down: str, up: str) -> int:
        if f"{down}.weight" in b:
            return b[f"{down}.weight"].shape[0]
        return b[f"{up}.weight"].shape[1] if f"{up}.weight" in b else 0

    dense = blocks[dense_blocks[0]] if dense_blocks else {}
    ffn = width(dense, "ffn_down", "ffn_up") if dense else 0
    entry_moe: dict[str, Any] | None = None
    if moe_blocks:
        b = blocks[moe_blocks[0]]
        exps = b.get("ffn_down_exps.weight") or b.get("ffn_up_exps.weight")
        n_exp = _largest(k("expert_count")) or (
            exps.shape[2] if exps is not None and len(exps.shape) > 2 else 0
        )
        entry_moe = {
            "experts": n_exp,
            "active": need("expert_used_count"),
            "expert_ffn": width(b, "ffn_down_exps", "ffn_up_exps"),
            "gated": has(b, "ffn_gate_exps", "ffn_gate_up_exps"),
            "expert_bias": has(b, "ffn_up_exps.bias", "ffn_down_exps.bias"),
        }
        shared_width = width(b, "ffn_down_shexp", "ffn_up_shexp")
        if shared_width:
            count = _largest(k("expert_shared_count")) or 1
            entry_moe["shared_experts"] = count
            if shared_width != count * entry_moe["expert_ffn"]:
                entry_moe["shared_ffn"] = shared_width // count
        lead = next((n for n, i in enumerate(ffn_blocks) if i in set(moe_blocks)), 0)
        steps = {y - x for x, y in itertools.pairwise(moe_blocks)}
        if (
            len(steps) == 1
            and steps != {1}
            and len(dense_blocks) - lead == len(moe_blocks) * (min(steps) - 1)
        ):
            entry_moe["every"] = min(steps)
        else:
            lead = len(dense_blocks)
        if lead:
            entry_moe["dense_layers"] = lead
    gated_ffn = has(dense, "ffn_gate") or (bool(dense) and width(dense, "ffn_up", "ffn_up") == 2 * ffn)
    q = sample.get("attn_q.weight")
    extra = 0
    if q is not None and "mla" not in attention and q.shape[1] == 2 * heads * head_dim:
        extra = len(attn) * hidden * heads * head_dim  # gated attention: q_proj also emits the gate
    extra += sum(t.n_elements for i, b in _blocks(header).items() if i >= layers for t in b.values())
    name = str(meta.get("general.name") or meta.get("general.basename") or (file or arch).rsplit("/", 1)[-1])
    repo = str(
        meta.get("general.source.huggingface.repository") or meta.get("general.base_model.0.repo_url") or ""
    )
    repo = re.sub(r"^https?://[^/]+/", "", repo)
    record = file_record(header, layers, quant, file)
    entry: dict[str, Any] = {
        "id": model_id or slug(name),
        "name": name[:100],
        "family": str(meta.get("general.basename") or name.split(" ")[0]),
        "org": str(meta.get("general.organization") or (repo.split("/")[0] if "/" in repo else "unknown")),
        "tasks": ["chat"],
        "params_b": billions(header.params),
        "max_context": _largest(k("context_length")) or 4096,
        "native_dtype": "mxfp4" if arch == "gpt-oss" else "bf16",
        **shape(layers, hidden, heads, kv_heads, head_dim, vocab, ffn),
        "ffn_gated": gated_ffn if dense else True,
        "tied_embeddings": "output.weight" not in names,
        "ffnless_layers": layers - len(ffn_blocks),
        "attention": attention,
        "notes": f"Imported from the GGUF header of {file or 'a file'} (architecture {arch}, "
        f"{len(header.tensors)} tensors) by canirun-admin; gguf_files holds its exact tensor bytes.",
        "sources": [source or file or "GGUF header"],
        "gguf_files": [record],
    }
    if re.fullmatch(r"[\w.\-]+/[\w.\-]+", repo):
        entry.update(hf_repo=repo, aliases=[repo])
    if extra:
        entry.update(extra_params_b=billions(extra), extra_params_loaded=True)
    if entry_moe is not None:
        entry["moe"] = entry_moe
        entry["active_params_b"] = entry["params_b"]
    spec = _validate(entry)
    if entry_moe is not None:
        entry["active_params_b"] = min(entry["params_b"], billions(active_params(spec) + extra))
        spec = _validate(entry)
    derived = total_params(spec) + extra
    if abs(derived / max(1, header.params) - 1) > PARAM_TOLERANCE:
        warnings.append(
            f"the entry's shapes give {derived / 1e9:.3f}B parameters, the file holds "
            f"{header.params / 1e9:.3f}B: the {arch} layout is only partly understood; estimates at "
            f"{quant} still use the file's exact bytes"
        )
    return GgufImport(
        entry, spec, record, header.tensor_bytes, quant, header.params, derived, tuple(warnings)
    )


def _validate(entry: dict[str, Any]) -> ModelSpec:
    return validated_entry(entry, "the GGUF header", GgufFormatError)
