"""Real instants from wall clocks: durations and gaps right across daylight-saving changes."""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from delegation.domain.scheduling import (
    Interval,
    add_months,
    duration,
    end_date,
    end_minutes,
    ends_next_day,
    haversine_km,
    item_instants,
    local_instant,
    minutes,
    repeated_by,
    skipped_by,
    travel_minutes,
)


def test_a_paris_to_tallinn_flight_lasts_its_real_time():
    flight = duration(datetime(2023, 5, 7, 8, 5), "Europe/Paris",
                      datetime(2023, 5, 7, 11, 40), "Europe/Tallinn")  # fmt: skip
    assert flight == timedelta(hours=2, minutes=35)


def test_a_night_across_the_spring_change_is_an_hour_shorter():
    # Tallinn moves from 03:00 to 04:00 on Sunday 26 March 2023.
    start = local_instant(date(2023, 3, 26), time(1, 0), "Europe/Tallinn")
    end = local_instant(date(2023, 3, 26), time(5, 0), "Europe/Tallinn")
    assert end - start == timedelta(hours=3)
    assert start == datetime(2023, 3, 25, 23, 0, tzinfo=UTC)


def test_a_night_across_the_autumn_change_is_an_hour_longer():
    # Tallinn moves from 04:00 back to 03:00 on Sunday 29 October 2023.
    start = local_instant(date(2023, 10, 29), time(1, 0), "Europe/Tallinn")
    end = local_instant(date(2023, 10, 29), time(5, 0), "Europe/Tallinn")
    assert end - start == timedelta(hours=5)


def test_a_same_zone_leg_across_the_change_counts_real_time():
    # Python compares datetimes of one tzinfo on their wall clocks: the trap avoided.
    night_coach = duration(datetime(2023, 3, 26, 1, 30), "Europe/Paris",
                           datetime(2023, 3, 26, 4, 30), "Europe/Paris")  # fmt: skip
    assert night_coach == timedelta(hours=2)


def test_a_time_skipped_in_spring_is_read_on_the_clock_before_the_change():
    skipped = local_instant(date(2023, 3, 26), time(3, 30), "Europe/Tallinn")
    assert skipped == local_instant(date(2023, 3, 26), time(4, 30), "Europe/Tallinn")


def test_intervals_are_half_open():
    def at(hour: int) -> datetime:
        return datetime(2023, 5, 8, hour, tzinfo=UTC)

    assert Interval(at(9), at(11)).overlaps(Interval(at(10), at(12)))
    assert not Interval(at(9), at(10)).overlaps(Interval(at(10), at(12)))


def test_distances_and_travel_times():
    # Hotel Telegraaf to the e-Estonia Briefing Centre: about 3.3 km.
    assert 3.0 < haversine_km(59.4377, 24.7469, 59.4231, 24.798) < 3.6
    assert travel_minutes(5, 30) == 10
    assert travel_minutes(5.1, 30) == 11
    assert minutes(timedelta(minutes=14, seconds=59)) == 14


def test_months_are_added_to_the_last_day_that_exists():
    assert add_months(date(2023, 5, 10), 6) == date(2023, 11, 10)
    assert add_months(date(2023, 8, 31), 6) == date(2024, 2, 29)
    assert add_months(date(2023, 11, 30), 3) == date(2024, 2, 29)


# agenda items past midnight


def test_an_end_earlier_than_the_start_is_the_next_day():
    day = date(2023, 5, 8)
    assert ends_next_day(time(22, 30), time(1, 30))
    assert not ends_next_day(time(9), time(11))
    assert not ends_next_day(time(9), None)
    assert not ends_next_day(time(9), time(9))  # refused elsewhere, never the next day
    assert end_date(day, time(22, 30), time(1, 30)) == date(2023, 5, 9)
    assert end_date(day, time(22, 30), time(0, 0)) == date(2023, 5, 9)
    assert end_date(day, time(9), time(11)) == day
    assert end_minutes(time(22, 30), time(1, 30)) == 25 * 60 + 30
    assert end_minutes(time(9), time(11)) == 11 * 60


def test_a_gala_dinner_past_midnight_lasts_three_hours():
    start, end = item_instants(date(2023, 5, 8), time(22, 30), time(1, 30), "Europe/Tallinn")
    assert start == datetime(2023, 5, 8, 19, 30, tzinfo=UTC)
    assert end == datetime(2023, 5, 8, 22, 30, tzinfo=UTC)
    assert item_instants(date(2023, 5, 8), time(9), None, "Europe/Tallinn")[1] is None


def test_a_night_item_across_the_changes_lasts_its_real_time():
    # Paris: 02:00 -> 03:00 on 31 March 2024, 03:00 -> 02:00 on 27 October 2024.
    spring = item_instants(date(2024, 3, 30), time(22), time(4), "Europe/Paris")
    autumn = item_instants(date(2024, 10, 26), time(22), time(4), "Europe/Paris")
    assert spring[1] - spring[0] == timedelta(hours=5)
    assert autumn[1] - autumn[0] == timedelta(hours=7)


# times the clocks skip or repeat


@pytest.mark.parametrize(
    ("zone", "day", "at", "before", "after"),
    [
        ("Asia/Jerusalem", date(2024, 3, 29), time(2, 30), time(2), time(3)),
        ("Europe/Paris", date(2024, 3, 31), time(2, 30), time(2), time(3)),
        ("Europe/Paris", date(2024, 3, 31), time(2, 0), time(2), time(3)),
        ("Europe/Tallinn", date(2024, 3, 31), time(3, 30), time(3), time(4)),
    ],
)
def test_a_skipped_time_names_its_change(zone, day, at, before, after):
    change = skipped_by(day, at, zone)
    assert change is not None and change.forward
    assert (change.before, change.after) == (
        datetime.combine(day, before),
        datetime.combine(day, after),
    )
    assert change.at == local_instant(day, after, zone)
    assert repeated_by(day, at, zone) is None


@pytest.mark.parametrize(
    ("zone", "day", "at"),
    [
        ("Europe/Paris", date(2024, 3, 31), time(1, 59)),
        ("Europe/Paris", date(2024, 3, 31), time(3, 0)),
        ("Europe/Paris", date(2024, 3, 30), time(2, 30)),  # the day before
        ("Europe/Tallinn", date(2024, 3, 31), time(2, 30)),  # Tallinn changes an hour later
        ("Asia/Kolkata", date(2024, 3, 31), time(2, 30)),  # no summer time at all
    ],
)
def test_times_that_exist_are_not_skipped(zone, day, at):
    assert skipped_by(day, at, zone) is None


def test_a_repeated_time_is_read_as_its_first_occurrence_in_summer_time():
    # Tallinn: 04:00 summer time back to 03:00 on Sunday 27 October 2024.
    day = date(2024, 10, 27)
    change = repeated_by(day, time(3, 30), "Europe/Tallinn")
    assert change is not None and not change.forward
    assert (change.before, change.after) == (datetime(2024, 10, 27, 4), datetime(2024, 10, 27, 3))
    assert change.offset_before == timedelta(hours=3) and change.summer_time_before
    assert local_instant(day, time(3, 30), "Europe/Tallinn") == datetime(
        2024, 10, 27, 0, 30, tzinfo=UTC
    )
    assert repeated_by(day, time(3, 0), "Europe/Tallinn") is not None
    assert repeated_by(day, time(4, 0), "Europe/Tallinn") is None
    assert repeated_by(day, time(2, 59), "Europe/Tallinn") is None
    assert skipped_by(day, time(3, 30), "Europe/Tallinn") is None
