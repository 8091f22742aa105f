"""The association's network: organizations and the contacts who work there."""

from datetime import date

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from delegation.domain.rules import full_name
from delegation.persistence.base import Base, Versioned
from delegation.persistence.models.columns import PRIVATE


class Organization(Versioned, Base):
    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    city: Mapped[str | None] = mapped_column(String(100))
    country: Mapped[str | None] = mapped_column(String(2))
    website: Mapped[str | None] = mapped_column(String(300))
    notes: Mapped[str | None] = mapped_column(Text)

    contacts: Mapped[list["Contact"]] = relationship(back_populates="organization")


class Contact(Versioned, Base):
    """A person in the network, reused from one trip to the next."""

    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    civility: Mapped[str | None] = mapped_column(String(20))
    first_name: Mapped[str] = mapped_column(String(100), default="")
    last_name: Mapped[str] = mapped_column(String(100))
    # Stored trimmed and lowercased so that uniqueness is case-insensitive everywhere.
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    phone: Mapped[str | None] = mapped_column(String(40))
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL"), index=True
    )
    job_title: Mapped[str | None] = mapped_column(String(200))
    language: Mapped[str | None] = mapped_column(String(2))
    nationality: Mapped[str | None] = mapped_column(String(2))
    birth_date: Mapped[date | None] = mapped_column(Date, info=PRIVATE)
    notes: Mapped[str | None] = mapped_column(Text)

    organization: Mapped[Organization | None] = relationship(back_populates="contacts")

    @property
    def full_name(self) -> str:
        return full_name(self.first_name, self.last_name)
