"""JSON Lines (optionally gzipped): one article per line with ``text`` and ``date``.

A record without a valid ``date`` takes the reader's ``date`` (the command line's
``--date``) when one is given, and is reported otherwise.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from ..errors import InputError, MissingDate
from ..records import Document
from .common import parse_date, stem_id


def read_jsonl(path: Path, date: dt.date | None = None) -> Iterator[Document | InputError]:
    try:
        handle: IO[bytes] = (gzip.open(path, "rb") if path.name.lower().endswith(".gz")  # type: ignore[assignment]
                             else path.open("rb"))
    except OSError as exc:
        yield InputError(str(path), f"cannot read file: {exc.strerror or exc}")
        return
    with handle:
        try:
            yield from _records(_decoded(handle, str(path)), str(path), stem_id(path), date)
        except (OSError, EOFError) as exc:  # truncated or corrupt gzip stream
            yield InputError(str(path), f"cannot read file: {exc}")


def read_jsonl_stream(stream: IO[str], name: str,
                      date: dt.date | None = None) -> Iterator[Document | InputError]:
    yield from _records(((i, line) for i, line in enumerate(stream, 1)), name, "stdin", date)


def _decoded(handle: IO[bytes], path: str) -> Iterator[tuple[int, str | InputError]]:
    for number, raw in enumerate(handle, 1):
        try:
            yield number, raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield number, InputError(path, f"not valid UTF-8 (byte {exc.start} of the line)",
                                     line=number)


def _records(lines: Iterable[tuple[int, str | InputError]], path: str, stem: str,
             default_date: dt.date | None) -> Iterator[Document | InputError]:
    for number, line in lines:
        if isinstance(line, InputError):
            yield line
            continue
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(path, f"malformed JSON: {exc.msg} (column {exc.colno})", line=number)
            continue
        except RecursionError:  # arrays or objects nested thousands deep
            yield InputError(path, "JSON nested too deeply", line=number)
            continue
        except ValueError as exc:  # a number of more digits than int() converts
            yield InputError(path, f"unreadable JSON value: {exc}", line=number)
            continue
        if not isinstance(obj, dict):
            yield InputError(path, "expected a JSON object with 'text' and 'date'", line=number)
            continue
        text = obj.get("text")
        if not isinstance(text, str):
            yield InputError(path, "missing 'text' (a string)", line=number)
            continue
        date = parse_date(obj.get("date")) or default_date
        if date is None:
            what = "missing" if obj.get("date") in (None, "") else f"invalid ({obj.get('date')!r})"
            yield MissingDate(path, f"'date' is {what}; expected an ISO date", line=number)
            continue
        doc_id = obj.get("id")
        yield Document(
            doc_id=str(doc_id) if doc_id not in (None, "") else f"{stem}-{number}",
            text=text, date=date,
            title=_opt(obj.get("title")), url=_opt(obj.get("url")), source=_opt(obj.get("source")),
            path=f"{path}:{number}",
        )


def _opt(value: object) -> str | None:
    return str(value) if value not in (None, "") else None
