"""llama.cpp's split modes: the asked one is read and honoured, the experimental tensor split is
chosen only where clearly faster, and its all-reduce latency bounds what it gains."""

from __future__ import annotations

import pytest

from bot.answers import answer_text, cache_key_parts
from sizing import Catalog, EngineOptions, estimate, parse_hardware, read_question
from sizing.commands import launch_command
from sizing.speed import SPLIT_MODE_MARGIN, allreduce_seconds, load_speed_params


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("qwen3 32b on two 3090s, -sm layer", "layer"),
        ("mistral small with --split-mode row on 2x p40", "row"),
        ("--split-mode=tensor llama 3 70b 4x 3090", "tensor"),
        ("gemma 3 27b, layer split over 2x 4090", "layer"),
        ("what speed if i split by layers on 3x 3060", "layer"),
        ("row split on two mi50s", "row"),
        ("tensor parallel with llama.cpp on 2x 3090", "tensor"),
        ("llama.cpp with tp on four 3090s", "tensor"),
        ("qwen3 32b tp=2 on 2x 3090", "tensor"),
        ("llama 70b with --tensor-split 3,1 on a 4090 and a 3090", None),
        ("-ts 1,1 with 2x 3090", None),
        ("tensor-split 60,40 across my cards", None),
        ("llama 3 8b on a laptop with 16gb", None),
        ("how many layers fit on a 3060", None),
        ("four 3060s running llama 70b, -sm row or layer, which one?", None),
        ("2x p40: --split-mode layer vs row for mistral small?", None),
        ("qwen3 32b on 2x 3090, row or -sm layer?", None),
        ("2x 3090, -sm row, or is the old build the problem?", "row"),
    ],
)
def test_the_asked_split_mode_is_read(catalog: Catalog, text: str, mode: str | None) -> None:
    assert read_question(text, catalog.index).split_mode == mode


def test_a_question_carries_its_split_mode(catalog: Catalog) -> None:
    q = read_question("gemma 4 31b q4_0 on 2x rtx 3090 with -sm layer", catalog.index)
    assert q.split_mode == "layer"


def test_the_split_mode_is_part_of_the_cache_key(catalog: Catalog) -> None:
    plain = read_question("gemma 4 31b q4_0 on 2x rtx 3090", catalog.index)
    asked = read_question("gemma 4 31b q4_0 on 2x rtx 3090 with tensor parallel", catalog.index)
    assert cache_key_parts(plain) != cache_key_parts(asked)


@pytest.mark.parametrize("mode", ["layer", "tensor"])
def test_an_asked_split_mode_is_honoured_in_speed_and_command(catalog: Catalog, mode: str) -> None:
    e = estimate(
        catalog.by_id["gemma-4-31b"],
        parse_hardware("2x RTX 3090"),
        quant="Q4_0",
        engine_options=EngineOptions(split_mode=mode),
    )
    assert e.split_mode == mode
    assert ("-sm tensor" in (launch_command(e) or "")) == (mode == "tensor")
    asked = dict((m, d) for m, d, _ in e.speed.split_options)
    assert e.speed.decode_tps == pytest.approx(asked[mode], rel=0.01)


def test_an_answer_to_a_layer_split_question_prints_no_tensor_flag(catalog: Catalog) -> None:
    a = answer_text("llama 3 8b f16 on 2x rtx 3090 with -sm layer", catalog)
    assert a.options and all(o.placement.split_mode == "layer" for o in a.options)
    assert all("-sm tensor" not in (o.command or "") for o in a.options)


def test_an_asked_split_mode_on_one_gpu_says_nothing_of_it(catalog: Catalog) -> None:
    e = estimate(
        catalog.by_id["qwen3-8b"],
        parse_hardware("RTX 3090"),
        engine_options=EngineOptions(split_mode="layer"),
    )
    assert not any("split mode" in n for n in e.assumptions)


def test_tensor_split_gains_on_two_pcie_gpus_stay_near_the_measured(catalog: Catalog) -> None:
    # gemmaclaw/gemmaclaw PR #344: Gemma 4 31B Q4_0 on 2x RTX 3090, 32.0 tok/s layer, 39.7 tensor (1.24x)
    e = estimate(catalog.by_id["gemma-4-31b"], parse_hardware("2x RTX 3090"), quant="Q4_0")
    speeds = {m: d for m, d, _ in e.speed.split_options}
    assert 1.0 < speeds["tensor"] / speeds["layer"] < 1.5


def test_llama_cpp_all_reduce_latency_grows_with_every_gpu() -> None:
    params = load_speed_params()
    two, four, eight = (allreduce_seconds(params, "pcie", n, "llama.cpp") for n in (2, 4, 8))
    assert four == pytest.approx(3 * two) and eight == pytest.approx(7 * two)
    assert two >= allreduce_seconds(params, "pcie", 2, "vllm")


