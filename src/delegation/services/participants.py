"""Participants of a trip: add, register from the directory, edit, remove and restore,
status and groups (their details: participant_details; their rows: participant_rows; their
contacts: contact_records)."""

from dataclasses import dataclass, replace

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session, joinedload

from delegation.domain.enums import Language, ParticipantCategory, ParticipantStatus
from delegation.domain.errors import ConflictError, NotFoundError, ValidationError
from delegation.i18n import _
from delegation.i18n.labels import field_label
from delegation.persistence.models import (
    Contact,
    Participant,
    TripGroup,
    segment_passengers,
)
from delegation.services.contact_records import (
    ContactState,
    check_contact_unchanged,
    contact_state,
    drop_unused_contacts,
    put_contact,
    same_person,
    write_contact,
)
from delegation.services.expected import Expected, Unchanged
from delegation.services.participant_details import ParticipantDetails, checked_details
from delegation.services.participant_rows import ParticipantRow, edited_row, row_of
from delegation.services.records import load_for_edit, saved_by
from delegation.services.workspace import Workspace


def trip_groups(session: Session, trip_id: int, codes: tuple[str, ...]) -> list[TripGroup]:
    groups = session.info.setdefault(("groups", trip_id), {})
    if not groups:  # read once per transaction: the groups do not change while it lasts
        groups.update(
            (group.code, group)
            for group in session.scalars(select(TripGroup).where(TripGroup.trip_id == trip_id))
        )
    unknown = [code for code in codes if code not in groups]
    if unknown:
        raise ValidationError(
            "groups", _("no such group in this trip: {codes}").format(codes=", ".join(unknown))
        )
    return [groups[code] for code in codes]


def _next_waitlist_position(session: Session, trip_id: int) -> int:
    highest = session.scalar(
        select(func.max(Participant.waitlist_position)).where(Participant.trip_id == trip_id)
    )
    return (highest or 0) + 1


def apply_status(session: Session, participant: Participant, status: ParticipantStatus) -> None:
    """A participant joining the waiting list goes to its end; one leaving it, out of it."""
    participant.status = status
    if status != ParticipantStatus.WAITLISTED:
        participant.waitlist_position = None
    elif participant.waitlist_position is None:
        participant.waitlist_position = _next_waitlist_position(session, participant.trip_id)


def write_registration(
    session: Session, participant: Participant, details: ParticipantDetails
) -> None:
    apply_status(session, participant, details.status)
    participant.category = details.category
    participant.language = details.language
    if {group.code for group in participant.groups} != set(details.group_codes):
        participant.groups = trip_groups(session, participant.trip_id, details.group_codes)
    participant.nationality = details.nationality
    participant.dietary = details.dietary
    participant.accessibility = details.accessibility
    participant.passport_number = details.passport_number
    participant.passport_expiry = details.passport_expiry
    participant.emergency_contact_name = details.emergency_contact_name
    participant.emergency_contact_phone = details.emergency_contact_phone
    participant.room_id = details.room_id
    participant.notes = details.notes


@dataclass(frozen=True)
class Registration:
    """A participant just added, and the directory contact as it was before (None: the
    contact was made for them), so that undo leaves the directory as it found it."""

    row: ParticipantRow
    contact_before: ContactState | None
    contact_after: ContactState


def add_participant(
    workspace: Workspace, trip_id: int, details: ParticipantDetails
) -> Registration:
    """Register someone; an email the directory knows reuses that person's contact."""
    details = checked_details(details)
    with workspace.transaction() as session:
        contact = None
        if details.email:
            contact = session.scalar(select(Contact).where(Contact.email == details.email))
        before = None
        if contact is None:
            contact = Contact(last_name=details.last_name)
            session.add(contact)
            write_contact(session, contact, details)
        else:
            if not same_person(contact, details):
                raise ValidationError(
                    "email",
                    _(
                        "this email belongs to {name} in the contacts; register them from"
                        " the Contacts page"
                    ).format(name=contact.full_name),
                )
            if session.scalar(
                select(Participant.id).where(
                    Participant.trip_id == trip_id, Participant.contact_id == contact.id
                )
            ):
                raise ValidationError(
                    "email",
                    _("{name} is already registered for this trip").format(name=contact.full_name),
                )
            before = contact_state(contact)
            write_contact(session, contact, details, fill_only=True)
        participant = Participant(trip_id=trip_id, contact=contact)
        session.add(participant)
        write_registration(session, participant, details)
        session.flush()
        return Registration(row_of(session, participant.id), before, contact_state(contact))


