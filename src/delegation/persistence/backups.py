"""Copies of an SQLite database beside it, published only once complete and checked."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import datetime
from pathlib import Path

from delegation.domain.errors import DatabaseError
from delegation.domain.private_files import create_private_temporary, sync_folder
from delegation.i18n import _
from delegation.i18n.system_errors import database_reason, file_reason

_TABLES = "SELECT count(*) FROM sqlite_master WHERE type = 'table'"


def backup_sqlite_file(path: Path, destination: Path | None = None) -> Path:
    """A consistent copy of `path`, beside it named after the time or at `destination`
    (never replaced: FileExistsError); returns its path.

    SQLite's online backup copies the pages the WAL holds too. The copy is made under a
    hidden temporary name and takes its own name only once `PRAGMA integrity_check`
    passes and it has as many tables as the original: a backup interrupted or damaged
    never stands under a backup's name. Raises DatabaseError, having changed nothing.
    """
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    first = destination or path.with_name(f"{path.stem}-backup-{stamp}{path.suffix}")
    try:
        temporary, descriptor = create_private_temporary(first)
    except OSError as error:
        raise _failed(path, file_reason(error)) from None
    os.close(descriptor)
    try:
        if not _copy_and_check(path, temporary):
            raise _failed(path, _("the copy failed its integrity check"))
        return _publish(temporary, first, numbered=destination is None)
    except FileExistsError:
        raise
    except sqlite3.Error as error:
        raise _failed(path, database_reason(error, path)) from None
    except OSError as error:
        raise _failed(path, file_reason(error)) from None
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()


def _copy_and_check(source_path: Path, copy_path: Path) -> bool:
    """Copy the database to `copy_path`, on disk; True when the copy proves sound."""
    source = sqlite3.connect(source_path.as_uri() + "?mode=ro", uri=True)
    try:
        copy = sqlite3.connect(copy_path)
        try:
            source.backup(copy)
            sound = _is_sound(copy, source)
        finally:
            copy.close()
    finally:
        source.close()
    with open(copy_path, "rb") as written:  # on disk before it takes a backup's name
        os.fsync(written.fileno())
    return sound


def _is_sound(copy: sqlite3.Connection, source: sqlite3.Connection) -> bool:
    """SQLite's integrity check passes on the copy, which has every table of the source."""
    if copy.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
        return False
    return copy.execute(_TABLES).fetchone() == source.execute(_TABLES).fetchone()


def _publish(temporary: Path, first: Path, *, numbered: bool = True) -> Path:
    """Give the copy the first free name from `first` on (only `first` unless `numbered`);
    a link never replaces a file."""
    target, counter = first, 1
    while True:
        try:
            if os.path.lexists(target):
                raise FileExistsError(target)
            try:
                os.link(temporary, target)
            except FileExistsError:
                raise
            except OSError:  # a file system without links (FAT): a rename, just checked
                os.rename(temporary, target)
        except FileExistsError:
            if not numbered:
                raise
            counter += 1
            target = first.with_name(f"{first.stem}-{counter}{first.suffix}")
            continue
        sync_folder(target.parent)
        return target


def _failed(path: Path, reason: str) -> DatabaseError:
    return DatabaseError(
        _("{path}: the backup copy could not be made ({reason}); nothing was changed").format(
            path=path, reason=reason
        )
    )
