"""An open delegation database: where every use case gets its transaction."""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, event
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from delegation.domain.errors import (
    ConflictError,
    ConnectionLostError,
    DatabaseError,
    DelegationError,
    PermissionRefusedError,
    ValidationError,
    first_line,
)
from delegation.i18n import _
from delegation.i18n.system_errors import (
    connection_lost_state,
    constraint_conflict,
    database_reason,
    server_reason,
    server_state,
)
from delegation.persistence.change_feed import record_changes
from delegation.persistence.database import (
    READS_ONLY,
    TRANSACTION_NUMBER,
    DatabaseLocation,
    create_database_engine,
    make_read_session_factory,
    make_session_factory,
    prepare_sqlite_file,
    remove_idle_companions,
    resolve_location,
    transaction_status,
)
from delegation.persistence.roles import Access, read_access
from delegation.persistence.schema import SchemaOutcome, ensure_schema


class Workspace:
    """The database the program works on, with the outcome of opening it."""

    def __init__(self, location: DatabaseLocation, outcome: SchemaOutcome, engine) -> None:
        self.location = location
        self.outcome = outcome
        self._engine = engine
        self.origin = uuid.uuid4().hex  # this program, as the change feed names it
        self._sessions = make_session_factory(engine)
        record_changes(self._sessions, self.origin)
        self._read_sessions = make_read_session_factory(engine)
        event.listen(self._sessions, "after_begin", _keep_transaction_number)
        self.access = Access()
        if location.path is None:  # an SQLite file is protected by its file permissions
            try:
                with engine.connect() as connection:
                    self.access = read_access(connection)
            except DBAPIError as error:
                raise self._unusable(_driver_error(error)) from None

    @property
    def sees_private(self) -> bool:
        """Whether the user may read the private columns (identity, health, emergency)."""
        return self.access.sees_private

    @property
    def may_edit(self) -> bool:
        """Whether the user may change anything: a viewer may not."""
        return self.access.may_edit

    def require_edit(self) -> None:
        """Refuse a change at once to a user who may only view the database; the server
        would refuse it anyway."""
        if not self.may_edit:
            raise _view_only()

    def require_private(self, document: str) -> None:
        """Refuse, before anything is written, a document that shows private data to a user
        who may not read it."""
        if not self.sees_private:
            raise PermissionRefusedError(
                _(
                    "{document}: shows private data (identity, health or emergency contacts)"
                    " that a viewer of this database may not see; nothing was written"
                ).format(document=document)
            )

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One use case that writes, one transaction: committed whole or not at all.

        On SQLite it takes the write lock at once, so it waits (the busy timeout) while
        another program writes.
        """
        with self._session(self._sessions) as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """One use case that only reads: one consistent snapshot, and no write lock.

        On SQLite it answers while another program writes, and sees the data as it was
        before that program commits; on a server database it is a plain transaction.
        Saving a change in it is refused.
        """
        with self._session(self._read_sessions) as session:
            yield session

    @contextmanager
    def _session(self, sessions: sessionmaker[Session]) -> Iterator[Session]:
        session = sessions()
        committing = False
        try:
            with session.begin():
                yield session
                committing = True
        except StaleDataError:
            raise ConflictError(
                _("someone else changed this record since it was read; nothing was saved")
            ) from None
        except (IntegrityError, DataError) as error:
            conflict = constraint_conflict(_driver_error(error))
            if conflict is not None:  # a race lost to another program's save
                raise ConflictError(conflict) from None
            # The services check their rules first; this is the database's last word.
            raise ValidationError(
                "record",
                _("the database refused the change ({error})").format(error=first_line(error.orig)),
            ) from None
        except DBAPIError as error:  # a damaged file, a busy database, a lost connection...
            writes = sessions is self._sessions
            number = session.info.get(TRANSACTION_NUMBER) if committing else None
            raise self._failure(error, writes=writes, committing_number=number) from None
        # A date that is not one (ValueError), or not even text (TypeError); a status no
        # enum has (LookupError).
        except (ValueError, TypeError, LookupError) as error:
            if not _raised_reading_a_row(error):
                raise
            # Written by another program, or by a failing disk.
            raise DatabaseError(
                _("{location}: the file is damaged: a stored value cannot be read").format(
                    location=self.location.display
                )
            ) from None
        finally:
            session.close()

    def _failure(
        self, error: DBAPIError, *, writes: bool, committing_number: int | None
    ) -> DelegationError:
        driver_error = _driver_error(error)
        state = server_state(driver_error)
        if state == _INSUFFICIENT_PRIVILEGE:  # a viewer's change, refused by the server
            return _view_only()
        if error.connection_invalidated or connection_lost_state(state):
            return self._connection_lost(writes, committing_number)
        if state in _TRY_AGAIN_STATES:  # the server undid the transaction: it can be redone
            return ConflictError(
                _(
                    "another program's change got in the way of this one; nothing was saved:"
                    " try again"
                )
            )
        text = str(driver_error)
        sqlite_busy = isinstance(error, OperationalError) and ("locked" in text or "busy" in text)
        if sqlite_busy or state == _LOCK_NOT_AVAILABLE:
            return ConflictError(_("the database is busy with another program's change; try again"))
        return self._unusable(driver_error)

    def _connection_lost(self, writes: bool, committing_number: int | None) -> DatabaseError:
        """The one message for a connection that broke: opened again (the pool's connections
        are all replaced), and whether the change was saved, as the server remembers it."""
        try:
            with self._engine.connect().execution_options(**{READS_ONLY: True}) as connection:
                status = (
                    transaction_status(connection, committing_number)
                    if committing_number is not None
                    else None
                )
        except DBAPIError as error:
            reason = server_reason(_driver_error(error)) or first_line(_driver_error(error))
            if not writes:
                message = _(
                    "the connection to the server was lost and cannot be opened again ({reason})"
                )
            elif committing_number is None:
                message = _(
                    "the connection to the server was lost and cannot be opened again"
                    " ({reason}); your last change was not saved"
                )
            else:
                message = _(
                    "the connection to the server was lost and cannot be opened again"
                    " ({reason}); whether your last change was saved will show once"
                    " it is back"
                )
            return ConnectionLostError(
                message.format(reason=reason), False if committing_number is None else None
            )
        if not writes:
            return ConnectionLostError(
                _("the connection to the server was lost and has been opened again; try again"),
                False,
            )
        if status == "committed":
            return ConnectionLostError(
                _(
                    "the connection to the server was lost and has been opened again;"
                    " your last change was saved"
                ),
                True,
            )
        if status == "in progress":
            return ConnectionLostError(
                _(
                    "the connection to the server was lost and has been opened again; whether"
                    " your last change was saved cannot be told yet: look before doing it again"
                ),
                None,
            )
        return ConnectionLostError(
            _(
                "the connection to the server was lost and has been opened again; your last"
                " change was not saved: try again"
            ),
            False,
        )

    def _unusable(self, driver_error: BaseException) -> DatabaseError:
        reason = database_reason(driver_error, self.location.path)
        return DatabaseError(f"{self.location.display}: {reason}")

    @property
    def engine(self) -> Engine:
        return self._engine

    def close(self) -> None:
        self._engine.dispose()


# PostgreSQL's code for a lock not obtained within lock_timeout.
_LOCK_NOT_AVAILABLE = "55P03"
# A serialization failure, a deadlock: the server undid one transaction so others go on.
_TRY_AGAIN_STATES = ("40001", "40P01")


def _keep_transaction_number(session: Session, _transaction, connection) -> None:
    """The server's number for a write transaction, kept with its session: the connection
    that knows it may be lost by the time it is asked for."""
    session.info[TRANSACTION_NUMBER] = connection.info.pop(TRANSACTION_NUMBER, None)


# PostgreSQL's code for a statement the user's privileges do not allow.
_INSUFFICIENT_PRIVILEGE = "42501"


def _view_only() -> PermissionRefusedError:
    return PermissionRefusedError(
        _(
            "you may only view this database: changes and private data are for its"
            " organisers; nothing was saved"
        )
    )


def _driver_error(error: DBAPIError) -> BaseException:
    """The driver's own error, which SQLAlchemy keeps in each it wraps; the wrapper itself
    should one come without."""
    return error.orig if error.orig is not None else error


def _raised_reading_a_row(error: Exception) -> bool:
    """True when the driver or SQLAlchemy's conversion of a stored value raised `error`, not
    the program's own code: its innermost Python frame is theirs."""
    trace = error.__traceback__
    if trace is None:
        return False
    while trace.tb_next is not None:
        trace = trace.tb_next
    return "sqlalchemy" in Path(trace.tb_frame.f_code.co_filename).parts


def open_workspace(
    requested: str | None = None, *, sample_on_first_start: bool = True
) -> Workspace:
    """Open (creating or upgrading) the database named by --db, DELEGATION_DB or the default.

    The sample delegation is loaded into a default database created now, so that a
    new user finds something to explore.
    """
    location = resolve_location(requested)
    created_file = prepare_sqlite_file(location.path) if location.path else False
    engine = None
    try:
        engine = create_database_engine(location)
        outcome = ensure_schema(engine, location)
        workspace = Workspace(location, outcome, engine)
        if sample_on_first_start and location.is_default and outcome.created:
            from delegation.services.demo import load_demo

            load_demo(workspace)
    except Exception:
        if engine is not None:
            engine.dispose()
        if created_file and location.path is not None:
            # Leave no half-made database behind: the next start begins afresh.
            for suffix in ("", "-wal", "-shm"):
                location.path.with_name(location.path.name + suffix).unlink(missing_ok=True)
        elif location.path is not None:
            remove_idle_companions(location.path)  # a refused file is left as it was found
        raise
    return workspace
