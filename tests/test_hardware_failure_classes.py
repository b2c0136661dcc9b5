"""The hardware reader on each class of text people write, one table per class.

Each row is a sentence in a pattern seen in public threads (written for these tests) and the reading
an experienced reader would give: GPUs as (id, count, GB per card), then system RAM, unified memory,
the chip and the CPU family where they matter.
"""

from __future__ import annotations

import pytest

from sizing import parse_hardware
from tests.rig_reading import Gpus, gpus

# --- A stray figure is never system RAM --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected_gpus"),
    [
        ("I've got two 3090s and everyone says 24GB isn't enough", [("rtx-3090", 2, 24.0)]),
        ("the model takes ~5GB on my 16GB card", [(None, 1, 16.0)]),
        ("2x 4060 Ti 16GB (32GB total)", [("rtx-4060-ti", 2, 16.0)]),
        ("only 8GB on my 3070", [("rtx-3070", 1, 8.0)]),
        ("my 4080 runs it, the q5 gguf is 22GB", [("rtx-4080", 1, 16.0)]),
        ("Downloaded a 140GB model for my 7900 XTX", [("rx-7900-xtx", 1, 24.0)]),
        ("Ich habe eine 3060 mit 12GB, das Modell braucht 10GB", [("rtx-3060", 1, 12.0)]),
        ("5090 here, llama.cpp reports 30GB used", [("rtx-5090", 1, 32.0)]),
        ("my 4070 with 12GB runs 7B fine but 13B q5 (9.2GB) is tight", [("rtx-4070", 1, 12.0)]),
        ("3090 owner, 24GB, the IQ3 of 70B is 28GB", [("rtx-3090", 1, 24.0)]),
        ("my 3090 Ti runs out of memory at 22GB", [("rtx-3090-ti", 1, 24.0)]),
        ("I have a 4090, is 128GB of RAM worth it?", [("rtx-4090", 1, 24.0)]),
        ("Ich habe zwei 3090, das Modell braucht 40 GB", [("rtx-3090", 2, 24.0)]),
        ("У меня две 3090, модель весит 40 ГБ", [("rtx-3090", 2, 24.0)]),
        (
            'two 3060s, memory.available="[11.1 GiB 4.6 GiB]" memory.required.full="14.9 GiB"',
            [("rtx-3060", 2, 12.0)],
        ),
        ("gfx1030 (RX 6800 XT) on ROCm 6.2", [("rx-6800-xt", 1, 16.0)]),
        ("mine is a GXF1030 card, the RX 6800 XT, and ROCm fails", [("rx-6800-xt", 1, 16.0)]),
        ("Tesla T4 on colab (15GB)", [("tesla-t4", 1, 16.0)]),
        ("NVIDIA RTX 5060 Laptop GPU: 7,899 MiB dedicated, 15,932 MiB shared", [("rtx-5060-laptop", 1, 8.0)]),
        ("MSI RTX 4070 Ventus 3X 12G", [("rtx-4070", 1, 12.0)]),
        ("Gigabyte RTX 3060 Windforce 2X 12GB", [("rtx-3060", 1, 12.0)]),
    ],
)
def test_a_figure_without_a_ram_cue_is_not_ram(text: str, expected_gpus: Gpus) -> None:
    h = parse_hardware(text)
    assert gpus(h) == expected_gpus and h.ram_gb is None


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("3090 + 64GB", 64),
        ("5950X / 128GB / 3090 Ti", 128),
        ("rig: 7800X3D, 4070 Super, 32GB", 32),
        ("i5-10400 with 16GB, no GPU", 16),
        ("EPYC 7742 with 768GB", 768),
        ("🖥️ 4090 | 🧠 64GB | ⚡ 13700K", 64),
        ("Upgrading from 32GB to 64GB RAM next week; GPU is a 3080 Ti", 32),
        ("P40 + 3090 combo with 96GB", 96),
        ("ram 16, rtx 3060 12gb", 16),
        ("4090D 24G，128G内存", 128),
        ("tengo dos 3090 y 64 gigas de memoria", 64),
        ("У меня 4090 и 64 гига оперативки", 64),
        ("Memory: 5432MiB / 63420MiB\nGPU: NVIDIA GeForce RTX 4080 SUPER", 64),
        ("Mem:  125Gi  12Gi  100Gi\nwith 2x RTX 3090", 128),
        ('msg="system memory" total="62.7 GiB" free="50.1 GiB" free_swap="8.0 GiB"', 64),
        ("3090, 64GB memory", 64),
        ("a 4090 with 128GB of memory", 128),
        ("一张3090，64G内存", 64),
        ("32核EPYC，4*4090D，256GD4内存", 256),
        ("i7 13700k + 4070 12g + 96g d5", 96),
        ("Total Physical Memory: 65,227 MB\nAvailable Physical Memory: 40,112 MB", 64),
        (
            "        total   used   free\nMem:       62     20      3\nSwap:       7      0      7",
            64,
        ),
        ("Mem:          128654       30211       60877        1572", 128),
        ("  *-memory\n       description: System memory\n       size: 80GiB", 80),
        ("Framework 16 with the 7700S dGPU and 64GB", 64),
        ("rtx a4000 16gb x 2 + 128gb ram", 128),
        ("I had 64GB of RAM and just upgraded it to 128GB, 3060", 128),
        ('{"cpu": "Ryzen 9 7950X", "ram_bytes": 68719476736}', 64),
        ("Graphics: Radeon 780M\nMemory: 64GB\nWill it be usable?", 64),
        ("9800X3D | 5090 FE | 64GB 6000 CL30", 64),  # a kit's speed and CAS latency say RAM
        ("32gb 3600 c16, 3080", 32),  # the next line's "will" is no plan
    ],
)
def test_a_figure_in_a_listing_of_parts_is_ram(text: str, ram: float) -> None:
    assert parse_hardware(text).ram_gb == ram


