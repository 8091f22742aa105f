"""Participants of a trip: list, add, edit, remove and restore, status and groups."""

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from delegation.domain.enums import Language, ParticipantCategory, ParticipantStatus
from delegation.domain.errors import ConflictError, NotFoundError, ValidationError
from delegation.domain.rules import (
    full_name,
    is_valid_country_code,
    is_valid_email,
    normalize_email,
)
from delegation.i18n import _
from delegation.i18n.labels import field_label
from delegation.persistence.models import (
    AgendaItem,
    Contact,
    Organization,
    Participant,
    Room,
    TripGroup,
    participant_groups,
    segment_passengers,
)
from delegation.services.expected import Expected
from delegation.services.records import changed_since_step, load_for_edit, trimmed_text
from delegation.services.workspace import Workspace


@dataclass(frozen=True)
class ParticipantDetails:
    """What an organiser edits about a participant: the person and the registration."""

    last_name: str
    first_name: str = ""
    email: str | None = None
    civility: str | None = None
    phone: str | None = None
    organization: str | None = None
    job_title: str | None = None
    status: ParticipantStatus = ParticipantStatus.INVITED
    category: ParticipantCategory = ParticipantCategory.ENTREPRENEUR
    language: Language = Language.FRENCH
    group_codes: tuple[str, ...] = ()
    nationality: str | None = None
    birth_date: date | None = None  # sensitive
    dietary: str | None = None  # sensitive
    accessibility: str | None = None  # sensitive
    passport_number: str | None = None  # sensitive
    passport_expiry: date | None = None  # sensitive
    emergency_contact_name: str | None = None  # sensitive
    emergency_contact_phone: str | None = None  # sensitive
    room_id: int | None = None
    notes: str | None = None

    @property
    def full_name(self) -> str:
        return full_name(self.first_name, self.last_name)


SENSITIVE_FIELDS = frozenset(
    {
        "birth_date",
        "dietary",
        "accessibility",
        "passport_number",
        "passport_expiry",
        "emergency_contact_name",
        "emergency_contact_phone",
    }
)


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


def clean_details(details: ParticipantDetails) -> ParticipantDetails:
    """Trim text, turn empty text into None, normalise email and country codes."""
    changes = trimmed_text(details, keep_empty=("last_name", "first_name"))
    email = normalize_email(details.email)
    if email != details.email:
        changes["email"] = email
    nationality = changes.get("nationality", details.nationality)
    if nationality and not str(nationality).isupper():
        changes["nationality"] = str(nationality).upper()
    if len(set(details.group_codes)) < len(details.group_codes):
        changes["group_codes"] = tuple(dict.fromkeys(details.group_codes))
    return replace(details, **changes) if changes else details


def validate_details(details: ParticipantDetails) -> list[ValidationError]:
    """Every problem with the details, each naming its field, for the editor to show."""
    return problems_of_clean(clean_details(details))


def problems_of_clean(details: ParticipantDetails) -> list[ValidationError]:
    """validate_details for details already through clean_details (an import's rows)."""
    problems = []
    if not details.last_name:
        problems.append(ValidationError("last_name", _("a last name is required")))
    if details.email and not is_valid_email(details.email):
        problems.append(ValidationError("email", _("not an email address")))
    if details.nationality and not is_valid_country_code(details.nationality):
        problems.append(
            ValidationError("nationality", _("use a two-letter ISO country code, e.g. EE"))
        )
    if details.passport_expiry and not details.passport_number:
        problems.append(
            ValidationError("passport_number", _("an expiry date needs a document number"))
        )
    return problems


def _check(details: ParticipantDetails) -> ParticipantDetails:
    problems = validate_details(details)
    if problems:
        raise problems[0]
    return clean_details(details)


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


