"""The quick first read agrees with the services, and steps aside when it cannot help."""

import sqlite3
from contextlib import closing

import pytest

from delegation.services.first_look import first_look
from delegation.services.trips import list_trips, trip_overview

# The quick first read opens the SQLite file itself; it steps aside for any URL.
pytestmark = pytest.mark.sqlite_only


def test_it_shows_what_the_services_show(demo_workspace, database_path):
    trips, overview = first_look(str(database_path), "tallinn-2023")
    assert trips == list_trips(demo_workspace)
    assert overview == trip_overview(demo_workspace, "tallinn-2023")


def test_it_steps_aside_for_urls_new_files_and_older_schemas(
    demo_workspace, database_path, tmp_path
):
    assert first_look(f"sqlite:///{database_path}", None) is None
    assert first_look(str(tmp_path / "missing.sqlite3"), None) is None
    not_sqlite = tmp_path / "notes.txt"
    not_sqlite.write_text("hello")
    assert first_look(str(not_sqlite), None) is None
    demo_workspace.close()
    with closing(sqlite3.connect(database_path)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0000'")
        connection.commit()
    assert first_look(str(database_path), None) is None


def test_an_empty_database_has_no_trip_to_show(workspace, database_path):
    assert first_look(str(database_path), None) == ([], None)
