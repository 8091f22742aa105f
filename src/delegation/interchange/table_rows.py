"""A spreadsheet read as a table: header texts and typed rows, whatever the file format."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from delegation.domain.errors import FileRefusedError

Cell = str | int | float | bool | date | datetime | time | None


@dataclass(frozen=True)
class Row:
    """One data row: its line in the file and one cell per header column."""

    line: int
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    """A sheet or CSV file: the name for messages, the header row and the non-blank rows."""

    source: str
    headers: tuple[str, ...]
    header_line: int
    rows: tuple[Row, ...]
    sheet: str | None = None  # a workbook sheet's name, and all the sheets of the workbook
    sheets: tuple[str, ...] = ()


def make_table(
    source: str, records: Iterable[tuple[int, Sequence[Cell]]], empty_reason: str
) -> Table:
    """The first non-blank record is the header; blank records after it are skipped."""
    header_line = 0
    headers: tuple[str, ...] = ()
    rows: list[Row] = []
    for line, cells in records:
        if not headers:
            texts = [_header_text(cell) for cell in cells]
            while texts and not texts[-1]:
                texts.pop()  # trailing empty header columns are formatting, not columns
            if texts:
                headers, header_line = tuple(texts), line
            continue
        fitted = tuple(cells[: len(headers)]) + (None,) * (len(headers) - len(cells))
        if any(cell is not None for cell in fitted):
            rows.append(Row(line=line, cells=fitted))
    if not headers:
        raise FileRefusedError(source, empty_reason)
    return Table(source=source, headers=headers, header_line=header_line, rows=tuple(rows))


def _header_text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))  # a year typed as a header, read by Excel as 2024.0
    return " ".join(str(cell).split())
