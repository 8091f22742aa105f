"""What every spreadsheet import shares: reading the file, its columns, its problems.

An import happens in two steps. `plan` reads and checks the whole file against the
database without writing (the preview, `--dry-run`); `apply` writes the plan in one
transaction, refusing it whole while any row has a problem unless told to skip them.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from delegation.domain.errors import DelegationError, FileRefusedError
from delegation.i18n import _, ngettext
from delegation.interchange.columns import ColumnMatch, FieldSpec, fold, match_columns
from delegation.interchange.tables import Cell, Table, read_table, sheet_names
from delegation.persistence.models import TripGroup

Progress = Callable[[int, int], None]  # (done, total) while rows are written

SAMPLE_ROWS = 8  # rows a preview shows


@dataclass(frozen=True)
class ImportProblem:
    line: int
    field: str
    reason: str

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


class PlanCounts:
    """What a plan (with creations, changes, unchanged, problems and file) will do."""

    @property
    def counts(self) -> ImportCounts:
        invalid = len({problem.line for problem in self.problems})
        return ImportCounts(len(self.creations), len(self.changes), self.unchanged, invalid)

    def problem_lines(self) -> list[str]:
        return [problem.located(self.file.source) for problem in self.problems]


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
            tuple("" if cell is None else str(cell) for cell in row.cells)
            for row in self.table.rows[:SAMPLE_ROWS]
        ]

    def values(self) -> list[tuple[int, dict[str, Cell]]]:
        """Each row's line and the cells of the mapped columns, by field name."""
        fields = sorted(self.fields.items())
        return [
            (row.line, {name: row.cells[index] for index, name in fields if index < len(row.cells)})
            for row in self.table.rows
        ]


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


def trip_group_codes(session: Session, trip_id: int) -> dict[str, str]:
    """The trip's groups as a file may name them: code or name, any case -> the code.

    Filled in the trip's order of groups, which group_codes keeps.
    """
    known: dict[str, str] = {}
    for code, name in session.execute(
        select(TripGroup.code, TripGroup.name)
        .where(TripGroup.trip_id == trip_id)
        .order_by(TripGroup.position)
    ):
        known.setdefault(fold(code), code)
        known.setdefault(fold(name), code)
    return known


def group_codes(
    written: Sequence[str], known: Mapping[str, str]
) -> tuple[str, ...] | ImportProblem:
    """The trip's codes of the groups a cell names, in the trip's order (as the database
    gives them back), or the problem (line 0: the caller's)."""
    unknown = [code for code in written if fold(code) not in known]
    if unknown:
        return ImportProblem(
            0, "groups", _("no such group in this trip: {codes}").format(codes=", ".join(unknown))
        )
    chosen = {known[fold(code)] for code in written}
    return tuple(code for code in dict.fromkeys(known.values()) if code in chosen)


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
