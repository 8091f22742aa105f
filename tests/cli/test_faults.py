"""Faults of the machine, not of the data: every one is one translated line and exit 2.

Outputs to a missing folder, over a folder, on a read-only or a full disk (a real small
file system), and databases damaged in every way a file can be: each gives one line, no
traceback, no SQLite wording, and leaves the file as it was found.
"""

import shutil
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from tests.cli.conftest import run

TRIP = "tallinn-2023"
# Where each kind of writer is reached from: the PDF reports, the badge sheet, the
# spreadsheet and calendar writers, and the folder of personal itineraries.
OUTPUTS = [
    ("participants", "list.pdf"),
    ("badges", "badges.pdf"),
    ("participants", "list.xlsx"),
    ("participants", "list.csv"),
    ("calendar", "trip.ics"),
    ("itineraries", "itineraries"),
]
# The drivers' own words, which must never reach the user.
RAW_TEXTS = ("malformed", "no such table", "Could not decode", "readonly", "Errno", "disk I/O")


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sample") / "sample.sqlite3"
    assert run("--db", str(path), "demo").returncode == 0
    with sqlite3.connect(path) as connection:  # everything in the main file, for copying
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def _in_parallel(calls):
    with ThreadPoolExecutor(2) as pool:
        return list(pool.map(lambda arguments: run(*arguments), calls))


def _one_line(done, ending: str) -> None:
    assert done.returncode == 2, done.stderr
    assert done.stdout == "" and done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.strip().endswith(ending), done.stderr
    assert not any(text in done.stderr for text in RAW_TEXTS), done.stderr


def _exports(database: Path, folder: Path, *options: str, outputs=OUTPUTS):
    return _in_parallel(
        [
            ("--db", str(database), *options, "export", kind, TRIP, "-o", str(folder / name))
            for kind, name in outputs
        ]
    )


def test_an_output_in_a_missing_folder_or_over_a_folder_is_one_line(sample, tmp_path):
    database = Path(shutil.copy(sample, tmp_path / "trips.sqlite3"))
    # A folder of itineraries is made where asked, and an existing one receives them.
    files = [output for output in OUTPUTS if output[0] != "itineraries"]
    for done in _exports(database, tmp_path / "missing" / "deeper", outputs=files):
        _one_line(done, "cannot be written (the folder does not exist)")
    taken = tmp_path / "taken"
    for _kind, name in files:
        (taken / name).mkdir(parents=True)
    for done in _exports(database, taken, "--lang", "fr", outputs=files):
        _one_line(done, "impossible d’écrire ce fichier (un dossier porte ce nom)")


def test_an_output_on_a_read_only_disk_is_one_line(sample, tmp_path, small_disk):
    database = Path(shutil.copy(sample, tmp_path / "trips.sqlite3"))
    small_disk.make_read_only()
    for done in _exports(database, small_disk.folder):
        _one_line(done, "cannot be written (the disk is read-only)")


def test_an_output_on_a_full_disk_is_one_line_and_leaves_nothing(sample, tmp_path, small_disk):
    database = Path(shutil.copy(sample, tmp_path / "trips.sqlite3"))
    small_disk.fill()
    for done in _exports(database, small_disk.folder, "--lang", "fr"):
        _one_line(done, "(le disque est plein)")
    assert sorted(path.name for path in small_disk.folder.iterdir()) == ["filler", "itineraries"]
    assert list((small_disk.folder / "itineraries").iterdir()) == []


def test_a_database_on_a_read_only_disk_is_refused_in_one_line(sample, small_disk):
    shutil.copy(sample, small_disk.folder / "trips.sqlite3")
    small_disk.make_read_only()
    done = run("--db", str(small_disk.folder / "trips.sqlite3"), "trips")
    _one_line(done, "the database file is read-only")
    new = run("--db", str(small_disk.folder / "new" / "trips.sqlite3"), "trips")
    _one_line(new, "cannot create the database (the disk is read-only)")


def test_a_database_on_a_full_disk_is_one_line_and_unchanged(sample, small_disk):
    database = Path(shutil.copy(sample, small_disk.folder / "trips.sqlite3"))
    small_disk.fill()
    before = database.read_bytes()
    done = run("--db", str(database), "trips", "add", "--key", "riga-2027", "--title", "Riga",
               "--destination", "Riga", "--country", "LV", "--start", "2027-05-03",
               "--end", "2027-05-06")  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "(the disk is full)" in done.stderr, done.stderr
    assert database.read_bytes() == before


def _sql(*statements: str):
    def damage(path: Path) -> None:
        connection = sqlite3.connect(path)
        connection.execute("PRAGMA ignore_check_constraints = ON")
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("PRAGMA writable_schema = ON")
        for statement in statements:
            connection.execute(statement)
        connection.commit()
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.close()

    return damage


def _bytes(change):
    def damage(path: Path) -> None:
        path.write_bytes(change(path.read_bytes()))

    return damage


def _scatter(data: bytes) -> bytes:
    """Flip bytes all over the file past its header page, as a failing disk would."""
    damaged = bytearray(data)
    for position in range(4096 + 7, len(damaged), 509):
        damaged[position] ^= 0x5A
    return bytes(damaged)


DAMAGES = {
    "truncated to a third": _bytes(lambda data: data[: len(data) // 3]),
    "cut inside its header": _bytes(lambda data: data[:100]),
    "first page zeroed": _bytes(lambda data: data[:16] + bytes(4080) + data[4096:]),
    "bytes flipped everywhere": _bytes(_scatter),
    "a broken table definition": _sql(
        "UPDATE sqlite_master SET sql = 'CREATE TABLE trips(' WHERE name = 'trips'"
    ),
    "text that is not UTF-8": _sql("UPDATE trips SET title = CAST(X'FFFE41' AS TEXT)"),
    "a revision that is not UTF-8": _sql(
        "UPDATE alembic_version SET version_num = CAST(X'C328' AS TEXT)"
    ),
    "a date that is not a date": _sql("UPDATE trips SET start_date = 'soon'"),
    "a date stored as a number": _sql("UPDATE trips SET start_date = 20240328"),
    "a status no version knows": _sql("UPDATE participants SET status = 'maybe'"),
    "a table dropped": _sql("DROP TABLE agenda_items"),
}


@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
def test_a_damaged_database_is_one_line_and_left_as_found(sample, tmp_path, damage):
    database = Path(shutil.copy(sample, tmp_path / "trips.sqlite3"))
    damage(database)
    before = database.read_bytes()
    listed, checked, exported = _in_parallel(
        [
            ("--db", str(database), "trips"),
            ("--db", str(database), "check", TRIP),
            ("--db", str(database), "export", "participants", TRIP, "-o",
             str(tmp_path / "list.csv")),
        ]
    )  # fmt: skip
    # The check reads all of the trip; the others may not reach what was damaged.
    for done in (listed, checked, exported):
        if done is checked or done.returncode != 0:
            _one_line(done, "")
            assert "damaged" in done.stderr, done.stderr
    assert database.read_bytes() == before
    left = {path.name for path in tmp_path.iterdir()} - {"list.csv"}
    assert left == {"trips.sqlite3"}  # no -wal, no -shm, no backup


def test_a_damaged_database_is_said_in_french(sample, tmp_path):
    database = Path(shutil.copy(sample, tmp_path / "trips.sqlite3"))
    DAMAGES["truncated to a third"](database)
    done = run("--db", str(database), "--lang", "fr", "trips")
    _one_line(done, "(le fichier est endommagé)")
