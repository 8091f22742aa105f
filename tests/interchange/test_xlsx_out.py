"""XLSX export read back with openpyxl's ordinary reader."""

from datetime import date, datetime, time

import pytest
from openpyxl import load_workbook

from delegation.interchange.xlsx_out import Sheet, sheet_title, write_xlsx

HEADERS = ["Nom", "Prénom", "Arrivée", "Vol", "Heure", "Âge", "VIP", "Note"]
ROWS = [
    [
        "Nicolaï",
        "Élodie",
        date(2023, 5, 8),
        datetime(2023, 5, 8, 9, 30),
        time(9, 0),
        41,
        True,
        None,
    ],
    ["Järvelill", "Tõnis", None, None, None, 2.5, False, "=SUM(A1)"],
    ["Œuvre", "+33 6 12", None, None, None, None, None, "@cmd\x01 x"],
]


@pytest.fixture
def workbook(tmp_path):
    target = tmp_path / "participants.xlsx"
    write_xlsx(
        target,
        [
            Sheet("Participants", HEADERS, ROWS),
            Sheet("Hôtel: [Old Town]?", ["A"], [], "YYYY-MM-DD"),
        ],
    )
    return load_workbook(target)


def test_header_is_bold_frozen_and_filtered(workbook):
    sheet = workbook["Participants"]
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert all(cell.font.bold for cell in sheet[1])
    assert not any(cell.font.bold for cell in sheet[2])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:H4"


def test_accents_and_values_come_back(workbook):
    rows = list(workbook["Participants"].iter_rows(min_row=2, values_only=True))
    assert rows[0][:2] == ("Nicolaï", "Élodie")
    assert rows[1][:2] == ("Järvelill", "Tõnis")
    assert rows[0][5:7] == (41, True)
    assert rows[1][5:7] == (2.5, False)
    assert rows[0][7] is None


def test_dates_are_real_dates_with_the_format(workbook):
    sheet = workbook["Participants"]
    arrival, flight, hour = sheet["C2"], sheet["D2"], sheet["E2"]
    assert arrival.is_date and arrival.value == datetime(2023, 5, 8)
    assert arrival.number_format == "DD/MM/YYYY"
    assert flight.is_date and flight.value == datetime(2023, 5, 8, 9, 30)
    assert flight.number_format == "DD/MM/YYYY HH:MM"
    assert hour.value == time(9, 0) and hour.number_format == "HH:MM"


def test_formula_like_text_stays_text(workbook):
    sheet = workbook["Participants"]
    assert sheet["H3"].value == "=SUM(A1)" and sheet["H3"].data_type == "s"
    assert sheet["B4"].value == "+33 6 12"
    assert sheet["H4"].value == "@cmd x"  # the control character XML cannot carry is dropped
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_columns_are_sized_from_their_text(workbook):
    sheet = workbook["Participants"]
    assert sheet.column_dimensions["A"].width == 11  # "Järvelill" plus padding
    assert sheet.column_dimensions["G"].width == 8  # the minimum


def test_long_text_caps_the_width(tmp_path):
    target = tmp_path / "long.xlsx"
    write_xlsx(target, [Sheet("Long", ["Description"], [["x" * 300]])])
    assert load_workbook(target)["Long"].column_dimensions["A"].width == 50


def test_sheet_titles_are_made_acceptable(workbook):
    assert workbook.sheetnames == ["Participants", "Hôtel Old Town"]
    assert sheet_title("x" * 40) == "x" * 31
    assert sheet_title("[]") == "Sheet"


def test_sheet_titles_stay_unique_and_short(tmp_path):
    target = tmp_path / "rooming.xlsx"
    long_name = "Hôtel Telegraaf, Vene 9, Tallinn — annexe"
    write_xlsx(
        target, [Sheet(name, ["A"], []) for name in ["Hôtel", "HÔTEL", long_name, long_name]]
    )
    names = load_workbook(target).sheetnames
    assert names[:2] == ["Hôtel", "HÔTEL (2)"]
    assert names[2] == long_name[:31]
    assert names[3].endswith(" (2)") and len(names[3]) <= 31


def test_a_workbook_needs_a_sheet(tmp_path):
    with pytest.raises(ValueError):
        write_xlsx(tmp_path / "empty.xlsx", [])
    assert not (tmp_path / "empty.xlsx").exists()


def test_text_a_spreadsheet_would_change_gets_the_text_format(tmp_path):
    target = tmp_path / "participants.xlsx"
    values = ["0612345678", "000123456", "1/2", "+33 6 12 34 56 78", "=SUM(A1)", "Tamm", "12"]
    write_xlsx(target, [Sheet("Participants", ["Value"], [[value] for value in values])])
    cells = [row[0] for row in load_workbook(target)["Participants"].iter_rows(min_row=2)]
    assert [cell.value for cell in cells] == values
    assert all(cell.data_type == "s" for cell in cells)
    assert [cell.number_format for cell in cells] == ["@"] * 5 + ["General"] * 2
