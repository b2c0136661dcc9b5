"""Two-socket boards: llama.cpp reads the weights at one socket's RAM bandwidth (the pages sit on the
node that loaded them); an engine that copies the weights to every node reads them all."""

from __future__ import annotations

import pytest

from sizing import Catalog, estimate, estimate_memory, parse_hardware
from sizing.catalog import resolve_quant
from sizing.speed import decode_features

ONE = "EPYC 9654, 768GB DDR5-4800"
TWO = "2x EPYC 9654, 1536GB DDR5-4800"


def _cpu_bandwidth(catalog: Catalog, rig: str, engine: str) -> float:
    spec = catalog.by_id["llama-3.1-70b"]
    hw = parse_hardware(rig)
    q = resolve_quant("Q4_K_M")
    mem = estimate_memory(spec, q, hw, context=8192, engine="llama.cpp", backend="cpu")
    f = decode_features(spec, mem, hw, "cpu", q, engine=engine, depths=[0.0])
    return next(d.bandwidth_gbs for d in f.devices if not d.is_gpu)


def test_the_rig_reader_sees_two_sockets_of_the_same_channels() -> None:
    one, two = parse_hardware(ONE), parse_hardware(TWO)
    assert one.cpu is not None and two.cpu is not None
    assert (one.cpu.sockets, two.cpu.sockets) == (1, 2)


@pytest.mark.parametrize(("engine", "sockets_read"), [("llama.cpp", 1), ("ollama", 1), ("ktransformers", 2)])
def test_a_token_reads_one_sockets_ram_unless_the_engine_copies_to_every_node(
    catalog: Catalog, engine: str, sockets_read: int
) -> None:
    one = _cpu_bandwidth(catalog, ONE, engine)
    assert _cpu_bandwidth(catalog, TWO, engine) == pytest.approx(sockets_read * one)


GPU_HELD = "2x RTX 3090, 2x Xeon Gold 6454S"  # the GPUs hold the whole model


@pytest.mark.parametrize(("rig", "noted"), [(TWO, True), (ONE, False), (GPU_HELD, False)])
def test_the_answer_tells_a_two_socket_cpu_run_about_numa(catalog: Catalog, rig: str, noted: bool) -> None:
    """Said where the CPU reads weights on a two-socket board, not where the GPUs hold the model."""
    e = estimate(catalog.by_id["llama-3.1-8b"], parse_hardware(rig), quant="Q4_K_M", engine="llama.cpp")
    assert any("--numa distribute" in n for n in e.speed.notes) is noted
