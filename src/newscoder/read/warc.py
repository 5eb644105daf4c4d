"""WARC and WARC.gz files (the CC-NEWS format): each HTML page becomes a document.

The file is streamed record by record with warcio's ArchiveIterator, so a crawl of any
size is read in the memory of one page. ``response`` and ``resource`` records holding
HTML (a 2xx answer) go through the HTML reader's extraction; every other record
(``request``, ``metadata``, ``warcinfo``, ``revisit``, images, redirects) is skipped and
counted, and one summary line per file is logged.

A document's id is its WARC-Record-ID (the UUID of ``<urn:uuid:...>``), which is unique
across crawls and the same on every read; its url the WARC-Target-URI; its date the
page's own publication date, else the day of the WARC-Date (when it was fetched), else
``--date``. A record that cannot be read (truncated, corrupt) is one InputError naming the
file, the record's number and its byte offset; documents already read are kept, and
reading goes on where the archive allows it.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from ..errors import InputError, MissingDate
from ..records import Document
from .common import parse_date
from .html import extract_html

__all__ = ["read_warc", "MAX_PAGE_BYTES"]

# A page over this size is reported, not parsed: the HTML tree of a page takes many times
# its size in memory. Crawlers cut pages far below it (Common Crawl keeps 1 MiB of each).
MAX_PAGE_BYTES = 16 * 1024 * 1024
_BLOCK = 64 * 1024
_SCAN = 1024 * 1024  # bytes read at a time looking for the next record
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})

log = logging.getLogger(__name__)


def read_warc(path: Path, *, date: dt.date | None = None) -> Iterator[Document | InputError]:
    from warcio.archiveiterator import ArchiveIterator

    try:
        handle = path.open("rb")
    except OSError as exc:
        yield InputError(str(path), f"cannot read file: {exc.strerror or exc}")
        return
    where = str(path)
    stem = _stem(path)
    skipped: Counter[str] = Counter()
    documents = errors = number = 0
    with handle:
        size = os.fstat(handle.fileno()).st_size
        gzipped = handle.read(2) == b"\x1f\x8b"
        start: int | None = 0
        while start is not None:
            # one pass of warcio from ``start``; after a record it cannot read, the next
            # pass begins at the next record found past it (see _next_start)
            handle.seek(start)
            records = ArchiveIterator(handle)
            # warcio writes a warning of its own to stderr when a record runs past its
            # Content-Length; silenced here, and reported below as an InputError instead
            records.INC_RECORD = ""
            start = None
            offset = 0
            while True:
                overruns = records.err_count
                try:
                    record = next(records, None)
                except Exception as exc:  # warcio's parser on bad bytes: the position is lost
                    errors += 1
                    # warcio has moved its offset to the start of the record it failed on
                    item, start = _lost(handle, where, number + 1, records.offset, gzipped,
                                        f"cannot read the record, truncated or corrupt "
                                        f"({_what(exc)})")
                    yield item
                    break
                if records.err_count > overruns and number:
                    errors += 1
                    yield _error(where, number, offset, "the record does not end where its "
                                                        "Content-Length says; the bytes after "
                                                        "it were passed over to the next record")
                if record is None:
                    # warcio ends quietly on a gzip member cut short before its record's
                    # headers: bytes left past the last whole record are that record
                    left = size - records.offset
                    if left > 0:
                        errors += 1
                        item, start = _lost(handle, where, number + 1, records.offset,
                                            gzipped, f"truncated or corrupt: {left:,} bytes "
                                                     "to the end of the file and no whole record")
                        yield item
                    break
                number += 1
                offset = records.offset
                if record.format != "warc":  # warcio also takes ARC, and reads any line of
                    # five words as an ARC header: that is no WARC file
                    errors += 1
                    item, start = _lost(handle, where, number, offset, gzipped,
                                        "not a WARC record")
                    yield item
                    break
                reason = _skip_reason(record)
                payload: bytes | None = None
                problem: str | None = None
                if reason is None:
                    try:
                        payload = _payload(record)
                    except Exception as exc:  # a bad Content-Encoding of the page itself
                        problem = f"cannot decode the page ({_what(exc)})"
                    if payload is None and problem is None:
                        problem = f"page of over {MAX_PAGE_BYTES:,} bytes, not read"
                    elif payload is not None and not _looks_html(record, payload):
                        reason, payload = "not HTML", None
                try:
                    missing = _drain(record)
                except Exception as exc:  # the archive's own stream is corrupt here
                    errors += 1
                    item, start = _lost(handle, where, number, offset, gzipped,
                                        f"cannot read the record, truncated or corrupt "
                                        f"({_what(exc)})")
                    yield item
                    break
                if missing:
                    errors += 1
                    yield _error(where, number, offset, f"truncated: {missing:,} of its "
                                                        f"{_length(record):,} bytes are missing")
                    continue
                if reason is not None:
                    skipped[reason] += 1
                    continue
                if problem is not None or payload is None:
                    errors += 1
                    yield _error(where, number, offset, problem or "no page")
                    continue
                coded = _document(record, payload, where, number, offset, stem, date)
                if isinstance(coded, Document):
                    documents += 1
                else:
                    errors += 1
                yield coded
    detail = ", ".join(f"{kind} {count:,}" for kind, count in skipped.most_common())
    log.info("%s: %s documents, %s records skipped%s, %s unreadable", where,
             f"{documents:,}", f"{sum(skipped.values()):,}", f" ({detail})" if detail else "",
             f"{errors:,}")


def _lost(handle: BinaryIO, where: str, number: int, offset: int, gzipped: bool,
          why: str) -> tuple[InputError, int | None]:
    """The error for a record that cannot be read, and where reading goes on (or None)."""
    start = _next_start(handle, offset + 1, gzipped)
    then = (f"reading on at offset {start:,}" if start is not None
            else "the rest of the file is not read")
    return _error(where, number, offset, f"{why}; {then}"), start


def _next_start(handle: BinaryIO, position: int, gzipped: bool) -> int | None:
    """The offset of the first whole-looking record at or after ``position``: a gzip
    member that inflates to ``WARC/``, or a ``WARC/1.x`` line; None when there is none.

    A crawl of a gigabyte should not be lost to one bad gzip member, and each member of a
    WARC.gz holds one record, so the next member is a safe place to start again."""
    marker = b"\x1f\x8b\x08" if gzipped else b"\nWARC/"
    skip = 0 if gzipped else 1  # the record starts after the line break
    read_at = position - skip
    carry = b""
    while True:
        handle.seek(read_at)
        block = handle.read(_SCAN)
        if not block:
            return None
        data = carry + block
        base = read_at - len(carry)
        read_at += len(block)
        found = data.find(marker)
        while found != -1:
            at = base + found + skip
            if at >= position and _starts_record(handle, at, gzipped):
                return at
            found = data.find(marker, found + 1)
        carry = data[-(len(marker) - 1):]


def _starts_record(handle: BinaryIO, at: int, gzipped: bool) -> bool:
    handle.seek(at)
    head = handle.read(_SCAN if gzipped else 16)
    if not gzipped:
        return head.startswith((b"WARC/1.0\r\n", b"WARC/1.1\r\n", b"WARC/0.1"))
    try:
        return zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(head, 16).startswith(b"WARC/")
    except zlib.error:
        return False


def _document(record: Any, payload: bytes, where: str, number: int, offset: int, stem: str,
              date: dt.date | None) -> Document | InputError:
    headers = record.rec_headers
    uri = headers.get_header("WARC-Target-URI") or None
    try:
        extracted = extract_html(payload, url=uri)
    except Exception as exc:  # lxml or trafilatura on a hostile page costs that page only
        log.debug("extraction failed on record %d of %s", number, where, exc_info=True)
        return _error(where, number, offset, f"cannot extract the page ({_what(exc)})")
    if extracted is None:
        return _error(where, number, offset, "no main text found in the HTML page")
    # the page's own date first: the fetch time (WARC-Date) can be years after publication
    doc_date = parse_date(extracted.get("date")) or parse_date(headers.get_header("WARC-Date")) \
        or date
    if doc_date is None:
        return MissingDate(where, f"record {number} (offset {offset:,}): no date in the page "
                                  "or the WARC-Date header: give one with --date")
    return Document(doc_id=_doc_id(headers.get_header("WARC-Record-ID"), stem, number),
                    text=extracted["text"], date=doc_date, title=extracted.get("title"),
                    url=uri or extracted.get("url"),
                    source=extracted.get("sitename") or (urlsplit(uri).hostname if uri else None),
                    path=f"{where}:record {number}")


def _skip_reason(record: Any) -> str | None:
    """Why a record is no page to code (its type, not HTML, an HTTP status), or None."""
    kind = record.rec_type
    if kind not in ("response", "resource"):
        return str(kind)
    http = record.http_headers if kind == "response" else None
    if http is not None:
        status = http.get_statuscode()
        if not (status and status.startswith("2")):
            return f"HTTP {status or 'status missing'}"
        content_type = http.get_header("Content-Type")
    else:
        content_type = record.rec_headers.get_header("Content-Type")
    if content_type and content_type.split(";")[0].strip().lower() not in _HTML_TYPES:
        return "not HTML"
    return None


def _looks_html(record: Any, payload: bytes) -> bool:
    """Declared HTML, or, with no Content-Type at all, a page that starts like one."""
    http = record.http_headers if record.rec_type == "response" else None
    declared = (http.get_header("Content-Type") if http is not None
                else record.rec_headers.get_header("Content-Type"))
    if declared:
        return True
    head = payload[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head


def _payload(record: Any) -> bytes | None:
    """The page's bytes (HTTP transfer and content encodings undone), None if too big."""
    stream = record.content_stream()
    chunks: list[bytes] = []
    size = 0
    while block := stream.read(_BLOCK):
        size += len(block)
        if size > MAX_PAGE_BYTES:
            return None
        chunks.append(block)
    return b"".join(chunks)