def add_contact_to_trip(workspace: Workspace, trip_id: int, contact_id: int) -> ParticipantRow:
    """Register someone from the directory, reusing what their last trip knew of them."""
    with workspace.transaction() as session:
        contact = session.get(Contact, contact_id)
        if contact is None:
            raise NotFoundError(_("this contact no longer exists"))
        if session.scalar(
            select(Participant.id).where(
                Participant.trip_id == trip_id, Participant.contact_id == contact_id
            )
        ):
            raise ValidationError(
                "contact",
                _("{name} is already registered for this trip").format(name=contact.full_name),
            )
        previous = session.scalar(
            select(Participant)
            .where(Participant.contact_id == contact_id)
            .order_by(Participant.id.desc())
            .limit(1)
        )
        participant = Participant(
            trip_id=trip_id,
            contact=contact,
            status=ParticipantStatus.INVITED,
            category=previous.category if previous else ParticipantCategory.ENTREPRENEUR,
            language=Language(contact.language)
            if contact.language in ("fr", "en")
            else (previous.language if previous else Language.FRENCH),
            nationality=contact.nationality or (previous.nationality if previous else None),
        )
        session.add(participant)
        session.flush()
        return row_of(session, participant.id)


# An edit reads the registration with what it writes and shows, in one query.
_FOR_EDIT = (
    joinedload(Participant.contact).joinedload(Contact.organization),
    joinedload(Participant.room),
    joinedload(Participant.groups),
)


def _load_for_edit(session: Session, participant_id: int, expected: Expected) -> Participant:
    return load_for_edit(
        session, Participant, participant_id, expected,
        missing=_("this participant no longer exists"), name=lambda p: p.contact.full_name,
        details=lambda p: edited_row(session, p).details, options=_FOR_EDIT,
    )  # fmt: skip


def update_participant(
    workspace: Workspace,
    participant_id: int,
    expected: Expected,
    details: ParticipantDetails,
    *,
    opened: ParticipantRow | None = None,
) -> ParticipantRow:
    """Save an edit, refusing it if the participant changed since the editor read it.

    `opened`: the row the editor was opened on. The person's contact is shared by their
    registrations for other trips: the edit is refused too if the contact changed since,
    and writes back only the contact's fields the user changed.
    """
    details = checked_details(details)
    with workspace.transaction() as session:
        participant = _load_for_edit(session, participant_id, expected)
        if opened is not None:
            _check_contact_version(participant.contact, opened)
            details = _only_changed_contact_fields(participant.contact, opened.details, details)
        return _write(session, participant, details)


def revert_participant(
    workspace: Workspace, participant_id: int, left: ParticipantDetails, before: ParticipantRow
) -> ParticipantRow:
    """Undo of an edit: the registration as it was before, back at its place in the
    waiting list; refused if it no longer holds what the edit left there (`left`)."""
    details = checked_details(before.details)
    with workspace.transaction() as session:
        participant = _load_for_edit(session, participant_id, Unchanged(left))
        return _write(session, participant, details, before.waitlist_position)


def _write(
    session: Session,
    participant: Participant,
    details: ParticipantDetails,
    waitlist_position: int | None = None,
) -> ParticipantRow:
    contact_before = contact_state(participant.contact)
    write_contact(session, participant.contact, details)
    contact_changed = contact_state(participant.contact) != contact_before
    write_registration(session, participant, details)
    if waitlist_position is not None and participant.waitlist_position is not None:
        participant.waitlist_position = waitlist_position
    if contact_changed:  # the person's details are part of this edit
        participant.touch()
    session.flush()
    return edited_row(session, participant)


def _check_contact_version(contact: Contact, opened: ParticipantRow) -> None:
    """The contact is as the editor read it, or the edit is refused naming who changed what."""
    if contact.version == opened.contact_version:
        return
    now = _contact_details(contact)
    changed = [
        field_label(name)
        for name in _SHARED_FIELDS
        if getattr(now, name) != getattr(opened.details, name)
    ]
    raise ConflictError(
        _("{name} was changed by {who} since you opened it ({fields}); nothing was saved").format(
            name=contact.full_name,
            who=saved_by(contact),
            fields=", ".join(changed) or _("in another trip"),
        )
    )


# What an edit of a registration writes on the contact, which the person's registrations
# for other trips share (see write_contact).
_SHARED_FIELDS = (
    "last_name", "first_name", "email", "civility", "phone", "job_title", "birth_date",
    "organization",
)  # fmt: skip


