"""Helpers shared by the readers: dates, ids, and safe decoding."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def parse_date(value: object) -> dt.date | None:
    """An ISO date or datetime string (``2023-09-05``, ``2023-09-05T10:00:00Z``) -> date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    m = _ISO_DATE.match(value)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def stem_id(path: Path) -> str:
    """The file name without its extension(s): ``article.txt`` -> ``article``."""
    name = path.name
    for suffix in (".gz", ".jsonl", ".json", ".ndjson", ".txt", ".text", ".html", ".htm"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return name or path.name


