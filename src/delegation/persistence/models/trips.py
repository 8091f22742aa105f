"""Trips and their visit groups."""

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from delegation.persistence.base import Base, Versioned

if TYPE_CHECKING:
    from delegation.persistence.models.logistics import Hotel, TravelSegment
    from delegation.persistence.models.programme import AgendaItem
    from delegation.persistence.models.registration import Participant


class Trip(Versioned, Base):
    __tablename__ = "trips"
    __table_args__ = (CheckConstraint("end_date >= start_date", name="dates_in_order"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    destination_city: Mapped[str] = mapped_column(String(100))
    destination_country: Mapped[str] = mapped_column(String(2))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    # Agenda times are wall-clock times in this zone; home_timezone is the delegation's.
    timezone: Mapped[str] = mapped_column(String(64))
    home_timezone: Mapped[str] = mapped_column(String(64), default="Europe/Paris")
    # Comma-separated document languages, the first one preferred: "fr,en".
    languages: Mapped[str] = mapped_column(String(20), default="fr,en")
    currency: Mapped[str | None] = mapped_column(String(3))
    organisers: Mapped[str | None] = mapped_column(Text)
    partners: Mapped[str | None] = mapped_column(Text)
    emergency_numbers: Mapped[str | None] = mapped_column(Text)
    identity_document_required: Mapped[bool] = mapped_column(Boolean, default=True)
    # Months a passport must remain valid after the return date, when the country asks.
    passport_validity_months: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)
    # The association's logo for the documents' covers, as the PNG or JPEG file's bytes;
    # deferred: lists of trips do not read it.
    logo: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)

    groups: Mapped[list["TripGroup"]] = relationship(
        back_populates="trip", cascade="all, delete-orphan", order_by="TripGroup.position"
    )
    participants: Mapped[list["Participant"]] = relationship(
        back_populates="trip", cascade="all, delete-orphan"
    )
    agenda_items: Mapped[list["AgendaItem"]] = relationship(
        back_populates="trip", cascade="all, delete-orphan"
    )
    hotels: Mapped[list["Hotel"]] = relationship(
        back_populates="trip", cascade="all, delete-orphan"
    )
    travel_segments: Mapped[list["TravelSegment"]] = relationship(
        back_populates="trip", cascade="all, delete-orphan"
    )


class TripGroup(Versioned, Base):
    """A sub-group of the delegation for parallel visits ("A", "B")."""

    __tablename__ = "trip_groups"
    # The unique (trip_id, code) index also serves lookups of a trip's groups.
    __table_args__ = (UniqueConstraint("trip_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    trip_id: Mapped[int] = mapped_column(ForeignKey("trips.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(100))
    colour: Mapped[str | None] = mapped_column(String(7))  # "#1f77b4", for badges
    position: Mapped[int] = mapped_column(Integer, default=0)

    trip: Mapped[Trip] = relationship(back_populates="groups")
