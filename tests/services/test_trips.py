from datetime import date

import pytest

from delegation.domain.enums import ParticipantCategory, ParticipantStatus
from delegation.domain.errors import ConflictError, NotFoundError, ValidationError
from delegation.services.trips import (
    NewTrip,
    add_trip,
    capital_timezone,
    find_trip,
    list_trips,
    trip_overview,
    update_trip,
)


def _riga(**changes) -> NewTrip:
    values = dict(
        key="riga-2024",
        title="Mission Riga 2024",
        destination_city="Riga",
        destination_country="LV",
        start_date=date(2024, 6, 3),
        end_date=date(2024, 6, 6),
    )
    return NewTrip(**(values | changes))


def test_a_new_trip_takes_the_capitals_time_zone(workspace):
    trip = add_trip(workspace, _riga())
    assert trip.timezone == "Europe/Riga"
    assert trip.home_timezone == "Europe/Paris"
    assert trip.participant_count == 0
    assert [t.key for t in list_trips(workspace)] == ["riga-2024"]


def test_capital_time_zones_of_countries_with_several_zones():
    assert capital_timezone("EE") == "Europe/Tallinn"
    assert capital_timezone("us") == "America/New_York"
    assert capital_timezone("RU") == "Europe/Moscow"
    assert capital_timezone("IL") == "Asia/Jerusalem"
    assert capital_timezone("XX") is None


def test_an_explicit_time_zone_wins(workspace):
    trip = add_trip(workspace, _riga(key="tenerife-2025", destination_country="ES",
                                     timezone="Atlantic/Canary"))  # fmt: skip
    assert trip.timezone == "Atlantic/Canary"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"key": "Riga 2024"}, "key"),
        ({"title": "  "}, "title"),
        ({"destination_country": "Latvia"}, "country"),
        ({"destination_country": "XX"}, "timezone"),
        ({"timezone": "Europe/Nowhere"}, "timezone"),
        ({"end_date": date(2024, 6, 1)}, "end"),
    ],
)
def test_invalid_trips_are_refused_naming_the_field(workspace, changes, field):
    with pytest.raises(ValidationError) as refused:
        add_trip(workspace, _riga(**changes))
    assert refused.value.field == field
    assert list_trips(workspace) == []


def test_keys_are_unique(workspace):
    add_trip(workspace, _riga())
    with pytest.raises(ValidationError, match="already exists"):
        add_trip(workspace, _riga(title="Another"))


def test_trips_are_found_by_key_or_id(workspace):
    trip = add_trip(workspace, _riga())
    assert find_trip(workspace, "riga-2024") == trip
    assert find_trip(workspace, str(trip.id)) == trip
    with pytest.raises(NotFoundError, match="unknown trip: oslo-2024"):
        find_trip(workspace, "oslo-2024")


def test_update_checks_the_version_the_caller_read(workspace):
    trip = add_trip(workspace, _riga())
    updated = update_trip(workspace, trip.id, trip.version, {"title": "Riga and Tartu"})
    assert updated.title == "Riga and Tartu"
    assert updated.version == trip.version + 1
    with pytest.raises(ConflictError, match="since you opened it"):
        update_trip(workspace, trip.id, trip.version, {"title": "A stale edit"})
    assert find_trip(workspace, trip.id).title == "Riga and Tartu"


def test_update_refuses_fields_it_does_not_own(workspace):
    trip = add_trip(workspace, _riga())
    with pytest.raises(ValidationError):
        update_trip(workspace, trip.id, trip.version, {"key": "other"})


def test_overview_counts_the_sample(demo_workspace):
    overview = trip_overview(demo_workspace, "tallinn-2023")
    assert overview.trip.participant_count == 60
    assert overview.by_status == {
        ParticipantStatus.INVITED: 2,
        ParticipantStatus.CONFIRMED: 54,
        ParticipantStatus.WAITLISTED: 4,
        ParticipantStatus.CANCELLED: 2,
    }
    assert sum(overview.by_category.values()) == 60
    assert overview.by_category[ParticipantCategory.STAFF] == 3
    assert list(overview.by_group.values()) == [27, 26]
    assert overview.agenda_item_count == 19


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"key": "2024"}, "key", "lowercase letters"),
        ({"title": "x" * 201}, "title", "at most 200 characters"),
        ({"title": "Two\nlines"}, "title", "one line"),
        ({"start_date": date(1, 1, 1)}, "start", "not a plausible date"),
        ({"end_date": date(9999, 12, 31)}, "end", "not a plausible date"),
    ],
)
def test_more_refusals(workspace, changes, field, message):
    with pytest.raises(ValidationError, match=message) as refused:
        add_trip(workspace, _riga(**changes))
    assert refused.value.field == field


def test_updates_are_checked_like_creations(workspace):
    trip = add_trip(workspace, _riga())
    for changes, message in (
        ({"destination_city": " "}, "destination city is required"),
        ({"currency": "EURO"}, "three-letter code"),
        ({"title": "x" * 300}, "at most 200"),
    ):
        with pytest.raises(ValidationError, match=message):
            update_trip(workspace, trip.id, trip.version, changes)
    assert find_trip(workspace, trip.id) == trip


@pytest.mark.parametrize("reference", ["²", "١", "9" * 30, "", "-1"])
def test_odd_references_are_unknown_trips(demo_workspace, reference):
    with pytest.raises(NotFoundError):
        find_trip(demo_workspace, reference)


