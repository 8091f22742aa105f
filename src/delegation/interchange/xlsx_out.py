"""XLSX export: one sheet per table, bold frozen header, real dates, text never a formula."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from delegation.interchange.safe_files import spreadsheet_would_change, write_atomically

_MAX_TITLE = 31  # Excel refuses longer sheet names.
_FORBIDDEN_IN_TITLE = re.compile(r"[\[\]:*?/\\]")
_MIN_WIDTH, _MAX_WIDTH, _PADDING = 8, 50, 2
_TIME_FORMAT = "HH:MM"
_TEXT_FORMAT = "@"  # Excel's and Calc's "Text" format: what is typed in stays text
_BOLD = Font(bold=True)


@dataclass(frozen=True)
class Sheet:
    """One worksheet to write: a header row, then rows of plain Python values."""

    title: str  # truncated to Excel's 31 characters, without []:*?/\
    headers: Sequence[str]
    rows: Sequence[Sequence[object]]  # str, int, float, date, datetime, time, bool, None
    date_format: str = "DD/MM/YYYY"  # number format of date cells


def write_xlsx(path: str | Path, sheets: Sequence[Sheet]) -> None:
    """Write `sheets` to `path` as an XLSX workbook, atomically."""
    if not sheets:
        raise ValueError("an XLSX workbook needs at least one sheet")
    # Write-only mode streams rows: 10,000 rows stay fast and light on memory.
    workbook = Workbook(write_only=True)
    used: set[str] = set()
    for sheet in sheets:
        _fill(workbook.create_sheet(_unique(sheet_title(sheet.title), used)), sheet)
    # Zipped in memory, then written: openpyxl leaves its zip open when the disk fails
    # under it, and the zip then prints a traceback when it is collected.
    packed = io.BytesIO()
    workbook.save(packed)

    def write(stream: BinaryIO) -> None:
        stream.write(packed.getbuffer())

    write_atomically(path, write)


def sheet_title(title: str) -> str:
    """A sheet name Excel accepts, as close as possible to `title`."""
    # Excel also refuses a name that starts or ends with an apostrophe.
    cleaned = _FORBIDDEN_IN_TITLE.sub("", title)[:_MAX_TITLE].strip().strip("'")
    return cleaned or "Sheet"


def _unique(title: str, used: set[str]) -> str:
    """`title`, numbered if taken: two hotels may share a name or its first 31 characters."""
    # openpyxl would number a duplicate itself, but past 31 characters, which Excel refuses.
    candidate, number = title, 1
    while candidate.casefold() in used:  # Excel compares sheet names without case
        number += 1
        suffix = f" ({number})"
        candidate = title[: _MAX_TITLE - len(suffix)].rstrip() + suffix
    used.add(candidate.casefold())
    return candidate


def _fill(worksheet: WriteOnlyWorksheet, sheet: Sheet) -> None:
    """Lay out and stream one sheet; a write-only sheet needs its layout before the rows."""
    datetime_format = f"{sheet.date_format} {_TIME_FORMAT}"
    widths = _column_widths(sheet, datetime_format)
    for index, width in enumerate(widths, 1):
        worksheet.column_dimensions[get_column_letter(index)].width = width
    worksheet.freeze_panes = "A2"
    if sheet.headers:
        last = get_column_letter(max(len(widths), 1))
        worksheet.auto_filter.ref = f"A1:{last}{len(sheet.rows) + 1}"

    header = []
    for title in sheet.headers:
        cell = _text_cell(worksheet, title)
        cell.font = _BOLD
        header.append(cell)
    worksheet.append(header)
    for row in sheet.rows:
        worksheet.append(
            [_cell(worksheet, value, sheet.date_format, datetime_format) for value in row]
        )


def _cell(worksheet: WriteOnlyWorksheet, value: object, date_format: str, datetime_format: str):
    """The value itself where openpyxl writes it right, else a cell that pins type or format."""
    # Text first: most cells are text, and this runs 150,000 times for a big list.
    if isinstance(value, str):
        if spreadsheet_would_change(value):
            # Stored as text already, but a cell edited in Excel or Calc is read again by
            # its number format: "@" keeps 0612345678 or 1/2 text after an edit.
            return _text_cell(worksheet, value, _TEXT_FORMAT)
        # Plain text is cheaper unwrapped; text starting with `=`, which openpyxl would store
        # as a formula, was pinned above.
        if ILLEGAL_CHARACTERS_RE.search(value):
            return _text_cell(worksheet, value)
        return value
    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    if isinstance(value, datetime):  # before date: a datetime is also a date
        return _formatted(worksheet, value, datetime_format)
    if isinstance(value, date):
        return _formatted(worksheet, value, date_format)
    if isinstance(value, time):
        return _formatted(worksheet, value, _TIME_FORMAT)
    # Anything else (an enum, a UUID…) is shown as its text rather than refused.
    text = str(value)
    return _text_cell(worksheet, text, _TEXT_FORMAT if spreadsheet_would_change(text) else None)


def _text_cell(
    worksheet: WriteOnlyWorksheet, text: str, number_format: str | None = None
) -> WriteOnlyCell:
    """A cell that holds `text` as text, even when it looks like a formula."""
    # XML 1.0 cannot carry most control characters; openpyxl would raise on them.
    cell = WriteOnlyCell(worksheet, ILLEGAL_CHARACTERS_RE.sub("", str(text)))
    cell.data_type = "s"  # overrides the "f" openpyxl infers for text starting with "="
    if number_format is not None:
        cell.number_format = number_format
    return cell


def _formatted(worksheet: WriteOnlyWorksheet, value: object, number_format: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(worksheet, value)
    cell.number_format = number_format
    return cell


def _column_widths(sheet: Sheet, datetime_format: str) -> list[float]:
    """Width of each column from its longest shown text, within sensible bounds."""
    count = max([len(sheet.headers), *(len(row) for row in sheet.rows)], default=0)
    longest = [0] * count
    for row in [sheet.headers, *sheet.rows]:
        for index, value in enumerate(row):
            length = _shown_length(value, sheet.date_format, datetime_format)
            if length > longest[index]:
                longest[index] = length
    return [min(max(length + _PADDING, _MIN_WIDTH), _MAX_WIDTH) for length in longest]


def _shown_length(value: object, date_format: str, datetime_format: str) -> int:
    if value is None:
        return 0
    if isinstance(value, str):
        # A multi-line cell is as wide as its longest line.
        return max(map(len, value.splitlines()), default=0)
    if isinstance(value, datetime):
        return len(datetime_format)
    if isinstance(value, date):
        return len(date_format)
    if isinstance(value, time):
        return len(_TIME_FORMAT)
    return len(str(value))
