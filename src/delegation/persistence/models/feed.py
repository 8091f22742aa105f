"""What each committed write changed, for the other programs open on the same database."""

from datetime import datetime

from sqlalchemy import JSON, DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from delegation.persistence.base import Base


class CommittedChange(Base):
    """One write transaction: who, when, from which program, and which rows of which
    tables (`rows`: table name -> ids, or None for rows written in bulk). Kept a short
    while: the windows open on the database read the ones after the last they saw."""

    __tablename__ = "change_feed"

    id: Mapped[int] = mapped_column(primary_key=True)
    committed_at: Mapped[datetime] = mapped_column(DateTime)
    committed_by: Mapped[str] = mapped_column(String(100))
    origin: Mapped[str] = mapped_column(String(32))  # the program that wrote it
    trip_ids: Mapped[list[int] | None] = mapped_column(JSON)  # None: any trip may have changed
    rows: Mapped[dict[str, list[int] | None]] = mapped_column(JSON)
