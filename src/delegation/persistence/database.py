"""Where the database is and how to open it: the engine, its pragmas, the file checks."""

import contextlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

from delegation.domain.errors import DatabaseError, first_line
from delegation.i18n import _
from delegation.i18n.system_errors import file_reason
from delegation.persistence.location import requested_database

SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class DatabaseLocation:
    """What the user asked for, resolved: an SQLAlchemy URL and, for SQLite, its file."""

    url: URL
    path: Path | None
    is_default: bool

    @property
    def display(self) -> str:
        """How to name the database in a message, without any password."""
        return str(self.path) if self.path else self.url.render_as_string(hide_password=True)


def resolve_location(requested: str | None) -> DatabaseLocation:
    """--db, else DELEGATION_DB, else the default file; a path or any SQLAlchemy URL."""
    asked = requested_database(requested)
    requested, is_default = asked.text, asked.is_default
    if asked.path is None:
        try:
            url = make_url(requested)
        except Exception as error:  # the URL parser raises ArgumentError and ValueError
            raise DatabaseError(
                _("{location}: not a database path or URL ({error})").format(
                    location=requested, error=error
                )
            ) from None
        if url.get_backend_name() == "sqlite":
            if not url.database or url.database == ":memory:" or url.query.get("uri"):
                raise DatabaseError(
                    _("{location}: give an SQLite file; a database in memory keeps nothing").format(
                        location=requested
                    )
                )
            path = Path(url.database).expanduser().resolve()
            # The engine must open the very file that was checked, "~" and all.
            return DatabaseLocation(url.set(database=str(path)), path, is_default)
        return DatabaseLocation(url, None, is_default)
    return DatabaseLocation(
        URL.create("sqlite+pysqlite", database=str(asked.path)), asked.path, is_default
    )


def prepare_sqlite_file(path: Path) -> bool:
    """Check an existing file is an SQLite database, or create an empty private one.

    Nothing is written to an existing file that is not a database: SQLite would
    only fail on its first read, after the caller had a chance to create WAL files.
    Returns True when the file was created now (and may be removed on failure).
    """
    if path.exists():
        if not path.is_file():
            raise DatabaseError(
                _("{path}: not a database file (it is a folder or a device)").format(path=path)
            )
        try:
            with path.open("rb") as handle:
                header = handle.read(len(SQLITE_HEADER))
        except OSError as error:
            raise DatabaseError(
                _("{path}: cannot read the file ({reason})").format(
                    path=path, reason=file_reason(error)
                )
            ) from None
        if header and header != SQLITE_HEADER:
            raise DatabaseError(
                _("{path}: not a Delegation database (not an SQLite file)").format(path=path)
            )
        if not os.access(path, os.W_OK):
            raise DatabaseError(_("{path}: the database file is read-only").format(path=path))
        if not header:
            # An empty file given to start a new database: it will hold personal data.
            path.chmod(stat.S_IRUSR | stat.S_IWUSR)
        return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Owner-only from the first byte: the file holds passports and health data.
        # SQLite gives its -wal and -shm files the same permissions.
        descriptor = os.open(
            path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, stat.S_IRUSR | stat.S_IWUSR
        )
        os.close(descriptor)
    except OSError as error:
        raise DatabaseError(
            _("{path}: cannot create the database ({reason})").format(
                path=path, reason=file_reason(error)
            )
        ) from None
    return True


def remove_idle_companions(path: Path) -> None:
    """Remove the -wal and -shm beside `path` when the WAL holds nothing and no other
    process has the database open: reading a WAL database, even read-only, makes them, and
    a refused file is to be left as it was found. Another program's files stay, as does a
    WAL with content."""
    wal, shm = (path.with_name(path.name + suffix) for suffix in ("-wal", "-shm"))
    with contextlib.suppress(OSError):
        if wal.is_file() and wal.stat().st_size > 0:
            return
        if shm.is_file() and _held_elsewhere(shm):
            return
        for file in (wal, shm):
            if file.is_file():
                file.unlink()


# While a connection uses a WAL database, SQLite holds a read lock on one byte of the -shm
# file (its "DMS" byte: 128 in the unix VFS), and removes both files when the last one
# closes. Windows refuses to remove a file in use: there, trying is enough.
_DMS_BYTE = 128


def _held_elsewhere(shm: Path) -> bool:
    """Whether another process has the database open (this one has closed its own)."""
    if os.name != "posix":
        return False
    import fcntl

    descriptor = os.open(shm, os.O_RDWR)
    try:
        fcntl.lockf(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, _DMS_BYTE)
    except OSError:
        return True
    else:
        fcntl.lockf(descriptor, fcntl.LOCK_UN, 1, _DMS_BYTE)
        return False
    finally:
        os.close(descriptor)


