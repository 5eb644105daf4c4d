"""Readers: turn input paths into dated :class:`~newscoder.records.Document` objects.

``read_inputs`` walks files and directories and yields either a Document or an
:class:`~newscoder.errors.InputError` for what could not be read, so that a batch can
report the bad item and go on. The format comes from the file name or ``fmt``. In a
directory, a file of no known type is reported too (so that it is named and counted,
not silently left out); hidden files and folders (``.git``, ``.DS_Store``) are passed
over. A reader that fails unexpectedly costs its own file, never the batch.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..records import Document
from .html import read_html
from .jsonl import read_jsonl, read_jsonl_stream
from .text import read_text
from .warc import read_warc

__all__ = ["read_inputs", "read_path", "FORMATS", "DEFAULT_MAX_CHARS"]

FORMATS = ("auto", "seed", "text", "jsonl", "html", "warc")
DEFAULT_MAX_CHARS = 5_000_000
_SUFFIXES = {".txt": "text", ".text": "text", ".jsonl": "jsonl", ".json": "jsonl",
             ".ndjson": "jsonl", ".html": "html", ".htm": "html", ".warc": "warc"}

Item = Document | InputError

log = logging.getLogger(__name__)


def _format_of(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return _SUFFIXES.get(Path(name).suffix)


def read_path(path: Path, *, fmt: str = "auto", date: dt.date | None = None,
              max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Item]:
    """Read one file; yield its documents and an InputError for each bad part."""
    kind = fmt if fmt != "auto" else _format_of(path)
    if kind is None:
        yield InputError(str(path), "unknown input format (use .txt, .jsonl, .jsonl.gz, .html, "
                                    ".warc or .warc.gz, or name one with --format)")
        return
    if kind in ("text", "seed"):
        items: Iterable[Item] = read_text(path, date=date, seed_only=kind == "seed")
    elif kind == "jsonl":
        items = read_jsonl(path, date)
    elif kind == "html":
        items = read_html(path, date=date)
    elif kind == "warc":
        items = read_warc(path, date=date)
    else:
        yield InputError(str(path), f"unknown format {kind!r}; choose one of {', '.join(FORMATS)}")
        return
    try:
        for item in items:
            yield _checked(item, max_chars)
    except Exception as exc:  # a reader's bug or a library's (RecursionError too)
        log.debug("reader failed on %s", path, exc_info=True)
        yield InputError(str(path), f"cannot read file: {exc.__class__.__name__}: {exc}")


def _checked(item: Item, max_chars: int) -> Item:
    if isinstance(item, InputError):
        return item
    if not item.text.strip():
        return InputError(item.path or item.doc_id, f"document {item.doc_id!r} is empty")
    if len(item.text) > max_chars:
        return InputError(item.path or item.doc_id,
                          f"document {item.doc_id!r} has {len(item.text):,} characters, over the "
                          f"limit of {max_chars:,} (raise max_document_chars to code it)")
    return item


def read_inputs(inputs: Iterable[str | Path], *, fmt: str = "auto", date: dt.date | None = None,
                max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Item]:
    """Read files, directories (recursively, sorted) and ``-`` (JSON Lines on stdin)."""
    for raw in inputs:
        if str(raw) == "-":
            for item in read_jsonl_stream(sys.stdin, "<stdin>", date):
                yield _checked(item, max_chars)
            continue
        path = Path(raw)
        if path.is_dir():
            for file in _walk(path):
                if fmt == "auto" and _format_of(file) is None:
                    yield InputError(str(file), "unknown file type in the directory (read "
                                                ".txt, .jsonl, .jsonl.gz, .html, .warc or "
                                                ".warc.gz, or name a format with --format)")
                    continue
                yield from read_path(file, fmt=fmt, date=date, max_chars=max_chars)
        elif path.is_file():
            yield from read_path(path, fmt=fmt, date=date, max_chars=max_chars)
        else:
            yield InputError(str(path), "no such file or directory")


def _walk(folder: Path) -> list[Path]:
    """The files under ``folder``, sorted, leaving out hidden files and folders."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and not any(
        part.startswith(".") for part in p.relative_to(folder).parts))