@pytest.mark.parametrize(
    ("text", "expected_gpus"),
    [
        ("2x4090 (48gb), 192gb ram", [("rtx-4090", 2, 24.0)]),
        ("seven A6000s, 336GB of VRAM in total", [("rtx-a6000", 7, 48.0)]),
        ("96GB VRAM total — 4x 3090 (one is a Ti)", [("rtx-3090", 3, 24.0), ("rtx-3090-ti", 1, 24.0)]),
    ],
)
def test_a_total_of_the_cards_memory_is_no_memory_mod(text: str, expected_gpus: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected_gpus


def test_the_gpus_share_of_a_chips_memory_is_no_second_card() -> None:
    h = parse_hardware("I can allocate 96GB to the GPU on my 128GB Strix Halo")
    assert not h.gpus and h.unified_memory_gb == 128


def test_a_tools_mib_figure_in_a_table_is_no_ram() -> None:
    h = parse_hardware("ggml_sycl: |  0| [level_zero:gpu:0]| Intel Arc B580 Graphics| 20.1| 160| 12168M|")
    assert gpus(h) == [("arc-b580", 1, 12.0)] and h.ram_gb is None


def test_the_mac_named_without_its_chip_has_unified_memory() -> None:
    h = parse_hardware("the 40GB file doesn't fit my 36GB MacBook Pro")
    assert h.unified_memory_gb == 36 and h.ram_gb is None


@pytest.mark.parametrize(
    ("text", "chip"), [("mac studio 192gb", "m2-ultra"), ("macbook pro 128gb", "m3-max")]
)
def test_a_mac_without_its_chip_is_sized_as_the_slowest_chip_sold_with_its_memory(
    text: str, chip: str
) -> None:
    h = parse_hardware(text)
    assert h.soc is not None and h.soc.id == chip
    assert any("slowest chip sold with it" in a for a in h.assumptions)


# --- Storage is not memory ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "chip", "unified"),
    [
        ("MacBook Pro M2 16GB/1TB", "m2", 16),
        ("Mac mini M4 24+512", "m4", 24),
        ("Mac mini M4 Pro 64+1T", "m4-pro", 64),
        ("M4 Max 128G/4T", "m4-max", 128),
        ("MacBook Air M3 16G+512G", "m3", 16),
    ],
)
def test_the_smaller_of_a_memory_and_ssd_pair_is_unified_memory(text: str, chip: str, unified: float) -> None:
    h = parse_hardware(text)
    assert h.soc is not None and h.soc.id == chip and h.unified_memory_gb == unified and not h.gpus


@pytest.mark.parametrize(
    "text",
    [
        "3090 with a 2TB NVMe and 64GB DDR4",
        "4090 + 2TB Samsung 990 Pro + 64GB",
        "3090, 64GB/2TB",
        "4090 / 7950X / 64GB DDR5 / 2TB",  # the memory word belongs to the item before the slash
    ],
)
def test_a_disk_is_not_ram(text: str) -> None:
    assert parse_hardware(text).ram_gb == 64


@pytest.mark.parametrize("text", ["EPYC 9654 / 2TB DDR5", "Xeon 8480+, 2TB DDR5 RAM"])
def test_a_terabyte_of_ram_said_so_is_ram(text: str) -> None:
    assert parse_hardware(text).ram_gb == 2048


@pytest.mark.parametrize(
    "text",
    [
        "Ryzen 7 7800X3D, RTX 4080 Super, 32GB",  # a list of parts: the item after the card is the RAM
        "7800x3d / 4080s / 32gb",
        "RTX 4090, 48GB",
    ],
)
def test_a_modded_size_as_the_next_item_of_a_parts_list_is_ram(text: str) -> None:
    h = parse_hardware(text)
    (gpu,) = h.gpus
    assert gpu.spec is not None and gpu.vram_gb == gpu.spec.memory_gb
    assert h.ram_gb in (32, 48)


