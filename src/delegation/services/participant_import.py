"""Participants from a spreadsheet: each row matched to a registration, then all written.

A row whose email belongs to a participant of the trip updates that participant; a row
without email is matched on first name, last name and organization. A blank cell says
nothing: it never erases what is known. Importing the same file again changes nothing.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from functools import cached_property, lru_cache, partial
from pathlib import Path

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session, selectinload

from delegation.domain.enums import ParticipantStatus
from delegation.domain.errors import ConflictError, NotFoundError
from delegation.domain.rules import full_name
from delegation.i18n import _
from delegation.interchange import values as parse
from delegation.interchange.columns import PARTICIPANT_FIELDS, fold
from delegation.interchange.tables import Cell
from delegation.interchange.values import DateOrder
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
    same_person,
    write_contact,
)
from delegation.services.import_groups import (
    NewGroup,
    TripGroupNames,
    create_groups,
    drop_unused_groups,
)
from delegation.services.imports import (
    FieldChange,
    ImportCounts,
    ImportProblem,
    ImportRefusedError,
    PlanCounts,
    Progress,
    field_changes,
    used_groups,
)
from delegation.services.participant_details import (
    SENSITIVE_FIELDS,
    ParticipantDetails,
    clean_details,
    problems_of_clean,
)
from delegation.services.participant_rows import (
    ParticipantRow,
    get_rows,
    group_codes,
    list_participants,
)
from delegation.services.participants import write_registration
from delegation.services.records import changed_since_step, refuse_taken_ids
from delegation.services.registration_updates import (
    RegistrationChange,
    email_owners,
    organization_ids,
    update_registrations,
)
from delegation.services.source_files import SourceFile, ValueMap, cell_text
from delegation.services.source_reading import open_source
from delegation.services.value_maps import meanings_for, remember_values
from delegation.services.workspace import Workspace

# The same few words fill the status or category column thousands of times: read once.
_cached = lru_cache(maxsize=512)
_PARSERS: dict[str, Callable[[Cell], object]] = {
    "civility": parse.parse_text,
    "first_name": parse.parse_text,
    "last_name": parse.parse_text,
    "email": parse.parse_email,
    "organization": parse.parse_text,
    "job_title": parse.parse_text,
    "phone": parse.parse_text,
    "category": _cached(parse.parse_category),
    "status": _cached(parse.parse_status),
    "groups": _cached(parse.parse_groups),
    "dietary": parse.parse_text,
    "accessibility": parse.parse_text,
    "nationality": _cached(parse.parse_nationality),
    "birth_date": partial(parse.parse_date, past=True),
    "passport_number": parse.parse_text,
    "passport_expiry": parse.parse_date,
    "emergency_contact_name": parse.parse_text,
    "emergency_contact_phone": parse.parse_text,
    "language": _cached(parse.parse_language),
    "notes": parse.parse_text,
    "full_name": parse.parse_text,
}
_DETAIL_NAMES = {field.name for field in fields(ParticipantDetails)}
_CHUNK = 1000  # rows per statement, and per progress report


@dataclass(frozen=True)
class PlannedRow:
    line: int
    details: ParticipantDetails  # cleaned; for an update, what is known merged with the row
    participant_id: int | None = None  # the registration it updates; None: a new one
    version: int | None = None  # that registration's version when the file was read
    contact_id: int | None = None  # for a new one, the directory's contact to register
    differences: tuple[FieldChange, ...] = ()  # for an update, what it changes

    @property
    def label(self) -> str:
        return self.details.full_name


@dataclass(frozen=True)
class ParticipantImportPlan(PlanCounts):
    trip_id: int
    file: SourceFile
    creations: tuple[PlannedRow, ...]
    changes: tuple[PlannedRow, ...]
    unchanged: int
    problems: tuple[ImportProblem, ...]
    new_groups: tuple[NewGroup, ...] = ()


@dataclass(frozen=True)
class ParticipantImportResult:
    """What an import wrote, enough to take it back (undo) and to make it again (redo)."""

    counts: ImportCounts
    trip_id: int
    participant_ids: tuple[int, ...]  # of the creations, in order
    contact_ids: tuple[int | None, ...]  # contacts made for them (None: an existing one)
    changed_before: tuple[ParticipantRow, ...]  # the updated registrations as they were
    written: tuple[ParticipantDetails, ...]  # created then changed ones, as the import left them
    contacts_before: tuple[ContactState, ...]  # directory contacts it filled in, as they were
    group_ids: tuple[int, ...] = ()  # the groups it made

    def touched_ids(self) -> list[int]:
        return [*self.participant_ids, *(row.id for row in self.changed_before)]


def plan_participant_import(
    workspace: Workspace,
    trip_id: int,
    path: str | Path,
    *,
    columns: Mapping[int, str] | None = None,
    sheet: str | None = None,
    display_name: str | None = None,
    date_orders: Mapping[str, DateOrder] | None = None,
    values: ValueMap | None = None,
    repair_encoding: bool = False,
) -> ParticipantImportPlan:
    """Read and check the whole file against the trip; nothing is written."""
    file = open_source(
        path,
        PARTICIPANT_FIELDS,
        fields=columns,
        sheet=sheet,
        display_name=display_name,
        date_orders=date_orders,
        told=meanings_for(workspace, values),
        repair_encoding=repair_encoding,
    )
    existing = list_participants(workspace, trip_id)
    with workspace.reading() as session:
        groups = TripGroupNames(session, trip_id)
        directory = _directory_contacts(session)
    return _Planner(trip_id, file, existing, groups, directory).plan()


def _directory_contacts(session: Session) -> dict[str, object]:
    return {
        row.email: row
        for row in session.execute(
            select(Contact.id, Contact.email, Contact.first_name, Contact.last_name).where(
                Contact.email.is_not(None)
            )
        )
    }


# Each detail of a registration, as the import's field that fills it.
_FIELD_OF_DETAIL = {name: name for name in _PARSERS if name in _DETAIL_NAMES} | {
    "group_codes": "groups"
}


def _differences(before: ParticipantDetails, after: ParticipantDetails):
    """What a row changes; sensitive values are not repeated in reports."""
    changes = field_changes(before, after, _FIELD_OF_DETAIL)
    hidden = _("(sensitive)")
    return tuple(
        FieldChange(c.field, hidden, hidden) if c.field in SENSITIVE_FIELDS else c for c in changes
    )


def _name_key(details: ParticipantDetails) -> tuple[str, str, str]:
    return (fold(details.first_name), fold(details.last_name), fold(details.organization or ""))


def _given_key(given: Mapping[str, object]) -> tuple[str, str, str]:
    """_name_key of the details a row gives."""
    names = (given.get("first_name"), given.get("last_name"), given.get("organization"))
    return tuple(fold(str(name or "")) for name in names)  # type: ignore[return-value]


def _family_first(file: SourceFile) -> bool:
    """Whether the full-name column's header puts the family name first ("NOM Prénom")."""
    headers = [file.table.headers[i] for i, name in file.fields.items() if name == "full_name"]
    words = fold(headers[0]).split() if headers else []
    given_later = any(word in ("prenom", "prenoms", "first", "given") for word in words[1:])
    return bool(words) and words[0] in ("nom", "last", "family", "surname") and given_later


