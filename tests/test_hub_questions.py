"""A question that names a Hugging Face repo the catalog lacks: the service reads it from the Hub
(here the local stand-in on 127.0.0.1) with the importer's code, keeps it as a provisional entry,
and answers with it; admins publish or drop it; when the Hub gives nothing, the name answers."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

from bot.admin import main as admin_main
from bot.answers import Answer, Structured
from bot.canirun_cli import main as cli_main
from bot.config import load_settings
from bot.hub_models import PROVISIONAL_NOTE
from bot.service import AnswerService
from tests.standins.files import TinyModel, write_gguf
from tests.standins.hf_hub import CONFIGS, TOKEN, HubRepo, HubStandIn

NEW = "someorg/New-Model-70B-Instruct"
NEW_ID = "new-model-70b-instruct"
SMOL = "HuggingFaceTB/SmolLM2-1.7B-Instruct"  # the stand-in serves it; the bundled catalog lacks it
GGUF_REPO = "someorg/Tiny-Hub-Test-GGUF"
GGUF_FILE = "Tiny-Hub-Test-Q4_K_M.gguf"
GGUF_URL = f"https://huggingface.co/{GGUF_REPO}/resolve/main/{GGUF_FILE}"

# https://huggingface.co/meta-llama/Llama-3.1-70B-Instruct/blob/main/config.json (the fields the
# importer reads), served under a made-up repo name: a model the catalog does not know by name
LLAMA_31_70B = {
    "architectures": ["LlamaForCausalLM"],
    "model_type": "llama",
    "hidden_size": 8192,
    "intermediate_size": 28672,
    "num_attention_heads": 64,
    "num_hidden_layers": 80,
    "num_key_value_heads": 8,
    "vocab_size": 128256,
    "max_position_embeddings": 131072,
    "rope_theta": 500000.0,
    "rms_norm_eps": 1e-05,
    "tie_word_embeddings": False,
    "attention_bias": False,
    "mlp_bias": False,
    "torch_dtype": "bfloat16",
}
LLAMA_31_70B_PARAMS = 70_553_706_496  # the sum of those shapes; the card says 70.6B


@pytest.fixture(scope="module")
def tiny_gguf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A GGUF whose header is ~1.9 MB (a long vocabulary) in a ~35 MB file."""
    path = tmp_path_factory.mktemp("hubgguf") / GGUF_FILE
    write_gguf(path, TinyModel(name="Tiny Hub Test", vocab=120_000, padding_mb=32))
    return path


