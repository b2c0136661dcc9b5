"""Does it fit: bytes of weights, KV cache and overheads, and where each engine puts them.

estimate_memory(model, quant, hardware, context=8192, engine="llama.cpp", backend="cuda")
    -> MemoryEstimate (weights, kv, placement with a per-device breakdown, notes)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ._engine_fit import EngineOptions, Setting
from ._engine_ollama import (
    ollama_auto_parallel,
    ollama_default_context,
    ollama_engine_vision_graph,
    ollama_flash_attention,
    ollama_legacy_estimate,
    ollama_projector,
    ollama_recurrent_checkpoints,
    ollama_scheduler,
)
from ._engine_vllm import vllm_default_kv_fp8, vllm_encoder_profile
from ._engines import engine_family
from ._errors import EstimateError
from ._kv import INDEXER_PAGED_BYTES, KV_TYPE_BYTES, KvBytes, kv_cache_bytes, recurrent_state_bytes
from ._overhead import (
    DEFAULT_UBATCH,
    FIT_MARGIN,
    OLLAMA_UNIFIED_HEADROOM,
    SCHED_PIPELINE_COPIES,
    VULKAN_FIT_MARGIN,
    GiB,
    MiB,
    attention_scores_bytes,
    engine_headroom,
    gguf_compute_buffer,
    raised_wired_limit_mb,
    vulkan_max_allocation,
)
from ._placement import DeviceLoad, Placement, layers_fit, place_gguf, split_layers
from ._pools import Rig, kept_per_rig, per_object, rig_pools
from ._weights import WeightBytes, checkpoint_weight_bytes, weight_bytes
from .catalog import ModelSpec, QuantSpec
from .hardware import Hardware

__all__ = [
    "MAX_DEVICES",
    "DeviceLoad",
    "MemoryEstimate",
    "Placement",
    "estimate_memory",
    "flash_attention_default",
    "layers_fit",
    "lmstudio_default_sessions",
    "paged_weights",
    "split_layers",
]

# tokens of one scheduling step vLLM/SGLang reserve for sliding-window layers beyond the window
# (vLLM's max_num_batched_tokens default on most GPUs, vllm/engine/arg_utils.py)
_PAGED_UBATCH = 2048
MAX_DEVICES = 128  # more GPUs than this in one answer is a typo, not a rig
MIN_CONTEXT = 1
MAX_CONTEXT = 10_485_760  # Llama 4 Scout's 10M is the largest context any model offers


# no setting given: the engines' own defaults (one immutable value, shared by every sizing)
_ENGINE_DEFAULTS = EngineOptions()


@dataclass(frozen=True, slots=True)
class MemoryEstimate:
    weights: WeightBytes
    kv: KvBytes
    placement: Placement
    rig: Rig
    context: int
    kv_type: str
    flash_attention: bool
    slots: int
    notes: tuple[str, ...]
    options: EngineOptions = field(default_factory=EngineOptions)  # the engine settings it was sized with

    @property
    def weights_bytes(self) -> float:
        """The weights in memory: the file's, plus what the engine loads twice (llama.cpp's copy of
        a tied embedding as the output head)."""
        return max(self.weights.total, sum(d.weights for d in self.placement.devices))

    @property
    def kv_bytes(self) -> float:
        return self.kv.total

    @property
    def overhead_bytes(self) -> float:
        return sum(d.compute + d.runtime for d in self.placement.devices)

    @property
    def total_bytes(self) -> float:
        """Everything on every device: a KV cache each GPU keeps whole (MLA's latent cache under
        tensor parallelism is not split by heads) counts once per copy."""
        return _total_bytes(self)


@per_object  # ranking and pruning options compare the same few estimates' totals again and again
def _total_bytes(m: MemoryEstimate) -> float:
    kv_held = max(m.kv_bytes, sum(d.kv for d in m.placement.devices))
    return m.weights_bytes + kv_held + m.overhead_bytes


def flash_attention_default(hw: Hardware, backend: str) -> bool:
    """llama.cpp enables flash attention automatically ("auto", since late 2025) where the backend's
    kernels support the GPU; old architectures without tensor cores/FP16 get it off."""
    return _flash_attention_on(hw)


@per_object  # every placement and bound an answer tries asks about the same rig object
def _flash_attention_on(hw: Hardware) -> bool:
    specs = [g.spec for g in hw.gpus if g.spec is not None]
    if hw.soc is not None and hw.soc.spec is not None:
        specs.append(hw.soc.spec)
    from .hardware import default_database

    archs = default_database().architectures
    for spec in specs:
        arch = archs.get(spec.arch or "")
        if arch is not None and not arch.flash_attention:
            return False
    return True


def _gpus_may_hold(w: WeightBytes, rig: Rig) -> bool:
    """Memory only: could the GPUs hold every layer and the output head (llama.cpp's all-on-GPU
    placement) with no margin at all? Not when those weights alone exceed the GPUs' physical memory
    (a megabyte of slack keeps the answer clear of rounding)."""
    return w.repeating + w.output + w.extra <= sum(p.total for p in rig.gpus) + 1e6


def _check_rig(hw: Hardware) -> None:
    if hw.gpu_count > MAX_DEVICES:
        raise EstimateError(
            f"{hw.gpu_count} GPUs is more than one rig holds; canirun sizes up to {MAX_DEVICES}.",
            hint="Give the GPUs of one machine or one tensor-parallel group.",
        )
    if hw.soc is not None and hw.soc.count > MAX_DEVICES:
        raise EstimateError(f"{hw.soc.count} machines is too many to size as one.")


@kept_per_rig
def estimate_memory(
    model: ModelSpec,
    quant: QuantSpec,
    hardware: Hardware,
    *,
    context: int,
    engine: str,
    backend: str,
    kv_type: str = "f16",
    flash_attention: bool | None = None,
    slots: int = 1,
    ubatch: int = DEFAULT_UBATCH,
    wired_limit_mb: int | None = None,
    gpu_memory_utilization: float | None = None,
    fit_margin: float = FIT_MARGIN,
    gpu_only: bool = False,
    context_given: bool = True,
    options: EngineOptions | None = None,
) -> MemoryEstimate:
    """Bytes and placement of `model` at `quant` on `hardware` for `context` tokens. With `gpu_only`
    (llama.cpp engines), only the all-on-GPU placement is tried: verdict "gpu" or "no", quickly.
    `context_given` False means the user named no context: engines whose own default differs (vLLM's
    max_model_len, Ollama's num_ctx, ExLlama's max_seq_len) are judged at that default too.
    `options` are engine settings the user gave; the engine's defaults apply to the rest."""
    if not MIN_CONTEXT <= context <= MAX_CONTEXT:
        raise EstimateError(
            f"context must be between {MIN_CONTEXT} and {MAX_CONTEXT:,} tokens, not {context:,}"
        )
    if not 1 <= slots <= 256:
        raise EstimateError(f"parallel slots must be between 1 and 256, not {slots}")
    if kv_type not in KV_TYPE_BYTES:
        raise EstimateError(f"unknown KV cache type '{kv_type}'", hint="Use f16, q8_0 or q4_0.")
    _check_rig(hardware)
    opts = options or _ENGINE_DEFAULTS
    if gpu_memory_utilization is not None:
        opts = replace(opts, gpu_memory_utilization=gpu_memory_utilization)
    _check_options(opts)
    if engine == "ollama" and slots == 1 and opts.num_parallel is not None:
        slots = min(opts.num_parallel, 256)  # OLLAMA_NUM_PARALLEL set: that many contexts are allocated
    if engine == "ollama" and slots == 1 and opts.num_parallel is None:
        auto = _ollama_auto_slots(
            model, quant, hardware, context, backend, kv_type, flash_attention, opts, wired_limit_mb
        )
        if auto > 1:
            return _ollama_with_auto_slots(
                auto,
                model,
                quant,
                hardware,
                context=context,
                backend=backend,
                kv_type=kv_type,
                flash_attention=flash_attention,
                ubatch=ubatch,
                wired_limit_mb=wired_limit_mb,
                fit_margin=fit_margin,
                gpu_only=gpu_only,
                context_given=context_given,
                options=opts,
            )
    notes: list[str] = []
    family = engine_family(engine)
    if engine == "vllm" and kv_type == "f16" and vllm_default_kv_fp8(model, opts.version):
        kv_type = "fp8"
        notes.append(
            f"vLLM {opts.version} keeps {model.name}'s KV cache in its fp8_ds_mla format by default "
            "(later releases keep 16 bits unless --kv-cache-dtype fp8 is given)"
        )
    if flash_attention is not None:
        fa = flash_attention
    elif engine == "lmstudio":
        fa = LMSTUDIO_FLASH_ATTENTION
    else:
        fa = flash_attention_default(hardware, backend)
    # an Ollama release that leaves flash attention off for this model by itself
    ollama_fa_off = (
        engine == "ollama"
        and flash_attention is None
        and fa
        and ollama_flash_attention(model, opts.version) is False
    )
    if ollama_fa_off:
        fa = False
    if kv_type not in ("f16", "bf16", "f32") and not fa and family == "gguf":
        notes.append("a quantized V cache needs flash attention: turned flash attention on")
        fa = True
    w = weight_bytes(model, quant) if family != "paged" else paged_weights(model, quant)
    if w.approximate:
        notes.append(f"{quant.id} is an unsloth dynamic mix: its size is approximate (check the file)")
    if w.exact:
        notes.append(f"{quant.id} sizes read from the GGUF file's tensor table")
    scheduler = ollama_scheduler(opts.version)
    if engine == "ollama":
        if w.vision > 0:
            # Ollama loads a vision model's projector with it; the legacy estimate also holds its graph
            _, graph = ollama_projector(model)
            w = replace(w, extra=w.extra + w.vision + (graph if scheduler == "legacy" else 0.0))
            notes.append(f"Ollama loads the vision projector ({w.vision / GiB:.1f} GiB) on the first GPU")
        if scheduler == "layout":
            # v0.11.11-v0.29 keep only their per-GPU minimum (the runtime in each pool) free
            fit_margin = 0.0
    if engine == "lmstudio" and w.vision > 0:
        w, note = _lmstudio_projector(model, w, fa)
        notes.append(note)
    if family == "gguf" and w.vision <= 0 and "vision" in model.tasks:
        # a vision model whose projector's size the catalog lacks: said, not silently left out
        notes.append(
            f"{model.name}'s vision projector (the mmproj file images need, loaded beside the model) is not "
            "counted: its size is not in canirun's catalog, so leave room for it"
        )
    vulkan_margin = (
        engine in ("llama.cpp", "lmstudio") and backend == "vulkan" and 0 < fit_margin < VULKAN_FIT_MARGIN
    )
    if vulkan_margin:
        fit_margin = VULKAN_FIT_MARGIN
    if family == "gguf":
        checkpoints = ollama_recurrent_checkpoints(model, opts.version) if engine == "ollama" else 0
        kv = kv_cache_bytes(
            model,
            context * slots if engine == "ollama" else context,
            k_type=kv_type,
            v_type=kv_type,
            # LM Studio's parallel predictions share one unified cache of the context (recurrent
            # state and sliding windows per sequence)
            slots=_lmstudio_sessions(opts) if engine == "lmstudio" else slots,
            ubatch=ubatch,
            recurrent_copies=checkpoints,
        )
        if checkpoints:
            saved = recurrent_state_bytes(model) * model.attention.linear_layers * slots * checkpoints
            notes.append(
                f"Ollama {opts.version} keeps {checkpoints} checkpoints of each sequence's recurrent state "
                f"in the cache ({saved / GiB:.1f} GiB); from 0.30 the model runs in llama-server without them"
            )
        rig = rig_pools(hardware, backend, margin=fit_margin, wired_limit_mb=wired_limit_mb)
        rig, most = _llama_cpp_devices(rig)
        if most:
            notes.append(most)
        if engine == "ollama" and w.vision > 0 and rig.gpus:
            w = _ollama_vision_reserve(model, w, kv, rig, opts.version, fa, ubatch, notes)
        if engine == "llama.cpp" and w.vision > 0:
            w, placement = _llama_server_projector(
                model,
                w,
                kv,
                rig,
                fa,
                ubatch,
                gpu_only,
                needs_images=opts.needs_images,
                pipeline_copies=_pipeline_copies(engine, opts),
            )
        else:
            placement = place_gguf(
                model,
                w,
                kv,
                rig,
                flash_attention=fa,
                ubatch=ubatch,
                gpu_only=gpu_only,
                # Ollama offloads whole layers (num_gpu): keeping only the routed experts in RAM is an
                # open request there (github.com/ollama/ollama/issues/11772)
                expert_offload=engine != "ollama",
                cpu_moe=opts.cpu_moe_layers if engine == "llama.cpp" else None,
                pipeline_copies=_pipeline_copies(engine, opts),
            )
        if (
            placement.verdict != "gpu"
            and rig.gpus
            and fit_margin > 0
            and not gpu_only
            and _gpus_may_hold(w, rig)
        ):
            loose = place_gguf(
                model,
                w,
                kv,
                _llama_cpp_devices(rig_pools(hardware, backend, margin=0, wired_limit_mb=wired_limit_mb))[0],
                flash_attention=fa,
                ubatch=ubatch,
                gpu_only=True,
                pipeline_copies=_pipeline_copies(engine, opts),
            )
            if loose.verdict == "gpu":
                placement = Placement(
                    placement.verdict,
                    placement.strategy,
                    placement.gpu_layers,
                    placement.cpu_moe_layers,
                    placement.devices,
                    placement.shortfall,
                    True,
                    placement.notes,
                )
                notes.append(
                    _VULKAN_MARGIN_NOTE if vulkan_margin else _FIT_MARGIN_NOTES.get(engine, _FIT_MARGIN_NOTE)
                )
        if vulkan_margin and engine == "llama.cpp" and placement.verdict in ("partial", "cpu") and rig.gpus:
            placement = replace(
                placement,
                settings=(
                    *placement.settings,
                    Setting(
                        f"--fit-target {VULKAN_FIT_MARGIN // MiB}",
                        f"--fit keeps 1 GiB free per GPU by default; a Vulkan driver needs about "
                        f"{VULKAN_FIT_MARGIN / GiB:.0f} GiB beside llama.cpp's buffers",
                    ),
                ),
            )
        if (
            model.tied_embeddings
            and w.output == 0
            and any(d.holds_output and d.kind == "gpu" for d in placement.devices)
        ):
            notes.append(
                f"{model.name} ties its output head to the token embedding: llama.cpp loads it a second "
                f"time as the head on the GPU ({w.embedding / GiB:.1f} GiB)"
            )
        if opts.split_mode == "row" and engine == "llama.cpp":
            placement = _row_split_main_gpu(placement)
        if fit_margin > 0 and engine in _FIT_FROM_FREE:
            placement = _desktop_inside_margin(placement, engine)
        if backend == "vulkan" and not fa:
            placement = _vulkan_allocation_cap(
                placement,
                model,
                rig,
                hardware,
                engine,
                context * slots if engine == "ollama" else context,
                ubatch,
            )
        placement = _gguf_settings(
            placement, model, hardware, engine, context, context_given, kv_type, fa, opts
        )
        if engine == "ollama" and scheduler == "legacy" and placement.verdict == "gpu":
            placement = _ollama_legacy(
                placement,
                model,
                w,
                rig,
                context,
                slots,
                kv_type,
                fa,
                version=opts.version,
                headroom=opts.headroom,
            )
        if engine == "ollama" and not context_given and placement.verdict == "gpu" and not placement.tight:
            vram = _ollama_total_vram(hardware)
            default_ctx = ollama_default_context(vram, model.shipped_context, opts.version)
            if default_ctx > context:
                at_ollama_default = estimate_memory(
                    model,
                    quant,
                    hardware,
                    context=default_ctx,
                    engine=engine,
                    backend=backend,
                    kv_type=kv_type,
                    flash_attention=flash_attention,
                    slots=slots,
                    ubatch=ubatch,
                    wired_limit_mb=wired_limit_mb,
                    fit_margin=fit_margin,
                    options=opts,
                ).placement
                if at_ollama_default.verdict != "gpu" or at_ollama_default.tight:
                    note = (
                        f"started without OLLAMA_CONTEXT_LENGTH, Ollama takes its default {default_ctx:,} "
                        "tokens, which this rig does not hold comfortably on the GPU"
                    )
                    placement = replace(placement, tight=True, notes=(*placement.notes, note))
    else:
        # the other engines' placements (and their engines' tables) are imported by the first use
        from ._placement_other import place_exllama, place_mlx

        kv_cache_type = "fp8" if kv_type in ("q8_0", "fp8") and family == "paged" else kv_type
        # ExLlama's cache gives every layer max_seq_len cells, sliding-window layers too (exllamav2
        # cache.py create_state_tensors allocates each layer's K and V at the full length)
        full_layers = family == "exllama"
        kv = kv_cache_bytes(
            model,
            context,
            k_type=kv_cache_type,
            v_type=kv_cache_type,
            slots=slots,
            pad=False,
            swa_aware=not full_layers,
            indexer_bytes=INDEXER_PAGED_BYTES if family == "paged" else None,
        )
        rig = rig_pools(hardware, backend, margin=0, wired_limit_mb=wired_limit_mb)
        if family == "paged":

            def kv_for(tokens: int) -> float:
                return kv_cache_bytes(
                    model,
                    tokens,
                    k_type=kv_cache_type,
                    v_type=kv_cache_type,
                    pad=False,
                    ubatch=_PAGED_UBATCH,
                    indexer_bytes=INDEXER_PAGED_BYTES,
                ).total

            placement, w, text_only_note = _place_vllm_text_only(
                model, w, kv_for, rig, engine, context, context_given, opts, _fp8_block(model, quant)
            )
            if text_only_note:
                notes.append(text_only_note)
        elif family == "exllama":
            at_default = (
                kv_cache_bytes(
                    model, model.shipped_context, k_type=kv_type, v_type=kv_type, pad=False, swa_aware=False
                )
                if not context_given
                else None
            )
            placement = place_exllama(
                model,
                w,
                kv,
                rig,
                context=context,
                context_given=context_given,
                kv_at_default=at_default,
                headroom=opts.headroom,
            )
            if opts.split_mode == "tensor" and placement.verdict == "gpu" and len(rig.gpus) > 1:
                # TabbyAPI's tensor_parallel (config_sample.yml; ExLlamaV2 0.2.x and ExLlamaV3) splits
                # every layer over all the GPUs instead of giving each a run of whole layers
                tp_note = (
                    f"tensor parallel over the {len(rig.gpus)} GPUs (--tensor-parallel true): every GPU "
                    "reads its share of each layer at once; the memory is sized as the layer split, whose "
                    "share per GPU is about the same"
                )
                placement = replace(
                    placement, tensor_parallel=len(rig.gpus), notes=(*placement.notes, tp_note)
                )
        else:
            placement = place_mlx(model, w, kv, rig, context)
            if not context_given and placement.verdict == "gpu" and not placement.tight:
                raised = rig_pools(
                    hardware,
                    backend,
                    margin=0,
                    wired_limit_mb=raised_wired_limit_mb(rig.unified_total or rig.gpus[0].total),
                )
                placement = _mlx_uncapped(model, w, (rig, raised), context, kv_type, placement)
    notes.extend(rig.notes)
    notes.extend(placement.notes)
    result = MemoryEstimate(w, kv, placement, rig, context, kv_type, fa, slots, tuple(notes), opts)
    if ollama_fa_off and not fa and not gpu_only and (placement.verdict != "gpu" or placement.tight):
        with_flash_attention = estimate_memory(
            model,
            quant,
            hardware,
            context=context,
            engine=engine,
            backend=backend,
            kv_type=kv_type,
            flash_attention=True,
            slots=slots,
            ubatch=ubatch,
            wired_limit_mb=wired_limit_mb,
            fit_margin=fit_margin,
            context_given=context_given,
            options=opts,
        )
        return _ollama_with_flash_attention(result, with_flash_attention)
    if engine == "lmstudio" and flash_attention is None and opts.num_parallel is None and not gpu_only:
        return _lmstudio_at_defaults(
            result,
            model,
            quant,
            hardware,
            backend=backend,
            kv_type=kv_type,
            ubatch=ubatch,
            wired_limit_mb=wired_limit_mb,
            fit_margin=fit_margin,
            context_given=context_given,
            options=opts,
        )
    return result


