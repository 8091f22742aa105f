"""The readiness report of a trip: the rules of domain/readiness.py over its data, each
finding worded in the language in force and pointing back at the object concerned."""

from dataclasses import dataclass, replace

from sqlalchemy import select

from delegation.domain.enums import ParticipantStatus
from delegation.domain.facts import Issue, Item, Leg, Person, Place, Plan, Settings, TripFacts
from delegation.domain.readiness import assess
from delegation.persistence.models import Trip
from delegation.services.agenda import list_agenda
from delegation.services.changes import Changes, Kind
from delegation.services.directory import list_venues
from delegation.services.participant_rows import (
    ParticipantRow,
    list_participants,
    read_participants,
)
from delegation.services.readiness_text import Names, word
from delegation.services.travel import list_segments
from delegation.services.trips import find_trip
from delegation.services.workspace import Workspace

__all__ = ["Finding", "ReadinessReport", "TripCheck", "check_trip"]


@dataclass(frozen=True)
class Finding:
    severity: str  # "blocking" | "warning"
    rule: str  # "overlap", "travel_time", "capacity"… (domain.facts.Rule)
    message: str  # one plain sentence in the language in force
    target_kind: str  # "participant" | "agenda_item" | "segment" | "trip"
    target_id: int
    promote_id: int | None = None  # waitlist_after_cancellation: whom to offer the seat to


@dataclass(frozen=True)
class ReadinessReport:
    findings: tuple[Finding, ...]  # blocking first, then warnings; stable order
    pairs_compared: int

    @property
    def blocking(self) -> int:
        return sum(1 for finding in self.findings if finding.severity == "blocking")

    @property
    def warnings(self) -> int:
        return sum(1 for finding in self.findings if finding.severity == "warning")


def check_trip(
    workspace: Workspace, trip: str | int, *, speed_kmh: float = 30.0, buffer_minutes: int = 10
) -> ReadinessReport:
    """Check a trip (key or id): conflicts, capacity, missing or expiring data."""
    plan, names = gather(workspace, trip)
    return _report(plan, names, Settings(speed_kmh=speed_kmh, buffer_minutes=buffer_minutes))


def _report(plan: Plan, names: Names, settings: Settings) -> ReadinessReport:
    assessment = assess(plan, settings)
    return ReadinessReport(
        tuple(_finding(issue, names) for issue in assessment.issues),
        assessment.pairs_compared,
    )


class TripCheck:
    """One trip's checks, kept up to date as it is edited: after an edit of a few
    participants, only they are read again; any other edit reads the trip whole.

    Not shared between threads: one check runs at a time.
    """

    def __init__(self, workspace: Workspace, trip_id: int) -> None:
        self._workspace, self.trip_id = workspace, trip_id
        self._read: tuple[Plan, Names] | None = None

    def run(self, changes: Changes | None = None) -> ReadinessReport:
        """The report after these changes (None: anything may have changed)."""
        ids = changes.ids_of(Kind.PARTICIPANT) if changes is not None else None
        only_people = changes is not None and set(changes.ids) == {Kind.PARTICIPANT}
        if self._read is None or not only_people or ids is None:
            self._read = gather(self._workspace, self.trip_id)
        else:
            self._read = _with_people(
                *self._read, ids, read_participants(self._workspace, self.trip_id, sorted(ids))
            )
        return _report(*self._read, Settings())


def _with_people(
    plan: Plan, names: Names, ids: frozenset[int], rows: list[ParticipantRow]
) -> tuple[Plan, Names]:
    """The plan with these participants as read now (those not read are gone)."""
    kept = [person for person in plan.people if person.id not in ids]
    people = {person.id: person for person in [*kept, *map(_person, rows)]}
    named = {k: v for k, v in names.people.items() if k not in ids}
    named.update((row.id, row.details.full_name) for row in rows)
    ordered = tuple(people[key] for key in sorted(people, key=_reading_order(plan)))
    return replace(plan, people=ordered), replace(names, people=named)


def _reading_order(plan: Plan):
    # Findings keep the order a whole reading gives them: people stay where they were,
    # a new one goes last.
    place = {person.id: n for n, person in enumerate(plan.people)}
    return lambda key: place.get(key, len(place) + key)


def _finding(issue: Issue, names: Names) -> Finding:
    return Finding(
        severity=str(issue.severity),
        rule=str(issue.rule),
        message=word(issue, names),
        target_kind=str(issue.target_kind),
        target_id=issue.target_id,
        promote_id=issue.promote_id,
    )


def _person(row: ParticipantRow) -> Person:
    return Person(
        id=row.id,
        status=ParticipantStatus(row.details.status),
        groups=frozenset(row.details.group_codes),
        has_identity=bool(row.details.passport_number),
        identity_expiry=row.details.passport_expiry,
        has_emergency_contact=bool(row.details.emergency_contact_phone),
        has_room=row.details.room_id is not None,
        waitlist_position=row.waitlist_position,
    )


def gather(workspace: Workspace, reference: str | int) -> tuple[Plan, Names]:
    """The trip's data as the rules read it, and what the messages call each object."""
    summary = find_trip(workspace, reference)
    with workspace.reading() as session:
        identity_required, validity_months = session.execute(
            select(Trip.identity_document_required, Trip.passport_validity_months).where(
                Trip.id == summary.id
            )
        ).one()
    participants = list_participants(workspace, summary.id)
    agenda = list_agenda(workspace, summary.id)
    segments = list_segments(workspace, summary.id)
    used = {row.details.venue_id for row in agenda if row.details.venue_id is not None}
    venues = [venue for venue in list_venues(workspace) if venue.id in used]
    trip = TripFacts(
        start_date=summary.start_date,
        end_date=summary.end_date,
        timezone=summary.timezone,
        identity_required=bool(identity_required),
        validity_months=validity_months,
        id=summary.id,
        private_known=workspace.sees_private,
    )
    people = tuple(map(_person, participants))
    items = tuple(
        Item(
            id=row.id,
            day=row.details.day,
            start=row.details.start_time,
            end=row.details.end_time,
            groups=frozenset(row.details.group_codes),
            venue_id=row.details.venue_id,
            capacity=row.details.capacity,
            status=row.details.status,
            kind=row.details.kind,
            folds=(row.details.start_fold, row.details.end_fold),
        )
        for row in agenda
    )
    places = tuple(
        Place(
            id=venue.id,
            latitude=venue.details.latitude,
            longitude=venue.details.longitude,
            capacity=venue.details.capacity,
            identity_list_required=bool(venue.details.identity_list_required),
        )
        for venue in venues
    )
    legs = tuple(
        Leg(
            id=row.id,
            departure_at=row.details.departure_at,
            departure_timezone=row.details.departure_timezone,
            arrival_at=row.details.arrival_at,
            arrival_timezone=row.details.arrival_timezone,
            direction=row.details.direction,
            passenger_ids=frozenset(row.passenger_ids),
        )
        for row in segments
    )
    names = Names(
        trip=summary,
        people={row.id: row.details.full_name for row in participants},
        items={row.id: row.details for row in agenda},
        legs={row.id: row.details for row in segments},
    )
    return Plan(trip, people, items, places, legs), names
