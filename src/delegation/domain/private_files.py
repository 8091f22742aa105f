"""Owner-only files and folders: what the program writes holds personal data.

Plain `os` calls, below every layer that writes, so that lists, reports, the log and the
database folder share one rule. On Windows the modes below only toggle the read-only
flag; privacy there comes from the user profile's inherited ACLs, which we do not edit.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TextIO, TypeVar

PRIVATE_FILE = stat.S_IRUSR | stat.S_IWUSR  # 0o600
PRIVATE_FOLDER = stat.S_IRWXU  # 0o700

Result = TypeVar("Result")


def make_private_folder(folder: Path) -> None:
    """Create `folder` and any missing parent owner-only; folders already there are left be."""
    missing: list[Path] = []
    current = folder
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    for created in reversed(missing):
        with contextlib.suppress(FileExistsError):  # another process made it meanwhile
            os.mkdir(created, PRIVATE_FOLDER)
            # mkdir's mode passes through the umask, which may only narrow it; chmod sets it
            # exactly, so a umask of 0o277 cannot leave a folder we cannot enter.
            os.chmod(created, PRIVATE_FOLDER)


def replacement_mode(target: Path) -> int:
    """The mode a file written at `target` gets: a replaced file keeps its own permission
    bits (never set-id bits, never more than it had), a new file is owner-only."""
    try:
        existing = os.stat(target)
    except OSError:
        return PRIVATE_FILE
    if not stat.S_ISREG(existing.st_mode):
        return PRIVATE_FILE
    return stat.S_IMODE(existing.st_mode) & 0o777


def write_privately(target: Path, write: Callable[[BinaryIO], Result]) -> Result:
    """Produce `target` with `write` through a temporary file beside it and a rename, so it
    is complete or unchanged; raises OSError. The temporary file is owner-only from its
    first byte and gets `replacement_mode` before it takes the target's place."""
    mode = replacement_mode(target)
    temporary, descriptor = create_private_temporary(target)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            result = write(stream)
            stream.flush()
            # Without fsync a power cut after the rename could leave an empty file behind.
            os.fsync(stream.fileno())
            _set_mode(stream.fileno(), temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        # BaseException too: a Ctrl+C during a long export must not leave a stray file.
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    sync_folder(target.parent)
    return result


def open_private_log(path: Path) -> TextIO:
    """Open the program's own log for appending, owner-only even if an older version made
    it readable by all (it holds tracebacks that may quote personal data)."""
    make_private_folder(path.parent)
    flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags, PRIVATE_FILE)
    try:
        _set_mode(descriptor, path, PRIVATE_FILE)
        return os.fdopen(descriptor, "a", encoding="utf-8")
    except BaseException:
        os.close(descriptor)
        raise


def _set_mode(descriptor: int, path: Path, mode: int) -> None:
    # fchmod where it exists (POSIX): the umask narrowed the mode os.open was given.
    if hasattr(os, "fchmod"):
        os.fchmod(descriptor, mode)
    else:
        os.chmod(path, mode)


def create_private_temporary(target: Path) -> tuple[Path, int]:
    """Create a hidden, unique, owner-only file beside `target`; return it and its descriptor."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        candidate = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            return candidate, os.open(candidate, flags, PRIVATE_FILE)
        except FileExistsError:
            continue


def sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows opening a folder."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # Windows cannot open a folder; NTFS journals the rename anyway.
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
