"""The lines of one answer agree with each other: the longest context shown is never below the one
the answer runs, a speed wish no quant of the model meets says it of that model, a measurement of
another engine or quantization says so, and a flag the command overrides is not called set by it."""

from __future__ import annotations

import pytest
from rich.console import Console

from bot.answers import Answer, answer_text
from bot.render import measured_text
from bot.render.terminal import render_answer
from sizing import Catalog, advise, parse_hardware


def _terminal(a: Answer) -> str:
    console = Console(record=True, width=400)
    console.print(render_answer(a))
    return console.export_text()


@pytest.mark.parametrize(
    ("model", "rig", "context"),
    [
        ("qwen3-32b", "RX 7900 XTX", 20480),
        ("qwen3-32b", "RTX 4090", 12000),
        ("llama-3.1-8b", "RTX 3060 12GB", 40000),
    ],
)
def test_the_longest_context_is_never_below_the_one_the_answer_runs(
    catalog: Catalog, model: str, rig: str, context: int
) -> None:
    top = advise(catalog.by_id[model], parse_hardware(rig), context=context, quant="Q4_K_M").options[0]
    assert top.estimate.verdict == "gpu"
    assert dict(top.max_context_by_kv)[top.estimate.memory.kv_type] >= top.estimate.context


def test_a_cache_half_the_size_shows_a_longer_context_than_f16(catalog: Catalog) -> None:
    top = advise(catalog.by_id["qwen3-32b"], parse_hardware("RTX 4090"), quant="Q4_K_M").options[0]
    by_kv = dict(top.max_context_by_kv)
    assert by_kv["q8_0"] is not None and by_kv["f16"] is not None
    assert by_kv["q8_0"] > by_kv["f16"]


def test_a_speed_no_quant_reaches_is_said_of_the_model_not_the_rig(catalog: Catalog) -> None:
    a = answer_text("llama 3.3 70b on a rtx 3060 12gb and 64gb ddr4", catalog)
    assert "No quant of Llama 3.3 70B reaches" in (a.verdict or "")
    assert "Nothing reaches" not in (a.verdict or "")


def test_a_measurement_of_another_engine_and_quant_is_set_apart(catalog: Catalog) -> None:
    a = answer_text("vllm single user tok/s for llama 3.1 8b bf16 on an rtx 3090?", catalog)
    line = measured_text(a.options[0])
    assert line.startswith("measured on another setup, not vllm at BF16-HF")


def test_a_measurement_of_the_same_engine_and_quant_is_shown_plainly(catalog: Catalog) -> None:
    a = answer_text("llama 3.1 8b q4_0 on an rtx 3090 with llama.cpp vulkan", catalog)
    line = measured_text(a.options[0])
    assert line.startswith("measured: ")


def test_a_flag_the_command_overrides_is_not_called_set_by_it(catalog: Catalog) -> None:
    a = answer_text("4x rtx 3060 12gb, llama 3.3 70b q4_k_m llama.cpp -sm row, how fast", catalog)
    assert "-sm row" in (a.options[0].command or "")
    text = _terminal(a)
    assert "the command sets -sm layer" not in text
    assert "-sm layer would hold it" in text


def test_a_free_table_pasted_leaves_no_notes_about_its_other_columns() -> None:
    hw = parse_hardware(
        "free -h\n"
        "               total        used        free      shared  buff/cache   available\n"
        "Mem:            62Gi       5.2Gi        51Gi       120Mi       6.3Gi        57Gi\n"
        "Swap:          16Gi          0B        16Gi\n"
        "ryzen 9 7900x, no gpu"
    )
    assert hw.ram_gb is not None and hw.ram_gb > 60
    assert not [n for n in hw.assumptions if n.startswith("did not read")]


def test_a_setting_on_its_own_line_of_the_command_is_one_the_command_sets(catalog: Catalog) -> None:
    """A raised macOS wired limit is the command's first line: the fit line says the command sets it,
    never that the command keeps something else."""
    a = answer_text("M3 Ultra 256gb: qwen3.5 397b a17b at 128k context with mlx, kv cache quantized", catalog)
    assert (a.options[0].command or "").startswith("sudo sysctl iogpu.wired_limit_mb=")
    text = _terminal(a)
    assert "the command sets sudo sysctl iogpu.wired_limit_mb=" in text
    assert "keeps what was asked" not in text


@pytest.mark.parametrize(
    "text",
    [
        "gpt-oss-120b with vllm on one h100",
        "vllm gemma 3 27b on a 3090",
        "llama 3.3 70b fp8 on an h100 80gb with vllm",
    ],
)
def test_every_option_the_fit_line_says_the_command_sets_is_in_it(catalog: Catalog, text: str) -> None:
    a = answer_text(text, catalog)
    command = " " + " ".join((a.options[0].command or "").split()) + " "
    fit = next(line for line in _terminal(a).splitlines() if line.startswith("fit: "))
    said = fit.partition("; the command sets ")[2].partition(";")[0]
    for flag in (f.strip() for f in said.split(", ") if f.strip().startswith("-")):
        assert f" {flag.split()[0]} " in command, (flag, command)
