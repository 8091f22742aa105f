"""The -wal and -shm files a refused open leaves are removed only when nothing else uses
them and the WAL holds nothing."""

import sqlite3
import subprocess
import sys

import pytest

from delegation.persistence.database import remove_idle_companions


@pytest.fixture
def database(tmp_path):
    path = tmp_path / "trips.sqlite3"
    connection = sqlite3.connect(path)  # closed, not only committed: its WAL goes with it
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    assert {p.name for p in tmp_path.iterdir()} == {"trips.sqlite3"}
    return path


def _companions(path) -> set[str]:
    return {p.name for p in path.parent.iterdir()} - {path.name}


def _reader(path) -> subprocess.Popen:
    """Another process with the database open, until its standard input closes."""
    code = (
        "import sqlite3, sys\n"
        f"c = sqlite3.connect({str(path)!r}); c.execute('SELECT * FROM t').fetchall()\n"
        "print('open', flush=True); sys.stdin.read()"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout.readline() == "open\n"
    return process


@pytest.mark.skipif(sys.platform == "win32", reason="Windows keeps files in use itself")
def test_files_another_process_holds_are_left_then_removed_once_it_is_gone(database):
    reader = _reader(database)
    try:
        assert _companions(database) == {"trips.sqlite3-wal", "trips.sqlite3-shm"}
        remove_idle_companions(database)
        assert _companions(database) == {"trips.sqlite3-wal", "trips.sqlite3-shm"}
    finally:
        reader.communicate("")
    # The reader's SQLite may have removed them on closing; whatever is left goes now.
    (database.parent / "trips.sqlite3-shm").touch()
    remove_idle_companions(database)
    assert _companions(database) == set()


def test_a_wal_with_content_stays(database):
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA wal_autocheckpoint = 0")
    connection.execute("INSERT INTO t VALUES (1)")
    connection.commit()
    wal = database.with_name("trips.sqlite3-wal")
    content = wal.read_bytes()
    assert content
    remove_idle_companions(database)
    assert wal.read_bytes() == content
    connection.close()
