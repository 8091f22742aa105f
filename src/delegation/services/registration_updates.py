"""An import's changes to existing registrations, written in bulk: one query per chunk to
check versions, emails and organizations, one executemany per table to write them.

The end state is the editor's (write_contact, write_registration, touch) for each row:
versions move and say who wrote when, a contact is updated only where it changes, an
organization nobody uses any more goes, memberships follow the groups given.
"""

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import cast

from sqlalchemy import CursorResult, bindparam, delete, exists, func, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from delegation.domain.enums import ParticipantStatus
from delegation.domain.errors import ConflictError, ValidationError
from delegation.i18n import _
from delegation.persistence.base import current_user, utcnow
from delegation.persistence.bulk import insert_rows, reserve_ids
from delegation.persistence.models import (
    AgendaItem,
    Contact,
    Organization,
    Participant,
    TripGroup,
    participant_groups,
)
from delegation.services.participant_details import ParticipantDetails
from delegation.services.participant_rows import ParticipantRow, get_rows

CHUNK = 1000  # rows per statement, and per progress report
_CONTACT_FIELDS: tuple[str, ...] = ("last_name", "first_name", "email", "civility", "phone")
_CONTACT_FIELDS += ("job_title", "birth_date")
_REGISTRATION_FIELDS = (
    "status", "category", "language", "nationality", "dietary", "accessibility",
    "passport_number", "passport_expiry", "emergency_contact_name", "emergency_contact_phone",
    "room_id", "notes",
)  # fmt: skip


@dataclass(frozen=True)
class RegistrationChange:
    """A registration to bring to `details`; `version` is the one the file was checked
    against (None: whatever it is now, as for a redo)."""

    participant_id: int
    version: int | None
    details: ParticipantDetails


def update_registrations(
    session: Session,
    trip_id: int,
    changes: Sequence[RegistrationChange],
    advance: Callable[[int], None],
) -> list[ParticipantRow]:
    """Write the changes; returns the registrations as they were, in the same order.
    Refused whole (nothing written) if one was changed since its version was read."""
    if not changes:
        return []
    ids = [change.participant_id for change in changes]
    before = {row.id: row for row in get_rows(session, ids)}
    for change in changes:
        current = before.get(change.participant_id)
        if current is None or change.version not in (None, current.version):
            raise ConflictError(
                _("{name} was changed since the file was read; nothing was imported").format(
                    name=change.details.full_name
                )
            )
    pairs = [(before[change.participant_id], change.details) for change in changes]
    _refuse_emails_of_others(session, pairs)
    stamp = {"b_updated_at": utcnow(), "b_updated_by": current_user()}
    dropped = _update_contacts(session, pairs, stamp)
    _update_participants(session, trip_id, pairs, stamp, advance)
    _update_memberships(session, trip_id, pairs)
    _drop_unused_organizations(session, dropped)
    return [before[participant_id] for participant_id in ids]


def organization_ids(session: Session, names: Iterable[str | None]) -> dict[str, int]:
    """The id of each organization named, those not yet known created (versioned)."""
    listed = sorted({name for name in names if name})
    known: dict[str, int] = {}
    for start in range(0, len(listed), CHUNK):
        chunk = listed[start : start + CHUNK]
        known.update(
            session.execute(
                select(Organization.name, Organization.id).where(Organization.name.in_(chunk))
            ).all()
        )
    missing = [name for name in listed if name not in known]
    ids = reserve_ids(session, Organization.__table__, len(missing))
    insert_rows(
        session,
        Organization.__table__,
        [{"id": i, "name": name} for i, name in zip(ids, missing, strict=True)],
        versioned=True,
    )
    known.update(zip(missing, ids, strict=True))
    return known


def email_owners(session: Session, emails: Iterable[str]) -> Iterator[tuple[str, int]]:
    """(email, contact id) of each email a contact holds, asked a chunk at a time."""
    listed = sorted(emails)
    for start in range(0, len(listed), CHUNK):
        chunk = listed[start : start + CHUNK]
        query = select(Contact.email, Contact.id).where(Contact.email.in_(chunk))
        # Rows of (email, id), the email never None: it is one of those asked for.
        yield from cast(Iterator[tuple[str, int]], session.execute(query))


def _refuse_emails_of_others(
    session: Session, pairs: list[tuple[ParticipantRow, ParticipantDetails]]
) -> None:
    """An email given to a registration must not be another contact's (as the editor)."""
    wanted = {
        details.email: row.contact_id
        for row, details in pairs
        if details.email and details.email != row.details.email
    }
    for email, owner in email_owners(session, wanted):
        if owner != wanted[email]:
            raise ValidationError(
                "email",
                _("this email belongs to another contact: {email}").format(email=email),
            )


