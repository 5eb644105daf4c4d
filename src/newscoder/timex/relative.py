"""Normalisers of expressions relative to the document date or to an earlier date:
fixed phrases ("yesterday", "the previous day"), "last week", "two days ago", weekday
names and clock times."""

from __future__ import annotations

import datetime as dt
import re

from . import dates
from .lexicon import key
from .normalise import (
    Context,
    Norm,
    _direction,
    _g,
    _pmod,
    _rel,
    _trim_earlier,
    _year_of,
    normaliser,
)

_RULE = re.compile(r"^(anchor_)?(\w+?)([+-]\d+|~)(?:\|(T[\w:]+))?$")
_UNIT_OF = {"day": "D", "week": "W", "weekend": "WE", "month": "M", "quarter": "Q",
            "year": "Y", "decade": "DE", "century": "CE", "rquarter": "RQ"}


def _anchor(ctx: Context, unit: str) -> dt.date:
    """Reference date of an anchored phrase: the last date mentioned at a precision at
    least as fine as ``unit``, or the document date."""
    if unit == "day" and ctx.last_day:
        return ctx.last_day
    if unit == "month" and ctx.last_month:
        return dt.date(ctx.last_month[0], ctx.last_month[1], 1)
    if unit == "year" and ctx.last_year:
        return dt.date(ctx.last_year, 6, 30)
    return ctx.doc_date


def evaluate(rule: str, ctx: Context) -> str:
    """Value of a phrase rule of phrases.tsv (literal, UNIT+N, anchor_UNIT+N, |TPD)."""
    m = _RULE.match(rule)
    if not m or m.group(2) not in _UNIT_OF:
        return rule
    anchored, unit, offset, part = m.groups()
    ref = _anchor(ctx, unit) if anchored else ctx.doc_date
    if unit == "rquarter":
        value = dates.shift(dates.last_quarter_end(ref), "Q", int(offset))
    elif offset == "~":  # "the weekend": the coming one from Friday on, else the last
        value = dates.shift(ref, "WE", 0 if ref.isoweekday() >= 5 else -1)
    else:
        value = dates.shift(ref, _UNIT_OF[unit], int(offset))
    return value + (part or "")


_DURATION_AS_DATE = {"P1Y": "year+0", "P1M": "month+0", "P1W": "week+0", "P1D": "day+0"}


@normaliser
def _phrase(m: re.Match[str], ctx: Context) -> Norm | None:
    entry = ctx.lex.phrases[key(m.group("phrase"))]
    text = key(m.group(0))
    if text in ("current", "future") and not _before_noun(ctx.text, m.end()):
        return None
    if _title(m, ctx.text):
        return None
    if (text == "the day" and not _g(m, "pmod")
            and not _DAY_SPAN.search(ctx.text, max(0, m.start() - 12), m.start())):
        return None  # only the trading day of market reports: "ended the day at 8,017"
    if text == "the period" and not re.search(r"quarter|results|earn|profit|net|sales",
                                             ctx.text[max(0, m.start() - 200):m.start()],
                                             re.I):
        return None
    rule, typ = entry.value, entry.type
    if _g(m, "pmod") and rule.startswith("P"):  # "the end of the year": a date
        rule, typ = _DURATION_AS_DATE.get(rule, rule), "DATE"
    elif text in ("the year", "the fiscal year") and not _YEAR_SPAN.match(
            ctx.text, m.end()) and not _OVER.search(ctx.text, max(0, m.start() - 12),
                                                     m.start()):
        # "the year ended Sept. 30" is a span of twelve months, "a high for the year"
        # and "the first nine months of the year" name the current year.
        rule, typ = "year+0", "DATE"
    if rule == "year-1" and _quarterly(ctx, m.start()):
        rule = "rquarter-4"
    value = evaluate(rule, ctx)
    typ = "TIME" if "T" in value[10:] else typ
    return Norm(typ, value, _pmod(m))


