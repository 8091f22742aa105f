"""The readiness findings as sentences: each names the people and items concerned."""

from collections.abc import Callable
from dataclasses import dataclass

from delegation.domain.facts import Issue, Rule, Target
from delegation.i18n import _, current_language, ngettext
from delegation.i18n.formatting import (
    format_date,
    format_date_range,
    format_duration,
    format_number,
    format_time,
    format_time_range,
)
from delegation.services.agenda import AgendaItemDetails
from delegation.services.agenda_clock import skipped_time_text
from delegation.services.summaries import TripSummary
from delegation.services.travel import SegmentDetails

# People named in a sentence before "and N others".
NAMED_PEOPLE = 3


@dataclass(frozen=True)
class Names:
    """What the sentences call each object of the trip."""

    trip: TripSummary
    people: dict[int, str]
    items: dict[int, AgendaItemDetails]
    legs: dict[int, SegmentDetails]

    def item(self, item_id: int) -> str:
        details = self.items[item_id]
        hours = format_time_range(details.start_time, details.end_time)
        return _("“{title}” ({day}, {time})").format(
            title=details.title(current_language()),
            day=format_date(details.day, "d MMM"),
            time=hours,
        )

    def leg(self, leg_id: int) -> str:
        details = self.legs[leg_id]
        name = " ".join(part for part in (details.carrier, details.number) if part)
        return _("{name} ({day}, {time})").format(
            name=name or f"{details.departure_place} → {details.arrival_place}",
            day=format_date(details.departure_at.date(), "d MMM"),
            time=format_time(details.departure_at.time()),
        )

    def person(self, person_id: int) -> str:
        return self.people[person_id]

    def some_people(self, ids: tuple[int, ...]) -> str:
        """ "Anne Roux, Jüri Tamm and 25 others": a few names, then how many more."""
        named = ", ".join(self.people[i] for i in ids[:NAMED_PEOPLE])
        rest = len(ids) - NAMED_PEOPLE
        if rest <= 0:
            return named
        return ngettext("{names} and {n} other", "{names} and {n} others", rest).format(
            names=named, n=rest
        )


def _audience(issue: Issue, names: Names) -> str:
    """Whom a clash concerns: named people, else the groups, else everyone."""
    if issue.people:
        count = len(issue.people)
        return ngettext("{n} participant ({names})", "{n} participants ({names})", count).format(
            n=count, names=names.some_people(issue.people)
        )
    if issue.groups:
        return ngettext("group {groups}", "groups {groups}", len(issue.groups)).format(
            groups=", ".join(issue.groups)
        )
    return _("the whole delegation")


def _overlap(issue: Issue, names: Names) -> str:
    if issue.target_kind == Target.SEGMENT:
        count = len(issue.people)
        return ngettext(
            "Travel leg {leg} runs during {item} for {n} participant: {names}.",
            "Travel leg {leg} runs during {item} for {n} participants: {names}.",
            count,
        ).format(
            leg=names.leg(issue.target_id),
            item=names.item(issue.item_ids[0]),
            n=count,
            names=names.some_people(issue.people),
        )
    first, second = issue.item_ids
    return _("{first} and {second} overlap for {audience}.").format(
        first=names.item(first), second=names.item(second), audience=_audience(issue, names)
    )


def _travel_time(issue: Issue, names: Names) -> str:
    first, second = issue.item_ids
    values = issue.values
    arguments = {
        "gap": format_duration(values["gap_minutes"]),
        "first": names.item(first),
        "second": names.item(second),
        "audience": _audience(issue, names),
    }
    if values["distance_km"] is None:
        return _(
            "Only {gap} from {first} to {second} for {audience}, and the distance between"
            " the venues is unknown."
        ).format(**arguments)
    return _(
        "Only {gap} from {first} to {second} for {audience}: the venues are {distance} km"
        " apart, allow {needed}."
    ).format(
        distance=format_number(values["distance_km"]),
        needed=format_duration(values["needed_minutes"]),
        **arguments,
    )


def _capacity(issue: Issue, names: Names) -> str:
    values = issue.values
    source = _("the item’s capacity") if values["source"] == "item" else _("the venue’s capacity")
    item = names.item(issue.target_id)
    if values["confirmed"] > values["capacity"]:
        return ngettext(
            "{item} expects {n} confirmed participant, over {source} of {capacity}.",
            "{item} expects {n} confirmed participants, over {source} of {capacity}.",
            values["confirmed"],
        ).format(item=item, n=values["confirmed"], source=source, capacity=values["capacity"])
    return ngettext(
        "{item} would go over {source} of {capacity} if the {n} invited participant came.",
        "{item} would go over {source} of {capacity} if the {n} invited participants came.",
        values["invited"],
    ).format(item=item, n=values["invited"], source=source, capacity=values["capacity"])


