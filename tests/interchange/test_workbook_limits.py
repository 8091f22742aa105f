"""Small files forged to make the workbook reader allocate gigabytes are refused first."""

import io
import re
import struct
import zipfile
from pathlib import Path

import openpyxl
import pytest

from delegation.domain.errors import FileRefusedError
from delegation.interchange import zip_limits
from delegation.interchange.tables import read_table

FIXTURES = Path(__file__).parent / "fixtures"
TOO_LARGE = "the workbook is too large to read"


def _xlsx(change=lambda name, content: content, extra: dict[str, bytes] | None = None) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["Nom", "Prénom"])
    workbook.active.append(["Tamm", "Kadri"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for name in source.namelist():
            target.writestr(name, change(name, source.read(name)))
        for name, content in (extra or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def _refusal(tmp_path, data: bytes, name: str = "forged.xlsx") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(FileRefusedError) as refused:
        read_table(path)
    assert "\n" not in str(refused.value)
    return refused.value.reason


def _sheet(change):
    return lambda name, content: change(content) if name == "xl/worksheets/sheet1.xml" else content


def test_cells_in_opposite_corners_of_the_grid(tmp_path):
    # Five kilobytes that would make the reader lay out 17 billion cells.
    data = _xlsx(_sheet(lambda xml: xml.replace(b'r="B2"', b'r="XFD1048576"')))
    assert len(data) < 10_000
    assert _refusal(tmp_path, data) == TOO_LARGE


def test_cells_placed_without_references_are_counted_too(tmp_path):
    def forge(xml: bytes) -> bytes:
        # The second row's cells lose their references: calamine places them one after
        # the other, from a first cell forged far to the right and down.
        xml = xml.replace(b'<c r="A2"', b'<c r="XFA900000"').replace(b'<c r="B2"', b"<c")
        return xml.replace(b'<row r="2"', b'<row r="900000"')

    data = _xlsx(_sheet(forge))
    assert _refusal(tmp_path, data) == TOO_LARGE


def test_a_cell_naming_two_places(tmp_path):
    # Not well-formed XML, yet calamine reads it and takes the second place.
    data = _xlsx(_sheet(lambda xml: xml.replace(b'<c r="B2"', b'<c r="B2" r="XFD1048576"')))
    assert _refusal(tmp_path, data) == "the workbook is damaged or truncated"


def test_a_cell_beyond_the_last_excel_row(tmp_path):
    data = _xlsx(_sheet(lambda xml: xml.replace(b'r="B2"', b'r="B99999999999"')))
    assert _refusal(tmp_path, data) == "more rows or columns than a spreadsheet can have"


def test_millions_of_shared_strings(tmp_path):
    strings = b"<sst xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main'>"
    strings += b"<si><t>x</t></si>" * 2_500_000 + b"</sst>"
    data = _xlsx(extra={"xl/sharedStrings.xml": strings})
    assert len(data) < 1_000_000  # a few hundred kilobytes of zip
    assert _refusal(tmp_path, data) == TOO_LARGE


def test_what_a_zip_unpacks_to_is_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(zip_limits, "MAX_UNPACKED_BYTES", 1_000_000)
    data = _xlsx(extra={"xl/media/padding.bin": bytes(2_000_000)})
    assert _refusal(tmp_path, data) == TOO_LARGE


def test_a_member_larger_than_its_declared_size(tmp_path):
    data = bytearray(_xlsx())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        member = archive.getinfo("xl/worksheets/sheet1.xml")
    # Halve the size the central directory gives: the inflated bytes no longer fit it.
    for match in re.finditer(rb"PK\x01\x02", bytes(data)):
        start = match.start()
        (name_length,) = struct.unpack_from("<H", data, start + 28)
        if data[start + 46 : start + 46 + name_length] == b"xl/worksheets/sheet1.xml":
            struct.pack_into("<I", data, start + 24, member.file_size // 2)
    assert _refusal(tmp_path, bytes(data)) == "the workbook is damaged or truncated"


def test_an_opendocument_cell_repeated_over_the_whole_grid(tmp_path):
    data = (FIXTURES / "inscrits-scripts.ods").read_bytes()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "content.xml":
                # The header row, a million times over, each of its cells sixteen times.
                content = content.replace(
                    b'<table:table-row table:style-name="ro1"><table:table-cell '
                    b'office:value-type="string"',
                    b'<table:table-row table:style-name="ro1" table:number-rows-repeated="1000000">'
                    b'<table:table-cell table:number-columns-repeated="16" '
                    b'office:value-type="string"',
                    1,
                )
            target.writestr(info, content)
    assert _refusal(tmp_path, out.getvalue(), "forged.ods") == TOO_LARGE


def _xls_with(change) -> bytes:
    data = bytearray((FIXTURES / "inscrits-scripts.xls").read_bytes())
    change(data)
    return bytes(data)


def _records(data: bytearray, kind: int, length: int) -> list[int]:
    """Offsets in the file of the BIFF records of this kind and length."""
    return [m.start() for m in re.finditer(re.escape(struct.pack("<HH", kind, length)), data)]


def test_an_old_excel_cell_far_away(tmp_path):
    def forge(data: bytearray) -> None:
        last = _records(data, 0x00FD, 10)[-1]  # a LABELSST, the last text cell
        struct.pack_into("<HH", data, last + 4, 65535, 65535)

    assert _refusal(tmp_path, _xls_with(forge), "forged.xls") == TOO_LARGE


def test_an_old_excel_sheet_announcing_a_huge_size(tmp_path):
    def forge(data: bytearray) -> None:
        for at in _records(data, 0x0200, 14):  # DIMENSIONS: rows first, last; columns
            struct.pack_into("<IIHH", data, at + 4, 0, 65536, 0, 16384)

    assert _refusal(tmp_path, _xls_with(forge), "forged.xls") == TOO_LARGE


def test_an_old_excel_shared_string_count_forged(tmp_path):
    def forge(data: bytearray) -> None:
        at = data.find(struct.pack("<H", 0x00FC))  # the SST record: total, then unique
        while struct.unpack_from("<H", data, at + 2)[0] < 8:
            at = data.find(struct.pack("<H", 0x00FC), at + 1)
        struct.pack_into("<i", data, at + 8, 2_000_000_000)

    assert _refusal(tmp_path, _xls_with(forge), "forged.xls") == TOO_LARGE


def test_a_compound_file_that_is_not_a_workbook(tmp_path):
    def forge(data: bytearray) -> None:
        at = data.find("Workbook".encode("utf-16-le"))
        data[at : at + 16] = "Document".encode("utf-16-le")

    assert _refusal(tmp_path, _xls_with(forge), "letter.doc") == "not a spreadsheet (CSV or XLSX)"


def test_a_binary_excel_workbook_is_refused_with_advice(tmp_path):
    data = _xlsx(extra={"xl/workbook.bin": b"\x83\x01\x00"})
    assert ".xlsb" in _refusal(tmp_path, data)
