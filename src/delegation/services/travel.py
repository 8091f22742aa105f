"""Travel legs of a trip, each end in its own time zone, and who is on each."""

from dataclasses import dataclass, fields
from datetime import datetime, timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from delegation.domain.enums import ParticipantStatus, TravelDirection, TravelMode
from delegation.domain.errors import NotFoundError, ValidationError
from delegation.domain.rules import is_valid_timezone
from delegation.domain.scheduling import duration
from delegation.i18n import _
from delegation.persistence.models import Participant, TravelSegment, segment_passengers
from delegation.services.calendar_stamp import CalendarStamp, stamp_of
from delegation.services.expected import Expected
from delegation.services.records import changed_since_step, load_for_edit
from delegation.services.workspace import Workspace


@dataclass(frozen=True)
class SegmentDetails:
    """Departure and arrival are wall-clock times, each read in its own zone."""

    departure_place: str
    departure_timezone: str
    departure_at: datetime
    arrival_place: str
    arrival_timezone: str
    arrival_at: datetime
    mode: TravelMode = TravelMode.FLIGHT
    direction: TravelDirection = TravelDirection.OUTBOUND
    carrier: str | None = None
    number: str | None = None
    notes: str | None = None

    @property
    def duration(self) -> timedelta:
        """Time on the way between real instants: Paris 08:05 to Tallinn 11:40 is 2 h 35.

        Both ends in one zone across a clock change count real time too: Python would
        subtract two datetimes of the same tzinfo on their wall clocks.
        """
        return duration(
            self.departure_at, self.departure_timezone, self.arrival_at, self.arrival_timezone
        )


@dataclass(frozen=True)
class SegmentRow:
    id: int
    details: SegmentDetails
    passenger_ids: tuple[int, ...]
    version: int
    calendar: CalendarStamp

    @property
    def passenger_count(self) -> int:
        return len(self.passenger_ids)


def validate_segment(details: SegmentDetails) -> list[ValidationError]:
    problems = []
    for field in ("departure_place", "arrival_place"):
        if not getattr(details, field).strip():
            problems.append(ValidationError(field, _("a place is required")))
    zones_known = True
    for field in ("departure_timezone", "arrival_timezone"):
        zone = getattr(details, field)
        if not is_valid_timezone(zone):
            problems.append(ValidationError(field, _("unknown time zone {zone}").format(zone=zone)))
            zones_known = False
    if zones_known and details.duration <= timedelta(0):
        problems.append(ValidationError("arrival_at", _("the arrival is not after the departure")))
    return problems


def list_segments(workspace: Workspace, trip_id: int) -> list[SegmentRow]:
    with workspace.reading() as session:
        passengers: dict[int, list[int]] = {}
        for segment_id, participant_id in session.execute(
            select(segment_passengers.c.segment_id, segment_passengers.c.participant_id)
            .join(TravelSegment, TravelSegment.id == segment_passengers.c.segment_id)
            .where(TravelSegment.trip_id == trip_id)
        ):
            passengers.setdefault(segment_id, []).append(participant_id)
        return [
            _row(segment, passengers.get(segment.id, []))
            for segment in session.scalars(
                select(TravelSegment)
                .where(TravelSegment.trip_id == trip_id)
                .order_by(TravelSegment.departure_at)
            )
        ]


def _row(segment: TravelSegment, passenger_ids) -> SegmentRow:
    details = SegmentDetails(**{f.name: getattr(segment, f.name) for f in fields(SegmentDetails)})
    return SegmentRow(
        segment.id, details, tuple(sorted(passenger_ids)), segment.version, stamp_of(segment)
    )


