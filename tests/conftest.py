"""Fixtures shared by the test modules."""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "examples" / "seed" / "article.txt"
ARTICLES = SHARED / "data" / "wikinews-politics" / "articles.jsonl.gz"

# A PostgreSQL server the tests may make and drop databases on, as an SQLAlchemy URL to a
# role allowed CREATE DATABASE, e.g. postgresql+psycopg://postgres@127.0.0.1:5432/postgres
# (.ci/run starts a throw-away one); without it the postgresql params are skipped.
PG_URL = os.environ.get("NEWSCODER_TEST_PG_URL")
PG_SKIP = "NEWSCODER_TEST_PG_URL is not set (no PostgreSQL server to test on)"
BACKENDS = ("sqlite", "postgresql")


@contextmanager
def pg_database(tag: str = "t") -> Iterator[str]:
    """A new, empty database on the test server (skips without one), dropped afterwards
    with every connection still open to it; yields its URL."""
    if not PG_URL:
        pytest.skip(PG_SKIP)
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.pool import NullPool

    name = f"nc_{re.sub(r'[^a-z0-9]+', '_', tag.lower())[:30]}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as conn:
                # FORCE: a store or server a failed test left open must not keep it
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


@contextmanager
def database(backend: str, folder: Path, tag: str = "t") -> Iterator[str]:
    """A new, empty store target of ``backend``: a SQLite file path in ``folder`` (what
    ``--db`` takes for SQLite) or a PostgreSQL URL."""
    if backend == "sqlite":
        yield str(folder / "events.db")
    else:
        with pg_database(tag) as url:
            yield url


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Where a test's new, empty store goes, once on SQLite and once on PostgreSQL: a
    file path (``--db`` and ``open_store`` take both) or a URL to a database of its own."""
    with database(request.param, tmp_path, request.node.name) as target:
        yield target


@contextmanager
def copied_store(source: Path, backend: str, tag: str) -> Iterator[str]:
    """``source`` (a coded SQLite store) on ``backend``, without coding again: the file
    itself on SQLite, its rows copied into a new PostgreSQL database otherwise."""
    if backend == "sqlite":
        yield str(source)
        return
    from newscoder.store.copy import copy_store

    with pg_database(tag) as url:
        copy_store(str(source), url)
        yield url


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An event store coded from the founding article and 200 Wikinews articles, built
    once per test session with the real pipeline (the server tests read it)."""
    if not (SEED.exists() and ARTICLES.exists()):
        pytest.skip("../shared examples and wikinews data are not present")
    from newscoder.server.sample import cached_sample_db

    return cached_sample_db(tmp_path_factory.getbasetemp() / "server-sample", SEED, ARTICLES)


@pytest.fixture(scope="session")
def sample_pg(sample_db: Path) -> Iterator[str]:
    """The sample store's rows in a PostgreSQL database of their own (skips without a
    server); its URL."""
    with copied_store(sample_db, "postgresql", "sample") as url:
        yield url


@pytest.fixture(scope="session", params=BACKENDS)
def sample_store(request: pytest.FixtureRequest, sample_db: Path) -> str:
    """The sample store on each back end (coded once, copied into PostgreSQL), for the
    tests that must give the same answers on both."""
    if request.param == "sqlite":
        return str(sample_db)
    url: str = request.getfixturevalue("sample_pg")
    return url


@pytest.fixture(scope="module")
def client(sample_db: Path) -> Iterator[Any]:
    """The HTTP API in process over the sample store (a module may bring its own)."""
    testclient = pytest.importorskip("fastapi.testclient")
    from newscoder.server import create_app

    with testclient.TestClient(create_app(str(sample_db)), base_url="http://localhost") as c:
        yield c


@pytest.fixture(scope="session")
def finder() -> Any:
    """The places stage with the real gazetteer index (user cache, built once if missing)."""
    from newscoder.places import PlaceFinder

    return PlaceFinder()


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The default spaCy pipeline, loaded once per session."""
    from newscoder.nlp import load_nlp

    return load_nlp()
