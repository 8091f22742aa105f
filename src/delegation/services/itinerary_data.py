"""One read of a whole trip for its itineraries: every personal one is cut from this snapshot.

A fixed handful of queries, whatever the number of participants, so 500 itineraries cost
one read, not 500.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from delegation.domain.enums import (
    AgendaKind,
    AgendaStatus,
    Language,
    ParticipantStatus,
    RoomType,
    TravelMode,
)
from delegation.domain.rules import full_name
from delegation.i18n.collation import name_key
from delegation.persistence.models import (
    AgendaItem,
    Contact,
    Hotel,
    Organization,
    Participant,
    Room,
    TravelSegment,
    TripGroup,
    Venue,
    agenda_item_groups,
    participant_groups,
    segment_passengers,
)
from delegation.services.trips import _load_trip
from delegation.services.workspace import Workspace


@dataclass(frozen=True)
class PlaceRecord:
    name: str
    address: str | None
    latitude: float | None
    longitude: float | None
    contact_name: str | None
    contact_phone: str | None


@dataclass(frozen=True)
class ItemRecord:
    id: int
    day: date
    start: time
    end: time | None
    title_fr: str
    title_en: str
    kind: AgendaKind
    status: AgendaStatus
    place: PlaceRecord | None
    host_organization: str | None
    host_name: str | None
    host_role: str | None
    host_phone: str | None
    host_email: str | None
    notes_fr: str | None
    notes_en: str | None
    group_ids: tuple[int, ...]
    folds: tuple[bool, bool] = (False, False)  # start, end: a repeated time's second


@dataclass(frozen=True)
class HotelRecord:
    id: int
    name: str
    address: str | None
    phone: str | None
    email: str | None
    check_in: date | None
    check_out: date | None


@dataclass(frozen=True)
class RoomRecord:
    hotel_id: int
    label: str
    room_type: RoomType


@dataclass(frozen=True)
class PersonRecord:
    id: int
    first_name: str
    last_name: str
    email: str | None
    status: ParticipantStatus
    language: Language
    room_id: int | None
    group_ids: tuple[int, ...]
    accessibility: str | None = None  # printed on their own itinerary only

    @property
    def full_name(self) -> str:
        return full_name(self.first_name, self.last_name)


@dataclass(frozen=True)
class LegRecord:
    id: int
    mode: TravelMode
    carrier: str | None
    number: str | None
    departure_place: str
    departure_zone: str
    departure_at: datetime
    arrival_place: str
    arrival_zone: str
    arrival_at: datetime
    notes: str | None
    passenger_ids: frozenset[int]


@dataclass
class TripSnapshot:
    """A trip with everything its itineraries show, read in one transaction."""

    key: str
    title: str
    city: str
    country: str
    start: date
    end: date
    timezone: str
    home_timezone: str
    currency: str | None
    organisers: str | None
    partners: str | None
    emergency_numbers: str | None
    logo: bytes | None = None  # the association's, for the cover
    groups: dict[int, str] = field(default_factory=dict)  # id -> name, in position order
    items: list[ItemRecord] = field(default_factory=list)
    hotels: dict[int, HotelRecord] = field(default_factory=dict)
    rooms: dict[int, RoomRecord] = field(default_factory=dict)
    people: list[PersonRecord] = field(default_factory=list)
    legs: list[LegRecord] = field(default_factory=list)


def read_trip_snapshot(workspace: Workspace, reference: str | int) -> TripSnapshot:
    with workspace.reading() as session:
        trip = _load_trip(session, reference)
        snapshot = TripSnapshot(
            key=trip.key,
            title=trip.title,
            city=trip.destination_city,
            country=trip.destination_country,
            start=trip.start_date,
            end=trip.end_date,
            timezone=trip.timezone,
            home_timezone=trip.home_timezone,
            currency=trip.currency,
            organisers=trip.organisers,
            partners=trip.partners,
            emergency_numbers=trip.emergency_numbers,
            logo=trip.logo,
        )
        snapshot.groups = dict(
            session.execute(
                select(TripGroup.id, TripGroup.name)
                .where(TripGroup.trip_id == trip.id)
                .order_by(TripGroup.position, TripGroup.code)
            ).all()
        )
        snapshot.items = _items(session, trip.id)
        _read_lodging(session, trip.id, snapshot)
        snapshot.people = _people(session, trip.id)
        snapshot.legs = _legs(session, trip.id)
        return snapshot


def _items(session: Session, trip_id: int) -> list[ItemRecord]:
    host = aliased(Contact)
    rows = session.execute(
        select(AgendaItem, Venue, Organization.name, host)
        .outerjoin(Venue, Venue.id == AgendaItem.venue_id)
        .outerjoin(Organization, Organization.id == AgendaItem.host_organization_id)
        .outerjoin(host, host.id == AgendaItem.host_contact_id)
        .where(AgendaItem.trip_id == trip_id)
        .order_by(AgendaItem.day, AgendaItem.start_time, AgendaItem.id)
    ).all()
    groups: dict[int, list[int]] = defaultdict(list)
    for item_id, group_id in session.execute(
        select(agenda_item_groups.c.agenda_item_id, agenda_item_groups.c.group_id)
        .join(AgendaItem, AgendaItem.id == agenda_item_groups.c.agenda_item_id)
        .where(AgendaItem.trip_id == trip_id)
    ).all():
        groups[item_id].append(group_id)
    places: dict[int, PlaceRecord] = {}
    records = []
    for item, venue, organization, contact in rows:
        place = None
        if venue is not None:
            place = places.get(venue.id)
            if place is None:
                place = places[venue.id] = PlaceRecord(
                    venue.name,
                    venue.address,
                    venue.latitude,
                    venue.longitude,
                    venue.contact_name,
                    venue.contact_phone,
                )
        records.append(
            ItemRecord(
                id=item.id,
                day=item.day,
                start=item.start_time,
                end=item.end_time,
                title_fr=item.title_fr,
                title_en=item.title_en,
                kind=item.kind,
                status=item.status,
                place=place,
                host_organization=organization,
                host_name=contact.full_name if contact else None,
                host_role=contact.job_title if contact else None,
                host_phone=contact.phone if contact else None,
                host_email=contact.email if contact else None,
                notes_fr=item.notes_fr,
                notes_en=item.notes_en,
                group_ids=tuple(groups.get(item.id, ())),
                folds=(item.start_fold, item.end_fold),
            )
        )
    return records


def _read_lodging(session: Session, trip_id: int, snapshot: TripSnapshot) -> None:
    for hotel in session.scalars(select(Hotel).where(Hotel.trip_id == trip_id).order_by(Hotel.id)):
        snapshot.hotels[hotel.id] = HotelRecord(
            hotel.id,
            hotel.name,
            hotel.address,
            hotel.phone,
            hotel.email,
            hotel.check_in,
            hotel.check_out,
        )
    for room_id, hotel_id, label, room_type in session.execute(
        select(Room.id, Room.hotel_id, Room.label, Room.room_type)
        .join(Hotel, Hotel.id == Room.hotel_id)
        .where(Hotel.trip_id == trip_id)
    ).all():
        snapshot.rooms[room_id] = RoomRecord(hotel_id, label, room_type)


def _people(session: Session, trip_id: int) -> list[PersonRecord]:
    groups: dict[int, list[int]] = defaultdict(list)
    for participant_id, group_id in session.execute(
        select(participant_groups.c.participant_id, participant_groups.c.group_id)
        .join(Participant, Participant.id == participant_groups.c.participant_id)
        .where(Participant.trip_id == trip_id)
    ).all():
        groups[participant_id].append(group_id)
    rows = session.execute(
        select(
            Participant.id,
            Contact.first_name,
            Contact.last_name,
            Contact.email,
            Participant.status,
            Participant.language,
            Participant.room_id,
            Participant.accessibility,
        )
        .join(Contact, Contact.id == Participant.contact_id)
        .where(Participant.trip_id == trip_id)
        .order_by(Contact.last_name, Contact.first_name, Participant.id)
    ).all()
    return [
        PersonRecord(
            row.id,
            row.first_name,
            row.last_name,
            row.email,
            row.status,
            row.language,
            row.room_id,
            tuple(groups.get(row.id, ())),
            (row.accessibility or "").strip() or None,
        )
        # The booklet's order: the lists', not the database's binary order of letters.
        for row in sorted(rows, key=lambda row: name_key(row.last_name, row.first_name))
    ]


def _legs(session: Session, trip_id: int) -> list[LegRecord]:
    passengers: dict[int, set[int]] = defaultdict(set)
    for segment_id, participant_id in session.execute(
        select(segment_passengers.c.segment_id, segment_passengers.c.participant_id)
        .join(TravelSegment, TravelSegment.id == segment_passengers.c.segment_id)
        .where(TravelSegment.trip_id == trip_id)
    ).all():
        passengers[segment_id].add(participant_id)
    segments = session.scalars(
        select(TravelSegment)
        .where(TravelSegment.trip_id == trip_id)
        .order_by(TravelSegment.departure_at, TravelSegment.id)
    )
    return [
        LegRecord(
            id=s.id,
            mode=s.mode,
            carrier=s.carrier,
            number=s.number,
            departure_place=s.departure_place,
            departure_zone=s.departure_timezone,
            departure_at=s.departure_at,
            arrival_place=s.arrival_place,
            arrival_zone=s.arrival_timezone,
            arrival_at=s.arrival_at,
            notes=s.notes,
            passenger_ids=frozenset(passengers.get(s.id, ())),
        )
        for s in segments
    ]
