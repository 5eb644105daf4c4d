"""The actor dictionary: countries, capitals and seats of power, organisations, role nouns
and political figures, loaded from the TSV tables in ``newscoder/data/actors``.

Every name is indexed by its lower-cased token sequence, so that the resolver can match
phrases over spaCy tokens with plain dictionary look-ups (longest match first).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import hashlib
import os
import pickle
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..memory import load_pickle
from ..wordsets import word_sets

_TOKEN = re.compile(r"\w+(?:[.'’-]\w+)*\.?|[^\w\s]")


@dataclass(frozen=True, slots=True)
class Entry:
    """One dictionary sense of a phrase."""

    kind: str  # country, adjective, metonym, organisation, role, person, nonactor
    name: str
    country: str | None
    sector: str | None
    plural: bool = False
    source: str = ""  # the table the sense comes from, where not the kind's own


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


@functools.cache
def role_head_words() -> frozenset[str]:
    """The last word of every role term of ``roles.tsv`` ("police", "workers", "leader"):
    nouns that name people by what they are."""
    return frozenset(term.split()[-1] for row in _rows("roles.tsv") for term in _alts(row["term"]))


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


# the Phoenix dictionaries were kept up to about 2015: an open-ended role is not known to
# hold after this day (newscoder's own tables rule then)
PHOENIX_UNTIL = dt.date(2015, 12, 31)


@dataclass(frozen=True, slots=True)
class Code:
    """One dated actor code of a named actor of the Phoenix dictionaries."""

    country: str | None
    sector: str | None
    code: str
    start: dt.date | None
    end: dt.date | None

    @property
    def default(self) -> bool:
        return self.start is None and self.end is None

    def covers(self, date: dt.date) -> bool:
        return not self.default and (self.start is None or self.start <= date) and (
            self.end is None or date <= self.end)


def name_key(tokens: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """A name's tokens without hyphens and full stops: "Ban Ki-moon" and "Ban Ki Moon",
    "K. Annan" and "K Annan" are one key."""
    out = tuple(t.rstrip(".") for t in tokens if t not in ("-", ".", "'s"))
    return out[1:] if out[:1] == ("the",) else out


class PhoenixTable:
    """The named actors of the Phoenix dictionaries (``phoenix_actors.tsv``): names and
    aliases to actors with dated codes. Consulted after people.tsv and organisations.tsv,
    which are newscoder's own and rule where both know a name."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.codes: list[list[Code]] = []
        self.alias: dict[tuple[str, ...], list[int]] = {}
        self.by_name: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self.names)

    def lookup(self, key: tuple[str, ...]) -> list[int]:
        return self.alias.get(name_key(key), [])

    def code_on(self, index: int, date: dt.date) -> tuple[Code | None, bool | None]:
        """The code of actor ``index`` on ``date`` and whether a dated role held then
        (None: not known; the role is open-ended and the date after the dictionaries)."""
        codes = self.codes[index]
        current = [c for c in codes if c.covers(date)]
        if current:
            # an office over the elite code that often spans a career; the latest start
            best = max(current, key=lambda c: (c.sector != "ELI", c.start or dt.date.min))
            if best.end is None and date > PHOENIX_UNTIL:
                return best, None
            return best, True
        default = next((c for c in codes if c.default), None)
        dated = [c for c in codes if not c.default]
        if default is not None:
            return default, False if dated else None
        past = [c for c in dated if c.end is not None and c.end < date]
        if past:
            last = max(past, key=lambda c: c.end or dt.date.min)
            # a former office holder: the elite sector, the country kept
            return Code(last.country, "ELI" if last.sector not in (None, "IGO", "NGO")
                        else last.sector, last.code, None, None), False
        if dated:
            first = min(dated, key=lambda c: c.start or dt.date.min)
            return Code(first.country, None, first.code, None, None), False
        return None, None

    def best(self, key: tuple[str, ...], date: dt.date) -> int | None:
        """The actor an alias stands for on ``date``: one holding a role then, else the
        first listed."""
        found = self.lookup(key)
        if not found:
            return None
        if len(found) == 1:
            return found[0]
        held = [i for i in found if self.code_on(i, date)[1]]
        return (held or found)[0]


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newscoder"


