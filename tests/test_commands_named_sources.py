"""The source a question names is the one downloaded: an Ollama library tag the catalog lists is
run as typed, a publisher named ("unsloth q4") gives that publisher's repo in its own quant naming,
and a repo whose listing shows no i-quant is never offered with one."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog


def test_a_listed_ollama_tag_is_run_as_typed(catalog: Catalog) -> None:
    a = answer_text("ollama run llama3.3:70b-instruct-q8_0 on two rtx a6000s", catalog)
    assert a.options[0].quant == "Q8_0"
    assert "ollama run llama3.3:70b-instruct-q8_0" in (a.options[0].command or "")


def test_the_default_tag_stays_for_the_default_quant(catalog: Catalog) -> None:
    a = answer_text("llama 3.3 70b q4_k_m in ollama on two rtx a6000s", catalog)
    assert "ollama run llama3.3:70b " in (a.options[0].command or "") + " "


@pytest.mark.parametrize(
    ("text", "quant"),
    [
        ("qwen3 coder 480b on an epyc with 768gb ddr5 and a 4090, unsloth q4 how fast?", "UD-Q4_K_XL"),
        ("qwen3-coder-480b-a35b unsloth Q4_K_M on 768gb ram and a 4090", "Q4_K_M"),
    ],
)
def test_a_publisher_named_gives_its_repo_and_its_naming(catalog: Catalog, text: str, quant: str) -> None:
    a = answer_text(text, catalog)
    first = a.options[0]
    assert first.quant == quant
    assert f"unsloth/Qwen3-Coder-480B-A35B-Instruct-GGUF:{quant}" in (first.command or "")


def test_a_k_quant_only_repo_is_not_offered_with_an_i_quant(catalog: Catalog) -> None:
    iq = answer_text("mixtral 8x7b iq4_xs on an rtx 2060 6gb with 32gb ram", catalog).options[0]
    assert iq.quant == "IQ4_XS"
    # never downloaded from TheBloke (its repo is only named as one holding other quants)
    assert "-hf TheBloke" not in (iq.command or "") and "no public Mixtral 8x7B IQ4_XS .gguf file" in (
        iq.command or ""
    )
    k = answer_text("mixtral 8x7b q4_k_m on an rtx 2060 6gb with 32gb ram", catalog).options[0]
    assert "TheBloke/Mixtral-8x7B-Instruct-v0.1-GGUF:Q4_K_M" in (k.command or "")


def test_a_publisher_that_makes_i_quants_is_offered_with_one(catalog: Catalog) -> None:
    first = answer_text("glm-4.5v iq4_xs on 2x 3090 with llama.cpp", catalog).options[0]
    assert first.quant == "IQ4_XS"
    assert "-hf mradermacher/GLM-4.5V-i1-GGUF:IQ4_XS" in (first.command or "")
