"""What a question puts to choose is answered as a choice: two quantizations asked ("Q3 or Q4?") are
both shown and one is picked; two engines side by side ("mlx vs gguf") give both speeds; an engine
that holds everything in VRAM and cannot hold the model does not turn a model llama.cpp runs into a
"No"; a model that fits only at an unusable quantization is not a plain "Yes"; the repo a question
names (a point release, a publisher) is the one the command downloads; and a requantization of a
low-bit release that saves nothing is not offered."""

from __future__ import annotations

import pytest

from bot.answers import answer_text, cache_key_parts
from sizing import Catalog, measured_speeds, parse_hardware, read_question, repo_named, resolve_quant
from sizing.vocabulary import UNUSABLE_KLD


def test_two_quantizations_asked_as_a_choice_are_read_in_order(catalog: Catalog) -> None:
    q = read_question("mistral small 24b on a 4090 and 64gb ram, q4_k_m or q6_k?", catalog.index)
    assert q.quants_compared == ("Q4_K_M", "Q6_K")
    lone = read_question("mistral small 24b q4_k_m on a 4090, is q6_k much slower?", catalog.index)
    assert lone.quants_compared == ()


def test_both_quantizations_asked_are_shown_and_one_is_picked(catalog: Catalog) -> None:
    a = answer_text("qwen3 235b a22b on a 5090 with 128gb ddr5, unsloth q3 or q4? how fast?", catalog)
    shown = {o.quant for o in a.options}
    assert {"Q3_K_M", "Q4_K_M"} <= shown
    assert "Of the quantizations asked" in a.verdict
    assert a.options[0].quant in ("Q3_K_M", "Q4_K_M")


def test_a_choice_of_quantizations_is_its_own_cache_entry(catalog: Catalog) -> None:
    one = read_question("llama 3 8b on a 3060 12gb, q4_k_m?", catalog.index)
    two = read_question("llama 3 8b on a 3060 12gb, q4_k_m or q8_0?", catalog.index)
    assert cache_key_parts(one) != cache_key_parts(two)


def test_a_publisher_named_is_the_repo_the_command_downloads(catalog: Catalog) -> None:
    a = answer_text("qwen3 235b a22b on a 5090 with 128gb ddr5, unsloth q4_k_m", catalog)
    assert "unsloth/Qwen3-235B-A22B-GGUF" in (a.options[0].command or "")


def test_a_point_release_in_a_file_name_downloads_that_release(catalog: Catalog) -> None:
    model = catalog.get("deepseek-r1")
    assert model is not None
    assert repo_named(model, "DeepSeek-R1-0528-UD-Q2_K_XL.gguf on 2x 3090") == "deepseek-ai/DeepSeek-R1-0528"
    assert repo_named(model, "deepseek r1 on 2x 3090") is None
    a = answer_text("DeepSeek-R1-0528-UD-Q2_K_XL.gguf on 2x 3090 + 256GB DDR4 8-channel epyc", catalog)
    assert "unsloth/DeepSeek-R1-0528-GGUF:UD-Q2_K_XL" in (a.options[0].command or "")
    plain = answer_text("DeepSeek-R1-UD-Q2_K_XL.gguf on 2x 3090 + 256GB DDR4 8-channel epyc", catalog)
    assert "unsloth/DeepSeek-R1-GGUF:UD-Q2_K_XL" in (plain.options[0].command or "")


@pytest.mark.parametrize(
    ("text", "repo"),
    [
        (
            "qwen3 next 80b thinking on a 4090 and 64gb ddr5",
            "bartowski/Qwen_Qwen3-Next-80B-A3B-Thinking-GGUF",
        ),
        ("qwen3 next 80b instruct on a 4090 and 64gb ddr5", None),  # the build taken anyway
    ],
)
def test_the_thinking_or_instruct_build_named_is_the_one_downloaded(
    catalog: Catalog, text: str, repo: str | None
) -> None:
    model = catalog.get("qwen3-next-80b-a3b")
    assert model is not None
    assert repo_named(model, text) == repo


def test_an_engine_without_offload_is_answered_first_then_the_engine_that_runs_it(catalog: Catalog) -> None:
    a = answer_text("llama 3 70b on one 3090 and 128gb ddr5, how fast, and is exl2 better?", catalog)
    assert a.verdict.startswith("No with ExLlama")
    assert "With llama.cpp instead: yes" in a.verdict
    assert a.options[0].engine == "llama.cpp" and a.options[0].placement.verdict == "partial"
    assert "ExLlama holds the whole model in VRAM" in a.verdict
    assert any(o.engine == "exllama" and o.placement.verdict == "no" for o in a.options)


def test_an_engine_without_offload_that_holds_the_model_is_answered_as_asked(catalog: Catalog) -> None:
    a = answer_text("llama 3 8b on a 3090 with exl2", catalog)
    assert a.options[0].engine == "exllama" and a.options[0].placement.verdict == "gpu"


def test_a_fit_only_at_an_unusable_quantization_is_no_plain_yes(catalog: Catalog) -> None:
    a = answer_text("deepseek v3.1 on a 4090 and 128gb ram, how fast?", catalog)
    first = a.options[0]
    assert first.placement.verdict != "no"
    assert resolve_quant(first.quant).kld >= UNUSABLE_KLD  # 671B in 24 GB + 128 GB: about 1.6 bits a weight
    assert a.verdict.startswith("Only at a quality most people find unusable")
    assert "Runs well here instead:" in a.verdict


