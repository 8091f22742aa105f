"""The programme: venues and the agenda items held there."""

from datetime import date, time
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    Time,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from delegation.domain.enums import AgendaKind, AgendaStatus
from delegation.persistence.base import Base, Versioned
from delegation.persistence.models.columns import CalendarEntry, enum_column
from delegation.persistence.models.people import Contact, Organization

if TYPE_CHECKING:
    from delegation.persistence.models.trips import Trip, TripGroup

agenda_item_groups = Table(
    "agenda_item_groups",
    Base.metadata,
    Column("agenda_item_id", ForeignKey("agenda_items.id", ondelete="CASCADE"), primary_key=True),
    Column("group_id", ForeignKey("trip_groups.id", ondelete="CASCADE"), primary_key=True),
)


class Venue(Versioned, Base):
    """A place visited; shared across trips, so a venue of 2023 is at hand in 2025."""

    __tablename__ = "venues"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    address: Mapped[str | None] = mapped_column(Text)
    city: Mapped[str | None] = mapped_column(String(100))
    country: Mapped[str | None] = mapped_column(String(2))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    capacity: Mapped[int | None] = mapped_column(Integer)
    # Some sites (ministries, defence) want visitors' identity numbers in advance.
    identity_list_required: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str | None] = mapped_column(Text)


class AgendaItem(CalendarEntry, Versioned, Base):
    """One entry of the programme; times are wall-clock times at the destination."""

    __tablename__ = "agenda_items"
    __table_args__ = (Index("ix_agenda_items_trip_day_start", "trip_id", "day", "start_time"),)
    # What its calendar event shows (the venue's name, address and place count too).
    calendar_fields = (
        "day", "start_time", "end_time", "start_fold", "end_fold", "title_fr", "title_en",
        "status", "venue_id", "notes_fr", "notes_en",
    )  # fmt: skip

    id: Mapped[int] = mapped_column(primary_key=True)
    trip_id: Mapped[int] = mapped_column(ForeignKey("trips.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    start_time: Mapped[time] = mapped_column(Time)
    end_time: Mapped[time | None] = mapped_column(Time)
    # A time that happens twice on the night the clocks go back means its second
    # occurrence when set (PEP 495's fold); otherwise the first.
    start_fold: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    end_fold: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    title_fr: Mapped[str] = mapped_column(String(300), default="")
    title_en: Mapped[str] = mapped_column(String(300), default="")
    kind: Mapped[AgendaKind] = enum_column(AgendaKind, "agenda_kind", default=AgendaKind.VISIT)
    status: Mapped[AgendaStatus] = enum_column(
        AgendaStatus, "agenda_status", default=AgendaStatus.CONFIRMED
    )
    venue_id: Mapped[int | None] = mapped_column(
        ForeignKey("venues.id", ondelete="SET NULL"), index=True
    )
    host_organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL")
    )
    host_contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL")
    )
    capacity: Mapped[int | None] = mapped_column(Integer)
    notes_fr: Mapped[str | None] = mapped_column(Text)
    notes_en: Mapped[str | None] = mapped_column(Text)
    internal_notes: Mapped[str | None] = mapped_column(Text)

    trip: Mapped["Trip"] = relationship(back_populates="agenda_items")
    venue: Mapped[Venue | None] = relationship()
    host_organization: Mapped[Organization | None] = relationship()
    host_contact: Mapped[Contact | None] = relationship()
    # No group means the whole delegation.
    groups: Mapped[list["TripGroup"]] = relationship(secondary=agenda_item_groups)
