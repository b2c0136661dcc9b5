"""Several users of a model whose weights already spill to system RAM: llama-server holds every user's
KV cache at once (-np users, -c context x users) by moving more of the weights to RAM, so the users are
not capped at the caches the GPU alone holds beside the weights placed for one."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, default_catalog, estimate, parse_hardware


@pytest.mark.parametrize(
    ("text", "users"),
    [
        ("three of us want gpt-oss 20b on one rtx 3060 12gb, 48gb ram, 32k context each", 3),
        ("qwen3 30b a3b for 4 people at once on a 4060 ti 16gb + 64gb ram, 16k context", 4),
        ("two users at the same time on gpt-oss-20b, rtx 3060 12gb", 2),
    ],
)
def test_every_user_runs_at_once_on_a_partly_offloaded_rig(catalog: Catalog, text: str, users: int) -> None:
    a = answer_text(text, catalog)
    assert "holds the KV cache of 1" not in a.verdict
    e = a.options[0]
    assert e.placement.verdict == "partial"
    assert f"-np {users}" in (e.command or "")
    serving = e.speed.serving
    assert serving is not None and serving.users_held is not None and serving.users_held >= users


def test_the_users_caches_are_placed_and_more_weights_move_to_ram() -> None:
    cat = default_catalog()
    model = cat.by_id["gpt-oss-20b"]
    hw = parse_hardware("RTX 3060 12GB, 64GB RAM")
    one = estimate(model, hw, quant="MXFP4", context=32768, engine="llama.cpp")
    three = estimate(model, hw, quant="MXFP4", context=32768, engine="llama.cpp", users=3)
    assert one.verdict == three.verdict == "partial"
    assert three.context == one.context  # each user's context, as asked
    assert three.memory.kv_bytes == pytest.approx(3 * one.memory.kv_bytes, rel=0.05)
    on_cpu = [sum(d.weights for d in e.memory.placement.devices if d.kind == "cpu") for e in (one, three)]
    assert on_cpu[1] > on_cpu[0]
    assert three.speed.decode_tps < one.speed.decode_tps  # more of it read from RAM


def test_a_model_fully_on_the_gpu_keeps_its_placement_for_users() -> None:
    # the speed of a model fully on the GPU is not traded for users: they wait for a turn, as said
    cat = default_catalog()
    e = estimate(cat.by_id["llama-3.1-8b"], parse_hardware("RTX 4090"), quant="Q4_K_M", context=8192, users=4)
    assert e.verdict == "gpu"
    assert e.memory.slots == 1
