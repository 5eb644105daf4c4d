"""Evaluation floors on the PLOVER gold-standard sentences (raise them as coding improves)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from newscoder.coding import code_documents
from newscoder.read import read_inputs
from newscoder.settings import Settings

SHARED = Path(__file__).resolve().parents[2] / "shared"
GSR = SHARED / "data" / "plover" / "PLOVER_GSR_CAMEO.json"
SCORER = SHARED / "eval" / "score_plover_gsr.py"

# measured 2026-11-29: type_recall 0.739, type_precision 0.708, actor 0.802, recipient 0.657
FLOORS = {"type_recall": 0.73, "type_precision": 0.70, "actor_accuracy": 0.80,
          "recipient_accuracy": 0.65}

pytestmark = pytest.mark.skipif(not GSR.exists(), reason="../shared is not present")


def _scorer() -> object:
    spec = importlib.util.spec_from_file_location("score_plover_gsr", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_eval_plover_gsr_floors(tmp_path: Path) -> None:
    scorer = _scorer()
    docs_path = tmp_path / "gsr.jsonl"
    scorer.prepare(GSR, docs_path)  # type: ignore[attr-defined]
    documents = [d for d in read_inputs([docs_path]) if not isinstance(d, Exception)]
    system = tmp_path / "system.jsonl"
    with system.open("w", encoding="utf-8") as handle:
        for coded in code_documents(documents, Settings()):
            for event in coded.events:
                handle.write(json.dumps(event.to_dict()) + "\n")
    result = scorer.score(GSR, system)  # type: ignore[attr-defined]
    for key, floor in FLOORS.items():
        assert result[key] >= floor, (key, result)
