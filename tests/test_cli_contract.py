"""The `canirun` CLI's JSON contracts (docs/ARCHITECTURE.md): shapes, errors, exit codes and --batch."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.canirun_cli import main


@pytest.fixture(autouse=True)
def _embedded_store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CANIRUN_REDIS_URL", raising=False)
    monkeypatch.delenv("CANIRUN_CONFIG", raising=False)
    monkeypatch.setenv("CANIRUN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:
    code = main([*argv, "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_parse_json_has_the_contract_keys(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run_json(capsys, "parse", "2x 3090, 64GB RAM")
    assert code == 0
    assert {"gpus", "unified_memory_gb", "soc", "ram_gb", "cpu", "assumptions"} <= out.keys()
    (gpu,) = out["gpus"]
    assert (gpu["name"], gpu["count"], gpu["vram_gb"]) == ("NVIDIA GeForce RTX 3090", 2, 24.0)
    assert out["ram_gb"] == 64.0


def test_estimate_json_has_the_contract_keys(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run_json(
        capsys,
        "estimate",
        "--hardware",
        "RTX 4090",
        "--model",
        "qwen3 8b",
        "--quant",
        "Q4_K_M",
        "--context",
        "16k",
    )
    assert code == 0
    assert {
        "model",
        "quant",
        "context",
        "engine",
        "backend",
        "memory",
        "placement",
        "speed",
        "assumptions",
    } <= (out.keys())
    assert out["quant"] == "Q4_K_M" and out["context"] == 16384 and out["engine"] == "llama.cpp"
    assert {"weights_gb", "kv_cache_gb", "overhead_gb", "total_gb"} <= out["memory"].keys()
    assert out["placement"]["verdict"] in ("gpu", "partial", "cpu", "no")
    assert {"decode_tps", "prefill_tps", "decode_tps_range"} <= out["speed"].keys()


def test_ask_json_has_the_contract_keys(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run_json(capsys, "ask", "can I run qwen3 235b on 2x3090 and 128gb ram?")
    assert code == 0
    assert {"models", "hardware", "context", "missing"} <= out["question"].keys()
    assert out["question"]["models"][0]["id"].startswith("qwen3-235b")
    assert out["options"] and out["verdict"] and out["cached"] is False


def test_ask_without_a_model_names_what_is_missing(capsys: pytest.CaptureFixture[str]) -> None:
    _code, out = run_json(capsys, "ask", "what can my RTX 3060 do?")
    assert out["question"]["missing"] == ["model"] and out["kind"] == "clarify"


def test_best_json_lists_models_best_first(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run_json(capsys, "best", "--hardware", "M2 Max 64GB", "--task", "code")
    assert code == 0 and out["kind"] == "best" and len(out["options"]) >= 3


def test_an_unknown_model_is_exit_2_with_error_and_hint(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run_json(capsys, "estimate", "--hardware", "RTX 4090", "--model", "zorblax 9000")
    assert code == 2 and set(out) == {"error", "hint"} and out["error"]


def test_missing_hardware_is_exit_2_with_a_hint(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run_json(capsys, "estimate", "--model", "qwen3 8b")
    assert code == 2 and out["hint"]


def test_batch_answers_each_line_in_order_and_reports_bad_lines(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    batch = tmp_path / "in.jsonl"
    batch.write_text(
        '{"hardware": "RTX 3060 12GB", "model": "llama 3.1 8b", "context": 8192}\n'
        "this is not json\n"
        '{"hardware": "RTX 4090", "model": "zorblax"}\n'
        '{"hardware": "M2 Max 96GB", "model": "qwen3 32b"}\n',
        encoding="utf-8",
    )
    assert main(["estimate", "--batch", str(batch)]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert len(lines) == 4
    assert lines[0]["model"]["id"] == "llama-3.1-8b"
    assert "error" in lines[1] and "error" in lines[2]
    assert lines[3]["model"]["id"] == "qwen3-32b"


def test_a_batch_gives_one_line_per_line_and_every_error_its_number(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    batch = tmp_path / "in.jsonl"
    batch.write_text(
        '{"text": "2x 3090"}\n\n{"text": 5}\n{"text": "M3 Max 128GB", "bogus": 1}\n[1]\n'
        '{"text": "RTX 4090"}\n',
        encoding="utf-8",
    )
    assert main(["parse", "--batch", str(batch)]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert len(lines) == 6  # six in, six out: the empty line has its own
    errors = {i + 1: x for i, x in enumerate(lines) if "error" in x}
    assert sorted(errors) == [2, 3, 4, 5]
    assert all(x["line"] == n and x["error"].startswith(f"line {n}: ") for n, x in errors.items())
    assert "'text' must be text" in errors[3]["error"] and "unknown key 'bogus'" in errors[4]["error"]
    assert "text" in errors[4]["hint"] and lines[5]["gpus"][0]["count"] == 1


def test_parse_batch_takes_text_fields(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    batch = tmp_path / "in.jsonl"
    batch.write_text('{"text": "2x 3090"}\n{"text": "M3 Max 128GB"}\n', encoding="utf-8")
    main(["parse", "--batch", str(batch)])
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert lines[0]["gpus"][0]["count"] == 2 and lines[1]["unified_memory_gb"] == 128


def test_a_bad_config_file_is_a_clean_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("cache_ttl_s: forever\n")
    monkeypatch.setenv("CANIRUN_CONFIG", str(bad))
    code, out = run_json(capsys, "ask", "qwen3 8b on a 4090?")
    assert code == 2 and "cache_ttl_s" in out["error"]


def test_ask_still_answers_when_redis_is_unreachable(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.redis_server import free_port

    monkeypatch.setenv("CANIRUN_REDIS_URL", f"redis://127.0.0.1:{free_port()}/0")
    code, out = run_json(capsys, "ask", "qwen3 8b on a 4090?")
    assert code == 0 and out["kind"] == "estimate" and out["cached"] is False


def test_a_batch_opens_one_service_for_all_its_lines(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import bot.canirun_cli as cli

    opened: list[object] = []
    real = cli.local_service

    def counting() -> object:
        opened.append(object())
        return real()

    monkeypatch.setattr(cli, "local_service", counting)
    lines = ['{"text": "qwen3 8b on a 3060 12gb"}', '{"text": "qwen3 4b on a 3060 12gb"}', '{"oops": 1}'] * 3
    batch = tmp_path / "asks.jsonl"
    batch.write_text("\n".join(lines) + "\n")
    assert main(["ask", "--batch", str(batch)]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(out) == len(lines)
    assert len(opened) == 1
