"""Find event triggers in a sentence: verbs and nouns of the lexicon whose conditions hold.

A trigger whose content is absorbed by another ("urged Kim not to proceed": the request,
not the proceeding) is dropped here, as is a noun carried by a verb that already coded
the event ("impose sanctions").
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from ..actors.lexicon import role_head_words
from .lexicon import EventLexicon, Trigger, modal_words, word_set

_OBJECT_DEPS = ("dobj", "nsubjpass", "attr", "oprd")
_ADDRESSEE_DEPS = ("dobj", "dative")  # whom a warning or a demand is addressed to
_PARTICLE_DEPS = ("prt", "prep", "dobj", "advmod", "acomp", "compound:prt")
_ABSORBED_DEPS = ("xcomp", "ccomp", "dobj", "pcomp", "prep")
_VERB_POS = ("VERB",)
# "part of a military aid program", "a message of congratulations": the of-phrase names
# what the object is
_PARTITIVE = word_set("partitive") | word_set("content_carrier")
_QUANTITIES = word_set("quantity_noun")
# "(that) it would retaliate", "could strike": a complement that announces an act
_ANNOUNCING_MODALS = modal_words("future", "possibility")
# words inside these names are titles, not events ("Meet the Press", "Defense Act")
_TITLE_ENTITIES = {"ORG", "WORK_OF_ART", "PRODUCT", "LAW", "FAC"}


@dataclass(frozen=True, slots=True)
class Found:
    token: Token
    row: Trigger
    is_noun: bool
    light_verb: Token | None = None  # the verb carrying a noun trigger ("held talks")
    speaker: Token | None = None  # the reporting verb whose subject demands ("X must ...")


def objects_of(token: Token, particle: str | None = None, preps: bool = True) -> list[Token]:
    """Object heads of a verb (and their conjuncts): direct object, passive subject, or
    the object of the given particle/preposition (with none given, of any: unless
    ``preps`` is false, which keeps the direct objects alone)."""
    out: list[Token] = []
    for child in token.children:
        if child.dep_ in _OBJECT_DEPS:
            out.append(child)
        elif not preps and particle is None:
            continue
        elif child.dep_ == "prep" and (particle is None or child.lower_ == particle):
            out.extend(g for g in child.children if g.dep_ == "pobj")
        elif child.dep_ == "prt" and particle is None:
            # "launching up to 68 missiles": the object hangs below the particle
            out.extend(g for p in child.children if p.dep_ == "prep"
                       for g in p.children if g.dep_ == "pobj")
    if particle is not None and not out:
        out.extend(g for p in _low_preps(token, particle) for g in p.children
                   if g.dep_ == "pobj")
    for head in list(out):
        out.extend(head.conjuncts)
        lemma = head.lemma_.lower()
        if lemma in _PARTITIVE or lemma in _QUANTITIES:
            # "suspended part of a military aid program", "sent 200 tonnes of rice",
            # "gave 20 million euros in aid"
            links = ("of", "in") if lemma in _QUANTITIES else ("of",)
            out.extend(g for p in head.children if p.dep_ == "prep" and p.lower_ in links
                       for g in p.children if g.dep_ == "pobj")
    return out


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def verb_forms(token: Token) -> tuple[str, ...]:
    """The lemma, then plain de-inflections of the word: the small model's lemmatizer
    slips on some verbs ("staged" -> "stag"), and a missed light verb loses the event."""
    word = token.lower_
    forms = [_lemma(token), word]
    if word.endswith("ed"):
        forms += [word[:-1], word[:-2]]  # staged -> stage, attacked -> attack
    elif word.endswith("ing"):
        forms += [word[:-3] + "e", word[:-3]]  # staging -> stage, holding -> hold
    elif word.endswith("s"):
        forms.append(word[:-1])
    return tuple(dict.fromkeys(forms))


def _has_particle(token: Token, particle: str, low: bool = False) -> bool:
    """The verb governs the particle; with ``low``, also where the parser hung it on the
    verb's object (see :func:`_low_preps`), which only a row whose condition then checks
    that preposition's object may accept ("reacted ... with anger", not "called the
    election for Labor")."""
    words = particle.split()
    return any(c.dep_ in _PARTICLE_DEPS and c.lower_ == words[0] and not _dates(c)
               for c in token.children) or _particle_clause(token, words[0]) is not None \
        or low and bool(_low_preps(token, words[0])) or _next_particle(token, words[0])


