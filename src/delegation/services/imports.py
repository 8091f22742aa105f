"""What every spreadsheet import shares: its problems, its counts, what it changes.

The file itself is opened by services/source_reading.py. An import happens in two steps:
`plan` reads and checks the whole file against the database without writing (the
preview, `--dry-run`); `apply` writes the plan in one transaction, refusing it whole
while any row has a problem unless told to skip them. `undo` takes the written import
back; `redo` writes it again, giving its new records the ids they had.
"""

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Protocol, TypeVar

from sqlalchemy.orm import Session

from delegation.domain.errors import DelegationError, FileRefusedError, NotFoundError
from delegation.i18n import _, ngettext
from delegation.i18n.counts import import_counts
from delegation.i18n.labels import value_label
from delegation.interchange.columns import fold
from delegation.interchange.tables import sheet_names
from delegation.persistence.models import Trip
from delegation.services.import_groups import NewGroup
from delegation.services.source_files import MAPPED_FIELDS, SourceFile, UnknownValue
from delegation.services.value_maps import remember_values

Progress = Callable[[int, int], None]  # (done, total) while rows are written


@dataclass(frozen=True)
class ImportProblem:
    line: int
    field: str
    reason: str
    value: str | None = None  # the cell that could not be read, as the reason quotes it

    @property
    def kind(self) -> tuple[str, str]:
        """What rows with the same problem share: the field and the reason, whatever
        value each row holds ("12/31/1980 is not a date", "02/30/1975 is not a date")."""
        if self.field in MAPPED_FIELDS:  # each unknown word is its own problem, to map
            return self.field, fold(self.reason)
        reason = self.reason.replace(self.value, "…") if self.value else self.reason
        return self.field, reason

    def located(self, source: str, column: str | None = None) -> str:
        """As every tool shows it: FILE:LINE: column: reason."""
        return f"{source}:{self.line}: {column or self.field}: {self.reason}"


@dataclass(frozen=True)
class ImportCounts:
    created: int
    changed: int
    unchanged: int
    invalid: int  # rows with a problem: refused with the file, or skipped

    def summary(self) -> str:
        return import_counts(self.created, self.changed, self.unchanged) + (
            ngettext("; {n} row with problems", "; {n} rows with problems", self.invalid).format(
                n=self.invalid
            )
            if self.invalid
            else ""
        )


@dataclass(frozen=True)
class FieldChange:
    """One value a row changes, as a person reads it."""

    field: str  # the import's field name
    before: str
    after: str


def shown(value: object) -> str:
    """A value as a change report writes it: dates and times as typed, labels for codes."""
    if value is None or value == () or value == "":
        return "—"
    label = value_label(value)
    if label is not None:
        return label
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, tuple):
        return ", ".join(str(part) for part in value)
    return str(value)


def field_changes(
    before: object, after: object, fields: Mapping[str, str]
) -> tuple[FieldChange, ...]:
    """The values that differ between two records' details: attribute -> import field."""
    old_values, new_values = vars(before), vars(after)  # thousands of rows: no getattr
    changes: dict[str, FieldChange] = {}
    for attribute in [name for name in fields if old_values[name] != new_values[name]]:
        old, new = old_values[attribute], new_values[attribute]
        # A code read from a file ("en") is named as the stored one is (English).
        if isinstance(old, StrEnum) and type(new) is str:
            new = type(old)(new)
        if fields[attribute] not in changes:
            changes[fields[attribute]] = FieldChange(fields[attribute], shown(old), shown(new))
    return tuple(changes.values())


class PlannedRecord(Protocol):
    """A row of a plan as its reports name it: a record to create or to change."""

    @property
    def line(self) -> int: ...

    @property
    def label(self) -> str: ...

    @property
    def differences(self) -> tuple[FieldChange, ...]: ...


