"""Reading one question reads each run of rig words once: the rigs it puts side by side are read by
several readers (a choice, a replacement, an addition...) that share what they have read."""

from collections import Counter
from collections.abc import Iterator

import pytest

from sizing import default_catalog, read_question
from sizing.hardware import DeviceDatabase, Hardware, parse_hardware


@pytest.fixture
def texts_read(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[str]]:
    read: Counter[str] = Counter()

    def counted(text: str, db: DeviceDatabase | None = None) -> Hardware:
        read[text] += 1
        return parse_hardware(text, db)

    monkeypatch.setattr("sizing._question_rigs.parse_hardware", counted)
    yield read


@pytest.mark.parametrize(
    "question",
    [
        "would a mac mini or a third 3090 help more? now: two 3090s and 128gb ram",
        "mistral small 24b or gemma 3 27b on my pc? 2x 4060 ti, 64gb ddr5",
        "llama 3.3 70b vs qwen3 32b on a 5090, which one is quicker?",
        "would it be worth adding a 3060 beside my two 3090s?",
    ],
)
def test_no_words_of_a_compared_rig_are_read_twice(question: str, texts_read: Counter[str]) -> None:
    read_question(question, default_catalog().index)
    assert texts_read, "the compared rigs were read by the rigs' readers"
    assert max(texts_read.values()) == 1


def test_the_rigs_read_once_are_the_rigs_compared() -> None:
    q = read_question("which is better for qwen3 32b, a 3090 or a 4090?", default_catalog().index)
    cards = [tuple(g.name for g in hw.gpus) for hw in q.rigs]
    assert cards == [("NVIDIA GeForce RTX 3090",), ("NVIDIA GeForce RTX 4090",)]
