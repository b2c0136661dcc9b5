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


ONE_SOCKET = "xeon gold 6248, 6 channels ddr4-2933, 384gb"


@pytest.mark.parametrize(
    ("total", "per_socket"),
    [
        # six-channel Xeons: twelve channels can only be the two sockets' together
        ("dual xeon gold 6248 (2 sockets, 12 channels ddr4-2933 total), 768gb", ONE_SOCKET),
        ("2x xeon gold 6248, 12 channels of ddr4-2933, 768gb", ONE_SOCKET),
    ],
)
def test_channels_stated_for_the_whole_board_are_shared_by_its_sockets(total: str, per_socket: str) -> None:
    board = rig_pools(parse_hardware(total), "cpu").cpu.bandwidth_gbs
    one = rig_pools(parse_hardware(per_socket), "cpu").cpu.bandwidth_gbs
    assert board == pytest.approx(2 * one)
    assert one == pytest.approx(6 * 2933 * 8 / 1000)


def test_channels_a_socket_can_have_are_read_as_each_sockets() -> None:
    hw = parse_hardware("2x xeon gold 6248, 6 channels ddr4-2933, 768gb")
    board = rig_pools(hw, "cpu").cpu.bandwidth_gbs
    assert board == pytest.approx(2 * 6 * 2933 * 8 / 1000)
