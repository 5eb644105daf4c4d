"""The CAMEO verb dictionary (PETRARCH2, converted to ``data/events/cameo_*.tsv``) as an
index the classifier's features read: which PLOVER type a verb gives on its own, with a
given object head, or with a given particle or preposition.

The dictionary's 1,500 verbs pool evidence across words the annotated articles never
show: a verb seen nowhere in training still speaks for the type its CAMEO class gives.
Only patterns written for the verb itself are used (PETRARCH2 applies a block's
patterns to every verb of the block, which gives senses such as attack + deal ->
SUPPORT) and only those the columns describe completely.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass

from .lexicon import data_lines, data_table


@dataclass(frozen=True, slots=True)
class CameoIndex:
    bare: dict[str, str]  # verb -> type of the verb alone
    objects: dict[tuple[str, str], str]  # (verb, object head word) -> type
    particles: dict[tuple[str, str], str]  # (verb, particle or preposition) -> type

    def verb_type(self, verb: str) -> str | None:
        return self.bare.get(verb)

    def object_type(self, verb: str, *words: str) -> str | None:
        for word in words:
            found = self.objects.get((verb, word))
            if found:
                return found
        return None

    def particle_type(self, verb: str, particle: str) -> str | None:
        return self.particles.get((verb, particle))


def _most_common(counts: dict[tuple[str, str], Counter[str]]) -> dict[tuple[str, str], str]:
    return {key: c.most_common(1)[0][0] for key, c in counts.items()}


@functools.lru_cache(maxsize=1)
def load_cameo() -> CameoIndex:
    bare = {r["verb"]: r["type"] for r in data_table("events", "cameo_lemmas.tsv")
            if r.get("basis") == "bare"}
    objects: dict[tuple[str, str], Counter[str]] = {}
    particles: dict[tuple[str, str], Counter[str]] = {}
    lines = data_lines("events", "cameo_verbs.tsv")  # 37,000 rows: split by hand, not csv
    header = next(lines).split("\t")
    col = {name: i for i, name in enumerate(header)}
    verb_i, obj_i, part_i, pobj_i = col["verb"], col["object"], col["particle"], col["pobj"]
    type_i, complete_i, origin_i = col["type"], col["complete"], col["origin"]
    for line in lines:
        cells = line.split("\t")
        verb = cells[verb_i]
        if cells[complete_i] != "1" or cells[origin_i] not in ("", verb):
            continue
        if cells[obj_i]:
            for alternative in cells[obj_i].split("|"):
                head = alternative.split()[-1]
                objects.setdefault((verb, head), Counter())[cells[type_i]] += 1
        elif cells[part_i] and not cells[pobj_i]:
            for particle in cells[part_i].split("|"):
                particles.setdefault((verb, particle), Counter())[cells[type_i]] += 1
    return CameoIndex(bare, _most_common(objects), _most_common(particles))
