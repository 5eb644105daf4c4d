"""Peak memory of the WARC reader streaming a large WARC.gz to documents.

    python benchmarks/bench_warc.py [--size-mb 1024] [--script-kb 48] [--keep PATH]

Builds a WARC.gz of about ``--size-mb`` megabytes (compressed) in a temporary folder from
the Wikinews politics articles, laid out like a CC-NEWS file: a warcinfo record, then for
each page a request, an HTML response and a metadata record. The articles are repeated
under distinct URIs and record ids until the size is reached; each page carries
navigation, a footer and an inline script of ``--script-kb`` of random base64 (news pages
carry such analytics and state blobs, and random data keeps gzip from shrinking the
repeats to nothing), and half the pages state their publication date while the rest
leave it to the WARC-Date. A child process then reads the file through ``read_inputs``
(extraction only, no NLP) and the parent reports the child's peak resident set size
against the target (<= 300 MB), with documents per second.

Measured at the default size on 2 shared CPU cores: 1,024 MB of WARC.gz, 26,815 pages
(80,446 records), every page a document; peak 127 MB, 40 documents/s (1.5 MB/s).
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import gzip
import html
import io
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "wikinews-politics" / \
    "articles.jsonl.gz"
TARGET_MB = 300

_NAV = "".join(f'<li><a href="/section/{s}">{s.title()}</a></li>' for s in (
    "world", "politics", "africa", "americas", "asia", "europe", "middle-east", "business",
    "science", "sports", "weather", "opinion", "video", "audio", "contact"))
_FOOTER = ("<footer><p>Copyright Example News Network. All rights reserved.</p>"
           "<ul><li><a href='/about'>About us</a></li><li><a href='/privacy'>Privacy</a></li>"
           "<li><a href='/terms'>Terms of use</a></li></ul></footer>")


def _articles() -> list[dict[str, str]]:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as src:
        return [json.loads(line) for line in src if line.strip()]


def _page(article: dict[str, str], stamp: bool, script: str) -> bytes:
    title = html.escape(article.get("title") or "News")
    sentences = article["text"].split(". ")
    paragraphs = "".join(f"<p>{html.escape('. '.join(sentences[i:i + 3]))}.</p>"
                         for i in range(0, len(sentences), 3))
    meta = (f'<meta property="article:published_time" content="{article["date"]}T09:00:00Z">'
            if stamp else "")
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}"
            f"</title>{meta}<link rel='stylesheet' href='/static/site.css'></head><body>"
            f"<header><a href='/'>Example News</a><nav><ul>{_NAV}</ul></nav></header>"
            f"<main><article><h1>{title}</h1>{paragraphs}</article>"
            "<aside><h2>Most read</h2><ul><li><a href='/a'>Markets close higher</a></li>"
            "<li><a href='/b'>Storm warning for the coast</a></li></ul></aside></main>"
            f"{_FOOTER}<script type='application/json' id='state'>{{\"t\":\"{script}\"}}"
            "</script></body></html>").encode()


def build(path: Path, size_mb: int, script_kb: int, seed: int = 13) -> int:
    """Write the WARC.gz; the number of HTML pages in it."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    articles = _articles()
    rng = random.Random(seed)
    target = size_mb * 1024 * 1024
    pages = 0
    crawl = dt.datetime(2024, 3, 1, 0, 0, 0)
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {
            "software": "newscoder benchmarks/bench_warc.py", "format": "WARC File Format 1.1"}))
        while fh.tell() < target:
            article = articles[pages % len(articles)]
            uri = f"https://news.example.org/{article['date'][:4]}/{pages}/{article['id']}"
            when = (crawl + dt.timedelta(seconds=pages)).strftime("%Y-%m-%dT%H:%M:%SZ")
            script = base64.b64encode(rng.randbytes(script_kb * 768)).decode("ascii")
            body = _page(article, stamp=pages % 2 == 0, script=script)
            for record in _capture(writer, uri, when, body, StatusAndHeaders):
                writer.write_record(record)
            pages += 1
    return pages


