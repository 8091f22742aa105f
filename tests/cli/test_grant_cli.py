"""db grant: an organiser or a viewer of a server database, from the command line."""

import psycopg
import pytest
from psycopg import errors
from sqlalchemy.engine import make_url
from tests.services.roles import shared_database


@pytest.fixture
def shared(server_databases, cli):
    with shared_database(server_databases) as database:
        done = cli("--db", database.url, "demo")
        assert done.returncode == 0, done.stderr
        yield database


def test_a_viewer_granted_from_the_command_line_sees_no_passport(cli, shared):
    done = cli("--db", shared.url, "db", "grant", shared.viewer, "viewer")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"{shared.viewer} is now a viewer of ")
    password = make_url(shared.url).password
    assert password and password not in done.stdout
    with (
        psycopg.connect(shared.libpq_of(shared.viewer)) as connection,
        pytest.raises(errors.InsufficientPrivilege),
    ):
        connection.execute("SELECT passport_number FROM public.participants")
    as_viewer = ("--db", shared.url_of(shared.viewer))
    listed = cli(*as_viewer, "trips")
    assert listed.returncode == 0, listed.stderr
    assert "tallinn-2023" in listed.stdout
    edited = cli(*as_viewer, "trips", "edit", "tallinn-2023", "--title", "Autre")
    assert edited.returncode == 1
    assert edited.stderr.splitlines() == [
        "delegation: you may only view this database: changes and private data are for its"
        " organisers; nothing was saved"
    ]
    printed = cli(*as_viewer, "--lang", "fr", "export", "dietary", "tallinn-2023", "-o", "x.pdf")
    assert printed.returncode == 1
    assert len(printed.stderr.splitlines()) == 1
    assert printed.stderr.startswith("delegation: Régimes alimentaires par repas\u00a0: ")
    checked = cli(*as_viewer, "check", "tallinn-2023")
    assert checked.stdout.startswith("Identity documents and emergency contacts are not checked")


def test_an_unknown_login_is_refused_in_one_line(cli, shared):
    done = cli("--db", shared.url, "db", "grant", "nobody_at_all", "organiser")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "delegation: nobody_at_all: no such role on the server; its administrator creates"
        " login roles (CREATE ROLE nobody_at_all LOGIN PASSWORD …)"
    ]


def test_an_sqlite_file_has_no_roles(cli, tmp_path):
    path = tmp_path / "trips.sqlite3"
    done = cli("--db", str(path), "--lang", "fr", "db", "grant", "someone", "viewer")
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1
    assert "un serveur" in done.stderr
    assert not path.exists()
    wrong = cli("--db", str(path), "db", "grant", "someone", "reader")
    assert wrong.returncode == 2
