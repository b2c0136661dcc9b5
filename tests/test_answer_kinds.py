"""Answers of the kinds with keys of their own (requirements, capacity, compare): the contract keys,
the class the cache reads back, the wishes echoed, every frontend (terminal, Reddit within its
limit, Discord within its schema), the CLI's --json and --batch, and the exact failures the
seed questions met before these kinds existed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rich.console import Console

from bot.answers import (
    Answer,
    CapacityAnswer,
    CompareAnswer,
    RequirementsAnswer,
    answer_from_json,
    answer_text,
)
from bot.canirun_cli import main
from bot.render.discord import answer_embed
from bot.render.reddit import MAX_COMMENT_CHARS, reddit_length, render_reddit
from bot.render.terminal import render_answer
from bot.service import AnswerService
from bot.stores import MemoryStore
from sizing import Catalog, HardwareContract
from sizing.best import SIZE_BAND
from tests.discord_spec import problems

QUESTIONS = {
    "requirements": "what hardware do I need to run DeepSeek R1?",
    "requirements-named": "how many 4090s for Qwen3 235B?",
    "requirements-models-compared": "qwen3 32b vs gemma 3 27b, which is better?",  # no rig to race on
    "requirements-range": (
        "OpenAI's open model: 200 to 700 billion parameters, dense or MoE? Will it need H100s?"
    ),
    "capacity": "what's the largest model I can run on 2x 3090 and 128GB RAM?",
    "compare-rigs": "3090 or 4090 for Qwen3 32B?",
    "compare-models": "deepseek r1 or kimi k2 on my rig? 4x 3090, 512gb ddr4",
    "compare-upgrade": "is adding a second 3090 worth it for llama 3.3 70b?",
}
CLASSES = {"requirements": RequirementsAnswer, "capacity": CapacityAnswer, "compare": CompareAnswer}


@pytest.fixture(scope="module")
def answers(catalog: Catalog) -> dict[str, Answer]:
    return {name: answer_text(text, catalog) for name, text in QUESTIONS.items()}


@pytest.mark.parametrize("name", QUESTIONS)
def test_the_answer_is_of_its_kind_and_reads_back_as_its_class(name: str, answers: dict[str, Answer]) -> None:
    a = answers[name]
    kind = name.split("-")[0]
    assert a.kind == kind and isinstance(a, CLASSES[kind])
    back = answer_from_json(a.model_dump_json())
    assert type(back) is type(a) and back == a


def test_requirements_rigs_carry_the_parse_contract_an_estimate_and_a_price(
    answers: dict[str, Answer],
) -> None:
    a = answers["requirements"]
    assert isinstance(a, RequirementsAnswer) and a.rigs
    for rig in a.rigs:
        HardwareContract.model_validate(rig.hardware.model_dump())  # the `canirun parse --json` shape
        assert rig.estimate.placement.verdict != "no"
        assert (rig.price_usd is None) == (rig.price_source is None)
    priced = [r.price_usd for r in a.rigs if r.price_usd is not None]
    assert priced == sorted(priced)
    assert [r.price_usd is None for r in a.rigs] == sorted(r.price_usd is None for r in a.rigs)


def test_several_models_each_have_their_rigs(answers: dict[str, Answer]) -> None:
    a = answers["requirements-range"]
    assert isinstance(a, RequirementsAnswer)
    asked = {m.id for m in a.question.models}
    assert len(asked) == 4  # 200B and 700B, each dense and MoE
    assert {r.estimate.model.id for r in a.rigs} == asked
    assert any("Dense or MoE" in h and "same memory" in h for h in a.hints)


def test_capacity_limits_are_per_quantization(answers: dict[str, Answer]) -> None:
    a = answers["capacity"]
    assert isinstance(a, CapacityAnswer)
    assert [x.quant for x in a.limits] == ["Q8_0", "Q6_K", "Q4_K_M", "Q3_K_M", "Q2_K"]
    for x in a.limits:
        assert x.max_moe_total_params_b >= x.max_dense_params_b > 0
        assert len(x.examples) == len(x.example_names)


@pytest.mark.parametrize("name", ["compare-rigs", "compare-models", "compare-upgrade"])
def test_the_verdict_names_the_winner(name: str, answers: dict[str, Answer]) -> None:
    a = answers[name]
    assert isinstance(a, CompareAnswer) and len(a.comparisons) == 2 and a.winner is not None
    won = a.comparisons[a.winner]
    assert won.model.name in a.verdict or won.hardware.gpus[0].name in a.verdict
    assert len(a.options) == 2


def test_wishes_are_echoed(catalog: Catalog) -> None:
    a = answer_text("what do I need for llama 3.1 8b at 128k context, at least 15 tok/s, fastest?", catalog)
    assert isinstance(a, RequirementsAnswer)
    assert (a.wishes.min_tps, a.wishes.context, a.wishes.prefer) == (15.0, 131072, "speed")
    assert any("at least 15 tok/s" in h and "131,072 context" in h for h in a.hints)
    assert all(r.estimate.context == 131072 for r in a.rigs)
    assert "15+ tokens/s" in a.verdict and "Fastest" in a.verdict


def test_speed_at_a_filled_context_is_given_at_that_depth(catalog: Catalog) -> None:
    a = answer_text("qwen3 32b on an RTX 4090 at 16k context filled", catalog)
    assert a.kind == "estimate" and a.options
    assert a.options[0].speed.depth == 16384


def test_the_verdict_gives_the_speed_at_the_depth_asked(catalog: Catalog) -> None:
    a = answer_text("qwen3 32b on an RTX 4090 at 16k context filled", catalog)
    speed = a.options[0].speed
    said = re.search(r"With 16,384 tokens already in the context: ~([\d.,]+) tokens/s generating", a.verdict)
    assert said is not None
    assert float(said.group(1).replace(",", "")) == pytest.approx(speed.decode_tps, abs=0.6)  # as rounded


# the failures the seed questions met, each now answered right
def test_a_700b_moe_with_37b_active_is_sized_at_params_times_bits(catalog: Catalog) -> None:
    a = answer_text("a 700B MoE with 37B active at Q4 on 8x H100", catalog)
    (model,) = a.question.models
    assert model.active_params_b == pytest.approx(37, rel=0.03)
    assert a.options[0].memory.weights_gb == pytest.approx(700 * 4.85 / 8, rel=0.03)


def test_a_range_answers_both_ends(catalog: Catalog) -> None:
    a = answer_text("a 200-700B model on 8x H100, does it fit?", catalog)
    assert [round(m.total_params_b, -1) for m in a.question.models] == [200, 700]
    assert {o.model.id for o in a.options} == {m.id for m in a.question.models}


def test_h100s_in_would_it_need_are_not_the_askers(catalog: Catalog) -> None:
    a = answer_text("llama 3.1 405b: would it need H100s?", catalog)
    assert isinstance(a, RequirementsAnswer) and a.question.hardware is None
    assert any(g.id == "h100-sxm" for r in a.rigs for g in r.hardware.gpus)


def test_fp8_on_h100s_is_answered_with_vllm(catalog: Catalog) -> None:
    a = answer_text("how many H100s would a 700B MoE need at FP8?", catalog)
    assert isinstance(a, RequirementsAnswer)
    (rig,) = [r for r in a.rigs if r.hardware.gpus and r.hardware.gpus[0].id == "h100-sxm"]
    assert (rig.estimate.quant, rig.estimate.engine, rig.hardware.gpus[0].count) == ("FP8", "vllm", 16)


def test_what_hardware_do_i_need_is_answered_not_asked_back(answers: dict[str, Answer]) -> None:
    assert answers["requirements"].kind == "requirements"


def test_how_many_4090s_counts_4090s(answers: dict[str, Answer]) -> None:
    a = answers["requirements-named"]
    assert isinstance(a, RequirementsAnswer)
    counts = [r.hardware.gpus[0].count for r in a.rigs if r.hardware.ram_gb is None]
    assert counts and counts[0] > 1 and "4090" in a.verdict


def test_3090_or_4090_is_a_comparison(answers: dict[str, Answer]) -> None:
    a = answers["compare-rigs"]
    assert isinstance(a, CompareAnswer)
    assert [c.hardware.gpus[0].id for c in a.comparisons] == ["rtx-3090", "rtx-4090"]


@pytest.mark.parametrize(
    ("text", "kind", "words"),
    [
        ("a -5B model on a 3090", "clarify", "negative"),
        ("what about 1000 H100s for a 1B model?", "clarify", "one of those GPUs runs it"),
        ("how many 4090s for a 0.1B model", "requirements", "1x NVIDIA GeForce RTX 4090 run"),
    ],
)
def test_bad_or_contradictory_questions_get_a_friendly_answer(
    catalog: Catalog, text: str, kind: str, words: str
) -> None:
    a = answer_text(text, catalog)
    assert a.kind == kind and words in a.verdict


# every frontend
@pytest.mark.parametrize("name", QUESTIONS)
@pytest.mark.parametrize("limit", [MAX_COMMENT_CHARS, 1500, 700])
def test_reddit_fits_the_limit(name: str, limit: int, answers: dict[str, Answer]) -> None:
    md = render_reddit(answers[name], limit)
    assert reddit_length(md) <= limit and "I'm a bot" in md


@pytest.mark.parametrize("name", QUESTIONS)
def test_reddit_shows_a_table(name: str, answers: dict[str, Answer]) -> None:
    assert "|:--|" in render_reddit(answers[name])


@pytest.mark.parametrize("name", QUESTIONS)
def test_discord_embeds_are_valid(name: str, answers: dict[str, Answer]) -> None:
    embed = answer_embed(answers[name], chart=True)
    assert problems("embed", embed) == []
    assert embed.get("fields")


@pytest.mark.parametrize("name", QUESTIONS)
def test_the_terminal_shows_the_verdict_and_a_table(name: str, answers: dict[str, Answer]) -> None:
    console = Console(width=120, record=True)
    console.print(render_answer(answers[name]))
    text = console.export_text()
    assert answers[name].verdict[:40] in text.replace("\n", " ") and "┃" in text


async def test_the_service_caches_the_new_kinds_as_their_class() -> None:
    service = AnswerService(MemoryStore())
    first = await service.ask(QUESTIONS["compare-rigs"])
    second = await service.ask(QUESTIONS["compare-rigs"])
    assert (first.cached, second.cached) == (False, True)
    assert isinstance(second, CompareAnswer) and second.model_copy(update={"cached": False}) == first


@pytest.fixture
def _embedded_store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CANIRUN_REDIS_URL", raising=False)
    monkeypatch.delenv("CANIRUN_CONFIG", raising=False)
    monkeypatch.setenv("CANIRUN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)


@pytest.mark.usefixtures("_embedded_store")
def test_the_cli_prints_the_new_keys(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", QUESTIONS["capacity"], "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["kind"] == "capacity"
    assert set(out["limits"][0]) >= {
        "quant",
        "kv_type",
        "context",
        "max_dense_params_b",
        "max_moe_total_params_b",
        "examples",
    }


@pytest.mark.usefixtures("_embedded_store")
def test_the_cli_batch_answers_every_kind(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    batch = tmp_path / "in.jsonl"
    texts = [QUESTIONS["requirements-named"], QUESTIONS["capacity"], QUESTIONS["compare-rigs"]]
    batch.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
    assert main(["ask", "--batch", str(batch)]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [x["kind"] for x in lines] == ["requirements", "capacity", "compare"]
    assert lines[0]["rigs"] and lines[2]["comparisons"]


def test_ask_help_documents_the_kinds(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["ask", "--help"])
    out = capsys.readouterr().out
    for word in ("requirements", "capacity", "compare", "rigs", "limits", "comparisons", "wishes"):
        assert word in out


@pytest.mark.parametrize(
    ("text", "hinted"),
    [
        ("best uncensored model for 2x 3060 12gb", True),
        ("what abliterated model can a 4090 run?", True),
        ("best model for a 4090", False),
    ],
)
def test_an_uncensored_wish_says_what_abliterated_versions_run_like(
    catalog: Catalog, text: str, hinted: bool
) -> None:
    a = answer_text(text, catalog)
    assert a.kind == "best"
    hint = any("abliterated" in h for h in a.hints)
    assert hint is hinted
    assert ("abliterated" in render_reddit(a)) is hinted
    assert ("abliterated" in json.dumps(answer_embed(a))) is hinted


@pytest.mark.parametrize(
    ("text", "size_b"),
    [
        ("which 30b-ish model is best for coding on 2x 4060 ti 16gb?", 30),
        ("what is the best 70b model for my 2x 3090?", 70),
    ],
)
def test_a_best_question_that_names_a_size_ranks_models_of_about_that_size(
    catalog: Catalog, text: str, size_b: float
) -> None:
    a = answer_text(text, catalog)
    assert a.kind == "best" and a.options
    assert f"among models of about {size_b:g}B" in a.verdict
    by_id = {m.id: m for m in catalog.models}
    assert all(size_b / SIZE_BAND <= by_id[o.model.id].params_b <= size_b * SIZE_BAND for o in a.options)


@pytest.mark.parametrize(
    "text", ["which gpu should i buy for local llms", "what hardware do i need for llms"]
)
def test_a_hardware_question_without_a_model_asks_for_the_model(catalog: Catalog, text: str) -> None:
    a = answer_text(text, catalog)
    assert a.kind == "clarify" and "Which model do you want to run?" in (a.message or a.verdict)


def test_a_hardware_question_with_a_budget_and_no_model_answers_what_to_buy(catalog: Catalog) -> None:
    assert answer_text("what is the best gpu under $1000 for llms", catalog).kind == "purchase"


@pytest.mark.parametrize(
    ("text", "users"),
    [
        ("serve qwen3 8b with vllm on 2x 3090 for 8 users", 8),
        ("llama 3.1 8b on an RTX 4090, 10 concurrent requests", 10),
    ],
)
def test_several_users_at_once_get_each_ones_speed_and_all_together(
    catalog: Catalog, text: str, users: int
) -> None:
    a = answer_text(text, catalog)
    serving = a.options[0].speed.serving
    assert serving is not None and serving.users == users
    assert serving.aggregate_tps > serving.per_user_tps
    each = f"{serving.per_user_tps:.1f}" if serving.per_user_tps < 10 else f"{serving.per_user_tps:.0f}"
    assert f"With {users} users at once: ~{each} tokens/s each" in a.verdict


def test_one_user_gets_no_serving_figures(catalog: Catalog) -> None:
    a = answer_text("llama 3.1 8b on an RTX 4090", catalog)
    assert a.options[0].speed.serving is None and "users at once" not in a.verdict


@pytest.mark.parametrize(
    "text",
    ["qwen3 32b vs gemma 3 27b, which is better?", "is llama 3.3 70b or qwen 2.5 72b better for coding?"],
)
def test_two_models_compared_without_a_rig_are_ranked_and_sized(catalog: Catalog, text: str) -> None:
    """No rig to race them on: which public evaluations rate higher, then what hardware each needs."""
    a = answer_text(text, catalog)
    assert isinstance(a, RequirementsAnswer)
    assert "rates higher" in a.verdict or "about the same" in a.verdict
    assert "Say your hardware" in a.verdict
    assert len({r.estimate.model.id for r in a.rigs}) == 2


def test_users_past_what_the_kv_cache_holds_are_said_to_wait(catalog: Catalog) -> None:
    text = "serve llama 3.1 8b with vllm on an A100 40GB for 64 concurrent users at 16k context"
    a = answer_text(text, catalog)
    serving = a.options[0].speed.serving
    assert serving is not None and serving.users_held is not None and 0 < serving.users_held < 64
    assert (
        f"if each fills the 16,384-token context, the memory holds the KV cache of {serving.users_held}"
        in a.verdict
    )
    assert "while the others wait" in a.verdict
