"""Toponym resolution: choose the gazetteer entry a name in a document refers to.

Each candidate gets a linear score over a few features (name match, size, kind of place,
the document's other places, the "X, Y" hierarchy). The first pass ranks by the prior
alone; its answers (their countries, divisions and points) become the context of the
next pass, whose answers become the context of the one after (``PASSES`` context passes
in all), so that neighbours settle together. The weights in ``WEIGHTS`` were tuned on
the first half of each evaluation corpus (benchmarks/geo_eval.py --tune) and reported on
the whole; a softmax-ranking fit of the same linear model (numpy) gained no more than
0.2 points on the second halves, so the tuned weights stay.
"""

from __future__ import annotations

import functools
import math
import operator
import tomllib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .gazetteer import COUNTRY_FEATURES, DATA_DIR, Gazetteer, km, norm

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
    "capital_adm1": 1.2,
}

def _load_words() -> dict[str, frozenset[str]]:
    with (DATA_DIR / "name_words.toml").open("rb") as f:
        return {k: frozenset(v.split()) for k, v in tomllib.load(f).items()}


_WORDS = _load_words()  # data/places/name_words.toml, which says what each list is for
STREET_WORDS = _WORDS["street"]
FACILITY_WORDS = STREET_WORDS | _WORDS["facility"]
NAMED_AFTER = _WORDS["named_after"]
FOREIGN_WORDS = _WORDS["foreign"]
# A place inside a longer unknown name must be at least this big (or a country or a
# division): small towns share their names with the words of institutions.
MIN_POP_CONTAINED = 10_000

_norm_name = functools.lru_cache(maxsize=1 << 16)(norm)  # names recur: memoise

_SUFFIXES = tuple(" " + w for w in sorted(_WORDS["suffixes"]))


@dataclass(frozen=True, slots=True)
class Candidate:
    row: int
    features: tuple[float, ...]


def candidates(gaz: Gazetteer, text: str) -> list[int]:
    """Rows a toponym can name, trying the text, then without suffixes or possessive."""
    text = text.strip()
    if text.endswith(("'s", "\u2019s")):
        text = text[:-2]
    key = _norm_name(text)
    if key in gaz.adjectives:  # "the English city of Salisbury"
        return [gaz.adjectives[key]]
    if key in gaz.demonyms and gaz.demonyms[key] in gaz.by_country:
        # "Canadian" is the country before it is a town in Texas.
        return [gaz.by_country[gaz.demonyms[key]]]
    rows = gaz.lookup_key(key)
    if rows:
        return rows
    # Arabic names with and without their article: "Qamishli" is GeoNames' "Al Qamishli".
    first, _, rest = key.partition(" ")
    rows = gaz.lookup_key(rest) if first in _ARTICLES and rest else gaz.lookup_key(f"al {key}")
    if rows:
        return rows
    for suffix in _SUFFIXES:
        if key.endswith(suffix):
            rows = gaz.lookup_key(key[: -len(suffix)])
            if rows:
                return rows
    # "North Texas", "Metro Nashville", "northern Iraq": the part of a place is (within
    # 161 km, mostly) the place.
    first, _, rest = key.partition(" ")
    if rest and first in _PART_WORDS:
        return gaz.lookup_key(rest)
    return []


_ARTICLES = _WORDS["articles"]
_PART_WORDS = _WORDS["part"]


def _candidates(gaz: Gazetteer, text: str) -> tuple[str, list[int]]:
    """A toponym's name key and candidate rows, else those of a place its name contains
    (so that "Walker County Sheriff's Office" is one more mention of "Walker County")."""
    rows = candidates(gaz, text) if not is_facility(text) else []
    if rows:
        return _norm_name(text), rows
    key, rows = contained(gaz, text)
    return (key, rows) if rows else (_norm_name(text), [])


def names_itself(gaz: Gazetteer, text: str) -> bool:
    """Whether the gazetteer knows the name itself, not only a place inside it."""
    return not is_facility(text) and bool(candidates(gaz, text))


def is_facility(text: str) -> bool:
    words = _norm_name(text).split()
    return len(words) > 1 and bool(FACILITY_WORDS.intersection(words[1:]))


def is_street(text: str) -> bool:
    return bool(STREET_WORDS.intersection(_norm_name(text).split()[1:]))