_FIT_MARGIN_NOTE = "fits fully on the GPUs only inside llama.cpp's 1 GiB safety margin (-ngl 99 --fit off)"
# the same override in each front-end's own settings: Ollama's num_gpu runner option, the layers it
# offloads (github ollama/ollama api/types.go Runner.NumGPU, docs/api.md "num_gpu"; `/set parameter`
# in `ollama run`, cmd/interactive.go @fb307609); LM Studio's GPU offload (`lms load --gpu max`)
_FIT_MARGIN_NOTES = {
    "ollama": (
        "fits fully on the GPUs only inside the 1 GiB Ollama keeps free per GPU: to force every layer "
        "onto them, set num_gpu 999 (/set parameter num_gpu 999 in ollama run, PARAMETER num_gpu 999 in a "
        'Modelfile, or "options": {"num_gpu": 999} in the API); a shorter num_ctx '
        "(OLLAMA_CONTEXT_LENGTH) is the safe way"
    ),
    "lmstudio": (
        "fits fully on the GPUs only inside the 1 GiB LM Studio's llama.cpp keeps free per GPU: "
        "GPU offload at max (lms load --gpu max) forces every layer onto them"
    ),
}
_VULKAN_MARGIN_NOTE = (
    f"fits fully on the GPUs only inside the {VULKAN_FIT_MARGIN / GiB:.0f} GiB a Vulkan driver needs free "
    "beside llama.cpp's buffers"
)


