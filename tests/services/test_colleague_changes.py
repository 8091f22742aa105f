"""A program learns what another one open on the same database committed: which records,
in which trip, by whom; its own changes, and rolled-back ones, are not news."""

import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest

from delegation.domain.errors import ConflictError
from delegation.persistence.base import current_user
from delegation.services.changes import Changes, Kind
from delegation.services.colleagues import ColleagueChanges
from delegation.services.participant_rows import list_participants
from delegation.services.participants import update_participant
from delegation.services.summaries import NewTrip
from delegation.services.trips import add_trip, find_trip
from delegation.services.workspace import Workspace, open_workspace


@pytest.fixture
def colleague(demo_workspace, database) -> Iterator[Workspace]:
    """The same database opened by a colleague's program."""
    other = open_workspace(database)
    yield other
    other.close()


@pytest.fixture
def watch(demo_workspace) -> Iterator[ColleagueChanges]:
    watching = ColleagueChanges(demo_workspace)
    yield watching
    watching.close()


def _news(watch: ColleagueChanges, seconds: float = 10) -> list[Changes]:
    """What take() says once there is something (a notification travels a moment)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        news = watch.take()
        if news:
            return news
        time.sleep(0.05)
    return []


def _rename_first(workspace: Workspace, last_name: str):
    trip = find_trip(workspace, "tallinn-2023")
    row = list_participants(workspace, trip.id)[0]
    return update_participant(
        workspace, row.id, row.version, replace(row.details, last_name=last_name), opened=row
    )


def test_a_colleagues_edit_names_the_record_trip_and_who(colleague, watch):
    assert watch.take() == []
    row = _rename_first(colleague, "Ξενοφών")
    [news] = _news(watch)
    assert news.trip_id == row.trip_id and news.by == current_user()
    assert news.ids_of(Kind.PARTICIPANT) == {row.id}
    assert news.ids_of(Kind.CONTACT) == {row.contact_id}
    assert watch.take() == []  # told once


def test_this_programs_own_edits_are_not_news(demo_workspace, colleague, watch):
    _rename_first(demo_workspace, "Õunapuu")
    _rename_first(demo_workspace, "Öövel")
    time.sleep(0.5)
    assert watch.take() == []
    _rename_first(colleague, "Ülle")  # a colleague's after them still is
    [news] = _news(watch)
    assert news.touches(Kind.PARTICIPANT)


def test_a_refused_edit_leaves_no_news(demo_workspace, colleague, watch):
    trip = find_trip(colleague, "tallinn-2023")
    row = list_participants(colleague, trip.id)[0]
    _rename_first(demo_workspace, "王")  # this program's
    with pytest.raises(ConflictError):  # the colleague's, on a stale copy: rolled back
        update_participant(colleague, row.id, row.version, replace(row.details, phone="+1"))
    time.sleep(0.5)
    assert watch.take() == []


def test_a_new_trip_lists_trips_again(colleague, watch):
    riga = NewTrip("riga-2024", "Mission Riga", "Riga", "LV", date(2024, 6, 3), date(2024, 6, 6))
    add_trip(colleague, riga)
    news = _news(watch)
    assert news and all(changes.trips_listed for changes in news)
