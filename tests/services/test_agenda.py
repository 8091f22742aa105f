"""The programme: items added, moved with their end, removed and restored."""

from dataclasses import replace
from datetime import date, time, timedelta

import pytest

from delegation.domain.enums import AgendaKind
from delegation.domain.errors import ConflictError, ValidationError
from delegation.persistence.models import AgendaItem
from delegation.services import agenda as service
from delegation.services.agenda import AgendaItemDetails
from delegation.services.agenda_clock import repeated_time_note
from delegation.services.summaries import NewTrip
from delegation.services.trips import add_trip, find_trip


@pytest.fixture
def trip_id(demo_workspace) -> int:
    return find_trip(demo_workspace, "tallinn-2023").id


def test_the_items_come_in_time_order_with_their_venue_and_host(demo_workspace, trip_id):
    rows = service.list_agenda(demo_workspace, trip_id)
    assert len(rows) == 19
    keys = [(r.details.day, r.details.start_time) for r in rows]
    assert keys == sorted(keys)
    ccdcoe = next(r for r in rows if "NATO" in r.details.title_en)
    assert ccdcoe.details.group_codes == ("A",)
    assert ccdcoe.host_contact_name == "Andres Rebane"
    assert ccdcoe.details.title("fr").startswith("Visite du centre")
    assert replace(ccdcoe.details, title_en="").title("en") == ccdcoe.details.title_fr


def test_moving_keeps_the_duration():
    details = AgendaItemDetails(day=date(2023, 5, 8), start_time=time(9), end_time=time(10, 30))
    later = service.shifted(details, 45)
    assert (later.start_time, later.end_time) == (time(9, 45), time(11, 15))
    other_day = service.moved(details, date(2023, 5, 9), time(14))
    assert (other_day.day, other_day.end_time) == (date(2023, 5, 9), time(15, 30))
    late = service.moved(details, details.day, time(23, 30))  # now ends past midnight
    assert (late.day, late.start_time, late.end_time) == (details.day, time(23, 30), time(1))


def test_an_item_past_midnight_moves_with_its_duration():
    dinner = AgendaItemDetails(day=date(2023, 5, 8), start_time=time(22, 30), end_time=time(1, 30))
    earlier = service.shifted(dinner, -150)
    assert (earlier.start_time, earlier.end_time) == (time(20), time(23))
    next_day = service.moved(dinner, date(2023, 5, 9), time(23))
    assert (next_day.day, next_day.end_time) == (date(2023, 5, 9), time(2))


def test_add_edit_remove_restore(demo_workspace, trip_id):
    details = AgendaItemDetails(
        day=date(2023, 5, 9),
        start_time=time(18),
        end_time=time(19),
        title_fr="Visite de Kadriorg",
        kind=AgendaKind.FREE_TIME,
        group_codes=("B",),
    )
    row = service.add_item(demo_workspace, trip_id, details)
    moved = service.update_item(
        demo_workspace, row.id, row.version, service.shifted(row.details, 30)
    )
    assert moved.details.start_time == time(18, 30)
    with pytest.raises(ConflictError):
        service.update_item(demo_workspace, row.id, row.version, row.details)
    removed = service.remove_item(demo_workspace, row.id)
    assert all(r.id != row.id for r in service.list_agenda(demo_workspace, trip_id))
    back = service.restore_item(demo_workspace, removed)
    assert back.id == row.id
    assert back.details == moved.details


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title_fr": "", "title_en": ""}, "title_fr"),
        ({"end_time": time(9)}, "end_time"),
        ({"capacity": 0}, "capacity"),
    ],
)
def test_validation(changes, field):
    details = AgendaItemDetails(
        day=date(2023, 5, 8), start_time=time(9), end_time=time(10), title_en="Visit"
    )
    problems = service.validate_item_details(replace(details, **changes))
    assert [problem.field for problem in problems] == [field]


def test_hosts_of_the_trip(demo_workspace, trip_id):
    hosts = {host.name: host for host in service.list_hosts(demo_workspace, trip_id)}
    assert hosts["Tehnopol Science and Business Park"].contact_name == "Piret Kuusk"
    assert len(hosts["Tehnopol Science and Business Park"].items) == 2


