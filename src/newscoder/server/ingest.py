"""``POST /api/documents``: read JSON or JSON Lines articles, code them, store them.

The whole body is validated before anything is coded: one bad line rejects the request
and nothing is stored. Coding uses the real pipeline, loaded once and shared under a lock.
"""

from __future__ import annotations

import hashlib
import io
import json
import threading
from typing import Annotated, Any

from fastapi import APIRouter, Header, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from ..coding import code_documents
from ..errors import InputError
from ..pipeline import Pipeline
from ..read.jsonl import read_jsonl_stream
from ..records import Document
from ..settings import Settings
from ..store import EventStore
from .errors import ApiError
from .guard import TokenCheck
from .models import DocumentIn, ErrorBody, IngestResult

router = APIRouter(prefix="/api", tags=["documents"])
MAX_DOCUMENTS = 1000
# what a body may be declared as; a browser form or a no-CORS fetch can send text/plain
# to any site without asking, so that (and anything else) is refused
CONTENT_TYPES = ("application/json", "application/x-ndjson", "application/jsonl",
                 "application/json-lines", "application/x-jsonlines")
_BODY_DOC = {"content": {
    "application/json": {"schema": DocumentIn.model_json_schema()},
    "application/x-ndjson": {"schema": {"type": "string",
                                        "description": "one JSON document a line"}}}}


class Coder:
    """The pipeline, built on first use and used by one request at a time."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._pipeline: Pipeline | None = None
        self._lock = threading.Lock()

    def code(self, documents: list[Document]) -> list[Any]:
        with self._lock:
            if self._pipeline is None:
                self._pipeline = Pipeline(self.settings)
            return list(code_documents(documents, pipeline=self._pipeline))


def check_token(expected: TokenCheck | None, authorization: str | None) -> None:
    if expected is None:
        return
    challenge = {"WWW-Authenticate": "Bearer"}
    if not authorization:
        raise ApiError(401, "unauthorized", "this server needs 'Authorization: Bearer <token>' "
                                            "for writes", challenge)
    scheme, _, given = authorization.partition(" ")
    if scheme.lower() != "bearer" or not expected.matches(given.strip()):
        raise ApiError(401, "unauthorized", "wrong token", challenge)


def check_content_type(value: str | None) -> None:
    media = (value or "").split(";", 1)[0].strip().lower()
    if media not in CONTENT_TYPES:
        raise ApiError(415, "unsupported_media_type",
                       f"send Content-Type application/json or application/x-ndjson, not "
                       f"{media or 'none'!r}")


def _loads(text: str) -> Any:
    """json.loads, with a value no reader could take reported as malformed."""
    try:
        return json.loads(text)
    except RecursionError:  # nested thousands deep
        raise json.JSONDecodeError("nested too deeply", text, 0) from None
    except json.JSONDecodeError:
        raise
    except ValueError as exc:  # a number of more digits than int() converts
        raise json.JSONDecodeError(str(exc).split(":")[0], text, 0) from None


def _objects(text: str) -> list[Any]:
    try:
        whole = _loads(text)
    except json.JSONDecodeError as first:
        lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
        if len(lines) < 2:
            raise ApiError(400, "malformed_json", f"malformed JSON: {first.msg} "
                                                  f"(line {first.lineno}, column {first.colno})"
                           ) from None
        objects = []
        for n, line in lines:
            try:
                objects.append(_loads(line))
            except json.JSONDecodeError as exc:
                raise ApiError(400, "malformed_json", f"line {n}: malformed JSON: {exc.msg} "
                                                      f"(column {exc.colno})") from None
        return objects
    return whole if isinstance(whole, list) else [whole]


def parse_documents(body: bytes, max_chars: int) -> list[Document]:
    """Documents of a request body, or an ApiError naming the first problems."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ApiError(400, "bad_encoding", "the body is not UTF-8") from None
    if not text.strip():
        raise ApiError(400, "empty_body", "send a JSON document with 'text' and 'date', "
                                          "or JSON Lines of them")
    objects = _objects(text)
    if not objects:
        raise ApiError(400, "empty_body", "no documents in the body")
    if len(objects) > MAX_DOCUMENTS:
        raise ApiError(413, "too_many_documents", f"at most {MAX_DOCUMENTS} documents a request")
    lines = []
    for obj in objects:
        if isinstance(obj, dict) and obj.get("id") in (None, "") and isinstance(
                obj.get("text"), str):
            digest = hashlib.sha256(f"{obj.get('date')}\n{obj['text']}".encode()).hexdigest()
            obj = {**obj, "id": f"api-{digest[:16]}"}
        try:
            lines.append(json.dumps(obj, ensure_ascii=False))
        except (RecursionError, ValueError):
            raise ApiError(400, "invalid_document", "a document nests too deeply") from None
    documents: list[Document] = []
    problems: list[str] = []
    for item in read_jsonl_stream(io.StringIO("\n".join(lines)), "document"):
        if isinstance(item, InputError):
            problems.append(f"document {item.line}: {item.message}")
        elif not item.text.strip():
            problems.append(f"document {item.path}: 'text' is empty")
        elif len(item.text) > max_chars:
            problems.append(f"document {item.doc_id}: over {max_chars:,} characters")
        else:
            documents.append(item)
    if problems:
        raise ApiError(400, "invalid_document", "; ".join(problems[:5]) + (
            f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""))
    return documents


def _code_and_store(store: EventStore, coder: Coder,
                    documents: list[Document]) -> dict[str, Any]:
    coded = coder.code(documents)
    outcomes: list[dict[str, Any]] = []
    good = [(c.document, c.events) for c in coded if c.error is None]
    results = {r.doc_id: r for r in store.add_many(good)} if good else {}
    events: list[dict[str, Any]] = []
    for c in coded:
        doc_id = c.document.doc_id
        if c.error is not None:
            outcomes.append({"doc_id": doc_id, "outcome": "failed", "n_events": 0,
                             "duplicate_of": None, "error": c.error})
            continue
        r = results[doc_id]
        outcomes.append({"doc_id": doc_id, "outcome": r.outcome, "n_events": r.n_events,
                         "duplicate_of": r.duplicate_of, "error": None})
        events.extend(store.events(doc_id=r.duplicate_of or doc_id))
    return {"documents": outcomes, "events": events}


@router.post("/documents", response_model=IngestResult, status_code=200,
             responses={400: {"model": ErrorBody}, 401: {"model": ErrorBody},
                        403: {"model": ErrorBody}, 413: {"model": ErrorBody},
                        415: {"model": ErrorBody}},
             openapi_extra={"requestBody": {"required": True, **_BODY_DOC}},
             summary="Code and store articles; answers with their events")
async def post_documents(request: Request,
                         authorization: Annotated[str | None, Header()] = None) -> JSONResponse:
    state = request.app.state
    check_token(state.token, authorization)
    check_content_type(request.headers.get("content-type"))
    if request.query_params:
        raise ApiError(400, "unknown_parameter", "this route takes no query parameters")
    body = await request.body()
    documents = parse_documents(body, state.coder.settings.max_document_chars)
    result = await run_in_threadpool(_code_and_store, state.store, state.coder, documents)
    state.cache.clear()
    return JSONResponse(result)