def _drain(record: Any) -> int:
    """Read the record to its end; the number of bytes its Content-Length promised but the
    file did not hold (a truncated file or gzip member), 0 when it is whole."""
    raw = record.raw_stream
    while raw.read(_BLOCK):
        pass
    return max(int(getattr(raw, "limit", 0) or 0), 0)


def _length(record: Any) -> int:
    try:
        return int(record.rec_headers.get_header("Content-Length") or 0)
    except ValueError:
        return 0


def _doc_id(record_id: str | None, stem: str, number: int) -> str:
    """The WARC-Record-ID without ``<urn:uuid:`` and ``>``; the file and record number for a
    record without one (the id is mandatory in WARC, but not every writer sets it)."""
    value = (record_id or "").strip().strip("<>").strip()
    if value.lower().startswith("urn:uuid:"):
        value = value[len("urn:uuid:"):]
    return value or f"{stem}-{number}"


def _stem(path: Path) -> str:
    name = path.name
    for suffix in (".gz", ".warc"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return name or path.name


def _error(where: str, number: int, offset: int, message: str) -> InputError:
    return InputError(where, f"record {number} (offset {offset:,}): {message}")


def _what(exc: BaseException) -> str:
    # warcio quotes the bad bytes it met (binary from a corrupt gzip member): keep the
    # message one short, printable line
    text = str(exc)
    cut = next((i for i, c in enumerate(text) if not (c.isascii() and c.isprintable())),
               len(text))
    if cut > 100:
        cut = 100
    text = text[:cut].rstrip() + ("..." if cut < len(text) else "")
    return f"{exc.__class__.__name__}: {text}" if text else exc.__class__.__name__