def test_more_gpus_in_a_tensor_split_do_not_keep_speeding_decode_up(catalog: Catalog) -> None:
    spec = catalog.by_id["llama-3.3-70b"]
    four, eight = (
        {m: d for m, d, _ in estimate(spec, parse_hardware(rig), quant="Q4_K_M").speed.split_options}[
            "tensor"
        ]
        for rig in ("4x RTX 3090", "8x RTX 3090")
    )
    assert eight < 1.3 * four


@pytest.mark.parametrize(
    ("model", "rig", "quant"),
    [
        ("gemma-4-31b", "2x RTX 3090", "Q4_0"),
        ("llama-3-8b", "2x RTX 3090", "F16"),
        ("llama-3.3-70b", "4x RTX 3090", "Q4_K_M"),
        ("llama-3.1-405b", "12x RTX 3090", "Q4_K_M"),
    ],
)
def test_the_experimental_tensor_split_needs_a_clear_gain(
    catalog: Catalog, model: str, rig: str, quant: str
) -> None:
    e = estimate(catalog.by_id[model], parse_hardware(rig), quant=quant)
    speeds = {m: d for m, d, _ in e.speed.split_options}
    if e.split_mode == "tensor":
        assert any("experimental" in n for n in e.assumptions)
    if speeds.get("tensor", 0.0) < speeds["layer"] * SPLIT_MODE_MARGIN**0.5:
        assert e.split_mode == "layer"


@pytest.mark.parametrize(
    "text",
    [
        "2x 3090 with llama.cpp, tensor split set to 3,1?",  # llama.cpp's -ts share, said in words
        "what tensor split ratio for a 3090 and a 3060?",
        "no tensor parallel please, just the default",
        "layer split or row split, which is faster?",  # two modes: a question, not a wish
        "my 3060 box sits behind a tp-link router",
        "vllm serve qwen3 32b -tp 2 on two 3090s",  # vLLM's own tensor parallelism
        "split layers between gpu and cpu on my 3060",  # a partial offload, not a split across GPUs
    ],
)
def test_words_that_ask_no_llama_cpp_split_mode(catalog: Catalog, text: str) -> None:
    assert read_question(text, catalog.index).split_mode is None


def test_tensor_split_is_chosen_by_itself_only_where_it_is_measured(catalog: Catalog) -> None:
    spec = catalog.by_id["llama-3.1-70b"]
    pascal = estimate(spec, parse_hardware("4x Tesla P40"), quant="Q4_K_M", engine="llama.cpp")
    assert pascal.split_mode == "layer"
    assert "tensor" in {mode for mode, _, _ in pascal.speed.split_options}


@pytest.mark.parametrize(
    "text",
    [
        "which gpus should i buy for running 70b models at home? budget ~2000$",
        "mac studio m3 ultra 256gb or 4x 3090 for llama 3.3 70b q8, which is faster?",
    ],
)
def test_a_buying_or_comparing_verdict_resting_on_the_tensor_split_names_it(
    catalog: Catalog, text: str
) -> None:
    a = answer_text(text, catalog)
    assert '"split_mode":"tensor"' in a.model_dump_json()  # the rigs named run faster with it
    assert "-sm tensor" in a.verdict


@pytest.mark.parametrize(
    ("text", "modes"),
    [
        ("4x 3060, llama 70b, -sm row or layer?", ("row", "layer")),
        ("2x p40: --split-mode layer vs row", ("layer", "row")),
        ("2x 3090, row or -sm layer?", ("row", "layer")),
        ("2x 3090 with -sm row", ()),
        ("2x 3090", ()),
        ("llama 70b on 2x 3090, should I use split mode row or layer?", ("row", "layer")),
        ("llama 70b on 2x 3090: row vs layer split?", ("row", "layer")),
        ("a row or two of text about my 2x 3090", ()),
    ],
)
def test_split_modes_put_side_by_side_are_read(catalog: Catalog, text: str, modes: tuple[str, ...]) -> None:
    assert read_question(text, catalog.index).split_compared == modes


def test_a_split_mode_comparison_answers_the_faster_and_gives_the_other(catalog: Catalog) -> None:
    a = answer_text("4x rtx 3060 12gb, llama 3.3 70b q4_k_m llama.cpp -sm row or layer? how fast", catalog)
    assert a.options[0].placement.split_mode == "layer"
    assert "-sm row" not in (a.options[0].command or "")
    assert "With -sm row:" in (a.verdict or "")


def test_row_or_layer_in_words_answers_the_layer_split_and_gives_the_row(catalog: Catalog) -> None:
    a = answer_text("llama 3.3 70b q4_k_m on 2x 3090, should I use split mode row or layer?", catalog)
    assert a.options[0].placement.split_mode == "layer"
    assert "With -sm row:" in (a.verdict or "")


def test_a_gpu_added_that_tensor_parallel_cannot_use_is_said_to_slow_it(catalog: Catalog) -> None:
    a = answer_text("I have 2 3090s, is adding a third 3090 worth it for llama 3.3 70b in vllm?", catalog)
    assert a.verdict.startswith("Not worth it") and "attention and KV heads" in a.verdict
