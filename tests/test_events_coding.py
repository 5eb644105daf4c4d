"""End-to-end event coding of one-sentence texts through ``newscoder.code_text``: event
type per verb class, actor and recipient, absorption, status, dates, quantity,
attribution, non-events and stable ids. Sentences are hand-made general news English."""

from __future__ import annotations

import datetime as dt

import pytest

import newscoder
from newscoder.events import load_event_lexicon
from newscoder.records import Event

DOC_DATE = dt.date(2023, 5, 10)  # a Wednesday


@pytest.fixture(scope="module")
def code():
    """code(text, date) -> events; the default pipeline is built once per process."""
    cache: dict[tuple[str, dt.date], list[Event]] = {}

    def run(text: str, date: dt.date = DOC_DATE) -> list[Event]:
        key = (text, date)
        if key not in cache:
            cache[key] = newscoder.code_text(text, date)
        return cache[key]

    return run


def _only(events: list[Event], event_type: str | None = None) -> Event:
    chosen = [e for e in events if event_type is None or e.event_type == event_type]
    assert len(chosen) == 1, [(e.event_type, e.evidence.trigger) for e in events]
    return chosen[0]


def _countries(entities) -> list[str | None]:
    return [e.country for e in entities]


# -- event type per verb class ------------------------------------------------------------

@pytest.mark.parametrize("text, event_type, actor, recipient", [
    ("The French president met the German chancellor in Paris.", "CONSULT", "FRA", "DEU"),
    ("Japan urged China to release the detained journalists.", "REQUEST", "JPN", "CHN"),
    ("Beijing urged Washington to lift tariffs.", "REQUEST", "CHN", "USA"),
    ("Turkey condemned the Swedish government.", "ACCUSE", "TUR", "SWE"),
    ("Pakistan rejected India's proposal.", "REJECT", "PAK", "IND"),
    ("Hungary rejected the European Union's proposal.", "REJECT", "HUN", "EUR"),
    ("North Korea threatened South Korea with nuclear strikes.", "THREATEN", "PRK", "KOR"),
    ("Protesters demonstrated against the Chilean government.", "PROTEST", "CHL", "CHL"),
    ("Thousands of Iranian students protested against the government.", "PROTEST", "IRN",
     "IRN"),
    ("The United States imposed sanctions on Venezuela.", "SANCTION", "USA", "VEN"),
    ("Russian forces attacked the Ukrainian city of Kharkiv.", "ASSAULT", "RUS", "UKR"),
    ("Israeli artillery shelled Lebanese villages.", "ASSAULT", "ISR", "LBN"),
    ("Spain signed a trade agreement with Morocco.", "SUPPORT", "ESP", "MAR"),
    ("The British prime minister praised Ukraine.", "SUPPORT", "GBR", "UKR"),
    ("NATO praised Finland.", "SUPPORT", "IGO", "FIN"),
    ("Germany sent aid to Turkey.", "AID", "DEU", "TUR"),
    ("Azerbaijan released Armenian prisoners.", "RETREAT", "AZE", "ARM"),
])
def test_events_coding_type_actor_and_recipient(code, text, event_type, actor, recipient):
    event = _only(code(text))
    assert event.event_type == event_type
    assert event.status == "asserted"
    assert _countries(event.actor) == [actor]
    assert recipient in _countries(event.recipient)


@pytest.mark.parametrize("text, event_type, actor", [
    ("Farmers demonstrated outside the French parliament.", "PROTEST", "FRA"),
    ("Russia deployed troops to the border with Finland.", "MOBILIZE", "RUS"),
    ("The Pentagon deployed troops to Poland.", "MOBILIZE", "USA"),
    ("Egyptian police arrested dozens of opposition activists.", "COERCE", "EGY"),
    ("French police arrested four men.", "COERCE", "FRA"),
    ("Syrian rebels shelled government positions.", "ASSAULT", "SYR"),
    ("The Kremlin condemned the attack.", "ACCUSE", "RUS"),
    ("Belarus released political prisoners.", "RETREAT", "BLR"),
])
def test_events_coding_type_and_actor(code, text, event_type, actor):
    event = _only(code(text))
    assert event.event_type == event_type
    assert _countries(event.actor) == [actor]


@pytest.mark.parametrize("text, sector", [
    ("French police arrested four men.", "COP"),
    ("Russian forces attacked the Ukrainian city of Kharkiv.", "MIL"),
    ("The Kremlin condemned the attack.", "GOV"),
    ("Syrian rebels shelled government positions.", "REB"),
    ("Indonesian students protested against the fuel price rise.", "CVL"),
])
def test_events_coding_actor_sector(code, text, sector):
    assert [e.sector for e in _only(code(text)).actor] == [sector]


@pytest.mark.parametrize("text, mode", [
    ("Turkey condemned the Swedish government.", "disapprove"),
    ("Israeli artillery shelled Lebanese villages.", "heavy-weapons"),
    ("Azerbaijan released Armenian prisoners.", "release"),
    ("Egyptian police arrested dozens of opposition activists.", "arrest"),
    ("Russia deployed troops to the border with Finland.", "troops"),
    ("The German chancellor is expected to visit China.", "visit"),
])
def test_events_coding_mode_and_its_score(code, text, mode):
    event = _only(code(text))
    assert event.mode == mode
    lex = load_event_lexicon()
    assert event.score == lex.mode_scores[(event.event_type, mode)]
    assert event.quad == lex.quads[event.event_type]


@pytest.mark.parametrize("text", [
    "Russia deployed troops to the border with Finland.",
    "The Pentagon deployed troops to Poland.",
])
def test_events_coding_deployed_troops_are_not_the_recipient(code, text):
    event = _only(code(text), "MOBILIZE")
    assert all(e.text != "troops" for e in event.recipient)


@pytest.mark.parametrize("text, actor, recipient", [
    ("Australia sent aid to Fiji.", "AUS", "FJI"),
    ("Japan sent food aid to North Korea.", "JPN", "PRK"),
])
def test_events_coding_send_aid_to_dative_recipient(code, text, actor, recipient):
    event = _only(code(text), "AID")
    assert _countries(event.actor) == [actor]
    assert _countries(event.recipient) == [recipient]


def test_events_coding_compound_actor_is_kept(code):
    event = _only(code("Brazil and Argentina held talks on Tuesday."))
    assert event.event_type == "CONSULT"
    assert sorted(_countries(event.actor)) == ["ARG", "BRA"]


# -- absorption -------------------------------------------------------------------------