_YEAR_SPAN = re.compile(r"\s+(?:ended|ending|ends|to\s+date)\b", re.I)
_OVER = re.compile(r"\b(?:throughout|over|during|within)\s+$", re.I)
_DAY_SPAN = re.compile(r"\b(?:end|ends|ended|ending|finish|finished|finishing|close|closed|"
                       r"closing|start|started|starting|open|opened|opening|for)\s+$", re.I)


def _title(m: re.Match[str], text: str) -> bool:
    """A capitalised deictic inside a name: "VOA Today", ABC's "This Week" (every word
    capitalised, and after a word in mid-sentence or alone between quotes)."""
    words = m.group(0).split()
    if not all(w[:1].isupper() for w in words):
        return False
    if len(words) == 1 and text[m.end():m.end() + 2] == ", ":
        # "United Kingdom Yesterday, the U.K. prevented ...": a page label glued to a
        # lead that opens with the time, not a name
        return False
    before = text[max(0, m.start() - 2):m.start()]
    if re.fullmatch(r"[A-Za-z0-9] ", before):
        return True
    return len(words) > 1 and before.endswith('"') and text[m.end():m.end() + 2] in (
        '",', ',"', '" ', '."')


def _before_noun(text: str, end: int) -> bool:
    """"current"/"future" are times only as adjectives: followed by a word."""
    return bool(re.match(r"\s+[a-z]", text[end:end + 3]))


@normaliser
def _relative_unit(m: re.Match[str], ctx: Context) -> Norm | None:
    if _title(m, ctx.text):
        return None
    rel = _rel(m) or 0
    unit = key(m.group("cunit"))
    unit = "year" if unit == "fiscal year" else unit
    ref = ctx.doc_date
    trim = _trim_earlier(m) if unit == "week" else 0
    return Norm("DATE", dates.shift(ref, _UNIT_OF[unit], rel), _pmod(m), trim)


_AGO = {"ago": -1, "earlier": -1, "from now": 1, "hence": 1}
_QUARTERLY = re.compile(r"\b(?:quarter|quarterly|three months)\b", re.I)


def _quarterly(ctx: Context, pos: int) -> bool:
    """Whether the text so far reports quarterly results."""
    return bool(_QUARTERLY.search(ctx.text, 0, pos))


@normaliser
def _ago(m: re.Match[str], ctx: Context) -> Norm | None:
    n = ctx.lex.number_value(m.group("num"))
    unit = ctx.lex.unit[key(m.group("unit"))]
    way = _AGO[key(m.group("dir"))]
    if n is None or n < 0 or unit in ("S", "MIN", "H") or isinstance(n, float):
        return None  # left to the duration rules: "a few days", "an hour"
    ref = ctx.doc_date
    if key(m.group("dir")) == "earlier" and unit in ("D", "W"):
        ref = ctx.last_day or ctx.doc_date  # "three days earlier" than the last date told
    elif unit in ("Y", "Q") and _quarterly(ctx, m.start()):
        # In quarterly results "a year earlier" is the same quarter a year before.
        return Norm("DATE", dates.shift(dates.last_quarter_end(ref), "Q", -4 * n))
    if unit == "FN":
        unit, n = "W", n * 2
    if unit == "WE":
        unit = "W"
    if unit == "DE":
        unit, n = "Y", n * 10
    if unit == "CE":
        unit, n = "Y", n * 100
    return Norm("DATE", dates.shift(ref, unit, way * n))


@normaliser
def _ago_vague(m: re.Match[str], ctx: Context) -> Norm | None:
    """"several years ago", "months ago": some time before the document date."""
    return Norm("DATE", "PAST_REF")