def _row_split_main_gpu(placement: Placement) -> Placement:
    """llama.cpp's row split (-sm row) spreads the rows of each weight matrix over the GPUs but keeps
    the KV cache and the intermediate results on the main GPU (llama-server --help, -mg: "the GPU to
    use ... for intermediate results and KV (with split-mode = row)"). A layer placement whose main GPU
    cannot also hold every GPU's share of the cache (beside the desktop's share of it, when it drives
    one) is tight there; the layer split holds it."""
    gpus = placement.gpu_devices
    if placement.verdict != "gpu" or placement.tight or len(gpus) < 2:
        return placement
    main = gpus[0]
    cache = sum(d.kv for d in gpus)
    if main.weights + cache + main.compute + main.reserve <= main.usable:
        return placement
    desktop = f" and the desktop's {main.reserve / GiB:.1f} GiB" if main.reserve > 0 else ""
    note = (
        f"with -sm row the whole KV cache ({cache / GiB:.1f} GiB) sits on {main.name} beside its share of "
        f"the weights{desktop}"
    )
    setting = Setting("-sm layer", "the layer split spreads the KV cache over the GPUs with their layers")
    return replace(
        placement, tight=True, settings=(*placement.settings, setting), notes=(*placement.notes, note)
    )


# how each llama.cpp front-end turns flash attention on (llama-server --flash-attn; Ollama's
# OLLAMA_FLASH_ATTENTION, docs/faq.md); LM Studio's switch is LMSTUDIO_FLASH_ATTENTION_SETTING
OLLAMA_FLASH_ATTENTION_ON = "OLLAMA_FLASH_ATTENTION=1"
_FLASH_ATTENTION_FLAGS = {"llama.cpp": "-fa on", "ollama": OLLAMA_FLASH_ATTENTION_ON}


