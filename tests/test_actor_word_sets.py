"""The actors stage's closed word classes are data (``data/actors/word_sets.tsv``)."""

from __future__ import annotations

from newscoder.actors import lexicon, resolve
from newscoder.wordsets import word_sets


def test_actor_word_sets_every_class_is_present_and_lower_case():
    sets = word_sets("actors", "word_sets.tsv")
    for name in ("owner_participle", "person_pronoun", "thing_pronoun", "plural_pronoun",
                 "anaphoric_country", "anaphoric_person", "anaphoric_any", "partitive",
                 "agentive_noun", "role_rank_0", "role_rank_1"):
        assert sets[name], name
        assert all(w == w.lower().strip() for w in sets[name]), name


def test_actor_word_sets_are_what_the_resolver_reads():
    assert resolve._ANAPHORIC["country"] == "country"
    assert resolve._ANAPHORIC["leader"] == "person"
    assert "they" in resolve._PLURAL_PRONOUNS and "he" in resolve._PERSON_PRONOUNS
    assert "delegation" in resolve._AGENTIVE_ION and "refusal" not in resolve._AGENTIVE_ION
    # a word stands for one kind of antecedent only
    sets = word_sets("actors", "word_sets.tsv")
    kinds = [sets[f"anaphoric_{k}"] for k in ("country", "person", "any")]
    assert not (kinds[0] & kinds[1] or kinds[0] & kinds[2] or kinds[1] & kinds[2])


def test_actor_role_rank_puts_heads_of_state_first():
    assert lexicon._ROLE_RANK["president"] < lexicon._ROLE_RANK["prime minister"]
    assert "minister" not in lexicon._ROLE_RANK
