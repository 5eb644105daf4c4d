"""The lexicon's trigger patterns matched on the parse (``events.triggers``): which word of a
sentence triggers which PLOVER type, per pattern class: verb with particle, verb with an
object head, verb with a particle and an object, predicative adjective with its
preposition, and modified noun. Sentences are hand-made general news English."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from newscoder import code_text
from newscoder.events import load_event_lexicon
from newscoder.events.triggers import find_triggers


def _triggers(nlp: Any, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    lex = load_event_lexicon()
    return [(f.token.lower_, f.row.event_type) for sent in doc.sents
            for f in find_triggers(sent, lex)]


@pytest.mark.parametrize("text, word, event_type", [
    # verb + particle
    ("Soldiers sealed off the centre of the capital.", "sealed", "COERCE"),
    ("Militants blew up a pipeline near the border.", "blew", "ASSAULT"),
    # verb + object head
    ("The rebels took control of the northern city.", "took", "COERCE"),
    ("A militant group claimed responsibility for the bombing.", "claimed", "ASSAULT"),
    # verb + particle + object head
    ("The rebels laid down their arms on Sunday.", "laid", "RETREAT"),
    ("Police took five protesters into custody.", "took", "COERCE"),
    ("The journalist was released from prison on Monday.", "released", "RETREAT"),
    ("The army was called in to restore order.", "called", "MOBILIZE"),
    ("The suspect turned himself in to the police.", "turned", "RETREAT"),
    ("The president dismissed the army commander.", "dismissed", "SANCTION"),
    ("Venezuela ordered troops to the border.", "ordered", "MOBILIZE"),
    ("Three men were found guilty of smuggling drugs.", "found", "SANCTION"),
    ("Britain froze all business deals with the regime.", "froze", "SANCTION"),
    ("The minister voiced her disappointment over the vote.", "voiced", "ACCUSE"),
    ("The embassy conveyed its condolences to the families.", "conveyed", "SUPPORT"),
    ("The president offered condolences to the families.", "offered", "SUPPORT"),
    ("The former senator offered his endorsement to the candidate.", "offered", "SUPPORT"),
    ("The minister offered an apology for the incident.", "offered", "SUPPORT"),
    ("China extended its congratulations to the new president.", "extended", "SUPPORT"),
    ("The president sent a message of congratulations to his counterpart.", "sent", "SUPPORT"),
    # plain verb
    ("The speaker ejected two members of parliament.", "ejected", "COERCE"),
    ("The ministry refuted the report.", "refuted", "REJECT"),
    # refusals a lexicon row lacked (other types were coded in their place)
    ("The ministry disputed the claims of the opposition.", "disputed", "REJECT"),
    ("The opposition leader disputes the result of the election.", "disputes", "REJECT"),
    ("The parliament turned down the invitation.", "turned", "REJECT"),
    ("A court threw out the indictment against the generals.", "threw", "REJECT"),
    ("The judge struck down two state laws.", "struck", "REJECT"),
    ("The government brushed aside calls for an inquiry.", "brushed", "REJECT"),
    ("The party countered that it had the power to exclude the state.", "countered",
     "REJECT"),
    ("The government ignored demands by the opposition.", "ignored", "REJECT"),
    ("The message includes his denial of any role in the attacks.", "denial", "REJECT"),
    ("Amnesty pressed for the release of the prisoners.", "pressed", "REQUEST"),
    ("The islands are petitioning for more compensation.", "petitioning", "REQUEST"),
    ("The mother pleaded for the release of her son.", "pleaded", "REQUEST"),
    ("The president had lobbied against the resolution.", "lobbied", "REQUEST"),
    ("More than 9,000 police have been called up.", "called", "MOBILIZE"),
    ("The two leaders reversed their positions.", "reversed", "CONCEDE"),
    ("The prime minister tendered the resignation of his cabinet.", "tendered", "RETREAT"),
    ("The ministry unblocked the website.", "unblocked", "RETREAT"),
    ("Riot police responded with tear gas and rubber bullets.", "responded", "ASSAULT"),
    ("Armed police surrounded the monastery.", "surrounded", "COERCE"),
    # sanctions a lexicon row lacked
    ("An appeals court upheld the verdict in September.", "upheld", "SANCTION"),
    ("Twelve officers were penalized for the abuses.", "penalized", "SANCTION"),
    ("The company was fined for the spill.", "fined", "SANCTION"),
    ("The ministry revoked his passport.", "revoked", "SANCTION"),
    ("The government withheld the customs duties.", "withheld", "COERCE"),
    ("The party voted to kick out three members.", "kick", "SANCTION"),
    ("He was fired as deputy president.", "fired", "SANCTION"),
    ("The president sacked the army chief.", "sacked", "SANCTION"),
    # events no earlier row found a candidate for
    ("The president declared an amnesty for the rebels.", "declared", "CONCEDE"),
    ("The government promised an amnesty to fighters who surrender.", "promised", "CONCEDE"),
    ("The prime minister backtracked on the amnesty.", "backtracked", "REJECT"),
    ("China reacted with fury to the decision.", "reacted", "ACCUSE"),
    ("The minister fielded questions from the committee.", "fielded", "CONSULT"),
    ("The rebels were calling an end to their armed campaign.", "calling", "RETREAT"),
    ("The two ministers exchanged pleasantries at the dinner.", "pleasantries", "CONSULT"),
    ("A security sweep of the city is under way.", "sweep", "MOBILIZE"),
    ("The army remains loyal to the president.", "loyal", "SUPPORT"),
    ("The union overturned its boycott of the company.", "overturned", "CONCEDE"),
    ("The soldiers were brought home last year.", "brought", "RETREAT"),
    ("The dissident was granted citizenship by Iceland.", "granted", "AID"),
    ("He was removed from the chamber by the speaker.", "removed", "SANCTION"),
    ("The board voted to remove the chairman.", "remove", "SANCTION"),
    # predicative adjective + preposition
    ("The senator was critical of the budget.", "critical", "ACCUSE"),
    # noun, and noun with a modifier
    ("A car bomb exploded near the embassy.", "bomb", "ASSAULT"),
    ("The killing of the journalist shocked the country.", "killing", "ASSAULT"),
    ("The abduction of two tourists was confirmed.", "abduction", "ASSAULT"),
    ("The prime minister issued a denunciation of the bombings.", "denunciation", "ACCUSE"),
    ("The assembly passed a censure of the minister.", "censure", "ACCUSE"),
    ("The army began its retreat from the border region.", "retreat", "RETREAT"),
    # the goods of aid, one class for every verb giving them, and what a measure or a sum
    # is of
    ("Japan sent 200 tonnes of rice to North Korea.", "sent", "AID"),
    ("The European Union gave 20 million euros in aid to Gaza.", "gave", "AID"),
    ("Britain airlifted food and blankets to flood victims.", "airlifted", "AID"),
    ("The IMF disbursed $2 billion to Ukraine on Friday.", "disbursed", "AID"),
    ("Turkey delivered armed drones to Niger's air force.", "delivered", "AID"),
    ("Jordanian aircraft airdropped food and medicine to villagers in Gaza.", "airdropped", "AID"),
    # cutting off aid or lending is a sanction; arms used are force
    ("The United States suspended security assistance to Pakistan.", "suspended", "SANCTION"),
    ("The World Bank halted new lending to Uganda.", "halted", "SANCTION"),
    ("Government forces used chemical weapons against the town.", "used", "ASSAULT"),
    ("Armenia declared a general mobilisation on Sunday.", "mobilisation", "MOBILIZE"),
    ("Italian police impounded a superyacht in Trieste.", "impounded", "COERCE"),
    # the particle right after the verb, though parsed as "more than"
    ("Hamas handed over ten hostages to the Red Cross.", "handed", "RETREAT"),
    # material cooperation and shows of force
    ("South Korea resumed trade with North Korea.", "resumed", "COOPERATE"),
    ("Israel called up 10,000 reservists.", "called", "MOBILIZE"),
    ("The navy dispatched two destroyers to the Gulf.", "dispatched", "MOBILIZE"),
    ("Pakistan moved troops to its eastern border.", "moved", "MOBILIZE"),
    ("The two agencies exchanged information on the suspects.", "exchanged", "COOPERATE"),
    # reducing relations (CAMEO 16), returning what was held (CAMEO 084), investigating
    # (CAMEO 09), house arrest
    ("Russia cut gas supplies to Ukraine on Monday.", "cut", "SANCTION"),
    ("The European Union banned imports of Iranian oil.", "banned", "SANCTION"),
    ("North Korea returned the bodies of the soldiers.", "returned", "RETREAT"),
    ("The government ordered an inquiry into the prison riot.", "ordered", "ACCUSE"),
    ("Prosecutors are looking into allegations of corruption.", "looking", "ACCUSE"),
    ("The junta placed the opposition leader under house arrest.", "placed", "COERCE"),
    # going on strike; agreeing to a demand yields to it (CAMEO 08), as accepting it does
    ("Doctors went on strike on Monday to demand higher wages.", "went", "PROTEST"),
    ("The government agreed to the opposition's demand for reform.", "agreed", "CONCEDE"),


    # events of train articles no candidate covered (issue 9)
    ("Israel annexed East Jerusalem after the war.", "annexed", "COERCE"),
    ("Hong Kong has blacklisted some activists.", "blacklisted", "COERCE"),
    ("The phones of the ministers were tapped for a year.", "tapped", "COERCE"),
    ("The governor was impeached by the state legislature.", "impeached", "SANCTION"),
    ("The vice president lobbied senators to allow an exemption.", "lobbied", "REQUEST"),
    ("The minister revoked the harsher interrogation techniques.", "revoked", "RETREAT"),
    ("The party secretary has stood down.", "stood", "RETREAT"),
    ("The senator has withdrawn his bid for the presidency.", "withdrawn", "RETREAT"),
    ("Thousands of nurses will walk off the job next week.", "walk", "PROTEST"),
    ("Three thousand farmers took to the streets of the city.", "took", "PROTEST"),
    ("The United States stopped shipments of fuel oil to the North.", "stopped", "SANCTION"),
    ("The students staged a walkout on Monday.", "walkout", "PROTEST"),
    ("The police force is staging a sickout over wages.", "sickout", "PROTEST"),
    ("The ministers have been in discussions with the airline.", "discussions", "CONSULT"),
    ("The cleric declared a jihad on the United States.", "jihad", "THREATEN"),
    ("The talks were soured by the exclusion of the politicians from the elections.",
     "exclusion", "COERCE"),
    ("Aboriginal elders have voiced their dissent to the nuclear dump.", "voiced", "ACCUSE"),
    ("The opposition contested the ruling.", "contested", "ACCUSE"),
    ("The senator questioned the legality of the planned vote.", "questioned", "ACCUSE"),
    ("Students disrupted a speech by the candidate.", "disrupted", "PROTEST"),
    ("The hearings were interrupted by protesters.", "interrupted", "PROTEST"),
    ("Thirty-six vehicles were set ablaze overnight.", "set", "ASSAULT"),
    ("Villagers burned down the settlements of the migrants.", "burned", "ASSAULT"),
    ("The soldiers returned fire.", "returned", "ASSAULT"),
    ("His prison sentence was commuted by the president.", "commuted", "RETREAT"),
    ("The two leaders declared a ceasefire on Tuesday.", "declared", "RETREAT"),
    ("Access to the website was restored on Thursday.", "restored", "RETREAT"),
    ("The four men have been held on suspicion of terrorism.", "held", "COERCE"),
    ("The president decided to close the radio station.", "close", "COERCE"),
    ("Tajikistan sealed its border crossing points.", "sealed", "COERCE"),
    ("The party leader spoke to the visiting students.", "spoke", "CONSULT"),
    ("The prime minister will speak with his French counterpart.", "speak", "CONSULT"),
    ("The judge threw out the petition challenge.", "threw", "REJECT"),
    ("The minister is resisting calls for an inquiry.", "resisting", "REJECT"),
    ("The prime minister worked a deal with the opposition party.", "worked", "AGREE"),
    ("The regional police transferred their allegiance to the new authorities.",
     "transferred", "SUPPORT"),
    ("They set a deadline of November 24 for the new government.", "set", "REQUEST"),
    ("Russia would strengthen its contingent in South Ossetia.", "strengthen", "MOBILIZE"),
    ("China intensified security around the square.", "intensified", "MOBILIZE"),
    ("Police say security has been tightened throughout the city.", "tightened", "MOBILIZE"),
    ("The prime minister gave assurances that action would be taken.", "assurances",
     "AGREE"),
])
def test_events_triggers_pattern_classes(nlp, text, word, event_type):
    assert (word, event_type) in _triggers(nlp, text)


@pytest.mark.parametrize("text, word", [
    # the object or particle condition fails: another sense of the verb
    ("The manager took notes during the meeting.", "took"),
    ("The minister claimed victory in the election.", "claimed"),
    ("The committee laid down new rules.", "laid"),
    ("The student turned in her essay.", "turned"),
    ("The minister voiced his opinion on the budget.", "voiced"),
    ("The senator wins elections by appealing to moderate voters.", "appealing"),
    ("Investigators found new evidence at the scene.", "found"),
    ("The president declared a national holiday.", "declared"),
    ("The crowd reacted to the verdict.", "reacted"),
    # a gerund naming a kind of thing: no fighting took place; use of other things
    ("Armenia called up all men of fighting age.", "fighting"),
    # the modifier of a noun naming people by what they are
    ("Riot police dispersed the crowd.", "riot"),
    ("Two aid workers were kidnapped.", "aid"),
    ("The agency used new software to count the votes.", "used"),
    ("The government backtracked.", "backtracked"),
    ("The court overturned the verdict.", "overturned"),
    ("The police took the suspects to the station.", "took"),
    ("The minister withdrew his remarks.", "withdrew"),
    ("The workers stopped the car at the gate.", "stopped"),
    ("The minister expressed opposition to the plan.", "expressed"),
    ("The company contested the election.", "contested"),
    ("The soldiers returned home.", "returned"),
    ("The minister was held in high regard.", "held"),
    ("The shop will close the store on Sunday.", "close"),
    ("One mutineer, who spoke to the BBC, said the troops were unhappy.", "spoke"),
    ("The minister spoke with reporters after the meeting.", "spoke"),
    ("The pitcher threw out the first ball.", "threw"),
    ("The team worked long hours.", "worked"),
    ("The government tightened its belt.", "tightened"),
    ("The organs were removed without permission.", "removed"),
    ("Rebel forces loyal to the general seized the town.", "loyal"),
    ("The islands are disputed territory.", "disputed"),
    ("The two countries dispute the islands.", "dispute"),
    ("The passenger was thrown out of the car.", "thrown"),
    ("The army will counter the threat.", "counter"),
    ("The minister ignored the journalists.", "ignored"),
    ("The witness withheld his name.", "withheld"),
    ("The car reversed into the wall.", "reversed"),
    ("The minister responded with a statement.", "responded"),
    ("The court upheld the right to protest.", "upheld"),
    ("Farmers work in the surrounding countryside.", "surrounding"),
    ("The details surrounding the plot remain unclear.", "surrounding"),
    # an adjective without its preposition, a bomb without a modifier of attack
    ("The report was critical.", "critical"),
    ("Scientists studied the atomic bomb of 1945.", "bomb"),
    # moving offices, returning home, a domestic ban on sales: no show of force, no
    # release, no embargo
    ("The company moved its offices to the capital.", "moved"),
    ("The delegation returned home on Friday.", "returned"),
])
def test_events_triggers_other_senses(nlp, text, word):
    assert word not in [w for w, _ in _triggers(nlp, text)]


@pytest.mark.parametrize("text, word, event_type", [
    # a noun trigger opening the sentence is capitalised only because it opens it
    ("Clashes erupted in the capital on Monday.", "clashes", "ASSAULT"),
    ("Talks between Iran and the EU resumed on Monday.", "talks", "CONSULT"),
    ("Protests against the new tax spread across the country.", "protests", "PROTEST"),
    # ... behind a quote mark or a list bullet
    ('"Attacks on the convoy must stop," the minister said.', "attacks", "ASSAULT"),
    ("*Protests which began in May continued at the university.", "protests", "PROTEST"),
])
def test_events_triggers_sentence_initial_noun(nlp, text, word, event_type):
    assert (word, event_type) in _triggers(nlp, text)


@pytest.mark.parametrize("text", [
    # a capitalised trigger word inside a sentence, or a name, is not the common noun
    "The Talks Foundation funds research on peace.",
    "March 16 was a quiet day in the capital.",
])
def test_events_triggers_capitalised_names_are_no_nouns(nlp, text):
    assert not [t for _, t in _triggers(nlp, text) if t in ("CONSULT", "PROTEST")]


@pytest.mark.parametrize("text, threatens", [
    # a warning threatens when it announces the speaker's act or what awaits the one
    # warned; a forecast of what others will bring about threatens no one
    ("Iran warned that it would close the strait if attacked.", True),
    ("Tadic warned Croatia that recognizing Kosovo would have a negative effect on relations.",
     True),
    ("The treasurer warned that the proposed changes would hurt workers.", False),
    ("The mayor warned that patients may have to be moved to other hospitals.", False),
])
def test_events_triggers_warning_of_others_acts_is_no_threat(nlp, text, threatens):
    assert (("warned", "THREATEN") in _triggers(nlp, text)) is threatens


@pytest.mark.parametrize("text, word, event_type", [
    # a verb whose object picks the sense: a dismissed claim is rejected, a dismissed
    # official removed
    ("The president dismissed the claims as lies.", "dismissed", "REJECT"),
    ("The judge ordered a new trial.", "ordered", "REQUEST"),
    ("The rights group appealed to the government to release the prisoners.", "appealed",
     "REQUEST"),
    ("The journalist was released from prison.", "released", "RETREAT"),
    # accepting a proposal agrees to it (CAMEO 03); accepting demands yields (CAMEO 08)
    ("The government accepted the peace proposal.", "accepted", "AGREE"),
    ("The rebels accepted the government's demands.", "accepted", "CONCEDE"),
    # revoking a document punishes its holder; revoking a measure eases it
    ("The ministry revoked his passport.", "revoked", "SANCTION"),
    ("The ministry revoked the decision.", "revoked", "RETREAT"),
])
def test_events_triggers_object_picks_the_sense(nlp, text, word, event_type):
    assert [t for w, t in _triggers(nlp, text) if w == word] == [event_type]


@pytest.mark.parametrize("text, assault", [
    # beating people is an assault; beating a rival party in a poll or a race is not
    ("Soldiers beat the prisoners in the camp.", True),
    ("The prisoners were beaten by guards.", True),
    ("The Labour party is beating the National party by seven points.", False),
    ("The senator was beaten in the fundraising race by his rival.", False),
])
def test_events_triggers_beat_in_a_contest_is_no_assault(nlp, text, assault):
    assert (("ASSAULT" in [t for w, t in _triggers(nlp, text) if w.startswith("beat")])
            is assault)


def _demands(nlp: Any, text: str) -> list[str]:
    return [f.token.lower_ for sent in nlp(text).sents
            for f in find_triggers(sent, load_event_lexicon()) if f.row.has("obligation")]


@pytest.mark.parametrize("text, verb", [
    # a reported clause with must/should demands it of its subject, the speaker's demand
    ("Russia said Sudan must return the helicopter.", "return"),
    ("The senator said the prime minister should resign.", "resign"),
])
def test_events_triggers_reported_obligation_is_a_demand(nlp, text, verb):
    assert verb in _demands(nlp, text)


@pytest.mark.parametrize("text", [
    # what should have been done blames; what we must do binds the speakers
    "The minister said the government should have introduced new rules.",
    "The president said we must respond effectively.",
    # a belief that something should happen is an opinion
    "The senator believed the evil should be defeated.",
])
def test_events_triggers_obligation_of_the_speaker_or_past_is_no_demand(nlp, text):
    assert _demands(nlp, text) == []


@pytest.mark.parametrize("text, requests", [
    # asking is a request only with what is asked
    ("Japan asked China to release the journalists.", True),
    ("The opposition asked for the government to hold a recount.", True),
    ("The minister asked for international help.", True),
    ('"Is this the best we can do?" President Bush asked.', False),
    ('"Why not now?" the president asked the assembly.', False),
])
def test_events_triggers_asking_requests_only_with_what_is_asked(nlp, text, requests):
    assert (("REQUEST" in [t for w, t in _triggers(nlp, text) if w.startswith("ask")])
            is requests)


@pytest.mark.parametrize("text, value", [
    # the act's own time
    ("Al-Qaeda in Iraq claimed responsibility on Wednesday for Monday's bombing of a market "
     "in Baghdad.", "2008-03-03"),
    # the time of the clause that describes the act
    ("Al-Qaeda in Iraq claimed responsibility on Wednesday for an attack that killed 12 "
     "people in Baghdad on Monday.", "2008-03-03"),
    # the act as the story dated it before
    ("A suicide bomber killed 12 people at a market in Baghdad on Monday. On Wednesday, "
     "al-Qaeda in Iraq claimed responsibility for the attack.", "2008-03-03"),
    # "for which" leads back to the act the clause describes
    ("Tunisia was the scene of the 2002 Ghriba synagogue bombing, for which Al-Qaeda "
     "claimed responsibility.", "2002"),
])
def test_events_triggers_claimed_attack_took_place_when_the_attack_did(text, value):
    claims = [e for e in code_text(text, dt.date(2008, 3, 6))
              if e.evidence.trigger.startswith("claimed")]
    assert claims and claims[0].event_type == "ASSAULT"
    assert claims[0].date.value == value


@pytest.mark.parametrize("text, event_type", [
    # a promise of a hostile act is a threat
    ("The rebels vowed to attack the capital.", "THREATEN"),
    ("The opposition leader vowed that his supporters will continue protesting.", "THREATEN"),
    # a promise of help or of a meeting stays a promise
    ("The president pledged to send aid to the region.", "AGREE"),
    ("The minister promised to meet the strikers.", "AGREE"),
])
def test_events_triggers_promised_hostile_act_is_threat(nlp, text, event_type):
    word = {"vowed", "pledged", "promised"}
    assert [t for w, t in _triggers(nlp, text) if w in word] == [event_type]


@pytest.mark.parametrize("text, word, event_type", [
    # a preposition that only dates the act is not the verb's particle: no "fire on"
    ("North Korea fired two missiles into the sea on Sunday.", "fired", "MOBILIZE"),
    ("Troops fired on the protesters on Sunday.", "fired", "ASSAULT"),
])
def test_events_triggers_dating_preposition_is_no_particle(nlp, text, word, event_type):
    assert [t for w, t in _triggers(nlp, text) if w == word] == [event_type]


def test_events_triggers_object_class_is_read_from_the_word_sets():
    from newscoder.events.lexicon import word_set
    rows = {r.lemma: r for r in load_event_lexicon().verbs["send"] + load_event_lexicon()
            .verbs["give"] if r.event_type == "AID"}
    assert word_set("aid_goods") <= rows["send"].objects
    assert word_set("aid_goods") <= rows["give"].objects
    assert not any(o.startswith("@") for r in rows.values() for o in r.objects)


@pytest.mark.parametrize("text, word, held", [
    # the row's sense condition holds on what the verb acts on, not on a phrase beside it
    ("Jordan shared intelligence with Israel.", "shared", True),
    ("Israel called up 10,000 reservists.", "called", True),
    ("Private firms could provide value for money.", "provide", False),
])
def test_events_triggers_sense_condition_held_on_the_object(nlp, text, word, held):
    from newscoder.events.triggers import match_verb, sense_held
    token = next(t for t in nlp(text) if t.lower_ == word)
    row = match_verb(token, load_event_lexicon())
    assert row is not None and sense_held(token, row) is held


def test_events_triggers_domestic_sales_ban_is_no_embargo(nlp):
    assert ("banned", "SANCTION") not in _triggers(
        nlp, "Petrol sales in small quantities have also been banned.")


@pytest.mark.parametrize("text, word, event_type", [
    # the of-phrase says what a modifier would: "nuclear tests", "missile tests"
    ("The test of a nuclear weapon was a provocation.", "test", "MOBILIZE"),
    ("Recent tests of the missile defence have failed.", "tests", "MOBILIZE"),
])
def test_events_triggers_of_phrase_meets_the_modifier_condition(nlp, text, word, event_type):
    assert (word, event_type) in _triggers(nlp, text)


def test_events_triggers_of_phrase_of_another_thing_is_no_modifier(nlp):
    assert "test" not in [w for w, _ in _triggers(nlp, "The test of wills went on.")]


def test_events_triggers_preposition_hung_on_the_object(nlp):
    # the parser hangs "with anger" on "agreement"; the row's condition reads it there
    assert ("reacted", "ACCUSE") in _triggers(nlp, "Russia reacted to the agreement with anger.")


def test_events_triggers_low_preposition_needs_a_condition_on_its_object(nlp):
    # "call for" has no condition on what is called for: a low "for" is no call for
    text = "Analysts have called the state election for the Labor Party."
    assert ("called", "REQUEST") not in _triggers(nlp, text)


@pytest.mark.parametrize("text, event_type", [
    # an agentless conviction is the act of the authorities where it happens
    ("Three Australians were found guilty of smuggling heroin in Jakarta, Indonesia.",
     "SANCTION"),
])
def test_events_triggers_agentless_arrest_is_the_place_authorities(nlp, text, event_type):
    # the rules alone (the learned models may also find the place by other paths)
    from newscoder.pipeline import Pipeline
    from newscoder.settings import Settings
    pipe = Pipeline(Settings(learned=False), nlp=nlp)
    events = [e for e in code_text(text, dt.date(2008, 3, 6), pipeline=pipe)
              if e.event_type == event_type]
    assert events and {a.country for a in events[0].actor} & {"IDN", "ZWE"}
