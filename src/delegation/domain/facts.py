"""What the readiness rules read about a trip, and the issues they return, as plain values.

The services fill these from the database; the rules (domain/readiness.py and
domain/conflicts.py) never see anything else, so they are tested without one.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from delegation.domain.enums import (
    AgendaKind,
    AgendaStatus,
    ParticipantStatus,
    TravelDirection,
)
from delegation.domain.scheduling import (
    ClockChange,
    Interval,
    instant,
    item_instants,
    item_moments,
    skipped_by,
)

# Under this gap, moving between two venues whose distance is unknown is a warning.
UNKNOWN_DISTANCE_GAP_MINUTES = 15
# An item without an end time is taken to last one minute: it still clashes with
# whatever runs when it starts.
POINT_ITEM_MINUTES = 1


class Severity(StrEnum):
    BLOCKING = "blocking"
    WARNING = "warning"


class Rule(StrEnum):
    """Every rule, in the order its findings are listed within a severity."""

    ENDS_BEFORE_START = "ends_before_start"  # an item ending when it starts, a leg backwards
    SKIPPED_TIME = "skipped_time"  # a time the clocks skip that day
    OUTSIDE_TRIP = "outside_trip"
    OVERLAP = "overlap"
    TRAVEL_TIME = "travel_time"
    CAPACITY = "capacity"
    IDENTITY_MISSING = "identity_missing"
    IDENTITY_EXPIRING = "identity_expiring"
    NO_EMERGENCY_CONTACT = "no_emergency_contact"
    NO_ROOM = "no_room"
    NO_OUTBOUND = "no_outbound"
    NO_RETURN = "no_return"
    WAITLIST_AFTER_CANCELLATION = "waitlist_after_cancellation"


class Target(StrEnum):
    PARTICIPANT = "participant"
    AGENDA_ITEM = "agenda_item"
    SEGMENT = "segment"
    TRIP = "trip"


@dataclass(frozen=True)
class TripFacts:
    start_date: date
    end_date: date
    timezone: str  # agenda times are wall-clock times in this zone
    identity_required: bool = True  # every traveller needs an identity document on file
    validity_months: int | None = None  # months the document must outlive the return
    id: int = 0
    # False when the reader may not see identity documents and emergency contacts (a viewer
    # of a shared database): the checks that need them are left out, not failed.
    private_known: bool = True


@dataclass(frozen=True)
class Person:
    id: int
    status: ParticipantStatus
    groups: frozenset[str] = frozenset()
    has_identity: bool = False  # an identity document number is on file
    identity_expiry: date | None = None
    has_emergency_contact: bool = False  # someone who can be called
    has_room: bool = False
    waitlist_position: int | None = None

    @property
    def in_play(self) -> bool:
        """Expected on the programme: confirmed, or invited and not yet answered."""
        return self.status in (ParticipantStatus.CONFIRMED, ParticipantStatus.INVITED)


@dataclass(frozen=True)
class Place:
    id: int
    latitude: float | None = None
    longitude: float | None = None
    capacity: int | None = None
    identity_list_required: bool = False

    @property
    def located(self) -> bool:
        return self.coordinates is not None

    @property
    def coordinates(self) -> tuple[float, float] | None:
        """Latitude and longitude, or None unless both are known."""
        if self.latitude is None or self.longitude is None:
            return None
        return self.latitude, self.longitude


@dataclass(frozen=True)
class Item:
    """An agenda item; groups empty means the whole delegation."""

    id: int
    day: date
    start: time
    end: time | None = None
    groups: frozenset[str] = frozenset()
    venue_id: int | None = None
    capacity: int | None = None
    status: AgendaStatus = AgendaStatus.CONFIRMED
    kind: AgendaKind = AgendaKind.VISIT
    folds: tuple[bool, bool] = (False, False)  # start, end: the second of a repeated time

    @property
    def live(self) -> bool:
        return self.status != AgendaStatus.CANCELLED

    @property
    def ends_at_start(self) -> bool:
        """An end equal to the start: no length at all (an earlier end is the next day)."""
        return self.end is not None and self.end == self.start

    def interval(self, zone: str) -> Interval:
        start, end = item_instants(self.day, self.start, self.end, zone, folds=self.folds)
        if end is None:
            return Interval(start, start + timedelta(minutes=POINT_ITEM_MINUTES))
        return Interval(start, end)

    def skipped_times(self, zone: str) -> list[tuple[date, time, ClockChange]]:
        """Its start and end when the clocks skip them that day, each with its change."""
        found = []
        for day, at in item_moments(self.day, self.start, self.end):
            change = skipped_by(day, at, zone)
            if change is not None:
                found.append((day, at, change))
        return found

    def attended_by(self, groups: frozenset[str]) -> bool:
        """Whether people of these groups are expected at this item."""
        return not self.groups or not self.groups.isdisjoint(groups)


_NEVER_BEFORE = datetime(1900, 1, 1, tzinfo=UTC)
_NEVER_AFTER = datetime(2200, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Leg:
    """A travel leg: each end a wall-clock time in its own zone."""

    id: int
    departure_at: datetime
    departure_timezone: str
    arrival_at: datetime
    arrival_timezone: str
    direction: TravelDirection = TravelDirection.OUTBOUND
    passenger_ids: frozenset[int] = frozenset()

    def interval(self) -> Interval:
        return Interval(
            instant(self.departure_at, self.departure_timezone),
            instant(self.arrival_at, self.arrival_timezone),
        )

    def away(self) -> Interval:
        """When its passengers cannot be at an item of the trip: on the way, and before
        an outbound leg lands or after a return leg leaves."""
        span = self.interval()
        if self.direction == TravelDirection.OUTBOUND:
            return Interval(_NEVER_BEFORE, span.end)
        if self.direction == TravelDirection.RETURN:
            return Interval(span.start, _NEVER_AFTER)
        return span


@dataclass(frozen=True)
class Plan:
    """Everything the rules look at for one trip."""

    trip: TripFacts
    people: tuple[Person, ...] = ()
    items: tuple[Item, ...] = ()
    places: tuple[Place, ...] = ()
    legs: tuple[Leg, ...] = ()


@dataclass(frozen=True)
class Settings:
    speed_kmh: float = 30.0  # between venues of the same city, by coach or on foot
    buffer_minutes: int = 10  # to leave a site and board


_NO_VALUES: MappingProxyType = MappingProxyType({})


@dataclass(frozen=True)
class Issue:
    """One problem: what it concerns (ids) and its figures; the services word it.

    item_ids: the items concerned, in time order; people: the participants concerned;
    groups: for a clash of the programme nobody is registered for yet, the groups it
    concerns (empty with no people: the whole delegation); values: the rule's figures.
    """

    severity: Severity
    rule: Rule
    target_kind: Target
    target_id: int
    item_ids: tuple[int, ...] = ()
    people: tuple[int, ...] = ()
    groups: tuple[str, ...] = ()
    values: Any = field(default_factory=lambda: _NO_VALUES)
    promote_id: int | None = None
