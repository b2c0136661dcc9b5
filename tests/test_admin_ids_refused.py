"""The admin importers refuse an id that means nothing (empty, blank, not a catalog id) and a repo id
longer than the Hub takes, as usage errors before any read starts."""

from __future__ import annotations

import pytest

from bot.admin import main


@pytest.mark.parametrize("value", ["", "   ", "Has Spaces", "UPPER-case", "-leading-dash", "x" * 81])
@pytest.mark.parametrize("command", ["import-hf", "import-gguf"])
def test_an_entry_id_that_means_nothing_is_a_usage_error(
    command: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["catalog", command, "org/some-model", "--id", value])
    assert code == 2
    assert "--id" in capsys.readouterr().err


@pytest.mark.parametrize("repo", ["org/" + "m" * 97, "o" * 97 + "/model", "org/" + "a-" * 300])
def test_a_repo_id_longer_than_the_hub_takes_is_refused_before_any_read(
    repo: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["catalog", "import-hf", repo, "--no-stage"])
    assert code == 2
    err = capsys.readouterr().err
    assert "is not a repo id" in err
    assert len(err) < 600  # the id is cut in the message, not echoed whole
