"""CSV export that Excel and LibreOffice Calc open and save back without changing a value."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import BinaryIO

from delegation.interchange.safe_files import (
    neutralise,
    spreadsheet_would_change,
    write_atomically,
)

# Excel refuses a text constant longer than this inside a formula.
_LONGEST_FORMULA_TEXT = 255
# Calc's import dialog splits on comma, semicolon and tab at once by default, whatever
# delimiter the file uses: a cell holding any of them must be quoted to stay whole.
_NEEDS_QUOTES = frozenset(',;\t"\r\n')


def write_csv(
    path: str | Path,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    delimiter: str = ",",
    date_format: str = "%Y-%m-%d",
) -> None:
    """Write `headers` then `rows` to `path` as UTF-8 with BOM, CRLF line ends, atomically.

    None becomes an empty cell; a date is written with `date_format` (a datetime adds
    " %H:%M", a time is "%H:%M") and left for the spreadsheet to read as a date; an int or
    float as a number. Any other value is text, written so that a spreadsheet shows it as it
    is and saves it back unchanged (see `protected_text`).
    """
    datetime_format = f"{date_format} %H:%M"

    def line(cells: Sequence[object]) -> str:
        texts = (_cell(value, date_format, datetime_format) for value in cells)
        return delimiter.join(_quoted(text) for text in texts) + "\r\n"

    def write(stream: BinaryIO) -> None:
        # The BOM is what makes Excel read UTF-8 rather than the ANSI code page.
        text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
        try:
            text.write(line(headers))
            for row in rows:
                text.write(line(row))
            text.flush()
        finally:
            # Detach so the wrapper does not close the stream that write_atomically still syncs.
            text.detach()

    write_atomically(path, write)


def protected_text(text: str) -> str:
    """`text` as a CSV cell that Excel and Calc keep as this very text.

    Text a spreadsheet would turn into a number, date or formula (``0612345678``, ``1/2``,
    ``+33 6 12 34 56 78``, ``=SUM(A1)``) becomes the formula ``="0612345678"``: Excel shows
    the text itself, with its zeros and no apostrophe, and saves that text back; Calc, whose
    import leaves formulas as text unless "Evaluate formulas" is ticked, shows and saves the
    formula, which our importer reads back as the text. A formula can only hold 255
    characters of text and no line break: longer text keeps the apostrophe of `neutralise`.
    """
    if not spreadsheet_would_change(text):
        return text
    if len(text) > _LONGEST_FORMULA_TEXT or "\n" in text or "\r" in text:
        return neutralise(text)
    # A doubled quote is a quote inside a formula's text constant: nothing can escape it.
    return '="' + text.replace('"', '""') + '"'


def _cell(value: object, date_format: str, datetime_format: str) -> str:
    """Text of one cell; any value that is not a number or a date is protected as text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return protected_text(value)
    if isinstance(value, bool):  # before int: a bool is an int
        return protected_text(str(value))
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, datetime):  # before date: a datetime is also a date
        return value.strftime(datetime_format)
    if isinstance(value, date):
        return value.strftime(date_format)
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return protected_text(str(value))  # an enum, a UUID…: shown as its text


def _quoted(text: str) -> str:
    """`text` between quotes, its quotes doubled, when it holds a delimiter of any kind."""
    if _NEEDS_QUOTES.isdisjoint(text):
        return text
    return '"' + text.replace('"', '""') + '"'
