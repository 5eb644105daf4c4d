"""Partitions of the input for the Dask engine: line-aligned shards, stable keys, reading
a partition back as the plain readers would; the dataset's partition values and records.
No models load here."""

from __future__ import annotations

import dataclasses
import json
import uuid
from pathlib import Path

import pytest

from newscoder.errors import InputError
from newscoder.read import read_inputs
from newscoder.records import (
    Document,
    Entity,
    Event,
    EventDate,
    Evidence,
    Place,
    Quantity,
)
from newscoder.scale.dataset import event_from_record, year_month
from newscoder.scale.partitions import (
    Partition,
    plan,
    read_partition,
    shard_bytes_for,
)
from newscoder.settings import Settings

SETTINGS = Settings()


def _jsonl(path: Path, n: int, *, text: str = "The minister met the ambassador in Paris.",
           without_id: tuple[int, ...] = ()) -> Path:
    lines = []
    for i in range(n):
        record = {"text": f"{text} Item {i} {'x' * (i * 7 % 50)}.", "date": "2023-09-05"}
        if i not in without_id:
            record["id"] = f"d{i}"
        lines.append(json.dumps(record))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _docs(items: list[Document | InputError]) -> list[tuple[str, str, str, str | None]]:
    return [(d.doc_id, d.text, d.date.isoformat(), d.path) for d in items
            if isinstance(d, Document)]


def _read_all(partitions: list[Partition]) -> list[Document | InputError]:
    return [item for p in partitions
            for item in read_partition(p, max_chars=SETTINGS.max_document_chars)]


def test_scale_partitions_shards_cut_on_line_boundaries(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "big.jsonl", 200)
    data = path.read_bytes()
    parts, problems = plan([str(path)], SETTINGS, partition_bytes=1000)
    assert not problems and len(parts) > 5
    pieces = [p.pieces[0] for p in parts]
    assert all(len(p.pieces) == 1 and p.pieces[0].sharded for p in parts)
    assert pieces[0].start == 0 and pieces[-1].end == len(data)
    line = 1
    for before, after in zip(pieces, pieces[1:], strict=False):
        assert before.end == after.start  # no gap, no overlap
    for piece in pieces:
        assert piece.start is not None and piece.end is not None
        chunk = data[piece.start:piece.end]
        assert chunk.endswith(b"\n") and (piece.start == 0 or data[piece.start - 1:piece.start]
                                          == b"\n")
        assert len(chunk) >= 1000 or piece is pieces[-1]
        assert piece.first_line == line
        line += chunk.count(b"\n")


def test_scale_partitions_keys_stable_and_local_to_changes(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "big.jsonl", 120)
    first = [p.key for p in plan([str(path)], SETTINGS, partition_bytes=800)[0]]
    assert first == [p.key for p in plan([str(path)], SETTINGS, partition_bytes=800)[0]]
    assert len(set(first)) == len(first)
    # a change in the last record changes the last shard's key only
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[-1] = lines[-1].replace("Paris", "Rome!")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    changed = [p.key for p in plan([str(path)], SETTINGS, partition_bytes=800)[0]]
    assert changed[:-1] == first[:-1] and changed[-1] != first[-1]
    # so do settings that change events, and the coder's version is in the key too
    other = [p.key for p in plan([str(path)], dataclasses.replace(SETTINGS, min_confidence=0.5),
                                 partition_bytes=800)[0]]
    assert not set(other) & set(changed)


def test_scale_partitions_default_shard_size_ignores_cluster() -> None:
    assert shard_bytes_for(1_000) == 64 * 1024
    assert shard_bytes_for(64 * 100 * 1024) == 100 * 1024
    assert shard_bytes_for(10 ** 12) == 16 * 1024 * 1024
    assert shard_bytes_for(10 ** 12, 5_000) == 5_000


@pytest.mark.parametrize("size", [300, 1000, 10 ** 6])
def test_scale_partitions_read_back_as_the_plain_reader(tmp_path: Path, size: int) -> None:
    path = _jsonl(tmp_path / "mixed.jsonl", 40, without_id=(0, 7, 31))
    with path.open("a", encoding="utf-8") as handle:
        handle.write("{not json\n")
        handle.write(json.dumps({"id": "late", "text": "Late.", "date": "2023-09-06"}))
    parts, _ = plan([str(path)], SETTINGS, partition_bytes=size)
    got = _read_all(parts)
    want = list(read_inputs([str(path)]))
    assert _docs(got) == _docs(want)
    assert "mixed-1" in {d[0] for d in _docs(got)}  # ids of records without one: stem-line
    assert [str(e) for e in got if isinstance(e, InputError)] == \
        [str(e) for e in want if isinstance(e, InputError)]


