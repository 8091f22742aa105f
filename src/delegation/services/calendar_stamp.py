"""What a calendar program needs to follow an item or a leg from one export to the next."""

from dataclasses import dataclass
from datetime import datetime

from delegation.persistence.models import AgendaItem, TravelSegment


@dataclass(frozen=True)
class CalendarStamp:
    uid: str  # the event's UID, the same in every file exported since the record was made
    sequence: int  # raised by each change of what the event shows
    modified: datetime  # the record's last change, in UTC (naive, as stored)


def stamp_of(record: AgendaItem | TravelSegment) -> CalendarStamp:
    """The stamp of an agenda item or a travel leg read from the database."""
    return CalendarStamp(record.calendar_uid, record.calendar_sequence, record.updated_at)