# --- Counts in every notation ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected_gpus"),
    [
        ("3张A100 80G", [("a100-sxm", 3, 80.0)]),
        ("8张H100卡", [("h100-sxm", 8, 80.0)]),  # the card word after the name: no count of its own
        ("我可以使用8张h200卡", [("h200", 8, 141.0)]),
        ("三块4090", [("rtx-4090", 3, 24.0)]),
        ("两张显卡a800 80g", [("a800", 2, 80.0)]),
        ("H800 80G x8", [("h800", 8, 80.0)]),
        ("2*8*A800 80G", [("a800", 16, 80.0)]),
        ("2x4 A100 80GB", [("a100-sxm", 8, 80.0)]),
        ("H100*8*2", [("h100-sxm", 16, 80.0)]),
        ("3 GPU MI60 32GB", [("instinct-mi60", 3, 32.0)]),
        ("6 * 4090D", [("rtx-4090-d", 6, 24.0)]),
        ("MI100*4", [("instinct-mi100", 4, 32.0)]),
        ("quad 3090", [("rtx-3090", 4, 24.0)]),
        ("a pair of P40s", [("tesla-p40", 2, 24.0)]),
        ("4090x2", [("rtx-4090", 2, 24.0)]),
        ("3060 12GB + 3060 12GB", [("rtx-3060", 2, 12.0)]),
        ("Tesla V100 32GB SXM2 x4", [("tesla-v100-sxm2", 4, 32.0)]),
        ("用的是2台8卡H100", [("h100-sxm", 16, 80.0)]),
        ("两台8卡4090", [("rtx-4090", 16, 24.0)]),
        ("seven 3090s on risers", [("rtx-3090", 7, 24.0)]),
        ("sieben RTX 3090", [("rtx-3090", 7, 24.0)]),
        ("A100-80G*4", [("a100-sxm", 4, 80.0)]),
        ("GeForce RTX 4090 D 24GB x2", [("rtx-4090-d", 2, 24.0)]),
        ("4x 4070, two are Supers", [("rtx-4070", 2, 12.0), ("rtx-4070-super", 2, 12.0)]),
        ("RTX 4070 Ti Super 16GB / 7800X3D / 64GB DDR5 6000", [("rtx-4070-ti-super", 1, 16.0)]),
        ("AmpereOne A192-32X 512GB", []),
        ("两张24g的p40", [("tesla-p40", 2, 24.0)]),
        ("a couple of MI60 32GB cards", [("instinct-mi60", 2, 32.0)]),
        ("4x EVGA RTX 3090 FTW3 Ultra", [("rtx-3090", 4, 24.0)]),
        ("two Sapphire Nitro+ 7900 XTX", [("rx-7900-xtx", 2, 24.0)]),
        ("2x ASUS TUF 4070 Ti Super", [("rtx-4070-ti-super", 2, 16.0)]),
        ("2 Gigabyte 3090s", [("rtx-3090", 2, 24.0)]),
    ],
)
def test_counts(text: str, expected_gpus: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected_gpus


SMI_MIXED = """\
|   0  NVIDIA GeForce RTX 3090        On  |   00000000:01:00.0  On |                  N/A |
|  0%   38C    P8             23W /  420W |     830MiB /  24576MiB |      9%      Default |
|   1  NVIDIA GeForce RTX 3090        Off |   00000000:02:00.0 Off |                  N/A |
|  0%   28C    P8             14W /  350W |      37MiB /  24576MiB |      0%      Default |
|   2  NVIDIA GeForce RTX 3060        Off |   00000000:03:00.0 Off |                  N/A |
|  0%   30C    P8             12W /  170W |      12MiB /  12288MiB |      0%      Default |"""


@pytest.mark.parametrize(
    ("text", "expected_gpus"),
    [
        (SMI_MIXED, [("rtx-3060", 1, 12.0), ("rtx-3090", 2, 24.0)]),
        (
            "GPU 0: NVIDIA GeForce RTX 4090 (UUID: GPU-1)\nGPU 1: NVIDIA GeForce RTX 4090 (UUID: GPU-2)",
            [("rtx-4090", 2, 24.0)],
        ),
        ("Device 0: NVIDIA GeForce RTX 3090, compute capability 8.6", [("rtx-3090", 1, 24.0)]),
        (
            "Device 0: AMD Instinct MI60 / MI50, gfx906 (0x906)\n"
            "Device 1: AMD Instinct MI60 / MI50, gfx906 (0x906)",
            [("instinct-mi60", 2, 32.0)],
        ),
        (
            "|   3  Tesla P40    Off | 00000000:84:00.0 Off |\n|  N/A 30C P8 10W / 250W | 0MiB / 24576MiB |",
            [("tesla-p40", 1, 24.0)],
        ),
    ],
)
def test_a_device_listing_index_is_not_a_count(text: str, expected_gpus: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected_gpus


# --- Names that are close but different ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected_gpus"),
    [
        ("A6000 Ada 48GB", [("rtx-6000-ada", 1, 48.0)]),
        ("RTX A6000", [("rtx-a6000", 1, 48.0)]),
        ("RTX 4090 16GB", [("rtx-4090-laptop", 1, 16.0)]),
        ("RTX 4080 12GB, 32GB RAM", [("rtx-4080-laptop", 1, 12.0)]),
        ("4060 with 16GB VRAM", [("rtx-4060-ti", 1, 16.0)]),
        ("4090 48GB modded", [("rtx-4090", 1, 48.0)]),
        ("2x 4090D 48G", [("rtx-4090-d", 2, 48.0)]),
        ("2080 Ti 22GB x4", [("rtx-2080-ti", 4, 22.0)]),
        ("Tesla K80 (2x12GB)", [("tesla-k80", 2, 12.0)]),
        ("two Tesla M60 cards", [("tesla-m60", 4, 8.0)]),
        ("Radeon Pro Duo", [("radeon-pro-duo", 2, 4.0)]),
        ("Radeon Pro Duo (Polaris) 32GB", [("radeon-pro-duo", 2, 16.0)]),
        ("picked up an old server that came with four Tesla K80s", [("tesla-k80", 8, 12.0)]),
        ("P102-100 10GB x4", [("p102-100", 4, 10.0)]),
        ("6x P104-100", [("p104-100", 6, 8.0)]),
        ("CMP 170HX", [("cmp-170hx", 1, 8.0)]),
        ("Tesla M10", [("tesla-m10", 4, 8.0)]),
        ("MI250X x2", [("instinct-mi250x", 4, 64.0)]),
        ("RTX 4090 D", [("rtx-4090-d", 1, 24.0)]),
        (
            "workstation laptop with an RTX PRO 5000 Blackwell, 24GB",
            [("rtx-pro-5000-blackwell-laptop", 1, 24.0)],
        ),
        ("Minisforum MS-A2 mini PC with 96GB", []),
        ("two RTX 6000 Pro", [("rtx-pro-6000-blackwell", 2, 96.0)]),
        ("RTX 6000 Pro Max-Q", [("rtx-pro-6000-blackwell-max-q", 1, 96.0)]),
        ("RTX 6000 Blackwell", [("rtx-pro-6000-blackwell", 1, 96.0)]),
        ("RTX 4500 Pro", [("rtx-pro-4500-blackwell", 1, 32.0)]),
        ("Quadro RTX 6000", [("quadro-rtx-6000", 1, 24.0)]),
        ("my 3090TIFE", [("rtx-3090-ti", 1, 24.0)]),
        ("Framework 16 with the 7700S", [("rx-7700s", 1, 8.0)]),
        ("two 3090s", [("rtx-3090", 2, 24.0)]),
    ],
)
def test_close_names(text: str, expected_gpus: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected_gpus


def test_a_dual_gpu_board_reads_as_its_gpus_each_with_half_the_board() -> None:
    (group,) = parse_hardware("Tesla M60").gpus
    assert group.count == 2 and group.spec is not None and group.spec.board_gpus == 1
    assert group.spec.memory_gb == 8 and group.spec.bandwidth_gbs == pytest.approx(160.4)


def test_one_gpu_of_a_dual_board_is_one_gpu() -> None:
    (group,) = parse_hardware("NVIDIA Tesla K80 (one GPU)").gpus
    assert (group.count, group.vram_gb) == (1, 12.0)


def test_a_card_with_a_sibling_word_it_lacks_is_read_with_a_note() -> None:
    h = parse_hardware("geforce rtx 4090ti")
    assert gpus(h) == [("rtx-4090", 1, 24.0)] and any(
        "no NVIDIA GeForce RTX 4090 Ti" in a for a in h.assumptions
    )


def test_a_memory_mod_is_kept_with_a_note() -> None:
    h = parse_hardware("2080 Ti 22GB")
    assert any("modded" in a for a in h.assumptions)


# --- Devices ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "chip", "unified"),
    [
        ("Pixel 9 Pro", "google-tensor-g4", 16),
        ("Galaxy S24 Ultra 12GB", "snapdragon-8-gen-3", 12),
        ("OnePlus 13 (Snapdragon 8 Elite, 24GB)", "snapdragon-8-elite", 24),
        ("Rock 5B 16GB", "rockchip-rk3588", 16),
        ("Orange Pi 5 Plus 32GB", "rockchip-rk3588", 32),
        ("Jetson Orin Nano 8GB", "jetson-orin-nano", 8),
        ("Jetson Xavier NX 16GB", "jetson-xavier-nx", 16),
        ("Steam Deck OLED", "steam-deck-oled", 16),
        ("Ryzen AI Max+ PRO 395 with 128GB", "ryzen-ai-max-plus-395", 128),
        ("Galaxy A54 with 8GB", "exynos-1380", 8),
        ("vivo X100 Pro (Dimensity 9300, 16GB)", "dimensity-9300", 16),
        ("Xiaomi 14 Ultra 16GB", "snapdragon-8-gen-3", 16),
        ("RK3566 board (Radxa Zero 3W, 8GB)", "rockchip-rk3566", 8),
        ("Radxa ROCK 4D 16GB", "rockchip-rk3576", 16),
        ("Surface Laptop 7 X Elite 32GB", "snapdragon-x-elite", 32),
        ("Surface Laptop 7 with X Plus, 16GB", "snapdragon-x-plus", 16),
        ("iPad Pro M4 16GB", "m4", 16),
        ("Mac Stuido M4 Max 128", "m4-max", 128),
    ],
)
def test_chips_with_their_memory(text: str, chip: str, unified: float) -> None:
    h = parse_hardware(text)
    assert h.soc is not None and h.soc.id == chip and h.unified_memory_gb == unified


@pytest.mark.parametrize(
    ("text", "expected_gpus", "ram", "cpu_family"),
    [
        ("Raspberry Pi 5 8GB", [], 8, "raspberry-pi-5"),
        ("raspberry pi 500+ with 16gb", [], 16, "raspberry-pi-5"),
        ("Pi 400 keyboard, 4GB", [], 4, "raspberry-pi-4"),
        ("ROG Ally", [("radeon-780m", 1, None)], 16, "ryzen-z1-extreme"),
        ("iMac Pro 64GB", [], 64, "imac-pro"),
        ("Mac Pro 2019, 96GB, Radeon Pro W5700X", [("radeon-pro-w5700x", 1, 16.0)], 96, "mac-pro-2019"),
        ("Graviton 4 with 256GB", [], 256, "graviton4"),
        ("c7g.16xlarge (Graviton3, 128 GiB)", [], 128, "graviton3"),
        ("DGX Station GB300", [("gb300", 1, 288.0)], 496, None),
        ("Ryzen 7 8845HS, 780M with 16GB UMA, 64GB DDR5", [("radeon-780m", 1, 16.0)], 64, "ryzen-7-8845hs"),
        ("ROG Xbox Ally X", [("radeon-890m", 1, None)], 24, "ryzen-z2-extreme"),
        ("Kunpeng 920 with 512GB", [], 512, "kunpeng-920"),
        ("Intel N100 mini PC, 16GB", [], 16, "intel-n-series"),
        ("Xeon W-3495X with 512 GB of DDR5", [], 512, "xeon-w-3400"),
        ("AMD EPYC 9005 Turin 9575F, 24 x 32GB DDR5-6000", [], 768, "epyc-9575f"),
        ("i7-8700, 16gb, gtx 1060 6gb", [("gtx-1060", 1, 6.0)], 16, "core-i-8-9-desktop"),
        ("2x3090 + I265K + 128GB DDR5", [("rtx-3090", 2, 24.0)], 128, "core-ultra-200s"),
        ("i7 265k, 4090, 64GB DDR5", [("rtx-4090", 1, 24.0)], 64, "core-ultra-200s"),
    ],
)
def test_machines_with_their_parts(
    text: str, expected_gpus: Gpus, ram: float, cpu_family: str | None
) -> None:
    h = parse_hardware(text)
    assert gpus(h) == expected_gpus and h.ram_gb == ram
    assert (h.cpu.family if h.cpu else None) == cpu_family


@pytest.mark.parametrize(
    ("text", "device"),
    [
        ("Arc Pro B60 24GB", "arc-pro-b60"),
        ("Intel Arc B70 32GB", "arc-pro-b70"),
        ("RTX PRO 6000 Blackwell Max-Q", "rtx-pro-6000-blackwell-max-q"),
        ("RTX PRO 5000 Blackwell laptop", "rtx-pro-5000-blackwell-laptop"),
        ("RTX 5090 D", "rtx-5090-d"),
        ("RX 9060", "rx-9060"),
    ],
)
def test_recent_cards(text: str, device: str) -> None:
    assert [g.id for g in parse_hardware(text).gpus] == [device]


@pytest.mark.parametrize(
    ("text", "expected_gpus"),
    [
        ("8卡昇腾910B 64G", [("ascend-910b", 8, 64.0)]),
        ("Atlas 800T A2", [("ascend-910b", 8, 64.0)]),
        ("8 x Ascend 910B4", [("ascend-910b4", 8, 32.0)]),  # the 32 GB bin
        ("atlas 300i duo 96g", [("atlas-300i-duo", 2, 48.0)]),
        ("Gaudi 2 x8 (96GB HBM each)", [("gaudi-2", 8, 96.0)]),
        ("2x Gaudi 3", [("gaudi-3", 2, 128.0)]),
        ("Tenstorrent n300s", [("tenstorrent-n300", 2, 12.0)]),
        ("AWS g5.12xlarge (4x A10G)", [("a10g", 4, 24.0)]),
        ("L20 48G * 8", [("l20", 8, 48.0)]),
        ("Quadro M4000 8GB", [("quadro-m4000", 1, 8.0)]),
        ("T1000 8GB", [("t1000", 1, 8.0)]),
    ],
)
def test_accelerators_and_older_cards(text: str, expected_gpus: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected_gpus


# --- Typos never vanish silently -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "device"),
    [
        ("rtx4o90", "rtx-4090"),
        ("3o90 and 64gb ram", "rtx-3090"),
        ("40900 with 32gb ram", "rtx-4090"),
        ("rtx 3009 and 32gb ram", "rtx-3090"),
        ("RTX 4900", "rtx-4090"),
        ("GTX 1008 Ti 11GB", "gtx-1080-ti"),
        ("RTX 409", "rtx-4090"),
        ("an rtx 4070 ti suepr", "rtx-4070-ti-super"),
        ("Radeon RX 7900 XTXX", "rx-7900-xtx"),
        ("my 4900 gpu", "rtx-4090"),
        ("my 7950 xtx", "rx-7900-xtx"),
    ],
)
def test_a_mistyped_card_is_read_with_a_note(text: str, device: str) -> None:
    h = parse_hardware(text)
    assert [g.id for g in h.gpus] == [device] and any("typo" in a for a in h.assumptions)


@pytest.mark.parametrize(
    "text", ["the neon lights of my 3090 rig", "my studio has a 4090", "Super Mario on a 3060"]
)
def test_real_words_are_never_read_as_misspelt_names(text: str) -> None:
    assert not any("typo" in a for a in parse_hardware(text).assumptions)


def test_a_misspelt_memory_word_still_cues_the_amount() -> None:
    assert parse_hardware("rtx 3090 w/ 24gb vram and 64gb sytem ram").ram_gb == 64


def test_a_number_two_cards_are_one_typo_away_from_is_not_guessed() -> None:
    h = parse_hardware("rtx 40960 gpu")
    assert not h.gpus and any("could not tell which card" in a for a in h.assumptions)


def test_a_card_number_several_cards_are_one_digit_away_from_is_asked_about() -> None:
    h = parse_hardware("Running fine but not on my 1090TI")
    (note,) = [a for a in h.assumptions if "could not tell which card" in a]
    assert not h.gpus and "GTX 1080 Ti" in note and "RTX 3090 Ti" in note


def test_an_amd_llvm_target_alone_is_no_card_and_says_so() -> None:
    h = parse_hardware("rocm 6.2 on gfx1100")
    assert not h.gpus and any("gfx1100" in a and "name the card" in a for a in h.assumptions)


@pytest.mark.parametrize(
    ("working_set_mib", "chip", "unified"),
    [
        ("10922.67", "M1 Pro", 16),
        ("21845.34", "M1 Max", 32),
        ("49152.00", "M2 Max", 64),
        ("154618.82", "M2 Ultra", 192),
    ],
)
def test_metals_gpu_working_set_reads_as_the_memory_it_is_a_share_of(
    working_set_mib: str, chip: str, unified: float
) -> None:
    h = parse_hardware(
        f"ggml_metal_init: found device: Apple {chip}\n"
        f"ggml_metal_init: recommendedMaxWorkingSetSize = {working_set_mib} MB"
    )
    assert h.unified_memory_gb == unified and any("working set" in a for a in h.assumptions)


# --- Server memory ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "channels"),
    [
        ("512GB DDR4, no GPU", 8),
        ("768GB of DDR5 and an RTX 4090", 12),
        ("EPYC 7742 with 768GB", 8),
        ("dual EPYC 9654, 1.5TB DDR5", 12),
        ("Xeon Gold 6248R, 384GB", 6),
    ],
)
def test_server_memory_is_not_dual_channel(text: str, channels: int) -> None:
    h = parse_hardware(text)
    assert h.ram_channels == channels and any("channel" in a for a in h.assumptions)


