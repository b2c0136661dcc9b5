"""Hardware a document or its writers name is no rig of the asker's where the asker names their own
("you mention V100 or A100, but can my 3080 work?"), and is the rig asked about where they name none
("you mention A6000s, would a 65B fit there?"); a requirement title before a concrete rig ("VRAM
requirements? Is it possible to run it in a 12GB GPU?") asks about that rig. Names as pasted: two
Ollama tags side by side, a family written as two words ("Deep Seek"), a bare family and size ("qwen
32B" is the text model, not its vision sibling), fine-tunes and families the catalog gained. The
sentences are written for these tests in the patterns of public posts."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question

Gpus = list[tuple[str | None, int]]


@pytest.mark.parametrize(
    ("text", "gpus"),
    [
        # the docs' cards, then the asker's own after "but"
        (
            'You mention "A100 or H100" in the readme, but would a 4070 Ti do for qwen3 14b?',
            [("rtx-4070-ti", 1)],
        ),
        # a card the model card says works, beside the cards the asker uses
        (
            "gemma 3 27b runs out of memory while I use 2 x L40S. The model card indicates that one H100 "
            "is fine, which has only 80GB.",
            [("l40s", 2)],
        ),
        # a requirement the tutorial mentions, then the asker's machine
        (
            "The tutorial mentions a node like 8 x H200 141G for deepseek v3. My box has 8 x A800 80GB, "
            "can it serve it?",
            [("a800", 8)],
        ),
        # Chinese: what the docs say, then "但我"
        ("文档说跑qwen3 32b只需要一张A100，但我只有两张4090，能跑吗", [("rtx-4090", 2)]),
        # no rig of the asker's: the card the writers named is the one asked about
        (
            "You mention running on A6000 cards with 48GB. Would llama 3.3 70b at q4 fit there?",
            [("rtx-a6000", 1)],
        ),
    ],
)
def test_hardware_documents_name(catalog: Catalog, text: str, gpus: Gpus) -> None:
    hw = read_question(text, catalog.index).hardware
    assert hw is not None
    assert [(g.id, g.count) for g in hw.gpus] == gpus


@pytest.mark.parametrize(
    ("text", "kind", "vram"),
    [
        ("VRAM requirements? Is it possible to run a 32B model in a 16GB GPU at Q4?", "estimate", 16.0),
        (
            "Hardware requirements for qwen3 30b a3b? can I run it on a 12GB card with 32GB RAM?",
            "estimate",
            12.0,
        ),
        ("What are the VRAM requirements of gemma 3 27b?", "requirements", None),
    ],
)
def test_requirement_title_before_a_rig(catalog: Catalog, text: str, kind: str, vram: float | None) -> None:
    from bot.answers import answer_text

    q = read_question(text, catalog.index)
    assert answer_text(text, catalog).kind == kind
    got = q.hardware.gpus[0].vram_gb if q.hardware is not None and q.hardware.gpus else None
    assert got == vram


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        # two Ollama tags side by side: the size after the first tag's colon is its own
        (
            "deepseek-r1:8b deepseek-r1:70b which one on a 4090?",
            ["deepseek-r1-distill-llama-8b", "deepseek-r1-distill-llama-70b"],
        ),
        ("pulled qwen3:14b qwen3:32b yesterday, both fit my 3090?", ["qwen3-14b", "qwen3-32b"]),
        # a family word written as two words
        ("would Deep Seek-R1-Distill-Llama-70B-Q4_K_M fit 2x 3090?", ["deepseek-r1-distill-llama-70b"]),
        ("can a 5090 run Mini Max M2 with offload?", ["minimax-m2"]),
        ("I keep a deep seek of notes, can my 3060 run llama 3.1 8b?", ["llama-3.1-8b"]),
        # a bare family and size: the text model of that size, not a vision or coder one
        ("vllm on 4 x A10: yi 34b works but qwen32B runs out of memory", ["yi-34b", "qwen3-32b"]),
        ("does qwen 32b fit in 24GB at q4?", ["qwen3-32b"]),
        # a fine-tune named by its maker's word, sized as its base
        ("MedGemma-27B-it at Q4_K_M on a 16GB card?", ["gemma-3-27b"]),
        # families the catalog gained (vision models built on a Qwen base)
        ("MiniCPM-V 2.6 int4 on an 8GB card, possible?", ["minicpm-v-2.6"]),
        ("requirements of openbmb/MiniCPM-o-2_6 in bf16?", ["minicpm-o-2.6"]),
    ],
)
def test_names_as_pasted(catalog: Catalog, text: str, ids: list[str]) -> None:
    assert [r.model.id for r in read_question(text, catalog.index).models] == ids


@pytest.mark.parametrize(
    ("text", "gpus", "ram_gb"),
    [
        # 内存 (the word for RAM) in a card's own clause is the card's memory
        ("我有两块3090显卡，每块24GB内存，能把qwen3 32b放进去吗", [("rtx-3090", 2)], None),
        ("4060ti显卡只有16G内存，跑gemma 3 27b会爆吗", [("rtx-4060-ti", 1)], None),
        # the machine's RAM after the card's clause stays RAM
        ("3090显卡，64GB内存，能跑qwen3 32b吗", [("rtx-3090", 1)], 64.0),
    ],
)
def test_card_memory_written_as_ram(catalog: Catalog, text: str, gpus: Gpus, ram_gb: float | None) -> None:
    hw = read_question(text, catalog.index).hardware
    assert hw is not None
    assert [(g.id, g.count) for g in hw.gpus] == gpus
    assert hw.ram_gb == ram_gb


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # cards pooled with "+", then two of them weighed in a clause of their own: one rig
        ("一张4090 24G+一张3090 24G能跑llama 3.3 70b吗？毕竟4090比3090快很多", "estimate"),
        (
            "I run a 4090 + a 3090. The 4090 is way faster than the 3090; "
            "can they hold llama 3.3 70b together?",
            "estimate",
        ),
        # the pool weighed against one of its cards: two rigs
        ("is a 4090 + 3090 faster than a 4090 alone for qwen3 32b?", "compare"),
        ("a 3090 or a 3090 + 4090 for llama 3.3 70b?", "compare"),
    ],
)
def test_pooled_cards_weighed_in_passing(catalog: Catalog, text: str, kind: str) -> None:
    from bot.answers import answer_text

    assert answer_text(text, catalog).kind == kind


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        # the model that works, beside the one that fails: the failing one is asked about
        ("vllm on 2 x L40S: gemma 3 12b可以推理，gemma 3 27b OOM，为什么？", ["gemma-3-27b"]),
        ("On my 3090 qwen3 8b is fine, but qwen3 32b crashes with out of memory", ["qwen3-32b"]),
        # the working control named again inside a choice is no option
        (
            "Ollama ignores the GPU (drivers are fine and it is working with llama 3.1 8b). "
            "Expected: VRAM used when running gemma 3 12b or llama 3.1 8b.",
            ["gemma-3-12b"],
        ),
        # a report where every model runs keeps them all
        ("4090 + 128G内存：qwen3 235b能跑，deepseek r1也能跑，不报错", ["qwen3-235b-a22b", "deepseek-r1"]),
        # a question whether it runs is no report that it does
        ("qwen3 32b能跑吗？还是只能跑qwen3 14b，我的3090 OOM了", ["qwen3-32b", "qwen3-14b"]),
    ],
)
def test_working_control_beside_a_failure(catalog: Catalog, text: str, ids: list[str]) -> None:
    assert [r.model.id for r in read_question(text, catalog.index).models] == ids


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a project's claim quoted, its figures joined by "and": what the model uses, no rig; the
        # question asks for the hardware
        (
            "Hardware behind the claim: 'GLM-4.5-Air at Q4 running its quant version using only 10GB VRAM "
            "and 64GB DRAM'. Can you give the detailed specification of the computer hardware?",
            "requirements",
        ),
        (
            "What kind of processor is needed for deepseek v3 on CPU, and how many memory channels?",
            "requirements",
        ),
    ],
)
def test_quoted_usage_and_hardware_asked(catalog: Catalog, text: str, kind: str) -> None:
    from bot.answers import answer_text

    q = read_question(text, catalog.index)
    assert q.hardware is None or q.hardware.is_empty
    assert answer_text(text, catalog).kind == kind


def test_own_usage_figures_stay_the_rig(catalog: Catalog) -> None:
    hw = read_question(
        "my server is using 24GB VRAM and 128GB RAM, can it run deepseek v3?", catalog.index
    ).hardware
    assert hw is not None and hw.ram_gb == 128.0


@pytest.mark.parametrize(
    ("text", "vram"),
    [
        # an amount said to be done without, beside the asker's own
        ("Can I set it up without 8gb vram? My laptop has only 4gb vram, a GTX 1650.", 4.0),
        ("will qwen3 14b run without 24GB of VRAM? my card has 16GB", 16.0),
    ],
)
def test_amount_done_without(catalog: Catalog, text: str, vram: float) -> None:
    hw = read_question(text, catalog.index).hardware
    assert hw is not None
    assert [g.vram_gb for g in hw.gpus] == [vram]


@pytest.mark.parametrize(
    ("text", "gpus", "unified"),
    [
        # a card wished for, then the question refers to it: that card is the rig asked about
        (
            "thinking about picking up a used 3090, how fast would qwen3 32b be on it? I have a 3060 now",
            [("rtx-3090", 1)],
            None,
        ),
        (
            "I have a 3060 12GB now. Considering a used 3090 - would gemma 3 27b be fast on it?",
            [("rtx-3090", 1)],
            None,
        ),
        (
            "considering buying a mac studio m4 max 128gb, can it run gpt-oss-120b well? on an m2 air now",
            [],
            128.0,
        ),
        # no plan told: "it" is the rig owned
        ("I have a 3060 12GB, can it run qwen3 14b?", [("rtx-3060", 1)], None),
    ],
)
def test_wished_rig_asked_about(catalog: Catalog, text: str, gpus: Gpus, unified: float | None) -> None:
    hw = read_question(text, catalog.index).hardware
    assert hw is not None
    assert [(g.id, g.count) for g in hw.gpus] == gpus
    assert hw.unified_memory_gb == unified


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("请问qwen3 32b运行的最低显存配置是多少？", "requirements"),
        ("gemma 3 27b 最低硬件配置是多少啊", "requirements"),
    ],
)
def test_minimum_memory_config_asked(catalog: Catalog, text: str, kind: str) -> None:
    from bot.answers import answer_text

    assert answer_text(text, catalog).kind == kind


@pytest.mark.parametrize(
    ("text", "ram", "unified"),
    [
        # an amount measured in use ("over", "more than") is no memory the machine has, the asker's words too
        ("My M3 Max only has 96GB, but somehow I use over 120GB of memory with llama 3.3 70b", None, 96.0),
        (
            "I have 64GB of RAM and use more than 40GB for other apps, can qwen3 32b run on my 3090?",
            64.0,
            None,
        ),
    ],
)
def test_amount_used_over(catalog: Catalog, text: str, ram: float | None, unified: float | None) -> None:
    hw = read_question(text, catalog.index).hardware
    assert hw is not None
    assert (hw.ram_gb, hw.unified_memory_gb) == (ram, unified)
