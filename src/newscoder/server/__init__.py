"""HTTP API and dashboard over the event store.

``create_app(db)`` builds the ASGI application (FastAPI); ``run(db, host=, port=, token=)``
serves it with uvicorn. Modules: ``app`` (assembly), ``api`` (read routes), ``ingest``
(POST /api/documents), ``params`` (filter validation, cursors), ``exports`` (CSV and
JSON Lines), ``errors`` (error shape, body limit), ``models`` (OpenAPI), ``static/`` (the
dashboard: hand-written HTML, JS, CSS).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .run import is_loopback, run

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["create_app", "run", "is_loopback"]


def create_app(db: str, *, token: str | None = None, max_body: int = 10 * 1024 * 1024,
               **kwargs: Any) -> FastAPI:
    """Build the app (imports FastAPI only when called)."""
    from .app import create_app as _create

    return _create(db, token=token, max_body=max_body, **kwargs)
