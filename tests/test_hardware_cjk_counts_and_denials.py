"""Chinese forms of whose card and how many: a short modifier between a count and its card ("两张闲置的
3090" is two 3090s), "没" alone before a card (without one: "没4090别想跑70B"), a must before an amount
("必须是48G卡吗" asks what is needed, no card of the rig), and a table whose header names the common or
typical cards ("| 常见 GPU |") lists options, nobody's rig. Sentences are written for these tests in the
patterns of public posts.
"""

from __future__ import annotations

import pytest

from sizing import parse_hardware
from tests.rig_reading import Gpus, gpus


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("我用两张闲置的3090跑了一下，第二张卡没有被用上", [("rtx-3090", 2, 24.0)]),
        ("手上有四块二手的P40，想跑72B", [("tesla-p40", 4, 24.0)]),
        ("实验室给了三张空的A100 80G", [("a100-sxm", 3, 80.0)]),
        ("我的4090跑不动", [("rtx-4090", 1, 24.0)]),  # no count: "我的" is no modifier of one
    ],
)
def test_a_short_modifier_between_a_count_and_its_card_keeps_the_count(text: str, want: Gpus) -> None:
    assert gpus(parse_hardware(text)) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("网上都说“没4090别想跑70B”，其实不然", []),
        ("我还没3090，现在只有一张3060 12G", [("rtx-3060", 1, 12.0)]),
        ("请问推理必须是48G卡吗？我只有24G的卡", [(None, 1, 24.0)]),
    ],
)
def test_without_a_card_and_a_must_name_no_card_of_the_rig(text: str, want: Gpus) -> None:
    assert gpus(parse_hardware(text)) == want


@pytest.mark.parametrize(
    "text",
    [
        "| 用途 | 常见 GPU | 显存 |\n|---|---|---|\n| 入门 | RTX 3060 | 12GB |\n| 进阶 | RTX 4090 | 24GB |",
        "| Tier | Typical GPU | VRAM |\n|---|---|---|\n| Entry | RTX 4060 | 8GB |\n| Top | RTX 5090 | 32GB |",
    ],
)
def test_a_table_of_common_or_typical_cards_lists_options(text: str) -> None:
    hw = parse_hardware(text)
    assert gpus(hw) == []
    assert hw.ram_gb is None


def test_a_table_of_ones_own_parts_stays() -> None:
    hw = parse_hardware("| 部件 | 型号 |\n|---|---|\n| GPU | RTX 4090 |\n| 内存 | 64GB |")
    assert gpus(hw) == [("rtx-4090", 1, 24.0)]
