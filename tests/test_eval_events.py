"""Evaluation floors of the events stage on the annotated Wikinews articles of
``../shared/data/events-dev/dev-b``: which events are found (precision, recall, F1), and
when and where they happened. Figures only are read from dev-b; the rules are tuned and
the classifier trained on dev-a and train. Raise the floors as coding improves."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV_B = SHARED / "data" / "events-dev" / "dev-b"
SCORER = SHARED / "eval" / "score_events.py"

# measured 2026-12-07 (second session) on dev-b: date 0.86, location 0.87 over matched
# events; method `document` 0.34 of events, 0.90 located (before issue 11: 0.80, 0.27,
# 0.74, 0.32); date 0.881 in the fifth session (a past event takes its sentence's only
# earlier time); sector 0.716 with issue 10's sector rules of the fifth session, 0.735
# (86 of 117) with those of the sixth (international militant groups REB), 0.744 (87 of
# 117) in the seventh (news outlets reporting are not the context's actor), 0.752 (88 of
# 117) with parties the article calls the opposition OPP (issue 10), 0.761 (89 of 117) with
# the parties of an article about the opposition OPP but for the governing one; ninth
# session, over more matched events: date 0.887, location 0.867, recipient 0.799, sector
# 0.772 (95 of 123)
FLOORS = {"date_accuracy": 0.88, "location_accuracy": 0.86, "recipient_accuracy": 0.79,
          "sector_accuracy": 0.77}
# measured 2026-12-07 (third session, with the ranker) on dev-b: precision 0.633, recall
# 0.529, F1 0.576 (rules alone, before the learned classifier: 0.484 / 0.342 / 0.401);
# with the mined trigger phrases, 'ask' only with what is asked and issue 10's sector
# rules (fifth session): 0.636 / 0.529 / 0.577; with the sixth session's actor rules
# (reported pronouns, namesake bodies, places inside bodies' names, protesters of the
# place, authorities of the place): 0.640 / 0.533 / 0.582; seventh session: 0.643 /
# 0.533 / 0.583; issue 9's actor rules (reported attacks, subject pronouns, surnames,
# appositions): 0.646 / 0.533 / 0.584; with the false-event rules (harm without force,
# demands, indirect questions) and the context actor's own phrase and place: 0.652 /
# 0.533 / 0.587; ninth session, the lexicon's best reading trusted less outside the lead:
# 0.662 / 0.533 / 0.591, and later sentences keeping readings down to half the best:
# 0.660 / 0.545 / 0.597; with the rows and rules mined from the cross-validated coding of
# train (wrong types, missing candidates): 0.671 / 0.556 / 0.609
DETECTION_FLOORS = {"precision": 0.67, "recall": 0.55, "f1": 0.60}
MAX_DOCUMENT_SHARE = 0.45
MIN_LOCATED_SHARE = 0.60

pytestmark = pytest.mark.skipif(
    not (Path(f"{DEV_B}.docs.jsonl").exists() and SCORER.exists()),
    reason="../shared is not present")


@pytest.fixture(scope="module")
def coded(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """dev-b coded once by the CLI and scored: (scores, events)."""
    tmp_path = tmp_path_factory.mktemp("dev-b")
    docs = Path(f"{DEV_B}.docs.jsonl")
    system = tmp_path / "dev-b.jsonl"
    run = subprocess.run([sys.executable, "-m", "newscoder.cli", "code", str(docs),
                          "--db", str(tmp_path / "dev-b.db"), "--out", str(system), "-q"],
                         capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr
    scored = subprocess.run([sys.executable, str(SCORER), f"{DEV_B}.gold.jsonl", str(docs),
                             str(system), "--json"], capture_output=True, text=True,
                            timeout=300)
    assert scored.returncode == 0, scored.stderr
    result = json.loads(scored.stdout)
    result.pop("missed")
    events = [json.loads(line) for line in system.read_text(encoding="utf-8").splitlines()
              if line.strip()]
    return result, events


def test_eval_events_detection_dev_b_floors(
        coded: tuple[dict[str, Any], list[dict[str, Any]]]) -> None:
    result, events = coded
    for key, floor in DETECTION_FLOORS.items():
        assert result[key] >= floor, (key, result)
    assert all(0.0 <= e["confidence"] <= 1.0 for e in events)


def test_eval_events_when_where_dev_b_floors(
        coded: tuple[dict[str, Any], list[dict[str, Any]]]) -> None:
    result, events = coded
    for key, floor in FLOORS.items():
        assert result[key] >= floor, (key, result)
    assert events
    methods = Counter(e["date"]["method"] for e in events)
    assert methods["document"] / len(events) <= MAX_DOCUMENT_SHARE, methods
    located = sum(1 for e in events if e["location"]) / len(events)
    assert located >= MIN_LOCATED_SHARE, located
    # every location says how it was found
    assert {e["location"]["method"] for e in events if e["location"]} <= {
        "stated", "inherited", "dateline", "article"}