@pytest.mark.parametrize("text, actor, recipient", [
    ("The European Union urged Russia to withdraw its troops from Ukraine.", "EUR", "RUS"),
    ("Venezuela demanded that Guyana withdraw its troops.", "VEN", "GUY"),
    ("Japan urged China to release the detained journalists.", "JPN", "CHN"),
])
def test_events_coding_request_absorbs_its_content(code, text, actor, recipient):
    events = code(text)
    assert [e.event_type for e in events] == ["REQUEST"]
    assert _countries(events[0].actor) == [actor]
    assert _countries(events[0].recipient) == [recipient]


@pytest.mark.parametrize("text, actor", [
    ("The Iraqi cleric called for Iraqis to attack the American troops.", "IRQ"),
    ("The Kenyan opposition leader called for the army to arrest the ministers.", "KEN"),
])
def test_events_coding_call_for_a_clause_is_a_request(code, text, actor):
    """"called for X to do Y": "for" marks the clause, and the call absorbs it."""
    events = code(text)
    assert [e.event_type for e in events] == ["REQUEST"]
    assert _countries(events[0].actor) == [actor]


def test_events_coding_threat_absorbs_its_content(code):
    events = code("Russia threatened to cut gas supplies to Moldova.")
    assert [e.event_type for e in events] == ["THREATEN"]
    assert _countries(events[0].recipient) == ["MDA"]


# -- status -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, event_type, status", [
    ("The Chinese president will meet the French president next week.", "CONSULT", "future"),
    ("The German chancellor is expected to visit China.", "CONSULT", "future"),
    ("Iran could attack Israeli targets.", "ASSAULT", "hypothetical"),
    ("The Thai prime minister may visit Cambodia.", "CONSULT", "hypothetical"),
    ("If Iran attacks Israel, the United States would respond.", "ASSAULT", "hypothetical"),
    ("The Indian prime minister did not meet the Pakistani prime minister.", "CONSULT",
     "negated"),
    ("The Chinese president will not meet the American president.", "CONSULT", "negated"),
    ("Russian forces never attacked the Ukrainian city.", "ASSAULT", "negated"),
    ("The Spanish king met the Moroccan king on Monday.", "CONSULT", "asserted"),
])
def test_events_coding_status(code, text, event_type, status):
    event = _only(code(text), event_type)
    assert event.status == status


def test_events_coding_future_visit_keeps_type_and_parties(code):
    event = _only(code("The German chancellor is expected to visit China."))
    assert (event.event_type, event.status) == ("CONSULT", "future")
    assert _countries(event.actor) == ["DEU"]
    assert _countries(event.recipient) == ["CHN"]


def test_events_coding_said_would_not_accept_is_reject(code):
    event = _only(code("Serbia said it would not accept the proposal."))
    assert (event.event_type, event.status) == ("REJECT", "asserted")
    assert _countries(event.actor) == ["SRB"]


@pytest.mark.parametrize("text, actor", [
    ("The Serbian government would not accept the proposal.", "SRB"),
    ("Turkey will not lift the ban on Cypriot ships.", "TUR"),
])
def test_events_coding_own_denied_future_is_reject(code, text, actor):
    """A refusal needs no reporting verb: the actor's own "will not" is one."""
    event = _only(code(text))
    assert (event.event_type, event.status) == ("REJECT", "asserted")
    assert _countries(event.actor) == [actor]


@pytest.mark.parametrize("text, event_type", [
    ("If Serbia will not accept the proposal, the talks end.", "AGREE"),
    ("Russian forces will not attack the Ukrainian city.", "ASSAULT"),
])
def test_events_coding_denied_future_that_is_no_refusal(code, text, event_type):
    """A condition, or a denied hostile act, is no refusal."""
    assert all(e.event_type != "REJECT" for e in code(text))


def test_events_coding_stated_future_aid_is_agree(code):
    event = _only(code("Canada said it will provide aid to Ukraine."))
    assert (event.event_type, event.status) == ("AGREE", "asserted")
    assert _countries(event.actor) == ["CAN"]
    assert _countries(event.recipient) == ["UKR"]


def test_events_coding_plan_to_visit_is_a_commitment(code):
    event = _only(code("The Thai prime minister plans to visit Cambodia."))
    assert (event.event_type, event.status) == ("AGREE", "asserted")


# -- dates ------------------------------------------------------------------------------

@pytest.mark.parametrize("doc_date", [dt.date(2023, 5, d) for d in range(8, 16)])
@pytest.mark.parametrize("weekday", ["Monday", "Friday", "Sunday"])
def test_events_coding_past_weekday_resolves_before_document_date(code, doc_date, weekday):
    event = _only(code(f"The Spanish king met the Moroccan king on {weekday}.", doc_date))
    value = dt.date.fromisoformat(event.date.value)
    assert event.date.precision == "day"
    assert event.date.method == "relative"
    assert event.date.text == weekday
    assert value.strftime("%A") == weekday
    assert doc_date - dt.timedelta(days=6) <= value <= doc_date


def test_events_coding_future_weekday_resolves_after_document_date(code):
    event = _only(code("The Greek prime minister will meet the Turkish president on Monday."))
    assert event.status == "future"
    assert event.date.value == "2023-05-15"


@pytest.mark.parametrize("phrase, value, precision, method", [
    ("in April 2019", "2019-04", "month", "explicit"),
    ("in 2015", "2015", "year", "explicit"),
    ("on 3 March 2021", "2021-03-03", "day", "explicit"),
    ("last year", "2022", "year", "relative"),
    ("this month", "2023-05", "month", "relative"),
    ("yesterday", "2023-05-09", "day", "relative"),
])
def test_events_coding_time_expression_gives_the_date(code, phrase, value, precision, method):
    event = _only(code(f"The Greek prime minister met the Turkish president {phrase}."))
    assert event.date.value == value
    assert event.date.precision == precision
    assert event.date.method == method


def test_events_coding_past_meeting_in_april_2019(code):
    event = _only(code("Kenya and Uganda signed a border agreement in April 2019."))
    assert (event.date.value, event.date.precision, event.date.method) == \
        ("2019-04", "month", "explicit")
    assert event.status == "asserted"
    assert event.doc_date == DOC_DATE.isoformat()


@pytest.mark.parametrize("text", [
    "Turkey has condemned the Swedish government.",  # the perfect: news of the day
    "The Greek prime minister meets the Turkish president for three hours.",  # a DURATION
])
def test_events_coding_no_time_expression_takes_document_date(code, text):
    event = _only(code(text))
    assert event.date.value == DOC_DATE.isoformat()
    assert event.date.precision == "day"
    assert event.date.method == "document"
    assert event.date.text is None


