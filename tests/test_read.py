"""Readers: seed format, plain text, JSON Lines, HTML, directories and errors."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest

from newscoder.errors import InputError, MissingDate
from newscoder.read import read_inputs
from newscoder.records import Document

SEPT5 = dt.date(2023, 9, 5)


def _read(*paths: Path | str, **kwargs: object) -> list[Document | InputError]:
    return list(read_inputs([str(p) for p in paths], **kwargs))  # type: ignore[arg-type]


def _one(*paths: Path | str, **kwargs: object) -> Document | InputError:
    items = _read(*paths, **kwargs)
    assert len(items) == 1, items
    return items[0]


def _jsonl(path: Path, *lines: object) -> Path:
    path.write_text("".join((ln if isinstance(ln, str) else json.dumps(ln)) + "\n"
                            for ln in lines), encoding="utf-8")
    return path


# -- seed format --------------------------------------------------------------------------

def test_read_seed_leading_spaces_and_text_after_date(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text("   date 2023-09-05   Kim Jong Un met Putin.\n\nSecond paragraph.\n",
                    encoding="utf-8")
    doc = _one(path)
    assert isinstance(doc, Document)
    assert doc.doc_id == "article"
    assert doc.date == SEPT5
    assert doc.text == "Kim Jong Un met Putin.\n\nSecond paragraph.\n"
    assert doc.path == str(path)


def test_read_seed_date_on_its_own_line(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("date 2023-09-05\n\n  Leaders met in Moscow.", encoding="utf-8")
    doc = _one(path)
    assert isinstance(doc, Document)
    assert doc.text == "Leaders met in Moscow."
    assert doc.date == SEPT5


def test_read_seed_date_overrides_cli_date(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("date 2023-09-05 Text.", encoding="utf-8")
    doc = _one(path, date=dt.date(2020, 1, 1))
    assert isinstance(doc, Document)
    assert doc.date == SEPT5


def test_read_seed_founding_article_offsets_start_at_text() -> None:
    seed = Path(__file__).resolve().parents[2] / "shared" / "examples" / "seed" / "article.txt"
    if not seed.exists():
        pytest.skip("../shared is not present")
    doc = _one(seed)
    assert isinstance(doc, Document)
    assert doc.doc_id == "article"
    assert doc.date == SEPT5
    assert doc.text.startswith("North Korea's leader Kim Jong Un")


def test_read_seed_invalid_date(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_text("date 2023-13-45 Something happened.", encoding="utf-8")
    err = _one(path)
    assert isinstance(err, MissingDate)
    assert err.path == str(path)
    assert err.line == 1
    assert "2023-13-45" in str(err)


def test_read_seed_format_requires_header(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("No header here.", encoding="utf-8")
    err = _one(path, fmt="seed", date=SEPT5)
    assert isinstance(err, MissingDate)
    assert str(path) in str(err)


# -- plain text ---------------------------------------------------------------------------

def test_read_plain_text_with_date(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("  Putin met Xi in Beijing.\n", encoding="utf-8")
    doc = _one(path, date=SEPT5)
    assert isinstance(doc, Document)
    assert doc.doc_id == "story"
    assert doc.date == SEPT5
    assert doc.text == "  Putin met Xi in Beijing.\n"  # the whole file, untouched


def test_read_plain_text_without_date_names_file(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Putin met Xi in Beijing.", encoding="utf-8")
    err = _one(path)
    assert isinstance(err, MissingDate)
    assert err.path == str(path)
    assert str(path) in str(err)
    assert "--date" in str(err)


def test_read_plain_text_starting_with_word_date(tmp_path: Path) -> None:
    path = tmp_path / "palms.txt"
    path.write_text("date palms grow along the Nile, officials said.", encoding="utf-8")
    doc = _one(path, date=SEPT5)
    assert isinstance(doc, Document)
    assert doc.text.startswith("date palms")


def test_read_plain_text_bad_utf8(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(b"date 2023-09-05 fine\nbad \xff byte\n")
    err = _one(path)
    assert isinstance(err, InputError)
    assert err.path == str(path)
    assert err.line == 2
    assert "UTF-8" in str(err)


def test_read_plain_text_bom_is_stripped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffdate 2023-09-05 Text.".encode())
    doc = _one(path)
    assert isinstance(doc, Document)
    assert doc.text == "Text."


# -- JSON Lines ---------------------------------------------------------------------------

def test_read_jsonl_keeps_id_title_url_source(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "feed.jsonl",
                  {"id": "n1", "text": "Putin met Xi.", "date": "2023-09-05T10:00:00Z",
                   "title": "Summit", "url": "https://example.org/n1", "source": "Wire"})
    doc = _one(path)
    assert isinstance(doc, Document)
    assert (doc.doc_id, doc.text, doc.date) == ("n1", "Putin met Xi.", SEPT5)
    assert (doc.title, doc.url, doc.source) == ("Summit", "https://example.org/n1", "Wire")


def test_read_jsonl_numeric_id_is_string(tmp_path: Path) -> None:
    doc = _one(_jsonl(tmp_path / "feed.jsonl", {"id": 42, "text": "T.", "date": "2023-09-05"}))
    assert isinstance(doc, Document)
    assert doc.doc_id == "42"


def test_read_jsonl_missing_id_uses_stem_and_line(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "feed.jsonl",
                  {"id": "a", "text": "One.", "date": "2023-09-05"},
                  "",
                  {"text": "Three.", "date": "2023-09-05"},
                  {"id": "", "text": "Four.", "date": "2023-09-05"})
    docs = _read(path)
    assert [d.doc_id for d in docs] == ["a", "feed-3", "feed-4"]
    assert all(d.title is None and d.url is None for d in docs)  # type: ignore[union-attr]


def test_read_jsonl_malformed_line_then_later_lines(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "feed.jsonl",
                  {"id": "a", "text": "One.", "date": "2023-09-05"},
                  "{not json",
                  {"id": "c", "text": "Three.", "date": "2023-09-05"})
    items = _read(path)
    assert len(items) == 3
    assert isinstance(items[0], Document) and items[0].doc_id == "a"
    err = items[1]
    assert isinstance(err, InputError)
    assert (err.path, err.line) == (str(path), 2)
    assert f"{path}:2:" in str(err)
    assert isinstance(items[2], Document) and items[2].doc_id == "c"


@pytest.mark.parametrize("line", ['["a list"]', '"a string"', '{"date": "2023-09-05"}',
                                  '{"text": 5, "date": "2023-09-05"}'])
def test_read_jsonl_wrong_shape(tmp_path: Path, line: str) -> None:
    path = _jsonl(tmp_path / "feed.jsonl", line)
    err = _one(path)
    assert isinstance(err, InputError)
    assert err.line == 1


@pytest.mark.parametrize("date", [None, "", "yesterday", "2023-02-30", 20230905])
def test_read_jsonl_missing_or_invalid_date(tmp_path: Path, date: object) -> None:
    record: dict[str, object] = {"id": "x", "text": "Text."}
    if date is not None:
        record["date"] = date
    path = _jsonl(tmp_path / "feed.jsonl", {"id": "ok", "text": "T.", "date": "2023-09-05"},
                  record)
    items = _read(path)
    assert isinstance(items[0], Document)
    err = items[1]
    assert isinstance(err, MissingDate)
    assert (err.path, err.line) == (str(path), 2)


def test_read_jsonl_non_utf8_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    good = json.dumps({"id": "a", "text": "One.", "date": "2023-09-05"}).encode()
    bad = b'{"id": "b", "text": "caf\xe9", "date": "2023-09-05"}'
    last = json.dumps({"id": "c", "text": "Three.", "date": "2023-09-05"}).encode()
    path.write_bytes(good + b"\n" + bad + b"\n" + last + b"\n")
    items = _read(path)
    assert len(items) == 3
    assert isinstance(items[1], InputError) and items[1].line == 2
    assert "UTF-8" in str(items[1])
    assert [i.doc_id for i in items if isinstance(i, Document)] == ["a", "c"]


def test_read_jsonl_gz(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"text": "One.", "date": "2023-09-05"}) + "\n")
        handle.write(json.dumps({"id": "b", "text": "Two.", "date": "2023-09-06"}) + "\n")
    docs = _read(path)
    assert [d.doc_id for d in docs] == ["feed-1", "b"]  # type: ignore[union-attr]
    assert [d.date for d in docs] == [SEPT5, dt.date(2023, 9, 6)]  # type: ignore[union-attr]


def test_read_jsonl_truncated_gz(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl.gz"
    data = gzip.compress((json.dumps({"text": "One.", "date": "2023-09-05"}) + "\n").encode())
    path.write_bytes(data[: len(data) // 2])
    items = _read(path)
    assert items and isinstance(items[-1], InputError)
    assert str(path) in str(items[-1])


def test_read_jsonl_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(
        json.dumps({"text": "One.", "date": "2023-09-05"}) + "\n"))
    doc = _one("-")
    assert isinstance(doc, Document)
    assert doc.doc_id == "stdin-1"


# -- checks common to every format --------------------------------------------------------

def test_read_empty_document(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("date 2023-09-05\n   \n", encoding="utf-8")
    err = _one(path)
    assert isinstance(err, InputError)
    assert str(path) in str(err)
    assert "empty" in str(err)


def test_read_empty_jsonl_text_names_line(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "feed.jsonl", {"id": "a", "text": "  ", "date": "2023-09-05"})
    err = _one(path)
    assert isinstance(err, InputError)
    assert f"{path}:1" in str(err)


def test_read_over_long_document(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("date 2023-09-05 " + "x" * 101, encoding="utf-8")
    err = _one(path, max_chars=100)
    assert isinstance(err, InputError)
    assert str(path) in str(err)
    assert "101" in str(err)
    doc = _one(path, max_chars=101)
    assert isinstance(doc, Document)


def test_read_directory_recursive_sorted(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "b.txt").write_text("date 2023-09-05 B.", encoding="utf-8")
    (root / "a.txt").write_text("date 2023-09-05 A.", encoding="utf-8")
    (root / "sub" / "c.txt").write_text("date 2023-09-05 C.", encoding="utf-8")
    _jsonl(root / "sub" / "d.jsonl", {"id": "d1", "text": "D.", "date": "2023-09-05"})
    docs = _read(root)
    assert [d.doc_id for d in docs] == ["a", "b", "c", "d1"]  # type: ignore[union-attr]


def test_read_directory_names_unknown_file_types(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / ".git").mkdir(parents=True)
    (root / "a.txt").write_text("date 2023-09-05 A.", encoding="utf-8")
    (root / "notes.md").write_text("date 2023-09-05 Notes.", encoding="utf-8")
    (root / ".DS_Store").write_bytes(b"\0\0")  # hidden: passed over, like .git
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main", encoding="utf-8")
    items = _read(root)
    assert isinstance(items[0], Document) and items[0].doc_id == "a"
    assert len(items) == 2
    assert isinstance(items[1], InputError)
    assert items[1].path == str(root / "notes.md")
    assert "unknown file type" in str(items[1])
    # a named format reads every file of the directory with it
    named = _read(root, fmt="seed")
    assert [d.doc_id for d in named] == ["a", "notes.md"]  # type: ignore[union-attr]


def test_read_jsonl_deep_nesting_and_huge_numbers_cost_one_line(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "x.jsonl", "[" * 100_000 + "]" * 100_000, "1" * 5000,
                  {"id": "ok", "text": "Fine.", "date": "2023-09-05"})
    items = _read(path)
    assert [getattr(i, "line", None) for i in items[:2]] == [1, 2]
    assert all(isinstance(i, InputError) for i in items[:2])
    assert isinstance(items[2], Document) and items[2].doc_id == "ok"


def test_read_unknown_extension(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("date 2023-09-05 Text.", encoding="utf-8")
    err = _one(path)
    assert isinstance(err, InputError)
    assert err.path == str(path)
    assert "format" in str(err)
    doc = _one(path, fmt="seed")  # naming the format reads it
    assert isinstance(doc, Document)
    assert doc.doc_id == "notes.md"


def test_read_missing_path(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.txt"
    err = _one(path)
    assert isinstance(err, InputError)
    assert err.path == str(path)
    assert "no such file" in str(err)


def test_read_errors_do_not_stop_batch(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("date 2023-09-05 Good.", encoding="utf-8")
    items = _read(tmp_path / "missing.txt", good)
    assert isinstance(items[0], InputError)
    assert isinstance(items[1], Document)


# -- HTML ---------------------------------------------------------------------------------

_PARAGRAPHS = "".join(
    f"<p>Paragraph {i}: North Korean leader Kim Jong Un travelled to Vladivostok to meet "
    "Russian President Vladimir Putin, officials in Moscow and Seoul said on Tuesday, "
    "and the two leaders discussed military cooperation and the war in Ukraine.</p>"
    for i in range(4))


def _page(meta: str) -> str:
    return (f"<!DOCTYPE html><html><head><title>Kim to meet Putin</title>{meta}</head>"
            "<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            f"<article><h1>Kim to meet Putin</h1>{_PARAGRAPHS}</article>"
            "<footer>Copyright Example News</footer></body></html>")


def test_read_html_text_and_published_date(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(_page('<meta property="article:published_time" '
                          'content="2023-09-05T10:00:00Z">'), encoding="utf-8")
    doc = _one(path)
    assert isinstance(doc, Document)
    assert doc.doc_id == "page"
    assert doc.date == SEPT5
    assert "Kim Jong Un travelled to Vladivostok" in doc.text
    assert "Copyright Example News" not in doc.text


def test_read_html_without_date(tmp_path: Path) -> None:
    path = tmp_path / "nodate.html"
    path.write_text(_page(""), encoding="utf-8")
    err = _one(path)
    assert isinstance(err, MissingDate)
    assert err.path == str(path)
    assert "--date" in str(err)
    doc = _one(path, date=SEPT5)
    assert isinstance(doc, Document)
    assert doc.date == SEPT5


def test_read_jsonl_record_without_date_takes_the_given_one(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "feed.jsonl", {"text": "T.", "date": "7:58 AM ET"},
                  {"text": "U."})
    docs = list(read_inputs([path], date=dt.date(2018, 1, 1)))
    assert [d.date for d in docs] == [dt.date(2018, 1, 1)] * 2  # type: ignore[union-attr]
    errors = list(read_inputs([path]))
    assert all(isinstance(e, MissingDate) for e in errors)
    assert "invalid ('7:58 AM ET')" in str(errors[0]) and ":1" in str(errors[0])
