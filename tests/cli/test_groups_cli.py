"""delegation groups: a new trip's groups made, changed and removed from the command line."""

import pytest

TRIP = ("trips", "add", "--key", "jerusalem-2024", "--title", "Mission Jérusalem",
        "--destination", "Jérusalem", "--country", "IL",
        "--start", "2024-03-27", "--end", "2024-03-30")  # fmt: skip


@pytest.fixture
def db(database) -> str:
    return database


@pytest.fixture
def trip(cli, db) -> str:
    assert cli("--db", db, *TRIP).returncode == 0
    return "jerusalem-2024"


def test_groups_of_a_new_trip_are_added_listed_renamed_and_removed(cli, db, trip):
    empty = cli("--db", db, "groups", trip)
    assert empty.returncode == 0 and "No groups in jerusalem-2024 yet" in empty.stdout
    added = cli("--db", db, "groups", "add", trip, "--code", "A", "--name", "Cybersécurité & IA")
    assert added.returncode == 0, added.stderr
    assert "Added group A: Cybersécurité & IA (#1f5fa8)." in added.stdout
    cli(
        "--db",
        db,
        "groups",
        "add",
        trip,
        "--code",
        "ב",
        "--name",
        "סטארטאפים",
        "--colour",
        "#AA3300",
    )
    listed = cli("--db", db, "groups", trip)
    assert listed.stdout.split()[:5] == ["CODE", "NAME", "COLOUR", "MEMBERS", "ITEMS"]
    lines = listed.stdout.splitlines()[1:]
    assert lines[0].split()[0] == "A" and "Cybersécurité & IA" in lines[0]
    assert lines[1].split()[0] == "ב" and "סטארטאפים" in lines[1] and "#aa3300" in lines[1]

    renamed = cli("--db", db, "groups", "edit", trip, "cybersecurite & ia", "--name", "Cyber")
    assert renamed.returncode == 0, renamed.stderr
    assert "Group A: Cyber (#1f5fa8)." in renamed.stdout
    removed = cli("--db", db, "groups", "remove", trip, "A")
    assert removed.returncode == 0 and "Removed group A." in removed.stdout
    assert [
        line.split()[0] for line in cli("--db", db, "groups", trip).stdout.splitlines()[1:]
    ] == ["ב"]


def test_refusals_are_one_line_and_change_nothing(cli, db, trip):
    cli("--db", db, "groups", "add", trip, "--code", "A", "--name", "Cybersécurité")
    twin = cli("--db", db, "groups", "add", trip, "--code", "a", "--name", "Autre")
    assert twin.returncode == 1
    assert twin.stderr == "delegation: --code: already used by group A (Cybersécurité)\n"
    colour = cli("--db", db, "groups", "add", trip, "--code", "B", "--name", "B", "--colour", "red")
    assert colour.returncode == 1 and colour.stderr.startswith("delegation: --colour: ")
    unknown = cli("--db", db, "groups", "remove", trip, "Z")
    assert (unknown.returncode, unknown.stderr) == (2, "delegation: no group Z in this trip\n")
    no_trip = cli("--db", db, "groups", "oslo-2025")
    assert no_trip.returncode == 2 and "oslo-2025" in no_trip.stderr
    listed = cli("--db", db, "groups", trip)
    assert len(listed.stdout.splitlines()) == 2  # the header and A


def test_a_group_in_use_is_removed_only_from_everyone(cli, db):
    cli("--db", db, "demo")
    kept = cli("--db", db, "groups", "remove", "tallinn-2023", "A")
    assert kept.returncode == 1
    assert kept.stderr.startswith("delegation: group A is still used by ")
    assert len(kept.stderr.splitlines()) == 1
    members = next(line for line in cli("--db", db, "groups", "tallinn-2023").stdout.splitlines()
                   if line.startswith("A "))  # fmt: skip
    gone = cli("--db", db, "groups", "remove", "tallinn-2023", "A", "--from-everyone")
    assert gone.returncode == 0, gone.stderr
    assert f"It was taken from {members.split()[-2]} participants" in gone.stdout
    remaining = cli("--db", db, "groups", "tallinn-2023").stdout.splitlines()[1:]
    assert [line.split()[0] for line in remaining] == ["B"]


def test_in_french(cli, db, trip):
    cli("--db", db, "groups", "add", trip, "--code", "A", "--name", "Cybersécurité")
    listed = cli("--db", db, "--lang", "fr", "groups", trip)
    assert listed.stdout.split()[:5] == ["CODE", "NOM", "COULEUR", "MEMBRES", "POINTS"]
    refused = cli("--db", db, "--lang", "fr", "groups", "remove", trip, "Z")
    assert refused.stderr == "delegation: aucun groupe Z dans cette mission\n"
