"""The repo table: every model it names exists, every repo is well formed and cites a public source."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from sizing import CatalogError
from sizing.catalog import Catalog, ModelRepo, ModelRepos, RepoTable, default_repos, load_repos
from tests.public_sources import is_local_path

TABLE = default_repos()
ROWS = [(e.model, r) for e in TABLE.entries for r in e.repos]
_ROW = "{kind: official, repo: a/b, source: 'https://example.org/a'}"
_PUBLIC_SOURCE = re.compile(r"^(https?://|github [\w.-]+/[\w.-]+ \S+ @[0-9a-f]{7,40})")


def test_the_bundled_table_names_at_least_80_models() -> None:
    assert len(TABLE.entries) >= 80


def test_every_model_in_the_table_is_a_catalog_model(catalog: Catalog) -> None:
    assert TABLE.models <= {m.id for m in catalog.models}


@pytest.mark.parametrize(("model", "repo"), ROWS, ids=lambda x: x if isinstance(x, str) else x.repo)
def test_every_row_cites_a_public_source(model: str, repo: ModelRepo) -> None:
    assert _PUBLIC_SOURCE.match(repo.source), repo.source
    assert not is_local_path(repo.source), repo.source


@pytest.mark.parametrize(
    ("model", "kind"),
    [
        ("llama-3.1-8b", "gguf"),
        ("llama-3.3-70b", "gguf"),
        ("qwen3-8b", "gguf"),
        ("qwen3-30b-a3b", "mlx"),
        ("qwen2.5-7b", "awq"),
        ("gpt-oss-20b", "gguf"),
        ("gpt-oss-120b", "ollama"),
        ("gemma-3-27b", "gguf"),
        ("deepseek-r1", "gguf"),
        ("deepseek-r1-distill-qwen-32b", "ollama"),
        ("mistral-nemo-12b", "official"),
        ("qwen3-vl-235b-a22b", "fp8"),
        ("llama-3.1-405b", "nvfp4"),
    ],
)
def test_popular_models_have_a_known_repo_of_the_kind(model: str, kind: str) -> None:
    assert any(r.kind == kind for r in TABLE.for_model(model)), f"{model}: no {kind} repo"


def test_a_model_without_entry_has_no_repos() -> None:
    assert TABLE.for_model("no-such-model") == ()


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"kind": "gguf", "repo": "bartowski"}, "owner/name"),
        ({"kind": "gguf", "repo": "a/b/c"}, "owner/name"),
        ({"kind": "ollama", "repo": "Qwen3:8B"}, "Ollama"),
        ({"kind": "mlx", "repo": "mlx-community/x-4bit", "quants": ["Q4_K_M"]}, "GGUF"),
        ({"kind": "gguf", "repo": "unsloth/x-GGUF", "quants": ["Q4_K_M", "q9_best"]}, "q9_best"),
        ({"kind": "gguf", "repo": "unsloth/x-GGUF", "quants": ["Q4_K_M", "Q4_K_M"]}, "twice"),
        ({"kind": "gguf", "repo": "unsloth/x-GGUF", "bits": 4}, "bits"),
        ({"kind": "gguf", "repo": "unsloth/x-GGUF", "source": ""}, "at least"),
        ({"kind": "safetensors", "repo": "unsloth/x"}, "official"),
    ],
)
def test_malformed_rows_are_rejected(fields: dict[str, object], problem: str) -> None:
    with pytest.raises(ValidationError, match=problem):
        ModelRepo.model_validate({"source": "https://example.org/x", **fields})


def test_a_repo_listed_twice_for_a_model_is_rejected() -> None:
    row = {"kind": "gguf", "repo": "unsloth/x-GGUF", "source": "https://example.org/x"}
    with pytest.raises(ValidationError, match="twice"):
        ModelRepos.model_validate({"model": "qwen3-8b", "repos": [row, dict(row, repo="Unsloth/X-GGUF")]})


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        (f"- model: no-such-model\n  repos: [{_ROW}]\n", "no catalog model"),
        (f"- model: qwen3-8b\n  repos: [{_ROW}]\n- model: qwen3-8b\n  repos: [{_ROW}]\n", "two entries"),
        ("- model: qwen3-8b\n  repos: []\n", "at least 1"),
        ("model: qwen3-8b\n", "expected a list"),
        ("- model: qwen3-8b\n  repos: [\n", "cannot be read"),
    ],
)
def test_bad_files_give_a_clear_catalog_error(tmp_path: Path, document: str, problem: str) -> None:
    path = tmp_path / "repos.yaml"
    path.write_text(document)
    with pytest.raises(CatalogError, match=problem):
        load_repos(["qwen3-8b"], path)


@pytest.mark.parametrize(
    ("repo", "publisher", "url"),
    [
        (
            ModelRepo(kind="gguf", repo="unsloth/Qwen3-8B-GGUF", source="https://x.org"),
            "unsloth",
            "https://huggingface.co/unsloth/Qwen3-8B-GGUF",
        ),
        (
            ModelRepo(kind="ollama", repo="qwen3:8b", source="https://x.org"),
            "ollama",
            "https://ollama.com/library/qwen3:8b",
        ),
        (
            ModelRepo(kind="ollama", repo="qwq", source="https://x.org"),
            "ollama",
            "https://ollama.com/library/qwq",
        ),
    ],
)
def test_publisher_and_url_follow_from_the_repo(repo: ModelRepo, publisher: str, url: str) -> None:
    assert (repo.publisher, repo.url) == (publisher, url)


def test_a_table_is_looked_up_by_model_id() -> None:
    row = ModelRepo(kind="official", repo="Qwen/Qwen3-8B", source="https://x.org")
    table = RepoTable(entries=(ModelRepos(model="qwen3-8b", repos=(row,)),))
    assert table.for_model("qwen3-8b") == (row,)
    assert table.models == frozenset({"qwen3-8b"})
