"""More GPUs for vLLM and SGLang: tensor parallelism splits a model's attention heads evenly, so the
cards to add reach the next count that splits them (2 -> 4 for 64 heads and 8 KV heads), never a
count that would run as pipeline stages at about one GPU's speed; a shorter context keeps the tensor
parallelism where it can; and "N users" said as a list item of the setup is read as users."""

from __future__ import annotations

import pytest

from sizing import Catalog, advise, parse_hardware, read_question


@pytest.mark.parametrize(
    ("model", "rig", "engine", "quant", "added"),
    [
        ("llama-3.1-70b", "2x RTX 4090", "sglang", "AWQ-INT4", "add 2 more"),  # 64 heads, 8 KV: 3 no, 4 yes
        ("qwen2.5-72b", "2x RTX 3090", "vllm", "AWQ-INT4", "add 2 more"),
        ("qwen3-30b-a3b", "2x RTX A4000", "sglang", "FP8", "add 2 more"),  # 32 heads, 4 KV heads
        ("qwen2.5-32b", "RTX 4090", "vllm", "FP8", "add a second"),  # 2 splits 40 heads and 8 KV heads
        (
            "llama-3.1-70b",
            "2x RTX 3060 12GB",
            "llama.cpp",
            "Q4_K_M",
            "add one more",
        ),  # a layer split takes any count
    ],
)
def test_cards_to_add_reach_a_count_tensor_parallel_splits(
    catalog: Catalog, model: str, rig: str, engine: str, quant: str, added: str
) -> None:
    a = advise(catalog.by_id[model], parse_hardware(rig), engine=engine, quant=quant, context=32768)
    gpus = [f.change for f in a.fixes if f.change.startswith("add ") and "GB of" not in f.change]
    assert gpus and gpus[0].startswith(added)


def _fixes(catalog: Catalog) -> list[str]:
    a = advise(
        catalog.by_id["llama-3.1-70b"],
        parse_hardware("2x RTX 4090"),
        engine="sglang",
        quant="AWQ-INT4",
        context=32768,
    )
    return [f.change for f in a.fixes]


def test_a_tensor_parallel_rig_is_never_offered_a_third_gpu(catalog: Catalog) -> None:
    changes = _fixes(catalog)
    assert not any("add one more" in c for c in changes)
    assert any(c.startswith("add 2 more") and "3 does not, 4 does" in c for c in changes)


def test_a_shorter_context_keeps_tensor_parallel_over_both_gpus(catalog: Catalog) -> None:
    a = advise(
        catalog.by_id["llama-3.1-70b"],
        parse_hardware("2x RTX 4090"),
        engine="sglang",
        quant="AWQ-INT4",
        context=32768,
    )
    shorter = [f.estimate for f in a.fixes if f.change.startswith("shorten the context")]
    assert shorter
    assert shorter[0].memory.placement.tensor_parallel == 2


@pytest.mark.parametrize(
    ("text", "users"),
    [
        ("sglang llama 3.1 70b awq on 2x rtx 4090, 32k context, 8 users - ok?", 8),
        ("vllm qwen2.5 32b awq on a 4090; 16k ctx; 5 users", 5),
        ("qwen3 14b on a 3090 and 3 users", 3),
        ("qwen3 14b on a 3090, 200 users a day", None),  # a daily count, not users at once
    ],
)
def test_users_said_as_a_list_item_are_read(catalog: Catalog, text: str, users: int | None) -> None:
    assert read_question(text, catalog.index).users == users
