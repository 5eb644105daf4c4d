"""``/api/docs``: Swagger UI from the assets of the ``fastapi-offline`` package, served by
the app itself (no CDN: the page works offline) and started by a script file of ours, so
that the page needs no inline script and runs under a strict Content-Security-Policy."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS_PATH = "/api/docs/assets"
ASSETS = Path(str(resources.files("fastapi_offline").joinpath("static")))

PAGE = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>newscoder API</title>
<link rel="icon" href="/static/icon.svg">
<link rel="stylesheet" href="{ASSETS_PATH}/swagger-ui.css">
</head>
<body>
<div id="swagger-ui" data-openapi="/api/openapi.json"></div>
<script src="{ASSETS_PATH}/swagger-ui-bundle.js"></script>
<script src="/static/docs.js"></script>
</body>
</html>
"""


def install(app: FastAPI, path: str) -> None:
    """Serve the docs page at ``path`` and its assets under :data:`ASSETS_PATH`."""
    app.mount(ASSETS_PATH, StaticFiles(directory=ASSETS), name="docs-assets")

    @app.get(path, include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(PAGE, headers={"Cache-Control": "no-cache"})
