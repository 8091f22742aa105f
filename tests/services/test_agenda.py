"""The programme: items added, moved with their end, removed and restored."""

from dataclasses import replace
from datetime import date, time

import pytest

from delegation.domain.enums import AgendaKind
from delegation.domain.errors import ConflictError, ValidationError
from delegation.services import agenda as service
from delegation.services.agenda import AgendaItemDetails
from delegation.services.trips import find_trip


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
    with pytest.raises(ValidationError, match="after midnight"):
        service.moved(details, details.day, time(23, 30))


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
        ({"end_time": time(8)}, "end_time"),
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