def _contact_details(contact: Contact) -> ParticipantDetails:
    return ParticipantDetails(
        last_name=contact.last_name,
        first_name=contact.first_name,
        email=contact.email,
        civility=contact.civility,
        phone=contact.phone,
        job_title=contact.job_title,
        birth_date=contact.birth_date,
        organization=contact.organization.name if contact.organization else None,
    )


def _only_changed_contact_fields(
    contact: Contact, read: ParticipantDetails, details: ParticipantDetails
) -> ParticipantDetails:
    """The details to write: the contact's fields the user left as read keep what the
    contact holds now, so a stale copy never writes a colleague's change back."""
    now = _contact_details(contact)
    kept = {
        name: getattr(now, name)
        for name in _SHARED_FIELDS
        if getattr(details, name) == getattr(read, name)
    }
    return replace(details, **kept) if kept else details


@dataclass(frozen=True)
class RemovedParticipant:
    """Everything needed to put a removed participant back exactly as they were."""

    row: ParticipantRow
    roommate_id: int | None
    asked_as_roommate_by: tuple[int, ...]
    segment_ids: tuple[int, ...]
    contact: ContactState | None = None  # the contact too, when the removal changed it


def _remove(session: Session, participant_id: int) -> RemovedParticipant:
    participant = session.get(Participant, participant_id)
    if participant is None:
        raise NotFoundError(_("this participant no longer exists"))
    row = row_of(session, participant_id)
    asked_by = tuple(
        session.scalars(select(Participant.id).where(Participant.roommate_id == participant_id))
    )
    segments = tuple(
        session.scalars(
            select(segment_passengers.c.segment_id).where(
                segment_passengers.c.participant_id == participant_id
            )
        )
    )
    session.delete(participant)
    session.flush()
    return RemovedParticipant(row, participant.roommate_id, asked_by, segments)


def remove_participant(workspace: Workspace, participant_id: int) -> RemovedParticipant:
    """Take someone off the trip; their contact stays in the directory."""
    return remove_participants(workspace, [participant_id])[0]


def remove_participants(
    workspace: Workspace, participant_ids: list[int]
) -> list[RemovedParticipant]:
    """Take several people off the trip at once: all of them, or none if one is gone."""
    with workspace.transaction() as session:
        return [_remove(session, participant_id) for participant_id in participant_ids]


def withdraw_registration(workspace: Workspace, registration: Registration) -> RemovedParticipant:
    """Undo add_participant: the participant goes, and the directory is as it was."""
    with workspace.transaction() as session:
        removed = _remove(session, registration.row.id)
        contact = session.get(Contact, registration.row.contact_id)
        if contact is None:
            return removed
        check_contact_unchanged(contact, registration.contact_after)
        if registration.contact_before is not None:
            put_contact(session, registration.contact_before)
        else:
            drop_unused_contacts(session, [contact.id])
        return replace(removed, contact=registration.contact_after)


def restore_participant(workspace: Workspace, removed: RemovedParticipant) -> ParticipantRow:
    """Undo a removal: the same id, contact, groups, room, travel and roommates."""
    with workspace.transaction() as session:
        _restore(session, removed)
        return row_of(session, removed.row.id)


def restore_participants(workspace: Workspace, removed: list[RemovedParticipant]) -> None:
    """Undo remove_participants, in one transaction."""
    with workspace.transaction() as session:
        for one in reversed(removed):
            _restore(session, one)


def _restore(session: Session, removed: RemovedParticipant) -> None:
    row = removed.row
    if session.get(Participant, row.id) is not None:
        raise ConflictError(_("this participant is already back"))
    if removed.contact is not None:
        put_contact(session, removed.contact)
    participant = Participant(
        id=row.id,
        trip_id=row.trip_id,
        contact_id=row.contact_id,
        waitlist_position=row.waitlist_position,
        roommate_id=removed.roommate_id,
    )
    session.add(participant)
    write_registration(session, participant, row.details)
    participant.waitlist_position = row.waitlist_position
    session.flush()
    if removed.segment_ids:
        session.execute(
            insert(segment_passengers),
            [{"segment_id": s, "participant_id": row.id} for s in removed.segment_ids],
        )
    for other in removed.asked_as_roommate_by:
        asking = session.get(Participant, other)
        if asking is not None:
            asking.roommate_id = row.id
    session.flush()
