"""Seed-format and plain-text files.

Seed format: the first line starts with ``date YYYY-MM-DD`` (leading spaces allowed); the
text is everything after the date token with leading whitespace stripped. Plain text
without that header needs a date from the caller (``--date``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError, MissingDate
from ..records import Document
from .common import parse_date, stem_id

# "date" and a date-shaped token on the first line; "date palms ..." is plain text
SEED_HEADER = re.compile(r"^[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})(?=\s|$)")
_SEED_LIKE = re.compile(r"^[ \t]*date[ \t]+(\d[\d-]*)(?=\s|$)")


def read_text(path: Path, *, date: dt.date | None = None,
              seed_only: bool = False) -> Iterator[Document | InputError]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(str(path), f"cannot read file: {exc.strerror or exc}")
        return
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        yield InputError(str(path), f"not valid UTF-8 (byte {exc.start})", line=line)
        return
    header = SEED_HEADER.match(raw) or _SEED_LIKE.match(raw)
    if header:
        doc_date = parse_date(header.group(1))
        if doc_date is None:
            yield MissingDate(str(path), f"invalid date {header.group(1)!r} in the header "
                                         "(expected YYYY-MM-DD)", line=1)
            return
        text = raw[header.end():].lstrip()
    elif seed_only:
        yield MissingDate(str(path), "no 'date YYYY-MM-DD' header on the first line", line=1)
        return
    else:
        if date is None:
            yield MissingDate(str(path), "plain text has no date: give one with --date YYYY-MM-DD")
            return
        doc_date, text = date, raw
    yield Document(doc_id=stem_id(path), text=text, date=doc_date, path=str(path))
