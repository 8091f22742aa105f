"""The operating system's and SQLite's failures said in the user's words and language.

Their own texts are English and technical ("attempt to write a readonly database"); the
error numbers and SQLite's error names say the same thing reliably.
"""

from __future__ import annotations

import errno
import re
import shutil
from pathlib import Path

from delegation.domain.errors import UnwritableError, first_line
from delegation.i18n.translation import N_, _

_FILE_REASONS = {
    errno.ENOENT: N_("the folder does not exist"),
    errno.ENOTDIR: N_("part of the path is a file, not a folder"),
    errno.EISDIR: N_("a folder of that name is there"),
    errno.EACCES: N_("no permission"),
    errno.EPERM: N_("no permission"),
    errno.EROFS: N_("the disk is read-only"),
    errno.ENOSPC: N_("the disk is full"),
    getattr(errno, "EDQUOT", errno.ENOSPC): N_("the disk is full"),  # over the user's quota
    errno.EFBIG: N_("the file is too large for the disk"),
    errno.ENAMETOOLONG: N_("the name is too long"),
    errno.EIO: N_("the disk could not be read or written"),
}


def file_reason(error: OSError) -> str:
    """Why a file or folder could not be written or read, as a user can act on it."""
    reason = _FILE_REASONS.get(error.errno) if error.errno is not None else None
    return _(reason) if reason else error.strerror or first_line(error)


def unwritable(path: str | Path, error: OSError) -> UnwritableError:
    """The one-line error for an output that could not be written at `path`."""
    return UnwritableError(
        str(path), _("cannot be written ({reason})").format(reason=file_reason(error)), error.errno
    )


_DATABASE_REASONS = {
    "SQLITE_CORRUPT": N_("the file is damaged"),
    "SQLITE_NOTADB": N_("the file is damaged"),
    "SQLITE_READONLY": N_("the database or its folder is read-only"),
    "SQLITE_CANTOPEN": N_("the file or its folder cannot be opened"),
    "SQLITE_PERM": N_("the file or its folder cannot be opened"),
    "SQLITE_IOERR": N_("the disk could not be read or written"),
}


def database_reason(error: BaseException, file: Path | None = None) -> str:
    """What went wrong with the database `file`, for a driver error or a failed decoding."""
    text = str(error)
    if isinstance(error, UnicodeDecodeError) or text.startswith("Could not decode"):
        return _("the file is damaged: some of its text cannot be read")
    if text.startswith(("no such table", "no such column")):  # another program's doing
        return _("the file is damaged: part of its structure is missing")
    # SQLite's primary result code by name; its extended codes (SQLITE_READONLY_DIRECTORY…)
    # fall under it.
    primary = "_".join((getattr(error, "sqlite_errorname", None) or "").split("_")[:2])
    # A full disk shows as an I/O error when SQLite cannot grow its shared-memory file:
    # the free space says which it was.
    if primary == "SQLITE_FULL" or (
        primary in ("SQLITE_IOERR", "SQLITE_CANTOPEN") and _disk_full(file)
    ):
        return _("the disk is full")
    reason = _DATABASE_REASONS.get(primary)
    return _(reason) if reason else first_line(error)


def _disk_full(file: Path | None) -> bool:
    if file is None:
        return False
    try:
        return shutil.disk_usage(file.parent).free < 64 * 1024  # less than a WAL's growth
    except OSError:
        return False


# What a unique column holds, as a user would name it in "the same …".
_UNIQUE_VALUES = {
    "email": N_("email address"),
    "name": N_("name"),
    "key": N_("key"),
    "code": N_("code"),
    "label": N_("room number"),
    "contact_id": N_("person"),
}
_UNIQUE_COLUMN = re.compile(r"UNIQUE constraint failed: \w+\.(\w+)|Key \((\w+)")


def constraint_conflict(error: BaseException) -> str | None:
    """The refusal to show when a save lost a race with someone else's (a unique value
    taken, a referred record removed meanwhile); None for other constraints, which the
    services check first."""
    name = getattr(error, "sqlite_errorname", None) or ""
    state = getattr(error, "sqlstate", None) or ""  # PostgreSQL, through psycopg
    if name in ("SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY") or state == "23505":
        found = _UNIQUE_COLUMN.search(str(error))
        column = next((group for group in found.groups() if group), "") if found else ""
        value = _(_UNIQUE_VALUES[column]) if column in _UNIQUE_VALUES else column
        return _(
            "someone else saved a record with the same {value} meanwhile; nothing was saved"
        ).format(value=value or _("value"))
    if name == "SQLITE_CONSTRAINT_FOREIGNKEY" or state == "23503":
        return _("a record this change refers to was removed meanwhile; nothing was saved")
    return None
