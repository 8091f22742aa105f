"""A participant list opened and saved again by LibreOffice Calc imports back unchanged.

The exports are re-saved by a real headless `soffice`, in the same format, with the CSV
options of its import dialog as a user finds them (comma, semicolon and tab all split;
"Detect special numbers" and "Evaluate formulas" off) and with both ticked, as a user who
once ticked them keeps them; under a French and an English locale. Skipped only where
LibreOffice is not installed (CI installs it).
"""

import os
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from delegation.domain.enums import Language, ParticipantStatus
from delegation.i18n import set_language
from delegation.services.exports import export_participants
from delegation.services.groups import GroupDetails, add_group
from delegation.services.participant_details import ParticipantDetails
from delegation.services.participant_import_planning import plan_participant_import
from delegation.services.participants import add_participant
from delegation.services.trips import NewTrip, add_trip

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")

# Values spreadsheets like to change: zeros in front, long digit runs, fractions and day-like
# pairs, international numbers, a formula, quotes and every delimiter; names in five scripts.
PEOPLE = [
    ParticipantDetails(
        last_name="王", first_name="小明", email="xiaoming.wang@example.cn",
        organization="清华大学", job_title="教授", phone="0612345678",
        passport_number="000123456", notes="1/2", birth_date=date(1985, 7, 20),
        passport_expiry=date(2031, 12, 1), group_codes=("A", "B"), nationality="CN",
        status=ParticipantStatus.CONFIRMED, language=Language.ENGLISH,
    ),
    ParticipantDetails(
        last_name="כהן", first_name="נועה", email="noa.cohen@example.co.il",
        organization="Start-Up Nation", phone="+972 52 123 4567",
        passport_number="0012345678901", notes="3-4", birth_date=date(1990, 3, 5),
        group_codes=("ג",), nationality="IL", emergency_contact_phone="00972521234567",
    ),
    ParticipantDetails(
        last_name="حداد", first_name="ليلى", email="layla.haddad@example.lb",
        organization="Beirut Digital District", phone="+961 3 123 456",
        notes='=HYPERLINK("http://x")', dietary="Halal", group_codes=("B",),
        birth_date=date(1979, 12, 31), nationality="LB",
    ),
    ParticipantDetails(
        last_name="Παπαδόπουλος", first_name="Κώστας", email="kostas@example.gr",
        organization="Ελληνικά Πετρέλαια", job_title="CTO", phone="00306912345678",
        notes="12:30", passport_number="AE1234567", passport_expiry=date(2029, 1, 2),
        birth_date=date(1968, 2, 29), nationality="GR", group_codes=("A",),
    ),
    ParticipantDetails(
        last_name="Õunapuu", first_name="Tõnu", email="tonu.ounapuu@example.ee",
        organization="Tartu Ülikool", job_title="Teadur", phone="+372 5123 4567",
        notes="May 5", passport_number="K0012345", nationality="EE",
        emergency_contact_name="Mari Õunapuu", emergency_contact_phone="0033612345678",
        group_codes=("A", "ג"), birth_date=date(2001, 11, 9),
    ),
    ParticipantDetails(
        last_name="Martin-Lefèvre", first_name="Élodie", civility="Mme",
        organization="Bpifrance", job_title="Chargée d'affaires", phone="06 12 34 56 78",
        notes='Dit "oui"; arrive à 9h, 1/2 journée\nDeuxième ligne', dietary="Sans gluten",
        passport_number="12AB34567", birth_date=date(1995, 1, 12), group_codes=("A", "B"),
    ),  # no email: matched on name and organisation
]  # fmt: skip

# The CSV filter's options, token by token: separators, quote, charset (76: UTF-8), first
# line, column types, language (0: the locale's), quoted field as text, detect special
# numbers, save as shown, save formulas, trim spaces, sheet, evaluate formulas.
_OPEN = "Text - txt - csv (StarCalc):44/59/9,34,76,1,,0,false,{ticked},true,false,false,0,{ticked}"
_SAVE = "csv:Text - txt - csv (StarCalc):{separator},34,76,1,,0,false,false,true,false,false"


@dataclass(frozen=True)
class Trip:
    workspace: object
    trip_id: int


@pytest.fixture
def trip(workspace) -> Trip:
    summary = add_trip(
        workspace,
        NewTrip("tel-aviv-2026", "Mission Tel-Aviv", "Tel-Aviv", "IL", date(2026, 3, 1),
                date(2026, 3, 5)),
    )  # fmt: skip
    for code, name in (("A", "Κυβερνοασφάλεια"), ("B", "الشركات الناشئة"), ("ג", "קבוצה")):
        add_group(workspace, summary.id, GroupDetails(code, name))
    for person in PEOPLE:
        add_participant(workspace, summary.id, person)
    return Trip(workspace, summary.id)


