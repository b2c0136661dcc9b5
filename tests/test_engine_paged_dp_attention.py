"""Many users of a model with multi-head latent attention on vLLM or SGLang: tensor parallel keeps the
one latent KV "head" whole on every GPU, so the pools of eight GPUs hold the sequences of one. Run
attention data-parallel instead (the routed experts split over the GPUs) and each GPU holds the cache
of its own requests: the counts add. It is chosen only where it holds more of the users asked; the
command carries the engine's flags and the answer says why."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, EngineOptions, Estimate, default_catalog, estimate, parse_hardware
from sizing.requirements import requirements

_SGLANG_FLAGS = ("--tp 8", "--dp 8", "--enable-dp-attention")
_VLLM_FLAGS = ("--data-parallel-size 8", "--enable-expert-parallel")

Case = tuple[str, str, str, str | None, int]  # engine, model, rig, quantization, context

# (case, users, GPUs running attention, flags the command carries)
_SPREAD: list[tuple[Case, int, int, tuple[str, ...]]] = [
    (("sglang", "deepseek-r1", "8x H200", "FP8", 131072), 50, 8, _SGLANG_FLAGS),
    (("vllm", "deepseek-r1", "8x H200", "FP8", 131072), 50, 8, _VLLM_FLAGS),
    (("vllm", "deepseek-v3", "8x B200", "FP8", 131072), 64, 8, _VLLM_FLAGS),
    (("vllm", "kimi-k2", "8x B200", "FP8", 65536), 32, 8, _VLLM_FLAGS),
    (("vllm", "glm-4.7-flash", "4x RTX 4090", None, 32768), 16, 4, ("--data-parallel-size 4",)),
]

# where tensor parallel stays: it already holds every user, the model has no latent attention, or
# the replicated attention leaves no GPU room for the experts' share
_KEPT: list[tuple[Case, int]] = [
    (("vllm", "deepseek-v2-lite", "2x RTX 4090", None, 32768), 16),
    (("vllm", "qwen3-235b-a22b-instruct-2507", "8x H200", None, 131072), 50),
    (("sglang", "kimi-k2", "8x H200", "FP8", 131072), 50),
]


def _estimate(case: Case, users: int, engine_options: EngineOptions | None = None) -> Estimate:
    engine, model, rig, quant, context = case
    spec = default_catalog().resolve(model).model
    hw = parse_hardware(rig)
    return estimate(
        spec, hw, engine=engine, quant=quant, context=context, users=users, engine_options=engine_options
    )


@pytest.mark.parametrize(("case", "users", "gpus", "flags"), _SPREAD)
def test_many_users_spread_attention_over_the_gpus_and_hold_more(
    case: Case, users: int, gpus: int, flags: tuple[str, ...]
) -> None:
    alone = _estimate(case, 1)
    one = alone.memory.placement
    many = _estimate(case, users)
    p = many.memory.placement
    assert one.data_parallel == 1
    assert p.verdict == "gpu" and p.data_parallel == gpus
    assert p.sequences_held > one.sequences_held
    given = [s.flag for s in p.settings]
    assert all(f in given for f in flags)
    assert any("attention data-parallel" in a for a in many.assumptions)
    serving = many.speed.serving
    assert serving is not None and serving.users_held == p.sequences_held
    # each GPU: more than an even split of the weights tensor parallel holds for one user (attention
    # and shared weights on every GPU), less than the whole; the whole latent cache of a sequence
    weights = alone.memory.weights_bytes
    assert len(p.gpu_devices) == gpus
    for d in p.gpu_devices:
        assert weights / gpus < d.weights < weights
        assert d.kv == pytest.approx(many.memory.kv_bytes, rel=0.01)


def test_the_gpus_hold_their_own_sequences_and_the_counts_add() -> None:
    p = _estimate(("sglang", "deepseek-r1", "8x H200", "FP8", 131072), 50).memory.placement
    pools = [sum(size for name, size in d.parts if name.startswith("KV pool")) for d in p.gpu_devices]
    per_gpu = [int(pool / d.kv) for pool, d in zip(pools, p.gpu_devices, strict=True)]
    assert min(per_gpu) >= 1
    assert p.sequences_held == sum(per_gpu)


@pytest.mark.parametrize(("case", "users"), _KEPT)
def test_tensor_parallel_stays_where_spreading_attention_holds_no_more(case: Case, users: int) -> None:
    one = _estimate(case, 1).memory.placement
    many = _estimate(case, users).memory.placement
    assert many.data_parallel == 1
    assert many.sequences_held == one.sequences_held
    assert not any("dp" in s.flag or "data-parallel" in s.flag for s in many.settings)


def test_a_tensor_parallel_size_set_in_the_question_is_kept() -> None:
    opts = EngineOptions(tensor_parallel=8)
    p = _estimate(("vllm", "deepseek-r1", "8x H200", "FP8", 131072), 50, opts).memory.placement
    assert p.data_parallel == 1 and p.tensor_parallel == 8


def test_the_speed_model_is_the_tensor_parallel_one() -> None:
    case: Case = ("vllm", "deepseek-v3", "8x B200", "FP8", 131072)
    one, many = _estimate(case, 1), _estimate(case, 64)
    assert many.memory.placement.data_parallel == 8
    assert many.speed.decode_tps == pytest.approx(one.speed.decode_tps, rel=0.01)


def test_the_answer_prints_the_flags_and_says_why(catalog: Catalog) -> None:
    a = answer_text("can 8x H200 serve deepseek r1 fp8 with sglang at 128k context for 40 users?", catalog)
    command = a.options[0].command
    assert all(f in command for f in _SGLANG_FLAGS)
    assert "latent KV cache of its own requests" in " ".join(a.options[0].assumptions)
    assert a.options[0].placement.data_parallel == 8


@pytest.mark.parametrize("users", [50, 100])
def test_hardware_for_many_users_is_a_paged_engine_holding_them(users: int) -> None:
    """Past one server too: attention data-parallel over all 16 GPUs, not tensor parallel 8 in each
    server with pipeline stages across them (a copy of the latent cache on every GPU of a stage)."""
    spec = default_catalog().resolve("deepseek-r1").model
    r = requirements(spec, context=131072, users=users)
    assert r.rigs and "lossier" not in r.summary
    for c in r.rigs:
        p = c.estimate.memory.placement
        assert c.estimate.engine in ("vllm", "sglang")
        assert p.data_parallel == len(p.gpu_devices) and p.sequences_held >= users
        assert "data-parallel" in c.summary


def test_vllm_data_parallel_ranks_take_no_tensor_parallel_size(catalog: Catalog) -> None:
    # vLLM gives each data-parallel rank --tensor-parallel-size GPUs: both at 8 would ask for 64
    a = answer_text("deepseek v3 fp8 on 8x h200 with vllm for 100 users", catalog)
    command = a.options[0].command or ""
    assert all(f in command for f in _VLLM_FLAGS)
    assert "--tensor-parallel-size" not in command
