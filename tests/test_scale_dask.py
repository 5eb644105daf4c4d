"""The Dask engine end to end: a hive-partitioned Parquet dataset equal to a plain run,
memory:// output, reruns that skip done partitions, a worker killed mid-run, `newscoder
load` twice, and the `code --dask` command.

Most runs use an in-process cluster (one worker thread) that shares this process's
pipeline; the kill test and the command start real worker processes.
"""

from __future__ import annotations

import gzip
import itertools
import json
import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import ARTICLES, SEED

pytest.importorskip("distributed")

from click.testing import CliRunner  # noqa: E402

from newscoder.cli import main  # noqa: E402
from newscoder.coding import code_documents  # noqa: E402
from newscoder.read import read_inputs  # noqa: E402
from newscoder.records import Document  # noqa: E402
from newscoder.scale import dask_engine  # noqa: E402
from newscoder.scale.dataset import done_keys, markers, table  # noqa: E402
from newscoder.scale.load import load_dataset  # noqa: E402
from newscoder.settings import Settings  # noqa: E402
from newscoder.store import open_store  # noqa: E402

SETTINGS = Settings()
SHARD = 3_000  # bytes per partition: several partitions of a few articles each
N_ARTICLES = 16


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("inputs")
    with gzip.open(ARTICLES, "rt", encoding="utf-8") as src:
        lines = list(itertools.islice(src, N_ARTICLES))
    lines.append(json.dumps({"text": "Russia and China signed a trade agreement in Beijing "
                                     "on Monday.", "date": "2023-09-04"}) + "\n")  # no id
    lines.append("{not json\n")
    (folder / "news.jsonl").write_text("".join(lines), encoding="utf-8")
    (folder / "article.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    return [str(folder / "news.jsonl"), str(folder / "article.txt")]


@pytest.fixture(scope="module")
def plain(inputs: list[str]) -> dict[str, Any]:
    """What plain `newscoder code` codes from the inputs (its library path, in order)."""
    pipeline, _lock = dask_engine._pipeline(SETTINGS)
    docs = (d for d in read_inputs(inputs) if isinstance(d, Document))
    coded = [c for c in code_documents(docs, SETTINGS, pipeline=pipeline) if not c.error]
    return {"docs": {c.document.doc_id for c in coded},
            "records": {e.event_id: json.dumps(e.to_dict(), ensure_ascii=False)
                        for c in coded for e in c.events}}


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    client = dask_engine.start_client(workers=1, processes=False, dashboard=":0")
    yield client
    client.close()


def _run(inputs: list[str], out: str, client: Any, **kwargs: Any) -> dask_engine.RunSummary:
    return dask_engine.run(inputs, out, client, SETTINGS, partition_bytes=SHARD, **kwargs)


def _assert_equals_plain(out: str, plain: dict[str, Any]) -> None:
    events = table(out).to_pylist()
    docs = table(out, "documents").column("doc_id").to_pylist()
    ids = [e["event_id"] for e in events]
    assert len(ids) == len(set(ids)) and len(docs) == len(set(docs))  # each once
    assert set(docs) == plain["docs"]
    assert {e["event_id"]: e["record"] for e in events} == plain["records"]


def test_scale_dask_dataset_equals_plain_run(tmp_path: Path, inputs: list[str],
                                             plain: dict[str, Any], client: Any) -> None:
    out = str(tmp_path / "ds")
    summary = _run(inputs, out, client)
    assert summary.partitions >= 3 and summary.skipped == 0
    assert summary.documents == len(plain["docs"]) and summary.events == len(plain["records"])
    assert any("malformed JSON" in p for p in summary.problems)
    _assert_equals_plain(out, plain)
    # hive layout, one file per partition key, year and month of the event's date
    files = sorted(Path(out, "events").rglob("*.parquet"))
    assert files and all(f.parent.name.startswith("month=") and
                         f.parent.parent.name.startswith("year=") and
                         f.name[5:-8] in done_keys(out) for f in files)
    import duckdb
    import pandas as pd

    frame = pd.read_parquet(Path(out, "events"))
    assert sorted(frame["event_id"]) == sorted(plain["records"])
    for _, row in frame.iterrows():
        year, month = int(row["year"]), int(row["month"])
        value = row["date"] or ""
        assert value.startswith(f"{year:04d}") or (year == 0 and not value[:4].isdigit())
        assert month == 0 or value[5:7] == f"{month:02d}"
    glob = f"{out}/events/**/*.parquet"
    duck = duckdb.sql(f"SELECT count(DISTINCT event_id), count(*), typeof(any_value(year)) "
                      f"FROM read_parquet('{glob}', hive_partitioning = true)").fetchall()[0]
    assert duck == (len(plain["records"]), len(plain["records"]), "BIGINT")


def test_scale_dask_memory_output(inputs: list[str], plain: dict[str, Any],
                                  client: Any) -> None:
    out = f"memory://ds-{uuid.uuid4().hex}"
    _run(inputs, out, client)
    _assert_equals_plain(out, plain)


def test_scale_dask_rerun_skips_done_partitions(tmp_path: Path, inputs: list[str],
                                                plain: dict[str, Any], client: Any) -> None:
    out = str(tmp_path / "ds")
    first = _run(inputs, out, client)

    def no_cluster() -> Any:
        raise AssertionError("a rerun with every partition done must not start a cluster")

    again = _run(inputs, out, no_cluster)
    assert again.skipped == again.partitions == first.partitions
    assert (again.documents, again.events) == (first.documents, first.events)
    # a partition whose marker is gone (a run killed before it) is coded once more
    lost = sorted(done_keys(out))[1]
    Path(out, "_done", f"{lost}.json").unlink()
    coded: list[str] = []
    third = _run(inputs, out, client, on_result=lambda r: coded.append(r.key))
    assert coded == [lost] and third.skipped == first.partitions - 1
    _assert_equals_plain(out, plain)


def test_scale_dask_changed_input_replaces_its_partition(tmp_path: Path, inputs: list[str],
                                                         client: Any) -> None:
    news = tmp_path / "news.jsonl"
    news.write_text(Path(inputs[0]).read_text(encoding="utf-8"), encoding="utf-8")
    out = str(tmp_path / "ds")
    first = _run([str(news)], out, client)
    lines = news.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[-2])
    record["text"] = record["text"].replace("Beijing", "Moscow")
    lines[-2] = json.dumps(record)
    news.write_text("\n".join(lines) + "\n", encoding="utf-8")
    second = _run([str(news)], out, client)
    assert second.skipped == first.partitions - 1 and second.removed == 1
    assert len(markers(out)) == second.partitions
    docs = table(out, "documents").to_pylist()
    assert len(docs) == len({d["doc_id"] for d in docs})
    changed = f"news-{N_ARTICLES + 1}"  # the record without an id: <stem>-<line>
    assert [d["text"] for d in docs if d["doc_id"] == changed] == [record["text"]]


