"""End to end on the founding article: the CLI codes it into SQLite and the events score."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "examples" / "seed"
SCORER = SHARED / "eval" / "score_events.py"

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="../shared is not present")


def _newscoder(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "newscoder.cli", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def coded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("seed")
    result = _newscoder("code", str(SEED / "article.txt"), "--db", str(work / "t.db"),
                        "--out", str(work / "seed.jsonl"), cwd=work)
    assert result.returncode == 0, result.stderr
    return work


def test_end_to_end_seed_meets_targets(coded: Path) -> None:
    score = subprocess.run([sys.executable, str(SCORER), str(SEED / "expected.json"),
                            str(SEED / "article.txt"), str(coded / "seed.jsonl"), "--json"],
                           capture_output=True, text=True, check=True)
    result = json.loads(score.stdout)
    # the issue asks 0.85 / 0.75 / 0.85 / 0.85; measured 1.0 on all four on 2026-11-29;
    # recall 0.923 from the fourth session, 1.0 again in the ninth (precision 0.929)
    assert result["recall"] >= 1.0, result["missed"]
    assert result["precision"] >= 0.9
    # every checked date right (measured 1.0 on 2026-12-07; the issue asks 0.9)
    assert result["date_accuracy"] >= 1.0, result
    assert result["status_accuracy"] >= 0.9


def test_end_to_end_rerun_is_idempotent(coded: Path) -> None:
    first = _newscoder("events", "--db", str(coded / "t.db"), "--format", "jsonl", cwd=coded)
    again = _newscoder("code", str(SEED / "article.txt"), "--db", str(coded / "t.db"), cwd=coded)
    assert again.returncode == 0
    second = _newscoder("events", "--db", str(coded / "t.db"), "--format", "jsonl", cwd=coded)
    assert first.stdout == second.stdout
    ids = [json.loads(line)["event_id"] for line in second.stdout.splitlines()]
    assert len(ids) == len(set(ids)) > 10


def test_end_to_end_query_filters(coded: Path) -> None:
    result = _newscoder("events", "--db", str(coded / "t.db"), "--actor", "PRK", "--type",
                        "MOBILIZE", "--format", "jsonl", cwd=coded)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records and all(r["event_type"] == "MOBILIZE" for r in records)
    assert all("PRK" in {a["country"] for a in r["actor"]} for r in records)
