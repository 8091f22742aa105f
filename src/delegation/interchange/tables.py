"""Reads a CSV or XLSX file as it comes into a plain table of header texts and typed rows."""

import codecs
import csv
import io
import itertools
import re
import stat
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

import openpyxl

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
    sheet: str | None = None  # an XLSX sheet's name, and all the sheets of the workbook
    sheets: tuple[str, ...] = ()
    skipped_lines: tuple[int, ...] = ()  # a title or notes above the header


_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 .xls (and .doc, .msg)
_CANDIDATE_DELIMITERS = (";", ",", "\t")  # order breaks ties: Excel on French Windows uses ;
# Never present in accepted text (control characters are refused), so a file without any
# delimiter in its header is read as one column and its cells are never split.
_NO_DELIMITER = "\x1f"
# C0 controls other than tab, line feed, carriage return: a sign of a binary file.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SEP_HINT = re.compile(r'"?sep=([;,\t|])"?[;,\t]*\r?\n', re.IGNORECASE)  # Excel's "sep=;" line
_EXCEL_MAX_ROWS = 1_048_576


def read_table(
    path: str | Path,
    *,
    sheet: str | None = None,
    display_name: str | None = None,
    header_score: HeaderScore | None = None,
) -> Table:
    """Read the file whatever its name says; `sheet` picks an XLSX sheet (ignored for CSV).
    Any file that cannot be read raises FileRefusedError, never another exception."""
    source = display_name or str(path)
    data = _read_bytes(Path(path), source)
    if data.startswith(_ZIP_MAGIC):
        return _read_xlsx(data, source, sheet, header_score)
    return _read_csv(_decode(data, source), source, header_score)


def sheet_names(path: str | Path) -> tuple[str, ...]:
    """The sheets of an XLSX workbook, in order; () for a CSV file or an unreadable one."""
    try:
        data = Path(path).read_bytes()
        if not data.startswith(_ZIP_MAGIC):
            return ()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
            try:
                return tuple(workbook.sheetnames)
            finally:
                workbook.close()
    except Exception:  # a damaged file: read_table will say so in its own words
        return ()


def _read_bytes(path: Path, source: str) -> bytes:
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise FileRefusedError(source, _("this is a folder, not a file"))
        if not stat.S_ISREG(mode):  # a device or pipe could block or never end
            raise FileRefusedError(source, _("not a regular file"))
        return path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        raise FileRefusedError(source, _("no such file")) from None
    except PermissionError:
        raise FileRefusedError(source, _("the file cannot be read (permission denied)")) from None
    except (OSError, ValueError):  # ValueError: a path with a NUL character
        raise FileRefusedError(source, _("the file cannot be read")) from None


# --- CSV ---------------------------------------------------------------------------------


def _decode(data: bytes, source: str) -> str:
    """UTF-8 (with or without BOM), else Windows-1252; binary content is refused."""
    if data.startswith(_OLE_MAGIC):
        raise FileRefusedError(
            source, _("an old Excel workbook (.xls): save it as .xlsx or CSV and try again")
        )
    # Excel's "Unicode text" export is UTF-16 with a BOM; cheap to accept.
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise FileRefusedError(source, _("unknown text encoding (save it as UTF-8)")) from None
    elif b"\x00" in data:
        raise FileRefusedError(source, _("not a spreadsheet (CSV or XLSX)"))
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:  # bytes cp1252 leaves undefined: neither encoding
                raise FileRefusedError(
                    source, _("unknown text encoding (save it as UTF-8)")
                ) from None
    if _CONTROL.search(text):
        raise FileRefusedError(source, _("not a spreadsheet (CSV or XLSX)"))
    return text.lstrip("\ufeff")


def _read_csv(text: str, source: str, header_score: HeaderScore | None = None) -> Table:
    skipped_lines = 0
    hint = _SEP_HINT.match(text)
    if hint:
        delimiter = hint.group(1)
        skipped_lines = 1
        text = text[hint.end() :]
    else:
        header = _first_record_outside_quotes(text)
        if not header.strip(" ;,\t"):  # only spaces and delimiters: nothing to import
            raise FileRefusedError(source, _("the file is empty"))
        delimiter = _detect_delimiter(header)
    records = _csv_records(text, delimiter, source, skipped_lines)
    return _make_table(source, records, _("the file is empty"), header_score)