def _vulkan_allocation_cap(
    placement: Placement,
    model: ModelSpec,
    rig: Rig,
    hardware: Hardware,
    engine: str,
    kv_cells: int,
    ubatch: int,
) -> Placement:
    """Without flash attention the attention scores of a micro-batch against the whole cache are one
    tensor; on a Vulkan GPU whose driver caps one allocation below it, llama.cpp fails to allocate its
    compute buffer however much memory is free ("failed to allocate compute pp buffers"). Such a fit
    is tight; flash attention (or a shorter context) avoids the tensor."""
    if placement.verdict != "gpu" or placement.tight:
        return placement
    scores = attention_scores_bytes(model, kv_cells, ubatch)
    pools = {p.name: p for p in rig.gpus}
    for d in placement.gpu_devices:
        pool = pools.get(d.name)
        if pool is None or pool.spec is None or d.compute <= 0:
            continue
        cap = vulkan_max_allocation(pool.spec.vendor, windows=hardware.windows)
        if cap is None or scores <= cap:
            continue
        note = (
            f"without flash attention the attention scores of the {kv_cells:,}-token cache are one "
            f"{scores / GiB:.1f} GiB tensor, above the {cap / GiB:.0f} GiB one allocation may take on "
            f"{d.name}'s Vulkan driver"
        )
        flag = _FLASH_ATTENTION_FLAGS.get(engine)
        settings = placement.settings
        if flag is not None:
            settings = (
                *settings,
                Setting(flag, "flash attention never builds the whole attention-score tensor"),
            )
        return replace(placement, tight=True, settings=settings, notes=(*placement.notes, note))
    return placement


# mlx_lm.server allocates the cache as a conversation grows and caps it nowhere: none of its arguments
# limits the context (mlx_lm/server.py @d78bf58e), and it decodes up to --decode-concurrency 32 requests
# at once. A session runs until the model's own maximum context or until Metal runs out (mlx-lm#883,
# mlx#3564, mlx-lm#1390: servers that loaded and then died as their caches grew).
_MLX_CONTEXT_STEP = 1024


def _mlx_uncapped(
    model: ModelSpec,
    w: WeightBytes,
    rigs: tuple[Rig, Rig],
    context: int,
    kv_type: str,
    placement: Placement,
) -> Placement:
    """MLX judged at canirun's default context with none asked: comfortable only if the cache of the
    model's whole context fits as comfortably; else tight, with the longest conversation that does, and
    the raised GPU wired limit (`rigs[1]`) where that holds the whole context."""
    rig, raised = rigs

    from ._placement_other import place_mlx  # the other engines' placements: loaded when asked for

    def comfortable(tokens: int, pools: Rig = rig) -> bool:
        kv = kv_cache_bytes(model, tokens, k_type=kv_type, v_type=kv_type, pad=False)
        p = place_mlx(model, w, kv, pools, tokens)
        return p.verdict == "gpu" and not p.tight

    if model.max_context <= context or comfortable(model.max_context):
        return placement
    lo, hi = context, model.max_context  # comfortable at lo, not at hi
    while hi - lo > _MLX_CONTEXT_STEP:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if comfortable(mid) else (lo, mid)
    note = (
        f"mlx_lm.server does not cap its cache: a conversation past about {lo // _MLX_CONTEXT_STEP}K tokens "
        f"(of {model.name}'s {model.max_context // _MLX_CONTEXT_STEP}K) outgrows the GPU's working set"
    )
    if comfortable(model.max_context, raised):
        # said in words: the context sized fits as it is, so the command takes no memory from macOS
        limit_mb = raised_wired_limit_mb(rig.unified_total or rig.gpus[0].total)
        note += f"; sudo sysctl iogpu.wired_limit_mb={limit_mb} holds the cache of its whole context"
    return replace(placement, tight=True, notes=(*placement.notes, note))


# LM Studio's load defaults for llama.cpp models (github lmstudio-ai/lmstudio-js
# packages/lms-kv-config/src/schema.ts @6ec11db1, scope llm.load): llama.flashAttention false,
# numParallelSessions 4 with useUnifiedKvCache true, physicalBatchSize 512, f16 K and V,
# offloadKVCacheToGpu true, acceleration.offloadRatio "max"
LMSTUDIO_FLASH_ATTENTION = False
LMSTUDIO_PARALLEL_SESSIONS = 4
# Max Concurrent Predictions came with LM Studio 0.4.0 and its llama.cpp engine v2.0.0
# (https://lmstudio.ai/docs/app/advanced/parallel-requests): earlier releases serve one prediction
LMSTUDIO_PARALLEL_SINCE = (0, 4, 0)


def lmstudio_default_sessions(version: str | None) -> int:
    """The predictions LM Studio serves at once when not told: 4 since 0.4.0, one before."""
    if version:
        try:
            release = tuple(int(p) for p in version.lstrip("v").split(".")[:3])
        except ValueError:
            return LMSTUDIO_PARALLEL_SESSIONS
        if release < LMSTUDIO_PARALLEL_SINCE:
            return 1
    return LMSTUDIO_PARALLEL_SESSIONS


# llama.cpp's GPU backends take at most 16 devices in one process (GGML_CUDA_MAX_DEVICES; the ROCm
# build shares that header): github ggml-org/llama.cpp ggml/include/ggml-cuda.h
# @dee003ea8420fdf6c27fc38fc787a4a7a2d3c711. Past that the other cards stay idle, unless other
# machines join over the RPC backend (each an rpc-server of its own cards)
LLAMA_CPP_MAX_DEVICES = 16


# llama.cpp's --fit (and LM Studio's llama.cpp engine) keeps its margin free of the memory each device
# reports free when it loads (ggml_backend_dev_memory's `free`: cudaMemGetInfo on CUDA), not of the
# card's total: what the desktop already holds of a display GPU is gone before the margin is counted
# (github ggml-org/llama.cpp src/llama.cpp llama_get_device_memory_data and llama_params_fit_impl,
# "projected_free = dmd.free - projected_used" against each device's margin, as in
# JohannesGaessler/llama.cpp @34b3f3b5; tools/fit-params/README.md: "fit the projected memory use of a
# model to the free device memory available at runtime"). Ollama reads free memory through its own
# discovery and keeps its own minimum: its fits are judged as before.
_FIT_FROM_FREE = ("llama.cpp", "lmstudio")


def _pipeline_copies(engine: str, opts: EngineOptions) -> int:
    """Copies of each GPU's graph inputs the engine keeps with every layer on two or more GPUs:
    llama.cpp's pipeline over a layer split (SCHED_PIPELINE_COPIES; off with -sm row or tensor, and
    with --n-cpu-moe, a tensor override), in llama-server and LM Studio alike."""
    if engine not in _FIT_FROM_FREE or opts.split_mode in ("row", "tensor") or opts.cpu_moe_layers:
        return 1
    return SCHED_PIPELINE_COPIES


