"""A repo the question names is the one the printed command downloads: a Hugging Face id written out
(a publisher's GGUF build, an FP8 checkpoint, a point release), or a listed fine-tune's own checkpoint,
which is sized as its base but never downloaded as the base."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, estimate, parse_hardware, repo_named
from sizing.commands import launch_command


def _command(catalog: Catalog, text: str) -> str:
    a = answer_text(text, catalog)
    assert a.options, a.verdict
    return a.options[0].command or ""


@pytest.mark.parametrize(
    ("model", "text", "repo"),
    [
        (
            "gpt-oss-120b",
            "llama-server -hf someorg/gpt-oss-120b-GGUF:Q8_0 on my rig",
            "someorg/gpt-oss-120b-GGUF",
        ),
        (
            "deepseek-v3.1",
            "got otherorg/DeepSeek-V3.1-Terminus-GGUF, will it run?",
            "otherorg/DeepSeek-V3.1-Terminus-GGUF",
        ),
        ("llama-3.1-405b", "hermes 4 405b on eight cards?", "NousResearch/Hermes-4-405B"),
        # a build named "<original publisher>_<model>" (bartowski's naming) is that model's
        (
            "qwen3-14b",
            "grabbed someuploader/Qwen_Qwen3-14B-GGUF at Q5_K_L for my 4070",
            "someuploader/Qwen_Qwen3-14B-GGUF",
        ),
        (
            "gemma-3-12b",
            "pulling anotherpub/google_gemma-3-12b-it-GGUF for a 3060, ok?",
            "anotherpub/google_gemma-3-12b-it-GGUF",
        ),
        # a prefix that is no publisher of the model is not dropped
        ("qwen3-14b", "is someuploader/Llama_Qwen3-14B-GGUF any good on a 4070", None),
        ("llama-3.1-405b", "llama 3.1 405b on eight cards?", None),
        # an id glued to Chinese text ends where the text starts, and one right after it is read too
        (
            "qwen2.5-vl-7b",
            "vllm serve Qwen/Qwen2.5-VL-7B-Instruct-AWQ需要多大显存？",
            "Qwen/Qwen2.5-VL-7B-Instruct-AWQ",
        ),
        (
            "qwen2.5-vl-7b",
            "用Qwen/Qwen2.5-VL-7B-Instruct-AWQ在16G显存上能跑吗",
            "Qwen/Qwen2.5-VL-7B-Instruct-AWQ",
        ),
    ],
)
def test_the_repo_named_is_read_from_the_question(
    catalog: Catalog, model: str, text: str, repo: str | None
) -> None:
    spec = catalog.get(model)
    assert spec is not None
    assert repo_named(spec, text) == repo


def test_a_gguf_repo_written_out_is_the_one_llama_server_loads(catalog: Catalog) -> None:
    cmd = _command(catalog, "llama-server -hf someorg/Qwen3-32B-GGUF:Q4_K_M on a 4090")
    assert "-hf someorg/Qwen3-32B-GGUF:" in cmd


def test_a_fine_tune_is_never_downloaded_as_its_base_gguf(catalog: Catalog) -> None:
    cmd = _command(catalog, "hermes 4 70b on two 3090s with llama.cpp")
    assert "Llama-3.1-70B" not in cmd and "Meta-Llama" not in cmd
    assert "NousResearch/Hermes-4-70B" in cmd  # the placeholder says whose GGUF file to fill in


def test_a_fine_tune_served_by_vllm_loads_its_own_checkpoint(catalog: Catalog) -> None:
    cmd = _command(catalog, "hermes 4 70b on vllm with 4x a100 80gb")
    assert cmd.startswith("vllm serve NousResearch/Hermes-4-70B ")


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("hermes 4 70b on a mac studio m2 ultra 192gb with mlx", "--hf-path NousResearch/Hermes-4-70B "),
        ("hermes 4 70b exl3 on two 3090s with tabbyapi", "EXL3 repo of NousResearch/Hermes-4-70B"),
    ],
)
def test_a_fine_tune_on_mlx_or_exllama_asks_for_its_own_build(
    catalog: Catalog, text: str, wanted: str
) -> None:
    assert wanted in _command(catalog, text)


def test_of_several_releases_listed_the_gguf_named_after_the_models_own_comes_first(catalog: Catalog) -> None:
    spec = catalog.get("magistral-small")
    assert spec is not None and spec.hf_repo is not None
    release = spec.hf_repo.split("/", 1)[1]  # the release the entry describes
    cmd = _command(catalog, "magistral small q4_k_m on a 4090")
    assert f"{release}-GGUF:" in cmd


def test_a_gguf_repo_ollama_pulls_from_the_hub_is_the_one_it_runs(catalog: Catalog) -> None:
    """ "ollama run hf.co/org/repo:QUANT": Ollama pulls that GGUF from the Hub, so the command keeps
    it rather than the library's own tag of the model."""
    command = _command(catalog, "ollama run hf.co/someorg/Qwen3-14B-GGUF:Q5_K_M on a 4070 Ti")
    assert "ollama run hf.co/someorg/Qwen3-14B-GGUF:Q5_K_M" in command


