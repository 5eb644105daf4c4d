"""Exceptions raised by newscoder.

    NewscoderError
     +-- InputError          a document cannot be read (names the file and line)
     |    +-- MissingDate    plain text without --date, or no date in the record
     +-- ModelNotFound       the configured spaCy model is not installed
     +-- StoreError          the database cannot be opened or written
     +-- SettingsError       a setting is unknown or has a bad value

The CLI turns each into one clear line; a batch skips the document and goes on.
"""

from __future__ import annotations


class NewscoderError(Exception):
    """Base class of every error newscoder raises on purpose."""


class InputError(NewscoderError):
    """A document (or one line of a file) cannot be read."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


class MissingDate(InputError):
    """The document has no usable date."""


class ModelNotFound(NewscoderError):
    """The configured spaCy model is not installed."""


class StoreError(NewscoderError):
    """The event store cannot be opened or written."""


class SettingsError(NewscoderError):
    """A setting is unknown or has a bad value."""
