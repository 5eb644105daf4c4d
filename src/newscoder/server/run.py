"""``newscoder serve``: run the app under uvicorn, refusing open writes off loopback.

With ``workers > 1`` uvicorn runs that many processes on one socket, each building the
app (and its own pool of read-only SQLite connections) from the settings this process
leaves in the environment; the store is opened (and migrated) once here first. The
workers get a salted digest of the token, never the token itself (nor
``NEWSCODER_TOKEN``), and nothing on their command lines.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import json
import os
from collections.abc import Iterable

from ..errors import SettingsError

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}
SERVE_ENV = "NEWSCODER_SERVE_CONFIG"  # JSON: db, token digest, hosts ..., for workers
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
        workers: int | None = None, stats_cache: int = 128,
        allowed_hosts: Iterable[str] = ()) -> None:
    """Serve the API and dashboard until interrupted, with ``workers`` processes
    [:func:`default_workers`], each keeping ``stats_cache`` answers of /api/stats.

    Requests are answered for the loopback names, ``host`` itself and ``allowed_hosts``
    (on a wildcard address without ``allowed_hosts``: for any name)."""
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
    from .guard import TokenCheck, served_hosts

    hosts = served_hosts(host, allowed_hosts)
    check = TokenCheck.of(token) if token else None
    os.environ.pop("NEWSCODER_TOKEN", None)  # inherited by workers and child processes
    if workers == 1:
        app = create_app(db, token=check, max_body=max_body or DEFAULT_MAX_BODY,
                         stats_cache=stats_cache, hosts=hosts)
        uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=False)
        return
    from ..store import open_store

    open_store(db).close()  # create or migrate once, not in every worker at the same time
    os.environ[SERVE_ENV] = json.dumps({
        "db": db, "token": dataclasses.asdict(check) if check else None, "hosts": hosts,
        "stats_cache": stats_cache, "max_body": max_body or DEFAULT_MAX_BODY})
    uvicorn.run("newscoder.server.app:app_from_env", factory=True, workers=workers,
                host=host, port=port, log_level=log_level, access_log=False)
