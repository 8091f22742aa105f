"""Logistics of a trip as the planner reads it: hotels and rooms, travel legs."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from delegation.domain.enums import RoomType, TravelDirection, TravelMode
from delegation.persistence.models import Hotel, Room, TravelSegment, segment_passengers
from delegation.services.workspace import Workspace


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
    name: str
    address: str | None
    phone: str | None
    check_in: date | None
    check_out: date | None
    rooms: tuple[RoomRow, ...]


def list_hotels(workspace: Workspace, trip_id: int) -> list[HotelRow]:
    with workspace.transaction() as session:
        hotels = session.scalars(
            select(Hotel)
            .where(Hotel.trip_id == trip_id)
            .options(selectinload(Hotel.rooms).selectinload(Room.occupants))
            .order_by(Hotel.name)
        ).all()
        return [
            HotelRow(
                hotel.id,
                hotel.name,
                hotel.address,
                hotel.phone,
                hotel.check_in,
                hotel.check_out,
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
            )
            for hotel in hotels
        ]


@dataclass(frozen=True)
class SegmentRow:
    id: int
    mode: TravelMode
    direction: TravelDirection
    carrier: str | None
    number: str | None
    departure_place: str
    departure_timezone: str
    departure_at: datetime
    arrival_place: str
    arrival_timezone: str
    arrival_at: datetime
    passenger_count: int

    @property
    def duration(self) -> timedelta:
        """Time on the way, between real instants: each end is read in its own zone."""
        departure = self.departure_at.replace(tzinfo=ZoneInfo(self.departure_timezone))
        arrival = self.arrival_at.replace(tzinfo=ZoneInfo(self.arrival_timezone))
        return arrival - departure


def list_segments(workspace: Workspace, trip_id: int) -> list[SegmentRow]:
    with workspace.transaction() as session:
        counts = dict(
            session.execute(
                select(segment_passengers.c.segment_id, func.count()).group_by(
                    segment_passengers.c.segment_id
                )
            ).all()
        )
        return [
            SegmentRow(
                s.id,
                s.mode,
                s.direction,
                s.carrier,
                s.number,
                s.departure_place,
                s.departure_timezone,
                s.departure_at,
                s.arrival_place,
                s.arrival_timezone,
                s.arrival_at,
                counts.get(s.id, 0),
            )
            for s in session.scalars(
                select(TravelSegment)
                .where(TravelSegment.trip_id == trip_id)
                .order_by(TravelSegment.departure_at)
            )
        ]


def list_rooms(workspace: Workspace, trip_id: int) -> list[RoomRow]:
    return [room for hotel in list_hotels(workspace, trip_id) for room in hotel.rooms]
