"""Every file the program writes is owner-only whatever the umask, and no export replaces
the database it reads."""

import hashlib
import os
import sqlite3
import stat
from contextlib import closing
from pathlib import Path

import pytest
from icalendar import Calendar
from openpyxl import load_workbook
from pypdf import PdfReader

from delegation.domain.errors import ValidationError
from delegation.persistence.backups import backup_sqlite_file
from delegation.persistence.location import default_database_path
from delegation.services import exports, lists
from delegation.services.itinerary_batch import export_itineraries
from delegation.services.workspace import open_workspace

pytestmark = pytest.mark.skipif(os.name != "posix", reason="modes and umask are POSIX notions")

TRIP = "tallinn-2023"


@pytest.fixture(params=[0o000, 0o022], ids=["umask000", "umask022"])
def umask(request):
    previous = os.umask(request.param)
    yield request.param
    os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_kind_of_export_is_owner_only(demo_workspace, tmp_path, umask):
    csv_file, xlsx_file = tmp_path / "people.csv", tmp_path / "people.xlsx"
    ics_file, pdf_list = tmp_path / "programme.ics", tmp_path / "people.pdf"
    badges, programme = tmp_path / "badges.pdf", tmp_path / "programme.xlsx"
    exports.export_participants(demo_workspace, TRIP, csv_file, include_sensitive=True)
    exports.export_participants(demo_workspace, TRIP, xlsx_file, include_sensitive=True)
    exports.export_programme(demo_workspace, TRIP, programme)
    exports.export_calendar(demo_workspace, TRIP, ics_file)
    lists.export_participant_pdf(demo_workspace, TRIP, pdf_list, include_sensitive=True)
    lists.export_badges(demo_workspace, TRIP, badges)
    # The files are real documents, read back by their readers.
    assert "Passport" in csv_file.read_text(encoding="utf-8-sig")
    assert load_workbook(xlsx_file).active.max_row > 50
    assert Calendar.from_ical(ics_file.read_bytes()).walk("VEVENT")
    assert len(PdfReader(pdf_list).pages) >= 1 and len(PdfReader(badges).pages) >= 1
    for written in (csv_file, xlsx_file, programme, ics_file, pdf_list, badges):
        assert _mode(written) == 0o600, written.name
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_the_itineraries_folder_and_booklet_are_owner_only(demo_workspace, tmp_path, umask):
    folder = tmp_path / "out" / "itineraries"  # two folders the export has to make
    booklet = tmp_path / "booklet.pdf"
    written = export_itineraries(demo_workspace, TRIP, folder, booklet=booklet, workers=1)
    assert written and all(path.parent == folder for path in written)
    assert _mode(tmp_path / "out") == 0o700 and _mode(folder) == 0o700
    assert {_mode(path) for path in folder.iterdir()} == {0o600}
    assert len(PdfReader(booklet).pages) >= len(written)
    assert _mode(booklet) == 0o600


@pytest.mark.parametrize("mode", [0o600, 0o640])
def test_a_replaced_file_keeps_its_own_mode(demo_workspace, tmp_path, mode):
    target = tmp_path / "people.csv"
    target.write_text("old")
    target.chmod(mode)
    previous = os.umask(0)
    try:
        exports.export_participants(demo_workspace, TRIP, target, include_sensitive=True)
    finally:
        os.umask(previous)
    assert target.read_text(encoding="utf-8-sig").startswith("Last name,First name")
    assert _mode(target) == mode


@pytest.mark.sqlite_only
def test_a_schema_upgrade_backup_is_owner_only(demo_workspace, database_path, umask):
    backup = backup_sqlite_file(database_path)
    assert _mode(backup) == 0o600
    with closing(sqlite3.connect(backup)) as copy:
        assert copy.execute("SELECT count(*) FROM trips").fetchone()[0] >= 1


def test_the_default_data_folder_is_made_owner_only(isolated_user_folders, umask):
    workspace = open_workspace(None)
    workspace.close()
    database = default_database_path()
    assert database.exists() and _mode(database) == 0o600
    assert _mode(database.parent) == 0o700
    assert _mode(isolated_user_folders / "data") == 0o700  # made by us too: was missing


def test_the_error_log_is_owner_only_and_an_old_open_log_is_tightened(
    isolated_user_folders, umask, capsys
):
    from platformdirs import user_log_path

    from delegation.app import _report_unexpected

    log = user_log_path("delegation", appauthor=False) / "delegation.log"
    assert not log.parent.exists()
    assert _report_unexpected(RuntimeError("first")) == 70
    assert "RuntimeError: first" in log.read_text(encoding="utf-8")
    assert _mode(log) == 0o600 and _mode(log.parent) == 0o700
    log.chmod(0o644)  # as earlier versions left it
    _report_unexpected(RuntimeError("second"))
    assert "RuntimeError: second" in log.read_text(encoding="utf-8")
    assert _mode(log) == 0o600
    assert str(log) in capsys.readouterr().err


def _database_targets(database: Path, tmp_path: Path) -> list[Path]:
    link = tmp_path / "link.csv"
    link.symlink_to(database)
    hard = tmp_path / "hard.csv"
    os.link(database, hard)
    wal = database.with_name(database.name + "-wal")
    roundabout = database.parent / ".." / database.parent.name / database.name
    return [database, link, hard, wal, roundabout]


@pytest.mark.sqlite_only
def test_no_export_replaces_the_database_or_its_companions(demo_workspace, database_path, tmp_path):
    demo_workspace.close()
    before = _digest(database_path)
    workspace = open_workspace(str(database_path))
    try:
        for target in _database_targets(database_path, tmp_path):
            with pytest.raises(ValidationError, match="is the database itself") as refused:
                exports.export_participants(workspace, TRIP, target, include_sensitive=True)
            assert refused.value.field == "output"
            with pytest.raises(ValidationError, match="is the database itself"):
                lists.export_badges(workspace, TRIP, target)
            with pytest.raises(ValidationError, match="is the database itself"):
                export_itineraries(workspace, TRIP, tmp_path / "its", booklet=target)
    finally:
        workspace.close()
    assert _digest(database_path) == before
    reopened = open_workspace(str(database_path))
    try:
        assert exports.export_participants(reopened, TRIP, tmp_path / "ok.csv").rows > 50
    finally:
        reopened.close()
