"""SQLite's failures, said in the user's words: real errors from the driver, not made up."""

import sqlite3

import pytest
from sqlalchemy import func, select

from delegation.domain.errors import ConflictError
from delegation.i18n import set_language
from delegation.i18n.system_errors import constraint_conflict, database_reason
from delegation.persistence.models import Contact


def _error_of(path, *statements: str, uri: bool = False) -> sqlite3.Error:
    connection = sqlite3.connect(path, uri=uri, isolation_level=None)
    try:
        for statement in statements[:-1]:
            connection.execute(statement)
        with pytest.raises(sqlite3.Error) as raised:
            connection.execute(statements[-1])
        return raised.value
    finally:
        connection.close()


def test_a_read_only_database_is_named_so(tmp_path):
    path = tmp_path / "x.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE t (x)")
    connection.close()
    error = _error_of(f"{path.as_uri()}?mode=ro", "INSERT INTO t VALUES (1)", uri=True)
    assert "readonly" in str(error)
    assert database_reason(error) == "the database or its folder is read-only"
    set_language("fr")
    assert database_reason(error) == "la base ou son dossier est en lecture seule"


def test_a_file_that_is_not_a_database_is_damaged(tmp_path):
    path = tmp_path / "x.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 8)
    error = _error_of(path, "SELECT * FROM sqlite_master")
    assert database_reason(error) == "the file is damaged"


def test_a_unique_value_taken_meanwhile_is_a_conflict_naming_it(tmp_path):
    error = _error_of(
        tmp_path / "x.sqlite3",
        "CREATE TABLE contacts (email TEXT UNIQUE)",
        "INSERT INTO contacts VALUES ('kadri@example.ee')",
        "INSERT INTO contacts VALUES ('kadri@example.ee')",
    )
    assert constraint_conflict(error) == (
        "someone else saved a record with the same email address meanwhile; nothing was saved"
    )


def test_a_record_removed_meanwhile_is_a_conflict(tmp_path):
    error = _error_of(
        tmp_path / "x.sqlite3",
        "PRAGMA foreign_keys = ON",
        "CREATE TABLE trips (id INTEGER PRIMARY KEY)",
        "CREATE TABLE items (trip_id INTEGER REFERENCES trips (id))",
        "INSERT INTO items VALUES (7)",
    )
    assert constraint_conflict(error) == (
        "a record this change refers to was removed meanwhile; nothing was saved"
    )


def test_other_constraints_are_not_taken_for_a_race(tmp_path):
    error = _error_of(
        tmp_path / "x.sqlite3",
        "CREATE TABLE t (x INTEGER CHECK (x > 0))",
        "INSERT INTO t VALUES (-1)",
    )
    assert constraint_conflict(error) is None


def test_a_save_that_loses_a_race_for_an_email_is_refused_whole(demo_workspace):
    count = select(func.count()).select_from(Contact)
    with demo_workspace.reading() as session:
        taken = session.scalars(select(Contact.email).where(Contact.email.is_not(None))).first()
        before = session.scalar(count)
    # What two programs saving the same new person at once come to: the second insert.
    refused = pytest.raises(ConflictError, match="the same email address meanwhile")
    with refused, demo_workspace.transaction() as session:
        session.add(Contact(last_name="Tamm", first_name="Kadri", email=taken))
    with demo_workspace.reading() as session:
        assert session.scalar(count) == before
