"""The one progress bar the command line shows, for documents or partitions alike."""

from __future__ import annotations

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)


def progress_bar(console: Console, what: str, unit: str, *, counted: bool = True) -> Progress:
    """A transient bar "<what> ━━━ 12/40 <unit> <note> 0:00:07"; ``counted`` False shows
    only the count done, for a stream of unknown length. Tasks carry a ``note`` field."""
    counter = MofNCompleteColumn() if counted else TextColumn("{task.completed}")
    return Progress(SpinnerColumn(), TextColumn(what), BarColumn(), counter,
                    TextColumn(f"{unit} {{task.fields[note]}}"), TimeElapsedColumn(),
                    console=console, transient=True)
