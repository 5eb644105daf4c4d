"""Ask how newscoder codes an actor mention on a date: ``newscoder actor`` and
:func:`ask_actor`.

The mention is parsed in its sentence (``context``; the mention alone where none is
given) and resolved exactly as the coder resolves it, then recoded by the role held on
the date. The answer names the table row or rule that decided, so that analysts can check
an actor list against the tables::

    >>> ask_actor("Angela Merkel", dt.date(2017, 1, 1)).to_dict()["sector"]
    'GOV'
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from typing import Any

import click

_METHOD_RULES = {
    "phrase": "rule: a nationality, place or body named in the phrase or its apposition",
    "article": "rule: the country the article is mostly about",
    "context": "rule: the context of the sentence",
}


@dataclass(frozen=True, slots=True)
class ActorAnswer:
    """How a mention codes on a date, and why."""

    text: str
    name: str | None
    country: str | None
    sector: str | None
    role: str | None
    held_on_date: bool | None  # whether the role was held on the date; None: not a dated role
    source: str | None  # the table row or rule that decided

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class ActorAsker:
    """Resolves mentions with one spaCy pipeline and the actor tables, loaded once."""

    def __init__(self, model: str | None = None) -> None:
        from ..memory import keep_for_life
        from ..nlp import DEFAULT_MODEL, load_nlp
        from .lexicon import load_lexicon, load_phoenix
        from .resolve import ActorResolver

        self.nlp = load_nlp(model or DEFAULT_MODEL)
        self.lex = load_lexicon()
        self.phoenix = load_phoenix()
        self.resolver = ActorResolver(self.lex, self.phoenix)
        # the tables stay to the process's end: out of the collector's passes, which went
        # over their many thousand objects now and then (75 ms in a list of 1,000 names)
        keep_for_life()
        self._places: Any = None  # the geoparser, loaded for the first mention in a sentence
        self._phrase_senses: dict[str, list[Any]] = {}
        self._ruler, self._after_ruler = self._fast_ruler()

    def _fast_ruler(self) -> tuple[Any, list[Any]]:
        """The attribute ruler without spaCy's matcher and the lemmatizer that remembers
        (tagrules), run in that order on each parsed mention: for a model whose ruler and
        lemmatizer come last but for the named-entity recogniser, which reads neither;
        (None, []) for any other, parsed by the pipeline as it stands."""
        from .tagrules import fast_attribute_ruler, memo_lemmatizer

        names = self.nlp.pipe_names
        if "attribute_ruler" not in names:
            return None, []
        tail = names[names.index("attribute_ruler"):]
        if tail[:2] != ["attribute_ruler", "lemmatizer"] or not set(tail[2:]) <= {"ner"}:
            return None, []
        ruler = fast_attribute_ruler(self.nlp.get_pipe("attribute_ruler"))
        if ruler is None:
            return None, []
        return ruler, [memo_lemmatizer(self.nlp.get_pipe("lemmatizer"))]

    def _parse(self, texts: list[str]) -> Iterator[Any]:
        """The parsed texts, in order, annotated as the whole pipeline annotates them."""
        if self._ruler is None:
            yield from self.nlp.pipe(texts, batch_size=1024)
            return
        for doc in self.nlp.pipe(texts, batch_size=1024,
                                 disable=["attribute_ruler", "lemmatizer"]):
            doc = self._ruler(doc)
            for component in self._after_ruler:
                doc = component(doc)
            yield doc

    def ask(self, text: str, date: dt.date | None = None,
            context: str | None = None) -> ActorAnswer:
        return next(self.ask_many([(text, date, context)]))

    def ask_many(self, items: Iterable[tuple[str, dt.date | None, str | None]]
                 ) -> Iterator[ActorAnswer]:
        """Answers in the order asked. Mentions are read in chunks; within a chunk each
        distinct sentence is parsed (and geoparsed) once, whatever the dates, and each
        distinct mention answered once: a name list repeats its names and phrases, and
        the parse is most of the cost. The answers are those of one mention at a time."""
        for chunk in _chunks(items, _CHUNK):
            batch = [(text, date or dt.date.today(), context or text)
                     for text, date, context in chunk]
            unique = list(dict.fromkeys(c for _, _, c in batch))
            docs = dict(zip(unique, self._parse(unique), strict=True))
            places: dict[str, Any] = {}
            answers: dict[tuple[str, dt.date, str], ActorAnswer] = {}
            # answers that read no date, by (text, context): good for every date
            undated: dict[tuple[str, str], ActorAnswer] = {}
            for mention in batch:
                answer = answers.get(mention)
                if answer is None:
                    text, date, context = mention
                    answer = undated.get((text, context))
                    if answer is None:
                        doc = docs[context]
                        if context != text and context not in places:
                            places[context] = self._find_places(doc)
                        answer, dated = self._answer(text, date, context, doc,
                                                     places.get(context, ()))
                        if not dated:
                            undated[(text, context)] = answer
                    answers[mention] = answer
                yield answer

    def _answer(self, text: str, date: dt.date, context: str, doc: Any,
                places: Any) -> tuple[ActorAnswer, bool]:
        """The answer for one mention, from the parse of its sentence and the sentence's
        toponyms (none for a bare mention: the geoparser is for context sentences); and
        whether it may depend on the date: False only where neither the resolution nor
        the recoding below read it (no person, no body of the dated Phoenix codes)."""
        start = context.find(text)
        if start < 0:
            start = context.lower().find(text.lower())
        span = doc.char_span(start, start + len(text), alignment_mode="expand") \
            if start >= 0 else None
        if span is None or len(span) == 0:
            span = doc[:]
        root = span.root  # Span.root walks the span's tokens on every access
        actors = self.resolver.resolve(doc, date, places, asked=root)
        entities = actors.entities(root)
        found = [e for e in entities if e.start < span.end_char
                 and e.end > span.start_char] or entities \
            or actors.modifier_entity(root)
        if not found:
            # a bare name the parser did not take for a person: the tables by the words
            from .lexicon import tokens_of

            key = tokens_of(text)
            name = self.lex.person(key, date)
            index = self.phoenix.best(key, date) if name is None else None
            if name is None and index is None:
                return ActorAnswer(text, None, None, None, None, None, None), True
            from ..records import Entity

            found = [Entity(text=text, name=name or self.phoenix.names[index or 0],
                            kind="person", method="table")]
        # on_date and _why read the date for a person, and _why for a body of the Phoenix
        # codes; neither otherwise
        dated = actors.date_read or found[0].kind == "person" or (
            found[0].kind == "organisation" and (found[0].name or "") in self.phoenix.by_name)
        entity = actors.on_date(found[0], date)
        role, held, source = self._why(entity, date, span)
        return ActorAnswer(text=text, name=entity.name, country=entity.country,
                           sector=entity.sector, role=role, held_on_date=held,
                           source=source), dated

    def _find_places(self, doc: Any) -> Any:
        """Toponyms of a context sentence ("the Alaska governor"): the geoparser costs a
        few milliseconds, so a bare name list goes without it."""
        if self._places is None:
            from ..places import PlaceFinder

            self._places = PlaceFinder(anchor_unknown=False)
        return self._places(doc)

    def _why(self, entity: Any, date: dt.date, span: Any
             ) -> tuple[str | None, bool | None, str | None]:
        """The role, whether held on ``date``, and the table row or rule behind it."""
        name = entity.name or ""
        if entity.kind == "person" and name in self.lex.terms:
            term, _ = self.lex.term_on(name, date)
            if term is not None:
                held = term.start <= date and (term.end is None or date <= term.end)
                end = term.end.isoformat() if term.end else ""
                return term.role or None, held, \
                    f"people.tsv: {name}, {term.role} {term.start.isoformat()}..{end}"
        index = self.phoenix.by_name.get(name) if entity.kind in ("person", "organisation") \
            else None
        if index is not None:
            code, coded_held = self.phoenix.code_on(index, date)
            if code is not None:
                when = f" {code.start or ''}..{code.end or ''}" if not code.default else ""
                return code.code, coded_held, \
                    f"phoenix_actors.tsv: {name}, {code.code}{when}"
        if entity.method in _METHOD_RULES:
            return self._role_words(span), None, _METHOD_RULES[entity.method]
        words = [t for t in span if t.pos_ in ("NOUN", "PROPN", "ADJ", "ADP", "DET")]
        for first in range(len(words)):
            senses = self._senses(" ".join(t.text for t in words[first:]))
            for sense in senses:
                if sense.kind == "role":
                    where = "plover_agents.tsv" if sense.source == "agents" else "roles.tsv"
                    return sense.name, None, f"{where}: {sense.name} {sense.sector or ''}".strip()
        table: str | None = {"country": "countries.tsv", "adjective": "countries.tsv",
                 "metonym": "countries.tsv", "organisation": "organisations.tsv",
                 "person": "people.tsv" if name in self.lex.terms else None}.get(entity.kind)
        if table:
            return None, None, f"{table}: {name}"
        # the role noun the phrase states: looked for only where it is the answer
        return self._role_words(span), None, \
            _METHOD_RULES.get(entity.method, "rule: the mention's own words")

    def _role_words(self, span: Any) -> str | None:
        """The role noun the phrase or its apposition states ("the Alaska governor")."""
        words = [t for t in span]
        for child in span.root.children:
            if child.dep_ == "appos":
                words.extend(t for t in child.subtree)
        for i in range(len(words)):
            for j in range(min(len(words), i + 5), i, -1):
                senses = self._senses(" ".join(t.text for t in words[i:j]))
                if any(s.kind == "role" for s in senses):
                    return " ".join(t.lower_ for t in words[i:j])
        return None

    def _senses(self, phrase: str) -> list[Any]:
        """The table senses of the words of a phrase, as written: looked up once, for a
        name list asks the same words again and again."""
        senses = self._phrase_senses.get(phrase)
        if senses is None:
            from .lexicon import tokens_of

            if len(self._phrase_senses) >= 100_000:
                self._phrase_senses.clear()
            senses = self._phrase_senses[phrase] = self.lex.lookup(tokens_of(phrase))
        return senses


# mentions read and parsed together: enough for a name list to repeat its names, few
# enough that the parsed sentences of a long input are not all held at once
_CHUNK = 4096


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


_default: ActorAsker | None = None


def ask_actor(text: str, date: dt.date | None = None, context: str | None = None
              ) -> ActorAnswer:
    """How newscoder codes the mention ``text`` on ``date`` (today when None), read in the
    sentence ``context`` where given: name, country, sector, role, whether the role was
    held then, and the table row or rule that decided."""
    global _default
    if _default is None:
        _default = ActorAsker()
    return _default.ask(text, date, context)


def ask_actors(items: Iterable[tuple[str, dt.date | None, str | None]]
               ) -> Iterator[ActorAnswer]:
    """:func:`ask_actor` over many ``(text, date, context)`` mentions, parsed in batches."""
    global _default
    if _default is None:
        _default = ActorAsker()
    return _default.ask_many(items)


def _parse_date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise click.BadParameter(f"not a date (YYYY-MM-DD): {value}") from exc


def _records(path: str, date: dt.date | None, context: str | None
             ) -> Iterator[tuple[str, dt.date | None, str | None]]:
    handle = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115
    try:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                text = record["text"] if isinstance(record, dict) else None
            except (ValueError, KeyError):
                text = None
            if not isinstance(text, str) or not text.strip():
                raise click.BadParameter(f"{path}:{number}: not a JSON object with a text")
            yield (text, _parse_date(record.get("date")) or date,
                   record.get("context") or context)
    finally:
        if handle is not sys.stdin:
            handle.close()


@click.command("actor")
@click.argument("text", required=False)
@click.option("--date", "date_text", help="Date of the mention, YYYY-MM-DD [today].")
@click.option("--context", help="The sentence the mention is read in.")
@click.option("--input", "input_path", help="JSON Lines of {text, date, context}; - for stdin.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="One line of text or one JSON object per mention.")
def actor_command(text: str | None, date_text: str | None, context: str | None,
                  input_path: str | None, fmt: str) -> None:
    """How newscoder codes an actor mention on a date, and which table row or rule says so."""
    date = _parse_date(date_text)
    if (text is None) == (input_path is None):
        raise click.UsageError("give a TEXT or --input FILE (not both)")
    items: Iterable[tuple[str, dt.date | None, str | None]] = \
        [(text, date, context)] if text is not None else _records(input_path or "-", date,
                                                                  context)
    for answer in ask_actors(items):
        if fmt == "json":
            click.echo(json.dumps(answer.to_dict(), ensure_ascii=False))
        else:
            held = {True: "held", False: "not held", None: "-"}[answer.held_on_date]
            click.echo(f"{answer.text}\t{answer.name or '-'}\t{answer.country or '-'}\t"
                       f"{answer.sector or '-'}\t{answer.role or '-'}\t{held}\t"
                       f"{answer.source or '-'}")
