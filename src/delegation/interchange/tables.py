"""Reads a CSV file or a workbook (.xlsx, .xls, .ods) as it comes into a plain table of
header texts and typed rows."""

import csv
import dataclasses
import re
import stat
from collections.abc import Iterator
from pathlib import Path

from delegation.domain.errors import FileRefusedError
from delegation.i18n import _
from delegation.interchange.safe_files import FORMULA_STARTS
from delegation.interchange.table_rows import Cell, HeaderScore, Row, Table, make_table
from delegation.interchange.text_encodings import decode_text
from delegation.interchange.workbooks import is_workbook, read_workbook, workbook_sheet_names

__all__ = ["Cell", "HeaderScore", "Row", "Table", "read_table", "sheet_names"]

_CANDIDATE_DELIMITERS = (";", ",", "\t")  # order breaks ties: Excel on French Windows uses ;
# Never present in accepted text (control characters are refused), so a file without any
# delimiter in its header is read as one column and its cells are never split.
_NO_DELIMITER = "\x1f"
_SEP_HINT = re.compile(r'"?sep=([;,\t|])"?[;,\t]*\r?\n', re.IGNORECASE)  # Excel's "sep=;" line


def read_table(
    path: str | Path,
    *,
    sheet: str | None = None,
    display_name: str | None = None,
    header_score: HeaderScore | None = None,
    repair_encoding: bool = False,
) -> Table:
    """Read the file whatever its name says; `sheet` picks a workbook's sheet (ignored for
    CSV). Any file that cannot be read raises FileRefusedError, never another exception;
    a CSV file mixing encodings raises MixedEncodingError unless `repair_encoding` lets
    its stray bytes be read as Windows-1252 (the table then lists their lines)."""
    source = display_name or str(path)
    data = _read_bytes(Path(path), source)
    if is_workbook(data):
        return read_workbook(data, source, sheet, header_score)
    decoded = decode_text(data, source, repair=repair_encoding)
    del data  # a large file: its bytes need not stay beside its text while rows are made
    table = _read_csv(decoded.text, source, header_score)
    return dataclasses.replace(table, repaired_lines=decoded.repaired_lines)


def sheet_names(path: str | Path) -> tuple[str, ...]:
    """The sheets of a workbook, in order; () for a CSV file or an unreadable one."""
    try:
        data = Path(path).read_bytes()
    except (OSError, ValueError):
        return ()
    return workbook_sheet_names(data) if is_workbook(data) else ()


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
    return make_table(source, records, _("the file is empty"), header_score)


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
    lines = _Lines(text)
    reader = csv.reader(lines, delimiter=delimiter, quotechar='"', skipinitialspace=True)
    last: tuple[int, int] | None = None  # (start line, text offset) of the last record
    while True:
        start = reader.line_num + 1
        offset = lines.offset
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


class _Lines:
    """The text's lines as csv reads them from a file opened with newline="" (ending in
    \n, \r\n or \r, kept), cut one at a time: io.StringIO would hold a second copy of
    the whole text, at four bytes a character once anything but ASCII is in it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.offset = 0  # where the next line starts

    def __iter__(self) -> "_Lines":
        return self

    def __next__(self) -> str:
        start = self.offset
        if start >= len(self.text):
            raise StopIteration
        end = _LINE_END.search(self.text, start)
        self.offset = end.end() if end else len(self.text)
        return self.text[start : self.offset]


_LINE_END = re.compile(r"\r\n?|\n")


def _csv_cell(value: str) -> Cell:
    value = value.strip().replace("\r\n", "\n")
    if value[:1] == "'" and value[1:2] in FORMULA_STARTS:
        value = value[1:]  # the apostrophe our exports put before formula-like text
    elif value[:2] == '="':
        # ="0612345678": how our exports keep text as text, which LibreOffice Calc saves
        # back as it is unless "Evaluate formulas" was ticked on opening the file.
        literal = _FORMULA_TEXT.fullmatch(value)
        if literal:
            value = literal[1].replace('""', '"').strip()
    return value or None


# A formula that is nothing but one text constant, its quotes doubled inside.
_FORMULA_TEXT = re.compile(r'="((?:[^"]|"")*)"', re.DOTALL)
