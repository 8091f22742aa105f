"""Each write transaction leaves a line in the change feed, which the other programs open
on the database read to show what a colleague changed.

The line names tables and row ids, as the flush and the statements of the transaction
wrote them; the services say what that means to a page. On PostgreSQL the commit also
notifies the listeners (NOTIFY is delivered at commit, and not at all on a rollback); on
SQLite, a program learns of another's commit from the file's change counter.
"""

import contextlib
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from sqlalchemy import Engine, delete, event, func, insert, inspect, select
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

from delegation.persistence.base import current_user, utcnow
from delegation.persistence.models.feed import CommittedChange

CHANNEL = "delegation_changes"
# Lines kept: a program that fell further behind (a laptop asleep) reads everything again.
KEPT = 1000
_FEED = CommittedChange.__table__
_NOTED = "delegation_noted_changes"


@dataclass
class _Noted:
    """What one transaction wrote so far."""

    rows: dict[str, set[int] | None] = field(default_factory=dict)
    trip_ids: set[int] | None = field(default_factory=set)  # None: any trip may have

    def add(self, table: str, ids: Iterable[int] | None, trip_ids: Iterable[int] | None) -> None:
        if table == _FEED.name:
            return
        known = self.rows.get(table, set())
        self.rows[table] = None if ids is None or known is None else known | set(ids)
        if trip_ids is None or self.trip_ids is None:
            self.trip_ids = None
        else:
            self.trip_ids |= set(trip_ids)


def record_changes(sessions: sessionmaker[Session], origin: str) -> None:
    """Make every committed transaction of `sessions` leave its line, naming `origin`."""
    sessions.kw["info"] = {**sessions.kw.get("info", {}), "origin": origin}
    event.listen(sessions, "after_flush", _note_flushed)
    event.listen(sessions, "do_orm_execute", _note_statement)
    event.listen(sessions, "before_commit", _write_line)
    event.listen(sessions, "after_soft_rollback", _forget)


def _noted(session: Session) -> _Noted:
    return session.info.setdefault(_NOTED, _Noted())


def _note_flushed(session: Session, _context) -> None:
    noted = _noted(session)
    # A row merely touched (an attribute set to the value it had) is not news.
    edited = [instance for instance in session.dirty if session.is_modified(instance)]
    for instance in chain(session.new, edited, session.deleted):
        table = inspect(instance).mapper.persist_selectable
        trip = _trip_of(instance, table.name)
        noted.add(table.name, [instance.id], None if trip is _UNKNOWN else [trip] if trip else [])


_UNKNOWN = object()


def _trip_of(instance: Any, table: str) -> Any:
    """The trip a row belongs to; None for the directory's, _UNKNOWN when only a join
    would say (a room, through its hotel)."""
    if table == "trips":
        return instance.id
    if hasattr(instance, "trip_id"):
        return instance.trip_id
    return (
        None if table in ("contacts", "organizations", "venues", "import_value_maps") else _UNKNOWN
    )


def _note_statement(state: ORMExecuteState) -> None:
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    if table is None:
        return
    given = state.parameters
    rows: list[Any] = list(given) if isinstance(given, list) else [given or {}]
    trips = {row.get("trip_id") for row in rows}
    known = {trip for trip in trips if isinstance(trip, int)}
    _noted(state.session).add(table.name, None, known if len(known) == len(trips) else None)


def _write_line(session: Session) -> None:
    session.flush()  # the last changes, which commit would flush only after this hook
    noted = session.info.pop(_NOTED, None)
    if noted is None or not noted.rows:
        return
    line = session.execute(
        insert(_FEED)
        .values(
            committed_at=utcnow(),
            committed_by=current_user(),
            origin=session.info.get("origin", ""),
            trip_ids=None if noted.trip_ids is None else sorted(noted.trip_ids),
            rows={name: None if ids is None else sorted(ids) for name, ids in noted.rows.items()},
        )
        .returning(_FEED.c.id)
    ).scalar_one()
    if line % 100 == 0:
        session.execute(delete(_FEED).where(_FEED.c.id <= line - KEPT))
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_notify(CHANNEL, str(line))))


def _forget(session: Session, _previous) -> None:
    session.info.pop(_NOTED, None)


def newest_line(session: Session) -> int:
    return session.scalar(select(func.max(_FEED.c.id))) or 0


def lines_after(session: Session, line: int) -> list[CommittedChange]:
    return list(
        session.scalars(select(CommittedChange).where(CommittedChange.id > line).order_by("id"))
    )


class CommitSignal:
    """Whether another program may have committed since last asked: cheap enough to ask
    every half second. On SQLite the file's change counter (`PRAGMA data_version`, which
    moves when another connection commits); on PostgreSQL, a notification received by a
    thread listening on its own connection."""

    def __init__(self, engine: Engine) -> None:
        self._stop = threading.Event()
        self._notified = threading.Event()
        self._notified.set()  # the first question reads the feed
        self._counter: sqlite3.Connection | None = None
        self._version: int | None = None
        self._listener: threading.Thread | None = None
        if engine.dialect.name == "sqlite":
            assert engine.url.database, "a file, not a database in memory"
            self._counter = sqlite3.connect(engine.url.database, check_same_thread=False)
        else:
            self._listener = threading.Thread(
                target=self._listen, args=(engine,), name="change feed", daemon=True
            )
            self._listener.start()

    def moved(self) -> bool:
        if self._counter is not None:
            version = self._counter.execute("PRAGMA data_version").fetchone()[0]
            moved, self._version = version != self._version, version
            return moved
        moved = self._notified.is_set()
        self._notified.clear()
        return moved

    def _listen(self, engine: Engine) -> None:
        while not self._stop.is_set():
            try:
                connection = engine.raw_connection()
            except Exception:  # the server away: try again in a moment
                self._stop.wait(2)
                continue
            try:
                driver = connection.driver_connection
                assert driver is not None
                driver.commit()
                driver.autocommit = True
                driver.execute(f"LISTEN {CHANNEL}")
                self._notified.set()  # what was committed while no one listened
                while not self._stop.is_set():
                    for _notification in driver.notifies(timeout=1.0, stop_after=1):
                        self._notified.set()
            except Exception:  # the connection lost: listen again on a new one
                self._notified.set()
                self._stop.wait(1)
            finally:
                with contextlib.suppress(Exception):
                    connection.invalidate()  # a LISTENing connection goes back to no pool

    def close(self) -> None:
        self._stop.set()
        if self._listener is not None:
            self._listener.join(timeout=3)
        if self._counter is not None:
            self._counter.close()
