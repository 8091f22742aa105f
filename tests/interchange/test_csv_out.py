"""CSV export read back with the standard library."""

import csv
import io
from datetime import date, datetime, time

import pytest

from delegation.interchange.csv_out import protected_text, write_csv
from delegation.interchange.tables import read_table

HEADERS = ["Nom", "Prénom", "Note"]
ROWS = [
    ["Nicolaï", "Élodie", "Œuvre d'art; « vitrail »"],
    ["Järvelill", "Tõnis", None],
    ["=SUM(A1)", "-5", 12],
    ["Multi\nligne", '"cité"', date(2023, 5, 8)],
]


def _read(path, delimiter=","):
    data = path.read_bytes()
    return data, list(
        csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter)
    )


def test_accents_survive_behind_a_bom(tmp_path):
    target = tmp_path / "participants.csv"
    write_csv(target, HEADERS, ROWS)
    data, rows = _read(target)
    assert data.startswith(b"\xef\xbb\xbf")
    assert rows[0] == HEADERS
    assert rows[1] == ["Nicolaï", "Élodie", "Œuvre d'art; « vitrail »"]
    assert rows[2] == ["Järvelill", "Tõnis", ""]


def test_lines_end_with_crlf(tmp_path):
    target = tmp_path / "participants.csv"
    write_csv(target, ["a"], [["1"], ["2"]])
    assert target.read_bytes() == b"\xef\xbb\xbfa\r\n1\r\n2\r\n"


def test_formulas_become_text_constants_and_values_are_kept(tmp_path):
    target = tmp_path / "participants.csv"
    write_csv(target, HEADERS, ROWS)
    data, rows = _read(target)
    assert rows[3] == ['="=SUM(A1)"', "-5", "12"]
    assert rows[4] == ["Multi\nligne", '"cité"', "2023-05-08"]
    assert b'"=""=SUM(A1)"""' in data  # quoted, as it holds quotes
    # Whatever a spreadsheet evaluates is a text constant, never a live formula.
    formulas = [cell for row in rows for cell in row if cell.startswith(("=", "+", "@", "-"))]
    assert formulas == ['="=SUM(A1)"', "-5"]


# The values organisers lose when a spreadsheet opens a CSV file, and how each is written.
PROTECTED = [
    ("0612345678", '="0612345678"'),  # leading zero
    ("000123456", '="000123456"'),  # a passport number
    ("612345678901", '="612345678901"'),  # 6.12346E+11 in Excel
    ("1/2", '="1/2"'),  # a date or a fraction
    ("3-4", '="3-4"'),
    ("12:30", '="12:30"'),
    ("+33 6 12 34 56 78", '="+33 6 12 34 56 78"'),
    ('=HYPERLINK("x")', '="=HYPERLINK(""x"")"'),
    ("May 5", '="May 5"'),
    ("TRUE", '="TRUE"'),
    ("1.50", '="1.50"'),
    ("06 12 34 56 78", "06 12 34 56 78"),  # pairs of digits are no number: kept as text
    ("061 234 567", '="061 234 567"'),  # but thousands are
    ("12", "12"),  # comes back as written
    ("-5", "-5"),
    ("Tamm", "Tamm"),
    ("Mars", "Mars"),  # a month alone stays text
    ("=" + "x" * 300, "'=" + "x" * 300),  # too long for a formula: the apostrophe
    ("+1\n+2", "'+1\n+2"),  # a formula cannot hold a line break
]


@pytest.mark.parametrize(("value", "written"), PROTECTED)
def test_text_a_spreadsheet_would_change_is_protected(value, written):
    assert protected_text(value) == written


def test_protected_cells_read_back_as_written_by_our_importer(tmp_path):
    target = tmp_path / "participants.csv"
    values = [value for value, _ in PROTECTED]
    write_csv(target, ["Value"], [[value] for value in values], delimiter=";")
    table = read_table(target)
    assert [row.cells[0] for row in table.rows] == values


def test_a_cell_holding_any_delimiter_is_quoted(tmp_path):
    # Calc splits on comma, semicolon and tab together unless told otherwise.
    target = tmp_path / "participants.csv"
    write_csv(target, ["Groups", "Notes"], [["A, B", "x;y"], ["A\tB", "plain"]], delimiter=";")
    lines = target.read_bytes().decode("utf-8-sig").split("\r\n")
    assert lines[1:3] == ['"A, B";"x;y"', '"A\tB";plain']


def test_dates_take_the_format_and_stay_dates(tmp_path):
    target = tmp_path / "participants.csv"
    write_csv(
        target,
        ["Day", "At", "Hour"],
        [[date(1985, 7, 20), datetime(2024, 7, 20, 9, 5), time(14, 30)]],
        date_format="%d/%m/%Y",
    )
    _, rows = _read(target)
    assert rows[1] == ["20/07/1985", "20/07/2024 09:05", "14:30"]


def test_semicolon_delimiter_when_asked(tmp_path):
    target = tmp_path / "participants.csv"
    write_csv(target, HEADERS, ROWS, delimiter=";")
    data, rows = _read(target, delimiter=";")
    assert data.decode("utf-8-sig").splitlines()[0] == "Nom;Prénom;Note"
    assert rows[1] == ["Nicolaï", "Élodie", "Œuvre d'art; « vitrail »"]


def test_rows_may_be_a_generator(tmp_path):
    target = tmp_path / "participants.csv"
    write_csv(target, ["n"], ([str(n)] for n in range(3)))
    _, rows = _read(target)
    assert rows == [["n"], ["0"], ["1"], ["2"]]
