"""The command line: thin commands over the library.

Exit status: 0 all went well; 1 some inputs were skipped (each named on stderr, the batch
went on); 2 usage errors; 3 failure: the run could not start (store, model, settings) or
stopped on an unexpected error (a bug: one line on stderr, the traceback with -vv).
"""

from __future__ import annotations

import datetime as dt
import errno
import itertools
import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from .errors import InputError, NewscoderError
from .export import EventWriter, flatten
from .progress import progress_bar
from .read import FORMATS, read_inputs
from .records import Document
from .settings import Settings, load_settings
from .version import __version__

EXIT_OK = 0
EXIT_SKIPPED = 1
EXIT_USAGE = 2  # click's own status for usage errors
EXIT_FATAL = 3

log = logging.getLogger(__name__)

err = Console(stderr=True, highlight=False)
out = Console(highlight=False, width=None if sys.stdout.isatty() else 160)


def _date(_ctx: Any, _param: Any, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a date YYYY-MM-DD") from exc


# Stands in for the date of an undated record where the command never reads it (places).
_UNUSED_DATE = dt.date(1970, 1, 1)


def _fail(message: str) -> None:
    err.print(f"[bold red]error:[/] {message}")
    sys.exit(EXIT_FATAL)


def _documents(inputs: tuple[str, ...], fmt: str, date: dt.date | None, max_chars: int,
               problems: list[str]) -> Iterator[Document]:
    for item in read_inputs(inputs, fmt=fmt, date=date, max_chars=max_chars):
        if isinstance(item, InputError):
            problems.append(str(item))
            err.print(f"[yellow]skipped[/] {item}", soft_wrap=True)
        else:
            yield item


class _Progress:
    """Documents done so far, live on stderr when it is a terminal; nothing otherwise
    (piped, redirected, or ``quiet``), so logs and scripts see only the messages."""

    def __init__(self, what: str, *, quiet: bool = False, total: int | None = None) -> None:
        self._bar: Progress | None = None
        self._task: Any = None
        if quiet or not err.is_terminal:
            return
        self._bar = progress_bar(err, what, "documents", counted=total is not None)
        self._task = self._bar.add_task(what, total=total, note="")

    def __enter__(self) -> _Progress:
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    def advance(self, note: str | None = None) -> None:
        if self._bar is not None:
            if note is None:
                self._bar.advance(self._task)
            else:
                self._bar.update(self._task, advance=1, note=note)


def _who(entities: list[dict[str, Any]]) -> str:
    return "; ".join(f"{e['text']} ({e.get('country') or '?'}"
                     f"{' ' + e['sector'] if e.get('sector') else ''})" for e in entities)


def _table(records: list[dict[str, Any]], title: str) -> Table:
    table = Table(title=title, show_lines=False, expand=False)
    for name in ("date", "type", "status", "actor", "recipient", "where", "evidence"):
        table.add_column(name, overflow="fold")
    for r in records:
        loc = r.get("location") or {}
        table.add_row(r["date"]["value"], r["event_type"] + (f"/{r['mode']}" if r["mode"] else ""),
                      r["status"], _who(r["actor"]), _who(r["recipient"]),
                      loc.get("name") or "", r["evidence"]["sentence"][:120])
    return table


class _Commands(click.Group):
    """The command group; an unexpected exception exits 3, never 1 like skipped inputs."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise  # click answers these: usage errors exit 2
        except OSError as exc:
            if exc.errno == errno.EPIPE:  # `newscoder events | head`: click's business
                raise
            return self._crash(exc)
        except Exception as exc:
            return self._crash(exc)

    @staticmethod
    def _crash(exc: Exception) -> None:
        log.debug("unexpected error", exc_info=exc)
        err.print(f"[bold red]error:[/] unexpected {exc.__class__.__name__}: {exc} "
                  "(a bug; run with -vv for the traceback)", soft_wrap=True)
        sys.exit(EXIT_FATAL)


@click.group(cls=_Commands)
@click.version_option(__version__, prog_name="newscoder")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
def main(verbose: int) -> None:
    """Code dated news articles into PLOVER political events."""
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


_input_options = [
    click.argument("inputs", nargs=-1, required=True),
    click.option("--date", callback=_date,
                 help="Date of documents that carry none (plain text, JSON Lines records "
                      "without a valid date): YYYY-MM-DD."),
    click.option("--format", "fmt", type=click.Choice(FORMATS), default="auto",
                 show_default=True, help="Input format (default: from the file name)."),
]


def input_options(func: Any) -> Any:
    for option in reversed(_input_options):
        func = option(func)
    return func


@main.command()
@input_options
@click.option("--db", help="Event database: SQLite path or SQLAlchemy URL [newscoder.db].")
@click.option("--out", "out_path", type=click.Path(),
              help="Also write the events to FILE (.jsonl, .csv or .parquet); with --dask, "
                   "the Parquet dataset's folder or fsspec URL (DIR/, s3://bucket/dir).")
@click.option("--workers", type=click.IntRange(min=1), help="Processes coding in parallel.")
@click.option("--dask", "dask_address", is_flag=False, flag_value="local", default=None,
              metavar="[ADDRESS]",
              help="Code on a Dask cluster: the scheduler at ADDRESS (tcp://host:8786), or "
                   "without one a local cluster of --workers processes [one per core]; writes "
                   "a Parquet dataset to --out. Put it after the inputs (or write "
                   "--dask local). Needs the `dask` extra.")
@click.option("--partition-size", metavar="SIZE",
              help="With --dask: bytes of input per partition, e.g. 16MB [a 64th of each "
                   "large JSON Lines file, 64KiB to 16MiB; small files packed to 1MiB].")
@click.option("--model", help="spaCy pipeline to use (an installed package name).")
@click.option("--no-places", is_flag=True, help="Skip the geoparser (no event locations).")
@click.option("--min-confidence", type=click.FloatRange(0.0, 1.0),
              help="Store only events the coder is at least this sure of "
                   f"[{Settings().min_confidence}, or the settings file's].")
@click.option("--rules-only", is_flag=True,
              help="The lexicon's rules alone, without the learned classifier.")
@click.option("--quiet", "-q", is_flag=True, help="No table or summary on stdout.")
def code(inputs: tuple[str, ...], date: dt.date | None, fmt: str, db: str | None,
         out_path: str | None, workers: int | None, model: str | None, no_places: bool,
         min_confidence: float | None, rules_only: bool, quiet: bool,
         dask_address: str | None = None, partition_size: str | None = None) -> None:
    """Code INPUTS (files, directories, - for JSON Lines on stdin) into the event store."""
    from .coding import code_documents
    from .store import open_store

    if dask_address is not None or partition_size is not None:
        _code_dask(inputs, date, fmt, db, out_path, workers, model, no_places,
                   min_confidence, rules_only, quiet, dask_address, partition_size)
        return
    if out_path and Path(out_path).is_dir():
        raise click.BadParameter(f"{out_path!r} is a directory; a folder is for --dask "
                                 "datasets", param_hint="--out")

    try:
        settings = load_settings(db=db, workers=workers, model=model,
                                 places=False if no_places else None,
                                 min_confidence=min_confidence,
                                 learned=False if rules_only else None)
    except (NewscoderError, ValueError) as exc:
        _fail(str(exc))
        return
    problems: list[str] = []
    read = _documents(inputs, fmt, date, settings.max_document_chars, problems)
    first = next(read, None)
    if first is None:  # nothing readable (a mistyped path): leave no empty database behind
        if not quiet:
            out.print(f"no documents to code, {len(problems)} skipped; database not opened")
        sys.exit(EXIT_SKIPPED if problems else EXIT_OK)
    documents = itertools.chain([first], read)
    try:
        store = open_store(settings.db)
        writer = EventWriter(out_path) if out_path else None
    except (NewscoderError, ValueError, OSError) as exc:
        _fail(str(exc))
        return
    shown: list[dict[str, Any]] = []
    totals = {"stored": 0, "unchanged": 0, "duplicate": 0, "events": 0}
    pending: list[Any] = []

    def flush() -> None:
        results = store.add_many([(c.document, c.events) for c in pending])
        for coded, result in zip(pending, results, strict=True):
            totals[result.outcome] += 1
            if result.outcome == "duplicate":
                err.print(f"[yellow]duplicate[/] {coded.document.doc_id}: same text and date as "
                          f"{result.duplicate_of}, stored once")
                continue
            records = [e.to_dict() for e in coded.events]
            totals["events"] += len(records)
            if writer:
                writer.write(records)
            if len(shown) <= 200:
                shown.extend(records)
        pending.clear()

    try:
        with _Progress("coding", quiet=quiet) as progress:
            for coded in code_documents(documents, settings):
                progress.advance(f"({len(problems)} skipped)")
                if coded.error:
                    problems.append(f"{coded.document.path or coded.document.doc_id}: "
                                    f"{coded.error}")
                    err.print(f"[yellow]skipped[/] {coded.document.doc_id}: {coded.error}")
                    continue
                pending.append(coded)
                if len(pending) >= settings.batch_size:
                    flush()
            if pending:
                flush()
    except NewscoderError as exc:
        _fail(str(exc))
    finally:
        if writer:
            writer.close()
        store.close()
    if not quiet:
        n_docs = totals["stored"] + totals["unchanged"]
        if 0 < len(shown) <= 200:
            out.print(_table(shown, f"{len(shown)} events"))
        out.print(f"{n_docs} documents coded ({totals['unchanged']} unchanged, "
                  f"{totals['duplicate']} duplicates), {totals['events']} events, "
                  f"{len(problems)} skipped; database {settings.db}"
                  + (f"; wrote {out_path}" if out_path else ""))
    if problems:
        sys.exit(EXIT_SKIPPED)


def _code_dask(inputs: tuple[str, ...], date: dt.date | None, fmt: str, db: str | None,
               out_path: str | None, workers: int | None, model: str | None,
               no_places: bool, min_confidence: float | None, rules_only: bool, quiet: bool,
               address: str | None, partition_size: str | None) -> None:
    """`code --dask`: partitions of the inputs coded on a Dask cluster into a dataset."""
    from .scale.command import is_address, parse_size

    if address is None:
        raise click.UsageError("--partition-size goes with --dask")
    if not is_address(address):
        raise click.BadParameter(f"{address!r} is not a scheduler address (tcp://host:8786); "
                                 "put --dask after the inputs or write --dask local",
                                 param_hint="--dask")
    if not out_path:
        raise click.UsageError("--dask writes a Parquet dataset: name its folder with --out")
    if db:
        raise click.UsageError(f"--dask writes a dataset, not a database; then load it: "
                               f"newscoder load {out_path} --db {db}")
    if workers and address != "local":
        raise click.UsageError("--workers sizes a local cluster; an existing cluster "
                               "(--dask ADDRESS) has its own workers")
    try:
        size = parse_size(partition_size) if partition_size else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--partition-size") from exc
    try:
        import distributed  # noqa: F401
    except ImportError:
        _fail("--dask needs Dask: pip install 'newscoder[dask]'")
    from .scale.command import code_on_dask

    try:
        settings = load_settings(model=model, places=False if no_places else None,
                                 min_confidence=min_confidence,
                                 learned=False if rules_only else None)
        problems = code_on_dask(inputs, out_path, settings, address=address, workers=workers,
                                fmt=fmt, date=date, partition_bytes=size, quiet=quiet,
                                err=err, out=out)
    except (NewscoderError, ValueError, OSError) as exc:
        _fail(str(exc))
        return
    if problems:
        sys.exit(EXIT_SKIPPED)


@main.command()
@click.argument("dataset")
@click.option("--db", help="Event database: SQLite path or SQLAlchemy URL [newscoder.db].")
@click.option("--quiet", "-q", is_flag=True, help="No summary on stdout.")
def load(dataset: str, db: str | None, quiet: bool) -> None:
    """Load a Parquet DATASET of `newscoder code --dask` (a folder or fsspec URL) into the
    event store; loading it again stores nothing twice."""
    from .scale.command import load_into
    from .scale.partitions import filesystem

    try:
        settings = load_settings(db=db)
        fs, path = filesystem(dataset)
        if not fs.exists(path.rstrip("/") + "/_done"):
            _fail(f"{dataset}: not a newscoder dataset (no _done/ folder); make one with "
                  "`newscoder code INPUT --dask --out DIR`")
        load_into(dataset, settings.db, quiet=quiet, err=err, out=out)
    except (NewscoderError, ValueError, OSError) as exc:
        _fail(str(exc))


@main.command()
@click.option("--db", help="Event database: SQLite path or SQLAlchemy URL [newscoder.db].")
@click.option("--actor", help="Actor country code (ISO3 or extra code), e.g. PRK.")
@click.option("--recipient", help="Recipient country code, e.g. RUS.")
@click.option("--type", "event_type", help="PLOVER event type, e.g. CONSULT.")
@click.option("--status", type=click.Choice(["asserted", "future", "hypothetical", "negated"]))
@click.option("--since", help="Event date from (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", help="Event date until, inclusive.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many events.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default=None,
              help="Output format [table on a terminal, jsonl when piped].")
def events(db: str | None, actor: str | None, recipient: str | None, event_type: str | None,
           status: str | None, since: str | None, until: str | None, limit: int | None,
           fmt: str | None) -> None:
    """Query the events in the store."""
    import csv

    from .store import open_store

    try:
        settings = load_settings(db=db)
        if "://" not in settings.db and not Path(settings.db).exists():
            _fail(f"{settings.db}: no such database; create it with `newscoder code`")
        store = open_store(settings.db)
    except NewscoderError as exc:
        _fail(str(exc))
        return
    records = store.events(actor=actor, recipient=recipient, event_type=event_type,
                           status=status, since=since, until=until, limit=limit)
    fmt = fmt or ("table" if out.is_terminal else "jsonl")
    if fmt == "jsonl":
        for record in records:
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        from .export import COLUMNS

        writer = csv.DictWriter(sys.stdout, fieldnames=COLUMNS)
        writer.writeheader()
        for record in records:
            writer.writerow(flatten(record))
    else:
        rows = list(records)
        out.print(_table(rows, f"{len(rows)} events"))
    store.close()


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--date", callback=_date,
              help="Date of documents that carry none (plain text, JSON Lines records "
                   "without a valid date): YYYY-MM-DD.")
@click.option("--input-format", "fmt", type=click.Choice(FORMATS), default="auto",
              show_default=True, help="Input format (default: from the file name).")
@click.option("--out", "out_path", required=True, type=click.Path(),
              help="JSON Lines file, or a folder for --format timeml.")
@click.option("--format", "as_", type=click.Choice(["jsonl", "timeml"]), default="jsonl",
              show_default=True, help="TIMEX3 records, or TimeML documents (one .tml each).")
def timex(inputs: tuple[str, ...], date: dt.date | None, fmt: str, out_path: str,
          as_: str) -> None:
    """Tag and normalise TIMEX3 temporal expressions (TimeML with --as timeml)."""
    from .timex import TimexTagger, to_timeml

    tagger = TimexTagger()
    problems: list[str] = []
    settings = load_settings()
    docs = _documents(inputs, fmt, date, settings.max_document_chars, problems)
    with _Progress("tagging") as progress:
        if as_ == "timeml":
            folder = Path(out_path)
            folder.mkdir(parents=True, exist_ok=True)
            for doc in docs:
                found = tagger(doc.text, doc.date)
                (folder / f"{doc.doc_id}.tml").write_text(
                    to_timeml(doc.doc_id, doc.text, doc.date, found), encoding="utf-8")
                progress.advance()
        else:
            with open(out_path, "w", encoding="utf-8") as handle:
                for doc in docs:
                    for tx in tagger(doc.text, doc.date):
                        handle.write(json.dumps({"doc_id": doc.doc_id, **tx.to_dict()},
                                                ensure_ascii=False) + "\n")
                    progress.advance()
    if problems:
        sys.exit(EXIT_SKIPPED)


@main.command()
@input_options
@click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False),
              help="JSON Lines file of toponyms.")
@click.option("--spans", type=click.Path(exists=True, dir_okay=False),
              help="Resolve the given spans (JSON Lines: doc_id, start, end) instead.")
def places(inputs: tuple[str, ...], date: dt.date | None, fmt: str, out_path: str,
           spans: str | None) -> None:
    """Find toponyms and resolve them to GeoNames places.

    Places do not depend on the document date, so records without a valid one are
    geoparsed all the same.
    """
    from .nlp import load_nlp
    from .places import PlaceFinder

    settings = load_settings()
    wanted: dict[str, list[tuple[int, int]]] = {}
    if spans:
        for line in Path(spans).read_text(encoding="utf-8").splitlines():
            if line.strip():
                obj = json.loads(line)
                wanted.setdefault(str(obj["doc_id"]), []).append((obj["start"], obj["end"]))
    finder = PlaceFinder()
    nlp = load_nlp(settings.model)
    problems: list[str] = []
    docs = list(_documents(inputs, fmt, date or _UNUSED_DATE, settings.max_document_chars,
                           problems))
    with open(out_path, "w", encoding="utf-8") as handle, _Progress(
            "geoparsing", total=len(docs)) as progress:
        for doc, parsed in zip(docs, nlp.pipe((d.text for d in docs),
                                              batch_size=settings.batch_size), strict=True):
            progress.advance()
            if spans:
                found = finder.resolve_spans(parsed, wanted.get(doc.doc_id, []))
            else:
                found = finder(parsed)
            for place in found:
                handle.write(json.dumps({"doc_id": doc.doc_id, **place.to_dict()},
                                        ensure_ascii=False) + "\n")
    if problems:
        sys.exit(EXIT_SKIPPED)


@main.command()
@click.option("--db", help="Event database: SQLite path or SQLAlchemy URL [newscoder.db].")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--token", envvar="NEWSCODER_TOKEN", show_envvar=True,
              help="Bearer token required for writes; required to listen on a non-loopback "
                   "address. Prefer NEWSCODER_TOKEN or --token-file: a command line shows "
                   "in `ps`.")
@click.option("--token-file", type=click.Path(dir_okay=False),
              help="Read the token from the first line of FILE.")
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="NAME",
              help="A name the server is reached under besides the loopback names and "
                   "--host (repeatable); other Host headers are refused.")
@click.option("--workers", type=click.IntRange(min=1),
              help="Server processes [min(4, CPU count)].")
def serve(db: str | None, host: str, port: int, token: str | None, token_file: str | None,
          allowed_hosts: tuple[str, ...], workers: int | None) -> None:
    """Serve the HTTP API and the dashboard over the event store."""
    from .server import run
    from .server.guard import read_token_file

    if token and token_file:
        raise click.UsageError("give the token once: --token (or NEWSCODER_TOKEN) or "
                               "--token-file")
    try:
        if token_file:
            token = read_token_file(token_file)
        settings = load_settings(db=db)
        run(settings.db, host=host, port=port, token=token, workers=workers,
            allowed_hosts=allowed_hosts)
    except NewscoderError as exc:
        _fail(str(exc))


# `newscoder actor`: lives with the actor resolver (newscoder/actors/ask.py)
from .actors.ask import actor_command  # noqa: E402

main.add_command(actor_command)

if __name__ == "__main__":
    main()
