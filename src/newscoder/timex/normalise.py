"""Normalisers: from a rule's regex match to a TIMEX3 type, value and mod.

Each rule of ``patterns.toml`` names one of the functions registered here. A normaliser
gets the match and a :class:`Context` (text, document date, lexicon and the dates the
document has mentioned so far) and returns a :class:`Norm`, or ``None`` to reject the
match (e.g. "May" as a verb).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from . import dates
from .lexicon import PREFIX_MODS, RELATIVE, Lexicon, key
from .tense import direction


@dataclass(frozen=True)
class Norm:
    type: str
    value: str
    mod: str | None = None
    trim: int = 0  # characters to leave out at the start of the match


@dataclass
class Context:
    text: str
    doc_date: dt.date
    lex: Lexicon
    # The last day, month and year the document mentioned, for "the next day" etc.
    last_day: dt.date | None = None
    last_month: tuple[int, int] | None = None
    last_year: int | None = None
    cache: dict[int, int] = field(default_factory=dict)

    def tense(self, m: re.Match[str]) -> int:
        if m.start() not in self.cache:
            self.cache[m.start()] = direction(self.text, m.start(), m.end())
        return self.cache[m.start()]


Normaliser = Callable[[re.Match[str], Context], "Norm | None"]
NORMALISERS: dict[str, Normaliser] = {}


def normaliser(fn: Normaliser) -> Normaliser:
    NORMALISERS[fn.__name__.lstrip("_")] = fn
    return fn


def _g(m: re.Match[str], name: str) -> str | None:
    """Group ``name`` of the match, or None where the rule has no such group."""
    try:
        return m.group(name)
    except IndexError:
        return None


def _pmod(m: re.Match[str]) -> str | None:
    p = _g(m, "pmod")
    return PREFIX_MODS.get(key(p).replace("-", "")) if p else None


def _trim_earlier(m: re.Match[str]) -> int:
    """TimeBank leaves "earlier"/"later" out before weekdays and weeks ("earlier this
    week", "Earlier Friday") though it keeps them before months and years; "around"
    before a weekday is mostly a particle ("get around Wednesday's ruling")."""
    p = _g(m, "pmod")
    if p and key(p) in ("earlier", "later", "around"):
        return m.end("pmod") - m.start() + len(m.string[m.end("pmod"):]) - len(
            m.string[m.end("pmod"):].lstrip(" -"))
    return 0


def _rel(m: re.Match[str]) -> int | None:
    r = _g(m, "rel")
    return RELATIVE[key(r)] if r else None


def _year_of(m: re.Match[str], *names: str, lex: Lexicon | None = None) -> int | None:
    for name in names:
        y = _g(m, name)
        if y:
            return int(y)
    w = _g(m, "wyear")
    if w and lex is not None:
        return lex.spoken_year(w)
    return None


def _day_of(m: re.Match[str], lex: Lexicon) -> int:
    d = _g(m, "dnum") or _g(m, "day")
    return int(d) if d else lex.day_value(m.group("dword")) or 0


def _valid(y: int, mo: int, d: int) -> bool:
    try:
        dt.date(y, mo, d)
    except ValueError:
        return False
    return True


# Words that, before a bare month name, show it is a date ("in May", "late June").
_MONTH_CUE = re.compile(
    r"\b(?:in|since|until|till|by|of|from|to|through|during|before|after|and|or|"
    r"between|last|next|this|early|late|mid|end|since|for|on|around|about|each|every)"
    r"[\s-]*$", re.I)


@normaliser
def _date(m: re.Match[str], ctx: Context) -> Norm | None:
    mo = int(_g(m, "mnum") or 0) or ctx.lex.month[key(m.group("month"))]
    d = _day_of(m, ctx.lex)
    y = _year_of(m, "year", lex=ctx.lex)
    if y is None:
        yy = int(m.group("yy"))
        y = 1900 + yy if yy > (ctx.doc_date.year % 100) + 1 else 2000 + yy
    if not _valid(y, mo, d):
        return None
    return Norm("DATE", dates.day(dt.date(y, mo, d)))


@normaliser
def _month_day(m: re.Match[str], ctx: Context) -> Norm | None:
    mo = ctx.lex.month[key(m.group("month"))]
    d = _day_of(m, ctx.lex)
    if _g(m, "weekday") is None and key(m.group("month")) in ("may", "march"):
        if not m.group("month")[0].isupper():
            return None
    rel = _rel(m)
    way = rel if rel else _direction(m, ctx, mo, d)
    y = dates.nearest_year(ctx.doc_date, mo, d, way)
    if not _valid(y, mo, d):
        return None
    return Norm("DATE", dates.day(dt.date(y, mo, d)), _pmod(m))


def _direction(m: re.Match[str], ctx: Context, mo: int, d: int | None) -> int:
    """Which way from the document date a month (day) without year lies.

    Within a few weeks either side the closest date is right whatever the tense; only
    further away does the tense of the sentence decide between last and next year."""
    near = dates.nearest_year(ctx.doc_date, mo, d, 0)
    gap = abs((near - ctx.doc_date.year) * 12 + mo - ctx.doc_date.month)
    if gap <= 2:
        return 0
    return ctx.tense(m)


_DETERMINER = re.compile(r"\b(?:the|a|an|its|his|her|their)\s+$", re.I)


def _month_adjective(text: str, start: int, end: int) -> bool:
    """A month name used as a modifier after a determiner ("the October slaying", "a June
    agreement") is a date in TimeBank."""
    return bool(_DETERMINER.search(text, max(0, start - 8), start)
                and re.match(r"\s+(?!of\b)[a-z]{3,}\b", text[end:end + 20]))


@normaliser
def _month_year(m: re.Match[str], ctx: Context) -> Norm | None:
    mo = ctx.lex.month[key(m.group("month"))]
    y = _year_of(m, "year", lex=ctx.lex)
    if y is None:
        if not _g(m, "rely"):
            return None
        y = ctx.doc_date.year + RELATIVE[key(m.group("rely"))]
    return Norm("DATE", dates.month(y, mo), _pmod(m))


@normaliser
def _month(m: re.Match[str], ctx: Context) -> Norm | None:
    name = m.group("month")
    if "." not in name and len(name) <= 3 and key(name) != "may":
        return None  # "Jan", "Mar" alone are too often something else
    mo = ctx.lex.month[key(name)]
    rel = _rel(m)
    if rel is None and _g(m, "pmod") is None:
        before = ctx.text[max(0, m.start() - 12):m.start()]
        after = ctx.text[m.end():m.end() + 3]
        if (not _MONTH_CUE.search(before) and not re.match(r"\s*[,;.]", after)
                and not _month_adjective(ctx.text, m.start(), m.end())):
            return None
        if _NAME_BEFORE.search(before) and not _MONTH_CUE.search(before) \
                and not _PREPOSITION.search(before):
            return None  # "Elizabeth May, Green Party leader", "Theresa May said"
    if rel is None:
        y = dates.nearest_year(ctx.doc_date, mo, None, _direction(m, ctx, mo, None))
    elif rel == 0:
        y = ctx.doc_date.year
    else:
        y = dates.nearest_year(ctx.doc_date, mo, None, rel)
        if mo == ctx.doc_date.month:
            y += rel
    return Norm("DATE", dates.month(y, mo), _pmod(m))


# a capitalised word right before a bare month that no cue explains: a given name
_NAME_BEFORE = re.compile(r"\b[A-Z][a-z]+\s+$")
_PREPOSITION = re.compile(
    r"\b(?:in|since|by|until|till|of|from|to|before|after|during|through|between|and|or|"
    r"for|around|early|late|mid|the|a|an|his|her|its|their|our|your|that|this|fiscal|year|"
    r"summer|spring|autumn|fall|winter|'s)[\s-]*$",
    re.I)
_COUNTED = re.compile(r"\s+(?!(?:was|were|is|has|had|and|or|to|when|as|with|saw|will|would|"
                      r"marked|brought|began|ended|elections?|budget|census)\b)[a-z]{3,}\b")


# A determiner and an adjective before a year used as a modifier: "his unsuccessful 1996
# campaign" (but not a count: "the nearly 2000 workers").
_DET_ADJ = re.compile(
    r"\b(?:the|his|her|its|their|an?)\s+(?!(?:nearly|about|some|roughly|almost|over|"
    r"around|more|less|than|first|last|remaining|other|estimated|additional|extra|"
    r"approximately|only|just)\b)[a-z]{3,}\s+$", re.I)


@normaliser
def _year(m: re.Match[str], ctx: Context) -> Norm | None:
    # "2000 people" counts people; "in 2000 prices rose" is a year (a preposition before).
    pmod = key(_g(m, "pmod") or "")
    if _COUNTED.match(ctx.text, m.end()) and pmod in ("", "around") and not _g(m, "fiscal"):
        if (not _PREPOSITION.search(ctx.text, max(0, m.start() - 12), m.start())
                and not _DET_ADJ.search(ctx.text, max(0, m.start() - 30), m.start())):
            return None
    return Norm("DATE", f"{int(m.group('year')):04d}", _pmod(m))


@normaliser
def _written_year(m: re.Match[str], ctx: Context) -> Norm | None:
    if _g(m, "wk"):
        rest = _g(m, "wkrest")
        return Norm("DATE", f"{2000 + (ctx.lex.number_value(rest) or 0 if rest else 0):04d}")
    century = ctx.lex.number_value(m.group("wcent")) or 0
    rest = m.group("wrest").lower()
    tail = 0 if rest == "hundred" else ctx.lex.number_value(rest) or 0
    return Norm("DATE", f"{century * 100 + tail:04d}")


@normaliser
def _decade(m: re.Match[str], ctx: Context) -> Norm | None:
    dec = _g(m, "dec")
    if dec:
        return Norm("DATE", dec[:3], _pmod(m))
    two = int(m.group("dec2"))
    century = 19 if two > ctx.doc_date.year % 100 else 20
    return Norm("DATE", f"{century}{two // 10}", _pmod(m))


@normaliser
def _century(m: re.Match[str], ctx: Context) -> Norm | None:
    n = ctx.lex.ordinal.get(key(m.group("ordinal")))
    if not n or n > 21 or key(m.group("ordinal")) in ("last", "final"):
        return None
    return Norm("DATE", f"{n - 1:02d}", _pmod(m))


_QORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
         "fourth": 4, "4th": 4, "final": 4}


def _report_quarter(d: dt.date) -> tuple[int, int]:
    """The business quarter a news report most likely speaks of: the last one that
    ended, since results come out in the weeks after a quarter closes."""
    back = dates.last_quarter_end(d)
    return back.year, dates.quarter_of(back)


@normaliser
def _quarter(m: re.Match[str], ctx: Context) -> Norm | None:
    q = int(_g(m, "qnum") or _g(m, "qnum2") or 0) or _QORD[key(m.group("qord"))]
    y = _year_of(m, "year", "year_q")
    rely = _g(m, "rely")
    if y is None and rely:
        y = ctx.doc_date.year + RELATIVE.get(key(rely), 0)
    text = m.group(0).lower()
    if y is None and "last year's" in text:
        y = ctx.doc_date.year - 1
    if y is None and _g(m, "yago"):
        y = ctx.doc_date.year - 1
    rel = _rel(m)
    if y is None and rel:
        y = ctx.doc_date.year + rel
    if y is None:
        y = ctx.doc_date.year
        if q > dates.quarter_of(ctx.doc_date) and ctx.tense(m) <= 0:
            ry, rq = _report_quarter(ctx.doc_date)
            # In January "the fourth quarter" is last year's.
            y = ry if q <= rq or ry < ctx.doc_date.year else y
    return Norm("DATE", dates.quarter(y, q))


@normaliser
def _half(m: re.Match[str], ctx: Context) -> Norm | None:
    h = 1 if key(m.group("half")) in ("first", "1st") else 2  # second, last, latter
    y = _year_of(m, "year", "year_h")
    rely = _g(m, "rely")
    if y is None:
        y = ctx.doc_date.year + (RELATIVE.get(key(rely), 0) if rely else 0)
    return Norm("DATE", f"{y:04d}-H{h}")


@normaliser
def _season(m: re.Match[str], ctx: Context) -> Norm | None:
    code = ctx.lex.season[key(m.group("season"))]
    y = _year_of(m, "year", lex=ctx.lex)
    rel = _rel(m)
    if y is None:
        if rel is None and not m.group(0).lower().startswith(("the", "early", "late", "mid")):
            # A bare season word is a date only with a cue before it ("in spring").
            before = ctx.text[max(0, m.start() - 8):m.start()]
            if not re.search(r"\b(?:in|this|last|next|by|until|since|during)\s+$", before, re.I):
                return None
        y = _season_year(ctx.doc_date, code, rel if rel is not None else ctx.tense(m))
    return Norm("DATE", f"{y:04d}-{code}", _pmod(m))


_SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}


