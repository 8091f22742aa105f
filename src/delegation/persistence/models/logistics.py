"""Logistics: hotels with their rooms, and travel segments with their passengers."""

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from delegation.domain.enums import RoomType, TravelDirection, TravelMode
from delegation.persistence.base import Base, Versioned
from delegation.persistence.models.columns import CalendarEntry, enum_column

if TYPE_CHECKING:
    from delegation.persistence.models.registration import Participant
    from delegation.persistence.models.trips import Trip

segment_passengers = Table(
    "segment_passengers",
    Base.metadata,
    Column("segment_id", ForeignKey("travel_segments.id", ondelete="CASCADE"), primary_key=True),
    Column("participant_id", ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True),
)


class Hotel(Versioned, Base):
    __tablename__ = "hotels"

    id: Mapped[int] = mapped_column(primary_key=True)
    trip_id: Mapped[int] = mapped_column(ForeignKey("trips.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(254))
    check_in: Mapped[date | None] = mapped_column(Date)
    check_out: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)

    trip: Mapped["Trip"] = relationship(back_populates="hotels")
    rooms: Mapped[list["Room"]] = relationship(
        back_populates="hotel", cascade="all, delete-orphan", order_by="Room.label"
    )


class Room(Versioned, Base):
    __tablename__ = "rooms"
    __table_args__ = (UniqueConstraint("hotel_id", "label"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    hotel_id: Mapped[int] = mapped_column(ForeignKey("hotels.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(String(40))
    room_type: Mapped[RoomType] = enum_column(RoomType, "room_type", default=RoomType.SINGLE)
    capacity: Mapped[int] = mapped_column(Integer, default=1)
    notes: Mapped[str | None] = mapped_column(Text)

    hotel: Mapped[Hotel] = relationship(back_populates="rooms")
    occupants: Mapped[list["Participant"]] = relationship(back_populates="room")


class TravelSegment(CalendarEntry, Versioned, Base):
    """A leg whose departure and arrival each have their own wall clock and zone.

    Times are naive local datetimes read with their zone: a Paris 08:05 departure
    landing in Tallinn at 11:40 is 2 h 35 min in the air, not 3 h 35.
    """

    __tablename__ = "travel_segments"
    # What its calendar event shows.
    calendar_fields = (
        "carrier", "number", "departure_place", "departure_timezone", "departure_at",
        "arrival_place", "arrival_timezone", "arrival_at", "notes",
    )  # fmt: skip

    id: Mapped[int] = mapped_column(primary_key=True)
    trip_id: Mapped[int] = mapped_column(ForeignKey("trips.id", ondelete="CASCADE"), index=True)
    mode: Mapped[TravelMode] = enum_column(TravelMode, "travel_mode", default=TravelMode.FLIGHT)
    direction: Mapped[TravelDirection] = enum_column(
        TravelDirection, "travel_direction", default=TravelDirection.OUTBOUND
    )
    carrier: Mapped[str | None] = mapped_column(String(100))
    number: Mapped[str | None] = mapped_column(String(20))
    departure_place: Mapped[str] = mapped_column(String(200))
    departure_timezone: Mapped[str] = mapped_column(String(64))
    departure_at: Mapped[datetime] = mapped_column(DateTime)
    arrival_place: Mapped[str] = mapped_column(String(200))
    arrival_timezone: Mapped[str] = mapped_column(String(64))
    arrival_at: Mapped[datetime] = mapped_column(DateTime)
    notes: Mapped[str | None] = mapped_column(Text)

    trip: Mapped["Trip"] = relationship(back_populates="travel_segments")
    passengers: Mapped[list["Participant"]] = relationship(secondary=segment_passengers)
