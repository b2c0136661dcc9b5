"""Engine memory models: vLLM's and SGLang's start-up arithmetic, Ollama's scheduler estimate, the
per-GPU reserve, and how comfortable a fit is under each engine's defaults."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.engine_memory import PUBLIC_URL
from sizing import default_catalog, estimate, parse_hardware, weight_bytes
from sizing.catalog import TensorClass, resolve_quant, tensor_inventory
from sizing.engines import (
    CUDA_GRAPHS_IN_BUDGET,
    EngineOptions,
    VllmGpu,
    checkpoint_precisions,
    checkpoint_weight_bytes,
    fit_status,
    ollama_arch,
    ollama_default_context,
    ollama_legacy_estimate,
    ollama_projector,
    ollama_scheduler,
    rig_pools,
    sglang_defaults,
    sglang_gpu,
    visible_total,
    vllm_activation,
    vllm_defaults,
    vllm_era,
    vllm_gpu,
)

GiB = 1024**3
MiB = 1024**2
DATA = Path(__file__).resolve().parents[1] / "benchmarks" / "data"


def _model(model_id: str):  # type: ignore[no-untyped-def]
    return default_catalog().resolve(model_id).model


def _placement(model_id: str, hw: str, engine: str, **kw: object):  # type: ignore[no-untyped-def]
    return estimate(_model(model_id), parse_hardware(hw), engine=engine, **kw).memory.placement  # type: ignore[arg-type]


# --- vLLM ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("version", "era"),
    [
        (None, "current"),
        ("0.2.5", "v0-unchunked"),
        ("0.5.3", "v0-unchunked"),
        ("0.5.4", "v0"),
        ("0.7.3", "v0"),
        ("0.8.1", "v1.0"),
        ("0.10.2", "v1"),
        ("0.21.0", "current"),
    ],
)
def test_vllm_release_picks_its_defaults(version: str | None, era: str) -> None:
    assert vllm_era(version) == era


@pytest.mark.parametrize(
    ("total_gib", "name", "tokens", "seqs"),
    [
        (79.2, "NVIDIA H100 SXM5 80 GB", 8192, 1024),  # >= 70 GiB and not an A100: larger batches
        (79.2, "NVIDIA A100 SXM4 80 GB", 2048, 256),  # A100s keep the small defaults
        (23.6, "NVIDIA GeForce RTX 3090", 2048, 256),
    ],
)
def test_vllm_batch_defaults_follow_the_gpu(total_gib: float, name: str, tokens: int, seqs: int) -> None:
    d = vllm_defaults("current", total_gib * GiB, name, 8192)
    assert (d.max_num_batched_tokens, d.max_num_seqs) == (tokens, seqs)


def test_vllm_v0_schedules_short_chunks_above_32k_context() -> None:
    assert vllm_defaults("v0", 23.6 * GiB, "RTX 3090", 65536).max_num_batched_tokens == 512
    assert vllm_defaults("v0", 23.6 * GiB, "RTX 3090", 20000).max_num_batched_tokens == 20000


def test_vllm_before_chunked_prefill_profiles_the_whole_context() -> None:
    assert vllm_defaults("v0-unchunked", 79 * GiB, "H100", 131072).max_num_batched_tokens == 131072


def test_vllm_v0_keeps_multimodal_models_unchunked() -> None:
    d = vllm_defaults("v0", 79 * GiB, "H100", 65536, multimodal=True)
    assert d.max_num_batched_tokens == 65536


def test_vllm_sampler_warm_up_grows_with_max_num_seqs() -> None:
    spec = _model("llama-3.1-8b")
    few = vllm_activation(
        spec, tensor_parallel=1, max_num_seqs=16, max_num_batched_tokens=2048, era="current"
    )
    many = vllm_activation(
        spec, tensor_parallel=1, max_num_seqs=1024, max_num_batched_tokens=8192, era="current"
    )
    assert many > 5 * few


def test_vllm_kv_pool_is_what_the_budget_leaves() -> None:
    g = VllmGpu(80 * GiB, 0.9, 15 * GiB, 5 * GiB, 0.5 * GiB, 0.3 * GiB, True, 1 * GiB)
    assert g.kv_pool == pytest.approx(72 * GiB - 15 * GiB - 5 * GiB - 0.5 * GiB - 0.3 * GiB)
    older = VllmGpu(80 * GiB, 0.9, 15 * GiB, 5 * GiB, 0.5 * GiB, 2 * GiB, False, 1 * GiB)
    assert older.kv_pool == pytest.approx(72 * GiB - 20.5 * GiB)  # graphs come on top, not out of the budget
    assert older.peak > g.peak


def test_vllm_fails_when_one_sequence_does_not_fit() -> None:
    spec = _model("llama-3.1-8b")
    w = weight_bytes(spec, resolve_quant("BF16-HF")).total
    per_token = 128 * 1024  # 32 layers x 8 KV heads x 128 x 2 x 2 bytes
    short = vllm_gpu(
        spec,
        weights=w,
        kv_per_token=per_token,
        total=23.6 * GiB,
        gpu_name="3090",
        tensor_parallel=1,
        max_model_len=8192,
    )
    full = vllm_gpu(
        spec,
        weights=w,
        kv_per_token=per_token,
        total=23.6 * GiB,
        gpu_name="3090",
        tensor_parallel=1,
        max_model_len=131072,
    )
    assert short.starts and not full.starts


@settings(max_examples=40, deadline=None)
@given(low=st.floats(0.5, 0.9), extra=st.floats(0.0, 0.09))
def test_vllm_more_utilization_never_shrinks_the_pool(low: float, extra: float) -> None:
    spec = _model("qwen3-8b")

    def pool(util: float) -> float:
        return vllm_gpu(
            spec,
            weights=16 * GiB,
            kv_per_token=1.0,
            total=40 * GiB,
            gpu_name="x",
            tensor_parallel=1,
            max_model_len=4096,
            gpu_memory_utilization=util,
        ).kv_pool

    assert pool(low + extra) >= pool(low)


def test_vllm_default_context_is_the_models_full_one() -> None:
    p = _placement("llama-3.1-8b", "RTX 3090", "vllm", quant="BF16-HF")
    assert p.verdict == "gpu" and p.fit == "tight"
    assert [s.flag for s in p.settings] == ["--max-model-len 8192"]


def test_vllm_with_the_context_given_fits_comfortably() -> None:
    p = _placement("llama-3.1-8b", "RTX 3090", "vllm", quant="BF16-HF", context=8192)
    assert p.fit == "fits" and not p.settings


def test_vllm_on_several_gpus_needs_tensor_parallel_flag() -> None:
    p = _placement("llama-3.3-70b", "2x H100 80GB", "vllm", quant="FP8", context=16000)
    assert p.tensor_parallel == 2
    assert p.settings[0].flag == "--tensor-parallel-size 2"
    assert p.fit == "tight"  # one GPU, vLLM's default, cannot hold it


def test_vllm_small_gpu_gets_a_smaller_sampler_batch() -> None:
    p = _placement("llama-3.1-8b", "RTX 4060 8GB", "vllm", quant="AWQ-INT4", context=4096)
    assert p.verdict == "gpu" and p.fit == "tight"
    assert any(s.flag.startswith("--max-num-seqs") for s in p.settings)


def test_vllm_too_big_says_no_and_suggests_the_longest_context() -> None:
    p = _placement("qwen3-32b", "H100 80GB", "vllm", quant="BF16-HF", context=131072)
    assert p.verdict == "no" and p.fit == "no"
    assert p.settings and p.settings[0].flag.startswith("--max-model-len ")


def test_vllm_breakdown_names_each_part() -> None:
    p = _placement("llama-3.1-8b", "RTX 3090", "vllm", quant="BF16-HF", context=8192)
    names = {n for n, _ in p.devices[0].parts}
    assert {"activation peak", "CUDA graphs", "CUDA context", "KV pool (preallocated)"} <= names
    assert dict(p.engine_defaults)["gpu_memory_utilization"] == "0.9"


def test_a_checkpoint_keeping_attention_in_bf16_weighs_more_than_the_format_rule() -> None:
    spec = _model("llama-3.1-405b")
    fp8 = weight_bytes(spec, resolve_quant("FP8"))
    attention = dict(fp8.by_class)[TensorClass.ATTENTION]
    attention_params = sum(g.params for g in tensor_inventory(spec) if g.klass is TensorClass.ATTENTION)
    assert attention == pytest.approx(2 * attention_params, rel=0.01)  # BF16, as Meta published it


def test_checkpoint_exceptions_leave_gguf_sizes_alone() -> None:
    spec = _model("llama-3.1-405b")
    q8 = weight_bytes(spec, resolve_quant("Q8_0"))
    attention_params = sum(g.params for g in tensor_inventory(spec) if g.klass is TensorClass.ATTENTION)
    assert dict(q8.by_class)[TensorClass.ATTENTION] < 1.1 * attention_params


def test_every_checkpoint_exception_names_a_catalog_model_and_quant() -> None:
    for (model, quant), c in checkpoint_precisions().items():
        assert default_catalog().resolve(model).model.id == model
        assert resolve_quant(quant).id == quant
        assert c.source


def test_vllm_loads_the_vision_tower_of_a_multimodal_checkpoint() -> None:
    spec = _model("llama-3.2-11b-vision")
    w = weight_bytes(spec, resolve_quant("BF16-HF"))
    paged = checkpoint_weight_bytes(spec, resolve_quant("BF16-HF"))
    assert w.vision > 0 and paged.total == pytest.approx(w.total + w.vision)


def test_mxfp4_on_vllm_loads_bf16_outside_the_experts() -> None:
    gguf = estimate(
        _model("gpt-oss-20b"), parse_hardware("H100 80GB"), engine="llama.cpp"
    ).memory.weights_bytes
    paged = estimate(_model("gpt-oss-20b"), parse_hardware("H100 80GB"), engine="vllm").memory.weights_bytes
    assert paged > gguf


# --- SGLang ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mib", "tp", "fraction"),
    [
        (24564, 1, 0.847),  # RTX 4090: 512 + 1.5 x 2048 + 2 x 24 + 128 MiB reserved
        (81559, 1, 0.835),  # H100 80GB: 512 + 1.5 x 8192 + 2 x 256 + 128 MiB, above the 10 GiB floor
    ],
)
def test_sglang_default_fraction_from_its_reserve_formula(mib: int, tp: int, fraction: float) -> None:
    assert sglang_defaults(mib * MiB, tp).mem_fraction_static == pytest.approx(fraction, abs=0.001)


@pytest.mark.parametrize(("tp", "fraction"), [(1, 0.88), (2, 0.87), (4, 0.85), (8, 0.81)])
def test_sglang_older_releases_used_a_table(tp: int, fraction: float) -> None:
    assert sglang_defaults(80 * GiB, tp, "table").mem_fraction_static == fraction


def test_sglang_pool_is_the_fraction_of_free_memory_minus_weights() -> None:
    g = sglang_gpu(
        weights=20 * GiB, kv_needed=1 * GiB, total=80 * GiB, tensor_parallel=1, mem_fraction_static=0.8
    )
    assert g.kv_pool == pytest.approx(g.free_at_start * 0.8 - 20 * GiB)
    assert g.headroom == pytest.approx(g.free_at_start * 0.2)


def test_sglang_fraction_above_its_default_is_tight_with_the_default_as_setting() -> None:
    p = _placement(
        "qwen3.8-27b",
        "RTX 5090",
        "sglang",
        quant="NVFP4",
        engine_options=EngineOptions(mem_fraction_static=0.9),
    )
    flag, _, value = p.settings[-1].flag.rpartition(" ")
    assert p.fit == "tight" and flag == "--mem-fraction-static"
    assert 0.75 < float(value) < 0.9  # SGLang's own default for this card and vision tower


# --- Ollama ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("vram_gib", "version", "ctx"),
    [(24, "0.6.6", 2048), (24, "0.9.0", 4096), (16, None, 4096), (24, None, 32768), (48, None, 262144)],
)
def test_ollama_default_context_by_release_and_vram(vram_gib: float, version: str | None, ctx: int) -> None:
    assert ollama_default_context(vram_gib * GiB, 1_000_000, version) == ctx


@pytest.mark.parametrize(
    ("version", "scheduler"),
    [
        ("0.6.8", "legacy"),
        ("0.11.10", "legacy"),
        ("0.11.11", "layout"),
        ("0.29.9", "layout"),
        ("0.30.0", "llama-server"),
        (None, "llama-server"),
    ],
)
def test_ollama_scheduler_by_release(version: str | None, scheduler: str) -> None:
    assert ollama_scheduler(version) == scheduler


@pytest.mark.parametrize(
    ("model_id", "graph_gib"),
    [("gemma-3-12b", 1.0), ("mistral-small-3.1-24b", 8.8), ("llama-3.2-11b-vision", 2.8)],
)
def test_ollama_projector_graph_by_its_vision_encoder(model_id: str, graph_gib: float) -> None:
    weights, graph = ollama_projector(_model(model_id))
    assert weights > 0 and graph / GiB == pytest.approx(graph_gib, abs=0.05)


def test_ollama_text_models_have_no_projector() -> None:
    assert ollama_projector(_model("llama-3.1-8b")) == (0.0, 0.0)


def test_ollama_legacy_estimate_holds_the_projector_on_the_first_gpu() -> None:
    spec = _model("gemma-3-12b")
    w = weight_bytes(spec, resolve_quant("Q4_K_M"))
    plain = ollama_legacy_estimate(spec, w, num_ctx=8192, gpus_free=[23 * GiB])
    vision = ollama_legacy_estimate(
        spec, w, num_ctx=8192, gpus_free=[23 * GiB], projector=ollama_projector(spec)
    )
    assert vision.required_full == pytest.approx(plain.required_full + sum(ollama_projector(spec)))


def test_ollama_places_the_projector_of_a_vision_model() -> None:
    hw = parse_hardware("RTX 3090")
    e = estimate(_model("gemma-3-12b"), hw, engine="ollama", context=8192)
    cpp = estimate(_model("gemma-3-12b"), hw, engine="llama.cpp", context=8192)
    # llama-server -hf loads the same projector (with flash attention, no encoder score matrix)
    assert cpp.memory.flash_attention
    assert cpp.memory.weights_bytes == pytest.approx(e.memory.weights_bytes)


def test_ollama_layout_releases_keep_no_margin_beyond_their_minimum() -> None:
    # a model that fills a 24 GB card: v0.12's measured layout keeps it on the GPU, llama-server's
    # 1 GiB margin (v0.30+) spills layers
    def verdict(version: str) -> str:
        return str(
            _placement(
                "qwen3-32b",
                "RTX 3090",
                "ollama",
                quant="Q4_K_M",
                context=20480,
                engine_options=EngineOptions(version=version),
            ).verdict
        )

    assert verdict("0.12.11") == "gpu"
    assert verdict("0.30.0") == "partial"


def test_ollama_defaults_name_the_scheduler_of_the_release() -> None:
    p = _placement("llama-3.1-8b", "RTX 3090", "ollama", engine_options=EngineOptions(version="0.6.5"))
    d = dict(p.engine_defaults)
    assert "before v0.11.11" in d["scheduler"]
    assert d["num_ctx"].startswith("2048")
    assert d["OLLAMA_NUM_PARALLEL"] != "1"


def test_ollama_default_context_capped_at_the_models() -> None:
    assert ollama_default_context(96 * GiB, 8192) == 8192


def test_ollama_parallel_slots_multiply_the_cache() -> None:
    spec = _model("llama-3.1-8b")
    w = weight_bytes(spec, resolve_quant("Q4_K_M"))
    one = ollama_legacy_estimate(spec, w, num_ctx=4096, num_parallel=1, gpus_free=[23 * GiB])
    four = ollama_legacy_estimate(spec, w, num_ctx=4096, num_parallel=4, gpus_free=[23 * GiB])
    assert four.kv == pytest.approx(4 * one.kv)
    assert one.kv == pytest.approx(512 * MiB)  # 32 layers x 4096 x 8 x 128 x 2 x 2 bytes


def test_ollama_charges_a_graph_on_every_gpu_it_uses() -> None:
    spec = _model("qwen3-32b")
    w = weight_bytes(spec, resolve_quant("Q6_K"))
    one = ollama_legacy_estimate(spec, w, num_ctx=32768, gpus_free=[80 * GiB])
    three = ollama_legacy_estimate(spec, w, num_ctx=32768, gpus_free=[23 * GiB] * 3)
    assert three.required_full > one.required_full + 1.5 * one.graph_partial


def test_ollama_generic_graph_is_gqa_times_cache_over_six() -> None:
    spec = _model("qwen3-32b")
    assert ollama_arch(spec) == "other"
    e = ollama_legacy_estimate(
        spec, weight_bytes(spec, resolve_quant("Q4_K_M")), num_ctx=8192, gpus_free=[80 * GiB]
    )
    assert e.graph_partial == pytest.approx(spec.heads // spec.kv_heads * e.kv / 6)


def test_ollama_spills_layers_instead_of_failing() -> None:
    spec = _model("llama-3.3-70b")
    e = ollama_legacy_estimate(
        spec, weight_bytes(spec, resolve_quant("Q4_K_M")), num_ctx=4096, gpus_free=[23 * GiB]
    )
    assert 0 < e.layers_offload < e.layers_model
    assert e.required_full > e.required_partial


def test_ollama_names_its_default_context_as_a_setting() -> None:
    p = _placement("llama-3.1-8b", "RTX 3090", "ollama")
    assert [s.flag for s in p.settings] == ["OLLAMA_CONTEXT_LENGTH=8192"]
    assert p.fit == "fits"


def test_ollama_quantized_cache_needs_flash_attention_setting() -> None:
    p = _placement("llama-3.1-8b", "RTX 3090", "ollama", context=8192, kv_type="q8_0")
    assert {s.flag for s in p.settings} >= {"OLLAMA_FLASH_ATTENTION=1", "OLLAMA_KV_CACHE_TYPE=q8_0"}


def test_older_ollama_filling_a_small_gpu_to_the_brim_is_tight() -> None:
    p = _placement(
        "gemma-3-27b",
        "2x RTX 3060 12GB + RTX 3090, 512GB RAM",
        "ollama",
        quant="Q8_0",
        context=2048,
        engine_options=EngineOptions(version="0.6.5"),
    )
    assert p.verdict == "gpu" and p.fit == "tight"


# --- ExLlama and MLX -------------------------------------------------------------------------------


def test_exllama_cache_at_the_models_max_seq_len_is_tight() -> None:
    p = _placement("llama-3.1-70b", "L40S", "exllama", quant="exl2 2.4bpw")
    assert p.fit == "tight"
    assert [s.flag for s in p.settings] == ["max_seq_len 8192"]


def test_exllama_defaults_name_tabbyapis_smaller_cache() -> None:
    p = _placement("llama-3.1-8b", "RTX 3090", "exllama", quant="exl2 4.0bpw")
    assert "TabbyAPI: 4096" in dict(p.engine_defaults)["max_seq_len"]


def test_lmstudio_defaults_state_the_guardrail_assumption() -> None:
    p = _placement("llama-3.1-8b", "RTX 3090", "lmstudio")
    assert "not published" in dict(p.engine_defaults)["guardrails"]


def test_exllama_uses_the_memory_cuda_reports() -> None:
    p = _placement("llama-2-70b", "A10 24GB", "exllama", quant="exl2 2.5bpw")
    assert p.verdict == "no"  # 24 GB with ECC on shows about 22 GiB


def test_mlx_near_the_wired_limit_is_tight_and_names_the_sysctl() -> None:
    p = _placement("qwen3-32b", "M2 Max 32GB", "mlx", quant="MLX-4bit", context=8192)
    assert p.fit == "tight"
    assert p.settings[0].flag.startswith("sudo sysctl iogpu.wired_limit_mb=")


# --- every engine: the reserve and the three-way fit -----------------------------------------------


@pytest.mark.parametrize(
    ("hw", "reserves"),
    [
        ("RTX 3090", [True]),
        ("2x RTX 3090", [True, False]),  # only the GPU driving the display
        ("H100 80GB", [False]),  # data-center cards are headless
    ],
)
def test_display_reserve_sits_on_the_first_consumer_gpu(hw: str, reserves: list[bool]) -> None:
    rig = rig_pools(parse_hardware(hw), "cuda")
    assert [p.reserve > 0 for p in rig.gpus] == reserves


def test_display_reserve_is_not_counted_as_used() -> None:
    p = _placement("llama-3.1-8b", "RTX 3090", "llama.cpp", context=8192)
    d = p.devices[0]
    assert d.reserve > 0 and d.used == pytest.approx(d.weights + d.kv + d.compute + d.runtime)


@pytest.mark.parametrize(
    ("hw", "fraction"),
    [("H100 80GB", 0.99), ("L40S", 0.92), ("RTX 3090", 0.985)],
)
def test_visible_total_matches_what_cuda_reports(hw: str, fraction: float) -> None:
    pool = rig_pools(parse_hardware(hw), "cuda").gpus[0]
    assert visible_total(pool) == pytest.approx(pool.total * fraction)


@pytest.mark.parametrize(
    ("verdict", "tight", "fit"),
    [
        ("gpu", False, "fits"),
        ("gpu", True, "tight"),
        ("partial", False, "fits"),
        ("no", False, "no"),
        ("no", True, "no"),
    ],
)
def test_fit_status(verdict: str, tight: bool, fit: str) -> None:
    assert fit_status(verdict, tight) == fit


def test_contract_adds_keys_and_keeps_the_old_ones() -> None:
    e = estimate(_model("llama-3.1-8b"), parse_hardware("2x RTX 3090"), engine="vllm", quant="AWQ-INT4")
    c = e.to_contract()
    p = c["placement"]
    assert p["verdict"] == "gpu" and p["tight"] is True and p["fit"] == "tight"
    assert p["settings"][0] == {"flag": "--tensor-parallel-size 2", "why": "vLLM uses one GPU unless told"}
    assert p["engine_defaults"]["max_num_seqs"] == "256"
    assert p["devices"][0]["reserve_gb"] > 0 and p["devices"][1]["reserve_gb"] == 0
    assert "activation peak" in p["devices"][0]["memory_parts"]


# --- the calibration data --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "engine_memory_logs.csv",
        "engine_memory_logs_heldout.csv",
        "engine_memory_oom.csv",
        "engine_memory_oom_heldout.csv",
    ],
)
def test_every_data_row_cites_a_public_source(name: str) -> None:
    with (DATA / name).open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows
    for row in rows:
        assert PUBLIC_URL.match(row["url"]), row
        assert default_catalog().resolve(row["model"]).model.id == row["model"]


@pytest.mark.parametrize(
    ("url", "public"),
    [
        ("https://github.com/vllm-project/vllm/issues/2418", True),
        ("https://discuss.vllm.ai/t/some-thread/2584", True),
        ("https://huggingface.co/org/model/discussions/14", True),
        ("/home/me/data/memory_measurements.md", False),
        ("data/bench_calibration.csv", False),
        ("http://example.com/page", False),
        ("https://github.com/owner/repo/issues/1 and more", False),
    ],
)
def test_a_source_is_a_public_web_address(url: str, public: bool) -> None:
    assert bool(PUBLIC_URL.match(url)) is public


def test_held_out_logs_share_no_source_with_the_development_logs() -> None:
    def sources(name: str) -> set[tuple[str, str]]:
        with (DATA / name).open(newline="", encoding="utf-8") as fh:
            return {(r["engine"], r["url"]) for r in csv.DictReader(fh)}

    assert not sources("engine_memory_logs.csv") & sources("engine_memory_logs_heldout.csv")


def test_cuda_graph_estimate_inside_the_budget_is_small() -> None:
    assert 1 * GiB > CUDA_GRAPHS_IN_BUDGET


@pytest.mark.parametrize(
    "opts",
    [
        EngineOptions(gpu_memory_utilization=1.5),
        EngineOptions(mem_fraction_static=0.0),
        EngineOptions(max_num_seqs=0),
    ],
)
def test_impossible_engine_settings_get_a_clear_error(opts: EngineOptions) -> None:
    from sizing import EstimateError

    with pytest.raises(EstimateError, match="must be"):
        estimate(_model("llama-3.1-8b"), parse_hardware("RTX 3090"), engine="vllm", engine_options=opts)
