"""Hotels of a trip and their rooms: listed with who sleeps where, added, changed, removed."""

from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from delegation.domain.enums import RoomType
from delegation.domain.errors import NotFoundError, ValidationError
from delegation.domain.rules import full_name
from delegation.i18n import _
from delegation.persistence.models import Contact, Hotel, Participant, Room
from delegation.services.expected import Expected
from delegation.services.records import load_for_edit
from delegation.services.workspace import Workspace


@dataclass(frozen=True)
class HotelDetails:
    name: str
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    check_in: date | None = None
    check_out: date | None = None
    notes: str | None = None


@dataclass(frozen=True)
class RoomRow:
    id: int
    hotel_name: str
    label: str
    room_type: RoomType
    capacity: int
    occupants: tuple[str, ...]


@dataclass(frozen=True)
class HotelRow:
    id: int
    details: HotelDetails
    rooms: tuple[RoomRow, ...]
    version: int

    @property
    def name(self) -> str:
        return self.details.name


def list_hotels(workspace: Workspace, trip_id: int) -> list[HotelRow]:
    with workspace.reading() as session:
        hotels = session.scalars(
            select(Hotel)
            .where(Hotel.trip_id == trip_id)
            .options(
                selectinload(Hotel.rooms)
                .selectinload(Room.occupants)
                .selectinload(Participant.contact)
            )
            .order_by(Hotel.name)
        ).all()
        return [_row(hotel) for hotel in hotels]


def _row(hotel: Hotel) -> HotelRow:
    return HotelRow(
        hotel.id,
        HotelDetails(**{f.name: getattr(hotel, f.name) for f in fields(HotelDetails)}),
        tuple(
            RoomRow(
                room.id,
                hotel.name,
                room.label,
                room.room_type,
                room.capacity,
                tuple(sorted(p.contact.full_name for p in room.occupants)),
            )
            for room in hotel.rooms
        ),
        hotel.version,
    )


def list_rooms(workspace: Workspace, trip_id: int) -> list[RoomRow]:
    """The trip's rooms with who sleeps in each, as list_hotels lists them, in one query:
    the participant editor reads them each time it opens."""
    query = (
        select(
            Room.id,
            Hotel.name,
            Room.label,
            Room.room_type,
            Room.capacity,
            Contact.first_name,
            Contact.last_name,
        )
        .join(Hotel, Hotel.id == Room.hotel_id)
        .outerjoin(Participant, Participant.room_id == Room.id)
        .outerjoin(Contact, Contact.id == Participant.contact_id)
        .where(Hotel.trip_id == trip_id)
        .order_by(Hotel.name, Hotel.id, Room.label, Room.id)
    )
    rooms: dict[int, tuple[str, str, RoomType, int]] = {}
    occupants: dict[int, list[str]] = {}
    with workspace.reading() as session:
        for room_id, hotel, label, kind, capacity, first, last in session.execute(query):
            rooms.setdefault(room_id, (hotel, label, kind, capacity))
            names = occupants.setdefault(room_id, [])
            if first is not None:
                names.append(full_name(first, last))
    return [
        RoomRow(room_id, *room, tuple(sorted(occupants[room_id])))
        for room_id, room in rooms.items()
    ]


def validate_hotel(details: HotelDetails) -> list[ValidationError]:
    problems = []
    if not details.name.strip():
        problems.append(ValidationError("name", _("a name is required")))
    if details.check_in and details.check_out and details.check_out < details.check_in:
        problems.append(ValidationError("check_out", _("the stay ends before it starts")))
    return problems


def save_hotel(
    workspace: Workspace,
    trip_id: int,
    hotel_id: int | None,
    expected: Expected,
    details: HotelDetails,
) -> HotelRow:
    """Create a hotel (no id) or change one, refusing a stale edit."""
    problems = validate_hotel(details)
    if problems:
        raise problems[0]
    with workspace.transaction() as session:
        if hotel_id is None:
            hotel = Hotel(trip_id=trip_id, name=details.name)
            session.add(hotel)
        else:
            hotel = load_for_edit(
                session, Hotel, hotel_id, expected,
                missing=_("this hotel no longer exists"), name=lambda h: h.name,
                details=lambda h: _row(h).details,
            )  # fmt: skip
        for field in fields(details):
            value = getattr(details, field.name)
            setattr(hotel, field.name, (value.strip() or None) if isinstance(value, str) else value)
        hotel.name = details.name.strip()
        session.flush()
        session.refresh(hotel)
        return _row(hotel)


