"""The actor dictionary: countries, capitals and seats of power, organisations, role nouns
and political figures, loaded from the TSV tables in ``newscoder/data/actors``.

Every name is indexed by its lower-cased token sequence, so that the resolver can match
phrases over spaCy tokens with plain dictionary look-ups (longest match first).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

_TOKEN = re.compile(r"\w+(?:[.'’-]\w+)*\.?|[^\w\s]")


@dataclass(frozen=True, slots=True)
class Entry:
    """One dictionary sense of a phrase."""

    kind: str  # country, adjective, metonym, organisation, role, person
    name: str
    country: str | None
    sector: str | None
    plural: bool = False


@dataclass(frozen=True, slots=True)
class Term:
    """One term of office of a political figure."""

    country: str
    sector: str
    role: str
    start: dt.date
    end: dt.date | None


def tokens_of(text: str) -> tuple[str, ...]:
    """Split a dictionary name the way spaCy splits running text, lower-cased."""
    out: list[str] = []
    for tok in _TOKEN.findall(text.lower().replace("’", "'")):
        # spaCy splits the possessive and hyphens inside names; mirror that
        if tok.endswith("'s") and len(tok) > 2:
            out.extend([tok[:-2], "'s"])
        elif "-" in tok and not tok.startswith("-"):
            parts = tok.split("-")
            for i, part in enumerate(parts):
                if i:
                    out.append("-")
                if part:
                    out.append(part)
        else:
            out.append(tok)
    return tuple(out)


def _rows(name: str) -> Iterator[dict[str, str]]:
    path = resources.files("newscoder") / "data" / "actors" / name
    if not path.is_file():
        return
    with path.open(encoding="utf-8") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        for row in csv.DictReader(lines, delimiter="\t"):
            yield {k: (v or "").strip() for k, v in row.items() if k}


def _alts(cell: str) -> list[str]:
    return [a.strip() for a in cell.split("|") if a.strip()]


def _date(text: str, *, end: bool = False) -> dt.date | None:
    if not text:
        return None
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 12, 31) if end else dt.date(parts[0], 1, 1)
    if len(parts) == 2:
        if end:
            nxt = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return dt.date(parts[0], parts[1], 1)
    return dt.date(parts[0], parts[1], parts[2])


class ActorLexicon:
    """Phrase index over the actor tables; build once with :func:`load_lexicon`."""

    def __init__(self) -> None:
        self.phrases: dict[tuple[str, ...], list[Entry]] = {}
        self.max_len = 1
        self.first_words: set[str] = set()  # first tokens of all phrases: a cheap pre-check
        self.terms: dict[str, list[Term]] = {}  # canonical person name -> terms
        # alias tokens -> canonical names (a surname may be two people: George H. W. and
        # George W. Bush; the date of the mention chooses)
        self.person_alias: dict[tuple[str, ...], list[str]] = {}
        self.country_names: dict[str, str] = {}  # iso3 -> display name

    def add(self, phrase: str, entry: Entry) -> None:
        key = tokens_of(phrase)
        if not key:
            return
        senses = self.phrases.setdefault(key, [])
        if entry not in senses:
            senses.append(entry)
        self.max_len = max(self.max_len, len(key))
        self.first_words.add(key[0])

    def lookup(self, key: tuple[str, ...]) -> list[Entry]:
        return self.phrases.get(key, [])

    def person(self, key: tuple[str, ...], date: dt.date) -> str | None:
        """The canonical name an alias stands for on ``date``: the one in office then,
        else the one whose terms lie nearest."""
        names = self.person_alias.get(key)
        if not names:
            return None
        if len(names) == 1:
            return names[0]

        def distance(name: str) -> int:
            gaps = [0 if t.start <= date and (t.end is None or date <= t.end)
                    else min(abs((t.start - date).days), abs(((t.end or date) - date).days))
                    for t in self.terms.get(name, [])]
            return min(gaps) if gaps else 10**6

        return min(names, key=distance)

    def term_on(self, name: str, date: dt.date) -> tuple[Term | None, bool]:
        """The term held on ``date``, and whether the person had held office before."""
        terms = self.terms.get(name, [])
        current = [t for t in terms if t.start <= date and (t.end is None or date <= t.end)]
        if current:
            # the highest office first: heads of state/government over ministers
            return min(current, key=lambda t: _ROLE_RANK.get(t.role, 9)), True
        past = [t for t in terms if t.end is not None and t.end < date]
        if past:
            return max(past, key=lambda t: t.end or t.start), True
        return (terms[0] if terms else None), False


_ROLE_RANK = {"president": 0, "supreme leader": 0, "king": 0, "chairman": 1,
              "prime minister": 1, "chancellor": 1, "premier": 1}


@functools.lru_cache(maxsize=1)
def load_lexicon() -> ActorLexicon:
    lex = ActorLexicon()
    for row in _rows("countries.tsv"):
        iso3 = row["iso3"]
        names = _alts(row.get("names", ""))
        display = names[0] if names else iso3
        lex.country_names[iso3] = display
        for name in names:
            lex.add(name, Entry("country", display, iso3, None))
        for adj in _alts(row.get("adjectives", "")):
            lex.add(adj, Entry("adjective", display, iso3, None, plural=adj.endswith("s")))
        for cap in _alts(row.get("capitals", "")):
            lex.add(cap, Entry("metonym", display, iso3, "GOV"))
        for seat in _alts(row.get("seats", "")):
            name, _, sector = seat.partition(":")
            lex.add(name, Entry("metonym", name.strip(), iso3, sector.strip() or "GOV"))
    for row in _rows("organisations.tsv"):
        name = row["name"]
        entry = Entry("organisation", name, row.get("country") or None, row.get("sector") or None)
        for alias in [name, *_alts(row.get("aliases", ""))]:
            lex.add(alias, entry)
    for row in _rows("roles.tsv"):
        for term in _alts(row["term"]):
            plural = row.get("kind") == "group" or (term.endswith("s") and not term.endswith("ss"))
            lex.add(term, Entry("role", term, None, row.get("sector") or None, plural=plural))
    for row in _rows("people.tsv"):
        name = row["name"]
        start = _date(row.get("start", ""))
        if start is None or not row.get("country"):
            continue
        lex.terms.setdefault(name, []).append(
            Term(row["country"], row.get("sector") or "GOV", row.get("role", "").lower(), start,
                 _date(row.get("end", ""), end=True)))
        for alias in [name, *_alts(row.get("aliases", ""))]:
            names = lex.person_alias.setdefault(tokens_of(alias), [])
            if name not in names:
                names.append(name)
    return lex
