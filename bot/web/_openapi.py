"""The OpenAPI 3.1 document of the JSON API, generated from the pydantic models the handlers use
(requests) and return (the CLI's contracts), so the document cannot drift from the code.

An answer of any kind validates against `Answer` or, for a kind with keys of its own, its class
in `ANSWER_TYPES`: the document lists them all, as registered when it is built.
"""

from __future__ import annotations

from importlib import metadata
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import JsonSchemaMode, models_json_schema

from sizing import EstimateContract, HardwareContract

from ..answers import ANSWER_TYPES, Answer
from ._models import AskRequest, BestRequest, ErrorBody, EstimateRequest, ParseRequest, Suggestions
from .parsing import MODEL_TEXT_MAX

__all__ = ["openapi_document"]

_REF = "#/components/schemas/{model}"
_SERIALIZED: JsonSchemaMode = "serialization"
_ERRORS = {
    "400": "the request is not one the API takes (the error says which field, the hint how to fix it)",
    "413": "the body is larger than the server takes",
    "415": "the body is not application/json",
    "429": "too many requests from this address; Retry-After says when to try again",
}


def _ref(model: type[BaseModel]) -> dict[str, str]:
    return {"$ref": _REF.format(model=model.__name__)}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


def _errors(*codes: str) -> dict[str, Any]:
    return {code: {"description": _ERRORS[code], "content": _json(_ref(ErrorBody))} for code in codes}


def _post(
    summary: str, cli: str, request: type[BaseModel], response: dict[str, Any], linked: bool
) -> dict[str, Any]:
    ok: dict[str, Any] = {"description": f"the same JSON as `{cli} --json`", "content": _json(response)}
    if linked:
        ok["headers"] = {
            "Link": {
                "description": "the answer's page (its permalink), as "
                '`<URL>; rel="alternate"; type="text/html"`; absent for a question back or an error',
                "schema": {"type": "string"},
            }
        }
    return {
        "post": {
            "summary": summary,
            "operationId": cli.split()[-1],
            "requestBody": {"required": True, "content": _json(_ref(request))},
            "responses": {"200": ok, **_errors("400", "413", "415", "429")},
        }
    }


def openapi_document(server_url: str = "/") -> dict[str, Any]:
    """The API's OpenAPI 3.1 document; `server_url` is where it is served."""
    answers: list[type[BaseModel]] = [Answer, *ANSWER_TYPES.values()]
    models: list[tuple[type[BaseModel], JsonSchemaMode]] = [
        (AskRequest, "validation"),
        (EstimateRequest, "validation"),
        (BestRequest, "validation"),
        (ParseRequest, "validation"),
        *((a, _SERIALIZED) for a in answers),
        (EstimateContract, "serialization"),
        (HardwareContract, "serialization"),
        (ErrorBody, "serialization"),
        (Suggestions, "serialization"),
    ]
    _, top = models_json_schema(models, ref_template=_REF)
    answer_schema: dict[str, Any] = (
        _ref(Answer) if len(answers) == 1 else {"anyOf": [_ref(a) for a in answers]}
    )
    try:
        version = metadata.version("canirun")
    except metadata.PackageNotFoundError:
        version = "0"
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "canirun",
            "version": version,
            "description": "Can I run it? Memory, placement and speed of local LLMs on your hardware. "
            "The same answers as the `canirun` CLI's `--json`; every request is rate-limited per address.",
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/v1/ask": _post("Answer a whole question", "canirun ask", AskRequest, answer_schema, True),
            "/v1/estimate": _post(
                "One model on one rig", "canirun estimate", EstimateRequest, _ref(EstimateContract), False
            ),
            "/v1/best": _post("The best models for a rig", "canirun best", BestRequest, answer_schema, True),
            "/v1/parse": _post(
                "Read a rig from text", "canirun parse", ParseRequest, _ref(HardwareContract), False
            ),
            "/v1/models/suggest": {
                "get": {
                    "summary": "Models whose names look like the text typed so far (autocomplete)",
                    "operationId": "suggest",
                    "parameters": [
                        {
                            "name": "q",
                            "in": "query",
                            "required": True,
                            "schema": {"type": "string", "maxLength": MODEL_TEXT_MAX},
                        },
                        {
                            "name": "limit",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "integer", "minimum": 1, "maximum": 25, "default": 10},
                        },
                    ],
                    "responses": {
                        "200": {"description": "best first", "content": _json(_ref(Suggestions))},
                        **_errors("400", "429"),
                    },
                }
            },
            "/v1/openapi.json": {
                "get": {
                    "summary": "This document",
                    "operationId": "openapi",
                    "responses": {
                        "200": {"description": "OpenAPI 3.1", "content": _json({"type": "object"})}
                    },
                }
            },
        },
        "components": {"schemas": top.get("$defs", {})},
    }
