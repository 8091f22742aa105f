"""Raise the iCalendar SEQUENCE of the events whose shown content a flush changes.

Raised in the database (sequence + 1), not from the value read: a change made elsewhere
in between (a venue renamed) is counted too. The rows a venue or a trip change raises are
updated without their version, so that nobody's open editor is refused because of it.
"""

from sqlalchemy import event, inspect, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapper

from delegation.persistence.models.columns import CalendarEntry
from delegation.persistence.models.programme import AgendaItem, Venue
from delegation.persistence.models.trips import Trip

# What an item's event shows of its venue: the place's name and address, its GEO.
_VENUE_FIELDS = ("name", "address", "latitude", "longitude")
# An item's times are read in the trip's zone: another zone moves every event.
_TRIP_FIELDS = ("timezone",)


def _changed(record: object, names: tuple[str, ...]) -> bool:
    attributes = inspect(record).attrs
    return any(attributes[name].history.has_changes() for name in names)


@event.listens_for(CalendarEntry, "before_update", propagate=True)
def _raise_own_sequence(_mapper: Mapper, _connection: Connection, record: CalendarEntry) -> None:
    if _changed(record, record.calendar_fields):
        record.calendar_sequence = type(record).calendar_sequence + 1


def _raise_items(connection: Connection, *condition) -> None:
    connection.execute(
        update(AgendaItem.__table__)
        .where(*condition)
        .values(calendar_sequence=AgendaItem.__table__.c.calendar_sequence + 1)
    )


@event.listens_for(Venue, "before_update")
def _venue_changed(_mapper: Mapper, connection: Connection, venue: Venue) -> None:
    if _changed(venue, _VENUE_FIELDS):
        _raise_items(connection, AgendaItem.__table__.c.venue_id == venue.id)


@event.listens_for(Venue, "before_delete")
def _venue_deleted(_mapper: Mapper, connection: Connection, venue: Venue) -> None:
    # The database then empties the items' venue (ON DELETE SET NULL): their place goes.
    _raise_items(connection, AgendaItem.__table__.c.venue_id == venue.id)


@event.listens_for(Trip, "before_update")
def _trip_changed(_mapper: Mapper, connection: Connection, trip: Trip) -> None:
    if _changed(trip, _TRIP_FIELDS):
        _raise_items(connection, AgendaItem.__table__.c.trip_id == trip.id)
