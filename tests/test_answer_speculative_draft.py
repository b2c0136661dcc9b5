"""Speculative decoding asked with a draft model named: one answer, for the main model, with the draft's
memory counted beside it, the draft in the llama-server command (-hfd) and a plain word that the speed-up
is not modelled; the draft is never answered as if it were the model asked for."""

from __future__ import annotations

import pytest

from bot.answers import answer_text, cache_key_parts
from sizing import Catalog, read_question

_ASKED = [
    (
        "llama 3.3 70b with speculative decoding (llama 3.2 1b draft) on 2x 3090, how much faster?",
        "llama-3.3-70b",
    ),
    ("does speculative decoding help qwen3 32b on a 4090? draft qwen3 0.6b", "qwen3-32b"),
    ("qwen3 32b on a 4090 with qwen3 0.6b as the draft model", "qwen3-32b"),
]


@pytest.mark.parametrize(("text", "main"), _ASKED)
def test_only_the_main_model_is_answered(catalog: Catalog, text: str, main: str) -> None:
    a = answer_text(text, catalog)
    assert {o.model.id for o in a.options} == {main}
    assert "Fastest: Llama 3.2 1B" not in " ".join(a.hints)


@pytest.mark.parametrize(("text", "main"), _ASKED)
def test_the_draft_is_sized_loaded_and_its_speedup_said_to_be_unmodelled(
    catalog: Catalog, text: str, main: str
) -> None:
    a = answer_text(text, catalog)
    assert "as the draft: the draft at Q8_0 needs about" in a.verdict
    assert "The speed-up is not modelled" in a.verdict
    command = a.options[0].command or ""
    assert " -hfd " in command and "Q8_0" in command.split(" -hfd ", 1)[1]


def test_two_models_without_a_draft_are_both_answered(catalog: Catalog) -> None:
    a = answer_text("llama 3.3 70b or llama 3.2 1b on 2x 3090?", catalog)
    assert "draft" not in a.verdict


def test_a_draft_asked_changes_the_cache_key(catalog: Catalog) -> None:
    with_draft = read_question("qwen3 32b on a 4090 with qwen3 0.6b as the draft model", catalog.index)
    without = read_question("qwen3 32b on a 4090 with qwen3 0.6b", catalog.index)
    assert cache_key_parts(with_draft) != cache_key_parts(without)


def test_an_embedding_model_changes_the_cache_key(catalog: Catalog) -> None:
    embedding = read_question("nomic-embed-text on a raspberry pi 5", catalog.index)
    unnamed = read_question("which model on a raspberry pi 5", catalog.index)
    assert cache_key_parts(embedding) != cache_key_parts(unnamed)


@pytest.mark.parametrize(
    ("text", "flags", "said"),
    [
        # an MoE draft beside an offloaded main model: its experts go to system RAM
        (
            "speculative decoding: gpt-oss-120b on two rtx 3090s and 128gb ddr4, gpt-oss-20b as the draft",
            " -cmoed",
            "in system RAM (-cmoed)",
        ),
        # a dense draft the GPUs cannot hold beside the main model: dropped, and said so
        (
            "qwen2.5 72b on two rtx 3090s and 128gb ram with qwen2.5 32b as a draft model",
            None,
            "drop the draft (the command leaves it out)",
        ),
    ],
)
def test_a_draft_the_gpus_cannot_hold_is_placed_or_dropped(
    catalog: Catalog, text: str, flags: str | None, said: str
) -> None:
    a = answer_text(text, catalog)
    assert said in a.verdict
    command = a.options[0].command or ""
    if flags is None:
        assert " -hfd " not in command
    else:
        assert " -hfd " in command and command.split(" -hfd ", 1)[1].split("  #")[0].endswith(flags)


def test_a_draft_is_named_when_the_ram_is_unstated(catalog: Catalog) -> None:
    a = answer_text(
        "gpt-oss-120b with gpt-oss-20b as the draft for speculative decoding on two 3090s?", catalog
    )
    assert "Speculative decoding with gpt-oss-20b as the draft" in a.verdict
