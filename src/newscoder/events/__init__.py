"""Events: PLOVER event records from parsed, actor-resolved sentences."""

from .coder import EventCoder
from .lexicon import EventLexicon, load_event_lexicon

__all__ = ["EventCoder", "EventLexicon", "load_event_lexicon"]
