"""A card handed over, said before it ("gave my 3080 to my son"), beside the writer's own clause ("now I
use a 4070"); a card's Chinese "mobile version" word ("4060移动版") is its laptop card; a device named in
a link to a thread (a Reddit post's title, an issue's address) is that thread's.
Sentences are written for these tests in the patterns of public threads.
"""

from __future__ import annotations

import pytest

from sizing import parse_hardware
from tests.rig_reading import Gpus, gpus


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I gave my 3080 to my son, now I use a 4070", [("rtx-4070", 1, 12.0)]),
        ("Handed my old 2060 to my nephew; I run a 3060 12GB now", [("rtx-3060", 1, 12.0)]),
        ("gave the 1080 Ti to my brother and I use a 4070 Super", [("rtx-4070-super", 1, 12.0)]),
        ("my sister has a 3060 and I use a 4080", [("rtx-4080", 1, 16.0)]),
    ],
)
def test_a_card_handed_over_beside_the_writers_own_is_left_out(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I gave my 3090 a new thermal pad", [("rtx-3090", 1, 24.0)]),  # given something, not away
        ("my friend said I should get a 4090", [("rtx-4090", 1, 24.0)]),  # alone: the card weighed
    ],
)
def test_a_card_not_handed_over_stays(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4060移动版 8G 跑不动", [("rtx-4060-laptop", 1, 8.0)]),
        ("显卡是移动端3060，6G显存", [("rtx-3060-laptop", 1, 6.0)]),
        ("4070移動版 8G", [("rtx-4070-laptop", 1, 8.0)]),
    ],
)
def test_the_chinese_mobile_version_word_is_the_laptop_card(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Saw https://www.reddit.com/r/LocalLLaMA/comments/abc123/qwen3_on_a_single_4060_8gb/ neat trick",
        "same as https://forum.example.com/thread/991-rtx-3090-24gb-oom here",
        "context: https://stackoverflow.com/questions/7788/cuda-oom-on-4x-a100-80gb",
    ],
)
def test_a_devices_name_in_a_link_to_a_thread_is_that_threads(text: str) -> None:
    assert gpus(parse_hardware(text)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my card: https://example.com/shop/rtx-4070-super-12gb", [("rtx-4070-super", 1, 12.0)]),
        ("I run a 3090, see https://github.com/example/repo/issues/7 for the log", [("rtx-3090", 1, 24.0)]),
    ],
)
def test_a_shop_link_or_a_card_outside_the_thread_link_stays(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected
