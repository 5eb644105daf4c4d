"""Fixtures shared by the test modules."""

from __future__ import annotations

from pathlib import Path

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
