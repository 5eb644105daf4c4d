"""Resolve noun phrases to actor entities: country, sector, and the person or body named.

A mention is resolved from its own words first (names, demonyms, role nouns, seats of
power: "Russia's Defence Minister Sergei Shoigu", "White House officials"), then from the
document (a later "Putin" is the earlier "Vladimir Putin"; "he", "it", "the country",
"the two leaders" take the most recent fitting antecedent), then from the dictionary of
political figures by the date of the event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ..records import Entity, Place
from ..wordsets import word_sets
from .lexicon import (
    ActorLexicon,
    Entry,
    PhoenixTable,
    load_lexicon,
    load_phoenix,
    name_key,
)

# dependents that belong to a noun phrase's own words, to the left of its head
_NP_MODIFIERS = {"compound", "amod", "poss", "nmod", "det", "nummod", "case", "quantmod",
                 "punct", "predet"}
# the word classes are data: data/actors/word_sets.tsv says what each is for
_WORDS = word_sets("actors", "word_sets.tsv")
_OWNERS = _WORDS["owner_participle"]
_ETHNIC = _WORDS["ethnic"]
_PERSON_PRONOUNS = _WORDS["person_pronoun"]
_THING_PRONOUNS = _WORDS["thing_pronoun"]
_PLURAL_PRONOUNS = _WORDS["plural_pronoun"]
_FORMER = _WORDS["former"]  # words that make an office-holder a former one (ELI)
# heads that refer back to an actor named earlier, and what they can stand for
_ANAPHORIC = {word: kind for kind in ("country", "person", "any")
              for word in _WORDS[f"anaphoric_{kind}"]}
_COUNTRYLIKE = {"country", "adjective", "metonym", "place"}
_HEAD_POS = ("NOUN", "PROPN", "PRON", "NUM")  # NUM: "Tens of thousands of students"
_ACTOR_PLACE_FEATURES = ("PCL", "ADM", "PPLC", "PPLA", "RGN", "TERR", "ISL")
_PARTITIVE = _WORDS["partitive"]
_SPEAKERS = _WORDS["speaker_for"]
_MEMBERS = _WORDS["member_of_body"]
_UNLISTED_BODY = {word: name.rsplit("_", 1)[1] for name, words in _WORDS.items()
                  if name.startswith("unlisted_body_") for word in words}
_OPPOSITION = _WORDS["opposition_cue"]
_PARTY_KIND = _WORDS["party_kind"]
_NAME_LINKS = _WORDS["name_link"]
_OPPOSITION_GROUP = _WORDS["opposition_group"]
_GOVERNMENT = _WORDS["government_noun"]
_GOVERNING = _WORDS["governing"]


@dataclass(slots=True)
class _Seen:
    index: int
    entity: Entity
    kind: str
    plural: bool


class DocActors:
    """The actors of one document; ``entities(token)`` answers for any noun phrase."""

    def __init__(self, doc: Doc, date: dt.date, lexicon: ActorLexicon,
                 places: Sequence[Place] = (), phoenix: PhoenixTable | None = None,
                 asked: Token | None = None) -> None:
        self.doc = doc
        self.phoenix = phoenix if phoenix is not None else load_phoenix()
        self.text = doc.text  # Doc.text is rebuilt from the tokens on every access
        tokens = list(doc)
        # each token's lookup form, once per document (every phrase around it asks)
        self._words = [t.lower_.replace("’", "'") for t in tokens]
        self._date = date
        self.date_read = False  # whether resolving read the date: see the property
        self.lex = lexicon
        self.by_head: dict[int, list[Entity]] = {}
        self._history: list[_Seen] = []
        self._surnames: dict[str, Entity] = {}
        self._person_ents: dict[int, Span] = {}
        toponyms = {(p.start, p.end) for p in places if p.geonameid is not None}
        for ent in doc.ents:
            # a toponym the model took for a person ("Vladivostok") is a place
            if ent.label_ == "PERSON" and (ent.start_char, ent.end_char) not in toponyms:
                for tok in ent:
                    self._person_ents[tok.i] = ent
        # resolved toponyms the actor tables lack ("Darfur rebels", "talks in Kirkuk"),
        # unless the words name a person ("President Bush" is not the Egyptian town)
        self._place_at: dict[int, Entry] = {}
        # (Doc.ents builds its spans on every access: not for a document with no places)
        named_places = {(e.start_char, e.end_char) for e in doc.ents
                         if e.label_ in ("GPE", "LOC")} if places else set()
        for place in places:
            # a small town's name is too often a surname ("Mesa"): only countries, regions,
            # capitals and seats of administration, or what the model itself calls a place
            # (divisions and regions may lack a GeoNames id but still name their country)
            if place.country and (place.geonameid is not None or place.feature) and (
                    (place.feature or "").startswith(_ACTOR_PLACE_FEATURES)
                    or (place.start, place.end) in named_places):
                span = doc.char_span(place.start, place.end, alignment_mode="expand")
                if span is None or any(t.i in self._person_ents for t in span) or \
                        tuple(t.lower_ for t in span) in lexicon.person_alias:
                    continue
                entry = Entry("place", place.name or place.text, place.country, None)
                for tok in span:
                    self._place_at[tok.i] = entry
        # the matches over the whole document, for a phrase that is the whole document
        # (a mention asked alone): set by _home_country
        self._doc_matches: list[tuple[int, int, Entry]] | None = None
        # parties the article itself calls the opposition ("the opposition Serbian Radical
        # party", "the BJP, the chief opposition party"): OPP in it, as are their members
        self._opposed_keys: set[tuple[str, ...]] = set()
        self._opposed_names: set[str] = set()
        self._home = self._home_country(tokens)
        self._find_opposition(tokens)
        self._done: set[int] = set()
        # one asked phrase: its heads are final once resolved (each is resolved once), and
        # the heads before them are resolved as in the whole document, in order; the
        # heads after them only where a needed one is still to do (a later head resolves
        # it, or none does)
        needed = [t.i for t in _phrase_heads(asked)] if asked is not None else []
        last = max(needed) if needed else len(tokens)
        for token in tokens:
            if token.i > last and all(i in self._done for i in needed):
                break
            if token.pos_ in _HEAD_POS and token.dep_ != "compound":
                self._get(token)

    @property
    def date(self) -> dt.date:
        """The date the document's figures are coded on. Reading it is noted, so that an
        asker may give a mention's answer for one date on any other where none read it
        ("Kenyan police" codes the same on every date; "Angela Merkel" does not)."""
        self.date_read = True
        return self._date

    def _home_country(self, tokens: list[Token]) -> str | None:
        """The country the document is mostly about: the one its places and peoples name
        most. An official whose nationality the text leaves implicit ("Vice-President
        Moody Awori", "demonstrators in Monrovia") most likely belongs to it."""
        counts: dict[str, int] = {}
        self._doc_matches = self._matches(tokens)
        for _, _, entry in self._doc_matches:
            if entry.country and entry.kind in _COUNTRYLIKE:
                counts[entry.country] = counts.get(entry.country, 0) + 1
        if not counts:
            return None
        best = max(counts.values())
        winners = [c for c, n in counts.items() if n == best]
        return winners[0] if len(winners) == 1 else None

    def _find_opposition(self, tokens: list[Token]) -> None:
        """Note the parties the article calls the opposition: a name right after the cue
        ("the opposition FDD party") or in apposition to a phrase whose last words are the
        cue and a party's kind ("the BJP, the chief opposition party"; "Taiwan's main
        opposition party, the Kuomintang")."""
        for cue in tokens:
            if cue.lower_ not in _OPPOSITION:
                continue
            names = [_name_after(tokens, cue.i + 1)]
            after = cue.i + 1
            if after < len(tokens) and tokens[after].lower_ in _PARTY_KIND:
                after += 1
            closed = after >= len(tokens) or tokens[after].is_punct
            if closed and after < len(tokens) and tokens[after].text == ",":
                names.append(_name_after(tokens, after + 1))
            start = cue.i
            while start > 0 and tokens[start - 1].pos_ in ("DET", "ADJ", "PART", "PROPN",
                                                            "NUM") \
                    and tokens[start - 1].text != ",":
                start -= 1
            if closed and start > 0 and start < cue.i and tokens[start - 1].text == ",":
                names.append(_name_before(tokens, start - 1))
            for name in names:
                if not name:
                    continue
                key = tuple(t.lower_ for t in name)
                self._opposed_keys.add(key)
                if key[-1] in _PARTY_KIND:
                    self._opposed_keys.add(key[:-1])  # "the Serbian Radical party" later
                first, last = name[0].i, name[-1].i
                for m_start, m_end, entry in self._doc_matches or ():
                    if first <= m_start and m_end - 1 <= last and entry.sector == "PTY" \
                            and entry.kind == "organisation":
                        self._opposed_names.add(entry.name)
                # "the Movement for Democratic Change (MDC)": its acronym too
                if last + 3 < len(tokens) and tokens[last + 1].text == "(" \
                        and tokens[last + 3].text == ")":
                    self._opposed_keys.add((tokens[last + 2].lower_,))
        if any(_speaks_of_the_opposition(tokens, cue) for cue in tokens
               if cue.lower_ in _OPPOSITION):
            # an article about the opposition ("the three opposition parties", "Opposition
            # leader Kim Beazley"): its parties are the opposition but for the one it says
            # governs ("the Conservative government", "the governing Labor party")
            parties = [(start, end, entry) for start, end, entry in self._doc_matches or ()
                       if entry.kind == "organisation" and entry.sector == "PTY"]
            governing = {entry.name for start, end, entry in parties
                         if end < len(tokens) and tokens[end].lower_ in _GOVERNMENT
                         or start > 0 and tokens[start - 1].lower_ in _GOVERNING}
            self._opposed_names.update(entry.name for _, _, entry in parties
                                       if entry.name not in governing)
        if self._doc_matches and self._opposed_names:
            self._doc_matches = [self._opposed_entry(m) for m in self._doc_matches]

    def _opposed_entry(self, match: tuple[int, int, Entry]) -> tuple[int, int, Entry]:
        entry = match[2]
        if entry.kind == "organisation" and entry.sector == "PTY" \
                and entry.name in self._opposed_names:
            return match[0], match[1], replace(entry, sector="OPP")
        return match

    def _opposed(self, entity: Entity) -> Entity:
        """A party the article calls the opposition (or its member) acts as OPP."""
        if entity.sector == "LEG" and self._opposed_names and self._doc_matches:
            # "Bloc Québécois MP Michel Gauthier": a legislator of an opposition party
            if any(entry.kind == "organisation" and entry.sector == "OPP"
                   and entity.start <= self.doc[start].idx
                   and self.doc[end - 1].idx < entity.end
                   for start, end, entry in self._doc_matches):
                return replace(entity, sector="OPP")
            return entity
        if entity.sector != "PTY" or not (self._opposed_keys or self._opposed_names):
            return entity
        words = tuple(w.lower() for w in entity.text.replace("'s", "").split())
        if entity.name in self._opposed_names or any(
                words[-len(key):] == key for key in self._opposed_keys if key):
            return replace(entity, sector="OPP")
        return entity

    def _get(self, token: Token) -> list[Entity]:
        """Resolve a phrase head once; later phrases may ask for earlier or later ones."""
        if token.i not in self._done:
            self._done.add(token.i)
            found = [self._opposed(e) for e in self._resolve(token)]
            if found:
                self.by_head[token.i] = found
        return self.by_head.get(token.i, [])

    # -- public -------------------------------------------------------------------------
    def entities(self, token: Token) -> list[Entity]:
        """Entities of the phrase headed by ``token`` and of its conjuncts."""
        head, *conjuncts = _phrase_heads(token)
        out: list[Entity] = list(self.by_head.get(head.i, []))
        for conj in conjuncts:
            for ent in self.by_head.get(conj.i, []):
                if ent not in out:
                    out.append(ent)
        return out

    def modifier_entity(self, token: Token) -> list[Entity]:
        """Countries, seats and bodies named by a modifier ("Israeli", "U.S.",
        "Moscow-Pyongyang"), which is not a phrase head of its own."""
        out: list[Entity] = []
        for start, end, entry in self._matches(_np_tokens(token)):
            if entry.kind == "role" or entry.country is None:
                continue
            first, last = self.doc[start], self.doc[end - 1]
            name = self.lex.country_names.get(entry.country, entry.name) \
                if entry.kind != "organisation" else entry.name
            sector = entry.sector if entry.kind in ("metonym", "organisation") else None
            out.append(Entity(text=self.text[first.idx:last.idx + len(last.text)], name=name,
                              country=entry.country, sector=sector, start=first.idx,
                              end=last.idx + len(last.text), kind=entry.kind))
        return out

    def stated_sector(self, entity: Entity) -> str | None:
        """The sector the article gave a person it names ("U.S. senator Joseph Biden":
        LEG), for a mention that has none of its own (a later "Biden", coded by the
        dictionary of figures on a date he held no listed office)."""
        if entity.kind == "person" and entity.name:
            named = self._surnames.get(entity.name.lower())
        elif entity.kind == "unknown" and entity.text.istitle() and " " not in entity.text:
            # a later surname the model did not take for a person ("Representative Cliff
            # Sterns ... Sterns claims"): the person named earlier
            named = self._surnames.get(entity.text.lower())
        else:
            return None
        return named.sector if named is not None else None

    @property
    def home(self) -> str | None:
        """The country the document is mostly about, if one stands out."""
        return self._home

    def entities_between(self, start: int, end: int) -> list[Entity]:
        """Entities of the phrases headed by tokens ``start:end``, in text order."""
        return [e for i in range(start, end) for e in self.by_head.get(i, [])]

    def countries_between(self, start: int, end: int) -> int:
        """How many distinct countries the phrases of tokens ``start:end`` name."""
        return len({e.country for e in self.entities_between(start, end) if e.country})

    def all_entities(self) -> list[Entity]:
        return [e for i in sorted(self.by_head) for e in self.by_head[i]]

    def on_date(self, entity: Entity, date: dt.date) -> Entity:
        """Recode a known political figure by the role held on ``date``; a role the text
        states ("former President ...") keeps its sector but still gets the country."""
        if entity.kind != "person" or not entity.name:
            return entity
        if entity.name not in self.lex.terms:
            return self._phoenix_on(entity, date)
        term, served = self.lex.term_on(entity.name, date)
        if term is None:
            return entity
        country = entity.country or term.country
        if entity.sector_from_text:
            return _recoded(entity, country, entity.sector)
        current = term.start <= date and (term.end is None or date <= term.end)
        sector = term.sector if current else ("ELI" if served else entity.sector)
        return _recoded(entity, country, sector)

    def _phoenix_on(self, entity: Entity, date: dt.date) -> Entity:
        """A person of the Phoenix dictionaries coded by the code held on ``date``."""
        index = self.phoenix.by_name.get(entity.name or "")
        if index is None:
            return entity
        code, _ = self.phoenix.code_on(index, date)
        if code is None:
            return entity
        country = entity.country or code.country
        if entity.sector_from_text:
            return _recoded(entity, country, entity.sector)
        return _recoded(entity, country, code.sector or entity.sector)

    def _phoenix_entity(self, span: list[Token], head: Token) -> Entity | None:
        """A body or person the Phoenix dictionaries name, written as the proper-noun words
        of the phrase that end at its head ("the Afghan National Army")."""
        run = [t for t in span if t.i <= head.i]
        while run and run[0].i + len(run) - 1 != head.i:
            run = run[1:]  # keep the words contiguous with the head
        for first in range(len(run)):
            words = run[first:]
            if len(words) < 2 and not head.is_upper:
                continue  # one ordinary word is too often a namesake
            if not words[0].text[:1].isupper():
                continue
            index = self.phoenix.best(tuple(t.lower_ for t in words), self.date)
            if index is None:
                continue
            code, _ = self.phoenix.code_on(index, self.date)
            if code is None or not code.country:
                continue
            start = words[0].idx
            return Entity(text=self.text[start:head.idx + len(head.text)],
                          name=self.phoenix.names[index], country=code.country,
                          sector=code.sector, start=start, end=head.idx + len(head.text),
                          kind="organisation", method="table")
        return None

    # -- resolution ---------------------------------------------------------------------
    def _resolve(self, head: Token) -> list[Entity]:
        lower = head.lower_
        if head.pos_ == "PRON":
            return self._pronoun(head, lower)
        if self._inside_name(head):
            return []  # "Workers" of "the Kurdistan Workers' Party": a word of a name
        span = _np_tokens(head)
        matches = self._matches(span)
        person = self._person_ents.get(head.i)
        if person is None and head.pos_ == "PROPN":
            person = self._alias_span(head)
        if person is not None and self._peoples(person, matches):
            person = None  # "Bosnian Serbs", tagged as a person, is a people
        if person is not None and head.lower_ in _UNLISTED_BODY:
            person = None  # "Abbott Labs", tagged as a person, is a body
        if person is not None:
            return [self._person(head, person, span, matches)]
        at_head = [m for m in matches if m[0] <= head.i < m[1]]
        mods = [m for m in matches if not m[0] <= head.i < m[1]]
        if at_head:
            entry = at_head[0][2]
            if entry.kind == "nonactor":
                return []  # "the international community", "the earthquake"
            if entry.kind == "role" and not mods and any(
                    c.lower_ in ("two", "both") for c in head.children):
                pair = self._antecedents(head, "person")  # "the two leaders"
                if pair:
                    return pair
            entity = self._from_entry(head, span, entry, mods)
            if entity is None:
                return []
            if entity.country and any(t.lower_ in _ETHNIC for t in span):
                # "ethnic Albanians in south Serbia", "ethnic Turks": a people, not the
                # citizens of its namesake state; the country comes from the context
                entity = replace(entity, name=None, country=None, kind="group")
            self._remember(head, entity, entry.kind, entry.plural)
            return [entity]
        if head.pos_ == "PROPN":
            found = self._phoenix_entity(span, head)
            if found is not None:
                self._remember(head, found, "organisation", False)
                return [found]
            kind_of = [m for m in mods if m[2].kind == "role" and m[2].plural
                       and m[2].sector and m[1] <= head.i]
            if kind_of:
                # "the human rights group Defenders of Human Rights Center", "the rebel
                # group ULFA": a body no table knows, of the kind its role noun names
                start = _text_start(span)
                named_country = _first(m[2].country for m in mods if m[2].country)
                country = named_country or self._home
                first = self.doc[kind_of[-1][1]]
                unlisted = Entity(text=self.text[start:head.idx + len(head.text)],
                              name=self.text[first.idx:head.idx + len(head.text)],
                              country=country, sector=kind_of[-1][2].sector, start=start,
                              end=head.idx + len(head.text), kind="organisation",
                              method="text" if named_country else "article")
                # remembered even with no country: "the group", "it" refer back to it
                self._history.append(_Seen(head.i, unlisted, "organisation", False))
                return [unlisted]
            sector = _UNLISTED_BODY.get(head.lower_)
            if sector is not None and head.text[:1].isupper():
                # "the Center for Reproductive Rights", "Pacific Legal Foundation": a body
                # no table lists, of the kind its last word says
                start = _text_start(span)
                named_country = _first(m[2].country for m in mods if m[2].country)
                unlisted = Entity(text=self.text[start:head.idx + len(head.text)],
                                  name=self.text[start:head.idx + len(head.text)],
                                  country=named_country or self._home, sector=sector,
                                  start=start, end=head.idx + len(head.text),
                                  kind="organisation",
                                  method="text" if named_country else "article")
                self._history.append(_Seen(head.i, unlisted, "organisation", False))
                return [unlisted]
        anaphor = _ANAPHORIC.get(head.lemma_.lower())
        if anaphor and not mods and _is_definite(head):
            return self._antecedents(head, anaphor)
        if (head.lower_,) in self.lex.body_roles:
            body = self._of_body(head)  # "the head of the Bangladesh Army"
            if body is not None:
                start = _text_start(span)
                return [replace(body, text=self.text[start:head.idx + len(head.text)],
                                start=start, end=head.idx + len(head.text), name=None,
                                kind="role", method="phrase")]
        of_phrase = self._of_phrase(head) if head.lemma_.lower() in _PARTITIVE else None
        if of_phrase is not None:
            # "thousands of students", "a member of the Syrian parliament"
            return self._get(of_phrase)
        named = [m for m in mods if m[2].country and m[2].kind != "role"]
        if named and head.pos_ == "NOUN" and not _agentive(head):
            # "US mediation", "the Russian government's refusal": the act's owner
            start, end, entry = named[-1]
            first, last = self.doc[start], self.doc[end - 1]
            owner = Entity(text=self.text[first.idx:last.idx + len(last.text)],
                           name=entry.name if entry.kind == "organisation" else
                           self.lex.country_names.get(entry.country or "", entry.name),
                           country=entry.country,
                           sector=entry.sector if entry.kind in ("organisation", "metonym")
                           else None, start=first.idx, end=last.idx + len(last.text),
                           kind=entry.kind)
            return [owner]
        if named and head.pos_ in ("NOUN", "PROPN"):
            # "Palestinian youths", "the UNITA militarist wing": an unlisted body of a
            # named country or organisation; of a country, in the sector of the role noun
            # that names its kind ("a New Zealand police team", "Iraqi army units")
            entry = named[-1][2]
            role = _first(m[2].sector for m in mods if m[2].kind == "role"
                          and m[0] > named[-1][0])
            entity = Entity(text=self.text[_text_start(span):head.idx + len(head.text)],
                            name=entry.name if entry.kind == "organisation" else
                            self.lex.country_names.get(entry.country or "", entry.name),
                            country=entry.country,
                            sector=entry.sector if entry.kind in ("organisation", "metonym")
                            else role,
                            start=_text_start(span), end=head.idx + len(head.text), kind="group")
            self._remember(head, entity, "group", head.tag_ == "NNS")
            return [entity]
        kinds = [m[2].sector for m in mods if m[2].kind == "role"
                 and m[2].sector not in (None, "CVL") and m[1] <= head.i]
        if kinds and head.pos_ == "NOUN" and head.lower_ in _MEMBERS:
            # "Navy officers", "police personnel": people of a body no table lists as
            # such, of the kind its modifier names, in the country of the article
            start = _text_start(span)
            return [Entity(text=self.text[start:head.idx + len(head.text)], name=None,
                           country=self._home, sector=kinds[-1], start=start,
                           end=head.idx + len(head.text), kind="group", method="article")]
        if head.pos_ in ("NOUN", "PROPN") and not mods and _is_definite(head):
            body = self._named_body(head)
            if body is not None:
                # "the UN Security Council ... the Council": the body named before
                start = _text_start(span)
                return [replace(body, text=self.text[start:head.idx + len(head.text)],
                                start=start, end=head.idx + len(head.text), method="phrase")]
        if head.pos_ == "NOUN":
            # "the communist group Revolutionary Armed Forces of Colombia (FARC)": a common
            # noun no table knows stands for the body its apposition names
            for child in head.rights:
                if child.dep_ == "appos" and child.pos_ == "PROPN":
                    bodies = [e for e in self._get(child) if e.kind == "organisation"]
                    if bodies:
                        start = _text_start(span)
                        return [replace(bodies[0], text=self.text[start:head.idx + len(head.text)],
                                        start=start, end=head.idx + len(head.text))]
        return []

    @staticmethod
    def _peoples(ent: Span, matches: list[tuple[int, int, Entry]]) -> bool:
        """Whether every word of a name is a people's, country's or capital's name
        ("Bosnian Serbs", "Mali", "Kyiv"), which makes it no person's name."""
        covered = {i for start, end, entry in matches if entry.kind in _COUNTRYLIKE
                   and entry.kind != "place" for i in range(start, end)}
        words = [t.i for t in ent if t.is_alpha]
        return bool(words) and all(i in covered for i in words)

    def _inside_name(self, head: Token) -> bool:
        """Whether a possessive or modifier head is a word inside a longer name that its
        own head's phrase holds ("the Kurdistan Workers' Party")."""
        parent = head.head
        if parent.i == head.i or head.dep_ not in ("poss", "nmod") or head.pos_ != "PROPN":
            return False
        return any(start <= head.i < end - 1 and entry.kind in ("organisation", "country")
                   for start, end, entry in self._matches(_np_tokens(parent)))

    def _of_phrase(self, head: Token) -> Token | None:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                return next((g for g in child.children if g.dep_ == "pobj"), None)
        return None

    def _matches(self, span: list[Token]) -> list[tuple[int, int, Entry]]:
        """Longest dictionary matches over the phrase tokens, then resolved toponyms the
        dictionary lacks: (start, end, entry)."""
        if len(span) == len(self._words) and self._doc_matches is not None \
                and all(t.i == k for k, t in enumerate(span)):
            return list(self._doc_matches)  # the whole document's, matched before
        out: list[tuple[int, int, Entry]] = []
        lowered = self._words
        words = [lowered[t.i] for t in span]
        first_len = self.lex.first_len
        i = 0
        while i < len(span):
            step = 1
            longest = first_len.get(words[i])
            if longest:
                for n in range(min(longest, len(span) - i), 0, -1):
                    if span[i + n - 1].i - span[i].i != n - 1:
                        continue  # not contiguous in the text
                    senses = self.lex.lookup(tuple(words[i:i + n]))
                    sense = _best_sense(senses, span[i]) if senses else None
                    if sense is not None:
                        out.append(self._opposed_entry((span[i].i, span[i].i + n, sense)))
                        step = n
                        break
            if step == 1 and not (out and out[-1][0] == span[i].i):
                place = self._place_at.get(span[i].i)
                if place is not None:
                    while i + step < len(span) and self._place_at.get(span[i + step].i) is place:
                        step += 1
                    out.append((span[i].i, span[i + step - 1].i + 1, place))
            i += step
        return out

    def _person(self, head: Token, ent: Span, span: list[Token],
                matches: list[tuple[int, int, Entry]]) -> Entity:
        name_tokens = [t for t in ent if t.tag_ != "POS" and t.lower_ != "'s"]
        full = " ".join(t.text for t in name_tokens)
        key = tuple(t.lower_ for t in name_tokens)
        canonical = self.lex.person(key, self.date)
        named = self._surnames.get(full.lower()) if len(name_tokens) == 1 else None
        if canonical and named is not None and named.name \
                and not set(canonical.lower().split()) <= set(named.name.lower().split()):
            # a surname alone is the person the article named in full before, not a
            # namesake the figures table knows ("Heather Thompson ... Thompson
            # criticized" in a Canadian story is no Barbadian prime minister)
            canonical = None
        # people.tsv first; then the Phoenix dictionaries by the full name; a surname alone
        # is the person named earlier in the article before any namesake of the tables
        phoenix = self.phoenix.best(key, self.date) \
            if not canonical and len(name_key(key)) >= 2 else None
        earlier = None if canonical or phoenix is not None else self._surnames.get(full.lower())
        if earlier is None and not canonical and phoenix is None:
            for tok in name_tokens:
                earlier = self._surnames.get(tok.lower_)
                if earlier:
                    break
            if earlier is None:
                phoenix = self.phoenix.best(key, self.date)
        outside = [m for m in matches if not (ent.start <= m[0] < ent.end)]
        country = _first(m[2].country for m in outside if m[2].kind in _COUNTRYLIKE
                         or m[2].kind == "organisation")
        role_sector = _first(m[2].sector for m in outside if m[2].kind == "role")
        body_sector = self._body_sector(role_sector, outside)
        former = any(t.lower_ in _FORMER for t in span)
        if role_sector is not None and body_sector == role_sector and not former \
                and (canonical or phoenix is not None) \
                and all(self._leads_body(m[2]) for m in outside if m[2].kind == "role"):
            # "Conservative leader David Cameron": a leader of a body the phrase does not
            # name says nothing of the sector; the figures table knows the office held
            # then (leader of the opposition, OPP), not the generic role's GOV
            body_sector = None
        role_sector = body_sector
        if role_sector is None:
            # "Stephen Harper of the Conservative Party": a member of the body named after
            role_sector = _first(m[2].sector for m in outside if m[0] >= ent.end
                                 and m[2].kind == "organisation")
        if role_sector is None and country is None:
            role_sector, country = self._apposition(head)
        if country is None and head.dep_ == "appos" and head.head.i < head.i \
                and head.head.pos_ in ("NOUN", "PROPN"):
            # the role the name stands in apposition to, resolved whole, knows the
            # country its words say ("Turkey's Chief of General Staff, General Yasar
            # Buyukanit" is Turkey's, not the story's Greece)
            country = _first(e.country for e in self._get(head.head) if e.method == "text")
        start = _text_start(span)
        text = self.text[_text_start(span):head.idx + len(head.text)]
        if canonical:
            entity = Entity(text=text, name=canonical, country=country, sector=role_sector,
                            start=start, end=head.idx + len(head.text), kind="person",
                            sector_from_text=role_sector is not None)
            entity = self.on_date(entity, self.date)
        elif phoenix is not None:
            entity = Entity(text=text, name=self.phoenix.names[phoenix], country=country,
                            sector=role_sector, start=start, end=head.idx + len(head.text),
                            kind="person", sector_from_text=role_sector is not None,
                            method="table" if country is None else "phrase")
            entity = self._phoenix_on(entity, self.date)
        elif earlier is not None:
            entity = replace(earlier, text=text, start=start, end=head.idx + len(head.text))
            if country:
                entity = replace(entity, country=country)
            if role_sector:
                entity = replace(entity, sector=role_sector, sector_from_text=True)
        else:
            method = "phrase" if country else "text"
            if country is None and role_sector is not None:
                country = self._home  # "Vice-President Moody Awori" in a Kenyan story
                method = "article"
            entity = Entity(text=text, name=full, country=country, sector=role_sector,
                            start=start, end=head.idx + len(head.text), kind="person",
                            sector_from_text=role_sector is not None, method=method)
        if former and entity.sector_from_text:
            entity = replace(entity, sector="ELI")
        self._register_person(entity, name_tokens)
        self._remember(head, entity, "person", False)
        return entity

    def _alias_span(self, head: Token) -> Span | None:
        """A name the model did not tag but the figures table knows ("President Bush")."""
        start = head.i
        while start > 0 and self.doc[start - 1].pos_ == "PROPN" and \
                self.doc[start - 1].dep_ == "compound" and self.doc[start - 1].head.i == head.i:
            start -= 1
        for first in range(start, head.i + 1):
            if tuple(t.lower_ for t in self.doc[first:head.i + 1]) in self.lex.person_alias:
                return self.doc[first:head.i + 1]
        return None

    def _apposition(self, head: Token) -> tuple[str | None, str | None]:
        """Role and country from an apposition ("Adrienne Watson, a ... spokeswoman";
        "Ian Paisley, leader of the Democratic Unionist Party": the body's sector), from
        the role the name is in apposition to ("the military Commander, Frank
        Bainimarama") or from the body of an of-phrase after the name ("Stephen Harper of
        the Conservative Party", "Zabiullah Mujahid of the Taliban")."""
        for child in head.children:
            if child.dep_ == "appos":
                found = self._matches(_np_tokens(child))
                sector = _first(m[2].sector for m in found if m[2].kind == "role")
                country = _first(m[2].country for m in found if m[2].kind != "role")
                if child.pos_ in ("NOUN", "PROPN") and child.i > head.i:
                    # the phrase resolved whole: a role that leads a body takes its sector
                    # ("Mark Foley, a member of the House of Representatives")
                    member = child.lemma_.lower() in ("member", "one")
                    whole = [e for e in self._get(child) if e.sector
                             and (e.kind == "role" or member)]
                    if whole:
                        return whole[0].sector, country or whole[0].country
                return sector, country
        if head.dep_ == "appos" and head.head.i < head.i \
                and head.head.pos_ in ("NOUN", "PROPN"):
            # "the military Commander, Frank Bainimarama": the name stands in apposition
            # to its role
            found = self._matches(_np_tokens(head.head))
            sector = _first(m[2].sector for m in found if m[2].kind == "role")
            if sector is not None:
                return self._body_sector(sector, found), \
                    _first(m[2].country for m in found if m[2].kind != "role")
        body = self._of_body(head)
        if body is not None and body.kind in ("organisation", "metonym"):
            return body.sector, body.country
        role = self._role_before(head)
        if role is not None:
            return role.sector, role.country
        return None, None

    def _role_before(self, head: Token) -> Entity | None:
        """The role a name follows after a comma, which the parser made a second subject
        of the name's verb rather than its apposition ("National secretary of the HSU,
        Kathy Jackson said"; "Former opposition leader ..., Mark Latham has been
        accused")."""
        first = min((t.i for t in head.subtree), default=head.i)
        if first < 2 or self.doc[first - 1].text != ",":
            return None
        before = self.doc[first - 2]
        role = before
        while role.head.i != role.i and role.head.i < first - 1 and role.dep_ not in (
                "nsubj", "nsubjpass"):
            role = role.head
        if role.dep_ != head.dep_ or role.head.i != head.head.i or role.i >= head.i:
            return None
        found = [e for e in self._get(role) if e.kind in ("role", "group") and e.sector]
        return found[0] if found else None

    def _from_entry(self, head: Token, span: list[Token], entry: Entry,
                    mods: list[tuple[int, int, Entry]]) -> Entity | None:
        start = _text_start(span)
        text = self.text[start:head.idx + len(head.text)]
        end = head.idx + len(head.text)
        if entry.kind == "role":
            # the nationality nearest the role is its own ("Iraq war U.S. warplanes": a
            # heading's words before it belong to no one)
            country = _first(m[2].country for m in reversed(mods)
                             if m[2].country and m[1] <= head.i) \
                or _first(m[2].country for m in mods if m[2].country)
            sector = entry.sector
            modifier_sector = _first(m[2].sector for m in mods if m[2].sector)
            if modifier_sector and sector is None:
                sector = modifier_sector
            sector = self._body_sector(sector, [(head.i, head.i + 1, entry), *mods])
            body = self._of_body(head) if self._leads_body(entry) else None
            if body is not None:
                # "the leader of the opposition", "the head of the Bangladesh Army"
                return replace(body, text=text, start=start, end=end, name=None,
                               kind="role", method="phrase")
            method = "text"
            if country is None:
                country = self._of_country(head) or self._figure_country(span)
                method = "phrase"
            if country is None and _is_definite(head) and not mods:
                named = next((c for c in head.rights if c.dep_ == "appos"
                              and c.pos_ == "PROPN"), None)
                if named is not None:
                    # "The ambassador, William Wood, apologized": the role is the person
                    # its apposition names, not the last one of its sector
                    person = [e for e in self._get(named) if e.kind == "person" and e.country]
                    if person:
                        return replace(person[0], text=text, start=start, end=end)
                antecedent = self._last(lambda s: s.kind == "person" and s.entity.sector == sector)
                if antecedent is not None:
                    return replace(antecedent.entity, text=text, start=start, end=end)
            if any(t.lower_ in _FORMER for t in span):
                sector = "ELI"
            if country is None and sector is not None:
                country = self._home
                method = "article"
            return Entity(text=text, name=None, country=country, sector=sector, start=start,
                          end=end, kind="group" if entry.plural else "role", method=method)
        country = entry.country
        if entry.kind == "organisation" and country is None:
            country = _first(m[2].country for m in mods if m[2].country)
        namesake = None
        states = self.lex.country_names  # states, not IGO, NGO, ...: bodies have namesakes
        if entry.kind == "organisation" and country is not None and country in states:
            # "the Australian Democrats": a namesake of another country's body
            namesake = _first(m[2].country for m in mods if m[2].kind == "adjective"
                              and m[2].country in states and m[2].country != country
                              and m[1] <= head.i)
        if namesake is not None:
            return Entity(text=text, name=None, country=namesake, sector=entry.sector,
                          start=start, end=end, kind=entry.kind, method="phrase")
        sector = entry.sector
        if entry.kind in ("country", "adjective"):
            role = _first(m[2].sector for m in mods if m[2].kind == "role")
            sector = role
            if entry.kind == "adjective" and entry.plural:
                # "Bosnian Serbs", "Kosovo Albanians": a people of the place named first
                place = [m[2] for m in mods if m[2].kind in ("adjective", "country")
                         and m[2].country and m[1] <= head.i]
                if place:
                    country = place[-1].country
        name = entry.name if entry.kind != "metonym" else self.lex.country_names.get(
            entry.country or "", entry.name)
        if country != entry.country and entry.kind == "adjective":
            name = self.lex.country_names.get(country or "", name)
        return Entity(text=text, name=name, country=country, sector=sector, start=start, end=end,
                      kind=entry.kind)

    def _named_body(self, head: Token) -> Entity | None:
        """The organisation named earlier in the document whose name ends in the word a
        definite noun repeats: "the Council" after "the UN Security Council", "the
        committee" after "the UN Committee against Torture"."""
        word = head.lemma_.lower()

        def names_it(seen: _Seen) -> bool:
            if seen.kind not in ("organisation", "group") or seen.index >= head.i:
                return False
            names = f"{seen.entity.name or ''} {seen.entity.text}".lower().split()
            return word in names
        seen = self._last(names_it)
        return seen.entity if seen is not None else None

    def _leads_body(self, entry: Entry) -> bool:
        return entry.kind == "role" and entry.name in self.lex.body_role_names

    def _body_sector(self, sector: str | None,
                     matches: list[tuple[int, int, Entry]]) -> str | None:
        """A leader, spokesman or member of a named body acts in the body's sector ("SDLP
        leader" PTY, "ICRC President" NGO); an office of state keeps its own."""
        roles = [m[2] for m in matches if m[2].kind == "role"]
        if not roles or not any(self._leads_body(r) for r in roles):
            return sector
        body = _first(m[2].sector for m in matches if m[2].kind in ("organisation", "metonym")
                      and m[2].sector)
        if body is None:
            # a body named by a role noun: "Green Party Leader", "Defence Ministry
            # spokesperson", "opposition's treasury spokesperson"
            body = _first(m[2].sector for m in matches if m[2].kind == "role"
                          and not self._leads_body(m[2]) and m[2].sector)
        return body or sector

    def _of_body(self, head: Token) -> Entity | None:
        """The body of an of-phrase that has a sector: "leader of the Labour Party"; a
        spokesman's also of a for-phrase: "a spokesperson for the Pakistani military"."""
        obj = self._of_phrase(head)
        if obj is None and head.lower_ in _SPEAKERS:
            obj = next((g for c in head.children if c.dep_ == "prep" and c.lower_ == "for"
                        for g in c.children if g.dep_ == "pobj"), None)
        if obj is None:
            return None
        found = [e for e in self._get(obj) if e.sector and e.country]
        return found[0] if found else None

    def _figure_country(self, span: list[Token]) -> str | None:
        """"the Bush administration", "the Netanyahu government": a known figure's name
        modifying a body gives its country."""
        for tok in span:
            if tok.pos_ == "PROPN" and tok.dep_ == "compound":
                name = self.lex.person((tok.lower_,), self.date)
                if name:
                    term, _ = self.lex.term_on(name, self.date)
                    if term is not None:
                        return term.country
        return None

    def _of_country(self, head: Token) -> str | None:
        """"the president of Russia", "students throughout Indonesia": the country of an
        of- or in-phrase."""
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "in", "from", "throughout",
                                                         "across"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        found = self._matches(_np_tokens(obj))
                        return _first(m[2].country for m in found if m[2].country)
        return None

    def _pronoun(self, head: Token, lower: str) -> list[Entity]:
        reporter = self._reporter(head, lower)
        if reporter:
            return [replace(e, text=head.text, start=head.idx, end=head.idx + len(head))
                    for e in reporter]
        if lower in _PERSON_PRONOUNS:
            seen = self._last(lambda s: s.kind == "person" and s.index < head.i)
            if seen is not None and head.dep_ in ("nsubj", "nsubjpass") \
                    and not _main_subject(self.doc[seen.index]):
                # a pronoun that is a subject continues the topic: the person the main
                # clause of this or the last sentence is about, before one named later
                # inside a clause ("Netanyahu was vocal in claiming Saddam had weapons,
                # and he urged America to invade")
                since = _previous_sentence_start(head)
                topic = self._last(lambda s: s.kind == "person" and since <= s.index < head.i
                                   and _main_subject(self.doc[s.index]))
                seen = topic or seen
        elif lower in _THING_PRONOUNS:
            seen = self._last(lambda s: s.kind in ("country", "metonym", "organisation")
                              and s.index < head.i)
        elif lower in _PLURAL_PRONOUNS:
            seen = self._last(lambda s: s.plural and s.index < head.i)
        else:
            return []
        if seen is None or head.i - seen.index > 120:
            return []
        return [replace(seen.entity, text=head.text, start=head.idx, end=head.idx + len(head))]

    def _reporter(self, head: Token, lower: str) -> list[Entity]:
        """The subject of the clause a pronoun's clause reports, where they agree: "The
        British government stated that it ...", "Israel and the US said they will ...".
        The reporter is who the reported clause speaks of, whoever was named last."""
        if head.dep_ not in ("nsubj", "nsubjpass"):
            return []
        clause = head.head
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ != "ccomp" or clause.head.i == clause.i:
            return []
        subject = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.i >= head.i or subject.pos_ == "PRON":
            return []
        found = [e for t in (subject, *subject.conjuncts) for e in self._get(t) if e.country]
        if not found:
            return []
        several = len(found) > 1 or subject.tag_ in ("NNS", "NNPS")
        if lower in _PERSON_PRONOUNS:
            agrees = not several and found[0].kind in ("person", "role")
        elif lower in _THING_PRONOUNS:
            agrees = not several and found[0].kind not in ("person", "role")
        elif lower in _PLURAL_PRONOUNS:
            agrees = several or found[0].kind in ("group", "organisation")
        else:
            agrees = False
        return found if agrees else []

    def _antecedents(self, head: Token, kind: str) -> list[Entity]:
        two = any(c.lower_ in ("two", "both") for c in head.children)
        wanted = {"country": ("country", "metonym"), "person": ("person",),
                  "any": ("country", "metonym", "person", "organisation")}[kind]
        out: list[Entity] = []
        keys: set[tuple[str | None, str | None]] = set()
        for seen in reversed(self._history):
            if seen.index >= head.i or seen.kind not in wanted:
                continue
            key = (seen.entity.name, seen.entity.country)
            if key in keys:
                continue
            keys.add(key)
            ent = seen.entity
            if kind == "country" and head.lemma_ in ("government", "regime", "administration"):
                ent = replace(ent, sector="GOV")
            out.append(replace(ent, text=head.text, start=head.idx, end=head.idx + len(head)))
            if len(out) == (2 if two else 1):
                break
        if two and len(out) < 2:
            return []
        return out

    def _register_person(self, entity: Entity, name_tokens: list[Token]) -> None:
        if len(name_tokens) < 2 or not entity.name:
            return
        self._surnames.setdefault(entity.name.lower(), entity)
        for tok in name_tokens:
            if tok.is_alpha and len(tok) > 1 and tok.is_title:
                self._surnames.setdefault(tok.lower_, entity)

    def _remember(self, head: Token, entity: Entity, kind: str, plural: bool) -> None:
        if entity.country or kind == "person":
            self._history.append(_Seen(head.i, self._opposed(entity), kind, plural))

    def _last(self, test: object) -> _Seen | None:
        for seen in reversed(self._history):
            if test(seen):  # type: ignore[operator]
                return seen
        return None


class ActorResolver:
    """Pipeline stage: attach :class:`DocActors` to each analysis."""

    name = "actors"

    def __init__(self, lexicon: ActorLexicon | None = None,
                 phoenix: PhoenixTable | None = None) -> None:
        self.lexicon = lexicon or load_lexicon()
        self.phoenix = phoenix if phoenix is not None else load_phoenix()

    def resolve(self, doc: Doc, date: dt.date, places: Sequence[Place] = (),
                asked: Token | None = None) -> DocActors:
        """The document's actors; with ``asked``, only as far as ``entities(asked)``
        needs (the heads after its phrase are left unresolved: the other methods then
        see part of the document)."""
        return DocActors(doc, date, self.lexicon, places, self.phoenix, asked)


def _main_subject(token: Token) -> bool:
    """The subject of a sentence's main verb (or of a verb joined to it)."""
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = token.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT"


def _previous_sentence_start(token: Token) -> int:
    """Index of the first token of the sentence before ``token``'s (or of its own)."""
    start = token.sent.start
    return token.doc[start - 1].sent.start if start > 0 else start


def _is_name_word(token: Token) -> bool:
    return token.text[:1].isupper() and token.pos_ in ("PROPN", "NOUN", "ADJ") \
        or token.lower_ in _PARTY_KIND


def _speaks_of_the_opposition(tokens: list[Token], cue: Token) -> bool:
    """Whether the cue names the opposition as a group ("the opposition parties",
    "Opposition leader", "criticised by the opposition"), not an act ("strong opposition
    from the NDP") or one party ("the opposition Serbian Radical party")."""
    after = tokens[cue.i + 1] if cue.i + 1 < len(tokens) else None
    if after is not None and after.lower_ in _OPPOSITION_GROUP:
        return True
    before = tokens[cue.i - 1] if cue.i > 0 else None
    return before is not None and before.lower_ == "the" and cue.dep_ in (
        "nsubj", "nsubjpass", "pobj", "dobj") and (after is None or not after.text[:1].isupper())


def _name_after(tokens: list[Token], i: int) -> list[Token]:
    """The capitalised name that starts at token ``i`` (after a determiner), with the
    lower-case links inside it ("Movement for Democratic Change") and a party's kind
    that ends it ("the FDD party"); empty where none starts there."""
    if i < len(tokens) and tokens[i].lower_ == "the":
        i += 1
    name: list[Token] = []
    while i < len(tokens):
        tok = tokens[i]
        if _is_name_word(tok) and (tok.text[:1].isupper() or name):
            name.append(tok)
        elif tok.lower_ in _NAME_LINKS and name and i + 1 < len(tokens) \
                and tokens[i + 1].text[:1].isupper():
            name.append(tok)
        else:
            break
        if tok.lower_ in _PARTY_KIND:
            break
        i += 1
    return name if any(t.text[:1].isupper() for t in name) else []


def _name_before(tokens: list[Token], i: int) -> list[Token]:
    """The capitalised name that ends just before token ``i``, a parenthesised acronym
    after it passed over ("the Movement for Democratic Change (MDC), ...")."""
    j = i - 1
    if j >= 2 and tokens[j].text == ")" and tokens[j - 2].text == "(":
        j -= 3
    name: list[Token] = []
    while j >= 0:
        tok = tokens[j]
        if _is_name_word(tok) and (tok.text[:1].isupper() or not name):
            name.insert(0, tok)
        elif tok.lower_ in _NAME_LINKS and name and j > 0 \
                and tokens[j - 1].text[:1].isupper():
            name.insert(0, tok)
        else:
            break
        j -= 1
    while name and not name[0].text[:1].isupper():
        name = name[1:]
    return name


def _phrase_heads(token: Token) -> list[Token]:
    """The head of the phrase ``token`` is in (up its compounds) and its conjuncts."""
    while token.dep_ == "compound" and token.head.i != token.i:
        token = token.head
    return [token, *token.conjuncts]


def _recoded(entity: Entity, country: str | None, sector: str | None) -> Entity:
    """``entity`` with this country and sector: itself where they are its own (a figure
    recoded twice on one date, by the resolver and by the asker)."""
    if country == entity.country and sector == entity.sector:
        return entity
    return replace(entity, country=country, sector=sector)


def _np_tokens(head: Token) -> list[Token]:
    """The head and its left modifiers, recursively, in text order; a proper name keeps
    its of-phrase ("Democratic People's Republic of Korea")."""
    out = [head]
    stack = [c for c in head.lefts if c.dep_ in _NP_MODIFIERS]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in tok.children if c.i < head.i and (
            c.dep_ in _NP_MODIFIERS
            # "Vietnamese-led forces", "a US-led coalition": the leader owns the body
            or c.dep_ == "npadvmod" and tok.dep_ == "amod" and tok.lemma_.lower() in _OWNERS))
    if head.pos_ == "PROPN":
        for prep in head.rights:
            if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i == head.i + 1:
                obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
                if obj is not None and obj.pos_ == "PROPN":
                    out.extend(t for t in obj.subtree if t.i <= obj.i)
                    out.append(prep)
    out.sort(key=lambda t: t.i)
    return out


