"""Whole questions in the shapes of bug reports and help threads: a model told as the one that behaved
("X did not do this", "之前推理 X 都可以的"), an Ollama library's ":latest" tag, the largest model a
rig holds asked in Chinese ("最多能部署哪个模型"), "哪个" asking which model rather than which of two
rigs (one rig told in the question and again in a spec listing), and "哪个 qwen 的模型" asking for the
best one of a family. The sentences are written for these tests in the patterns people use."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, UnknownModelError, read_question

MODELS = [
    # the model that behaved is background: the answer is about the one that misbehaves
    (
        "Qwen3 32B Q4_K_M uses 30GB on my 4090 24GB. Qwen2.5 32B did not do this and used far less.",
        ["qwen3-32b"],
    ),
    ("Qwen3 30B A3B keeps crashing on my 3090. Gemma 3 27B never had this problem.", ["qwen3-30b-a3b"]),
    ("4张3090推理 qwen3 32b 显存不足。但是之前推理 qwen2.5 32b 都可以的。怎么办？", ["qwen3-32b"]),
    ("之前在3060上跑 qwen2.5 7b，现在想跑 qwen3 14b，4070 够吗？", ["qwen3-14b"]),
    # ... but a choice keeps both, and so do models listed side by side in one clause
    ("qwen3 32b or qwen2.5 32b on my 4090, which did less swapping?", ["qwen3-32b", "qwen2.5-32b"]),
    ("I run qwen3 8b and gemma 3 12b on my 3060. Would qwen3 14b fit?", ["qwen3-14b"]),
    # an Ollama library's ":latest" tag is its default build; the bare library name stays a family
    ("why does gpt-oss:latest spill into RAM on my 4070 12GB?", ["gpt-oss-20b"]),
    ("ollama ps shows gpt-oss:latest at 40%/60% CPU/GPU on a 3080 10GB", ["gpt-oss-20b"]),
    ("gpt-oss:120b on two 3090s?", ["gpt-oss-120b"]),
    # sizes given as examples of what "the largest Qwen" could be are no models asked about
    ("我的4090 24G最多能跑到 Qwen 的哪个模型规模（如 14B、32B、72B）？", []),
]


@pytest.mark.parametrize(("text", "ids"), MODELS)
def test_models_named_in_issue_shapes(catalog: Catalog, text: str, ids: list[str]) -> None:
    q = read_question(text, catalog.index)
    assert [r.model.id for r in q.models] == ids


def test_bare_library_name_of_several_sizes_stays_unresolved(catalog: Catalog) -> None:
    # ":latest" picks the default build; "gpt-oss" alone names two models of one family
    assert catalog.resolve("gpt-oss:latest").model.id == "gpt-oss-20b"
    with pytest.raises(UnknownModelError, match="could be several"):
        catalog.resolve("gpt-oss")


KINDS = [
    # the largest model a rig holds, asked in Chinese
    ("RTX 4090 上最多可以运行什么模型？", "capacity"),
    ("两张3090最多能部署多大的 qwen 模型", "capacity"),
    ("我的 M2 Max 64G 最多可以跑到哪个 Qwen 模型？", "capacity"),
    # one rig told in the question and again in a spec listing: "哪个 ... 模型" asks which model
    ("请问在 RTX 4090 24GB 上，最多能部署哪个模型？我的配置：GPU：RTX 4090 24GB 内存：64GB", "capacity"),
    ("在 3090 24GB 上跑哪个qwen的模型最好？我的配置：显卡 RTX 3090 24GB，内存 32GB", "best"),
    ("3060 12G 适合跑哪款deepseek模型", "best"),
    # ... while two rigs told apart and then "哪个" asks which of them
    ("笔记本：4070 8GB，32GB内存。台式机：3090，128GB内存。哪个更适合跑模型？", "compare"),
    ("笔记本：4070 8GB，32GB内存。台式机：3090，128GB内存。哪个跑 qwen3 32b 更快？", "compare"),
]


@pytest.mark.parametrize(("text", "kind"), KINDS)
def test_kind_of_issue_questions(catalog: Catalog, text: str, kind: str) -> None:
    assert answer_text(text, catalog).kind == kind


KINDS_ASKED_LAST = [
    # the question ends on "how much VRAM?", the model named before it: what the model needs
    ("llama 3.3 70b, how much vram?", "requirements"),
    ("qwen3 32b at 32k context: how much memory?", "requirements"),
    # ... and on the asker's own rig, how it does there
    ("qwen3 32b on my 3090, how much vram?", "estimate"),
    # "total" asks the same sum as "do I need"
    ("mistral small 24b q4_k_m at 64k, how much vram total with a q8_0 cache?", "requirements"),
    ("gemma 3 27b, how much memory in total at 32k?", "requirements"),
]


@pytest.mark.parametrize(("text", "kind"), KINDS_ASKED_LAST)
def test_how_much_memory_asked_last(catalog: Catalog, text: str, kind: str) -> None:
    assert answer_text(text, catalog).kind == kind


@pytest.mark.parametrize(
    ("text", "users"),
    [
        ("I want vLLM to serve Llama-3.3-70b to about 5 people at 32k context", 5),
        ("serving qwen3 32b to 20 users on 2x 3090?", 20),
        ("we serve it to 3 people daily on a 4090 with qwen3 14b", 3),
    ],
)
def test_users_served_with_the_model_between(catalog: Catalog, text: str, users: int) -> None:
    assert read_question(text, catalog.index).users == users


def test_what_several_users_need_counts_each_users_kv_cache(catalog: Catalog) -> None:
    one = answer_text("how much vram does llama 3.3 70b need at 32k context with vllm?", catalog).verdict
    asked = "how much vram to serve llama 3.3 70b to 5 users at 32k context with vllm?"
    five = answer_text(asked, catalog).verdict
    assert "users at 32,768 context each need" not in one
    assert "5 users at 32,768 context each need" in five


@pytest.mark.parametrize(
    ("name", "model_id"),
    [("Qwen2-VL 7B", "qwen2-7b"), ("qwen2vl-7b-awq", "qwen2-7b"), ("Qwen2-VL-72B-Instruct", "qwen2-72b")],
)
def test_a_vision_release_missing_from_the_catalog_says_what_its_text_model_leaves_out(
    catalog: Catalog, name: str, model_id: str
) -> None:
    found = catalog.resolve(name)
    assert found.model.id == model_id
    assert any("vision encoder" in a and "not counted" in a for a in found.assumptions)


@pytest.mark.parametrize("name", ["Qwen2.5-VL 7B", "Llama-3.2-11B-Vision", "qwen2 7b"])
def test_a_vision_release_in_the_catalog_or_a_text_model_needs_no_such_word(
    catalog: Catalog, name: str
) -> None:
    assert not any("vision encoder" in a for a in catalog.resolve(name).assumptions)


def test_the_biggest_model_and_the_most_context_says_how_long_a_context_it_holds(catalog: Catalog) -> None:
    asked = answer_text("what's the biggest model, and most context, I can run on a 3060 12gb?", catalog)
    assert asked.kind == "capacity"
    assert any(h.startswith("Longest context: ") and "tokens fully on the GPU" in h for h in asked.hints)
    plain = answer_text("what's the biggest model I can run on a 3060 12gb?", catalog)
    assert not any(h.startswith("Longest context: ") for h in plain.hints)


def test_a_latest_tag_is_read_as_ollama(catalog: Catalog) -> None:
    q = read_question("why does gpt-oss:latest spill into RAM on my 4070 12GB?", catalog.index)
    assert q.engine == "ollama"


def test_the_quant_of_the_one_model_asked_about_is_the_questions(catalog: Catalog) -> None:
    # the quant written after the asked model is its own; the model after it is background
    text = "Qwen3 32B Q4_K_M uses 30GB on my 4090 24GB. Qwen2.5 32B did not do this and used far less."
    q = read_question(text, catalog.index)
    assert [r.model.id for r in q.models] == ["qwen3-32b"]
    assert q.quant == "Q4_K_M"