@pytest.mark.parametrize(
    ("text", "channels", "mts"),
    [
        ("2x 3090 + 256gb ddr4 8 channel epyc", 8, 3200),
        ("a 4090 and 512GB of 12 channel DDR5", 12, 4800),
    ],
)
def test_server_channels_said_without_their_speed_take_the_server_speed(
    text: str, channels: int, mts: int
) -> None:
    h = parse_hardware(text)
    assert (h.ram_channels, h.ram_mts) == (channels, mts) and any("assumed DDR" in a for a in h.assumptions)


def test_a_desktop_keeps_its_unstated_channels() -> None:
    assert parse_hardware("Ryzen 9 7950X, 64GB DDR5").ram_channels is None


@pytest.mark.parametrize("text", ["Ryzen 9 9950X 256GB DDR5", "Core Ultra 9 285K, 256GB DDR5"])
def test_a_named_ddr5_desktop_holds_256gb_on_its_two_channels(text: str) -> None:
    h = parse_hardware(text)
    assert h.ram_channels is None and any("two channels" in a for a in h.assumptions)


def test_more_than_a_desktop_takes_still_reads_as_a_server() -> None:
    h = parse_hardware("Ryzen 9 9950X 512GB")
    assert h.ram_channels == 8 and any("server" in a for a in h.assumptions)


