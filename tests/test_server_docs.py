"""/api/docs: Swagger UI served from the package's assets, no other site referenced."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402


@pytest.fixture(scope="module")
def docs_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from newscoder.server import create_app

    db = tmp_path_factory.mktemp("docs") / "events.db"
    with TestClient(create_app(str(db)), base_url="http://localhost") as c:
        yield c


def _urls(text: str) -> list[str]:
    return re.findall(r"""(?:src|href)=["']([^"']+)["']""", text)


def test_server_docs_page_is_local(docs_client: TestClient) -> None:
    r = docs_client.get("/api/docs")
    assert r.status_code == 200
    assert "text/html" in r.headers["content-type"]
    assert not re.search(r"https?://|//[a-z]", r.text, re.I)  # nothing from another site
    assert "<script>" not in r.text  # no inline script: the CSP allows files only
    urls = _urls(r.text)
    assert any(u.endswith("swagger-ui-bundle.js") for u in urls)
    assert any(u.endswith("swagger-ui.css") for u in urls)
    for url in urls:
        assert url.startswith("/"), url
        asset = docs_client.get(url)
        assert asset.status_code == 200, url
        assert asset.content
    assert docs_client.get("/api/openapi.json").status_code == 200


def test_server_docs_csp_names_no_other_site(docs_client: TestClient) -> None:
    csp = docs_client.get("/api/docs").headers["content-security-policy"]
    assert "http" not in csp and "unsafe-eval" not in csp
    script = re.search(r"script-src ([^;]*)", csp)
    assert script is None or "unsafe-inline" not in script.group(1)
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp


def test_server_docs_assets_ship_with_the_package() -> None:
    from newscoder.server.docs import ASSETS

    assert (ASSETS / "swagger-ui-bundle.js").stat().st_size > 100_000
    assert Path(ASSETS / "swagger-ui.css").exists()