def contained(gaz: Gazetteer, text: str) -> tuple[str, list[int]]:
    """Rows of the biggest-known place named inside a longer name the gazetteer lacks.

    "Old Town Manassas" and "Lake Manassas" are at Manassas, "University of California"
    in California, "US Federal Reserve" in the United States: the longest run of words
    that names a country, a division, a region or a town of ``MIN_POP_CONTAINED``
    people, the bigger when there are several ("Robinson College Cambridge").
    Streets, natural features and places inside an embassy's name are left alone (see
    ``STREET_WORDS``, ``NAMED_AFTER``, ``FOREIGN_WORDS``). Returns the contained name's
    key and rows.
    """
    words = _norm_name(text).split()
    if len(words) < 2 or is_street(text) or words[-1] in NAMED_AFTER:
        return "", []
    foreign = bool(FOREIGN_WORDS.intersection(words))
    best: tuple[int, int, int, list[int]] = (0, 0, -1, [])  # length, rank, people
    found = ""
    for i in range(len(words)):
        for j in range(len(words), i, -1):
            if j - i == len(words) or j - i < best[0]:
                continue
            if words[i] in _GENERIC or words[j - 1] in _GENERIC - _END_WORDS \
                    or (i and words[i - 1] == "saint"):  # "St. Mark's Cathedral"
                continue
            rows = _contained_rows(gaz, " ".join(words[i:j]), foreign)
            if rows:
                rank = (j - i, _contained_rank(gaz, rows), gaz.pop[rows[0]])
                if rank > best[:3]:
                    best = (*rank, rows)
                    found = " ".join(words[i:j])
                break
    return (found, best[3]) if best[3] else ("", [])


def _contained_rows(gaz: Gazetteer, key: str, foreign: bool) -> list[int]:
    # An adjective inside a name says whose the institution is, not where it is ("British
    # International School" in Cairo); only the place's own name counts.
    if (key in gaz.demonyms or key in gaz.adjectives) and not gaz.lookup_key(key):
        return []
    found = gaz.lookup_key(key) or candidates(gaz, key)
    if foreign and any(gaz.feature[r] in COUNTRY_FEATURES for r in found):
        return []  # "Embassy of Armenia" is not in Armenia, Colombia either
    rows = []
    for r in found:
        feature = gaz.feature[r]
        if feature in COUNTRY_FEATURES:
            if not foreign:
                rows.append(r)
        elif feature in _BIG_UNITS or (gaz.pop[r] >= MIN_POP_CONTAINED
                                       and _norm_name(gaz.name[r]) == key):
            rows.append(r)
    return rows


def _contained_rank(gaz: Gazetteer, rows: list[int]) -> int:
    """Countries and divisions before regions and seas, before towns."""
    feature = gaz.feature[rows[0]]
    if feature in COUNTRY_FEATURES or feature in ("ADM1", "ADM2"):
        return 2
    return 1 if feature in _BIG_UNITS else 0


_GENERIC = FACILITY_WORDS | FOREIGN_WORDS | _WORDS["generic"]
_END_WORDS = _WORDS["end"]


_NO_OWN: tuple[Counter[str], Counter[str], int] = (Counter(), Counter(), 0)  # read only


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
        oc, oa, on = self.own.get(key, _NO_OWN)
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
    return _join(_static(gaz, row, key, parent_rows, adm1_countries),
                 _dynamic(gaz, row, key, ctx))


_DYNAMIC = FEATURES.index("ctx_country")  # ctx_country, ctx_admin1, near: from the context


def _join(static: tuple[float, ...], dynamic: tuple[float, float, float]) -> tuple[float, ...]:
    return static[:_DYNAMIC] + dynamic + static[_DYNAMIC:]


def _static(gaz: Gazetteer, row: int, key: str, parent_rows: Sequence[int],
            adm1_countries: frozenset[str]) -> tuple[float, ...]:
    """The features that do not depend on the context, in ``FEATURES`` order."""
    feat = gaz.feature[row]
    country = gaz.country[row]
    parent = 0.0
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
        parent,
        0.0 if country else 1.0,
        1.0 if country == "USA" else 0.0,
        1.0 if feat == "PPLC" and country in adm1_countries else 0.0,
    )