class PlanCounts:
    """What a plan (with creations, changes, unchanged, problems and file) will do."""

    # The fields of each kind of plan, which its dataclass declares again.
    file: SourceFile
    creations: Sequence[PlannedRecord]
    changes: Sequence[PlannedRecord]
    unchanged: int
    problems: tuple[ImportProblem, ...]
    new_groups: tuple[NewGroup, ...]
    new_venues: tuple[str, ...] = ()  # a programme's new venues

    def creation_lines(self) -> list[str]:
        """The groups and venues the import adds, one sentence each."""
        return creations_text(self.new_groups, self.new_venues)

    def change_lines(self) -> list[str]:
        """Each changed row: FILE:LINE: what: column before → after; …"""
        column = self.file.column_name
        return [
            f"{self.file.source}:{row.line}: {row.label}: "
            + "; ".join(f"{column(c.field)} {c.before} → {c.after}" for c in row.differences)
            for row in self.changes
        ]

    @property
    def counts(self) -> ImportCounts:
        invalid = len({problem.line for problem in self.problems})
        return ImportCounts(len(self.creations), len(self.changes), self.unchanged, invalid)

    def problem_lines(self) -> list[str]:
        """Every problem, one line each: FILE:LINE: field: reason."""
        return [self._located(problem) for problem in self.problems]

    def _located(self, problem: ImportProblem) -> str:
        return problem.located(self.file.source, self.file.column_name(problem.field))

    def unknown_values(self) -> list[UnknownValue]:
        """Each word of a listed field the importer did not know, once, with its rows."""
        found: dict[tuple[str, str], tuple[ImportProblem, list[int]]] = {}
        for problem in self.problems:
            if problem.field in MAPPED_FIELDS and problem.value is not None:
                key = (problem.field, fold(problem.value))
                found.setdefault(key, (problem, []))[1].append(problem.line)
        return [
            UnknownValue(name, self.file.column_name(name), first.value or "", key, tuple(lines))
            for (name, key), (first, lines) in found.items()
        ]

    def values_to_map(self) -> list[UnknownValue]:
        """The words to give a meaning: those unknown, then those a user already mapped."""
        return self.unknown_values() + self.file.said_values()

    def grouped_problems(self) -> list[tuple[ImportProblem, tuple[int, ...]]]:
        """Each distinct problem once, as it first occurs, with the lines of all its rows."""
        alike: dict[tuple[str, str], list[ImportProblem]] = {}
        for problem in self.problems:
            alike.setdefault(problem.kind, []).append(problem)
        return [(problems[0], tuple(p.line for p in problems)) for problems in alike.values()]

    def problem_summary(self, shown_lines: int = 5) -> list[str]:
        """Each distinct problem once, where it first occurs, with how many rows have it
        and their first lines: a column wrong on every row is one line, not thousands."""
        summary = []
        for problem, lines in self.grouped_problems():
            text = self._located(problem)
            if len(lines) > 1:
                text += " " + rows_text(lines, shown_lines)
            summary.append(text)
        return summary


def rows_text(lines: Sequence[int], shown_lines: int = 5) -> str:
    """How many rows share something, and their first lines: "(12 rows: lines 2, 3…)"."""
    listed = ", ".join(str(line) for line in lines[:shown_lines])
    if len(lines) > shown_lines:
        listed += "…"
    return ngettext("({n} row: lines {lines})", "({n} rows: lines {lines})", len(lines)).format(
        n=len(lines), lines=listed
    )


class ImportRefusedError(DelegationError):
    """The file has problems and skipping them was not asked: nothing was written."""

    def __init__(self, source: str, problems: Sequence[ImportProblem]) -> None:
        self.source = source
        self.problems = tuple(problems)
        super().__init__(
            ngettext(
                "{source}: {n} problem; nothing was imported",
                "{source}: {n} problems; nothing was imported",
                len(self.problems),
            ).format(source=source, n=len(self.problems))
        )


def used_groups(created: Sequence[NewGroup], rows: Sequence) -> tuple[NewGroup, ...]:
    """The groups to create that rows written name (a row refused for another problem
    makes none)."""
    named = {code for row in rows for code in row.details.group_codes}
    return tuple(group for group in created if group.code in named)


def creations_text(groups: Sequence[NewGroup], venues: Sequence[str] = ()) -> list[str]:
    """What an import adds beside its rows, one sentence each."""
    lines = []
    if groups:
        lines.append(
            ngettext("Creates group {groups}.", "Creates groups {groups}.", len(groups)).format(
                groups=", ".join(group.described() for group in groups)
            )
        )
    if venues:
        lines.append(
            ngettext("Creates venue {venues}.", "Creates venues {venues}.", len(venues)).format(
                venues=", ".join(venues)
            )
        )
    return lines


Plan = TypeVar("Plan")


def first_usable_sheet(path: str | Path, plan: Callable[[str | None], Plan]) -> Plan:
    """The plan of the first sheet that has the required columns: the first sheet of a
    workbook is often a cover or notes. Refused as the first sheet is when none has."""
    try:
        return plan(None)
    except FileRefusedError:
        for sheet in sheet_names(path)[1:]:
            try:
                return plan(sheet)
            except FileRefusedError:
                continue
        raise


def prepare_writing(session: Session, trip_id: int, file: SourceFile) -> None:
    """Before an import writes: the meanings the user gave its values are kept for the
    next file of this layout, and the trip must still be there."""
    if file.told:
        remember_values(session, file.table.headers, file.told)
    if session.get(Trip, trip_id) is None:
        raise NotFoundError(_("this trip no longer exists"))
