"""This folder's registration exports are what make_files.py writes and agree with expected.json."""

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

FOLDER = Path(__file__).resolve().parent
EXPECTED = json.loads((FOLDER / "expected.json").read_text(encoding="utf-8"))
# Rows above the header in the sheet typed by hand (a title, then a blank row).
HEADER_ROW = {"excel-fr": 2}
STATUSES = {"invited", "confirmed", "waitlisted", "cancelled", None}


def _table(name: str, record: dict) -> list[list[str]]:
    path = FOLDER / name
    if record["encoding"] == "xlsx":
        sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
        return [["" if cell is None else str(cell) for cell in row] for row in sheet.to_python()]
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") == (record["encoding"] == "utf-8-sig"), name
    text = raw.decode(record["encoding"])
    return list(csv.reader(text.splitlines(), delimiter=record["delimiter"]))


def test_regenerating_gives_the_committed_files_byte_for_byte(tmp_path: Path) -> None:
    script = FOLDER / "make_files.py"
    subprocess.run([sys.executable, str(script), str(tmp_path)], check=True, timeout=120)
    written = sorted(path.name for path in tmp_path.iterdir())
    assert written == sorted([*EXPECTED, "expected.json"])
    for name in written:
        assert (tmp_path / name).read_bytes() == (FOLDER / name).read_bytes(), name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_data_row_is_one_expected_person(name: str) -> None:
    record = EXPECTED[name]
    table = _table(name, record)
    header_index = HEADER_ROW.get(record["profile"], 0)
    header = table[header_index]
    rows = [row for row in table[header_index + 1 :] if any(cell.strip() for cell in row)]
    assert len(rows) == len(record["people"])
    assert 10 <= len(rows) <= 15
    assert all(len(row) == len(header) for row in rows), name
    for row, person in zip(rows, record["people"], strict=True):
        # The family name as it lands is written somewhere in its row, as typed.
        assert any(person["last_name"] in cell for cell in row), (name, person["last_name"])
        if person["email"] is not None:
            assert person["email"] in row
        assert person["status"] in STATUSES


def test_every_profile_and_the_required_quirks_are_present() -> None:
    profiles = {record["profile"] for record in EXPECTED.values()}
    assert profiles == {
        "eventbrite", "helloasso", "weezevent", "pretix", "google-forms", "microsoft-forms",
        "indico", "excel-fr",
    }  # fmt: skip
    us_file = _table("google_forms_responses_en.csv", EXPECTED["google_forms_responses_en.csv"])
    assert "11/2/1991" in {row[5] for row in us_file}
    people = [person for record in EXPECTED.values() for person in record["people"]]
    assert any(person["email"] is None for person in people)
    assert {person["nationality"] for person in people} >= {"FR", "EE", "CN", "IL", "LB", "GR"}
