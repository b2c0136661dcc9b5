"""Placement for engines that keep everything on the GPU: vLLM/SGLang (tensor/pipeline parallel,
paged KV within a memory fraction), ExLlama (layer split) and MLX (Apple unified memory).

Each placement also says how comfortable the fit is under the engine's own defaults (`tight`) and
which settings the printed command needs (`settings`); the defaults assumed are listed in
`engine_defaults`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from ._engine_fit import EngineOptions, Setting
from ._engine_sglang import SglangEra, SglangGpu, sglang_defaults, sglang_gpu, sglang_vision_params
from ._engine_vllm import (
    VLLM_BLOCK_SIZE,
    VLLM_MARGIN_ERRORS,
    VllmGpu,
    vllm_activation,
    vllm_defaults,
    vllm_encoder_profile,
    vllm_era,
    vllm_gpu,
    vllm_image_per_request,
    vllm_integrated_outside,
    vllm_mamba_prealloc,
    vllm_multimodal,
    vllm_uma_load_copy,
    vllm_v0_state,
)
from ._kv import KvBytes
from ._overhead import GiB, MiB, engine_headroom, raised_wired_limit_mb
from ._placement import KV_POOL_PART, DeviceLoad, Placement, split_layers
from ._pools import Pool, Rig, visible_total
from ._weights import WeightBytes
from .catalog import ModelSpec

__all__ = [
    "data_parallel_attention_size",
    "place_exllama",
    "place_mlx",
    "place_paged",
    "tensor_parallel_sizes",
]

# exllamav2's per-device scratch as its device map reserves it (turboderp-org/exllamav2 @da07facd,
# exllamav2/model.py set_device_map, attn.py scratch_space): dequantization scratch up to
# config.max_dq_size (512 MiB) and, for grouped-query attention, K/V expanded to all heads for the whole
# max_seq_len (attn.py temp_kv_size: 2 x max_seq_len x heads x head_dim x 2 bytes). The CUDA context
# is in the pool's runtime.
_EXLLAMA_DQ_SCRATCH = 512 * 1024**2


# exllamav2 also reserves the attention weights of one chunk per device (attn.py temp_attn_size,
# counted in model.py set_device_map): 2 x min(max_attention_size = 2048^2, max_seq_len^2) x heads x
# 2 bytes, divided by sqrt(max_attention_size) / 190 where flash-attn (or xformers) takes the attention.
# FlashAttention-2 runs on Ampere and newer NVIDIA GPUs (github Dao-AILab/flash-attention README;
# TabbyAPI's README: paged attention on Ampere and higher), so older GPUs pay the full matrix.
_EXLLAMA_ATTENTION_SIZE = 2048**2
_EXLLAMA_FLASH_SAVING = _EXLLAMA_ATTENTION_SIZE**0.5 / 190
_PRE_FLASH_ATTN_ARCHS = ("kepler", "maxwell", "pascal", "volta", "turing")


# no setting given: the engines' own defaults (one immutable value, shared by every sizing)
_ENGINE_DEFAULTS = EngineOptions()


def _exllama_flash_attn(pool: Pool) -> bool:
    spec = pool.spec
    if spec is None or spec.vendor != "nvidia":
        return False
    return not (spec.arch or "").startswith(_PRE_FLASH_ATTN_ARCHS)


def _exllama_scratch(spec: ModelSpec, max_seq_len: int, flash_attn: bool = True) -> float:
    expanded = 2 * max_seq_len * spec.heads * spec.head_dim * 2 if spec.kv_heads != spec.heads else 0
    attention = min(_EXLLAMA_ATTENTION_SIZE, max_seq_len**2)
    if flash_attn:
        attention = int(attention // _EXLLAMA_FLASH_SAVING)
    return float(_EXLLAMA_DQ_SCRATCH + expanded + 2 * attention * spec.heads * 2)


# MLX: its own allocator cache and the logits of the prefill chunk (2048 tokens)
_MLX_SCRATCH = 0.5 * GiB
# mlx-lm warns when a model takes more than 90 % of the GPU's recommended working set
# (mlx_lm/generate.py `wired_limit`): above it generation may be paged and slow or fail
_MLX_WARN_FRACTION = 0.9
# Prefill on MLX: mlx-lm runs the prompt in steps of --prefill-step-size tokens (2048 by default,
# mlx_lm/server.py @d78bf58e). MLX's fused attention kernel takes a step of more than 8 queries only
# for head dims 64, 72, 80, 96, 128, 192 and 256 with equal query and value dims (github
# ml-explore/mlx mlx/backend/metal/scaled_dot_product_attention.cpp @846d1762); other layouts (an MLA
# cache with 192/128 dims) fall back to materializing the scores: query heads x 2 bytes x step x cached
# tokens. LM Studio's MLX engine fits its context by that peak plus a 3 GiB runtime reserve, "the
# largest measured residual" between its formula and measured prefill peaks, which does not grow with
# the Mac's memory (github lmstudio-ai/mlx-engine mlx_engine/model_kit/batched_vision/context_fit.py
# @08f0c075); 512 is the smallest step it falls back to.
_MLX_PREFILL_STEP = 2048
_MLX_SMALL_PREFILL_STEP = 512
_MLX_RUNTIME_RESERVE = 3 * GiB
_MLX_ACTIVATION_BYTES = 2
_MLX_FUSED_HEAD_DIMS = frozenset({64, 72, 80, 96, 128, 192, 256})
# mlx_lm.server keeps the caches of up to --prompt-cache-size prompts (10) with no byte limit unless
# --prompt-cache-bytes is given, and works on a copy of the one it reuses (mlx_lm/server.py,
# LRUPromptCache in mlx_lm/models/cache.py @d78bf58e). A cache it can trim (plain attention) replaces
# its own prefixes, so one conversation keeps one copy; recurrent layers and a sliding window past its
# length cannot be trimmed, and every turn's cache is kept (ml-explore/mlx-lm#1390: 23-26 GB of prompt
# cache for a 4B hybrid model before Metal ran out of memory).
_MLX_PROMPT_CACHES = 10


def _mlx_kept_caches(spec: ModelSpec, context: int) -> int:
    """Caches of this context mlx_lm.server keeps beside the one it works on, in one conversation."""
    a = spec.attention
    rotating = a.sliding_window is not None and a.sliding_layers > 0 and context > a.sliding_window
    return _MLX_PROMPT_CACHES if a.linear_layers > 0 or rotating else 1


# the lowest gpu_memory_utilization / highest mem_fraction_static canirun suggests
_MIN_UTILIZATION = 0.5
_MAX_FRACTION = 0.95
# smaller sampler batches tried when vLLM's default max_num_seqs leaves no room for the KV cache
_FEWER_SEQS = (64, 16)
# a context below this is not worth suggesting as a --max-model-len
_MIN_USEFUL_CONTEXT = 2048
# why a shorter --max-model-len is named for vLLM's KV margin (a context the asker gave stays in the
# command; the shorter one is then said in the notes)
_MARGIN_WHY = "the KV pool then keeps room for canirun's error on what vLLM takes before it"
# GPUs in one server (an HGX/DGX board: eight SXM GPUs on one NVLink switch). Tensor parallel stays
# within a server and pipeline stages span servers: "set the tensor parallel size to the number of
# GPUs in each node, and the pipeline parallel size to the number of nodes" (vLLM docs, Distributed
# inference and serving, https://docs.vllm.ai/en/latest/serving/distributed_serving.html)
SERVER_GPUS = 8

KvFor = Callable[[int], float]  # tokens of one sequence -> KV bytes over all GPUs


def _ffn_widths(spec: ModelSpec) -> list[tuple[str, int]]:
    """The feed-forward widths tensor parallel splits: a routed expert's, a shared expert's, and the
    dense blocks' (a dense model, or an MoE with dense blocks between its expert blocks)."""
    widths: list[tuple[str, int]] = []
    moe = spec.moe
    if moe is not None:
        widths.append(("expert width", moe.expert_ffn))
        if moe.shared_experts:
            widths.append(("shared expert width", moe.shared_ffn or moe.expert_ffn))
    if spec.ffn and (moe is None or moe.dense_layers or moe.every > 1):
        widths.append(("feed-forward width", spec.ffn))
    return widths


