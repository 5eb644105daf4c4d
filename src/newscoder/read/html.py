"""HTML pages: main text and publication date through trafilatura."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError, MissingDate
from ..records import Document
from .common import parse_date, stem_id


def read_html(path: Path, *, date: dt.date | None = None) -> Iterator[Document | InputError]:
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    try:
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(str(path), f"cannot read file: {exc.strerror or exc}")
        return
    document = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False)
    extracted = document.as_dict() if document is not None and hasattr(document, "as_dict") \
        else document
    if not extracted or not (extracted.get("text") or "").strip():
        yield InputError(str(path), "no main text found in the HTML page")
        return
    doc_date = parse_date(extracted.get("date")) or date
    if doc_date is None:
        yield MissingDate(str(path), "no publication date found in the page: give one with --date")
        return
    yield Document(doc_id=stem_id(path), text=extracted["text"], date=doc_date,
                   title=extracted.get("title"), url=extracted.get("url"),
                   source=extracted.get("sitename"), path=str(path))