@pytest.mark.parametrize("text", [
    "Turkey condemned the Swedish government.",
    "The Greek prime minister met the Turkish president for three hours.",
])
def test_events_coding_past_tense_without_time_is_recent(code, text):
    # a past-tense lead in an article that names no day reports the news of the day of
    # publication (on events-dev/train the gold accepts that day 160 times in 227)
    event = _only(code(text))
    assert (event.date.value, event.date.precision, event.date.method) == \
        (DOC_DATE.isoformat(), "day", "tense")


# -- quantity ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, value, unit, qualifier", [
    ("Gunmen killed at least 12 people in northern Mali.", 12, "people", "at least"),
    ("Nigerian troops killed at least 12 militants.", 12, "militant", "at least"),
    ("Gunmen killed 1,200 people in Sudan.", 1200, "people", None),
    ("Islamist militants killed about twenty soldiers in Somalia.", 20, "soldier", "about"),
    ("French police arrested four men.", 4, "man", None),
    ("Police in Nigeria arrested 40 protesters.", 40, "protester", None),
    pytest.param("Gunmen killed more than 30 civilians in Burkina Faso.", 30, "civilian",
                 "more than", marks=pytest.mark.xfail(
                     reason="_value keeps only the quantmod under the number ('than'), "
                            "losing 'more'", strict=True)),
    pytest.param("Soldiers killed three thousand villagers in Congo.", 3000, "villager", None),
    pytest.param("Rebels killed 2 million people in Congo.", 2_000_000, "people", None),
])
def test_events_coding_quantity(code, text, value, unit, qualifier):
    event = _only(code(text))
    assert event.quantity is not None
    assert event.quantity.value == value
    assert event.quantity.unit == unit
    assert event.quantity.qualifier == qualifier


def test_events_coding_no_number_no_quantity(code):
    assert _only(code("Turkey condemned the Swedish government.")).quantity is None


# -- attribution ------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Syrian rebels attacked the army base, Reuters reported.",
    "The Dutch king met the Belgian king on Monday, Reuters reported.",
])
def test_events_coding_attribution_reporting_verb(code, text):
    event = _only(code(text))
    assert [(a.name, a.sector) for a in event.attribution] == [("Reuters", "JRN")]


@pytest.mark.parametrize("text, source", [
    ("Syrian rebels attacked the army base, according to Reuters.", "Reuters"),
    ("According to Reuters, Syrian rebels attacked the army base.", "Reuters"),
    ("Turkish jets bombed Kurdish positions, according to the Associated Press.",
     "Associated Press"),
])
def test_events_coding_attribution_according_to(code, text, source):
    event = _only(code(text), "ASSAULT")
    assert [a.name for a in event.attribution] == [source]


def test_events_coding_speaker_of_stated_intent_is_attribution(code):
    event = _only(code("Canada said it will provide aid to Ukraine."))
    assert [a.country for a in event.attribution] == ["CAN"]


def test_events_coding_no_source_no_attribution(code):
    assert _only(code("Turkey condemned the Swedish government.")).attribution == ()


# -- non-events -------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The weather was mild.",
    "Prices rose sharply in March.",
    "The shop sold fine china and roast turkey.",
    "A long-range missile was on display at the museum.",
])
def test_events_coding_no_political_interaction_no_event(code, text):
    assert code(text) == []


# -- records ----------------------------------------------------------------------------

def test_events_coding_event_ids_stable_between_runs():
    text = "The Spanish king met the Moroccan king on Monday. Turkey condemned Sweden."
    first = newscoder.code_text(text, DOC_DATE, doc_id="doc-1")
    second = newscoder.code_text(text, DOC_DATE, doc_id="doc-1")
    assert [e.event_id for e in first] == [e.event_id for e in second]
    assert len({e.event_id for e in first}) == len(first) >= 2


def test_events_coding_event_ids_differ_between_documents():
    text = "Turkey condemned the Swedish government."
    a = newscoder.code_text(text, DOC_DATE, doc_id="doc-a")
    b = newscoder.code_text(text, DOC_DATE, doc_id="doc-b")
    assert a[0].event_id != b[0].event_id


def test_events_coding_evidence_points_into_the_text(code):
    text = "Turkey condemned the Swedish government."
    event = _only(code(text))
    assert event.evidence.sentence == text
    assert event.evidence.trigger == "condemned"
    assert text[event.evidence.trigger_start:event.evidence.trigger_end] == "condemned"


def test_events_coding_to_dict_shape(code):
    d = _only(code("Germany has sent aid to Turkey.")).to_dict()
    assert d["schema"] == "newscoder.event/1"
    assert d["event_type"] == "AID"
    assert d["quad"] == "material_cooperation"
    assert d["score"] == 10
    assert d["actor"][0]["country"] == "DEU"
    assert d["recipient"][0]["country"] == "TUR"
    assert d["date"]["method"] == "document"


def test_events_coding_time_attached_to_the_triggers_phrase() -> None:
    import datetime as dt

    import newscoder

    events = newscoder.code_text(
        "Police arrested more than 200 people during the demonstrations on Saturday.",
        dt.date(2024, 3, 14))
    arrests = [e for e in events if e.event_type == "COERCE"]
    assert arrests and arrests[0].date.value == "2024-03-09"
    assert arrests[0].date.method == "relative"


# -- passives: who acted, and who it befell --------------------------------------------
def test_events_coding_coordinated_passives_share_their_agent(code):
    # the parser hangs "by Israeli forces" on "killed"; "shot" is done by them too
    event = _only(code("Mufid Walweel, 22, was shot and killed on Sunday by Israeli forces."),
                  "ASSAULT")
    assert _countries(event.actor) == ["ISR"]


def test_events_coding_participle_without_its_auxiliary_keeps_its_agent(code):
    # the parser gives "boarded" no passive auxiliary of its own; its by-agent still
    # names who boarded (before: an unresolved phrase whose sector was the default COP)
    event = _only(code("The ferry was intercepted by a navy ship and boarded by French "
                       "special forces."), "COERCE")
    assert [(a.country, a.sector) for a in event.actor] == [("FRA", "MIL")]


def test_events_coding_clause_with_its_own_subject_takes_no_passive_subject(code):
    # "killed" has a subject of its own ("a shootout"): the archbishop, who was
    # kidnapped, is no actor of the killing, nor of the merged abduction
    events = code("An Iraqi Catholic archbishop was kidnapped in Mosul on Friday after a "
                  "shootout killed three of his aides.")
    assert events
    assert all("archbishop" not in a.text for e in events for a in e.actor)