def _desktop_inside_margin(placement: Placement, engine: str) -> Placement:
    """A fit on the GPUs that leaves a display GPU llama.cpp's margin only by counting the memory its
    desktop holds is tight. llama-server's command gives -ngl 99 and -c, and --fit changes only the
    settings a command leaves unset (it stops at a -ngl given: "n_gpu_layers already set by user",
    github ggml-org/llama.cpp common/fit.cpp), so every layer goes on the GPU with less than the margin
    beside the desktop; LM Studio's automatic offload keeps the margin and moves a layer to the CPU."""
    if placement.verdict != "gpu" or placement.tight:
        return placement
    over = [
        d
        for d in placement.gpu_devices
        if d.reserve > 0 and d.weights + d.kv + d.compute + d.reserve > d.usable + 1
    ]
    if not over:
        return placement
    d = over[0]
    head = (
        f"fits fully on the GPUs only inside llama.cpp's 1 GiB safety margin once the desktop's share of "
        f"{d.name} ({d.reserve / GiB:.1f} GiB) is counted"
    )
    if engine == "lmstudio":
        tail = (
            "LM Studio's automatic GPU offload keeps the margin and moves a layer to the CPU; GPU offload "
            "at max (lms load --gpu max), a headless GPU or a shorter context keep every layer on the GPU"
        )
    else:
        tail = (
            "the command's -ngl 99 puts every layer on the GPU (llama.cpp's --fit changes only settings "
            "a command leaves unset, so it moves nothing); should loading run out of memory, a headless "
            "GPU or a shorter -c makes room"
        )
    return replace(placement, tight=True, notes=(*placement.notes, f"{head}: {tail}"))


def _llama_cpp_devices(rig: Rig) -> tuple[Rig, str]:
    """The GPUs one llama.cpp process uses (the first 16, fastest first) and what to tell the asker
    when the rig has more."""
    if len(rig.gpus) <= LLAMA_CPP_MAX_DEVICES or rig.machines > 1:
        return rig, ""
    note = (
        f"llama.cpp uses {LLAMA_CPP_MAX_DEVICES} GPUs at most in one process (GGML_CUDA_MAX_DEVICES): "
        f"sized on {LLAMA_CPP_MAX_DEVICES} of the {len(rig.gpus)}; the others need vLLM or SGLang across "
        "servers, or llama.cpp's RPC backend joining machines"
    )
    return replace(rig, gpus=rig.gpus[:LLAMA_CPP_MAX_DEVICES]), note


def _ollama_vision_reserve(
    model: ModelSpec,
    w: WeightBytes,
    kv: KvBytes,
    rig: Rig,
    version: str | None,
    fa: bool,
    ubatch: int,
    notes: list[str],
) -> WeightBytes:
    """The first GPU's compute buffer under Ollama's own engine is the larger of the text batch's graph
    and the vision encoder's worst-case one (one scheduler reserves both); the part of the vision graph
    past the text graph is held beside the projector."""
    vision = ollama_engine_vision_graph(model, version, fa)
    text = gguf_compute_buffer(
        model, kv.cells, flash_attention=fa, holds_output=len(rig.gpus) == 1, ubatch=ubatch
    )
    if vision <= text:
        return w
    notes.append(
        f"Ollama {version} sizes the vision encoder for a 2048x2048 image at load, its attention unfused "
        f"({vision / GiB:.1f} GiB of graph on the first GPU); from 0.13.2 with flash attention it is fused"
    )
    return replace(w, extra=w.extra + vision - text)


# llama-server -hf downloads and loads a repo's multimodal projector by itself (`--mmproj-auto`,
# default enabled) and offloads it to the GPU (`--mmproj-offload`, default enabled; `--mmproj-device`
# follows --device: the main GPU): github ggml-org/llama.cpp common/arg.cpp, as `llama-server --help`
# prints them. The projector file is the vision tower in F16. Without flash attention the image
# encoder's graph holds its patch-by-patch score matrix (the clip graph Ollama estimates); with it
# that matrix is never formed and what is left is small beside the tower.
NO_MMPROJ_SETTING = "--no-mmproj"


def _llama_server_projector(
    model: ModelSpec,
    w: WeightBytes,
    kv: KvBytes,
    rig: Rig,
    fa: bool,
    ubatch: int,
    gpu_only: bool,
    *,
    needs_images: bool = False,
    pipeline_copies: int = 1,
) -> tuple[WeightBytes, Placement]:
    """llama.cpp's placement of a vision model as `llama-server -hf` loads it: the projector on the
    first GPU. Where only the projector stands between the model and a comfortable fit, the text-only
    placement with --no-mmproj, marked tight; never for a vision task (OCR, images), which needs the
    projector however tight."""
    graph = 0.0 if fa else ollama_projector(model)[1]
    with_projector = replace(w, extra=w.extra + w.vision + graph)
    placement = place_gguf(
        model,
        with_projector,
        kv,
        rig,
        flash_attention=fa,
        ubatch=ubatch,
        gpu_only=gpu_only,
        pipeline_copies=pipeline_copies,
    )
    with_graph = "" if fa else " with its image-encoder graph"
    note = (
        f"llama-server -hf also loads {model.name}'s vision projector ({(w.vision + graph) / GiB:.1f} GiB"
        f"{with_graph}; {NO_MMPROJ_SETTING} for text only)"
    )
    if placement.verdict == "gpu" or needs_images or (not rig.gpus and placement.verdict != "no"):
        return with_projector, replace(placement, notes=(*placement.notes, note))
    if rig.gpus:
        # only a text model fully on the GPUs is taken: the quick all-on-GPU try says whether it is
        text_only = place_gguf(
            model,
            w,
            kv,
            rig,
            flash_attention=fa,
            ubatch=ubatch,
            gpu_only=True,
            pipeline_copies=pipeline_copies,
        )
        ok = text_only.verdict == "gpu"
    else:
        # no GPU: the projector sits in RAM beside the model; where it alone leaves no room, the text
        # model that runs without it
        text_only = place_gguf(model, w, kv, rig, flash_attention=fa, ubatch=ubatch)
        ok = text_only.verdict != "no"
    if not ok:
        return with_projector, replace(placement, notes=(*placement.notes, note))
    room = "leaves the GPUs no room" if rig.gpus else "leaves no room in memory"
    setting = Setting(
        NO_MMPROJ_SETTING,
        f"llama-server -hf also loads {model.name}'s vision projector ({(w.vision + graph) / GiB:.1f} GiB"
        f"{with_graph}), which {room}; the text model fits",
    )
    return w, replace(text_only, tight=True, settings=(*text_only.settings, setting))


# LM Studio loads a vision model's projector (the GGUF's mmproj) on the GPU with the model: its engine
# fails that allocation first when the GPU is full (lmstudio-ai/lmstudio-bug-tracker#2295), and image
# prompts run the encoder there (gemma-3-27b ran out of an L4's memory in image inference,
# lmstudio-bug-tracker#1638). Without flash attention the encoder's graph holds the patch-by-patch
# scores, the clip graph Ollama's estimate sizes.
def _lmstudio_projector(model: ModelSpec, w: WeightBytes, fa: bool) -> tuple[WeightBytes, str]:
    graph = 0.0 if fa else ollama_projector(model)[1]
    with_graph = "" if fa else " with its image-encoder graph"
    note = (
        f"LM Studio loads {model.name}'s vision projector on the GPU ({(w.vision + graph) / GiB:.1f} GiB"
        f"{with_graph})"
    )
    return replace(w, extra=w.extra + w.vision + graph), note


def _lmstudio_sessions(opts: EngineOptions) -> int:
    return opts.num_parallel or lmstudio_default_sessions(opts.version)