def _next_particle(token: Token, word: str) -> bool:
    """The particle stands right after the verb, though the parser hung it elsewhere
    ("handed over ten hostages": "over" taken for "more than")."""
    after = token.i + 1
    return after < len(token.doc) and token.doc[after].tag_ == "RP" \
        and token.doc[after].lower_ == word


def _particle_clause(token: Token, word: str) -> Token | None:
    """A clause the particle introduces as its mark: "called for Muslims to attack" is
    parsed with "for" marking the infinitive clause, not as a preposition of "called"."""
    return next((c for c in token.children if c.dep_ in ("advcl", "ccomp") and c.i > token.i
                 and any(m.dep_ == "mark" and m.lower_ == word and m.i == token.i + 1
                         for m in c.children)), None)


def _low_preps(token: Token, word: str) -> list[Token]:
    """The verb's preposition ``word`` where the parser hung it on the noun the verb acts
    on ("reacted to the agreement with anger": "with anger" on "agreement"), when the
    verb governs no such preposition itself."""
    if any(c.dep_ == "prep" and c.lower_ == word for c in token.children):
        return []
    nouns = [c for c in token.children if c.dep_ == "dobj"]
    nouns += [g for c in token.children if c.dep_ == "prep"
              for g in c.children if g.dep_ == "pobj"]
    return [p for n in nouns for p in n.children
            if p.dep_ == "prep" and p.lower_ == word and not _dates(p)]


def _dates(prep: Token) -> bool:
    """A preposition that only dates the act ("fired missiles on Sunday"), which makes
    no "fire on" of it."""
    objects = [g for g in prep.children if g.dep_ == "pobj"]
    return bool(objects) and all(g.ent_type_ in ("DATE", "TIME") for g in objects)


def match_verb(token: Token, lex: EventLexicon) -> Trigger | None:
    rows = next((lex.verbs[f] for f in verb_forms(token) if f in lex.verbs), None)
    if not rows:
        return None
    for row in rows:
        if row.particle and not _has_particle(token, row.particle, low=bool(row.objects)):
            continue
        if row.has("clause") and not any(_announces_own_action(token, c)
                                         for c in token.children):
            continue  # "warned it would retaliate" threatens; "warned of tension" does not
        if row.has("not_question") and _questions(token):
            continue  # "asked whether...", "when asked about...": a question, no request
        if row.has("complement") and not _has_complement(token):
            continue  # '"...?" Bush asked.', "asked the assembly": a question put
        if row.objects:
            objs = objects_of(token, row.particle if row.particle else None)
            if not objs and not row.particle:
                objs = objects_of(token)
            if _names_object(row, objs) == row.has("not_object"):
                continue
        return row
    return None


def _names_object(row: Trigger, objects: list[Token]) -> bool:
    return any(_lemma(o) in row.objects or o.lower_ in row.objects
               or (row.has("person_object") and o.ent_type_ == "PERSON") for o in objects)


def sense_held(token: Token, row: Trigger) -> bool:
    """The row's own sense condition holds on the verb, on its particle or on what it
    acts on directly ("shared intelligence", "called up reservists"), not only on a
    phrase beside it ("provide value for money")."""
    if row.has("not_object"):
        return False  # a condition that excludes picks no sense
    if row.objects:
        return _names_object(row, objects_of(token, row.particle, preps=bool(row.particle)))
    return row.particle is not None


_QUESTION_WORDS = word_set("question_word")
_QUESTION_NOUNS = word_set("question_noun")


def _questions(token: Token) -> bool:
    """The verb puts a question: its complement is an indirect question ("asked whether
    the troops would stay"), its object a question ("asked a question"), or it is a bare
    passive in a time clause ("when asked about the talks, he said")."""
    for child in token.children:
        if child.dep_ == "ccomp" and any(t.lower_ in _QUESTION_WORDS and t.i < child.i
                                         for t in child.subtree):
            return True
        if child.dep_ in ("dobj", "nsubjpass") and _lemma(child) in _QUESTION_NOUNS:
            return True
        if child.dep_ == "advmod" and child.lower_ == "when" and token.dep_ == "advcl" \
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
            return True
    return False


