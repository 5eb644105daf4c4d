"""WARC and WARC.gz input: HTML records to documents, the rest skipped and counted, damaged
files reported by record and offset without losing what was read."""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newscoder.errors import InputError, MissingDate
from newscoder.read import FORMATS, read_inputs
from newscoder.read import warc as warc_reader
from newscoder.records import Document

SEPT5 = dt.date(2023, 9, 5)
CRAWLED = "2024-01-02T10:00:00Z"
CRAWL_DAY = dt.date(2024, 1, 2)

_STORY = ("North Korean leader Kim Jong Un travelled to Vladivostok to meet Russian President "
          "Vladimir Putin, officials in Moscow and Seoul said on Tuesday, and the two leaders "
          "discussed military cooperation and the war in Ukraine.")


def _page(title: str, story: str = _STORY, published: str | None = None) -> bytes:
    meta = (f'<meta property="article:published_time" content="{published}">'
            if published else "")
    paragraphs = "".join(f"<p>{story} (part {i})</p>" for i in range(4))
    return (f"<!DOCTYPE html><html><head><title>{title}</title>{meta}</head><body>"
            "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            f"<article><h1>{title}</h1>{paragraphs}</article>"
            "<footer>Copyright Example News</footer></body></html>").encode()


@dataclass
class Archive:
    """What a test WARC holds: the ids of its HTML responses, in order."""

    path: Path
    page_ids: list[str] = field(default_factory=list)


class _Writer:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.handle = path.open("wb")
        self.writer = WARCWriter(self.handle, gzip=path.name.endswith(".gz"))
        self.archive = Archive(path)

    def __enter__(self) -> _Writer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()

    def warcinfo(self) -> None:
        self.writer.write_record(self.writer.create_warcinfo_record(
            self.path.name, {"software": "newscoder tests"}))

    def response(self, uri: str, body: bytes, content_type: str | None = "text/html",
                 status: str = "200 OK", date: str = CRAWLED) -> str:
        headers = [("Content-Type", content_type)] if content_type else []
        http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
        record = self.writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                http_headers=http,
                                                warc_headers_dict={"WARC-Date": date})
        self.writer.write_record(record)
        record_id: str = record.rec_headers.get_header("WARC-Record-ID")
        return record_id

    def page(self, uri: str, body: bytes, date: str = CRAWLED) -> None:
        record_id = self.response(uri, body, date=date)
        self.archive.page_ids.append(record_id.strip("<>").removeprefix("urn:uuid:"))

    def request(self, uri: str) -> None:
        http = StatusAndHeaders("GET / HTTP/1.1", [("Host", uri.split("/")[2])],
                                is_http_request=True)
        self.writer.write_record(self.writer.create_warc_record(
            uri, "request", payload=io.BytesIO(b""), http_headers=http))

    def metadata(self, uri: str) -> None:
        self.writer.write_record(self.writer.create_warc_record(
            uri, "metadata", payload=io.BytesIO(b"fetchTimeMs: 120\r\n"),
            warc_content_type="application/warc-fields"))

    def resource(self, uri: str, body: bytes, content_type: str) -> str:
        record = self.writer.create_warc_record(uri, "resource", payload=io.BytesIO(body),
                                                warc_content_type=content_type,
                                                warc_headers_dict={"WARC-Date": CRAWLED})
        self.writer.write_record(record)
        record_id: str = record.rec_headers.get_header("WARC-Record-ID")
        return record_id


def _crawl(path: Path) -> Archive:
    """A small CC-NEWS-like crawl: two news pages and the records around them."""
    with _Writer(path) as w:
        w.warcinfo()
        w.request("https://news.example.org/2023/09/kim-putin")
        w.page("https://news.example.org/2023/09/kim-putin",
               _page("Kim to meet Putin", published="2023-09-05T10:00:00Z"))
        w.metadata("https://news.example.org/2023/09/kim-putin")
        w.request("https://news.example.org/undated")
        w.page("https://news.example.org/undated",
               _page("Leaders meet", "Russian President Vladimir Putin met Chinese President "
                                     "Xi Jinping in Moscow and the two signed a trade accord "
                                     "in front of the press, the Kremlin said."))
        w.metadata("https://news.example.org/undated")
        w.response("https://news.example.org/logo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64,
                   content_type="image/png")
        w.response("https://news.example.org/old", b"<html><body>Moved</body></html>",
                   status="301 Moved Permanently")
        return w.archive


def _read(*paths: Path | str, **kwargs: object) -> list[Document | InputError]:
    return list(read_inputs([str(p) for p in paths], **kwargs))  # type: ignore[arg-type]


def _offsets(path: Path) -> Iterator[tuple[int, int, str]]:
    """(offset, length, type) of each record, as warcio measures them."""
    with path.open("rb") as handle:
        records = ArchiveIterator(handle)
        for record in records:
            yield records.get_record_offset(), records.get_record_length(), record.rec_type


