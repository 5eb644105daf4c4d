#!/usr/bin/env python3
"""Convert MEANTIME (NewsReader, token-anchored XML) to TempEval-3 TimeML files.

    python benchmarks/meantime_to_timeml.py SRC_DIR OUT_DIR

SRC_DIR is searched recursively for *.xml (e.g. ../shared/data/meantime/
intra-doc_annotation). Each article becomes OUT_DIR/<doc_id>.tml: its creation time as
the DCT, the sentence(s) before and including the dateline left out of TEXT (the title
and the date), and TEXT ending after the last sentence that carries any annotation, since
only each article's first sentences are annotated. Tokens are joined with single spaces
except around punctuation. Articles without a valid creation date are skipped (and
counted on stderr). score_timex.py can then prepare and score OUT_DIR as a gold folder.
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

_NO_SPACE_BEFORE = re.compile(r"^(?:[.,;:!?%)\]}]|'s|'re|'ve|'ll|'d|'m|n't|''|'|\.\.\.)$",
                              re.I)
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "#", "£", "€"}


def convert(path: Path) -> tuple[str, str] | None:
    root = ET.parse(path).getroot()
    tokens = [(int(t.get("t_id", "0")), int(t.get("sentence", "0")), t.text or "")
              for t in root.iter("token")]
    sentence_of = {tid: s for tid, s, _ in tokens}
    markables = root.find("Markables")
    if markables is None:
        return None
    dct_value, dct_sentences = None, set()
    timexes: list[tuple[list[int], str, str]] = []
    annotated: set[int] = set()
    for m in markables:
        anchors = [int(a.get("t_id", "0")) for a in m.iter("token_anchor")]
        annotated.update(sentence_of[a] for a in anchors if a in sentence_of)
        if m.tag != "TIMEX3":
            continue
        if m.get("functionInDocument") == "CREATION_TIME":
            dct_value = m.get("value", "")
            dct_sentences = {sentence_of[a] for a in anchors if a in sentence_of}
        elif anchors:
            timexes.append((anchors, m.get("type", ""), m.get("value", "")))
    if not dct_value or not re.fullmatch(r"\d{4}-\d\d-\d\d", dct_value[:10]):
        return None
    first = max(dct_sentences) + 1 if dct_sentences else 1
    last = max(annotated)
    # Detokenise, remembering each token's character span.
    text, spans, previous = "", {}, ""
    prev_sentence = None
    for tid, sent, word in tokens:
        if not first <= sent <= last:
            continue
        if prev_sentence is not None and sent != prev_sentence:
            text += "\n" if _is_heading(previous) else " "
        elif text and not _NO_SPACE_BEFORE.match(word) and previous not in _NO_SPACE_AFTER:
            text += " "
        spans[tid] = (len(text), len(text) + len(word))
        text += word
        previous, prev_sentence = word, sent
    tags = []
    for anchors, typ, value in timexes:
        inside = [spans[a] for a in anchors if a in spans]
        if inside:
            tags.append((min(s for s, _ in inside), max(e for _, e in inside), typ, value))
    tags.sort()
    body, pos = [], 0
    for i, (start, end, typ, value) in enumerate(tags, start=1):
        if start < pos:
            continue
        body.append(escape(text[pos:start]))
        body.append(f'<TIMEX3 tid="t{i}" type={quoteattr(typ)} value={quoteattr(value)}>'
                    f"{escape(text[start:end])}</TIMEX3>")
        pos = end
    body.append(escape(text[pos:]))
    doc_id = root.get("doc_id", path.stem)
    dct = dct_value[:10]
    tml = (
        '<?xml version="1.0" ?>\n<TimeML>\n'
        f"<DOCID>{escape(doc_id)}</DOCID>\n"
        f'<DCT><TIMEX3 tid="t0" type="DATE" value="{dct}" '
        f'functionInDocument="CREATION_TIME">{dct}</TIMEX3></DCT>\n'
        f"<TEXT>{''.join(body)}</TEXT>\n</TimeML>\n"
    )
    return doc_id, tml


def _is_heading(word: str) -> bool:
    return word not in {".", "!", "?", '"', "''", "'"}


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__)
        return 2
    out = Path(argv[2])
    out.mkdir(parents=True, exist_ok=True)
    written = skipped = 0
    for path in sorted(Path(argv[1]).rglob("*.xml")):
        result = convert(path)
        if result is None:
            skipped += 1
            print(f"skipped (no valid creation date): {path.name}", file=sys.stderr)
            continue
        doc_id, tml = result
        (out / f"{doc_id}.tml").write_text(tml, encoding="utf-8")
        written += 1
    print(f"{written} documents written, {skipped} skipped", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