def test_events_coding_agent_of_a_participle_describing_a_noun(code):
    # a use of force done to the noun's referent is the agent's ("a student shot by
    # police"); a lunch hosted by an ambassador is no meeting of the ambassador's
    event = _only(code("Hundreds of protesters attended the funeral of a student shot by "
                       "Egyptian police in Cairo."), "ASSAULT")
    assert [(a.country, a.sector) for a in event.actor] == [("EGY", "COP")]
    events = code("A group of Moroccan diplomats held their first meeting with President "
                  "Obama at a lunch hosted by the Ambassador of Morocco.")
    assert all(e.evidence.trigger != "hosted" for e in events)


def test_events_coding_passive_actor_from_the_event_it_happened_in(code):
    event = _only(code("Over 1,000 Lebanese civilians are reported to have been killed in "
                       "the Israeli offensive."), "ASSAULT")
    assert _countries(event.actor) == ["ISR"]


@pytest.mark.parametrize("text", [
    "In December, Ignacio Uria, a businessman linked to the project, was shot and killed.",
    "He was also fined $10,000 and ordered to pay $61,183 in civil penalties.",
])
def test_events_coding_joined_participle_shares_the_passive(code, text):
    # "was shot and killed": whom the second participle befalls is no more its actor than
    # the first's
    assert all("Uria" not in a.text and a.text != "He" for e in code(text) for a in e.actor)

def test_events_coding_raised_passive_subject_is_not_the_actor(code):
    # "civilians" controls "killed" through "are reported to", but is its patient: the
    # actor can only come from the context (here the place), never from their words
    events = code("Many Lebanese civilians are reported to have been killed.")
    assert events
    assert all(a.method == "context" and "civilians" not in a.text
               for e in events for a in e.actor)



@pytest.mark.parametrize("text, victims", [
    ("Witnesses said 12 Afghans were killed and 40 injured in the bombing.", "Afghans"),
    ("Doctors said that 45 Iraqis have been killed and 2,300 wounded since the offensive "
     "began.", "Iraqis"),
])
def test_events_coding_counted_victims_are_the_conjunct_s_own_subject(code, text, victims):
    # "and 40 injured": the number is the subject of the joined participle, so the
    # passive subject of the first ("12 Afghans were killed") does not become its actor
    events = [e for e in code(text) if e.event_type == "ASSAULT"]
    assert events
    assert all(victims not in a.text for e in events for a in e.actor)


@pytest.mark.parametrize("text, speaker", [
    ("Sudanese officials said that unidentified men attacked a police station in Darfur.",
     "Sudanese officials"),
    ("The Iraqi police told reporters that one civilian was killed when an American tank "
     "fired on a house.", "Iraqi police"),
])
def test_events_coding_speaker_of_a_reported_attack_is_not_its_doer(code, text, speaker):
    # the reported clause has a subject of its own (the attackers, the victim): the
    # speaker only tells of the attack
    events = [e for e in code(text) if e.event_type == "ASSAULT"]
    assert events
    assert all(a.text != speaker for e in events for a in e.actor)


def test_events_coding_participle_describing_counted_victims_takes_no_passive_subject(code):
    # the parser hangs "wounded" on "120" ("and 120 wounded"): the victims of "killed"
    # are no actor of the wounding either
    events = code("Officials say that 40 Somalis have been killed and 120 wounded since "
                  "the fighting began.")
    assert events
    assert all("Somalis" not in a.text for e in events for a in e.actor)


@pytest.mark.parametrize("text, trigger", [
    ("Canadian officials met on Monday. The newspaper says that Smith, who was born in "
     "Marseille, assaulted a photographer outside a restaurant in Toronto.", "assaulted"),
    ("Canadian officials met on Monday. In a statement released in Lyon, Smith criticised "
     "the plan.", "criticised"),
])
def test_events_coding_town_named_in_passing_lends_no_country(code, text, trigger):
    # a person of unknown nationality takes the context's country, but a town the
    # sentence names in passing (where he was born, where a statement was released) is
    # no party: the story's country (Canada) stands
    event = next(e for e in code(text) if e.evidence.trigger == trigger)
    assert _countries(event.actor) == ["CAN"]


def test_events_coding_destination_is_not_the_acting_authority(code):
    # the country someone is deported to receives him; the authorities who deport him
    # are those of the story (here the police of the sentence before)
    events = code("Kenyan police detained two suspects in Nairobi. The suspects were "
                  "deported to Somalia on Friday.")
    deported = [e for e in events if e.evidence.trigger == "deported"]
    assert deported and _countries(deported[0].actor) == ["KEN"]



@pytest.mark.parametrize("text", [
    "Interfax news agency stated that the opposition leader was arrested in Minsk.",
    "Al Jazeera says that 50 Palestinians have been killed in Gaza since Monday.",
])
def test_events_coding_news_outlet_reporting_is_not_the_actor(code, text):
    # the outlet reports the arrest or the killing; it made none
    assert code(text)
    assert all(a.sector != "JRN" for e in code(text) for a in e.actor)


def test_events_coding_other_speakers_of_a_passive_stay_its_actor(code):
    # police who say men were arrested are, without a word against it, who arrested them
    event = _only(code("Police said that two men were arrested in Leeds."), "COERCE")
    assert [a.sector for a in event.actor] == ["COP"]


def test_events_coding_noun_trigger_names_its_source_with_from(code):
    # "requests from the USA": the USA asks; a withdrawal from Iraq is not Iraq's
    event = _only(code("The chess champion moved to Iceland despite requests from the USA "
                       "for his deportation."), "REQUEST")
    assert _countries(event.actor) == ["USA"]
    event = _only(code("American troops completed their withdrawal from Iraq on Monday."),
                  "RETREAT")
    assert _countries(event.actor) == ["USA"]

# -- page labels glued to the lead -------------------------------------------------------
@pytest.mark.parametrize("label", ["Politics and conflicts", "Canadian news",
                                   "Thailand infobox", "<noinclude>"])
def test_events_coding_page_label_is_split_from_the_lead(nlp, label):
    doc = nlp(f"{label} In Ottawa, Poland agreed to place ten American missiles.")
    first, second = list(doc.sents)[:2]
    assert first.text == label
    assert second.text.startswith("In Ottawa")


def test_events_coding_label_opening_with_a_year_does_not_date_the_lead(code):
    events = code("2006 Israel-Lebanon conflict Seven Canadians were killed in an Israeli "
                  "air strike on Monday.", dt.date(2006, 7, 18))
    assert events
    assert all(e.date.value.startswith("2006-07") for e in events)


@pytest.mark.parametrize("text", ["Delegates met at The Hague on Monday.",
                                  "Officials in The Hague said talks failed."])
def test_events_coding_capitalised_name_inside_a_sentence_is_no_lead(nlp, text):
    assert len(list(nlp(text).sents)) == 1