def _export(trip: Trip, folder: Path, language: str, suffix: str) -> Path:
    set_language(language)
    path = folder / f"participants-{language}{suffix}"
    export_participants(trip.workspace, trip.trip_id, path, include_sensitive=True)
    return path


def _resave(files: list[Path], folder: Path, *, locale: str, open_with: str | None, save_as: str):
    """Have soffice open each file and save it in `folder`, as a user of `locale` would."""
    folder.mkdir()
    profile = folder.parent / f"profile-{locale}"  # a private profile: no user's settings
    command = [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore"]
    if open_with is not None:
        command.append(f"--infilter={open_with}")
    command += ["--convert-to", save_as, "--outdir", str(folder), *map(str, files)]
    environment = {**os.environ, "LC_ALL": f"{locale}.UTF-8", "LANG": f"{locale}.UTF-8"}
    done = subprocess.run(command, env=environment, capture_output=True, text=True, timeout=300)
    saved = [folder / file.name for file in files]
    missing = [path.name for path in saved if not path.exists()]
    assert done.returncode == 0 and not missing, (done.stdout, done.stderr)
    return saved


def _assert_reads_back_unchanged(trip: Trip, path: Path, language: str) -> None:
    set_language(language)
    plan = plan_participant_import(trip.workspace, trip.trip_id, path)
    changed = {
        row.label: [(d.field, d.before, d.after) for d in row.differences] for row in plan.changes
    }
    created = [row.label for row in plan.creations]
    assert plan.problem_lines() == [], path.read_bytes()[:2000]
    assert (created, changed) == ([], {})
    assert plan.unchanged == len(PEOPLE)


@pytest.mark.parametrize(
    ("language", "locale", "ticked"),
    [("fr", "fr_FR", False), ("en", "en_US", False), ("en", "en_GB", True)],
)
def test_a_csv_list_saved_again_by_calc_imports_back_unchanged(
    trip, tmp_path, language, locale, ticked
):
    exported = _export(trip, tmp_path, language, ".csv")
    separator = "59" if language == "fr" else "44"
    (saved,) = _resave(
        [exported],
        tmp_path / "saved",
        locale=locale,
        open_with=_OPEN.format(ticked=str(ticked).lower()),
        save_as=_SAVE.format(separator=separator),
    )
    # Left as a formula, Calc saves the text constant; evaluated, the text it stands for.
    cells = saved.read_text(encoding="utf-8-sig").split(";" if language == "fr" else ",")
    assert ("0612345678" in cells) is ticked
    assert ('"=""0612345678"""' in cells) is not ticked
    _assert_reads_back_unchanged(trip, saved, language)


def test_a_french_csv_with_special_numbers_detected_imports_back_unchanged(trip, tmp_path):
    # Calc then reads dates and saves them as shown: 1985-07-20 stays so (20/07/1985 would
    # come back as 20/07/85); 0612345678 comes back bare, the formula evaluated. Saved with
    # commas, which Calc prefers when the file was opened with several separators ticked.
    exported = _export(trip, tmp_path, "fr", ".csv")
    (saved,) = _resave(
        [exported],
        tmp_path / "saved",
        locale="fr_FR",
        open_with=_OPEN.format(ticked="true"),
        save_as=_SAVE.format(separator="44"),
    )
    assert '"A, B"' in saved.read_text(encoding="utf-8-sig")
    _assert_reads_back_unchanged(trip, saved, "fr")


def test_xlsx_lists_saved_again_by_calc_import_back_unchanged(trip, tmp_path):
    exported = [_export(trip, tmp_path, language, ".xlsx") for language in ("fr", "en")]
    saved = _resave(
        exported,
        tmp_path / "saved",
        locale="fr_FR",
        open_with=None,
        save_as="xlsx:Calc MS Excel 2007 XML",
    )
    for language, path in zip(("fr", "en"), saved, strict=True):
        sheet = load_workbook(path).active
        phones = [row[6] for row in sheet.iter_rows(min_row=2)]
        # Calc kept the text cells, and their Text format, which an edit would follow.
        assert {cell.value for cell in phones} >= {"0612345678", "00306912345678"}
        assert all(cell.data_type == "s" for cell in phones)
        assert {cell.number_format for cell in phones if cell.value == "0612345678"} == {"@"}
        _assert_reads_back_unchanged(trip, path, language)
