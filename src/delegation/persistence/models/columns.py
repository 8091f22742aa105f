"""Column helpers shared by the models."""

import uuid
from enum import StrEnum
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import Enum, Integer, String
from sqlalchemy.orm import Mapped, MappedColumn, mapped_column

# The info of a column holding private data: identity documents, date of birth, health,
# diet, accessibility and emergency contacts. Exports leave these out unless asked for, and
# a database server shows them to organisers only (persistence/roles.py). Never changed.
PRIVATE = {"private": True}


def enum_column(enum_class: type[StrEnum], name: str, **kwargs) -> MappedColumn:
    """A portable string column holding an enum's values, guarded by a CHECK constraint.

    Not a native PostgreSQL enum: adding a value later is then a plain migration on
    both databases.
    """
    return mapped_column(
        Enum(
            enum_class,
            name=name,
            native_enum=False,
            create_constraint=True,
            validate_strings=True,
            length=20,
            values_callable=lambda members: [member.value for member in members],
        ),
        **kwargs,
    )


def new_calendar_uid() -> str:
    """A UID no other event shares, whatever the trip or the database (RFC 7986: a UUID)."""
    return str(uuid.uuid4())


class CalendarEntry:
    """A record that calendar programs keep as an event.

    Its UID stays for life (a copy gets its own), so that a file exported again updates
    the event instead of adding a second one; its sequence (iCalendar's SEQUENCE) rises
    with each change of what the event shows, so that programs take the newer version.
    """

    # The attributes the event shows; a change of any of them raises the sequence.
    calendar_fields: ClassVar[tuple[str, ...]] = ()

    if TYPE_CHECKING:
        # Given by the mapped class that takes this in; declared for the checker only,
        # since a bare annotation in a mixin would map a column of its own.
        id: Mapped[int]

    calendar_uid: Mapped[str] = mapped_column(
        String(64), default=new_calendar_uid, unique=True, index=True
    )
    calendar_sequence: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
