"""Discord's published API schema (the part the bot sends), and checking payloads against it.

tests/data/discord_openapi_subset.json holds, from Discord's OpenAPI description
(github discord/discord-api-spec, specs/openapi.json; the file names its commit), the request
bodies of the calls the bot makes and every schema they refer to:

    callback   POST /interactions/{id}/{token}/callback          (answers, deferrals, autocomplete)
    followup   POST /webhooks/{application}/{token}              (followup messages)
    edit       PATCH /webhooks/{application}/{token}/messages/{message}
    commands   PUT /applications/{application}/commands          (and per guild: the same body)
    embed      the embed object (RichEmbed) alone

Discord's schemas leave objects open to keys they do not name. Here the objects canirun writes
itself (embeds, message components, application commands) are closed, so a key Discord does not
know (a "colour" for "color") is an error, not silently dropped; the envelopes discord.py builds
around them stay as published (it adds keys such as "tts" that Discord ignores). One place is
loosened: a new upload's attachment id is its index among the files (0, 1, ...), an integer, as
Discord's "Uploading Files" documentation shows and discord.py sends it, where the schema names
only existing attachments' snowflake strings.

To refresh the subset from a newer spec: `python -m tests.discord_spec PATH/TO/openapi.json COMMIT`.
"""

from __future__ import annotations

import copy
import functools
import json
import sys
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry
from referencing.jsonschema import DRAFT202012

SUBSET = Path(__file__).resolve().parent / "data" / "discord_openapi_subset.json"
SOURCE = "https://github.com/discord/discord-api-spec/blob/{commit}/specs/openapi.json"
REQUESTS = {
    "callback": ("/interactions/{interaction_id}/{interaction_token}/callback", "post"),
    "followup": ("/webhooks/{webhook_id}/{webhook_token}", "post"),
    "edit": ("/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}", "patch"),
    "commands": ("/applications/{application_id}/commands", "put"),
}
_REF = "#/components/schemas/"


def _refs(node: Any) -> set[str]:
    if isinstance(node, dict):
        found = {node["$ref"][len(_REF) :]} if isinstance(node.get("$ref"), str) else set()
        return found.union(*(_refs(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_refs(v) for v in node))
    return set()


def extract(spec: dict[str, Any], commit: str) -> dict[str, Any]:
    """The request bodies the bot sends, and the schemas they need, from the full spec."""
    requests = {
        name: spec["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"]
        for name, (path, method) in REQUESTS.items()
    }
    requests["embed"] = {"$ref": _REF + "RichEmbed"}
    schemas = spec["components"]["schemas"]
    wanted: set[str] = set()
    todo = _refs(requests)
    while todo:
        name = todo.pop()
        if name not in wanted:
            wanted.add(name)
            todo |= _refs(schemas[name])
    return {
        "source": SOURCE.format(commit=commit),
        "commit": commit,
        "license": "MIT (Copyright 2023 Discord), as the repository states",
        "openapi": spec["openapi"],
        "requests": requests,
        "components": {"schemas": {k: schemas[k] for k in sorted(wanted)}},
    }


# the schemas of what canirun writes itself, closed to keys they do not name: embeds, the menus
# under an answer, and the commands' options and choices (discord.py writes the command around
# them, with keys such as "nsfw" that the published schema lacks)
AUTHORED = (
    "RichEmbed",
    "ActionRowComponentForMessageRequest",
    "StringSelectComponentForMessageRequest",
    "StringSelectOptionForRequest",
    "ApplicationCommandOption",
)


def _authored(name: str) -> bool:
    return name.startswith(AUTHORED) or (name.startswith("ApplicationCommand") and name.endswith("Option"))


def _closed(node: Any) -> Any:
    """Every object schema that lists its properties refuses any other key."""
    if isinstance(node, dict):
        out = {k: _closed(v) for k, v in node.items()}
        if "properties" in out and "additionalProperties" not in out:
            out["additionalProperties"] = False
        return out
    if isinstance(node, list):
        return [_closed(v) for v in node]
    return node


def _close_authored(schemas: dict[str, Any]) -> dict[str, Any]:
    return {name: _closed(s) if _authored(name) else s for name, s in schemas.items()}


@functools.cache
def _validators() -> dict[str, Draft202012Validator]:
    subset = json.loads(SUBSET.read_text(encoding="utf-8"))
    document = {"components": {"schemas": _close_authored(copy.deepcopy(subset["components"]["schemas"]))}}
    attachment_id = document["components"]["schemas"]["MessageAttachmentRequest"]["properties"]["id"]
    attachment_id["anyOf"] = [{"$ref": attachment_id.pop("$ref")}, {"type": "integer", "minimum": 0}]
    registry: Registry[Any] = Registry().with_resource("urn:discord", DRAFT202012.create_resource(document))
    return {
        name: Draft202012Validator(
            {"$schema": "https://json-schema.org/draft/2020-12/schema", **_rebase(schema)},
            registry=registry,
        )
        for name, schema in subset["requests"].items()
    }


def _rebase(node: Any) -> Any:
    """Point local references at the registered document."""
    if isinstance(node, dict):
        return {
            k: ("urn:discord" + v if k == "$ref" and isinstance(v, str) else _rebase(v))
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_rebase(v) for v in node]
    return node


def problems(kind: str, payload: Any) -> list[str]:
    """Why `payload` is not a valid `kind` request body (see REQUESTS), or [] when it is: the
    likeliest cause of each error (for a union, the branch that came closest)."""
    out = []
    for err in _validators()[kind].iter_errors(payload):
        cause = _deepest(err)
        out.append(f"{'/'.join(str(p) for p in cause.absolute_path) or '$'}: {cause.message[:300]}")
    return sorted(out)


def _deepest(err: ValidationError) -> ValidationError:
    """Inside a union, the failure of the branch that got furthest into the payload."""
    if not err.context:
        return err
    return max((_deepest(e) for e in err.context), key=lambda e: len(e.absolute_path))


def source_commit() -> str:
    return str(json.loads(SUBSET.read_text(encoding="utf-8"))["commit"])


if __name__ == "__main__":
    full = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    SUBSET.write_text(
        json.dumps(extract(full, sys.argv[2]), indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    print(f"wrote {SUBSET}")
