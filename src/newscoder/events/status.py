"""Did it happen? The status of an event from the modality on its clause chain.

The chain runs from the trigger up through the clauses that control it ("is expected to
travel", "plans to visit") and stops at a reporting verb: what a source says is reported
as asserted, but "would", "could", "if", "not" and "expected to" inside what it says
count. Negation wins over hypothetical, which wins over future.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .lexicon import EventLexicon, modal_words

_RANK = {"asserted": 0, "future": 1, "hypothetical": 2, "negated": 3}
_CHAIN_DEPS = ("xcomp", "advcl", "conj", "pcomp", "pobj", "prep", "acl", "dobj", "relcl",
               "acomp")
_FUTURE_MODALS = modal_words("future")
_FINITE = ("VBD", "VBZ", "VBP")  # a coordinated verb with its own tense


@dataclass(frozen=True, slots=True)
class Modality:
    status: str
    modal: str | None  # the auxiliary that set the status ("would", "will", "must")
    speech_verb: Token | None  # the reporting verb the event is embedded under
    intent: bool = False  # under "plans to", "is ready to": an intention ...
    intender: Token | None = None  # ... held by this word's subject
    ultimatum: bool = False  # "will withdraw ... unless X arranges a ceasefire"
    conditional: bool = False  # under "if", "unless", "whether": a condition, not a fact


def clause_chain(token: Token, lex: EventLexicon) -> tuple[list[Token], Token | None]:
    """Tokens from the trigger up to (not including) a reporting verb, and that verb."""
    chain = [token]
    current = token
    for _ in range(8):
        if current.dep_ == "ROOT" or current.head.i == current.i:
            # "X will provide aid ..., the agency said": the parser may hang the reporting
            # verb off the main clause as a conjunct
            tail = next((c for c in current.children if c.dep_ in ("conj", "parataxis")
                         and c.i > token.i and c.lemma_.lower() in lex.speech_verbs), None)
            return chain, tail
        dep = current.dep_
        head = current.head
        if dep == "ccomp" or (dep in ("conj", "advcl") and head.lemma_.lower()
                              in lex.speech_verbs):
            if head.lemma_.lower() in lex.speech_verbs:
                return chain, head
            chain.append(head)
        elif dep in _CHAIN_DEPS:
            if dep in ("conj", "advcl") and (_own_aux(current) or current.tag_ in _FINITE):
                # a coordinated or adverbial clause with its own subject or tense has its
                # own modality ("He expected more displaced as Israel has warned ...")
                return chain, None
            chain.append(head)
        else:
            return chain, None
        current = head
    return chain, None


def _own_aux(token: Token) -> bool:
    """A subject or a tensed auxiliary of its own (an infinitive's "to" does not count)."""
    return any(c.dep_ == "nsubj" or (c.dep_ in ("aux", "auxpass") and c.tag_ != "TO")
               for c in token.children)


def modality(token: Token, lex: EventLexicon) -> Modality:
    chain, speech = clause_chain(token, lex)
    status = "asserted"
    modal: str | None = None
    intent = False
    intender: Token | None = None
    conditional = False

    def raise_to(new: str) -> None:
        nonlocal status
        if _RANK[new] > _RANK[status]:
            status = new

    for i, tok in enumerate(chain):
        conj_of_prev = i > 0 and chain[i - 1].dep_ == "conj"
        for child in tok.children:
            word = child.lower_
            if child.dep_ in ("aux", "auxpass") and ("aux", word) in lex.modality:
                found = lex.modality[("aux", word)]
                raise_to(found)
                if word in _FUTURE_MODALS or modal is None:
                    modal = word
            elif child.dep_ == "neg" and not conj_of_prev:
                raise_to("negated")
            elif child.dep_ == "mark" and ("mark", word) in lex.modality:
                raise_to(lex.modality[("mark", word)])
                conditional = True
            elif child.dep_ == "advmod" and word == "never":
                raise_to("negated")
        if i > 0:
            lemma = tok.lemma_.lower()
            kind = "noun" if tok.pos_ == "NOUN" else "verb"
            if (kind, lemma) in lex.modality:
                raise_to(lex.modality[(kind, lemma)])
            if lemma in lex.intent_words and not intent:
                intent, intender = True, tok
    ultimatum = any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless"
                                              for m in c.children)
                    for tok in chain for c in tok.children)
    return Modality(status, modal, speech, intent, intender, ultimatum, conditional)