def _season_year(ref: dt.date, code: str, rel: int) -> int:
    current = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU",
               8: "SU", 9: "FA", 10: "FA", 11: "FA"}[ref.month]
    order = ["WI", "SP", "SU", "FA"]
    y = ref.year + (1 if ref.month == 12 else 0)  # December belongs to next year's winter
    if rel == 0 or code == current:
        if rel < 0 and code == current:
            return y - 1
        if rel > 0 and code == current:
            return y + 1
        return y
    after = order.index(code) > order.index(current)
    if rel < 0:
        return y - 1 if after else y
    return y if after else y + 1


@normaliser
def _holiday(m: re.Match[str], ctx: Context) -> Norm | None:
    spec = ctx.lex.holiday[key(m.group("holiday"))]
    y = _year_of(m, "year")
    rel = _rel(m)

    def on(year: int) -> dt.date:
        if spec == "thanksgiving":
            return dates.thanksgiving(year)
        if spec == "election":
            return dates.election_day(year)
        mo, d = spec.split("-")
        return dt.date(year, int(mo), int(d))

    if y is None:
        ref = ctx.doc_date
        past = on(ref.year) if on(ref.year) <= ref else on(ref.year - 1)
        future = on(ref.year) if on(ref.year) >= ref else on(ref.year + 1)
        way = rel if rel is not None else ctx.tense(m)
        chosen = future if way > 0 else past
        return Norm("DATE", dates.day(chosen))
    return Norm("DATE", dates.day(on(y)))


