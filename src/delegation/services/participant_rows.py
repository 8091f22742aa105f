"""Registrations as the window and the documents read them: rows of plain columns, with
their group codes, and the trip's groups."""

from collections.abc import Sequence
from dataclasses import dataclass, fields
from functools import partial

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from delegation.domain.enums import ParticipantStatus
from delegation.domain.errors import NotFoundError
from delegation.i18n import _
from delegation.persistence.models import (
    Contact,
    Organization,
    Participant,
    Room,
    TripGroup,
    participant_groups,
)
from delegation.services.listing import WHOLE_LIST_FROM, Listing
from delegation.services.participant_details import ParticipantDetails
from delegation.services.workspace import Workspace


@dataclass(frozen=True)
class ParticipantRow:
    id: int
    trip_id: int
    contact_id: int
    details: ParticipantDetails
    waitlist_position: int | None
    room_label: str | None
    version: int
    contact_version: int
    updated_by: str


_DETAIL_COLUMNS = (
    Contact.last_name,
    Contact.first_name,
    Contact.email,
    Contact.civility,
    Contact.phone,
    Organization.name.label("organization"),
    Contact.job_title,
    Participant.status,
    Participant.category,
    Participant.language,
    Participant.nationality,
    Contact.birth_date,
    Participant.dietary,
    Participant.accessibility,
    Participant.passport_number,
    Participant.passport_expiry,
    Participant.emergency_contact_name,
    Participant.emergency_contact_phone,
    Participant.room_id,
    Participant.notes,
)


# The details are built from each record by position, faster than by keyword for 100,000
# rows: the columns follow the fields, and group_codes comes after the first ten.
_CODES_AT = 10
assert [column.key for column in _DETAIL_COLUMNS] == [
    field.name for field in fields(ParticipantDetails) if field.name != "group_codes"
] and fields(ParticipantDetails)[_CODES_AT].name == "group_codes"


_DETAIL_NAMES = tuple(column.key for column in _DETAIL_COLUMNS)

_ROW_COLUMNS = (
    Participant.id,
    Participant.trip_id,
    Participant.contact_id,
    Participant.waitlist_position,
    Room.label.label("room_label"),
    Participant.version,
    Contact.version.label("contact_version"),
    Participant.updated_by,
    *_DETAIL_COLUMNS,
)


def rows_where(
    session: Session, *conditions, among: list[int] | None = None
) -> list[ParticipantRow]:
    """Plain column queries: ten thousand participants load in a fraction of a second.
    `among`: the ids the conditions pick, when they are few, to read only their groups."""
    query = (
        select(*_ROW_COLUMNS)
        .join(Contact, Contact.id == Participant.contact_id)
        .outerjoin(Organization, Organization.id == Contact.organization_id)
        .outerjoin(Room, Room.id == Participant.room_id)
        .where(*conditions)
        .order_by(Contact.last_name, Contact.first_name, Participant.id)
    )
    # Core rows rather than the ORM's: plain columns need none of its bookkeeping. The
    # transaction's own changes are flushed first, as the ORM's execute would.
    if session.autoflush:
        session.flush()
    records = session.connection().execute(query).all()
    if not records:
        return []
    if among is not None or len(records) < 500:
        codes = _codes(session, among if among is not None else [r.id for r in records])
    else:  # a whole trip: one pass over its memberships beats a huge IN list
        codes = _codes(session, trip_id=records[0].trip_id)
    rows: list[ParticipantRow] = []
    # Unpacking each record beats reading its columns by name: 10,000 rows are built twice
    # as fast.
    for record in records:
        participant_id, trip_id, contact_id, waiting, room, version, contact_version, by, *rest = (
            record
        )
        details = (*rest[:_CODES_AT], tuple(codes.get(participant_id, ())), *rest[_CODES_AT:])
        rows.append(
            ParticipantRow(
                participant_id,
                trip_id,
                contact_id,
                ParticipantDetails(*details),
                waiting,
                room,
                version,
                contact_version,
                by,
            )
        )
    return rows


def _codes(
    session: Session, among: list[int] | None = None, *, trip_id: int | None = None
) -> dict[int, list[str]]:
    """Each participant's group codes in the trip's order: those among these ids (500 at
    most), or all of a trip's."""
    membership = (
        select(participant_groups.c.participant_id, TripGroup.code)
        .join(TripGroup, TripGroup.id == participant_groups.c.group_id)
        .order_by(TripGroup.position)
    )
    if among is not None:
        membership = membership.where(participant_groups.c.participant_id.in_(among))
    else:
        membership = membership.where(TripGroup.trip_id == trip_id)
    codes: dict[int, list[str]] = {}
    for participant_id, code in session.execute(membership):
        codes.setdefault(participant_id, []).append(code)
    return codes


def group_codes(session: Session, participant_ids: list[int]) -> dict[int, tuple[str, ...]]:
    """The group codes of these registrations, in the order get_rows gives them."""
    found: dict[int, tuple[str, ...]] = dict.fromkeys(participant_ids, ())
    for start in range(0, len(participant_ids), 500):
        chunk = participant_ids[start : start + 500]
        found.update((i, tuple(codes)) for i, codes in _codes(session, chunk).items())
    return found


