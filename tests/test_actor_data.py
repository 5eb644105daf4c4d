"""Consistency checks for the actor knowledge tables in newscoder/data/actors/."""

from __future__ import annotations

import csv
import re
from importlib.resources import files

import pycountry
import pytest

ACTORS = files("newscoder") / "data" / "actors"

SECTORS = set(
    "GOV MIL COP JUD LEG PTY REB SPY PRM UAF UNK AGR BUS CRM CVL EDU ELI JRN LAB MED REF OPP "
    "PRE REL SOC".split()
) | {"NGO", "IGO"}  # sectors the event gold gives non-governmental and international bodies
EXTRA_CODES = set("UNO EUR IGO NGO ISM IMG MNC KOS PSE HKG".split())
KINDS = {"person", "group"}

# Strings allowed to name two different countries (case-insensitive). Keep empty unless the
# clash cannot be resolved in the data; document each entry.
COLLISION_EXCEPTIONS: dict[str, set[str]] = {}


def _load(name: str) -> list[list[str]]:
    text = (ACTORS / name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _alts(cell: str) -> list[str]:
    return cell.split("|") if cell else []


def _seat_names(cell: str) -> list[tuple[str, str]]:
    out = []
    for item in _alts(cell):
        name, _, sector = item.rpartition(":")
        out.append((name, sector))
    return out


@pytest.fixture(scope="module")
def countries() -> list[list[str]]:
    return _load("countries.tsv")


@pytest.fixture(scope="module")
def organisations() -> list[list[str]]:
    return _load("organisations.tsv")


@pytest.fixture(scope="module")
def roles() -> list[list[str]]:
    return _load("roles.tsv")


def _by_iso(countries: list[list[str]]) -> dict[str, list[str]]:
    return {row[0]: row for row in countries[1:]}


def test_actor_data_headers_exact(countries, organisations, roles):
    assert countries[0] == ["iso3", "names", "adjectives", "capitals", "seats"]
    assert organisations[0] == ["name", "aliases", "country", "sector"]
    assert roles[0] == ["term", "sector", "kind"]


@pytest.mark.parametrize(
    "name,width", [("countries.tsv", 5), ("organisations.tsv", 4), ("roles.tsv", 3)]
)
def test_actor_data_rows_have_header_width_and_clean_cells(name, width):
    for row in _load(name):
        assert len(row) == width, row
        for cell in row:
            assert cell == cell.strip(), row
            for alt in _alts(cell):
                assert alt and alt == alt.strip() and "  " not in alt, (row, alt)


def test_actor_data_iso3_codes_are_three_uppercase_letters(countries):
    codes = [row[0] for row in countries[1:]]
    assert all(re.fullmatch(r"[A-Z]{3}", c) for c in codes)
    assert len(codes) == len(set(codes))


def test_actor_data_every_sovereign_state_is_listed(countries):
    codes = set(_by_iso(countries))
    # 193 UN members, the Holy See and the ONTOLOGY extras
    assert len(codes) >= 199
    for code in (
        "USA",
        "RUS",
        "CHN",
        "PRK",
        "KOR",
        "VAT",
        "SSD",
        "TLS",
        "MNE",
        "KOS",
        "PSE",
        "HKG",
        "TWN",
        "SUN",
        "YUG",
        "CSK",
        "DDR",
    ):
        assert code in codes, code
    for code in codes - {"KOS", "SUN", "YUG", "CSK", "DDR"}:
        assert pycountry.countries.get(alpha_3=code) is not None, code


def test_actor_data_names_have_no_leading_article(countries):
    for row in countries[1:]:
        for name in _alts(row[1]):
            assert not name.lower().startswith("the "), name


def test_actor_data_country_strings_do_not_collide(countries):
    owner: dict[str, str] = {}
    clashes = []
    for row in countries[1:]:
        iso = row[0]
        strings = _alts(row[1]) + _alts(row[2]) + _alts(row[3])
        strings += [name for name, _ in _seat_names(row[4])]
        for s in strings:
            key = s.casefold()
            prev = owner.setdefault(key, iso)
            if prev != iso and {prev, iso} != COLLISION_EXCEPTIONS.get(key):
                clashes.append((s, prev, iso))
    assert not clashes


def test_actor_data_ambiguous_korea_is_unassigned(countries):
    strings = {s.casefold() for row in countries[1:] for col in row[1:4] for s in _alts(col)}
    assert "korea" not in strings
    assert "korean" not in strings


def test_actor_data_seat_sectors_valid(countries):
    for row in countries[1:]:
        for name, sector in _seat_names(row[4]):
            assert name, row[0]
            assert sector in SECTORS, (row[0], name, sector)


def test_actor_data_organisation_countries_valid(countries, organisations):
    known = set(_by_iso(countries)) | EXTRA_CODES
    for row in organisations[1:]:
        code = row[2]
        assert code in known or pycountry.countries.get(alpha_3=code) is not None, row


def test_actor_data_organisation_sectors_valid(organisations):
    for row in organisations[1:]:
        assert row[3] == "" or row[3] in SECTORS, row


def test_actor_data_organisation_names_unique(organisations):
    def norm(s: str) -> str:
        return re.sub(r"[^\w+]", "", s.casefold())

    owner: dict[str, str] = {}
    for row in organisations[1:]:
        for s in [row[0], *_alts(row[1])]:
            prev = owner.setdefault(norm(s), row[0])
            assert prev == row[0], (s, prev, row[0])


def test_actor_data_organisation_names_are_not_country_names(countries, organisations):
    country_strings = {
        s.casefold() for row in countries[1:] for col in row[1:4] for s in _alts(col)
    }
    for row in organisations[1:]:
        for s in [row[0], *_alts(row[1])]:
            assert s.casefold() not in country_strings, (s, row)


def test_actor_data_organisations_count(organisations):
    assert len(organisations) - 1 >= 250


def test_actor_data_roles_valid_and_unique(roles):
    seen: dict[str, int] = {}
    for i, row in enumerate(roles[1:]):
        term, sector, kind = row
        assert sector in SECTORS, row
        assert kind in KINDS, row
        for t in _alts(term):
            assert t == t.lower(), t
            assert t not in seen, (t, roles[seen[t] + 1], row)
            seen[t] = i
    assert len(roles) - 1 >= 150


def test_actor_data_country_spot_checks(countries):
    by = _by_iso(countries)
    assert "Pyongyang" in _alts(by["PRK"][3])
    assert "North Korean" in _alts(by["PRK"][2])
    assert "North Korea" in _alts(by["PRK"][1])
    assert ("Kremlin", "GOV") in _seat_names(by["RUS"][4])
    assert ("White House", "GOV") in _seat_names(by["USA"][4])
    assert ("Pentagon", "MIL") in _seat_names(by["USA"][4])
    assert ("Knesset", "LEG") in _seat_names(by["ISR"][4])
    assert "Moscow" in _alts(by["RUS"][3])
    assert "Zaire" in _alts(by["COD"][1])
    assert "Burma" in _alts(by["MMR"][1])
    assert "West Germany" in _alts(by["DEU"][1])
    assert "Soviet Union" in _alts(by["SUN"][1])
    assert "Kyiv" in _alts(by["UKR"][3]) and "Kiev" in _alts(by["UKR"][3])
    assert "Congo" in _alts(by["COG"][1]) and "Congo" not in _alts(by["COD"][1])


def test_actor_data_organisation_spot_checks(organisations):
    by = {}
    for row in organisations[1:]:
        for s in [row[0], *_alts(row[1])]:
            by[s] = (row[2], row[3])
    assert by["Reuters"] == ("GBR", "JRN")
    assert by["Interfax"] == ("RUS", "JRN")
    assert by["Time"] == ("USA", "JRN")
    assert by["NATO"][0] == "IGO"
    assert by["UN"][0] == "UNO"
    assert by["Security Council"][0] == "UNO"
    assert by["EU"][0] == "EUR"
    assert by["ICC"] == ("IGO", "JUD")
    assert by["al-Qaeda"][0] == "IMG"
    assert by["Hamas"] == ("PSE", "REB")
    assert by["Hezbollah"] == ("LBN", "REB")
    assert by["RSF"] == ("SDN", "PRM")
    assert by["KCNA"] == ("PRK", "JRN")


def test_actor_data_role_spot_checks(roles):
    by = {t: (row[1], row[2]) for row in roles[1:] for t in _alts(row[0])}
    assert by["defence minister"] == ("MIL", "person")
    assert by["defense minister"] == ("MIL", "person")
    assert by["president"] == ("GOV", "person")
    assert by["presidents"] == ("GOV", "person")
    assert by["government"] == ("GOV", "group")
    assert by["riot police"] == ("COP", "group")
    assert by["security forces"] == ("MIL", "group")
    assert by["gunmen"] == ("UAF", "person")
    assert by["rebels"] == ("REB", "person")
    assert by["protesters"] == ("CVL", "person")
    assert by["journalist"] == ("JRN", "person")
    assert by["refugees"] == ("REF", "person")
