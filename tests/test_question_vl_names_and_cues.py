"""InternVL releases and short names written for them (and for DeepSeek V4 Flash), and the cues of a
question that ask what a model needs or tell of a rig in use. Sentences written for these tests."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import default_catalog, read_question
from sizing.catalog import resolve_model

CAT = default_catalog()


@pytest.mark.parametrize(
    ("name", "model"),
    [
        ("InternVL3-78B", "internvl3-78b"),
        ("OpenGVLab/InternVL3_5-30B-A3B", "internvl3.5-30b-a3b"),
        ("InternVL3_5-241B-A28B-HF", "internvl3.5-241b-a28b"),
        ("internvl 3.5 30b", "internvl3.5-30b-a3b"),
    ],
)
def test_internvl_names(name: str, model: str) -> None:
    assert resolve_model(name, CAT.index).model.id == model


def test_internvl_counts_the_vision_tower() -> None:
    m = CAT.by_id["internvl3.5-241b-a28b"]
    # the 5.5B InternViT-6B is in the total, and the language model's 22B are active per token
    assert m.vision_params_b == 5.5 and m.params_b > 240 and m.active_params_b == 22.0


@pytest.mark.parametrize(
    ("text", "models"),
    [
        ("how much vram for intern-vl-3.5-30B on two 3090s?", ["internvl3.5-30b-a3b"]),
        ("Is DSv4 Flash usable on a Mac Studio M3 Ultra 512GB?", ["deepseek-v4-flash"]),
        ("has anyone run V4 Flash on a single RTX PRO 6000?", ["deepseek-v4-flash"]),
        ("dsv3 on 8x H200, what speed?", ["deepseek-v3"]),
        # controls: "DS" alone is no DeepSeek; a short name glued to digits stays as it was
        ("my DS 918+ has 8GB, can it run qwen3 4b?", ["qwen3-4b"]),
        ("Qwenvl2.5-7B on a 4090?", ["qwen2.5-vl-7b"]),
    ],
)
def test_short_names(text: str, models: list[str]) -> None:
    assert [r.model.id for r in read_question(text, CAT.index).models] == models


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # what hardware a model needs, asked in Chinese
        ("请问qwen3 235b大概需要什么型号的显卡才能跑起来", "requirements"),
        ("跑qwen3 32b所需的配置是什么", "requirements"),
        # a figure told as what was needed is no question of what to buy: the rig in use is asked about
        ("用两张4090跑qwen3 32b，实测所需显存为50G，为什么这么多？", "estimate"),
        # a rig in use that ran out of memory, with "how much is needed": an estimate on that rig
        ("我是用qwen2.5 14b跑长文本，使用2张3090显卡，会爆显存，应该怎么估算需要多少显存？", "estimate"),
        ("我在用一张4090跑qwen3 32b，提示显存不足，需要多少显存才够？", "estimate"),
        # control: no rig told, how much is needed
        ("qwen3 32b需要多少显存？", "requirements"),
    ],
)
def test_kind_cues(text: str, kind: str) -> None:
    assert answer_text(text, CAT).kind == kind
