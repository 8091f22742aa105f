"""The operating system's, SQLite's and PostgreSQL's failures said in the user's words and
language.

Their own texts are English and technical ("attempt to write a readonly database"); the
error numbers, SQLite's error names and the server's SQLSTATEs say the same thing reliably.
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
    if reason:
        return _(reason)
    return server_reason(error) or first_line(error)


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


# A PostgreSQL server's refusals by their SQLSTATE, which psycopg gives with each error.
_SERVER_REASONS = {
    "57014": N_("the server stopped the request, which took too long; nothing was saved"),
    "53300": N_("the server has too many connections open; try again in a moment"),
    "57P03": N_("the server is starting or stopping; try again in a moment"),
    "28P01": N_("the server refused the user name or password"),
    "28000": N_("the server refused the user name or password"),
    "3D000": N_("the database does not exist on the server"),
}
# Failing to connect, libpq says why in text only (the server's part in its own language,
# English unless set otherwise): its phrases, most telling first.
_CONNECTION_REASONS = (
    ("password authentication failed", "28P01"),
    ("authentication failed", "28P01"),
    ("no password supplied", "no password"),
    ("too many clients", "53300"),
    ("too many connections", "53300"),
    ('role "', "28000"),
    ("does not exist", "3D000"),
    ("remaining connection slots", "53300"),
    ("the database system is", "57P03"),
    ("does not support SSL", "no TLS"),
    ("SSL", "TLS"),
    ("could not translate host name", "unknown host"),
    ("Connection refused", "no server"),
    ("timeout expired", "no server"),
    ("No route to host", "no server"),
)
_CONNECTION_TEXTS = {
    "no password": N_(
        "the server asks for a password and none was given (put it in the pgpass file)"
    ),
    "no TLS": N_("the server offers no encrypted connection, which sslmode asks for"),
    "TLS": N_("the encrypted connection failed ({error})"),
    "unknown host": N_("the server's name is unknown"),
    "no server": N_("no server answers at that address"),
}
# The server ended the session (an administrator, a restart) or the link broke.
_CONNECTION_LOST_STATES = ("57P01", "57P02")


def server_state(error: BaseException) -> str:
    """The SQLSTATE of a PostgreSQL error, "" for other errors."""
    return getattr(error, "sqlstate", None) or ""


def connection_lost_state(state: str) -> bool:
    """Whether an SQLSTATE says the connection to the server is gone."""
    return state in _CONNECTION_LOST_STATES or state.startswith("08")


def server_reason(error: BaseException) -> str | None:
    """Why a PostgreSQL server refused, or could not be reached, in one sentence; None for
    errors that are not a server's."""
    reason = _SERVER_REASONS.get(server_state(error))
    if reason:
        return _(reason)
    text = str(error)
    if not text.startswith("connection failed:") and "connection to server" not in text:
        return None
    for phrase, code in _CONNECTION_REASONS:
        if phrase in text:
            if code in _SERVER_REASONS:
                return _(_SERVER_REASONS[code])
            return _(_CONNECTION_TEXTS[code]).format(error=_libpq_detail(text))
    return _libpq_detail(text)


def _libpq_detail(text: str) -> str:
    """libpq's own words without the address it repeats: 'connection to server at … failed:'."""
    line = first_line(text)
    return line.rsplit(" failed: ", 1)[-1].strip() if " failed: " in line else line
