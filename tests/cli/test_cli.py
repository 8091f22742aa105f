"""The command line run as a user runs it: a separate process, its exit status, its lines."""

import hashlib
import shutil
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from babel.dates import format_interval

ROOT = Path(__file__).resolve().parents[2]


def _dates(start: date, end: date, locale: str) -> str:
    """The range as Babel writes it for this locale (its spaces change with CLDR)."""
    return format_interval(start, end, skeleton="yMMMd", locale=locale)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _one_line(stream: str) -> str:
    lines = stream.splitlines()
    assert len(lines) == 1, stream
    assert "Traceback" not in stream
    return lines[0]


def test_demo_then_trips_lists_the_sample(cli, db):
    loaded = cli("--db", db, "demo")
    assert loaded.returncode == 0, loaded.stderr
    assert "tallinn-2023" in loaded.stdout
    listed = cli("--db", db, "trips")
    assert listed.returncode == 0, listed.stderr
    header, row = listed.stdout.splitlines()
    assert header.split() == ["KEY", "TITLE", "DESTINATION", "DATES", "PARTICIPANTS"]
    assert row.startswith("tallinn-2023")
    assert "Mission Tallinn 2023" in row
    assert _dates(date(2023, 5, 7), date(2023, 5, 10), "en_GB") in row
    assert row.split()[-1] == "60"


def test_trips_add_creates_a_trip_that_trips_lists(cli, db):
    created = cli(
        "--db", db, "trips", "add", "--key", "riga-2024", "--title", "Mission Riga",
        "--destination", "Riga", "--country", "LV", "--start", "2024-06-03", "--end", "2024-06-06",
    )  # fmt: skip
    assert created.returncode == 0, created.stderr
    assert "Europe/Riga" in created.stdout
    listed = cli("--db", db, "trips")
    assert "riga-2024" in listed.stdout
    assert _dates(date(2024, 6, 3), date(2024, 6, 6), "en_GB") in listed.stdout


def test_database_from_the_environment(cli, tmp_path):
    path = tmp_path / "env.sqlite3"
    result = cli("demo", env={"DELEGATION_DB": str(path)})
    assert result.returncode == 0, result.stderr
    assert path.exists()


def test_french_output(cli, db):
    cli("--db", db, "demo")
    listed = cli("--db", db, "--lang", "fr", "trips")
    assert listed.stdout.split()[:5] == ["CLÉ", "TITRE", "DESTINATION", "DATES", "PARTICIPANTS"]
    assert _dates(date(2023, 5, 7), date(2023, 5, 10), "fr_FR") in listed.stdout
    refused = cli("--db", db, "--lang", "fr", "trips", "show", "oslo")
    assert _one_line(refused.stderr) == "delegation: mission inconnue : oslo"


def test_trips_show(cli, db):
    cli("--db", db, "demo")
    shown = cli("--db", db, "trips", "show", "tallinn-2023")
    assert shown.returncode == 0, shown.stderr
    assert "Waiting list  4" in shown.stdout
    assert "Agenda items: 19" in shown.stdout
    by_id = cli("--db", db, "trips", "show", "1")
    assert by_id.stdout == shown.stdout


def test_readme_is_not_a_database_and_stays_untouched(cli, tmp_path):
    readme = tmp_path / "README.md"
    shutil.copy(ROOT / "README.md", readme)
    before = _digest(readme)
    result = cli("--db", str(readme), "trips")
    assert result.returncode == 2
    assert _one_line(result.stderr) == (
        f"delegation: {readme}: not a Delegation database (not an SQLite file)"
    )
    assert _digest(readme) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md"]


def test_database_from_a_newer_version(cli, tmp_path):  # of a file
    db = str(tmp_path / "x.sqlite3")
    cli("--db", db, "demo")
    with closing(sqlite3.connect(db)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'ffff'")
        connection.commit()
    before = _digest(Path(db))
    result = cli("--db", db, "trips")
    assert result.returncode == 2
    assert "newer version of Delegation" in _one_line(result.stderr)
    assert _digest(Path(db)) == before


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["trips", "show", "oslo-2024"], "delegation: unknown trip: oslo-2024"),
        (["bogus"], "invalid choice: 'bogus'"),
        (["trips", "add", "--key", "x"], "the following arguments are required"),
        (
            ["trips", "add", "--key", "x", "--title", "X", "--destination", "Oslo",
             "--country", "NO", "--start", "2024-13-01", "--end", "2024-12-02"],
            "argument --start: invalid date '2024-13-01': use YYYY-MM-DD",
        ),
        (["--lang", "de", "trips"], "argument --lang: invalid choice: 'de'"),
    ],
)  # fmt: skip
def test_wrong_usage_exits_2_with_one_line(cli, db, arguments, message):
    result = cli("--db", db, *arguments)
    assert result.returncode == 2
    assert message in _one_line(result.stderr)


def test_a_folder_or_an_unusable_url_exits_2(cli, tmp_path):
    folder = cli("--db", str(tmp_path), "trips")
    assert folder.returncode == 2
    assert "not a database file" in _one_line(folder.stderr)
    url = cli("--db", "nosuchdialect://host/db", "trips")
    assert url.returncode == 2
    assert "cannot use this database" in _one_line(url.stderr)


def test_refused_data_exits_1_and_changes_nothing(cli, db):
    cli("--db", db, "demo")
    result = cli(
        "--db", db, "trips", "add", "--key", "tallinn-2023", "--title", "Again",
        "--destination", "Tallinn", "--country", "EE", "--start", "2024-05-07",
        "--end", "2024-05-10",
    )  # fmt: skip
    assert result.returncode == 1
    assert _one_line(result.stderr) == (
        "delegation: --key: a trip with the key tallinn-2023 already exists"
    )
    assert cli("--db", db, "trips").stdout.count("\n") == 2


def test_demo_reset(cli, tmp_path):  # of a file
    db = str(tmp_path / "x.sqlite3")
    cli("--db", db, "demo")
    again = cli("--db", db, "demo")
    assert again.returncode == 0
    assert "already loaded" in again.stdout
    reset = cli("--db", db, "demo", "--reset")
    assert reset.returncode == 0
    assert "60 participants" in reset.stdout
    assert "x-backup-" in reset.stdout