def test_scale_partitions_small_files_packed_hidden_skipped_missing_reported(
        tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(5):
        (folder / f"a{i}.txt").write_text(f"date 2023-09-0{i + 1} Text number {i}.\n",
                                          encoding="utf-8")
    (folder / ".hidden.txt").write_text("date 2023-09-01 hidden\n", encoding="utf-8")
    parts, problems = plan([str(folder), str(tmp_path / "nope.jsonl")], SETTINGS)
    assert [str(p) for p in problems] == [f"{tmp_path / 'nope.jsonl'}: no such file or directory"]
    assert len(parts) == 1 and len(parts[0].pieces) == 5
    assert _docs(_read_all(parts)) == _docs(list(read_inputs([str(folder)])))
    # a size limit splits the pack
    assert len(plan([str(folder)], SETTINGS, partition_bytes=60)[0]) > 1


def test_scale_partitions_memory_url(tmp_path: Path) -> None:
    import fsspec

    local = _jsonl(tmp_path / "m.jsonl", 30, without_id=(3,))
    url = f"memory://in-{uuid.uuid4().hex}/m.jsonl"
    fs = fsspec.filesystem("memory")
    fs.pipe_file(url, local.read_bytes())
    parts, problems = plan([url], SETTINGS, partition_bytes=500)
    assert not problems and len(parts) > 2
    got = _docs(_read_all(parts))
    want = _docs(list(read_inputs([str(local)])))
    assert [d[:3] for d in got] == [d[:3] for d in want]
    assert got[0][3] == f"{url}:1"  # named by the URL
    assert [p.key for p in parts] == [p.key for p in plan([str(local)], SETTINGS,
                                                           partition_bytes=500)[0]]
    # a whole (small) remote file goes through the readers via a temporary copy
    seed = f"memory://in-{uuid.uuid4().hex}/article.txt"
    fs.pipe_file(seed, b"date 2023-09-05 Putin met Xi in Moscow.\n")
    [(doc_id, text, date, shown)] = _docs(_read_all(plan([seed], SETTINGS)[0]))
    assert (doc_id, text.strip(), date, shown) == (
        "article", "Putin met Xi in Moscow.", "2023-09-05", seed)


@pytest.mark.parametrize("value,want", [
    ("2023-09-05", (2023, 9)), ("2023-09", (2023, 9)), ("2023", (2023, 0)),
    ("2023-W36", (2023, 0)), ("2023-Q3", (2023, 0)), ("2023-13", (2023, 0)),
    ("XXXX-06", (0, 0)), ("PRESENT_REF", (0, 0)), ("", (0, 0)), (None, (0, 0))])
def test_scale_partitions_year_month(value: str | None, want: tuple[int, int]) -> None:
    assert year_month(value) == want


def test_scale_partitions_event_record_round_trip() -> None:
    event = Event(
        event_id="e1", doc_id="d1", doc_date="2023-09-05", event_type="CONSULT", mode="visit",
        context=("military",), status="asserted",
        actor=(Entity("Kim", "Kim Jong Un", "PRK", "GOV", start=3, end=6, kind="person"),),
        recipient=(Entity("Putin", "Vladimir Putin", "RUS", "GOV", method="context"),),
        date=EventDate("2023-09", "month", "this month", "relative"),
        location=Place("Vladivostok", 10, 21, "location", "Vladivostok", 2013348, 43.10562,
                       131.87353, "RUS", "PPLA", method="stated"),
        attribution=(), quantity=Quantity(68, "missile", "up to"), score=4.0,
        quad="verbal_cooperation",
        evidence=Evidence("Kim met Putin.", 0, 14, "met", 4, 7, "classifier"),
        confidence=0.73)
    record = event.to_dict()
    again = event_from_record(json.loads(json.dumps(record)))
    assert again.to_dict() == record
    assert json.dumps(again.to_dict()) == json.dumps(record)  # key order too: the store
    # compares record strings