def _dynamic(gaz: Gazetteer, row: int, key: str, ctx: Context | None,
             ) -> tuple[float, float, float]:
    """ctx_country, ctx_admin1 and near."""
    if ctx is None:
        return 0.0, 0.0, 0.0
    ctx_country, ctx_admin1 = ctx.shares(key, gaz.country[row], gaz.admin1[row])
    near = 0.0
    d = _near_km(gaz.lat[row], gaz.lon[row], ctx.points, key)
    if d is not None:
        # 1 next door, 0.5 at 300 km, ~0 beyond 3000 km: local news stays local.
        near = 1.0 / (1.0 + d / 300.0)
    return ctx_country, ctx_admin1, near


def _adm1_countries(gaz: Gazetteer, rows: Sequence[int]) -> frozenset[str]:
    return frozenset(gaz.country[r] for r in rows if gaz.feature[r] == "ADM1")


_LOG10 = [math.log10(i + 1) for i in range(1000)]


def score(feats: tuple[float, ...], weights: dict[str, float] | Sequence[float]) -> float:
    w = [weights[n] for n in FEATURES] if isinstance(weights, dict) else weights
    return sum(map(operator.mul, w, feats))


PASSES = 3  # context passes after the prior-only one (2: -0.4 points on LGL)
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
    w = [weights[n] for n in FEATURES]
    looked = [_candidates(gaz, t) for t in texts]
    keys = [k for k, _ in looked]
    cands = [rows[:MAX_CANDIDATES] for _, rows in looked]
    # The features that do not change between passes, once per (name, parent).
    static: list[list[tuple[int, tuple[float, ...]]]] = []
    memo_static: dict[tuple[str, int | None], list[tuple[int, tuple[float, ...]]]] = {}
    for k, rows, p in zip(keys, cands, parents, strict=True):
        sk = (k, p)
        if sk not in memo_static:
            a1c = _adm1_countries(gaz, rows)
            parent_rows = cands[p] if p is not None else []
            memo_static[sk] = [(r, _static(gaz, r, k, parent_rows, a1c)) for r in rows]
        static.append(memo_static[sk])
    # First pass: the prior alone (no context, no parent).
    w_static = w[:_DYNAMIC] + w[_DYNAMIC + 3:]
    w_prior = [0.0 if n == "parent" else x for n, x in
               zip([n for n in FEATURES if n not in ("ctx_country", "ctx_admin1", "near")],
                   w_static, strict=True)]
    best: list[int | None] = []
    memo: dict[str, int | None] = {}
    for k, st in zip(keys, static, strict=True):
        if k not in memo:
            memo[k] = max(((sum(map(operator.mul, w_prior, f)), r) for r, f in st),
                          default=(0.0, None))[1]
        best.append(memo[k])
    # Context passes: each pass's answers are the next one's context, so that "Walker
    # County" and "Huntsville" settle on Texas together.
    groups = list({id(st): (k, st) for k, st in zip(keys, static, strict=True)}.values())
    flat = [(k, r) for k, st in groups for r, _ in st]
    c_lat = np.array([gaz.lat[r] for _, r in flat], dtype=np.float64)
    c_lon = np.array([gaz.lon[r] for _, r in flat], dtype=np.float64)
    key_id = {k: i for i, k in enumerate(dict.fromkeys(keys))}
    c_key = np.array([key_id[k] for k, _ in flat], dtype=np.int64)
    w_dyn = w[_DYNAMIC:_DYNAMIC + 3]
    out: list[list[Candidate]] = []
    for n in range(PASSES):
        ctx = build_context(gaz, keys, best, extra_countries)
        near = _near_all(ctx, c_lat, c_lon, c_key, key_id)
        i = 0
        if n < PASSES - 1:
            chosen: dict[int, int | None] = {}
            for k, st in groups:
                top: tuple[float, int | None] = (-math.inf, None)
                for r, f in st:
                    cc, ca = ctx.shares(k, gaz.country[r], gaz.admin1[r])
                    v = sum(map(operator.mul, w_static, f)) \
                        + w_dyn[0] * cc + w_dyn[1] * ca + w_dyn[2] * near[i]
                    i += 1
                    if v > top[0]:
                        top = (v, r)
                chosen[id(st)] = top[1]
            best = [chosen[id(st)] for st in static]
        else:
            final: dict[int, list[Candidate]] = {}
            for k, st in groups:
                cands_k = []
                for r, f in st:
                    cc, ca = ctx.shares(k, gaz.country[r], gaz.admin1[r])
                    cands_k.append(Candidate(r, _join(f, (cc, ca, near[i]))))
                    i += 1
                final[id(st)] = cands_k
            out = [final[id(st)] for st in static]
    return out


