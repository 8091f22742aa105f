"""The trips and the overview the window paints first, before the database layer loads."""

from delegation.domain.enums import ParticipantCategory, ParticipantStatus
from delegation.domain.errors import DatabaseError
from delegation.persistence.first_look import TripRecord, read_first_look
from delegation.persistence.location import requested_database
from delegation.services.summaries import TripOverview, TripSummary


def _summary(record: TripRecord) -> TripSummary:
    return TripSummary(
        id=record.id,
        key=record.key,
        title=record.title,
        destination_city=record.destination_city,
        destination_country=record.destination_country,
        start_date=record.start_date,
        end_date=record.end_date,
        timezone=record.timezone,
        home_timezone=record.home_timezone,
        participant_count=record.active_count,
        version=record.version,
    )


def first_look(
    requested: str | None, trip_key: str | None
) -> tuple[list[TripSummary], TripOverview | None] | None:
    """None when the database must be opened the full way first (new, URL, to upgrade)."""
    try:
        path = requested_database(requested).path
    except DatabaseError:
        return None
    look = read_first_look(path, trip_key) if path is not None else None
    if look is None:
        return None
    trips = [_summary(record) for record in look.trips]
    if look.shown is None:
        return trips, None
    shown = next(trip for trip in trips if trip.id == look.shown.id)
    return trips, TripOverview(
        trip=shown,
        by_status={s: look.by_status.get(s.value, 0) for s in ParticipantStatus},
        by_category={c: look.by_category.get(c.value, 0) for c in ParticipantCategory},
        by_group=look.by_group,
        agenda_item_count=look.agenda_items,
    )
