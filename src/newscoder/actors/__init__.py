"""Actors: mentions resolved to entities with country and sector."""

from .lexicon import ActorLexicon, Entry, load_lexicon
from .resolve import ActorResolver, DocActors

__all__ = ["ActorLexicon", "ActorResolver", "DocActors", "Entry", "load_lexicon"]
