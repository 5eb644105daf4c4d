"""The stages after the parse declare what they read and write; the pipeline runs them in
an order where each reads only what came before, and a stage runs alone on an analysis
that holds its inputs."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from newscoder.pipeline import STAGES, Pipeline
from newscoder.records import Analysis, Document
from newscoder.settings import Settings
from newscoder.stages import Stage

DAY = dt.date(2023, 9, 5)
TEXT = ("Police arrested 200 protesters in Minsk on Monday. "
        "The European Union condemned the arrests on Tuesday.")


@pytest.fixture(scope="module")
def pipeline(nlp: Any) -> Pipeline:
    return Pipeline(Settings(), nlp=nlp)


def test_stages_run_in_the_pipelines_order(pipeline):
    assert [s.name for s in pipeline.stages] == list(STAGES[2:])


def test_stages_read_only_what_earlier_stages_wrote(pipeline):
    fields = {f.name for f in dataclasses.fields(Analysis)}
    known = {"document", "spacy_doc"}  # the reader's and the parser's
    for stage in pipeline.stages:
        assert isinstance(stage, Stage)
        assert set(stage.reads) <= known, (stage.name, set(stage.reads) - known)
        assert stage.writes in fields and stage.writes not in known, stage.name
        known.add(stage.writes)


def test_without_places_the_stage_is_left_out(nlp):
    names = [s.name for s in Pipeline(Settings(places=False), nlp=nlp).stages]
    assert "places" not in names and names[-1] == "events"


def test_a_stage_runs_alone_on_its_inputs(pipeline):
    document = Document("d", TEXT, DAY)
    whole = pipeline(document)
    before = pipeline(document, until="actors")
    assert not before.events
    alone = pipeline.stages[-1](before)
    assert [e.event_id for e in alone.events] == [e.event_id for e in whole.events]
    assert whole.events


def test_a_failing_optional_stage_costs_only_its_field(nlp):
    pipeline = Pipeline(Settings(), nlp=nlp)
    places = next(s for s in pipeline.stages if s.name == "places")

    def broken() -> Any:
        raise RuntimeError("gazetteer unreadable")

    places._finder = broken  # type: ignore[attr-defined]
    analysis = pipeline(Document("d", TEXT, DAY))
    assert analysis.error is None and analysis.places == [] and analysis.events
