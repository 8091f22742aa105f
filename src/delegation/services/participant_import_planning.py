"""Participants from a spreadsheet, read into a plan: each row matched to a registration
of the trip; nothing is written.

A row whose email belongs to a participant of the trip updates that participant; a row
without email is matched on first name, last name and organization. A blank cell says
nothing: it never erases what is known. Importing the same file again changes nothing.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import fields
from functools import cached_property, lru_cache, partial
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from delegation.domain.rules import full_name
from delegation.i18n import _
from delegation.interchange import values as parse
from delegation.interchange.columns import PARTICIPANT_FIELDS, fold
from delegation.interchange.tables import Cell
from delegation.interchange.values import DateOrder
from delegation.persistence.models import Contact
from delegation.services.contact_records import same_person
from delegation.services.import_groups import TripGroupNames
from delegation.services.imports import FieldChange, ImportProblem, field_changes, used_groups
from delegation.services.participant_details import (
    SENSITIVE_FIELDS,
    ParticipantDetails,
    clean_details,
    problems_of_clean,
)
from delegation.services.participant_import_plan import (
    ParticipantImportPlan,
    PlannedRow,
    name_key,
)
from delegation.services.participant_rows import ParticipantRow, list_participants
from delegation.services.source_files import DATE_FIELDS, SourceFile, ValueMap, cell_text
from delegation.services.source_reading import open_source
from delegation.services.value_maps import meanings_for
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


def _directory_contacts(session: Session) -> dict[str, Any]:
    """The directory's contacts with an email, by email: rows of id, email and names,
    which same_person reads as it reads a contact."""
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


def _differences(before: ParticipantDetails, after: ParticipantDetails) -> tuple[FieldChange, ...]:
    """What a row changes; sensitive values are not repeated in reports."""
    changes = field_changes(before, after, _FIELD_OF_DETAIL)
    hidden = _("(sensitive)")
    return tuple(
        FieldChange(c.field, hidden, hidden) if c.field in SENSITIVE_FIELDS else c for c in changes
    )


def _given_key(given: Mapping[str, object]) -> tuple[str, str, str]:
    """name_key of the details a row gives."""
    return (
        fold(str(given.get("first_name") or "")),
        fold(str(given.get("last_name") or "")),
        fold(str(given.get("organization") or "")),
    )


def _family_first(file: SourceFile) -> bool:
    """Whether the full-name column's header puts the family name first ("NOM Prénom")."""
    headers = [file.table.headers[i] for i, name in file.fields.items() if name == "full_name"]
    words = fold(headers[0]).split() if headers else []
    given_later = any(word in ("prenom", "prenoms", "first", "given") for word in words[1:])
    return bool(words) and words[0] in ("nom", "last", "family", "surname") and given_later


class _Planner:
    """One pass over the rows: parse, check, match; problems are collected, not raised."""

    def __init__(
        self,
        trip_id: int,
        file: SourceFile,
        existing: Sequence[ParticipantRow],
        groups: TripGroupNames,
        directory: Mapping[str, Any],
    ) -> None:
        self.trip_id = trip_id
        self.file = file
        self.groups = groups
        self.directory = directory
        self.by_email = {row.details.email: row for row in existing if row.details.email}
        self.existing = existing
        # Someone first listed without email, found again when the email comes.
        self.by_name_only = {name_key(r.details): r for r in existing if not r.details.email}
        self.first_seen: dict[object, tuple[int, ParticipantDetails]] = {}
        self.parsers = dict(_PARSERS)
        for reading in file.dates:  # each date column as its values or the user say
            self.parsers[reading.field] = partial(
                parse.parse_date, order=reading.order, past=DATE_FIELDS[reading.field]
            )
        self.family_first = _family_first(file)
        self.problems: list[ImportProblem] = []
        self.creations: list[PlannedRow] = []
        self.changes: list[PlannedRow] = []
        self.unchanged = 0

    @cached_property
    def by_name(self) -> dict[tuple[str, str, str], ParticipantRow]:
        """Built at the first row without email: folding every name costs, and a file
        with emails never needs it."""
        return {name_key(row.details): row for row in self.existing}

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

    def _row(self, line: int, cells: Mapping[str, Cell]) -> None:
        # Each value as its parser gave it, for the detail of that name.
        given: dict[str, Any] = {}
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
        key = details.email or name_key(details)
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
