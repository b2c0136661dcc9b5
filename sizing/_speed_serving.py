"""Several users at once: aggregate and per-user decode throughput of a batch of sequences.

A decode step for B sequences is the single-stream step (sizing/_speed_model.py's `step_seconds`,
the same per-token cost) with B users: the weights are read once (a MoE reads the union of the
experts the B tokens route to; the experts past one token's are read whole by grouped products, at
the memory's bulk rate and unpacked while the next tiles arrive), every sequence reads its own KV
cache, and B rows are multiplied: memory-bound at small B, compute-bound once B x 2 x active
parameters outweigh the bytes (the roofline of each device). One user's step is single-stream
decode. Per-user speed is 1 / step time; aggregate is B / step time.
"""

from __future__ import annotations

from dataclasses import dataclass

from ._speed_features import DecodeFeatures
from ._speed_model import step_seconds
from ._speed_params import SpeedParams
from .contract import waited_tps

__all__ = ["ServingSpeed", "batched_step_seconds", "expert_read_multiplier", "serving_speed"]


@dataclass(frozen=True, slots=True)
class ServingSpeed:
    users: int
    per_user_tps: float
    aggregate_tps: float
    # sequences of the asked context whose KV cache the memory holds at once (None: not sized);
    # users past it wait for a turn
    users_held: int | None = None

    @property
    def waited_tps(self) -> float:
        """Each user's tokens/s over time, the others' turns waited for (see `waited_tps`)."""
        return waited_tps(self.per_user_tps, self.users, self.users_held)


def expert_read_multiplier(users: int, active: int, experts: int) -> float:
    """How many times the active experts' bytes a step of `users` tokens reads: the expected share
    of experts at least one token routes to (uniform routing), over the share one token uses."""
    if not experts or not active:
        return 1.0
    share = active / experts
    return (1 - (1 - share) ** users) / share


def batched_step_seconds(
    f: DecodeFeatures, params: SpeedParams, users: int, *, moe_active: int = 0, moe_experts: int = 0
) -> float:
    """Seconds for one decode step of `users` sequences (each at the features' depth points)."""
    return step_seconds(f, params, users, expert_read_multiplier(users, moe_active, moe_experts))


def serving_speed(
    f: DecodeFeatures, params: SpeedParams, users: int, *, moe_active: int = 0, moe_experts: int = 0
) -> ServingSpeed:
    step = batched_step_seconds(f, params, users, moe_active=moe_active, moe_experts=moe_experts)
    if step <= 0:
        return ServingSpeed(users, 0.0, 0.0)
    return ServingSpeed(users, 1 / step, users / step)
