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
