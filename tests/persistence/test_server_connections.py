"""A PostgreSQL server as people reach it: passwords kept by libpq, refusals said in one
line, and a connection lost mid-session (a killed session, a restart) told once, with
whether the last change was saved.

These tests run a server of their own (tools/test_postgresql.sh), which they restart.
"""

import os
import shutil
import subprocess
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool

from delegation.domain.errors import ConflictError, ConnectionLostError, DatabaseError
from delegation.persistence.models.registration import Participant
from delegation.services.participant_details import ParticipantDetails
from delegation.services.participant_rows import get_participant
from delegation.services.participants import add_participant, update_participant
from delegation.services.trips import NewTrip, add_trip
from delegation.services.workspace import Workspace, open_workspace

pytest.importorskip("psycopg", reason="the PostgreSQL driver is not installed")

SCRIPT = Path(__file__).parents[2] / "tools" / "test_postgresql.sh"


def _server_programs() -> bool:
    return bool(shutil.which("initdb")) or any(Path("/usr/lib/postgresql").glob("*/bin/initdb"))


class OwnServer:
    """A server for this module alone: the others' tests never see it restart."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self.url = self._script("start").strip()
        self.parts = make_url(self.url)
        # The superuser, through the folder's socket, where it is trusted.
        self._admin = create_engine(
            f"postgresql+psycopg://postgres@/postgres?host={folder}&port={self.parts.port}",
            poolclass=NullPool,
            isolation_level="AUTOCOMMIT",
        )

    def _script(self, action: str) -> str:
        return subprocess.run(
            ["bash", str(SCRIPT), action, self.folder], capture_output=True, text=True, check=True
        ).stdout

    def restart(self) -> None:
        self._script("restart")

    def stop(self) -> None:
        self._admin.dispose()
        self._script("stop")

    def execute(self, statement: str, **values) -> object:
        with self._admin.connect() as connection:
            result = connection.execute(text(statement), values)
            return result.scalar() if result.returns_rows else None

    def terminate(self, pid: int) -> None:
        """End a session as an administrator would, once it is gone."""
        self.execute("SELECT pg_terminate_backend(:pid, 10000)", pid=pid)


@pytest.fixture(scope="module")
def server():
    if not _server_programs():
        pytest.skip("no PostgreSQL server programs here (Debian: postgresql)")
    folder = tempfile.mkdtemp(prefix="delegation-pg-")  # the postgres user must reach it
    started = OwnServer(folder)
    yield started
    started.stop()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def workspace(server):
    """A new database on the module's server, with a trip and one participant."""
    name = f"connections_{os.urandom(4).hex()}"
    server.execute(f'CREATE DATABASE "{name}" OWNER delegation')
    opened = open_workspace(server.parts.set(database=name).render_as_string(hide_password=False))
    trip = add_trip(
        opened, NewTrip("riga", "Riga", "Riga", "LV", date(2026, 6, 1), date(2026, 6, 4))
    )
    add_participant(opened, trip.id, ParticipantDetails(last_name="Ozola", first_name="Anna"))
    yield opened
    opened.close()
    server.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def _participant_id(workspace: Workspace) -> int:
    with workspace.reading() as session:
        return session.scalars(text("SELECT id FROM participants")).one()


def _edit_notes(workspace: Workspace, notes: str):
    """The participant editor's save: the details as read, with new notes."""
    return _notes_editor(workspace, notes)()


def _notes_editor(workspace: Workspace, notes: str):
    """An editor opened (the participant read), whose save is left to call."""
    row = get_participant(workspace, _participant_id(workspace))
    details = ParticipantDetails(**{**vars(row.details), "notes": notes})
    return lambda: update_participant(workspace, row.id, row.version, details)


def _notes(workspace: Workspace) -> str | None:
    return get_participant(workspace, _participant_id(workspace)).details.notes


def _without_password(url: URL) -> str:
    """The URL as a user writes it, leaving the password to libpq (URL.set keeps it)."""
    bare = URL.create(url.drivername, url.username, None, url.host, url.port, url.database)
    return bare.render_as_string(hide_password=False)


def _one_line(error: Exception) -> str:
    message = str(error)
    assert "\n" not in message and "Traceback" not in message and "FATAL" not in message
    return message


# Passwords where libpq keeps them


