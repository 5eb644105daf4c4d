"""``newscoder serve``: run the app under uvicorn, refusing open writes off loopback."""

from __future__ import annotations

import ipaddress

from ..errors import SettingsError

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def run(db: str, *, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
        max_body: int | None = None, log_level: str = "info") -> None:
    """Serve the API and dashboard until interrupted."""
    if not token and not is_loopback(host):
        raise SettingsError(
            f"refusing to listen on {host} without a token: anyone who reaches it could "
            "write to the database. Set --token (or NEWSCODER_TOKEN), or listen on "
            "127.0.0.1")
    import uvicorn

    from .app import DEFAULT_MAX_BODY, create_app

    app = create_app(db, token=token, max_body=max_body or DEFAULT_MAX_BODY)
    uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=False)