@normaliser
def _weekday(m: re.Match[str], ctx: Context) -> Norm | None:
    wd = ctx.lex.weekday[key(m.group("weekday"))]
    name = m.group("weekday")
    if "." in name and _g(m, "rel") is None:
        return None  # "Sun." / "Sat." alone are more often abbreviations of other words
    rel = _rel(m)
    ref = ctx.doc_date
    if key(_g(m, "rel") or "") in ("the previous", "the following"):
        ref = ctx.last_day or ref  # "the previous Friday": before the date just told
    if rel is None:
        d = dates.weekday_date(ref, wd, 1 if ctx.tense(m) > 0 else -1)
    elif rel < 0:
        d = dates.weekday_date(ref - dt.timedelta(days=1), wd, -1)
    elif rel > 0:
        d = dates.weekday_date(ref + dt.timedelta(days=1), wd, 1)
    else:
        monday = ref - dt.timedelta(days=ref.isoweekday() - 1)
        d = monday + dt.timedelta(days=wd - 1)
    mod = None if _trim_earlier(m) else _pmod(m)
    pod = _g(m, "pod")
    if pod:
        # TimeBank types "Friday night" mostly as a DATE (value ...TNI), 3 to 1.
        return Norm("DATE", dates.day(d) + "T" + ctx.lex.part_of_day[key(pod)], mod,
                    _trim_earlier(m))
    return Norm("DATE", dates.day(d), mod, _trim_earlier(m))


@normaliser
def _clock_time(m: re.Match[str], ctx: Context) -> Norm | None:
    if _g(m, "noon"):
        if re.search(r"\bhigh\W*$", ctx.text[max(0, m.start() - 6):m.start()], re.I):
            return None  # "high noon": a moment of confrontation, not a clock time
        hour, minute = (12, 0) if key(m.group("noon")) == "noon" else (24, 0)
    else:
        hour = int(_g(m, "hour") or m.group("hour_b"))
        minute = int(_g(m, "minute") or _g(m, "minute_b") or 0)
        ampm = (_g(m, "ampm") or _g(m, "ampm2") or "").lower().replace(".", "")
        ampm = ampm.replace(" ", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        if not ampm and hour > 24:
            return None
    # A bare clock time belongs to the day the text last spoke of.
    day = ctx.last_day or ctx.doc_date
    if _g(m, "weekday"):
        wd = ctx.lex.weekday[key(m.group("weekday"))]
        day = dates.weekday_date(ctx.doc_date, wd, 1 if ctx.tense(m) > 0 else -1)
    elif _g(m, "rday"):
        day += dt.timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[
            key(m.group("rday"))])
    elif _g(m, "month"):
        mo = ctx.lex.month[key(m.group("month"))]
        d = int(m.group("day"))
        y = dates.nearest_year(ctx.doc_date, mo, d, 0)
        try:
            day = dt.date(y, mo, d)
        except ValueError:
            return None
    clock = f"{hour:02d}" if hour == 24 else f"{hour:02d}:{minute:02d}"
    if key(_g(m, "tz") or "") in ("utc", "gmt"):
        clock += "Z"  # ISO 8601 marks universal time with Z
    return Norm("TIME", f"{dates.day(day)}T{clock}")



_WEEK_POS = {"first": 0, "second": 1, "third": 2, "fourth": 3, "last": -1, "final": -1}


@normaliser
def _week_of(m: re.Match[str], ctx: Context) -> Norm | None:
    """"the week of March 6" (the ISO week of that day), "the last week of March"."""
    mo = ctx.lex.month[key(m.group("month"))]
    y = _year_of(m, "year")
    day = _g(m, "day")
    if y is None:
        d = int(day) if day else None
        way = _rel(m) or _direction(m, ctx, mo, d)
        y = dates.nearest_year(ctx.doc_date, mo, d, way)
    if day:
        try:
            return Norm("DATE", dates.week(dt.date(y, mo, int(day))))
        except ValueError:
            return None
    # a month's weeks as ISO counts them, by their Thursdays: the first week of March 2009
    # is the one of Thursday 5 March (W10), not the one of Sunday 1 March (W09, mostly
    # February)
    pos = _WEEK_POS[key(m.group("wpos"))]
    first = dt.date(y, mo, 1)
    if pos >= 0:
        thursday = first + dt.timedelta(days=(3 - first.weekday()) % 7)
        return Norm("DATE", dates.week(thursday + dt.timedelta(weeks=pos)))
    last = dt.date(*dates.add_months(y, mo, 1), 1) - dt.timedelta(days=1)
    return Norm("DATE", dates.week(last - dt.timedelta(days=(last.weekday() - 3) % 7)))
