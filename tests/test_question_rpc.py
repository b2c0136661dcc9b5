"""Computers joined by llama.cpp's RPC backend: one rig with every machine's GPUs, the machines
counted, and a command that starts rpc-server on the others and names them with --rpc."""

from __future__ import annotations

import pytest

from sizing import Catalog, estimate, read_question
from sizing.commands import launch_command


@pytest.mark.parametrize(
    ("text", "machines", "gpus"),
    [
        (
            "mistral large 2 at q4 across two pcs with llama.cpp rpc, each has a 3090",
            2,
            [("rtx-3090", 2)],
        ),
        (
            "llama.cpp rpc between pc1 with a 4090 and pc2 with 2x 3060 12gb, qwen3 32b q8?",
            2,
            [("rtx-4090", 1), ("rtx-3060", 2)],
        ),
        ("three machines over rpc, each with a 3090, llama 3.3 70b", 3, [("rtx-3090", 3)]),
        ("two boxes with a 4090 each, joined over llama.cpp rpc: qwen3 32b q8?", 2, [("rtx-4090", 2)]),
        ("rpc between two desktops with a 7900 xtx each, llama 3.3 70b q4", 2, [("rx-7900-xtx", 2)]),
    ],
)
def test_machines_joined_by_rpc_are_one_rig(
    catalog: Catalog, text: str, machines: int, gpus: list[tuple[str, int]]
) -> None:
    q = read_question(text, catalog.index)
    assert q.hardware is not None
    assert q.hardware.machines == machines
    assert sorted((g.id, g.count) for g in q.hardware.gpus) == sorted(gpus)
    assert any("RPC" in a for a in q.hardware.assumptions)


@pytest.mark.parametrize(
    "text",
    [
        "two pcs, each has a 3090, can they run llama 3.3 70b?",  # no RPC named: one machine's reading
        "vllm across two nodes with rpc, 2x 3090, llama 3.3 70b",  # not llama.cpp's RPC
    ],
)
def test_no_rpc_rig_without_llama_cpp_rpc(catalog: Catalog, text: str) -> None:
    q = read_question(text, catalog.index)
    assert q.hardware is not None and q.hardware.machines == 1


def test_the_command_starts_rpc_server_and_names_the_other_machine(catalog: Catalog) -> None:
    q = read_question("llama.cpp rpc: pc1 4090, pc2 2x 3060 12gb, qwen3 32b at q4_k_m", catalog.index)
    assert q.hardware is not None
    e = estimate(q.models[0].model, q.hardware, quant="Q4_K_M")
    command = launch_command(e) or ""
    assert "rpc-server -H 0.0.0.0 -p 50052" in command
    assert command.startswith("rpc-server -H 0.0.0.0 -p 50052")  # on the other machine, first
    assert "\nMACHINE_2=" in command and '--rpc "$MACHINE_2":50052' in command
    assert "-ts " not in command and "-sm tensor" not in command  # RPC splits by layers, llama.cpp orders


def test_unified_machines_over_rpc_say_the_network_is_not_counted(catalog: Catalog) -> None:
    q = read_question("two strix halo 128gb boxes over llama.cpp rpc, glm 4.5 air q4?", catalog.index)
    assert q.hardware is not None and q.hardware.soc is not None and q.hardware.soc.count == 2
    assert any("RPC" in a and "network" in a for a in q.hardware.assumptions)