def test_events_coding_page_label_codes_nothing_and_frees_the_lead(code):
    events = code("2006 Israel-Lebanon conflict The European leaders who met in Brussels "
                  "agreed to send peacekeepers.")
    assert all(e.evidence.sentence.startswith("The European") for e in events)
    assert any(e.event_type in ("AGREE", "AID") for e in events)


# -- sectors when neither the text nor a table gives one ----------------------------------
def test_events_coding_named_country_acts_through_its_government(code):
    event = _only(code("France accused Russia of violating the agreement."), "ACCUSE")
    assert [a.sector for a in event.actor] == ["GOV"]


@pytest.mark.parametrize("text, sector", [
    # a named country that coerces acts through its government, unless it seizes
    ("Tajikistan sealed its border with Kyrgyzstan because of the unrest.", "GOV"),
    ("Israel withheld customs duties collected on behalf of the Palestinians.", "GOV"),
    ("Iran seized fifteen British sailors in the Gulf.", "MIL"),
])
def test_events_coding_named_coercer_sector_by_mode(code, text, sector):
    event = _only(code(text, dt.date(2007, 4, 1)), "COERCE")
    assert [(a.method, a.sector) for a in event.actor] == [("text", sector)]


@pytest.mark.parametrize("text, sector", [
    # an unnamed coercer is the government, unless it arrests: then the police
    ("YouTube was blocked in Thailand after a video insulting the king appeared.", "GOV"),
    ("Hundreds of protesters were arrested in Cairo on Friday.", "COP"),
])
def test_events_coding_inferred_coercer_sector_by_mode(code, text, sector):
    event = _only(code(text), "COERCE")
    assert [(a.method, a.sector) for a in event.actor] == [("context", sector)]


def test_events_coding_trigger_naming_a_party_lends_its_sector(code):
    # the learned trigger "spokesperson" names the party; its modifier "Israeli" is the
    # actor and takes the spokesperson's sector (MIL), not the type's default (GOV)
    events = code('"We know Hamas is stealing humanitarian aid from international '
                  'organizations," said Peter Lerner, an Israeli military spokesperson.')
    event = _only(events, "ACCUSE")
    assert [(a.country, a.sector) for a in event.actor] == [("ISR", "MIL")]


def test_events_coding_person_keeps_the_role_the_article_gave(code):
    # in 2005 the figures table lists no office of Biden's (vice president from 2009):
    # the later "Biden" is the senator the article introduced, not the default GOV
    events = code("U.S. senator Joseph Biden has announced that he will run for president. "
                  "On Thursday Biden criticized the administration's handling of the war.",
                  dt.date(2005, 6, 24))
    event = _only(events, "ACCUSE")
    assert [(a.country, a.sector) for a in event.actor] == [("USA", "LEG")]


def test_events_coding_criminal_charges_are_brought_by_the_judiciary(code):
    event = _only(code("The U.S. charges Fischer with violating government sanctions "
                       "against Yugoslavia."), "ACCUSE")
    assert [(a.country, a.sector) for a in event.actor] == [("USA", "JUD")]


def test_events_coding_unnamed_releaser_of_hostages_is_no_government(code):
    events = code("Eight oil workers who were kidnapped from an oil platform off the coast of "
                  "Nigeria on Friday have been freed.", dt.date(2006, 6, 5))
    event = _only(events, "RETREAT")
    assert [(a.method, a.sector) for a in event.actor] == [("context", "UAF")]


@pytest.mark.parametrize("text, sector", [
    # an unnamed attacker in a story that has named an armed group of the country is
    # that group, unless the sentence says the attackers are unidentified
    ("Colombian police said FARC rebels had attacked the town. On Tuesday two soldiers "
     "were killed in Colombia.", "REB"),
    ("On Tuesday two soldiers were killed in Colombia.", "UAF"),
])
def test_events_coding_unnamed_attacker_of_a_story_about_rebels(code, text, sector):
    event = [e for e in code(text, dt.date(2007, 10, 10)) if e.event_type == "ASSAULT"][-1]
    assert [(a.method, a.sector) for a in event.actor] == [("context", sector)]


@pytest.mark.parametrize("text", [
    "The demonstration in London set off from Parliament Square and went to Hyde Park.",
    "There were protests in Madrid before the bill was passed.",
])
def test_events_coding_capital_named_as_the_place_is_no_government(code, text):
    # the capital is where the protest happens, not its government: the protesters the
    # text leaves unnamed are civilians (before: the capital's metonym sector, GOV)
    event = _only(code(text), "PROTEST")
    assert [(a.method, a.sector) for a in event.actor] == [("context", "CVL")]


@pytest.mark.parametrize("text, event_type, sector", [
    # an actor taken from the context, whose default would be the government, is the
    # legislature or the armed force the sentence names
    ("Eleven MPs were ejected from the Australian Parliament during the uproar.",
     "COERCE", "LEG"),
    ("The town was sealed off by checkpoints manned by Iraqi soldiers.", "COERCE", "MIL"),
    ("The Prefect of Police of Paris has banned public meetings in Paris, fearing violence "
     "in the capital.", "COERCE", "COP"),
])
def test_events_coding_context_actor_is_the_body_the_sentence_names(code, text, event_type,
                                                                     sector):
    event = _only(code(text), event_type)
    assert [(a.method, a.sector) for a in event.actor] == [("context", sector)]


@pytest.mark.parametrize("text, sector", [
    # a country with no state army attacks through its militant groups
    ("A Palestinian man carrying explosives blew himself up in Beersheba.", "REB"),
    ("Syria fired rockets at the Israeli town.", "MIL"),
])
def test_events_coding_attacker_of_a_country_with_no_army(code, text, sector):
    event = _only(code(text), "ASSAULT")
    assert [a.sector for a in event.actor] == [sector]


def test_events_coding_capital_as_subject_stays_the_government(code):
    event = _only(code("Moscow rejected the proposal on Monday."), "REJECT")
    assert [a.sector for a in event.actor] == ["GOV"]


def test_events_coding_unnamed_boycotters_are_the_opposition(code):
    event = _only(code("The election in Thailand was marred by a boycott.",
                       dt.date(2006, 4, 5)), "PROTEST")
    assert [(a.method, a.sector) for a in event.actor] == [("context", "OPP")]


