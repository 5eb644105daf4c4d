"""Features of one sentence for the learned event classifier.

The classifier decides which PLOVER types a sentence reports, from the words that carry
events (verbs and their objects and particles, nouns and their prepositions), from what
the rule lexicon proposes there, and from the sentence's shape (headings, lists and
credits report nothing). The same function serves training (``newscoder.events.train``)
and coding, so the two cannot drift apart.

Each feature is a short string; the model's weights are keyed by them.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from .cameo import CameoIndex

_CONTENT_POS = {"VERB", "NOUN", "ADJ"}
_VERB_ARGS = {"dobj", "nsubjpass", "attr", "oprd"}


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def token_features(token: Token, cameo: CameoIndex | None = None) -> list[str]:
    """The features one content word adds to its sentence (empty for other words); with
    the CAMEO index, also the types its dictionary entries give."""
    pos = token.pos_
    if pos not in _CONTENT_POS or token.is_stop or not token.is_alpha:
        return []
    lemma = _lemma(token)
    if pos == "ADJ":
        return [f"a:{lemma}"]
    kind = "v" if pos == "VERB" else "n"
    out = [f"{kind}:{lemma}"]
    for child in token.children:
        dep = child.dep_
        if dep == "prt":
            out.append(f"{kind}:{lemma}_{child.lower_}")
        elif dep == "prep":
            out.append(f"{kind}p:{lemma}_{child.lower_}")
        elif dep in _VERB_ARGS and child.pos_ == "NOUN":
            out.append(f"vo:{lemma}_{_lemma(child)}")
        elif dep == "neg":
            out.append(f"neg:{lemma}")
    if kind == "v" and token.dep_ in ("xcomp", "ccomp") and token.head.pos_ == "VERB":
        out.append(f"vv:{_lemma(token.head)}_{lemma}")
    if kind == "n" and token.head.pos_ == "VERB" and token.dep_ in _VERB_ARGS:
        out.append(f"nv:{_lemma(token.head)}_{lemma}")
    if cameo is not None and kind == "v":
        out.extend(_cameo_features(token, lemma, cameo))
    return out


def _cameo_features(token: Token, lemma: str, cameo: CameoIndex) -> list[str]:
    out: list[str] = []
    bare = cameo.verb_type(lemma)
    if bare:
        out.append(f"cameo:{bare}")
    for child in token.children:
        if child.dep_ in _VERB_ARGS:
            found = cameo.object_type(lemma, child.lower_, _lemma(child))
            if found:
                out.append(f"cameo_obj:{found}")
        elif child.dep_ in ("prt", "prep"):
            found = cameo.particle_type(lemma, child.lower_)
            if found:
                out.append(f"cameo_prt:{found}")
    return out


def _shape(sent: Span) -> list[str]:
    text = sent.text.strip()
    words = [t for t in sent if not t.is_space and not t.is_punct]
    out = [f"len:{min(len(words) // 8, 5)}"]
    if text.startswith("=") or text.endswith("="):
        out.append("shape:heading")
    if not text.endswith((".", "\"", "'", "”", ":", ";", ")")):
        out.append("shape:unended")
    if '"' in text or "“" in text:
        out.append("shape:quote")
    if words and words[0].lower_ in ("image", "photo", "source", "sources"):
        out.append("shape:credit")
    return out


def sentence_features(sent: Span, proposed: Iterable[str] = (), unparted: Iterable[str] = (),
                      countries: int = 0, cameo: CameoIndex | None = None,
                      words: Iterable[list[str]] | None = None) -> list[str]:
    """All features of a sentence: its words, the types the rules code in it and those
    of triggers that named no party, the number of actor countries it names, and its
    shape. ``words``: the :func:`token_features` of the sentence's tokens in order
    (with ``cameo``), where the caller has worked them out already."""
    out = ["bias"]
    if words is None:
        words = (token_features(token, cameo) for token in sent)
    for found in words:
        out.extend(found)
    root = sent.root
    out.append(f"root:{_lemma(root)}")
    for event_type in proposed:
        out.append(f"rule:{event_type}")
    for event_type in unparted:
        out.append(f"unparted:{event_type}")
    out.append(f"countries:{min(countries, 2)}")
    out.extend(_shape(sent))
    return out