def _outside_trip(issue: Issue, names: Names) -> str:
    return _("{item} is outside the trip’s dates ({dates}).").format(
        item=names.item(issue.target_id),
        dates=format_date_range(names.trip.start_date, names.trip.end_date),
    )


def _ends_before_start(issue: Issue, names: Names) -> str:
    if issue.target_kind == Target.SEGMENT:
        return _("Travel leg {leg} arrives before it departs.").format(
            leg=names.leg(issue.target_id)
        )
    return _("{item} ends when it starts.").format(item=names.item(issue.target_id))


def _skipped_time(issue: Issue, names: Names) -> str:
    values = issue.values
    return _("{item}: {reason}.").format(
        item=names.item(issue.target_id),
        reason=skipped_time_text(values["day"], values["time"], values["change"]),
    )


def _identity_missing(issue: Issue, names: Names) -> str:
    person = names.person(issue.target_id)
    if "item_id" in issue.values:
        return _(
            "{name} has no identity document on file, and {item} asks for visitors’ identity"
            " numbers in advance."
        ).format(name=person, item=names.item(issue.values["item_id"]))
    return _("{name} has no identity document on file.").format(name=person)


def _identity_expiring(issue: Issue, names: Names) -> str:
    values = issue.values
    arguments = {
        "name": names.person(issue.target_id),
        "expiry": format_date(values["expiry"]),
        "return_day": format_date(values["return_day"]),
    }
    if values["months"] is None:
        return _(
            "{name}’s identity document expires on {expiry}, before the return on {return_day}."
        ).format(**arguments)
    return ngettext(
        "{name}’s identity document expires on {expiry}; it must remain valid {months} month"
        " after the return on {return_day}.",
        "{name}’s identity document expires on {expiry}; it must remain valid {months} months"
        " after the return on {return_day}.",
        values["months"],
    ).format(months=values["months"], **arguments)


def _personal(issue: Issue, names: Names) -> str:
    """A sentence about one confirmed participant, or about all of them at once."""
    count = len(issue.people)
    if issue.rule == Rule.NO_EMERGENCY_CONTACT:
        return _("{name} has no emergency contact.").format(name=names.person(issue.target_id))
    if issue.target_kind == Target.PARTICIPANT:
        each = {
            Rule.NO_ROOM: _("{name} has no room."),
            Rule.NO_OUTBOUND: _("{name} has no outbound travel."),
            Rule.NO_RETURN: _("{name} has no return travel."),
        }[issue.rule]
        return each.format(name=names.person(issue.target_id))
    if issue.rule == Rule.NO_ROOM:
        return ngettext(
            "No room is assigned yet ({n} confirmed participant).",
            "No room is assigned yet ({n} confirmed participants).",
            count,
        ).format(n=count)
    if issue.rule == Rule.NO_OUTBOUND:
        return ngettext(
            "No outbound travel is booked yet ({n} confirmed participant).",
            "No outbound travel is booked yet ({n} confirmed participants).",
            count,
        ).format(n=count)
    return ngettext(
        "No return travel is booked yet ({n} confirmed participant).",
        "No return travel is booked yet ({n} confirmed participants).",
        count,
    ).format(n=count)


def _waitlist(issue: Issue, names: Names) -> str:
    assert issue.promote_id is not None  # the rule names whom to offer the seat
    cancelled = issue.values["cancelled"]
    return ngettext(
        "{n} cancellation while people wait: offer the seat to {name}, first of {waiting} on"
        " the waiting list.",
        "{n} cancellations while people wait: offer a seat to {name}, first of {waiting} on"
        " the waiting list.",
        cancelled,
    ).format(n=cancelled, waiting=issue.values["waiting"], name=names.person(issue.promote_id))


_SENTENCES: dict[Rule, Callable[[Issue, Names], str]] = {
    Rule.ENDS_BEFORE_START: _ends_before_start,
    Rule.SKIPPED_TIME: _skipped_time,
    Rule.OUTSIDE_TRIP: _outside_trip,
    Rule.OVERLAP: _overlap,
    Rule.TRAVEL_TIME: _travel_time,
    Rule.CAPACITY: _capacity,
    Rule.IDENTITY_MISSING: _identity_missing,
    Rule.IDENTITY_EXPIRING: _identity_expiring,
    Rule.NO_EMERGENCY_CONTACT: _personal,
    Rule.NO_ROOM: _personal,
    Rule.NO_OUTBOUND: _personal,
    Rule.NO_RETURN: _personal,
    Rule.WAITLIST_AFTER_CANCELLATION: _waitlist,
}


def word(issue: Issue, names: Names) -> str:
    """The issue as one sentence in the language in force."""
    return _SENTENCES[issue.rule](issue, names)