# -- pages to documents -------------------------------------------------------------------

@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc_html_responses_become_documents(tmp_path: Path, name: str,
                                              caplog: pytest.LogCaptureFixture) -> None:
    archive = _crawl(tmp_path / name)
    with caplog.at_level(logging.INFO, logger="newscoder.read.warc"):
        items = _read(archive.path)
    assert all(isinstance(i, Document) for i in items), items
    first, second = items
    assert isinstance(first, Document) and isinstance(second, Document)
    # the page's own date first; the crawl's WARC-Date for a page that gives none
    assert first.date == SEPT5
    assert second.date == CRAWL_DAY
    assert "Kim Jong Un travelled to Vladivostok" in first.text
    assert "Copyright Example News" not in first.text
    assert "Xi Jinping in Moscow" in second.text
    assert first.url == "https://news.example.org/2023/09/kim-putin"
    assert second.url == "https://news.example.org/undated"
    assert first.title == "Kim to meet Putin"
    assert [first.doc_id, second.doc_id] == archive.page_ids
    assert first.path == f"{archive.path}:record 3"
    summary = [r.getMessage() for r in caplog.records if r.name == "newscoder.read.warc"]
    assert summary == [f"{archive.path}: 2 documents, 7 records skipped (request 2, metadata 2, "
                       "warcinfo 1, not HTML 1, HTTP 301 1), 0 unreadable"]


def test_warc_ids_are_stable_and_unique(tmp_path: Path) -> None:
    archive = _crawl(tmp_path / "crawl.warc.gz")
    once = [d.doc_id for d in _read(archive.path) if isinstance(d, Document)]
    again = [d.doc_id for d in _read(archive.path) if isinstance(d, Document)]
    assert once == again == archive.page_ids
    assert len(set(once)) == len(once)


def test_warc_doc_id_from_record_id_or_file_and_number() -> None:
    assert warc_reader._doc_id("<urn:uuid:0a1b-2c>", "crawl", 4) == "0a1b-2c"
    assert warc_reader._doc_id("<urn:other:x>", "crawl", 4) == "urn:other:x"
    assert warc_reader._doc_id(None, "crawl", 4) == "crawl-4"
    assert warc_reader._stem(Path("CC-NEWS-1.warc.gz")) == "CC-NEWS-1"


def test_warc_html_resource_record_and_undeclared_html(tmp_path: Path) -> None:
    path = tmp_path / "mixed.warc.gz"
    with _Writer(path) as w:
        resource_id = w.resource("file:///saved/page.html", _page("Saved page"),
                                 "text/html; charset=utf-8")
        w.resource("file:///saved/notes.txt", b"plain notes", "text/plain")
        # no Content-Type at all: a page that starts like HTML is read as one
        bare_id = w.response("https://news.example.org/bare", _page("Bare"), content_type=None)
        w.response("https://news.example.org/blob", b"\x00\x01 binary", content_type=None)
    items = _read(path)
    assert [i.doc_id for i in items if isinstance(i, Document)] == [
        resource_id.strip("<>").removeprefix("urn:uuid:"),
        bare_id.strip("<>").removeprefix("urn:uuid:")]
    assert all(isinstance(i, Document) for i in items)


def test_warc_date_falls_back_to_the_given_date(tmp_path: Path) -> None:
    path = tmp_path / "nodate.warc"
    with _Writer(path) as w:
        w.page("https://news.example.org/x", _page("Kim to meet Putin"), date="not a date")
    [err] = _read(path)
    assert isinstance(err, MissingDate)
    assert str(path) in str(err) and "record 1" in str(err) and "--date" in str(err)
    [doc] = _read(path, date=SEPT5)
    assert isinstance(doc, Document) and doc.date == SEPT5


def test_warc_page_without_main_text_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.warc.gz"
    with _Writer(path) as w:
        w.page("https://news.example.org/empty", b"<html><body></body></html>")
        w.page("https://news.example.org/ok", _page("Kim to meet Putin"))
    err, doc = _read(path)
    assert isinstance(err, InputError) and not isinstance(err, MissingDate)
    assert "record 1 (offset 0)" in str(err) and "no main text" in str(err)
    assert isinstance(doc, Document)


