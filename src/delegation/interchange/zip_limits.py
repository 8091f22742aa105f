"""Bounds on what an .xlsx or .ods file can make the spreadsheet reader allocate.

The reader (calamine) unpacks the shared strings, then lays a sheet out as one block of
rows × columns from its first to its last cell: a few kilobytes of zip holding a cell in
A1 and one in XFD1048576, or millions of empty shared strings, would make it ask for
gigabytes, and a failed allocation there ends the whole program. So the archive is
unpacked here first, within a budget, and the extent of every sheet measured.
"""

import re
import struct
import xml.parsers.expat
import zipfile
import zlib
from io import BytesIO

from delegation.interchange.workbook_limits import (
    EXCEL_MAX_COLUMNS,
    EXCEL_MAX_ROWS,
    MAX_CELLS,
    MAX_SHARED_STRINGS,
    MAX_UNPACKED_BYTES,
    MAX_WRITTEN_CELLS,
    BeyondExcelError,
    DamagedError,
    TooLargeError,
)

_LOCAL_HEADER = b"PK\x03\x04"

# A cell or row start tag, with or without a namespace prefix, and its attributes (quoted
# values may hold ">"); calamine reads them by local name.
_TAG = re.compile(
    rb"<(/?)(?:[A-Za-z_][\w.-]*:)?(c|row)(?=[\s/>])((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>"
)
_REF_ATTRIBUTE = re.compile(rb"(?:^|\s)r\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_REF = re.compile(rb"([A-Za-z]*)([0-9]*)")
# What Excel, LibreOffice and the usual libraries write: every cell tag starting <c r="A1",
# its other attributes plain. A second r (calamine would take the last) fails to match.
_PLAIN_CELL_REF = re.compile(
    rb'<c r="([A-Za-z]*)([0-9]*)"(?:\s+(?!r[\s=])[A-Za-z_][\w:.-]*="[^"<>]*")*\s*/?>'
)
_TAG_ENDS = (b" ", b"\t", b"\n", b"\r", b">", b"/")
_PREFIXED_CELL_STARTS = tuple(b":c" + end for end in _TAG_ENDS)
_SHARED_STRING_STARTS = tuple(start + end for start in (b"<si", b":si") for end in _TAG_ENDS)


def check_zip_workbook(data: bytes) -> None:
    """Raise DamagedError, TooLargeError or BeyondExcelError unless calamine can read the
    archive within the limits; every member is unpacked and checked against its CRC."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise DamagedError from None
    budget = MAX_UNPACKED_BYTES
    shared_strings = 0
    for member in members:
        content = _unpacked(data, member, budget)
        budget -= len(content)
        content = _as_utf8(content)
        shared_strings += _shared_strings(content)
        if shared_strings > MAX_SHARED_STRINGS:
            raise TooLargeError
        if member.filename == "content.xml":
            _check_ods_content(content)
        _check_sheet_extent(content)


def _as_utf8(content: bytes) -> bytes:
    """XML in UTF-16 (a byte order mark, or "<?" spelled in two bytes a character) scanned
    as UTF-8, should the XML reader ever decode it: tags must look like tags."""
    if not content.startswith((b"\xff\xfe", b"\xfe\xff", b"<\x00?\x00", b"\x00<\x00?")):
        return content
    encoding = "utf-16" if content[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-16-le"
    if content.startswith(b"\x00<"):
        encoding = "utf-16-be"
    return content.decode(encoding, errors="replace").encode("utf-8")


def _shared_strings(xml: bytes) -> int:
    """How many <si> elements calamine would unpack from this member (an upper bound)."""
    if b"<si" not in xml and b":si" not in xml:
        return 0
    return sum(xml.count(start) for start in _SHARED_STRING_STARTS)


def _unpacked(data: bytes, member: zipfile.ZipInfo, budget: int) -> bytes:
    """A member's bytes as the central directory describes them, or an error: sizes and
    CRC must agree, so that calamine's own unzipping cannot produce anything larger."""
    if member.flag_bits & 0x1:  # encrypted
        raise DamagedError
    start = member.header_offset
    if data[start : start + 4] != _LOCAL_HEADER or len(data) < start + 30:
        raise DamagedError
    name_length, extra_length = struct.unpack_from("<HH", data, start + 26)
    begin = start + 30 + name_length + extra_length
    raw = data[begin : begin + member.compress_size]
    if len(raw) != member.compress_size or member.file_size > budget:
        raise DamagedError if len(raw) != member.compress_size else TooLargeError
    if member.compress_type == zipfile.ZIP_STORED:
        content = raw
    elif member.compress_type == zipfile.ZIP_DEFLATED:
        inflater = zlib.decompressobj(-15)
        try:
            content = inflater.decompress(raw, budget + 1)
        except zlib.error:
            raise DamagedError from None
        if len(content) > budget:
            raise TooLargeError
        if not inflater.eof:
            raise DamagedError
    else:  # no spreadsheet program writes another method
        raise DamagedError
    if len(content) != member.file_size or zlib.crc32(content) != member.CRC:
        raise DamagedError
    return content


# --- XLSX sheets -------------------------------------------------------------------------


def _check_sheet_extent(xml: bytes) -> None:
    """The block calamine would allocate for this member if it were a sheet."""
    tags = xml.count(b"<c")
    if not tags and b":c" not in xml:
        return
    # Other elements starting with "c" in a sheet: cols, col, colBreaks, cfRule, color…
    others = xml.count(b"<co") + xml.count(b"<cf") + xml.count(b"<cu")
    # Counted at C speed before any walk: each cell tag takes a cell of the block, each
    # closed row moves to the next one.
    if tags - others > MAX_WRITTEN_CELLS:
        raise TooLargeError
    if xml.count(b"</row>") > EXCEL_MAX_ROWS:
        raise BeyondExcelError
    plain = xml.count(b'<c r="')
    prefixed = b":c" in xml and any(xml.count(start) for start in _PREFIXED_CELL_STARTS)
    if tags - others == plain and not prefixed:
        refs = _PLAIN_CELL_REF.findall(xml)
        if len(refs) == plain:  # each cell names its place: nothing is placed implicitly
            if refs:
                _check_block(*_extent(refs))
            return
    _check_block(*_extent_walking(xml))


def _extent(refs: list[tuple[bytes, bytes]]) -> tuple[int, int, int, int]:
    letters = {ref[0] for ref in refs}
    digits = {ref[1] for ref in refs}
    columns = [_column(text) for text in letters]
    rows = [_row(text) for text in digits]
    return min(rows), max(rows), min(columns), max(columns)


def _extent_walking(xml: bytes) -> tuple[int, int, int, int]:
    """Follow calamine's placing of cells without a reference (after the previous cell,
    or at the start of the next row), counting every start tag as a cell."""
    row = column = 0
    low_row = low_column = EXCEL_MAX_ROWS
    high_row = high_column = -1
    for tag in _TAG.finditer(xml):  # not findall: a list of millions of tags is the bomb
        closing, name, attributes = tag.groups()
        self_closing = attributes.endswith(b"/")
        if closing:
            if name == b"row":
                row, column = row + 1, 0
            continue
        refs = _REF_ATTRIBUTE.findall(attributes)
        if len(refs) > 1:  # not well-formed XML; calamine would take the last
            raise DamagedError
        text = (refs[0][0] or refs[0][1]) if refs else None
        if name == b"row":
            if text is not None:
                # calamine ignores an empty <row/>: taking its number can only widen the block
                number = _row(_row_part(text))
                row = max(row, number) if self_closing else number
            continue
        if text is None:
            place = (row, column)
            low_row = low_column = 0  # where it lands depends on what came before
        else:
            letters, digits = _split_ref(text)
            place = (_row(digits), _column(letters))
        column = max(column, place[1] + 1) if self_closing else place[1] + 1
        low_row, high_row = min(low_row, place[0]), max(high_row, place[0])
        low_column, high_column = min(low_column, place[1]), max(high_column, place[1])
        if high_row >= EXCEL_MAX_ROWS or high_column >= EXCEL_MAX_COLUMNS:
            raise BeyondExcelError
    if high_row < 0:
        return 0, 0, 0, 0
    return low_row, high_row, low_column, high_column


def _split_ref(text: bytes) -> tuple[bytes, bytes]:
    match = _REF.fullmatch(text)
    if match is None:
        raise DamagedError
    return match.group(1), match.group(2)


def _row_part(text: bytes) -> bytes:
    return _split_ref(text)[1]


def _row(digits: bytes) -> int:
    """The 0-based row of a reference's digits; beyond Excel is refused, as is no row."""
    if not digits or len(digits) > 8:
        raise DamagedError if not digits else BeyondExcelError
    number = int(digits)
    if not 1 <= number <= EXCEL_MAX_ROWS:
        raise BeyondExcelError if number else DamagedError
    return number - 1


def _column(letters: bytes) -> int:
    if not letters or len(letters) > 3:
        raise DamagedError if not letters else BeyondExcelError
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - ord("A") + 1
    if number > EXCEL_MAX_COLUMNS:
        raise BeyondExcelError
    return number - 1


def _check_block(low_row: int, high_row: int, low_column: int, high_column: int) -> None:
    if (high_row - low_row + 1) * (high_column - low_column + 1) > MAX_CELLS:
        raise TooLargeError


# --- ODS ---------------------------------------------------------------------------------

# Attributes that give an OpenDocument cell a value (or a formula) for calamine.
_VALUED = (
    "office:value-type",
    "office:value",
    "office:string-value",
    "office:date-value",
    "office:time-value",
    "office:boolean-value",
    "table:formula",
)


class _OdsExtent:
    """Counts, table by table, the cells calamine stores and the block it lays out:
    repeated cells and rows are stored once per repetition."""

    def __init__(self) -> None:
        self.rows: list[tuple[int, int]] = []  # (repetitions, stored width) of each row
        self.in_row = False
        self.stored = 0  # cells of the table so far
        self.width = 0  # cells of the current row, up to its last valued one
        self.pending_empty = 0

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if name == "table:table":
            self.rows, self.stored = [], 0
        elif name == "table:table-row":
            self.in_row, self.width, self.pending_empty = True, 0, 0
            self.row_repeats = _count(attributes.get("table:number-rows-repeated"))
        elif self.in_row and name in ("table:table-cell", "table:covered-table-cell"):
            repeats = _count(attributes.get("table:number-columns-repeated"))
            if any(key in attributes for key in _VALUED):
                self.width += self.pending_empty + repeats
                self.pending_empty = 0
                if self.width > MAX_CELLS:
                    raise TooLargeError
            else:
                self.pending_empty += repeats

    def end(self, name: str) -> None:
        if name == "table:table-row" and self.in_row:
            self.in_row = False
            self.stored += self.width
            self.rows.append((self.row_repeats, self.width))
            if self.stored > MAX_CELLS:
                raise TooLargeError
        elif name == "table:table":
            self._check_block()

    def _check_block(self) -> None:
        valued = [index for index, (_, width) in enumerate(self.rows) if width]
        if not valued:
            return
        span = sum(repeats for repeats, _ in self.rows[valued[0] : valued[-1] + 1])
        width = max(width for _, width in self.rows)
        if span * width > MAX_CELLS:
            raise TooLargeError


def _count(text: str | None) -> int:
    if text is None:
        return 1
    try:
        number = int(text)
    except ValueError:
        raise DamagedError from None
    if number < 0:
        raise DamagedError
    return number


def _check_ods_content(content: bytes) -> None:
    extent = _OdsExtent()
    parser = xml.parsers.expat.ParserCreate()
    parser.StartElementHandler = extent.start
    parser.EndElementHandler = extent.end
    try:
        parser.Parse(content, True)
    except xml.parsers.expat.ExpatError:
        raise DamagedError from None
