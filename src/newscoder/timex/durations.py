"""Normalisers of durations ("three years", "the past two months", "two-year") and sets
("every week", "twice a year")."""

from __future__ import annotations

import re

from .lexicon import DURATION_MODS, key
from .normalise import Context, Norm, _g, normaliser


def period(n: int | float | None, unit: str) -> str:
    """ISO 8601 duration of ``n`` ``unit`` (None or negative: unknown amount, X).

    Fractions go down one unit: 2.5 years is P2Y6M, 1.5 hours PT1H30M."""
    if n is None or n < 0:
        x = {"DE": "DE", "CE": "CE", "WE": "D", "FN": "W", "MIN": "M"}.get(unit, unit)
        return ("PTX" if unit in ("H", "MIN", "S") else "PX") + x
    if unit in ("DE", "CE", "WE", "FN"):
        factor, unit = {"DE": (10, "Y"), "CE": (100, "Y"), "WE": (2, "D"), "FN": (2, "W")}[unit]
        n = n * factor
    whole, frac = int(n), n - int(n)
    time = unit in ("H", "MIN", "S")
    letter = "M" if unit == "MIN" else unit
    text = f"{whole}{letter}" if whole or not frac else ""
    if frac:
        below = {"Y": (12, "M"), "M": (30, "D"), "W": (7, "D"), "D": (24, "H"),
                 "H": (60, "M"), "MIN": (60, "S"), "Q": (3, "M")}.get(unit)
        if below:
            part = f"{round(frac * below[0])}{below[1]}"
            if unit == "D":
                return f"P{text}T{part}"
            text += part
    return ("PT" if time else "P") + text


# Money or a count right before "a year", "a day": a rate ("$5 a day"), so a SET.
_RATE = re.compile(r"(?:\d|times|once|twice|dollars|cents|percent|%|[mb]illion)\s*$", re.I)


@normaliser
def _duration(m: re.Match[str], ctx: Context) -> Norm | None:
    num = _g(m, "num") or "1"
    n: float | int | None = 0.5 if _g(m, "halfa") else ctx.lex.number_value(num)
    unit = ctx.lex.unit[key(m.group("unit"))]
    if n is None or (1800 <= n < 2100 and re.fullmatch(r"\d{4}", num)):
        return None  # "the 1988 quarter" is a date, not 1988 quarters
    if unit in ("MIN", "S") and "-" in m.group(0) and n > 59:
        return None
    first = key(num) in ("a", "an", "one")
    if first and _RATE.search(ctx.text[max(0, m.start() - 12):m.start()]):
        return Norm("SET", period(1, unit))
    if first and key(m.group(0)) in ("a second", "one second"):
        return None
    if re.match(r"[\s-]*(?:old|of age)\b", ctx.text[m.end():m.end() + 8]):
        return None  # an age ("52 years old") is not a period of time
    if unit == "Q" and "-" in m.group(0):
        return None  # "three-quarters of its food" is a fraction
    if _g(m, "half"):
        n = (n if n >= 0 else 0) + 0.5
    dmod = _g(m, "dmod")
    mod = DURATION_MODS.get(key(dmod)) if dmod else None
    return Norm("DURATION", period(n, unit), mod, _trim_article(m, ctx.text, n))


_THE = re.compile(r"the\s+", re.I)


def _trim_article(m: re.Match[str], text: str, n: float | int) -> int:
    """"the four days he considered" keeps its article, but in "the two-day rally" and
    "the two days of music" the article belongs to the noun the duration modifies."""
    the = _THE.match(m.group(0))
    if not the or _g(m, "dir") or _g(m, "dmod"):
        return 0
    singular = not key(m.group("unit")).endswith("s") and n != 1
    if singular or re.match(r"\s+of\b", text[m.end():m.end() + 4]):
        return the.end()
    return 0


_VAGUE_PAST = ("recent", "the past", "past")
_BEFORE_AFTER = re.compile(r"\s+(before|after|that\s+followed|leading\s+up|prior\s+to)\b",
                           re.I)


@normaliser
def _duration_vague(m: re.Match[str], ctx: Context) -> Norm | None:
    plural = key(m.group("vunit"))
    unit = ctx.lex.unit[plural]
    vq = _g(m, "vq")
    if vq is None:
        # A bare plural is a duration only where it is not counted ("for years"),
        # not in noun compounds like "years-long" handled above or "days of talks".
        before = ctx.text[max(0, m.start() - 10):m.start()].lower()
        counted_for = re.search(r"\b(?:for|over|within|took|take|takes|lasted|after)\s+$",
                                before)
        around = _BEFORE_AFTER.match(ctx.text, m.end())
        if around and re.search(r"\bthe\s+$", before, re.I):
            # "in the weeks before the shooting": TimeBank tags the bare unit, a date
            # near the last month told; "the years that followed" is a duration.
            if key(around.group(1)) == "that followed":
                return Norm("DURATION", period(None, unit))
            y, mo = ctx.last_month or (ctx.doc_date.year, ctx.doc_date.month)
            return Norm("DATE", f"{y:04d}-{mo:02d}")
        if not counted_for and not re.match(r"\s+of\b", ctx.text[m.end():m.end() + 4]):
            return None
    return Norm("DURATION", period(None, unit))


@normaliser
def _weekday_plural(m: re.Match[str], ctx: Context) -> Norm | None:
    name = m.group("weekday")
    if "." in name:
        return None
    wd = ctx.lex.weekday[key(name)]
    pod = _g(m, "ppod")
    part = _PARTS[ctx.lex.part_of_day[key(pod)]] if pod else ""
    return Norm("SET", f"XXXX-WXX-{wd}{part}")


@normaliser
def _unit_long(m: re.Match[str], ctx: Context) -> Norm | None:
    word = key(m.group("lunit"))
    if m.group(0).lower().endswith("-old") and not word.endswith("s"):
        return None  # "a year-old boy" is an age, not a period
    unit = ctx.lex.unit[word]
    return Norm("DURATION", period(None if word.endswith("s") else 1, unit))


_PARTS = {"MO": "TMO", "AF": "TAF", "EV": "TEV", "NI": "TNI"}
_SEASONS = {"SP", "SU", "FA", "WI"}


@normaliser
def _set_every(m: re.Match[str], ctx: Context) -> Norm | None:
    if _g(m, "weekday"):
        wd = ctx.lex.weekday[key(m.group("weekday"))]
        return Norm("SET", f"XXXX-WXX-{wd}")
    if _g(m, "month"):  # "each July"
        return Norm("SET", f"XXXX-{ctx.lex.month[key(m.group('month'))]:02d}")
    if _g(m, "season"):
        return Norm("SET", f"XXXX-{ctx.lex.season[key(m.group('season'))]}")
    if _g(m, "pod"):
        return Norm("SET", "XXXX-XX-XX" + _PARTS[ctx.lex.part_of_day[key(m.group("pod"))]])
    unit = ctx.lex.unit[key(m.group("unit"))]
    other = _g(m, "other")
    n: int | float = 1
    if other:
        n = 2 if key(other) == "other" else (ctx.lex.number_value(other) or 1)
    return Norm("SET", period(n, unit))
