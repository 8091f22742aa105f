"""What an itinerary says, as plain frozen values: filled by the services, drawn by itinerary.py.

Texts are already in the document's language (titles, notes); enums are translated while
drawing, in the language named by `Itinerary.language`. Everything pickles, so that worker
processes can draw what the parent process read.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from delegation.domain.enums import AgendaKind, AgendaStatus, RoomType, TravelMode


@dataclass(frozen=True)
class Place:
    name: str
    address: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    contact_name: str | None = None
    contact_phone: str | None = None


@dataclass(frozen=True)
class Host:
    organization: str | None = None
    contact_name: str | None = None
    contact_role: str | None = None
    contact_phone: str | None = None
    contact_email: str | None = None


@dataclass(frozen=True)
class ItineraryItem:
    start: time
    end: time | None
    title: str
    kind: AgendaKind
    status: AgendaStatus = AgendaStatus.CONFIRMED
    place: Place | None = None
    host: Host | None = None
    groups: tuple[str, ...] = ()  # group names; none: the whole delegation
    notes: str | None = None
    repeated: "RepeatedTime | None" = None  # a time the clocks repeat that night
    # A line of the person's own (their leg, the clocks changing), said instead of the
    # kind and groups of a programme item.
    tag: str | None = None


@dataclass(frozen=True)
class RepeatedTime:
    """A time of an item that happens twice (the clocks go back): which one is meant."""

    at: time
    second: bool  # after the clocks go back
    offset: str  # of the one meant: "UTC+2"


@dataclass(frozen=True)
class ItineraryDay:
    day: date
    items: tuple[ItineraryItem, ...]


@dataclass(frozen=True)
class TravelLeg:
    mode: TravelMode
    carrier: str | None
    number: str | None
    departure_place: str
    departure_at: datetime  # naive, local to departure_zone
    departure_zone: str
    arrival_place: str
    arrival_at: datetime  # naive, local to arrival_zone
    arrival_zone: str
    notes: str | None = None
    passenger_count: int | None = None  # shown in the delegation's itinerary only


@dataclass(frozen=True)
class HotelStay:
    place: Place
    phone: str | None = None
    email: str | None = None
    check_in: date | None = None
    check_out: date | None = None
    room: str | None = None
    room_type: RoomType | None = None
    roommates: tuple[str, ...] = ()


@dataclass(frozen=True)
class Itinerary:
    language: str  # "fr" or "en": the document's language
    trip_title: str
    destination: str
    country: str  # ISO code
    start: date
    end: date
    timezone: str
    home_timezone: str
    home_offset_minutes: int  # destination time minus home time, at the start of the trip
    # A clock change in one place but not the other during the trip: (from that day, offset).
    offset_changes: tuple[tuple[date, int], ...] = ()
    currency: str | None = None
    organisers: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    emergency_numbers: tuple[str, ...] = ()
    hotels: tuple[HotelStay, ...] = ()
    travel: tuple[TravelLeg, ...] = ()
    days: tuple[ItineraryDay, ...] = ()
    participant: str | None = None  # the person of a personal itinerary
    participant_groups: tuple[str, ...] = ()
    accessibility: str | None = None  # the person's own needs, on a personal itinerary only
    # The trip's groups in their order: a day's group columns stand in this order.
    groups: tuple[str, ...] = ()
    logo: bytes | None = None  # the association's logo (PNG or JPEG), for the cover