def _capture(writer: object, uri: str, when: str, body: bytes,
             status_and_headers: type) -> Iterator[object]:
    """A request, its response and a metadata record, as a crawler writes them."""
    request_id = f"<urn:uuid:{uuid.uuid4()}>"
    response_id = f"<urn:uuid:{uuid.uuid4()}>"
    host = uri.split("/")[2]
    request = status_and_headers(f"GET /{uri.split('/', 3)[3]} HTTP/1.1", [
        ("Host", host), ("User-Agent", "bench-crawler/1.0"), ("Accept", "text/html")],
        is_http_request=True)
    yield writer.create_warc_record(  # type: ignore[attr-defined]
        uri, "request", payload=io.BytesIO(b""), http_headers=request,
        warc_headers_dict={"WARC-Date": when, "WARC-Record-ID": request_id})
    response = status_and_headers("200 OK", [
        ("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))],
        protocol="HTTP/1.1")
    yield writer.create_warc_record(  # type: ignore[attr-defined]
        uri, "response", payload=io.BytesIO(body), length=len(body), http_headers=response,
        warc_headers_dict={"WARC-Date": when, "WARC-Record-ID": response_id,
                           "WARC-Concurrent-To": request_id})
    info = "fetchTimeMs: 120\r\ncharset-detected: UTF-8\r\n".encode("ascii")
    yield writer.create_warc_record(  # type: ignore[attr-defined]
        uri, "metadata", payload=io.BytesIO(info), length=len(info),
        warc_content_type="application/warc-fields",
        warc_headers_dict={"WARC-Date": when, "WARC-Concurrent-To": response_id})


def child(path: str) -> None:
    """Stream the file through the reader; print what came out as one JSON line."""
    import logging

    from newscoder.errors import InputError
    from newscoder.read import read_inputs

    logging.basicConfig(level=logging.INFO, format="%(message)s")  # the reader's summary
    documents = errors = chars = 0
    dated_by_page = 0
    start = time.perf_counter()
    for item in read_inputs([path]):
        if isinstance(item, InputError):
            errors += 1
            continue
        documents += 1
        chars += len(item.text)
        dated_by_page += item.date.year != 2024  # the crawl (WARC-Date) is in 2024
    print(json.dumps({"documents": documents, "errors": errors, "chars": chars,
                      "dated_by_page": dated_by_page,
                      "seconds": time.perf_counter() - start}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mb", type=int, default=1024,
                        help="compressed size of the WARC.gz to build [1024]")
    parser.add_argument("--script-kb", type=int, default=48,
                        help="inline script (random base64) in each page, in KB [48]")
    parser.add_argument("--keep", help="write the WARC.gz here and keep it")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.keep) if args.keep else Path(tmp) / "bench.warc.gz"
        start = time.perf_counter()
        pages = build(path, args.size_mb, args.script_kb)
        built = time.perf_counter() - start
        size_mb = os.path.getsize(path) / 1024 / 1024
        print(f"built {path.name}: {size_mb:,.0f} MB compressed, {pages:,} HTML pages "
              f"(+ as many requests and metadata records) in {built:.0f} s", flush=True)
        run = subprocess.run([sys.executable, __file__, "--child", str(path)],
                             capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"reader failed (exit {run.returncode}):\n{run.stderr[-3000:]}")
    stats = json.loads(run.stdout.strip().splitlines()[-1])
    summary = [line for line in run.stderr.splitlines() if "documents" in line]
    # ru_maxrss of children is the largest single child (kilobytes on Linux)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    seconds = stats["seconds"]
    print(f"reader: {summary[-1] if summary else '(no summary line)'}")
    print(f"documents {stats['documents']:,} ({stats['dated_by_page']:,} dated from the page, "
          f"the rest by WARC-Date), errors {stats['errors']:,}, "
          f"{stats['chars'] / 1e6:,.0f} M characters of text")
    print(f"read in {seconds:.0f} s: {stats['documents'] / seconds:,.0f} documents/s, "
          f"{size_mb / seconds:.1f} MB/s of WARC.gz")
    print(f"peak memory of the reading process: {peak_mb:.0f} MB (target <= {TARGET_MB} MB)"
          f" -> {'met' if peak_mb <= TARGET_MB else 'NOT met'}")


if __name__ == "__main__":
    main()
