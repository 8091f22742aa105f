"""Real instants from local wall-clock times, and the distances and dates between them.

Agenda times are wall-clock times at the destination and travel legs carry one zone per
end. Every duration, gap and overlap is computed here on UTC instants: two aware
datetimes that share a tzinfo are compared and subtracted by Python on their wall
clocks, which is wrong across a daylight-saving change.

Wall-clock times that happen twice (the last Sunday of October) are read as their first
occurrence; times that do not happen (the hour skipped on the last Sunday of March) are
read with the offset in force before the change, so 02:30 of a skipped 02:00–03:00 hour
is 03:30 on the new clock (PEP 495, fold=0). `skipped_by` and `repeated_by` name the
change behind such a time, for the programme to refuse or explain it.

An agenda item holds one day and two wall-clock times: an end earlier than the start is
on the next day (a gala dinner 22:30–01:30). `item_instants` and `end_date` are that
rule; an end equal to the start is no item at all and is refused upstream.
"""

import calendar
import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

EARTH_RADIUS_KM = 6371.0088


@cache
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def instant(wall_clock: datetime, zone: str) -> datetime:
    """The real instant (in UTC) when clocks in `zone` show `wall_clock` (naive)."""
    return wall_clock.replace(tzinfo=_zone(zone)).astimezone(UTC)


def local_instant(day: date, at: time, zone: str, *, second: bool = False) -> datetime:
    """The real instant (in UTC) of a day and a wall-clock time in a zone; `second`: of
    the second occurrence of a time the clocks repeat that night."""
    return instant(datetime.combine(day, at).replace(fold=int(second)), zone)


# An end earlier than the start is read as the next day for an item this long at most:
# a gala dinner or a night train, not 14:00–13:00, which is a slip of the keyboard.
LONGEST_NIGHT_MINUTES = 12 * 60


def ends_next_day(start: time, end: time | None) -> bool:
    """Whether an item's end is on the day after its start: 22:30–01:30."""
    return end is not None and end < start


def end_date(day: date, start: time, end: time) -> date:
    """The wall-clock date of an item's end: its day, or the next one when it ends earlier
    in the day than it starts."""
    return day + timedelta(days=1) if ends_next_day(start, end) else day


def item_moments(day: date, start: time, end: time | None) -> list[tuple[date, time]]:
    """An item's start and end as dates and wall-clock times: the end past midnight on
    the next day."""
    moments = [(day, start)]
    if end is not None:
        moments.append((end_date(day, start, end), end))
    return moments


def item_instants(
    day: date,
    start: time,
    end: time | None,
    zone: str,
    *,
    folds: tuple[bool, bool] = (False, False),
) -> tuple[datetime, datetime | None]:
    """The real start and end (UTC) of an item of `day` from `start` to `end` in `zone`;
    `folds`: whether the start and the end are the second occurrence of a repeated time.

    22:30–01:30 ends at 01:30 the next day; across a clock change the real length differs
    from the wall-clock one (22:30–03:30 on the spring night lasts four hours).
    """
    begins = local_instant(day, start, zone, second=folds[0])
    if end is None:
        return begins, None
    return begins, local_instant(end_date(day, start, end), end, zone, second=folds[1])


def minutes_of_day(at: time) -> int:
    """Minutes since midnight on the wall clock: 09:30 is 570."""
    return at.hour * 60 + at.minute


def end_minutes(start: time, end: time | None) -> int:
    """Minutes from the start day's midnight to an item's end (its start when it has
    none), on the wall clock: 01:30 the next day is 1530. For drawing and ordering a day,
    where real time does not matter."""
    if end is None:
        return minutes_of_day(start)
    return minutes_of_day(end) + (24 * 60 if ends_next_day(start, end) else 0)


@dataclass(frozen=True)
class ClockChange:
    """A change of the clocks in a zone, as the wall clock shows it.

    In spring the clock jumps from `before` to `after` (02:00 to 03:00: the times between
    do not exist); in autumn it goes back (03:00 to 02:00: the times between happen twice).
    """

    at: datetime  # the real instant of the change (UTC)
    before: datetime  # the wall clock (naive) just before the change
    after: datetime  # the wall clock (naive) just after it
    offset_before: timedelta  # from UTC
    offset_after: timedelta
    summer_time_before: bool  # daylight-saving time was in force before the change

    @property
    def forward(self) -> bool:
        return self.offset_after > self.offset_before


