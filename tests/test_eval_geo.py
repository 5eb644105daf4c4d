"""Evaluation floors on the public geoparsing corpora (raise them as resolution improves)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
GEO = SHARED / "data" / "geo"
SCORER = SHARED / "eval" / "score_geo.py"

# measured 2026-11-29 at 7205b47, given spans (--spans): acc161 lgl 0.8626, TR-News 0.9035,
# GWN 0.9023, GeoVirus 0.8625 (issue targets 0.83, 0.88, 0.90, 0.85); end to end:
# span_recall / acc161 lgl 0.8465 / 0.7290, TR-News 0.9208 / 0.8612 (targets 0.80 / 0.70)
FLOORS: dict[str, dict[str, dict[str, float]]] = {
    "spans": {
        "lgl": {"acc161": 0.86},
        "TR-News": {"acc161": 0.90},
        "GWN": {"acc161": 0.90},
        "GeoVirus": {"acc161": 0.86},
    },
    "e2e": {
        "lgl": {"span_recall": 0.84, "acc161": 0.725},
        "TR-News": {"span_recall": 0.92, "acc161": 0.86},
    },
}
CASES = [(mode, corpus) for mode, corpora in FLOORS.items() for corpus in corpora]

pytestmark = pytest.mark.skipif(not SCORER.exists(), reason="../shared is not present")


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("score_geo", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """corpus -> its prepared folder (docs.jsonl, spans.jsonl), made once per module."""
    scorer, done = _scorer(), {}

    def prepare(corpus: str) -> Path:
        if corpus not in done:
            out = tmp_path_factory.mktemp(corpus)
            scorer.prepare(GEO / f"{corpus}.xml", out)
            done[corpus] = out
        return done[corpus]

    return prepare


@pytest.mark.parametrize(("mode", "corpus"), CASES)
def test_eval_geo_floors(mode: str, corpus: str, prepared: Any) -> None:
    # measured as score_geo.py says: `newscoder places docs.jsonl [--spans spans.jsonl]`
    # (TR-News dates such as '7:58 AM ET' are no ISO dates: places needs none)
    if not (GEO / f"{corpus}.xml").exists():
        pytest.skip(f"{corpus}.xml is not present")
    folder = prepared(corpus)
    system = folder / f"system-{mode}.jsonl"
    args = [sys.executable, "-m", "newscoder.cli", "places", str(folder / "docs.jsonl"),
            "--out", str(system)]
    if mode == "spans":
        args += ["--spans", str(folder / "spans.jsonl")]
    run = subprocess.run(args, capture_output=True, text=True, timeout=1200)
    assert run.returncode == 0, run.stderr
    result = _scorer().score(GEO / f"{corpus}.xml", system)
    print(mode, corpus, result)
    for key, floor in FLOORS[mode][corpus].items():
        assert result[key] >= floor, (key, result)
