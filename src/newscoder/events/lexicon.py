"""The event lexicon: verb and noun triggers, light and reporting verbs, modality words and
the PLOVER tables, loaded from ``newscoder/data/events`` and ``newscoder/data/plover``."""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from ..wordsets import word_sets

# the flags a lexicon row may carry (documented in the header of data/events/verbs.tsv)
FLAGS = frozenset({"absorb", "need_recipient", "intent", "symmetric", "not_object", "joint",
                   "clause", "person_object", "not_question", "complement", "claimed_act",
                   "menace", "held_by_place"})


@dataclass(frozen=True, slots=True)
class Trigger:
    """One lexicon row: what a verb or noun codes to, and under which condition."""

    lemma: str
    event_type: str
    mode: str | None
    context: tuple[str, ...]
    particle: str | None = None  # verbs: a particle or preposition the verb must govern
    objects: frozenset[str] = frozenset()  # verbs: allowed object heads; nouns: modifiers
    flags: frozenset[str] = frozenset()

    def has(self, flag: str) -> bool:
        return flag in self.flags


@dataclass(frozen=True, slots=True)
class EventLexicon:
    verbs: dict[str, list[Trigger]]  # lemma -> rows, conditioned rows first
    nouns: dict[str, list[Trigger]]  # lemma (or "first second" for two-word nouns) -> rows
    light_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    intent_words: frozenset[str]
    modality: dict[tuple[str, str], str]  # (kind, word) -> status
    quads: dict[str, str]
    scores: dict[str, float]
    mode_scores: dict[tuple[str, str], float]
    requires_recipient: frozenset[str]
    contexts: dict[str, str]

    def score(self, event_type: str, mode: str | None) -> float:
        if mode and (event_type, mode) in self.mode_scores:
            return self.mode_scores[(event_type, mode)]
        return self.scores[event_type]


def data_lines(*parts: str) -> Iterator[str]:
    path = resources.files("newscoder").joinpath("data", *parts)
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip() and not line.startswith("#"):
                yield line.rstrip("\n")


def data_table(*parts: str) -> Iterator[dict[str, str]]:
    for row in csv.DictReader(data_lines(*parts), delimiter="\t"):
        yield {k: (v or "").strip() for k, v in row.items() if k}


@functools.cache
def modal_words(*senses: str) -> frozenset[str]:
    """The modal auxiliaries of these senses (future, possibility, obligation), from the
    one modal table, ``data/events/modality.tsv``."""
    return frozenset(row["word"] for row in data_table("events", "modality.tsv")
                     if row["kind"] == "aux" and row.get("sense") in senses)


def word_set(name: str) -> frozenset[str]:
    """A closed word class of the events stage (``data/events/word_sets.tsv``)."""
    return word_sets("events", "word_sets.tsv")[name]


def _set(cell: str, sep: str = "|") -> frozenset[str]:
    return frozenset(x.strip() for x in cell.split(sep) if x.strip())


def _words(cell: str) -> frozenset[str]:
    """An object or modifier cell: its words, where ``@name`` stands for the word class
    ``name`` of ``word_sets.tsv`` (the goods of aid are the same for every verb giving
    them, and are listed once)."""
    out: set[str] = set()
    sets = word_sets("events", "word_sets.tsv")
    for item in _set(cell):
        if not item.startswith("@"):
            out.add(item)
        elif item[1:] in sets:
            out |= sets[item[1:]]
        else:
            raise ValueError(f"{item}: no such word class in data/events/word_sets.tsv")
    return frozenset(out)


def _triggers(name: str, *, verbs: bool) -> dict[str, list[Trigger]]:
    out: dict[str, list[Trigger]] = {}
    for row in data_table("events", name):
        trig = Trigger(
            lemma=row["lemma"], event_type=row["type"], mode=row.get("mode") or None,
            context=tuple(sorted(_set(row.get("context", ""), ","))),
            particle=(row.get("particle") or None) if verbs else None,
            objects=_words(row.get("object" if verbs else "modifier", "")),
            flags=_set(row.get("flags", ""), ","),
        )
        unknown = trig.flags - FLAGS
        if unknown:
            raise ValueError(f"data/events/{name}: row {trig.lemma!r} has unknown flags "
                             f"{', '.join(sorted(unknown))}")
        out.setdefault(trig.lemma, []).append(trig)
    for rows in out.values():  # the most specific condition is tried first
        rows.sort(key=lambda t: (t.particle is None, not t.objects))
    return out


@functools.lru_cache(maxsize=1)
def load_event_lexicon() -> EventLexicon:
    quads: dict[str, str] = {}
    scores: dict[str, float] = {}
    required: set[str] = set()
    for row in data_table("plover", "types.tsv"):
        quads[row["type"]] = row["quad"]
        scores[row["type"]] = float(row["score"])
        if row["recipient"] == "required":
            required.add(row["type"])
    mode_scores = {(r["type"], r["mode"]): float(r["score"])
                   for r in data_table("plover", "modes.tsv")}
    modality = {(r["kind"], r["word"]): r["status"] for r in data_table("events", "modality.tsv")}
    return EventLexicon(
        verbs=_triggers("verbs.tsv", verbs=True),
        nouns=_triggers("nouns.tsv", verbs=False),
        light_verbs=frozenset(data_lines("events", "light_verbs.txt")),
        speech_verbs=frozenset(data_lines("events", "speech_verbs.txt")),
        intent_words=frozenset(data_lines("events", "intent_words.txt")),
        modality=modality, quads=quads, scores=scores, mode_scores=mode_scores,
        requires_recipient=frozenset(required),
        contexts={r["word"]: r["context"] for r in data_table("plover", "contexts.tsv")},
    )
