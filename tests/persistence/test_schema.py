"""Migrations create the schema the models describe, and opening guards the file."""

import hashlib
import shutil
import sqlite3
import stat
from contextlib import closing

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from delegation.domain.errors import DatabaseError
from delegation.persistence import schema
from delegation.persistence.base import Base
from delegation.persistence.schema import SCHEMA_HEAD, _alembic_config
from delegation.services.trips import list_trips
from delegation.services.workspace import open_workspace


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_head_constant_matches_the_newest_migration():
    script = ScriptDirectory.from_config(_alembic_config())
    assert script.get_heads() == [SCHEMA_HEAD]


def test_migrated_schema_equals_the_models(workspace):
    engine = create_engine(workspace.location.url)
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={"compare_type": True, "render_as_batch": engine.dialect.name == "sqlite"},
        )
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert differences == []


@pytest.mark.sqlite_only
def test_new_database_file_is_private_to_its_owner(workspace, database_path):
    assert stat.S_IMODE(database_path.stat().st_mode) == 0o600
    assert workspace.outcome.created


@pytest.mark.sqlite_only
def test_reopening_an_up_to_date_database_changes_nothing(workspace, database_path):
    workspace.close()
    before = _digest(database_path)
    again = open_workspace(str(database_path))
    again.close()
    assert _digest(database_path) == before
    assert not again.outcome.created
    assert again.outcome.upgraded_from is None
    assert again.outcome.backup is None
    again.close()


NEXT = f"{int(SCHEMA_HEAD) + 1:04d}"  # what the next release's revision would be called
NEXT_REVISION = """
import sqlalchemy as sa
from alembic import op

revision = "{next}"
down_revision = "{head}"


def upgrade():
    with op.batch_alter_table("trips") as batch_op:
        batch_op.add_column(sa.Column("motto", sa.String(100), nullable=True))


def downgrade():
    with op.batch_alter_table("trips") as batch_op:
        batch_op.drop_column("motto")
"""


@pytest.fixture
def newer_program(tmp_path, monkeypatch):
    """This program plus one more revision: what the next release would ship."""
    from importlib.resources import files

    migrations = tmp_path / "migrations"
    shutil.copytree(files("delegation.persistence") / "migrations", migrations)
    (migrations / "versions" / f"{NEXT}_motto.py").write_text(
        NEXT_REVISION.replace("{next}", NEXT).replace("{head}", SCHEMA_HEAD)
    )
    monkeypatch.setattr(schema, "SCRIPT_LOCATION", str(migrations))
    monkeypatch.setattr(schema, "SCHEMA_HEAD", NEXT)


@pytest.mark.sqlite_only
def test_upgrade_backs_the_file_up_then_keeps_the_data(
    demo_workspace, database_path, newer_program
):
    demo_workspace.close()
    before = _digest(database_path)

    upgraded = open_workspace(str(database_path))
    summary = list_trips(upgraded)
    upgraded.close()

    outcome = upgraded.outcome
    assert outcome.upgraded_from == SCHEMA_HEAD
    assert outcome.backup is not None and outcome.backup.parent == database_path.parent
    assert outcome.backup.name.startswith("trips-backup-") and outcome.backup.suffix == ".sqlite3"
    assert stat.S_IMODE(outcome.backup.stat().st_mode) == 0o600
    with closing(sqlite3.connect(outcome.backup)) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == (SCHEMA_HEAD,)
        assert copy.execute("SELECT count(*) FROM participants").fetchone() == (62,)
    with closing(sqlite3.connect(database_path)) as current:
        assert current.execute("SELECT version_num FROM alembic_version").fetchone() == (NEXT,)
        columns = {row[1] for row in current.execute("PRAGMA table_info(trips)")}
        assert "motto" in columns
        assert current.execute("PRAGMA foreign_key_check").fetchall() == []
    assert [trip.participant_count for trip in summary] == [60]
    assert _digest(database_path) != before


@pytest.mark.sqlite_only
def test_a_failed_upgrade_leaves_the_database_as_it_was(
    demo_workspace, database_path, newer_program, tmp_path
):
    demo_workspace.close()
    broken = tmp_path / "migrations" / "versions" / f"{NEXT}_motto.py"
    broken.write_text(
        broken.read_text().replace('"motto", sa.String(100)', '"key", sa.String(100)')
    )
    with pytest.raises(DatabaseError, match="the upgrade failed and was undone"):
        open_workspace(str(database_path))
    with closing(sqlite3.connect(database_path)) as current:
        assert current.execute("SELECT version_num FROM alembic_version").fetchone() == (
            SCHEMA_HEAD,
        )
        assert current.execute("SELECT count(*) FROM participants").fetchone() == (62,)


