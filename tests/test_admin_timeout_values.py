"""The admin importers take a timeout in seconds that means something: a negative, zero, NaN or
hour-long figure is refused as a usage error before any read starts."""

from __future__ import annotations

import pytest

from bot.admin import main


@pytest.mark.parametrize("value", ["-5", "0", "nan", "inf", "7200", "soon"])
@pytest.mark.parametrize("command", ["import-hf", "import-gguf"])
def test_a_timeout_that_means_nothing_is_a_usage_error(
    command: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["catalog", command, "org/some-model", "--timeout", value])
    assert code == 2
    assert "--timeout" in capsys.readouterr().err
