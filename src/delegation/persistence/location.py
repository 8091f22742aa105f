"""Which database the user asked for, read without loading the database libraries."""

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from delegation.domain.errors import DatabaseError
from delegation.domain.private_files import make_private_folder
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
        default = default_database_path()
        _make_folder_for(default)
        return Requested(str(default), default.resolve(), True)
    if "://" in text:
        return Requested(text, None, False)
    path = Path(text).expanduser()
    _make_folder_for(path)
    return Requested(text, path.resolve(), False)


def _make_folder_for(path: Path) -> None:
    """The folder a database file will live in, created owner-only before the engine makes
    it with the umask's wider mode; a folder that cannot be made is reported when the
    database is opened."""
    with contextlib.suppress(OSError):
        make_private_folder(path.parent)


def database_files(path: Path) -> tuple[Path, ...]:
    """The database file and the companions SQLite writes beside it, resolved."""
    resolved = path.resolve()
    companions = (resolved.with_name(resolved.name + suffix) for suffix in _COMPANIONS)
    return (resolved, *companions)


_COMPANIONS = ("-wal", "-shm", "-journal")