def test_a_url_without_password_takes_it_from_the_pgpass_file(server, tmp_path, monkeypatch):
    parts = server.parts
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"{parts.host}:{parts.port}:*:{parts.username}:{parts.password}\n")
    pgpass.chmod(0o600)  # libpq ignores a file others may read
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    monkeypatch.delenv("PGPASSWORD", raising=False)

    opened = open_workspace(_without_password(parts))
    try:
        with opened.reading() as session:
            assert session.execute(text("SELECT current_user")).scalar() == "delegation"
    finally:
        opened.close()


def test_a_url_naming_only_the_database_kind_takes_the_rest_from_pg_variables(server, monkeypatch):
    parts = server.parts
    for variable, value in (
        ("PGHOST", parts.host), ("PGPORT", str(parts.port)), ("PGUSER", parts.username),
        ("PGPASSWORD", parts.password), ("PGDATABASE", parts.database),
    ):  # fmt: skip
        monkeypatch.setenv(variable, value)
    monkeypatch.setenv("PGPASSFILE", os.devnull)

    opened = open_workspace("postgresql+psycopg://")
    try:
        with opened.reading() as session:
            assert session.execute(text("SELECT current_database()")).scalar() == "delegation"
    finally:
        opened.close()


def test_no_password_anywhere_is_said_with_where_to_put_it(server, monkeypatch):
    monkeypatch.setenv("PGPASSFILE", os.devnull)
    monkeypatch.delenv("PGPASSWORD", raising=False)
    with pytest.raises(DatabaseError) as refused:
        open_workspace(_without_password(server.parts))
    assert "asks for a password and none was given" in _one_line(refused.value)


def test_a_wrong_password_is_refused_in_one_line(server):
    with pytest.raises(DatabaseError) as refused:
        open_workspace(server.parts.set(password="wrong").render_as_string(hide_password=False))
    message = _one_line(refused.value)
    assert "the server refused the user name or password" in message
    assert "wrong" not in message  # nor is the password shown


def test_a_missing_database_is_named_so(server):
    with pytest.raises(DatabaseError) as refused:
        open_workspace(server.parts.set(database="nowhere").render_as_string(hide_password=False))
    assert "the database does not exist on the server" in _one_line(refused.value)


def test_a_role_over_its_connection_limit_is_told_to_try_again(server):
    server.execute("DROP ROLE IF EXISTS limited")
    server.execute("CREATE ROLE limited LOGIN PASSWORD 'limited' CONNECTION LIMIT 0")
    url = server.parts.set(username="limited", password="limited")
    with pytest.raises(DatabaseError) as refused:
        open_workspace(url.render_as_string(hide_password=False))
    assert "too many connections open" in _one_line(refused.value)


def test_tls_options_of_the_url_reach_libpq(server):
    plain = server.parts.update_query_dict({"sslmode": "disable"})
    open_workspace(plain.render_as_string(hide_password=False)).close()

    required = server.parts.update_query_dict({"sslmode": "require"})
    with pytest.raises(DatabaseError) as refused:
        open_workspace(required.render_as_string(hide_password=False))
    assert "offers no encrypted connection" in _one_line(refused.value)


# The server undoing a transaction, or stopping a request