def _detect_delimiter(header: str) -> str:
    """The candidate seen most often in the header record (outside quotes)."""
    counts = {candidate: header.count(candidate) for candidate in _CANDIDATE_DELIMITERS}
    best = max(_CANDIDATE_DELIMITERS, key=lambda candidate: counts[candidate])
    return best if counts[best] else _NO_DELIMITER


def _first_record_outside_quotes(text: str) -> str:
    """The characters of the first non-blank record that stand outside quoted fields,
    following csv's rule that a quote opens a field only at its start."""
    kept: list[str] = []
    quoted = False
    at_field_start = True
    index = 0
    while index < len(text):
        char = text[index]
        index += 1
        if quoted:
            if char == '"':
                if text.startswith('"', index):
                    index += 1  # a doubled quote stands for one quote inside the field
                else:
                    quoted = False
            continue
        if char in "\r\n":
            if "".join(kept).strip(" ;,\t"):
                break
            kept.clear()  # a blank or delimiters-only line is not the header
            at_field_start = True
            continue
        if at_field_start and char == " ":
            continue
        if at_field_start and char == '"':
            quoted = True
            kept.append("x")  # so a header of quoted names is not mistaken for blank
            at_field_start = False
            continue
        kept.append(char)
        at_field_start = char in _CANDIDATE_DELIMITERS
    return "".join(kept)


def _ends_inside_quotes(text: str, delimiter: str) -> bool:
    """True when a quoted field is opened and never closed: csv would swallow the rest."""
    quoted = False
    at_field_start = True
    index = 0
    while index < len(text):
        char = text[index]
        index += 1
        if quoted:
            if char == '"':
                if text.startswith('"', index):
                    index += 1
                else:
                    quoted = False
            continue
        if at_field_start and char == " ":
            continue
        if at_field_start and char == '"':
            quoted = True
        at_field_start = char in (delimiter, "\r", "\n")
    return quoted


def _csv_records(
    text: str, delimiter: str, source: str, skipped_lines: int
) -> Iterator[tuple[int, list[Cell]]]:
    """(line where the record starts, stripped cells) for each record of the text."""
    lines = io.StringIO(text, newline="")  # keeps \r\n inside quoted fields for csv
    reader = csv.reader(lines, delimiter=delimiter, quotechar='"', skipinitialspace=True)
    last: tuple[int, int] | None = None  # (start line, text offset) of the last record
    while True:
        start = reader.line_num + 1
        offset = lines.tell()
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error:  # e.g. a field over csv's size limit: an unclosed quote, mostly
            raise FileRefusedError(
                f"{source}:{start + skipped_lines}",
                _("a quoted field is never closed or is too long"),
            ) from None
        last = (start, offset)
        yield start + skipped_lines, [_csv_cell(value) for value in record]
    if last is not None and _ends_inside_quotes(text[last[1] :], delimiter):
        raise FileRefusedError(
            f"{source}:{last[0] + skipped_lines}", _("a quoted field is never closed")
        )


def _csv_cell(value: str) -> Cell:
    value = value.strip().replace("\r\n", "\n")
    if value[:1] == "'" and value[1:2] in _NEUTRALISED:
        value = value[1:]  # the apostrophe our exports put before formula-like text
    elif value[:2] == '="':
        # ="0612345678": how our exports keep text as text, which LibreOffice Calc saves
        # back as it is unless "Evaluate formulas" was ticked on opening the file.
        literal = _FORMULA_TEXT.fullmatch(value)
        if literal:
            value = literal[1].replace('""', '"').strip()
    return value or None


_NEUTRALISED = ("=", "+", "-", "@", "\t", "\r")
# A formula that is nothing but one text constant, its quotes doubled inside.
_FORMULA_TEXT = re.compile(r'="((?:[^"]|"")*)"', re.DOTALL)


# --- XLSX --------------------------------------------------------------------------------


