"""Revision 0004: agenda items and travel legs of an older database get their calendar UIDs."""

import io
import sqlite3
import uuid
from contextlib import closing

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine

from delegation.persistence import schema
from delegation.services.agenda import list_agenda
from delegation.services.travel import list_segments
from delegation.services.workspace import open_workspace

STAMP = "1, '2023-04-01 10:00:00', 'organiser'"  # version, updated_at, updated_by
ROWS = f"""
INSERT INTO trips (id, key, title, destination_city, destination_country, start_date, end_date,
    timezone, home_timezone, languages, identity_document_required, version, updated_at,
    updated_by)
VALUES (1, 'tallinn-2023', 'Tallinn 2023', 'Tallinn', 'EE', '2023-05-07', '2023-05-10',
    'Europe/Tallinn', 'Europe/Paris', 'fr,en', 1, {STAMP});
INSERT INTO trip_groups (id, trip_id, code, name, position, version, updated_at, updated_by)
VALUES (1, 1, 'A', 'Cyber', 0, {STAMP});
INSERT INTO agenda_items (id, trip_id, day, start_time, title_fr, title_en, kind, status,
    version, updated_at, updated_by)
VALUES (1, 1, '2023-05-08', '09:00:00.000000', 'Briefing', 'Briefing', 'visit', 'confirmed',
        {STAMP}),
       (2, 1, '2023-05-08', '14:00:00.000000', 'CCDCOE', 'CCDCOE', 'visit', 'cancelled',
        {STAMP});
INSERT INTO agenda_item_groups (agenda_item_id, group_id) VALUES (2, 1);
INSERT INTO travel_segments (id, trip_id, mode, direction, departure_place,
    departure_timezone, departure_at, arrival_place, arrival_timezone, arrival_at, version,
    updated_at, updated_by)
VALUES (1, 1, 'flight', 'outbound', 'Paris-CDG', 'Europe/Paris', '2023-05-07 08:05:00.000000',
    'Tallinn', 'Europe/Tallinn', '2023-05-07 11:40:00.000000', {STAMP});
"""


def _database_at_0002(path) -> None:
    """A database as the previous release left it, with a programme and a leg."""
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.upgrade(schema._alembic_config(connection), "0002")
    engine.dispose()
    with closing(sqlite3.connect(path)) as connection:
        connection.executescript(ROWS)
        connection.commit()


def test_an_older_database_gets_a_uid_for_each_item_and_leg(tmp_path):
    path = tmp_path / "trips.sqlite3"
    _database_at_0002(path)

    workspace = open_workspace(str(path))
    try:
        assert workspace.outcome.upgraded_from == "0002" and workspace.outcome.backup.exists()
        items = list_agenda(workspace, 1)
        [leg] = list_segments(workspace, 1)
    finally:
        workspace.close()

    stamps = [item.calendar for item in items] + [leg.calendar]
    uids = [stamp.uid for stamp in stamps]
    assert len(set(uids)) == 3 and all(uuid.UUID(uid).version == 4 for uid in uids)
    assert {stamp.sequence for stamp in stamps} == {0}
    # Added in place: the table was not copied, so the item kept its group.
    assert [item.details.group_codes for item in items] == [(), ("A",)]
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        indexes = {row[1]: row[2] for row in connection.execute("PRAGMA index_list(agenda_items)")}
        assert indexes["ix_agenda_items_calendar_uid"] == 1  # unique


def test_two_older_databases_get_different_uids(tmp_path):
    uids = []
    for name in ("one.sqlite3", "two.sqlite3"):
        _database_at_0002(tmp_path / name)
        workspace = open_workspace(str(tmp_path / name))
        uids.append({item.calendar.uid for item in list_agenda(workspace, 1)})
        workspace.close()
    assert len(uids[0]) == len(uids[1]) == 2 and not uids[0] & uids[1]


def test_the_revision_renders_for_postgresql():
    """On PostgreSQL, a script run by an administrator lets the server draw the UUIDs."""
    output = io.StringIO()
    config = Config(output_buffer=output)
    config.set_main_option("script_location", schema.SCRIPT_LOCATION)
    config.attributes["dialect"] = "postgresql"
    command.upgrade(config, "0003:0004", sql=True)
    sql = output.getvalue()
    for table in ("agenda_items", "travel_segments"):
        assert f"ALTER TABLE {table} ADD COLUMN calendar_uid VARCHAR(64)" in sql
        assert f"UPDATE {table} SET calendar_uid = gen_random_uuid()::text" in sql
        assert f"ALTER TABLE {table} ALTER COLUMN calendar_uid DROP DEFAULT" in sql
        assert f"CREATE UNIQUE INDEX ix_{table}_calendar_uid ON {table} (calendar_uid)" in sql
    assert "batch" not in sql.lower() and "_alembic_tmp" not in sql
