"""The events stage's closed word classes and modal table are data
(``data/events/word_sets.tsv``, ``modality.tsv``, ``numbers.tsv``): every class the code
reads is there, spelled as the code compares it."""

from __future__ import annotations

from newscoder.events import (
    arguments,
    attribution,
    coder,
    harm,
    intent,
    quantity,
    status,
    triggers,
)
from newscoder.events.lexicon import data_table, modal_words, word_sets


def test_word_sets_every_class_is_lower_case_and_not_empty():
    sets = word_sets("events", "word_sets.tsv")
    assert {"relative_pronoun", "recipient_prep", "communication_noun", "partitive",
            "question_word", "relay_verb"} <= set(sets)
    for name, words in sets.items():
        assert words, name
        assert all(w == w.lower().strip() and " " not in w for w in words), name


def test_word_sets_the_modules_read_them():
    assert "who" in arguments._RELATIVE
    assert "from" not in arguments._RECIPIENT_PREPS  # a source, not a recipient
    assert {"of", "by"} <= arguments._OBJECT_PARTY_PREPS
    assert "report" in attribution._RELAY
    assert "whether" in triggers._QUESTION_WORDS
    assert "in" in coder._PLACE_PREPS and "die" in coder._SUFFER and "clash" in coder._MUTUAL
    assert "kill" in harm._HARM and "accident" in harm._MISHAP and "age" in harm._NATURAL
    assert "nobody" in harm._NOBODY


def test_modal_table_is_the_one_source_of_modal_senses():
    future = modal_words("future")
    assert future == {"will", "would", "shall", "'ll"}
    assert intent._FUTURE == status._FUTURE_MODALS == future
    assert triggers._ANNOUNCING_MODALS == future | {"could", "may", "might"}
    assert triggers._OBLIGATION == {"must", "should"}
    # every modal auxiliary has a sense, and the senses do not overlap
    rows = [r for r in data_table("events", "modality.tsv") if r["kind"] == "aux"
            and r["status"] in ("future", "hypothetical")]
    assert all(r["sense"] in ("future", "possibility", "obligation") for r in rows)
    assert not future & modal_words("possibility") & modal_words("obligation")


def test_number_words_read_from_their_table():
    assert quantity.number("twelve") == 12
    assert quantity.number("dozen") == 12
    assert quantity.number("million") == 1_000_000
    assert quantity.number("1,500") == 1500
