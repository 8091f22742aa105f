"""The parts of a day that are a person's own: their travel legs, where they join the
delegation when they arrive on their own, the clocks changing, the hours the groups are
apart and they are in none.

Made as plain itinerary items in the document's language, so that the days print them in
their place among the programme's items.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from delegation.domain.enums import AgendaKind
from delegation.domain.scheduling import end_minutes, utc_offset
from delegation.i18n import _
from delegation.i18n.formatting import format_time
from delegation.i18n.labels import travel_mode_label
from delegation.reports.itinerary_model import ItineraryDay, ItineraryItem, Place
from delegation.services.itinerary_data import LegRecord, TripSnapshot

DayItems = dict[date, list[ItineraryItem]]


def _lands(leg: LegRecord, here: ZoneInfo) -> datetime:
    """When the leg lands, on the trip's clock."""
    return leg.arrival_at.replace(tzinfo=ZoneInfo(leg.arrival_zone)).astimezone(here)


def leg_items(legs: Iterable[LegRecord], zone: str) -> DayItems:
    """Each leg on the day and at the time it leaves or lands where the trip is, in the
    trip's clock; the other end's own local time in its notes."""
    here = ZoneInfo(zone)
    items: DayItems = {}
    for leg in legs:
        leaves = leg.departure_at.replace(tzinfo=ZoneInfo(leg.departure_zone)).astimezone(here)
        lands = _lands(leg, here)
        name = " ".join(part for part in (leg.carrier, leg.number) if part)
        means = f"{travel_mode_label(leg.mode)} {name}".strip()
        if leg.departure_zone != zone and leg.arrival_zone == zone:  # coming to the trip
            at, ends, place = lands, None, Place(leg.arrival_place)
            title = _("Arrival: {means} from {place}").format(
                means=means, place=leg.departure_place
            )
            notes = _("Leaves {place} at {time}, local time").format(
                place=leg.departure_place, time=format_time(leg.departure_at.time())
            )
        elif leg.departure_zone == zone and leg.arrival_zone != zone:  # going home, or on
            at, ends, place = leaves, None, Place(leg.departure_place)
            title = _("Departure: {means} to {place}").format(means=means, place=leg.arrival_place)
            notes = _("Lands in {place} at {time}, local time").format(
                place=leg.arrival_place, time=format_time(leg.arrival_at.time())
            )
        else:  # within the trip's clock: a ferry, a train between two cities
            at, ends, place, notes = leaves, lands, Place(leg.departure_place), None
            title = _("{means}: {departure} → {arrival}").format(
                means=means, departure=leg.departure_place, arrival=leg.arrival_place
            )
        same_day = ends is not None and ends.date() == at.date()
        item = ItineraryItem(
            start=at.time(),
            end=ends.time() if ends is not None and same_day else None,
            title=title,
            kind=AgendaKind.TRANSPORT,
            place=place,
            notes=_joined(notes, leg.notes),
            tag=_("Your journey"),
        )
        items.setdefault(at.date(), []).append(item)
    return items


def _arrivals(legs: Iterable[LegRecord], zone: str) -> list[tuple[LegRecord, datetime]]:
    """The legs that come to the trip, with the time they land in the trip's clock."""
    here = ZoneInfo(zone)
    return [
        (leg, _lands(leg, here))
        for leg in legs
        if leg.departure_zone != zone and leg.arrival_zone == zone
    ]


def with_meeting_point(
    days: tuple[ItineraryDay, ...], all_legs: Iterable[LegRecord], own_legs: Iterable[LegRecord],
    zone: str,
) -> tuple[ItineraryDay, ...]:  # fmt: skip
    """The days of someone who arrives apart from the delegation (elsewhere, or after its
    transfer has left): the transfer that meets the delegation's arrival is not theirs, so
    it is left out, and a line tells them where and when they join the others.

    The delegation's arrival is the incoming leg with the most passengers; its transfer,
    the first transport item for everyone on that day from the time it lands.
    """
    arrivals, own = _arrivals(all_legs, zone), _arrivals(own_legs, zone)
    if not arrivals or not own:
        return days
    main, main_lands = max(arrivals, key=lambda arrival: len(arrival[0].passenger_ids))
    leg, lands = min(own, key=lambda arrival: arrival[1])
    day = next((d for d in days if d.day == lands.date()), None)
    if leg.id == main.id or main_lands.date() != lands.date() or day is None:
        return days
    transfer = next(
        (
            item for item in day.items
            if item.kind == AgendaKind.TRANSPORT and not item.groups and item.tag is None
            and item.start >= main_lands.time()
        ),
        None,
    )  # fmt: skip
    if transfer is None or (
        leg.arrival_place == main.arrival_place and lands.time() <= transfer.start
    ):
        return days  # no transfer, or theirs to take
    joined = next(
        (i for i in day.items if i.start > transfer.start and i.tag is None and i.place), None
    )
    notes = _(
        "The delegation’s transfer leaves {place} at {time}; you arrive at {arrival} at {landing}."
    )
    line = ItineraryItem(
        start=joined.start if joined else transfer.start,
        end=None,
        title=_("Meeting point: {place}").format(place=joined.place.name)
        if joined and joined.place
        else _("Make your own way from {arrival}").format(arrival=leg.arrival_place),
        kind=AgendaKind.TRANSPORT,
        place=joined.place if joined else None,
        notes=notes.format(
            place=transfer.place.name if transfer.place else transfer.title,
            time=format_time(transfer.start),
            arrival=leg.arrival_place,
            landing=format_time(lands.time()),
        ),
        tag=_("Your journey"),
    )
    items = [item for item in day.items if item is not transfer]
    # Just before the item where they join, which starts at the same time.
    items.insert(items.index(joined) if joined else len(items), line)
    changed = ItineraryDay(day.day, tuple(sorted(items, key=lambda item: item.start)))
    return tuple(changed if d is day else d for d in days)


