"""Reads a sheet of an .xlsx, .xls or .ods workbook with calamine, cells typed as the
importers expect and rows numbered as the spreadsheet program shows them."""

import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, datetime, time, timedelta

import python_calamine

from delegation.domain.errors import FileRefusedError
from delegation.i18n import _
from delegation.interchange.ole_limits import check_ole_workbook
from delegation.interchange.table_rows import Cell, HeaderScore, Table, make_table
from delegation.interchange.workbook_limits import (
    EXCEL_MAX_ROWS,
    BeyondExcelError,
    DamagedError,
    NotAWorkbookError,
    ProtectedError,
    TooLargeError,
    WorkbookLimitError,
)
from delegation.interchange.zip_limits import check_zip_workbook

ZIP_MAGIC = b"PK\x03\x04"  # .xlsx and .ods
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (and .doc, .msg, encrypted .xlsx)
_LARGEST_EXACT_FLOAT = 2**53


def is_workbook(data: bytes) -> bool:
    return data.startswith((ZIP_MAGIC, OLE_MAGIC))


def read_workbook(
    data: bytes, source: str, sheet: str | None, header_score: HeaderScore | None = None
) -> Table:
    """The sheet named `sheet` (loosely), else the first; any failure is one refusal."""
    _check(data, source)
    try:
        # calamine is third-party code parsing untrusted bytes: besides its own errors, a
        # damaged file can make it panic, which reaches Python as a BaseException.
        with python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)) as workbook:
            names = _worksheet_names(workbook)
            title = _pick_sheet(names, source, sheet)
            worksheet = workbook.get_sheet_by_name(title)
            empty = _("the sheet “{sheet}” is empty").format(sheet=title)
            table = make_table(source, _records(worksheet), empty, header_score)
    except (FileRefusedError, KeyboardInterrupt, SystemExit):
        raise
    except BeyondExcelError:
        raise _refusal(source, BeyondExcelError()) from None
    except python_calamine.PasswordError:
        raise _refusal(source, ProtectedError()) from None
    except BaseException:
        raise _refusal(source, DamagedError()) from None
    return replace(table, sheet=title, sheets=names)


def workbook_sheet_names(data: bytes) -> tuple[str, ...]:
    """The worksheets in order; () when the workbook cannot be read."""
    try:
        _check(data, "")
        with python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)) as workbook:
            return _worksheet_names(workbook)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # read_table will say what is wrong, in its own words
        return ()


def _check(data: bytes, source: str) -> None:
    """Refuse, before calamine sees it, what it cannot read within sane memory."""
    try:
        if data.startswith(OLE_MAGIC):
            check_ole_workbook(data)
            return
        kind = _zip_kind(data)
        if kind is None:
            raise NotAWorkbookError
        if kind == "xlsb":
            raise FileRefusedError(
                source, _("an Excel binary workbook (.xlsb): save it as .xlsx and try again")
            )
        check_zip_workbook(data)
    except WorkbookLimitError as error:
        raise _refusal(source, error) from None


def _zip_kind(data: bytes) -> str | None:
    """Which workbook a zip holds, going by its members; None: some other zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = b""
            if "mimetype" in names:
                with archive.open("mimetype") as member:
                    mimetype = member.read(100)
    except Exception:  # a broken zip: damaged, as the limits check will find
        raise DamagedError from None
    if "xl/workbook.bin" in names:  # calamine reads it, but its limits are not checked
        return "xlsb"
    if any(name.startswith("xl/") for name in names):
        return "xlsx"
    if b"opendocument.spreadsheet" in mimetype or "content.xml" in names:
        return "ods"
    return None


def _refusal(source: str, error: WorkbookLimitError) -> FileRefusedError:
    if isinstance(error, TooLargeError):
        reason = _("the workbook is too large to read")
    elif isinstance(error, BeyondExcelError):
        reason = _("more rows or columns than a spreadsheet can have")
    elif isinstance(error, NotAWorkbookError):
        reason = _("not a spreadsheet (CSV or XLSX)")
    elif isinstance(error, ProtectedError):
        reason = _("the workbook is protected by a password: save a copy without one")
    else:
        reason = _("the workbook is damaged or truncated")
    return FileRefusedError(source, reason)


def _worksheet_names(workbook: python_calamine.CalamineWorkbook) -> tuple[str, ...]:
    """Sheets of cells, leaving out chart sheets and macros."""
    return tuple(
        sheet.name
        for sheet in workbook.sheets_metadata
        if sheet.typ == python_calamine.SheetTypeEnum.WorkSheet
    )


def _pick_sheet(names: tuple[str, ...], source: str, sheet: str | None) -> str:
    if not names:
        raise FileRefusedError(source, _("the workbook has no sheet"))
    if sheet is None:
        return names[0]
    exact = [name for name in names if name == sheet]
    loose = [name for name in names if _fold_title(name) == _fold_title(sheet)]
    if exact or loose:
        return (exact or loose)[0]
    listed = ", ".join(f"“{name}”" for name in names)
    reason = _("no sheet named “{sheet}” (sheets: {names})").format(sheet=sheet, names=listed)
    raise FileRefusedError(source, reason)


def _fold_title(title: str) -> str:
    """A sheet name as typed loosely on a command line: case and outer spaces ignored."""
    return title.strip().casefold()


def _records(worksheet: python_calamine.CalamineSheet) -> Iterator[tuple[int, list[Cell]]]:
    """(sheet row number, cells from column A) for each row holding at least one value."""
    start = worksheet.start
    if start is None:  # an empty sheet
        return
    # iter_rows gives the rows above the first value as empty ones, but starts each row at
    # the first column holding a value: padding keeps the columns where the sheet has them.
    padding: list[Cell] = [None] * start[1]
    convert = _CONVERTERS.get
    for line, values in enumerate(worksheet.iter_rows(), start=1):
        if values.count("") == len(values):
            continue
        if line > EXCEL_MAX_ROWS:
            raise BeyondExcelError
        yield line, [*padding, *[convert(type(value), _other)(value) for value in values]]


def _text(value: str) -> Cell:
    value = value.strip()
    if "\r" in value:
        value = value.replace("\r\n", "\n")
    return value or None


def _number(value: float) -> Cell:
    # Numbers come as floats: 12.0 is the 12 that was typed (and openpyxl gave).
    return int(value) if value.is_integer() and abs(value) < _LARGEST_EXACT_FLOAT else value


def _kept(value: Cell) -> Cell:
    return value


def _day(value: date) -> Cell:
    # calamine gives a day at midnight as a date; Excel stores, and openpyxl gave, a datetime.
    return datetime(value.year, value.month, value.day)


def _duration(value: timedelta) -> Cell:
    """A "[h]:mm" cell: a time of day if it fits in one, else a number of days."""
    if timedelta(0) <= value < timedelta(days=1):
        return (datetime.min + value).time()
    return value.total_seconds() / 86400


def _other(value: object) -> Cell:
    return str(value).strip() or None


# By exact type: calamine gives these, and a lookup is cheaper than isinstance checks.
_CONVERTERS: dict[type, Callable[..., Cell]] = {
    str: _text,
    float: _number,
    int: _kept,
    bool: _kept,
    datetime: _kept,
    time: _kept,
    date: _day,
    timedelta: _duration,
}