def test_events_coding_default_sectors_cover_every_type():
    from newscoder.events import load_event_lexicon
    from newscoder.events.coder import default_sectors
    table = default_sectors()
    lex = load_event_lexicon()
    assert {key for key in table if ":" not in key and "/" not in key} == set(lex.quads)
    assert all(stated and inferred for stated, inferred in table.values())
    # a row of a mode names a PLOVER mode of its type, a row of a trigger a verb or noun
    # the lexicon codes as that type, or one only the learned classifier codes ("pass":
    # "China passed a new law"), never a lexicon word of other types only
    assert all(tuple(key.split(":")) in lex.mode_scores for key in table if ":" in key)

    def senses(key: str) -> list:
        word = key.split("/")[1]
        return lex.verbs.get(word, []) + lex.nouns.get(word, [])

    assert all(not senses(key) or any(r.event_type == key.split("/")[0] for r in senses(key))
               for key in table if "/" in key)


def test_events_coding_context_subject_may_share_the_recipients_country(code):
    # "choice" names no party: the main clause's speaker is the actor, though the party
    # criticised is of his own country (before: the place, with the default sector)
    events = code("Senator John Faulkner of Australia said the new leadership was a poor "
                  "choice for the Australian Labor Party.")
    event = _only(events, "ACCUSE")
    assert [(a.country, a.sector) for a in event.actor] == [("AUS", "LEG")]
    assert "Faulkner" in event.actor[0].text


def test_events_coding_unaddressed_event_is_the_actors_own_affair(code):
    event = _only(code("French police arrested five men in a raid on Tuesday."), "COERCE")
    assert _countries(event.actor) == ["FRA"]
    assert _countries(event.recipient) == ["FRA"]


def test_events_coding_show_of_force_gets_no_domestic_recipient(code):
    events = code("North Korea tested a ballistic missile on Tuesday.")
    assert all(not e.recipient or e.recipient[0].method != "context"
               for e in events if e.event_type == "MOBILIZE")


@pytest.mark.parametrize("text, actor", [
    ("Israel is opposed to French mediation in the talks with Syria.", "ISR"),
    ("The Japanese government is committed to holding talks with China.", "JPN"),
])
def test_events_coding_stance_participle_subject_is_the_actor(code, text, actor):
    assert any(actor in _countries(e.actor) for e in code(text))


def test_events_coding_done_participle_stays_passive(nlp):
    from newscoder.events.arguments import is_passive
    doc = nlp("War crimes were committed by the army.")
    assert is_passive(doc[3])
    doc = nlp("Israel is opposed to French mediation.")
    assert not is_passive(doc[2])


# -- sense limits in the verb table ------------------------------------------------------
@pytest.mark.parametrize("text", [
    "When asked about the talks, the French minister said they had failed.",
    "The French minister asked whether the troops would stay.",
    "The French candidates were asked a series of questions.",
])
def test_events_coding_a_question_is_no_request(code, text):
    assert not any(e.event_type == "REQUEST" and e.evidence.trigger == "asked"
                   for e in code(text))


@pytest.mark.parametrize("text, event_type, coded", [
    ("Germany provided food aid to Turkey.", "AID", True),
    ("Germany provided no details about the incident.", "AID", False),
    ("Israel recognized the government of Kosovo.", "SUPPORT", True),
    ("Israel recognized same-sex unions last year.", "SUPPORT", False),
    ("French forces evacuated the embassy in Tripoli.", "RETREAT", True),
    # clearing an area for safety is no withdrawal
    ("A warning allowed the French police to evacuate the area around the station.",
     "RETREAT", False),
    ("The candidate will fight the election in Ohio.", "ASSAULT", False),
    # meeting a response or a hindrance is no meeting of parties
    ("The French plan has met with criticism in Germany.", "CONSULT", False),
    ("The Iraqi reform has met numerous obstacles.", "CONSULT", False),
    ("French protesters met a police barricade in Paris.", "CONSULT", False),
    ("The French president met with German officials in Paris.", "CONSULT", True),
    # offering a view is no offer; offering condolences is support
    ("The Israeli minister offered a different view on the plan.", "AGREE", False),
    ("The French president offered condolences to the people of Pakistan.", "SUPPORT", True),
    ("The French president offered condolences to the people of Pakistan.", "AGREE", False),
])
def test_events_coding_verb_sense_limited_by_its_object(code, text, event_type, coded):
    found = [e for e in code(text) if e.event_type == event_type
             and e.evidence.source == "lexicon"]
    assert bool(found) == coded


def test_events_coding_mediator_is_the_actor_not_the_parties_mediated(code):
    events = code("Qatar's emir launched a mediation effort between the United Arab Emirates "
                  "and Saudi Arabia on Saturday.")
    consult = [e for e in events if e.event_type == "CONSULT"]
    assert consult and all("QAT" in _countries(e.actor) for e in consult)


def test_events_coding_protesters_are_people_of_the_place(code):
    # unnamed protesters abroad are locals, not people of the country the story is about
    text = ("Israeli troops entered Gaza on Monday. Israel said the operation would go on. "
            "On the same day in Toronto, Canada, 1,000 people gathered to protest Israeli "
            "actions.")
    protest = _only([e for e in code(text) if e.evidence.trigger == "protest"])
    assert _countries(protest.actor) == ["CAN"]


def test_events_coding_cited_source_is_no_actor(code):
    # the source a sentence cites tells of the event; it did not do it
    text = ("Riots broke out in Jos after the local elections. According to a French "
            "journalist, around 400 people have been killed in the riots.")
    killed = _only([e for e in code(text) if e.evidence.trigger == "killed"])
    assert "FRA" not in _countries(killed.actor)


def test_events_coding_controlled_passive_befalls_its_subject(code):
    # "returned after being freed": who returned was freed; he is no actor of the release
    text = ("Mali detained a French journalist for a month. The French journalist returned "
            "to Paris after being freed in Bamako.")
    freed = [e for e in code(text) if e.evidence.trigger == "freed"]
    assert all("journalist" not in a.text for e in freed for a in e.actor)


def test_events_coding_arrest_by_the_authorities_of_the_place(code):
    # an unnamed arrester is the authorities where the arrest happens, not the first
    # country the sentence names
    text = ("Police in Britain are holding three men. Two of the suspects were detained at "
            "Manchester Airport while they were trying to board a plane to Pakistan.")
    detained = _only([e for e in code(text) if e.evidence.trigger == "detained"])
    assert _countries(detained.actor) == ["GBR"]


def test_events_coding_international_militant_group_attacks_as_rebels(code):
    # al-Qaeda's table row has no sector: an international militant group is an armed
    # non-state group (REB), not the armed forces a named attacker defaults to
    event = _only(code("Al-Qaeda bombed the synagogue in Djerba."), "ASSAULT")
    assert [(a.country, a.sector) for a in event.actor] == [("IMG", "REB")]