class _Planner:
    """One pass over the rows: parse, check, match; problems are collected, not raised."""

    def __init__(self, trip_id, file, existing, groups, directory) -> None:
        self.trip_id = trip_id
        self.file = file
        self.groups: TripGroupNames = groups
        self.directory = directory
        self.by_email = {row.details.email: row for row in existing if row.details.email}
        self.existing = existing
        # Someone first listed without email, found again when the email comes.
        self.by_name_only = {_name_key(r.details): r for r in existing if not r.details.email}
        self.first_seen: dict[object, tuple[int, ParticipantDetails]] = {}
        self.parsers = dict(_PARSERS)
        for reading in file.dates:  # each date column as its values or the user say
            self.parsers[reading.field] = partial(self.parsers[reading.field], order=reading.order)
        self.family_first = _family_first(file)
        self.problems: list[ImportProblem] = []
        self.creations: list[PlannedRow] = []
        self.changes: list[PlannedRow] = []
        self.unchanged = 0

    @cached_property
    def by_name(self) -> dict[tuple[str, str, str], ParticipantRow]:
        """Built at the first row without email: folding every name costs, and a file
        with emails never needs it."""
        return {_name_key(row.details): row for row in self.existing}

    def plan(self) -> ParticipantImportPlan:
        for line, cells in self.file.values():
            self._row(line, cells)
        return ParticipantImportPlan(
            self.trip_id,
            self.file,
            tuple(self.creations),
            tuple(self.changes),
            self.unchanged,
            tuple(self.problems),
            used_groups(self.groups.created, [*self.creations, *self.changes]),
        )

    def _problem(self, line: int, field: str, reason: str) -> None:
        self.problems.append(ImportProblem(line, field, reason))

    def _row(self, line: int, cells: dict[str, Cell]) -> None:
        given: dict[str, object] = {}
        before = len(self.problems)
        for name, cell in cells.items():
            try:
                value = self.parsers[name](cell)
            except ValueError as error:
                self.problems.append(ImportProblem(line, name, str(error), cell_text(cell)))
                continue
            if value not in (None, ()):
                given["group_codes" if name == "groups" else name] = value
        if "full_name" in given:
            first, last = parse.split_full_name(given.pop("full_name"), self.family_first)
            given.setdefault("first_name", first)
            given.setdefault("last_name", last)
        if "group_codes" in given:
            given["group_codes"] = self.groups.codes(given["group_codes"])
        if len(self.problems) > before:
            return
        given = {name: value for name, value in given.items() if name in _DETAIL_NAMES}
        email = given.get("email")
        if email:
            match = self.by_email.get(email)
            if match is None and self.by_name_only:  # folding names costs: only if needed
                match = self.by_name_only.get(_given_key(given))
        else:
            match = self.by_name.get(_given_key(given))
        # What is known, with what the row says over it (vars: cheaper than replace()).
        known = vars(match.details) if match else {"last_name": ""}
        details = clean_details(ParticipantDetails(**{**known, **given}))
        problems = problems_of_clean(details)
        for problem in problems:
            self._problem(line, problem.field, problem.reason)
        if problems:
            return
        key = details.email or _name_key(details)
        if key in self.first_seen:
            first_line, first_details = self.first_seen[key]
            if details != first_details:  # a row repeated as is: registration exports do
                self._problem(
                    line,
                    "email" if details.email else "last_name",
                    _("the same person as on line {line}, with other details").format(
                        line=first_line
                    ),
                )
            return
        self.first_seen[key] = (line, details)
        if match is not None:
            if details == match.details:
                self.unchanged += 1
            else:
                differences = _differences(match.details, details)
                self.changes.append(
                    PlannedRow(line, details, match.id, match.version, differences=differences)
                )
            return
        contact = self.directory.get(details.email) if details.email else None
        if contact is not None and not same_person(contact, details):
            self._problem(
                line,
                "email",
                _("this email belongs to {name} in the contacts").format(
                    name=full_name(contact.first_name, contact.last_name)
                ),
            )
            return
        self.creations.append(PlannedRow(line, details, contact_id=contact.id if contact else None))