# --- Tool pastes and notations of further posts ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("Memory: 11.52 GiB / 31.26 GiB (37%)\nGPU: NVIDIA GeForce RTX 4070 SUPER", 32),
        ("OS: Fedora Linux 41, Memory: 40.2 GiB / 125.1 GiB (32%)", 128),
        ("Mem:           1.0Ti        61Gi       930Gi", 1024),
        ("Mem: 1.5Ti total, dual EPYC 9654", 1536),
    ],
)
def test_a_tools_used_and_total_memory_reads_the_total_as_ram(text: str, ram: float) -> None:
    assert parse_hardware(text).ram_gb == ram


def test_a_cards_used_and_total_gib_is_no_ram() -> None:
    assert parse_hardware("GPU Memory: 3.2 GiB / 24.0 GiB").ram_gb is None


@pytest.mark.parametrize(
    ("text", "ram"),
    [("双路EPYC 9654，1.5T内存", 1536), ("至强6430，1T内存，4张L20", 1024), ("EPYC 7763，2.5T内存", 2560)],
)
def test_a_full_width_comma_separates_items_and_never_makes_a_decimal(text: str, ram: float) -> None:
    assert parse_hardware(text).ram_gb == ram


@pytest.mark.parametrize(
    ("text", "expected_gpus"),
    [
        ("A40 48GB (x2)", [("a40", 2, 48.0)]),
        ("RTX 3090 (x3), 256GB DDR4", [("rtx-3090", 3, 24.0)]),
        ("GPU: RTX 4090 (2x) / RAM: 128GB", [("rtx-4090", 2, 24.0)]),
        ("Tesla P40 (x 4)", [("tesla-p40", 4, 24.0)]),
        ("3090 x9x9x9", [("rtx-3090", 1, 24.0)]),
        ("H100*8*2", [("h100-sxm", 16, 80.0)]),
    ],
)
def test_counts_in_brackets_and_chains_of_factors(text: str, expected_gpus: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected_gpus


def test_lane_widths_in_brackets_are_no_counts() -> None:
    h = parse_hardware("3090 (x16) and 3060 (x4)")
    assert gpus(h) == [("rtx-3060", 1, 12.0), ("rtx-3090", 1, 24.0)]


@pytest.mark.parametrize(
    ("text", "expected_gpus"),
    [
        ("两张2080ti魔改22G，内存64G", [("rtx-2080-ti", 2, 22.0)]),
        ("单卡2080ti魔改22g", [("rtx-2080-ti", 1, 22.0)]),
        ("4090魔改48G x2，512G内存", [("rtx-4090", 2, 48.0)]),
        ("three 2080 Ti modded 22GB", [("rtx-2080-ti", 3, 22.0)]),
    ],
)
def test_a_size_after_the_word_modded_is_the_cards_mod(text: str, expected_gpus: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected_gpus


@pytest.mark.parametrize(
    ("text", "expected_gpus", "ram"),
    [
        ("CPU：i5-12400F 内存：16G 显卡：无", [], 16),
        ("内存：32G 显卡：RTX 3060 12G", [("rtx-3060", 1, 12.0)], 32),
        ("RAM: 64GB GPU: RX 7900 XT", [("rx-7900-xt", 1, 20.0)], 64),
    ],
)
def test_the_next_key_of_a_list_is_no_cue_of_the_amount_before_it(
    text: str, expected_gpus: Gpus, ram: float
) -> None:
    h = parse_hardware(text)
    assert gpus(h) == expected_gpus and h.ram_gb == ram


@pytest.mark.parametrize(
    ("text", "expected_gpus"),
    [
        ("GPU-Z: NVIDIA GeForce RTX 2080 Ti, Memory Size 11264 MB, GDDR6", [("rtx-2080-ti", 1, 11.0)]),
        (
            "Device Name: NVIDIA GeForce RTX 3070\nGlobal memory size 8589410304 (7.999GiB)",
            [("rtx-3070", 1, 8.0)],
        ),
        (
            'msg="inference compute" id=0 library=rocm compute=gfx1100 name=1002:744c total="24.0 GiB"',
            [(None, 1, 24.0)],
        ),
    ],
)
def test_a_cards_memory_as_gpu_tools_print_it_is_vram(text: str, expected_gpus: Gpus) -> None:
    h = parse_hardware(text)
    assert gpus(h) == expected_gpus and h.ram_gb is None


@pytest.mark.parametrize(
    ("text", "unified"),
    [("hw.memsize: 68719476736\nChip: Apple M2 Max", 64), ("hw.memsize = 137438953472, M3 Max", 128)],
)
def test_sysctl_memsize_is_the_macs_memory(text: str, unified: float) -> None:
    assert parse_hardware(text).unified_memory_gb == unified


@pytest.mark.parametrize(
    ("text", "expected_gpus"),
    [
        ("Tenstorrent n150 with 64GB RAM", [("tenstorrent-n150", 1, 12.0)]),
        ("wormhole n150d + 128GB DDR5", [("tenstorrent-n150", 1, 12.0)]),
        ("2x Tenstorrent n300, 256GB RAM", [("tenstorrent-n300", 4, 12.0)]),
    ],
)
def test_a_cpu_name_inside_an_accelerators_name_is_no_cpu(text: str, expected_gpus: Gpus) -> None:
    h = parse_hardware(text)
    assert gpus(h) == expected_gpus and h.cpu is None


def test_a_bare_n150_stays_intels_cpu() -> None:
    h = parse_hardware("Beelink mini PC, Intel N150, 16GB")
    assert h.gpus == () and h.cpu is not None and h.cpu.family == "intel-n-series"


@pytest.mark.parametrize(
    ("text", "platform"),
    [
        ("i9-10900X, 128GB DDR4, 2x RTX 3090", "x299-cascade-lake-x"),
        ("10980XE 256GB 4x3090", "x299-cascade-lake-x"),
        ("i9-7980XE with 256GB and a 4090", "x299-skylake-x"),
        ("i9-9900X, 128GB", "x299-skylake-x"),
        ("i7-7800X + 64GB", "x299-skylake-x"),
        ("i7-5960X + 64GB DDR4", "x99"),
        ("i7-3930K with 32GB", "x79"),
    ],
)
def test_intel_hedt_cpus_read_their_quad_channel_platform(text: str, platform: str) -> None:
    h = parse_hardware(text)
    assert h.cpu is not None and h.cpu.platform == platform and h.ram_channels == 4


@pytest.mark.parametrize(
    ("text", "platform"),
    [
        ("i9-10900K 64GB", "ddr4-2666-dual"),
        ("i9-9900K, 64GB", "ddr4-2666-dual"),
        ("i7-7740X + 32GB", "ddr4-2400-dual"),
        ("Ryzen 9 9900X, 64GB", "am5-ryzen-9000"),
    ],
)
def test_desktop_cpus_beside_hedt_names_stay_dual_channel(text: str, platform: str) -> None:
    h = parse_hardware(text)
    assert h.cpu is not None and h.cpu.platform == platform and h.ram_channels is None


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("TR 3960X, 256GB", "threadripper-3960x"),
        ("3970X and 4x 3090", "threadripper-3970x"),
        ("tr pro 5975wx", "threadripper-5975wx"),
        ("i712700h, rtx 3060 laptop 6gb", "core-i-12-mobile"),
        ("i513400f 32gb", "core-i-13-14-desktop"),
        ("GTX 1070 8gb, 16gb ram, i7 4790k", "core-i-4-desktop"),
    ],
)
def test_cpus_written_short_or_glued(text: str, family: str) -> None:
    h = parse_hardware(text)
    assert h.cpu is not None and h.cpu.family == family


