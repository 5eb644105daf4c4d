"""Checks on the people table (data/actors/people.tsv): format, codes, terms, spot checks."""

import csv
import importlib.resources
import re
from collections import defaultdict
from datetime import date

import pytest

HEADER = ["name", "aliases", "country", "sector", "role", "start", "end"]
SECTORS = {
    "GOV", "MIL", "COP", "JUD", "LEG", "PTY", "REB", "SPY", "PRM", "UAF", "UNK",
    "AGR", "BUS", "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP",
    "PRE", "REL", "SOC",
}
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _path():
    return importlib.resources.files("newscoder") / "data" / "actors" / "people.tsv"


def _lines():
    return _path().read_text(encoding="utf-8").splitlines()


def _rows():
    data = [ln for ln in _lines()[1:] if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(data, fieldnames=HEADER, delimiter="\t",
                               quoting=csv.QUOTE_NONE))


def _bounds(text):
    """Earliest and latest day a YYYY[-MM[-DD]] string can mean."""
    m = DATE_RE.match(text)
    assert m, text
    y, mo, d = m.group(1), m.group(2), m.group(3)
    y = int(y)
    if mo is None:
        return date(y, 1, 1), date(y, 12, 31)
    mo = int(mo)
    if d is None:
        nxt = date(y + (mo == 12), mo % 12 + 1, 1)
        return date(y, mo, 1), date.fromordinal(nxt.toordinal() - 1)
    return date(y, mo, int(d)), date(y, mo, int(d))


def _find(name, role=None):
    return [r for r in _rows() if r["name"] == name and (role is None or r["role"] == role)]


def test_people_data_header_exact():
    assert _lines()[0] == "\t".join(HEADER)


def test_people_data_rows_have_seven_fields():
    for ln in _lines()[1:]:
        if ln.strip() and not ln.startswith("#"):
            assert ln.count("\t") == 6, ln


def test_people_data_has_many_rows():
    assert len(_rows()) >= 500


def test_people_data_required_fields_and_codes():
    for r in _rows():
        assert r["name"].strip() == r["name"] and r["name"], r
        assert r["role"].strip(), r
        assert re.fullmatch(r"[A-Z]{3}", r["country"]), r
        assert r["sector"] in SECTORS, r


def test_people_data_dates_parse_and_end_not_before_start():
    for r in _rows():
        start_lo, _ = _bounds(r["start"])
        if r["end"]:
            _, end_hi = _bounds(r["end"])
            assert end_hi >= start_lo, r


def test_people_data_aliases_are_clean():
    for r in _rows():
        if not r["aliases"]:
            continue
        parts = r["aliases"].split("|")
        assert all(p and p == p.strip() for p in parts), r
        assert r["name"] not in parts, r


def test_people_data_same_person_has_same_aliases():
    seen = {}
    for r in _rows():
        assert seen.setdefault(r["name"], r["aliases"]) == r["aliases"], r["name"]


def test_people_data_no_overlapping_terms_in_same_role():
    by_key = defaultdict(list)
    for r in _rows():
        start, _ = _bounds(r["start"])
        end = _bounds(r["end"])[0] if r["end"] else date.max
        by_key[(r["name"], r["role"])].append((start, end, r))
    for key, terms in by_key.items():
        terms.sort(key=lambda t: t[0])
        for (_s1, e1, r1), (s2, _e2, r2) in zip(terms, terms[1:], strict=False):
            assert s2 >= e1, (key, r1, r2)


def test_people_data_shoigu_defence_minister_until_may_2024():
    rows = _find("Sergei Shoigu", "defence minister")
    assert len(rows) == 1
    r = rows[0]
    assert (r["country"], r["sector"]) == ("RUS", "MIL")
    assert r["start"].startswith("2012-11")
    assert r["end"].startswith("2024-05")
    later = [x for x in _find("Sergei Shoigu") if x["start"].startswith("2024-05")]
    assert later and later[0]["sector"] == "GOV"
    assert "Shoigu" in r["aliases"].split("|")


def test_people_data_putin_president():
    rows = _find("Vladimir Putin", "president")
    assert rows and all((r["country"], r["sector"]) == ("RUS", "GOV") for r in rows)
    assert any(r["end"] == "" for r in rows)
    assert "Putin" in rows[0]["aliases"].split("|")


def test_people_data_kim_jong_un():
    rows = _find("Kim Jong Un")
    assert rows and all((r["country"], r["sector"]) == ("PRK", "GOV") for r in rows)
    assert "Kim" not in rows[0]["aliases"].split("|")


def test_people_data_trump_two_terms():
    rows = _find("Donald Trump", "president")
    terms = sorted((r["start"], r["end"]) for r in rows)
    assert terms == [("2017-01-20", "2021-01-20"), ("2025-01-20", "")]
    assert all((r["country"], r["sector"]) == ("USA", "GOV") for r in rows)


@pytest.mark.parametrize("name,country", [
    ("Xi Jinping", "CHN"), ("Recep Tayyip Erdogan", "TUR"), ("Volodymyr Zelensky", "UKR"),
    ("Benjamin Netanyahu", "ISR"), ("Ali Khamenei", "IRN"), ("Narendra Modi", "IND"),
])
def test_people_data_sitting_leaders_open_ended(name, country):
    rows = _find(name)
    assert any(r["country"] == country and r["sector"] == "GOV" and r["end"] == ""
               for r in rows), name


@pytest.mark.parametrize("name,country,sector", [
    ("Osama bin Laden", "IMG", "REB"), ("Abu Bakr al-Baghdadi", "IMG", "REB"),
    ("Hassan Nasrallah", "LBN", "REB"), ("Yahya Sinwar", "PSE", "REB"),
    ("Abdul-Malik al-Houthi", "YEM", "REB"),
])
def test_people_data_armed_group_leaders(name, country, sector):
    rows = _find(name)
    assert rows and all((r["country"], r["sector"]) == (country, sector) for r in rows)
