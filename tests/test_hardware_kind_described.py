"""A statement about hardware of a kind rather than one machine, in a text with no word of the writer's
own, names nobody's rig: a verdict ("the used 3090 is the better buy", "a 32 GB Mac is slower than a 64 GB
one", "the 4070 tops out at 13B"), what anyone can do ("you can run it on a laptop with 16 GB of RAM",
"will let you load"), an indefinite machine's result ("A mini PC with a Ryzen 7 7840HS and 64GB RAM
reaches ..."). The writer's own clause, a sentence opened by the writer's doing ("using a 4060, ..."), one
machine pointed at ("all this PC has"), a question and a bare title keep their devices. Sentences are
written for these tests in the patterns of public articles and posts.
"""

from __future__ import annotations

import pytest

from sizing import parse_hardware
from tests.rig_reading import Gpus, gpus


@pytest.mark.parametrize(
    "text",
    [
        "The used RTX 3090 is the better buy for anyone who runs 30B models.",
        "The 4060 Ti wins on power draw, but its 16 GB and 288 GB/s bandwidth hold it back.",
        "A 48 GB / 30-core Mac is slower than a 96 GB / 40-core Mac for long prompts.",
        "Set this beside the RTX 4070 (12GB), which tops out at 14B models.",
        "So in short, an M4 Pro 48GB will let you load most 30B models.",
        "These days you can run an 8B model on a laptop with 16 GB of RAM.",
        "A mini PC with a Ryzen 7 7840HS and 64GB RAM reaches 9 tokens per second on a 14B model.",
        "Two used 3090s pool 48 GB — the cheapest way to run 70B at home.",
    ],
)
def test_hardware_of_a_kind_described_is_no_rig(text: str) -> None:
    hw = parse_hardware(text)
    assert gpus(hw) == []
    assert hw.ram_gb is None
    assert hw.unified_memory_gb is None
    assert hw.soc is None
    assert hw.cpu is None


@pytest.mark.parametrize(
    ("text", "want", "ram"),
    [
        # the writer's own clause: "I" anywhere in the text
        ("I think the 3090 is the better buy, I run one with 64GB RAM", [("rtx-3090", 1, 24.0)], 64.0),
        # opened by the writer's doing, its "I" left out
        ("using a 4070 12gb, the 14B needs more than a 4070 holds", [("rtx-4070", 1, 12.0)], None),
        # one machine pointed at
        ("a GTX 1650 4GB is what this laptop has", [("gtx-1650-laptop", 1, 4.0)], None),
        # a question about the kind is the rig asked about
        ("Is a 3090 with 64GB RAM faster than a Mac for 70B?", [("rtx-3090", 1, 24.0)], 64.0),
        # a bare title with no article
        ("RTX 4080 slower than CPU with 32GB RAM on llama.cpp", [("rtx-4080", 1, 16.0)], 32.0),
        # the verdict said in another clause than the card's
        ("qwen 14b on ollama with a 4070, it is faster on linux", [("rtx-4070", 1, 12.0)], None),
        # a choice asked, its question mark gone
        ("vllm vs sglang on a 3090 with 64GB RAM, which is faster", [("rtx-3090", 1, 24.0)], 64.0),
    ],
)
def test_the_writers_machine_keeps_its_devices(text: str, want: Gpus, ram: float | None) -> None:
    hw = parse_hardware(text)
    assert gpus(hw) == want
    assert hw.ram_gb == ram


def test_a_cpu_named_in_a_statement_of_a_kind_is_no_part_of_the_rig() -> None:
    hw = parse_hardware("A laptop with an Intel i5-12500H and 32GB RAM gets 6 tokens per second on 14B.")
    assert hw.cpu is None
    assert hw.ram_gb is None
    own = parse_hardware("Laptop: Intel i5-12500H, 32GB RAM. It gets 6 tokens per second on 14B.")
    assert own.cpu is not None
    assert own.ram_gb == 32.0


@pytest.mark.parametrize(
    "text",
    [
        "Honestly amazed that folks get this running on 6GB and 8GB cards.",
        "The Q3 file loads fine on 12GB GPUs as well.",
        "People report it working with 10GB or 12GB cards.",
    ],
)
def test_sizes_before_a_plural_card_noun_with_no_count_are_cards_in_general(text: str) -> None:
    assert gpus(parse_hardware(text)) == []


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("I run it on two 8GB cards.", [(None, 2, 8.0)]),
        ("running it on 2 16GB cards", [(None, 2, 16.0)]),
        ("It loads on 12GB GPUs, and I have a 4070", [("rtx-4070", 1, 12.0)]),
    ],
)
def test_counted_cards_and_the_writers_card_stay(text: str, want: Gpus) -> None:
    assert gpus(parse_hardware(text)) == want


def test_a_fragment_whose_verb_is_a_relative_clauses_keeps_its_card() -> None:
    assert gpus(parse_hardware("a 3080 which has 10 GB of vram")) == [("rtx-3080", 1, 10.0)]
