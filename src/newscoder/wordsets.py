"""Closed word classes kept as data: ``name<TAB>a|b|c`` tables under ``newscoder/data``
(``events/word_sets.tsv``, ``actors/word_sets.tsv``), each row a class the code reads by
name. Read once per process."""

from __future__ import annotations

import functools
from importlib import resources


@functools.cache
def word_sets(*parts: str) -> dict[str, frozenset[str]]:
    """The named word classes of the table at ``newscoder/data/<parts>``."""
    path = resources.files("newscoder").joinpath("data", *parts)
    out: dict[str, frozenset[str]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        name, sep, words = line.partition("\t")
        if not sep:
            raise ValueError(f"data/{'/'.join(parts)} line {number}: no tab after {name!r}")
        out[name] = frozenset(w.strip().lower() for w in words.split("|") if w.strip())
    return out
