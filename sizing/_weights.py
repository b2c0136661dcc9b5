"""Weight bytes of a model at a quantization, per tensor class and per block.

GGUF files follow llama.cpp's quantizer mix (sizing.catalog._ggml); other formats apply their
bits per weight to the linear layers and keep embeddings/norms at 16 bits as their tools do, except
where a published checkpoint keeps more at 16 bits (sizing/data/checkpoints.yaml). What vLLM and
SGLang load is the published checkpoint itself (`checkpoint_weight_bytes`).
"""

from __future__ import annotations

import functools
import operator
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from ._yaml import load_yaml
from .catalog import (
    GGML_TYPES,
    GgufFile,
    MixContext,
    ModelSpec,
    QuantSpec,
    TensorClass,
    TensorGroup,
    gguf_tensor_types,
    quant_by_id,
    tensor_inventory,
)

__all__ = [
    "CheckpointPrecision",
    "WeightBytes",
    "checkpoint_precisions",
    "checkpoint_weight_bytes",
    "weight_bytes",
]

BYTES_F32 = 4
BYTES_16BIT = 2
# Format overheads beyond the nominal bits (sources in quants.yaml / docs/research/engine-memory.md)
_FP8_SCALE_BITS = 32 / (128 * 128)  # one fp32 scale per 128x128 block (DeepSeek-V3 README_WEIGHTS.md)
_EXL2_HEAD_BITS = 6.0  # exllamav2 convert.md: lm_head at 6 bits by default
_CHECKPOINTS = Path(__file__).resolve().parent / "data" / "checkpoints.yaml"
_FIXED_CLASSES = frozenset({TensorClass.EMBEDDING, TensorClass.OUTPUT})  # 16-bit in every checkpoint


@dataclass(frozen=True, slots=True)
class CheckpointPrecision:
    """A published checkpoint that keeps tensors at 16 bits beyond its format's general rule."""

    model: str
    quant: str
    keep_classes: frozenset[TensorClass]  # kept at 16 bits in every block
    keep_blocks: tuple[int, ...]  # whole blocks kept at 16 bits (negative: counted from the end)
    source: str
    file_bytes: int | None = None  # the checkpoint's files as published (text model and vision tower)

    def keeps(self, klass: TensorClass, block: int, layers: int) -> bool:
        return klass in self.keep_classes or any(block == b % layers for b in self.keep_blocks)


@functools.cache
def checkpoint_precisions() -> Mapping[tuple[str, str], CheckpointPrecision]:
    """The checkpoints of sizing/data/checkpoints.yaml by (model id, quant id)."""
    rows = load_yaml(_CHECKPOINTS)["checkpoints"]
    out = {}
    for r in rows:
        c = CheckpointPrecision(
            str(r["model"]),
            str(r["quant"]),
            frozenset(TensorClass(k) for k in r.get("keep_classes", ())),
            tuple(int(b) for b in r.get("keep_blocks", ())),
            " ".join(str(r["source"]).split()),
            int(r["file_bytes"]) if r.get("file_bytes") else None,
        )
        out[(c.model, c.quant)] = c
    return out


@dataclass(frozen=True, slots=True)
class WeightBytes:
    """Bytes of the language model's weights (vision tower apart, in `vision`)."""

    embedding: float  # token embedding table (llama.cpp keeps it in host memory)
    output: float  # output head (0 when tied to the embedding)
    layer_dense: tuple[float, ...]  # per block: everything but routed experts
    layer_experts: tuple[float, ...]  # per block: routed experts
    other: float  # global norms and the like
    vision: float  # vision tower + projector (mmproj), if the model has one
    extra: float  # checkpoint parameters beyond the block shapes that the engine loads
    approximate: bool  # the format's mix is not known exactly (unsloth dynamic quants)
    by_class: tuple[tuple[TensorClass, float], ...]
    exact: bool = False  # read from the file's own tensor table (ModelSpec.gguf_files)
    # loaded extras looked up by token (ModelSpec.extra_lookup_params_b): in host memory with the
    # token embedding where llama.cpp runs it; not part of `extra`
    lookup: float = 0.0
    # worked out once: every placement and bound tried reads the sums, and looks its layers up by
    # the hash
    _repeating: float = field(init=False, repr=False, compare=False)
    _total: float = field(init=False, repr=False, compare=False)
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        repeating = sum(self.layer_dense) + sum(self.layer_experts)
        object.__setattr__(self, "_repeating", repeating)
        object.__setattr__(
            self, "_total", self.embedding + self.output + repeating + self.other + self.extra + self.lookup
        )
        fields = (self.embedding, self.output, self.layer_dense, self.layer_experts, self.other, self.lookup)
        object.__setattr__(
            self, "_hash", hash((*fields, self.vision, self.extra, self.approximate, self.by_class))
        )

    def __hash__(self) -> int:
        return self._hash

    @property
    def layers(self) -> int:
        return len(self.layer_dense)

    @property
    def repeating(self) -> float:
        return self._repeating

    @property
    def total(self) -> float:
        """Bytes of the model file (text model + loaded extras; the vision projector excluded)."""
        return self._total

    def layer(self, i: int) -> float:
        return self.layer_dense[i] + self.layer_experts[i]


