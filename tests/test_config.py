"""Settings: YAML file under CANIRUN_* overrides; secrets only from the environment."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bot.config import ConfigError, Settings, load_secrets, load_settings


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import os

    for k in list(os.environ):
        if k.startswith("CANIRUN_") or k in ("DISCORD_TOKEN", "HF_ENDPOINT", "REDDIT_PASSWORD"):
            monkeypatch.delenv(k)
    monkeypatch.chdir(tmp_path)


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "config.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_defaults_need_no_file_and_mean_the_embedded_store() -> None:
    s = load_settings()
    assert s.redis_url is None and s.cache_ttl_s == 86400 and s.health.port == 8080


def test_the_yaml_file_sets_values(tmp_path: Path) -> None:
    s = load_settings(_write(tmp_path, "cache_ttl_s: 60\nreddit:\n  subreddits: [LocalLLaMA]\n"))
    assert s.cache_ttl_s == 60 and s.reddit.subreddits == ["LocalLLaMA"]


def test_config_yaml_in_the_working_directory_is_read_by_default(tmp_path: Path) -> None:
    _write(tmp_path, "cache_ttl_s: 61\n")
    assert load_settings().cache_ttl_s == 61


def test_environment_overrides_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CANIRUN_HEALTH__PORT", "9100")
    monkeypatch.setenv("CANIRUN_REDIS_URL", "redis://127.0.0.1:1/0")
    s = load_settings(_write(tmp_path, "health:\n  port: 9000\n"))
    assert s.health.port == 9100 and s.redis_url == "redis://127.0.0.1:1/0"


def test_canirun_config_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    other = tmp_path / "elsewhere.yaml"
    other.write_text("cache_ttl_s: 5\n")
    monkeypatch.setenv("CANIRUN_CONFIG", str(other))
    assert load_settings().cache_ttl_s == 5


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("health:\n  port: -1\n", "health.port"),
        ("cache_tll_s: 5\n", "cache_tll_s"),
        ("rate_limit:\n  burst: zero\n", "rate_limit.burst"),
    ],
)
def test_a_bad_setting_is_named_in_the_error(tmp_path: Path, text: str, named: str) -> None:
    with pytest.raises(ConfigError, match=named.replace(".", r"\.")):
        load_settings(_write(tmp_path, text))


def test_invalid_yaml_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_settings(_write(tmp_path, "a: [1, 2\n"))


def test_a_missing_named_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_settings(tmp_path / "nope.yaml")


@pytest.mark.parametrize("key", ["discord_token", "password", "token", "client_secret"])
def test_secrets_in_the_file_are_refused(tmp_path: Path, key: str) -> None:
    with pytest.raises(ConfigError, match="secrets come only from the environment"):
        load_settings(_write(tmp_path, f"reddit:\n  {key}: hunter2\n"))


def test_secrets_come_from_the_environment_and_never_show(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", "very-secret-token-value")
    secrets = load_secrets()
    assert secrets.discord_token is not None
    assert secrets.discord_token.get_secret_value() == "very-secret-token-value"
    assert "very-secret-token-value" not in repr(secrets) + str(secrets)


def test_the_example_config_is_valid() -> None:
    example = Path(__file__).resolve().parents[1] / "config.example.yaml"
    load_settings(example)


SECRET = "sk-live-4f9a2c7e1b"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (f'reddit:\n  user_agent: "abc\n  note: {SECRET}\n', 4),  # an unclosed quote
        (f"cache_ttl_s: 5\nreddit: {{subreddits: [a, {SECRET}}}\n", 2),  # a bracket closed by a brace
        (f"redis_url: redis://:{SECRET}@host\n\thealth: 1\n", 2),  # a tab
    ],
)
def test_a_broken_file_is_named_by_line_never_by_its_text(tmp_path: Path, text: str, line: int) -> None:
    with pytest.raises(ConfigError) as err:
        load_settings(_write(tmp_path, text))
    assert f"line {line}," in str(err.value) and SECRET not in str(err.value)


def test_a_bad_value_is_named_by_setting_never_by_value(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as err:
        load_settings(_write(tmp_path, f"cache_ttl_s: {SECRET}\n"))
    assert "cache_ttl_s" in str(err.value) and SECRET not in str(err.value)


def test_an_alias_bomb_is_refused_before_it_expands(tmp_path: Path) -> None:
    lines = ["a0: &a0 {k: 1}"] + [
        f"a{i}: &a{i} {{" + ", ".join(f"x{j}: *a{i - 1}" for j in range(9)) + "}" for i in range(1, 10)
    ]
    with pytest.raises(ConfigError, match="aliases"):
        load_settings(_write(tmp_path, "\n".join(lines) + "\n"))


def test_a_file_that_is_not_utf8_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_bytes(b"cache_ttl_s: \xff\xfe\n")
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_settings(path)


def test_an_environment_value_that_is_not_json_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CANIRUN_REDDIT__SUBREDDITS", f"[{SECRET}")
    with pytest.raises(ConfigError) as err:
        load_settings()
    assert "reddit" in str(err.value) and SECRET not in str(err.value)


def test_health_listens_on_this_machine_only_unless_configured(tmp_path: Path) -> None:
    assert load_settings().health.host == "127.0.0.1"
    assert load_settings(_write(tmp_path, "health:\n  host: 0.0.0.0\n")).health.host == "0.0.0.0"


@pytest.mark.parametrize(
    ("env", "read"),
    [
        ({"CANIRUN_DATA_DIR": "/srv/canirun"}, lambda s: str(s.data_dir) == "/srv/canirun"),
        ({"canirun_cache_ttl_s": "60"}, lambda s: s.cache_ttl_s == 60),  # names in any case
        ({"CANIRUN_HUB__PER_USER__BURST": "1"}, lambda s: s.hub.per_user.burst == 1),
        ({"CANIRUN_RATE_LIMIT": '{"burst": 3}'}, lambda s: s.rate_limit.burst == 3),
        (
            {"CANIRUN_RATE_LIMIT": '{"burst": 3}', "CANIRUN_RATE_LIMIT__PER_MINUTE": "2"},
            lambda s: (s.rate_limit.burst, s.rate_limit.per_minute) == (3, 2.0),
        ),
        ({"CANIRUN_REDDIT__SUBREDDITS": '["LocalLLaMA"]'}, lambda s: s.reddit.subreddits == ["LocalLLaMA"]),
        ({"CANIRUN_DISCORD__SHARD_IDS": "[0, 1]"}, lambda s: s.discord.shard_ids == [0, 1]),
        ({"CANIRUN_LOG_JSON": "false"}, lambda s: s.log_json is False),
        ({"CANIRUN_WEB__PUBLIC_URL": ""}, lambda s: s.web.public_url is None),
        ({"HF_ENDPOINT": "http://mirror:8080"}, lambda s: s.hf_endpoint == "http://mirror:8080"),
        ({"CANIRUN_HF_ENDPOINT": "http://mirror:8080"}, lambda s: s.hf_endpoint == "http://mirror:8080"),
    ],
)
def test_the_environment_sets_each_kind_of_setting(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], read: Callable[[Settings], bool]
) -> None:
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    assert read(load_settings())


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"CANIRUN_HEALTH__PORT": "not-a-port"}, "health.port"),
        ({"CANIRUN_HEALTH__COLOUR": "blue"}, "health.colour"),  # no such setting
        ({"CANIRUN_DISCORD__SHARD_IDS": "zero"}, "discord.shard_ids"),
    ],
)
def test_a_bad_environment_value_is_named_by_setting(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], named: str
) -> None:
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    with pytest.raises(ConfigError, match=named.replace(".", r"\.")):
        load_settings()


def test_an_environment_value_that_is_not_json_names_its_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CANIRUN_RATE_LIMIT", "burst=3")
    with pytest.raises(ConfigError, match="CANIRUN_RATE_LIMIT is not the JSON"):
        load_settings()


def test_arguments_in_code_override_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_ENDPOINT", "http://env")
    assert load_settings(hf_endpoint="http://code").hf_endpoint == "http://code"


def test_settings_built_in_code_read_no_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CANIRUN_CACHE_TTL_S", "5")
    assert Settings().cache_ttl_s == 86400 and load_settings().cache_ttl_s == 5
