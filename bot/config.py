"""Settings: a YAML file (CANIRUN_CONFIG, default ./config.yaml if present) under CANIRUN_* overrides.

Precedence, highest first: arguments passed in code, environment (`CANIRUN_*`, nested with `__`:
`CANIRUN_REDDIT__SUBREDDITS='["LocalLLaMA"]'`), the YAML file, the defaults below.

Secrets (`DISCORD_TOKEN`, `REDDIT_CLIENT_ID`, `REDDIT_CLIENT_SECRET`, `REDDIT_USERNAME`,
`REDDIT_PASSWORD`, `HF_TOKEN`) come only from the environment, as SecretStr: a secret in the YAML
file is refused, and no repr or log line shows one.

`load_settings` and `load_secrets` read the environment (bot/_env.py); a `Settings(...)` built in
code holds what it is given and the defaults.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator

from ._env import EnvJsonError, env_values

if TYPE_CHECKING:
    import yaml

__all__ = [
    "ConfigError",
    "DiscordSettings",
    "HealthSettings",
    "HubSettings",
    "RateLimitSettings",
    "RedditSettings",
    "Secrets",
    "Settings",
    "WebSettings",
    "load_secrets",
    "load_settings",
]

SECRET_ENV = (
    "DISCORD_TOKEN",
    "REDDIT_CLIENT_ID",
    "REDDIT_CLIENT_SECRET",
    "REDDIT_USERNAME",
    "REDDIT_PASSWORD",
    "HF_TOKEN",
)


class ConfigError(Exception):
    """The configuration cannot be used. The message names the file and the setting."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RateLimitSettings(_Section):
    burst: int = Field(10, ge=1, description="questions one user may ask at once")
    per_minute: float = Field(6.0, gt=0, description="sustained questions per user per minute")


class HubSettings(_Section):
    """Reading a Hugging Face repo that a question names and the catalog lacks (a provisional entry)."""

    enabled: bool = Field(True, description="read such repos from the Hub (false: from the name alone)")
    timeout_s: float = Field(3.0, gt=0, le=30, description="longest wait for a repo's config.json")
    gguf_timeout_s: float = Field(8.0, gt=0, le=60, description="longest wait for a GGUF file's header")
    max_bytes: int = Field(
        16 << 20, ge=64 << 10, le=512 << 20, description="most bytes read from any one file (a GGUF header)"
    )
    allow_private: bool = Field(
        False, description="read from loopback/private addresses too (a hub mirror on your network; tests)"
    )
    miss_ttl_s: int = Field(3600, ge=0, description="how long a repo the Hub gave nothing usable for is kept")
    retry_s: int = Field(60, ge=0, description="when to try a Hub that could not be reached again")
    # Hub reads per user (each new repo is one read; repos already read cost nothing), and for everyone
    per_user: RateLimitSettings = RateLimitSettings(burst=3, per_minute=2.0)
    total: RateLimitSettings = RateLimitSettings(burst=20, per_minute=30.0)


class HealthSettings(_Section):
    enabled: bool = True
    host: str = Field(
        "127.0.0.1", description="address to listen on; 0.0.0.0 only where probes come from outside"
    )
    port: int = Field(8080, ge=0, le=65535, description="0 picks a free port")


class DiscordSettings(_Section):
    shard_count: int | None = Field(None, ge=1, description="total shards; None lets Discord decide")
    shard_ids: list[int] | None = Field(None, description="shards this process runs; None = all")
    api_base_url: str | None = Field(None, description="Discord API base (tests point it at a stand-in)")
    gateway_url: str | None = Field(None, description="gateway URL override (tests)")
    guild_ids: list[int] = Field(default_factory=list, description="sync to these guilds only (fast)")


class RedditSettings(_Section):
    user_agent: str = "canirun/0.1 (by u/canirun)"
    subreddits: list[str] = Field(default_factory=list, description="comment streams to watch")
    keyword: str = "!canirun"
    max_replies_per_thread: int = Field(3, ge=1)
    poll_interval_s: float = Field(10.0, gt=0)
    leader_lock_ttl_s: float = Field(30.0, gt=1)
    oauth_url: str | None = Field(None, description="Reddit OAuth API base (tests)")
    reddit_url: str | None = Field(None, description="Reddit www base (tests)")
    project_url: str = "https://github.com/canirun/canirun"


