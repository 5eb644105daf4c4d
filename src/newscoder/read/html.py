"""HTML pages: main text and publication date through trafilatura."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError, MissingDate
from ..records import Document
from .common import parse_date, stem_id


def read_html(path: Path, *, date: dt.date | None = None) -> Iterator[Document | InputError]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(str(path), f"cannot read file: {exc.strerror or exc}")
        return
    extracted = extract_html(data)
    if extracted is None:
        yield InputError(str(path), "no main text found in the HTML page")
        return
    doc_date = parse_date(extracted.get("date")) or date
    if doc_date is None:
        yield MissingDate(str(path), "no publication date found in the page: give one with --date")
        return
    yield Document(doc_id=stem_id(path), text=extracted["text"], date=doc_date,
                   title=extracted.get("title"), url=extracted.get("url"),
                   source=extracted.get("sitename"), path=str(path))


def extract_html(data: bytes, url: str | None = None) -> dict[str, Any] | None:
    """The main text and metadata (``text``, ``date``, ``title``, ``url``, ``sitename``) of
    one page's bytes, or None when it has no main text.

    ``url`` is where the page came from (a WARC record's target), which trafilatura uses
    for the metadata and the date when the page itself gives none. Shared by the HTML
    file reader and the WARC reader, so that both extract pages the same way.
    """
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    document = trafilatura.bare_extraction(data, url=url, with_metadata=True,
                                           include_comments=False)
    extracted = document.as_dict() if document is not None and hasattr(document, "as_dict") \
        else document
    if not extracted or not (extracted.get("text") or "").strip():
        return None
    return dict(extracted)
