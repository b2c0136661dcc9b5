"""The `--json` output of the `canirun` commands for a fixed set of requests, as golden files.

The JSON contracts only ever gain keys; a change to how an existing key is written is a break. The
golden file holds the exact stdout of each request, so a refactor that changes one byte of it
fails `tests/test_contract_golden.py`. When the numbers change on purpose (new data, a better
estimator), regenerate and review the diff:

    python -m tests.golden        # rewrites tests/data/golden/cli.jsonl
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from bot.answers import Answer, answer_from_json
from sizing import HardwareContract

GOLDEN = Path(__file__).resolve().parent / "data" / "golden" / "cli.jsonl"
RENDERS = Path(__file__).resolve().parent / "data" / "golden" / "renders.jsonl"

# (argv without --json): every command that has a JSON contract, every answer kind, every verdict
REQUESTS: tuple[tuple[str, ...], ...] = (
    ("parse", "2x 3090, 64GB RAM"),
    ("parse", "M2 Max 96GB"),
    ("parse", "我有一张4090和64G内存"),
    ("parse", "Ryzen 9 7950X with 128GB DDR5-6000"),
    ("parse", "a laptop with a 4060 and 16gb"),
    ("parse", "nothing to see here"),
    ("estimate", "--hardware", "RTX 4090", "--model", "qwen3 8b", "--quant", "Q4_K_M", "--context", "16k"),
    ("estimate", "--hardware", "2x RTX 3090, 64GB RAM", "--model", "llama 3.3 70b"),
    ("estimate", "--hardware", "M2 Max 96GB", "--model", "qwen3 32b", "--engine", "mlx"),
    ("estimate", "--hardware", "RTX 3060 12GB, 64GB DDR4", "--model", "gpt-oss-120b"),
    ("estimate", "--hardware", "2x RTX 4090", "--model", "qwen3 32b", "--engine", "vllm"),
    ("estimate", "--hardware", "RTX 3060 12GB, 16GB RAM", "--model", "deepseek r1"),
    ("estimate", "--hardware", "Ryzen 9 7950X, 64GB DDR5", "--model", "llama 3.1 8b", "--kv-type", "q8_0"),
    ("estimate", "--hardware", "RTX 4090", "--model", "zorblax 9000"),
    ("ask", "can I run qwen3 235b on 2x3090 and 128gb ram?"),
    ("ask", "gpt-oss-120b on a 4090 + 64gb ddr5 at 32k context, how fast?"),
    ("ask", "can my M2 Max 64GB run llama 3.3 70b or qwen3 32b?"),
    ("ask", "will a 200B dense model fit on 4 H100s"),
    ("ask", "best coding model for an M2 Max 64GB"),
    ("ask", "what can my RTX 3060 do?"),
    ("ask", "can I run qwen3 30b?"),
    ("ask", "qwen3 30b on a 3090 or a 7900 xtx?"),
    ("ask", "can I run zorblax 9000 on a 4090?"),
    ("ask", "deepseek r1 on a GTX 1060 6GB and 8GB RAM"),
    ("ask", "x" * 5000),
    ("ask", "how many 4090s for Qwen3 235B?"),
    ("ask", "what hardware do I need to run DeepSeek R1?"),
    ("ask", "how many H100s would a 700B MoE need at FP8?"),
    (
        "ask",
        "OpenAI's open model: 200 to 700 billion parameters, dense or MoE? Will it need H100s? "
        "Could a Q4 version run on consumer hardware?",
    ),
    ("ask", "OpenAI's model might be 200-700B, dense or MoE. Could it run on my 4x 3090 + 512GB?"),
    ("ask", "what's the largest model I can run on 2x 3090 and 128GB RAM?"),
    ("ask", "largest model for my Mac mini M4 Pro 64GB that still gives 20 tok/s?"),
    ("ask", "3090 or 4090 for Qwen3 32B?"),
    ("ask", "deepseek r1 or kimi k2 on my rig? 4x 3090, 512gb ddr4"),
    ("ask", "is adding a second 3090 worth it for llama 3.3 70b?"),
    ("ask", "a second 3090 or more ram for glm 4.5 air? I have a 3090 and 32gb ram"),
    ("ask", "what should I buy under $2000 to run gpt-oss-120b?"),
    ("ask", "best gpu under $1500 for coding?"),
    ("ask", "phi-4 on my raspberry pi 5 8gb?"),
    ("ask", "what about 1000 H100s for a 1B model?"),
    ("best", "--hardware", "M2 Max 64GB", "--task", "code"),
    ("best", "--hardware", "RTX 4090, 64GB DDR5", "--context", "32k", "--min-tps", "20"),
    ("best", "--hardware", "GTX 1050 2GB"),
    ("models", "--search", "qwen3"),
    ("devices", "--search", "4090"),
    ("devices", "--search", "m2 max"),
)


@contextlib.contextmanager
def _isolated() -> Iterator[None]:
    """A fresh embedded store and no config file: every request is a cache miss."""
    saved = {k: os.environ.get(k) for k in ("CANIRUN_REDIS_URL", "CANIRUN_CONFIG", "CANIRUN_DATA_DIR")}
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.pop("CANIRUN_REDIS_URL", None)
        os.environ.pop("CANIRUN_CONFIG", None)
        os.environ["CANIRUN_DATA_DIR"] = str(Path(tmp) / "data")
        os.chdir(tmp)
        try:
            yield
        finally:
            os.chdir(cwd)
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v


def run(argv: tuple[str, ...], *, as_json: bool = True) -> dict[str, object]:
    """One request through the CLI's `main`: its exit code and its exact stdout (the terminal
    rendering 120 columns wide without `as_json`)."""
    from bot.canirun_cli import main

    out = io.StringIO()
    columns = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "120"
    try:
        with _isolated(), contextlib.redirect_stdout(out):
            code = main([*argv, "--json"] if as_json else list(argv))
    finally:
        if columns is None:
            os.environ.pop("COLUMNS", None)
        else:
            os.environ["COLUMNS"] = columns
    return {"argv": list(argv), "exit": code, "stdout": out.getvalue()}


def render(argv: tuple[str, ...]) -> dict[str, object]:
    """A request as each frontend writes it: the terminal's text; for answers (`ask`, `best`) also
    the Reddit comment and the Discord embed; for rigs (`parse`) the Discord rig embed."""
    from bot.render.discord import answer_embed, rig_embed
    from bot.render.reddit import render_reddit

    row: dict[str, object] = {"argv": list(argv), "terminal": run(argv, as_json=False)["stdout"]}
    if argv[0] in ("ask", "best"):
        a = answer(argv)
        row["reddit"] = render_reddit(a)
        row["discord"] = answer_embed(a, chart=True)
    if argv[0] == "parse":
        stdout = run(argv)["stdout"]
        assert isinstance(stdout, str)
        row["discord"] = rig_embed(HardwareContract.model_validate_json(stdout), argv[1], saved=True)
    return row


def answer(argv: tuple[str, ...]) -> Answer:
    """The Answer an `ask` or `best` request gives."""
    stdout = run(argv)["stdout"]
    assert isinstance(stdout, str)
    return answer_from_json(stdout)


def load(path: Path = GOLDEN) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _write(path: Path, rows: list[dict[str, object]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"wrote {len(rows)} rows to {path}")


def regenerate() -> None:
    _write(GOLDEN, [run(argv) for argv in REQUESTS])
    _write(RENDERS, [render(argv) for argv in REQUESTS])


if __name__ == "__main__":
    regenerate()
