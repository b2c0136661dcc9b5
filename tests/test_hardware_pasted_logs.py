"""The hardware reader on what people paste from their tools and write around it, one table per class.

Each row is text written for these tests in a pattern seen in public bug reports (llama.cpp and Ollama
start-up logs, rocminfo, nvidia-smi, Markdown spec tables, short titles) and the reading an
experienced reader would give: GPUs as (id, count, GB per card), then system RAM or a note.
"""

from __future__ import annotations

import pytest

from sizing import parse_hardware
from tests.rig_reading import Gpus, gpus

# --- One card named again in another kind of line of the same paste is the same card ---------------

LLAMA_REGISTER = """\
ggml_cuda_init: found 2 CUDA devices:
  Device 0: NVIDIA GeForce RTX 4070 Ti SUPER, compute capability 8.9, VMM: yes
  Device 1: NVIDIA GeForce RTX 4070 Ti SUPER, compute capability 8.9, VMM: yes
register_device: registered device CUDA0 (NVIDIA GeForce RTX 4070 Ti SUPER)
register_device: registered device CUDA1 (NVIDIA GeForce RTX 4070 Ti SUPER)"""

OLLAMA_SAME_ID = """\
time=2025-06-01T10:00:00.000Z level=INFO source=gpu.go:319 msg="detected OS VRAM overhead" \
id=GPU-0a1b2c3d-0000-1111-2222-333344445555 library=cuda name="NVIDIA GeForce RTX 3080 Ti" overhead="400 MiB"
time=2025-06-01T10:00:00.100Z level=INFO source=types.go:130 msg="inference compute" \
id=GPU-0a1b2c3d-0000-1111-2222-333344445555 library=cuda variant=v12 compute=8.6 \
name="NVIDIA GeForce RTX 3080 Ti" total="11.7 GiB" available="11.1 GiB\""""

VULKAN_BUFFER = """\
ggml_vulkan: Found 1 Vulkan devices:
Vulkan0: AMD Radeon RX 6700 XT (RADV NAVI22) | uma: 0 | fp16: 1 | warp size: 64
llm_load_tensors: offloaded 29/29 layers to GPU
llm_load_tensors: AMD Radeon RX 6700 XT (RADV NAVI22) buffer size =  4685.30 MiB"""

ROCMINFO_AGENT = """\
Agent 1
  Name:                    AMD Ryzen 9 7940HS w/ Radeon 780M Graphics
  Marketing Name:          AMD Ryzen 9 7940HS w/ Radeon 780M Graphics"""

PROSE_AND_SMI = """\
My card is a 3060 with 12 gigs, here is nvidia-smi:
|   0  NVIDIA GeForce RTX 3060        Off | 00000000:01:00.0  On |                  N/A |
|  30%   41C    P8             15W / 170W |    512MiB / 12288MiB |      2%      Default |"""

OLLAMA_THREE = "\n".join(
    f'time=2025-06-01T10:00:0{i}.000Z level=DEBUG source=gpu.go:441 msg="updating cuda memory data" '
    f'gpu=GPU-{i}f{i}e{i}d{i}c-aaaa-bbbb-cccc-dddd0000000{i} name="NVIDIA L40S" overhead="0 B" '
    f'before.total="44.4 GiB" before.free="44.0 GiB"'
    for i in range(3)
)


