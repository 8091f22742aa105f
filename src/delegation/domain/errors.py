"""Errors every layer may raise and every front end knows how to show."""


def first_line(error: object) -> str:
    """A database driver's message without its hints and links on further lines."""
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


class DelegationError(Exception):
    """A failure the user can understand and act on; its text is shown as is."""


class NotFoundError(DelegationError):
    """The trip, participant or other object asked for does not exist."""


class ValidationError(DelegationError):
    """Data refused by a rule; names the field and, when known, file and line."""

    def __init__(self, field: str, reason: str, *, location: str | None = None) -> None:
        self.field = field
        self.reason = reason
        self.location = location
        prefix = f"{location}: " if location else ""
        super().__init__(f"{prefix}{field}: {reason}")


class ConflictError(DelegationError):
    """Someone else changed the record since it was read (optimistic concurrency)."""


class DatabaseError(DelegationError):
    """The database cannot be opened or used: not a database, too new, unreadable."""


class ConnectionLostError(DatabaseError):
    """The connection to the database server broke during a use case. `saved` says whether
    its change was committed: True, False, or None when the server cannot tell yet."""

    def __init__(self, message: str, saved: bool | None) -> None:
        super().__init__(message)
        self.saved = saved


class FileRefusedError(DelegationError):
    """A whole file cannot be read: not a spreadsheet, empty, unknown encoding, a required
    column missing. Says which file (and line, when there is one) and why, in one line."""

    def __init__(self, location: str, reason: str) -> None:
        self.location = location
        self.reason = reason
        super().__init__(f"{location}: {reason}")


class MixedEncodingError(FileRefusedError):
    """A UTF-8 text file with bytes of another encoding on some lines: refused unless the
    caller accepts reading those bytes one by one as Windows-1252 (a repair)."""

    def __init__(self, location: str, reason: str, lines: tuple[int, ...]) -> None:
        super().__init__(location, reason)
        self.lines = lines  # every line holding a stray byte, in order


class UnwritableError(DelegationError):
    """An output (a document, an export, a backup, the database's folder) cannot be written
    where the user asked: no such folder, a folder there, read-only, the disk full."""

    def __init__(self, location: str, reason: str, code: int | None = None) -> None:
        # All in args: the error crosses from the worker processes that draw itineraries.
        super().__init__(location, reason, code)
        self.location = location
        self.reason = reason
        self.code = code  # the system's error number, to say it again in another language

    def __str__(self) -> str:
        return f"{self.location}: {self.reason}"


class OutputExistsError(DelegationError):
    """An output file is there already and replacing it was not asked for; names the file."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(path)


class PermissionRefusedError(DelegationError):
    """The user's role on a shared database does not allow this: a viewer changing a
    record, or asking for a document that shows private data."""