def test_an_end_earlier_than_the_start_is_the_next_day_and_an_equal_one_refused(
    demo_workspace, trip_id
):
    dinner = AgendaItemDetails(
        day=date(2023, 5, 9), start_time=time(22, 30), end_time=time(1, 30), title_en="Gala"
    )
    assert service.validate_item_details(dinner) == []
    row = service.add_item(demo_workspace, trip_id, dinner)
    assert (row.details.start_time, row.details.end_time) == (time(22, 30), time(1, 30))
    with pytest.raises(ValidationError, match="the item ends when it starts"):
        service.update_item(
            demo_workspace, row.id, row.version, replace(dinner, end_time=time(22, 30))
        )


# times the clocks skip


def _trip_in(workspace, zone: str, start: date) -> int:
    new = NewTrip(f"trip-{start.year}", "Trip", "City", "FR", start, start + timedelta(days=3),
                  timezone=zone)  # fmt: skip
    return add_trip(workspace, new).id


SKIPPED = [
    ("Asia/Jerusalem", date(2024, 3, 29), time(2, 30), "29/03/2024", "02:00", "03:00"),
    ("Europe/Paris", date(2024, 3, 31), time(2, 30), "31/03/2024", "02:00", "03:00"),
    ("Europe/Tallinn", date(2024, 3, 31), time(3, 30), "31/03/2024", "03:00", "04:00"),
]


@pytest.mark.parametrize(("zone", "day", "at", "written", "before", "after"), SKIPPED)
def test_a_start_the_clocks_skip_is_refused_with_the_next_valid_time(
    workspace, zone, day, at, written, before, after
):
    trip = _trip_in(workspace, zone, day - timedelta(days=1))
    details = AgendaItemDetails(day=day, start_time=at, end_time=time(9), title_en="Early")
    with pytest.raises(ValidationError) as refused:
        service.add_item(workspace, trip, details)
    assert refused.value.field == "start_time"
    assert refused.value.reason == (
        f"{at:%H:%M} does not exist on {written} in this trip’s time zone: clocks go forward"
        f" from {before} to {after}; the next valid time is {after}"
    )
    assert service.list_agenda(workspace, trip) == []
    problems = service.validate_item_details(details, zone=zone)
    assert [(p.field, p.reason) for p in problems] == [("start_time", refused.value.reason)]
    assert service.validate_item_details(details) == []  # without a zone: not known


def test_an_end_past_midnight_that_the_clocks_skip_is_refused(workspace):
    trip = _trip_in(workspace, "Europe/Paris", date(2024, 3, 29))
    party = AgendaItemDetails(
        day=date(2024, 3, 30), start_time=time(23), end_time=time(2, 15), title_en="Party"
    )
    with pytest.raises(ValidationError, match="02:15 does not exist on 31/03/2024") as refused:
        service.add_item(workspace, trip, party)
    assert refused.value.field == "end_time"
    row = service.add_item(workspace, trip, replace(party, end_time=time(3, 15)))
    with pytest.raises(ValidationError, match="the next valid time is 03:00"):
        service.update_item(workspace, row.id, row.version, party)


def test_an_item_saved_in_a_skipped_hour_can_still_be_renamed(workspace):
    """Saved before such times were refused (or moved there with its trip): an edit that
    keeps its times goes through, the readiness report names it."""
    trip = _trip_in(workspace, "Europe/Paris", date(2024, 3, 29))
    fine = AgendaItemDetails(
        day=date(2024, 3, 31), start_time=time(3), end_time=time(4), title_en="Walk"
    )
    row = service.add_item(workspace, trip, fine)
    with workspace.transaction() as session:  # as an older version saved it
        session.get(AgendaItem, row.id).start_time = time(2, 30)
    stored = service.list_agenda(workspace, trip)[0]
    renamed = service.update_item(
        workspace, row.id, stored.version, replace(stored.details, title_en="Night walk")
    )
    assert (renamed.details.start_time, renamed.details.title_en) == (time(2, 30), "Night walk")


def test_a_time_that_happens_twice_is_accepted_and_explained(workspace):
    trip = _trip_in(workspace, "Europe/Tallinn", date(2024, 10, 25))
    details = AgendaItemDetails(
        day=date(2024, 10, 27), start_time=time(3, 30), end_time=time(5), title_en="Night bus"
    )
    assert service.add_item(workspace, trip, details).details.start_time == time(3, 30)
    note = repeated_time_note(details.day, details.start_time, details.end_time, "Europe/Tallinn")
    assert note == (
        "03:30 happens twice that night: the clocks go back from 04:00 to 03:00."
        " The first time, in summer time (UTC+3), is meant."
    )
    assert repeated_time_note(details.day, time(9), time(10), "Europe/Tallinn") is None
