"""A long programme for the window: its listing, its rows read by id, its days, a day's items."""

from collections.abc import Callable, Sequence
from datetime import date, time
from functools import partial
from typing import Any, TypeVar

from sqlalchemy import String, case, func, select, type_coerce

from delegation.domain.scheduling import ends_next_day
from delegation.persistence.models import AgendaItem, Organization, Venue
from delegation.services.agenda import AgendaItemRow, rows_where
from delegation.services.listing import WHOLE_LIST_FROM, Listing, without_collection
from delegation.services.workspace import Workspace


def agenda_searched_fields(row: AgendaItemRow) -> tuple[str, str, str, str]:
    """What the programme's table searches in an item, field by field, as a listing gives
    them for the items it has not read."""
    d = row.details
    return (d.title_fr, d.title_en, row.venue_name or "", row.host_name or "")


def agenda_sort_keys(row: AgendaItemRow) -> tuple[date, time, time, int]:
    """What the programme's table sorts by without searching it: the day, the start, the
    end (the start if none) and whether it is the next day (1: 22:30–01:30 ends after
    23:00–23:30). The listing computes the same in its query."""
    d = row.details
    return (
        d.day,
        d.start_time,
        d.end_time or d.start_time,
        int(ends_next_day(d.start_time, d.end_time)),
    )


Value = TypeVar("Value", date, time)


def _raw(column: Any) -> Any:
    """A date or time read as the database hands it: SQLAlchemy's processing of each row
    of 100,000 would take longer than the query."""
    return type_coerce(column, String)


def _parsed(values: Sequence[Any], parse: Callable[[str], Value]) -> list[Value]:
    """Dates or times read raw, none missing: SQLite's ISO text parsed (in one pass run in
    C), other databases' objects kept."""
    return list(map(parse, values)) if values and isinstance(values[0], str) else list(values)


def agenda_listing(workspace: Workspace, trip_id: int) -> Listing[AgendaItemRow]:
    """A trip's programme for its table, without reading each item whole."""
    with workspace.reading() as session, without_collection():
        records = session.connection().execute(
            select(
                AgendaItem.id,
                AgendaItem.title_fr,
                AgendaItem.title_en,
                func.coalesce(Venue.name, ""),
                func.coalesce(Organization.name, ""),
                _raw(AgendaItem.day),
                _raw(AgendaItem.start_time),
                _raw(func.coalesce(AgendaItem.end_time, AgendaItem.start_time)),
                case((AgendaItem.end_time < AgendaItem.start_time, 1), else_=0),
            )
            .outerjoin(Venue, Venue.id == AgendaItem.venue_id)
            .outerjoin(Organization, Organization.id == AgendaItem.host_organization_id)
            .where(AgendaItem.trip_id == trip_id)
            .order_by(AgendaItem.day, AgendaItem.start_time, AgendaItem.id)  # as listed whole
        )
        # Fetched at once, then turned into columns: iterating the result row by row would
        # take most of the time.
        ids, *searched, days, starts, ends, next_day = (
            list(zip(*records.all(), strict=True)) or [()] * 9
        )
    keys = (
        _parsed(days, date.fromisoformat),
        _parsed(starts, time.fromisoformat),
        _parsed(ends, time.fromisoformat),
        next_day,
    )
    return Listing(ids, searched, partial(read_agenda_items, workspace, trip_id), keys=keys)


def read_agenda_items(
    workspace: Workspace, trip_id: int, item_ids: Sequence[int]
) -> list[AgendaItemRow]:
    """These items of a trip as the window shows them, those removed left out."""
    with workspace.reading() as session:
        if len(item_ids) > WHOLE_LIST_FROM:
            wanted = set(item_ids)
            rows = rows_where(session, AgendaItem.trip_id == trip_id, trip_id=trip_id)
            return [row for row in rows if row.id in wanted]
        found: list[AgendaItemRow] = []
        for start in range(0, len(item_ids), 500):
            # By id alone: with the trip in the query too, SQLite goes through the trip's
            # index, every item of the trip, rather than straight to these.
            chunk = rows_where(session, AgendaItem.id.in_(item_ids[start : start + 500]))
            found += [row for row in chunk if row.trip_id == trip_id]
        return found


def agenda_days(workspace: Workspace, trip_id: int) -> list[date]:
    """The days a trip's programme has items on, in order."""
    with workspace.reading() as session:
        query = select(AgendaItem.day).where(AgendaItem.trip_id == trip_id).distinct()
        return sorted(session.scalars(query))


def day_items(workspace: Workspace, trip_id: int, day: date) -> list[AgendaItemRow]:
    """The items of one day of a trip, in order of their start."""
    with workspace.reading() as session:
        return rows_where(session, AgendaItem.trip_id == trip_id, AgendaItem.day == day)
