"""Evaluation floors on the PLOVER gold-standard sentences (raise them as coding improves)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
GSR = SHARED / "data" / "plover" / "PLOVER_GSR_CAMEO.json"
SCORER = SHARED / "eval" / "score_plover_gsr.py"

# measured 2026-12-07: type_recall 0.739, type_precision 0.739, actor 0.882, recipient 0.821;
# with the ranker (third session): 0.736, 0.741, 0.877, 0.812; actor 0.886 once words inside
# a longer name are no actors and "Bosnian Serbs" is a people (sector branch); ninth
# session, rare types kept where their row's sense condition held: 0.748, 0.755, 0.888
FLOORS = {"type_recall": 0.74, "type_precision": 0.75, "actor_accuracy": 0.88,
          "recipient_accuracy": 0.81}

pytestmark = pytest.mark.skipif(not GSR.exists(), reason="../shared is not present")


def _scorer() -> object:
    spec = importlib.util.spec_from_file_location("score_plover_gsr", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_eval_plover_gsr_floors(tmp_path: Path) -> None:
    # measured as the README says: `newscoder code` into a store, events written with --out
    # (the store keeps one copy of sentences the set repeats under two ids)
    scorer = _scorer()
    docs_path = tmp_path / "gsr.jsonl"
    scorer.prepare(GSR, docs_path)  # type: ignore[attr-defined]
    system = tmp_path / "system.jsonl"
    run = subprocess.run([sys.executable, "-m", "newscoder.cli", "code", str(docs_path),
                          "--db", str(tmp_path / "gsr.db"), "--out", str(system), "-q"],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    result = scorer.score(GSR, system)  # type: ignore[attr-defined]
    for key, floor in FLOORS.items():
        assert result[key] >= floor, (key, result)
