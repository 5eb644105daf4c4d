"""Evaluation floors on the CAMEO probe: 546 news sentences written for this project, two
for every CAMEO code the PLOVER table (``../shared/data/plover/CAMEO2PLOVER-2021.txt``)
maps to a type, each labelled with that type. Scored as the PLOVER gold sentences are: a
sentence counts where some event has its type, an event where its type is its sentence's.
It spreads over all 16 types where the Wikinews sets are mostly accusations and attacks;
some labels follow the table where ONTOLOGY.md reads otherwise (CAMEO 08 is CONCEDE,
resigning under pressure included), so it guards against losses, it is not a target."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

PROBE = Path(__file__).parent / "data" / "cameo_probe.jsonl"

# measured 2026-12-08 (tenth session): type recall 0.670, type precision 0.677 (0.676 /
# 0.681 with joint patrols as COOPERATE, dropped: their events took the patrols for
# their actor, and the wrong sector broke the dev-b sector floor)
FLOORS = {"type_recall": 0.67, "type_precision": 0.67}


def test_eval_cameo_probe_floors(tmp_path: Path) -> None:
    gold = [json.loads(line) for line in PROBE.read_text(encoding="utf-8").splitlines()]
    docs = tmp_path / "probe.jsonl"
    docs.write_text("".join(json.dumps({"id": g["id"], "date": g["date"], "text": g["text"]})
                            + "\n" for g in gold), encoding="utf-8")
    system = tmp_path / "system.jsonl"
    run = subprocess.run([sys.executable, "-m", "newscoder.cli", "code", str(docs),
                          "--db", str(tmp_path / "probe.db"), "--out", str(system), "-q"],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    types: dict[str, list[str]] = defaultdict(list)
    for line in system.read_text(encoding="utf-8").splitlines():
        event = json.loads(line)
        types[event["doc_id"]].append(event["event_type"])
    hits = sum(g["type"] in types[g["id"]] for g in gold)
    right = sum(t == g["type"] for g in gold for t in types[g["id"]])
    coded = sum(len(v) for v in types.values())
    result = {"type_recall": hits / len(gold), "type_precision": right / coded}
    for key, floor in FLOORS.items():
        assert result[key] >= floor, (key, result)