def apply_participant_import(
    workspace: Workspace,
    plan: ParticipantImportPlan,
    *,
    skip_invalid: bool = False,
    progress: Progress | None = None,
    reuse: ParticipantImportResult | None = None,
) -> ParticipantImportResult:
    """Write the plan in one transaction; refused whole while rows have problems, unless
    skip_invalid. `reuse` (a redo) gives the new records the ids they had the first time,
    and takes the updated registrations as the undo left them.
    """
    if plan.problems and not skip_invalid:
        raise ImportRefusedError(plan.file.source, plan.problems)
    total = len(plan.creations) + len(plan.changes)
    done = 0

    def advance(count: int) -> None:
        nonlocal done
        done += count
        if progress is not None:
            progress(done, total)

    with workspace.transaction() as session:
        if plan.file.told:  # the meanings the user gave, for the next file of this layout
            remember_values(session, plan.file.table.headers, plan.file.told)
        _check_trip(session, plan.trip_id)
        if reuse is not None:
            _check_as_undo_left(session, reuse)
        else:
            _check_still_new(session, plan)
        group_ids = create_groups(
            session, plan.trip_id, plan.new_groups, reuse.group_ids if reuse else ()
        )
        organizations = organization_ids(
            session, (row.details.organization for row in plan.creations)
        )
        contact_ids, made, filled = _contacts_for(session, plan, organizations, reuse)
        participant_ids = _insert_participants(session, plan, contact_ids, reuse, advance)
        before = _apply_changes(session, plan, advance, check_versions=reuse is None)
        # A new registration with a new contact holds the plan's cleaned details as they
        # read back (groups in the trip's order); a changed one was written whole from its
        # details, its groups aside, which are read again in the order a read gives them;
        # one whose directory contact was filled in is read again.
        directory = [
            i for i, row in zip(participant_ids, plan.creations, strict=True) if row.contact_id
        ]
        read = {row.id: row.details for row in get_rows(session, directory)}
        codes = group_codes(session, [row.participant_id for row in plan.changes])
    written = [
        read[i] if row.contact_id is not None else row.details
        for i, row in zip(participant_ids, plan.creations, strict=True)
    ] + [
        row.details
        if row.details.group_codes == codes[row.participant_id]
        else replace(row.details, group_codes=codes[row.participant_id])
        for row in plan.changes
    ]
    return ParticipantImportResult(
        plan.counts,
        plan.trip_id,
        tuple(participant_ids),
        tuple(made),
        tuple(before),
        tuple(written),
        tuple(filled),
        tuple(group_ids),
    )


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
        if (email and email in emails) or (not email and _name_key(row.details) in names):
            raise ConflictError(_added_meanwhile(row.details.full_name))
    for email, owner in email_owners(session, wanted):
        if owner != wanted[email].contact_id:  # a contact made with this email since
            raise ConflictError(_added_meanwhile(wanted[email].details.full_name))


