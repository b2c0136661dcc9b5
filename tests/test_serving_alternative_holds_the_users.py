"""Serving several users: an alternative of better quality is offered only where the memory holds
every user's KV cache at the context asked, and the fit line never advises a count the command
already sets lower ("holds 5" beside "--max-num-seqs 64 would hold it")."""

from __future__ import annotations

import pytest
from rich.console import Console

from bot.answers import answer_text
from bot.render.terminal import render_answer
from sizing import Catalog, advise, default_catalog, parse_hardware

SERVED = [
    # (model, rig, users): a better quantization fits for one user but holds fewer caches than asked
    ("llama-3.3-70b", "2x h100", 20),
    ("qwen3-32b", "rtx pro 6000", 60),
]


@pytest.mark.parametrize(("model_id", "rig", "users"), SERVED)
def test_the_best_quality_alternative_holds_every_user(model_id: str, rig: str, users: int) -> None:
    model, hw = default_catalog().by_id[model_id], parse_hardware(rig)
    alone = advise(model, hw, engine="vllm")
    served = advise(model, hw, engine="vllm", users=users)
    assert "For the best quality" in alone.summary  # the one-user answer offers it
    if "For the best quality" in served.summary:
        named = served.summary.split("For the best quality, ")[1].split()[0]
        held = next(o for o in served.options if o.estimate.quant.id == named)
        assert held.estimate.memory.placement.sequences_held >= users, served.summary


def test_a_serving_verdict_offers_no_build_that_holds_a_quarter_of_the_users(catalog: Catalog) -> None:
    a = answer_text("serve llama 3.3 70b to 20 users with vllm on 2x H100, tok/s per user?", catalog)
    assert "BF16" not in a.verdict.split("With 20 users")[0]


@pytest.mark.parametrize(
    "text",
    [
        "estimate: llama 3.3 70b bf16 on 2x h100 with vllm for 20 users",
        "llama 3.3 70b bf16 on 2x h100 with vllm for 12 users",
    ],
)
def test_the_fit_line_never_advises_more_sequences_than_the_command_sets(catalog: Catalog, text: str) -> None:
    a = answer_text(text, catalog)
    words = (a.options[0].command or "").split()
    assert "--max-num-seqs" in words
    set_to = int(words[words.index("--max-num-seqs") + 1])
    console = Console(record=True, width=400)
    console.print(render_answer(a))
    fit = [line for line in console.export_text().splitlines() if line.startswith("fit:")]
    assert fit
    for part in fit[0].split("--max-num-seqs ")[1:]:
        assert int(part.split()[0].rstrip(",;")) <= set_to, fit[0]
