"""Launch commands: every engine gets its own command with its own flags, the placement the estimate
chose, a real repository (or a marked placeholder), and the settings a tight fit needs; printed
llama-server lines start a real llama-server."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from sizing import Catalog, Estimate, SizingError, estimate, parse_hardware
from sizing.catalog import default_repos
from sizing.commands import PLACEHOLDER, launch_command

Case = tuple[str, str, dict[str, Any]]


def _estimate(catalog: Catalog, model: str, rig: str, **kw: Any) -> Estimate:
    return estimate(catalog.by_id[model], parse_hardware(rig), **kw)


def _command(catalog: Catalog, model: str, rig: str, **kw: Any) -> str:
    cmd = launch_command(_estimate(catalog, model, rig, **kw))
    assert cmd is not None
    return cmd


def _flags(line: str) -> list[str]:
    """The flags of one command line (without a trailing comment)."""
    return [t for t in line.partition("  #")[0].split() if t.startswith("-")]


# --- llama.cpp ---------------------------------------------------------------------------------

LLAMA: list[tuple[str, str, dict[str, Any], list[str], list[str]]] = [
    # model, rig, estimate options, must contain, must not contain
    ("qwen3-30b-a3b", "RTX 3090, 32GB RAM", {}, ["-ngl 99 ", "-c 8192", "-fa on"], ["--n-cpu-moe", "-ctk"]),
    (
        "gpt-oss-120b",
        "RTX 4090, 64GB DDR5",
        {},
        ["-ngl 99 --n-cpu-moe ", "ggml-org/gpt-oss-120b-GGUF:MXFP4"],
        [],
    ),
    (
        "llama-3.3-70b",
        "RTX 3090, 64GB RAM",
        {"quant": "Q4_K_M"},
        ["-ngl ", "-c 8192"],
        ["-ngl 99", "--n-cpu-moe"],
    ),
    ("llama-3.1-8b", "Ryzen 9 7950X, 64GB DDR5", {}, ["-ngl 0 "], ["-ngl 99"]),
    ("llama-3.3-70b", "RTX 3090 + RTX 3060 12GB, 64GB RAM", {"quant": "Q3_K_M"}, ["-ts "], ["-sm "]),
    (
        "qwen3-8b",
        "RTX 4060 Ti 16GB",
        {"kv_type": "q8_0", "context": 65536},
        ["-ctk q8_0 -ctv q8_0", "-fa on"],
        [],
    ),
    ("qwen3-32b", "2x RTX 3090", {"split_mode": "row"}, ["-sm row"], ["-ts "]),
    # identical GPUs split evenly: no -ts; a MoE whose expert-holding layers are planned unevenly: -ts
    ("qwen3-32b", "2x RTX 3090", {"quant": "Q8_0"}, ["-ngl 99"], ["-ts "]),
    ("glm-4.5-air", "2x RTX 3090, 128GB DDR5", {"quant": "Q4_K_M"}, ["--n-cpu-moe ", "-ts "], []),
    # past the config's 32,768 tokens the card's YaRN is switched on; within it, nothing is added
    (
        "qwen2.5-7b",
        "RTX 4060 Ti 16GB",
        {"context": 65536, "kv_type": "q8_0"},
        ["-c 65536", "--rope-scaling yarn --rope-scale 2 --yarn-orig-ctx 32768"],
        [],
    ),
    ("qwen2.5-7b", "RTX 4060 Ti 16GB", {"context": 32768}, ["-c 32768"], ["--rope-scaling"]),
    ("qwq-32b", "2x RTX 3090", {"context": 65536}, ["--rope-scale 2 --yarn-orig-ctx 32768"], []),
    # the factor covers the context asked, not the card's longest: 131,072 tokens take 4
    ("qwq-32b", "4x RTX 3090", {"context": 131072}, ["--rope-scale 4 --yarn-orig-ctx 32768"], []),
    # ROCm asked for on a card it runs only as a supported sibling: the override comes first
    ("qwen3-8b", "RX 6700 XT", {"backend": "rocm"}, ["HSA_OVERRIDE_GFX_VERSION=10.3.0 llama-server "], []),
    ("qwen3-8b", "RX 6700 XT", {}, [], ["HSA_OVERRIDE"]),
]


@pytest.mark.parametrize(("model", "rig", "kw", "has", "lacks"), LLAMA, ids=[f"{c[0]}@{c[1]}" for c in LLAMA])
def test_llama_server_lines_give_the_placement(
    catalog: Catalog, model: str, rig: str, kw: dict[str, Any], has: list[str], lacks: list[str]
) -> None:
    cmd = _command(catalog, model, rig, **kw)
    line = cmd.removeprefix("HSA_OVERRIDE_GFX_VERSION=10.3.0 ")
    assert line.startswith("llama-server ") and "\n" not in cmd
    assert re.search(r" (-hf \S+|-m \S.*?) -ngl ", cmd), cmd
    for part in has:
        assert part in cmd, (part, cmd)
    for part in lacks:
        assert part not in cmd.partition("  #")[0], (part, cmd)


def test_the_layer_split_names_each_gpus_layers(catalog: Catalog) -> None:
    e = _estimate(catalog, "llama-3.3-70b", "RTX 3090 + RTX 3060 12GB, 64GB RAM", quant="Q3_K_M")
    cmd = launch_command(e) or ""
    split = re.search(r"-ts (\d+),(\d+)", cmd)
    gpus = [d for d in e.memory.placement.devices if d.kind == "gpu"]
    assert split is not None and [int(x) for x in split.groups()] == [d.layers + d.holds_output for d in gpus]


def test_an_uneven_plan_over_identical_gpus_names_each_gpus_layers(catalog: Catalog) -> None:
    e = _estimate(catalog, "glm-4.5-air", "2x RTX 3090, 128GB DDR5", quant="Q4_K_M")
    split = re.search(r"-ts (\d+),(\d+)", launch_command(e) or "")
    gpus = [d for d in e.memory.placement.devices if d.kind == "gpu"]
    assert split is not None and [int(x) for x in split.groups()] == [d.layers + d.holds_output for d in gpus]
    assert abs(gpus[0].layers - gpus[1].layers) > 1


def test_rocm_is_refused_where_its_override_would_mistake_the_other_cards(catalog: Catalog) -> None:
    with pytest.raises(SizingError, match="HSA_OVERRIDE_GFX_VERSION"):
        _estimate(catalog, "qwen3-8b", "RX 7900 XTX + RX 6700 XT", backend="rocm")


def test_a_repo_named_in_a_command_is_one_the_repo_table_lists(catalog: Catalog) -> None:
    for model, rig, kw, _, _ in LLAMA:
        cmd = _command(catalog, model, rig, **kw)
        hf = re.search(r"-hf (\S+?):(\S+)", cmd)
        if hf is None:
            continue
        listed = {r.repo for r in default_repos().for_model(model) if r.kind == "gguf"}
        assert hf.group(1) in listed


@pytest.mark.parametrize(
    ("model", "repo"),
    [
        ("qwen3-30b-a3b", "unsloth/Qwen3-30B-A3B-GGUF"),  # only other publishers listed
        ("glm-4.5-air", "unsloth/GLM-4.5-Air-GGUF"),  # unsloth's repo listed
    ],
)
def test_an_unsloth_dynamic_quant_comes_from_an_unsloth_repo(catalog: Catalog, model: str, repo: str) -> None:
    cmd = _command(catalog, model, "2x RTX 3090, 128GB RAM", quant="UD-Q4_K_XL")
    hf = re.search(r"-hf (\S+?):(\S+)", cmd)
    assert hf is not None and hf.groups() == (repo, "UD-Q4_K_XL")


def test_a_model_without_a_known_gguf_takes_the_file_from_a_labelled_variable_not_a_guess(
    catalog: Catalog,
) -> None:
    cmd = _command(catalog, "dbrx", "4x RTX 3090", quant="Q4_K_M")
    first, run = cmd.split("\n")[:2]
    assert first.startswith("MODEL_FILE=") and "no public DBRX 132B Q4_K_M .gguf file is known" in first
    assert '-m "$MODEL_FILE"' in run and "-hf" not in cmd
    assert not PLACEHOLDER.search(run.partition("  #")[0])


# --- the other engines -------------------------------------------------------------------------

VLLM_FLAGS = {
    "--tensor-parallel-size",
    "--pipeline-parallel-size",
    "--max-model-len",
    "--kv-cache-dtype",
    "--quantization",
    "--gpu-memory-utilization",
    "--max-num-seqs",
    "--max-num-batched-tokens",
}
SGLANG_FLAGS = {
    "-m",
    "--model-path",
    "--tp",
    "--pipeline-parallel-size",
    "--context-length",
    "--kv-cache-dtype",
    "--quantization",
    "--mem-fraction-static",
}

ENGINES: list[tuple[str, str, dict[str, Any], list[str]]] = [
    # model, rig, estimate options, lines the command starts with (regex, one per line)
    (
        "qwen3-30b-a3b",
        "RTX 3090, 32GB RAM",
        {"engine": "ollama"},
        [r"OLLAMA_CONTEXT_LENGTH=8192 ollama serve$", r"ollama run qwen3:30b\b"],
    ),
    ("qwen3-8b", "RTX 4060 Ti 16GB", {"engine": "ollama", "context": 4096}, [r"ollama run qwen3:8b$"]),
    ("qwen3-14b", "RTX 4070 12GB", {"engine": "ollama", "context": 4096}, [r"ollama run qwen3:14b\b"]),
    (
        "qwen3-8b",
        "RTX 4060 Ti 16GB",
        {"engine": "ollama", "kv_type": "q8_0", "context": 32768},
        [
            r"OLLAMA_CONTEXT_LENGTH=32768 OLLAMA_FLASH_ATTENTION=1 OLLAMA_KV_CACHE_TYPE=q8_0 ollama serve$",
            r"ollama run ",
        ],
    ),
    (
        "qwen3-30b-a3b",
        "RTX 3090, 32GB RAM",
        {"engine": "lmstudio", "context": 32768},
        [
            r"lms get https://huggingface\.co/bartowski/Qwen_Qwen3-30B-A3B-GGUF@Q4_K_M -y$",
            # LM Studio loads it with flash attention off: beside the desktop's share of the card and
            # llama.cpp's 1 GiB margin the cache then needs it on
            r"lms load Qwen_Qwen3-30B-A3B --gpu max --context-length 32768 -y  # with Flash Attention on in "
            r"the model's load settings \(LM Studio loads it off\)$",
        ],
    ),
    (
        "qwen3-30b-a3b",
        "RTX 3090, 32GB RAM",
        {"engine": "lmstudio", "context": 32768, "kv_type": "q8_0"},
        [
            r"lms get ",
            # a quantized cache: the load settings LM Studio keeps off by default
            r"lms load \S+ --gpu max --context-length 32768 -y  # with K and V cache quantization at q8_0 "
            r"and Flash Attention on",
        ],
    ),
    (
        "llama-3.3-70b",
        "RTX 3090, 64GB RAM",
        {"engine": "lmstudio"},
        [r"lms get ", r"lms load \S+ --gpu 0\.\d\d --context-length 8192 -y"],
    ),
    (
        "qwen3-8b",
        "RTX 4090",
        {"engine": "vllm", "quant": "AWQ-INT4"},
        # no context asked: the config's 40,960 tokens, which the KV pool holds, need no flag
        [r"vllm serve Qwen/Qwen3-8B-AWQ$"],
    ),
    (
        "qwen3-8b",
        "RTX 4090",
        {"engine": "vllm", "quant": "FP8", "kv_type": "fp8"},
        [r"vllm serve Qwen/Qwen3-8B-FP8 .*--kv-cache-dtype fp8\b"],
    ),
    (
        "llama-3.3-70b",
        "DGX Spark",
        {"engine": "vllm", "quant": "FP8"},
        [r"vllm serve meta-llama/Llama-3\.3-70B-Instruct .*--quantization fp8"],
    ),
    (
        "llama-3-70b",
        "2x RTX 3090",
        {"engine": "vllm"},
        [
            r"# no AWQ-INT4 checkpoint of Llama 3 70B is listed here: .*https://huggingface\.co/models\?search=",
            r"MODEL=\$\(python3 -c .*HfApi\(\)\.list_models\(search='Meta-Llama-3-70B-Instruct-AWQ'",
            r'test -n "\$MODEL" \|\| echo "no match on the Hub',
            r'vllm serve "\$MODEL" .*--tensor-parallel-size 2',
        ],
    ),
    (
        "llama-3-70b",
        "2x RTX 3090",
        {"engine": "sglang"},
        [
            r"# no AWQ-INT4 checkpoint",
            r"MODEL=\$\(python3 -c ",
            r'test -n "\$MODEL" \|\| echo ',
            r'python -m sglang\.launch_server --model-path "\$MODEL" .*--tp 2',
        ],
    ),
    (
        "llama-3.3-70b",
        "DGX Spark",
        {"engine": "sglang", "quant": "NVFP4"},
        [r"python -m sglang\.launch_server --model-path nvidia/\S+ .*--quantization modelopt_fp4"],
    ),
    (
        "qwen3-8b",
        "RTX 4090",
        {"engine": "sglang", "quant": "FP8", "kv_type": "fp8"},
        [r"python -m sglang\.launch_server .*--kv-cache-dtype fp8_e5m2"],
    ),
    ("qwen3-8b", "M2 Max 64GB", {"engine": "mlx"}, [r"mlx_lm\.server --model mlx-community/Qwen3-8B-4bit$"]),
    (
        "deepseek-r1-distill-qwen-7b",
        "M2 Max 64GB",
        {"engine": "mlx", "quant": "MLX-8bit"},
        [r"mlx_lm\.server --model mlx-community/DeepSeek-R1-Distill-Qwen-7B-8bit$"],
    ),
    (
        "phi-4",
        "M4 Max 64GB",
        # at a context asked: without one, mlx_lm.server's uncapped cache adds the wired-limit line
        {"engine": "mlx", "quant": "MLX-8bit", "context": 8192},
        [
            r"mlx_lm\.convert --hf-path microsoft/phi-4 -q --q-bits 8 --mlx-path phi-4-8bit$",
            r"mlx_lm\.server --model phi-4-8bit$",
        ],
    ),
    (
        "qwen3-32b",
        "M4 Max 64GB",
        {"engine": "mlx", "quant": "MLX-8bit", "context": 8192},
        [r"mlx_lm\.server --model mlx-community/Qwen3-32B-8bit$"],
    ),
    (
        "qwen3-8b",
        "RTX 3090",
        {"engine": "exllama", "quant": "EXL3-4.0"},
        [
            r"MODEL_REPO=\S+  # no public EXL3 repo of Qwen3 8B is known here",
            r'python main\.py download "\$MODEL_REPO"$',
            r'python main\.py --model-name "\$\{MODEL_REPO#\*/\}" --max-seq-len 8192 --cache-mode FP16$',
        ],
    ),
    (
        "qwen2.5-vl-7b",
        "RTX 3090",
        {"engine": "exllama", "quant": "EXL3-4.0", "kv_type": "q8_0"},
        [
            r"python main\.py download turboderp/Qwen2\.5-VL-7B-Instruct-exl3 --revision 4\.0bpw$",
            r"python main\.py --model-name Qwen2\.5-VL-7B-Instruct-exl3 --max-seq-len 8192 --cache-mode Q8$",
        ],
    ),
]


@pytest.mark.parametrize(
    ("model", "rig", "kw", "lines"), ENGINES, ids=[f"{c[2]['engine']}-{c[0]}@{c[1]}" for c in ENGINES]
)
def test_each_engine_gets_its_own_command(
    catalog: Catalog, model: str, rig: str, kw: dict[str, Any], lines: list[str]
) -> None:
    cmd = _command(catalog, model, rig, **kw).split("\n")
    assert len(cmd) == len(lines), cmd
    for line, pattern in zip(cmd, lines, strict=True):
        assert re.match(pattern, line), (pattern, line)


SERVERS = [c[:3] for c in ENGINES if c[2]["engine"] in ("vllm", "sglang")]


@pytest.mark.parametrize(
    ("model", "rig", "kw"), SERVERS, ids=[f"{c[2]['engine']}-{c[0]}@{c[1]}" for c in SERVERS]
)
def test_gpu_servers_use_only_their_own_flags(
    catalog: Catalog, model: str, rig: str, kw: dict[str, Any]
) -> None:
    allowed = VLLM_FLAGS if kw["engine"] == "vllm" else SGLANG_FLAGS
    flags = set(_flags(_command(catalog, model, rig, **kw).split("\n")[-1]))  # the server line
    assert flags <= allowed, flags - allowed


SETTINGS_CASES: list[Case] = [
    ("llama-3.3-70b", "2x RTX 3090", {"engine": "vllm"}),
    ("llama-3.3-70b", "2x RTX 3090", {"engine": "sglang"}),
    ("qwen3-32b", "RTX 4090", {"engine": "vllm", "quant": "AWQ-INT4"}),
    ("qwen3-8b", "RTX 3090", {"engine": "vllm", "quant": "BF16-HF"}),
    ("gemma-3-27b", "2x RTX 3090", {"engine": "vllm"}),
    ("qwen3-30b-a3b", "RTX 3090, 32GB RAM", {"engine": "ollama"}),
    ("qwen3-8b", "RTX 3060 12GB", {"engine": "ollama", "kv_type": "q8_0"}),
    ("qwen3-8b", "RTX 3090", {"engine": "exllama", "quant": "EXL3-4.0", "context": 16384}),
]


@pytest.mark.parametrize(
    ("model", "rig", "kw"), SETTINGS_CASES, ids=[f"{c[2]['engine']}-{c[0]}" for c in SETTINGS_CASES]
)
def test_the_settings_that_make_a_fit_are_in_the_command(
    catalog: Catalog, model: str, rig: str, kw: dict[str, Any]
) -> None:
    e = _estimate(catalog, model, rig, **kw)
    cmd = launch_command(e) or ""
    for s in e.memory.placement.settings:
        name = s.flag.split()[0]
        if name in ("--max-model-len", "--context-length") and "context" not in kw:
            # no context asked: the server gets the longest its KV pool holds, at least the one sized
            said = re.search(rf"{name} (\d+)", cmd)
            assert said is None or int(said.group(1)) >= int(s.flag.split()[1]), (s.flag, cmd)
        elif s.flag.startswith(("--", "OLLAMA_")):
            assert s.flag in cmd, (s.flag, cmd)
        elif s.flag.startswith("max_seq_len "):
            assert "--max-seq-len " + s.flag.split()[1] in cmd


def test_nothing_to_run_gives_no_command(catalog: Catalog) -> None:
    e = _estimate(catalog, "deepseek-r1", "RTX 3060 12GB, 16GB RAM", quant="Q4_K_M")
    assert e.verdict == "no" and launch_command(e) is None


# --- a real llama-server ------------------------------------------------------------------------


def _server_binary() -> str | None:
    return os.environ.get("LLAMA_SERVER") or shutil.which("llama-server")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _runnable(cmd: str, model: Path, port: int) -> list[str]:
    """The printed line as argv, its model swapped for the local file (no downloads in tests), and
    without the environment settings it starts with (HSA_OVERRIDE_GFX_VERSION=10.3.0)."""
    tokens = cmd.partition("  #")[0].split()
    while tokens and re.fullmatch(r"[A-Z_]+=\S+", tokens[0]):
        tokens.pop(0)
    i = next(k for k, t in enumerate(tokens) if t in ("-hf", "-m"))
    end = i + 2
    while end < len(tokens) and not tokens[end].startswith("-"):
        end += 1  # a placeholder of several words
    return [*tokens[:i], "-m", str(model), *tokens[end:], "--host", "127.0.0.1", "--port", str(port)]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("gguf")
    from tests.tiny_gguf import write_tiny_llama

    return write_tiny_llama(tmp_path_factory.mktemp("gguf") / "tiny.gguf")


@pytest.mark.parametrize(("model", "rig", "kw", "has", "lacks"), LLAMA, ids=[f"{c[0]}@{c[1]}" for c in LLAMA])
def test_printed_llama_server_lines_start_a_real_server(
    catalog: Catalog,
    tiny_model: Path,
    tmp_path: Path,
    model: str,
    rig: str,
    kw: dict[str, Any],
    has: list[str],
    lacks: list[str],
) -> None:
    binary = _server_binary()
    if binary is None:
        pytest.skip("no llama-server binary (set LLAMA_SERVER or put llama-server on PATH)")
    argv = _runnable(_command(catalog, model, rig, **kw), tiny_model, _free_port())
    argv[0] = binary
    log = tmp_path / "server.log"
    with log.open("w") as out:
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and proc.poll() is None:
                if "listening on" in log.read_text(errors="replace"):
                    break
                time.sleep(0.2)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    text = log.read_text(errors="replace")
    assert "error: invalid argument" not in text and "unknown argument" not in text, text[-2000:]
    if "listening on" not in text:
        # a CPU-only build has no GPU for llama.cpp's tensor split: the flags parsed, the devices are absent
        assert "-sm tensor" in " ".join(argv) and "needs >= 1 devices" in text, text[-2000:]


def test_every_llama_server_flag_is_in_its_help(catalog: Catalog) -> None:
    binary = _server_binary()
    if binary is None:
        pytest.skip("no llama-server binary (set LLAMA_SERVER or put llama-server on PATH)")
    help_text = subprocess.run([binary, "--help"], capture_output=True, text=True, timeout=60).stdout
    known = set(re.findall(r"(?<![\w-])(--?[a-z][a-z0-9-]*)", help_text))
    for model, rig, kw, _, _ in LLAMA:
        flags = set(_flags(_command(catalog, model, rig, **kw)))
        assert flags <= known, flags - known


def test_vllm_defaults_to_the_context_of_the_models_config(catalog: Catalog) -> None:
    e = _estimate(catalog, "qwen2.5-32b", "RTX 4090", engine="vllm")
    reasons = " ".join(s.why for s in e.memory.placement.settings)
    assert "32,768 tokens of the model's config" in reasons


def test_a_context_past_the_config_says_yarn_must_be_switched_on(catalog: Catalog) -> None:
    e = _estimate(catalog, "qwen2.5-14b", "RTX 3090", context=65536)
    assert e.context == 65536
    assert any("needs YaRN switched on" in a for a in e.assumptions)
    within = _estimate(catalog, "qwen2.5-14b", "RTX 3090", context=32768)
    assert not any("YaRN" in a for a in within.assumptions)


@pytest.mark.parametrize(
    ("engine", "override"),
    [
        ("vllm", """--hf-overrides '{"rope_parameters": {"rope_type": "yarn", "factor": 2,"""),
        ("sglang", """--json-model-override-args '{"rope_scaling": {"rope_type": "yarn", "factor": 2,"""),
    ],
)
def test_a_serving_engine_past_the_config_context_gets_the_cards_yarn(
    catalog: Catalog, engine: str, override: str
) -> None:
    past = _command(catalog, "qwen2.5-32b", "2x RTX 3090", engine=engine, context=65536)
    within = _command(catalog, "qwen2.5-32b", "2x RTX 3090", engine=engine, context=16384)
    assert override in past and "rope" not in within
    if engine == "vllm":
        assert '"rope_theta": 1000000' in past


def test_a_release_whose_served_checkpoint_ships_its_context_gets_no_yarn(catalog: Catalog) -> None:
    cmd = _command(catalog, "qwen3-235b-a22b-instruct-2507", "4x RTX 3090, 256GB RAM", context=65536)
    assert "--rope-scaling" not in cmd


def test_the_first_release_past_its_config_context_gets_the_cards_yarn_in_llama_cpp(catalog: Catalog) -> None:
    cmd = _command(catalog, "qwen3-235b-a22b", "4x RTX 3090, 256GB RAM", context=65536)
    assert "--rope-scaling yarn --rope-scale 2 --yarn-orig-ctx 32768" in cmd