def test_duplicate_makes_next_years_trip_in_one_go(demo_workspace):
    from delegation.services.trip_copies import duplicate_trip
    from delegation.services.trips import delete_trip

    copy = duplicate_trip(
        demo_workspace, "tallinn-2023", "tallinn-2024", "Mission Tallinn 2024", date(2024, 5, 12)
    ).trip
    assert (copy.start_date, copy.end_date) == (date(2024, 5, 12), date(2024, 5, 15))
    overview = trip_overview(demo_workspace, copy.id)
    assert overview.agenda_item_count == 19
    assert overview.trip.participant_count == 0
    assert list(overview.by_group) == ["Groupe A — Cybersécurité & IA",
                                       "Groupe B — Startups & innovation"]  # fmt: skip
    with pytest.raises(ValidationError, match="already exists"):
        duplicate_trip(demo_workspace, "tallinn-2023", "tallinn-2024", "Again", date(2025, 5, 1))
    delete_trip(demo_workspace, copy.id)
    assert [t.key for t in list_trips(demo_workspace)] == ["tallinn-2023"]


def test_a_trip_made_again_after_undo_keeps_its_ids(demo_workspace):
    from delegation.services.agenda import list_agenda
    from delegation.services.hotels import list_hotels
    from delegation.services.made_trips import TripRecords, remove_new_trip, restore_trip
    from delegation.services.trip_copies import duplicate_trip

    first = duplicate_trip(
        demo_workspace, "tallinn-2023", "tallinn-2024", "Again", date(2024, 5, 12)
    )
    items = [row.id for row in list_agenda(demo_workspace, first.trip.id)]
    rooms = [r.id for h in list_hotels(demo_workspace, first.trip.id) for r in h.rooms]
    assert first.records.item_ids == set(items) and len(items) == 19
    removed = remove_new_trip(demo_workspace, first.records)  # undo
    assert [t.key for t in list_trips(demo_workspace)] == ["tallinn-2023"]
    again = restore_trip(demo_workspace, removed)  # redo
    assert again == first.trip
    assert [row.id for row in list_agenda(demo_workspace, again.id)] == items
    assert [r.id for h in list_hotels(demo_workspace, again.id) for r in h.rooms] == rooms
    assert removed.records == first.records

    plain = add_trip(demo_workspace, _riga())
    assert restore_trip(demo_workspace, remove_new_trip(demo_workspace, TripRecords(plain.id))) == (
        plain
    )


def test_undoing_a_new_trip_keeps_work_added_to_it_since(demo_workspace):
    from delegation.services.groups import GroupDetails, add_group
    from delegation.services.made_trips import TripRecords, remove_new_trip

    plain = add_trip(demo_workspace, _riga())
    add_group(demo_workspace, plain.id, GroupDetails("A", "Group A"))  # a colleague's
    with pytest.raises(ConflictError, match="holds work added since it was created"):
        remove_new_trip(demo_workspace, TripRecords(plain.id))
    assert find_trip(demo_workspace, plain.id) == find_trip(demo_workspace, plain.key)


def test_new_dates_take_the_programme_and_hotel_nights_along(demo_workspace):
    from datetime import timedelta

    from delegation.services.agenda import list_agenda
    from delegation.services.hotels import list_hotels

    trip = find_trip(demo_workspace, "tallinn-2023")
    days = sorted(item.details.day for item in list_agenda(demo_workspace, trip.id))
    nights = [
        (h.details.check_in, h.details.check_out) for h in list_hotels(demo_workspace, trip.id)
    ]
    moved = update_trip(
        demo_workspace, trip.id, trip.version,
        {"start_date": date(2024, 5, 5), "end_date": date(2024, 5, 8)}, move_programme=True,
    )  # fmt: skip
    shift = timedelta(days=(date(2024, 5, 5) - date(2023, 5, 7)).days)
    assert (moved.start_date, moved.end_date) == (date(2024, 5, 5), date(2024, 5, 8))
    assert sorted(item.details.day for item in list_agenda(demo_workspace, trip.id)) == [
        day + shift for day in days
    ]
    assert [
        (h.details.check_in, h.details.check_out) for h in list_hotels(demo_workspace, trip.id)
    ] == [(check_in + shift, check_out + shift) for check_in, check_out in nights]


def test_dates_that_would_leave_items_outside_are_refused_naming_them(demo_workspace):
    from delegation.services.agenda import list_agenda

    trip = find_trip(demo_workspace, "tallinn-2023")
    before = list_agenda(demo_workspace, trip.id)
    with pytest.raises(ValidationError) as refused:
        update_trip(demo_workspace, trip.id, trip.version, {"end_date": date(2023, 5, 9)})
    assert refused.value.field == "end"
    last_day = [i for i in before if i.details.day == date(2023, 5, 10)]
    first = min(last_day, key=lambda item: item.details.start_time)
    assert first.details.title_en in refused.value.reason
    assert find_trip(demo_workspace, "tallinn-2023").end_date == date(2023, 5, 10)
    assert list_agenda(demo_workspace, trip.id) == before


def test_country_and_time_zones_are_checked_when_changed(workspace):
    trip = add_trip(workspace, _riga())
    for changes, field in (
        ({"destination_country": "EST"}, "country"),
        ({"timezone": "Europe/Atlantis"}, "timezone"),
        ({"home_timezone": "Mars/Olympus"}, "home_timezone"),
    ):
        with pytest.raises(ValidationError) as refused:
            update_trip(workspace, trip.id, trip.version, changes)
        assert refused.value.field == field
    moved = update_trip(
        workspace, trip.id, trip.version,
        {"destination_city": "Tartu", "destination_country": "ee", "timezone": "Europe/Tallinn"},
    )  # fmt: skip
    assert (moved.destination_city, moved.destination_country, moved.timezone) == (
        "Tartu", "EE", "Europe/Tallinn",
    )  # fmt: skip