@dataclass(frozen=True)
class RemovedRoom:
    id: int
    hotel_id: int
    label: str
    room_type: RoomType
    capacity: int
    occupant_ids: tuple[int, ...]


def _describe(rooms: list[Room]) -> list[RemovedRoom]:
    return [
        RemovedRoom(
            room.id,
            room.hotel_id,
            room.label,
            room.room_type,
            room.capacity,
            tuple(p.id for p in room.occupants),
        )
        for room in rooms
    ]


def _restore_rooms(session: Session, removed: list[RemovedRoom]) -> None:
    for room in removed:
        session.add(
            Room(
                id=room.id,
                hotel_id=room.hotel_id,
                label=room.label,
                room_type=room.room_type,
                capacity=room.capacity,
            )
        )
    session.flush()
    for room in removed:
        if room.occupant_ids:
            session.execute(
                update(Participant)
                .where(Participant.id.in_(room.occupant_ids))
                .values(room_id=room.id, version=Participant.version + 1)
            )


def add_rooms(
    workspace: Workspace, hotel_id: int, labels: list[str], room_type: RoomType, capacity: int
) -> list[int]:
    """Several rooms at once ("101" to "124"); labels already there are refused."""
    labels = [label.strip() for label in labels if label.strip()]
    if not labels:
        raise ValidationError("labels", _("give at least one room number"))
    if capacity < 1:
        raise ValidationError("capacity", _("a room sleeps at least one person"))
    with workspace.transaction() as session:
        taken = set(session.scalars(select(Room.label).where(Room.hotel_id == hotel_id)))
        clash = sorted(taken & set(labels))
        if clash:
            raise ValidationError(
                "labels", _("these rooms exist already: {rooms}").format(rooms=", ".join(clash))
            )
        rooms = [
            Room(hotel_id=hotel_id, label=label, room_type=room_type, capacity=capacity)
            for label in dict.fromkeys(labels)
        ]
        session.add_all(rooms)
        session.flush()
        return [room.id for room in rooms]


def remove_rooms(workspace: Workspace, room_ids: list[int]) -> list[RemovedRoom]:
    """Remove rooms; their occupants become unassigned (undo puts them back)."""
    with workspace.transaction() as session:
        rooms = session.scalars(
            select(Room).where(Room.id.in_(room_ids)).options(selectinload(Room.occupants))
        ).all()
        removed = _describe(list(rooms))
        for room in rooms:
            session.delete(room)
        return removed


def restore_rooms(workspace: Workspace, removed: list[RemovedRoom]) -> None:
    with workspace.transaction() as session:
        _restore_rooms(session, removed)


@dataclass(frozen=True)
class RemovedHotel:
    row: HotelRow
    trip_id: int
    rooms: list[RemovedRoom]


def remove_hotel(workspace: Workspace, hotel_id: int) -> RemovedHotel:
    with workspace.transaction() as session:
        hotel = session.get(Hotel, hotel_id)
        if hotel is None:
            raise NotFoundError(_("this hotel no longer exists"))
        removed = RemovedHotel(_row(hotel), hotel.trip_id, _describe(list(hotel.rooms)))
        session.delete(hotel)  # its rooms go with it; their occupants lose their room
        return removed


def restore_hotel(workspace: Workspace, removed: RemovedHotel) -> HotelRow:
    """Undo a removal (or redo an addition): the hotel under its id, with its rooms and
    who slept in them."""
    with workspace.transaction() as session:
        details = removed.row.details
        hotel = Hotel(
            id=removed.row.id,
            trip_id=removed.trip_id,
            **{f.name: getattr(details, f.name) for f in fields(HotelDetails)},
        )
        session.add(hotel)
        session.flush()
        _restore_rooms(session, removed.rooms)
        session.refresh(hotel)
        return _row(hotel)
