"""Settings from the environment: a model's fields read from `PREFIX_NAME` variables.

Names are matched without regard to case. A field that holds a structure (a section, a list, a
mapping) takes JSON (`CANIRUN_REDDIT__SUBREDDITS='["LocalLLaMA"]'`), and a section's fields can
be set one by one, nested with `__` (`CANIRUN_HEALTH__PORT=9100`, `CANIRUN_HUB__PER_USER__BURST=1`);
a plain field takes the text as it is, and the model's validation converts it. A field with a
validation alias is read from the alias names instead (without the prefix). What comes back is a
dict for `model_validate`: values are not checked here, beyond the JSON.
"""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Mapping
from typing import Any

from pydantic import AliasChoices, BaseModel
from pydantic.fields import FieldInfo

__all__ = ["EnvJsonError", "env_values"]

NESTED = "__"


class EnvJsonError(ValueError):
    """A variable for a structured field whose value is not JSON. Names the variable, never the value."""

    def __init__(self, variable: str, field: str) -> None:
        super().__init__(f"{variable.upper()} is not the JSON that the setting '{field}' needs")
        self.variable = variable
        self.field = field


def env_values(model: type[BaseModel], prefix: str, environ: Mapping[str, str]) -> dict[str, Any]:
    """The values the variables in `environ` set for `model`'s fields, by field (or alias) name.
    Raises EnvJsonError."""
    env = {k.lower(): v for k, v in environ.items()}
    out: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        names = _names(name, field, prefix.lower())
        found = next((n for n in names if n in env), None)
        structured, lenient = _structured(field.annotation)
        if not structured:
            if found is not None:
                out[_key(name, field)] = env[found]
            continue
        value: Any = None
        if found is not None:
            value = _json(env[found], found, name, lenient)
            if isinstance(value, dict):
                value = _deep_update(value, _explode(names, field.annotation, env, name))
        else:
            value = _explode(names, field.annotation, env, name) or None
        if value is not None:
            out[_key(name, field)] = value
    return out


def _names(name: str, field: FieldInfo, prefix: str) -> list[str]:
    alias = field.validation_alias
    if isinstance(alias, AliasChoices):
        return [str(a).lower() for a in alias.choices if isinstance(a, str)]
    if isinstance(alias, str):
        return [alias.lower()]
    return [f"{prefix}{name}".lower()]


def _key(name: str, field: FieldInfo) -> str:
    """The key `model_validate` reads the field from: its name when that is one of its aliases,
    else its (first) alias."""
    alias = field.validation_alias
    if isinstance(alias, AliasChoices):
        if name in alias.choices:
            return name
        first = next((a for a in alias.choices if isinstance(a, str)), None)
        return first if first is not None else name
    return alias if isinstance(alias, str) else name


def _json(raw: str, variable: str, field: str, lenient: bool) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        if lenient:  # a field that may also be plain (list | None): validation says what is wrong
            return raw
        raise EnvJsonError(variable, field) from None


def _arms(annotation: Any) -> tuple[Any, ...]:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return tuple(a for a in typing.get_args(annotation) if a is not type(None))
    return (annotation,)


def _is_structure(annotation: Any) -> bool:
    origin = typing.get_origin(annotation) or annotation
    if not isinstance(origin, type) or issubclass(origin, (str, bytes)):
        return False
    return issubclass(origin, (BaseModel, Mapping, list, tuple, set, frozenset))


def _structured(annotation: Any) -> tuple[bool, bool]:
    """(takes JSON, and a value that is not JSON is passed on as text): a union takes JSON when
    one of its arms does, and passes text on."""
    arms = _arms(annotation)
    if len(arms) == 1 and typing.get_origin(annotation) not in (typing.Union, types.UnionType):
        return _is_structure(annotation), False
    return any(_is_structure(a) for a in arms), True


def _section(annotation: Any) -> type[BaseModel] | None:
    for arm in _arms(annotation):
        if isinstance(arm, type) and issubclass(arm, BaseModel):
            return arm
    return None


def _field(annotation: Any, key: str) -> Any:
    """The annotation of `annotation`'s field `key` (any case), or None when it has none."""
    section = _section(annotation)
    if section is None:
        return None
    for name, field in section.model_fields.items():
        if name.lower() == key:
            return field.annotation
    return None


def _explode(names: list[str], annotation: Any, env: dict[str, str], field: str) -> dict[str, Any]:
    """The section values set one by one: `PREFIX_FIELD__A__B=v` -> {"a": {"b": v}}."""
    prefixes = [f"{n}{NESTED}" for n in names]
    result: dict[str, Any] = {}
    for variable, raw in env.items():
        prefix = next((p for p in prefixes if variable.startswith(p)), None)
        if prefix is None:
            continue
        *path, last = variable[len(prefix) :].split(NESTED)
        node: Any = result
        target = annotation
        for key in path:
            target = _field(target, key)
            if isinstance(node, dict):
                node = node.setdefault(key, {})
        target = _field(target, last)
        value: Any = raw
        if target is not None and raw:
            structured, lenient = _structured(target)
            if structured:
                value = _json(raw, variable, field, lenient)
        if isinstance(node, dict):
            node[last] = value
    return result


def _deep_update(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for k, v in over.items():
        merged[k] = (
            _deep_update(merged[k], v) if isinstance(v, dict) and isinstance(merged.get(k), dict) else v
        )
    return merged