def _update_contacts(
    session: Session, pairs: list[tuple[ParticipantRow, ParticipantDetails]], stamp: dict
) -> list[str]:
    """Update the contacts whose details change; returns the organizations they left."""
    moving = [
        details.organization
        for row, details in pairs
        if details.organization != row.details.organization
    ]
    organizations = organization_ids(session, moving) if moving else {}
    writes = []
    for row, details in pairs:
        new, old = vars(details), vars(row.details)  # thousands of rows: no getattr
        changed = {name: new[name] for name in _CONTACT_FIELDS if new[name] != old[name]}
        if details.organization != row.details.organization:
            changed["organization_id"] = organizations.get(details.organization or "")
        if changed:
            writes.append((row.contact_id, row.contact_version, changed))
    _write(session, Contact.__table__, writes, stamp)
    return [
        row.details.organization
        for row, details in pairs
        if row.details.organization and row.details.organization != details.organization
    ]


def _update_participants(
    session: Session,
    trip_id: int,
    pairs: list[tuple[ParticipantRow, ParticipantDetails]],
    stamp: dict,
    advance: Callable[[int], None],
) -> None:
    """Every registration is written, changed or not, so that its version moves."""
    highest = session.scalar(
        select(func.max(Participant.waitlist_position)).where(Participant.trip_id == trip_id)
    )
    position = highest or 0
    writes = []
    for row, details in pairs:
        waiting = row.waitlist_position
        if details.status != ParticipantStatus.WAITLISTED:
            waiting = None
        elif waiting is None:  # joining the waiting list: at its end, in file order
            position += 1
            waiting = position
        new, old = vars(details), vars(row.details)
        changed = {name: new[name] for name in _REGISTRATION_FIELDS if new[name] != old[name]}
        if waiting != row.waitlist_position:
            changed["waitlist_position"] = waiting
        writes.append((row.id, row.version, changed))
    _write(session, Participant.__table__, writes, stamp, advance)


def _write(
    session: Session,
    table,
    writes: list[tuple[int, int, dict[str, object]]],
    stamp: dict,
    advance: Callable[[int], None] | None = None,
) -> None:
    """UPDATE each row (id, version, the columns that change): one executemany for the
    rows that change the same columns, each row guarded by its version, which moves."""
    by_columns: dict[tuple[str, ...], list[dict]] = {}
    for row_id, version, changed in writes:
        by_columns.setdefault(tuple(changed), []).append(
            {
                "b_id": row_id,
                "b_version": version,
                **{f"v_{k}": v for k, v in changed.items()},
                **stamp,
            }
        )
    for columns, parameters in by_columns.items():
        statement = (
            update(table)
            .where(table.c.id == bindparam("b_id"), table.c.version == bindparam("b_version"))
            .values(
                {
                    **{name: bindparam(f"v_{name}") for name in columns},
                    "version": table.c.version + 1,
                    "updated_at": bindparam("b_updated_at"),
                    "updated_by": bindparam("b_updated_by"),
                }
            )
        )
        for start in range(0, len(parameters), CHUNK):
            chunk = parameters[start : start + CHUNK]
            _execute_counted(session, statement, chunk)
            if advance is not None:
                advance(len(chunk))


def _update_memberships(
    session: Session, trip_id: int, pairs: list[tuple[ParticipantRow, ParticipantDetails]]
) -> None:
    groups: dict[str, int] = dict(
        session.execute(
            select(TripGroup.code, TripGroup.id).where(TripGroup.trip_id == trip_id)
        ).all()
    )
    leaving: list[dict] = []
    joining: list[dict] = []
    for row, details in pairs:
        unknown = [code for code in details.group_codes if code not in groups]
        if unknown:
            raise ValidationError(
                "groups",
                _("no such group in this trip: {codes}").format(codes=", ".join(unknown)),
            )
        old, new = set(row.details.group_codes), set(details.group_codes)
        leaving += [{"b_id": row.id, "b_group": groups[code]} for code in old - new]
        joining += [{"participant_id": row.id, "group_id": groups[code]} for code in new - old]
    if leaving:
        links = participant_groups.c
        session.execute(
            delete(participant_groups).where(
                links.participant_id == bindparam("b_id"), links.group_id == bindparam("b_group")
            ),
            leaving,
        )
    if joining:
        session.execute(insert(participant_groups), joining)


def _drop_unused_organizations(session: Session, names: list[str]) -> None:
    """Organizations the import took contacts away from, if nobody else needs them."""
    if not names:
        return
    organizations = Organization.__table__
    for start in range(0, len(names), CHUNK):
        chunk = sorted(set(names[start : start + CHUNK]))
        session.execute(
            delete(organizations).where(
                organizations.c.name.in_(chunk),
                ~exists().where(Contact.organization_id == organizations.c.id),
                ~exists().where(AgendaItem.host_organization_id == organizations.c.id),
            )
        )
    cached = session.info.get("organizations", {})
    for name in names:  # the editor's cache of organizations by name, in this transaction
        cached.pop(name, None)


def _execute_counted(session: Session, statement, parameters: list[dict]) -> None:
    """An executemany of UPDATEs, each guarded by its version: all must match."""
    if not parameters:
        return
    # An UPDATE's result is a cursor's, which counts the rows matched.
    result = cast(CursorResult, session.execute(statement, parameters))
    dialect = session.get_bind().dialect
    if dialect.supports_sane_multi_rowcount and result.rowcount != len(parameters):
        raise StaleDataError("a registration or contact changed while it was being written")
