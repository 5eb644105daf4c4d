"""Cut the inputs of a run into partitions: the units of work a Dask worker codes alone.

A partition is a tuple of pieces; a piece is one file, or a byte range of a large JSON
Lines file cut at line boundaries (so every record lies in exactly one piece). Large JSON
Lines files are sharded; small files are packed together in name order, so a folder of a
million one-article files does not become a million tasks; every other file (HTML, WARC,
gzipped JSON Lines, which cannot be cut without reading it all) is at least one partition
of its own or part of a pack.

Every partition has a key: a hash of the bytes it covers, of what makes document ids
(the file's stem, the first line's number) and of what the coder does with them (coder
version, settings that change events). A rerun that finds a partition's key done skips it;
changed input bytes or a new coder version give a new key and the partition is coded
again.

Cut points depend only on each file's size (or ``partition_bytes``), never on the size of
the cluster, so a rerun with more workers finds the same keys.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import posixpath
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..records import Document
from ..settings import Settings
from ..version import __version__

# Shard size of a large JSON Lines file when none is given: a 64th of the file, so a single
# file still spreads over a cluster, within these bounds (a shard codes in seconds to
# minutes on one core; Parquet files stay few and not tiny).
MIN_SHARD_BYTES = 64 * 1024
MAX_SHARD_BYTES = 16 * 1024 * 1024
SHARDS_PER_FILE = 64
# Small files are packed into partitions of up to this many bytes and files.
PACK_BYTES = 1024 * 1024
PACK_FILES = 100
_BLOCK = 1024 * 1024  # bytes read at a time while planning
_JSONL_SUFFIXES = (".jsonl", ".json", ".ndjson")
KEY_CHARS = 32  # hex digits of a partition key (128 bits)


@dataclass(frozen=True, slots=True)
class Piece:
    """One file, or the bytes ``[start, end)`` of a JSON Lines file."""

    url: str  # as the user named it (a local path, or protocol://...) for messages and ids
    start: int | None = None  # None: the whole file
    end: int | None = None
    first_line: int = 1  # number of the first line of the range in its file

    @property
    def sharded(self) -> bool:
        return self.start is not None

    def describe(self) -> str:
        return self.url if self.start is None else f"{self.url} [bytes {self.start}-{self.end}]"


@dataclass(frozen=True, slots=True)
class Partition:
    key: str
    pieces: tuple[Piece, ...]
    size: int  # bytes of input

    @property
    def sources(self) -> tuple[str, ...]:
        """The files the partition reads (a rerun's stale partitions are found by them)."""
        return tuple(dict.fromkeys(p.url for p in self.pieces))

    def describe(self) -> str:
        if len(self.pieces) == 1:
            return self.pieces[0].describe()
        return f"{self.pieces[0].url} and {len(self.pieces) - 1} more files"


def settings_fingerprint(settings: Settings, fmt: str = "auto",
                         date: dt.date | None = None) -> str:
    """What, besides the input bytes, decides a partition's documents and events."""
    return "|".join([
        f"newscoder {__version__}", f"model={settings.model}", f"places={settings.places}",
        f"learned={settings.learned}", f"min_confidence={settings.min_confidence!r}",
        f"max_chars={settings.max_document_chars}", f"format={fmt}",
        f"date={date.isoformat() if date else ''}"])


def filesystem(url: str) -> tuple[Any, str]:
    """The fsspec filesystem of a URL or local path, and the path on it."""
    import fsspec.core

    fs, path = fsspec.core.url_to_fs(url)
    return fs, path


def is_local(fs: Any) -> bool:
    from fsspec.implementations.local import LocalFileSystem

    return isinstance(fs, LocalFileSystem)


def shard_bytes_for(size: int, partition_bytes: int | None = None) -> int:
    if partition_bytes:
        return max(1, partition_bytes)
    return max(MIN_SHARD_BYTES, min(MAX_SHARD_BYTES, size // SHARDS_PER_FILE))


def is_jsonl(url: str, fmt: str) -> bool:
    """Whether a file is plain (not compressed) JSON Lines, which may be cut in shards."""
    name = url.lower()
    if name.endswith(".gz") or name.endswith(".bz2") or name.endswith(".xz"):
        return False
    return fmt == "jsonl" or (fmt == "auto" and name.endswith(_JSONL_SUFFIXES))


def _stem(url: str) -> str:
    from ..read.common import stem_id

    return stem_id(Path(posixpath.basename(url.rstrip("/"))))


def _hasher(piece_header: str) -> Any:
    h = hashlib.sha256()
    h.update(piece_header.encode("utf-8") + b"\0")
    return h


def _header(piece: Piece) -> str:
    # the file's stem and the first line's number make the ids of records without one
    return f"{_stem(piece.url)}|{piece.first_line}|{'shard' if piece.sharded else 'file'}"


@dataclass(frozen=True, slots=True)
class _Planned:
    piece: Piece
    size: int
    digest: str  # sha256 over the piece's header and bytes


def _file_url(fs: Any, found: str, given: str, root: str) -> str:
    """How a file found under the input ``given`` (walked from ``root``) is named."""
    if is_local(fs):
        rel = os.path.relpath(found, root)
        return given if rel == "." else os.path.join(given, rel)
    return fs.unstrip_protocol(found)


def _walk(fs: Any, given: str, path: str) -> Iterator[tuple[str, str]] | InputError:
    """(fsspec path, name to show) of the files of one input, hidden ones left out."""
    if not fs.exists(path):
        return InputError(given, "no such file or directory")
    if not fs.isdir(path):
        return iter([(path, given)])
    found = sorted(fs.find(path))
    out: list[tuple[str, str]] = []
    for file in found:
        rel = posixpath.relpath(file, path) if not is_local(fs) else os.path.relpath(file, path)
        if any(part.startswith(".") for part in rel.replace(os.sep, "/").split("/")):
            continue
        out.append((file, _file_url(fs, file, given, path)))
    return iter(out)


def _plan_file(fs: Any, path: str, url: str, fmt: str,
               partition_bytes: int | None) -> list[_Planned]:
    """Read a file once: its cut points (JSON Lines) and each piece's digest."""
    size = int(fs.size(path))
    if not is_jsonl(url, fmt) or size <= shard_bytes_for(size, partition_bytes):
        piece = Piece(url)
        h = _hasher(_header(piece))
        with fs.open(path, "rb") as handle:
            while block := handle.read(_BLOCK):
                h.update(block)
        return [_Planned(piece, size, h.hexdigest())]
    shard = shard_bytes_for(size, partition_bytes)
    planned: list[_Planned] = []
    start, first_line, lines, pos = 0, 1, 0, 0
    h = _hasher(_header(Piece(url, 0, 0, 1)))

    def close(end: int) -> None:
        nonlocal start, first_line, lines, h
        planned.append(_Planned(Piece(url, start, end, first_line), end - start, h.hexdigest()))
        start, first_line, lines = end, first_line + lines, 0
        h = _hasher(_header(Piece(url, end, end, first_line)))

    with fs.open(path, "rb") as handle:
        while block := handle.read(_BLOCK):
            i = 0
            while i < len(block):
                # cut after the line that holds the shard's last byte
                target = start + shard - 1
                nl = block.find(b"\n", max(i, target - pos))
                if nl == -1:
                    h.update(block[i:])
                    lines += block.count(b"\n", i)
                    break
                h.update(block[i:nl + 1])
                lines += block.count(b"\n", i, nl + 1)
                close(pos + nl + 1)
                i = nl + 1
            pos += len(block)
    if start < pos:
        close(pos)
    return planned


def _key(fingerprint: str, planned: Sequence[_Planned]) -> str:
    h = hashlib.sha256(fingerprint.encode("utf-8"))
    for p in planned:
        h.update(b"\0" + p.digest.encode("ascii"))
    return h.hexdigest()[:KEY_CHARS]


def _packed(planned: list[_Planned], fingerprint: str,
            partition_bytes: int | None) -> Iterator[Partition]:
    """Shards alone; runs of small whole files packed together, in order."""
    limit = partition_bytes or PACK_BYTES
    pack: list[_Planned] = []

    def flush() -> Iterator[Partition]:
        if pack:
            yield Partition(_key(fingerprint, pack), tuple(p.piece for p in pack),
                            sum(p.size for p in pack))
            pack.clear()

    for p in planned:
        if p.piece.sharded or p.size >= limit:
            yield from flush()
            yield Partition(_key(fingerprint, [p]), (p.piece,), p.size)
            continue
        if pack and (sum(q.size for q in pack) + p.size > limit or len(pack) >= PACK_FILES):
            yield from flush()
        pack.append(p)
    yield from flush()


def plan(inputs: Iterable[str], settings: Settings, *, fmt: str = "auto",
         date: dt.date | None = None, partition_bytes: int | None = None,
         threads: int = 8) -> tuple[list[Partition], list[InputError]]:
    """The partitions of the inputs (files, folders, fsspec URLs), in input order, and
    an error for each input that cannot be found. Reads every input once (hashing runs
    in threads: the reads wait on disks and networks)."""
    fingerprint = settings_fingerprint(settings, fmt, date)
    problems: list[InputError] = []
    files: list[tuple[Any, str, str]] = []
    for given in inputs:
        if given == "-":
            problems.append(InputError("-", "standard input cannot be partitioned; "
                                            "write it to a file first"))
            continue
        fs, path = filesystem(given)
        walked = _walk(fs, given, path)
        if isinstance(walked, InputError):
            problems.append(walked)
            continue
        files.extend((fs, p, url) for p, url in walked)
    with ThreadPoolExecutor(max_workers=max(1, threads)) as pool:
        per_file = list(pool.map(lambda f: _plan_file(f[0], f[1], f[2], fmt, partition_bytes),
                                 files))
    planned = [p for pieces in per_file for p in pieces]
    return list(_packed(planned, fingerprint, partition_bytes)), problems


# -- reading a partition (on a worker) -----------------------------------------------------
def _shard_documents(fs: Any, path: str, piece: Piece, date: dt.date | None,
                     max_chars: int) -> Iterator[Document | InputError]:
    """The records of a JSON Lines byte range, numbered as in the whole file (ids of
    records without one are ``<stem>-<line>``, as a plain run makes them)."""
    from ..read import _checked
    from ..read.jsonl import _records

    assert piece.start is not None and piece.end is not None
    data = fs.cat_file(path, start=piece.start, end=piece.end)
    raw = data.split(b"\n")
    if raw and raw[-1] == b"":
        raw.pop()

    def lines() -> Iterator[tuple[int, str | InputError]]:
        for number, line in enumerate(raw, piece.first_line):
            try:
                # a byte-order mark is allowed on a file's first line only, as the reader has it
                yield number, line.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield number, InputError(piece.url, f"not valid UTF-8 (byte {exc.start} of "
                                                    "the line)", line=number)

    for item in _records(lines(), piece.url, _stem(piece.url), date):
        yield _checked(item, max_chars)


def _file_documents(fs: Any, path: str, piece: Piece, fmt: str, date: dt.date | None,
                    max_chars: int) -> Iterator[Document | InputError]:
    """A whole file through the project's readers; a remote file is copied to a
    temporary folder first (the readers read local files) and named by its URL."""
    import tempfile

    from ..read import read_path

    if is_local(fs):
        yield from read_path(Path(piece.url), fmt=fmt, date=date, max_chars=max_chars)
        return
    with tempfile.TemporaryDirectory(prefix="newscoder-") as tmp:
        local = Path(tmp) / posixpath.basename(path)
        fs.get_file(path, str(local))
        for item in read_path(local, fmt=fmt, date=date, max_chars=max_chars):
            if isinstance(item, InputError):
                yield type(item)(item.path.replace(str(local), piece.url, 1), item.message,
                                 line=item.line)
            else:
                shown = (item.path or "").replace(str(local), piece.url, 1)
                yield replace(item, path=shown or piece.url)


def read_partition(partition: Partition, *, fmt: str = "auto", date: dt.date | None = None,
                   max_chars: int) -> Iterator[Document | InputError]:
    """The documents of a partition, in input order, and an error for each bad part."""
    for piece in partition.pieces:
        fs, path = filesystem(piece.url)
        try:
            if piece.sharded:
                yield from _shard_documents(fs, path, piece, date, max_chars)
            else:
                yield from _file_documents(fs, path, piece, fmt, date, max_chars)
        except OSError as exc:  # vanished since planning, unreadable, a network failure
            yield InputError(piece.describe(), f"cannot read file: {exc}")