def _has_complement(token: Token) -> bool:
    """The verb says what is asked: a clause ("asked them to leave", "asked that he be
    freed", "asked for the government to act") or what is asked for ("asked for help")."""
    return any(c.dep_ in ("xcomp", "ccomp", "advcl") or c.dep_ == "prep" and c.lower_ == "for"
               for c in token.children)


def _announces_action(child: Token) -> bool:
    """A complement that announces an act: "to stop", "(that) it would retaliate"."""
    if child.dep_ == "xcomp":
        return True
    return child.dep_ == "ccomp" and any(
        a.dep_ == "aux" and a.lower_ in _ANNOUNCING_MODALS for a in child.children)


def _announces_own_action(verb: Token, child: Token) -> bool:
    """A complement announcing what the speaker will do ("warned it would retaliate"), or
    what awaits the one warned ("warned Croatia that recognising Kosovo would harm
    relations"); not a forecast of what others will bring about ("warned that the
    changes would return industrial relations to the past")."""
    if not _announces_action(child):
        return False
    if child.dep_ != "ccomp" or any(c.dep_ in _ADDRESSEE_DEPS for c in verb.children):
        return True
    subject = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is None or subject.pos_ == "PRON"


def match_noun(token: Token, lex: EventLexicon) -> Trigger | None:
    lemma = _lemma(token)
    mods = {_lemma(c) for c in token.children if c.dep_ in ("amod", "compound", "nmod")}
    mods |= {c.lower_ for c in token.children if c.dep_ in ("amod", "compound", "nmod")}
    for row in lex.nouns.get(lemma, []):
        if row.objects and not mods & row.objects:
            # "tests of a nuclear weapon", "a launch of missiles": the of-phrase says what
            # the noun's modifier would ("nuclear tests")
            mods |= _of_phrase_words(token)
            break
    for mod in mods:
        rows = lex.nouns.get(f"{mod} {lemma}")
        if rows:
            return rows[0]
    for row in lex.nouns.get(lemma, []):
        if row.objects and not (mods & row.objects):
            continue
        return row
    return None


def _of_phrase_words(token: Token) -> set[str]:
    """The head of a noun's of-phrase and that head's own modifiers, lower case."""
    out: set[str] = set()
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        for head in prep.children:
            if head.dep_ != "pobj":
                continue
            out |= {_lemma(head), head.lower_}
            out |= {w for c in head.children if c.dep_ in ("amod", "compound", "nmod")
                    for w in (_lemma(c), c.lower_)}
    return out


def _written_lower(token: Token) -> bool:
    """A common noun as the writer would write it in lower case: "March 16" is a date,
    not a march, but a sentence's first word is capitalised whatever it is ("Clashes
    erupted"), so there a word the parser took for no name counts as lower case."""
    if token.text[:1].islower():
        return True
    return _opens_sentence(token) and not token.ent_type_ and token.pos_ == "NOUN"


def _opens_sentence(token: Token) -> bool:
    """The sentence's first word, behind any quote mark or list bullet ('"Attacks on',
    "*Protests which began")."""
    sent = token.sent
    return all(t.is_punct for t in token.doc[sent.start:token.i])


def _names_a_kind(token: Token) -> bool:
    """A word that only says what kind of thing the noun it modifies is: a gerund ("men
    of fighting age") or the modifier of a noun naming people by what they are ("riot
    police", "aid workers", "protest leaders"). Other nouns used so still name their act:
    "a resignation letter", "arrest warrants"."""
    if token.head.i == token.i or token.head.pos_ not in ("NOUN", "PROPN") \
            or token.dep_ not in ("compound", "amod"):
        return False
    return token.tag_ == "VBG" or (token.dep_ == "compound"
                                   and token.head.lower_ in role_head_words())


