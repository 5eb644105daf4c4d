"""Answers of read routes kept until the database changes (``/api/stats``).

A SQLite database says when any other connection (in this process or another) has
committed since a connection last asked: ``PRAGMA data_version`` on a connection kept
for that alone. Each lookup asks first and forgets everything when the answer moved, so
a cached body is never older than the last commit. Other databases are not cached.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from ..store import EventStore


class ResultCache:
    """An LRU of at most ``size`` bodies, valid for one version of the database."""

    def __init__(self, store: EventStore, size: int = 128) -> None:
        self.size = size
        self._bodies: OrderedDict[Hashable, str] = OrderedDict()
        self._lock = threading.Lock()
        self._probe: Any = None
        self._version: int | None = None
        if size > 0 and store.reader.dialect.name == "sqlite":
            self._probe = store.reader.raw_connection()  # kept: its own data_version

    def _current(self) -> bool:
        """Whether the cached bodies still hold (drops them when not); under the lock."""
        cursor = self._probe.cursor()
        try:
            version = int(cursor.execute("PRAGMA data_version").fetchone()[0])
        finally:
            cursor.close()
        if version != self._version:
            self._bodies.clear()
            self._version = version
            return False
        return True

    def get(self, key: Hashable, compute: Callable[[], str]) -> str:
        """The body for ``key``, computed (outside the lock) when not cached."""
        if self._probe is None:
            return compute()
        with self._lock:
            self._current()
            version = self._version
            body = self._bodies.get(key)
            if body is not None:
                self._bodies.move_to_end(key)
                return body
        body = compute()
        with self._lock:
            # keep it only if nothing was committed while it was computed
            if self._current() and self._version == version:
                self._bodies[key] = body
                while len(self._bodies) > self.size:
                    self._bodies.popitem(last=False)
        return body

    def close(self) -> None:
        with self._lock:
            if self._probe is not None:
                self._probe.close()
                self._probe = None
            self._bodies.clear()