def test_scale_dask_load_twice_same_counts(tmp_path: Path, inputs: list[str],
                                           plain: dict[str, Any], client: Any) -> None:
    out = str(tmp_path / "ds")
    _run(inputs, out, client)
    db = str(tmp_path / "events.db")
    runner = CliRunner()
    result = runner.invoke(main, ["load", out, "--db", db])
    assert result.exit_code == 0, result.output
    assert f"{len(plain['docs'])} documents stored" in result.output
    store = open_store(db)
    counts = store.counts()
    assert counts == {"documents": len(plain["docs"]), "events": len(plain["records"])}
    assert {r["event_id"]: json.dumps(r, ensure_ascii=False) for r in store.events()} \
        == plain["records"]
    store.close()
    again = load_dataset(out, db)
    assert (again.stored, again.unchanged, again.events) == (0, len(plain["docs"]), 0)
    store = open_store(db)
    assert store.counts() == counts
    store.close()


def test_scale_dask_killed_worker_run_completes_equal(tmp_path: Path, inputs: list[str],
                                                      plain: dict[str, Any]) -> None:
    """SIGKILL one of two worker processes while it codes a partition: the scheduler
    gives its work to the others, and the dataset is the undisturbed one."""
    from distributed import Client

    out = str(tmp_path / "ds")
    client = Client(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0")
    killed: dict[str, int] = {}
    after_kill: list[str] = []

    def kill_one(result: dask_engine.PartitionResult) -> None:
        if killed:
            after_kill.append(result.key)
            return
        busy = [addr for addr, keys in client.processing().items() if keys]
        assert busy, "no partition in flight to kill a worker in"
        pid = client.run(os.getpid, workers=[busy[0]])[busy[0]]
        os.kill(pid, signal.SIGKILL)
        killed["pid"] = pid

    try:
        summary = _run(inputs, out, client, on_result=kill_one)
        pids = set(client.run(os.getpid).values())
        # every worker process, the nanny's replacement too, ends without the collector
        quick = client.run(lambda: dask_engine._exit_hook)
    finally:
        client.close()
    assert killed and killed["pid"] not in pids  # killed mid-run; the nanny started another
    assert list(quick.values()) == [[True], [True]]
    assert after_kill  # partitions finished after the kill
    assert summary.partitions == len(done_keys(out)) and not summary.skipped
    _assert_equals_plain(out, plain)


def test_scale_dask_local_cluster_settings(client: Any) -> None:
    """A local cluster's workers run without Dask's profiler and check memory and the
    system once a second or less often; a worker in this process (no nanny) leaves the
    process's exit alone."""
    def periodic(dask_worker: Any) -> dict[str, float]:
        return {name: pc.callback_time for name, pc in dask_worker.periodic_callbacks.items()}

    (callbacks,) = client.run(periodic).values()
    assert "profile" not in callbacks and "profile-cycle" not in callbacks
    assert callbacks["tick"] >= 1000 and callbacks["monitor"] >= 1000
    assert callbacks.get("memory_monitor", 1000) >= 1000
    assert not dask_engine._exit_hook


def test_scale_dask_command(tmp_path: Path, inputs: list[str], plain: dict[str, Any]) -> None:
    env = {**os.environ, "NEWSCODER_SETTINGS": str(tmp_path / "no-settings.toml")}
    out = str(tmp_path / "ds")
    done = subprocess.run([sys.executable, "-m", "newscoder.cli", "code", *inputs, "--out", out,
                           "--dask", "--workers", "1", "--partition-size", f"{SHARD}B"],
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr  # the malformed line was skipped
    assert "malformed JSON" in done.stderr and "dashboard" in done.stderr
    assert f"{len(plain['docs'])} documents coded" in done.stdout
    _assert_equals_plain(out, plain)


@pytest.mark.parametrize("args,message", [
    (["--dask", "--db", "x.db"], "not a database"),
    (["--dask", "nonsense address"], "not a scheduler address"),
    (["--partition-size", "1MB"], "goes with --dask"),
    (["--dask", "--partition-size", "lots"], "not a size"),
    (["--dask", "tcp://127.0.0.1:1", "--workers", "2"], "has its own workers"),
])
def test_scale_dask_command_usage_errors(tmp_path: Path, inputs: list[str], args: list[str],
                                         message: str) -> None:
    result = CliRunner().invoke(main, ["code", inputs[0], "--out", str(tmp_path / "ds"), *args])
    assert result.exit_code == 2 and message in result.output