def _read_xlsx(
    data: bytes, source: str, sheet: str | None, header_score: HeaderScore | None = None
) -> Table:
    refusal = _not_a_workbook(data, source)
    if refusal is not None:
        raise refusal
    try:
        # openpyxl is third-party code parsing untrusted bytes: a damaged file can make it
        # raise almost anything (zip, XML, key, value, type errors), so all count as damage.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "no default style" and the like: not the user's
            workbook = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=True, keep_links=False
            )
            try:
                worksheet = _pick_sheet(workbook, source, sheet)
                empty = _("the sheet “{sheet}” is empty").format(sheet=worksheet.title)
                table = _make_table(source, _xlsx_records(worksheet), empty, header_score)
                return replace(table, sheet=worksheet.title, sheets=tuple(workbook.sheetnames))
            finally:
                workbook.close()
    except FileRefusedError:
        raise
    except Exception:
        raise FileRefusedError(source, _("the workbook is damaged or truncated")) from None


def _not_a_workbook(data: bytes, source: str) -> FileRefusedError | None:
    """A readable zip that holds no Excel workbook (OpenDocument, Word…) is not damaged."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            mimetype = b""
            if "mimetype" in names:
                with archive.open("mimetype") as member:
                    mimetype = member.read(100)
    except Exception:  # a broken zip: openpyxl's turn to fail, reported as damage
        return None
    if b"opendocument.spreadsheet" in mimetype:
        return FileRefusedError(
            source, _("an OpenDocument spreadsheet (.ods): save it as .xlsx or CSV and try again")
        )
    if not any(name.startswith("xl/") for name in names):
        return FileRefusedError(source, _("not a spreadsheet (CSV or XLSX)"))
    return None


def _pick_sheet(workbook, source: str, sheet: str | None):
    sheets = list(workbook.worksheets)
    if not sheets:
        raise FileRefusedError(source, _("the workbook has no sheet"))
    if sheet is None:
        return sheets[0]
    exact = [candidate for candidate in sheets if candidate.title == sheet]
    loose = [each for each in sheets if _fold_title(each.title) == _fold_title(sheet)]
    if exact or loose:
        return (exact or loose)[0]
    names = ", ".join(f"“{candidate.title}”" for candidate in sheets)
    reason = _("no sheet named “{sheet}” (sheets: {names})").format(sheet=sheet, names=names)
    raise FileRefusedError(source, reason)


def _fold_title(title: str) -> str:
    """A sheet name as typed loosely on a command line: case and outer spaces ignored."""
    return title.strip().casefold()


def _xlsx_records(worksheet) -> Iterator[tuple[int, list[Cell]]]:
    """(sheet row number, cells) for each row holding at least one value."""
    # The stored dimension can be wrong (or forged): read what the sheet really holds.
    worksheet.reset_dimensions()
    # openpyxl yields one row per sheet row from row 1, empty ones included, so the
    # position is the row number Excel shows (the cells' own references can disagree).
    for line, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
        # A forged row number makes openpyxl yield empty rows up to it: stop at Excel's size.
        if line > _EXCEL_MAX_ROWS:
            raise ValueError("more rows than Excel allows")
        cells = [_xlsx_cell(value) for value in values]
        if any(cell is not None for cell in cells):
            yield line, cells


def _xlsx_cell(value: object) -> Cell:
    if isinstance(value, str):
        return value.strip().replace("\r\n", "\n") or None
    if value is None or isinstance(value, bool | int | float | date | time):
        return value  # a datetime is a date, kept whole
    if isinstance(value, timedelta):  # a "[h]:mm" cell: a time of day if it fits in one
        if timedelta(0) <= value < timedelta(days=1):
            return (datetime.min + value).time()
        return value.total_seconds() / 86400
    return str(value).strip() or None


# --- Both --------------------------------------------------------------------------------


_HEADER_SEARCH = 10  # non-blank records looked at for the header row


def _make_table(
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
            rows.append(Row(line=line, cells=fitted))
    return Table(
        source=source,
        headers=tuple(headers),
        header_line=header_line,
        rows=tuple(rows),
        skipped_lines=tuple(line for line, _texts, _cells in first[:best]),
    )


def _header_text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))  # a year typed as a header, read by Excel as 2024.0
    return " ".join(str(cell).split())
