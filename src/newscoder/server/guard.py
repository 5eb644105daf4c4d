"""What a browser may do with the server: hosts, origins, security headers, the token.

A server on loopback without a token is reachable from any page the analyst opens: a
page can POST to it (cross-site request forgery) and, by pointing its own DNS name at
127.0.0.1, read from it (DNS rebinding). :class:`Guard` answers only requests whose
``Host`` is one the server is served under, refuses writes whose ``Origin`` (or
``Sec-Fetch-Site``) shows another site, and puts the security headers on every answer.
:class:`TokenCheck` keeps a salted digest of the token rather than the token, so that
what worker processes are given (and any dump of the app's state) does not reveal it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import error_body

# the names a loopback server is reached under; a browser sends one of them in Host
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]", "::1", "localhost.localdomain",
                  "ip6-localhost")
WILDCARD_ADDRESSES = ("0.0.0.0", "::", "[::]", "")
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

# The dashboard loads its scripts, styles and data from the server itself, and sets no
# inline script or style; nothing may frame it (clickjacking) or read its answers
# elsewhere.
CSP = ("default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
# Swagger UI (/api/docs) is served from the server's own copy of its assets and started
# from a script file; its React components set styles through the DOM, which CSP allows,
# so the page runs under the dashboard's policy with inline styles added for the few
# style attributes in its markup. No other site is named.
DOCS_CSP = ("default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
DOCS_PATH = "/api/docs"
_COMMON = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
           (b"referrer-policy", b"no-referrer"),
           (b"cross-origin-opener-policy", b"same-origin"),
           (b"cross-origin-resource-policy", b"same-origin")]
HEADERS = [(b"content-security-policy", CSP.encode()), *_COMMON]
DOCS_HEADERS = [(b"content-security-policy", DOCS_CSP.encode()), *_COMMON]


def served_hosts(bind: str, extra: Iterable[str] = ()) -> tuple[str, ...] | None:
    """The Host names to answer for a server bound to ``bind``: the loopback names, the
    bound address itself and ``extra`` names; None (any) for a wildcard address without
    ``extra``, whose names the server cannot know."""
    names = [name.lower() for name in extra]
    if bind.lower() in WILDCARD_ADDRESSES:
        return (*LOOPBACK_HOSTS, *names) if names else None
    address = bind.lower()
    if ":" in address and not address.startswith("["):
        address = f"[{address}]"  # an IPv6 literal, as it appears in a Host header
    return (*LOOPBACK_HOSTS, address, *names)


def _hostname(value: str) -> str:
    """``example.org:8000`` -> ``example.org``; ``[::1]:8000`` -> ``[::1]``."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[:value.find("]") + 1] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def _same_origin(origin: str, host: str) -> bool:
    try:
        parts = urlsplit(origin)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and parts.netloc.lower() == host.strip().lower()


class Guard:
    """ASGI middleware: Host and Origin checks, and the security headers on every answer.

    ``hosts``: the Host names answered (any port); None answers every Host.
    """

    def __init__(self, app: ASGIApp, hosts: Collection[str] | None) -> None:
        self.app = app
        self.hosts = frozenset(h.lower() for h in hosts) if hosts is not None else None

    async def _refuse(self, scope: Scope, send: Send, status: int, code: str,
                      message: str) -> None:
        body = json.dumps(error_body(code, message)).encode()
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode()), *HEADERS]})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers: dict[bytes, bytes] = {}
        for name, value in scope["headers"]:
            headers.setdefault(name, value)
        host = headers.get(b"host", b"").decode("latin-1")
        if self.hosts is not None and _hostname(host) not in self.hosts:
            await self._refuse(scope, send, 400, "invalid_host",
                               f"this server does not answer for host {host!r}")
            return
        if scope["method"] not in SAFE_METHODS:
            origin = headers.get(b"origin")
            site = headers.get(b"sec-fetch-site")
            if (origin is not None and not _same_origin(origin.decode("latin-1"), host)) or (
                    site is not None and site not in (b"same-origin", b"none")):
                await self._refuse(scope, send, 403, "cross_origin",
                                   "writes from another site's pages are refused")
                return
        extra = DOCS_HEADERS if scope["path"] == DOCS_PATH else HEADERS

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", ()), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


@dataclass(frozen=True, slots=True)
class TokenCheck:
    """A write token, kept as a salted SHA-256 digest."""

    salt: str
    digest: str

    @classmethod
    def of(cls, token: str) -> TokenCheck:
        salt = secrets.token_hex(16)
        return cls(salt, cls._hash(salt, token))

    @staticmethod
    def _hash(salt: str, token: str) -> str:
        return hashlib.sha256(f"{salt}:{token}".encode()).hexdigest()

    def matches(self, given: str) -> bool:
        return hmac.compare_digest(self._hash(self.salt, given), self.digest)


def read_token_file(path: str) -> str:
    """The token in a file (its first line, without surrounding blanks)."""
    from ..errors import SettingsError

    try:
        with open(path, encoding="utf-8") as handle:
            token = handle.readline().strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: cannot read the token file: {exc}") from exc
    if not token:
        raise SettingsError(f"{path}: the token file is empty")
    return token