def test_a_point_release_named_downloads_that_release_even_at_a_quant_its_listing_lacks(
    catalog: Catalog,
) -> None:
    """ "deepseek-r1-0528 q2": the 0528 release's GGUF repo (with a note to check the quant), never
    the January release's repo that happens to list Q2_K."""
    command = _command(catalog, "deepseek-r1-0528 q2 on 2x 3090 and 256gb ram")
    assert "-hf unsloth/DeepSeek-R1-0528-GGUF:" in command
    assert "unsloth/DeepSeek-R1-GGUF" not in command


@pytest.mark.parametrize(
    ("text", "downloads", "never"),
    [
        (
            "kimi k2 instruct 0905 served by vllm at fp8 on 8x h200",
            "vllm serve moonshotai/Kimi-K2-Instruct-0905 ",
            "moonshotai/Kimi-K2-Instruct ",
        ),
        (
            "Kimi-K2-Instruct-0905 on 2x 3090 with 768gb ddr5 and llama.cpp",
            "unsloth/Kimi-K2-Instruct-0905-GGUF:",
            "unsloth/Kimi-K2-Instruct-GGUF:",
        ),
        # the release's date alone, without the build word its repo carries
        ("does kimi k2 0905 fit 8x h200 under vllm", "moonshotai/Kimi-K2-Instruct-0905 ", "Instruct "),
        ("kimi k2 0905 q2 with llama.cpp, 2x 3090, 512gb ram", "K2-Instruct-0905-GGUF:", "Instruct-GGUF"),
        (
            "mistral large 2407 at q4_k_m across 4x 3090",
            "bartowski/Mistral-Large-Instruct-2407-GGUF:",
            "2411",
        ),
    ],
)
def test_a_dated_release_named_downloads_that_release(
    catalog: Catalog, text: str, downloads: str, never: str
) -> None:
    command = _command(catalog, text) + " "
    assert downloads in command
    assert never not in command


@pytest.mark.parametrize(
    ("text", "wanted", "never"),
    [
        # the chat build of a base release is the same release: the QAT repos listing Q4_0 are kept
        ("gemma 3 27b qat on a 7900 xtx with rocm at 32k", "-qat", "ggml-org/"),
        # an unsloth dynamic file comes from unsloth, whichever release's build sorts first
        ("gemma-3-27b-it-UD-Q4_K_XL.gguf on a 16 gb 4070 ti super", "-hf unsloth/", "ggml-org/"),
        # a point release named still downloads that release's own unsloth build
        (
            "deepseek-r1-0528 UD-IQ1_S on 2x 3090 with 256 gb of ram",
            "unsloth/DeepSeek-R1-0528-GGUF:",
            "R1-GGUF",
        ),
    ],
)
def test_the_repo_downloaded_publishes_the_file_asked(
    catalog: Catalog, text: str, wanted: str, never: str
) -> None:
    command = _command(catalog, text)
    assert wanted in command
    assert never not in command


def test_a_file_no_listed_repo_publishes_says_where_to_get_it(catalog: Catalog) -> None:
    """An i-quant of a model listed only from a publisher that never made i-quants: the command
    loads a file to fill in and names a listed repo's files and how to make the one asked."""
    spec = catalog.get("mixtral-8x7b")
    assert spec is not None
    e = estimate(spec, parse_hardware("RTX 2060 6GB, 32GB RAM"), quant="IQ4_XS")
    command = launch_command(e) or ""
    assert '-m "$MODEL_FILE"' in command and "no listed repo has IQ4_XS" in command
    assert "-GGUF has " in command and "llama-quantize" in command


def test_a_build_named_after_the_original_publisher_is_the_download(catalog: Catalog) -> None:
    command = _command(catalog, "someuploader/Qwen_Qwen3-14B-GGUF Q5_K_L on a 4070 12gb")
    assert "-hf someuploader/Qwen_Qwen3-14B-GGUF:Q5_K_L" in command