def clock_change_items(snapshot: TripSnapshot) -> DayItems:
    """A line at the moment the destination's clocks change during the trip."""
    zone, utc = ZoneInfo(snapshot.timezone), ZoneInfo("UTC")
    items: DayItems = {}
    first = datetime.combine(snapshot.start, time(0), zone).astimezone(utc)
    last = datetime.combine(snapshot.end + timedelta(days=1), time(0), zone).astimezone(utc)
    step = timedelta(minutes=15)  # clocks change on the hour or the half hour
    instant = first
    while instant < last:
        before, after = instant.astimezone(zone), (instant + step).astimezone(zone)
        shift = utc_offset(after) - utc_offset(before)
        if shift:
            # The change's instant on the old clock and on the new one.
            moment = (instant + step).replace(tzinfo=None)
            old = moment + utc_offset(before)
            new = moment + utc_offset(after)
            forward = shift > timedelta(0)
            title = (
                _("The clocks go forward: at {old} it will be {new}")
                if forward
                else _("The clocks go back: at {old} it will be {new} again")
            )
            items.setdefault(old.date(), []).append(
                ItineraryItem(
                    start=(old if forward else new).time(),
                    end=None,
                    title=title.format(old=format_time(old.time()), new=format_time(new.time())),
                    kind=AgendaKind.FREE_TIME,
                    notes=_("Set your watch; phones change by themselves."),
                    tag=_("Clock change"),
                )
            )
        instant += step
    return items


def apart_items(day_items: Iterable[ItineraryItem]) -> list[ItineraryItem]:
    """For a person in no group: a line for each span when only groups have items."""
    spans: list[tuple[int, int, set[str]]] = []
    for item in sorted(day_items, key=lambda i: i.start):
        if not item.groups or item.end is None:
            continue
        start = item.start.hour * 60 + item.start.minute
        end = min(end_minutes(item.start, item.end), 24 * 60 - 1)
        if spans and start <= spans[-1][1]:
            first, last, groups = spans[-1]
            spans[-1] = (first, max(last, end), groups | set(item.groups))
        else:
            spans.append((start, end, set(item.groups)))
    everyone = [
        (i.start.hour * 60 + i.start.minute, end_minutes(i.start, i.end) if i.end else 0)
        for i in day_items
        if not i.groups
    ]
    lines = []
    for first, last, groups in spans:
        if any(start < last and first < end for start, end in everyone):
            continue  # the delegation has something together then: no gap to explain
        lines.append(
            ItineraryItem(
                start=time(first // 60, first % 60),
                end=time(last // 60, last % 60),
                title=_("Free time: the groups are on their own visits ({groups})").format(
                    groups=", ".join(sorted(groups))
                ),
                kind=AgendaKind.FREE_TIME,
                tag=_("Free time"),
            )
        )
    return lines


def with_items(days: tuple[ItineraryDay, ...], extra: DayItems) -> tuple[ItineraryDay, ...]:
    """The days with `extra` items among theirs in the order of time; a day the trip does
    not cover (an arrival the evening before) gets a section of its own."""
    by_day = {day.day: list(day.items) for day in days}
    for day, items in extra.items():
        by_day.setdefault(day, []).extend(items)
    return tuple(
        ItineraryDay(day, tuple(sorted(items, key=lambda item: item.start)))
        for day, items in sorted(by_day.items())
    )


def _joined(*parts: str | None) -> str | None:
    text = " — ".join(part for part in parts if part)
    return text or None
