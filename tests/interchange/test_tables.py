"""read_table: CSV in the encodings and delimiters Excel writes, XLSX with typed cells."""

import io
from datetime import date, datetime, time
from pathlib import Path

import openpyxl
import pytest

from delegation.domain.errors import FileRefusedError
from delegation.interchange.table_rows import MAX_ROWS
from delegation.interchange.tables import Row, read_table, sheet_names


def _write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _workbook_bytes(sheets: dict[str, list[list]]) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_cp1252_french_file_with_semicolons_and_accents(tmp_path):
    text = "Nom;Prénom;Société\r\nLefèvre;François;Cœur & Cie\r\nGarçon;Zoé;Œuvre\r\n"
    data = text.encode("cp1252")
    assert b"\x9c" in data  # œ is 0x9C in Windows-1252: not valid UTF-8
    table = read_table(_write(tmp_path, "inscrits.csv", data))
    assert table.headers == ("Nom", "Prénom", "Société")
    assert table.header_line == 1
    assert table.rows == (
        Row(2, ("Lefèvre", "François", "Cœur & Cie")),
        Row(3, ("Garçon", "Zoé", "Œuvre")),
    )


def test_utf8_with_bom_and_commas(tmp_path):
    data = "\ufeffLast name,Email\nDurand,a@b.fr\n".encode()
    table = read_table(_write(tmp_path, "list.csv", data))
    assert table.headers == ("Last name", "Email")  # no BOM glued to the first header
    assert table.rows == (Row(2, ("Durand", "a@b.fr")),)


def test_tab_delimited(tmp_path):
    data = b"nom\tprenom\tnotes\nMartin\tLea\tavec, virgule; et point-virgule\n"
    table = read_table(_write(tmp_path, "list.txt", data))
    assert table.headers == ("nom", "prenom", "notes")
    assert table.rows[0].cells == ("Martin", "Lea", "avec, virgule; et point-virgule")


def test_delimiters_inside_quoted_headers_are_not_counted(tmp_path):
    data = b'"Nom, pr\xc3\xa9nom";"Email, pro";Ville\nA B;a@b;Lyon\n'
    table = read_table(_write(tmp_path, "x.csv", data))
    assert table.headers == ("Nom, prénom", "Email, pro", "Ville")


def test_quoted_field_with_newline_keeps_later_line_numbers(tmp_path):
    data = b'Nom;Notes\r\nDupont;"first line\r\nsecond; line\r\nthird"\r\n\r\nMartin;plain\r\n'
    table = read_table(_write(tmp_path, "x.csv", data))
    assert table.rows == (
        Row(2, ("Dupont", "first line\nsecond; line\nthird")),
        Row(6, ("Martin", "plain")),
    )


def test_blank_lines_before_header_and_blank_rows_are_skipped(tmp_path):
    data = b"\n;;\nNom;Email;\nA;a@x\n;;\n  ; \nB;b@x;extra;more\n"
    table = read_table(_write(tmp_path, "x.csv", data))
    assert table.header_line == 3
    assert table.headers == ("Nom", "Email")  # the trailing empty header is dropped
    assert table.rows == (Row(4, ("A", "a@x")), Row(7, ("B", "b@x")))


def test_short_rows_are_padded_and_cells_stripped(tmp_path):
    data = b"a,b,c\n  x  ,\n"
    table = read_table(_write(tmp_path, "x.csv", data))
    assert table.rows == (Row(2, ("x", None, None)),)


def test_one_column_file_never_splits_its_cells(tmp_path):
    data = b"Email\nx@y.fr\nDupont, Jean; et al\n"
    table = read_table(_write(tmp_path, "x.csv", data))
    assert table.headers == ("Email",)
    assert [row.cells for row in table.rows] == [("x@y.fr",), ("Dupont, Jean; et al",)]


def test_excel_sep_line_sets_the_delimiter(tmp_path):
    data = b"sep=,\r\nName;x,Email\r\nA;b,a@b\r\n"
    table = read_table(_write(tmp_path, "x.csv", data))
    assert table.headers == ("Name;x", "Email")
    assert table.header_line == 2
    assert table.rows == (Row(3, ("A;b", "a@b")),)


def test_unclosed_quote_is_refused_at_its_line(tmp_path):
    data = b'Nom;Notes\nA;ok\nB;"never closed\nC;lost\n'
    with pytest.raises(FileRefusedError) as refused:
        read_table(_write(tmp_path, "x.csv", data))
    assert str(refused.value) == f"{tmp_path / 'x.csv'}:3: a quoted field is never closed"


def test_display_name_is_used_in_messages(tmp_path):
    path = _write(tmp_path, "tmp123.csv", b"")
    with pytest.raises(FileRefusedError) as refused:
        read_table(path, display_name="inscrits.csv")
    assert str(refused.value) == "inscrits.csv: the file is empty"
    assert refused.value.location == "inscrits.csv"


@pytest.mark.parametrize("data", [b"", b"   \r\n\r\n", b"\xef\xbb\xbf", b";;;\n,,\n"])
def test_empty_files_are_refused(tmp_path, data):
    with pytest.raises(FileRefusedError, match="the file is empty"):
        read_table(_write(tmp_path, "x.csv", data))