def _configure_sqlite_connection(dbapi_connection, _record) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin, so that
    # DDL is transactional too: a failed migration then leaves the file as it was.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    # WAL lets the window read while a save is written; FULL syncs each commit to
    # disk, so an edit the user saw saved survives a power cut.
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA busy_timeout = 5000")
    cursor.close()


# The execution option that marks an engine's transactions as reads: they never write.
READS_ONLY = "delegation_reads_only"


def _begin_sqlite_transaction(connection) -> None:
    if connection.get_execution_options().get(READS_ONLY, False):
        # A deferred transaction takes its snapshot at the first read and never the write
        # lock: under WAL it answers at once while another program writes.
        connection.exec_driver_sql("BEGIN")
        return
    # IMMEDIATE takes the write lock at once: a transaction that read, then writes,
    # would otherwise fail outright when another process wrote in between, since
    # SQLite cannot wait (busy_timeout) for a snapshot that has gone stale.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


# One key for the whole database, which write transactions take in turn.
_WRITERS_LOCK = 0x64656C65
# Where a write transaction's number on the server is kept, in its connection's info.
TRANSACTION_NUMBER = "delegation_transaction_number"


def _begin_server_transaction(connection) -> None:
    if connection.get_execution_options().get(READS_ONLY, False):
        return
    # Writers wait for one another, as SQLite's BEGIN IMMEDIATE makes them: a use case
    # that reads, then writes, would otherwise act on rows another program is writing
    # (two imports of one file would each add every person). Within the same time SQLite
    # waits (its busy timeout), or the database is said to be busy.
    connection.exec_driver_sql("SET LOCAL lock_timeout = '5s'")
    # The transaction's number, in the same round trip: should the connection be lost as
    # it commits, the server can say afterwards whether the commit happened.
    number = connection.exec_driver_sql(
        f"SELECT txid_current() FROM pg_advisory_xact_lock({_WRITERS_LOCK})"
    ).scalar()
    connection.info[TRANSACTION_NUMBER] = number


def transaction_status(connection, number: int) -> str | None:
    """What became of the server transaction `number`: "committed", "aborted", "in
    progress", or None when the server has forgotten it."""
    return connection.execute(text("SELECT txid_status(:number)"), {"number": number}).scalar()


def create_database_engine(location: DatabaseLocation, **options) -> Engine:
    if location.url.get_backend_name() == "sqlite":
        engine = create_engine(location.url, **options)
        event.listen(engine, "connect", _configure_sqlite_connection)
        event.listen(engine, "begin", _begin_sqlite_transaction)
        return engine
    try:
        engine = create_engine(location.url, pool_pre_ping=True, **options)
    except (
        Exception
    ) as error:  # a missing driver raises ModuleNotFoundError, an odd URL ArgumentError
        raise DatabaseError(
            _("{location}: cannot use this database ({error})").format(
                location=location.display, error=first_line(error)
            )
        ) from None
    if engine.dialect.name == "postgresql":
        from delegation.persistence.roles import keep_viewers_to_their_views

        event.listen(engine, "begin", _begin_server_transaction)
        event.listen(engine, "connect", keep_viewers_to_their_views)
    return engine


def _touch_rows_whose_lists_changed(session: Session, _context, _instances) -> None:
    """A row whose many-to-many list changed (groups, passengers) counts as edited.

    Such a change writes only to the link table, so the row's version would not move
    and a colleague's stale copy of it could still be saved over the change.
    """
    from delegation.persistence.base import Versioned

    for instance in session.dirty:
        if not isinstance(instance, Versioned):
            continue
        state = inspect(instance)
        if any(
            relationship.secondary is not None
            and state.attrs[relationship.key].history.has_changes()
            for relationship in state.mapper.relationships
        ):
            instance.touch()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    # Services hand out plain dataclasses, so ORM objects need not survive a commit.
    factory = sessionmaker(engine, expire_on_commit=False)
    event.listen(factory, "before_flush", _touch_rows_whose_lists_changed)
    return factory


def _refuse_flush_when_reading(session: Session, _context, _instances) -> None:
    """A read transaction holds no write lock: a change made in it is a programming error.

    Let it surface here rather than as a write that SQLite refuses, or that waits, only
    when another program happens to be writing.
    """
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("a read-only use case tried to save changes")


def make_read_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions whose transactions only read: deferred on SQLite, one snapshot elsewhere."""
    options: dict[str, object] = {READS_ONLY: True}
    if engine.dialect.name != "sqlite":
        # A server's default (READ COMMITTED) would show each statement another program's
        # latest commit: a listing and its counts could then disagree.
        options["isolation_level"] = "REPEATABLE READ"
    factory = sessionmaker(engine.execution_options(**options), expire_on_commit=False)
    event.listen(factory, "before_flush", _refuse_flush_when_reading)
    return factory
