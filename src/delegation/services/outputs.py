"""Where an export may write: never over the open database, and over an existing file only
when the caller allows it."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from delegation.domain.errors import OutputExistsError, ValidationError
from delegation.i18n import _
from delegation.i18n.system_errors import unwritable
from delegation.persistence.location import database_files
from delegation.services.workspace import Workspace


def checked_output(
    workspace: Workspace, path: str | Path, *, replace: bool = True, field: str = "output"
) -> Path:
    """`path` as a Path once it is known not to be the database (nor its -wal, -shm or
    -journal file, through a symbolic or hard link either); with `replace` False, an
    existing file is refused with OutputExistsError."""
    target = Path(path)
    if is_database_file(workspace, target):
        raise ValidationError(
            field,
            _("{path} is the database itself: choose another file").format(path=target),
        )
    if target.is_dir():  # --force cannot replace a folder: say so, not "add --force"
        raise unwritable(target, IsADirectoryError(errno.EISDIR, "a folder"))
    if not replace and os.path.lexists(target):
        raise OutputExistsError(str(target))
    return target


def is_database_file(workspace: Workspace, path: Path) -> bool:
    """True when writing `path` would replace the workspace's database or a companion."""
    database = workspace.location.path
    if database is None:  # a server database: no file of ours to protect
        return False
    try:
        resolved = path.expanduser().resolve()
    except (OSError, RuntimeError):  # a symbolic link loop: not the database, and unwritable
        return False
    protected = database_files(database)
    if resolved in protected:
        return True
    # A hard link has a path of its own; only the file's identity gives it away.
    for file in protected:
        try:
            if os.path.samefile(resolved, file):
                return True
        except OSError:
            continue
    return False