def test_a_deadlock_with_another_program_is_a_conflict_to_try_again(server, workspace):
    url = workspace.location.url
    other = create_engine(url, poolclass=NullPool)
    watcher = create_engine(url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    with other.connect() as setup:
        setup.execute(text("CREATE TABLE counters (id int PRIMARY KEY, n int)"))
        setup.execute(text("INSERT INTO counters VALUES (1, 0), (2, 0)"))
        setup.commit()

    def locked_out(pid: int) -> None:
        """The other program takes row 2 once this program waits for its row 1."""
        with watcher.connect() as look:
            while not look.execute(
                text("SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = :pid"),
                {"pid": pid},
            ).scalar():
                time.sleep(0.01)
        blocked.execute(text("UPDATE counters SET n = n + 1 WHERE id = 2"))

    with other.connect() as blocked:
        blocked.execute(text("UPDATE counters SET n = n + 1 WHERE id = 1"))
        with pytest.raises(ConflictError) as refused, workspace.transaction() as session:
            session.execute(text("UPDATE counters SET n = n + 1 WHERE id = 2"))
            pid = session.execute(text("SELECT pg_backend_pid()")).scalar()
            thread = threading.Thread(target=locked_out, args=(pid,))
            thread.start()
            try:
                session.execute(text("UPDATE counters SET n = n + 1 WHERE id = 1"))
            finally:
                thread.join()
        blocked.rollback()
    other.dispose()
    watcher.dispose()
    assert "got in the way of this one; nothing was saved: try again" in _one_line(refused.value)


def test_a_serialization_failure_is_a_conflict_to_try_again(server, workspace):
    other = create_engine(workspace.location.url, poolclass=NullPool)
    with other.begin() as setup:
        setup.execute(text("CREATE TABLE counters (id int PRIMARY KEY, n int)"))
        setup.execute(text("INSERT INTO counters VALUES (1, 0)"))
    # A read's snapshot (repeatable read) cannot lock a row changed after it was taken.
    with pytest.raises(ConflictError) as refused, workspace.reading() as session:
        session.execute(text("SELECT n FROM counters"))
        with other.begin() as meanwhile:
            meanwhile.execute(text("UPDATE counters SET n = 1"))
        session.execute(text("SELECT n FROM counters FOR UPDATE"))
    other.dispose()
    assert "try again" in _one_line(refused.value)


def test_a_statement_timeout_is_said_in_one_line(server, workspace):
    with pytest.raises(DatabaseError) as refused, workspace.transaction() as session:
        session.execute(text("SET LOCAL statement_timeout = '10ms'"))
        session.execute(text("SELECT pg_sleep(2)"))
    assert "took too long; nothing was saved" in _one_line(refused.value)


# A connection lost


def test_a_session_ended_mid_edit_is_told_once_and_nothing_of_it_is_written(server, workspace):
    _edit_notes(workspace, "before")
    participant_id = _participant_id(workspace)

    with pytest.raises(ConnectionLostError) as lost, workspace.transaction() as session:
        session.get_one(Participant, participant_id).notes = "half"
        session.flush()
        server.terminate(session.execute(text("SELECT pg_backend_pid()")).scalar())
        session.execute(text("SELECT 1"))

    assert lost.value.saved is False
    assert "was lost and has been opened again; your last change was not saved" in _one_line(
        lost.value
    )
    assert _notes(workspace) == "before"
    _edit_notes(workspace, "after")
    assert _notes(workspace) == "after"


def test_a_session_ended_while_idle_is_replaced_unseen(server, workspace):
    with workspace.reading() as session:
        pid = session.execute(text("SELECT pg_backend_pid()")).scalar()
    server.terminate(pid)
    assert _notes(workspace) is None
    _edit_notes(workspace, "still works")


def _commit_then_lose_the_answer(
    workspace: Workspace, server: OwnServer, monkeypatch, *, commits: bool
) -> None:
    """The connection breaks as the commit is sent: after it reached the server, or before."""
    import psycopg

    dialect = workspace._engine.dialect
    commit = dialect.do_commit

    def lost(connection) -> None:
        if commits:
            commit(connection)
        else:
            pid = connection.dbapi_connection.info.backend_pid
            server.terminate(pid)
        connection.dbapi_connection.close()
        raise psycopg.OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(dialect, "do_commit", lost)


@pytest.mark.parametrize("commits", [True, False], ids=["committed", "not-committed"])
def test_a_commit_whose_answer_is_lost_says_whether_it_was_saved(
    server, workspace, monkeypatch, commits
):
    save = _notes_editor(workspace, "sent")
    _commit_then_lose_the_answer(workspace, server, monkeypatch, commits=commits)
    with pytest.raises(ConnectionLostError) as lost:
        save()
    monkeypatch.undo()

    assert lost.value.saved is commits
    said = "your last change was saved" if commits else "your last change was not saved"
    assert said in _one_line(lost.value)
    assert _notes(workspace) == ("sent" if commits else None)
    _edit_notes(workspace, "next")
    assert _notes(workspace) == "next"


def test_a_restart_of_the_server_mid_session_loses_no_committed_edit(server, workspace):
    _edit_notes(workspace, "saved before the restart")

    server.restart()  # every pooled connection is dead now
    assert _notes(workspace) == "saved before the restart"  # reconnected unseen

    participant_id = _participant_id(workspace)
    with pytest.raises(ConnectionLostError) as lost, workspace.transaction() as session:
        session.get_one(Participant, participant_id).notes = "half"
        session.flush()
        server.restart()
        session.execute(text("SELECT 1"))
    assert lost.value.saved is False
    assert _one_line(lost.value).startswith("the connection to the server was lost")

    assert _notes(workspace) == "saved before the restart"
    _edit_notes(workspace, "saved after the restart")
    assert _notes(workspace) == "saved after the restart"
