"""What every spreadsheet import shares: reading the file, its columns, its problems.

An import happens in two steps. `plan` reads and checks the whole file against the
database without writing (the preview, `--dry-run`); `apply` writes the plan in one
transaction, refusing it whole while any row has a problem unless told to skip them.
"""

import dataclasses
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
    field_label,
    kind_label,
    language_label,
    status_label,
)
from delegation.interchange.columns import (
    NAME_FIELDS,
    ColumnChoice,
    ColumnMatch,
    FieldSpec,
    fold,
    match_columns,
    missing_fields,
)
from delegation.interchange.profiles import SourceProfile, recognise_profile
from delegation.interchange.tables import Cell, Table, read_table, sheet_names
from delegation.interchange.values import (
    DateOrder,
    date_order_of,
    has_ambiguous_dates,
    is_blank_answer,
    parse_yes_no,
)
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


@dataclass(frozen=True)
class UnknownValue:
    """A word a file writes in a listed field that matches none of its values."""

    field: str
    column: str  # the header of its column
    text: str  # as the file writes it
    key: str  # folded, as a meaning is remembered
    lines: tuple[int, ...]
    said: bool = False  # a user gave it a meaning already: `target`
    target: str | None = None


class PlanCounts:
    """What a plan (with creations, changes, unchanged, problems and file) will do."""

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


# Fields holding a day, and whether a two-digit year is in the past (a birth date's is).
DATE_FIELDS = {"birth_date": True, "passport_expiry": False, "date": False}
# Fields whose values are words from a list: what a file says otherwise the user maps.
MAPPED_FIELDS = ("status", "category", "language", "nationality", "kind")
ValueMap = Mapping[tuple[str, str], str | None]  # (field, folded value) -> code, or None


@dataclass(frozen=True)
class DateReading:
    """How a date column is read: the order its values prove, or the one assumed."""

    field: str
    order: DateOrder
    proven: bool  # a value over 12 decides; otherwise read by the file's language or tool
    ambiguous: bool  # some value reads as two days (03/04/1985): the order matters


