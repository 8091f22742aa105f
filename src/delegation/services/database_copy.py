"""Copy a whole database to another (a file to a server and back) and back one up."""

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from delegation.domain.errors import (
    DatabaseError,
    NotFoundError,
    PermissionRefusedError,
    UnwritableError,
)
from delegation.i18n import _
from delegation.persistence.backups import backup_sqlite_file
from delegation.persistence.copying import copied_tables, copy_rows, delete_all_rows, holds_rows
from delegation.persistence.database import remove_idle_companions, resolve_location
from delegation.persistence.location import database_files
from delegation.services.workspace import Workspace, open_workspace


@dataclass(frozen=True)
class CopyResult:
    rows: int
    tables: int
    source: str  # how to name each database to the user: never with its password
    target: str


@dataclass(frozen=True)
class BackupResult:
    path: Path
    rows: int | None  # None for a copy of the file itself


def copy_database(source: str, target: str, *, replace: bool = False) -> CopyResult:
    """Every row of `source` into `target`, created or upgraded to the current schema.

    A target holding any row is refused unless `replace`, which deletes its rows first.
    All is one transaction on the target: a failure leaves it as it was, and a target
    file created for the copy is removed.
    """
    _refuse_missing_file(source)
    if _same_database(source, target):
        raise DatabaseError(
            _("{location}: the source and the target are the same database").format(
                location=resolve_location(source).display
            )
        )
    opened = open_workspace(source, sample_on_first_start=False)
    try:
        _refuse_partial_copy(opened)
        return _copy_into(opened, target, replace)
    finally:
        opened.close()


def _refuse_missing_file(source: str) -> None:
    """A source is read, never created: a missing file is a mistake in its name."""
    path = Path(source).expanduser() if "://" not in source else None
    if path is None:
        location = resolve_location(source)
        path = location.path
    if path is not None and not path.exists():
        raise NotFoundError(_("{file}: no such file").format(file=source))


def _refuse_partial_copy(source: Workspace) -> None:
    """A viewer reads the private columns as empty: their copy, restored some day, would
    wipe every passport and diet."""
    if not source.sees_private:
        raise PermissionRefusedError(
            _(
                "{location}: a viewer of this database cannot copy or back it up, since the"
                " private data would be missing from the copy; ask one of its organisers"
            ).format(location=source.location.display)
        )


# The port a server listens on when a URL names none.
_DEFAULT_PORTS = {"postgresql": 5432, "mysql": 3306, "mariadb": 3306}


def _same_database(source: str, target: str) -> bool:
    """Whatever the driver or the user named in each URL: the same file, or server and name."""

    def where(given: str) -> tuple:
        url = resolve_location(given).url
        backend = url.get_backend_name()
        return backend, url.host, url.port or _DEFAULT_PORTS.get(backend), url.database

    return where(source) == where(target)


def _copy_into(source: Workspace, target: str, replace: bool) -> CopyResult:
    location = resolve_location(target)
    new_file = location.path is not None and not location.path.exists()
    opened = None
    try:
        opened = open_workspace(target, sample_on_first_start=False)
        with source.reading() as reading, opened.transaction() as writing:
            into = writing.connection()
            if holds_rows(into):
                if not replace:
                    raise DatabaseError(_holds_data(opened.location.display))
                delete_all_rows(into)
            rows = copy_rows(reading.connection(), into)
        return CopyResult(
            rows, len(copied_tables()), source.location.display, opened.location.display
        )
    except BaseException:
        if opened is not None:
            opened.close()
            opened = None
        if new_file and location.path is not None:
            for file in database_files(location.path):
                file.unlink(missing_ok=True)
        raise
    finally:
        if opened is not None:
            opened.close()


def backup_database(requested: str | None, output: str | None = None) -> BackupResult:
    """A restorable SQLite copy of the database: the file itself copied, or a server's rows.

    By default beside an SQLite database, and in the current folder for a server's, named
    after the time; an existing file is never replaced.
    """
    opened = open_workspace(requested, sample_on_first_start=False)
    try:
        path = Path(output).expanduser().absolute() if output else None
        if path is not None and (path.exists() or path.is_symlink()):
            raise _exists(str(output))
        if opened.location.path is not None:
            opened.close()  # no connection of ours left to hold the WAL files
            try:
                return BackupResult(backup_sqlite_file(opened.location.path, path), None)
            except FileExistsError:  # made meanwhile by another program
                raise _exists(str(output)) from None
            finally:
                # The read-only connection of the backup cannot remove its WAL files.
                remove_idle_companions(opened.location.path)
        _refuse_partial_copy(opened)
        if path is None:
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            name = opened.location.url.database or "delegation"
            path = Path.cwd() / f"{Path(name).name}-backup-{stamp}.sqlite3"
        result = _copy_into(opened, str(path), replace=False)
        return BackupResult(path, result.rows)
    finally:
        opened.close()


def _exists(output: str) -> UnwritableError:
    return UnwritableError(output, _("a file is there already; nothing was written"))


def _holds_data(target: str) -> str:
    return _("{target}: the database holds data already; --replace replaces it").format(
        target=target
    )
