"""Whatever bytes a user drops on the importer: a Table or a FileRefusedError, nothing else."""

import io
import re
import zipfile
from datetime import datetime, time
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from delegation.domain.errors import FileRefusedError
from delegation.interchange.tables import Table, read_table

FAST = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

VALID_CSV = (
    "Nom;Prénom;E-mail;Notes\r\n"
    'Lefèvre;François;f@x.fr;"deux\r\nlignes; et ""guillemets"""\r\n'
    "\r\n"
    "Garçon;Zoé;z@x.fr;Cœur\r\n"
).encode("cp1252")


def _workbook() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Inscrits"
    sheet.append(["Nom", "Date", "Heure", "Nombre"])
    sheet.append(["Dupont", datetime(2027, 3, 4), time(9, 30), 3])
    sheet.append(["Martin", datetime(2027, 3, 5), time(14, 0), 2.5])
    workbook.create_sheet("Autre").append(["x"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _rezipped(data: bytes, change=lambda name, content: content) -> bytes:
    """The same workbook stored uncompressed, so that mutations reach the XML itself."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as target,
    ):
        for name in source.namelist():
            target.writestr(name, change(name, source.read(name)))
    return buffer.getvalue()


VALID_XLSX = _workbook()
STORED_XLSX = _rezipped(VALID_XLSX)
FIXTURES = Path(__file__).parent / "fixtures"
VALID_XLS = (FIXTURES / "inscrits-scripts.xls").read_bytes()
STORED_ODS = _rezipped((FIXTURES / "inscrits-scripts.ods").read_bytes())


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("robustness")


def _read(folder, data: bytes, name: str = "input.csv"):
    path = folder / name
    path.write_bytes(data)
    try:
        table = read_table(path)
    except FileRefusedError as refused:
        assert str(refused).startswith(str(path))
        assert "\n" not in str(refused)  # one line, as the spec asks
        return refused
    _check(table)
    return table


def _check(table: Table) -> None:
    assert table.headers and table.headers[-1]
    assert all(isinstance(header, str) for header in table.headers)
    previous = table.header_line
    for row in table.rows:
        assert len(row.cells) == len(table.headers)
        assert any(cell is not None for cell in row.cells)
        assert row.line > previous
        previous = row.line


@st.composite
def mutated(draw, base: bytes) -> bytes:
    """The base file with a few bytes flipped, cut out, inserted, or its end cut off."""
    data = bytearray(base)
    for _ in range(draw(st.integers(1, 4))):
        if not data:
            break
        position = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "delete", "insert", "truncate"]))
        if action == "flip":
            data[position] = draw(st.integers(0, 255))
        elif action == "delete":
            del data[position : position + draw(st.integers(1, 16))]
        elif action == "insert":
            data[position:position] = draw(st.binary(min_size=1, max_size=8))
        else:
            del data[position:]
    return bytes(data)


ENCODINGS = ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16", "utf-16-le", "mac_roman"]


@FAST
@given(st.binary(max_size=2000))
def test_random_bytes(folder, data):
    _read(folder, data)


@FAST
@given(st.binary(max_size=500))
def test_random_bytes_behind_a_zip_signature(folder, data):
    _read(folder, b"PK\x03\x04" + data, "input.xlsx")


@FAST
@given(st.text(max_size=300), st.sampled_from(ENCODINGS))
def test_random_text_in_random_encodings(folder, text, encoding):
    _read(folder, text.encode(encoding, errors="replace"))


@FAST
@given(
    st.lists(
        st.lists(st.text(alphabet=st.sampled_from('ab é;,\t"\r\n'), max_size=6), max_size=5),
        max_size=6,
    ),
    st.sampled_from([";", ",", "\t"]),
)
def test_spreadsheet_like_text(folder, records, delimiter):
    text = "\r\n".join(delimiter.join(cells) for cells in records)
    _read(folder, text.encode("utf-8"))


@FAST
@given(mutated(VALID_CSV))
def test_mutated_csv(folder, data):
    _read(folder, data)


@FAST
@given(mutated(VALID_XLSX))
def test_mutated_xlsx(folder, data):
    _read(folder, data, "input.xlsx")


@FAST
@given(mutated(STORED_XLSX))
def test_mutated_uncompressed_xlsx(folder, data):
    _read(folder, data, "input.xlsx")


@FAST
@given(mutated(VALID_XLS))
def test_mutated_xls(folder, data):
    _read(folder, data, "input.xls")


@FAST
@given(mutated(STORED_ODS))
def test_mutated_uncompressed_ods(folder, data):
    _read(folder, data, "input.ods")


@FAST
@given(st.data())
def test_xls_with_odd_numbers_in_its_records(folder, data):
    """Sizes, positions and counts overwritten where BIFF records keep them."""
    forged = bytearray(VALID_XLS)
    for _ in range(data.draw(st.integers(1, 3))):
        position = data.draw(st.integers(0, len(forged) - 4))
        value = data.draw(
            st.sampled_from([0, 1, 255, 256, 4095, 4096, 65535, 2**31 - 1, 2**32 - 1])
        )
        forged[position : position + 4] = value.to_bytes(4, "little")
    _read(folder, bytes(forged), "input.xls")


@FAST
@given(st.data())
def test_xlsx_with_mutated_xml_in_a_sound_zip(folder, data):
    member = data.draw(
        st.sampled_from(
            [
                "xl/worksheets/sheet1.xml",
                "xl/workbook.xml",
                "xl/styles.xml",
                "xl/_rels/workbook.xml.rels",
                "[Content_Types].xml",
            ]
        )
    )
    with zipfile.ZipFile(io.BytesIO(VALID_XLSX)) as archive:
        original = archive.read(member)
    replacement = data.draw(mutated(original))
    workbook = _rezipped(
        VALID_XLSX, lambda name, content: replacement if name == member else content
    )
    _read(folder, workbook, "input.xlsx")


@st.composite
def retyped(draw, xml: bytes) -> bytes:
    """Well-formed XML with one attribute value or text node replaced: reaches the code that
    converts values (numbers, dates, shared-string indexes, cell references)."""
    slots = [match.span(1) for match in re.finditer(rb'="([^"]*)"', xml)]
    slots += [match.span(1) for match in re.finditer(rb">([^<]+)<", xml)]
    start, end = draw(st.sampled_from(slots))
    value = draw(st.text(alphabet="0123456789-:.TZAEe+ xé", max_size=12))
    return xml[:start] + escape(value, {'"': "&quot;"}).encode() + xml[end:]


@FAST
@given(st.data())
def test_xlsx_with_odd_values_in_well_formed_xml(folder, data):
    member = data.draw(st.sampled_from(["xl/worksheets/sheet1.xml", "xl/workbook.xml"]))
    with zipfile.ZipFile(io.BytesIO(VALID_XLSX)) as archive:
        original = archive.read(member)
    replacement = data.draw(retyped(original))
    workbook = _rezipped(
        VALID_XLSX, lambda name, content: replacement if name == member else content
    )
    _read(folder, workbook, "input.xlsx")


@pytest.mark.parametrize("cut", [4, 30, 100, 1000, -200, -22, -1])
def test_truncated_xlsx_is_refused(folder, cut):
    refused = _read(folder, VALID_XLSX[:cut], "input.xlsx")
    assert isinstance(refused, FileRefusedError)
    assert refused.reason == "the workbook is damaged or truncated"


def test_forged_row_number_is_read_without_filling_a_million_rows(folder):
    def forge(name: str, content: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            return re.sub(rb'r="([A-Z]*)3"', rb'r="\g<1>900000"', content)
        return content

    table = _read(folder, _rezipped(VALID_XLSX, forge), "input.xlsx")
    assert isinstance(table, Table)
    assert table.rows[-1].line == 900000


def test_more_rows_than_excel_allows_is_refused(folder):
    def forge(name: str, content: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            return re.sub(rb'r="([A-Z]*)3"', rb'r="\g<1>2000000"', content)
        return content

    refused = _read(folder, _rezipped(VALID_XLSX, forge), "input.xlsx")
    assert isinstance(refused, FileRefusedError)


def test_binary_file_with_png_header(folder):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(100) + b"IEND\xaeB`\x82"
    refused = _read(folder, png, "photo.csv")
    assert isinstance(refused, FileRefusedError)
    assert refused.reason == "not a spreadsheet (CSV or XLSX)"


def test_empty_file(folder):
    refused = _read(folder, b"", "inscrits.csv")
    assert isinstance(refused, FileRefusedError)
    assert refused.reason == "the file is empty"


def test_huge_unclosed_quote_is_refused(folder):
    refused = _read(folder, b'Nom;Notes\nA;"' + b"x" * 200_000 + b"\n")
    assert isinstance(refused, FileRefusedError)
    assert "quoted field" in refused.reason
