"""Export commands: an existing file is replaced only with --force, the database never."""

import hashlib
import os
import stat
from pathlib import Path

import pytest
from pypdf import PdfReader

TRIP = "tallinn-2023"


@pytest.fixture
def db(cli, tmp_path) -> str:
    path = str(tmp_path / "x.sqlite3")
    assert cli("--db", path, "demo").returncode == 0
    return path


def _digest(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _refused_in_one_line(done, *words: str) -> None:
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    for word in words:
        assert word in done.stderr


def test_an_existing_file_is_replaced_only_with_force(cli, db, tmp_path):
    target = tmp_path / "people.csv"
    target.write_text("kept")
    target.chmod(0o640)
    refused = cli("--db", db, "export", "participants", TRIP, "-o", str(target))
    _refused_in_one_line(refused, str(target), "--force")
    assert target.read_text() == "kept"
    forced = cli("--db", db, "export", "participants", TRIP, "-o", str(target), "--force")
    assert forced.returncode == 0, forced.stderr
    assert target.read_text(encoding="utf-8-sig").startswith("Last name,First name")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # the file's own mode, kept


def test_a_french_refusal_says_so_in_french(cli, db, tmp_path):
    target = tmp_path / "badges.pdf"
    target.write_bytes(b"kept")
    refused = cli("--db", db, "--lang", "fr", "export", "badges", TRIP, "-o", str(target))
    _refused_in_one_line(refused, "existe déjà", "--force")
    assert target.read_bytes() == b"kept"


def test_the_itineraries_folder_is_not_written_over_without_force(cli, db, tmp_path):
    folder = tmp_path / "itineraries"
    first = cli("--db", db, "export", "itineraries", TRIP, "-o", str(folder))
    assert first.returncode == 0, first.stderr
    files = sorted(folder.iterdir())
    one = files[0]
    one.write_bytes(b"edited by hand")
    before = {path.name: path.stat().st_mtime_ns for path in files}
    again = cli("--db", db, "export", "itineraries", TRIP, "-o", str(folder))
    _refused_in_one_line(again, "already exists", "--force")
    assert {path.name: path.stat().st_mtime_ns for path in folder.iterdir()} == before
    assert one.read_bytes() == b"edited by hand"
    forced = cli("--db", db, "export", "itineraries", TRIP, "-o", str(folder), "--force")
    assert forced.returncode == 0, forced.stderr
    assert len(PdfReader(one).pages) >= 1


def test_the_database_and_its_wal_are_never_an_output(cli, db, tmp_path):
    before = _digest(db)
    link = tmp_path / "link.pdf"
    link.symlink_to(db)
    for target, command in (
        (db, ["participants"]),
        (db + "-wal", ["calendar"]),
        (str(link), ["badges"]),
        (db, ["itinerary"]),
    ):
        done = cli("--db", db, "export", *command, TRIP, "-o", target, "--force")
        _refused_in_one_line(done, "is the database itself")
    booklet = cli(
        "--db", db, "export", "itineraries", TRIP, "-o", str(tmp_path / "its"),
        "--booklet", str(link), "--force",
    )  # fmt: skip
    _refused_in_one_line(booklet, "--booklet", "is the database itself")
    assert not os.path.exists(db + "-wal") or os.path.getsize(db + "-wal") == 0
    assert _digest(db) == before
    assert cli("--db", db, "trips").returncode == 0