def _lmstudio_at_defaults(
    at_defaults: MemoryEstimate,
    model: ModelSpec,
    quant: QuantSpec,
    hardware: Hardware,
    *,
    backend: str,
    kv_type: str,
    ubatch: int,
    wired_limit_mb: int | None,
    fit_margin: float,
    context_given: bool,
    options: EngineOptions,
) -> MemoryEstimate:
    """LM Studio as it loads by itself (flash attention off, four parallel predictions). Where that
    is not a comfortable fit on the GPUs but flash attention on (and one prediction at a time) is,
    the answer is the latter, tight, with those settings: started without them LM Studio allocates
    the attention scores of the whole context and runs out of memory, or its guardrails refuse."""
    p = at_defaults.placement
    if p.verdict == "gpu" and not p.tight:
        return at_defaults
    default_sessions = lmstudio_default_sessions(options.version)
    for sessions in sorted({default_sessions, 1}, reverse=True):
        alt = estimate_memory(
            model,
            quant,
            hardware,
            context=at_defaults.context,
            engine="lmstudio",
            backend=backend,
            kv_type=kv_type,
            flash_attention=True,
            ubatch=ubatch,
            wired_limit_mb=wired_limit_mb,
            fit_margin=fit_margin,
            context_given=context_given,
            options=replace(options, num_parallel=sessions),
        )
        q = alt.placement
        if q.verdict != "gpu" or q.tight:
            continue
        settings = [
            Setting(
                LMSTUDIO_FLASH_ATTENTION_SETTING,
                "LM Studio loads llama.cpp models with flash attention off: the attention scores of "
                f"the {at_defaults.context:,}-token context take "
                f"{_compute_gib(at_defaults.placement) - _compute_gib(q):.1f} GiB more",
            )
        ]
        if sessions != default_sessions:
            settings.append(
                Setting(
                    "--parallel 1",
                    f"LM Studio serves {LMSTUDIO_PARALLEL_SESSIONS} predictions at once by default, "
                    "each with its own recurrent state and sliding-window cache",
                )
            )
        served = (
            f"{default_sessions} parallel predictions" if default_sessions > 1 else "one prediction at a time"
        )
        note = f"with LM Studio's defaults (flash attention off, {served}) this does not fit comfortably"
        placement = replace(q, tight=True, settings=(*q.settings, *settings), notes=(*q.notes, note))
        return replace(alt, placement=placement, notes=(*alt.notes, note))
    return at_defaults


def _ollama_with_flash_attention(at_default: MemoryEstimate, alt: MemoryEstimate) -> MemoryEstimate:
    """An Ollama release that leaves flash attention off for this model (`ollama_flash_attention`),
    where that (`at_default`) is not a comfortable fit on the GPUs but flash attention on (`alt`) is:
    the answer is the latter, tight, with OLLAMA_FLASH_ATTENTION=1. Started without it, that release
    builds the attention scores of the whole context and runs out of memory or spills layers to the
    CPU."""
    q = alt.placement
    if q.verdict != "gpu" or q.tight:
        return at_default
    version = at_default.options.version
    release = f"Ollama {version}" if version else "this Ollama release"
    setting = Setting(
        _FLASH_ATTENTION_FLAGS["ollama"],
        f"{release} leaves flash attention off for this model: the attention scores of the "
        f"{at_default.context:,}-token context take "
        f"{_compute_gib(at_default.placement) - _compute_gib(q):.1f} GiB more",
    )
    note = f"with {release}'s defaults (flash attention off for this model) this does not fit comfortably"
    placement = replace(q, tight=True, settings=(*q.settings, setting), notes=(*q.notes, note))
    return replace(alt, placement=placement, notes=(*alt.notes, note))


# the flash attention switch is in LM Studio's load settings (the lms CLI has no flag for it)
LMSTUDIO_FLASH_ATTENTION_SETTING = "Flash Attention: on"


def _compute_gib(p: Placement) -> float:
    return sum(d.compute for d in p.devices) / GiB


def _ollama_auto_slots(
    model: ModelSpec,
    quant: QuantSpec,
    hardware: Hardware,
    context: int,
    backend: str,
    kv_type: str,
    flash_attention: bool | None,
    opts: EngineOptions,
    wired_limit_mb: int | None,
) -> int:
    """Parallel slots an Ollama release picks by itself (sizing._engine_ollama.ollama_auto_parallel):
    its first choice where its own estimate holds every layer on the GPUs at num_ctx x that many
    cells, else 1."""
    auto = ollama_auto_parallel(opts.version, model)
    if auto == 1 or ollama_scheduler(opts.version) != "legacy":
        return 1
    rig = rig_pools(hardware, backend, margin=0, wired_limit_mb=wired_limit_mb)
    if not rig.gpus:
        return 1
    w = weight_bytes(model, quant)
    fa = flash_attention
    if fa is None:  # the release's own default, as the scheduler that picks the slots sees it
        fa = (
            flash_attention_default(hardware, backend)
            and ollama_flash_attention(model, opts.version) is not False
        )
    est = ollama_legacy_estimate(
        model,
        w,
        num_ctx=context,
        num_parallel=auto,
        gpus_free=[p.total - p.runtime - p.reserve for p in rig.gpus],
        kv_type=kv_type,
        flash_attention=fa,
        projector=ollama_projector(model),
        version=opts.version,
    )
    return auto if est.layers_offload >= est.layers_model else 1


def _ollama_with_auto_slots(
    auto: int,
    model: ModelSpec,
    quant: QuantSpec,
    hardware: Hardware,
    *,
    context: int,
    backend: str,
    kv_type: str,
    flash_attention: bool | None,
    ubatch: int,
    wired_limit_mb: int | None,
    fit_margin: float,
    gpu_only: bool,
    context_given: bool,
    options: EngineOptions,
) -> MemoryEstimate:
    """Ollama loads with `auto` slots (num_ctx x auto cells) when its estimate says they fit. A
    comfortable fit there is the answer; otherwise it is the one-slot placement, tight, with
    OLLAMA_NUM_PARALLEL=1 in the command (started without it, Ollama takes the larger cache)."""

    def run(slots: int, opts: EngineOptions) -> MemoryEstimate:
        return estimate_memory(
            model,
            quant,
            hardware,
            context=context,
            engine="ollama",
            backend=backend,
            kv_type=kv_type,
            flash_attention=flash_attention,
            slots=slots,
            ubatch=ubatch,
            wired_limit_mb=wired_limit_mb,
            fit_margin=fit_margin,
            gpu_only=gpu_only,
            context_given=context_given,
            options=opts,
        )

    at_auto = run(auto, options)
    label = f"Ollama {options.version}" if options.version else "this Ollama release"
    if at_auto.placement.verdict == "gpu" and not at_auto.placement.tight:
        note = f"{label} picks {auto} parallel slots by itself: {auto} x {context:,} tokens of cache"
        return replace(at_auto, notes=(*at_auto.notes, note))
    single = run(1, replace(options, num_parallel=1))
    p = single.placement
    note = (
        f"{label} picks {auto} parallel slots by itself ({auto} x {context:,} tokens of cache), "
        "which its own estimate fits but this rig does not hold comfortably"
    )
    setting = Setting(
        "OLLAMA_NUM_PARALLEL=1", f"Ollama would otherwise load {auto} slots, each with its own context"
    )
    placement = replace(p, tight=p.verdict != "no", settings=(*p.settings, setting), notes=(*p.notes, note))
    return replace(single, placement=placement, notes=(*single.notes, note))


def _ollama_total_vram(hardware: Hardware) -> float:
    """The total VRAM Ollama sizes its default context by: the sum of the GPUs' total memory as the
    driver reports it (server/routes.go `totalVRAM += gpu.TotalMemory`); a "24 GB" card reports
    24 GiB, which is the unit of the hardware database's vram_gb."""
    return sum((g.vram_gb or 0.0) * g.count for g in hardware.gpus) * GiB


# the most free memory per GPU an answer may be asked to keep (a GPU's whole share is never meant)
_MAX_HEADROOM = 16 * GiB


