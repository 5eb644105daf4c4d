"""Event export: JSON Lines, CSV and Parquet."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from newscoder.export import COLUMNS, EventWriter, flatten
from newscoder.records import Document, Entity, Event, EventDate, Evidence, Place, Quantity

DOC = Document(doc_id="d1", text="Kim Jong Un and Choe Son Hui will meet Putin.",
               date=dt.date(2023, 9, 5))


def _record(n: int, *, located: bool = True, quantity: bool = True) -> dict[str, Any]:
    return Event(
        event_id=f"e{n}", doc_id=DOC.doc_id, doc_date="2023-09-05", event_type="CONSULT",
        mode="visit", context=("military", "economic"), status="future",
        actor=(Entity("Kim Jong Un", "Kim Jong Un", "PRK", "GOV"),
               Entity("Choe Son Hui", "Choe Son Hui", "PRK", None)),
        recipient=(Entity("Putin", "Vladimir Putin", "RUS", "GOV"),),
        date=EventDate("2023-09", "month", "this month", "explicit"),
        location=Place("Vladivostok", 0, 11, "location", "Vladivostok", 2013348, 43.10562,
                       131.87353, "RUS", "PPLA") if located else None,
        attribution=(Entity("The New York Times", "The New York Times", "USA", "JRN"),),
        quantity=Quantity(68, "missile", "up to") if quantity else None,
        score=4.0, quad="verbal_cooperation",
        evidence=Evidence(DOC.text, 0, len(DOC.text), "meet"),
    ).to_dict()


RECORDS = [_record(1), _record(2, located=False, quantity=False), _record(3)]


def _write(path: Path, records: list[dict[str, Any]], **kwargs: Any) -> EventWriter:
    with EventWriter(path, **kwargs) as writer:
        writer.write(records)
    return writer


def test_export_jsonl_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    writer = _write(path, RECORDS)
    assert writer.count == 3
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == RECORDS


def test_export_jsonl_keeps_non_ascii(tmp_path: Path) -> None:
    record = _record(1)
    record["evidence"]["sentence"] = "Путин встретился с Ким Чен Ыном."
    path = tmp_path / "events.jsonl"
    _write(path, [record])
    assert "Путин" in path.read_text(encoding="utf-8")


def test_export_csv_header_and_joined_lists(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    _write(path, RECORDS)
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == COLUMNS
        rows = list(reader)
    assert len(rows) == 3
    row = rows[0]
    assert row["actor"] == "Kim Jong Un;Choe Son Hui"
    assert row["actor_country"] == "PRK;PRK"
    assert row["actor_sector"] == "GOV;"
    assert row["recipient"] == "Putin"
    assert row["context"] == "military;economic"
    assert row["attribution"] == "The New York Times"
    assert row["location"] == "Vladivostok"
    assert row["geonameid"] == "2013348"
    assert row["quantity"] == "68"
    assert row["date"] == "2023-09"
    assert row["coder_version"] == "0.1.0"
    assert rows[1]["location"] == "" and rows[1]["quantity"] == ""


def test_export_csv_empty_has_header(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    _write(path, [])
    assert path.read_text(encoding="utf-8").strip() == ",".join(COLUMNS)


def test_export_flatten_has_every_column() -> None:
    for record in RECORDS:
        assert list(flatten(record)) == COLUMNS


def test_export_parquet_readable(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "events.parquet"
    writer = _write(path, RECORDS)
    assert writer.count == 3
    table = pq.read_table(path)
    assert table.num_rows == 3
    assert table.num_columns == len(COLUMNS)
    assert table.column_names == COLUMNS
    rows = table.to_pylist()
    assert rows[0]["actor"] == "Kim Jong Un;Choe Son Hui"
    assert rows[0]["geonameid"] == 2013348
    assert rows[0]["quantity"] == 68.0
    assert rows[1]["location"] is None and rows[1]["lat"] is None


def test_export_parquet_in_row_groups(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "events.parquet"
    _write(path, RECORDS * 3, group_size=4)
    meta = pq.ParquetFile(path).metadata
    assert meta.num_rows == 9
    assert meta.num_row_groups == 3


def test_export_parquet_empty(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "events.parquet"
    _write(path, [])
    table = pq.read_table(path)
    assert table.num_rows == 0
    assert table.column_names == COLUMNS


@pytest.mark.parametrize("name", ["events.xlsx", "events", "events.json"])
def test_export_unknown_extension(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError, match="unknown output format"):
        EventWriter(tmp_path / name)
    assert not (tmp_path / name).exists()


def test_export_extension_case_insensitive(tmp_path: Path) -> None:
    path = tmp_path / "EVENTS.CSV"
    _write(path, RECORDS[:1])
    assert path.read_text(encoding="utf-8").startswith("event_id,")
