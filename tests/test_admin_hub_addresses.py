"""`catalog import-hf` takes a Hub repo pasted as any of its pages ('.../tree/main',
'.../blob/main/config.json'), and the entry it drafts cites the public Hub, whichever mirror
(HF_ENDPOINT) the files were read from."""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.admin import main
from tests.standins.hf_hub import HubStandIn

REPO = "allenai/OLMoE-1B-7B-0125-Instruct"


@pytest.fixture
async def hub(env: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[HubStandIn]:
    server = HubStandIn()
    monkeypatch.setenv("HF_ENDPOINT", await server.start())
    yield server
    await server.stop()


async def _import(capsys: pytest.CaptureFixture[str], source: str) -> tuple[int, Any]:
    argv = ["catalog", "import-hf", source, "--no-stage", "--allow-private", "--json"]
    code = await asyncio.to_thread(main, argv)
    return code, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(
    "page",
    [
        f"https://huggingface.co/{REPO}/tree/main",
        f"https://huggingface.co/{REPO}/tree/main/",
        f"https://huggingface.co/{REPO}/blob/main/config.json",
        f"https://huggingface.co/{REPO}/resolve/main/config.json?download=true",
        "{mirror}/" + REPO + "/tree/main",
    ],
)
async def test_a_repo_page_is_imported_as_its_repo(
    hub: HubStandIn, capsys: pytest.CaptureFixture[str], page: str
) -> None:
    code, out = await _import(capsys, page.format(mirror=os.environ["HF_ENDPOINT"]))
    assert code == 0, out
    assert out["hf_repo"] == REPO


async def test_the_entry_cites_the_public_hub_not_the_mirror(
    hub: HubStandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = await _import(capsys, REPO)
    assert code == 0, out
    assert out["sources"] and all(s.startswith("https://huggingface.co/") for s in out["sources"])
    assert not any(os.environ["HF_ENDPOINT"] in s for s in out["sources"])


@pytest.mark.parametrize("text", [f"{REPO}/tree/main", "https://huggingface.co/allenai"])
async def test_what_is_no_repo_is_refused(
    hub: HubStandIn, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    code, out = await _import(capsys, text)
    assert code == 2 and "not a repo id" in json.dumps(out)
