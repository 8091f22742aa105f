"""Real instants from wall clocks: durations and gaps right across daylight-saving changes."""

from datetime import UTC, date, datetime, time, timedelta

from delegation.domain.scheduling import (
    Interval,
    add_months,
    duration,
    haversine_km,
    local_instant,
    minutes,
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