def _spread(count: int, layers: int, first: int = 0) -> list[int]:
    """Which of `layers` blocks (from `first`) hold a tensor present in `count` of them, evenly spaced."""
    span = layers - first
    if count >= span:
        return list(range(first, layers))
    if count <= 0:
        return []
    step = span / count
    return [first + int(k * step + step - 1) for k in range(count)]


def _layer_sets(spec: ModelSpec) -> dict[str, list[int]]:
    """Block indices per group kind, following how each architecture lays its blocks out."""
    n = spec.layers
    att = spec.attention
    moe = spec.moe
    ffn_blocks = list(range(n)) if not spec.ffnless_layers else _spread(n - spec.ffnless_layers, n)
    if moe is None:
        dense, sparse = ffn_blocks, []
    else:
        lead = ffn_blocks[: moe.dense_layers]
        rest = ffn_blocks[moe.dense_layers :]
        sparse = rest[moe.every - 1 :: moe.every]
        routed = set(sparse)
        dense = lead + [b for b in rest if b not in routed]
    attn_layers = n - att.linear_layers - att.mixerless_layers
    attn = _spread(attn_layers, n)
    with_attention = set(attn)
    others = [b for b in range(n) if b not in with_attention]
    linear = others[: att.linear_layers]
    return {"attn": attn, "linear": linear, "dense": dense, "moe": sparse, "all": list(range(n))}


def _group_blocks(g: TensorGroup, sets: dict[str, list[int]]) -> list[int]:
    if not g.per_block:
        return []
    if g.klass in (TensorClass.EXPERTS, TensorClass.SHARED_EXPERTS, TensorClass.ROUTER):
        blocks = sets["moe"]
    elif g.klass is TensorClass.FFN:
        blocks = sets["dense"]
    elif g.klass is TensorClass.LINEAR_MIXER:
        blocks = sets["linear"]
    elif g.klass is TensorClass.ATTENTION:
        blocks = sets["attn"]
    else:
        blocks = sets["all"]
    if len(blocks) != g.count:
        blocks = _spread(g.count, len(sets["all"]))
    return blocks


def _ggml_bytes(type_name: str, g: TensorGroup) -> float:
    t = GGML_TYPES[type_name]
    return g.params_each / t.block * t.bytes


def _gguf_group_fixed(g: TensorGroup, spec: ModelSpec, quant: QuantSpec) -> tuple[float, bool] | None:
    """Bytes of each tensor of group g in a GGUF file where they do not depend on the layer (and
    whether that is a guess); None where the quantizer's mix decides per layer."""
    if g.is_1d:
        return g.params_each * BYTES_F32, False
    ftype = quant.ftype or "F16"
    is_expert = g.klass is TensorClass.EXPERTS
    if spec.native_dtype == "mxfp4" and is_expert and ftype not in ("F32",):
        # gpt-oss: expert weights ship as MXFP4 and quantizers keep them so
        return _ggml_bytes("MXFP4", g), False
    if g.name in ("ssm_conv1d",):
        return g.params_each * BYTES_F32, False
    if quant.variant == "bartowski_l" and g.name in ("token_embd", "output"):
        return _ggml_bytes("Q8_0", g), False
    if _first_generation(spec, quant):
        # unsloth's first dynamic quants (DeepSeek-R1, January 2025): every routed expert tensor at
        # the base type, down_proj included, the rest (attention, dense and shared layers, the
        # embedding and head) at "4 or 6 bits" -- 6 taken, so the size errs high
        keep = ftype if is_expert else "Q6_K"
        if g.ne0 % GGML_TYPES[keep].block:
            keep = "Q8_0"
        return _ggml_bytes(keep, g), True
    if quant.variant == "unsloth_ud" and ftype == "TQ1_0" and g.name == "ffn_down_exps":
        # the ternary 1-bit build has no quantizer mix of its own; unsloth keeps the routed down_proj
        # at ~2 bits, as in every 1-bit dynamic quant (IQ2_XXS: "down_proj 2.06bit")
        return _ggml_bytes("IQ2_XXS", g), True
    if quant.variant == "unsloth_ud" and not is_expert and spec.moe is not None:
        # dynamic quants keep attention, shared experts and dense layers at ~6-8 bits
        keep = "Q8_0" if g.klass in (TensorClass.ATTENTION, TensorClass.SHARED_EXPERTS) else "Q6_K"
        if g.ne0 % GGML_TYPES[keep].block:
            keep = "Q8_0"
        return _ggml_bytes(keep, g), True
    return None


