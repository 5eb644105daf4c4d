#!/usr/bin/env python3
"""Tag a prepared TempEval-3 jsonl (from score_timex.py prepare) and score it.

    python benchmarks/timex_eval.py IN.jsonl OUT.jsonl [GOLD_DIR]

Writes one JSON line per TIMEX3 (doc_id, text, start, end, type, value, mod) to OUT; with
GOLD_DIR (default: the folder named in IN's sibling, if given) runs the TempEval-3 scorer
of ../shared/eval/score_timex.py on it.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from newscoder.timex import TimexTagger

SCORER = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "score_timex.py"


def main(argv: list[str]) -> int:
    if len(argv) not in (3, 4):
        print(__doc__)
        return 2
    tagger = TimexTagger()
    with open(argv[1], encoding="utf-8") as f, open(argv[2], "w", encoding="utf-8") as out:
        for line in f:
            if not line.strip():
                continue
            doc = json.loads(line)
            date = dt.date.fromisoformat(doc["date"][:10])
            for t in tagger(doc["text"], date):
                out.write(json.dumps({"doc_id": doc["id"], **t.to_dict()}) + "\n")
    if len(argv) == 4:
        return subprocess.call([sys.executable, str(SCORER), "score", argv[3], argv[2]])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