@pytest.fixture
async def hub(env: Path, tiny_gguf: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[HubStandIn]:
    server = HubStandIn()
    server.repos[NEW] = HubRepo(LLAMA_31_70B)
    server.repos["someorg/Broken-Config-8B"] = HubRepo(
        {"architectures": ["LlamaForCausalLM"], "model_type": "llama"}
    )
    server.repos["someorg/Html-Config-8B"] = HubRepo({})  # config.json answers with an HTML page
    server.repos["someorg/Gated-Model-12B"] = HubRepo(LLAMA_31_70B, gated=True)
    server.repos["someorg/Slow-Model-7B"] = HubRepo(LLAMA_31_70B, delay_s=5.0)
    server.repos["someorg/Slowish-Model-3B"] = HubRepo(CONFIGS[SMOL], delay_s=0.3)
    server.repos[GGUF_REPO] = HubRepo({}, files={GGUF_FILE: tiny_gguf})
    monkeypatch.setenv("HF_ENDPOINT", await server.start())
    monkeypatch.setenv("CANIRUN_HUB__ENABLED", "true")
    monkeypatch.setenv("CANIRUN_HUB__ALLOW_PRIVATE", "true")  # the stand-in listens on 127.0.0.1
    yield server
    await server.stop()


@asynccontextmanager
async def service() -> AsyncIterator[AnswerService]:
    """The service a bot runs, from the settings (its own store handle, as a new process has)."""
    s = AnswerService.from_settings(load_settings())
    try:
        yield s
    finally:
        await s.close()


def requests_for(hub: HubStandIn, repo: str) -> list[str]:
    return [r.path for r in hub.requests if f"/{repo}/" in r.path or r.path.endswith(f"/{repo}")]


def notes(answer: Answer) -> list[str]:
    assert answer.kind == "estimate", (answer.kind, answer.message)
    return list(answer.options[0].assumptions)


async def admin(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any]:
    code = await asyncio.to_thread(admin_main, [*argv, "--json"])
    return code, json.loads(capsys.readouterr().out)


# --- read, kept, answered ------------------------------------------------------------------------


async def test_a_repo_the_catalog_lacks_is_answered_from_its_config(store_kind: str, hub: HubStandIn) -> None:
    async with service() as s:
        answer = await s.ask(f"can I run {NEW} on 2x RTX 3090 with 64GB RAM?")
    assert answer.question.models[0].id == NEW_ID
    assert any(PROVISIONAL_NOTE in n and NEW in n for n in notes(answer))
    assert requests_for(hub, NEW).count(f"/{NEW}/resolve/main/config.json") == 1
    weights = answer.options[0].memory.weights_gb
    assert weights == pytest.approx(LLAMA_31_70B_PARAMS * 4.85 / 8 / 1e9, rel=0.1)  # ~4.85 bits at Q4_K_M


async def test_the_entry_is_kept_and_a_second_question_does_not_read_the_hub(
    store_kind: str, hub: HubStandIn
) -> None:
    async with service() as s:
        await s.ask(f"can I run {NEW} on 2x RTX 3090?")
    seen = len(hub.requests)
    async with service() as s:  # a new process: nothing in memory, the store remembers
        answer = await s.ask(f"{NEW} on 4x RTX 4090 with 128GB RAM")
    assert len(hub.requests) == seen
    assert answer.question.models[0].id == NEW_ID and any(PROVISIONAL_NOTE in n for n in notes(answer))


async def test_a_gguf_url_is_read_by_range_requests(hub: HubStandIn, tiny_gguf: Path) -> None:
    async with service() as s:
        answer = await s.ask(f"can I run {GGUF_URL} on an RTX 3060 12GB?")
    assert answer.question.models[0].id == "tiny-hub-test"
    assert answer.options[0].quant == "Q4_K_M" and any(PROVISIONAL_NOTE in n for n in notes(answer))
    reads = [r for r in hub.requests if r.path.endswith(GGUF_FILE)]
    assert reads and all(r.range is not None and r.range.startswith("bytes=") for r in reads)
    assert 1 << 20 < hub.bytes_served < tiny_gguf.stat().st_size / 10  # the header, not the tensors


async def test_a_gguf_repo_read_from_the_hub_is_the_one_the_command_downloads(
    hub: HubStandIn, tiny_gguf: Path
) -> None:
    async with service() as s:
        answer = await s.ask(f"can I run {GGUF_URL} on an RTX 3060 12GB?")
    assert f"-hf {GGUF_REPO}:Q4_K_M" in (answer.options[0].command or "")


async def test_a_gguf_repo_the_hub_cannot_give_is_still_the_one_the_command_downloads(
    hub: HubStandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")  # nothing listens there
    repo = "someorg/Unseen-Model-70B-GGUF"
    async with service() as s:
        answer = await s.ask(f"can I run {repo} on 2x RTX 3090?")
    assert answer.question.models[0].id == "generic-70b"
    assert f"-hf {repo}:" in (answer.options[0].command or "")


async def test_a_repo_named_in_fields_is_read_too(hub: HubStandIn) -> None:
    async with service() as s:
        answer = await s.ask_structured(Structured(model=NEW, hardware="2x RTX 3090"))
    assert answer.question.models[0].id == NEW_ID and any(PROVISIONAL_NOTE in n for n in notes(answer))


async def test_one_read_per_repo_however_many_ask_at_once(hub: HubStandIn) -> None:
    repo = "someorg/Slowish-Model-3B"
    rigs = ["RTX 3060", "RTX 3090", "RTX 4090", "RTX 4060 Ti 16GB", "RTX 3080"]
    async with service() as s:
        answers = await asyncio.gather(*(s.ask(f"{repo} on an {rig}") for rig in rigs))
    assert requests_for(hub, repo).count(f"/{repo}/resolve/main/config.json") == 1
    assert all(any(PROVISIONAL_NOTE in n for n in notes(a)) for a in answers)


# --- when the Hub gives nothing: the name answers, with a note -----------------------------------


@pytest.mark.parametrize(
    ("repo", "said", "model_id"),
    [
        ("someorg/Missing-Model-13B", "no such repo", "generic-13b"),
        ("someorg/Broken-Config-8B", "not a model the catalog can describe", "generic-8b"),
        ("someorg/Html-Config-8B", "not valid JSON", "generic-8b"),
        ("someorg/Gated-Model-12B", "is gated", "generic-12b"),
    ],
    ids=["404", "garbage config", "not json", "gated"],
)
async def test_a_hub_without_a_usable_config_leaves_the_name(
    hub: HubStandIn, repo: str, said: str, model_id: str
) -> None:
    async with service() as s:
        answer = await s.ask(f"can I run {repo} on an RTX 4090?")
    assert answer.question.models[0].id == model_id
    (note,) = [n for n in notes(answer) if repo in n]
    assert "the Hub could not be read" in note and said in note and "family and size" in note


async def test_a_hub_that_is_down_leaves_the_name(hub: HubStandIn, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")  # nothing listens there
    async with service() as s:
        answer = await s.ask(f"can I run {NEW} on 2x RTX 3090?")
    assert answer.question.models[0].id == "generic-70b"
    assert any("the Hub could not be read" in n and "cannot reach" in n for n in notes(answer))


async def test_a_slow_hub_is_given_up_on_within_the_timeout(
    hub: HubStandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CANIRUN_HUB__TIMEOUT_S", "0.5")
    gaps: list[float] = []

    async def ticker() -> None:
        last = time.monotonic()
        while True:
            await asyncio.sleep(0.02)
            now = time.monotonic()
            gaps.append(now - last)
            last = now

    async with service() as s:
        await s.catalog()  # load the catalog first: only the Hub's wait is timed
        tick = asyncio.create_task(ticker())
        started = time.monotonic()
        answer = await s.ask("can I run someorg/Slow-Model-7B on an RTX 4090?")
        took = time.monotonic() - started
        tick.cancel()
    assert took < 3.0  # the stand-in answers after 5 s
    assert answer.question.models[0].id == "generic-7b"
    assert any("could not be read" in n and ("0.5s" in n) for n in notes(answer))
    assert max(gaps) < 1.0  # the event loop kept running while the Hub was waited for


async def test_a_question_never_sends_the_admins_token(
    hub: HubStandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_TOKEN", TOKEN)  # what `catalog import-hf` would use for a gated repo
    async with service() as s:
        answer = await s.ask("can I run someorg/Gated-Model-12B on an RTX 4090?")
    assert hub.requests and not any(r.token for r in hub.requests)
    assert any("is gated" in n for n in notes(answer))


async def test_a_miss_is_remembered(hub: HubStandIn) -> None:
    repo = "someorg/Missing-Model-13B"
    async with service() as s:
        await s.ask(f"{repo} on an RTX 4090")
        answer = await s.ask(f"{repo} on 2x RTX 3090")
    assert len(requests_for(hub, repo)) == 1
    assert any("no such repo" in n for n in notes(answer))


async def test_reads_are_limited_per_user(hub: HubStandIn, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CANIRUN_HUB__PER_USER__BURST", "1")
    monkeypatch.setenv("CANIRUN_HUB__PER_USER__PER_MINUTE", "0.1")
    other = "someorg/Other-Model-9B-Chat"
    async with service() as s:
        await s.ask(f"{NEW} on 2x RTX 3090", who=("discord", "u1"))
        limited = await s.ask(f"{other} on an RTX 4090", who=("discord", "u1"))
        assert requests_for(hub, other) == []
        assert any("too many new repos" in n for n in notes(limited))
        await s.ask(f"{other} on an RTX 4090", who=("discord", "u2"))
    assert len(requests_for(hub, other)) == 1


async def test_a_hub_on_a_private_address_is_refused(
    hub: HubStandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CANIRUN_HUB__ALLOW_PRIVATE")
    async with service() as s:
        answer = await s.ask(f"can I run {NEW} on 2x RTX 3090?")
    assert hub.requests == []
    assert answer.question.models[0].id == "generic-70b"
    assert any("not a public address" in n for n in notes(answer))


# --- the CLI -------------------------------------------------------------------------------------


async def test_the_cli_reads_the_hub_and_offline_does_not(
    hub: HubStandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    code = await asyncio.to_thread(cli_main, ["ask", f"{NEW} on 2x RTX 3090", "--json"])
    online = json.loads(capsys.readouterr().out)
    assert code == 0 and online["question"]["models"][0]["id"] == NEW_ID
    assert any(PROVISIONAL_NOTE in n for n in online["options"][0]["assumptions"])
    seen = len(hub.requests)
    code = await asyncio.to_thread(
        cli_main, ["ask", "someorg/Missing-Model-13B on a 4090", "--offline", "--json"]
    )
    offline = json.loads(capsys.readouterr().out)
    assert code == 0 and len(hub.requests) == seen
    assert offline["question"]["models"][0]["id"] == "generic-13b"
    assert any("not read from the Hub (offline)" in n for n in offline["options"][0]["assumptions"])


# --- admins: list, publish, drop -----------------------------------------------------------------


async def test_admins_list_and_publish_a_provisional_entry(
    store_kind: str, hub: HubStandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    async with service() as s:
        await s.ask(f"{NEW} on 2x RTX 3090")
    code, listed = await admin(capsys, "catalog", "provisional", "list")
    assert code == 0 and listed["count"] == 1
    (row,) = listed["entries"]
    assert (row["key"], row["repo"], row["id"]) == (NEW.lower(), NEW, NEW_ID)
    assert row["params_b"] * 1e9 == pytest.approx(LLAMA_31_70B_PARAMS, rel=0.01)
    code, published = await admin(capsys, "catalog", "provisional", "publish", NEW)
    assert code == 0 and published["version"] == 1 and published["change"]["set"] == [NEW_ID]
    code, listed = await admin(capsys, "catalog", "provisional", "list")
    assert listed["count"] == 0
    seen = len(hub.requests)
    async with service() as s:
        answer = await s.ask(f"{NEW} on 4x RTX 4090")
    assert answer.catalog_version.startswith("live1-") and answer.question.models[0].id == NEW_ID
    assert not any(PROVISIONAL_NOTE in n for n in notes(answer)) and len(hub.requests) == seen


async def test_admins_drop_a_provisional_entry(
    store_kind: str, hub: HubStandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    async with service() as s:
        await s.ask(f"{SMOL} on an RTX 3060")
    code, dropped = await admin(capsys, "catalog", "provisional", "drop", SMOL)
    assert code == 0 and dropped["dropped"]
    code, listed = await admin(capsys, "catalog", "provisional", "list")
    assert listed["count"] == 0
    seen = len(hub.requests)
    async with service() as s:
        answer = await s.ask(f"{SMOL} on an RTX 3060")
    assert len(hub.requests) == seen  # not read again
    assert answer.question.models[0].id != "smollm2-1.7b-instruct"
    assert any("dropped by an admin" in n for n in notes(answer))


async def test_admin_errors_are_messages(hub: HubStandIn, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = await admin(capsys, "catalog", "provisional", "publish", "nobody/Nothing-1B")
    assert code == 1 and "no provisional entry" in out["error"]
    code, out = await admin(capsys, "catalog", "provisional", "drop", "nobody/Nothing-1B")
    assert code == 1 and "provisional list" in out["hint"]