@dataclass(frozen=True)
class SourceFile:
    """A file read and its columns matched to fields: what a preview shows."""

    table: Table
    fields: Mapping[int, str]  # column index -> field name
    ignored: tuple[str, ...]
    specs: tuple[FieldSpec, ...]
    profile: SourceProfile | None = None
    choices: tuple[ColumnChoice, ...] = ()
    dates: tuple[DateReading, ...] = ()
    value_map: ValueMap = dataclasses.field(default_factory=dict)
    fallbacks: Mapping[str, int] = dataclasses.field(default_factory=dict)  # field -> column
    group_options: tuple[tuple[int, str], ...] = ()  # yes/no column of each group ticked
    told: ValueMap = dataclasses.field(default_factory=dict)  # what users said values mean

    @property
    def source(self) -> str:
        return self.table.source

    def sample(self) -> list[tuple[str, ...]]:
        return [
            tuple(cell_text(cell) for cell in row.cells) for row in self.table.rows[:SAMPLE_ROWS]
        ]

    def column_name(self, name: str) -> str:
        """A field as the user knows it: its column's header, else its label."""
        for index, field_name in self.fields.items():
            if field_name == name:
                return self.table.headers[index]
        if name in self.fallbacks:
            return self.table.headers[self.fallbacks[name]]
        if name in NAME_FIELDS and "full_name" in self.fields.values():
            return self.column_name("full_name")
        return field_label(name)

    def date_order(self, name: str) -> DateOrder:
        return next(
            (reading.order for reading in self.dates if reading.field == name),
            DateOrder.DAY_FIRST,
        )

    def values(self) -> list[tuple[int, dict[str, Cell]]]:
        """Each row's line and the cells of the mapped columns, by field name; a value the
        user (or the file's tool) mapped to another is given as that one."""
        fields = sorted(self.fields.items())
        mapped = {name for name, _value in self.value_map}
        buyer = self._buyer_columns()
        # Without the buyer's name, a value given for several people is none of theirs.
        shared = self._shared_fallbacks() if buyer is None else set()
        rows = []
        for row in self.table.rows:
            cells = {name: row.cells[index] for index, name in fields if index < len(row.cells)}
            if self.group_options:
                cells["groups"] = ", ".join(
                    option for index, option in self.group_options if _ticked(row.cells[index])
                )
            for name, index in self.fallbacks.items():
                backup = row.cells[index]
                if (
                    is_blank_answer(cells.get(name))
                    and (name, fold(cell_text(backup))) not in shared
                    and self._bought_own(row.cells, cells, buyer)
                ):
                    cells[name] = backup
            for name in mapped.intersection(cells):
                key = (name, fold(cell_text(cells[name])))
                if key in self.value_map:
                    cells[name] = self.value_map[key]
            rows.append((row.line, cells))
        return rows

    def _shared_fallbacks(self) -> set[tuple[str, str]]:
        """Fallback values given for several people (an assistant who filled the form for
        three, a buyer who ordered for a team): the address of none of them."""
        if not self.fallbacks:
            return set()
        names = [i for i, name in self.fields.items() if name in (*NAME_FIELDS, "full_name")]
        people: dict[tuple[str, str], set[str]] = {}
        for row in self.table.rows:
            person = fold(" ".join(cell_text(row.cells[index]) for index in names))
            for name, index in self.fallbacks.items():
                value = fold(cell_text(row.cells[index]))
                if value:
                    people.setdefault((name, value), set()).add(person)
        return {key for key, persons in people.items() if len(persons) > 1}

    def _buyer_columns(self) -> tuple[int, int] | None:
        if self.profile is None or self.profile.buyer is None:
            return None
        where = {fold(header): index for index, header in enumerate(self.table.headers)}
        first, last = (where.get(fold(header)) for header in self.profile.buyer)
        return (first, last) if first is not None and last is not None else None

    @staticmethod
    def _bought_own(row: Sequence[Cell], cells: Mapping[str, Cell], buyer) -> bool:
        """Whether the row's buyer is its participant (always, when the tool names none)."""
        if buyer is None:
            return True
        bought_by = fold(f"{cell_text(row[buyer[0]])} {cell_text(row[buyer[1]])}")
        names = (cells.get("first_name"), cells.get("last_name"))
        person = fold(f"{cell_text(names[0])} {cell_text(names[1])}")
        return bought_by == person or bought_by == fold(cell_text(cells.get("full_name")))

    def said_values(self) -> list[UnknownValue]:
        """The file's words a user gave a meaning to before, with their rows."""
        columns = {name: index for index, name in self.fields.items()}
        said: dict[str, dict[str, str | None]] = {}
        for (name, key), target in self.told.items():
            if name in columns:
                said.setdefault(name, {})[key] = target
        found: dict[tuple[str, str], tuple[str, list[int]]] = {}
        for row in self.table.rows:
            for name, meanings in said.items():
                text = cell_text(row.cells[columns[name]])
                key = fold(text)
                if key in meanings:
                    found.setdefault((name, key), (text, []))[1].append(row.line)
        return [
            UnknownValue(
                name,
                self.table.headers[columns[name]],
                text,
                key,
                tuple(lines),
                said=True,
                target=said[name][key],
            )
            for (name, key), (text, lines) in found.items()
        ]

    def notes(self) -> list[str]:
        """What the reading decided that the user should know, one sentence each."""
        lines = []
        if self.table.skipped_lines:
            listed = ", ".join(str(line) for line in self.table.skipped_lines)
            lines.append(
                ngettext(
                    "Line {lines} above the header was skipped.",
                    "Lines {lines} above the header were skipped.",
                    len(self.table.skipped_lines),
                ).format(lines=listed)
            )
        headers = self.table.headers
        for choice in self.choices:
            for index, reason in choice.passed:
                lines.append(
                    _CHOICE_REASONS[reason]().format(
                        chosen=headers[choice.chosen], passed=headers[index]
                    )
                )
        for reading in self.dates:
            if reading.ambiguous and not reading.proven:
                lines.append(_assumed_order(self.column_name(reading.field), reading.order))
        return lines


def _ticked(cell: Cell) -> bool:
    try:
        return bool(parse_yes_no(cell))
    except ValueError:  # a free answer in an option's column: something was said
        return True


_CHOICE_REASONS = {
    "empty": lambda: _("“{chosen}” is read rather than “{passed}”, which is empty."),
    "fallback": lambda: _(
        "“{chosen}” is read; where it is blank, “{passed}”, the tool's record of who answered "
        "or paid."
    ),
    "first": lambda: _("“{chosen}” is read; “{passed}” says the same and is left aside."),
    "names": lambda: _("“{chosen}” gives the names; “{passed}” is not split."),
}