def _added_meanwhile(name: str) -> str:
    return _(
        "{name} was added by someone else meanwhile; nothing was imported: preview the file again"
    ).format(name=name)


def _check_as_undo_left(session: Session, result: ParticipantImportResult) -> None:
    """A redo: the ids the import gave are free again, the rows it changed as undo left them."""
    refuse_taken_ids(session, Participant, result.participant_ids)
    refuse_taken_ids(session, Contact, result.contact_ids)
    _check_details(session, {row.id: row.details for row in result.changed_before})


def _check_details(session: Session, expected: dict[int, ParticipantDetails]) -> None:
    """Each registration still holds these details, or the step cannot be replayed."""
    current = {row.id: row for row in get_rows(session, list(expected))}
    for participant_id, details in expected.items():
        row = current.get(participant_id)
        if row is None:
            raise NotFoundError(_("this participant no longer exists"))
        if row.details != details:
            raise changed_since_step(row.details.full_name, row)


def _check_trip(session: Session, trip_id: int) -> None:
    from delegation.persistence.models import Trip

    if session.get(Trip, trip_id) is None:
        raise NotFoundError(_("this trip no longer exists"))


def _contacts_for(session, plan, organizations, reuse):
    """The contact of each new registration: the directory's, or one made now.

    Returns the contact ids, those made (None for the directory's), and the directory's
    contacts as they were before the import filled them in.
    """
    new = [row for row in plan.creations if row.contact_id is None]
    if reuse is not None:
        made_ids = [i for i in reuse.contact_ids if i is not None]
    else:
        made_ids = reserve_ids(session, Contact.__table__, len(new))
    insert_rows(
        session,
        Contact.__table__,
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
            filled.append(contact_state(contact))
            write_contact(session, contact, row.details, fill_only=True)
            contact_ids.append(row.contact_id)
            made_for_each.append(None)
    return contact_ids, made_for_each, filled


def _insert_participants(session, plan, contact_ids, reuse, advance) -> list[int]:
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
        list(reuse.participant_ids)
        if reuse is not None
        else reserve_ids(session, Participant.__table__, len(plan.creations))
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
        insert_rows(session, Participant.__table__, chunk, versioned=True)
        advance(len(chunk))
    memberships = [
        {"participant_id": participant_id, "group_id": groups[code]}
        for participant_id, row in zip(ids, plan.creations, strict=True)
        for code in row.details.group_codes
    ]
    if memberships:
        session.execute(insert(participant_groups), memberships)
    return ids


def _apply_changes(session, plan, advance, *, check_versions: bool) -> list[ParticipantRow]:
    """Update the matched registrations, as the editor would, in a few statements."""
    changes = [
        RegistrationChange(row.participant_id, row.version if check_versions else None, row.details)
        for row in plan.changes
    ]
    return update_registrations(session, plan.trip_id, changes, advance)


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
