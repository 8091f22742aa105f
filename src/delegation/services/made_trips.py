"""A trip just made (a new one, or next year's copied from this one) taken back whole by
its undo, and put back by its redo under the same ids and calendar UIDs."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from delegation.domain.errors import ConflictError
from delegation.i18n import _
from delegation.persistence.base import Base
from delegation.persistence.models import (
    AgendaItem,
    Hotel,
    Participant,
    Room,
    TravelSegment,
    Trip,
    TripGroup,
    agenda_item_groups,
)
from delegation.services.summaries import TripSummary
from delegation.services.trips import _count_active, _load_trip, _summary
from delegation.services.workspace import Workspace


@dataclass(frozen=True)
class TripRecords:
    """The ids of a trip's records, per kind: what it was made with."""

    trip_id: int
    group_ids: frozenset[int] = frozenset()
    item_ids: frozenset[int] = frozenset()
    hotel_ids: frozenset[int] = frozenset()
    room_ids: frozenset[int] = frozenset()


Columns = Mapping[str, object]  # a row as the database holds it, column by column


@dataclass(frozen=True)
class RemovedTrip:
    """A trip as its undo took it out, every column of every record kept."""

    trip: Columns
    groups: tuple[Columns, ...]
    items: tuple[Columns, ...]
    item_groups: tuple[Columns, ...]
    hotels: tuple[Columns, ...]
    rooms: tuple[Columns, ...]

    @property
    def records(self) -> TripRecords:
        def ids(rows: tuple[Columns, ...]) -> frozenset[int]:
            return frozenset(cast(int, row["id"]) for row in rows)

        return TripRecords(
            cast(int, self.trip["id"]),
            ids(self.groups),
            ids(self.items),
            ids(self.hotels),
            ids(self.rooms),
        )


def _table(model: type[Base]) -> Table:
    return Base.metadata.tables[model.__tablename__]


def _rows(session: Session, table: Table, *conditions) -> tuple[Columns, ...]:
    return tuple(dict(row) for row in session.execute(select(table).where(*conditions)).mappings())


def _holds_only(session: Session, trip_id: int, made: TripRecords) -> bool:
    def ids(column, *conditions) -> set[int]:
        return set(session.scalars(select(column).where(*conditions)))

    hotel_ids = ids(Hotel.id, Hotel.trip_id == trip_id)
    return (
        ids(TripGroup.id, TripGroup.trip_id == trip_id) <= made.group_ids
        and ids(AgendaItem.id, AgendaItem.trip_id == trip_id) <= made.item_ids
        and hotel_ids <= made.hotel_ids
        and ids(Room.id, Room.hotel_id.in_(hotel_ids)) <= made.room_ids
        and not ids(Participant.id, Participant.trip_id == trip_id)
        and not ids(TravelSegment.id, TravelSegment.trip_id == trip_id)
    )


def remove_new_trip(workspace: Workspace, made: TripRecords) -> RemovedTrip:
    """Undo of a trip's creation: the trip goes, but only if it holds nothing more than
    it was made with (`made`): other work is never lost by an undo."""
    with workspace.transaction() as session:
        trip = _load_trip(session, made.trip_id)
        if not _holds_only(session, trip.id, made):
            raise ConflictError(
                _(
                    "{title} holds work added since it was created, so it stays; File >"
                    " Delete trip removes it"
                ).format(title=trip.title)
            )
        items = _rows(session, _table(AgendaItem), AgendaItem.trip_id == trip.id)
        hotels = _rows(session, _table(Hotel), Hotel.trip_id == trip.id)
        removed = RemovedTrip(
            trip=_rows(session, _table(Trip), Trip.id == trip.id)[0],
            groups=_rows(session, _table(TripGroup), TripGroup.trip_id == trip.id),
            items=items,
            item_groups=_rows(
                session,
                agenda_item_groups,
                agenda_item_groups.c.agenda_item_id.in_([row["id"] for row in items]),
            ),
            hotels=hotels,
            rooms=_rows(session, _table(Room), Room.hotel_id.in_([row["id"] for row in hotels])),
        )
        session.delete(trip)
        return removed


def restore_trip(workspace: Workspace, removed: RemovedTrip) -> TripSummary:
    """Redo of a trip's creation: the trip as its undo took it out, every record under
    its id, each programme item under its calendar UID and sequence."""
    with workspace.transaction() as session:
        # Written as they were read: no version moves, no calendar sequence either.
        for table, rows in (
            (_table(Trip), (removed.trip,)),
            (_table(TripGroup), removed.groups),
            (_table(AgendaItem), removed.items),
            (agenda_item_groups, removed.item_groups),
            (_table(Hotel), removed.hotels),
            (_table(Room), removed.rooms),
        ):
            if rows:
                session.execute(insert(table), [dict(row) for row in rows])
        trip = _load_trip(session, removed.records.trip_id)
        return _summary(trip, _count_active(session, trip.id))