def _check_options(opts: EngineOptions) -> None:
    for name, value in (
        ("gpu_memory_utilization", opts.gpu_memory_utilization),
        ("mem_fraction_static", opts.mem_fraction_static),
    ):
        if value is not None and not 0.05 <= value <= 1.0:
            raise EstimateError(f"{name} must be between 0.05 and 1, not {value:g}")
    for name, count in (
        ("max_num_seqs", opts.max_num_seqs),
        ("max_num_batched_tokens", opts.max_num_batched_tokens),
        ("tensor_parallel", opts.tensor_parallel),
        ("num_parallel", opts.num_parallel),
    ):
        if count is not None and count < 1:
            raise EstimateError(f"{name} must be at least 1, not {count}")
    if opts.headroom is not None and not 0 <= opts.headroom <= _MAX_HEADROOM:
        raise EstimateError(
            f"headroom must be between 0 and {_MAX_HEADROOM / GiB:g} GiB, not {opts.headroom / GiB:g} GiB"
        )


# vLLM also runs the vision encoder on the largest image or video a request may carry while it profiles
# its memory at start-up (the V0 engine on an image and a video in every dummy request). For Qwen-VL-style
# models that peak is counted (sizing._engine_vllm
# vllm_encoder_profile, by release); for the others it is not. The per-prompt limits shrink it, as
# printed in the engine arguments of noonghunna/club-3090#612 ('limit_mm_per_prompt': {'image': 2,
# 'audio': 0}).
_VLLM_ENCODER_NOTE = (
    "vLLM also profiles the vision encoder on its largest image or video input at start-up, which this "
    "estimate does not count; if start-up runs out of memory, --limit-mm-per-prompt '{\"video\": 0}' or "
    "--language-model-only (text only) shrink it"
)


# vLLM's --limit-mm-per-prompt takes a JSON map of modality to count; '{"video": 0}' accepts images
# but no video, so the encoder is profiled on its largest image (docs/configuration/conserving_memory.md:
# "disable unused modalities completely by setting their limits to zero", vllm-project/vllm#26767)
_NO_VIDEO_FLAG = "--limit-mm-per-prompt '{\"video\": 0}'"


def _encoder_profile(model: ModelSpec, context: int, opts: EngineOptions, *, video: bool) -> float:
    """Bytes vLLM's profiling of the vision encoder holds on one GPU under `opts`."""
    return vllm_encoder_profile(
        model,
        version=opts.version,
        max_model_len=context,
        max_num_batched_tokens=opts.max_num_batched_tokens or 0,
        tensor_parallel=opts.tensor_parallel or 1,
        video=video,
        max_num_seqs=opts.max_num_seqs,
    )


def _vllm_encoder_note(model: ModelSpec, context: int, opts: EngineOptions) -> str:
    """What the answer says about vLLM's profiling of the vision encoder at max_model_len `context`."""

    def profile(video: bool) -> float:
        return _encoder_profile(model, context, opts, video=video)

    full, images = profile(not opts.no_video), profile(False)
    if full <= 0:
        return _VLLM_ENCODER_NOTE
    if opts.no_video:
        return (
            f"{_NO_VIDEO_FLAG}: vLLM profiles the vision encoder on its largest image at start-up "
            f"(about {images / GiB:.1f} GiB, counted); --language-model-only (text only) leaves it out"
        )
    if full > images:
        return (
            "counts vLLM's start-up profiling of the vision encoder on a dummy video as long as the "
            f"context (about {full / GiB:.1f} GiB at {context:,} tokens); {_NO_VIDEO_FLAG} (images "
            f"only, about {images / GiB:.1f} GiB) or --language-model-only (text only) shrink it"
        )
    return (
        "counts vLLM's start-up profiling of the vision encoder on its largest image or video "
        f"(about {full / GiB:.1f} GiB); --language-model-only (text only) leaves it out"
    )


def _fp8_block(model: ModelSpec, quant: QuantSpec) -> int | None:
    """The quantization block of the FP8 checkpoint vLLM or SGLang loads for this model (its
    published FP8 repo's weight_block_size); None for other precisions and for FP8 made on the fly
    from a BF16 checkpoint (per-tensor scales, nothing to keep whole)."""
    if quant.format != "fp8":
        return None
    from .catalog import default_repos

    blocks = [r.block for r in default_repos().for_model(model.id) if r.kind == "fp8" and r.block]
    return blocks[0] if blocks else None


def _place_vllm_text_only(
    model: ModelSpec,
    w: WeightBytes,
    kv_for: Callable[[int], float],
    rig: Rig,
    engine: str,
    context: int,
    context_given: bool,
    opts: EngineOptions,
    fp8_block: int | None = None,
) -> tuple[Placement, WeightBytes, str | None]:
    """vLLM or SGLang's placement and the weights it holds; a vision model on vLLM also without
    video inputs or without its vision tower.

    vLLM's --language-model-only loads a multimodal checkpoint's language model alone: no vision
    tower, no image inputs (2.7 GB saved for Qwen3.8-27B, github syv-ai/qwen38-27b-rtx3090
    docs/gotchas.md @2ae239fc, whose serving scripts pass it); setting every modality's limit to 0
    does the same ("a text-only mode can be enabled by setting all multimodal modalities to 0 using
    --language-model-only. This prevents loading multimodal modules", vLLM's multimodal-models docs).
    Given, the tower is left out; where the full model does not fit comfortably, the first of
    images-only (where the dummy video is the larger profiling item) and text-only that fits is the
    setting to print (text-only never where the question needs images)."""
    from ._placement_other import place_paged

    def place(weights: WeightBytes, options: EngineOptions) -> Placement:
        return place_paged(
            model,
            weights,
            kv_for,
            rig,
            engine=engine,
            context=context,
            context_given=context_given,
            options=options,
            fp8_block=fp8_block,
        )

    if engine != "vllm" or w.vision <= 0:
        return place(w, opts), w, None
    # vLLM's max_model_len: the context asked for, else the model's own (judged beside the answer's)
    mml = context if context_given else max(context, model.shipped_context)
    text_only = replace(w, extra=max(0.0, w.extra - w.vision))
    if opts.language_model_only:
        return (
            place(text_only, opts),
            text_only,
            (
                f"--language-model-only: the vision tower ({w.vision / GiB:.1f} GiB) is not loaded; "
                "no image inputs"
            ),
        )
    full = place(w, opts)
    if full.verdict == "gpu" and not full.tight:
        return full, w, _vllm_encoder_note(model, mml, opts)
    if not opts.no_video and _video_profiled_larger(model, mml, opts):
        images = place(w, replace(opts, no_video=True))
        if images.verdict == "gpu" and not images.tight:
            flag = Setting(
                _NO_VIDEO_FLAG,
                "vLLM profiles the vision encoder on a dummy video as long as the context; "
                "without video inputs it profiles one image",
            )
            return (
                replace(images, tight=True, settings=(*images.settings, flag)),
                w,
                _vllm_encoder_note(model, mml, replace(opts, no_video=True)),
            )
    if opts.needs_images:  # images asked for: the vision tower stays, however tight
        return full, w, _vllm_encoder_note(model, mml, opts)
    alone = place(text_only, replace(opts, language_model_only=True))
    if alone.verdict != "gpu" or (full.verdict == "gpu" and alone.tight):
        return full, w, _vllm_encoder_note(model, mml, opts)
    flag = Setting(
        "--language-model-only",
        f"the vision tower ({w.vision / GiB:.1f} GiB) leaves too little room; "
        "without it vLLM serves text only",
    )
    return replace(alone, tight=True, settings=(*alone.settings, flag)), text_only, None


def _video_profiled_larger(model: ModelSpec, context: int, opts: EngineOptions) -> bool:
    """Whether this release profiles the encoder on a dummy video larger than its largest image."""
    with_video = _encoder_profile(model, context, opts, video=True)
    return with_video > _encoder_profile(model, context, opts, video=False)


