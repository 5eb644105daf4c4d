"""Checks on the tables converted from the Phoenix and PLOVER dictionaries
(data/actors/phoenix_actors.tsv, plover_agents.tsv, made by make_phoenix.py): format,
codes, sectors, dates, the licence kept, and what the loader makes of them."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import subprocess
import sys
import time
from importlib.resources import files
from pathlib import Path

import pycountry
import pytest

from newscoder.actors.lexicon import PHOENIX_UNTIL, load_lexicon, load_phoenix, tokens_of

ACTORS = files("newscoder") / "data" / "actors"
SECTORS = set(
    "GOV MIL COP JUD LEG PTY REB SPY PRM UAF UNK AGR BUS CRM CVL EDU ELI JRN LAB MED REF OPP "
    "PRE REL SOC NGO IGO".split()
)
EXTRA = set("UNO EUR IGO NGO ISM IMG MNC KOS PSE HKG SCG".split())
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _countries() -> set[str]:
    codes = {c.alpha_3 for c in pycountry.countries} | EXTRA
    for line in (ACTORS / "countries.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            codes.add(line.split("\t", 1)[0])
    return codes


def _rows(name: str) -> list[list[str]]:
    text = (ACTORS / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines()
            if line.strip() and not line.startswith("#")]


@pytest.fixture(scope="module")
def actors() -> list[list[str]]:
    return _rows("phoenix_actors.tsv")


@pytest.fixture(scope="module")
def agents() -> list[list[str]]:
    return _rows("plover_agents.tsv")


@pytest.mark.parametrize("name", ["phoenix_actors.tsv", "plover_agents.tsv"])
def test_actor_phoenix_data_keeps_attribution_and_licence(name):
    head = (ACTORS / name).read_text(encoding="utf-8")[:4000]
    assert "Open Event Data Alliance" in head
    assert "MIT License" in head and "Permission is hereby granted" in head
    assert "make_phoenix.py" in head


def test_actor_phoenix_data_actor_rows(actors):
    assert actors[0] == ["name", "aliases", "country", "sector", "code", "start", "end",
                         "source"]
    countries = _countries()
    assert len(actors) > 30000
    for row in actors[1:]:
        assert len(row) == 8, row
        name, aliases, country, sector, code, start, end, source = row
        assert name and name == name.strip() and "  " not in name, row
        for alias in aliases.split("|") if aliases else []:
            assert alias and alias == alias.strip(), row
        assert country or sector, row
        assert not country or country in countries, row
        assert not sector or sector in SECTORS, row
        assert re.fullmatch(r"[A-Z]{3,}", code), row
        assert source in ("C", "I", "M"), row
        for value in (start, end):
            assert not value or DATE.match(value), row
            if value:
                dt.date.fromisoformat(value)
        if start and end:
            assert start <= end, row


def test_actor_phoenix_data_names_are_unique(actors):
    seen: dict[str, str] = {}
    for row in actors[1:]:
        if row[1]:  # the first row of an actor
            key = row[0].lower()
            assert key not in seen, row
            seen[key] = row[0]


def test_actor_phoenix_data_agent_rows(agents):
    assert agents[0] == ["term", "sector", "code", "kind"]
    seen: set[str] = set()
    for row in agents[1:]:
        assert len(row) == 4, row
        term, sector, code, kind = row
        assert term and term == term.strip().lower() and "  " not in term, row
        assert "!" not in term and "_" not in term, row  # substitutions expanded
        assert sector in SECTORS | {"JNK", "NON"}, row
        assert kind in ("person", "group"), row
        assert term not in seen, row
        seen.add(term)


@pytest.mark.parametrize("term, sector", [
    ("students", "EDU"), ("police", "COP"), ("rebels", "REB"), ("journalists", "JRN"),
    ("farmers", "AGR"), ("refugees", "REF"), ("international community", "NON"),
])
def test_actor_phoenix_data_agents_spot_checks(agents, term, sector):
    assert [r[1] for r in agents if r[0] == term] == [sector]


def test_actor_phoenix_data_generated_tables_match_the_script(tmp_path):
    """The committed tables are what make_phoenix.py makes of the shared dictionaries."""
    source = Path(__file__).resolve().parents[2] / "shared" / "data" / "eventdata-dictionaries"
    if not source.is_dir():
        pytest.skip("../shared dictionaries not present")
    script = Path(str(ACTORS)) / "make_phoenix.py"
    spec = importlib.util.spec_from_file_location("make_phoenix", script)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_phoenix"] = module  # dataclasses look their module up
    try:
        spec.loader.exec_module(module)
    finally:
        sys.modules.pop("make_phoenix", None)
    actors = list(module.actor_rows(
        module.read_actors(source / "petrarch2" / "Phoenix.Countries.actors.txt", "C"),
        module._countries()))
    committed = {tuple(r) for r in _rows("phoenix_actors.tsv")[1:] if r[-1] == "C"}
    assert {tuple(r) for r in actors} == committed


@pytest.mark.parametrize("name, when, country, sector, held", [
    ("angela merkel", dt.date(2007, 6, 1), "DEU", "GOV", True),
    ("angela merkel", dt.date(2003, 6, 1), "DEU", "ELI", False),
    ("kofi annan", dt.date(2004, 6, 1), "UNO", "IGO", True),
    ("kofi annan", dt.date(2010, 6, 1), None, "ELI", False),
    ("alvaro uribe velez", dt.date(2006, 6, 1), "COL", "GOV", True),
    # open-ended roles are not known to hold after the dictionaries' last year
    ("alvaro uribe velez", dt.date(2022, 6, 1), "COL", "GOV", None),
])
def test_actor_phoenix_loader_codes_by_date(name, when, country, sector, held):
    table = load_phoenix()
    index = table.best(tokens_of(name), when)
    assert index is not None
    code, on = table.code_on(index, when)
    assert code is not None
    assert (code.country, code.sector, on) == (country, sector, held)
    assert PHOENIX_UNTIL.year == 2015


def test_actor_phoenix_agents_do_not_override_roles():
    lex = load_lexicon()
    # roles.tsv codes protesters CVL and human rights groups NGO; the agents add words
    senses = lex.lookup(tokens_of("human rights groups"))
    assert [s.sector for s in senses if s.kind == "role"] == ["NGO"]
    assert [s.sector for s in lex.lookup(tokens_of("pupils")) if s.kind == "role"] == ["EDU"]
    assert [s.kind for s in lex.lookup(tokens_of("international community"))] == ["nonactor"]


def test_actor_phoenix_tables_load_fast_and_small():
    """The whole actor knowledge loads in under 2 s and 200 MB (a fresh process)."""
    code = ("import time, resource;"
            "from newscoder.actors.lexicon import load_lexicon, load_phoenix;"
            "r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss; t = time.perf_counter();"
            "load_lexicon(); load_phoenix();"
            "print(time.perf_counter() - t,"
            " (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - r) / 1024)")
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    seconds, megabytes = float(out[0]), float(out[1])
    assert seconds < 2.0, seconds
    assert megabytes < 200, megabytes
    assert time.perf_counter() - started < 10