def test_a_fit_at_a_usable_quantization_stays_a_yes(catalog: Catalog) -> None:
    a = answer_text("qwen3 30b a3b on a 4090 and 64gb ram", catalog)
    assert a.verdict.startswith("Yes")
    assert "Runs well here instead" not in a.verdict


@pytest.mark.parametrize(
    "text",
    [
        "Ryzen AI Max+ 395 with 128GB, gpt-oss 120b speed?",
        "gpt-oss 20b on a gtx 1650 4gb laptop with 16gb ram",
        "gpt-oss-120b with sglang on one H100 80GB",
    ],
)
def test_requantizations_of_a_low_bit_release_that_save_nothing_are_not_offered(
    catalog: Catalog, text: str
) -> None:
    a = answer_text(text, catalog)
    assert a.options[0].quant == "MXFP4"
    shipped = a.options[0].memory.weights_gb
    for o in a.options[1:]:
        assert o.memory.weights_gb < 0.95 * shipped, o.quant


def test_two_engines_side_by_side_give_both_speeds(catalog: Catalog) -> None:
    q = read_question("lm studio mlx vs gguf on an m4 pro 48gb for qwen3 32b, which is faster", catalog.index)
    assert (q.engine, q.engine_compared) == ("mlx", "llama.cpp")
    a = answer_text("lm studio mlx vs gguf on an m4 pro 48gb for qwen3 32b, which is faster", catalog)
    assert "With llama.cpp instead:" in a.verdict
    assert "faster" in a.verdict.split("With llama.cpp instead:")[1]


@pytest.mark.parametrize(
    ("text", "engines"),
    [
        ("is vllm faster than llama.cpp on a 4090 with qwen3 14b?", ("vllm", "llama.cpp")),
        ("ollama or vllm for qwen3 8b on my 3090?", ("ollama", "vllm")),
        ("4x v100 32gb, qwen3.5 122b a10b with vllm fp16? or gguf?", ("vllm", "llama.cpp")),
        ("qwen3 32b on a 3090: vllm bf16, or gguf?", ("vllm", "llama.cpp")),
    ],
)
def test_an_engine_weighed_against_another_is_read(
    catalog: Catalog, text: str, engines: tuple[str, str]
) -> None:
    q = read_question(text, catalog.index)
    assert {q.engine, q.engine_compared} == set(engines)


def test_a_moe_measurement_does_not_stand_in_for_a_dense_model_of_its_size(catalog: Catalog) -> None:
    dense, moe = catalog.get("qwen3-32b"), catalog.get("qwen3-30b-a3b")
    assert dense is not None and moe is not None
    hw = parse_hardware("m4 pro 48gb")
    assert any(m.model_id == moe.id for m in measured_speeds(moe, hw))  # measured on this chip
    assert all(m.model_id != moe.id for m in measured_speeds(dense, hw))


def test_an_mlx_community_conversion_listed_is_served_not_converted(catalog: Catalog) -> None:
    a = answer_text("qwen3 32b with mlx on an m4 pro 48gb", catalog)
    command = a.options[0].command or ""
    assert command.startswith("mlx_lm.server --model mlx-community/Qwen3-32B-")
    assert "mlx_lm.convert" not in command


def test_where_the_asked_engine_does_not_fit_the_other_engine_gives_its_own_pick(catalog: Catalog) -> None:
    a = answer_text("4x v100 32gb, qwen3.5 122b a10b with vllm fp16? or gguf?", catalog)
    assert a.verdict.startswith("No")
    other = a.verdict.split("With llama.cpp instead:")[1]
    assert "runs fully on the GPU" in other and "BF16" not in other


@pytest.mark.parametrize(
    ("text", "engine", "compared", "compared_quant"),
    [
        (
            "llama 3.3 70b on 2x 3090: llama.cpp Q4_K_M vs exllamav3 4.0bpw, which is faster?",
            "llama.cpp",
            "exllama",
            "EXL3-4.0",
        ),
        ("qwen3 32b on a 4090: exl3 5.0bpw or llama.cpp q5_k_m?", "exllama", "llama.cpp", "Q5_K_M"),
        ("qwen3 32b on a 4090, vllm awq vs ollama?", "vllm", "ollama", None),
    ],
)
def test_each_engine_side_by_side_keeps_the_quant_said_with_it(
    catalog: Catalog, text: str, engine: str, compared: str, compared_quant: str | None
) -> None:
    q = read_question(text, catalog.index)
    assert (q.engine, q.engine_compared, q.engine_compared_quant) == (engine, compared, compared_quant)


def test_the_other_engine_is_answered_at_the_quant_said_with_it(catalog: Catalog) -> None:
    a = answer_text(
        "llama 3.3 70b on 2x 3090: llama.cpp Q4_K_M vs exllamav3 4.0bpw, which is faster?", catalog
    )
    assert a.options[0].quant == "Q4_K_M"
    assert "With ExLlama instead: EXL3-4.0" in a.verdict


@pytest.mark.parametrize(
    ("text", "compared"),
    [
        ("qwen3.5 397b a17b on an m3 ultra 512gb, mlx 6bit vs 4bit speed?", ("MLX-6bit", "MLX-4bit")),
        ("qwen3 32b at 4bit or 8bit on a 4090?", ("Q4", "Q8")),
        ("llama 3.3 70b q4_k_m or 3bit on 2x 3060?", ("Q4_K_M", "Q3")),
    ],
)
def test_bit_widths_asked_as_a_choice_are_each_answered(
    catalog: Catalog, text: str, compared: tuple[str, ...]
) -> None:
    assert read_question(text, catalog.index).quants_compared == compared
