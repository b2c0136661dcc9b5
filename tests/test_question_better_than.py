"""A question that seeks a model better than one it names ("anything better than Llama 3.3 70B for my
rig?", "any model stronger than Qwen3 32B?", "alternatives to X", "有比 X 更好的选择吗") asks for the best
model on the rig: the model named is the one the better one is measured against, not the one asked
about, also when it is told by its size alone ("有比 distill 的 70B 更好的吗"). A question between two named
models ("is X better than Y?") and one that seeks better hardware ("anything better than a 3090 for
X?") still ask about the model. The sentences are written for these tests in the patterns people use."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question

# (text, model ids read, kind)
SOUGHT = [
    ("With 2x RTX 4090 and 192GB RAM, is there anything better than Llama 3.3 70B I can host?", [], "best"),
    ("Rig: RTX 5090, 64GB RAM. Any model stronger than Qwen3 32B for coding that still fits?", [], "best"),
    ("What are some alternatives to Gemma 3 27B for a single 24GB card?", [], "best"),
    ("I have 3x 3090 and 128GB of RAM. Another model smarter than GLM-4.5-Air that fits?", [], "best"),
    ("两张4090、128G内存，有比Qwen3 32B更好的模型吗？", [], "best"),
    ("8卡A100，请问有没有比满血的671B更合适的部署选择？", [], "best"),
    # the model is still the one asked about
    ("Is Qwen3 32B better than Llama 3.3 70B on 2x 3090?", ["qwen3-32b", "llama-3.3-70b"], "compare"),
    ("Is there anything better than a 3090 for running Qwen3 32B?", ["qwen3-32b"], "estimate"),
    ("Would a 4090 be better than a 3090 for Llama 3.1 8B?", ["llama-3.1-8b"], "compare"),
]


@pytest.mark.parametrize(("text", "ids", "kind"), SOUGHT)
def test_a_model_a_better_one_is_sought_against(
    catalog: Catalog, text: str, ids: list[str], kind: str
) -> None:
    q = read_question(text, catalog.index)
    assert [r.model.id for r in q.models] == ids
    assert q.kind == kind


def test_the_rig_is_kept_when_a_better_model_is_sought(catalog: Catalog) -> None:
    q = read_question("请问4*4090D、256G内存有比distill的70B更好的部署选择吗", catalog.index)
    assert q.models == ()
    assert q.hardware is not None
    assert [(g.id, g.count) for g in q.hardware.gpus] == [("rtx-4090-d", 4)]
    assert q.hardware.ram_gb == 256.0