def test_events_coding_later_surname_the_model_missed_keeps_the_earlier_role(code):
    # the parser takes the later "Milinkevich" for no person: the actor comes from the
    # context, but the sector is the role the article gave him (opposition candidate)
    events = code("Police arrested the main opposition candidate Alexander Milinkevich in "
                  "Minsk on Monday. Milinkevich demands new elections.", dt.date(2006, 3, 20))
    event = _only(events, "REQUEST")
    assert [(a.country, a.sector) for a in event.actor] == [("BLR", "OPP")]


@pytest.mark.parametrize("text, event_type", [
    # a country passes a law or ratifies a treaty through its legislature
    ("China passed a new law that authorises the use of military force against Taiwan.",
     "THREATEN"),
    ("Canada passed the bill unanimously on Monday.", "SUPPORT"),
    ("Canada ratified the treaty on Monday.", "SUPPORT"),
])
def test_events_coding_a_country_passes_laws_through_its_legislature(code, text, event_type):
    event = _only(code(text, dt.date(2006, 3, 20)), event_type)
    assert [a.sector for a in event.actor] == ["LEG"]


def test_events_coding_unnamed_side_of_a_clash_is_civilians(code):
    # the parser names no known actor: the clashing students are civilians, not an
    # unidentified armed force
    event = _only(code("A left-wing student group clashed with Greek police in the centre "
                       "of Athens.", dt.date(2006, 3, 20)), "ASSAULT")
    assert [(a.method, a.sector) for a in event.actor] == [("context", "CVL")]


@pytest.mark.parametrize("text, sector", [
    # the civilians an attack befell are not its doer: the unnamed attacker's sector
    ("Witnesses have reported that at least 80 people have died in a bombing in "
     "Afghanistan.", "UAF"),
    ("Four separate explosions left 34 people injured in the districts of Dhubri and "
     "Nagaon.", "UAF"),
    # in a clash the people are also its doers
    ("At least 250 people have died in Kenya in post-election clashes across the nation.",
     "CVL"),
])
def test_events_coding_victims_of_an_attack_are_not_its_doers(code, text, sector):
    event = _only(code(text, dt.date(2006, 3, 20)), "ASSAULT")
    assert [a.sector for a in event.actor] == [sector]


@pytest.mark.parametrize("text", [
    "Around 400 people have been killed in the riots in Jos, Nigeria.",
    "In Strasbourg, police were pelted with stones and petrol bombs.",
])
def test_events_coding_unnamed_attackers_of_a_riot_are_civilians(code, text):
    # a riot or a crowd's weapons: the attackers the text leaves unnamed are civilians
    event = _only(code(text, dt.date(2006, 3, 20)), "ASSAULT")
    assert [(a.method, a.sector) for a in event.actor] == [("context", "CVL")]


def test_events_coding_unnamed_attacker_of_a_bombing_stays_unidentified(code):
    event = _only(code("Around 40 people have been killed in a bombing in Jos, Nigeria.",
                       dt.date(2006, 3, 20)), "ASSAULT")
    assert [(a.method, a.sector) for a in event.actor] == [("context", "UAF")]


def test_events_coding_unnamed_strikers_are_labour(code):
    # a strike by workers: the protesters the text leaves unnamed are labour
    event = _only(code("Normal life in Kerala was paralysed by a dawn-to-dusk strike on "
                       "Tuesday.", dt.date(2006, 3, 20)), "PROTEST")
    assert [(a.method, a.sector) for a in event.actor] == [("context", "LAB")]


def test_events_coding_unnamed_hunger_strikers_are_not_labour(code):
    event = _only(code("In Kerala a hunger strike began on Tuesday.", dt.date(2006, 3, 20)),
                  "PROTEST")
    assert [a.sector for a in event.actor] != ["LAB"]


@pytest.mark.parametrize("text", [
    "Mary Harney, Ireland's deputy prime minister, resigned as leader of the Progressive "
    "Democrats on Tuesday.",
    "President Chen Shui-bian resigned as the chairman of the Democratic Progressive Party.",
])
def test_events_coding_who_resigns_an_office_acts_in_its_sector(code, text):
    event = _only(code(text, dt.date(2006, 3, 20)), "RETREAT")
    assert [a.sector for a in event.actor] == ["PTY"]


def test_events_coding_unsaid_arrester_is_not_the_first_party_named(code):
    # nobody is said to arrest him: the body he was with lends the country, not the sector
    event = _only(code("He was arrested at a rally of the Muslim Brotherhood.",
                       dt.date(2006, 3, 20)), "COERCE")
    assert [(a.country, a.sector) for a in event.actor] == [("EGY", "COP")]


@pytest.mark.parametrize("text, country", [
    # a legislature named only as a modifier of the sentence's subject is who acts
    ("The debate in Australia was short. Senators tempers were raised and vociferously decried the "
     "little time allotted for debate on the legislation.", "AUS"),
    ("Much of Friday's Serbian Parliament session was spent accusing domestic "
     "organizations of spreading anti-Serbian sentiments.", "SRB"),
])
def test_events_coding_context_actor_is_the_body_a_modifier_names(code, text, country):
    event = _only(code(text, dt.date(2005, 10, 14)), "ACCUSE")
    assert [(a.country, a.sector) for a in event.actor] == [(country, "LEG")]


@pytest.mark.parametrize("text", [
    "Two French diplomats were injured in a car accident near Kabul on Monday.",
    "A Turkish army helicopter crashed in eastern Turkey on Sunday, killing 12 soldiers.",
    "Nine Indian soldiers were killed when their truck collided with a bus in Kashmir.",
])
def test_events_coding_harm_without_force_is_no_attack(code, text):
    # a mishap, a natural death, nobody hurt: no one used force
    events = code(text, dt.date(2006, 3, 20))
    assert "ASSAULT" not in [e.event_type for e in events], \
        [(e.event_type, e.evidence.trigger) for e in events]


@pytest.mark.parametrize("text", [
    "Nobody was injured by the car bomb that exploded outside the Iraqi parliament.",
    "Five Iraqi soldiers were killed in a roadside bombing near Mosul.",
])
def test_events_coding_harm_by_force_stays_an_attack(code, text):
    # the cause is named: the bomb is the attack
    _only(code(text, dt.date(2006, 3, 20)), "ASSAULT")


@pytest.mark.parametrize("text, word, harmless", [
    ("The Polish ambassador died of cancer on Monday.", "died", True),
    ("The former Polish president has died at age 81.", "died", True),
    ("No Indian soldiers were hurt in the attack.", "hurt", True),
    ("No one at the Chinese consulate was injured.", "injured", True),
    ("Nobody was injured by the blast.", "injured", False),
    ("Three soldiers were killed in a bombing.", "killed", False),
    ("A 25-year-old man, aged 25, was killed by the soldiers.", "killed", False),
])
def test_events_coding_harm_word_reads_its_clause(nlp, text, word, harmless):
    # a natural death (only a death: "aged 25" does not excuse a killing) or nobody hurt
    # with no cause named
    from newscoder.events.harm import harmless as reads_harmless
    doc = nlp(text)
    token = next(t for t in doc if t.text == word)
    assert reads_harmless(token) is harmless


