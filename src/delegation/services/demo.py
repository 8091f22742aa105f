"""The sample Tallinn delegation, loaded from resources/sample into any database."""

import json
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from delegation.domain.enums import (
    AgendaKind,
    Language,
    ParticipantCategory,
    ParticipantStatus,
    RoomType,
    TravelDirection,
    TravelMode,
)
from delegation.domain.errors import ValidationError
from delegation.domain.rules import normalize_email
from delegation.i18n import _
from delegation.persistence.backups import backup_sqlite_file
from delegation.persistence.models import (
    AgendaItem,
    Contact,
    Hotel,
    Organization,
    Participant,
    Room,
    TravelSegment,
    Trip,
    TripGroup,
    Venue,
)
from delegation.resources import resource
from delegation.services.workspace import Workspace

SAMPLE_KEY = "tallinn-2023"
SAMPLE_FILE = ("sample", "tallinn-2023.json")
_TRIP_FIELDS = (
    "key", "title", "destination_city", "destination_country", "timezone", "home_timezone",
    "languages", "currency", "organisers", "partners", "emergency_numbers",
    "identity_document_required", "passport_validity_months", "notes",
)  # fmt: skip
_VENUE_FIELDS = (
    "name", "address", "city", "country", "latitude", "longitude", "contact_name",
    "contact_phone", "contact_email", "capacity", "identity_list_required",
)  # fmt: skip
_CONTACT_FIELDS = (
    "civility",
    "first_name",
    "last_name",
    "phone",
    "job_title",
    "language",
    "nationality",
)


@dataclass(frozen=True)
class DemoResult:
    key: str
    loaded: bool  # False when the trip was already there and left as it was
    participants: int = 0  # registrations still in play, as "trips" counts them
    agenda_items: int = 0
    backup: Path | None = None  # the copy made before a reset replaced the trip


def _read_sample() -> dict[str, Any]:
    return json.loads(resource(*SAMPLE_FILE).read_text(encoding="utf-8"))


