"""Raise the iCalendar SEQUENCE of the events whose shown content a flush changes.

Raised in the database (sequence + 1), not from the value read: a change made elsewhere
in between (a venue renamed by a colleague) is counted too. The rows are raised without
their version, so that nobody's open editor is refused because of it, and in one
statement per table after the flush's own updates, which stay batched.
"""

from sqlalchemy import Table, event, inspect, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapper, Session, UOWTransaction, object_session

from delegation.persistence.base import Base
from delegation.persistence.models.columns import CalendarEntry
from delegation.persistence.models.programme import AgendaItem, Venue
from delegation.persistence.models.trips import Trip

# What an item's event shows of its venue: the place's name and address, its GEO.
_VENUE_FIELDS = ("name", "address", "latitude", "longitude")
# An item's times are read in the trip's zone: another zone moves every event.
_TRIP_FIELDS = ("timezone",)
_CHANGED = "calendar entries changed"  # key in Session.info: the records this flush raises
_CHUNK = 500  # ids per statement, well under any database's limit of parameters


def _changed(record: object, names: tuple[str, ...]) -> bool:
    attributes = inspect(record).attrs
    return any(attributes[name].history.has_changes() for name in names)


def _raise(connection: Connection, table: Table, *condition, stamped: bool = False) -> None:
    """Raise the sequence of the rows matching `condition`; `stamped`: their own update
    has already said who changed them and when, else this raise says it (LAST-MODIFIED)."""
    kept = {"updated_at": table.c.updated_at, "updated_by": table.c.updated_by}
    connection.execute(
        update(table)
        .where(*condition)
        .values(calendar_sequence=table.c.calendar_sequence + 1, **(kept if stamped else {}))
    )


@event.listens_for(Session, "before_flush")
def _start_counting(session: Session, _context: UOWTransaction, _instances: object) -> None:
    session.info[_CHANGED] = []  # a flush that failed before leaves nothing to count


@event.listens_for(CalendarEntry, "before_update", propagate=True)
def _note_shown_change(_mapper: Mapper, _connection: Connection, record: CalendarEntry) -> None:
    # The history is only known before the update; the raise waits for the flush's end.
    if _changed(record, record.calendar_fields):
        session = object_session(record)
        assert session is not None  # a record being flushed belongs to the flushing session
        session.info.setdefault(_CHANGED, []).append(record)


@event.listens_for(Session, "after_flush_postexec")
def _raise_noted(session: Session, _context: UOWTransaction) -> None:
    records: list[CalendarEntry] = session.info.pop(_CHANGED, [])
    ids: dict[Table, list[int]] = {}
    for record in records:
        assert isinstance(record, Base)  # the mixin is only ever taken in by a model
        ids.setdefault(type(record).__table__, []).append(record.id)
    for table, table_ids in ids.items():
        for start in range(0, len(table_ids), _CHUNK):
            chunk = table_ids[start : start + _CHUNK]
            _raise(session.connection(), table, table.c.id.in_(chunk), stamped=True)
    for record in records:
        session.expire(record, ["calendar_sequence"])


@event.listens_for(Venue, "before_update")
def _venue_changed(_mapper: Mapper, connection: Connection, venue: Venue) -> None:
    if _changed(venue, _VENUE_FIELDS):
        _raise(connection, AgendaItem.__table__, AgendaItem.__table__.c.venue_id == venue.id)


@event.listens_for(Venue, "before_delete")
def _venue_deleted(_mapper: Mapper, connection: Connection, venue: Venue) -> None:
    # The database then empties the items' venue (ON DELETE SET NULL): their place goes.
    _raise(connection, AgendaItem.__table__, AgendaItem.__table__.c.venue_id == venue.id)


@event.listens_for(Trip, "before_update")
def _trip_changed(_mapper: Mapper, connection: Connection, trip: Trip) -> None:
    if _changed(trip, _TRIP_FIELDS):
        _raise(connection, AgendaItem.__table__, AgendaItem.__table__.c.trip_id == trip.id)