def test_binary_file_is_refused(tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(64)
    with pytest.raises(FileRefusedError, match="not a spreadsheet"):
        read_table(_write(tmp_path, "photo.csv", png))


def test_bytes_undefined_in_windows_1252_are_refused(tmp_path):
    with pytest.raises(FileRefusedError, match="unknown text encoding"):
        read_table(_write(tmp_path, "data.csv", b"Nom;Pr\x81nom\nA;B\n"))


def test_compound_file_header_without_a_workbook_is_refused_as_damaged(tmp_path):
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    with pytest.raises(FileRefusedError) as refused:
        read_table(_write(tmp_path, "old.xls", data))
    assert refused.value.reason == "the workbook is damaged or truncated"


FIXTURES = Path(__file__).parent / "fixtures"
# The same sheet saved by LibreOffice as .xls and .ods (see fixtures/make_fixtures.py).
SCRIPTS = [
    Row(3, ("王", "小明", "wang.xiaoming@example.cn", datetime(1984, 2, 29),
            datetime(2027, 3, 4, 18, 45), time(9, 30), 2, True, "北京 – 塔林")),
    Row(4, ("כהן", "נועה", "noa.cohen@example.il", datetime(1990, 12, 31),
            datetime(2027, 3, 5, 7, 5), time(14, 0), 1, False, "שלום")),
    Row(6, ("الحسيني", "ليلى", "layla@example.jo", datetime(1975, 7, 14),
            datetime(2027, 3, 4), time(23, 59), 3, True, "مرحبا")),
    Row(7, ("Παπαδόπουλος", "Ελένη", "eleni@example.gr", datetime(2001, 1, 1),
            datetime(2027, 3, 6, 12), time(0, 15), 1, False, "Καλημέρα")),
    Row(8, ("Õunapuu", "Jüri", "juri.ounapuu@example.ee", datetime(1966, 6, 23),
            datetime(2027, 3, 4, 21, 30), time(8, 0), 4, True, "Tere, Tõnu ja Ülle")),
]  # fmt: skip


@pytest.mark.parametrize("suffix", [".xlsx", ".xls", ".ods"])
def test_workbooks_of_each_format_read_alike(suffix):
    table = read_table(FIXTURES / f"inscrits-scripts{suffix}")
    assert table.headers == (
        "Nom", "Prénom", "Courriel", "Date de naissance", "Arrivée", "Heure", "Places",
        "Confirmé", "Remarques",
    )  # fmt: skip
    assert table.header_line == 2  # the empty first row still counts, as on screen
    assert table.rows == tuple(SCRIPTS)
    assert [type(cell) for cell in table.rows[0].cells[3:7]] == [datetime, datetime, time, int]
    assert (table.sheet, table.sheets) == ("Inscrits", ("Inscrits", "Programme"))


@pytest.mark.parametrize("suffix", [".xls", ".ods"])
def test_old_excel_and_opendocument_sheets_by_name(tmp_path, suffix):
    # Named by content, not by suffix: a workbook saved under another name is still read.
    path = _write(tmp_path, "export.csv", (FIXTURES / f"inscrits-scripts{suffix}").read_bytes())
    assert sheet_names(path) == ("Inscrits", "Programme")
    table = read_table(path, sheet="programme")
    assert table.headers == ("Date", "Début", "Titre")
    assert table.rows == (Row(2, (datetime(2027, 3, 4), time(9, 30), "Visite du port de Tallinn")),)


def test_cells_off_the_first_column_keep_their_columns_and_rows(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["C4"], sheet["D4"], sheet["D6"] = "Nom", "Prénom", "Zoé"
    sheet["C7"] = 12.5
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table(_write(tmp_path, "x.xlsx", buffer.getvalue()))
    assert table.headers == ("", "", "Nom", "Prénom")
    assert table.rows == (Row(6, (None, None, None, "Zoé")), Row(7, (None, None, 12.5, None)))


def test_missing_file_and_folder_are_refused(tmp_path):
    with pytest.raises(FileRefusedError, match="no such file"):
        read_table(tmp_path / "absent.csv")
    with pytest.raises(FileRefusedError, match="folder"):
        read_table(tmp_path)


def test_utf16_text_export_is_read(tmp_path):
    data = "Nom\tPrénom\nÉlise\tZoé\n".encode("utf-16")
    table = read_table(_write(tmp_path, "unicode.txt", data))
    assert table.rows == (Row(2, ("Élise", "Zoé")),)


def test_xlsx_keeps_cell_types_and_sheet_row_numbers(tmp_path):
    data = _workbook_bytes(
        {
            "Notes": [["nothing here"]],
            "Programme": [
                [None],
                ["Date", "Début", "Titre", "Places", None, None],
                [datetime(2027, 3, 4), time(9, 30), "  Visite  ", 12],
                [None, None, None],
                [date(2027, 3, 5), time(14, 0), "Déjeuner", 2.5],
            ],
        }
    )
    table = read_table(_write(tmp_path, "agenda.xlsx", data), sheet="Programme")
    assert table.headers == ("Date", "Début", "Titre", "Places")
    assert table.header_line == 2
    first, second = table.rows
    assert first == Row(3, (datetime(2027, 3, 4), time(9, 30), "Visite", 12))
    assert second.line == 5
    assert second.cells[0] == datetime(2027, 3, 5)  # Excel stores every date as a datetime
    assert second.cells[3] == 2.5


def test_xlsx_first_sheet_by_default_and_sheet_names_loosely(tmp_path):
    data = _workbook_bytes({"Inscrits": [["Nom"], ["A"]], "Autre": [["X"], ["Y"]]})
    path = _write(tmp_path, "book.xlsx", data)
    assert read_table(path).headers == ("Nom",)
    assert read_table(path, sheet=" autre ").headers == ("X",)


def test_xlsx_unknown_sheet_names_the_sheets_available(tmp_path):
    data = _workbook_bytes({"Inscrits": [["Nom"]], "Agenda": [["Date"]]})
    with pytest.raises(FileRefusedError) as refused:
        read_table(_write(tmp_path, "book.xlsx", data), sheet="Programme")
    assert "Programme" in refused.value.reason
    assert "Inscrits" in refused.value.reason and "Agenda" in refused.value.reason


def test_xlsx_detected_by_content_whatever_the_suffix(tmp_path):
    data = _workbook_bytes({"S": [["Nom"], ["A"]]})
    assert read_table(_write(tmp_path, "export.csv", data)).rows == (Row(2, ("A",)),)


def test_empty_sheet_is_refused(tmp_path):
    data = _workbook_bytes({"Vide": []})
    with pytest.raises(FileRefusedError, match="empty"):
        read_table(_write(tmp_path, "book.xlsx", data))


def test_truncated_xlsx_is_refused(tmp_path):
    data = _workbook_bytes({"S": [["Nom"], ["A"]]})
    with pytest.raises(FileRefusedError, match="damaged or truncated"):
        read_table(_write(tmp_path, "x.xlsx", data[: len(data) // 2]))


def test_zip_that_is_not_a_workbook_is_refused(tmp_path):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    with pytest.raises(FileRefusedError, match="not a spreadsheet"):
        read_table(_write(tmp_path, "x.xlsx", buffer.getvalue()))


def test_text_named_xlsx_is_read_as_csv(tmp_path):
    table = read_table(_write(tmp_path, "x.xlsx", b"Nom;Email\nA;a@b\n"))
    assert table.rows == (Row(2, ("A", "a@b")),)


def test_the_apostrophe_of_a_neutralised_cell_is_taken_off(tmp_path):
    path = tmp_path / "back.csv"
    path.write_text("Nom;Notes\nTamm;'=HYPERLINK(\"x\")\nSaar;'+372 5555 0101\nKask;'ok\n")
    table = read_table(path)
    assert [row.cells[1] for row in table.rows] == ['=HYPERLINK("x")', "+372 5555 0101", "'ok"]


def test_a_text_constant_formula_is_read_as_its_text(tmp_path):
    # Our exports write ="0612345678"; LibreOffice Calc saves it back as it is by default.
    path = tmp_path / "back.csv"
    path.write_text(
        'Nom;Tel;Notes\nTamm;"=""0612345678""";"=""Il dit """"oui"""""""\n'
        'Saar;="+372 5555";="a"&"b"\nKask;=A1;"=""x"\n',
        encoding="utf-8",
    )
    table = read_table(path)
    assert [row.cells[1:] for row in table.rows] == [
        ("0612345678", 'Il dit "oui"'),
        ("+372 5555", '="a"&"b"'),  # more than one constant: left as it is
        ("=A1", '="x'),
    ]


def test_a_file_past_the_limits_is_refused_naming_the_limit(tmp_path):
    wide = tmp_path / "wide.csv"
    wide.write_text(";".join(f"C{i}" for i in range(1001)) + "\n" + "x;" * 1000 + "x\n")
    with pytest.raises(FileRefusedError, match="1001 columns: more than 1000 are not read"):
        read_table(wide)
    long = tmp_path / "long.csv"
    long.write_text("Nom;Prénom\nDupont;" + "J" * 20_000 + "\n", encoding="utf-8")
    with pytest.raises(FileRefusedError) as refused:
        read_table(long)
    assert str(refused.value).endswith(
        "long.csv:2: column 2: a value of 20000 characters; the longest read is 10000"
    )


def test_lines_ended_by_a_lone_carriage_return_are_records(tmp_path):
    data = b'Nom;Notes\rDupont;"one\rtwo"\rMartin;plain\r'
    table = read_table(_write(tmp_path, "old-mac.csv", data))
    assert table.rows == (Row(2, ("Dupont", "one\rtwo")), Row(4, ("Martin", "plain")))


def test_a_file_past_the_row_limit_is_refused_naming_it(tmp_path):
    data = b"Nom;Pr\xc3\xa9nom\n" + b"Tamm;Kadri\n" * (MAX_ROWS + 1)
    with pytest.raises(FileRefusedError, match=f"more than {MAX_ROWS} rows are not read"):
        read_table(_write(tmp_path, "directory.csv", data))