def _near_all(ctx: Context, c_lat: np.ndarray, c_lon: np.ndarray, c_key: np.ndarray,
              key_id: dict[str, int]) -> list[float]:
    """``near`` for every candidate of a document at once: 1 next door, 0.5 at 300 km,
    ~0 beyond 3000 km, 0 with no other place in the context (see ``_near_km``)."""
    if not ctx.points or not len(c_lat):
        return [0.0] * len(c_lat)
    p_lat = np.array([p[1] for p in ctx.points], dtype=np.float64)
    p_lon = np.array([p[2] for p in ctx.points], dtype=np.float64)
    p_key = np.array([key_id.get(p[0], -1) for p in ctx.points], dtype=np.int64)
    dl = np.abs(c_lon[:, None] - p_lon[None, :])
    dl = np.where(dl > 180, 360 - dl, dl)
    kx = np.cos(np.radians(c_lat))[:, None]
    d2 = (c_lat[:, None] - p_lat[None, :]) ** 2 + (dl * kx) ** 2
    d2 = np.where(c_key[:, None] == p_key[None, :], np.inf, d2)
    best = d2.min(axis=1)
    near = np.where(np.isfinite(best), 1.0 / (1.0 + 111.2 * np.sqrt(best) / 300.0), 0.0)
    return list(near.tolist())


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
    return _drop_foreign_contained_towns(gaz, texts, [choose(c, weights) for c in feats])


def _drop_foreign_contained_towns(gaz: Gazetteer, texts: Sequence[str],
                                  rows: list[int | None]) -> list[int | None]:
    """A town or county found inside a longer name ("Carnegie Library", "Liverpool
    Academy") is dropped when the document's other places are all in other countries:
    such names are more often after a person or a namesake than in a town abroad."""
    own = [names_itself(gaz, t) for t in texts]
    countries = {gaz.country[r] for r, o in zip(rows, own, strict=True) if r is not None and o}
    out = []
    for row, o in zip(rows, own, strict=True):
        if row is not None and not o and countries and gaz.country[row] not in countries \
                and (gaz.feature[row].startswith("PPL") or gaz.feature[row] == "ADM2"):
            row = None
        out.append(row)
    return out


def anchor(gaz: Gazetteer, rows: Sequence[int | None]) -> int | None:
    """The document's home town (or county), where its unknown toponyms most likely are.

    A street, a building or a neighbourhood the gazetteer lacks ("Royal Street", "Barclays
    Center") is nearly always within 161 km of the town the story is about: of the towns
    it names, the one that most of its other distinct places are in or next to (the same
    division, or within 161 km), the first named on a tie. Countries and divisions are no
    anchor: a street "in Kentucky" is not at Kentucky's middle.
    """
    distinct = list(dict.fromkeys(r for r in rows if r is not None and gaz.country[r]))
    towns = [r for r in distinct if gaz.feature[r] not in _NOT_ANCHOR]
    if len(towns) <= 1:
        return towns[0] if towns else None

    def support(town: int) -> int:
        n = 0
        for r in distinct:
            if gaz.feature[r] in COUNTRY_FEATURES:
                continue
            if gaz.admin1[r] == gaz.admin1[town] \
                    or km(gaz.lat[r], gaz.lon[r], gaz.lat[town], gaz.lon[town]) <= 161:
                n += 1
        return n

    return max(towns, key=support)


_NOT_ANCHOR = COUNTRY_FEATURES | {"ADM1", "RGN", "CONT", "SEA", "OCN", "GULF", "ZN", "MTS",
                                  "PEN", "PLAT", "STM", "ISL"}
_BIG_UNITS = _NOT_ANCHOR - COUNTRY_FEATURES | {"ADM2"}
