"""`delegation trips` answers while another program holds the write lock mid-change."""

import sqlite3
from contextlib import closing


def test_trips_lists_the_committed_counts_while_a_change_is_being_written(cli, tmp_path):
    db = tmp_path / "busy.sqlite3"
    assert cli("--db", str(db), "demo").returncode == 0
    with closing(sqlite3.connect(db, isolation_level=None)) as writer:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE participants SET status = 'cancelled', waitlist_position = NULL")
        during = cli("--db", str(db), "trips")
        assert during.returncode == 0, during.stderr
        assert during.stdout.splitlines()[1].split()[-1] == "60"
        writer.execute("COMMIT")
    after = cli("--db", str(db), "trips")
    assert after.returncode == 0, after.stderr
    assert after.stdout.splitlines()[1].split()[-1] == "0"