class WebSettings(_Section):
    """`canirun-bot web`: the page and the JSON API."""

    host: str = "0.0.0.0"
    port: int = Field(8000, ge=0, le=65535, description="0 picks a free port")
    public_url: str | None = Field(
        None,
        pattern=r"^https?://[A-Za-z0-9.-]+(:[0-9]+)?/?$",
        description="the page's public address (its origin: it is served at the root); set, the bots link "
        "each answer to it",
    )
    permalink_ttl_s: int = Field(30 * 24 * 3600, ge=60, description="how long a permalink keeps its answer")
    # per client address (many people may share one): looser than the bots' per-user limit
    rate_limit: RateLimitSettings = RateLimitSettings(burst=20, per_minute=30.0)
    max_body_bytes: int = Field(16_384, ge=1024, le=1_048_576, description="largest request body")
    proxy_hops: int = Field(0, ge=0, le=5, description="reverse proxies in front: X-Forwarded-For entries")

    @field_validator("public_url", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value  # `CANIRUN_WEB__PUBLIC_URL=`


class Secrets(BaseModel):
    """Read from the environment only (`load_secrets`)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    discord_token: SecretStr | None = Field(None, validation_alias="DISCORD_TOKEN")
    reddit_client_id: SecretStr | None = Field(None, validation_alias="REDDIT_CLIENT_ID")
    reddit_client_secret: SecretStr | None = Field(None, validation_alias="REDDIT_CLIENT_SECRET")
    reddit_username: SecretStr | None = Field(None, validation_alias="REDDIT_USERNAME")
    reddit_password: SecretStr | None = Field(None, validation_alias="REDDIT_PASSWORD")
    hf_token: SecretStr | None = Field(None, validation_alias="HF_TOKEN")


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    redis_url: str | None = Field(None, description="Redis URL; unset = the embedded store")
    data_dir: Path | None = Field(None, description="embedded store's directory (SQLite file)")
    cache_ttl_s: int = Field(24 * 3600, ge=0, description="how long an answer stays cached")
    rate_limit: RateLimitSettings = RateLimitSettings()
    log_level: str = "INFO"
    log_json: bool | None = Field(None, description="JSON log lines; None = JSON unless on a TTY")
    catalog_poll_s: float = Field(15.0, gt=0, description="how often bots check for a new catalog")
    hf_endpoint: str = Field(
        "https://huggingface.co",
        validation_alias=AliasChoices("HF_ENDPOINT", "CANIRUN_HF_ENDPOINT", "hf_endpoint"),
    )
    hub: HubSettings = HubSettings()
    health: HealthSettings = HealthSettings()
    discord: DiscordSettings = DiscordSettings()
    reddit: RedditSettings = RedditSettings()
    web: WebSettings = WebSettings()


def _config_path(explicit: str | os.PathLike[str] | None) -> Path | None:
    if explicit is not None:
        return Path(explicit)
    env = os.environ.get("CANIRUN_CONFIG")
    if env:
        return Path(env)
    default = Path("config.yaml")
    return default if default.is_file() else None


@functools.cache
def _config_loader() -> type[yaml.SafeLoader]:
    """Safe YAML without aliases: a settings file has no use for them, and nested aliases expand
    to billions of nodes (an "alias bomb") once read. (PyYAML is imported only to read a file.)"""
    import yaml

    class ConfigLoader(yaml.SafeLoader):
        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()  # type: ignore[no-untyped-call]
                raise yaml.composer.ComposerError(
                    None, None, "aliases (*name) are not allowed in a config file", event.start_mark
                )
            return super().compose_node(parent, index)

    return ConfigLoader


def _yaml_problem(err: yaml.YAMLError) -> str:
    """Where and what, never the text there: the line may hold a value that must not be shown."""
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""
    what = " ".join(str(x) for x in (getattr(err, "context", None), getattr(err, "problem", None)) if x)
    return where + (what[:120] or "cannot be read")


def _read_yaml(path: Path) -> dict[str, Any]:
    import yaml

    try:
        raw = yaml.load(path.read_bytes().decode("utf-8"), Loader=_config_loader())  # a SafeLoader
    except OSError as err:
        raise ConfigError(f"cannot read the config file {path}: {err.strerror or err}") from None
    except UnicodeDecodeError as err:
        raise ConfigError(f"{path} is not UTF-8 text (byte {err.start + 1} is not)") from None
    except yaml.YAMLError as err:
        raise ConfigError(f"{path} is not valid YAML: {_yaml_problem(err)}") from None
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ConfigError(f"{path} must hold a mapping of settings, not {type(raw).__name__}")
    secret_keys = {k.lower() for k in SECRET_ENV}
    secret_keys |= {"token", "password", "secret", "client_secret", "api_key", "discord_token"}
    leaked = sorted(k for k in _all_keys(raw) if k.lower() in secret_keys)
    if leaked:
        raise ConfigError(
            f"{path} holds secrets ({', '.join(leaked)}): secrets come only from the environment "
            f"({', '.join(SECRET_ENV)})"
        )
    return raw


def _all_keys(d: dict[str, Any]) -> list[str]:
    out = []
    for k, v in d.items():
        out.append(str(k))
        if isinstance(v, dict):
            out.extend(_all_keys(v))
    return out


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for k, v in over.items():
        merged[k] = _merge(merged[k], v) if isinstance(v, dict) and isinstance(merged.get(k), dict) else v
    return merged


def load_settings(path: str | os.PathLike[str] | None = None, **overrides: Any) -> Settings:
    """Settings from the YAML file (if any) under the environment. Raises ConfigError."""
    config_path = _config_path(path)
    file_values = _read_yaml(config_path) if config_path is not None else {}
    try:
        env_set = env_values(Settings, "CANIRUN_", os.environ)  # environment over the file
        values = _merge(_merge(file_values, env_set), overrides)
        return Settings.model_validate(values)
    except EnvJsonError as err:  # a CANIRUN_* value that is not the JSON its field needs
        raise ConfigError(f"bad setting in the environment: {err}") from None
    except ValidationError as err:
        where = f" in {config_path}" if config_path else ""
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'settings'}: {e['msg']}" for e in err.errors()
        )
        raise ConfigError(f"bad setting{where}: {problems}") from None


def load_secrets() -> Secrets:
    return Secrets.model_validate(env_values(Secrets, "", os.environ))