def test_a_core_i9_beside_an_rtx_4090_is_no_fourth_gen_core() -> None:
    h = parse_hardware("i9 4090 build with 64gb")
    assert gpus(h) == [("rtx-4090", 1, 24.0)] and h.cpu is not None and h.cpu.family is None


@pytest.mark.parametrize(
    ("text", "device"),
    [
        ("GPU: AMD ATI RX 9070/9070 XT", "rx-9070"),
        ("GPU: AMD ATI Radeon RX 7900 XT/7900 XTX/7900 GRE/7900M", "rx-7900-xt"),
        ("GPU: AMD ATI Radeon RX 470/480/570/570X/580/580X/590", "rx-470"),
        ("Graphics: Device-1: AMD Navi 31 [Radeon RX 7900 XT/7900 XTX/7900M] driver: amdgpu", "rx-7900-xt"),
    ],
)
def test_a_pci_name_listing_a_chips_cards_is_one_card_read_with_a_note(text: str, device: str) -> None:
    h = parse_hardware(text)
    assert [(g.id, g.count) for g in h.gpus] == [(device, 1)]
    assert any("is one card the driver names" in a for a in h.assumptions)


@pytest.mark.parametrize("text", ["3090/4090 rig", "RTX 3090 / RTX 4090, 128GB"])
def test_cards_a_person_joins_by_a_slash_stay_apart(text: str) -> None:
    assert len(parse_hardware(text).gpus) == 2


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("Memory\n\n64.0 GB\n\nSpeed:\t6000 MHz\nSlots used:\t2 of 4", 64),
        ("CPU\n\nAMD Ryzen 9 7950X\n\nMemory\n\n128 GB\n\nGPU 0\n\nNVIDIA GeForce RTX 4090", 128),
        ("RAM\n32 GB\nGPU\nRTX 3060 12GB", 32),
    ],
)
def test_a_memory_heading_alone_on_its_line_names_the_amount_under_it(text: str, ram: float) -> None:
    assert parse_hardware(text).ram_gb == ram


