"""Real instants from local wall-clock times, and the distances and dates between them.

Agenda times are wall-clock times at the destination and travel legs carry one zone per
end. Every duration, gap and overlap is computed here on UTC instants: two aware
datetimes that share a tzinfo are compared and subtracted by Python on their wall
clocks, which is wrong across a daylight-saving change.

Wall-clock times that happen twice (the last Sunday of October) are read as their first
occurrence; times that do not happen (the hour skipped on the last Sunday of March) are
read with the offset in force before the change, so 02:30 of a skipped 02:00–03:00 hour
is 03:30 on the new clock (PEP 495, fold=0).
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


def local_instant(day: date, at: time, zone: str) -> datetime:
    """The real instant (in UTC) of a day and a wall-clock time in a zone."""
    return instant(datetime.combine(day, at), zone)


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


def haversine_km(latitude_1: float, longitude_1: float, latitude_2: float, longitude_2: float):
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
