"""The gazetteer index: cache location, rebuild key, lookups."""

from __future__ import annotations

from newscoder.places import gazetteer


def test_places_gazetteer_cache_dir_from_env(monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSCODER_CACHE", str(tmp_path))
    assert gazetteer.index_path().parent == tmp_path


def test_places_gazetteer_key_changes_with_package_version(monkeypatch):
    before = gazetteer.cache_key()
    monkeypatch.setattr(gazetteer, "_version", lambda dist: "999")
    assert gazetteer.cache_key() != before


def test_places_gazetteer_lookup_ranks_biggest_first():
    gaz = gazetteer.load()
    rows = gaz.lookup("Moscow")
    assert gaz.country[rows[0]] == "RUS" and gaz.feature[rows[0]] == "PPLC"
    assert gaz.demonyms["syrian"] == "SYR"


def test_places_gazetteer_division_adjectives_name_their_division():
    gaz = gazetteer.load()
    england = gaz.adjectives["english"]
    assert gaz.name[england] == "England" and gaz.feature[england] == "ADM1"
    assert "english" not in gaz.demonyms  # the division, not the United Kingdom
    assert gaz.name[gaz.adjectives["kurdish"]] == "Kurdistan"


def test_places_gazetteer_division_adjectives_are_not_town_names():
    # "Norman" is a city in Oklahoma before it is Normandy's adjective: an adjective that
    # is also the name of a real town would take the town's mentions away.
    gaz = gazetteer.load()
    clashes = [key for key in gaz.adjectives
               if any(gaz.pop[r] >= 10_000 and gaz.is_main_name(r, key)
                      for r in gaz.lookup_key(key))]
    assert clashes == []


def test_places_gazetteer_wire_abbreviations_and_town_aliases():
    gaz = gazetteer.load()
    assert "Manitoba" in [gaz.name[r] for r in gaz.lookup("Man.")]  # Canadian Press style
    assert "Quebec" in [gaz.name[r] for r in gaz.lookup("Que.")]
    names = [gaz.name[r] for r in gaz.lookup("L.A.")]
    assert "Los Angeles" in names and "Louisiana" in names  # context decides