@functools.lru_cache(maxsize=512)
def _first_generation(spec: ModelSpec, quant: QuantSpec) -> bool:
    """An unsloth dynamic quant of an MoE whose files come from a repo of the first dynamic recipe
    (the repo the launch command downloads from)."""
    if quant.variant != "unsloth_ud" or spec.moe is None:
        return False
    from .commands import _gguf_repo  # the command's repo choice; imported here, it imports this module

    repo, listed = _gguf_repo(spec, quant)
    return repo is not None and listed and repo.recipe == "dynamic-v1"


def _gguf_mixed_bytes(
    g: TensorGroup, spec: ModelSpec, quant: QuantSpec, type_name: str
) -> tuple[float, bool]:
    """Bytes of a tensor of group g that the quantizer's mix stores as `type_name`."""
    if quant.variant == "unsloth_ud" and spec.moe is None:
        # dense models: unsloth upgrades the most sensitive tensors one level
        return _ggml_bytes(type_name, g) * 1.06, True
    return _ggml_bytes(type_name, g), False


def _other_format_bytes(g: TensorGroup, quant: QuantSpec) -> float:
    p = g.params_each
    if g.is_1d:
        return p * BYTES_16BIT
    fmt = quant.format
    is_table = g.name in ("token_embd",)
    is_head = g.name == "output"
    if fmt == "safetensors":
        return p * BYTES_16BIT
    if fmt == "mlx":  # mlx-lm quantizes embeddings and the head too
        return p * quant.bits / 8
    if fmt in ("exl2", "exl3"):
        if is_table:
            return p * BYTES_16BIT
        return p * (_EXL2_HEAD_BITS if is_head else quant.bits) / 8
    if is_table or is_head or g.klass is TensorClass.ROUTER:
        return p * BYTES_16BIT  # AWQ/GPTQ/FP8/NVFP4 checkpoints keep these at 16 bits
    if fmt == "fp8":
        return p * (8 + _FP8_SCALE_BITS) / 8
    return p * quant.bits / 8


def _file_weight_bytes(spec: ModelSpec, f: GgufFile) -> WeightBytes:
    """A GGUF file whose tensor table was read: its bytes as they are, per block and per class."""
    classes = f.by_class
    by_class = tuple(
        (klass, float(getattr(classes, klass.value)))
        for klass in TensorClass
        if getattr(classes, klass.value)
    )
    return WeightBytes(
        embedding=float(f.embedding),
        output=float(f.output),
        layer_dense=tuple(float(b) for b in f.layer_dense),
        layer_experts=tuple(float(b) for b in f.layer_experts),
        other=float(f.other),
        vision=(spec.vision_params_b or 0) * 1e9 * BYTES_16BIT,
        extra=float(f.extra),
        approximate=False,
        by_class=by_class,
        exact=True,
    )


