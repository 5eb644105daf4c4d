"""``newscoder serve``: run the app under uvicorn, refusing open writes off loopback.

With ``workers > 1`` uvicorn runs that many processes on one socket, each building the
app (and its own pool of read-only SQLite connections) from the settings this process
leaves in the environment; the store is opened (and migrated) once here first.
"""

from __future__ import annotations

import ipaddress
import json
import os

from ..errors import SettingsError

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}
SERVE_ENV = "NEWSCODER_SERVE_CONFIG"  # JSON: db, token, max_body, for worker processes
MAX_DEFAULT_WORKERS = 4


def default_workers() -> int:
    """Processes to serve with by default: one a CPU, at most four."""
    return max(1, min(MAX_DEFAULT_WORKERS, os.cpu_count() or 1))


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def run(db: str, *, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
        max_body: int | None = None, log_level: str = "info",
        workers: int | None = None, stats_cache: int = 128) -> None:
    """Serve the API and dashboard until interrupted, with ``workers`` processes
    [:func:`default_workers`], each keeping ``stats_cache`` answers of /api/stats."""
    if not token and not is_loopback(host):
        raise SettingsError(
            f"refusing to listen on {host} without a token: anyone who reaches it could "
            "write to the database. Set --token (or NEWSCODER_TOKEN), or listen on "
            "127.0.0.1")
    workers = default_workers() if workers is None else workers
    if workers < 1:
        raise SettingsError(f"workers must be at least 1, got {workers}")
    import uvicorn

    from .app import DEFAULT_MAX_BODY, create_app

    if workers == 1:
        app = create_app(db, token=token, max_body=max_body or DEFAULT_MAX_BODY,
                         stats_cache=stats_cache)
        uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=False)
        return
    from ..store import open_store

    open_store(db).close()  # create or migrate once, not in every worker at the same time
    os.environ[SERVE_ENV] = json.dumps({"db": db, "token": token, "stats_cache": stats_cache,
                                        "max_body": max_body or DEFAULT_MAX_BODY})
    uvicorn.run("newscoder.server.app:app_from_env", factory=True, workers=workers,
                host=host, port=port, log_level=log_level, access_log=False)
