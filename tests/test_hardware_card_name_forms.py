"""Card names written glued or without their laptop word: "TitanX" is a Titan X, not a misspelt
"Titan"; "RTX A1000 6GB" is the laptop card, the only one of that name sold with 6 GB; "GRID-T4-16Q"
(a vGPU profile) names a T4. Sentences are written for these tests in the patterns of public threads.
"""

from __future__ import annotations

import pytest

from sizing import parse_hardware


@pytest.mark.parametrize(
    ("text", "gpus"),
    [
        ("we trained on 4 TitanX GPUs with 12G memory each", [("titan-x-pascal", 4, 12.0)]),
        ("TitanV 12GB, 64GB RAM", [("titan-v", 1, 12.0)]),
        ("- GPU: Nvidia RTX A1000 6GB VRAM with driver 552.22", [("rtx-a1000-laptop", 1, 6.0)]),
        ("RTX A2000 4GB in my Precision", [("rtx-a2000-laptop", 1, 4.0)]),
        # the desktop card's own size keeps the desktop card
        ("RTX A1000 8GB", [(None, 1, 8.0)]),
        # NVIDIA's vGPU profile names hyphen the line word to the card
        ("vm with a vgpu, profile GRID-T4-16Q (mdev=nvidia-231)", [("tesla-t4", 1, 16.0)]),
        ("Profile GRID-P40-24Q passed through to the VM", [("tesla-p40", 1, 24.0)]),
    ],
)
def test_a_card_name_written_short_reads_the_card(
    text: str, gpus: list[tuple[str | None, int, float]]
) -> None:
    hw = parse_hardware(text)
    assert [(g.id, g.count, g.vram_gb) for g in hw.gpus] == gpus
