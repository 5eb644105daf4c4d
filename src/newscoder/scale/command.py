"""The command-line side of ``newscoder code --dask`` and ``newscoder load``: progress on
the terminal and the summary lines (the commands themselves are in :mod:`newscoder.cli`)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import logging
import re
from typing import Any

from rich.console import Console
from rich.progress import Progress

from ..progress import progress_bar
from ..settings import Settings

_ADDRESS = re.compile(r"^([a-z][a-z0-9+.-]*://.+|[^/\s:]+:\d+)$", re.IGNORECASE)
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "b": 1, "k": 1000, "m": 1000 ** 2, "g": 1000 ** 3,
          "ki": 1024, "mi": 1024 ** 2, "gi": 1024 ** 3}


def is_address(value: str) -> bool:
    """A scheduler address (``tcp://host:8786``, ``host:8786``) or ``local``."""
    return value == "local" or bool(_ADDRESS.match(value))


def parse_size(value: str) -> int:
    """``16MB``, ``512KiB``, ``1048576`` -> bytes; ValueError otherwise."""
    m = _SIZE.match(value)
    if not m:
        raise ValueError(f"{value!r} is not a size such as 16MB or 512KiB")
    unit = (m.group(2) or "").lower().rstrip("b")
    size = int(float(m.group(1)) * _UNITS[unit])
    if size < 1:
        raise ValueError(f"{value!r}: a partition needs at least one byte")
    return size


def _bar(console: Console, what: str) -> Progress:
    return progress_bar(console, what, "partitions")


def code_on_dask(inputs: tuple[str, ...], out_dir: str, settings: Settings, *, address: str,
                 workers: int | None, fmt: str, date: dt.date | None,
                 partition_bytes: int | None, quiet: bool, err: Console,
                 out: Console) -> int:
    """Run ``newscoder code --dask``; returns the number of problems (skipped inputs)."""
    from .dask_engine import PartitionResult, run, start_client

    if not logging.getLogger().isEnabledFor(logging.INFO):
        # the worker restarts and retries are the run's business; -v shows them
        logging.getLogger("distributed").setLevel(logging.ERROR)
    started: list[Any] = []

    def connect() -> Any:
        client = start_client(None if address == "local" else address, workers=workers)
        started.append(client)
        if not quiet:
            n_workers = len(client.scheduler_info().get("workers", {}))
            link = client.dashboard_link
            if address == "local" and importlib.util.find_spec("bokeh") is None:
                link = "off (it needs bokeh: pip install 'newscoder[dask]')"
            err.print(f"dask: {n_workers} workers"
                      f"{' (local cluster)' if address == 'local' else ' at ' + address}; "
                      f"dashboard {link}", soft_wrap=True)
        return client

    try:
        show = not quiet and err.is_terminal
        bar = _bar(err, "coding") if show else None
        task: Any = None
        counts = {"documents": 0, "events": 0}

        def planned(total: int, skipped: int) -> None:
            nonlocal task
            if bar is not None:
                bar.start()
                task = bar.add_task("coding", total=total, completed=skipped,
                                    note=f"({skipped} done before)")

        def finished(result: PartitionResult) -> None:
            counts["documents"] += result.documents
            counts["events"] += result.events
            for problem in result.problems:
                err.print(f"[yellow]skipped[/] {problem}", soft_wrap=True)
            if bar is not None:
                bar.update(task, advance=1, note=f"{counts['documents']} documents, "
                                                 f"{counts['events']} events")

        try:
            summary = run(inputs, out_dir, connect, settings, fmt=fmt, date=date,
                          partition_bytes=partition_bytes, on_planned=planned,
                          on_result=finished)
        finally:
            if bar is not None:
                bar.stop()
    finally:
        for client in started:
            client.close()
    if not quiet:
        out.print(f"{summary.documents} documents coded ({summary.duplicates} duplicates), "
                  f"{summary.events} events, {len(summary.problems)} skipped; dataset "
                  f"{out_dir}: {summary.partitions} partitions, {summary.skipped} done "
                  f"before" + (f", {summary.removed} stale removed" if summary.removed else "")
                  + f"; {summary.seconds:.1f} s")
    return len(summary.problems)


def load_into(dataset: str, db: str, *, quiet: bool, err: Console, out: Console) -> None:
    from .load import load_dataset

    bar = _bar(err, "loading") if not quiet and err.is_terminal else None
    task: Any = None

    def progress(done: int, total: int) -> None:
        nonlocal task
        if bar is None:
            return
        if task is None:
            bar.start()
            task = bar.add_task("loading", total=total, note="")
        bar.update(task, completed=done)

    try:
        summary = load_dataset(dataset, db, on_partition=progress)
    finally:
        if bar is not None:
            bar.stop()
    for doc_id, twin in summary.duplicates:
        err.print(f"[yellow]duplicate[/] {doc_id}: same text and date as {twin}, stored once")
    if not quiet:
        out.print(f"{summary.partitions} partitions: {summary.stored} documents stored "
                  f"({summary.events} events), {summary.unchanged} unchanged, "
                  f"{summary.duplicate} duplicates; database {db}")
