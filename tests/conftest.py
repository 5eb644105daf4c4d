"""Fixtures shared by the test modules."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "examples" / "seed" / "article.txt"
ARTICLES = SHARED / "data" / "wikinews-politics" / "articles.jsonl.gz"


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An event store coded from the founding article and 200 Wikinews articles, built
    once per test session with the real pipeline (the server tests read it)."""
    if not (SEED.exists() and ARTICLES.exists()):
        pytest.skip("../shared examples and wikinews data are not present")
    from newscoder.server.sample import cached_sample_db

    return cached_sample_db(tmp_path_factory.getbasetemp() / "server-sample", SEED, ARTICLES)


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