# nouns of acts and states ("the Russian government's refusal", "Kosovo independence")
# are no bodies; these -ion words and the like are
_AGENTIVE_ION = _WORDS["agentive_noun"]


def _agentive(head: Token) -> bool:
    word = head.lemma_.lower()
    if head.pos_ == "PROPN" or word in _AGENTIVE_ION:
        return True
    return not word.endswith(("ion", "al", "ment", "ance", "ence", "ity", "ure", "ness"))


def _text_start(span: list[Token]) -> int:
    for tok in span:
        if tok.dep_ not in ("det", "punct", "predet"):
            return tok.idx
    return span[-1].idx


def _is_definite(head: Token) -> bool:
    return any(c.dep_ in ("det", "nummod", "predet") and c.lower_ in ("the", "this", "both",
                                                                        "two", "that")
               for c in head.children)


def _best_sense(senses: list[Entry], first: Token) -> Entry | None:
    """Choose among senses of a phrase: names are written with a capital ("Time" the
    magazine, not "time"), and capitalised names are not role nouns."""
    if first.text[:1].islower():
        fitting = [s for s in senses if s.kind == "role" or s.name[:1].islower()]
        return fitting[0] if fitting else None
    if len(senses) == 1:
        return senses[0]
    if first.is_title or first.is_upper:
        named = [s for s in senses if s.kind != "role"]
        if named:
            return named[0]
    return senses[0]


def _first(values: object) -> str | None:
    for value in values:  # type: ignore[attr-defined]
        if value:
            return str(value)
    return None
