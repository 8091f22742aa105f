"""db copy and db backup: a whole database to a server and back, row for row."""

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url
from tests.server_databases import SKIP_REASON, ServerDatabases, dump

from delegation.services.participant_details import ParticipantDetails
from delegation.services.participants import add_participant
from delegation.services.trips import NewTrip, add_trip, find_trip
from delegation.services.workspace import open_workspace


def shown(database: str) -> str:
    """How the program names a database: a URL without its password."""
    if "://" not in database:
        return str(Path(database).resolve())
    return make_url(database).render_as_string(hide_password=True)


@pytest.fixture
def demo_file(cli, tmp_path) -> Path:
    path = tmp_path / "demo.sqlite3"
    done = cli("--db", str(path), "demo")
    assert done.returncode == 0, done.stderr
    return path


def _server(server_databases: ServerDatabases | None) -> ServerDatabases:
    if server_databases is None:
        pytest.skip(SKIP_REASON)
    return server_databases


def test_a_file_copied_to_a_server_and_back_is_the_same(cli, demo_file, tmp_path, server_databases):
    servers = _server(server_databases)
    server = servers.create()
    try:
        there = cli("db", "copy", str(demo_file), server)
        assert there.returncode == 0, there.stderr
        back = tmp_path / "back.sqlite3"
        again = cli("db", "copy", server, str(back))
        assert again.returncode == 0, again.stderr
    finally:
        servers.drop(server)
    original = dump(demo_file)
    assert sum(map(len, original.values())) > 300
    assert original["participants"] and original["agenda_item_groups"]
    assert dump(back) == original
    rows = sum(map(len, original.values()))
    assert there.stdout == (
        f"Copied {rows:,} rows in {len(original)} tables from {demo_file} to {shown(server)}.\n"
    )
    password = make_url(server).password
    assert not password or password not in there.stdout + again.stdout


@pytest.mark.parametrize("replace", [False, True])
def test_a_target_holding_rows_is_refused_without_replace(cli, demo_file, database, replace):
    assert cli("db", "copy", str(demo_file), database).returncode == 0
    before = dump(database)
    added = cli(
        "--db", str(demo_file), "trips", "add", "--key", "riga-2024", "--title", "Riga",
        "--destination", "Riga", "--country", "LV", "--start", "2024-06-03", "--end", "2024-06-06",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    again = cli("db", "copy", str(demo_file), database, *(["--replace"] if replace else []))
    if replace:
        assert again.returncode == 0, again.stderr
        assert dump(database) == dump(demo_file)
        return
    assert again.returncode == 2
    assert again.stdout == ""
    assert again.stderr == (
        f"delegation: {shown(database)}: the database holds data already; --replace replaces it\n"
    )
    assert dump(database) == before


def test_records_added_after_a_copy_to_a_server_take_new_ids(cli, demo_file, server_databases):
    servers = _server(server_databases)
    server = servers.create()
    try:
        assert cli("db", "copy", str(demo_file), server).returncode == 0
        workspace = open_workspace(server)
        try:
            trip = add_trip(
                workspace,
                NewTrip("riga-2024", "Riga", "Riga", "LV", date(2024, 6, 3), date(2024, 6, 6)),
            )
            added = add_participant(workspace, trip.id, ParticipantDetails("Kivi"))
            demo = find_trip(workspace, "tallinn-2023")
            other = add_participant(workspace, demo.id, ParticipantDetails("Tamm"))
        finally:
            workspace.close()
        copied = dump(demo_file)
        assert trip.id > max(row[0] for row in copied["trips"])
        assert added.row.id > max(row[0] for row in copied["participants"])
        assert other.row.id > added.row.id
    finally:
        servers.drop(server)


def test_a_server_backup_restores_with_replace(cli, demo_file, tmp_path, server_databases):
    servers = _server(server_databases)
    server, restored = servers.create(), servers.create()
    try:
        assert cli("db", "copy", str(demo_file), server).returncode == 0
        backup = tmp_path / "server-backup.sqlite3"
        done = cli("--db", server, "db", "backup", "-o", str(backup))
        assert done.returncode == 0, done.stderr
        assert done.stdout == f"Wrote the backup {backup}.\n"
        assert cli("db", "copy", str(demo_file), restored).returncode == 0
        again = cli("db", "copy", str(backup), restored, "--replace")
        assert again.returncode == 0, again.stderr
        assert dump(backup) == dump(demo_file) == dump(restored)
    finally:
        servers.drop(server)
        servers.drop(restored)


def test_a_backup_of_a_file_holds_every_row(cli, demo_file, tmp_path):
    output = tmp_path / "copy.sqlite3"
    done = cli("--db", str(demo_file), "db", "backup", "-o", str(output))
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"Wrote the backup {output}.\n"
    assert dump(output) == dump(demo_file)
    assert sorted(tmp_path.iterdir()) == [output, demo_file]  # no -wal or -shm left
    stamped = cli("--db", str(demo_file), "db", "backup")
    assert stamped.returncode == 0, stamped.stderr
    (beside,) = tmp_path.glob("demo-backup-*.sqlite3")
    assert stamped.stdout == f"Wrote the backup {beside}.\n"
    assert dump(beside) == dump(demo_file)


def test_a_backup_never_replaces_a_file(cli, demo_file, tmp_path):
    output = tmp_path / "there.sqlite3"
    output.write_bytes(b"mine")
    done = cli("--db", str(demo_file), "db", "backup", "-o", str(output))
    assert done.returncode == 2
    assert done.stderr == f"delegation: {output}: a file is there already; nothing was written\n"
    assert output.read_bytes() == b"mine"


def test_a_source_that_is_no_database_is_refused_in_one_line(cli, tmp_path):
    target = tmp_path / "target.sqlite3"
    missing = tmp_path / "missing.sqlite3"
    done = cli("db", "copy", str(missing), str(target))
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"delegation: {missing}: no such file\n"
    text = tmp_path / "notes.txt"
    text.write_text("not a database\n")
    done = cli("db", "copy", str(text), str(target))
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"delegation: {text}: not a Delegation database (not an SQLite file)\n"
    assert not missing.exists() and not target.exists()
    assert text.read_text() == "not a database\n"


def test_a_database_is_not_copied_onto_itself(cli, demo_file):
    done = cli("db", "copy", str(demo_file), f"sqlite:///{demo_file}", "--replace")
    assert done.returncode == 2
    assert done.stderr == (
        f"delegation: {demo_file}: the source and the target are the same database\n"
    )
    assert dump(demo_file)["participants"]
