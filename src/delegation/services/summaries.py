"""What the services say about trips, as plain values: importable without the database."""

from dataclasses import dataclass
from datetime import date

from delegation.domain.enums import ParticipantCategory, ParticipantStatus


@dataclass(frozen=True)
class TripSettings:
    """What the trip settings editor changes; the names are the trip's columns."""

    title: str
    destination_city: str
    destination_country: str
    start_date: date
    end_date: date
    timezone: str
    home_timezone: str


@dataclass(frozen=True)
class TripSummary:
    id: int
    key: str
    title: str
    destination_city: str
    destination_country: str
    start_date: date
    end_date: date
    timezone: str
    home_timezone: str
    participant_count: int
    version: int

    @property
    def settings(self) -> TripSettings:
        return TripSettings(
            self.title, self.destination_city, self.destination_country, self.start_date,
            self.end_date, self.timezone, self.home_timezone,
        )  # fmt: skip


@dataclass(frozen=True)
class NewTrip:
    key: str
    title: str
    destination_city: str
    destination_country: str
    # None while the editor's field is empty or unreadable: it validates the trip as typed.
    start_date: date | None
    end_date: date | None
    timezone: str | None = None
    home_timezone: str = "Europe/Paris"


@dataclass(frozen=True)
class TripOverview:
    trip: TripSummary
    by_status: dict[ParticipantStatus, int]
    by_category: dict[ParticipantCategory, int]
    by_group: dict[str, int]  # group name -> active participants
    agenda_item_count: int
