"""Next year's trip copied from this one: its settings, groups, programme and hotels, moved
in time; not its people nor their travel."""

from dataclasses import dataclass
from datetime import date

from delegation.domain.enums import AgendaStatus
from delegation.persistence.models import AgendaItem, Hotel, Room, TripGroup
from delegation.services.made_trips import TripRecords
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


@dataclass(frozen=True)
class TripCopy:
    """Next year's trip just copied, and the records it was made with (for its undo)."""

    trip: TripSummary
    records: TripRecords


def duplicate_trip(
    workspace: Workspace,
    source: str | int,
    key: str,
    title: str,
    start_date: date,
) -> TripCopy:
    """Next year's trip from this one: same groups, programme and hotels, moved in time.

    Participants and travel are not copied: they change from one year to the next. The
    copied programme is tentative until confirmed again; its items are new calendar
    events (UIDs of their own), which never replace this year's in a calendar.
    """
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
        )
        for name in _TEMPLATE_FIELDS:
            setattr(copy, name, getattr(original, name))
        groups = {}
        for group in original.groups:
            groups[group.id] = TripGroup(
                code=group.code,
                name=group.name,
                colour=group.colour,
                position=group.position,
            )
            copy.groups.append(groups[group.id])
        items = {}
        for item in original.agenda_items:
            items[item.id] = AgendaItem(
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
                    label=room.label,
                    room_type=room.room_type,
                    capacity=room.capacity,
                )
            hotels[hotel.id] = Hotel(
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

        def made(records: dict) -> frozenset[int]:
            return frozenset(record.id for record in records.values())

        return TripCopy(
            _summary(copy, 0),
            TripRecords(copy.id, made(groups), made(items), made(hotels), made(rooms)),
        )
