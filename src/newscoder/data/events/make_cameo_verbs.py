"""Regenerate cameo_verbs.tsv and cameo_lemmas.tsv from PETRARCH2's CAMEO verb dictionary.

    python make_cameo_verbs.py ../shared/data/eventdata-dictionaries/petrarch2/CAMEO.2.0.txt \
        ../shared/data/plover/CAMEO2PLOVER-2021.txt

The dictionary (MIT, Open Event Data Alliance) is read as PETRARCH2's reader reads it: a
block "--- NAME [CODE] ---" lists synonymous verbs (a verb's own "[code]" overrides the
block's; "+RULE_OUT" is a multi-word verb) followed by patterns "- PRE * POST [CODE] #
VERB" that PETRARCH2 applies to every verb of the block; the comment names the verb the
pattern was written for. POST holds direct-object nouns, "{MODIFIER HEAD}" noun phrases
and "(PREP NOUN)" prepositional phrases; "&NAME" is a synonym set defined at the top of
the file; "$", "+", "^" and "%" are actor slots. Each verb entry and each verb x pattern
becomes one row (a multi-word verb takes only the patterns written for it), its CAMEO code
mapped to a PLOVER type and mode through CAMEO2PLOVER. A paired code "[042:043]" (the
event of the source on the target, and the reverse one) gives its first code. Codes with
no PLOVER type (CAMEO 01x and 02x, which that table leaves out, and 176), null codes
("---") and reverse-only codes ("[:173]") give no row; nor do the 4 patterns that use an
undefined synonym set (PETRARCH2 skips them too). The outputs are written next to this
script; only this script reads the dictionary.
"""

from __future__ import annotations

import itertools
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from math import prod
from pathlib import Path

HERE = Path(__file__).resolve().parent
PLOVER = HERE.parent / "plover"

# Bare words after the verb that are verb particles ("set OUT views", "put UP barricade").
PARTICLES = frozenset(
    "up out down off away back forward aside together forth ahead apart around along".split()
)
# Bare prepositions (TABARI-style patterns without parentheses: "* TO &DEFENSE"); one that
# is followed by a noun is read as a prepositional phrase, otherwise as a particle.
PREPOSITIONS = frozenset(
    "to of into onto with from against for on in toward towards at by as until after before"
    " behind under between among across through within without about upon near over during"
    " amid beyond despite inside outside whether".split()
)
CONJUNCTIONS = frozenset({"and", "or"})
ACTOR_SLOTS = frozenset("$+^%")
MAX_ALTERNATIVES = 64
# Heads of verb lines that are inflected forms (the rest are base forms by the
# dictionary's own convention: its regular forms are generated from them). BOUND (leap),
# FOUND (establish), WOUND (injure) and LAY are base forms in their blocks.
INFLECTED = {
    "angered": "anger", "attacked": "attack", "burnt": "burn", "deterring": "deter",
    "dispelling": "dispel", "forgave": "forgive", "forgiven": "forgive", "is": "be",
    "kidnapped": "kidnap", "killed": "kill", "losing": "lose", "lost": "lose", "saw": "see",
    "shot": "shoot", "touring": "tour", "understood": "understand", "worried": "worry",
}
COLUMNS = ("verb", "synset", "particle", "object", "cameo", "type", "mode", "pattern",
           "pobj", "subject", "complete", "origin")


@dataclass
class Slots:
    """What a pattern (or the words of a multi-word verb) requires around the verb."""

    particle: str = ""
    object: str = ""
    pobj: str = ""
    subject: str = ""
    complete: bool = True

    def bare(self) -> bool:
        return not (self.particle or self.object or self.pobj or self.subject)


@dataclass
class Verb:
    lemma: str
    code: str
    text: str
    slots: Slots = field(default_factory=Slots)
    forms: frozenset[str] = frozenset()  # as written, upper case: HURRY HURRIES +ASK_FOR

    def name(self) -> str:
        """The lemma with the particle of a multi-word verb: "rule out"."""
        return f"{self.lemma} {self.slots.particle}" if self.slots.particle else self.lemma


@dataclass
class Pattern:
    text: str
    code: str
    slots: Slots
    comment: str  # first word of the comment: the verb the pattern was written for


@dataclass
class Block:
    name: str
    code: str
    verbs: list[Verb] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)

    def origin(self, pattern: Pattern) -> Verb | None:
        word = pattern.comment
        found = next((v for v in self.verbs if word in v.forms), None)
        return found or (self.verbs[0] if len(self.verbs) == 1 else None)


class UndefinedSynset(Exception):
    pass


