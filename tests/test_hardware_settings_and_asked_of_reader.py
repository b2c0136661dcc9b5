"""Amounts in a "max_memory" mapping of pasted code are limits a program is given, not memory the rig has;
a product a sentence describes ("the dev kit comes with 8GB") stays a product in a text whose only
question asks the reader about their device ("how much memory does your board have?"), while a question
the writer asks for their own sake keeps it as the machine asked about. Sentences and code are written
for these tests in the patterns of public issue threads.
"""

from __future__ import annotations

import pytest

from sizing import parse_hardware
from tests.rig_reading import gpus


@pytest.mark.parametrize(
    "text",
    [
        'model = AutoModelForCausalLM.from_pretrained(path, device_map="auto", '
        'max_memory={0: "22GiB", 1: "22GiB", "cpu": "48GiB"})',
        'max_memory = {i: "70GB" for i in range(4)}',
    ],
)
def test_amounts_of_a_max_memory_mapping_are_no_memory_of_the_rig(text: str) -> None:
    hw = parse_hardware(text)
    assert hw.ram_gb is None
    assert gpus(hw) == []


def test_the_cards_named_beside_a_max_memory_mapping_keep_their_memory() -> None:
    hw = parse_hardware('Two RTX 3090s, 128GB RAM.\nmax_memory={0: "20GiB", 1: "20GiB"}')
    assert gpus(hw) == [("rtx-3090", 2, 24.0)]
    assert hw.ram_gb == 128.0


@pytest.mark.parametrize(
    "text",
    [
        "Which board is yours, and how much memory does your Jetson have? The Orin NX kit comes with 16GB.",
        "How much VRAM does your card have? The RTX 4060 Ti only offers 8GB in the base model.",
    ],
)
def test_a_product_described_beside_a_question_to_the_reader_is_no_rig(text: str) -> None:
    hw = parse_hardware(text)
    assert gpus(hw) == []
    assert hw.soc is None
    assert hw.unified_memory_gb is None


def test_a_question_asked_for_the_writers_sake_keeps_the_product_as_the_machine() -> None:
    hw = parse_hardware("The RTX 4070 only offers 12GB. Can it hold a 14B model at Q4?")
    assert [g.id for g in hw.gpus] == ["rtx-4070"]
