"""The database enforces what the models declare: pragmas, keys, versions, enums."""

import getpass
import threading
import time
from datetime import date

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm.exc import StaleDataError

from delegation.domain.enums import ParticipantStatus
from delegation.domain.errors import ConflictError, ValidationError
from delegation.persistence.database import make_session_factory
from delegation.persistence.models import Contact, Participant, Trip


def _trip(**overrides) -> Trip:
    values = dict(
        key="riga-2024",
        title="Mission Riga",
        destination_city="Riga",
        destination_country="LV",
        start_date=date(2024, 6, 3),
        end_date=date(2024, 6, 6),
        timezone="Europe/Riga",
    )
    return Trip(**(values | overrides))


@pytest.mark.sqlite_only
def test_sqlite_connections_use_wal_full_sync_and_foreign_keys(workspace):
    with workspace.transaction() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_foreign_keys_are_enforced(workspace):
    # Nothing of the program writes a missing trip: a reference gone is a record removed
    # by someone else meanwhile.
    refused = pytest.raises(ConflictError, match="removed meanwhile")
    with refused, workspace.transaction() as session:
        session.execute(
            text(
                "INSERT INTO participants (trip_id, contact_id, status, category, language,"
                " version, updated_at, updated_by)"
                " VALUES (999, 999, 'confirmed', 'staff', 'fr', 1, '2023-01-01', 'test')"
            )
        )


def test_enum_columns_refuse_unknown_values(workspace):
    with workspace.transaction() as session:
        trip = _trip()
        contact = Contact(first_name="Kadri", last_name="Tamm")
        session.add_all([trip, contact])
        session.flush()
        trip_id, contact_id = trip.id, contact.id
    with pytest.raises(ValidationError), workspace.transaction() as session:
        session.execute(
            text(
                "INSERT INTO participants (trip_id, contact_id, status, category, language,"
                " version, updated_at, updated_by)"
                " VALUES (:trip, :contact, 'maybe', 'staff', 'fr', 1, '2023-01-01', 'test')"
            ),
            {"trip": trip_id, "contact": contact_id},
        )


def test_trip_dates_must_be_in_order(workspace):
    with pytest.raises(ValidationError), workspace.transaction() as session:
        session.add(_trip(end_date=date(2024, 6, 1)))


def test_deleting_a_trip_removes_its_registrations_but_keeps_the_contacts(demo_workspace):
    with demo_workspace.transaction() as session:
        session.delete(session.scalar(select(Trip)))
    with demo_workspace.transaction() as session:
        assert session.scalar(select(Participant).limit(1)) is None
        assert session.scalar(select(Contact).limit(1)) is not None


def test_every_update_raises_the_version_and_records_who(workspace):
    with workspace.transaction() as session:
        trip = _trip()
        session.add(trip)
        session.flush()
        assert trip.version == 1
        assert trip.updated_by == getpass.getuser()
    with workspace.transaction() as session:
        trip = session.scalar(select(Trip))
        trip.title = "Mission Riga 2024"
        session.flush()
        assert trip.version == 2


def test_a_stale_copy_cannot_overwrite_a_newer_one(workspace):
    with workspace.transaction() as session:
        session.add(_trip())
    sessions = make_session_factory(workspace._engine)
    with sessions() as first, sessions() as second:
        # Each read is its own short transaction, as in the services.
        mine = first.scalar(select(Trip))
        first.commit()
        theirs = second.scalar(select(Trip))
        theirs.title = "Changed by a colleague"
        second.commit()
        mine.title = "My change"
        with pytest.raises(StaleDataError):
            first.commit()
    with workspace.transaction() as session:
        assert session.scalar(select(Trip.title)) == "Changed by a colleague"


def test_status_round_trips_as_enum(demo_workspace):
    with demo_workspace.transaction() as session:
        statuses = set(session.scalars(select(Participant.status)))
    assert statuses == set(ParticipantStatus)


def test_changing_only_a_list_of_groups_moves_the_version(demo_workspace):
    with demo_workspace.transaction() as session:
        participant = session.scalar(select(Participant).where(Participant.groups.any()))
        participant_id, version = participant.id, participant.version
    with demo_workspace.transaction() as session:
        participant = session.get(Participant, participant_id)
        participant.groups = []
    with demo_workspace.transaction() as session:
        assert session.get(Participant, participant_id).version == version + 1


def test_a_stale_flush_becomes_a_conflict_for_the_user(workspace):
    from delegation.domain.errors import ConflictError

    with (
        pytest.raises(ConflictError, match="someone else changed this record"),
        workspace.transaction(),
    ):
        raise StaleDataError("UPDATE statement on table 'trips' expected to update 1 row")


def test_a_writer_waits_for_another_instead_of_failing(workspace):
    """The window and a command line may write to the same file at the same moment."""
    with workspace.transaction() as session:
        session.add(_trip())
    holding = threading.Event()

    def slow_writer() -> None:
        with workspace.transaction() as session:
            session.scalar(select(Trip)).title = "First writer"
            session.flush()
            holding.set()
            time.sleep(0.5)

    thread = threading.Thread(target=slow_writer)
    thread.start()
    holding.wait(5)
    with workspace.transaction() as session:  # waits for the lock, then goes on
        session.scalar(select(Trip)).notes = "Second writer"
    thread.join()
    with workspace.transaction() as session:
        trip = session.scalar(select(Trip))
        assert (trip.title, trip.notes) == ("First writer", "Second writer")


def test_a_writer_kept_waiting_too_long_on_a_server_is_told_it_is_busy(workspace, database_backend):
    if database_backend != "postgresql":
        pytest.skip("on SQLite, the busy timeout is tested with the file's own lock")
    from delegation.persistence.database import _WRITERS_LOCK

    # Another program holds the writers' turn, as a long import would.
    with workspace.reading() as other:
        other.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _WRITERS_LOCK})
        try:
            with (
                pytest.raises(ConflictError, match="busy with another program"),
                workspace.transaction() as session,
            ):
                session.add(_trip())
        finally:
            other.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _WRITERS_LOCK})
    with workspace.reading() as session:
        assert session.scalar(select(Trip.id)) is None  # nothing of it was written