def list_participants(workspace: Workspace, trip_id: int) -> list[ParticipantRow]:
    with workspace.reading() as session:
        return rows_where(session, Participant.trip_id == trip_id)


def searched_fields(row: ParticipantRow) -> tuple[str, str, str, str]:
    """What the participants' table searches in a row, field by field, as a listing gives
    them for the rows it has not read."""
    d = row.details
    return (d.first_name, d.last_name, d.organization or "", d.email or "")


@dataclass(frozen=True)
class ParticipantListing(Listing[ParticipantRow]):
    waiting: dict[int, int | None]  # the waitlisted registrations' positions, by id


def participant_listing(workspace: Workspace, trip_id: int) -> ParticipantListing:
    """A trip's registrations for its table: a quarter of the time of reading them whole."""
    with workspace.reading() as session:
        records = session.connection().execute(
            select(
                Participant.id,
                Contact.first_name,
                Contact.last_name,
                func.coalesce(Organization.name, ""),
                func.coalesce(Contact.email, ""),
            )
            .join(Contact, Contact.id == Participant.contact_id)
            .outerjoin(Organization, Organization.id == Contact.organization_id)
            .where(Participant.trip_id == trip_id)
            .order_by(Contact.last_name, Contact.first_name, Participant.id)  # as listed whole
        )
        # Fetched at once, then turned into columns: iterating the result row by row would
        # take most of the time.
        ids, *searched = list(zip(*records.all(), strict=True)) or [(), (), (), (), ()]
        waitlisted = select(Participant.id, Participant.waitlist_position).where(
            Participant.trip_id == trip_id, Participant.status == ParticipantStatus.WAITLISTED
        )
        waiting = {
            participant_id: position
            for participant_id, position in session.connection().execute(waitlisted).all()
        }
        return ParticipantListing(
            ids, searched, partial(read_participants, workspace, trip_id), waiting
        )


def read_participants(
    workspace: Workspace, trip_id: int, participant_ids: Sequence[int]
) -> list[ParticipantRow]:
    """These registrations of a trip as the window shows them, those removed left out."""
    with workspace.reading() as session:
        if len(participant_ids) > WHOLE_LIST_FROM:
            wanted = set(participant_ids)
            rows = rows_where(session, Participant.trip_id == trip_id)
            return [row for row in rows if row.id in wanted]
        return get_rows(session, list(participant_ids))


def guests_by_room(workspace: Workspace, trip_id: int) -> dict[int, list[ParticipantRow]]:
    """Who sleeps in each room of the trip (by room id); cancelled registrations left out."""
    guests: dict[int, list[ParticipantRow]] = {}
    for row in list_participants(workspace, trip_id):
        if row.details.room_id is not None and row.details.status != ParticipantStatus.CANCELLED:
            guests.setdefault(row.details.room_id, []).append(row)
    return guests


def get_rows(session: Session, participant_ids: list[int]) -> list[ParticipantRow]:
    """These registrations as the window shows them, read in the caller's transaction."""
    rows: list[ParticipantRow] = []
    for start in range(0, len(participant_ids), 500):
        chunk = participant_ids[start : start + 500]
        rows.extend(rows_where(session, Participant.id.in_(chunk), among=chunk))
    return rows


# Where edited_row finds each detail: on the registration, else on its contact.
_ON_PARTICIPANT = frozenset(
    column.key for column in _DETAIL_COLUMNS if getattr(column, "class_", None) is Participant
)


def edited_row(session: Session, participant: Participant) -> ParticipantRow:
    """The row of a registration just loaded for an edit (with its contact, organization,
    room and groups) or just saved, built from what the session holds: an edit reads no
    row again. The same row as rows_where reads."""
    contact = participant.contact
    values = {
        name: getattr(participant if name in _ON_PARTICIPANT else contact, name)
        for name in _DETAIL_NAMES
        if name != "organization"
    }
    ordered = sorted(participant.groups, key=lambda group: (group.position, group.id))
    room = participant.room
    if (room.id if room else None) != participant.room_id:  # a room just set by its id
        room = session.get(Room, participant.room_id) if participant.room_id else None
    return ParticipantRow(
        id=participant.id,
        trip_id=participant.trip_id,
        contact_id=contact.id,
        details=ParticipantDetails(
            organization=contact.organization.name if contact.organization else None,
            group_codes=tuple(group.code for group in ordered),
            **values,
        ),
        waitlist_position=participant.waitlist_position,
        room_label=room.label if room else None,
        version=participant.version,
        contact_version=contact.version,
        updated_by=participant.updated_by,
    )


def row_of(session: Session, participant_id: int) -> ParticipantRow:
    rows = rows_where(session, Participant.id == participant_id)
    if not rows:
        raise NotFoundError(_("this participant no longer exists"))
    return rows[0]


def get_participant(workspace: Workspace, participant_id: int) -> ParticipantRow:
    with workspace.reading() as session:
        return row_of(session, participant_id)


@dataclass(frozen=True)
class GroupRow:
    id: int
    code: str
    name: str
    colour: str | None


def list_groups(workspace: Workspace, trip_id: int) -> list[GroupRow]:
    with workspace.reading() as session:
        return [
            GroupRow(group.id, group.code, group.name, group.colour)
            for group in session.scalars(
                select(TripGroup).where(TripGroup.trip_id == trip_id).order_by(TripGroup.position)
            )
        ]
