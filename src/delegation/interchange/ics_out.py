"""iCalendar export of a programme: local times carry their TZID and a VTIMEZONE each."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import BinaryIO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

from delegation.interchange.safe_files import write_atomically

PRODID = "-//Delegation//Delegation//EN"
STATUSES = frozenset({"CONFIRMED", "TENTATIVE", "CANCELLED"})


@dataclass(frozen=True)
class CalendarEvent:
    """One programme item as a calendar program should show it."""

    uid: str  # the record's for life, so that a file read again updates instead of doubling
    start: datetime  # naive, local time in `timezone`; fold=1: a repeated time's second
    end: datetime | None
    summary: str
    location: str | None = None
    description: str | None = None
    status: str | None = None  # "CONFIRMED" | "TENTATIVE" | "CANCELLED"
    timezone: str | None = None  # IANA zone of this event (defaults to the calendar's)
    # Raised by each change of what the event shows: a program keeps the highest it has
    # read, so a moved or cancelled event replaces the copy it holds.
    sequence: int = 0
    last_modified: datetime | None = None  # aware, or naive in UTC
    geo: tuple[float, float] | None = None  # latitude, longitude of the place


def write_ics(path: str | Path, name: str, timezone: str, events: Sequence[CalendarEvent]) -> None:
    """Write `events` to `path` as an iCalendar file named `name`, atomically."""
    calendar = build_calendar(name, timezone, events)

    def write(stream: BinaryIO) -> None:
        stream.write(calendar.to_ical())

    write_atomically(path, write)


def build_calendar(name: str, timezone: str, events: Sequence[CalendarEvent]) -> Calendar:
    """The VCALENDAR for `events`, with one VTIMEZONE per zone they use."""
    _zone(timezone)  # refuse an unknown default zone even when every event names its own
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", timezone)
    # One stamp for the whole file: it says when this copy of the programme was made.
    stamp = datetime.now(UTC)
    for item in events:
        calendar.add_component(_event(item, timezone, stamp))
    if events:
        # Transitions limited to the years the events span keep each VTIMEZONE a few lines long
        # instead of listing every change since 1970.
        moments = [item.start for item in events] + [item.end for item in events if item.end]
        calendar.add_missing_timezones(
            first_date=date(min(moments).year - 1, 1, 1),
            last_date=date(max(moments).year + 2, 1, 1),
        )
        for component in calendar.timezones:
            _place_onsets(component, ZoneInfo(component.tz_name))
    return calendar


def _event(item: CalendarEvent, default_zone: str, stamp: datetime) -> Event:
    zone = _zone(item.timezone or default_zone)
    if item.end is not None and item.end < item.start:
        raise ValueError(f"event {item.uid!r} ends before it starts")
    status = item.status.upper() if item.status else None
    if status is not None and status not in STATUSES:
        raise ValueError(f"event {item.uid!r} has an unknown status {item.status!r}")
    if item.sequence < 0:
        raise ValueError(f"event {item.uid!r} has a negative sequence")
    if item.geo is not None and not (-90 <= item.geo[0] <= 90 and -180 <= item.geo[1] <= 180):
        raise ValueError(f"event {item.uid!r} has no place on Earth at {item.geo!r}")
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", stamp)
    event.add("sequence", item.sequence)
    if item.last_modified is not None:
        event.add("last-modified", _in_utc(item.last_modified))
    # Aware datetimes in a named zone make icalendar write DTSTART;TZID=Europe/Tallinn:…
    event.add("dtstart", _localise(item.start, zone))
    if item.end is not None:
        event.add("dtend", _localise(item.end, zone))
    event.add("summary", item.summary)
    if item.location:
        event.add("location", item.location)
    if item.geo is not None:
        event.add("geo", item.geo)
    if item.description:
        event.add("description", item.description)
    if status:
        event.add("status", status)
    return event


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"unknown time zone {name!r}") from error


def _in_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _localise(moment: datetime, zone: ZoneInfo) -> datetime:
    """Attach `zone` to a naive local time; an aware one is expressed in `zone` instead.

    RFC 5545 reads a local time the clocks repeat as its first occurrence: the second
    (fold=1) is written in UTC, the one way to name it.
    """
    if moment.tzinfo is not None:
        return moment.astimezone(zone)
    local = moment.replace(tzinfo=zone)
    if moment.fold and local.utcoffset() != local.replace(fold=0).utcoffset():
        return local.astimezone(UTC)
    return local


def _place_onsets(component: Timezone, zone: ZoneInfo) -> None:
    """Give each observance the onset RFC 5545 asks for: the wall clock before the change.

    icalendar 7 writes the wall clock *after* a spring-forward change (03:00 instead of 02:00
    in Paris), which a program that reads our VTIMEZONE rather than its own copy of the zone
    database would take as one hour late.
    """
    for observance in component.walk():
        if not isinstance(observance, TimezoneStandard | TimezoneDaylight):
            continue
        before, after = observance.TZOFFSETFROM, observance.TZOFFSETTO
        if before == after:
            continue  # the opening observance marks no change
        rdates = observance.get("RDATE", [])
        listed = [observance.DTSTART] + [
            leaf.dt
            for rdate in (rdates if isinstance(rdates, list) else [rdates])
            for leaf in rdate.dts
        ]
        onsets = sorted(_onset(moment, before, after, zone) for moment in listed)
        observance.pop("DTSTART")
        observance.pop("RDATE", None)
        observance.DTSTART = onsets[0]
        # One RDATE line per onset: vobject (and calendar servers built on it) reads only
        # the first date of a comma-separated list, then gets later years an hour wrong.
        for onset in onsets[1:]:
            observance.add("RDATE", onset)


def _onset(listed: datetime, before: timedelta, after: timedelta, zone: ZoneInfo) -> datetime:
    """Wall clock, in the offset `before`, of the change from `before` to `after` near `listed`."""

    def offset(second: int) -> timedelta | None:
        return datetime.fromtimestamp(second, UTC).astimezone(zone).utcoffset()

    # icalendar finds the right day; bisect the exact second within a day either side of it.
    guess = int(listed.replace(tzinfo=UTC).timestamp() - before.total_seconds())
    low, high = guess - 86_400, guess + 86_400
    if offset(low) != before or offset(high) != after:
        return listed  # not a plain change we can place: keep what icalendar wrote
    while high - low > 1:
        middle = (low + high) // 2
        if offset(middle) == before:
            low = middle
        else:
            high = middle
    return (datetime.fromtimestamp(high, UTC) + before).replace(tzinfo=None)
