"""Regenerate docs/examples: a Reddit reply and a Discord embed of each kind of answer, as the bots
write them (the Reddit reply through `canirun-bot reddit --preview`, the Discord embed through the
same service and renderer as the bot, and the memory chart of the estimate embed).

    .venv/bin/python scripts/examples.py

Runs on a fresh embedded store (no Redis, no config file), so every answer is computed now.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.answers import Answer, Structured  # noqa: E402
from bot.reddit import main as reddit_main  # noqa: E402
from bot.render.chart import memory_chart  # noqa: E402
from bot.render.discord import answer_embed  # noqa: E402
from bot.service import AnswerService  # noqa: E402
from bot.stores import MemoryStore  # noqa: E402

OUT = ROOT / "docs" / "examples"
# (file stem, the comment that summons the Reddit bot)
REDDIT = (
    ("reddit-reply", "u/canirun can my M2 Max 96GB run Qwen3 235B?"),
    ("reddit-requirements", "u/canirun how many 4090s for Qwen3 235B?"),
    ("reddit-capacity", "u/canirun what's the largest model I can run on 2x 3090 and 128GB RAM?"),
    ("reddit-compare", "u/canirun 3090 or 4090 for Qwen3 32B?"),
    ("reddit-purchase", "u/canirun best gpu under $1500 for coding?"),
)
# the slash command's fields of the estimate example, and questions of the other kinds
DISCORD_ESTIMATE = Structured(model="gpt-oss-120b", hardware="2x 3090, 64GB RAM", context=32768)
DISCORD = (
    ("discord-requirements", "what hardware do I need to run DeepSeek R1?"),
    ("discord-capacity", "what's the largest model I can run on an M4 Max 128GB?"),
    ("discord-compare", "is adding a second 3090 worth it for llama 3.3 70b?"),
    ("discord-purchase", "what rig should I get for roleplay, budget 1000 bucks"),
)


@contextlib.contextmanager
def _fresh_store() -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in ("CANIRUN_REDIS_URL", "CANIRUN_CONFIG", "CANIRUN_DATA_DIR")}
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.pop("CANIRUN_REDIS_URL", None)
        os.environ.pop("CANIRUN_CONFIG", None)
        os.environ["CANIRUN_DATA_DIR"] = tmp
        try:
            yield
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v


def _reddit(text: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = reddit_main(["--preview", text])
    if code != 0:
        raise SystemExit(f"the preview of {text!r} failed ({code})")
    return out.getvalue()


def _write(name: str, content: str) -> None:
    path = OUT / name
    path.write_text(content, encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}")


async def _answers() -> tuple[Answer, list[tuple[str, Answer]]]:
    service = AnswerService(MemoryStore())
    try:
        estimate = await service.ask_structured(DISCORD_ESTIMATE)
        others = [(name, await service.ask(text)) for name, text in DISCORD]
    finally:
        await service.close()
    return estimate, others


def main() -> None:
    with _fresh_store():
        for name, text in REDDIT:
            _write(f"{name}.md", _reddit(text))
        estimate, others = asyncio.run(_answers())
    embed = answer_embed(estimate, chart=True)
    _write("discord-embed.json", json.dumps(embed, indent=2, ensure_ascii=False) + "\n")
    png = memory_chart(estimate)
    if png is not None:
        (OUT / "discord-memory-chart.png").write_bytes(png)
        print("wrote docs/examples/discord-memory-chart.png")
    for name, answer in others:
        _write(f"{name}.json", json.dumps(answer_embed(answer), indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
