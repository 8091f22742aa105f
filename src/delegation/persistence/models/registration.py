"""Participants: a contact's registration to one trip, with its personal details."""

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Column, Date, ForeignKey, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from delegation.domain.enums import Language, ParticipantCategory, ParticipantStatus
from delegation.persistence.base import Base, Versioned
from delegation.persistence.models.columns import PRIVATE, enum_column
from delegation.persistence.models.people import Contact

if TYPE_CHECKING:
    from delegation.persistence.models.logistics import Room
    from delegation.persistence.models.trips import Trip, TripGroup

participant_groups = Table(
    "participant_groups",
    Base.metadata,
    Column("participant_id", ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True),
    Column("group_id", ForeignKey("trip_groups.id", ondelete="CASCADE"), primary_key=True),
)


class Participant(Versioned, Base):
    """Fields marked PRIVATE are left out of exports unless asked for, and out of a
    viewer's sight (persistence/roles.py)."""

    __tablename__ = "participants"
    __table_args__ = (UniqueConstraint("trip_id", "contact_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    trip_id: Mapped[int] = mapped_column(ForeignKey("trips.id", ondelete="CASCADE"))
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="RESTRICT"), index=True
    )
    status: Mapped[ParticipantStatus] = enum_column(
        ParticipantStatus, "participant_status", default=ParticipantStatus.INVITED
    )
    category: Mapped[ParticipantCategory] = enum_column(
        ParticipantCategory, "participant_category", default=ParticipantCategory.ENTREPRENEUR
    )
    language: Mapped[Language] = enum_column(
        Language, "participant_language", default=Language.FRENCH
    )
    # 1, 2, 3... for waitlisted participants: who is offered the next free seat.
    waitlist_position: Mapped[int | None] = mapped_column(Integer)
    nationality: Mapped[str | None] = mapped_column(String(2))
    dietary: Mapped[str | None] = mapped_column(Text, info=PRIVATE)
    accessibility: Mapped[str | None] = mapped_column(Text, info=PRIVATE)
    passport_number: Mapped[str | None] = mapped_column(String(40), info=PRIVATE)
    passport_expiry: Mapped[date | None] = mapped_column(Date, info=PRIVATE)
    emergency_contact_name: Mapped[str | None] = mapped_column(String(200), info=PRIVATE)
    emergency_contact_phone: Mapped[str | None] = mapped_column(String(40), info=PRIVATE)
    room_id: Mapped[int | None] = mapped_column(
        ForeignKey("rooms.id", ondelete="SET NULL"), index=True
    )
    # The person this participant asked to share a room with, before rooms are assigned.
    roommate_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL")
    )
    notes: Mapped[str | None] = mapped_column(Text)

    trip: Mapped["Trip"] = relationship(back_populates="participants")
    contact: Mapped[Contact] = relationship()
    groups: Mapped[list["TripGroup"]] = relationship(secondary=participant_groups)
    room: Mapped["Room | None"] = relationship(back_populates="occupants")
    # post_update: two people asking for each other would otherwise be a cycle.
    roommate: Mapped["Participant | None"] = relationship(remote_side=[id], post_update=True)
