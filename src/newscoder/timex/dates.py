"""Calendar arithmetic and TIMEX3 value formatting at each granularity."""

from __future__ import annotations

import datetime as dt


def day(d: dt.date) -> str:
    return d.isoformat()


def month(year: int, m: int) -> str:
    return f"{year:04d}-{m:02d}"


def week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def last_quarter_end(d: dt.date) -> dt.date:
    """The last day of the last quarter that ended before ``d``."""
    return dt.date(d.year, 3 * ((d.month - 1) // 3) + 1, 1) - dt.timedelta(days=1)


def quarter(year: int, q: int) -> str:
    return f"{year:04d}-Q{q}"


def add_months(year: int, m: int, n: int) -> tuple[int, int]:
    """(year, month) n months after (year, m)."""
    index = year * 12 + (m - 1) + n
    return index // 12, index % 12 + 1


def add_quarters(year: int, q: int, n: int) -> tuple[int, int]:
    index = year * 4 + (q - 1) + n
    return index // 4, index % 4 + 1


def add_years_to_date(d: dt.date, n: int) -> dt.date:
    try:
        return d.replace(year=d.year + n)
    except ValueError:  # 29 February
        return d.replace(year=d.year + n, day=28)


def shift(d: dt.date, unit: str, n: int) -> str:
    """Value of the calendar ``unit`` that lies ``n`` units from ``d``, at that unit's
    precision: shift(2023-09-05, "M", -1) is 2023-08."""
    if unit == "D":
        return day(d + dt.timedelta(days=n))
    if unit in ("W", "FN"):
        return week(d + dt.timedelta(weeks=n * (2 if unit == "FN" else 1)))
    if unit == "WE":
        return week(d + dt.timedelta(weeks=n)) + "-WE"
    if unit == "M":
        return month(*add_months(d.year, d.month, n))
    if unit == "Q":
        return quarter(*add_quarters(d.year, quarter_of(d), n))
    if unit == "H1":
        half = 1 if d.month <= 6 else 2
        index = d.year * 2 + half - 1 + n
        return f"{index // 2:04d}-H{index % 2 + 1}"
    if unit == "Y":
        return f"{d.year + n:04d}"
    if unit == "DE":
        return f"{d.year // 10 + n:03d}"
    if unit == "CE":
        return f"{d.year // 100 + n:02d}"
    raise ValueError(unit)


def nearest_year(ref: dt.date, m: int, d: int | None, direction: int) -> int:
    """Year of month ``m`` (day ``d``) seen from ``ref``: the latest one not after ``ref``
    for direction -1, the earliest one not before it for +1, the closest for 0."""
    target_day = d or 1
    this = (m, target_day) if d else (m, 1)
    now = (ref.month, ref.day) if d else (ref.month, 1)
    if direction < 0:
        return ref.year if this <= now else ref.year - 1
    if direction > 0:
        return ref.year if this >= now else ref.year + 1
    # Closest: compare month distances either way round the year.
    diff = (m - ref.month) + ((target_day - ref.day) / 31 if d else 0)
    if diff > 6:
        return ref.year - 1
    if diff < -6:
        return ref.year + 1
    return ref.year


def weekday_date(ref: dt.date, weekday: int, direction: int) -> dt.date:
    """Date of ISO ``weekday`` (1 = Monday) nearest ``ref`` in ``direction``; the day
    itself counts as both past and future (a Friday paper's "Friday" is that day)."""
    delta = weekday - ref.isoweekday()
    if direction > 0:
        return ref + dt.timedelta(days=delta % 7)
    return ref - dt.timedelta(days=(-delta) % 7)


def thanksgiving(year: int) -> dt.date:
    first = dt.date(year, 11, 1)
    first_thursday = first + dt.timedelta(days=(3 - first.weekday()) % 7)
    return first_thursday + dt.timedelta(weeks=3)


def election_day(year: int) -> dt.date:
    """US Election Day: the Tuesday after the first Monday of November."""
    first = dt.date(year, 11, 1)
    first_monday = first + dt.timedelta(days=(0 - first.weekday()) % 7)
    return first_monday + dt.timedelta(days=1)
