"""Resolution of given spans and end-to-end recognition on hand-made sentences."""

from __future__ import annotations

import pytest

from newscoder.places import PlaceFinder
from newscoder.places.gazetteer import norm


def spans_of(text: str, *names: str) -> list[tuple[int, int]]:
    return [(text.index(n), text.index(n) + len(n)) for n in names]


@pytest.mark.parametrize("text,name,country", [
    ("Police in Alexandria, Louisiana arrested a man.", "Alexandria", "USA"),
    ("Egyptian police in Alexandria arrested a man on the coast of Egypt.", "Alexandria", "EGY"),
    ("The summit in Paris drew leaders from France and Germany.", "Paris", "FRA"),
    ("Atlanta and Savannah are the largest cities in Georgia.", "Georgia", "USA"),
    ("Tbilisi is the capital of Georgia, which borders Russia.", "Georgia", "GEO"),
])
def test_places_resolve_uses_context(finder, nlp, text, name, country):
    doc = nlp(text)
    others = [e.text for e in doc.ents if e.label_ == "GPE" and e.text != name]
    places = finder.resolve_spans(doc, spans_of(text, name, *others))
    assert places[0].text == name
    assert places[0].country == country


def test_places_resolve_keeps_order_and_marks_unknown(finder, nlp):
    text = "He lives at 1935 Orchard Street in Kentucky near Xqzzyville."
    doc = nlp(text)
    spans = spans_of(text, "Xqzzyville", "Kentucky", "1935 Orchard Street")
    places = finder.resolve_spans(doc, spans)
    assert [p.text for p in places] == ["Xqzzyville", "Kentucky", "1935 Orchard Street"]
    assert places[0].geonameid is None and places[0].lat is None
    assert places[1].country == "USA" and places[1].feature == "ADM1"
    assert places[2].lat is None  # a street is not forced onto a town


def test_places_end_to_end_finds_what_the_model_misses(finder, nlp):
    text = "Kim Jong Un arrived at Vladivostok on Tuesday, Turkish media reported."
    places = finder(nlp(text))
    by_text = {p.text: p for p in places}
    assert by_text["Vladivostok"].country == "RUS"
    assert by_text["Turkish"].country == "TUR"


@pytest.mark.parametrize("raw,key", [
    ("St. Louis", "saint louis"), ("Côte d'Ivoire", "cote divoire"), ("the Hague", "hague")])
def test_places_norm(raw, key):
    assert norm(raw) == key


def test_places_lookup_abbreviation(finder):
    rows = finder.gazetteer.lookup("W.Va.")
    assert rows and finder.gazetteer.name[rows[0]] == "West Virginia"


def test_places_county_has_its_own_point(finder, nlp):
    text = "Deputies in Walker County, Texas, searched the woods."
    places = finder.resolve_spans(nlp(text), spans_of(text, "Walker County", "Texas"))
    county = places[0]
    assert county.feature == "ADM2" and county.country == "USA"
    assert abs(county.lat - 30.74) < 0.5 and abs(county.lon + 95.57) < 0.5  # not Texas's middle


def test_places_unknown_place_takes_the_documents_town(finder, nlp):
    text = "The parade went down Royal Street in New Orleans on Sunday."
    places = finder.resolve_spans(nlp(text), spans_of(text, "Royal Street", "New Orleans"))
    street, town = places
    assert street.name is None and street.geonameid is None
    assert (street.lat, street.lon) == (town.lat, town.lon)
    assert PlaceFinder(finder.gazetteer, anchor_unknown=False).resolve_spans(
        nlp(text), spans_of(text, "Royal Street", "New Orleans"))[0].lat is None


def test_places_extends_a_clipped_name(finder, nlp):
    text = "Flooding closed roads across West Virginia and in Laurel County on Monday."
    texts = [p.text for p in finder(nlp(text))]
    assert "West Virginia" in texts and "Virginia" not in texts


