"""A participant import's plan written in one transaction, a few statements for thousands
of rows; taken back by an undo, and written again by a redo under the same ids."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session, selectinload

from delegation.domain.enums import ParticipantStatus
from delegation.domain.errors import ConflictError, NotFoundError
from delegation.i18n import _
from delegation.interchange.columns import fold
from delegation.persistence.bulk import insert_rows, reserve_ids
from delegation.persistence.models import (
    Contact,
    Organization,
    Participant,
    TripGroup,
    participant_groups,
)
from delegation.services.contact_records import (
    ContactState,
    contact_state,
    drop_unused_contacts,
    put_contact,
    write_contact,
)
from delegation.services.import_groups import create_groups, drop_unused_groups
from delegation.services.imports import (
    ImportCounts,
    ImportRefusedError,
    Progress,
    prepare_writing,
)
from delegation.services.participant_details import ParticipantDetails
from delegation.services.participant_import_plan import ParticipantImportPlan, name_key
from delegation.services.participant_rows import ParticipantRow, get_rows, group_codes
from delegation.services.participants import write_registration
from delegation.services.records import check_rows_as_left, refuse_taken_ids
from delegation.services.registration_updates import (
    RegistrationChange,
    email_owners,
    organization_ids,
    update_registrations,
)
from delegation.services.workspace import Workspace

_CHUNK = 1000  # rows per statement, and per progress report
_CONTACTS = Contact.__table__
_PARTICIPANTS = Participant.__table__


@dataclass(frozen=True)
class ParticipantImportResult:
    """What an import wrote, enough to take it back (undo) and to make it again (redo)."""

    plan: ParticipantImportPlan  # what was written
    counts: ImportCounts
    trip_id: int
    participant_ids: tuple[int, ...]  # of the creations, in order
    contact_ids: tuple[int | None, ...]  # contacts made for them (None: an existing one)
    changed_before: tuple[ParticipantRow, ...]  # the updated registrations as they were
    written: tuple[ParticipantDetails, ...]  # created then changed ones, as the import left them
    contacts_before: tuple[ContactState, ...]  # directory contacts it filled in, as they were
    group_ids: tuple[int, ...]  # the groups it made

    def touched_ids(self) -> list[int]:
        return [*self.participant_ids, *(row.id for row in self.changed_before)]


def apply_participant_import(
    workspace: Workspace,
    plan: ParticipantImportPlan,
    *,
    skip_invalid: bool = False,
    progress: Progress | None = None,
) -> ParticipantImportResult:
    """Write the plan in one transaction; refused whole while rows have problems, unless
    skip_invalid."""
    if plan.problems and not skip_invalid:
        raise ImportRefusedError(plan.file.source, plan.problems)
    with workspace.transaction() as session:
        prepare_writing(session, plan.trip_id, plan.file)
        _check_still_new(session, plan)
        return _write(session, plan, progress)


def redo_participant_import(
    workspace: Workspace, result: ParticipantImportResult
) -> ParticipantImportResult:
    """Write an undone import again: the new records get the ids they had the first time,
    which later steps of the history know them by. Refused if another record took those
    ids, or the updated registrations are no longer as the undo left them."""
    plan = result.plan
    with workspace.transaction() as session:
        prepare_writing(session, plan.trip_id, plan.file)
        refuse_taken_ids(session, Participant, result.participant_ids)
        refuse_taken_ids(session, Contact, result.contact_ids)
        _check_details(session, {row.id: row.details for row in result.changed_before})
        return _write(session, plan, again=result)


def _check_still_new(session: Session, plan: ParticipantImportPlan) -> None:
    """The people the plan creates are not there yet: another import (another window, a
    colleague) may have added them since the file was read; they would be added twice,
    or clash on their email."""
    if not plan.creations:
        return
    emails: set[str] = set()
    names: set[tuple[str, str, str]] = set()
    registered = session.execute(
        select(Contact.email, Contact.first_name, Contact.last_name, Organization.name)
        .join(Participant, Participant.contact_id == Contact.id)
        .outerjoin(Organization, Organization.id == Contact.organization_id)
        .where(Participant.trip_id == plan.trip_id)
    )
    for email, first, last, organization in registered:
        if email:
            emails.add(email)
        names.add((fold(first or ""), fold(last or ""), fold(organization or "")))
    wanted = {row.details.email: row for row in plan.creations if row.details.email}
    for row in plan.creations:
        email = row.details.email
        if (email and email in emails) or (not email and name_key(row.details) in names):
            raise ConflictError(_added_meanwhile(row.details.full_name))
    for email, owner in email_owners(session, wanted):
        if owner != wanted[email].contact_id:  # a contact made with this email since
            raise ConflictError(_added_meanwhile(wanted[email].details.full_name))


def _added_meanwhile(name: str) -> str:
    return _(
        "{name} was added by someone else meanwhile; nothing was imported: preview the file again"
    ).format(name=name)


def _check_details(session: Session, expected: dict[int, ParticipantDetails]) -> None:
    """Each registration still holds these details, or the step cannot be replayed."""
    check_rows_as_left(
        get_rows(session, list(expected)),
        expected,
        missing=_("this participant no longer exists"),
        name=lambda row: row.details.full_name,
    )


def _write(
    session: Session,
    plan: ParticipantImportPlan,
    progress: Progress | None = None,
    again: ParticipantImportResult | None = None,
) -> ParticipantImportResult:
    """Write the plan's registrations, their contacts and the groups they name. `again`:
    the result of the same import, undone since, whose ids are given back; its updated
    registrations were checked against what the undo left, not the versions read."""
    total = len(plan.creations) + len(plan.changes)
    done = 0

    def advance(count: int) -> None:
        nonlocal done
        done += count
        if progress is not None:
            progress(done, total)

    group_ids = create_groups(
        session, plan.trip_id, plan.new_groups, again.group_ids if again else ()
    )
    organizations = organization_ids(session, (row.details.organization for row in plan.creations))
    contact_ids, made, filled = _contacts_for(session, plan, organizations, again)
    participant_ids = _insert_participants(session, plan, contact_ids, again, advance)
    changes = [
        RegistrationChange(row.participant_id, None if again else row.version, row.details)
        for row in plan.changes
        if row.participant_id is not None
    ]
    before = update_registrations(session, plan.trip_id, changes, advance)
    # A new registration with a new contact holds the plan's cleaned details as they read
    # back (groups in the trip's order); a changed one was written whole from its details,
    # its groups aside, which are read again in the order a read gives them; one whose
    # directory contact was filled in is read again.
    directory = [
        i for i, row in zip(participant_ids, plan.creations, strict=True) if row.contact_id
    ]
    read = {row.id: row.details for row in get_rows(session, directory)}
    codes = group_codes(session, plan.changed_ids())
    written = [
        read[i] if row.contact_id is not None else row.details
        for i, row in zip(participant_ids, plan.creations, strict=True)
    ] + [
        change.details
        if change.details.group_codes == codes[change.participant_id]
        else replace(change.details, group_codes=codes[change.participant_id])
        for change in changes
    ]
    return ParticipantImportResult(
        plan=plan,
        counts=plan.counts,
        trip_id=plan.trip_id,
        participant_ids=tuple(participant_ids),
        contact_ids=tuple(made),
        changed_before=tuple(before),
        written=tuple(written),
        contacts_before=tuple(filled),
        group_ids=tuple(group_ids),
    )


def _contacts_for(
    session: Session,
    plan: ParticipantImportPlan,
    organizations: Mapping[str, int],
    again: ParticipantImportResult | None,
) -> tuple[list[int], list[int | None], list[ContactState]]:
    """The contact of each new registration: the directory's, or one made now.

    Returns the contact ids, those made (None for the directory's), and the directory's
    contacts as they were before the import filled them in.
    """
    new = [row for row in plan.creations if row.contact_id is None]
    if again is not None:
        made_ids = [i for i in again.contact_ids if i is not None]
    else:
        made_ids = reserve_ids(session, _CONTACTS, len(new))
    insert_rows(
        session,
        _CONTACTS,
        [
            {
                "id": contact_id,
                "civility": d.civility,
                "first_name": d.first_name,
                "last_name": d.last_name,
                "email": d.email,
                "phone": d.phone,
                "job_title": d.job_title,
                "birth_date": d.birth_date,
                "organization_id": organizations.get(d.organization or ""),
                "language": None,
                "nationality": None,
                "notes": None,
            }
            for contact_id, d in zip(made_ids, (row.details for row in new), strict=True)
        ],
        versioned=True,
    )
    made = iter(made_ids)
    contact_ids: list[int] = []
    made_for_each: list[int | None] = []
    filled: list[ContactState] = []
    for row in plan.creations:
        if row.contact_id is None:
            contact_ids.append(next(made))
            made_for_each.append(contact_ids[-1])
        else:  # someone the directory knows: fill in only what it lacks
            contact = session.get(Contact, row.contact_id)
            if contact is None:  # taken out of the directory since the preview
                raise ConflictError(
                    _(
                        "{name} was removed from the directory meanwhile; nothing was "
                        "imported: preview the file again"
                    ).format(name=row.details.full_name)
                )
            filled.append(contact_state(contact))
            write_contact(session, contact, row.details, fill_only=True)
            contact_ids.append(row.contact_id)
            made_for_each.append(None)
    return contact_ids, made_for_each, filled


def _insert_participants(
    session: Session,
    plan: ParticipantImportPlan,
    contact_ids: list[int],
    again: ParticipantImportResult | None,
    advance: Callable[[int], None],
) -> list[int]:
    groups = dict(
        session.execute(
            select(TripGroup.code, TripGroup.id).where(TripGroup.trip_id == plan.trip_id)
        ).all()
    )
    position = (
        session.scalar(
            select(func.max(Participant.waitlist_position)).where(
                Participant.trip_id == plan.trip_id
            )
        )
        or 0
    )
    ids = (
        list(again.participant_ids)
        if again is not None
        else reserve_ids(session, _PARTICIPANTS, len(plan.creations))
    )
    values = []
    for participant_id, row, contact_id in zip(ids, plan.creations, contact_ids, strict=True):
        d = row.details
        waiting = d.status == ParticipantStatus.WAITLISTED
        if waiting:
            position += 1
        values.append(
            {
                "id": participant_id,
                "trip_id": plan.trip_id,
                "contact_id": contact_id,
                "status": d.status,
                "category": d.category,
                "language": d.language,
                "waitlist_position": position if waiting else None,
                "nationality": d.nationality,
                "dietary": d.dietary,
                "accessibility": d.accessibility,
                "passport_number": d.passport_number,
                "passport_expiry": d.passport_expiry,
                "emergency_contact_name": d.emergency_contact_name,
                "emergency_contact_phone": d.emergency_contact_phone,
                "notes": d.notes,
                "room_id": None,
                "roommate_id": None,
            }
        )
    for start in range(0, len(values), _CHUNK):
        chunk = values[start : start + _CHUNK]
        insert_rows(session, _PARTICIPANTS, chunk, versioned=True)
        advance(len(chunk))
    memberships = [
        {"participant_id": participant_id, "group_id": groups[code]}
        for participant_id, row in zip(ids, plan.creations, strict=True)
        for code in row.details.group_codes
    ]
    if memberships:
        session.execute(insert(participant_groups), memberships)
    return ids


def undo_participant_import(workspace: Workspace, result: ParticipantImportResult) -> None:
    """Take an import back: its new registrations go, the updated ones are as before, the
    directory as it was; refused if anyone changed those registrations since."""
    with workspace.transaction() as session:
        _check_details(session, dict(zip(result.touched_ids(), result.written, strict=True)))
        for start in range(0, len(result.participant_ids), _CHUNK):
            session.execute(
                delete(Participant).where(
                    Participant.id.in_(result.participant_ids[start : start + _CHUNK])
                )
            )
        drop_unused_contacts(session, [i for i in result.contact_ids if i is not None])
        if result.changed_before:
            participants = {
                p.id: p
                for p in session.scalars(
                    select(Participant)
                    .where(Participant.id.in_([row.id for row in result.changed_before]))
                    .options(selectinload(Participant.contact))
                )
            }
            for row in result.changed_before:
                participant = participants.get(row.id)
                if participant is None:
                    raise NotFoundError(_("this participant no longer exists"))
                write_contact(session, participant.contact, row.details)
                write_registration(session, participant, row.details)
                participant.waitlist_position = row.waitlist_position
                participant.touch()
        for state in result.contacts_before:
            put_contact(session, state)
        session.flush()
        drop_unused_groups(session, result.group_ids)