def _block_split_problem(spec: ModelSpec, tp: int, block: int | None) -> str | None:
    """Why a block-quantized FP8 checkpoint cannot be split over `tp` ranks: each rank's share of a
    feed-forward width must hold whole quantization blocks. vLLM checks it at load ("output_size of
    gate's and up's weight = 320 is not divisible by weight quantization block_n = 128", fp8.py
    validate_block_quant_shapes), and vLLM's recipe for Qwen3-Coder-480B-A35B-Instruct-FP8 expects
    tensor parallel 8 to fail and serves it with --enable-expert-parallel instead (github
    vllm-project/recipes Qwen/Qwen3-Coder-480B-A35B.md @f32a8093). None where it splits."""
    if block is None or tp <= 1:
        return None
    for what, width in _ffn_widths(spec):
        if width % tp or (width // tp) % block:
            return (
                f"tensor parallel {tp} cuts the {width}-wide {what} into {width / tp:g}-wide shares, not a "
                f"multiple of the FP8 checkpoint's {block}-wide quantization blocks"
            )
    return None


def tensor_parallel_sizes(spec: ModelSpec, n_gpus: int, block: int | None = None) -> list[int]:
    """Tensor-parallel sizes vLLM accepts for this model: heads divisible by tp, and KV heads divisible
    by tp or tp by KV heads (engine-memory.md 6.1); for a block-quantized FP8 checkpoint, feed-forward
    shares of whole blocks. Largest first."""
    sizes = []
    tp = 1
    while tp <= n_gpus:
        heads_ok = spec.heads % tp == 0
        kv_ok = spec.attention.mla is not None or spec.kv_heads % tp == 0 or tp % spec.kv_heads == 0
        if heads_ok and kv_ok and _block_split_problem(spec, tp, block) is None:
            sizes.append(tp)
        tp *= 2
    return sorted(sizes, reverse=True)


def _layout_why(spec: ModelSpec, tp: int, pp: int, gpus: int) -> tuple[str, ...]:
    """Why the layout is not tensor parallel over every GPU: the size must divide the model's attention
    heads and KV heads (vLLM's and SGLang's check at start), so pipeline stages or idle GPUs take the rest.
    Pipeline stages run one after another for one sequence (about one group's speed, more memory); GPUs
    left idle can serve a second copy of the model for more users. Empty where every GPU is one group."""
    used = tp * pp
    if used == tp and used == gpus:
        return ()
    heads = f"{spec.heads} attention heads and {spec.kv_heads} KV heads"
    if spec.attention.mla is not None:
        heads = f"{spec.heads} attention heads"
    mla = spec.attention.mla is not None
    refused = [
        n
        for n in (gpus, used)
        if n > tp and (spec.heads % n or not (mla or spec.kv_heads % n == 0 or n % spec.kv_heads == 0))
    ]
    words = (
        [f"tensor parallel {refused[0]} is refused: {refused[0]} does not divide {spec.name}'s {heads}"]
        if refused
        else []
    )
    if pp > 1:
        words.append(
            f"the GPUs run as {pp} pipeline stages of tensor parallel {tp}, which hold the model in all "
            "their memory but run one after another for a sequence, at about one stage's speed"
        )
    if used < gpus:
        idle = gpus - used
        more = ": a second copy on them serves more users" if idle >= used else ""
        words.append(f"{used} GPUs hold it; {idle} of the {gpus} stay idle{more}")
    return ("; ".join(words),)


def _stated_tp_problem(
    spec: ModelSpec, tp: int, gpus: int, name: str, block: int | None = None
) -> str | None:
    """Why the tensor parallel size set cannot start: more than the GPUs there are, a size that
    does not divide the model's attention heads and KV heads (the check vLLM and SGLang make at start),
    or one that splits a block-quantized FP8 checkpoint's feed-forward weights inside a block."""
    if tp > gpus:
        return f"{name} with tensor parallel size {tp} needs {tp} identical GPUs; this rig has {gpus}"
    kv_ok = spec.attention.mla is not None or spec.kv_heads % tp == 0 or tp % spec.kv_heads == 0
    if spec.heads % tp or not kv_ok:
        return (
            f"{name} refuses tensor parallel size {tp} for {spec.name}: it must divide the model's "
            f"{spec.heads} attention heads and {spec.kv_heads} KV heads"
        )
    blocks = _block_split_problem(spec, tp, block)
    if blocks is not None:
        ep = " (expert parallel, --enable-expert-parallel, keeps the experts whole)" if spec.moe else ""
        return f"{name} refuses tensor parallel size {tp} for {spec.name}: {blocks}{ep}"
    return None


def _card_model(p: Pool) -> str:
    """The card a pool is: its device id, else (a card named only by its size) the label without the
    "#n" that numbers the cards of one "N GPUs with X GB each"."""
    if p.spec is not None:
        return p.spec.id
    label, sep, number = p.name.rpartition(" #")
    return label if sep and number.isdigit() else p.name


def _identical_groups(gpus: Sequence[Pool]) -> list[list[Pool]]:
    groups: dict[tuple[str, float], list[Pool]] = {}
    for p in gpus:
        key = (_card_model(p), p.total)
        groups.setdefault(key, []).append(p)
    return sorted(groups.values(), key=lambda g: -sum(p.total for p in g))


def _kv_share(spec: ModelSpec, kv_total: float, tp: int, pp: int) -> float:
    """One GPU's share of the cache: heads split over tensor-parallel ranks (replicated when tp exceeds
    the KV heads; the MLA latent on every rank), layers over pipeline stages."""
    if spec.attention.mla is not None:
        return kv_total / pp
    return kv_total * max(1, tp // spec.kv_heads) / (tp * pp)


def data_parallel_attention_size(spec: ModelSpec, n_gpus: int) -> int:
    """GPUs that vLLM or SGLang can run this model's attention data-parallel over, 0 where it does not
    apply. For a model with multi-head latent attention (one latent KV "head") tensor parallel keeps the
    whole latent cache on every GPU; data-parallel attention instead gives each GPU the attention
    weights and the cache of its own requests, with the routed experts split over the GPUs (SGLang
    `--tp N --dp N --enable-dp-attention`, docs.sglang.io advanced_features/dp_dpa_smg_guide; vLLM
    `--data-parallel-size N --enable-expert-parallel`, docs.vllm.ai serving/data_parallel_deployment:
    "data parallel for the attention layers and expert or tensor parallel for the expert layers").
    A mixture-of-experts MLA model only, on a power of two of GPUs that divides its routed experts."""
    if spec.attention.mla is None or spec.moe is None:
        return 0
    n = 1
    while n * 2 <= n_gpus and spec.moe.experts % (n * 2) == 0:
        n *= 2
    return n if n >= 2 else 0


def _dp_weights(w: WeightBytes, dp: int) -> float:
    """One GPU's weights under data-parallel attention: everything but the routed experts replicated
    (attention, dense layers, shared experts, embeddings), the routed experts split over `dp` GPUs."""
    experts = sum(w.layer_experts)
    return w.total - experts + experts / dp


def _blocks(tokens: int) -> int:
    return math.ceil(tokens / VLLM_BLOCK_SIZE) * VLLM_BLOCK_SIZE


@dataclass(frozen=True, slots=True)
class _Plan:
    """One tensor/pipeline-parallel layout, as the engine would run it."""

    tp: int
    pp: int
    fits: bool  # the engine starts and holds one sequence of the context
    comfortable: bool  # with room for the desktop's share and the allocator
    loads: tuple[DeviceLoad, ...]
    settings: tuple[Setting, ...]
    kv_room: float  # smallest KV pool over the GPUs (bytes)
    notes: tuple[str, ...] = ()
    dp: int = 1  # data-parallel attention over this many GPUs (tp is then the same group)


def _gpu_label(pools: Sequence[Pool]) -> str:
    return pools[0].name.split(" #")[0]


def _vllm_load(p: Pool, g: VllmGpu, spec: ModelSpec, w: WeightBytes, pp: int) -> DeviceLoad:
    parts = (
        ("activation peak", g.activation),
        *((("Mamba state for max_num_seqs requests (V0)", g.state),) if g.state else ()),
        ("CUDA graphs", g.cuda_graphs),
        ("non-torch (NCCL, cuBLAS)", g.non_torch),
        ("CUDA context", g.cuda_context),
        (KV_POOL_PART, max(0.0, g.kv_pool)),
    )
    return DeviceLoad(
        p.name,
        "gpu",
        p.total,
        g.budget - g.non_torch - (g.cuda_graphs if g.graphs_in_budget else 0.0),
        g.weights,
        g.kv_needed,
        g.activation + g.cuda_graphs + g.state,
        g.cuda_context + g.non_torch,
        spec.layers // pp,
        0,
        True,
        p.bandwidth_gbs,
        g.weights * _active_fraction(spec, w),
        False,
        p.reserve,
        parts,
    )


def _vllm_integrated(p: Pool) -> bool:
    """An NVIDIA GPU that shares the machine's memory (DGX Spark, Jetson): vLLM reads it as integrated."""
    return p.unified and p.shared_total > 0 and p.spec is not None and p.spec.vendor == "nvidia"


def _vllm_view(p: Pool) -> Pool:
    """The GPU as vLLM sizes it. On an integrated GPU the whole unified memory is the device's total and
    its budget a share of it, while the OS and vLLM's own processes hold part of that memory outside the
    budget (sizing/_engine_vllm.py VLLM_UMA_PROCESS)."""
    if not _vllm_integrated(p):
        return p
    return replace(p, total=p.shared_total, reserve=p.reserve + vllm_integrated_outside(p.shared_total))


def _vllm_total(p: Pool) -> float:
    """What torch reports as the device's memory: the whole unified memory on an integrated GPU."""
    return p.total if _vllm_integrated(p) else visible_total(p)


# why a lower utilization: the OS and vLLM's processes share an integrated GPU's memory
_UMA_WHY = (
    "on unified memory vLLM's budget is a share of the whole machine: its default {util:.2f} leaves too "
    "little for the OS and vLLM's own processes, and start-up wants the budget free"
)


def _vllm_plan(
    spec: ModelSpec,
    w: WeightBytes,
    kv_for: KvFor,
    pools: Sequence[Pool],
    tp: int,
    pp: int,
    context: int,
    opts: EngineOptions,
    search: bool = True,
    dp: int = 1,
) -> _Plan:
    era = vllm_era(opts.version)
    integrated = any(_vllm_integrated(p) for p in pools)
    shown = list(pools)  # the device table keeps the machine's own view of the unified memory
    pools = [_vllm_view(p) for p in pools]
    kv_seq = kv_for(_blocks(context)) if dp > 1 else _kv_share(spec, kv_for(_blocks(context)), tp, pp)
    weights = _dp_weights(w, dp) if dp > 1 else w.total / (tp * pp)

    def gpus(util: float | None) -> list[VllmGpu]:
        return [
            vllm_gpu(
                spec,
                weights=weights,
                kv_per_token=kv_seq / _blocks(context),
                total=_vllm_total(p),
                gpu_name=p.name,
                tensor_parallel=tp,
                max_model_len=context,
                era=era,
                gpu_memory_utilization=util,
                max_num_seqs=opts.max_num_seqs,
                max_num_batched_tokens=opts.max_num_batched_tokens,
                enforce_eager=opts.enforce_eager,
                version=opts.version,
                language_model_only=opts.language_model_only,
                no_video=opts.no_video,
            )
            for p in pools
        ]

    def _activations(seqs: int) -> list[float]:
        d = vllm_defaults(era, _vllm_total(pools[0]), pools[0].name, context, vllm_multimodal(spec))
        a = vllm_activation(
            spec,
            tensor_parallel=tp,
            max_num_seqs=seqs,
            max_num_batched_tokens=opts.max_num_batched_tokens or d.max_num_batched_tokens,
            era=era,
        )
        if not opts.language_model_only:
            a += vllm_encoder_profile(
                spec,
                version=opts.version or era,
                max_model_len=context,
                max_num_batched_tokens=opts.max_num_batched_tokens or d.max_num_batched_tokens,
                tensor_parallel=tp,
                video=not opts.no_video,
                max_num_seqs=seqs,
            )
        return [a] * len(pools)

    def room(gs: Sequence[VllmGpu], with_reserve: bool) -> bool:
        """Starts (free memory at start covers the budget) and leaves the allocator margin."""
        for p, g in zip(pools, gs, strict=True):
            reserve = p.reserve if with_reserve else 0.0
            if g.total - g.cuda_context - reserve < g.budget:
                return False
            if g.peak + reserve + engine_headroom("vllm", opts.headroom) > g.total:
                return False
            if with_reserve and not g.starts_with_margin:
                return False
        return True

    def room_but_margin(gs: Sequence[VllmGpu]) -> bool:
        """Room in every respect but the KV margin for the count's error."""
        return room([replace(g, kv_needed=g.kv_needed - g.kv_margin) for g in gs], with_reserve=True)

    def edge_utilization(g0: VllmGpu) -> float:
        """The highest utilization that leaves the first GPU the CUDA context, the desktop's share,
        the engine's headroom and (where they fall outside the budget) the CUDA graphs."""
        outside = (
            g0.cuda_context
            + pools[0].reserve
            + engine_headroom("vllm", opts.headroom)
            + (0.0 if g0.graphs_in_budget else g0.cuda_graphs)
        )
        return math.floor((g0.total - outside) / g0.total * 100) / 100

    def over_shared(gs: Sequence[VllmGpu]) -> bool:
        """On an integrated GPU: the budget is more than the OS and vLLM's own processes leave free of
        the unified memory, so vLLM's start-up check fails."""
        return integrated and any(
            g.total - g.cuda_context - p.reserve < g.budget for p, g in zip(pools, gs, strict=True)
        )

    settings: list[Setting] = []
    notes: list[str] = []
    gs = gpus(opts.gpu_memory_utilization)
    if search and over_shared(gs) and opts.gpu_memory_utilization is None:
        # vLLM's default is a share of the whole unified memory: the highest one its start-up finds free
        default, util = gs[0].utilization, edge_utilization(gs[0])
        if util > 0:
            gs = gpus(util)
            settings.append(Setting(f"--gpu-memory-utilization {util:.2f}", _UMA_WHY.format(util=default)))
    fits = all(g.starts for g in gs) and not over_shared(gs)
    if search and not fits and opts.max_num_seqs is None:
        # the sampler warm-up over max_num_seqs requests dominates the activation peak on small GPUs
        for seqs in _FEWER_SEQS:
            state = (
                vllm_v0_state(spec, max_num_seqs=seqs, tensor_parallel=tp)
                if vllm_mamba_prealloc(opts.version)
                else 0.0
            )
            fewer = [
                replace(g, activation=a, state=state, max_num_seqs=seqs)
                for g, a in zip(gs, _activations(seqs), strict=True)
            ]
            if all(g.starts for g in fewer) and not over_shared(fewer) and seqs < gs[0].max_num_seqs:
                gs, fits = fewer, True
                settings.append(
                    Setting(
                        f"--max-num-seqs {seqs}",
                        "vLLM profiles its sampler over max_num_seqs requests"
                        + (" and preallocates the Mamba state of each" if state else "")
                        + (
                            " and runs the vision encoder on an image for each"
                            if not opts.language_model_only and vllm_image_per_request(spec, opts.version)
                            else ""
                        )
                        + "; fewer leave room for the KV cache",
                    )
                )
                break
    if search and not fits and opts.gpu_memory_utilization is None:
        # short of vLLM's default budget only: the highest utilization that still leaves the GPU the CUDA
        # context, the desktop's share and allocator slack outside it (--gpu-memory-utilization is "the
        # fraction of GPU memory to be used for the model executor", docs.vllm.ai configuration/engine_args)
        g0 = gs[0]
        util = edge_utilization(g0)
        higher = gpus(util) if util > g0.utilization else []
        if higher and all(g.starts for g in higher) and room_but_margin(higher):
            short = max(g.kv_needed - g.kv_pool for g in gs)
            gs, fits = higher, True
            settings.append(
                Setting(
                    f"--gpu-memory-utilization {util:.2f}",
                    f"vLLM's default {g0.utilization:.2f} leaves the KV cache about "
                    f"{max(short, 0.0) / GiB:.1f} GiB short; {util:.2f} still leaves the CUDA context and "
                    "allocator slack outside the budget, a tight fit",
                )
            )
    raised = any(st.flag.startswith("--gpu-memory-utilization") for st in settings)
    comfortable = fits and room(gs, with_reserve=True)
    if search and fits and not comfortable and opts.gpu_memory_utilization is None and not raised:
        # a lower utilization that still holds the context and leaves the desktop its share
        g0 = gs[0]
        util = edge_utilization(g0)
        if util >= _MIN_UTILIZATION:
            other = gpus(util)
            if all(g.starts for g in other) and room_but_margin(other):
                gs = other
                why = (
                    f"vLLM's default {g0.utilization:.2f} leaves too little of the GPU for the CUDA "
                    "context, the desktop and allocator slack"
                    if util < g0.utilization
                    else f"vLLM's default {g0.utilization:.2f} leaves the KV cache little room beyond one "
                    "sequence; the rest of the GPU still covers what stays outside the budget"
                )
                settings.append(Setting(f"--gpu-memory-utilization {util:.2f}", why))
    graphs_outside = any(g.cuda_graphs and not g.graphs_in_budget for g in gs)
    if search and fits and graphs_outside and not room_but_margin(gs):
        # the CUDA graphs this release captures outside its budget are what the GPU cannot hold
        graphs = max(g.cuda_graphs for g in gs)
        eager = [replace(g, cuda_graphs=0.0) for g in gs]
        eager_util: float | None = None
        if not room_but_margin(eager) and opts.gpu_memory_utilization is None and not raised:
            p0, g0 = pools[0], gs[0]
            outside = g0.cuda_context + p0.reserve + engine_headroom("vllm", opts.headroom)
            util = math.floor((g0.total - outside) / g0.total * 100) / 100
            lower = [replace(g, cuda_graphs=0.0) for g in gpus(util)]
            if util >= _MIN_UTILIZATION and all(g.starts for g in lower) and room_but_margin(lower):
                eager, eager_util = lower, util
        if room_but_margin(eager):
            gs = eager
            settings.append(
                Setting(
                    "--enforce-eager",
                    "this vLLM release captures CUDA graphs outside its memory budget "
                    f"(about {graphs / GiB:.0f} GiB per GPU); without them it keeps to the budget, a little "
                    "slower",
                )
            )
            if eager_util is not None:
                settings.append(
                    Setting(
                        f"--gpu-memory-utilization {eager_util:.2f}",
                        "leaves the GPU the CUDA context, the desktop's share and allocator slack",
                    )
                )
    if search and fits and not room(gs, with_reserve=True) and room_but_margin(gs):
        # starts by canirun's count (at the utilization chosen above), but with less KV room to spare
        # than the count's error
        per_token = max(g.kv_needed for g in gs) / _blocks(context)
        spare = min(g.kv_pool - g.kv_margin for g in gs)
        longest = int(spare / per_token) // 256 * 256 if per_token > 0 else 0
        if _MIN_USEFUL_CONTEXT <= longest < context:
            settings.append(
                Setting(
                    f"--max-model-len {longest}",
                    _MARGIN_WHY,
                )
            )
    if fits and not room_but_margin(gs):
        if room(gs, with_reserve=False):
            notes.append(f"fits only if the {_gpu_label(pools)} does not drive a display")
        else:
            notes.append("vLLM's budget leaves the GPU almost no free memory")
    elif fits and not room(gs, with_reserve=True):
        notes.append(
            f"the KV pool keeps less than {min(g.kv_margin for g in gs) / GiB:.1f} GiB beyond one sequence "
            f"({VLLM_MARGIN_ERRORS:g}x canirun's p90 error on what vLLM takes before the cache)"
        )
    # settings vLLM does not pick by itself: started without them it would fail
    comfortable = fits and room(gs, with_reserve=True) and not settings
    if integrated and fits and vllm_uma_load_copy(opts.version):
        held, fixed = _uma_load_copy_fits(gs, pools, settings, notes, gpus)
        if not (held or fixed):  # no budget both starts the model and leaves room for the copy
            fits = False
            notes.insert(0, notes.pop())  # the reason it does not start comes first
        comfortable = held and comfortable
    if over_shared(gs):
        notes.append(
            "vLLM's budget leaves the OS and vLLM's own processes too little of the unified memory: its "
            "start-up check wants the budget free"
        )
    if integrated:
        g0 = gs[0]
        notes.append(
            f"on unified memory vLLM's budget is {g0.utilization:.2f} x the machine's "
            f"{g0.total / GiB:.0f} GiB; the OS and vLLM's own processes keep about "
            f"{vllm_integrated_outside(g0.total) / GiB:.0f} GiB outside it"
        )
    loads = tuple(_vllm_load(p, g, spec, w, pp) for p, g in zip(shown, gs, strict=True))
    loads = _speed_as_split(loads, spec, w, dp)
    kv_room = min(g.kv_pool for g in gs)
    return _Plan(tp, pp, fits, comfortable, loads, tuple(settings), kv_room, tuple(notes), dp)


def _uma_load_copy_fits(
    gs: Sequence[VllmGpu],
    pools: Sequence[Pool],
    settings: list[Setting],
    notes: list[str],
    gpus: Callable[[float | None], list[VllmGpu]],
) -> tuple[bool, bool]:
    """(whether a vLLM release before 0.24 on an integrated GPU keeps its budget, the OS's and its own
    processes' share and the second copy of the weights it holds while sizing the KV cache
    (sizing/_engine_vllm.py VLLM_UMA_LOAD_COPY_UNTIL) within the machine, whether a lower
    --gpu-memory-utilization does and still starts the model); where not, names that setting, if any,
    and the release that frees the copy."""
    g0, p0 = gs[0], pools[0]
    over = max(
        g.budget + g.weights + p.reserve + g.cuda_context - g.total for p, g in zip(pools, gs, strict=True)
    )
    if over <= 0:
        return True, False
    notes.append(
        f"vLLM before 0.24 holds about a second copy of the weights ({g0.weights / GiB:.0f} GiB) in the "
        "unified memory beside its budget while it sizes the KV cache; 0.24 or later frees it under pressure"
    )
    util = math.floor((g0.total - g0.weights - p0.reserve - g0.cuda_context) / g0.total * 100) / 100
    if util > 0 and all(g.starts for g in gpus(util)):
        settings[:] = [x for x in settings if not x.flag.startswith("--gpu-memory-utilization")]
        settings.append(
            Setting(
                f"--gpu-memory-utilization {util:.2f}",
                "leaves room for the copy of the weights a release before 0.24 holds on unified memory",
            )
        )
        return False, True
    return False, False


def _speed_as_split(
    loads: tuple[DeviceLoad, ...], spec: ModelSpec, w: WeightBytes, dp: int
) -> tuple[DeviceLoad, ...]:
    """Under data-parallel attention each GPU holds more weights than its tensor-parallel share, but the
    speed model keeps the tensor-parallel share of a token's reads: no public decode measurement of the
    two side by side to refit it on."""
    if dp <= 1:
        return loads
    read = w.total / dp * _active_fraction(spec, w)
    return tuple(replace(d, weight_read=read) for d in loads)


def _sglang_load(p: Pool, g: SglangGpu, spec: ModelSpec, w: WeightBytes, pp: int) -> DeviceLoad:
    parts = (
        ("activations + CUDA graphs (headroom)", g.headroom),
        ("CUDA context", g.cuda_context),
        (KV_POOL_PART, max(0.0, g.kv_pool)),
    )
    return DeviceLoad(
        p.name,
        "gpu",
        p.total,
        g.free_at_start * g.mem_fraction_static,
        g.weights,
        g.kv_needed,
        g.headroom,
        g.cuda_context,
        spec.layers // pp,
        0,
        True,
        p.bandwidth_gbs,
        g.weights * _active_fraction(spec, w),
        False,
        p.reserve,
        parts,
    )


def _sglang_plan(
    spec: ModelSpec,
    w: WeightBytes,
    kv_for: KvFor,
    pools: Sequence[Pool],
    tp: int,
    pp: int,
    context: int,
    opts: EngineOptions,
    search: bool = True,
    dp: int = 1,
) -> _Plan:
    kv_seq = kv_for(context) if dp > 1 else _kv_share(spec, kv_for(context), tp, pp)
    weights = _dp_weights(w, dp) if dp > 1 else w.total / (tp * pp)
    era: SglangEra = "table" if opts.version and _sglang_table_era(opts.version) else "current"
    vision = sglang_vision_params(spec)

    def gpus(fraction: float | None) -> list[SglangGpu]:
        return [
            sglang_gpu(
                weights=weights,
                kv_needed=kv_seq,
                total=visible_total(p),
                tensor_parallel=tp,
                reserve=p.reserve,
                mem_fraction_static=fraction,
                era=era,
                vision_params=vision,
            )
            for p in pools
        ]

    settings: list[Setting] = []
    notes: list[str] = []
    gs = gpus(opts.mem_fraction_static)
    fits = all(g.starts and g.serves_context for g in gs)
    comfortable = fits and all(g.headroom_as_designed for g in gs)
    if search and fits and not comfortable:
        d = gs[0].default_fraction
        if all(g.starts and g.serves_context for g in gpus(d)):
            settings.append(
                Setting(
                    f"--mem-fraction-static {d:.3f}",
                    "a larger fraction leaves less than SGLang's own reserve for activations and CUDA graphs",
                )
            )
        else:
            notes.append("the KV pool needs more than SGLang's default memory fraction")
    if search and not fits and opts.mem_fraction_static is None:
        need = max(g.fraction_for(g.kv_needed * 1.02) for g in gs)
        margin = engine_headroom("sglang", opts.headroom) + GiB
        if need <= _MAX_FRACTION and all(g.free_at_start * (1 - need) >= margin for g in gs):
            gs = gpus(math.ceil(need * 100) / 100)
            fits = all(g.starts and g.serves_context for g in gs)
            if fits:
                settings.append(
                    Setting(
                        f"--mem-fraction-static {gs[0].mem_fraction_static:.2f}",
                        "SGLang's default fraction leaves no room for the KV cache of this context; a "
                        "larger one cuts into its reserve for activations and CUDA graphs",
                    )
                )
    loads = _speed_as_split(
        tuple(_sglang_load(p, g, spec, w, pp) for p, g in zip(pools, gs, strict=True)), spec, w, dp
    )
    return _Plan(
        tp, pp, fits, comfortable, loads, tuple(settings), min(g.kv_pool for g in gs), tuple(notes), dp
    )


def _sglang_table_era(version: str) -> bool:
    """SGLang releases before 0.4.7 (mid 2025) took mem_fraction_static from a table by tp size."""
    try:
        parts = tuple(int(x) for x in version.lstrip("v").split(".")[:3])
    except ValueError:
        return False
    return parts < (0, 4, 7)


def _plan(
    engine: str,
    spec: ModelSpec,
    w: WeightBytes,
    kv_for: KvFor,
    pools: Sequence[Pool],
    tp: int,
    pp: int,
    context: int,
    opts: EngineOptions,
    search: bool = True,
    dp: int = 1,
) -> _Plan:
    """One layout; with `search`, also the settings that make it start (fewer sequences, another
    memory fraction), otherwise exactly as the engine starts by itself; `dp`: attention data-parallel
    over that many GPUs (`tp` the same)."""
    plan = _sglang_plan if engine == "sglang" else _vllm_plan
    return plan(spec, w, kv_for, pools, tp, pp, context, opts, search, dp)


def _engine_defaults(
    engine: str, spec: ModelSpec, pool: Pool, context: int, opts: EngineOptions
) -> tuple[tuple[str, str], ...]:
    if engine == "sglang":
        d = sglang_defaults(pool.total, opts.tensor_parallel or 1, vision_params=sglang_vision_params(spec))
        return (
            ("mem_fraction_static", f"{opts.mem_fraction_static or d.mem_fraction_static:g}"),
            ("chunked_prefill_size", str(d.chunked_prefill_size)),
            ("cuda_graph_max_bs", str(d.cuda_graph_max_bs)),
            ("context_length", f"{spec.shipped_context} (from the model's config)"),
            ("tp_size", "1"),
        )
    era = vllm_era(opts.version)
    v = vllm_defaults(era, pool.total, pool.name, context, vllm_multimodal(spec))
    return (
        ("gpu_memory_utilization", f"{opts.gpu_memory_utilization or v.gpu_memory_utilization:g}"),
        ("max_num_seqs", str(opts.max_num_seqs or v.max_num_seqs)),
        ("max_num_batched_tokens", str(opts.max_num_batched_tokens or v.max_num_batched_tokens)),
        ("max_model_len", f"{spec.shipped_context} (from the model's config)"),
        ("tensor_parallel_size", "1"),
        (
            "cuda_graphs",
            "counted in the budget (v0.21+)" if v.cuda_graphs_in_budget else "outside the budget",
        ),
    )


def place_paged(
    spec: ModelSpec,
    w: WeightBytes,
    kv_for: KvFor,
    rig: Rig,
    *,
    engine: str,
    context: int,
    context_given: bool = True,
    options: EngineOptions | None = None,
    fp8_block: int | None = None,
) -> Placement:
    """vLLM / SGLang: tensor parallel over identical GPUs (pipeline stages when one group is not
    enough); the KV pool is what the engine's memory budget leaves after weights, activations and
    graphs, and it must hold one sequence of the context. Tight when the engine's own defaults
    (a single GPU, the model's full context, its memory fraction) would not start. `fp8_block`: the
    quantization block of the FP8 checkpoint loaded, which tensor parallel must not cut."""
    name = "SGLang" if engine == "sglang" else "vLLM"
    groups = _identical_groups(rig.gpus)
    if not groups:
        return Placement("no", "none", 0, 0, (), notes=("vLLM and SGLang need GPUs",))
    tried = [
        (
            group,
            _place_paged_on(
                group,
                spec,
                w,
                kv_for,
                engine=engine,
                context=context,
                context_given=context_given,
                options=options,
                fp8_block=fp8_block,
            ),
        )
        for group in groups
    ]
    runs = [(g, p) for g, p in tried if p.verdict != "no"]
    group, placed = runs[0] if runs else min(tried, key=lambda gp: gp[1].shortfall)
    if len(groups) == 1:
        return placed
    # tensor parallel splits every layer evenly, so the engine serves from one kind of card: each
    # group was tried, the first that holds the model (else the nearest miss) is the answer
    others = " and ".join(f"{len(g)}x {_gpu_label(g)}" for g in groups if g is not group)
    why = (
        f"{name} splits a model over identical GPUs only: the {len(group)}x {_gpu_label(group)} "
        f"serve it, the {others} left out"
    )
    if not runs:
        shorts = "; ".join(f"{len(g)}x {_gpu_label(g)} {p.shortfall / 1e9:,.1f} GB short" for g, p in tried)
        why += f" (no group holds it: {shorts})"
    return replace(placed, notes=(why, *placed.notes))


def _place_paged_on(
    group: list[Pool],
    spec: ModelSpec,
    w: WeightBytes,
    kv_for: KvFor,
    *,
    engine: str,
    context: int,
    context_given: bool,
    options: EngineOptions | None,
    fp8_block: int | None,
) -> Placement:
    """place_paged on one group of identical GPUs."""
    opts = options or _ENGINE_DEFAULTS
    name = "SGLang" if engine == "sglang" else "vLLM"
    notes: list[str] = []
    in_server = min(len(group), SERVER_GPUS)
    dp = data_parallel_attention_size(spec, len(group)) if opts.data_parallel_attention else 0
    sizes = tensor_parallel_sizes(spec, in_server, fp8_block) or [1]
    widest = tensor_parallel_sizes(spec, in_server)
    if widest and widest[0] > sizes[0] and not opts.tensor_parallel and not dp:
        why = _block_split_problem(spec, widest[0], fp8_block)
        ep = "; expert parallel (--enable-expert-parallel) is the other way" if spec.moe is not None else ""
        notes.append(f"{why}: {name} would refuse it, so tensor parallel {sizes[0]} at most{ep}")
    if dp > SERVER_GPUS:
        notes.append(
            f"{dp} GPUs are {math.ceil(dp / SERVER_GPUS)} servers of {SERVER_GPUS}: {name} spans them with "
            + (
                "--nnodes, --node-rank and --dist-init-addr"
                if engine == "sglang"
                else "--data-parallel-address"
            )
        )
    elif len(group) > SERVER_GPUS and not dp:
        servers = math.ceil(len(group) / SERVER_GPUS)
        # how each engine joins servers: vLLM over a Ray cluster (docs: distributed serving); SGLang by
        # its own launcher on every server (server arguments --nnodes, --node-rank, --dist-init-addr)
        joined = (
            "as one Ray cluster" if engine == "vllm" else "with --nnodes, --node-rank and --dist-init-addr"
        )
        notes.append(
            f"{len(group)} GPUs are {servers} servers of {SERVER_GPUS}: {name} spans them {joined}, "
            f"tensor parallel within a server and pipeline stages across servers"
        )
    if opts.tensor_parallel:
        problem = _stated_tp_problem(spec, opts.tensor_parallel, len(group), name, fp8_block)
        if problem is not None:
            return Placement("no", "none", 0, 0, (), notes=(problem,))
        sizes = [opts.tensor_parallel]
    chosen: _Plan | None = None
    best: _Plan | None = None
    if dp:
        # one layout: attention on every GPU of the group, the routed experts split over them
        best = _plan(engine, spec, w, kv_for, group[:dp], dp, 1, context, opts, dp=dp)
        chosen = best if best.fits else None
        sizes = []
    for tp in sizes:
        for pp in range(1, len(group) // tp + 1):
            plan = _plan(engine, spec, w, kv_for, group[: tp * pp], tp, pp, context, opts)
            if plan.fits:
                if chosen is None or (plan.comfortable and not chosen.comfortable):
                    chosen = plan
                if plan.comfortable:
                    break
            if best is None or plan.kv_room > best.kv_room:
                best = plan
        if chosen is not None and chosen.comfortable:
            break
    defaults = _engine_defaults(engine, spec, group[0], context, opts)
    if chosen is None:
        assert best is not None or not sizes
        loads = best.loads if best is not None else ()
        per_token = (
            _kv_share(spec, kv_for(_blocks(context)), best.tp, best.pp) / _blocks(context) if best else 0.0
        )
        settings: list[Setting] = []
        if best is not None and per_token > 0 and best.kv_room > 0:
            longest = int(best.kv_room / per_token) // 256 * 256
            if _MIN_USEFUL_CONTEXT <= longest < context:
                flag = "--context-length" if engine == "sglang" else "--max-model-len"
                settings.append(
                    Setting(f"{flag} {longest}", f"the longest context whose KV cache fits {name}'s pool")
                )
        need = w.total + kv_for(context) + sum(d.compute + d.runtime for d in loads)
        seen = [_vllm_view(p) if engine == "vllm" else p for p in group]
        have = sum(p.total - p.reserve for p in seen)
        # the pool of each GPU must hold its share of one sequence's cache: a rig with bytes to
        # spare in all can still be short on every card (never "does not fit, 0.0 GB short")
        gap = max(0.0, per_token * _blocks(context) - best.kv_room) * best.tp * best.pp if best else 0.0
        return Placement(
            "no",
            "none",
            0,
            0,
            loads,
            shortfall=max(0.0, need - have, gap),
            notes=(*notes, *(best.notes if best else ())),
            settings=tuple(settings),
            engine_defaults=defaults,
        )
    settings = list(chosen.settings)
    margin = [s for s in settings if s.why == _MARGIN_WHY]
    if context_given and margin:
        # the asked context stays in the command: the shorter one that keeps the margin is said instead
        settings = [s for s in settings if s.why != _MARGIN_WHY]
        notes.append(
            f"the command keeps the {context:,} tokens asked; {margin[0].flag} would keep room in the KV "
            "pool for canirun's error on what vLLM takes before it"
        )
    tight = not chosen.comfortable
    if chosen.dp > 1:
        settings[:0] = _data_parallel_flags(engine, chosen.dp)
        notes.append(
            f"{name} runs attention data-parallel over the {chosen.dp} GPUs: each holds the attention and "
            f"shared weights, 1/{chosen.dp} of the routed experts and the latent KV cache of its own "
            "requests, so their KV pools add up (tensor parallel keeps a copy of the one latent KV head on "
            "every GPU)"
        )
    elif chosen.tp > 1 or chosen.pp > 1:
        flag = "--tp" if engine == "sglang" else "--tensor-parallel-size"
        settings.insert(0, Setting(f"{flag} {chosen.tp}", f"{name} uses one GPU unless told"))
        if chosen.pp > 1:
            settings.insert(
                1, Setting(f"--pipeline-parallel-size {chosen.pp}", "layers split over GPU groups")
            )
    # the engine's own defaults: one GPU and (vLLM) the model's full context as max_model_len
    # (SGLang starts with a pool shorter than the context and refuses longer requests instead)
    default_ctx = spec.shipped_context if not context_given and engine == "vllm" else context
    if not context_given and engine == "vllm" and default_ctx > context:
        why = f"vLLM's default max_model_len is the {spec.shipped_context:,} tokens of the model's config"
        shorter = [i for i, s in enumerate(settings) if s.flag.startswith("--max-model-len")]
        if shorter:
            # a shorter context keeps the KV margin: one flag, both reasons
            settings[shorter[0]] = replace(settings[shorter[0]], why=f"{why}; {settings[shorter[0]].why}")
        else:
            settings.append(Setting(f"--max-model-len {context}", why))
    tp_default = opts.tensor_parallel or 1
    if tp_default != chosen.tp or chosen.pp > 1 or chosen.dp > 1 or default_ctx != context:
        n = tp_default
        plan_defaults = _plan(
            engine,
            spec,
            w,
            kv_for,
            group[:n],
            n,
            1,
            default_ctx,
            replace(opts, tensor_parallel=n),
            search=False,
        )
        if not plan_defaults.comfortable:
            tight = True
            notes.append(
                f"{name} would not start with its own defaults "
                f"({'one GPU' if n == 1 else f'tensor parallel {n}'}"
                # (SGLang sizes its pool to the memory, not to a context: none is its default to name)
                f"{f', context {default_ctx:,}' if engine == 'vllm' else ''}): "
                "the command's settings are what make it fit"
            )
    settings.extend(_stated_flags(engine, opts, settings))
    extra: tuple[str, ...] = (
        (f"pipeline parallel: {chosen.pp} stages of tensor parallel {chosen.tp}",) if chosen.pp > 1 else ()
    )
    if chosen.dp <= 1 and not opts.tensor_parallel:
        extra += _layout_why(spec, chosen.tp, chosen.pp, min(len(group), in_server))
    return Placement(
        "gpu",
        "tensor_parallel",
        spec.layers,
        0,
        chosen.loads,
        tight=tight,
        tensor_parallel=chosen.tp,
        notes=(*notes, *chosen.notes, *extra),
        settings=tuple(settings),
        engine_defaults=defaults,
        data_parallel=chosen.dp,
    )


def _data_parallel_flags(engine: str, dp: int) -> list[Setting]:
    """The flags that run attention data-parallel over `dp` GPUs with the experts split."""
    if engine == "sglang":
        return [
            Setting(f"--tp {dp}", "SGLang uses one GPU unless told"),
            Setting(f"--dp {dp}", "one attention replica per GPU"),
            Setting(
                "--enable-dp-attention",
                "each GPU keeps the latent KV cache of its own requests, not a copy of every one",
            ),
        ]
    return [
        Setting(f"--data-parallel-size {dp}", "one attention replica per GPU, each with its own KV cache"),
        Setting("--enable-expert-parallel", "the routed experts split over the GPUs, not copied"),
    ]


def _stated_flags(engine: str, opts: EngineOptions, chosen: Sequence[Setting]) -> list[Setting]:
    """The settings the asker gave, as the engine's flags, so the command runs what was sized (a setting
    the placement chose itself stands instead)."""
    stated: list[tuple[str, str]] = []
    if engine == "vllm":
        if opts.gpu_memory_utilization is not None:
            stated.append(("--gpu-memory-utilization", f"{opts.gpu_memory_utilization:g}"))
        if opts.max_num_seqs is not None:
            stated.append(("--max-num-seqs", str(opts.max_num_seqs)))
        if opts.max_num_batched_tokens is not None:
            stated.append(("--max-num-batched-tokens", str(opts.max_num_batched_tokens)))
        if opts.enforce_eager:
            stated.append(("--enforce-eager", ""))
    elif engine == "sglang" and opts.mem_fraction_static is not None:
        stated.append(("--mem-fraction-static", f"{opts.mem_fraction_static:g}"))
    taken = {c.flag.split()[0] for c in chosen}
    return [
        Setting(f"{flag} {value}".strip(), "as set in the question")
        for flag, value in stated
        if flag not in taken
    ]


def _active_fraction(spec: ModelSpec, w: WeightBytes) -> float:
    """Share of weight bytes a token reads (MoE: active experts only)."""
    if spec.moe is None or w.repeating == 0:
        return 1.0
    experts = sum(w.layer_experts)
    read = w.total - experts + experts * spec.moe.active / spec.moe.experts
    return read / w.total


# how far past each GPU's capacity the split of a load that does not fit is shown (the first that splits)
_STRETCHES = (1.1, 1.25, 1.5, 2.0, 3.0, 5.0)


def _exllama_loads(
    spec: ModelSpec, w: WeightBytes, kv: KvBytes, rig: Rig, max_seq_len: int, stretch: float = 1.0
) -> list[DeviceLoad] | None:
    """Each GPU's share under ExLlama's auto-split, or None where the layers do not fit; `stretch` > 1
    splits as if each GPU had that much more room (how far past capacity a load that does not fit is)."""
    scratches = [_exllama_scratch(spec, max_seq_len, _exllama_flash_attn(p)) for p in rig.gpus]
    per_layer = [w.layer(i) + kv.per_layer[i] for i in range(spec.layers)]
    caps = [
        (visible_total(p) - p.runtime - scratch) * stretch
        for p, scratch in zip(rig.gpus, scratches, strict=True)
    ]
    split = split_layers(per_layer, caps, w.output)
    if split is None:
        return None
    frac = spec.moe.active / spec.moe.experts if spec.moe else 1.0
    loads = []
    for k, (p, ids, scratch) in enumerate(zip(rig.gpus, split, scratches, strict=True)):
        last = k == len(rig.gpus) - 1
        weights = sum(w.layer_dense[i] + w.layer_experts[i] for i in ids) + (w.output if last else 0.0)
        kvb = sum(kv.per_layer[i] for i in ids)
        read = sum(w.layer_dense[i] + w.layer_experts[i] * frac for i in ids) + (w.output if last else 0.0)
        loads.append(
            DeviceLoad(
                p.name,
                "gpu",
                p.total,
                visible_total(p) - p.runtime,
                weights,
                kvb,
                scratch,
                p.runtime,
                len(ids),
                len(ids) if spec.moe else 0,
                last,
                p.bandwidth_gbs,
                read,
                reserve=p.reserve,
                parts=(
                    ("scratch (dequantization, expanded K/V, attention)", scratch),
                    ("CUDA context", p.runtime),
                ),
            )
        )
    return loads


def place_exllama(
    spec: ModelSpec,
    w: WeightBytes,
    kv: KvBytes,
    rig: Rig,
    *,
    context: int = 0,
    context_given: bool = True,
    kv_at_default: KvBytes | None = None,
    headroom: float | None = None,
) -> Placement:
    """ExLlama: layers split over the GPUs (auto-split), no CPU offload. The cache is allocated
    whole at max_seq_len, which defaults to the model's maximum context (exllamav2/exllamav3 config;
    TabbyAPI's max_seq_len); `kv_at_default` is the cache at that default; `headroom` the free memory
    a comfortable fit keeps (None: ExLlama's fitted one)."""
    if not rig.gpus:
        return Placement("no", "none", 0, 0, (), notes=("ExLlama needs a GPU",))
    # exllamav2's ExLlamaV2Cache(model) and exllamav3's generators size the cache at the model's
    # max_seq_len (exllamav2/config.py reads max_position_embeddings); TabbyAPI allocates cache_size
    # 4096 unless told since 2025-06 (theroyallab/tabbyAPI 2096c9b, config_sample.yml)
    defaults = (
        ("max_seq_len", f"{spec.shipped_context} (from the model's config; TabbyAPI: 4096 since mid-2025)"),
        ("cache_mode", "FP16"),
    )
    loads = _exllama_loads(spec, w, kv, rig, context or spec.shipped_context)
    if loads is None:
        per_layer = [w.layer(i) + kv.per_layer[i] for i in range(spec.layers)]
        need = (
            sum(per_layer)
            + w.output
            + sum(
                _exllama_scratch(spec, context or spec.shipped_context, _exllama_flash_attn(p))
                for p in rig.gpus
            )
        )
        have = sum(visible_total(p) - p.runtime for p in rig.gpus)
        # the split it would try, each GPU shown past its capacity
        seq = context or spec.shipped_context
        stretched = (_exllama_loads(spec, w, kv, rig, seq, f) for f in _STRETCHES)
        over = next((loads for loads in stretched if loads is not None), None)
        return Placement(
            "no",
            "none",
            0,
            0,
            tuple(over or ()),
            shortfall=max(0.0, need - have),
            engine_defaults=defaults,
        )
    settings: list[Setting] = []
    notes = ["the token embedding stays in system RAM"]
    keep = engine_headroom("exllama", headroom)
    tight = any(d.weights + d.kv + d.compute + d.reserve + keep > d.usable for d in loads)
    if tight:
        notes.append("fits only if the first GPU does not drive a display")
    if not context_given and kv_at_default is not None and context < spec.shipped_context:
        settings.append(
            Setting(
                f"max_seq_len {context}",
                f"ExLlama allocates the cache for the {spec.shipped_context:,} tokens of the model's "
                "config by default",
            )
        )
        if _exllama_loads(spec, w, kv_at_default, rig, spec.shipped_context) is None:
            tight = True
            notes.append(f"with its default max_seq_len ({spec.shipped_context:,}) the cache would not fit")
    return Placement(
        "gpu",
        "gpu",
        spec.layers,
        0,
        tuple(loads),
        tight=tight,
        notes=tuple(notes),
        settings=tuple(settings),
        engine_defaults=defaults,
    )


def _mlx_scores(spec: ModelSpec, context: int, step: int) -> float:
    """Bytes of the attention scores one prefill step of `step` tokens materializes against the
    cache where MLX's fused kernel does not take the layout (sliding-window layers see at most
    window + step tokens)."""
    a = spec.attention
    if a.mla is None and spec.head_dim in _MLX_FUSED_HEAD_DIMS:
        return 0.0
    all_sliding = a.sliding_window is not None and a.sliding_layers >= spec.layers - a.linear_layers
    cached = min(context, a.sliding_window + step) if all_sliding and a.sliding_window else context
    return float(spec.heads * _MLX_ACTIVATION_BYTES * min(step, context) * cached)


def place_mlx(spec: ModelSpec, w: WeightBytes, kv: KvBytes, rig: Rig, context: int = 0) -> Placement:
    """MLX on a Mac: everything within the GPU wired limit (mlx-lm raises it to the recommended
    maximum). The cache grows with the tokens instead of being allocated up front
    (mlx_lm/models/cache.py); a prefill step materializes attention scores where MLX's fused kernel
    does not take the layout. Comfortable when the prefill peak at mlx-lm's default step leaves LM
    Studio's measured 3 GiB runtime reserve and the model stays under mlx-lm's 90 % warning; tight
    otherwise, with a smaller --prefill-step-size or a raised wired limit in the command."""
    gpus = [p for p in rig.gpus if p.unified and p.spec is not None and p.spec.vendor == "apple"]
    if not gpus:
        return Placement("no", "none", 0, 0, (), notes=("MLX runs only on Apple Silicon",))
    p = gpus[0]
    weights = w.total
    ctx = context or kv.cells or 1
    frac = spec.moe.active / spec.moe.experts if spec.moe else 1.0
    # a tied output head multiplies by the embedding matrix every token (mlx_lm's embed_tokens.as_linear)
    lookup_only = 0.0 if spec.tied_embeddings else w.embedding
    read = w.total - lookup_only - sum(w.layer_experts) * (1 - frac)

    def peak(step: int) -> float:
        return weights + kv.total + _MLX_SCRATCH + _mlx_scores(spec, ctx, step)

    def comfortable_at(step: int) -> bool:
        return peak(step) - _MLX_SCRATCH + _MLX_RUNTIME_RESERVE <= p.usable

    # the default step where it leaves the reserve (or where nothing else fits better), else the small one
    step = _MLX_PREFILL_STEP
    if not comfortable_at(step) and (comfortable_at(_MLX_SMALL_PREFILL_STEP) or peak(step) > p.usable):
        step = _MLX_SMALL_PREFILL_STEP
    settings: list[Setting] = []
    notes: list[str] = []
    if step != _MLX_PREFILL_STEP and _mlx_scores(spec, ctx, _MLX_PREFILL_STEP) > 0:
        settings.append(
            Setting(
                f"--prefill-step-size {step}",
                f"a {_MLX_PREFILL_STEP}-token prefill step materializes "
                f"{_mlx_scores(spec, ctx, _MLX_PREFILL_STEP) / GiB:.1f} GiB of attention scores "
                "at this context",
            )
        )
    else:
        step = _MLX_PREFILL_STEP
    scores = _mlx_scores(spec, ctx, step)
    scratch = _MLX_SCRATCH + scores
    load = DeviceLoad(
        p.name,
        "gpu",
        p.total,
        p.usable,
        weights,
        kv.total,
        scratch,
        0.0,
        spec.layers,
        spec.layers if spec.moe else 0,
        True,
        p.bandwidth_gbs,
        read,
        True,
        parts=(
            ("allocator cache and prefill logits", _MLX_SCRATCH),
            (f"attention scores of a {step}-token prefill step", scores),
        ),
    )
    defaults = (
        ("wired_limit", "macOS's recommended working set"),
        ("kv_cache", "grows with the tokens"),
        ("prefill_step_size", f"{_MLX_PREFILL_STEP}"),
        ("prompt_cache", f"{_MLX_PROMPT_CACHES} caches, no byte limit"),
        ("runtime_reserve", f"{_MLX_RUNTIME_RESERVE / GiB:.0f} GiB"),
    )
    used = load.weights + load.kv + load.compute
    if not load.fits:
        # what macOS's default working set refuses, a raised wired limit may still hold: tight with
        # the sysctl that raises it (the same rule the near-limit case below suggests)
        limit_mb = raised_wired_limit_mb(rig.unified_total or p.total)
        room = p.usable + max(0.0, limit_mb * MiB - p.total)
        if used > room:
            return Placement(
                "no",
                "none",
                0,
                0,
                (load,),
                shortfall=used - room,
                engine_defaults=defaults,
            )
        raised = Setting(
            f"sudo sysctl iogpu.wired_limit_mb={limit_mb}",
            f"the model and its cache need {used / GiB:.1f} GiB, more than macOS's default GPU working set "
            f"({p.usable / GiB:.1f} GiB); raise the wired limit",
        )
        return Placement(
            "gpu",
            "gpu",
            spec.layers,
            0,
            (replace(load, total=limit_mb * MiB, usable=room),),
            tight=True,
            notes=(*notes, "fits only under a raised GPU wired limit"),
            settings=(raised, *settings),
            engine_defaults=defaults,
        )
    tight = bool(settings) or not comfortable_at(step)
    if not comfortable_at(step):
        notes.append(
            f"the prefill peak leaves less than the {_MLX_RUNTIME_RESERVE / GiB:.0f} GiB runtime reserve "
            "LM Studio's MLX engine measured"
        )
    if used > _MLX_WARN_FRACTION * p.usable or not comfortable_at(step):
        tight = True
        limit_mb = raised_wired_limit_mb(rig.unified_total or p.total)
        settings.insert(
            0,
            Setting(
                f"sudo sysctl iogpu.wired_limit_mb={limit_mb}",
                "the model and its prefill fill the GPU's working set; raise macOS's wired limit",
            ),
        )
        if used > _MLX_WARN_FRACTION * p.usable:
            notes.append("within 10 % of the GPU wired limit (mlx-lm warns above 90 %)")
    # --prompt-cache-bytes bounds the kept caches together with the active one: what the wired limit
    # leaves for caches after the weights, the prefill scratch and the reserve, at least this context's
    room = p.usable - (peak(step) - _MLX_SCRATCH - kv.total) - _MLX_RUNTIME_RESERVE
    kept = _mlx_kept_caches(spec, ctx)
    if (1 + kept) * kv.total > room:
        tight = True
        cap_gb = math.floor(room / 1e9) if room > kv.total else math.ceil(kv.total / 1e9)
        settings.append(
            Setting(
                f"--prompt-cache-bytes {max(1, cap_gb)}G",
                f"mlx_lm.server keeps {'every turn' if kept > 1 else 'a copy'} of the conversation's "
                f"cache ({kv.total / GiB:.1f} GiB at this context) with no byte limit by default",
            )
        )
    return Placement(
        "gpu",
        "gpu",
        spec.layers,
        0,
        (load,),
        tight=tight,
        notes=tuple(notes),
        settings=tuple(settings),
        engine_defaults=defaults,
    )
