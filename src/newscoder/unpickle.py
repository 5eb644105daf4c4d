"""Loading the compiled caches (Phoenix table, gazetteer, classifier) faster."""

from __future__ import annotations

import gc
import pickle
from typing import IO, Any


def load_pickle(handle: IO[bytes]) -> Any:
    """``pickle.load`` with the cyclic garbage collector paused: unpickling a table of
    many thousand small objects set off collection after collection over objects that
    are all alive (the Phoenix table loaded in 0.35 s instead of 0.12 s)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.load(handle)
    finally:
        if enabled:
            gc.enable()