def save_segment(
    workspace: Workspace,
    trip_id: int,
    segment_id: int | None,
    expected: Expected,
    details: SegmentDetails,
) -> SegmentRow:
    """Create a leg (no id) or change one, refusing a stale edit."""
    problems = validate_segment(details)
    if problems:
        raise problems[0]
    with workspace.transaction() as session:
        if segment_id is None:
            segment = TravelSegment(trip_id=trip_id)
            session.add(segment)
        else:
            segment = load_for_edit(
                session, TravelSegment, segment_id, expected,
                missing=_("this travel leg no longer exists"),
                name=_leg_name,
                details=lambda s: _row(s, ()).details,
            )  # fmt: skip
        for field in fields(details):
            value = getattr(details, field.name)
            if isinstance(value, str):
                value = value.strip() or (
                    None if field.name in ("carrier", "number", "notes") else ""
                )
            setattr(segment, field.name, value)
        session.flush()
        return _row(segment, [p.id for p in segment.passengers])


def _leg_name(segment: TravelSegment) -> str:
    return " ".join(p for p in (segment.carrier, segment.number) if p) or _("travel leg")


def set_passengers(workspace: Workspace, segment_id: int, participant_ids: list[int]) -> list[int]:
    """Put exactly these participants on the leg; returns who was on it before."""
    with workspace.transaction() as session:
        return _put_passengers(session, _segment(session, segment_id), participant_ids)


def restore_passengers(
    workspace: Workspace, segment_id: int, participant_ids: list[int], *, left: list[int]
) -> None:
    """Undo or redo of set_passengers: these participants on the leg again, refused if
    it no longer carries whom the step left on it (a colleague's change since)."""
    with workspace.transaction() as session:
        segment = _segment(session, segment_id)
        if sorted(p.id for p in segment.passengers) != sorted(left):
            raise changed_since_step(_leg_name(segment), segment)
        _put_passengers(session, segment, participant_ids)


def _segment(session: Session, segment_id: int) -> TravelSegment:
    segment = session.get(TravelSegment, segment_id)
    if segment is None:
        raise NotFoundError(_("this travel leg no longer exists"))
    return segment


def _put_passengers(
    session: Session, segment: TravelSegment, participant_ids: list[int]
) -> list[int]:
    before = sorted(p.id for p in segment.passengers)
    segment.passengers = list(
        session.scalars(select(Participant).where(Participant.id.in_(participant_ids)))
    )
    return before


def confirmed_ids(workspace: Workspace, trip_id: int, group_code: str | None = None) -> list[int]:
    """The confirmed participants of the trip, or of one group: who usually travels."""
    from delegation.persistence.models import TripGroup

    with workspace.reading() as session:
        query = select(Participant.id).where(
            Participant.trip_id == trip_id, Participant.status == ParticipantStatus.CONFIRMED
        )
        if group_code is not None:
            query = query.where(Participant.groups.any(TripGroup.code == group_code))
        return list(session.scalars(query))


@dataclass(frozen=True)
class RemovedSegment:
    row: SegmentRow
    trip_id: int


def remove_segment(workspace: Workspace, segment_id: int) -> RemovedSegment:
    with workspace.transaction() as session:
        segment = _segment(session, segment_id)
        removed = RemovedSegment(_row(segment, [p.id for p in segment.passengers]), segment.trip_id)
        session.delete(segment)
        return removed


def restore_segment(workspace: Workspace, removed: RemovedSegment) -> SegmentRow:
    """Undo a removal (or redo an addition): the same id, passengers, calendar UID and
    sequence (calendars take it for the event they had)."""
    row = removed.row
    with workspace.transaction() as session:
        segment = TravelSegment(
            id=row.id, trip_id=removed.trip_id,
            calendar_uid=row.calendar.uid, calendar_sequence=row.calendar.sequence,
            **{f.name: getattr(row.details, f.name) for f in fields(SegmentDetails)},
        )  # fmt: skip
        session.add(segment)
        session.flush()
        if row.passenger_ids:
            session.execute(
                insert(segment_passengers),
                [{"segment_id": row.id, "participant_id": p} for p in row.passenger_ids],
            )
        return _row(segment, row.passenger_ids)
