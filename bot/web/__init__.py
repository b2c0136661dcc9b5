"""The web frontend: one page and a JSON API on aiohttp, answering through the same AnswerService.

_main       `canirun-bot web` (serve, or --print-openapi)
_app        the application: routes, body-size and per-address rate limits, refusals; serving
_api        POST /v1/ask|estimate|best|parse (the CLI's --json, byte for byte), suggestions
_models     the API's request and response models; _openapi builds /v1/openapi.json from them
_page       GET / and POST /ask (the form), GET /a/{id} (permalinks); templates/, static/
_security   security headers, the Content-Security-Policy, the form's CSRF check
parsing     pure, and public for its tests: form fields -> a question, input limits, client address
"""

from ._app import create_app, serve
from ._main import main
from ._openapi import openapi_document

__all__ = ["create_app", "main", "openapi_document", "serve"]
