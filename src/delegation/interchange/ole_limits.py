"""Bounds on what an Excel 97-2003 (.xls) file can make the spreadsheet reader allocate.

An .xls is a compound file (a small file system of sectors) whose "Workbook" stream holds
BIFF records. calamine reads every sheet when the workbook opens: it reserves room for the
size a sheet's DIMENSIONS record announces, for the count the shared-string table
announces, then lays each sheet out as one block from its first cell to its last. Those
figures are read here first, with the same rules, so that a forged one is refused.
"""

import struct
import sys
from array import array

from delegation.interchange.workbook_limits import (
    MAX_CELLS,
    MAX_SHARED_STRINGS,
    DamagedError,
    NotAWorkbookError,
    ProtectedError,
    TooLargeError,
)

_END_OF_CHAIN = 0xFFFFFFFE
_LAST_SECTOR_ID = 0xFFFFFFFA  # ids above are markers (free, end of chain, FAT, DIFAT)
_MINI_SECTOR = 64
_MINI_CUTOFF = 4096  # smaller streams live in the mini stream (calamine uses this figure)
_WORKBOOK_NAMES = ("Workbook", "Book")  # BIFF8, then BIFF5
_ENCRYPTED_NAMES = ("EncryptionInfo", "EncryptedPackage")  # a password-protected .xlsx

# BIFF records whose first four bytes place a cell (row, column).
_CELL_RECORDS = frozenset({0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x0006, 0x00D6})
_MULRK = 0x00BD
_DIMENSIONS = 0x0200
_SST = 0x00FC
_BOUNDSHEET = 0x0085


def check_ole_workbook(data: bytes) -> None:
    """Raise a WorkbookLimitError unless the compound file holds a workbook calamine can
    read within the limits."""
    streams = _CompoundFile(data).streams()
    names = [name for name, _ in streams]
    workbooks = [stream for name, stream in streams if name in _WORKBOOK_NAMES]
    if not workbooks:
        if any(name in _ENCRYPTED_NAMES for name in names):
            raise ProtectedError
        raise NotAWorkbookError
    for stream in workbooks:
        _BiffExtent(stream).check()


