"""`catalog import-hf` against a stand-in hub and `catalog import-gguf URL` against local file servers."""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.admin import main, merge_import
from bot.answers import Structured
from bot.catalog_live import LiveCatalog
from bot.config import load_settings
from bot.service import AnswerService
from bot.stores import store_from_settings
from sizing import estimate, parse_hardware
from tests.standins.files import FileServer, TinyModel, write_gguf
from tests.standins.hf_hub import TOKEN, TRUE_PARAMS, HubStandIn

SMOL = "HuggingFaceTB/SmolLM2-1.7B-Instruct"


@pytest.fixture
async def hub(env: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[HubStandIn]:
    server = HubStandIn()
    monkeypatch.setenv("HF_ENDPOINT", await server.start())
    yield server
    await server.stop()


async def admin(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any]:
    """Run the CLI in a worker thread (it runs its own event loop), as a shell would. The stand-ins
    listen on 127.0.0.1, so imports are told they may fetch from a private address."""
    private = ["--allow-private"] if argv[1:2] in (("import-hf",), ("import-gguf",)) else []
    code = await asyncio.to_thread(main, [*argv, *private, "--json"])
    return code, json.loads(capsys.readouterr().out)


async def test_a_model_the_catalog_lacks_is_imported_published_and_answered(
    store_kind: str, hub: HubStandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = await admin(capsys, "catalog", "import-hf", SMOL)
    assert code == 0, out
    assert out["id"] == "smollm2-1.7b-instruct" and out["replaces"] is None
    assert out["total_params_b"] * 1e9 == pytest.approx(TRUE_PARAMS[SMOL], rel=0.02)
    assert out["params_source"] == "model.safetensors header" and hub.bytes_served < 100_000
    code, pub = await admin(capsys, "catalog", "publish")
    assert code == 0 and pub["version"] == 1

    store = store_from_settings(load_settings())
    live = LiveCatalog(store, poll_s=0.1)
    service = AnswerService(store, catalog=live.get)
    try:
        answer = await service.ask_structured(
            Structured(model="SmolLM2-1.7B-Instruct", hardware="RTX 3060 12GB")
        )
        spec = (await live.get()).by_id["smollm2-1.7b-instruct"]
    finally:
        await live.close()
        await service.close()
    assert answer.kind == "estimate" and answer.question.models[0].id == "smollm2-1.7b-instruct"
    assert answer.catalog_version.startswith("live1-")
    assert estimate(spec, parse_hardware("RTX 3060 12GB"), quant="Q4_K_M").verdict == "gpu"


async def test_an_exact_count_from_the_safetensors_index(
    hub: HubStandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = await admin(capsys, "catalog", "import-hf", "allenai/OLMoE-1B-7B-0125-Instruct", "--no-stage")
    assert code == 0, out
    assert out["params_source"] == "model.safetensors.index.json"
    assert out["total_params_b"] * 1e9 == pytest.approx(
        TRUE_PARAMS["allenai/OLMoE-1B-7B-0125-Instruct"], rel=1e-5
    )
    assert out["moe"]["experts"] == 64 and not out["staged"]


async def test_a_known_model_keeps_its_id_and_name(
    hub: HubStandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = await admin(capsys, "catalog", "import-hf", "Qwen/Qwen3-30B-A3B")
    assert code == 0, out
    assert (out["id"], out["name"], out["replaces"]) == ("qwen3-30b-a3b", "Qwen3 30B A3B", "qwen3-30b-a3b")
    assert out["params_source"] == "hub API safetensors total" and out["total_params_b"] == 30.5321
    code, diff = await admin(capsys, "catalog", "diff")
    assert [r["id"] for r in diff["replaced"]] == ["qwen3-30b-a3b"] and not diff["added"]


async def test_a_re_import_keeps_what_config_json_does_not_carry(
    hub: HubStandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    # Qwen3 30B A3B ships a 40,960-token config; the entry's 131,072 is the card's (YaRN from
    # 32,768), and its ffn is the config's unused dense width: none of it may go
    code, out = await admin(capsys, "catalog", "import-hf", "Qwen/Qwen3-30B-A3B")
    assert code == 0, out
    assert (out["max_context"], out["config_context"], out["yarn_original_context"]) == (131072, 40960, 32768)
    assert out["rope_theta"] == 1e6 and out["ffn"] == 6144
    told = " ".join(out["warnings"])
    assert "kept the entry's ffn" in told and "params_b 30.5 -> 30.5321" in told
    code, diff = await admin(capsys, "catalog", "diff")
    changes = diff["replaced"][0]["changes"]
    assert changes["params_b"] == [30.5, 30.5321]  # what did change is in the diff, field by field
    assert not {"max_context", "config_context", "yarn_original_context", "rope_theta", "ffn"} & set(changes)
    # a second and third import change nothing more: the notes say once where the shapes came from
    for _ in range(2):
        code, again = await admin(capsys, "catalog", "import-hf", "Qwen/Qwen3-30B-A3B")
        assert code == 0 and again["notes"] == out["notes"] and again["aliases"] == out["aliases"]
    assert out["notes"].count("re-imported") == 1 and "Qwen/Qwen3-30B-A3B" not in out["aliases"]


async def test_an_import_without_id_says_which_entry_it_updates(
    hub: HubStandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["catalog", "import-hf", "Qwen/Qwen3-30B-A3B", "--no-stage", "--allow-private", "--json"]
    assert await asyncio.to_thread(main, argv) == 0
    err = " ".join(capsys.readouterr().err.split())
    assert "updating the catalog's entry qwen3-30b-a3b (Qwen3 30B A3B)" in err and "--id NEW-ID" in err


async def test_naming_the_entry_with_id_merges_into_it_too(
    hub: HubStandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = await admin(
        capsys, "catalog", "import-hf", "Qwen/Qwen3-30B-A3B", "--id", "qwen3-30b-a3b", "--no-stage"
    )
    assert code == 0 and out["replaces"] == "qwen3-30b-a3b" and out["max_context"] == 131072
    code, out = await admin(
        capsys, "catalog", "import-hf", "Qwen/Qwen3-30B-A3B", "--id", "my-qwen", "--no-stage"
    )
    assert code == 0 and out["replaces"] is None and out["max_context"] == 40960  # an entry of its own


def test_a_shorter_shipped_context_without_yarn_facts_is_kept_and_said() -> None:
    old = {"id": "m", "name": "M", "max_context": 131072, "ffn": 100, "sources": ["s"], "notes": "n"}
    new = {"id": "m", "name": "x", "max_context": 8192, "ffn": 200, "sources": ["t"], "aliases": ["o/m"]}
    entry, told = merge_import(old, new, "o/m@main")
    assert entry["max_context"] == 131072 and entry["ffn"] == 200 and entry["name"] == "M"
    assert any("ships 8,192 tokens" in t for t in told) and any("ffn 100 -> 200" in t for t in told)


async def test_no_stage_writes_clean_yaml_that_validates_and_adds(
    hub: HubStandIn, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    argv = ["catalog", "import-hf", SMOL, "--no-stage", "--allow-private"]
    assert await asyncio.to_thread(main, argv) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("- id: smollm2-1.7b-instruct\n")  # the entry alone on stdout
    assert "not staged" in captured.err and "not staged" not in captured.out
    assert not any(line != line.rstrip() for line in captured.out.splitlines())  # no wrapping spaces
    path = tmp_path / "entry.yaml"
    path.write_text(captured.out, encoding="utf-8")
    code, out = await admin(capsys, "catalog", "validate", str(path))
    assert code == 0 and out["valid"] and out["models"] == ["smollm2-1.7b-instruct"]
    code, out = await admin(capsys, "catalog", "add", str(path))
    assert code == 0 and out["staged"] == ["smollm2-1.7b-instruct"]


async def test_small_import_errors_say_what_to_do(
    hub: HubStandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = await admin(capsys, "catalog", "import-gguf", "ftp://example.com/m.gguf")
    assert code == 2 and "ftp://example.com/m.gguf" in out["error"] and "http(s)" in out["hint"]
    code, out = await admin(capsys, "catalog", "import-hf", "canirun-test/not-json")
    assert code == 1 and "config.json" in out["hint"] and "catalog add" in out["hint"]


async def test_a_wait_without_a_terminal_is_said_in_a_line(
    hub: HubStandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["catalog", "import-hf", SMOL, "--no-stage", "--allow-private", "--json"]
    assert await asyncio.to_thread(main, argv) == 0
    # stderr is captured (no terminal): no progress bar, so one line says what runs
    assert f"reading {SMOL}@main from" in capsys.readouterr().err


async def test_an_fp8_index_falls_back_to_the_shapes(
    hub: HubStandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = await admin(capsys, "catalog", "import-hf", "deepseek-ai/DeepSeek-V3", "--no-stage")
    assert code == 0 and out["params_source"] == "tensor shapes"
    assert out["total_params_b"] == pytest.approx(685, rel=0.02)
    assert any("quantized" in w for w in out["warnings"])


async def test_a_gated_repo_needs_a_token(
    hub: HubStandIn, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = "meta-llama/Llama-3.1-8B-Instruct"
    code, out = await admin(capsys, "catalog", "import-hf", repo)
    assert code == 1 and out["error"].startswith("gated") and "HF_TOKEN" in out["error"]
    monkeypatch.setenv("HF_TOKEN", "hf_wrong")
    code, out = await admin(capsys, "catalog", "import-hf", repo)
    assert code == 1 and "no access" in out["error"]
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    code, out = await admin(capsys, "catalog", "import-hf", repo)
    assert code == 0 and out["total_params_b"] * 1e9 == pytest.approx(TRUE_PARAMS[repo], rel=1e-5)
    assert all(r.token for r in hub.requests[-3:])


async def test_missing_repos_and_revisions(hub: HubStandIn, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = await admin(capsys, "catalog", "import-hf", "nobody/no-such-model")
    assert code == 1 and "no such repo/revision" in out["error"]
    code, out = await admin(capsys, "catalog", "import-hf", "zai-org/GLM-4.5-Air", "--revision", "v9")
    assert code == 1 and "no such revision" in out["error"]
    code, out = await admin(capsys, "catalog", "import-hf", "zai-org/GLM-4.5-Air", "--revision", "v1.0")
    assert code == 0 and out["id"] == "glm-4.5-air"


async def test_a_slow_hub_times_out_with_a_message(
    hub: HubStandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = await admin(capsys, "catalog", "import-hf", "canirun-test/slow-model", "--timeout", "0.3")
    assert code == 1 and "timed out" in out["error"]  # our timeout, not the hub's slow answer


async def test_bad_answers_and_bad_input(
    hub: HubStandIn, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out = await admin(capsys, "catalog", "import-hf", "canirun-test/not-json")
    assert code == 1 and "not valid JSON" in out["error"]
    code, out = await admin(capsys, "catalog", "import-hf", "not a repo")
    assert code == 2 and "org/name" in out["hint"]
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")
    code, out = await admin(capsys, "catalog", "import-hf", SMOL)
    assert code == 1 and "cannot reach" in out["error"]


# --- GGUF over HTTP ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def big_gguf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A GGUF whose header alone is ~1.9 MB (a long vocabulary) in a ~80 MB file."""
    path = tmp_path_factory.mktemp("gguf") / "big-vocab-Q4_K_M.gguf"
    write_gguf(path, TinyModel(name="Big Vocab Test", vocab=120_000, padding_mb=32))
    return path


@pytest.fixture
async def files(big_gguf: Path, hub: HubStandIn) -> AsyncIterator[FileServer]:
    cut = big_gguf.with_name("cut.gguf")
    cut.write_bytes(big_gguf.read_bytes()[:5000])
    server = FileServer({big_gguf.name: big_gguf, cut.name: cut})
    await server.start()
    yield server
    await server.stop()


async def test_a_url_import_reads_only_the_header(
    files: FileServer, big_gguf: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    size = big_gguf.stat().st_size
    code, out = await admin(capsys, "catalog", "import-gguf", f"{files.url}/ranged/{big_gguf.name}")
    assert code == 0, out
    served = files.served[big_gguf.name]
    assert out["gguf"]["header_bytes"] > 1 << 20  # more than the first range: the reader grew it
    assert served == out["gguf"]["bytes_read"] and served < size / 10
    assert out["gguf"]["range_supported"] and out["gguf"]["file_size"] == size
    assert out["id"] == "big-vocab-test" and out["vocab"] == 120_000
    assert len([r for r in files.requests if r[0] == "ranged"]) >= 2


async def test_a_server_without_ranges_is_read_only_up_to_the_header(
    files: FileServer, big_gguf: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = await asyncio.to_thread(
        main, ["catalog", "import-gguf", f"{files.url}/plain/{big_gguf.name}", "--allow-private", "--json"]
    )
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert code == 0, out
    assert not out["gguf"]["range_supported"] and "ignored Range" in captured.err
    await asyncio.sleep(0.05)  # let the server notice the hang-up
    assert files.served[big_gguf.name] < big_gguf.stat().st_size / 4  # the header, plus socket buffers


async def test_url_errors_are_messages(files: FileServer, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = await admin(capsys, "catalog", "import-gguf", f"{files.url}/ranged/none.gguf")
    assert code == 1 and "no such file" in out["error"]
    code, out = await admin(capsys, "catalog", "import-gguf", f"{files.url}/ranged/cut.gguf")
    assert code == 1 and "ends inside its GGUF header" in out["error"]


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/model.gguf",  # a cloud's metadata service
        "http://127.0.0.1:9/model.gguf",
        "http://[::1]:9/model.gguf",
        "http://[::ffff:127.0.0.1]:9/model.gguf",
        "http://10.1.2.3/model.gguf",
        "http://localhost:9/model.gguf",  # a name: refused once resolved
    ],
)
async def test_an_import_from_a_private_address_is_refused(
    env: Path, url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = await asyncio.to_thread(main, ["catalog", "import-gguf", url, "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1 and "not a public address" in out["error"] and "--allow-private" in out["hint"]


async def test_a_hub_on_a_private_address_needs_allow_private(
    hub: HubStandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    code = await asyncio.to_thread(main, ["catalog", "import-hf", SMOL, "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1 and "not a public address" in out["error"]
    assert hub.bytes_served == 0


# a repo pasted as one of its pages is its repo id; an entry read through a mirror (HF_ENDPOINT) cites
# the public Hub
OLMOE = "allenai/OLMoE-1B-7B-0125-Instruct"


@pytest.mark.parametrize(
    "page",
    [
        f"https://huggingface.co/{OLMOE}/tree/main",
        f"https://huggingface.co/{OLMOE}/tree/main/",
        f"https://huggingface.co/{OLMOE}/blob/main/config.json",
        f"https://huggingface.co/{OLMOE}/resolve/main/config.json?download=true",
        "{mirror}/" + OLMOE + "/tree/main",
    ],
)
async def test_a_repo_page_is_imported_as_its_repo(
    hub: HubStandIn, capsys: pytest.CaptureFixture[str], page: str
) -> None:
    code, out = await admin(
        capsys, "catalog", "import-hf", page.format(mirror=os.environ["HF_ENDPOINT"]), "--no-stage"
    )
    assert code == 0, out
    assert out["hf_repo"] == OLMOE


async def test_the_entry_cites_the_public_hub_not_the_mirror(
    hub: HubStandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = await admin(capsys, "catalog", "import-hf", OLMOE, "--no-stage")
    assert code == 0, out
    assert out["sources"] and all(s.startswith("https://huggingface.co/") for s in out["sources"])
    assert not any(os.environ["HF_ENDPOINT"] in s for s in out["sources"])


@pytest.mark.parametrize("text", [f"{OLMOE}/tree/main", "https://huggingface.co/allenai"])
async def test_what_is_no_repo_is_refused(
    hub: HubStandIn, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    code, out = await admin(capsys, "catalog", "import-hf", text, "--no-stage")
    assert code == 2 and "not a repo id" in json.dumps(out)


def test_a_reimport_keeps_a_reviewed_figure_the_config_did_not_give() -> None:
    old = {
        "id": "m",
        "name": "M",
        "max_context": 1048576,
        "moe": {"experts": 256, "active": 8},
        "sources": ["s"],
    }
    new = {"id": "m", "max_context": 4096, "moe": {"experts": 256, "active": 2}, "sources": ["t"]}
    entry, told = merge_import(old, new, "o/m@main", assumed=("moe.active", "max_context"))
    assert entry["moe"]["active"] == 8 and entry["max_context"] == 1048576
    assert any("moe.active" in t and "kept" in t for t in told)
    assert not any("->" in t for t in told)


def test_a_reimport_that_lowers_a_reviewed_figure_says_so() -> None:
    old = {"id": "m", "name": "M", "max_context": 8192, "moe": {"experts": 64, "active": 8}, "sources": ["s"]}
    new = {"id": "m", "max_context": 8192, "moe": {"experts": 64, "active": 6}, "sources": ["t"]}
    entry, told = merge_import(old, new, "o/m@main")
    assert entry["moe"]["active"] == 6
    assert any("moe.active 8 -> 6 (LOWERED" in t for t in told)