def read_plover(path: Path) -> dict[str, tuple[str, str]]:
    """CAMEO code -> (PLOVER type, PLOVER mode); a mode newscoder's modes.tsv does not list
    for that type (a context in the mode column, "ease", "assassinate" ...) is left empty."""
    modes = set()
    for line in (PLOVER / "modes.tsv").read_text(encoding="utf-8").splitlines()[2:]:
        typ, mode, _ = line.split("\t")
        modes.add((typ, mode))
    table: dict[str, tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        m = re.match(r"(\d+):\s*(.*)$", line)
        if not m:
            continue
        parts = [p.strip() for p in m.group(2).split(",")]
        typ, mode = parts[0], parts[1] if len(parts) > 1 else ""
        table[m.group(1)] = (typ, mode if (typ, mode) in modes else "")
    return table


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    """&NAME -> its member words or phrases, lower case, as written (no generated plurals)."""
    synsets: dict[str, list[str]] = {}
    name = ""
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if line.startswith("&"):
            name = line.rstrip("_")
            synsets[name] = []
        elif line.startswith("+") and name:
            member = line[1:].strip().rstrip("_").replace("_", " ").lower()
            if member and member not in synsets[name]:
                synsets[name].append(member)
        elif line:
            name = ""
    return synsets


def alternatives(words: list[str], synsets: dict[str, list[str]]) -> tuple[str, bool]:
    """The phrases a run of pattern words stands for, synonym sets expanded, |-joined, and
    whether they are all there: where the expansion makes more than MAX_ALTERNATIVES
    phrases (several synsets in one phrase: "{&MILITARY &AIRCRAFT}"), only the last word's
    alternatives (the head's) are kept."""
    options: list[list[str]] = []
    # "FIGHTER_&AIRCRAFT": "_" joins a word and a synset
    words = [part for w in words for part in re.split(r"_(?=&)", w.strip("{}()"))]
    for word in words:
        if not word:
            continue
        if word.startswith("&"):
            if word.rstrip("_") not in synsets:
                raise UndefinedSynset(word)
            options.append(synsets[word.rstrip("_")])
        else:
            options.append([word.rstrip("_").replace("_", " ").lower()])
    if not options:
        return "", True
    size = prod(len(o) for o in options)
    if size > MAX_ALTERNATIVES and size > max(len(o) for o in options):
        return "|".join(options[-1]), False
    phrases = [" ".join(p).strip() for p in itertools.product(*options)]
    return "|".join(dict.fromkeys(p for p in phrases if p)), True


def parse_side(text: str, synsets: dict[str, list[str]], post: bool) -> Slots:
    """Slots of one side of "*": after the verb (post) or before it (its subject)."""
    tokens = re.findall(r"\([^()]*\)|\{[^{}]*\}|\S+", text)
    # elements: ("n", words) noun or noun phrase, ("p", prep, words) prepositional phrase,
    # ("prt", word) particle, ("a",) actor slot, ("x",) anything unreadable
    elements: list[tuple] = []
    for tok in tokens:
        if tok.startswith("("):
            inner = tok[1:-1].split()
            if not inner:
                elements.append(("x",))
                continue
            if inner[0].lower() not in PREPOSITIONS | PARTICLES and "/" not in inner[0]:
                # "(PEACE CONFERENCE)": a noun phrase put in parentheses
                elements += [("n", inner), ("x",)]
                continue
            words = [w for w in inner[1:] if w not in ACTOR_SLOTS]
            elements.append(("p", inner[0].lower().replace("/", "|"), words))
            if len(words) < len(inner) - 1:
                elements.append(("a",))
        elif tok.startswith("{"):
            elements.append(("n", tok[1:-1].split()))
        elif tok in ACTOR_SLOTS:
            elements.append(("a",))
        elif not re.fullmatch(r"[&A-Za-z][\w'&-]*", tok):
            elements.append(("x",))
        elif tok.lower() in PARTICLES:
            elements.append(("prt", tok.lower()))
        elif tok.lower() in PREPOSITIONS:
            elements.append(("prep", tok.lower()))
        else:
            elements.append(("n", [tok]))
    # a bare preposition takes the noun that follows it
    merged: list[tuple] = []
    for el in elements:
        if el[0] == "n" and merged and merged[-1][0] == "prep":
            merged[-1] = ("p", merged[-1][1], el[1])
        else:
            merged.append(el)
    slots = Slots()
    nouns = [el for el in merged if el[0] == "n"]
    pps = [el for el in merged if el[0] == "p"]
    prts = [el[1] for el in merged if el[0] in ("prt", "prep")]
    if any(el[0] in ("a", "x") for el in merged):
        slots.complete = False
    if not post:
        if pps or prts:
            slots.complete = False
        if len(nouns) > 1:
            slots.complete = False
        slots.subject, whole = alternatives([w for n in nouns for w in n[1]], synsets)
        slots.complete = slots.complete and whole
        return slots
    if len(nouns) > 1:
        # several separate nouns (a TABARI-style linear pattern): kept in order, in one slot
        slots.complete = False
    slots.object, whole = alternatives([w for n in nouns for w in n[1]], synsets)
    slots.complete = slots.complete and whole
    if prts:
        slots.particle = prts[0]
        if len(prts) > 1 or pps:
            slots.complete = False
    elif pps:
        slots.particle = pps[0][1]
        slots.pobj, whole = alternatives(pps[0][2], synsets)
        slots.complete = slots.complete and whole
        if len(pps) > 1:
            slots.complete = False
    return slots


def parse_verb(line: str, synsets: dict[str, list[str]]) -> tuple[str, str, Slots]:
    """A verb line -> (lemma, own code or "", slots its extra words require)."""
    text = line.split("#", 1)[0]
    code_m = re.search(r"\[([^\]]*)\]", text)
    code = code_m.group(1).strip() if code_m else ""
    head = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", text).split()[0]
    words = head.split("_")
    at = next((i for i, w in enumerate(words) if w.startswith("+")), 0)
    lemma = words[at].lstrip("+").lower()
    lemma = INFLECTED.get(lemma, lemma)
    after = words[at + 1:]
    slots = Slots()
    if after and after[0].lower() in CONJUNCTIONS:
        # "+KILLED_AND", "+KIDNAPPED_AND_KILLED": coordinations PETRARCH2 listed for its
        # parser, not senses of the verb: no entry
        return lemma, "---", Slots(complete=False)
    if after:
        if [w.lower() for w in after] == ["up", "to"]:
            slots.particle = "up to"
        else:
            slots = parse_side(" ".join(after), synsets, post=True)
    if at > 0:  # words before the verb ("WIRE_+TAP" style); none in CAMEO.2.0
        slots.complete = False
    return lemma, code, slots


def verb_forms(body: str) -> frozenset[str]:
    """The forms a verb line lists (its head and its {...} forms), with and without the
    "+" of a multi-word verb; pattern comments name their verb by one of these."""
    forms = re.sub(r"\[[^\]]*\]", " ", body).replace("{", " ").replace("}", " ")
    words = set(forms.replace(",", " ").split())
    head = words and forms.split()[0]
    if head:  # and the regular forms of the head, which the dictionary leaves out
        parts = head.split("_")
        at = next((i for i, w in enumerate(parts) if w.startswith("+")), 0)
        root = parts[at].lstrip("+")
        endings = {root + "S", root + "ES", root + "ED", root + "D", root + "ING",
                   root[:-1] + "ING", root + root[-1:] + "ED", root + root[-1:] + "ING",
                   root[:-1] + "IED", root[:-1] + "IES"}
        words |= {"_".join(parts[:at] + [e] + parts[at + 1:]) for e in endings}
    return frozenset(words | {w.replace("+", "") for w in words})


def primary_code(code: str) -> str:
    """The code of the source-on-target event: "042:043" -> "042"; "080!" -> "080"."""
    return code.split(":", 1)[0].strip().rstrip("!")


def read_dictionary(path: Path) -> tuple[list[Block], dict[str, list[str]], Counter[str]]:
    lines = path.read_text(encoding="latin-1").splitlines()
    start = next(i for i, x in enumerate(lines) if x.startswith("####### VERB PATTERNS"))
    end = next((i for i, x in enumerate(lines) if x.startswith("######## TRANSFORMATIONS")),
               len(lines))
    synsets = read_synsets(lines[:start])
    blocks: list[Block] = []
    stats: Counter[str] = Counter()
    for raw in lines[start + 1:end]:
        line = raw.rstrip()
        body = line.split("#", 1)[0].strip()
        if not body:
            continue
        if body.startswith("---"):
            m = re.match(r"---\s+(\S+)\s+\[([^\]]*)\]", body)
            if not m:
                stats["unreadable block headers"] += 1
                continue
            blocks.append(Block(m.group(1), m.group(2).strip()))
        elif body.startswith("-"):
            stats["patterns read"] += 1
            m = re.match(r"-(.*)\[([^\]]*)\]\s*$", body)
            if not m or "*" not in m.group(1):
                stats["unreadable patterns"] += 1
                continue
            pre, _, post = m.group(1).partition("*")
            try:
                subj = parse_side(pre, synsets, post=False)
                slots = parse_side(post, synsets, post=True)
            except UndefinedSynset:
                stats["patterns with an undefined synset"] += 1
                continue
            slots.subject, slots.complete = subj.subject, slots.complete and subj.complete
            text = "- " + " ".join(m.group(1).split()) + f" [{m.group(2).strip()}]"
            comment = line.split("#", 1)[1].split() if "#" in line else []
            word = comment[0].strip(",;:") if comment else ""
            blocks[-1].patterns.append(Pattern(text, m.group(2).strip(), slots, word))
        elif body.startswith(("&", "+")) and not blocks:
            continue
        else:
            stats["verb entries read"] += 1
            lemma, code, slots = parse_verb(body, synsets)
            if code == "---" and not slots.complete:
                stats["verb entries skipped: coordinations (KILLED_AND)"] += 1
                continue
            blocks[-1].verbs.append(Verb(lemma, code, " ".join(body.split()), slots,
                                         verb_forms(body)))
    return blocks, synsets, stats


def combine(verb: Verb, pattern: Pattern, origin: Verb | None) -> Slots | None:
    """The slots of a block pattern applied to one of the block's verbs. PETRARCH2 applies
    every pattern to every verb of its block, and so does this table for one-word verbs. A
    multi-word verb ("+RULE_OUT") takes only the patterns written for it (their comment
    names it), and only where its words are a particle and the pattern names none."""
    if verb.slots.bare():
        return pattern.slots
    ps = pattern.slots
    if (origin is not verb or verb.slots.object or verb.slots.pobj or ps.particle
            or not verb.slots.complete):
        return None
    return Slots(verb.slots.particle, ps.object, ps.pobj, ps.subject, ps.complete)


def build_rows(blocks: list[Block], plover: dict[str, tuple[str, str]],
               stats: Counter[str]) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    seen: set[tuple[str, ...]] = set()

    def add(verb: Verb, block: Block, code: str, slots: Slots, pattern: str,
            origin: str) -> None:
        if code.startswith(":"):
            stats["rows skipped: reverse-only code"] += 1
            return
        cameo = primary_code(code)
        if cameo in ("---", ""):
            return
        if cameo not in plover:
            stats[f"rows skipped: CAMEO {cameo[:2]}x not in CAMEO2PLOVER"] += 1
            return
        typ, mode = plover[cameo]
        row = {"verb": verb.lemma, "synset": block.name, "particle": slots.particle,
               "object": slots.object, "cameo": cameo, "type": typ, "mode": mode,
               "pattern": pattern, "pobj": slots.pobj, "subject": slots.subject,
               "complete": "1" if slots.complete else "0", "origin": origin}
        key = tuple(row.values())
        if key in seen:
            stats["duplicate rows dropped"] += 1
            return
        seen.add(key)
        rows.append(row)

    for block in blocks:
        for verb in block.verbs:
            add(verb, block, verb.code or block.code, verb.slots, verb.text, verb.name())
        for pattern in block.patterns:
            origin = block.origin(pattern)
            if origin is None:
                stats["patterns whose comment names no verb of their block"] += 1
            for verb in block.verbs:
                slots = combine(verb, pattern, origin)
                if slots is None:
                    continue
                add(verb, block, pattern.code, slots, pattern.text,
                    origin.name() if origin else "")
    return rows


def lemma_table(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    by_verb: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        by_verb[r["verb"]].append(r)
    out = []
    for verb in sorted(by_verb):
        vrows = by_verb[verb]
        bare = [r for r in vrows
                if not (r["particle"] or r["object"] or r["pobj"] or r["subject"])]
        basis = "bare" if bare else "patterns"
        pick = Counter(r["type"] for r in (bare or vrows))
        typ = min(pick, key=lambda t: (-pick[t], t))
        modes = Counter(r["mode"] for r in (bare or vrows) if r["type"] == typ)
        mode = min(modes, key=lambda m: (-modes[m], m))
        share = sum(r["type"] == typ for r in vrows) / len(vrows)
        out.append({"verb": verb, "type": typ, "mode": mode, "patterns": str(len(vrows)),
                    "share": f"{share:.2f}", "basis": basis})
    return out


def licence(source: Path) -> list[str]:
    """The dictionary's own MIT notice, from its header comment."""
    lines = [x[1:].strip() for x in source.read_text(encoding="latin-1").splitlines()
             if x.startswith("#")]
    start = next(i for i, x in enumerate(lines) if x.startswith("The MIT License"))
    end = next(i for i, x in enumerate(lines) if x.startswith("CONNECTION WITH THE SOFTWARE"))
    return lines[start:end + 1]


def header(source: Path, commit: str, lines: list[str]) -> str:
    common = [
        f"Generated by make_cameo_verbs.py from PETRARCH2's CAMEO verb dictionary {source.name}",
        f"(github.com/openeventdata/petrarch2, petrarch2/data/dictionaries/, commit {commit}),",
        "mapped to PLOVER through CAMEO2PLOVER-2021.txt. Do not edit: rerun the script.",
        "Derived from PETRARCH2 (Open Event Data Alliance) under the MIT License; its notice:",
        "",
    ]
    return "".join(f"# {x}".rstrip() + "\n" for x in common + licence(source) + [""] + lines)


VERBS_DOC = [
    "One row per verb entry whose own or block code gives an event, and per verb x pattern",
    "of its block (PETRARCH2 applies a block's patterns to all its one-word verbs; a",
    "multi-word verb takes only those written for it). Columns past `pattern` are additions.",
    "verb: lemma of the main verb. synset: the dictionary's verb block (synonym class).",
    "particle: the particle (\"set OUT\") or the preposition (\"(TO BORDER)\") the pattern",
    "requires after the verb or its object (|-separated where the source gives a choice).",
    "object: the word(s) the pattern requires after the verb outside a prepositional phrase:",
    "mostly the direct object, sometimes an adverb or complement (\"bitterly\"); lower case as",
    "written (not lemmatised), |-separated alternatives (an &synset expanded); a phrase's",
    "last word is its head. cameo, type, mode: the code and its PLOVER type and mode (a mode",
    "that modes.tsv does not list for the type is left empty). pattern: the source pattern",
    "or verb entry. pobj: the object of the `particle` preposition (\"(TO BORDER)\" ->",
    "particle to, pobj border). subject: the word(s) the pattern requires before the verb,",
    "mostly the subject (\"&MILITARY * ...\"), sometimes an adverb (\"VERBALLY *\").",
    "complete: 0 where the pattern says more than these columns hold (a second",
    "prepositional phrase, actor slots $ + ^ %, several separate nouns, a phrase of several",
    "synsets of which only the head's alternatives are listed): read `pattern` for those.",
    "origin: the verb (lemma and particle) the pattern was written for, from the",
    "dictionary's comment (empty where it names none); a row whose verb is not its origin",
    "applies a synonym's pattern, as PETRARCH2 does (\"attack\" + \"* DEAL\", from STRIKE).",
]
LEMMAS_DOC = [
    "One row per verb lemma of cameo_verbs.tsv. type, mode: what the verb's bare entries",
    "(no particle, object, pobj or subject) give when it has any (basis bare), else the most",
    "frequent type across its patterns (basis patterns: the bare verb gives no PLOVER event,",
    "only its patterns do).",
    "patterns: its rows in cameo_verbs.tsv; share: the share of those giving `type`.",
]


def write_tsv(path: Path, head: str, columns: tuple[str, ...] | list[str],
              rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as f:
        f.write(head)
        f.write("\t".join(columns) + "\n")
        for r in rows:
            f.write("\t".join(r[c] for c in columns) + "\n")


def main(dictionary: str, cameo2plover: str, out: Path = HERE) -> None:
    source = Path(dictionary)
    commit_file = source.parent / "COMMIT"
    commit = commit_file.read_text().strip() if commit_file.exists() else "unknown"
    plover = read_plover(Path(cameo2plover))
    blocks, synsets, stats = read_dictionary(source)
    rows = sorted(build_rows(blocks, plover, stats), key=lambda r: r["verb"])
    write_tsv(out / "cameo_verbs.tsv", header(source, commit, VERBS_DOC), COLUMNS, rows)
    lemmas = lemma_table(rows)
    write_tsv(out / "cameo_lemmas.tsv", header(source, commit, LEMMAS_DOC),
              ["verb", "type", "mode", "patterns", "share", "basis"], lemmas)
    for key in sorted(stats):
        if key != "patterns read":
            print(f"{key}: {stats[key]}")
    print(f"patterns read: {stats['patterns read']}")
    print(f"rows written: {len(rows)}")
    print(f"distinct verbs: {len({r['verb'] for r in rows})}")
    print(f"distinct synsets: {len({r['synset'] for r in rows})}")
    print(f"(verb blocks read: {len(blocks)}; noun synonym sets: {len(synsets)})")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
