"""What users told the importers: a file's value that means one of ours."""

from datetime import datetime

from sqlalchemy import DateTime, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from delegation.persistence.base import Base, utcnow


class ImportValueMap(Base):
    """A value of a file's column the importer did not know, and what the user said it
    means (`target` None: leave the field empty). Kept per layout of header, so the next
    file with the same header is read the same way."""

    __tablename__ = "import_value_maps"
    __table_args__ = (UniqueConstraint("header_key", "field", "value", name="one_meaning"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    header_key: Mapped[str] = mapped_column(String(64))  # a digest of the folded headers
    field: Mapped[str] = mapped_column(String(40))
    value: Mapped[str] = mapped_column(String(200))  # folded, as files are compared
    target: Mapped[str | None] = mapped_column(String(40))
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, nullable=False, default=utcnow, onupdate=utcnow
    )
