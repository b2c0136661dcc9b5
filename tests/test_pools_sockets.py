"""Two sockets have twice one socket's memory channels, counted once: the RAM pool of a two-socket
board reads at twice the bandwidth of the same board with one CPU, however the memory was read."""

from __future__ import annotations

import pytest

from sizing import parse_hardware
from sizing.engines import rig_pools


@pytest.mark.parametrize(
    ("one", "two"),
    [
        ("Xeon Gold 6148", "2x Xeon Gold 6148"),  # no RAM stated: the platform's own figure
        ("EPYC 9654", "2x EPYC 9654"),
        ("EPYC 7742, 256GB", "2x EPYC 7742, 512GB"),  # channels and speed read from the platform
    ],
)
def test_a_second_socket_doubles_the_ram_bandwidth(one: str, two: str) -> None:
    single = rig_pools(parse_hardware(one), "cpu").cpu.bandwidth_gbs
    double = rig_pools(parse_hardware(two), "cpu").cpu.bandwidth_gbs
    assert double == pytest.approx(2 * single)