def find_triggers(sent: Span, lex: EventLexicon) -> list[Found]:
    """The triggers of one sentence, in text order, after absorption."""
    found: list[Found] = []
    verb_objects: set[int] = set()
    for token in sent:
        if token.ent_type_ in _TITLE_ENTITIES or _names_a_kind(token):
            continue
        # predicative adjectives act like verbs: "Israel is opposed to French mediation"
        if token.pos_ in _VERB_POS or (token.pos_ == "NOUN" and token.tag_.startswith("VB")) \
                or (token.pos_ == "ADJ" and token.dep_ == "acomp"):
            row = match_verb(token, lex)
            if row is not None and token.pos_ == "ADJ" and row.particle is None:
                row = None  # "doesn't come free": only adjectives with their particle
            if row is not None:
                found.append(Found(token, row, False))
                verb_objects.update(o.i for o in objects_of(token, row.particle))
    for token in sent:
        # nouns only as written in lower case: "March 16" is a date, not a march
        if token.pos_ not in ("NOUN", "PROPN") or token.i in verb_objects \
                or not _written_lower(token) or token.ent_type_ in _TITLE_ENTITIES \
                or _names_a_kind(token):
            continue
        row = match_noun(token, lex)
        if row is None:
            continue
        carrier = token.head if token.dep_ in ("dobj", "nsubjpass") else None
        if carrier is not None and not any(f in lex.light_verbs for f in verb_forms(carrier)):
            carrier = None
        found.append(Found(token, row, True, carrier))
    obliged = _obligations(sent, lex)
    if obliged:
        taken = {f.token.i for f in obliged}
        found = [f for f in found if f.token.i not in taken] + obliged
    found.sort(key=lambda f: f.token.i)
    return _absorb(found, lex)


_OBLIGATION = modal_words("obligation")
_SPEAKER_PRONOUNS = word_set("speaker_pronoun")
_OPINION_VERBS = word_set("opinion_verb")
_DEMAND = Trigger(lemma="must", event_type="REQUEST", mode=None, context=(),
                  flags=frozenset({"absorb", "obligation"}))


def _obligations(sent: Span, lex: EventLexicon) -> list[Found]:
    """"Russia said Sudan must return the helicopter": a demand by the speaker of the
    one who must act. The reported clause is the trigger; the speaker its actor."""
    out: list[Found] = []
    for token in sent:
        if token.dep_ != "ccomp" or token.head.lemma_.lower() not in lex.speech_verbs \
                or token.lemma_ == "be":  # "there must be more clarity" obliges no one
            continue
        if token.head.lemma_.lower() in _OPINION_VERBS:
            continue  # "he believed it should occur at conception": an opinion
        children = list(token.children)
        if not any(c.dep_ == "aux" and c.lower_ in _OBLIGATION for c in children):
            continue
        if any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in children) \
                or any(c.dep_ == "nsubj" and c.lower_ in _SPEAKER_PRONOUNS for c in children):
            continue  # "should have acted" blames; "we must respond" binds the speaker
        out.append(Found(token, _DEMAND, False, speaker=token.head))
    return out


# types of an act whose promise is a threat ("vowed to attack", "vowed that they will
# continue protesting")
_MENACING_TYPES = {t.upper() for t in word_set("menacing_type")}


def _absorb(found: list[Found], lex: EventLexicon) -> list[Found]:
    absorbed: set[int] = set()
    menacing: set[int] = set()
    verbs = {f.token.i: f.row.event_type for f in found if not f.is_noun}
    for item in found:
        if item.row.has("absorb"):
            # a noun's content hangs below it as a clause ("refusal to accept", "call for")
            deps = _ABSORBED_DEPS if not item.is_noun else ("acl", "prep")
            marked = _particle_clause(item.token, item.row.particle.split()[0]) \
                if item.row.particle and not item.is_noun else None
            for child in item.token.children:
                if child.dep_ in deps or (marked is not None and child.i == marked.i):
                    content = {t.i for t in child.subtree}
                    absorbed.update(content)
                    if item.row.has("menace") and child.dep_ in ("xcomp", "ccomp") and any(
                            verbs.get(i) in _MENACING_TYPES for i in content):
                        menacing.add(item.token.i)
    return [replace(f, row=replace(f.row, event_type="THREATEN")) if f.token.i in menacing
            else f for f in found if f.token.i not in absorbed]
