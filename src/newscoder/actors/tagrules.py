"""The spaCy model's attribute ruler (coarse part of speech, morphology and a few lemmas
from the tagger's fine tags and the words), applied without its token matcher.

The ruler's 179 patterns each look at one token or two, by tag, lowercase form,
dependency label and whether the token is white space; spaCy's matcher tries every
pattern at every token, which on a name list of short mentions cost about a tenth of the
parse. A token's patterns are worked out once per distinct (lowercase form, white space,
tag, dependency) and remembered; the matches are then applied in the ruler's own order by
the ruler's own setter, so the tokens come out exactly as the component leaves them.
Patterns in a form this does not read (another attribute or operator, three tokens or
more) make :func:`fast_attribute_ruler` answer None: the component itself is used then.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc, Token

# a token as the patterns read it: lowercase form, white space, fine tag, dependency label
_Key = tuple[str, bool, str, str]
_Test = Callable[[_Key], bool]
_FIELDS = {"LOWER": 0, "IS_SPACE": 1, "TAG": 2, "DEP": 3}


class _Unsupported(ValueError):
    pass


def _value_test(field: int, spec: Any) -> _Test:
    if isinstance(spec, dict):
        if len(spec) != 1:
            raise _Unsupported(spec)
        (op, value), = spec.items()
        if op == "IN" and isinstance(value, list):
            allowed = frozenset(value)
            return lambda key: key[field] in allowed
        if op == "NOT_IN" and isinstance(value, list):
            barred = frozenset(value)
            return lambda key: key[field] not in barred
        if op == "REGEX" and isinstance(value, str) and field == 0:
            search = re.compile(value).search
            return lambda key: search(key[0]) is not None
        raise _Unsupported(spec)
    if field == 1:
        if not isinstance(spec, bool):
            raise _Unsupported(spec)
        return lambda key: key[1] is spec
    if not isinstance(spec, str):
        raise _Unsupported(spec)
    return lambda key: key[field] == spec


def _token_test(pattern: dict[str, Any]) -> _Test:
    tests = []
    for name, spec in pattern.items():
        if name not in _FIELDS:
            raise _Unsupported(name)
        tests.append(_value_test(_FIELDS[name], spec))
    return lambda key: all(test(key) for test in tests)


class FastAttributeRuler:
    """Callable on a parsed Doc like the ``attribute_ruler`` component it copies."""

    def __init__(self, ruler: Any) -> None:
        # the setter the component itself uses (a spaCy internal: where a spaCy release
        # moves it, the import fails and the component is used as it is)
        from spacy.tokens._retokenize import set_token_attrs

        self._set = set_token_attrs
        self._attrs: list[Any] = list(ruler.attrs)
        # (attribute-rule id, token index in the match, tests of the match's tokens)
        self._rules: list[tuple[int, int, tuple[_Test, ...]]] = []
        for attr_id, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                if not isinstance(pattern, list) or not 1 <= len(pattern) <= 2:
                    raise _Unsupported(pattern)
                index = entry["index"]
                if not -len(pattern) <= index < len(pattern):
                    raise _Unsupported(index)
                self._rules.append((attr_id, index % len(pattern),
                                    tuple(_token_test(tok) for tok in pattern)))
        self._single = [(a, tests[0]) for a, _, tests in self._rules if len(tests) == 1]
        self._double = [(a, i, tests) for a, i, tests in self._rules if len(tests) == 2]
        self._one: dict[_Key, tuple[int, ...]] = {}
        self._two: dict[tuple[_Key, _Key], tuple[tuple[int, int], ...]] = {}

    def _singles(self, key: _Key) -> tuple[int, ...]:
        found = self._one.get(key)
        if found is None:
            if len(self._one) >= 200_000:
                self._one.clear()
            found = self._one[key] = tuple(sorted({a for a, test in self._single
                                                   if test(key)}))
        return found

    def _doubles(self, first: _Key, second: _Key) -> tuple[tuple[int, int], ...]:
        found = self._two.get((first, second))
        if found is None:
            if len(self._two) >= 200_000:
                self._two.clear()
            found = self._two[(first, second)] = tuple(sorted(
                {(a, i) for a, i, (one, two) in self._double if one(first) and two(second)}))
        return found

    def __call__(self, doc: Doc) -> Doc:
        tokens: list[Token] = list(doc)
        keys: list[_Key] = [(t.lower_, t.is_space, t.tag_, t.dep_) for t in tokens]
        # (rule id, match start, token the rule sets): every match is found before any is
        # applied, and they are applied by rule id, then start, as the component does
        matches: list[tuple[int, int, int]] = []
        for i, key in enumerate(keys):
            for attr_id in self._singles(key):
                matches.append((attr_id, i, i))
        if self._double:
            for i in range(len(keys) - 1):
                for attr_id, index in self._doubles(keys[i], keys[i + 1]):
                    matches.append((attr_id, i, i + index))
        matches.sort()
        attrs, set_attrs = self._attrs, self._set
        for attr_id, _, at in matches:
            set_attrs(tokens[at], attrs[attr_id])
        return doc


def fast_attribute_ruler(ruler: Any) -> FastAttributeRuler | None:
    """The fast copy of an ``attribute_ruler`` component, or None where its patterns are
    of a form the copy does not read."""
    try:
        return FastAttributeRuler(ruler)
    except (_Unsupported, KeyError, TypeError, ImportError):
        return None


class MemoLemmatizer:
    """A rule lemmatizer's lemmas remembered by (word, part of speech, morphology), the
    key of spaCy's own cache, which misses every proper noun and word in its base form: the
    words of a name list. The lemma is the component's own, worked out on first sight."""

    def __init__(self, lemmatizer: Any) -> None:
        self._lemmatizer = lemmatizer
        self._memo: dict[tuple[int, int, int], str] = {}

    def __call__(self, doc: Doc) -> Doc:
        lemmatizer = self._lemmatizer
        if not getattr(lemmatizer, "_validated", False):
            return lemmatizer(doc)  # the first document: the component checks its tables
        memo = self._memo
        if len(memo) >= 200_000:
            memo.clear()
        overwrite = lemmatizer.overwrite
        for token in doc:
            if overwrite or token.lemma == 0:
                key = (token.orth, token.pos, token.morph.key)  # type: ignore[attr-defined]
                lemma = memo.get(key)
                if lemma is None:
                    lemma = memo[key] = lemmatizer.lemmatize(token)[0]
                token.lemma_ = lemma
        return doc


def memo_lemmatizer(lemmatizer: Any) -> Any:
    """The remembering copy of a rule lemmatizer whose lemma depends on the word, its part
    of speech and morphology alone (spaCy's and its English one); the component itself for
    any other."""
    from spacy.lang.en.lemmatizer import EnglishLemmatizer
    from spacy.pipeline import Lemmatizer

    if type(lemmatizer) in (Lemmatizer, EnglishLemmatizer) and lemmatizer.mode == "rule":
        return MemoLemmatizer(lemmatizer)
    return lemmatizer
