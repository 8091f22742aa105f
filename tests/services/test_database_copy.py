"""A copy of a whole database that fails leaves its target as it was."""

from datetime import date

import pytest
from tests.server_databases import dump

from delegation.persistence import copying
from delegation.services.database_copy import copy_database
from delegation.services.demo import load_demo
from delegation.services.trips import NewTrip, add_trip
from delegation.services.workspace import open_workspace


@pytest.fixture
def demo_file(tmp_path):
    path = tmp_path / "demo.sqlite3"
    workspace = open_workspace(str(path), sample_on_first_start=False)
    try:
        load_demo(workspace)
    finally:
        workspace.close()
    return path


def fail_after_participants(monkeypatch) -> None:
    """From now on a copy fails once the participants, and the tables before, are written."""
    copy_table = copying._copy_table

    def copy_then_fail(source, target, table):
        count = copy_table(source, target, table)
        if table.name == "participants":
            raise RuntimeError("the connection was lost")
        return count

    monkeypatch.setattr(copying, "_copy_table", copy_then_fail)


def test_a_failed_copy_leaves_the_target_as_it_was(demo_file, database, monkeypatch):
    copy_database(str(demo_file), database)
    workspace = open_workspace(str(demo_file))
    try:
        add_trip(
            workspace,
            NewTrip("riga-2024", "Riga", "Riga", "LV", date(2024, 6, 3), date(2024, 6, 6)),
        )
    finally:
        workspace.close()
    before = dump(database)
    fail_after_participants(monkeypatch)
    with pytest.raises(RuntimeError):
        copy_database(str(demo_file), database, replace=True)
    assert dump(database) == before


def test_a_failed_copy_removes_the_file_it_created(demo_file, tmp_path, monkeypatch):
    fail_after_participants(monkeypatch)
    target = tmp_path / "new.sqlite3"
    with pytest.raises(RuntimeError):
        copy_database(str(demo_file), str(target))
    assert list(tmp_path.glob("new.sqlite3*")) == []


def test_a_server_database_named_with_or_without_its_default_port_is_one(tmp_path):
    from delegation.domain.errors import DatabaseError
    from delegation.services.database_copy import copy_database

    with pytest.raises(DatabaseError, match="the same database"):
        copy_database(
            "postgresql+psycopg://kadri@db.example:5432/delegation",
            "postgresql+psycopg://ana@db.example/delegation",
        )