def utc_offset(moment: datetime) -> timedelta:
    """The offset from UTC of an aware datetime (one given a ZoneInfo always has one)."""
    offset = moment.utcoffset()
    if offset is None:
        raise ValueError(f"{moment} has no time zone")
    return offset


def _offsets(wall_clock: datetime, zone: str) -> tuple[datetime, datetime]:
    """The wall clock read with the offset before (fold=0) and after (fold=1) a change."""
    tz = _zone(zone)
    return wall_clock.replace(tzinfo=tz, fold=0), wall_clock.replace(tzinfo=tz, fold=1)


def _change_near(wall_clock: datetime, zone: str) -> ClockChange:
    """The clock change that makes `wall_clock` skipped or repeated (PEP 495 folds differ)."""
    first, second = _offsets(wall_clock, zone)
    before, after = utc_offset(first), utc_offset(second)
    # The change happens between the two readings of the wall clock: bisect the second.
    low = int(min(first.timestamp(), second.timestamp()))
    high = int(max(first.timestamp(), second.timestamp()))
    tz = _zone(zone)
    while high - low > 1:
        middle = (low + high) // 2
        if datetime.fromtimestamp(middle, tz).utcoffset() == before:
            low = middle
        else:
            high = middle
    at = datetime.fromtimestamp(high, UTC)
    naive = at.replace(tzinfo=None)
    return ClockChange(
        at=at,
        before=naive + before,
        after=naive + after,
        offset_before=before,
        offset_after=after,
        summer_time_before=bool(first.dst()),
    )


def skipped_by(day: date, at: time, zone: str) -> ClockChange | None:
    """The spring change that skips `at` on `day` in `zone`, or None when that time exists.

    A skipped time does not come back from UTC as it was written (02:30 becomes 03:30).
    """
    wall_clock = datetime.combine(day, at)
    first, _second = _offsets(wall_clock, zone)
    if first.astimezone(UTC).astimezone(_zone(zone)).replace(tzinfo=None) == wall_clock:
        return None
    return _change_near(wall_clock, zone)


def repeated_by(day: date, at: time, zone: str) -> ClockChange | None:
    """The autumn change that makes `at` on `day` in `zone` happen twice, or None.

    Such a time is read as its first occurrence, with `offset_before`.
    """
    wall_clock = datetime.combine(day, at)
    first, second = _offsets(wall_clock, zone)
    if first.utcoffset() == second.utcoffset() or skipped_by(day, at, zone) is not None:
        return None
    return _change_near(wall_clock, zone)


def elapsed(start: datetime, end: datetime) -> timedelta:
    """Real time between two aware datetimes, whatever their zones."""
    return end.astimezone(UTC) - start.astimezone(UTC)


def duration(departure: datetime, departure_zone: str, arrival: datetime, arrival_zone: str):
    """Time on the way between two wall clocks: Paris 08:05 to Tallinn 11:40 is 2 h 35."""
    return instant(arrival, arrival_zone) - instant(departure, departure_zone)


def minutes(delta: timedelta) -> int:
    """Whole minutes of a duration, rounded down (a 14 min 59 s gap is under 15 min)."""
    return math.floor(delta.total_seconds() / 60)


@dataclass(frozen=True, order=True)
class Interval:
    """A half-open span of real time [start, end): back-to-back spans do not overlap."""

    start: datetime
    end: datetime

    def overlaps(self, other: "Interval") -> bool:
        return self.start < other.end and other.start < self.end

    @property
    def length(self) -> timedelta:
        return self.end - self.start


def haversine_km(
    latitude_1: float, longitude_1: float, latitude_2: float, longitude_2: float
) -> float:
    """Great-circle distance between two points given in degrees."""
    phi_1, phi_2 = math.radians(latitude_1), math.radians(latitude_2)
    d_phi = phi_2 - phi_1
    d_lambda = math.radians(longitude_2 - longitude_1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi_1) * math.cos(phi_2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def travel_minutes(distance_km: float, speed_kmh: float) -> int:
    """Minutes to cover a distance at a speed, rounded up."""
    return math.ceil(distance_km / speed_kmh * 60)


def add_months(day: date, months: int) -> date:
    """The same day `months` later; 31 August + 6 months is the last day of February."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
