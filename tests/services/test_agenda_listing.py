"""The programme's listing: the same items, searched and sorted by, as read whole."""

from datetime import time

import pytest

from delegation.services import agenda_listing
from delegation.services.agenda import AgendaItemDetails, add_item, list_agenda, remove_item
from delegation.services.agenda_listing import (
    agenda_days,
    agenda_searched_fields,
    agenda_sort_keys,
    day_items,
    read_agenda_items,
)
from delegation.services.trips import find_trip


@pytest.fixture
def trip_id(demo_workspace) -> int:
    trip_id = find_trip(demo_workspace, "tallinn-2023").id
    first = list_agenda(demo_workspace, trip_id)[0].details.day
    for details in (
        AgendaItemDetails(first, time(22, 30), time(1, 30), title_en="Night ferry"),
        AgendaItemDetails(first, time(22, 30), time(23, 0), title_fr="Dernier verre"),
        AgendaItemDetails(first, time(8), None, title_fr="Café", title_en="Coffee"),
    ):
        add_item(demo_workspace, trip_id, details)
    return trip_id


def test_the_listing_gives_each_item_as_read_whole(demo_workspace, trip_id):
    rows = list_agenda(demo_workspace, trip_id)
    listing = agenda_listing.agenda_listing(demo_workspace, trip_id)
    assert list(listing.ids) == [row.id for row in rows]
    assert list(zip(*listing.searched, strict=True)) == list(map(agenda_searched_fields, rows))
    assert list(zip(*listing.keys, strict=True)) == list(map(agenda_sort_keys, rows))
    assert listing.read(listing.ids) == rows


def test_the_next_day_sorts_after_the_evening(demo_workspace, trip_id):
    rows = list_agenda(demo_workspace, trip_id)
    ferry = next(r for r in rows if r.details.title_en == "Night ferry")
    drink = next(r for r in rows if r.details.title_fr == "Dernier verre")
    coffee = next(r for r in rows if r.details.title_en == "Coffee")
    assert agenda_sort_keys(ferry) == (ferry.details.day, time(22, 30), time(1, 30), 1)
    assert agenda_sort_keys(drink) == (drink.details.day, time(22, 30), time(23), 0)
    assert agenda_sort_keys(coffee) == (coffee.details.day, time(8), time(8), 0)


def test_items_read_by_id_as_read_whole_those_removed_left_out(
    demo_workspace, trip_id, monkeypatch
):
    rows = list_agenda(demo_workspace, trip_id)
    removed = rows[3].id
    remove_item(demo_workspace, removed)
    kept = [row for row in rows if row.id != removed]
    ids = [row.id for row in reversed(rows)]
    assert read_agenda_items(demo_workspace, trip_id, ids) == kept
    monkeypatch.setattr(agenda_listing, "WHOLE_LIST_FROM", 5)  # one pass over the trip
    assert read_agenda_items(demo_workspace, trip_id, ids) == kept
    assert read_agenda_items(demo_workspace, trip_id + 1, ids) == []


def test_the_days_with_items_and_the_items_of_a_day(demo_workspace, trip_id):
    rows = list_agenda(demo_workspace, trip_id)
    days = agenda_days(demo_workspace, trip_id)
    assert days == sorted({row.details.day for row in rows}) and len(days) > 1
    for day in days:
        assert day_items(demo_workspace, trip_id, day) == [r for r in rows if r.details.day == day]
