"""Next year's trip copied from this one (its settings, groups, programme and hotels, moved
in time; not its people nor their travel), and the copy undone."""

import dataclasses
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from delegation.domain.enums import AgendaStatus
from delegation.domain.errors import ConflictError
from delegation.i18n import _
from delegation.persistence.models import (
    AgendaItem,
    Hotel,
    Participant,
    Room,
    TravelSegment,
    TripGroup,
)
from delegation.persistence.models.columns import new_calendar_uid
from delegation.services.summaries import NewTrip, TripSummary
from delegation.services.trips import _create_trip, _load_trip, _summary
from delegation.services.workspace import Workspace

_TEMPLATE_FIELDS = (
    "languages",
    "currency",
    "organisers",
    "partners",
    "emergency_numbers",
    "identity_document_required",
    "passport_validity_months",
    "notes",
    "logo",
)


@dataclass
class CopyIds:
    """The ids a trip's copy was given, original id to copy id, per kind of record.

    duplicate_trip fills it; passed back (redo after undo), it makes the copy again
    under the same ids, so that later edits of the copy still find their records, and
    the same calendar UIDs, so that calendars that had the copy's events keep them.
    """

    trip: int | None = None
    groups: dict[int, int] = dataclasses.field(default_factory=dict)
    items: dict[int, int] = dataclasses.field(default_factory=dict)
    item_uids: dict[int, str] = dataclasses.field(default_factory=dict)  # original id: copy's
    hotels: dict[int, int] = dataclasses.field(default_factory=dict)
    rooms: dict[int, int] = dataclasses.field(default_factory=dict)


def duplicate_trip(
    workspace: Workspace,
    source: str | int,
    key: str,
    title: str,
    start_date: date,
    *,
    ids: CopyIds | None = None,
) -> TripSummary:
    """Next year's trip from this one: same groups, programme and hotels, moved in time.

    Participants and travel are not copied: they change from one year to the next. The
    copied programme is tentative until confirmed again; its items are new calendar
    events (UIDs of their own), which never replace this year's in a calendar.
    """
    ids = ids if ids is not None else CopyIds()
    with workspace.transaction() as session:
        original = _load_trip(session, source)
        shift = start_date - original.start_date
        copy = _create_trip(
            session,
            NewTrip(
                key=key.strip(),
                title=title,
                destination_city=original.destination_city,
                destination_country=original.destination_country,
                start_date=start_date,
                end_date=original.end_date + shift,
                timezone=original.timezone,
                home_timezone=original.home_timezone,
            ),
            ids.trip,
        )
        for name in _TEMPLATE_FIELDS:
            setattr(copy, name, getattr(original, name))
        groups = {}
        for group in original.groups:
            groups[group.id] = TripGroup(
                id=ids.groups.get(group.id),
                code=group.code,
                name=group.name,
                colour=group.colour,
                position=group.position,
            )
            copy.groups.append(groups[group.id])
        items = {}
        for item in original.agenda_items:
            items[item.id] = AgendaItem(
                id=ids.items.get(item.id),
                calendar_uid=ids.item_uids.get(item.id) or new_calendar_uid(),
                day=item.day + shift,
                start_time=item.start_time,
                end_time=item.end_time,
                title_fr=item.title_fr,
                title_en=item.title_en,
                kind=item.kind,
                status=AgendaStatus.TENTATIVE
                if item.status != AgendaStatus.CANCELLED
                else AgendaStatus.CANCELLED,
                venue_id=item.venue_id,
                host_organization_id=item.host_organization_id,
                host_contact_id=item.host_contact_id,
                capacity=item.capacity,
                notes_fr=item.notes_fr,
                notes_en=item.notes_en,
                internal_notes=item.internal_notes,
                groups=[groups[group.id] for group in item.groups],
            )
            copy.agenda_items.append(items[item.id])
        hotels, rooms = {}, {}
        for hotel in original.hotels:
            for room in hotel.rooms:
                rooms[room.id] = Room(
                    id=ids.rooms.get(room.id),
                    label=room.label,
                    room_type=room.room_type,
                    capacity=room.capacity,
                )
            hotels[hotel.id] = Hotel(
                id=ids.hotels.get(hotel.id),
                name=hotel.name,
                address=hotel.address,
                phone=hotel.phone,
                email=hotel.email,
                check_in=hotel.check_in + shift if hotel.check_in else None,
                check_out=hotel.check_out + shift if hotel.check_out else None,
                notes=hotel.notes,
                rooms=[rooms[room.id] for room in hotel.rooms],
            )
            copy.hotels.append(hotels[hotel.id])
        session.flush()
        ids.trip = copy.id
        for known, made in ((ids.groups, groups), (ids.items, items), (ids.hotels, hotels),
                            (ids.rooms, rooms)):  # fmt: skip
            known.update({original_id: record.id for original_id, record in made.items()})
        ids.item_uids.update(
            {original_id: item.calendar_uid for original_id, item in items.items()}
        )
        return _summary(copy, 0)


def undo_trip_creation(workspace: Workspace, ids: CopyIds) -> None:
    """Delete a trip just made (add_trip, duplicate_trip with these ids), but only if it
    holds nothing more than it was made with: other work is never lost by an undo."""
    with workspace.transaction() as session:
        assert ids.trip is not None  # set when the trip was made
        trip = _load_trip(session, ids.trip)
        made = (
            {group.id for group in trip.groups} <= set(ids.groups.values())
            and {item.id for item in trip.agenda_items} <= set(ids.items.values())
            and {hotel.id for hotel in trip.hotels} <= set(ids.hotels.values())
            and {room.id for hotel in trip.hotels for room in hotel.rooms}
            <= set(ids.rooms.values())
            and session.scalar(
                select(Participant.id).where(Participant.trip_id == trip.id).limit(1)
            )
            is None
            and session.scalar(
                select(TravelSegment.id).where(TravelSegment.trip_id == trip.id).limit(1)
            )
            is None
        )
        if not made:
            raise ConflictError(
                _(
                    "{title} holds work added since it was created, so it stays; File >"
                    " Delete trip removes it"
                ).format(title=trip.title)
            )
        session.delete(trip)
