"""Actors: mentions resolved to entities with country and sector.

The names load on first use, so that importing :mod:`newscoder.actors.ask` for the command
line does not import spaCy.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .ask import ActorAnswer, ask_actor, ask_actors
    from .lexicon import ActorLexicon, Entry, load_lexicon, load_phoenix
    from .resolve import ActorResolver, DocActors

__all__ = ["ActorAnswer", "ActorLexicon", "ActorResolver", "DocActors", "Entry", "ask_actor",
           "ask_actors", "load_lexicon", "load_phoenix"]

_WHERE = {"ActorAnswer": "ask", "ask_actor": "ask", "ask_actors": "ask",
          "ActorLexicon": "lexicon", "Entry": "lexicon", "load_lexicon": "lexicon",
          "load_phoenix": "lexicon", "ActorResolver": "resolve", "DocActors": "resolve"}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