class _CompoundFile:
    """Just enough of [MS-CFB] to read every stream, refusing loops and stray sectors."""

    def __init__(self, data: bytes) -> None:
        if len(data) < 512:
            raise DamagedError
        shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
        if shift not in (9, 12) or mini_shift != 6:
            raise DamagedError
        self.data = data
        self.sector = 1 << shift
        self.count = max(0, len(data) // self.sector - 1)  # the header takes the first
        self.large_sizes = shift == 12  # version 4 stores 64-bit stream sizes
        self.directory_start = struct.unpack_from("<I", data, 0x30)[0]
        self.mini_fat_start, self.mini_fat_sectors, difat_start = struct.unpack_from(
            "<III", data, 0x3C
        )
        self.fat = self._fat(difat_start)

    def _sector(self, sector_id: int) -> bytes:
        if sector_id >= self.count:
            raise DamagedError
        start = (sector_id + 1) * self.sector
        return self.data[start : start + self.sector]

    def _fat(self, difat_start: int) -> array:
        ids = list(_integers(self.data[0x4C:0x200]))
        sector_id, seen = difat_start, 0
        while sector_id < _LAST_SECTOR_ID:
            seen += 1
            if seen > self.count:
                raise DamagedError
            entries = list(_integers(self._sector(sector_id)))
            ids.extend(entries[:-1])
            sector_id = entries[-1]
        fat = array("I")
        for fat_id in ids:
            if fat_id < _LAST_SECTOR_ID:
                fat.extend(_integers(self._sector(fat_id)))
        return fat

    def _chain(self, start: int, table: array, read, limit: int | None = None) -> bytes:
        parts: list[bytes] = []
        sector_id, size = start, 0
        while sector_id < _LAST_SECTOR_ID:
            if len(parts) > len(table) or sector_id >= len(table):
                raise DamagedError  # a loop, or a sector no table describes
            part = read(sector_id)
            parts.append(part)
            size += len(part)
            if limit is not None and size >= limit:
                break
            sector_id = table[sector_id]
        if sector_id not in (_END_OF_CHAIN,) and (limit is None or size < limit):
            raise DamagedError
        joined = b"".join(parts)
        return joined if limit is None else joined[:limit]

    def streams(self) -> list[tuple[str, bytes]]:
        """(name, content) of every stream entry, in directory order."""
        directory = self._chain(self.directory_start, self.fat, self._sector)
        entries = [directory[at : at + 128] for at in range(0, len(directory) - 127, 128)]
        if not entries:
            raise DamagedError
        root_start, root_size = self._place(entries[0])
        mini_stream = self._chain(root_start, self.fat, self._sector, root_size)
        mini_fat = array("I")
        if self.mini_fat_sectors:
            mini_fat.extend(_integers(self._chain(self.mini_fat_start, self.fat, self._sector)))

        def mini_sector(sector_id: int) -> bytes:
            start = sector_id * _MINI_SECTOR
            if start + _MINI_SECTOR > len(mini_stream):
                raise DamagedError
            return mini_stream[start : start + _MINI_SECTOR]

        found: list[tuple[str, bytes]] = []
        for entry in entries[1:]:
            if entry[0x42] != 2:  # not a stream
                continue
            name = entry[:64].decode("utf-16-le", errors="ignore").split("\x00", 1)[0]
            start, size = self._place(entry)
            if size > len(self.data):
                raise DamagedError  # a stream cannot be larger than the file holding it
            if size < _MINI_CUTOFF:
                content = self._chain(start, mini_fat, mini_sector, size) if size else b""
            else:
                content = self._chain(start, self.fat, self._sector, size)
            found.append((name, content))
        return found

    def _place(self, entry: bytes) -> tuple[int, int]:
        start, low, high = struct.unpack_from("<III", entry, 0x74)
        return start, (low | high << 32) if self.large_sizes else low


def _integers(data: bytes) -> array:
    values = array("I")
    values.frombytes(data[: len(data) // 4 * 4])
    if sys.byteorder == "big":
        values.byteswap()
    return values


class _BiffExtent:
    """Walks the records from the stream's start and from each sheet's announced offset,
    as calamine does, and measures the block every cell found spans."""

    def __init__(self, stream: bytes) -> None:
        self.stream = stream
        self.visited: set[int] = set()
        self.rows: list[int] = []
        self.columns: list[int] = []

    def check(self) -> None:
        pending = [0]
        while pending:
            pending.extend(self._walk(pending.pop()))
        if self.rows:
            height = max(self.rows) - min(self.rows) + 1
            width = max(self.columns) - min(self.columns) + 1
            if height * width > MAX_CELLS:
                raise TooLargeError

    def _walk(self, offset: int) -> list[int]:
        """Read records from offset to the end; returns the sheet offsets announced."""
        sheets: list[int] = []
        stream = self.stream
        while offset + 4 <= len(stream) and offset not in self.visited:
            self.visited.add(offset)
            kind, length = struct.unpack_from("<HH", stream, offset)
            body = stream[offset + 4 : offset + 4 + length]
            if len(body) < length:
                break  # calamine stops there with an error
            offset += 4 + length
            if kind in _CELL_RECORDS and length >= 4:
                row, column = struct.unpack_from("<HH", body)
                self.rows.append(row)
                self.columns.append(column)
            elif kind == _MULRK and length >= 6:
                row, first = struct.unpack_from("<HH", body)
                (last,) = struct.unpack_from("<H", body, length - 2)
                count = (length - 6) // 6
                self.rows.append(row)
                self.columns.extend((first, max(first + count, last)))
            elif kind == _DIMENSIONS:
                _check_dimensions(body)
            elif kind == _SST and length >= 8:
                (strings,) = struct.unpack_from("<i", body, 4)
                if strings < 0:
                    raise DamagedError
                if strings > MAX_SHARED_STRINGS:
                    raise TooLargeError
            elif kind == _BOUNDSHEET and length >= 4:
                (position,) = struct.unpack_from("<I", body)
                if position >= len(stream):
                    raise DamagedError
                sheets.append(position)
        return sheets


def _check_dimensions(body: bytes) -> None:
    """The room calamine reserves for a sheet, with its 32-bit arithmetic."""
    if len(body) == 10:
        first_row, last_row, first_column, last_column = struct.unpack_from("<HHHH", body)
    elif len(body) == 14:
        first_row, last_row, first_column, last_column = struct.unpack_from("<IIHH", body)
    else:
        return
    if last_row >= 1 and last_column >= 1:
        end_row, end_column = last_row - 1, last_column - 1
    else:
        end_row, end_column = first_row, first_column
    rows = (end_row - first_row + 1) % 2**32
    columns = (end_column - first_column + 1) % 2**32
    if rows * columns > MAX_CELLS:
        raise TooLargeError