def test_places_name_inside_a_body_starts_with_a_common_word(finder, nlp):
    # "New" starts no place alone, but New South Wales in a body's name is the place,
    # not the Wales inside it
    places = finder(nlp("New South Wales Police charged a woman over the riots."))
    assert [(p.text, p.country) for p in places] == [("New South Wales", "AUS")]


@pytest.mark.parametrize("text,name,expect_name,feature", [
    ("Boaters crowd Lake Manassas in July.", "Lake Manassas", "Manassas", "PPL"),
    ("He spoke at the Iowa House on Friday.", "Iowa House", "Iowa", "ADM1"),
    ("The Bank of Mexico raised rates.", "Bank of Mexico", "Mexico", "PCLI"),
    ("He studied at Robinson College Cambridge.", "Robinson College Cambridge", "Cambridge",
     "PPL"),
    ("The New Orleans Railways and Light Company ran it.",
     "New Orleans Railways and Light Company", "New Orleans", "PPL"),  # not Orléans
    ("Deputies of the Walker County Sheriff's Office came.", "Walker County Sheriff's Office",
     "Walker County", "ADM2"),
])
def test_places_unknown_name_takes_the_place_it_contains(finder, nlp, text, name, expect_name,
                                                         feature):
    place = finder.resolve_spans(nlp(text), spans_of(text, name))[0]
    assert place.name == expect_name and place.feature == feature


@pytest.mark.parametrize("text,name", [
    ("Crowds filled Franklin Street.", "Franklin Street"),  # streets are named after people
    ("The fleet sailed from Pearl Harbor.", "Pearl Harbor"),  # so are natural features
    ("Children played in Hopkins Park.", "Hopkins Park"),  # and parks
    ("Protesters gathered at the Russian Embassy.", "Russian Embassy"),  # not in Russia
    ("She teaches at the British International School.", "British International School"),
])
def test_places_contained_names_that_say_nothing_of_where(finder, nlp, text, name):
    assert finder.resolve_spans(nlp(text), spans_of(text, name))[0].lat is None


def test_places_anchor_is_the_town_most_places_agree_with(finder, nlp):
    # Charleston comes first, but the story is about northern Virginia.
    text = ("It looks like Charleston. Residents of Gainesville shop in Centreville, "
            "Virginia, and golf at Stonewall Golf Club.")
    places = finder.resolve_spans(nlp(text), spans_of(
        text, "Charleston", "Gainesville", "Centreville", "Virginia", "Stonewall Golf Club"))
    club, gainesville = places[-1], places[1]
    assert club.name is None and gainesville.country == "USA"
    assert abs(club.lat - 38.8) < 0.3 and abs(club.lon + 77.5) < 0.4


def test_places_contained_town_abroad_is_a_namesake(finder, nlp):
    text = "Boys in Cairo, Egypt, train at the Liverpool Academy."
    places = finder.resolve_spans(nlp(text), spans_of(text, "Cairo", "Egypt",
                                                      "Liverpool Academy"))
    academy = places[-1]
    assert academy.name is None and academy.country == "EGY"  # the story's town, not England


@pytest.mark.parametrize("text,name,country", [
    ("Officers searched a plane at Heathrow on Monday.", "Heathrow", "GBR"),  # an airport
    ("Jets took off from Incirlik at dawn.", "Incirlik", "TUR"),  # an air base
    ("Turkey fired on Qamishli and other towns.", "Qamishli", "SYR"),  # Al Qamishli
])
def test_places_landmarks_and_arabic_articles(finder, nlp, text, name, country):
    place = finder.resolve_spans(nlp(text), spans_of(text, name))[0]
    assert place.country == country


def test_places_name_words_are_normalised_data():
    import tomllib

    from newscoder.places.gazetteer import DATA_DIR

    with (DATA_DIR / "name_words.toml").open("rb") as f:
        lists = tomllib.load(f)
    assert {"street", "facility", "named_after", "foreign", "generic", "end", "articles",
            "part", "suffixes"} <= set(lists)
    for name, words in lists.items():
        assert words.split(), name
        assert all(norm(f"x {w}") == f"x {w}" for w in words.split()), name  # as norm() reads
