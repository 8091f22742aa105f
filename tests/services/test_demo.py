"""The sample delegation is complete enough to explore every part of the program."""

import sqlite3
from collections import Counter
from contextlib import closing
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from delegation.domain.enums import AgendaKind, ParticipantStatus, TravelDirection
from delegation.persistence.models import (
    AgendaItem,
    Contact,
    Participant,
    TravelSegment,
    Trip,
    Venue,
)
from delegation.services.demo import load_demo
from delegation.services.trips import list_trips
from delegation.services.workspace import open_workspace


def test_the_sample_trip(demo_workspace):
    [trip] = list_trips(demo_workspace)
    assert (trip.key, trip.title) == ("tallinn-2023", "Mission Tallinn 2023")
    assert (trip.start_date, trip.end_date) == (date(2023, 5, 7), date(2023, 5, 10))
    assert (trip.timezone, trip.home_timezone) == ("Europe/Tallinn", "Europe/Paris")
    assert 55 <= trip.participant_count <= 65


def test_participants_are_varied(demo_workspace):
    with demo_workspace.transaction() as session:
        participants = session.scalars(select(Participant)).all()
        organizations = {p.contact.organization_id for p in participants}
        names = " ".join(p.contact.full_name for p in participants)
        categories = Counter(p.category for p in participants)
        waitlist = sorted(
            p.waitlist_position for p in participants if p.status == ParticipantStatus.WAITLISTED
        )
        confirmed = [p for p in participants if p.status == ParticipantStatus.CONFIRMED]
        assert len(organizations) >= 25
        assert len(categories) == 5
        assert any(letter in names for letter in "éèëï")
        assert any(letter in names for letter in "õäöü")
        assert waitlist == [1, 2, 3, 4]
        assert sum(1 for p in participants if p.dietary) >= 5
        assert all(p.room is not None for p in confirmed)
        assert any(p.roommate is not None for p in confirmed)
        assert all(p.emergency_contact_phone for p in confirmed)
        groups = Counter(g.code for p in confirmed for g in p.groups)
        assert groups["A"] >= 20 and groups["B"] >= 20


def test_the_programme_covers_four_days_with_parallel_visits(demo_workspace):
    with demo_workspace.transaction() as session:
        items = session.scalars(select(AgendaItem)).all()
        assert {item.day for item in items} == {date(2023, 5, d) for d in range(7, 11)}
        assert all(item.end_time > item.start_time for item in items)
        kinds = {item.kind for item in items}
        assert {AgendaKind.VISIT, AgendaKind.MEAL, AgendaKind.RECEPTION} <= kinds
        parallel = [
            (a, b)
            for a in items
            for b in items
            if a.id < b.id
            and a.day == b.day
            and a.start_time < b.end_time
            and b.start_time < a.end_time
        ]
        assert parallel, "the two groups visit different places at the same time"
        for a, b in parallel:
            assert {g.code for g in a.groups}.isdisjoint({g.code for g in b.groups})
            assert a.groups and b.groups
        venues = session.scalars(select(Venue)).all()
        assert all(v.address and "Tallinn" in v.address for v in venues)
        assert any(v.identity_list_required for v in venues)


def test_flights_carry_their_own_time_zones(demo_workspace):
    with demo_workspace.transaction() as session:
        outbound = session.scalar(
            select(TravelSegment).where(
                TravelSegment.direction == TravelDirection.OUTBOUND,
                TravelSegment.number == "AF1124",
            )
        )
        departure = outbound.departure_at.replace(tzinfo=ZoneInfo(outbound.departure_timezone))
        arrival = outbound.arrival_at.replace(tzinfo=ZoneInfo(outbound.arrival_timezone))
        assert outbound.departure_at == datetime(2023, 5, 7, 8, 5)
        assert arrival - departure == timedelta(hours=2, minutes=35)
        confirmed = session.scalar(
            select(func.count(Participant.id)).where(
                Participant.status == ParticipantStatus.CONFIRMED
            )
        )
        directions = Counter(
            segment.direction
            for segment in session.scalars(select(TravelSegment))
            for _ in segment.passengers
        )
        # Two people go via Helsinki on two legs; everyone confirmed travels both ways.
        assert directions[TravelDirection.RETURN] == confirmed
        assert directions[TravelDirection.OUTBOUND] == confirmed + 2


def test_loading_twice_leaves_the_trip_alone(demo_workspace):
    again = load_demo(demo_workspace)
    assert not again.loaded
    assert len(list_trips(demo_workspace)) == 1


def test_reset_reloads_without_duplicating_the_directory(demo_workspace, database_backend):
    with demo_workspace.transaction() as session:
        contacts = session.scalar(select(func.count(Contact.id)))
        trip = session.scalar(select(Trip))
        trip.title = "Changed"
    result = load_demo(demo_workspace, reset=True)
    assert result.loaded and result.participants == 60  # the 2 cancelled are not counted
    if database_backend == "sqlite":
        assert result.backup is not None and result.backup.exists()
        with closing(sqlite3.connect(result.backup)) as copy:  # the edit before the reset
            assert copy.execute("SELECT title FROM trips").fetchone() == ("Changed",)
    else:  # a server's data is backed up by its administrator, not copied by the program
        assert result.backup is None
    with demo_workspace.transaction() as session:
        assert session.scalar(select(func.count(Contact.id))) == contacts
        assert session.scalar(select(Trip.title)) == "Mission Tallinn 2023"
        assert session.scalar(select(func.count(AgendaItem.id))) == result.agenda_items
        assert session.scalar(select(AgendaItem.start_time).order_by(AgendaItem.id)) == time(12, 15)


def test_the_default_database_starts_with_the_sample(isolated_user_folders):
    first = open_workspace(None)
    assert first.location.is_default
    assert str(first.location.path).startswith(str(isolated_user_folders))
    assert [t.key for t in list_trips(first)] == ["tallinn-2023"]
    first.close()
    # Deleting the sample afterwards is the user's choice: it does not come back.
    second = open_workspace(None)
    with second.transaction() as session:
        session.delete(session.scalar(select(Trip)))
    second.close()
    third = open_workspace(None)
    assert list_trips(third) == []
    third.close()


def test_a_chosen_database_starts_empty(workspace):
    assert list_trips(workspace) == []