def _rows(session: Session, *conditions, among: list[int] | None = None) -> list[ParticipantRow]:
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
    records = session.execute(query).all()
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
        rows.append(
            ParticipantRow(
                id=participant_id,
                trip_id=trip_id,
                contact_id=contact_id,
                details=ParticipantDetails(
                    group_codes=tuple(codes.get(participant_id, ())),
                    **dict(zip(_DETAIL_NAMES, rest, strict=True)),
                ),
                waitlist_position=waiting,
                room_label=room,
                version=version,
                contact_version=contact_version,
                updated_by=by,
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
        return _rows(session, Participant.trip_id == trip_id)


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
        rows.extend(_rows(session, Participant.id.in_(chunk), among=chunk))
    return rows


def _row(session: Session, participant_id: int) -> ParticipantRow:
    rows = _rows(session, Participant.id == participant_id)
    if not rows:
        raise NotFoundError(_("this participant no longer exists"))
    return rows[0]


def get_participant(workspace: Workspace, participant_id: int) -> ParticipantRow:
    with workspace.reading() as session:
        return _row(session, participant_id)


def _organization(session: Session, name: str | None) -> Organization | None:
    if not name:
        return None
    # An import writes thousands of rows in one transaction: each name is looked up once.
    known = session.info.setdefault("organizations", {})
    organization = known.get(name)
    if organization is None:
        organization = session.scalar(select(Organization).where(Organization.name == name))
        if organization is None:
            organization = Organization(name=name)
            session.add(organization)
        known[name] = organization
    return organization


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


def write_contact(
    session: Session, contact: Contact, details: ParticipantDetails, *, fill_only: bool = False
) -> None:
    """The person's details on their directory contact; fill_only keeps what the
    directory knows where the details say nothing."""
    if details.email and details.email != contact.email:
        owner = session.scalar(select(Contact.id).where(Contact.email == details.email))
        if owner is not None and owner != contact.id:
            raise ValidationError(
                "email",
                _("this email belongs to another contact: {email}").format(email=details.email),
            )
    values = {
        "last_name": details.last_name,
        "first_name": details.first_name,
        "email": details.email,
        "civility": details.civility,
        "phone": details.phone,
        "job_title": details.job_title,
        "birth_date": details.birth_date,
    }
    for name, value in values.items():
        if not fill_only or (value and not getattr(contact, name)):
            setattr(contact, name, value)
    if not fill_only or (details.organization and contact.organization is None):
        _set_organization(session, contact, details.organization)


def _set_organization(session: Session, contact: Contact, name: str | None) -> None:
    """The contact's organization by name; one that no longer serves anybody goes."""
    previous = contact.organization
    contact.organization = _organization(session, name)
    if previous is not None and previous is not contact.organization:
        session.flush()
        _drop_if_unused(session, previous)


def _drop_if_unused(session: Session, organization: Organization) -> None:
    if organization.id is None:
        return
    used = session.scalar(
        select(Contact.id).where(Contact.organization_id == organization.id).limit(1)
    ) or session.scalar(
        select(AgendaItem.id).where(AgendaItem.host_organization_id == organization.id).limit(1)
    )
    if used is None:
        session.info.get("organizations", {}).pop(organization.name, None)
        session.delete(organization)


_CONTACT_FIELDS = (
    "civility", "first_name", "last_name", "email", "phone", "job_title", "language",
    "nationality", "birth_date", "notes",
)  # fmt: skip


@dataclass(frozen=True)
class ContactState:
    """A directory contact as it was, to put back under the same id on undo or redo.

    The organization is kept by name: an organization only this contact used goes
    with an undo, and comes back with a redo.
    """

    id: int
    values: tuple[tuple[str, object], ...]
    organization: str | None


def contact_state(contact: Contact) -> ContactState:
    return ContactState(
        contact.id,
        tuple((name, getattr(contact, name)) for name in _CONTACT_FIELDS),
        contact.organization.name if contact.organization else None,
    )


def put_contact(session: Session, state: ContactState) -> None:
    contact = session.get(Contact, state.id)
    if contact is None:
        contact = Contact(id=state.id)
        session.add(contact)
    for name, value in state.values:
        setattr(contact, name, value)
    _set_organization(session, contact, state.organization)
    session.flush()


def _check_contact_unchanged(contact: Contact, expected: ContactState) -> None:
    if contact_state(contact) != expected:
        raise changed_since_step(contact.full_name, contact)


def same_person(contact: Contact, details: ParticipantDetails) -> bool:
    def folded(text: str | None) -> str:
        return " ".join((text or "").split()).casefold()

    return folded(contact.last_name) == folded(details.last_name) and (
        folded(contact.first_name) == folded(details.first_name)
        or not contact.first_name
        or not details.first_name
    )


def write_registration(
    session: Session, participant: Participant, details: ParticipantDetails
) -> None:
    apply_status(session, participant, details.status)
    participant.category = details.category
    participant.language = details.language
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
    details = _check(details)
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
        return Registration(_row(session, participant.id), before, contact_state(contact))


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
        return _row(session, participant.id)


def update_participant(
    workspace: Workspace,
    participant_id: int,
    expected: Expected,
    details: ParticipantDetails,
    *,
    waitlist_position: int | None = None,
    opened: ParticipantRow | None = None,
) -> ParticipantRow:
    """Save an edit, refusing it if the participant changed since the editor read it.

    `opened`: the row the editor was opened on. The person's contact is shared by their
    registrations for other trips: the edit is refused too if the contact changed since,
    and writes back only the contact's fields the user changed.
    waitlist_position puts a waitlisted participant back at their old place (an undo).
    """
    details = _check(details)
    with workspace.transaction() as session:
        participant = load_for_edit(
            session, Participant, participant_id, expected,
            missing=_("this participant no longer exists"), name=lambda p: p.contact.full_name,
            details=lambda p: _row(session, p.id).details,
        )  # fmt: skip
        contact_before = contact_state(participant.contact)
        if opened is not None:
            _check_contact_version(participant.contact, opened)
            details = _only_changed_contact_fields(participant.contact, opened.details, details)
        write_contact(session, participant.contact, details)
        contact_changed = contact_state(participant.contact) != contact_before
        write_registration(session, participant, details)
        if waitlist_position is not None and participant.waitlist_position is not None:
            participant.waitlist_position = waitlist_position
        if contact_changed:  # the person's details are part of this edit
            participant.touch()
        session.flush()
        return _row(session, participant_id)


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
        _("{name} was changed by {user} since you opened it ({fields}); nothing was saved").format(
            name=contact.full_name,
            user=contact.updated_by or _("someone else"),
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
    row = _row(session, participant_id)
    participant = session.get(Participant, participant_id)
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
        _check_contact_unchanged(contact, registration.contact_after)
        if registration.contact_before is not None:
            put_contact(session, registration.contact_before)
        else:
            drop_unused_contacts(session, [contact.id])
        return replace(removed, contact=registration.contact_after)


def drop_unused_contacts(session: Session, contact_ids: list[int]) -> None:
    """Delete these contacts if nothing uses them any more, and their organizations too."""
    for contact_id in contact_ids:
        contact = session.get(Contact, contact_id)
        if contact is None or _contact_in_use(session, contact_id):
            continue
        organization = contact.organization
        session.delete(contact)
        session.flush()
        if organization is not None:
            _drop_if_unused(session, organization)


def _contact_in_use(session: Session, contact_id: int) -> bool:
    return (
        session.scalar(select(Participant.id).where(Participant.contact_id == contact_id).limit(1))
        is not None
        or session.scalar(
            select(AgendaItem.id).where(AgendaItem.host_contact_id == contact_id).limit(1)
        )
        is not None
    )


def restore_participant(workspace: Workspace, removed: RemovedParticipant) -> ParticipantRow:
    """Undo a removal: the same id, contact, groups, room, travel and roommates."""
    with workspace.transaction() as session:
        _restore(session, removed)
        return _row(session, removed.row.id)


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
