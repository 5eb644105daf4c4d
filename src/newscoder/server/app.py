"""The ASGI application: API routers, error handlers, body limit and the dashboard."""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator, Collection
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

import anyio.to_thread
from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from ..settings import Settings
from ..store import open_store
from ..version import __version__
from . import api, countries, docs, ingest
from .cache import ResultCache
from .errors import BodyLimit, install_handlers
from .guard import DOCS_PATH, LOOPBACK_HOSTS, Guard, TokenCheck

DEFAULT_MAX_BODY = 10 * 1024 * 1024
STATIC = Path(str(resources.files("newscoder.server").joinpath("static")))


def create_app(db: str, *, token: str | TokenCheck | None = None,
               max_body: int = DEFAULT_MAX_BODY, settings: Settings | None = None,
               threads: int = 8, stats_cache: int = 128,
               hosts: Collection[str] | None = LOOPBACK_HOSTS) -> FastAPI:
    """The API and dashboard over the store at ``db`` (SQLite path or SQLAlchemy URL).

    With ``token`` set, writes need ``Authorization: Bearer <token>``. Only requests with
    a ``Host`` among ``hosts`` are answered (None: any; the default suits a server on
    loopback), and writes from other sites' pages are refused. Request bodies over
    ``max_body`` bytes are refused with 413. ``settings`` configure the coding pipeline;
    ``threads`` bounds the worker threads that run queries and coding; ``stats_cache``
    answers of ``/api/stats`` are kept until the database changes (0: none).
    """
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # requests are CPU-bound under the GIL: a few threads serve as fast as many and
        # keep tail latency down (no convoy of threads contending for the interpreter)
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        yield
        app.state.stats_cache.close()
        app.state.store.close()

    app = FastAPI(title="newscoder", version=__version__,
                  description="Political events coded from news: who did what to whom, "
                              "when and where, with the sentence that says so.",
                  docs_url=None, redoc_url=None, openapi_url="/api/openapi.json",
                  lifespan=lifespan)
    app.state.store = open_store(db)
    app.state.token = TokenCheck.of(token) if isinstance(token, str) and token else (
        token or None)
    app.state.coder = ingest.Coder(settings or Settings(db=db))
    app.state.cache = {}
    app.state.stats_cache = ResultCache(app.state.store, stats_cache)
    install_handlers(app)
    app.add_middleware(BodyLimit, max_body=max_body)
    app.add_middleware(Guard, hosts=hosts)  # outermost: its headers go on every answer
    app.include_router(api.router)
    app.include_router(ingest.router)
    app.include_router(countries.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    docs.install(app, DOCS_PATH)

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})

    return app


def app_from_env() -> FastAPI:
    """The app of one worker process of ``run(..., workers=N)``, from its settings."""
    from .run import SERVE_ENV

    config = json.loads(os.environ[SERVE_ENV])
    token = TokenCheck(**config["token"]) if config.get("token") else None
    hosts = config.get("hosts")
    return create_app(config["db"], token=token,
                      max_body=int(config.get("max_body") or DEFAULT_MAX_BODY),
                      stats_cache=int(config.get("stats_cache", 128)),
                      hosts=tuple(hosts) if hosts is not None else None)
