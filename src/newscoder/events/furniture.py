"""Page furniture: the parts of an article that are not news.

Wikis and news sites end articles with related-news lists, sources, external links and
galleries, under headings written "== Related news ==". Their lines are headlines of
other stories or citations: coded, they would be events of other days told out of
context. The events stage skips every sentence from such a heading up to the next
heading of another name; a sentence that is only a heading codes nothing either, nor does
a page label split off the start of the lead ("Canadian news", "Thailand infobox").
"""

from __future__ import annotations

import functools
import re

from spacy.tokens import Doc, Span

from ..nlp import sentences
from .lexicon import data_lines

_HEADING = re.compile(r"==+\s*([^=\n]{1,60}?)\s*==+")
_ONLY_HEADING = re.compile(r"^\W*(==+[^=]*==+\W*)+$")


@functools.lru_cache(maxsize=1)
def furniture_names() -> frozenset[str]:
    return frozenset(line.strip().lower() for line in data_lines("events", "furniture.txt"))


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of the furniture sections of ``text``."""
    names = furniture_names()
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for match in _HEADING.finditer(text):
        is_furniture = match.group(1).strip().lower() in names
        if is_furniture and start is None:
            start = match.start()
        elif not is_furniture and start is not None:
            spans.append((start, match.start()))
            start = None
    if start is not None:
        spans.append((start, len(text)))
    return spans


def news_sentences(doc: Doc) -> list[int]:
    """Indices (in ``doc.sents`` order) of the sentences that may report news."""
    text = doc.text  # rebuilt from the tokens on every access: once
    spans = furniture_spans(text) if "==" in text else []
    out: list[int] = []
    sents = sentences(doc)
    labels = 0  # the page labels at the article's start ("2008", "US Presidential Election")
    while labels < min(3, len(sents) - 1) and _is_label(text, sents[labels], sents[labels + 1]):
        labels += 1
    for n, sent in enumerate(sents):
        if n < labels:
            continue
        if "==" in text[sent.start_char:sent.end_char] \
                and _ONLY_HEADING.match(text[sent.start_char:sent.end_char].strip()):
            continue
        if any(a <= sent.start_char < b for a, b in spans):
            continue
        out.append(n)
    return out


def _is_label(text: str, sent: Span, following: Span) -> bool:
    """A verbless, unpunctuated opening sentence that runs on into the next on the same line:
    a page label, split off the lead by :func:`newscoder.nlp.paragraph_boundaries`."""
    between = text[sent.start_char:following.start_char]
    if "\n" in between or sent.text.rstrip()[-1:] in ".!?\"'”":
        return False
    return not any(t.pos_ in ("VERB", "AUX") for t in sent)
