"""`delegation check TRIP`: the readiness report by severity, and its exit status."""

from datetime import date

import pytest
from babel.dates import format_date
from sqlalchemy import text
from tests.server_databases import connected


@pytest.fixture
def db(cli, database) -> str:
    assert cli("--db", database, "demo").returncode == 0
    return database


def test_the_sample_is_ready(cli, db):
    result = cli("--db", db, "check", "tallinn-2023")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "0 blocking problems"
    assert "1 warning" in lines
    assert lines[-1].startswith("  - 2 cancellations while people wait")
    assert result.stderr == ""


def test_an_item_over_group_a_morning_visit_blocks(cli, db, tmp_path):
    extra = tmp_path / "extra.csv"
    extra.write_text(
        "date,start,end,title,kind,groups\n2023-05-09,10:00,11:30,Meeting at Skype,meeting,A\n",
        encoding="utf-8",
    )
    assert cli("--db", db, "import", "agenda", "tallinn-2023", str(extra)).returncode == 0
    result = cli("--db", db, "check", "tallinn-2023")
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "1 blocking problem"
    assert "Visit to the TalTech AI lab" in lines[1]
    assert "Meeting at Skype" in lines[1]
    assert "overlap for 27 participants" in lines[1]


def test_a_passport_expiring_before_the_trip_blocks(cli, db):
    with connected(db) as connection:
        connection.execute(
            text(
                "UPDATE participants SET passport_expiry = '2023-05-01' WHERE contact_id ="
                " (SELECT id FROM contacts WHERE email = 'solene.dupre@uem.example')"
            )
        )
    result = cli("--db", db, "check", "1")
    assert result.returncode == 1
    blocking = result.stdout.split("\n\n")[0].splitlines()
    assert blocking[0] == "1 blocking problem"
    expiry = format_date(date(2023, 5, 1), "long", locale="en_GB")
    assert f"Solène Dupré’s identity document expires on {expiry}" in blocking[1]


def test_the_report_in_french(cli, db):
    result = cli("--db", db, "--lang", "fr", "check", "tallinn-2023")
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == "0 problème bloquant"
    assert "Pierre-Étienne Caillol" in result.stdout


def test_an_unknown_trip_is_one_line_and_exit_2(cli, db):
    result = cli("--db", db, "check", "nowhere")
    assert result.returncode == 2
    assert result.stderr.strip() == "delegation: unknown trip: nowhere"
    assert result.stdout == ""


def test_speed_and_buffer_are_options(cli, db):
    slow = cli("--db", db, "check", "tallinn-2023", "--speed", "2", "--buffer", "5")
    assert slow.returncode == 1
    assert "km apart" in slow.stdout
    wrong = cli("--db", db, "check", "tallinn-2023", "--speed", "fast")
    assert wrong.returncode == 2
    assert len(wrong.stderr.splitlines()) == 1
