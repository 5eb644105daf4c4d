"""Batch coding: several worker processes give the same events as one."""

from __future__ import annotations

import datetime as dt

from newscoder.coding import code_documents
from newscoder.records import Document
from newscoder.settings import Settings

TEXTS = [
    "Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing on Monday.",
    "Israeli troops arrested 12 Palestinians in the West Bank, the army said.",
    "The United Nations urged Ethiopia to allow aid into Tigray.",
    "Thousands of protesters marched in Paris against the pension reform.",
    "Iran threatened to close the Strait of Hormuz.",
    "The weather was mild and the markets were calm.",
]


def _documents() -> list[Document]:
    return [Document(doc_id=f"d{i}", text=t, date=dt.date(2023, 5, 2))
            for i, t in enumerate(TEXTS)]


def _events(workers: int) -> list[tuple[str, str, str]]:
    settings = Settings(workers=workers, batch_size=2, places=False)
    return [(c.document.doc_id, e.event_id, e.event_type)
            for c in code_documents(_documents(), settings) for e in c.events]


def test_coding_workers_match_single_process() -> None:
    single = _events(1)
    assert len(single) >= 4
    assert _events(2) == single


def test_coding_keeps_input_order_and_reports_every_document() -> None:
    coded = list(code_documents(_documents(), Settings(workers=2, batch_size=1, places=False)))
    assert [c.document.doc_id for c in coded] == [f"d{i}" for i in range(len(TEXTS))]
    assert all(c.error is None for c in coded)
    assert coded[-1].events == []  # no political interaction, no event