def test_warc_oversized_page_is_reported_not_parsed(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.warc.gz"
    with _Writer(path) as w:
        w.page("https://news.example.org/big", _page("Big") + b"<!--" + b"x" * 5000 + b"-->")
        w.page("https://news.example.org/small", _page("Small"))
    monkeypatch.setattr(warc_reader, "MAX_PAGE_BYTES", 4000)
    err, doc = _read(path)
    assert isinstance(err, InputError) and "over 4,000 bytes" in str(err)
    assert isinstance(doc, Document) and doc.url == "https://news.example.org/small"


# -- damaged files ------------------------------------------------------------------------

def test_warc_gz_truncated_member_keeps_what_was_read_and_the_batch_goes_on(
        tmp_path: Path) -> None:
    archive = _crawl(tmp_path / "cut.warc.gz")
    records = list(_offsets(archive.path))
    second_page = [r for r in records if r[2] == "response"][1]
    data = archive.path.read_bytes()
    archive.path.write_bytes(data[:second_page[0] + second_page[1] // 2])  # cut inside it
    other = _crawl(tmp_path / "next.warc.gz")
    items = _read(archive.path, other.path)
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert [d.doc_id for d in docs] == archive.page_ids[:1] + other.page_ids
    assert len(errors) == 1
    message = str(errors[0])
    assert message.startswith(f"{archive.path}: record 6 (offset {second_page[0]:,})")
    assert "truncated" in message
    assert items.index(errors[0]) == 1  # after the page before the cut, before the next file


def test_warc_gz_corrupt_member_is_skipped_and_reading_goes_on(tmp_path: Path) -> None:
    archive = _crawl(tmp_path / "bad.warc.gz")
    first_page = next(r for r in _offsets(archive.path) if r[2] == "response")
    data = bytearray(archive.path.read_bytes())
    for k in range(20, 60):  # garble the deflate stream inside the first page's member
        data[first_page[0] + k] ^= 0x5A
    archive.path.write_bytes(bytes(data))
    items = _read(archive.path)
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(errors) == 1
    assert f"record 3 (offset {first_page[0]:,})" in str(errors[0])
    assert "reading on at offset" in str(errors[0])
    assert str(archive.path) in str(errors[0])
    assert [d.doc_id for d in items if isinstance(d, Document)] == archive.page_ids[1:]


def test_warc_truncated_uncompressed_file(tmp_path: Path) -> None:
    archive = _crawl(tmp_path / "cut.warc")
    first_page = next(r for r in _offsets(archive.path) if r[2] == "response")
    archive.path.write_bytes(archive.path.read_bytes()[:first_page[0] + first_page[1] - 40])
    [err] = _read(archive.path)
    assert isinstance(err, InputError)
    assert str(err).startswith(f"{archive.path}: record 3 (offset {first_page[0]:,}): truncated")


def test_warc_record_longer_than_its_content_length(tmp_path: Path) -> None:
    archive = _crawl(tmp_path / "long.warc")
    first_page = next(r for r in _offsets(archive.path) if r[2] == "response")
    data = archive.path.read_bytes()
    head_end = data.index(b"\r\n\r\n", first_page[0])
    length_at = data.rindex(b"Content-Length: ", first_page[0], head_end)
    digits_end = data.index(b"\r\n", length_at)
    length = int(data[length_at + 16:digits_end])
    # say 30 bytes fewer: the page's last bytes then stand where the record should end
    archive.path.write_bytes(data[:length_at + 16] + str(length - 30).encode()
                             + data[digits_end:])
    items = _read(archive.path)
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(errors) == 1
    assert f"record 3 (offset {first_page[0]:,})" in str(errors[0])
    assert "Content-Length" in str(errors[0])
    assert [d.doc_id for d in items if isinstance(d, Document)] == archive.page_ids


def test_warc_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc.gz"
    path.write_bytes(b"this is not an archive\n" * 10)
    [err] = _read(path)
    assert isinstance(err, InputError) and str(path) in str(err) and "record 1" in str(err)


# -- formats and the command line ---------------------------------------------------------

def test_warc_format_by_suffix_name_and_directory(tmp_path: Path) -> None:
    assert "warc" in FORMATS
    folder = tmp_path / "crawl"
    folder.mkdir()
    a = _crawl(folder / "A.WARC.GZ")
    b = _crawl(folder / "b.warc")
    named = folder.parent / "c.dat"
    c = _crawl(named)
    assert [d.doc_id for d in _read(folder)] == a.page_ids + b.page_ids
    assert [d.doc_id for d in _read(named, fmt="warc")] == c.page_ids
    [err] = _read(named)
    assert ".warc.gz" in str(err)


def test_cli_codes_a_warc_gz_into_the_store(tmp_path: Path) -> None:
    archive = _crawl(tmp_path / "news.warc.gz")
    db = tmp_path / "tmp.db"
    out = tmp_path / "events.jsonl"
    env = dict(os.environ, NEWSCODER_SETTINGS=str(tmp_path / "none.toml"), COLUMNS="500")
    run = subprocess.run([sys.executable, "-m", "newscoder.cli", "code", str(archive.path),
                          "--db", str(db), "--out", str(out), "--no-places", "-q"],
                         env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    from newscoder.store import open_store

    store = open_store(str(db))
    try:
        assert store.counts()["documents"] == 2
        events = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert events and {e["doc_id"] for e in events} <= set(archive.page_ids)
        assert store.counts()["events"] == len(events)
        assert {e["doc_date"] for e in events} <= {"2023-09-05", "2024-01-02"}
    finally:
        store.close()
