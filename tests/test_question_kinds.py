"""What a question asks: its kind (estimate, best, requirements, capacity, compare), the models it
names by size (ranges, "dense or MoE?"), the rigs it puts side by side, the hardware it names as a
candidate, and its wishes. The sentences are written for these tests in the patterns people use."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question

KINDS = [
    # what hardware a model needs
    ("what hardware do I need to run DeepSeek R1?", "requirements"),
    ("how many 4090s for Qwen3 235B?", "requirements"),
    ("how many H100s would a 700B MoE need at FP8?", "requirements"),
    ("I'd like glm 4.6 at q4 all in vram, how many rtx pro 6000?", "requirements"),
    ("how many 3090 do I need for qwen3 235b", "requirements"),
    ("how many a100 for llama 3.1 405b at fp8", "requirements"),
    ("how many 2000 token prompts a minute can a 4090 take with qwen3 8b", "estimate"),
    ("what GPU do I need for llama 3.1 70b?", "requirements"),
    ("how much VRAM does qwen3 32b need?", "requirements"),
    ("how much vram at full context for llama 3.1 8b?", "requirements"),
    ("on my 3090, how much vram at 32k for qwen3 32b?", "estimate"),
    ("minimum specs for gemma 3 27b?", "requirements"),
    ("what's the cheapest setup for gpt-oss-120b?", "requirements"),
    ("will Kimi K2 need data center GPUs?", "requirements"),
    ("does GLM 4.5 need H100s?", "requirements"),
    ("could a Mac run Qwen3 235B?", "requirements"),
    ("can a mac studio run deepseek v3?", "requirements"),
    # a Mac named down to its chip and memory is the rig asked about
    ("can a mac mini m4 16gb run qwen3 14b?", "estimate"),
    ("could a MacBook Pro M3 Max 64GB handle llama 3.3 70b?", "estimate"),
    # memory without the chip leaves which Mac open
    ("can a mac mini with 16gb run llama 3.1 8b?", "requirements"),
    ("which GPU should I buy for Qwen3 30B A3B?", "requirements"),
    ("hardware requirements for mixtral 8x22b", "requirements"),
    ("what would it take to run kimi k2 at home?", "requirements"),
    ("Wie viele Grafikkarten brauche ich für Qwen3 235B?", "requirements"),
    ("¿Qué GPU necesito para Llama 3.3 70B?", "requirements"),
    ("Combien de GPU pour DeepSeek V3 ?", "requirements"),
    ("运行Llama 3.3 70B需要什么显卡？", "requirements"),
    ("Qwen3 235Bには何枚の4090が必要？", "requirements"),
    ("cheapest way to get qwen3 235b running at home?", "requirements"),
    ("I want 100 tok/s from gpt-oss-20b, which gpu?", "requirements"),
    ("Wie viel VRAM braucht man für Gemma 3 27B?", "requirements"),
    ("Combien de VRAM faut-il pour Qwen3 32B ?", "requirements"),
    ("¿Cuánta VRAM necesito para Gemma 3 27B?", "requirements"),
    ("Quanta VRAM preciso para o Llama 3.1 70B?", "requirements"),
    ("Сколько видеопамяти нужно для Qwen3 32B?", "requirements"),
    ("which card gives me the most tok/s for gemma 3 27b?", "requirements"),
    ("budget is $1200 and I want to run qwen3 32b", "requirements"),
    ("想跑Gemma 3 27B，预算8000，买什么显卡？", "requirements"),
    # the largest model a rig holds
    ("what's the biggest model I can fit on 24GB of VRAM?", "capacity"),
    ("how large a model can my M3 Max 128GB run?", "capacity"),
    ("largest LLM for a single 4090?", "capacity"),
    ("max model size on a DGX Spark?", "capacity"),
    ("how many parameters can I run on my 7900 XTX?", "capacity"),
    ("我的3090最大能跑多大的模型？", "capacity"),
    ("我的4090最多能部署多大的模型？", "capacity"),  # 部署: to deploy
    ("M2 Max 64G 最大可以运行什么模型", "capacity"),
    ("how big can I go on a 4090 with 64gb ram?", "capacity"),
    ("what parameter count fits on my M2 Ultra 192GB?", "capacity"),
    # side by side
    ("3090 or 4090 for Qwen3 32B?", "compare"),
    ("should I get a 3090 or a 4090 for llama 3.1 8b?", "compare"),
    ("m3 ultra vs 4x 3090 for deepseek r1", "compare"),
    ("llama 3.3 70b vs qwen3 32b on 2x 3090?", "compare"),
    ("would adding another 3090 help with llama 3.3 70b?", "compare"),
    ("do I need 96gb or 192gb of ram with a 4090 for qwen3 235b a22b?", "compare"),
    ("what do i need for glm 4.5 air, 64gb or 128gb ram with my 3090?", "compare"),
    ("gpt-oss-120b on a 5090: do I need 64 or 128gb ram?", "compare"),
    ("upgrading from a 3060 to a 3090 for gemma 3 27b, worth it?", "compare"),
    ("RTX 3090 oder RTX 4090 für Gemma 3 27B?", "compare"),
    ("compare qwen3 14b and gemma 3 12b on a 4070 for chat", "compare"),
    ("what's the difference between llama 3.1 8b and qwen3 8b on my 3060", "compare"),
    ("compare qwen3 32b on a 3090 with a 4090", "compare"),
    ("vergleiche qwen3 14b und gemma 3 12b auf einer 3090", "compare"),
    ("comparing quants and speeds for qwen3 8b on my 3060", "estimate"),
    ("llama 3 8b and llama 3.1 8b on a 4090, which is faster?", "compare"),
    ("qwen3 14b and gemma 3 12b on my 3060 - which one is better?", "compare"),
    ("I have a 3090 and 64GB RAM, which is the best model?", "best"),
    ("3090还是4090跑Qwen3 32B？", "compare"),
    # one model on the asker's rig, and the best models for it
    ("can my 3090 run llama 3.1 70b?", "estimate"),
    ("will a 200B dense model fit on 4 H100s", "estimate"),
    ("would a single 3090 run qwen3 32b?", "estimate"),
    ("how many tok/s for llama 3.1 8b on a 4060?", "estimate"),
    ("I have a 4090 and 64GB RAM, what do I need to change to run qwen3 235b?", "estimate"),
    ("what's the best model for my 3060 12GB?", "best"),
    ("good model for a 4090?", "best"),
    ("what should I be running on my 5090 these days?", "best"),
    ("Welches Modell läuft gut auf meiner RTX 3090?", "best"),
    ("Quel modèle pour une RTX 4070 12 Go ?", "best"),
    ("¿Qué modelo puedo usar con una RTX 3060?", "best"),
    ("Qual modelo roda bem numa RTX 4060 Ti 16GB?", "best"),
    ("Какую модель запустить на RTX 4090?", "best"),
    ("3090能跑什么模型？", "best"),
    ("4090におすすめのモデルは？", "best"),
    ("RTX 4080에서 어떤 모델을 돌릴 수 있나요?", "best"),
    ("What's the smartest thing I can run on a 4090?", "best"),
    ("which 32b is best for a 3090?", "best"),
    ("Qwen3 14B와 Gemma 3 12B 중 4070에서 더 빠른 건?", "compare"),
    ("3090 和 4090 哪个跑 Gemma 3 27B 更快？", "compare"),
    ("what do you guys run on a 4090 for coding?", "best"),
    ("RTX 3060で一番速いモデルは？", "best"),
    ("4090跑最强的模型是哪个？", "best"),
]


@pytest.mark.parametrize(("text", "kind"), KINDS, ids=[t for t, _ in KINDS])
def test_the_kind_of_question_is_read(catalog: Catalog, text: str, kind: str) -> None:
    assert read_question(text, catalog.index).kind == kind


@pytest.mark.parametrize(
    ("text", "devices"),
    [
        ("how many 4090s for Qwen3 235B?", ("rtx-4090",)),
        ("Does Kimi K2 need H100s or can consumer cards do it?", ("h100-sxm",)),
        ("how many H100s would a 700B MoE need at FP8?", ("h100-sxm",)),
        ("how many P40s for llama 3.3 70b", ("tesla-p40",)),
    ],
)
def test_hardware_named_as_a_candidate_is_not_the_askers(
    catalog: Catalog, text: str, devices: tuple[str, ...]
) -> None:
    q = read_question(text, catalog.index)
    assert q.kind == "requirements"
    assert q.hardware is None and q.rigs == () and "hardware" not in q.missing
    assert q.candidates == devices


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("can a Mac run DeepSeek V3?", ("mac",)),
        ("which mac do I need for qwen3 235b at q4?", ("mac",)),
        ("what mac should i buy to run glm 4.5 air at 30 tok/s?", ("mac",)),
        ("Does Kimi K2 need H100s or can consumer cards do it?", ("consumer",)),
        ("will qwen3 235b need data center GPUs?", ("datacenter",)),
        ("how much RAM would Llama 3.3 70B need on CPU only?", ("cpu",)),
        ("what hardware for deepseek v3 with no GPU at all", ("cpu",)),
        ("requirements for gpt-oss-120b on the CPU and RAM alone?", ("cpu",)),
        ("纯CPU跑Qwen3 235B需要多少内存", ("cpu",)),
    ],
)
def test_kinds_of_rig_named_as_candidates(catalog: Catalog, text: str, kinds: tuple[str, ...]) -> None:
    assert read_question(text, catalog.index).rig_kinds == kinds


@pytest.mark.parametrize(
    "text",
    [
        "can I run qwen3 30b a3b without a gpu?",
        "is mistral small 24b usable with no gpu",
        "gemma 3 27b cpu-only, possible?",
    ],
)
def test_a_model_without_a_gpu_and_no_rig_asks_for_cpu_rigs(catalog: Catalog, text: str) -> None:
    q = read_question(text, catalog.index)
    assert (q.kind, q.rig_kinds, q.missing) == ("requirements", ("cpu",), ())


def test_a_rig_without_a_gpu_is_estimated_as_it_is(catalog: Catalog) -> None:
    q = read_question("can I run qwen3 30b a3b without a gpu? I have 32gb ddr5", catalog.index)
    assert q.kind == "estimate" and q.hardware is not None and q.hardware.ram_gb == 32


# the sizes a question names: both ends of a range (and the middle when asked), both shapes when open;
# a size whose releases are mostly MoE (past ~150B) is an MoE unless said dense
SIZES = [
    ("a 200-700B model on 8x H100", [(200, True), (700, True)]),
    ("a 200 to 700 billion parameter model on 8x H100", [(200, True), (700, True)]),
    ("a model between 100 and 200B on a mac studio 192gb", [(100, False), (200, True)]),
    ("a 200-700B model, and the middle, on 8x H100", [(200, True), (450, True), (700, True)]),
    ("a 200-700B dense model on 8x H100", [(200, False), (700, False)]),
    ("a 200-700B MoE on 8x H100", [(200, True), (700, True)]),
    (
        "OpenAI's model might be 200-700B, dense or MoE. Could it run on my 4x 3090 + 512GB?",
        [(200, False), (200, True), (700, False), (700, True)],
    ),
    ("a 120B model, dense or MoE, on 2x 3090 and 128GB RAM?", [(120, False), (120, True)]),
    ("a 70B dense or a 235B MoE on 2x 3090 + 128GB, which is faster?", [(70, False), (235, True)]),
]


@pytest.mark.parametrize(("text", "sizes"), SIZES, ids=[t for t, _ in SIZES])
def test_sizes_named_are_each_a_model(catalog: Catalog, text: str, sizes: list[tuple[float, bool]]) -> None:
    q = read_question(text, catalog.index)
    got = [(m.model.params_b, m.model.moe is not None) for m in q.models]
    assert [moe for _, moe in got] == [moe for _, moe in sizes]
    for (params, _), (want, _) in zip(got, sizes, strict=True):
        assert params == pytest.approx(want, rel=0.03)  # the generic shape lands on the size asked


def test_a_range_is_not_read_inside_a_model_name(catalog: Catalog) -> None:
    q = read_question("gemma-3-27b on a 3090", catalog.index)
    assert [r.model.id for r in q.models] == ["gemma-3-27b"]


def test_dense_or_moe_left_open_is_said_so(catalog: Catalog) -> None:
    q = read_question("a 120B model, dense or MoE, on 2x 3090 and 128GB RAM?", catalog.index)
    assert q.both_shapes and q.kind == "estimate"


# rigs side by side: (each rig's cards as (id, count)), and the change an upgrade makes
RIGS = [
    ("3090 or 4090 for Qwen3 32B?", [[("rtx-3090", 1)], [("rtx-4090", 1)]]),
    ("2x 3090 vs 1x 4090 for llama 3.3 70b?", [[("rtx-3090", 2)], [("rtx-4090", 1)]]),
    ("4090 oder zwei 3090 für Llama 3.3 70B?", [[("rtx-4090", 1)], [("rtx-3090", 2)]]),
    ("3090と4090、Qwen3 32Bならどっち？", [[("rtx-3090", 1)], [("rtx-4090", 1)]]),
    ("is adding a second 3090 worth it?", [[("rtx-3090", 1)], [("rtx-3090", 2)]]),
    (
        "does it make sense to put a 3090 next to my two P40s?",
        [[("tesla-p40", 2)], [("tesla-p40", 2), ("rtx-3090", 1)]],
    ),
    ("worth buying 2 more 3090s (4 total) for deepseek v3?", [[("rtx-3090", 2)], [("rtx-3090", 4)]]),
    (
        "upgrade from a 4070 to a 5090 for gpt-oss-20b, how much faster?",
        [[("rtx-4070", 1)], [("rtx-5090", 1)]],
    ),
    ("Lohnt sich eine zweite 4090 für Qwen3 32B?", [[("rtx-4090", 1)], [("rtx-4090", 2)]]),
    ("une deuxième 3090, ça vaut le coup pour Llama 3.3 70B ?", [[("rtx-3090", 1)], [("rtx-3090", 2)]]),
    ("how much faster is a 4090 than a 3090 for qwen3 32b?", [[("rtx-4090", 1)], [("rtx-3090", 1)]]),
    (
        "Work: A6000 48GB. Home: 3090 and 64GB RAM. Which one is better for llama 3.3 70b?",
        [[("rtx-a6000", 1)], [("rtx-3090", 1)]],
    ),
]


def test_an_added_card_is_the_one_told_with_its_memory(catalog: Catalog) -> None:
    q = read_question("4060 Ti 16GB + 32GB now, adding a second 4060 Ti for gemma 3 27b?", catalog.index)
    assert [[(g.id, g.count, g.vram_gb) for g in hw.gpus] for hw in q.rigs] == [
        [("rtx-4060-ti", 1, 16.0)],
        [("rtx-4060-ti", 2, 16.0)],
    ]
    assert [hw.ram_gb for hw in q.rigs] == [32.0, 32.0]


# more system RAM beside the same GPUs: (the RAM before, the RAM after)
RAM_UPGRADES = [
    ("my 3090 has 32gb of ram, would adding another 32gb of ram help with qwen3 235b?", (32.0, 64.0)),
    ("is upgrading from 64gb to 192gb ddr5 worth it for deepseek v3 on my 4090?", (64.0, 192.0)),
    ("I have a 3060 and 16GB RAM. does it help to upgrade to 64gb ram for gpt-oss-120b?", (16.0, 64.0)),
    ("would 64gb more ram help with glm 4.5 air on my 3090 + 64gb box?", (64.0, 128.0)),
    # the amount had asked about, the other weighed after "or"
    ("is 64gb of ram enough for qwen3 235b with a 3090, or should i get 128gb?", (64.0, 128.0)),
    ("is 32gb ram enough for llama 3.1 8b on my 4060, or 64gb?", (32.0, 64.0)),
]


@pytest.mark.parametrize(("text", "ram"), RAM_UPGRADES, ids=[t for t, _ in RAM_UPGRADES])
def test_more_system_ram_is_compared_on_the_same_gpus(
    catalog: Catalog, text: str, ram: tuple[float, float]
) -> None:
    q = read_question(text, catalog.index)
    assert q.kind == "compare"
    assert tuple(hw.ram_gb for hw in q.rigs) == ram
    assert q.rigs[0].gpus == q.rigs[1].gpus and q.rigs[0].gpus
    assert q.change is not None and "system RAM" in q.change


@pytest.mark.parametrize(
    "text",
    [
        "would adding another 32gb of ram help with qwen3 235b on my 3090?",  # the RAM there is unsaid
        "upgrading my M2 Max from 32gb to 64gb memory for qwen3 32b, worth it?",  # unified memory
    ],
)
def test_a_ram_upgrade_needs_the_ram_there_is_and_a_pc(catalog: Catalog, text: str) -> None:
    q = read_question(text, catalog.index)
    assert q.change is None or "system RAM" not in q.change


@pytest.mark.parametrize(("text", "rigs"), RIGS, ids=[t for t, _ in RIGS])
def test_rigs_side_by_side(catalog: Catalog, text: str, rigs: list[list[tuple[str, int]]]) -> None:
    q = read_question(text, catalog.index)
    assert q.kind == "compare"
    assert [[(g.id, g.count) for g in hw.gpus] for hw in q.rigs] == rigs


def test_a_chip_whose_memory_is_unsaid_is_compared_at_the_size_the_other_states(catalog: Catalog) -> None:
    q = read_question("M4 Max 128GB or Strix Halo?", catalog.index)
    assert [hw.unified_memory_gb for hw in q.rigs] == [128.0, 128.0]


def test_an_addition_without_the_rig_it_adds_to_is_no_comparison(catalog: Catalog) -> None:
    q = read_question("would 2 more 3090s help with llama 3.3 70b?", catalog.index)
    assert q.kind != "compare"


WISHES = [
    ("best model for a 3090 at 10+ tok/s?", {"min_tps": 10.0}),
    ("best model for a dgx spark at 20 tok/s or more", {"min_tps": 20.0}),
    ("cheapest rig for mixtral 8x22b at 10 tokens per second?", {"min_tps": 10.0, "prefer": "cost"}),
    ("largest model for my M4 Pro 64GB that still gives 20 tok/s?", {"min_tps": 20.0}),
    ("fastest way to run glm 4.5 air on 2x 3090", {"prefer": "speed"}),
    ("what do I need for qwen3 235b, best quality please", {"prefer": "quality"}),
    ("qwen3 235b on 4x 3090 + 256gb at 32k context filled", {"depth": 32768, "context": 32768}),
    ("deepseek r1 on my 2x 3090 with 512gb ram, speed with 16k tokens in the context", {"depth": 16384}),
    ("what do I need for qwen3 32b at 128k context for coding?", {"context": 131072, "task": "code"}),
    ("M2 Max 64GB vs 2x 3090 for llama 3.3 70b prompt processing?", {"prompt_speed": True}),
    (
        "m4 max 128gb or a dgx spark for gpt-oss 120b, which is faster at prompt processing and generation?",
        {"prompt_speed": False, "both_speeds": True},
    ),
    ("2x 3090 vs m3 ultra for qwen3 235b: pp512 and tg128?", {"prompt_speed": False, "both_speeds": True}),
]


@pytest.mark.parametrize(("text", "wishes"), WISHES, ids=[t for t, _ in WISHES])
def test_wishes_are_read(catalog: Catalog, text: str, wishes: dict[str, object]) -> None:
    q = read_question(text, catalog.index)
    assert {k: getattr(q, k) for k in wishes} == wishes


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("a -5B model on a 3090", "negative"),
        ("what about 1000 H100s for a 1B model?", "data center"),
    ],
)
def test_contradictions_are_problems_not_guesses(catalog: Catalog, text: str, problem: str) -> None:
    q = read_question(text, catalog.index)
    assert q.problems and problem in q.problems[0]


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("what context can I get with qwen3 30b a3b on 24gb vram", True),
        ("max context for llama 3.1 8b on a 4060 8gb?", True),
        ("how long of a context fits with gemma 3 27b on my 3090", True),
        ("qwen3 8b on a 3060 at 32k context filled", False),
        ("qwen3 8b on a 3060 with 32k context", False),
    ],
)
def test_a_question_about_the_longest_context_is_read(catalog: Catalog, text: str, asked: bool) -> None:
    assert read_question(text, catalog.index).context_limit is asked


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("can i run flux on my 3060", "FLUX is an image model"),
        ("flux.1 dev 12b on a 3090", "FLUX is an image model"),
        ("sdxl on an rx 580 8gb", "Stable Diffusion is an image model"),
        ("whisper large v3 on a 4060", "Whisper is a speech-to-text model"),
        ("wan 2.2 video on a 4090", "Wan is a video model"),
    ],
)
def test_an_image_speech_or_video_model_is_named_as_such(catalog: Catalog, text: str, what: str) -> None:
    q = read_question(text, catalog.index)
    assert q.problems and q.problems[0].startswith(what)


def test_a_language_model_beside_another_kind_is_answered(catalog: Catalog) -> None:
    q = read_question("llama 3 8b on my 3060, whisper too?", catalog.index)
    assert not q.problems and [r.model.id for r in q.models] == ["llama-3-8b"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("which 30b-ish model is best for coding on 2x 4060 ti 16gb?", "best"),
        ("what is the best 70b model for my 2x 3090?", "best"),
        ("what is the speed of a 70b model on my 3090", "estimate"),
        ("best quant for a 70b model on my 3090", "estimate"),
        ("would a 70b model run on 2x 3090", "estimate"),
    ],
)
def test_a_size_with_a_best_wish_asks_for_the_best_models_of_it(
    catalog: Catalog, text: str, kind: str
) -> None:
    assert read_question(text, catalog.index).kind == kind


@pytest.mark.parametrize(
    ("text", "kind", "rigs"),
    [
        ("which gpu is better, 3090 or 4090 for qwen3 32b", "compare", 2),
        ("which gpu is better for qwen3 32b, a 3090 or a 4090?", "compare", 2),
        ("how many 3090s or 4090s for deepseek r1", "requirements", 0),
        ("best gpu for qwen3 32b under $1000", "requirements", 0),
        ("whats a good card for gemma 3 27b", "requirements", 0),
        ("best config for qwen3 32b on my 3090", "estimate", 1),
    ],
)
def test_which_gpu_for_a_model_asks_for_rigs_or_compares_the_two_named(
    catalog: Catalog, text: str, kind: str, rigs: int
) -> None:
    q = read_question(text, catalog.index)
    assert (q.kind, len(q.rigs)) == (kind, rigs)


def test_a_mac_and_gpus_read_as_one_rig_are_two_machines_side_by_side(catalog: Catalog) -> None:
    text = (
        "I have a Mac Studio M2 Max 32GB and a PC with a 3060 12GB and 32GB RAM. "
        "Which one runs qwen3 14b better?"
    )
    q = read_question(text, catalog.index)
    assert q.kind == "compare"
    pc, mac = q.rigs
    assert ([(g.id, g.count) for g in pc.gpus], pc.soc, pc.ram_gb) == ([("rtx-3060", 1)], None, 32.0)
    assert (mac.gpus, mac.soc.id if mac.soc else None, mac.unified_memory_gb, mac.ram_gb) == (
        (),
        "m2-max",
        32.0,
        None,
    )


@pytest.mark.parametrize(
    "text",
    [
        "need hardware for llama 3.3 70b, max 1500 dollars",
        "qwen3 235b, budget of $3k, what do I get",
    ],
)
def test_a_budget_with_a_model_and_no_rig_asks_what_to_buy(catalog: Catalog, text: str) -> None:
    q = read_question(text, catalog.index)
    assert q.kind == "requirements" and q.max_usd is not None


@pytest.mark.parametrize(
    ("text", "card"),
    [
        ("Upgraded to a 4090 from my 2070. What is the best I can run now?", "NVIDIA GeForce RTX 4090"),
        ("I replaced my 1080 with a 3090, can it run qwen3 32b?", "NVIDIA GeForce RTX 3090"),
        ("I went from a 3060 to a 3090 last week, what can I run now?", "NVIDIA GeForce RTX 3090"),
    ],
)
def test_a_card_already_replaced_is_no_part_of_the_rig(catalog: Catalog, text: str, card: str) -> None:
    q = read_question(text, catalog.index)
    assert [[g.name for g in r.gpus] for r in q.rigs] == [[card]]


def test_an_upgrade_still_weighed_compares_the_two_cards(catalog: Catalog) -> None:
    q = read_question("is upgrading from my 3090 to a 5090 worth it for llama 3.3 70b?", catalog.index)
    assert q.kind == "compare" and len(q.rigs) == 2


@pytest.mark.parametrize(
    "text",
    [
        "a model smaller than 14b but bigger than 7b for my 3060?",
        "anything newer than llama 3 that fits a 4070?",
    ],
)
def test_a_bound_before_than_is_no_comparison(text: str, catalog: Catalog) -> None:
    assert read_question(text, catalog.index).kind != "compare"


def test_two_rigs_offered_for_two_models_are_both_kept(catalog: Catalog) -> None:
    q = read_question(
        "should i get a dgx spark for gpt-oss-120b and qwen3 235b, or an m4 max mac studio with 128gb?",
        catalog.index,
    )
    assert q.kind == "compare"
    assert len(q.models) == 2 and len(q.rigs) == 2


@pytest.mark.parametrize(
    ("text", "gpu_only"),
    [
        ("how many 3090s for deepseek r1 at q4, fully in vram?", True),
        ("what gpus for glm 4.5 air with no offloading", True),
        ("what gpus for glm 4.5 air", False),
        ("跑qwen3 235b纯显存需要几张4090", True),
    ],
)
def test_a_model_wished_on_the_gpus_alone_is_read(catalog: Catalog, text: str, gpu_only: bool) -> None:
    assert read_question(text, catalog.index).gpu_only is gpu_only
