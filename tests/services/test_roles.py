"""Organisers and viewers of a server database: the server itself keeps the private columns
from viewers, and the program, opened by one, shows and prints what they may see."""

import shutil
from dataclasses import replace

import psycopg
import pytest
from psycopg import errors
from sqlalchemy import text
from tests.server_databases import connected
from tests.services.roles import SharedDatabase, shared_sample

from delegation.domain.errors import DatabaseError, NotFoundError, PermissionRefusedError
from delegation.persistence import schema
from delegation.persistence.revision import SCHEMA_HEAD
from delegation.persistence.roles import private_columns
from delegation.services import lists
from delegation.services.access import grant_role
from delegation.services.exports import export_participants
from delegation.services.participant_rows import list_participants
from delegation.services.participants import update_participant
from delegation.services.readiness import check_trip
from delegation.services.trips import find_trip
from delegation.services.workspace import open_workspace

REFUSED_EDIT = "you may only view this database"


@pytest.fixture
def shared(server_databases):
    with shared_sample(server_databases) as database:
        yield database


@pytest.fixture
def viewer(shared: SharedDatabase):
    grant_role(shared.url, shared.viewer, "viewer")
    workspace = open_workspace(shared.url_of(shared.viewer))
    yield workspace
    workspace.close()


def _tamm(workspace):
    trip = find_trip(workspace, "tallinn-2023")
    return next(r for r in list_participants(workspace, trip.id) if r.details.last_name == "Tamm")


def test_the_private_columns_are_declared_once_on_the_models():
    assert private_columns() == {
        "contacts": ("birth_date",),
        "participants": (
            "dietary", "accessibility", "passport_number", "passport_expiry",
            "emergency_contact_name", "emergency_contact_phone",
        ),
    }  # fmt: skip


def test_a_viewer_is_refused_the_passport_column_by_the_server_itself(shared):
    grant_role(shared.url, shared.viewer, "viewer")
    with psycopg.connect(shared.libpq_of(shared.viewer)) as connection:
        for table, column in [("participants", "passport_number"), ("contacts", "birth_date")]:
            with pytest.raises(errors.InsufficientPrivilege, match="permission denied"):
                connection.execute(f"SELECT {column} FROM public.{table}")
            connection.rollback()
        names = connection.execute("SELECT last_name FROM public.contacts").fetchall()
        assert ("Tamm",) in names
        # What psql shows them by default: the views, the private columns left empty.
        shown = connection.execute(
            "SELECT count(*), count(passport_number), count(dietary) FROM participants"
        ).fetchone()
        assert shown == (62, 0, 0)
        with pytest.raises(errors.InsufficientPrivilege):
            connection.execute("UPDATE public.trips SET title = 'x'")


def test_the_program_opened_by_a_viewer_shows_everyone_but_no_private_field(viewer, shared):
    assert (viewer.sees_private, viewer.may_edit) == (False, False)
    tamm = _tamm(viewer)
    assert tamm.details.first_name == "Kadri"
    assert tamm.details.email == "kadri.tamm@mistral-data.example"
    assert tamm.room_label is not None
    private = {name: getattr(tamm.details, name) for names in private_columns().values()
               for name in names}  # fmt: skip
    assert set(private.values()) == {None}


def test_a_viewer_changes_nothing_and_is_told_so(viewer, shared):
    tamm = _tamm(viewer)
    with pytest.raises(PermissionRefusedError, match=REFUSED_EDIT):
        update_participant(viewer, tamm.id, tamm.version, replace(tamm.details, notes="x"))
    owner = open_workspace(shared.url)
    try:
        assert _tamm(owner).details.notes == tamm.details.notes
        assert _tamm(owner).details.passport_number  # not wiped by the viewer's empty copy
    finally:
        owner.close()


def test_documents_showing_private_data_are_refused_to_a_viewer(viewer, tmp_path):
    refused = [
        lambda path: lists.export_dietary_counts(viewer, "tallinn-2023", path.with_suffix(".pdf")),
        lambda path: lists.export_visitor_lists(viewer, "tallinn-2023", path.with_suffix(".pdf")),
        lambda path: lists.export_rooming_pdf(viewer, "tallinn-2023", path.with_suffix(".pdf")),
        lambda path: export_participants(
            viewer, "tallinn-2023", path.with_suffix(".csv"), include_sensitive=True
        ),
    ]
    for number, export in enumerate(refused):
        with pytest.raises(PermissionRefusedError, match="private data"):
            export(tmp_path / f"document{number}")
    assert list(tmp_path.iterdir()) == []
    written = export_participants(viewer, "tallinn-2023", tmp_path / "list.csv")
    assert written.rows == 62
    assert lists.export_badges(viewer, "tallinn-2023", tmp_path / "badges.pdf") > 0


def test_a_viewers_readiness_report_leaves_out_what_they_cannot_see(viewer, shared):
    owner = open_workspace(shared.url)
    try:
        tamm = _tamm(owner)
        forgotten = replace(
            tamm.details, passport_number=None, passport_expiry=None, emergency_contact_phone=None
        )
        update_participant(owner, tamm.id, tamm.version, forgotten)
        rules = {finding.rule for finding in check_trip(owner, "tallinn-2023").findings}
    finally:
        owner.close()
    seen = {finding.rule for finding in check_trip(viewer, "tallinn-2023").findings}
    private_rules = {"identity_missing", "no_emergency_contact"}
    assert rules >= private_rules
    assert not seen & private_rules
    assert seen == rules - private_rules


