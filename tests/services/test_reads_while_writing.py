"""Use cases that only read answer while another program writes, and see what was committed."""

import sqlite3
from collections import Counter
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from sqlalchemy import select

from delegation.domain.enums import ParticipantStatus
from delegation.persistence.models import Trip
from delegation.services.participant_rows import list_participants
from delegation.services.trips import find_trip, list_trips, update_trip
from delegation.services.workspace import Workspace, open_workspace

TRIP = "tallinn-2023"


@contextmanager
def cancelling_everyone(path: Path, trip_id: int) -> Iterator[sqlite3.Connection]:
    """Another program in the middle of a change: the write lock taken, a change not committed."""
    with closing(sqlite3.connect(path, isolation_level=None)) as writer:
        writer.execute("BEGIN IMMEDIATE")
        changed = writer.execute(
            "UPDATE participants SET status = 'cancelled', waitlist_position = NULL"
            " WHERE trip_id = ? AND status != 'cancelled'",
            (trip_id,),
        ).rowcount
        assert changed == 60
        yield writer


@pytest.fixture
def second_workspace(demo_workspace, database) -> Iterator[Workspace]:
    """The same database opened by another window: its own engine and connections."""
    other = open_workspace(database)
    yield other
    other.close()


def _statuses(workspace: Workspace, trip_id: int) -> Counter:
    return Counter(row.details.status for row in list_participants(workspace, trip_id))


@pytest.mark.sqlite_only
def test_reads_answer_with_the_committed_data_while_a_change_holds_the_write_lock(
    demo_workspace, database_path
):
    trip_id = find_trip(demo_workspace, TRIP).id
    before = _statuses(demo_workspace, trip_id)
    assert before[ParticipantStatus.CANCELLED] == 2
    with cancelling_everyone(database_path, trip_id) as writer:
        assert _statuses(demo_workspace, trip_id) == before
        assert [(t.key, t.participant_count) for t in list_trips(demo_workspace)] == [(TRIP, 60)]
        writer.execute("COMMIT")
    after = _statuses(demo_workspace, trip_id)
    assert after == Counter({ParticipantStatus.CANCELLED: 62})
    assert find_trip(demo_workspace, TRIP).participant_count == 0


def test_an_open_read_neither_blocks_a_write_nor_sees_it_before_it_ends(
    demo_workspace, second_workspace
):
    summary = find_trip(demo_workspace, TRIP)
    with demo_workspace.reading() as session:
        first = session.scalar(select(Trip.title).where(Trip.id == summary.id))
        # Another window saves while this read is open: it must not wait for the read.
        saved = update_trip(second_workspace, summary.id, summary.version, {"title": "Renamed"})
        assert saved.title == "Renamed"
        # One snapshot from the first read to the last.
        again = session.scalar(select(Trip.title).where(Trip.id == summary.id))
        assert first == again == "Mission Tallinn 2023"
    assert find_trip(demo_workspace, TRIP).title == "Renamed"


def test_a_change_made_in_a_read_is_refused_and_nothing_is_saved(demo_workspace):
    with pytest.raises(RuntimeError, match="read-only"), demo_workspace.reading() as session:
        trip = session.scalar(select(Trip).where(Trip.key == TRIP))
        trip.title = "Not saved"
        session.flush()
    assert find_trip(demo_workspace, TRIP).title == "Mission Tallinn 2023"
