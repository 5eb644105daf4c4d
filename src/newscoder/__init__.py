"""newscoder: dated news articles in, a PLOVER political event database out.

    >>> import datetime as dt, newscoder
    >>> events = newscoder.code_text("Kim Jong Un met Vladimir Putin in Vladivostok.",
    ...                              dt.date(2023, 9, 13))
    >>> [(e.event_type, [a.country for a in e.actor]) for e in events]
    [('CONSULT', ['PRK'])]
"""

from __future__ import annotations

import datetime as dt
import importlib
from typing import TYPE_CHECKING, Any

from .errors import InputError, NewscoderError
from .records import Document, Entity, Event, EventDate, Evidence, Place, Quantity, Timex
from .settings import Settings, load_settings
from .version import __version__

if TYPE_CHECKING:
    from .actors.ask import ActorAnswer, ask_actor, ask_actors
    from .coding import Coded, code_documents
    from .pipeline import Pipeline
    from .read import read_inputs
    from .store import EventStore, open_store

__all__ = [
    "ActorAnswer", "Coded", "Document", "Entity", "Event", "EventDate", "EventStore", "Evidence",
    "InputError", "NewscoderError", "Pipeline", "Place", "Quantity", "Settings", "Timex",
    "__version__", "ask_actor", "ask_actors", "code_documents", "code_text", "load_settings",
    "open_store", "read_inputs",
]

# the parts that import spaCy or SQLAlchemy load on first use, so that `newscoder events`,
# `newscoder --version` and `import newscoder` start fast
_LAZY = {"ActorAnswer": "actors.ask", "ask_actor": "actors.ask", "ask_actors": "actors.ask",
         "Coded": "coding", "code_documents": "coding", "Pipeline": "pipeline",
         "read_inputs": "read", "EventStore": "store", "open_store": "store"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'newscoder' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


_default_pipeline: Pipeline | None = None


def code_text(text: str, date: dt.date, doc_id: str = "text",
              pipeline: Pipeline | None = None) -> list[Event]:
    """Code one text published on ``date``; the pipeline is built once and reused."""
    global _default_pipeline
    if pipeline is None:
        if _default_pipeline is None:
            from .pipeline import Pipeline

            _default_pipeline = Pipeline()
        pipeline = _default_pipeline
    analysis = pipeline(Document(doc_id=doc_id, text=text, date=date))
    if analysis.error:
        raise NewscoderError(f"{doc_id}: {analysis.error}")
    return analysis.events
