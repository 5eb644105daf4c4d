"""Toponym resolution: choose the gazetteer entry a name in a document refers to.

Each candidate gets a linear score over a few features (name match, size, kind of place,
the document's other places, the "X, Y" hierarchy). Two passes: the first ranks by the
prior alone, and its answers (their countries, divisions and points) become the context
of the second. The weights in ``WEIGHTS`` were tuned on the first half of each
evaluation corpus (benchmarks/geo_eval.py --tune) and reported on the whole.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .gazetteer import COUNTRY_FEATURES, Gazetteer, norm

FEATURES = (
    "main",  # the text is the place's main name, not an alternate
    "logpop",  # log10 of the population (countries and divisions: their towns')
    "country",  # the place is a country
    "adm1",  # a first-level division
    "adm2",  # a county
    "capital",  # a national capital
    "ctx_country",  # share of the document's other places in this place's country
    "ctx_admin1",  # share of them in this place's division
    "near",  # closeness to the nearest other place of the document (0..1)
    "parent",  # "X, Y" / "X in Y": Y contains this place
    "region",  # a region, sea or continent (no country)
    "usa",  # the place is in the United States (English-language news)
    "capital_adm1",  # a capital named like a division of its country (Washington, D.C.)
)  # the order of the tuple ``features`` returns

WEIGHTS: dict[str, float] = {
    "main": 1.0,
    "logpop": 0.45,
    "country": 2.0,
    "adm1": 1.5,
    "adm2": 0.5,
    "capital": 0.5,
    "ctx_country": 2.0,
    "ctx_admin1": 2.0,
    "near": 1.5,
    "parent": 4.0,
    "region": 1.0,
    "usa": 0.0,
    "capital_adm1": 1.0,
}

# Words that mark a street, a building or an institution: such names may stay unresolved,
# but must not be pinned on a town that shares their first word.
FACILITY_WORDS = frozenset(
    "street st road rd avenue ave boulevard blvd lane drive highway hwy interstate route "
    "building hall center centre school college university hospital church mosque "
    "temple airport station park bridge tower plaza mall stadium arena court square "
    "library museum hotel prison jail base".split())

_SUFFIXES = (" county", " parish", " province", " state", " region", " city", " district")


@dataclass(frozen=True, slots=True)
class Candidate:
    row: int
    features: tuple[float, ...]


def candidates(gaz: Gazetteer, text: str) -> list[int]:
    """Rows a toponym can name, trying the text, then without suffixes or possessive."""
    text = text.strip()
    if text.endswith(("'s", "\u2019s")):
        text = text[:-2]
    key = norm(text)
    if key in gaz.demonyms and gaz.demonyms[key] in gaz.by_country:
        # "Canadian" is the country before it is a town in Texas.
        return [gaz.by_country[gaz.demonyms[key]]]
    rows = gaz.lookup(text)
    if rows:
        return rows
    for suffix in _SUFFIXES:
        if key.endswith(suffix):
            base = key[: -len(suffix)]
            rows = gaz.lookup(base)
            if rows:
                return rows
    # "North Texas", "Metro Nashville", "northern Iraq": the part of a place is (within
    # 161 km, mostly) the place.
    first, _, rest = key.partition(" ")
    if rest and first in _PART_WORDS:
        return gaz.lookup(rest)
    return []


_PART_WORDS = frozenset("north south east west central northern southern eastern western "
                        "northeast northwest southeast southwest metro greater downtown "
                        "rural suburban".split())


def is_facility(text: str) -> bool:
    words = norm(text).split()
    return len(words) > 1 and bool(FACILITY_WORDS.intersection(words[1:]))


@dataclass
class Context:
    """What the rest of the document says: countries, divisions, points.

    Mentions of the same name are left out of their own context, or a first-pass
    choice repeated three times would vote for itself.
    """

    countries: Counter[str]
    admin1s: Counter[str]
    total: int
    own: dict[str, tuple[Counter[str], Counter[str], int]]  # per name key: its share
    points: list[tuple[str, float, float]]  # (name key, lat, lon), towns only

    def shares(self, key: str, country: str, admin1: str) -> tuple[float, float]:
        oc, oa, on = self.own.get(key, (Counter(), Counter(), 0))
        n = self.total - on
        if n <= 0:
            return 0.0, 0.0
        return (self.countries[country] - oc[country]) / n, (self.admin1s[admin1] - oa[admin1]) / n


def build_context(gaz: Gazetteer, keys: Sequence[str], best: Sequence[int | None],
                  extra_countries: Sequence[str] = ()) -> Context:
    countries: Counter[str] = Counter(extra_countries)
    admin1s: Counter[str] = Counter()
    own: dict[str, tuple[Counter[str], Counter[str], int]] = {}
    seen: set[tuple[str, int]] = set()
    points: list[tuple[str, float, float]] = []
    for key, row in zip(keys, best, strict=True):
        if row is None:
            continue
        c, a = gaz.country[row], gaz.admin1[row]
        countries[c] += 1
        admin1s[a] += 1
        oc, oa, on = own.setdefault(key, (Counter(), Counter(), 0))
        oc[c] += 1
        oa[a] += 1
        own[key] = (oc, oa, on + 1)
        if gaz.feature[row] not in COUNTRY_FEATURES and gaz.country[row] \
                and (key, row) not in seen and len(points) < 40:
            seen.add((key, row))
            points.append((key, gaz.lat[row], gaz.lon[row]))
    return Context(countries, admin1s, sum(countries.values()), own, points)


def _near_km(lat: float, lon: float, points: Sequence[tuple[str, float, float]],
             key: str) -> float | None:
    """Distance to the nearest context point of another name (equirectangular: the
    resolver only needs "next door" versus "another continent", and it is 5x faster
    than the haversine in this inner loop)."""
    best = None
    kx = math.cos(math.radians(lat))
    for k, a, b in points:
        if k == key:
            continue
        dl = abs(lon - b)
        if dl > 180:
            dl = 360 - dl
        d = (lat - a) ** 2 + (dl * kx) ** 2
        if best is None or d < best:
            best = d
    return None if best is None else 111.2 * math.sqrt(best)


def features(gaz: Gazetteer, row: int, text: str, key: str, ctx: Context | None,
             parent_rows: Sequence[int], adm1_countries: frozenset[str] = frozenset(),
             ) -> tuple[float, ...]:
    """The candidate's feature values, in the order of ``FEATURES``.

    ``adm1_countries``: the countries with a first-level division of this name.
    """
    feat = gaz.feature[row]
    country = gaz.country[row]
    ctx_country = ctx_admin1 = near = parent = 0.0
    if ctx is not None:
        ctx_country, ctx_admin1 = ctx.shares(key, country, gaz.admin1[row])
        d = _near_km(gaz.lat[row], gaz.lon[row], ctx.points, key)
        if d is not None:
            # 1 next door, 0.5 at 300 km, ~0 beyond 3000 km: local news stays local.
            near = 1.0 / (1.0 + d / 300.0)
    for p in parent_rows:
        if p == row:
            continue
        if gaz.feature[p] in COUNTRY_FEATURES and gaz.country[p] == country:
            parent = 1.0
        elif gaz.feature[p] == "ADM1" and gaz.admin1[p] == gaz.admin1[row]:
            parent = 1.0
    return (
        1.0 if _norm_name(gaz.name[row]) == key else 0.0,
        _LOG10[gaz.pop[row]] if gaz.pop[row] < len(_LOG10) else math.log10(gaz.pop[row] + 1),
        1.0 if feat in COUNTRY_FEATURES else 0.0,
        1.0 if feat == "ADM1" else 0.0,
        1.0 if feat == "ADM2" else 0.0,
        1.0 if feat == "PPLC" else 0.0,
        ctx_country,
        ctx_admin1,
        near,
        parent,
        0.0 if country else 1.0,
        1.0 if country == "USA" else 0.0,
        1.0 if feat == "PPLC" and country in adm1_countries else 0.0,
    )


def _adm1_countries(gaz: Gazetteer, rows: Sequence[int]) -> frozenset[str]:
    return frozenset(gaz.country[r] for r in rows if gaz.feature[r] == "ADM1")


_LOG10 = [math.log10(i + 1) for i in range(1000)]
_norm_name = functools.lru_cache(maxsize=1 << 16)(norm)  # gazetteer names recur


def score(feats: tuple[float, ...], weights: dict[str, float] | Sequence[float]) -> float:
    w = [weights[n] for n in FEATURES] if isinstance(weights, dict) else weights
    return sum(a * b for a, b in zip(w, feats, strict=True))


MAX_CANDIDATES = 15  # postings are biggest first; the tail is hamlets sharing a name


def document_features(gaz: Gazetteer, texts: Sequence[str], parents: Sequence[int | None],
                      extra_countries: Sequence[str] = (),
                      weights: dict[str, float] | None = None,
                      ) -> list[list[Candidate]]:
    """Candidates with their second-pass features, per toponym of one document.

    ``parents[i]`` is the index of the toponym that contains toponym i ("X, Y": Y), or
    None; ``extra_countries`` are ISO3 codes the document's actors and demonyms name.
    """
    weights = weights or WEIGHTS
    keys = [norm(t) for t in texts]
    cands = [candidates(gaz, t)[:MAX_CANDIDATES] if not is_facility(t) else [] for t in texts]
    prior = [0.0 if n in ("ctx_country", "ctx_admin1", "near", "parent") else weights[n]
             for n in FEATURES]
    first: list[int | None] = []
    memo: dict[str, int | None] = {}
    for t, k, rows in zip(texts, keys, cands, strict=True):
        if k not in memo:
            a1c = _adm1_countries(gaz, rows)
            scored = [(score(features(gaz, r, t, k, None, (), a1c), prior), r) for r in rows]
            memo[k] = max(scored)[1] if scored else None
        first.append(memo[k])
    ctx = build_context(gaz, keys, first, extra_countries)
    out: list[list[Candidate]] = []
    cache: dict[tuple[str, int | None], list[Candidate]] = {}
    for t, k, rows, p in zip(texts, keys, cands, parents, strict=True):
        ck = (k, p)
        if ck not in cache:
            parent_rows = cands[p] if p is not None else []
            a1c = _adm1_countries(gaz, rows)
            cache[ck] = [Candidate(r, features(gaz, r, t, k, ctx, parent_rows, a1c))
                         for r in rows]
        out.append(cache[ck])
    return out


def choose(cands: Sequence[Candidate], weights: dict[str, float] | None = None) -> int | None:
    if not cands:
        return None
    weights = weights or WEIGHTS
    w = [weights[n] for n in FEATURES]
    return max(cands, key=lambda c: score(c.features, w)).row


def resolve_texts(gaz: Gazetteer, texts: Sequence[str], parents: Sequence[int | None],
                  extra_countries: Sequence[str] = (),
                  weights: dict[str, float] | None = None) -> list[int | None]:
    """The chosen gazetteer row for each toponym of one document (None: no candidate)."""
    feats = document_features(gaz, texts, parents, extra_countries, weights)
    return [choose(c, weights) for c in feats]


def anchor(gaz: Gazetteer, rows: Sequence[int | None]) -> int | None:
    """The document's first town (or county), where its unknown toponyms most likely are.

    A street, a building or a neighbourhood the gazetteer lacks ("Royal Street", "Barclays
    Center") is nearly always within 161 km of the first town the story names. Countries
    and divisions are no anchor: a street "in Kentucky" is not at Kentucky's middle.
    """
    for row in rows:
        if row is not None and gaz.country[row] and gaz.feature[row] not in _NOT_ANCHOR:
            return row
    return None


_NOT_ANCHOR = COUNTRY_FEATURES | {"ADM1", "RGN", "CONT", "SEA", "OCN", "GULF", "ZN", "MTS",
                                  "PEN", "PLAT", "STM", "ISL"}