def _assumed_order(column: str, order: DateOrder) -> str:
    if order is DateOrder.DAY_FIRST:
        text = _("“{column}”: dates such as 03/04 are read day first (3 April); check.")
    else:
        text = _("“{column}”: dates such as 03/04 are read month first (March 4); check.")
    return text.format(column=column)


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
    date_orders: Mapping[str, DateOrder] | None = None,
    told: Callable[[Sequence[str]], ValueMap] | None = None,
) -> SourceFile:
    """Read a file and match its columns (or take the mapping a user corrected), decide
    how its dates are written, and map the values the user or the file's tool named.
    `told(headers)`: what users said the file's values mean (remembered, or just chosen).

    A required field without a column refuses the file in one line.
    """

    def score(texts: Sequence[str]) -> int:
        return len(match_columns(texts, specs).fields)

    table = read_table(path, sheet=sheet, display_name=display_name, header_score=score)
    profile = recognise_profile(table.headers)
    filled = _filled_columns(table)
    match = match_columns(table.headers, specs, filled=filled, profile=profile)
    if fields is not None:  # the user's columns, and the tool's fallbacks they leave
        match = _corrected(table.headers, fields, specs, match)
    if match.missing:
        found = ", ".join(f"“{header}”" for header in table.headers if header)
        raise FileRefusedError(
            f"{table.source}:{table.header_line}",
            ngettext(
                "no column for the {fields} (columns found: {found})",
                "no columns for the {fields} (columns found: {found})",
                len(match.missing),
            ).format(
                fields=", ".join(field_label(name).lower() for name in match.missing), found=found
            ),
        )
    if not table.rows:
        raise FileRefusedError(table.source, _("the file has a header but no rows"))
    said = dict(told(table.headers)) if told else {}
    values = dict(profile.values) if profile else {}
    values.update(said)
    return SourceFile(
        table,
        dict(match.fields),
        match.ignored,
        tuple(specs),
        profile,
        match.choices,
        _date_readings(table, match.fields, profile, date_orders or {}),
        values,
        match.fallbacks,
        match.group_options,
        said,
    )


def _filled_columns(table: Table) -> list[bool]:
    """Whether each column holds a value in some row ("anonymous" is none)."""
    filled = [False] * len(table.headers)
    for row in table.rows:
        for index, cell in enumerate(row.cells):
            if not filled[index] and cell is not None and not is_blank_answer(cell):
                filled[index] = True
    return filled


def _date_readings(
    table: Table, fields: Mapping[int, str], profile, chosen: Mapping[str, DateOrder]
) -> tuple[DateReading, ...]:
    readings = []
    for index, name in fields.items():
        if name not in DATE_FIELDS:
            continue
        cells = [row.cells[index] for row in table.rows]
        ambiguous = has_ambiguous_dates(cells)
        proven = date_order_of(cells)
        if name in chosen:
            order = chosen[name]
        elif proven is not None:
            order = proven
        elif profile is not None and profile.date_order is not None:
            order = profile.date_order
        else:
            order = DateOrder.MONTH_FIRST if _in_english(table.headers) else DateOrder.DAY_FIRST
        readings.append(DateReading(name, order, proven is not None, ambiguous))
    return tuple(readings)


def _in_english(headers: Sequence[str]) -> bool:
    """Whether a file's headers are English rather than French (US dates go month first)."""
    words = {word for header in headers for word in fold(header).split()}
    return len(words & _ENGLISH_WORDS) > len(words & _FRENCH_WORDS)


# Words of one language only ("date", "email", "notes" are both).
_ENGLISH_WORDS = frozenset({
    "first", "last", "name", "company", "phone", "birth", "of", "status", "group", "title",
    "start", "end", "nationality", "organization", "organisation", "address", "surname",
    "mobile", "expiry", "emergency", "dietary", "requirements", "job", "day",
})  # fmt: skip
_FRENCH_WORDS = frozenset({
    "prenom", "nom", "courriel", "societe", "entreprise", "telephone", "naissance", "statut",
    "groupe", "intitule", "debut", "fin", "jour", "adresse", "nationalite", "organisme",
    "passeport", "fonction", "civilite", "remarques", "portable", "urgence", "regime",
    "de", "du", "des", "la", "le",
})  # fmt: skip


def _corrected(
    headers: Sequence[str],
    fields: Mapping[int, str],
    specs: Sequence[FieldSpec],
    detected: ColumnMatch,
) -> ColumnMatch:
    known = {spec.name for spec in specs}
    chosen = {index: name for index, name in fields.items() if name in known}
    kept = {name: index for name, index in detected.fallbacks.items() if index not in chosen}
    options = () if "groups" in chosen.values() else detected.group_options
    names = set(chosen.values()) | set(kept)
    return ColumnMatch(
        fields=chosen,
        ignored=tuple(
            header
            for index, header in enumerate(headers)
            if header
            and index not in chosen
            and index not in kept.values()
            and index not in {column for column, _option in options}
        ),
        missing=missing_fields(specs, names),
        fallbacks=kept,
        group_options=options,
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
