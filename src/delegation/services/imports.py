"""What every spreadsheet import shares: reading the file, its columns, its problems.

An import happens in two steps. `plan` reads and checks the whole file against the
database without writing (the preview, `--dry-run`); `apply` writes the plan in one
transaction, refusing it whole while any row has a problem unless told to skip them.
"""

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from delegation.domain.enums import (
    AgendaKind,
    AgendaStatus,
    Language,
    ParticipantCategory,
    ParticipantStatus,
)
from delegation.domain.errors import DelegationError, FileRefusedError
from delegation.i18n import _, ngettext
from delegation.i18n.labels import (
    agenda_status_label,
    category_label,
    kind_label,
    language_label,
    status_label,
)
from delegation.interchange.columns import ColumnMatch, FieldSpec, match_columns
from delegation.interchange.tables import Cell, Table, read_table, sheet_names
from delegation.services.groups import NewGroup

Progress = Callable[[int, int], None]  # (done, total) while rows are written

SAMPLE_ROWS = 8  # rows a preview shows


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
        reason = self.reason.replace(self.value, "…") if self.value else self.reason
        return self.field, reason

    def located(self, source: str) -> str:
        """As every tool shows it: FILE:LINE: field: reason."""
        return f"{source}:{self.line}: {self.field}: {self.reason}"


@dataclass(frozen=True)
class ImportCounts:
    created: int
    changed: int
    unchanged: int
    invalid: int  # rows with a problem: refused with the file, or skipped

    def summary(self) -> str:
        return _("{created} created, {changed} changed, {unchanged} unchanged").format(
            created=self.created, changed=self.changed, unchanged=self.unchanged
        ) + (
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
    labels = {
        AgendaKind: kind_label,
        AgendaStatus: agenda_status_label,
        ParticipantStatus: status_label,
        ParticipantCategory: category_label,
        Language: language_label,
    }
    if value is None or value == () or value == "":
        return "—"
    if type(value) in labels:
        return labels[type(value)](value)
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, tuple):
        return ", ".join(str(part) for part in value)
    return str(value)


def field_changes(before: object, after: object, fields: Mapping[str, str]) -> tuple:
    """The values that differ between two records' details: attribute -> import field."""
    changes: dict[str, FieldChange] = {}
    for attribute, field in fields.items():
        old, new = getattr(before, attribute), getattr(after, attribute)
        # A code read from a file ("en") is named as the stored one is (English).
        if isinstance(old, StrEnum) and type(new) is str:
            new = type(old)(new)
        if old != new and field not in changes:
            changes[field] = FieldChange(field, shown(old), shown(new))
    return tuple(changes.values())


class PlanCounts:
    """What a plan (with creations, changes, unchanged, problems and file) will do."""

    new_venues: tuple[str, ...] = ()  # a programme's new venues

    def creation_lines(self) -> list[str]:
        """The groups and venues the import adds, one sentence each."""
        return creations_text(self.new_groups, self.new_venues)

    def change_lines(self) -> list[str]:
        """Each changed row: FILE:LINE: what: column before → after; …"""
        headers = {name: self.file.table.headers[i] for i, name in self.file.fields.items()}
        return [
            f"{self.file.source}:{row.line}: {row.label}: "
            + "; ".join(
                f"{headers.get(c.field, c.field)} {c.before} → {c.after}" for c in row.differences
            )
            for row in self.changes
        ]

    @property
    def counts(self) -> ImportCounts:
        invalid = len({problem.line for problem in self.problems})
        return ImportCounts(len(self.creations), len(self.changes), self.unchanged, invalid)

    def problem_lines(self) -> list[str]:
        """Every problem, one line each: FILE:LINE: field: reason."""
        return [problem.located(self.file.source) for problem in self.problems]

    def problem_summary(self, shown_lines: int = 5) -> list[str]:
        """Each distinct problem once, where it first occurs, with how many rows have it
        and their first lines: a column wrong on every row is one line, not thousands."""
        alike: dict[tuple[str, str], list[ImportProblem]] = {}
        for problem in self.problems:
            alike.setdefault(problem.kind, []).append(problem)
        summary = []
        for problems in alike.values():
            text = problems[0].located(self.file.source)
            lines = [problem.line for problem in problems]
            if len(lines) > 1:
                listed = ", ".join(str(line) for line in lines[:shown_lines])
                if len(lines) > shown_lines:
                    listed += "…"
                text += " " + ngettext(
                    "({n} row: lines {lines})", "({n} rows: lines {lines})", len(lines)
                ).format(n=len(lines), lines=listed)
            summary.append(text)
        return summary


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


@dataclass(frozen=True)
class SourceFile:
    """A file read and its columns matched to fields: what a preview shows."""

    table: Table
    fields: Mapping[int, str]  # column index -> field name
    ignored: tuple[str, ...]
    specs: tuple[FieldSpec, ...]

    @property
    def source(self) -> str:
        return self.table.source

    def sample(self) -> list[tuple[str, ...]]:
        return [
            tuple(cell_text(cell) for cell in row.cells) for row in self.table.rows[:SAMPLE_ROWS]
        ]

    def values(self) -> list[tuple[int, dict[str, Cell]]]:
        """Each row's line and the cells of the mapped columns, by field name."""
        fields = sorted(self.fields.items())
        return [
            (row.line, {name: row.cells[index] for index, name in fields if index < len(row.cells)})
            for row in self.table.rows
        ]


def cell_text(cell: Cell) -> str:
    """A cell as a person typed it: a workbook's dates and times without their zeros."""
    if cell is None:
        return ""
    if isinstance(cell, datetime.datetime) and cell.time() == datetime.time():
        return cell.strftime("%d/%m/%Y")
    if isinstance(cell, datetime.datetime):
        return cell.strftime("%d/%m/%Y %H:%M")
    if isinstance(cell, datetime.time) and not cell.second:
        return cell.strftime("%H:%M")
    return str(cell)


def open_source(
    path: str | Path,
    specs: Sequence[FieldSpec],
    *,
    fields: Mapping[int, str] | None = None,
    sheet: str | None = None,
    display_name: str | None = None,
) -> SourceFile:
    """Read a file and match its columns (or take the mapping a user corrected).

    A required field without a column refuses the file in one line.
    """
    table = read_table(path, sheet=sheet, display_name=display_name)
    if fields is None:
        match = match_columns(table.headers, specs)
    else:
        match = _corrected(table.headers, fields, specs)
    if match.missing:
        raise FileRefusedError(
            f"{table.source}:{table.header_line}",
            ngettext(
                "no column for the required field {fields}",
                "no column for the required fields {fields}",
                len(match.missing),
            ).format(fields=", ".join(match.missing)),
        )
    if not table.rows:
        raise FileRefusedError(table.source, _("the file has a header but no rows"))
    return SourceFile(table, dict(match.fields), match.ignored, tuple(specs))


def _corrected(
    headers: Sequence[str], fields: Mapping[int, str], specs: Sequence[FieldSpec]
) -> ColumnMatch:
    known = {spec.name for spec in specs}
    chosen = {index: name for index, name in fields.items() if name in known}
    return ColumnMatch(
        fields=chosen,
        ignored=tuple(h for i, h in enumerate(headers) if i not in chosen and h),
        missing=tuple(s.name for s in specs if s.required and s.name not in chosen.values()),
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


def first_usable_sheet(path: str | Path, plan: Callable[[str | None], object]):
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