@functools.lru_cache(maxsize=4096)
def weight_bytes(spec: ModelSpec, quant: QuantSpec) -> WeightBytes:
    """Weight bytes for `spec` stored as `quant` (cached: specs and quants are immutable).

    A GGUF file of this model at this quant whose header was read (spec.gguf_files) gives the
    exact bytes; otherwise they follow from the tensor shapes and the quantizer's mix.
    """
    known = spec.gguf_file(quant.id) if quant.is_gguf else None
    if known is not None and len(known.layer_dense) == spec.layers:
        return _file_weight_bytes(spec, known)
    groups = tensor_inventory(spec)
    sets = _layer_sets(spec)
    n = spec.layers
    dense = [0.0] * n
    experts = [0.0] * n
    by_class: dict[TensorClass, float] = defaultdict(float)
    embedding = output = other = 0.0
    approximate = False
    ctx = MixContext(
        n_gqa=max(1, spec.heads // spec.kv_heads),
        n_expert=spec.moe.experts if spec.moe else 0,
        is_70b_class=spec.layers == 80 and spec.moe is None,
        has_output=not spec.tied_embeddings,
    )
    scale = spec.irregular_scale or 1.0
    keep = None if quant.is_gguf else checkpoint_precisions().get((spec.id, quant.id))
    ftype = quant.ftype or "F16"
    gguf = quant.is_gguf
    for g in groups:
        blocks = _group_blocks(g, sets)
        count = len(blocks) if g.per_block else 1
        # the bytes of each of the group's tensors, in block order
        each: list[float]
        fixed = _gguf_group_fixed(g, spec, quant) if gguf else None
        if fixed is not None:
            each = [fixed[0]] * count
            approximate = approximate or (fixed[1] and count > 0)
        elif gguf:
            types = gguf_tensor_types(
                ftype, g.name, count, g.ne0, ctx, is_expert=g.klass is TensorClass.EXPERTS
            )
            mixed = {t: _gguf_mixed_bytes(g, spec, quant, t) for t in dict.fromkeys(types)}
            each = [mixed[t][0] for t in types]
            approximate = approximate or any(guess for _, guess in mixed.values())
        else:
            b = _other_format_bytes(g, quant)
            kept = g.params_each * BYTES_16BIT
            each = [
                kept
                if keep is not None and g.per_block and not g.is_1d and keep.keeps(g.klass, block, n)
                else b
                for block in (blocks if g.per_block else [0] * count)
            ]
        if g.per_block:
            each = [b * scale for b in each]
            target = experts if g.klass is TensorClass.EXPERTS else dense
            for block, b in zip(blocks, each, strict=True):
                target[block] += b
        total_g = functools.reduce(operator.add, each, 0.0)  # added in block order, as the file holds them
        by_class[g.klass] += total_g
        if g.name == "token_embd":
            embedding = total_g
        elif g.name == "output":
            output = total_g
        elif not g.per_block:
            other += total_g
    bytes_per_param = (
        by_class[TensorClass.ATTENTION]
        / max(1, sum(g.params for g in groups if g.klass is TensorClass.ATTENTION))
        if by_class[TensorClass.ATTENTION]
        else quant.bits / 8
    )
    extra = (spec.extra_params_b or 0) * 1e9 * bytes_per_param if spec.extra_params_loaded else 0.0
    lookup = min(extra, (spec.extra_lookup_params_b or 0) * 1e9 * bytes_per_param)
    vision = (spec.vision_params_b or 0) * 1e9 * BYTES_16BIT
    w = WeightBytes(
        embedding=embedding,
        output=output,
        layer_dense=tuple(dense),
        layer_experts=tuple(experts),
        other=other,
        vision=vision,
        extra=extra - lookup,
        approximate=approximate,
        by_class=tuple(by_class.items()),
        lookup=lookup,
    )
    if keep is not None and keep.file_bytes:
        return _as_published(w, keep.file_bytes)
    return w


def _as_published(w: WeightBytes, file_bytes: float) -> WeightBytes:
    """`w` with its quantized part scaled so the checkpoint (text model and vision tower) weighs the
    bytes its publisher's files do: the format's general rule misses a checkpoint's own group size
    and scale type (an INT4 checkpoint with a 16-bit scale per 32 weights takes 4.5 bits a weight,
    the general GPTQ rule 4.16), and the files are what an engine loads. The 16-bit tables (the
    embedding, the head, the norms) stay as they are."""
    fixed = w.embedding + w.output + w.other + w.lookup + w.vision
    scaled = w.repeating + w.extra
    if scaled <= 0 or file_bytes <= fixed:
        return w
    f = (file_bytes - fixed) / scaled
    by_class = tuple((k, b * f if k not in _FIXED_CLASSES else b) for k, b in w.by_class)
    return replace(
        w,
        layer_dense=tuple(b * f for b in w.layer_dense),
        layer_experts=tuple(b * f for b in w.layer_experts),
        extra=w.extra * f,
        by_class=by_class,
    )


def checkpoint_weight_bytes(spec: ModelSpec, quant: QuantSpec) -> WeightBytes:
    """What vLLM and SGLang load: the published checkpoint, vision tower included.

    A multimodal checkpoint loads its vision tower and projector with the language model (vLLM
    prints 19.86 GiB for Llama-3.2-11B-Vision in BF16, vllm-project/vllm#12126); it is held in
    `extra`. An MXFP4 model (gpt-oss) ships its routed experts in MXFP4 and every other tensor in BF16
    (openai/gpt-oss-20b config.json quantization_config, modules_to_not_convert), where its GGUF keeps
    those tensors at 8 bits; vLLM prints 13.47 and 64.38 GiB loaded for gpt-oss-20b and -120b
    (llm-d/llm-d-benchmark empirical-vllm-memory-results.md)."""
    w = weight_bytes(spec, quant)
    if quant.is_gguf and spec.moe is not None and spec.native_dtype == "mxfp4":
        bf16 = weight_bytes(spec, quant_by_id("BF16-HF"))
        w = replace(bf16, layer_experts=w.layer_experts, approximate=w.approximate)
    return replace(w, extra=w.extra + w.vision + w.lookup, lookup=0.0)  # every tensor on the GPUs
