"""A file read for an import (opened by services/source_reading.py): its columns matched
to fields, the tool it comes from, how its dates and unknown values are read (as proven, as
its tool writes them, or as the user said), and the notes a preview shows about it."""

import dataclasses
import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from delegation.i18n import _, ngettext
from delegation.i18n.labels import field_label
from delegation.interchange.columns import NAME_FIELDS, ColumnChoice, FieldSpec, fold
from delegation.interchange.profiles import SourceProfile
from delegation.interchange.tables import Cell, Table
from delegation.interchange.values import DateOrder, is_blank_answer, parse_yes_no

SAMPLE_ROWS = 8  # rows a preview shows
_NAMED_LINES = 12  # repaired lines a note names before "…"


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

    def ignored_text(self, shown: int = 20) -> str:
        """The ignored columns' headers, the first few of a very wide file."""
        listed = ", ".join(self.ignored[:shown])
        rest = len(self.ignored) - shown
        if rest > 0:
            listed += " " + ngettext("and {n} more", "and {n} more", rest).format(n=rest)
        return listed

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
    def _bought_own(
        row: Sequence[Cell], cells: Mapping[str, Cell], buyer: tuple[int, int] | None
    ) -> bool:
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
        if self.table.repaired_lines:
            repaired = self.table.repaired_lines
            listed = ", ".join(str(line) for line in repaired[:_NAMED_LINES])
            listed += ", …" if len(repaired) > _NAMED_LINES else ""
            lines.append(
                ngettext(
                    "Line {lines} held bytes that are not UTF-8; they were read as "
                    "Windows-1252: check its accents.",
                    "Lines {lines} held bytes that are not UTF-8; they were read as "
                    "Windows-1252: check their accents.",
                    len(self.table.repaired_lines),
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
