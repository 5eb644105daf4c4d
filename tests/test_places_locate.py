"""An event's place, one rule at a time, on hand-made documents: stated in its clause,
inherited from an earlier mention, the dateline, the country the article is set in;
adjectives, peoples and metonyms are never places; a foreign event stays unplaced."""

from __future__ import annotations

from typing import Any

import pytest

from newscoder.places import locate_event
from newscoder.records import Place


def _place(doc: Any, text: str, country: str, nth: int = 0, role: str = "location") -> Place:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(text, start + 1)
    return Place(text, start, start + len(text), role, name=text, country=country)


def _locate(nlp: Any, text: str, trigger: str, places: list[tuple[str, str, int]],
            nth_trigger: int = 0) -> Place | None:
    doc = nlp(text)
    found = [_place(doc, t, c, n) for t, c, n in places]
    token = [t for t in doc if t.text == trigger][nth_trigger]
    return locate_event(found, token)


def test_places_locate_stated_in_the_clause(nlp):
    got = _locate(nlp, "Gunmen attacked a convoy in Mosul on Monday.", "attacked",
                  [("Mosul", "IRQ", 0)])
    assert got is not None
    assert (got.country, got.method) == ("IRQ", "stated")
    assert got.location_dict()["method"] == "stated"


def test_places_locate_destination_of_a_visit(nlp):
    got = _locate(nlp, "Kim would travel from Pyongyang to Vladivostok.", "travel",
                  [("Pyongyang", "PRK", 0), ("Vladivostok", "RUS", 0)])
    assert got is not None
    assert (got.text, got.method) == ("Vladivostok", "stated")


def test_places_locate_noun_event_takes_its_clause_place(nlp):
    got = _locate(nlp, "In a rare trip, Kim would travel to Vladivostok.", "trip",
                  [("Vladivostok", "RUS", 0)])
    assert got is not None
    assert (got.text, got.method) == ("Vladivostok", "stated")


def test_places_locate_when_clause_of_the_same_event(nlp):
    got = _locate(nlp, "Kim and Putin last met in April 2019, when the North Korean leader "
                  "arrived at Vladivostok by train.", "met", [("Vladivostok", "RUS", 0)])
    assert got is not None
    assert got.text == "Vladivostok"


def test_places_locate_inherited_from_an_earlier_mention(nlp):
    text = ("Clashes broke out in Basra on Monday. Officials said the clashes left ten dead. "
            "Britain and Iraq held talks in London.")
    got = _locate(nlp, text, "clashes", [("Basra", "IRQ", 0), ("Britain", "GBR", 0),
                                          ("Iraq", "IRQ", 0), ("London", "GBR", 0)])
    assert got is not None
    assert (got.text, got.method) == ("Basra", "inherited")


def test_places_locate_dateline(nlp):
    text = ("Belgium Federal prosecutor Johan Delmulle said the police are investigating a "
            "group. The police arrested three men.")
    got = _locate(nlp, text, "arrested", [("Belgium", "BEL", 0)])
    assert got is not None
    assert (got.country, got.method) == ("BEL", "dateline")


def test_places_locate_subject_at_the_start_is_no_dateline(nlp):
    text = "North Korea's leader Kim Jong Un met officials. The officials praised him."
    got = _locate(nlp, text, "praised", [("North Korea", "PRK", 0)])
    assert got is None or got.method != "dateline"


def test_places_locate_article_country(nlp):
    text = ("Protests spread across Fiji this week. Thousands marched in Suva. "
            "The prime minister refused to resign.")
    got = _locate(nlp, text, "refused", [("Fiji", "FJI", 0), ("Suva", "FJI", 0)])
    assert got is not None
    assert (got.country, got.method) == ("FJI", "article")


def test_places_locate_foreign_event_stays_unplaced(nlp):
    text = ("Fischer arrived in Reykjavik. Iceland granted him citizenship in Reykjavik. "
            "The minister returned from Belgrade and criticised the decision.")
    got = _locate(nlp, text, "criticised", [("Reykjavik", "ISL", 0), ("Reykjavik", "ISL", 1),
                                            ("Belgrade", "SRB", 0)])
    assert got is None


@pytest.mark.parametrize("text, word, trigger", [
    ("The minister did not attend a dinner because of a Ukrainian violinist.", "Ukrainian",
     "attend"),
    ("The group recruits Belgians to fight.", "Belgians", "recruits"),
])
def test_places_locate_adjectives_and_peoples_are_not_places(nlp, text, word, trigger):
    got = _locate(nlp, text, trigger, [(word, "UKR" if word == "Ukrainian" else "BEL", 0)])
    assert got is None or got.method != "stated"


def test_places_locate_metonym_is_not_a_place(nlp):
    doc = nlp("Moscow denied the report.")
    moscow = _place(doc, "Moscow", "RUS", role="metonym")
    assert locate_event([moscow], doc[1]) is None


def test_places_locate_place_of_another_clause_is_not_stated(nlp):
    text = "Bush signed a bill providing funds for the war efforts in Iraq."
    got = _locate(nlp, text, "signed", [("Iraq", "IRQ", 0)])
    assert got is None or got.method != "stated"


def test_places_locate_toponym_record_has_no_method():
    place = Place("Mosul", 0, 5, "location", country="IRQ")
    assert "method" not in place.to_dict()


@pytest.mark.parametrize("text, trigger, place", [
    ("Kaufman demanded sanctions against Israel.", "demanded", "Israel"),
    ("They blamed the President of the United States for the crisis.", "blamed",
     "United States"),
    ("Iran held talks with Pakistan.", "held", "Pakistan"),
])
def test_places_locate_what_an_event_is_about_is_not_where_it_happens(nlp, text, trigger,
                                                                      place):
    got = _locate(nlp, text, trigger, [(place, "XXX", 0)])
    assert got is None or got.method != "stated"


def test_places_locate_a_destination_after_for_is_stated(nlp):
    got = _locate(nlp, "The president left for Paris on Monday.", "left", [("Paris", "FRA", 0)])
    assert got is not None and (got.text, got.method) == ("Paris", "stated")
