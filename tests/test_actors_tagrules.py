"""The attribute ruler without spaCy's matcher and the remembering lemmatizer
(newscoder.actors.tagrules) leave every token as the model's own ``attribute_ruler`` and
``lemmatizer`` components do."""

from __future__ import annotations

import pytest

from newscoder.actors.tagrules import (
    FastAttributeRuler,
    MemoLemmatizer,
    fast_attribute_ruler,
    memo_lemmatizer,
)

TEXTS = [
    "I ain't gonna do it, y'all.",  # two-token rules, a regex, contractions
    "There is a man.\n\n  He's gon na go.  Let's go!",  # expl + be, white space, index 1
    "Gotta get 'em. C'mon, I'd been doin' nothin'.",
    "It was what it was; you did it and I had it to myself.",  # dependency-labelled rules
    "Kenyan police arrested ten protesters in Nairobi on Monday.",
    "Angela Merkel", "Iraqi troops", "  \n\t", "but but BUT that if whether",
    "She gets what she got, and that is that.",
]


def _tokens(doc):
    return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_,
             t.is_sent_start) for t in doc]


@pytest.mark.parametrize("text", TEXTS)
def test_fast_attribute_ruler_and_remembered_lemmas_match_the_components(nlp, text):
    fast = fast_attribute_ruler(nlp.get_pipe("attribute_ruler"))
    assert fast is not None
    memo = memo_lemmatizer(nlp.get_pipe("lemmatizer"))
    assert isinstance(memo, MemoLemmatizer)
    whole = nlp(text)
    for _ in range(2):  # the second time, the lemmas come from memory
        without = nlp(text, disable=["attribute_ruler", "lemmatizer"])
        memo(fast(without))
        assert _tokens(without) == _tokens(whole)


def test_fast_attribute_ruler_declines_patterns_it_cannot_read():
    class Ruler:
        attrs = [{}]
        patterns = [{"patterns": [[{"ORTH": "x"}]], "attrs": {"LEMMA": "y"}, "index": 0}]

    assert fast_attribute_ruler(Ruler()) is None

    class Long(Ruler):
        patterns = [{"patterns": [[{"LOWER": "a"}] * 3], "attrs": {}, "index": 0}]

    assert fast_attribute_ruler(Long()) is None
    assert isinstance(fast_attribute_ruler(type("Empty", (), {"attrs": [], "patterns": []})()),
                      FastAttributeRuler)