class _SampleLoader:
    """Turns the sample's references (organization keys, emails, labels) into rows."""

    def __init__(self, session: Session, data: dict[str, Any]) -> None:
        self.session = session
        self.data = data
        self.organizations: dict[str, Organization] = {}
        self.contacts: dict[str, Contact] = {}
        self.venues: dict[str, Venue] = {}
        self.groups: dict[str, TripGroup] = {}
        self.rooms: dict[tuple[str, str], Room] = {}
        # By email as compared (normalize_email); the sample gives everyone one.
        self.participants: dict[str | None, Participant] = {}

    # The directory (organizations, contacts, venues) is shared by every trip:
    # reuse what is already there rather than duplicate it.
    def _organization(self, key: str) -> Organization:
        return self.organizations[key]

    def load_directory(self) -> None:
        for entry in self.data["organizations"]:
            organization = self.session.scalar(
                select(Organization).where(Organization.name == entry["name"])
            )
            if organization is None:
                organization = Organization(
                    name=entry["name"], city=entry.get("city"), country=entry.get("country")
                )
                self.session.add(organization)
            self.organizations[entry["key"]] = organization
        for entry in self.data["venues"]:
            venue = self.session.scalar(select(Venue).where(Venue.name == entry["name"]))
            if venue is None:
                venue = Venue(**{name: entry[name] for name in _VENUE_FIELDS if name in entry})
                self.session.add(venue)
            self.venues[entry["key"]] = venue

    def contact(self, entry: dict[str, Any]) -> Contact:
        email = normalize_email(entry.get("email"))
        if email in self.contacts:  # a host who also travels: one person, one contact
            return self.contacts[email]
        contact = None
        if email is not None:
            contact = self.session.scalar(select(Contact).where(Contact.email == email))
        if contact is None:
            contact = Contact(
                email=email,
                organization=self.organizations.get(entry.get("organization", "")),
                **{name: entry[name] for name in _CONTACT_FIELDS if name in entry},
            )
            self.session.add(contact)
        if email is not None:
            self.contacts[email] = contact
        return contact

    def load_trip(self) -> Trip:
        source = self.data["trip"]
        trip = Trip(
            start_date=date.fromisoformat(source["start_date"]),
            end_date=date.fromisoformat(source["end_date"]),
            **{name: source[name] for name in _TRIP_FIELDS if name in source},
        )
        self.session.add(trip)
        for position, entry in enumerate(self.data["groups"]):
            group = TripGroup(position=position, **entry)
            trip.groups.append(group)
            self.groups[entry["code"]] = group
        for entry in self.data["hotels"]:
            hotel = Hotel(
                name=entry["name"],
                address=entry.get("address"),
                phone=entry.get("phone"),
                email=entry.get("email"),
                check_in=date.fromisoformat(entry["check_in"]),
                check_out=date.fromisoformat(entry["check_out"]),
            )
            trip.hotels.append(hotel)
            for room_entry in entry["rooms"]:
                room = Room(
                    label=room_entry["label"],
                    room_type=RoomType(room_entry["type"]),
                    capacity=room_entry["capacity"],
                )
                hotel.rooms.append(room)
                self.rooms[(hotel.name, room.label)] = room
        for entry in self.data["host_contacts"]:
            self.contact(entry)
        self._load_participants(trip)
        self._load_agenda(trip)
        self._load_travel(trip)
        return trip

    def _load_participants(self, trip: Trip) -> None:
        for entry in self.data["participants"]:
            emergency = entry.get("emergency_contact") or {}
            room = entry.get("room")
            participant = Participant(
                contact=self.contact(entry),
                status=ParticipantStatus(entry["status"]),
                category=ParticipantCategory(entry["category"]),
                language=Language(entry["language"]),
                waitlist_position=entry.get("waitlist_position"),
                nationality=entry.get("nationality"),
                dietary=entry.get("dietary"),
                accessibility=entry.get("accessibility"),
                passport_number=entry.get("passport_number"),
                passport_expiry=_optional_date(entry.get("passport_expiry")),
                emergency_contact_name=emergency.get("name"),
                emergency_contact_phone=emergency.get("phone"),
                room=self.rooms[(room["hotel"], room["label"])] if room else None,
                groups=[self.groups[code] for code in entry["groups"]],
            )
            trip.participants.append(participant)
            self.participants[normalize_email(entry["email"])] = participant
        for entry in self.data["participants"]:
            if entry.get("roommate"):
                participant = self.participants[normalize_email(entry["email"])]
                participant.roommate = self.participants[normalize_email(entry["roommate"])]

    def _load_agenda(self, trip: Trip) -> None:
        for entry in self.data["agenda"]:
            host_contact = entry.get("host_contact")
            trip.agenda_items.append(
                AgendaItem(
                    day=date.fromisoformat(entry["day"]),
                    start_time=time.fromisoformat(entry["start"]),
                    end_time=time.fromisoformat(entry["end"]),
                    title_fr=entry["title_fr"],
                    title_en=entry["title_en"],
                    kind=AgendaKind(entry["kind"]),
                    venue=self.venues[entry["venue"]],
                    host_organization=self.organizations.get(entry.get("host", "")),
                    host_contact=self.contacts[host_contact] if host_contact else None,
                    capacity=entry.get("capacity"),
                    notes_fr=entry.get("notes_fr"),
                    notes_en=entry.get("notes_en"),
                    internal_notes=entry.get("internal_notes"),
                    groups=[self.groups[code] for code in entry["groups"]],
                )
            )

    def _load_travel(self, trip: Trip) -> None:
        # "*" means every confirmed participant not booked on another leg that way.
        booked: dict[str, set[str | None]] = {}
        for entry in self.data["travel"]:
            if entry["passengers"] != "*":
                booked.setdefault(entry["direction"], set()).update(
                    normalize_email(email) for email in entry["passengers"]
                )
        for entry in self.data["travel"]:
            if entry["passengers"] == "*":
                taken = booked.get(entry["direction"], set())
                passengers = [
                    participant
                    for email, participant in self.participants.items()
                    if participant.status == ParticipantStatus.CONFIRMED and email not in taken
                ]
            else:
                passengers = [self.participants[normalize_email(e)] for e in entry["passengers"]]
            trip.travel_segments.append(
                TravelSegment(
                    mode=TravelMode(entry["mode"]),
                    direction=TravelDirection(entry["direction"]),
                    carrier=entry.get("carrier"),
                    number=entry.get("number"),
                    departure_place=entry["departure_place"],
                    departure_timezone=entry["departure_timezone"],
                    departure_at=datetime.fromisoformat(entry["departure_at"]),
                    arrival_place=entry["arrival_place"],
                    arrival_timezone=entry["arrival_timezone"],
                    arrival_at=datetime.fromisoformat(entry["arrival_at"]),
                    passengers=passengers,
                )
            )


def _optional_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def load_demo(workspace: Workspace, *, reset: bool = False) -> DemoResult:
    """Load the sample delegation; with reset, replace the trip if it is already there.

    The sample may have been worked on (it is there from the first start), so an SQLite
    file is copied aside before a reset throws those edits away.
    """
    data = _read_sample()
    key = data["trip"]["key"]
    backup = None
    with workspace.reading() as session:
        exists = session.scalar(select(Trip.id).where(Trip.key == key)) is not None
    if exists and not reset:
        return DemoResult(key=key, loaded=False)
    if exists and workspace.location.path is not None:
        backup = backup_sqlite_file(workspace.location.path)
    with workspace.transaction() as session:
        existing = session.scalar(select(Trip).where(Trip.key == key))
        if existing is not None:
            session.delete(existing)
            session.flush()
        loader = _SampleLoader(session, data)
        try:
            # The lookups of the shared directory must not flush half-built rows.
            with session.no_autoflush:
                loader.load_directory()
                trip = loader.load_trip()
        except (KeyError, ValueError) as error:  # a damaged sample file in the install
            raise ValidationError(
                "sample", _("the sample data is damaged ({error})").format(error=error)
            ) from None
        session.flush()
        return DemoResult(
            key=key,
            loaded=True,
            participants=sum(p.status != ParticipantStatus.CANCELLED for p in trip.participants),
            agenda_items=len(trip.agenda_items),
            backup=backup,
        )
