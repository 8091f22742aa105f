"""A spreadsheet read as a table: header texts and typed rows, whatever the file format."""

import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from delegation.domain.errors import FileRefusedError
from delegation.i18n import _

Cell = str | int | float | bool | date | datetime | time | None
# Rates a record as the header row (how many of its texts name a field).
HeaderScore = Callable[[Sequence[str]], int]


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
    skipped_lines: tuple[int, ...] = ()  # a title or notes above the header
    repaired_lines: tuple[int, ...] = ()  # stray bytes read as Windows-1252 (a mixed CSV)


_HEADER_SEARCH = 10  # non-blank records looked at for the header row
# Far beyond any registration list or programme; a file past them is forged or not ours,
# and would only make every later step slow.
MAX_COLUMNS = 1_000
MAX_ROWS = 200_000  # a chamber of commerce's whole directory; keeps an import under 1 GB
MAX_CELL = 10_000  # characters: a long note fits, a ten-million-letter name does not


def make_table(
    source: str,
    records: Iterable[tuple[int, Sequence[Cell]]],
    empty_reason: str,
    header_score: HeaderScore | None = None,
) -> Table:
    """The header is the first non-blank record, or of the first few the one `header_score`
    rates best (a title and a date typed above the header are skipped and kept as said);
    blank records after it are skipped."""
    records = iter(records)
    first: list[tuple[int, list[str], Sequence[Cell]]] = []
    for line, cells in records:
        texts = [_header_text(cell) for cell in cells]
        while texts and not texts[-1]:
            texts.pop()  # trailing empty header columns are formatting, not columns
        if len(texts) > MAX_COLUMNS:
            raise FileRefusedError(
                f"{source}:{line}",
                _("{n} columns: more than {limit} are not read").format(
                    n=len(texts), limit=MAX_COLUMNS
                ),
            )
        if texts:
            first.append((line, texts, cells))
        if len(first) == (_HEADER_SEARCH if header_score else 1):
            break
    if not first:
        raise FileRefusedError(source, empty_reason)
    best = 0
    if header_score is not None:
        scores = [header_score(texts) for _line, texts, _cells in first]
        best = max(range(len(first)), key=lambda index: (scores[index], -index))
        if scores[best] <= scores[0]:
            best = 0
    header_line, headers, _cells = first[best]
    rows: list[Row] = []
    width = len(headers)
    pending = ((line, cells) for line, _texts, cells in first[best + 1 :])
    for line, cells in itertools.chain(pending, records):
        fitted = tuple(cells[:width]) + (None,) * (width - len(cells))
        if any(cell is not None for cell in fitted):
            _check_cells(source, line, fitted)
            rows.append(Row(line=line, cells=fitted))
            if len(rows) > MAX_ROWS:
                raise FileRefusedError(
                    source, _("more than {limit} rows are not read").format(limit=MAX_ROWS)
                )
    return Table(
        source=source,
        headers=tuple(headers),
        header_line=header_line,
        rows=tuple(rows),
        skipped_lines=tuple(line for line, _texts, _cells in first[:best]),
    )


def _check_cells(source: str, line: int, cells: Sequence[Cell]) -> None:
    for column, cell in enumerate(cells, start=1):
        if type(cell) is str and len(cell) > MAX_CELL:
            raise FileRefusedError(
                f"{source}:{line}",
                _("column {column}: a value of {n} characters; the longest read is {limit}").format(
                    column=column, n=len(cell), limit=MAX_CELL
                ),
            )


def _header_text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))  # a year typed as a header, read by Excel as 2024.0
    return " ".join(str(cell).split())