@functools.lru_cache(maxsize=1)
def load_phoenix() -> PhoenixTable:
    """The Phoenix table, compiled once per version of the TSV into a pickle in the user's
    cache directory (0.1 s to load instead of 0.6 s to parse; every run of `newscoder code`
    pays the load)."""
    path = resources.files("newscoder") / "data" / "actors" / "phoenix_actors.tsv"
    if not path.is_file():
        return PhoenixTable()
    text = path.read_text(encoding="utf-8")
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
    cached = _cache_dir() / f"phoenix-{digest}.pickle"
    try:
        with cached.open("rb") as handle:
            table = load_pickle(handle)
        if isinstance(table, PhoenixTable):
            return table
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        pass
    table = _parse_phoenix(text)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        with partial.open("wb") as handle:
            pickle.dump(table, handle, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(cached)  # atomic: concurrent runs never read half a file
    except OSError:
        pass  # a read-only home: parse every time
    return table


def _parse_phoenix(text: str) -> PhoenixTable:
    table = PhoenixTable()
    # 35,000 rows: split the lines directly (csv.DictReader takes three times as long)
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    index = -1
    dates: dict[tuple[str, bool], dt.date | None] = {}
    for line in lines[1:]:
        name, aliases, country, sector, code, start, end, _ = line.split("\t")
        if index < 0 or name != table.names[index] or aliases:
            table.names.append(name)
            table.codes.append([])
            index = len(table.names) - 1
            table.by_name.setdefault(name, index)
            for alias in [name, *aliases.split("|")] if aliases else [name]:
                key = name_key(tokens_of(alias))
                if key:
                    ids = table.alias.setdefault(key, [])
                    if index not in ids:
                        ids.append(index)
        if (start, False) not in dates:
            dates[start, False] = _date(start)
        if (end, True) not in dates:
            dates[end, True] = _date(end, end=True)
        table.codes[index].append(Code(country or None, sector or None, code,
                                       dates[start, False], dates[end, True]))
    return table


class ActorLexicon:
    """Phrase index over the actor tables; build once with :func:`load_lexicon`."""

    def __init__(self) -> None:
        self.phrases: dict[tuple[str, ...], list[Entry]] = {}
        self.max_len = 1
        self.first_words: set[str] = set()  # first tokens of all phrases: a cheap pre-check
        # the most tokens a phrase starting with a word has: longer lookups find nothing
        self.first_len: dict[str, int] = {}
        self.terms: dict[str, list[Term]] = {}  # canonical person name -> terms
        # alias tokens -> canonical names (a surname may be two people: George H. W. and
        # George W. Bush; the date of the mention chooses)
        self.person_alias: dict[tuple[str, ...], list[str]] = {}
        self.country_names: dict[str, str] = {}  # iso3 -> display name
        # role nouns that take the sector of the body they lead (body_roles.txt)
        self.body_roles: set[tuple[str, ...]] = set()
        self.body_role_names: set[str] = set()  # the same, as written

    def add(self, phrase: str, entry: Entry) -> None:
        key = tokens_of(phrase)
        if not key:
            return
        senses = self.phrases.setdefault(key, [])
        if entry not in senses:
            senses.append(entry)
        self.max_len = max(self.max_len, len(key))
        self.first_words.add(key[0])
        if len(key) > self.first_len.get(key[0], 0):
            self.first_len[key[0]] = len(key)

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


# the sector a body of the international system acts in where its row gives none: the
# event gold's IGO and NGO; an international militant group (al-Qaeda, Islamic State) is an
# armed non-state group, REB, not a state's armed forces (the default of an attack by a
# named actor with no sector)
_BODY_SECTOR = {"UNO": "IGO", "IGO": "IGO", "EUR": "IGO", "NGO": "NGO", "IMG": "REB"}
# which of a person's current roles names them (data/actors/word_sets.tsv: role_rank_N)
_ROLE_RANK = {role: rank for rank in (0, 1)
              for role in word_sets("actors", "word_sets.tsv")[f"role_rank_{rank}"]}


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
        body_country = row.get("country") or None
        # a body of the international system acts in its sector (the event gold's IGO,
        # NGO), not as a state
        body_sector = row.get("sector") or _BODY_SECTOR.get(body_country or "")
        entry = Entry("organisation", name, body_country, body_sector)
        for alias in [name, *_alts(row.get("aliases", ""))]:
            lex.add(alias, entry)
    for row in _rows("roles.tsv"):
        for term in _alts(row["term"]):
            plural = row.get("kind") == "group" or (term.endswith("s") and not term.endswith("ss"))
            lex.add(term, Entry("role", term, None, row.get("sector") or None, plural=plural))
    path = resources.files("newscoder") / "data" / "actors" / "body_roles.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            lex.body_roles.add(tokens_of(line.strip()))
            lex.body_role_names.add(line.strip())
    for row in _rows("plover_agents.tsv"):
        # PLOVER's agent nouns where roles.tsv has no sense of the words (roles.tsv rules);
        # JNK and NON mark words that are no actor ("the international community")
        term, sector = row["term"], row.get("sector", "")
        # UNK ("group", "members") says nothing and would shadow the readings of the
        # phrase after "of" ("a group of deputies") or of the body it names
        if sector == "UNK" or any(e.kind == "role" for e in lex.lookup(tokens_of(term))):
            continue
        kind = "nonactor" if sector in ("JNK", "NON") else "role"
        lex.add(term, Entry(kind, term, None, None if kind == "nonactor" else sector or None,
                            plural=row.get("kind") == "group", source="agents"))
    for row in _rows("people.tsv"):
        name = row["name"]
        start = _date(row.get("start", ""))
        if start is None or not row.get("country"):
            continue
        sector = row.get("sector") or "GOV"
        if sector == "GOV":
            # an official of the international system acts in its sector ("Kofi Annan" is
            # IGO, as his United Nations is), not as a government
            sector = _BODY_SECTOR.get(row["country"], sector)
        lex.terms.setdefault(name, []).append(
            Term(row["country"], sector, row.get("role", "").lower(), start,
                 _date(row.get("end", ""), end=True)))
        for alias in [name, *_alts(row.get("aliases", ""))]:
            names = lex.person_alias.setdefault(tokens_of(alias), [])
            if name not in names:
                names.append(name)
    return lex