@pytest.mark.parametrize(
    ("text", "expected_gpus"),
    [
        (LLAMA_REGISTER, [("rtx-4070-ti-super", 2, 16.0)]),
        (OLLAMA_SAME_ID, [("rtx-3080-ti", 1, 12.0)]),
        (VULKAN_BUFFER, [("rx-6700-xt", 1, 12.0)]),
        (ROCMINFO_AGENT, [("radeon-780m", 1, None)]),
        (PROSE_AND_SMI, [("rtx-3060", 1, 12.0)]),
        (OLLAMA_THREE, [("l40s", 3, 48.0)]),
    ],
)
def test_a_card_named_again_in_another_kind_of_line_is_the_same_card(text: str, expected_gpus: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected_gpus


@pytest.mark.parametrize(
    ("text", "expected_gpus"),
    [
        ("RTX 3090\nRTX 3090\nRTX 3060", [("rtx-3060", 1, 12.0), ("rtx-3090", 2, 24.0)]),
        ("GPU 1: RTX 4090\nGPU 2: RTX 4090", [("rtx-4090", 2, 24.0)]),
        ("- 3090\n- 3090\n- 3090", [("rtx-3090", 3, 24.0)]),
    ],
)
def test_cards_listed_one_per_line_alike_still_add_up(text: str, expected_gpus: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected_gpus


# --- Numbers that count nothing --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected_gpus"),
    [
        ("On my Windows 11 machine (a Gigabyte 4080) it crashes", [("rtx-4080", 1, 16.0)]),
        ("Ubuntu 22 box with an RTX 3090", [("rtx-3090", 1, 24.0)]),
        ("the RTX 3080's memory fills up at 9GB", [("rtx-3080", 1, 10.0)]),
        ("my 4090's fans spin up under load", [("rtx-4090", 1, 24.0)]),
        ("rendered a 3840x2160 clip on an RTX 4080", [("rtx-4080", 1, 16.0)]),
        ("outputs at 2560x1440 on my RX 7900 XT", [("rx-7900-xt", 1, 20.0)]),
        ("PCIe x8 slot holds an RTX 3060", [("rtx-3060", 1, 12.0)]),
        ("Ryzen 7 AI 350 (Radeon 860M) laptop", [("radeon-860m", 1, None)]),
    ],
)
def test_versions_possessives_screen_sizes_and_model_numbers_count_nothing(
    text: str, expected_gpus: Gpus
) -> None:
    assert gpus(parse_hardware(text)) == expected_gpus


@pytest.mark.parametrize(
    ("text", "expected_gpus"),
    [
        ("x2 RTX 4080 and nothing works", [("rtx-4080", 2, 16.0)]),
        ("setup: x4 3090, 256GB", [("rtx-3090", 4, 24.0)]),
        ("4090 x 2", [("rtx-4090", 2, 24.0)]),
        ("3080 x 3, 64GB RAM", [("rtx-3080", 3, 10.0)]),
        ("two 3090's and 96GB", [("rtx-3090", 2, 24.0)]),
    ],
)
def test_counts_written_around_the_card(text: str, expected_gpus: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected_gpus


def test_a_multiplier_before_a_number_is_no_cpu_suffix() -> None:
    h = parse_hardware("4090 x 2")
    assert h.cpu is None


@pytest.mark.parametrize("text", ["99999x RTX 4090", "RTX 4090 x 50000", "123456789012345x 3090"])
def test_a_count_no_machine_holds_is_capped_with_a_note(text: str) -> None:
    h = parse_hardware(text)
    assert [g.count for g in h.gpus] == [1024]
    assert any("more cards than any machine holds" in n for n in h.assumptions)


# --- Memory stated by a log, a table or beside the card --------------------------------------------


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        (
            'level=DEBUG source=gpu.go:391 msg="updating system memory data" before.total="125.3 GiB" '
            'before.free="100.2 GiB" before.free_swap="8.0 GiB" now.total="125.3 GiB"',
            128.0,
        ),
        ("| Part | Value |\n|---|---|\n| CPU | Ryzen 9 7950X |\n| RAM | 96 GB |", 96.0),
        ("| GPU | RTX 4070 |\n| Memory | 32GB DDR5 |", 32.0),
    ],
)
def test_ram_from_a_log_line_or_a_two_column_table(text: str, ram: float) -> None:
    assert parse_hardware(text).ram_gb == ram


@pytest.mark.parametrize(
    ("text", "expected_gpus", "ram"),
    [
        ("12GB on my 3060 and it still runs out", [("rtx-3060", 1, 12.0)], None),
        ("12GB on the RTX 4080 is all I get", [("rtx-4080-laptop", 1, 12.0)], None),
        ("the q4 file takes 7GB on my 3090", [("rtx-3090", 1, 24.0)], None),
        ("workstation with an RTX A2000 12GB ram", [("rtx-a2000", 1, 12.0)], None),
        ("RTX 4060 32GB RAM", [("rtx-4060", 1, 8.0)], 32.0),
    ],
)
def test_memory_said_on_or_after_a_card_is_its_own_where_it_has_that_size(
    text: str, expected_gpus: Gpus, ram: float | None
) -> None:
    h = parse_hardware(text)
    assert gpus(h) == expected_gpus
    assert h.ram_gb == ram


# --- Integrated GPUs and chips --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "igpu", "ram"),
    [
        ("Ryzen AI 7 350 mini PC, 32GB", "radeon-860m", 32.0),
        ("AMD Radeon 860M with 24 GB of shared memory", "radeon-860m", 24.0),
        ("Ryzen AI 9 HX 470 laptop with 64GB RAM", "radeon-890m", 64.0),
    ],
)
def test_an_igpu_shares_the_system_ram(text: str, igpu: str, ram: float) -> None:
    h = parse_hardware(text)
    assert [g.id for g in h.gpus] == [igpu]
    assert h.ram_gb == ram
    assert h.unified_memory_gb is None


@pytest.mark.parametrize("text", ["iPhone 12 Pro", "my phone has an A15 chip"])
def test_an_older_iphone_is_said_to_be_unknown_not_ignored(text: str) -> None:
    h = parse_hardware(text)
    assert not h.gpus and h.soc is None
    assert any("Apple phone chip is not in canirun's device data" in n for n in h.assumptions)


@pytest.mark.parametrize(
    "text",
    [
        "Dedicated GPU memory: 16.0 GB, Shared GPU memory: 31.9 GB, RTX 4080 Super",
        "GPU 0\nNVIDIA GeForce RTX 4080 SUPER\nDedicated GPU memory\t16.0 GB\nShared GPU memory\t31.9 GB",
    ],
)
def test_windows_shared_gpu_memory_is_no_vram_and_hints_at_the_ram(text: str) -> None:
    h = parse_hardware(text)
    assert [(g.id, g.vram_gb) for g in h.gpus] == [("rtx-4080-super", 16.0)]
    assert h.ram_gb is None and h.unified_memory_gb is None  # not stated: a hint only
    assert any("about 64 GB" in a for a in h.assumptions)
