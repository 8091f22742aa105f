"""CSV export read back with the standard library."""

import csv
import io
from datetime import date

from delegation.interchange.csv_out import write_csv

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


def test_formulas_are_neutralised_and_values_kept(tmp_path):
    target = tmp_path / "participants.csv"
    write_csv(target, HEADERS, ROWS)
    _, rows = _read(target)
    assert rows[3] == ["'=SUM(A1)", "-5", "12"]
    assert rows[4] == ["Multi\nligne", '"cité"', "2023-05-08"]
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)


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
