"""Backups of the database file: under a backup's name only once complete and checked."""

import shutil
import sqlite3
from contextlib import closing

import pytest

from delegation.domain.errors import DatabaseError
from delegation.persistence import backups
from delegation.persistence.backups import backup_sqlite_file

# Backups are copies of the SQLite file; a server keeps its own.
pytestmark = pytest.mark.sqlite_only


def _names(folder) -> set[str]:
    """The files of `folder` but SQLite's own -wal and -shm, which reading may make."""
    return {path.name for path in folder.iterdir() if not path.name.endswith(("-wal", "-shm"))}


def test_a_backup_is_a_checked_copy_beside_the_database(demo_workspace, database_path):
    first = backup_sqlite_file(database_path)
    second = backup_sqlite_file(database_path)  # within the same second: its own name
    assert first != second and first.parent == database_path.parent
    for copy in (first, second):
        with closing(sqlite3.connect(copy)) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert connection.execute("SELECT count(*) FROM participants").fetchone() == (62,)
    assert not any(name.endswith(".tmp") for name in _names(database_path.parent))


def test_a_copy_interrupted_half_way_leaves_no_file(demo_workspace, database_path, monkeypatch):
    before = _names(database_path.parent)

    def interrupted(source, copy):
        copy.write_bytes(database_path.read_bytes()[:4096])  # as a kill mid-copy would
        raise sqlite3.OperationalError("interrupted")

    monkeypatch.setattr(backups, "_copy_and_check", interrupted)
    with pytest.raises(DatabaseError, match="the backup copy could not be made"):
        backup_sqlite_file(database_path)
    assert _names(database_path.parent) == before


def test_a_copy_that_fails_its_check_never_takes_a_backup_s_name(
    demo_workspace, database_path, tmp_path
):
    demo_workspace.close()
    damaged = tmp_path / "damaged" / "trips.sqlite3"
    damaged.parent.mkdir()
    shutil.copy(database_path, damaged)
    data = bytearray(damaged.read_bytes())
    data[-4096:] = b"\x0d" * 4096  # the last page: an index or table page gone wrong
    damaged.write_bytes(bytes(data))
    with pytest.raises(DatabaseError, match=r"could not be made \(the file is damaged\)"):
        backup_sqlite_file(damaged)
    assert _names(damaged.parent) == {"trips.sqlite3"}


def test_a_full_disk_is_said_and_leaves_nothing(demo_workspace, database_path, small_disk):
    demo_workspace.close()
    copy = shutil.copy(database_path, small_disk.folder / "trips.sqlite3")
    small_disk.fill()
    with pytest.raises(DatabaseError, match=r"\(the disk is full\); nothing was changed"):
        backup_sqlite_file(copy)
    assert _names(small_disk.folder) == {"trips.sqlite3", "filler"}


def test_a_copy_found_unsound_is_said_so_and_leaves_nothing(
    demo_workspace, database_path, monkeypatch
):
    before = _names(database_path.parent)
    monkeypatch.setattr(backups, "_is_sound", lambda copy, source: False)
    with pytest.raises(DatabaseError, match=r"\(the copy failed its integrity check\)"):
        backup_sqlite_file(database_path)
    assert _names(database_path.parent) == before