def paged_weights(model: ModelSpec, quant: QuantSpec) -> WeightBytes:
    """vLLM and SGLang load the published checkpoint (sizing._weights.checkpoint_weight_bytes)."""
    return checkpoint_weight_bytes(model, quant)


def _ollama_legacy(
    placement: Placement,
    model: ModelSpec,
    w: WeightBytes,
    rig: Rig,
    context: int,
    slots: int,
    kv_type: str,
    flash_attention: bool,
    version: str | None = None,
    headroom: float | None = None,
) -> Placement:
    """Ollama before v0.11.11 places layers by its own estimate (llm/memory.go): it spreads them over the
    GPUs in turn and charges every GPU holding layers a compute graph; a GPU it fills to the brim runs
    out once buffers grow with a long prompt (ollama/ollama#10113 on 2x RTX 3060 + RTX 3090, #1947 on
    RTX 3090 + RTX 2060), and where the estimate exceeds the GPUs it keeps layers on the CPU. Tight when
    its estimate leaves a GPU less than Ollama's headroom or keeps layers off the GPUs."""
    free = [p.total - p.runtime - p.reserve for p in rig.gpus]
    unified = any(p.unified for p in rig.gpus)
    if headroom is not None:
        keep = headroom
    else:
        keep = OLLAMA_UNIFIED_HEADROOM if unified else engine_headroom("ollama")
    est = ollama_legacy_estimate(
        model,
        w,
        num_ctx=context,
        num_parallel=slots,
        gpus_free=free,
        kv_type=kv_type,
        flash_attention=flash_attention,
        projector=ollama_projector(model),
        version=version,
    )
    full = [p.name for p, f, a in zip(rig.gpus, free, est.allocations, strict=True) if a > 0 and f - a < keep]
    if not full and est.layers_offload >= est.layers_model:
        return placement
    note = (
        f"Ollama's scheduler fills {', '.join(full)} to within {keep / GiB:.1f} GiB"
        if full
        else f"Ollama's scheduler would keep {est.layers_model - est.layers_offload} layers on the CPU"
    )
    return replace(placement, tight=True, notes=(*placement.notes, note))


def _gguf_settings(
    placement: Placement,
    model: ModelSpec,
    hardware: Hardware,
    engine: str,
    context: int,
    context_given: bool,
    kv_type: str,
    flash_attention: bool,
    opts: EngineOptions,
) -> Placement:
    """Settings the llama.cpp front-ends need for this placement, and the defaults assumed."""
    settings: list[Setting] = []
    defaults: tuple[tuple[str, str], ...]
    if engine == "ollama":
        default_ctx = ollama_default_context(
            _ollama_total_vram(hardware), model.shipped_context, opts.version
        )
        if not context_given and default_ctx != context:
            settings.append(
                Setting(
                    f"OLLAMA_CONTEXT_LENGTH={context}",
                    f"Ollama's default context on this rig is {default_ctx:,} tokens",
                )
            )
        if kv_type != "f16":
            settings.append(
                Setting("OLLAMA_FLASH_ATTENTION=1", "Ollama quantizes the KV cache only with flash attention")
            )
            settings.append(
                Setting(f"OLLAMA_KV_CACHE_TYPE={kv_type}", "the KV cache type this estimate assumes")
            )
        if opts.num_parallel and opts.num_parallel > 1:
            if placement.verdict == "gpu" and not placement.tight:  # the sequences set fit: kept
                settings.append(
                    Setting(
                        f"OLLAMA_NUM_PARALLEL={opts.num_parallel}",
                        "the parallel sequences set: each holds the whole context and its KV cache",
                    )
                )
            else:
                settings.append(
                    Setting(
                        "OLLAMA_NUM_PARALLEL=1", "each parallel slot multiplies the context and its KV cache"
                    )
                )
        scheduler = ollama_scheduler(opts.version)
        defaults = (
            ("num_ctx", f"{default_ctx} ({_OLLAMA_CONTEXT_RULE[_ollama_context_era(opts.version)]})"),
            (
                "OLLAMA_NUM_PARALLEL",
                "1" if _version_at_least(opts.version, (0, 9, 7)) else "4 where memory allows",
            ),
            ("OLLAMA_KV_CACHE_TYPE", "f16"),
            ("flash_attention", _OLLAMA_FLASH_WORDS[ollama_flash_attention(model, opts.version)]),
            ("scheduler", _OLLAMA_SCHEDULER_TEXT[scheduler]),
        )
    elif engine == "lmstudio":
        defaults = (
            ("context_length", "4096"),
            ("flash_attention", "off"),
            (
                "max_concurrent_predictions",
                f"{_lmstudio_sessions(opts)} (one unified KV cache of the context)",
            ),
            ("gpu_offload", "max"),
            ("guardrails", _LMSTUDIO_GUARDRAILS),
        )
        if not context_given and context != 4096:
            settings.append(
                Setting(f"context length {context}", "LM Studio loads models at 4,096 tokens by default")
            )
    else:
        defaults = (
            ("n_ctx", f"{model.max_context} (the model's, shrunk by --fit)"),
            ("fit", "on, 1 GiB free per GPU"),
            ("flash_attn", "auto"),
        )
        if engine == "llama.cpp" and model.vision_params_b:
            defaults += (("mmproj", "auto: -hf loads the repo's vision projector on the first GPU"),)
    p = placement  # built whole, not through dataclasses.replace: every placement tried passes here
    return Placement(
        p.verdict,
        p.strategy,
        p.gpu_layers,
        p.cpu_moe_layers,
        p.devices,
        p.shortfall,
        p.tight,
        p.notes,
        p.tensor_parallel,
        (*p.settings, *settings),
        defaults,
    )


# OLLAMA_FLASH_ATTENTION unset: what the release does for this model (ollama_flash_attention)
_OLLAMA_FLASH_WORDS: dict[bool | None, str] = {None: "auto", True: "on", False: "off"}
_OLLAMA_SCHEDULER_TEXT = {
    "legacy": "its own estimate spreads layers over every GPU (before v0.11.11)",
    "layout": "measured layout on as few GPUs as possible, 457 MiB free per GPU (v0.11.11-v0.29)",
    "llama-server": "llama-server fits the layers, 1 GiB free per GPU (v0.30+)",
}
_OLLAMA_CONTEXT_RULE = {
    "2k": "2048 before v0.6.7",
    "4k": "4096, v0.6.7-v0.15.4",
    "vram": "by VRAM, v0.15.5+",
}
# LM Studio's guardrail levels (Off, Relaxed, Balanced, Strict, Custom) are set in the app; their
# thresholds and the app's own estimate are not published (lmstudio-ai/lms src/subcommands/load.ts
# @07b7252d only prints `passesGuardrails`). That estimate errs both ways: it refused a Qwen3.5 9B at
# 110,000 tokens that loads and runs (lmstudio-ai/lms#499) and admitted a Qwen3.6 27B that then ran out
# of Vulkan memory in its warm-up (lmstudio-ai/lmstudio-bug-tracker#2133). canirun judges the load by
# its own estimate of LM Studio's defaults and states the guardrails as an assumption.
_LMSTUDIO_GUARDRAILS = "on (default level; LM Studio's own estimate, not published, decides)"


def _version_at_least(version: str | None, least: tuple[int, ...]) -> bool:
    if not version:
        return True
    try:
        return tuple(int(p) for p in version.lstrip("v").split(".")[:3]) >= least
    except ValueError:
        return True


def _ollama_context_era(version: str | None) -> str:
    if not _version_at_least(version, (0, 6, 7)):
        return "2k"
    return "vram" if _version_at_least(version, (0, 15, 5)) else "4k"


def gib(x: float) -> float:
    return x / GiB
