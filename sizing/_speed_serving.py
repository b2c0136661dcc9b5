"""Several users at once: aggregate and per-user decode throughput of a batch of sequences.

A decode step for B sequences reads the weights once (a MoE reads the union of the experts the B
tokens route to) and every sequence's own KV cache, and multiplies B rows: memory-bound at small B,
compute-bound once B x 2 x active parameters outweighs the bytes (the roofline of each device).
Per-user speed is 1 / step time; aggregate is B / step time.
"""

from __future__ import annotations

from dataclasses import dataclass

from ._speed_features import DecodeFeatures
from ._speed_model import _overheads, allreduce_seconds, expert_cost, peak_bandwidth
from ._speed_params import SpeedParams

__all__ = ["ServingSpeed", "batched_step_seconds", "serving_speed"]


@dataclass(frozen=True, slots=True)
class ServingSpeed:
    users: int
    per_user_tps: float
    aggregate_tps: float


def expert_read_multiplier(users: int, active: int, experts: int) -> float:
    """How many times the active experts' bytes a step of `users` tokens reads: the expected share
    of experts at least one token routes to (uniform routing), over the share one token uses."""
    share = active / experts
    return (1 - (1 - share) ** users) / share


def batched_step_seconds(
    f: DecodeFeatures,
    params: SpeedParams,
    users: int,
    *,
    linear_flops_per_token: float,
    expert_byte_share: float,
    moe_active: int = 0,
    moe_experts: int = 0,
) -> float:
    """Seconds for one decode step of `users` sequences (each at the features' depth points)."""
    eng = params.for_engine(f.engine)
    lead_backend = next((d.backend for d in f.devices if d.is_gpu), "cpu")
    lead = params.for_backend(lead_backend)
    mult = expert_read_multiplier(users, moe_active, moe_experts) if moe_experts else 1.0
    byte_factor = (1 - expert_byte_share) + expert_byte_share * mult
    fixed = _overheads(f, lead, eng) + f.allreduces * allreduce_seconds(params, f.link, f.ranks)
    fixed += 2 * f.host_expert_layers * params.for_backend("cpu").hop_ms / 1000  # experts in system RAM
    total = 0.0
    for kv_b, fl, w in zip(f.kv_bytes, f.attn_flops, f.weights, strict=True):
        times = []
        for d in f.devices:
            p = params.for_backend(d.backend)
            q = p.quant_eff.get(f.quant, 1.0)
            factor = eng.weight_factor if d.is_gpu else eng.cpu_factor
            bw = peak_bandwidth(d, p)
            memory = d.weight_bytes * byte_factor * expert_cost(f, d, p) / (bw * p.weight_eff * q * factor)
            memory += users * kv_b * d.kv_share / (bw * p.kv_eff)
            simd = d.matrix_path == "simd" and d.is_gpu  # CPUs: int8 dot products or 16-bit FMAs by format
            mm = p.mm_eff_simd if simd else p.mm_eff_quant if d.quantized else p.mm_eff_f16
            compute = users * linear_flops_per_token * d.flops_share / (d.matrix_tflops * 1e12 * mm)
            compute += users * fl * d.kv_share / (d.attn_tflops * 1e12 * p.attn_eff)
            single = d.weight_bytes * f.ops_per_byte / (d.vector_tflops * 1e12 * p.alu_eff)
            times.append(max(memory + single, compute))
        total += w * (sum(max(times[i] for i in stage) for stage in f.stages) + fixed)
    return total


def serving_speed(
    f: DecodeFeatures,
    params: SpeedParams,
    users: int,
    *,
    linear_flops_per_token: float,
    expert_byte_share: float,
    moe_active: int = 0,
    moe_experts: int = 0,
) -> ServingSpeed:
    step = batched_step_seconds(
        f,
        params,
        users,
        linear_flops_per_token=linear_flops_per_token,
        expert_byte_share=expert_byte_share,
        moe_active=moe_active,
        moe_experts=moe_experts,
    )
    if step <= 0:
        return ServingSpeed(users, 0.0, 0.0)
    return ServingSpeed(users, 1 / step, users / step)
