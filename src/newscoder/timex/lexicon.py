"""Word lists and recognition rules of the TIMEX3 tagger, loaded from data files.

``data/timex/lexicon.toml`` holds the word lists (months, weekdays, numbers, units ...),
``data/timex/phrases.tsv`` the fixed phrases with their value rules and
``data/timex/patterns.toml`` the recognition rules, whose ``{name}`` placeholders this
module expands into named regex groups. Keeping the vocabulary in data files means a new
spelling or phrase needs no code change.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

# Placeholders that are small regexes rather than word lists.
_BUILTIN: dict[str, str] = {
    "day": r"3[01]|[12]\d|0?[1-9]",
    "year": r"1[89]\d\d|20\d\d",
    "hour": r"2[0-3]|[01]?\d",
    "minute": r"[0-5]\d",
    "qord": r"first|second|third|fourth|1st|2nd|3rd|4th|final",
    # A year said in words, as broadcast transcripts write it: "nineteen ninety-four",
    # "two thousand and one".
    "wyear": r"two\s+thousand(?:\s+(?:and\s+)?(?:one|two|three|four|five|six|seven|eight|"
             r"nine|ten))?|(?:nineteen|eighteen)[\s-]+(?:(?:twenty|thirty|forty|fifty|sixty|"
             r"seventy|eighty|ninety)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|"
             r"nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
             r"eighteen|nineteen|hundred)",
    # A day of the month as an ordinal word: "March eighth", "the twenty-first".
    "dword": r"(?:twenty|thirty)[\s-](?:first|second|third|fourth|fifth|sixth|seventh|"
             r"eighth|ninth)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
             r"tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|"
             r"seventeenth|eighteenth|nineteenth|twentieth|thirtieth",
}

# Every rule starts at a word boundary: not inside a word, a number, an abbreviation or a
# hyphenated compound (recognise.py relies on the rules starting with it)
BOUNDARY = r"(?<![\w.'-])"

# Optional prefix modifiers; they are part of the TIMEX3 extent in TimeBank ("late
# November", "earlier this year", "the end of 1990") and set the TIMEX3 mod.
PREFIX_MODS: dict[str, str | None] = {
    "early": "START", "the beginning of": "START", "the start of": "START",
    "beginning of": "START", "start of": "START", "the dawn of": "START",
    "late": "END", "the end of": "END", "end of": "END", "the close of": "END",
    "mid": "MID", "the middle of": "MID", "middle of": "MID",
    "earlier": None, "later": None, "the rest of": None, "the remainder of": None,
    "the turn of": None, "around": "APPROX",
}

# Duration modifiers kept inside the extent (TimeBank includes "nearly", "at least" ...
# but mostly leaves "about", "almost", "over", "within" outside).
DURATION_MODS: dict[str, str] = {
    "nearly": "APPROX", "more than": "MORE_THAN", "less than": "LESS_THAN",
    "at least": "EQUAL_OR_MORE", "up to": "EQUAL_OR_LESS", "at most": "EQUAL_OR_LESS",
    "roughly": "APPROX", "approximately": "APPROX", "fewer than": "LESS_THAN",
    "no more than": "EQUAL_OR_LESS",
}

# Direction words before a unit, weekday, month or season: -1 past, 0 current, +1 next.
RELATIVE: dict[str, int] = {
    "this past": -1, "the past": -1, "the previous": -1, "the last": -1, "last": -1,
    "past": -1, "previous": -1,
    "this": 0, "the current": 0, "current": 0,
    "this coming": 1, "the coming": 1, "the following": 1, "the next": 1, "next": 1,
    "coming": 1, "following": 1,
}


def _trie(forms: Any) -> str:
    """A regex matching any of ``forms``, longest first ("sept." before "sep"), written
    as a character trie: Python's engine tries a flat alternation of hundreds of words
    branch by branch at every position of the text, a trie only the branches that share
    the next character. A space in a form matches any run of white space."""
    root: dict[str, Any] = {}
    for form in forms:
        node = root
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [(r"\s+" if ch == " " else re.escape(ch)) + emit(child)
                    for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # greedy optional: the longer form is tried first, the shorter on backtracking
        return f"(?:{body})?" if ends else body

    return emit(root)


def _alternation(words: Any) -> str:
    """Regex alternation of ``words`` (lower case), longest first."""
    return _trie({w.lower() for w in words})


def _capitalised(words: Any) -> str:
    """Case-sensitive alternation of Title and UPPER forms (keeps "may", "march" out)."""
    forms: set[str] = set()
    for w in words:
        forms.add(w[:1].upper() + w[1:])
        forms.add(w.upper())
    return "(?-i:" + _trie(forms) + ")"


@dataclass(frozen=True)
class Phrase:
    type: str
    value: str


@dataclass(frozen=True)
class Rule:
    name: str
    type: str
    value: str
    regex: re.Pattern[str]


@dataclass(frozen=True)
class Lexicon:
    month: dict[str, int]
    weekday: dict[str, int]
    number: dict[str, int]
    ordinal: dict[str, int]
    unit: dict[str, str]
    season: dict[str, str]
    part_of_day: dict[str, str]
    holiday: dict[str, str]
    timezone: dict[str, str]
    phrases: dict[str, Phrase]
    rules: tuple[Rule, ...]

    def spoken_year(self, text: str) -> int | None:
        """Year of a year said in words ("nineteen ninety-four", "two thousand one")."""
        words = [w for w in text.lower().replace("-", " ").split() if w != "and"]
        if words[:2] == ["two", "thousand"]:
            rest = self.number_value(" ".join(words[2:])) if words[2:] else 0
            return None if rest is None else 2000 + int(rest)
        century = self.number_value(words[0])
        if century is None or len(words) < 2:
            return None
        rest = 0 if words[1:] == ["hundred"] else self.number_value(" ".join(words[1:]))
        return None if rest is None else int(century) * 100 + int(rest)

    def day_value(self, text: str) -> int | None:
        """Day of the month written in digits or as an ordinal word ("eighth")."""
        t = text.lower().replace("-", " ").split()
        if len(t) == 1 and t[0].isdigit():
            return int(t[0])
        total = 0
        for w in t:
            if w in self.ordinal:
                total += self.ordinal[w]
            elif w in ("twenty", "thirty"):
                total += 20 if w == "twenty" else 30
            else:
                return None
        return total or None

    def number_value(self, text: str) -> int | float | None:
        """Integer value of a number written in digits or words; -1 for vague ones."""
        t = " ".join(text.lower().replace("-", " ").split())
        if not t:
            return None
        if t.replace(",", "").isdigit():
            return int(t.replace(",", ""))
        if t.endswith(" 1/2") and t[:-4].isdigit():
            return float(t[:-4]) + 0.5
        if re.fullmatch(r"\d+\.\d+", t):
            return float(t)
        if t in self.number:
            return self.number[t]
        total = 0
        for part in t.split():
            if part not in self.number:
                return None
            if part in ("hundred", "thousand") and total > 0:
                total *= self.number[part]  # "two thousand"
            else:
                total += self.number[part]
        return total


def _number_pattern(number: dict[str, int]) -> str:
    tens = [w for w, v in number.items() if 20 <= v <= 90 and v % 10 == 0 and " " not in w]
    ones = [w for w, v in number.items() if 1 <= v <= 9 and w not in ("a", "an")]
    compound = f"(?:{_alternation(tens)})[\\s-](?:{_alternation(ones)})"
    big = f"(?:{_alternation(ones)})\\s+(?:hundred|thousand)"
    return (rf"\d{{1,3}}(?:,\d{{3}})+|\d+\s+1/2|\d+(?:\.\d+)?|{compound}|{big}|"
            rf"{_alternation(number)}")


def _read_phrases(text: str) -> dict[str, Phrase]:
    phrases: dict[str, Phrase] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        phrase, typ, value = line.split("\t")
        phrases[" ".join(phrase.lower().split())] = Phrase(typ, value)
    return phrases


def _expand(pattern: str, slots: dict[str, str]) -> str:
    def sub(m: re.Match[str]) -> str:
        name, _, suffix = m.group(1).partition(":")
        group = f"{name}_{suffix}" if suffix else name
        body = slots[name]
        if name == "pmod":
            return f"(?:(?P<{group}>{body})(?:\\s+|-))?"
        if name == "dmod":
            return f"(?:(?P<{group}>{body})\\s+)?"
        return f"(?P<{group}>{body})"

    return re.sub(r"\{([a-z_]+(?::[a-z]+)?)\}", sub, pattern)


@lru_cache(maxsize=1)
def load() -> Lexicon:
    """Read the data files and compile the rules (once per process)."""
    base = resources.files("newscoder") / "data" / "timex"
    words = tomllib.loads(base.joinpath("lexicon.toml").read_text(encoding="utf-8"))
    phrases = _read_phrases(base.joinpath("phrases.tsv").read_text(encoding="utf-8"))
    spec = tomllib.loads(base.joinpath("patterns.toml").read_text(encoding="utf-8"))
    slots = dict(_BUILTIN)
    slots.update({
        "month": _capitalised(words["month"]),
        "weekday": _capitalised(words["weekday"]),
        "num": _number_pattern(words["number"]),
        "unit": _alternation(words["unit"]),
        "ordinal": _alternation(words["ordinal"]),
        "season": _alternation(words["season"]),
        "pod": _alternation(words["part_of_day"]),
        "holiday": _alternation(words["holiday"]),
        "tz": _alternation(words["timezone"]),
        "pmod": _alternation(PREFIX_MODS),
        "dmod": _alternation(DURATION_MODS),
        "rel": _alternation(RELATIVE),
        "phrase": _alternation(phrases),
    })
    rules = tuple(
        Rule(r["name"], r["type"], r["value"],
             re.compile(BOUNDARY + r"(?:" + _expand(r["pattern"], slots) + r")(?!\w|-[a-z])",
                        re.IGNORECASE))
        for r in spec["rule"]
    )
    return Lexicon(
        month=words["month"], weekday=words["weekday"], number=words["number"],
        ordinal=words["ordinal"], unit=words["unit"], season=words["season"],
        part_of_day=words["part_of_day"], holiday=words["holiday"],
        timezone=words["timezone"], phrases=phrases, rules=rules,
    )


def key(text: str) -> str:
    """Lookup form of a matched word: lower case, single spaces."""
    return " ".join(text.lower().split())