@pytest.mark.parametrize(
    ("text", "expected_gpus"),
    [
        ("i7 13700h + rtx 4060 + 16gb ram", [("rtx-4060-laptop", 1, 8.0)]),
        ("i9-14900HX + 4080 + 32gb", [("rtx-4080-laptop", 1, 12.0)]),
        ("Ryzen 9 7945HX / RTX 4090 / 32GB", [("rtx-4090-laptop", 1, 16.0)]),
    ],
)
def test_a_desktop_name_beside_a_laptop_cpu_is_the_laptop_card(text: str, expected_gpus: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected_gpus


@pytest.mark.parametrize(
    ("text", "expected_gpus"),
    [
        ("Ryzen 7 8845HS mini PC, 4090 on an OCuLink dock", [("rtx-4090", 1, 24.0)]),
        ("i7-1260P laptop, 4070 Ti Super eGPU over Thunderbolt", [("rtx-4070-ti-super", 1, 16.0)]),
        ("my work laptop drives an RTX A5000 eGPU over TB4", [("rtx-a5000", 1, 24.0)]),
        ("Threadripper 7980X workstation, RTX 4090", [("rtx-4090", 1, 24.0)]),
    ],
)
def test_a_card_outside_the_laptop_stays_the_desktop_card(text: str, expected_gpus: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected_gpus


@pytest.mark.parametrize(
    ("text", "expected_gpus"),
    [
        ("my gaming laptop with a 4090 and an oculink port", [("rtx-4090-laptop", 1, 16.0)]),
        (
            "laptop with an RTX 3080 and I added an RTX 3090 eGPU",
            [("rtx-3090", 1, 24.0), ("rtx-3080-laptop", 1, 8.0)],
        ),
    ],
)
def test_a_laptops_own_card_stays_the_laptop_card_beside_an_external_one(
    text: str, expected_gpus: Gpus
) -> None:
    assert sorted(gpus(parse_hardware(text))) == sorted(expected_gpus)


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("5950X / RTX 4090 / 32GB", 32),
        ("RTX 4090 / 32GB", 32),
        ("Tengo una 3060 de 12 gigas y 16 de RAM", 16),
    ],
)
def test_a_list_item_no_card_is_sold_with_is_ram(text: str, ram: float) -> None:
    h = parse_hardware(text)
    assert h.ram_gb == ram and all(g.vram_gb != ram for g in h.gpus)


