"""Security headers and the form's CSRF check.

The Content-Security-Policy allows scripts, styles, images and fetches from this origin only: no
inline script, no inline style, no event-handler attributes, no plugins, no framing, and forms
that post only here. Trusted Types leave the page's one script a single way to turn HTML into
nodes (the policy "canirun", for the server's own answer fragment).

The question form is a POST with a double-submit token: a random value in a SameSite=Strict,
HttpOnly cookie and the same value in a hidden field, compared in constant time; and the
request's Origin (or Sec-Fetch-Site) must be this site. A cross-site form cannot read the cookie,
and a browser does not even send it across sites. The JSON API takes only application/json, which
a cross-site page cannot send without a CORS preflight that this server never grants.
"""

from __future__ import annotations

import hmac
import secrets
from urllib.parse import urlsplit

from aiohttp import web

__all__ = [
    "CSP",
    "CSRF_COOKIE",
    "CSRF_FIELD",
    "csrf_problem",
    "csrf_token",
    "security_headers",
    "set_csrf_cookie",
]

CSP = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "object-src 'none'",
        "require-trusted-types-for 'script'",
        "trusted-types canirun",
    )
)
CSRF_COOKIE = "canirun_csrf"
CSRF_FIELD = "csrf"
_TOKEN_BYTES = 24


def security_headers(secure: bool) -> dict[str, str]:
    """Headers on every response; `secure` (served over HTTPS) adds Strict-Transport-Security."""
    headers = {
        "Content-Security-Policy": CSP,
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        # same-origin, not no-referrer: with no-referrer a browser sends "Origin: null" on form posts
        "Referrer-Policy": "same-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Resource-Policy": "same-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    }
    if secure:
        headers["Strict-Transport-Security"] = "max-age=31536000"
    return headers


def csrf_token(request: web.Request) -> tuple[str, bool]:
    """The visitor's token and whether it is new (then `set_csrf_cookie` must send it)."""
    have = request.cookies.get(CSRF_COOKIE, "")
    if _well_formed(have):
        return have, False
    return secrets.token_urlsafe(_TOKEN_BYTES), True


def set_csrf_cookie(response: web.StreamResponse, token: str, secure: bool) -> None:
    response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="Strict", secure=secure, path="/")


def _well_formed(token: str) -> bool:
    return 20 <= len(token) <= 64 and all(c.isalnum() or c in "-_" for c in token)


def csrf_problem(request: web.Request, field: str | None, public_url: str | None) -> str | None:
    """Why a form post is refused (None: it is this site's own form)."""
    site = request.headers.get("Sec-Fetch-Site")
    origin = request.headers.get("Origin")
    if origin is not None:
        if not _same_site_origin(origin, request.host, public_url):
            return "the form was sent from another site"
    elif site is not None and site not in ("same-origin", "none"):
        return "the form was sent from another site"
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if not (_well_formed(cookie) and field and hmac.compare_digest(cookie.encode(), field.encode())):
        return "the form's token is missing or stale (cookies off, or the page is old)"
    return None


def _same_site_origin(origin: str, host: str, public_url: str | None) -> bool:
    """An Origin header naming this server: its Host header, or the configured public address."""
    if origin == "null":
        return False
    netloc = urlsplit(origin).netloc.lower()
    allowed = {host.lower()}
    if public_url:
        allowed.add(urlsplit(public_url).netloc.lower())
    return bool(netloc) and netloc in allowed