@pytest.mark.parametrize("text, event_type", [
    ("Iraqi officials said no evacuations of residents were ordered from the town.",
     "REQUEST"),
    ("No French journalists were arrested in Damascus.", "COERCE"),
    ("Police said no shots were fired at the Israeli embassy.", "ASSAULT"),
])
def test_events_coding_what_befell_nobody_did_not_happen(code, text, event_type):
    # a passive whose subject is no one or nothing, its doer unnamed
    assert event_type not in [e.event_type for e in code(text, dt.date(2006, 3, 20))]


def test_events_coding_what_befell_somebody_happened(code):
    _only(code("French journalists were arrested in Damascus.", dt.date(2006, 3, 20)),
          "COERCE")



@pytest.mark.parametrize("text, event_type", [
    ("The opposition party said it wanted the French minister to resign.", "RETREAT"),
    ("The kidnappers released a video with the demand that Italy withdraw its troops "
     "from Iraq.", "RETREAT"),
    ("In the video, the militant leader called for Muslims to attack the French embassy.",
     "ASSAULT"),
])
def test_events_coding_what_is_demanded_has_not_happened(code, text, event_type):
    # the act asked of another party is the content of a demand, not an event
    assert event_type not in [e.event_type for e in code(text, dt.date(2006, 3, 20))]


@pytest.mark.parametrize("text, event_type", [
    # naming is no asking
    ("China has denied the accusations of the Dalai Lama; officials called his remarks "
     "nonsense.", "REJECT"),
    # a time clause is no content
    ("The French union demanded talks after police arrested its leaders in Paris.",
     "COERCE"),
])
def test_events_coding_what_is_not_demanded_stands(code, text, event_type):
    assert event_type in [e.event_type for e in code(text, dt.date(2006, 3, 20))]


@pytest.mark.parametrize("text, event_type", [
    ("The French magazine asked the German minister why the website was censored.",
     "COERCE"),
    ("Victoria is yet to announce whether it will be withdrawing its troops from Iraq.",
     "CONCEDE"),
])
def test_events_coding_what_is_asked_about_has_not_happened(code, text, event_type):
    # the act of an indirect question is not reported to have happened
    assert event_type not in [e.event_type for e in code(text, dt.date(2006, 3, 20))]


@pytest.mark.parametrize("text, coded", [
    ("The French budget calls for a record 300 billion euros in spending.", False),
    ("The plan approved by the creditors calls for the cancellation of Iraq's debt.", False),
    ("The French president calls for the cancellation of Iraq's debt.", True),
])
def test_events_coding_a_text_providing_asks_nothing(code, text, coded):
    # a budget or a plan "calls for" what it provides; a party calling for it asks
    found = [e for e in code(text, dt.date(2006, 3, 20)) if e.event_type == "REQUEST"]
    assert bool(found) == coded


def test_events_coding_forces_moved_in_a_passive_are_its_actor(code):
    # whoever called the army in goes unsaid: the forces moved are the mobilisation's actor
    event = _only(code("In the standoff, the Bangladesh Army was called in to restore "
                       "order."), "MOBILIZE")
    assert _countries(event.actor) == ["BGD"]


def test_events_coding_police_called_in_is_no_mobilisation(code):
    # only armed forces: police called in to an inquiry mobilise nothing
    events = code("Liverpool police have been called in to investigate the theft.")
    assert "MOBILIZE" not in {e.event_type for e in events}


def test_events_coding_release_from_prison_is_by_the_place_holding(code):
    # no releaser named: the authorities of the place where he was held released him
    event = _only(code("The chess champion arrived in Iceland after being released from "
                       "prison in Japan the day before."), "RETREAT")
    assert _countries(event.actor) == ["JPN"]


@pytest.mark.parametrize("text, trigger, country", [
    # a party named in the actor's own phrase (a "to"/"of" phrase, an apposition) says
    # whose the actor is, before the first party the sentence names (before: CUB, TCD)
    ("After talks with Cuban officials, aides to the Brazilian president claimed that the "
     "money paid for the campaign.", "claimed", "BRA"),
    ("After the Chadian army withdrew, a force of rebels from the Sudan Liberation Army "
     "attacked the village.", "attacked", "SDN"),
])
def test_events_coding_actor_takes_the_country_its_own_phrase_names(code, text, trigger,
                                                                   country):
    event = next(e for e in code(text) if e.evidence.trigger == trigger)
    assert _countries(event.actor)[:1] == [country]


@pytest.mark.parametrize("text, country", [
    # rebels whose country only the story's main country (Britain) gave are those of the
    # place the clause says they strike in (before: GBR); soldiers may act abroad
    ("British ministers met in London on Monday. British officials spoke in London. A bomb "
     "attack by insurgents near Basra, Iraq killed two soldiers.", "IRQ"),
    ("British ministers met in London on Monday. British officials spoke in London. A bomb "
     "attack by troops near Basra, Iraq killed two insurgents.", "GBR"),
])
def test_events_coding_unplaced_local_actor_is_of_the_place_it_acts_in(code, text, country):
    event = _only(code(text), "ASSAULT")
    assert _countries(event.actor) == [country]


def test_events_coding_story_country_acting_before_goes_on_acting_abroad(code):
    # nobody is said to shoot them: the story's country (Canada), the actor of the event
    # before, is the doer rather than the place where it happens (before: AFG)
    events = code("Canadian officials met Canadian aid workers in Ottawa on Monday. Canadian "
                  "troops attacked a Taliban compound in Kandahar on Tuesday. Two insurgents "
                  "were shot dead near Kandahar on Wednesday.")
    shot = next(e for e in events if e.evidence.trigger == "shot")
    assert _countries(shot.actor) == ["CAN"]


@pytest.mark.parametrize("text, event_type", [
    # a type the annotated articles show too rarely for the models to learn is kept where
    # the lexicon's row matched by its sense condition (an object or a modifier)
    ("India and Russia held joint naval exercises in the Bay of Bengal.", "COOPERATE"),
    ("Jordan is sharing intelligence with Israel on militant groups.", "COOPERATE"),
])
def test_events_coding_rare_type_kept_where_its_pattern_matched(code, text, event_type):
    assert event_type in [e.event_type for e in code(text)]
