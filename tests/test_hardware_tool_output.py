"""What tools print about the machine itself: Ollama's "inference compute" line with library=cpu gives the
system memory (no GPU was found), and lscpu's "Socket(s)" says how many CPUs, beside its "Core(s) per
socket" that names a socket without counting two; PyTorch's device properties give the GPU's memory."""

from __future__ import annotations

import pytest

from sizing.hardware import parse_hardware


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        (
            'msg="inference compute" id=cpu library=cpu variant="" compute="" driver=0.0 name="" '
            'total="62.7 GiB" available="58.1 GiB"',
            64.0,
        ),
        (
            'level=INFO msg="no compatible GPUs were discovered"\nlevel=INFO msg="inference compute" id=0 '
            'library=cpu variant=avx2 compute="" driver=0.0 name="" total="15.5 GiB" available="9.8 GiB"',
            16.0,
        ),
    ],
)
def test_ollamas_cpu_compute_line_gives_the_ram_and_no_gpu(text: str, ram: float) -> None:
    hw = parse_hardware(text)
    assert hw.gpus == ()
    assert hw.ram_gb == ram


def test_ollamas_gpu_compute_line_still_gives_the_cards_memory() -> None:
    text = (
        'msg="inference compute" id=GPU-7f library=cuda variant=v12 compute=8.9 driver=12.6 '
        'name="NVIDIA GeForce RTX 4060 Ti" total="15.7 GiB" available="15.1 GiB"'
    )
    hw = parse_hardware(text)
    assert [(g.id, g.vram_gb) for g in hw.gpus] == [("rtx-4060-ti", 16.0)]
    assert hw.ram_gb is None


@pytest.mark.parametrize(
    ("text", "sockets"),
    [
        (
            "Model name:    AMD EPYC 7543 32-Core Processor\nCore(s) per socket:  32\nSocket(s):    1",
            1,
        ),
        (
            "Model name:    AMD EPYC 7543 32-Core Processor\nCore(s) per socket:  32\nSocket(s):    2",
            2,
        ),
        ("Model name:   Intel(R) Xeon(R) Gold 6430\nThread(s) per core: 2\nSocket(s):    2", 2),
        ("Model name:   Intel(R) Xeon(R) Platinum 8380 CPU @ 2.30GHz\nSocket(s):    4", 4),
    ],
)
def test_lscpu_says_how_many_sockets(text: str, sockets: int) -> None:
    cpu = parse_hardware(text).cpu
    assert cpu is not None and cpu.sockets == sockets


def test_a_dual_socket_said_in_words_still_counts_two() -> None:
    cpu = parse_hardware("dual EPYC 7543, 512GB RAM").cpu
    assert cpu is not None and cpu.sockets == 2


@pytest.mark.parametrize(
    ("text", "sockets"),
    [
        ("dual E5-2697 v2, 256GB, 2x P40", 2),
        ("two E5-2650 v4 and 128GB of RAM", 2),
        ("2x E5-2698v3 with 512GB", 2),
        ("E5-2697 v2, 256GB, 2x P40", 1),
        ("2x 3090 and a 5900X", 1),  # the count before the cards, not the CPU
    ],
)
def test_a_count_right_before_the_cpu_says_two_sockets(text: str, sockets: int) -> None:
    cpu = parse_hardware(text).cpu
    assert cpu is not None and cpu.sockets == sockets


@pytest.mark.parametrize(
    ("text", "want", "ram"),
    [
        (
            "_CudaDeviceProperties(name='NVIDIA L4', major=8, minor=9, total_memory=22478MB, "
            "multi_processor_count=58)",
            [("l4", 24.0)],
            None,
        ),
        (
            "torch.cuda.get_device_properties(0) -> _CudaDeviceProperties(name='NVIDIA GeForce RTX 3060', "
            "major=8, minor=6, total_memory=12042MB, multi_processor_count=28)\nsystem RAM 32GB",
            [("rtx-3060", 12.0)],
            32.0,
        ),
    ],
)
def test_pytorchs_device_properties_memory_is_the_gpus(
    text: str, want: list[tuple[str, float]], ram: float | None
) -> None:
    hw = parse_hardware(text)
    assert [(g.id, g.vram_gb) for g in hw.gpus] == want
    assert hw.ram_gb == ram