@pytest.mark.parametrize(
    ("text", "vram"), [("MI50/32GB", 32.0), ("RTX 3090/24GB, 64GB", 24.0), ("A6000/48G", 48.0)]
)
def test_a_size_after_a_slash_the_card_is_sold_with_stays_its_memory(text: str, vram: float) -> None:
    assert [g.vram_gb for g in parse_hardware(text).gpus] == [vram]


@pytest.mark.parametrize(
    ("text", "expected_gpus"),
    [
        ("TP=8 on H200 141GB", [("h200", 8, 141.0)]),
        ("tensor parallel 2 over RTX 6000 Ada", [("rtx-6000-ada", 2, 48.0)]),
        ("tp=4 on 8xA100(80G)", [("a100-sxm", 8, 80.0)]),
        ("RTX 4090, http port 8000", [("rtx-4090", 1, 24.0)]),
    ],
)
def test_tensor_parallel_size_counts_the_one_card_named_unless_counted(
    text: str, expected_gpus: Gpus
) -> None:
    assert gpus(parse_hardware(text)) == expected_gpus


@pytest.mark.parametrize(
    ("text", "expected_gpus", "ram"),
    [
        ("Total Physical Memory:     130,725 MB\nNVIDIA GeForce RTX 4090", [("rtx-4090", 1, 24.0)], 128),
        ("Total Physical Memory: 65,227 MB\nGPU: NVIDIA GeForce RTX 3090", [("rtx-3090", 1, 24.0)], 64),
    ],
)
def test_an_amount_ending_its_line_is_no_size_of_the_card_on_the_next(
    text: str, expected_gpus: Gpus, ram: float
) -> None:
    h = parse_hardware(text)
    assert gpus(h) == expected_gpus and h.ram_gb == ram


@pytest.mark.parametrize(
    ("text", "unified"),
    [
        ("tegrastats: RAM 10235/62841MB (lfb 2x4MB) SWAP 0/31420MB\nJetson AGX Orin", 64),
        ("Jetson AGX Orin\nRAM 20480/30536MB SWAP 0/15268MB", 32),
    ],
)
def test_tegrastats_total_ram_is_the_boards_memory(text: str, unified: float) -> None:
    assert parse_hardware(text).unified_memory_gb == unified


@pytest.mark.parametrize(
    ("text", "expected_gpus"),
    [
        ("两台机器，每台8张H20", [("h20", 16, 96.0)]),
        ("我们有2台机器，每台8卡A800 80G", [("a800", 16, 80.0)]),
        ("用的是2台8卡H100", [("h100-sxm", 16, 80.0)]),
        ("一台8卡A100 40G服务器", [("a100-sxm", 8, 40.0)]),
    ],
)
def test_machines_counted_with_tai_multiply_the_cards_each_holds(text: str, expected_gpus: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected_gpus


@pytest.mark.parametrize(
    ("text", "ram"),
    [("Mijn systeem: RTX 3060 12GB met 32GB werkgeheugen", 32), ("สเปค: RTX 4060 8GB แรม 16GB", 16)],
)
def test_ram_words_of_more_languages(text: str, ram: float) -> None:
    assert parse_hardware(text).ram_gb == ram


@pytest.mark.parametrize(
    ("text", "chip", "count", "unified"),
    [
        ("i have 2 mac studio m2 ultra 192G", "m2-ultra", 2, 192),
        ("2x Mac Studio M3 Ultra 512GB", "m3-ultra", 2, 512),
        ("4x Mac mini M4 Pro 64GB cluster", "m4-pro", 4, 64),
        ("Mac Studio M3 Ultra 512GB x2", "m3-ultra", 2, 512),
        ("Mac Studio M2 Ultra 192GB", "m2-ultra", 1, 192),
    ],
)
def test_macs_counted_around_their_chip_are_a_cluster(
    text: str, chip: str, count: int, unified: float
) -> None:
    h = parse_hardware(text)
    assert h.soc is not None and (h.soc.id, h.soc.count) == (chip, count) and h.unified_memory_gb == unified


@pytest.mark.parametrize(
    ("text", "vram", "ram"),
    [
        ("3090 64gb", 24.0, 64),
        ("RTX 3080 20GB", 20.0, None),
        ("4090 48GB", 48.0, None),
        ("4080s 32gb", 32.0, None),
    ],
)
def test_an_amount_beside_a_card_is_ram_only_at_twice_its_largest_size_or_more(
    text: str, vram: float, ram: float | None
) -> None:
    h = parse_hardware(text)
    assert [g.vram_gb for g in h.gpus] == [vram] and h.ram_gb == ram


@pytest.mark.parametrize(
    ("text", "vram"),
    [("My card has 12GB of RAM", 12), ("my GPU has 8GB of memory", 8), ("a GPU with only 8 GB of memory", 8)],
)
def test_memory_a_card_is_said_to_have_is_the_cards(text: str, vram: float) -> None:
    h = parse_hardware(text)
    assert [g.vram_gb for g in h.gpus] == [vram] and h.ram_gb is None


def test_memory_a_pc_has_is_still_ram() -> None:
    h = parse_hardware("PC with 32GB of RAM")
    assert not h.gpus and h.ram_gb == 32


def test_portable_software_is_no_laptop() -> None:
    h = parse_hardware("GTX 1070 (8GB VRAM), 32 GB RAM, Windows 10, ComfyUI portable install")
    assert not h.laptop and [g.id for g in h.gpus] == ["gtx-1070"]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("i have 2 x 24 GB cards (3090) and 96 GB of DDR5", 2),
        ("two cards (RTX 3090), 64gb ram", 2),
        ("3 gpus (P40) and 128gb ram", 3),
        ("24GB cards (3090)", 1),  # a memory size, no count
    ],
)
def test_cards_counted_before_the_brackets_that_name_them(text: str, count: int) -> None:
    (gpu,) = parse_hardware(text).gpus
    assert gpu.count == count
