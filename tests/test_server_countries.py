"""``/api/countries.geojson``: Natural Earth outlines served by the app, with ISO3 codes."""

from __future__ import annotations

import json
import re
from typing import Any

import pycountry


def test_server_countries_geojson(client: Any) -> None:
    res = client.get("/api/countries.geojson")
    assert res.status_code == 200
    assert res.headers["content-type"].startswith("application/geo+json")
    assert "default-src 'self'" in res.headers["content-security-policy"]
    body = res.json()
    assert body["type"] == "FeatureCollection"
    features = body["features"]
    assert len(features) >= 150
    codes = {f["properties"]["iso3"] for f in features}
    assert all(re.fullmatch(r"[A-Z]{3}", c) for c in codes)
    iso = {c.alpha_3 for c in pycountry.countries}
    assert len(codes & iso) >= 150
    assert {"FRA", "NOR", "RUS", "PRK", "USA", "CHN", "BRA", "AUS"} <= codes
    for f in features:
        assert f["type"] == "Feature"
        assert f["geometry"]["type"] in ("Polygon", "MultiPolygon")
        for poly in f["geometry"]["coordinates"]:
            for ring in poly:
                assert len(ring) >= 4 and ring[0] == ring[-1]
                assert all(-180 <= x <= 180 and -90 <= y <= 90 for x, y in ring)
    # served from the package's own data: nothing points elsewhere, and it stays small
    assert "http://" not in res.text and "https://" not in res.text
    assert len(res.content) < 2_000_000
    assert json.loads(client.get("/api/countries.geojson").content) == body  # kept
