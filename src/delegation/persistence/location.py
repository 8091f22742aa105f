"""Which database the user asked for, read without loading the database libraries."""

import os
from dataclasses import dataclass
from pathlib import Path

from delegation.domain.errors import DatabaseError
from delegation.i18n import _

ENVIRONMENT_VARIABLE = "DELEGATION_DB"
DEFAULT_FILE_NAME = "delegation.sqlite3"


def default_database_path() -> Path:
    """The embedded database in the user's data folder."""
    from platformdirs import user_data_path

    return user_data_path("delegation", appauthor=False) / DEFAULT_FILE_NAME


@dataclass(frozen=True)
class Requested:
    """--db, else DELEGATION_DB, else the default file; `path` when it names a file."""

    text: str
    path: Path | None  # None for a URL, which SQLAlchemy will read
    is_default: bool


def requested_database(requested: str | None) -> Requested:
    if requested is not None and not requested.strip():
        raise DatabaseError(_("no database given: name a file or a URL"))
    text = requested or os.environ.get(ENVIRONMENT_VARIABLE) or ""
    if not text:
        return Requested(str(default_database_path()), default_database_path().resolve(), True)
    if "://" in text:
        return Requested(text, None, False)
    return Requested(text, Path(text).expanduser().resolve(), False)
