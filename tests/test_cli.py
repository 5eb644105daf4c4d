"""The command line on a small mixed batch: skipped inputs, exit codes, idempotent reruns.

The batch is coded into SQLite and into PostgreSQL (``--db`` a file, then a URL); so is
the directory run. The tests about a database file (not created, missing) are SQLite's by
nature, and those about exit codes, options and the progress display do not depend on the
back end, so they run on SQLite only.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import BACKENDS, PG_SKIP, PG_URL, database
from newscoder.export import COLUMNS
from newscoder.version import __version__

GOOD_SEED = (" date 2023-09-05 Russian President Vladimir Putin met Chinese President "
             "Xi Jinping in Moscow on Tuesday.\n")
GOOD_JSONL = [
    {"id": "j1", "text": "North Korea fired two ballistic missiles into the sea on Monday.",
     "date": "2023-09-04"},
    "{not json at all",
    {"id": "j3", "text": "Ukraine accused Russia of shelling Kharkiv on Sunday.",
     "date": "2023-09-03T08:00:00Z"},
]


def _env(work: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["NEWSCODER_SETTINGS"] = str(work / "no-settings.toml")  # ignore the user's file
    env["COLUMNS"] = "500"  # keep rich from wrapping messages
    return env


def _newscoder(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "newscoder.cli", *args], cwd=cwd,
                          env=_env(cwd), capture_output=True, text=True, timeout=300)


@dataclass
class Batch:
    work: Path
    db: str  # a SQLite file path or a PostgreSQL URL
    files: dict[str, Path]
    first: subprocess.CompletedProcess[str]
    second: subprocess.CompletedProcess[str]
    stored: list[dict[str, object]]


def _skipped(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("skipped")]


@pytest.fixture(scope="module", params=BACKENDS)
def batch(request: pytest.FixtureRequest,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[Batch]:
    work = tmp_path_factory.mktemp("cli")
    with database(request.param, work, "cli") as db:
        yield _code_batch(work, db)


def _code_batch(work: Path, db: str) -> Batch:
    files = {
        "good": work / "good.txt",
        "badutf": work / "badutf.txt",
        "jsonl": work / "batch.jsonl",
        "empty": work / "empty.txt",
        "plain": work / "plain.txt",
    }
    files["good"].write_text(GOOD_SEED, encoding="utf-8")
    files["badutf"].write_bytes(b"date 2023-09-05 Fine first line.\nbad \xff byte here\n")
    files["jsonl"].write_text("".join((x if isinstance(x, str) else json.dumps(x)) + "\n"
                                      for x in GOOD_JSONL), encoding="utf-8")
    files["empty"].write_text("date 2023-09-05\n", encoding="utf-8")
    files["plain"].write_text("Plain text without a date header.\n", encoding="utf-8")
    args = ["code", *(str(p) for p in files.values()), "--db", db, "--no-places"]
    first = _newscoder(*args, "--out", str(work / "first.jsonl"), cwd=work)
    second = _newscoder(*args, "--out", str(work / "second.jsonl"), cwd=work)
    result = _newscoder("events", "--db", db, "--format", "jsonl", cwd=work)
    assert result.returncode == 0, result.stderr
    stored = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return Batch(work, db, files, first, second, stored)


def _stored(batch: Batch) -> list[dict[str, object]]:
    return batch.stored


def _written(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_cli_batch_exits_1_when_inputs_skipped(batch: Batch) -> None:
    assert batch.first.returncode == 1, batch.first.stderr


def test_cli_batch_one_stderr_line_per_problem(batch: Batch) -> None:
    lines = _skipped(batch.first.stderr)
    assert len(lines) == 4, batch.first.stderr
    files = batch.files
    assert any(f"{files['badutf']}:2:" in line and "UTF-8" in line for line in lines)
    assert any(f"{files['jsonl']}:2:" in line and "JSON" in line for line in lines)
    assert any(str(files["empty"]) in line and "empty" in line for line in lines)
    assert any(str(files["plain"]) in line and "--date" in line for line in lines)
    assert not any(str(files["good"]) in line for line in lines)


def test_cli_batch_stores_good_documents(batch: Batch) -> None:
    records = _stored(batch)
    assert {r["doc_id"] for r in records} == {"good", "j1", "j3"}
    assert all(r["schema"] == "newscoder.event/1" for r in records)
    consult = [r for r in records if r["doc_id"] == "good"]
    assert consult and consult[0]["doc_date"] == "2023-09-05"
    assert "3 documents coded" in batch.first.stdout


def test_cli_batch_rerun_is_idempotent(batch: Batch) -> None:
    assert batch.second.returncode == 1, batch.second.stderr
    assert len(_skipped(batch.second.stderr)) == 4
    assert "(3 unchanged" in batch.second.stdout
    records = _stored(batch)
    ids = [r["event_id"] for r in records]
    assert len(ids) == len(set(ids))
    first_total = batch.first.stdout.split(" events,")[0].rsplit(" ", 1)[-1]
    assert int(first_total) == len(records)


def test_cli_events_csv_header(batch: Batch) -> None:
    result = _newscoder("events", "--db", batch.db, "--format", "csv", cwd=batch.work)
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == COLUMNS
    assert len(rows) - 1 == len(_stored(batch))


def test_cli_events_filters(batch: Batch) -> None:
    result = _newscoder("events", "--db", batch.db, "--format", "jsonl", "--actor", "RUS",
                        "--type", "consult", cwd=batch.work)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records and all(r["event_type"] == "CONSULT" for r in records)
    assert all(any(a["country"] == "RUS" for a in r["actor"]) for r in records)


def test_cli_code_out_file_matches_store(batch: Batch) -> None:
    first = _written(batch.work / "first.jsonl")
    second = _written(batch.work / "second.jsonl")
    key = sorted(str(r["event_id"]) for r in _stored(batch))
    assert sorted(str(r["event_id"]) for r in first) == key
    assert sorted(str(r["event_id"]) for r in second) == key  # unchanged documents too


def test_cli_events_missing_db_exits_3(tmp_path: Path) -> None:
    # SQLite: a file that is not there is not made by a read
    db = tmp_path / "missing.db"
    result = _newscoder("events", "--db", str(db), cwd=tmp_path)
    assert result.returncode == 3
    message = " ".join(result.stderr.split())
    assert "error:" in message
    assert "no such database" in message
    assert str(db) in message
    assert not db.exists()


@pytest.mark.skipif(not PG_URL, reason=PG_SKIP)
def test_cli_events_missing_postgres_database_exits_3(tmp_path: Path) -> None:
    from sqlalchemy.engine import make_url

    assert PG_URL
    url = make_url(PG_URL).set(database="nc_no_such_database").render_as_string(False)
    result = _newscoder("events", "--db", url, cwd=tmp_path)
    assert result.returncode == 3, result.stderr
    message = " ".join(result.stderr.split())
    assert "error:" in message and "cannot open the event store" in message
    assert "nc_no_such_database" in message


def test_cli_code_bad_output_extension_exits_3(tmp_path: Path) -> None:
    seed = tmp_path / "a.txt"
    seed.write_text(GOOD_SEED, encoding="utf-8")
    result = _newscoder("code", str(seed), "--db", str(tmp_path / "t.db"), "--no-places",
                        "--out", str(tmp_path / "x.xlsx"), cwd=tmp_path)
    assert result.returncode == 3
    assert "unknown output format" in " ".join(result.stderr.split())


def test_cli_bad_date_option_is_usage_error(tmp_path: Path) -> None:
    result = _newscoder("code", "x.txt", "--date", "05/09/2023", "--no-places", cwd=tmp_path)
    assert result.returncode == 2
    assert "YYYY-MM-DD" in result.stderr


def test_cli_version(tmp_path: Path) -> None:
    result = _newscoder("--version", cwd=tmp_path)
    assert result.returncode == 0
    assert "newscoder" in result.stdout
    assert __version__ in result.stdout


def test_cli_code_missing_input_creates_no_database(tmp_path: Path) -> None:
    # SQLite: no file appears when nothing is coded
    db = tmp_path / "t.db"
    result = _newscoder("code", str(tmp_path / "nowhere.txt"), "--db", str(db), "--no-places",
                        "--out", str(tmp_path / "out.jsonl"), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "no such file" in " ".join(result.stderr.split())
    assert not db.exists()
    assert not (tmp_path / "out.jsonl").exists()


def test_cli_code_directory_names_and_counts_unknown_types(tmp_path: Path,
                                                           db_url: str) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(GOOD_SEED, encoding="utf-8")
    (corpus / "notes.md").write_text("# notes", encoding="utf-8")
    (corpus / "scan.pdf").write_bytes(b"%PDF-1.4")
    result = _newscoder("code", str(corpus), "--db", db_url, "--no-places", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    lines = _skipped(result.stderr)
    assert len(lines) == 2
    assert any(str(corpus / "notes.md") in line for line in lines)
    assert any(str(corpus / "scan.pdf") in line for line in lines)
    assert "1 documents coded" in result.stdout
    assert "2 skipped" in result.stdout


def test_cli_unexpected_error_exits_3(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from newscoder import cli

    # a reader that breaks: stands in for any bug; the status must differ from 'skipped'
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("reader exploded")

    monkeypatch.setattr(cli, "read_inputs", broken)
    monkeypatch.setenv("NEWSCODER_SETTINGS", str(tmp_path / "none.toml"))
    result = CliRunner().invoke(cli.main, ["code", str(tmp_path / "x.txt"), "--db",
                                           str(tmp_path / "t.db")])
    assert result.exit_code == 3
    assert "RuntimeError" in result.output and "reader exploded" in result.output



def _on_terminal(*args: str, cwd: Path) -> tuple[int, str, str]:
    """Run newscoder with stderr on a pseudo-terminal; (status, stdout, terminal text)."""
    import pty

    main_fd, term_fd = pty.openpty()
    env = {**_env(cwd), "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen([sys.executable, "-m", "newscoder.cli", *args], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=term_fd, text=True)
    os.close(term_fd)
    seen = b""
    while True:
        try:
            chunk = os.read(main_fd, 65536)
        except OSError:  # the terminal closed: the process is done with it
            break
        if not chunk:
            break
        seen += chunk
    stdout, _ = proc.communicate(timeout=300)
    os.close(main_fd)
    return proc.returncode, stdout, seen.decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_cli_code_progress_only_on_a_terminal(tmp_path: Path) -> None:
    seed = tmp_path / "a.txt"
    seed.write_text(GOOD_SEED, encoding="utf-8")
    args = ["code", str(seed), "--db", str(tmp_path / "t.db"), "--no-places"]
    status, stdout, terminal = _on_terminal(*args, cwd=tmp_path)
    assert status == 0
    assert "coding" in terminal and "documents" in terminal
    assert "1 documents coded" in stdout
    # -q: nothing on the terminal either
    status, _stdout, terminal = _on_terminal(*args, "-q", cwd=tmp_path)
    assert status == 0 and terminal == ""
    # piped: only messages, no bar
    piped = _newscoder(*args, cwd=tmp_path)
    assert piped.returncode == 0 and piped.stderr == ""