@normaliser
def _year_period(m: re.Match[str], ctx: Context) -> Norm | None:
    """"the 1988 period", "the 1989 third quarter": a year, or the quarter of that year
    a report speaks of."""
    y = int(m.group("year"))
    period = key(m.group("period"))
    if _g(m, "pqord"):
        return Norm("DATE", dates.quarter(y, _QORD[key(m.group("pqord"))]))
    if period == "quarter":
        return Norm("DATE", dates.quarter(y, _report_quarter(ctx.doc_date)[1]))
    return Norm("DATE", f"{y:04d}")


@normaliser
def _part_of_day(m: re.Match[str], ctx: Context) -> Norm | None:
    pod = ctx.lex.part_of_day[key(m.group("pod"))]
    if _g(m, "weekday"):
        wd = ctx.lex.weekday[key(m.group("weekday"))]
        d = dates.weekday_date(ctx.doc_date, wd, 1 if ctx.tense(m) > 0 else -1)
    else:
        d = ctx.doc_date + dt.timedelta(
            days={"today": 0, "yesterday": -1, "tomorrow": 1}[key(m.group("rday"))])
    return Norm("TIME", f"{dates.day(d)}T{pod}", _pmod(m))


@normaliser
def _part_of_day_bare(m: re.Match[str], ctx: Context) -> Norm | None:
    """"by mid afternoon": the part of the day last told, or of the document date."""
    pod = ctx.lex.part_of_day[key(m.group("pod"))]
    mod = {"mid": "MID", "early": "START", "late": "END"}[key(m.group("pm"))]
    return Norm("TIME", f"{dates.day(ctx.last_day or ctx.doc_date)}T{pod}", mod)


_COUNT_NOUN = re.compile(r"\s+(?!(?:at|in|on|and|or|of|will|would|was|were|is|are|to|for|"
                         r"the|an?|by|with|when|as)\b)[a-z]")
_PAIR_FIRST = re.compile(r"([A-Z][a-z]+\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+\w+\s+$")


@normaliser
def _paired_day(m: re.Match[str], ctx: Context) -> Norm | None:
    """The second day of "April 24 and 25", in the month and year of the first."""
    first = _PAIR_FIRST.search(ctx.text, max(0, m.start() - 30), m.start("day"))
    if not first or key(first.group(1)) not in ctx.lex.month:
        return None
    if _COUNT_NOUN.match(ctx.text, m.end()):
        return None  # "on April 24 and 25 people died"
    mo = ctx.lex.month[key(first.group(1))]
    d = int(m.group("day"))
    if d <= int(first.group(2)):
        return None
    y = ctx.last_day.year if ctx.last_day else dates.nearest_year(ctx.doc_date, mo, d, 0)
    if not _valid(y, mo, d):
        return None
    return Norm("DATE", dates.day(dt.date(y, mo, d)), None, m.start("day") - m.start())
