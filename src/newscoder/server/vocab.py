"""The closed vocabularies a filter value must belong to, read from the package data."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

STATUSES = ("asserted", "future", "hypothetical", "negated")


def _rows(*parts: str) -> list[list[str]]:
    text = resources.files("newscoder").joinpath("data", *parts).read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return rows[1:]  # the header


@lru_cache(maxsize=1)
def event_types() -> dict[str, str]:
    """PLOVER type -> quad."""
    return {row[0]: row[1] for row in _rows("plover", "types.tsv")}


@lru_cache(maxsize=1)
def modes() -> frozenset[str]:
    return frozenset(row[1] for row in _rows("plover", "modes.tsv"))


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Country code -> its first name in the actor dictionary."""
    names = {row[0]: row[1].split("|")[0] for row in _rows("actors", "countries.tsv")
             if len(row) > 1}
    names.update({"IGO": "International organisation", "UNO": "United Nations",
                  "EUR": "European Union", "NGO": "Non-governmental organisation"})
    return names