def test_an_organiser_sees_and_changes_everything(shared):
    grant_role(shared.url, shared.organiser, "organiser")
    organiser = open_workspace(shared.url_of(shared.organiser))
    try:
        assert (organiser.sees_private, organiser.may_edit) == (True, True)
        tamm = _tamm(organiser)
        assert tamm.details.passport_number
        update_participant(organiser, tamm.id, tamm.version, replace(tamm.details, dietary="vegan"))
        assert _tamm(organiser).details.dietary == "vegan"
    finally:
        organiser.close()


def test_one_role_at_a_time(shared):
    grant_role(shared.url, shared.organiser, "viewer")
    granted = grant_role(shared.url, shared.organiser, "organiser")
    assert granted.group == f"{shared.name}_organisers"
    with psycopg.connect(shared.libpq_of(shared.organiser)) as connection:
        groups = connection.execute(
            "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid"
            " JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = current_user"
        ).fetchall()
        assert groups == [(f"{shared.name}_organisers",)]
        assert connection.execute("SELECT passport_number FROM public.participants").fetchall()


def test_granting_needs_a_server_and_an_existing_login(shared, tmp_path):
    with pytest.raises(NotFoundError, match="no such role on the server"):
        grant_role(shared.url, f"{shared.name}_nobody", "viewer")
    with pytest.raises(DatabaseError, match="roles exist only on a database server"):
        grant_role(str(tmp_path / "trips.sqlite3"), "someone", "viewer")
    assert not (tmp_path / "trips.sqlite3").exists()


NEXT = f"{int(SCHEMA_HEAD) + 1:04d}"
WIDER_NATIONALITY = f"""
import sqlalchemy as sa
from alembic import op

revision = "{NEXT}"
down_revision = "{SCHEMA_HEAD}"


def upgrade():
    op.alter_column("participants", "nationality", type_=sa.String(3))
    op.add_column("trips", sa.Column("motto", sa.String(100), nullable=True))


def downgrade():
    op.drop_column("trips", "motto")
    op.alter_column("participants", "nationality", type_=sa.String(2))
"""


@pytest.fixture
def newer_program(tmp_path, monkeypatch):
    """Installs this program plus a revision that changes a column the viewers' views read."""
    from importlib.resources import files

    def install() -> None:
        migrations = tmp_path / "migrations"
        shutil.copytree(files("delegation.persistence") / "migrations", migrations)
        (migrations / "versions" / f"{NEXT}_wider.py").write_text(WIDER_NATIONALITY)
        monkeypatch.setattr(schema, "SCRIPT_LOCATION", str(migrations))
        monkeypatch.setattr(schema, "SCHEMA_HEAD", NEXT)

    return install


def test_an_upgrade_keeps_the_viewers_views_and_privileges(shared, newer_program):
    grant_role(shared.url, shared.viewer, "viewer")
    newer_program()
    upgraded = open_workspace(shared.url)  # the owner opens it with the newer program
    upgraded.close()
    assert upgraded.outcome.upgraded_from == SCHEMA_HEAD
    with psycopg.connect(shared.libpq_of(shared.viewer)) as connection:
        assert connection.execute("SELECT count(motto) FROM trips").fetchone() == (0,)
        assert connection.execute("SELECT count(*) FROM participants").fetchone() == (62,)
        with pytest.raises(errors.InsufficientPrivilege):
            connection.execute("SELECT passport_number FROM public.participants")


def test_the_program_reads_the_views_even_without_the_viewers_search_path(shared):
    grant_role(shared.url, shared.viewer, "viewer")
    with connected(shared.url) as connection:  # as if the owner could not set it
        connection.execute(
            text(f'ALTER ROLE "{shared.viewer}" IN DATABASE "{shared.name}" RESET ALL')
        )
    with psycopg.connect(shared.libpq_of(shared.viewer)) as connection:
        assert connection.execute("SHOW search_path").fetchone() == ('"$user", public',)
        with pytest.raises(errors.InsufficientPrivilege):
            connection.execute("SELECT * FROM participants")
    viewer = open_workspace(shared.url_of(shared.viewer))
    try:
        assert not viewer.sees_private
        assert _tamm(viewer).details.passport_number is None
    finally:
        viewer.close()


def test_a_viewer_cannot_copy_or_back_up_what_they_only_partly_see(viewer, shared, tmp_path):
    from delegation.services.database_copy import backup_database, copy_database

    as_viewer = shared.url_of(shared.viewer)
    with pytest.raises(PermissionRefusedError, match="private data would be missing"):
        copy_database(as_viewer, str(tmp_path / "copy.sqlite3"))
    with pytest.raises(PermissionRefusedError, match="private data would be missing"):
        backup_database(as_viewer, str(tmp_path / "backup.sqlite3"))
    assert list(tmp_path.iterdir()) == []
