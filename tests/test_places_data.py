"""Data tests of data/places/admin1_capitals.tsv against the real gazetteer build.

A row names a first-level division and a town of it; the build takes the town's GeoNames
admin1 code as the division's. A capital that is missing drops the row without a word,
and one that lies in another division merges two divisions into one row, so both are
checked here.
"""

from __future__ import annotations

from collections import defaultdict

import pycountry
import pytest

from newscoder.places import gazetteer
from newscoder.places.gazetteer import DATA_DIR, Gazetteer

TABLE = DATA_DIR / "admin1_capitals.tsv"
ISO3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}


def _rows() -> list[tuple[str, list[str], str]]:
    """(iso2, names, capital) of each row of the table."""
    out = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cc, names, capital = line.split("\t")
            out.append((cc, names.split("|"), capital))
    return out


ROWS = _rows()


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return gazetteer.load()


def _capital_code(gaz: Gazetteer, cc: str, capital: str) -> str | None:
    """The admin1 code the build gives the division: that of the biggest town of the
    country named (or also named) like the capital."""
    towns = [r for r in gaz.lookup(capital)
             if gaz.country[r] == ISO3[cc] and gaz.feature[r].startswith("PPL")]
    return gaz.admin1[max(towns, key=lambda r: gaz.pop[r])] if towns else None


def test_places_data_admin1_table_is_well_formed():
    assert len(ROWS) > 400
    for cc, names, capital in ROWS:
        assert cc in ISO3, cc
        assert all(n.strip() == n and n for n in names), names
        assert capital.strip() == capital and capital, names[0]


def test_places_data_admin1_capitals_are_towns_of_their_country(gaz):
    missing = [(cc, names[0], capital) for cc, names, capital in ROWS
               if _capital_code(gaz, cc, capital) is None]
    assert not missing


def test_places_data_admin1_names_find_their_division(gaz):
    wrong = []
    for cc, names, capital in ROWS:
        code = _capital_code(gaz, cc, capital)
        for name in names:
            divisions = {gaz.admin1[r] for r in gaz.lookup(name)
                         if gaz.feature[r] == "ADM1" and gaz.country[r] == ISO3[cc]}
            if code not in divisions:
                wrong.append((cc, name, code, sorted(divisions)))
    assert not wrong


def test_places_data_admin1_rows_do_not_share_a_division(gaz):
    # Two rows on one code: a capital that lies in another division merged them.
    by_code: dict[str, list[str]] = defaultdict(list)
    for cc, names, capital in ROWS:
        by_code[str(_capital_code(gaz, cc, capital))].append(names[0])
    shared = {code: names for code, names in by_code.items() if len(names) > 1}
    assert not shared


def test_places_data_admin1_division_is_named_by_its_row(gaz):
    # The division's main name is the row's first name (not a name pycountry gave it).
    for cc, names, capital in ROWS:
        row = gaz.by_admin1[str(_capital_code(gaz, cc, capital))]
        assert gaz.name[row] == names[0], (cc, names[0], gaz.name[row])
