"""The rigs a purchase answer leaves out say why in the words an estimate for that rig would use: a rig
whose GPUs hold the model only without llama.cpp's free-memory margin is "too tight", not "cannot hold
it"; a rig with its RAM for experts is no use to an engine that keeps every weight on the GPUs; and a
budget said in yuan binds the rigs like one in dollars."""

from __future__ import annotations

from bot.answers import answer_text
from sizing import Catalog, estimate, parse_hardware


def test_a_rig_inside_the_fit_margin_is_called_tight_as_its_estimate_calls_it(catalog: Catalog) -> None:
    a = answer_text("i want to buy gpus for llama 3.3 70b at q4_k_m, what do i need?", catalog)
    line = next(n for n in a.notes if "4x NVIDIA GeForce RTX 3060 12 GB" in n)
    assert "cannot hold it" not in line and "only inside llama.cpp's 1 GiB safety margin" in line
    e = estimate(catalog.by_id["llama-3.3-70b"], parse_hardware("4x rtx 3060 12gb, 64gb ram"), quant="Q4_K_M")
    assert any("only inside llama.cpp's 1 GiB safety margin" in n for n in e.assumptions)


def test_an_offload_rig_left_out_for_vllm_says_vllm_keeps_the_weights_on_the_gpus(catalog: Catalog) -> None:
    a = answer_text("what gpus should i buy to serve gpt-oss-120b with vllm?", catalog)
    offload = [n for n in a.notes if "GB RAM" in n]
    assert offload and all("keeps every weight and its buffers on the GPUs" in n for n in offload)
    assert not any("cannot hold it" in n for n in offload)


def test_a_budget_in_yuan_marks_the_rigs_above_it(catalog: Catalog) -> None:
    a = answer_text("预算两万块人民币，想跑llama 3.3 70b，买什么显卡？", catalog)
    assert a.verdict.startswith("At ") and "Within $2,748" in a.verdict
    assert a.rigs and all((r.price_usd or 0) <= 2748 or r.over_budget for r in a.rigs)
    assert any(r.over_budget for r in a.rigs)


def test_a_rig_whose_unpriced_server_cpu_and_board_take_the_budget_is_not_within_it(catalog: Catalog) -> None:
    """The GPU and RAM of an EPYC offload rig cost a little under the budget; the server CPU and
    board are not priced, yet they cost more than the rest of the budget: never 'within' it."""
    a = answer_text("what rig for deepseek v3 under $5000?", catalog)
    server = [r for r in a.rigs if r.hardware.cpu and ("EPYC" in r.hardware.cpu or "Xeon" in r.hardware.cpu)]
    assert server
    for r in server:
        if (r.price_usd or 0) <= 5000:
            assert r.over_budget
    assert "Within $5,000" not in a.verdict
    assert "at least ~$800 more" in a.verdict
