"""Stream every record matching a filter as CSV (the columns of newscoder.export) or JSON Lines.

Records are read in keyset chunks, so an export of a million events holds one chunk in
memory and no long read transaction.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from fastapi.responses import StreamingResponse
from sqlalchemy import Engine

from ..export import COLUMNS, flatten
from ..store.query import EventFilter, page_events

CHUNK = 1000
MEDIA = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson"}


def _records(engine: Engine, f: EventFilter, sort: str, after: tuple[Any, str] | None,
             limit: int | None) -> Iterator[str]:
    left = limit
    while left is None or left > 0:
        size = CHUNK if left is None else min(CHUNK, left)
        page = page_events(engine, f, sort=sort, limit=size, after=after)
        yield from page.records
        if left is not None:
            left -= len(page.records)
        if page.next_key is None:
            return
        after = page.next_key


def _csv(records: Iterator[str]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    for n, record in enumerate(records, 1):
        writer.writerow(flatten(json.loads(record)))
        if n % 200 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def export_response(engine: Engine, f: EventFilter, fmt: str, *, sort: str,
                    after: tuple[Any, str] | None, limit: int | None) -> StreamingResponse:
    records = _records(engine, f, sort, after, limit)
    body = _csv(records) if fmt == "csv" else (r + "\n" for r in records)
    return StreamingResponse(body, media_type=MEDIA[fmt], headers={
        "Content-Disposition": f'attachment; filename="events.{fmt}"'})