def test_a_text_file_is_refused_untouched(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# Not a database\n")
    before = _digest(readme)
    with pytest.raises(DatabaseError, match="not a Delegation database"):
        open_workspace(str(readme))
    assert _digest(readme) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md"]


def test_another_programs_sqlite_file_is_refused_untouched(tmp_path):
    other = tmp_path / "other.sqlite3"
    with closing(sqlite3.connect(other)) as connection:
        connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
        connection.commit()
    before = _digest(other)
    with pytest.raises(DatabaseError, match="holds other tables"):
        open_workspace(str(other))
    assert _digest(other) == before


@pytest.mark.sqlite_only
def test_a_database_from_a_newer_version_is_refused_untouched(workspace, database_path):
    with workspace.transaction() as session:
        session.connection().exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    workspace.close()
    before = _digest(database_path)
    with pytest.raises(DatabaseError, match="newer version of Delegation"):
        open_workspace(str(database_path))
    assert _digest(database_path) == before


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(DatabaseError, match="not a database file"):
        open_workspace(str(tmp_path))


def test_a_database_that_cannot_be_created_is_refused(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(DatabaseError, match="cannot create"):
        open_workspace(str(blocker / "trips.sqlite3"))


def test_a_failed_creation_leaves_no_file_behind(tmp_path, monkeypatch):
    from delegation.services import workspace as workspace_module

    def broken(*_args):
        raise DatabaseError("the schema could not be made")

    monkeypatch.setattr(workspace_module, "ensure_schema", broken)
    with pytest.raises(DatabaseError, match="could not be made"):
        open_workspace(str(tmp_path / "new.sqlite3"))
    assert list(tmp_path.iterdir()) == []


def test_a_failed_sample_leaves_the_default_database_to_be_made_again(monkeypatch):
    from delegation.persistence.location import default_database_path
    from delegation.services import demo

    def broken(*_args, **_kwargs):
        raise DatabaseError("no sample today")

    original = demo.load_demo
    monkeypatch.setattr(demo, "load_demo", broken)
    with pytest.raises(DatabaseError, match="no sample today"):
        open_workspace(None)
    assert not default_database_path().exists()
    monkeypatch.setattr(demo, "load_demo", original)
    again = open_workspace(None)
    assert again.outcome.created
    assert [trip.key for trip in list_trips(again)] == ["tallinn-2023"]
    again.close()


@pytest.mark.sqlite_only
def test_a_damaged_page_inside_the_file_is_a_clear_error(demo_workspace, database_path):
    demo_workspace.close()
    data = bytearray(database_path.read_bytes())
    page = 4096
    data[2 * page : 6 * page] = b"\xff" * (4 * page)  # wreck the first tables' pages
    database_path.write_bytes(bytes(data))
    with pytest.raises(DatabaseError):
        reopened = open_workspace(str(database_path))
        list_trips(reopened)


def test_memory_and_empty_locations_are_refused(tmp_path):
    with pytest.raises(DatabaseError, match="in memory keeps nothing"):
        open_workspace("sqlite://")
    with pytest.raises(DatabaseError, match="in memory keeps nothing"):
        open_workspace("sqlite:///:memory:")
    with pytest.raises(DatabaseError, match="no database given"):
        open_workspace("  ")


def test_a_home_relative_url_opens_the_file_it_names(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    opened = open_workspace("sqlite:///~/team.sqlite3")
    opened.close()
    assert (tmp_path / "team.sqlite3").exists()
    assert opened.location.url.database == str(tmp_path / "team.sqlite3")


def test_an_empty_file_becomes_a_private_database(tmp_path):
    empty = tmp_path / "new.sqlite3"
    empty.touch(mode=0o644)
    opened = open_workspace(str(empty))
    opened.close()
    assert opened.outcome.created
    assert stat.S_IMODE(empty.stat().st_mode) == 0o600


def test_an_unreadable_file_is_refused(tmp_path, monkeypatch):
    locked = tmp_path / "locked.sqlite3"
    locked.write_bytes(b"SQLite format 3\x00")

    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    # Root reads any file, so the refusal of the operating system is simulated.
    monkeypatch.setattr(type(locked), "open", refuse)
    with pytest.raises(DatabaseError, match="cannot read the file \\(no permission\\)"):
        open_workspace(str(locked))


@pytest.mark.parametrize(
    "damage",
    [lambda data: data[:16] + bytes(range(256)) * 20, lambda data: data[: len(data) // 3]],
    ids=["garbage", "truncated"],
)
@pytest.mark.sqlite_only
def test_a_damaged_database_is_refused(demo_workspace, database_path, damage):
    demo_workspace.close()
    data = damage(database_path.read_bytes())
    database_path.write_bytes(data)
    with pytest.raises(DatabaseError, match="cannot read the database"):
        open_workspace(str(database_path))
    assert database_path.read_bytes() == data


def test_migrations_render_for_postgresql():
    """Team mode runs the same revisions on PostgreSQL: they must compile for it."""
    import io

    from alembic import command
    from alembic.config import Config

    output = io.StringIO()
    config = Config(output_buffer=output)
    config.set_main_option("script_location", schema.SCRIPT_LOCATION)
    config.attributes["dialect"] = "postgresql"
    command.upgrade(config, "head", sql=True)
    sql = output.getvalue()
    assert "CREATE TABLE trips" in sql
    assert "CONSTRAINT ck_participants_participant_status CHECK" in sql
    assert "REFERENCES trips (id) ON DELETE CASCADE" in sql
    assert f"UPDATE alembic_version SET version_num='{SCHEMA_HEAD}'" in sql
    assert "ALTER TABLE agenda_items ADD COLUMN start_fold BOOLEAN DEFAULT false NOT NULL" in sql
