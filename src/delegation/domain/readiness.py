"""The readiness rules: what would go wrong on the trip, found before departure.

Who counts. The programme rules (overlap, travel time) look at everyone in play:
confirmed participants and invited ones who have not answered, since a clash hits
whoever comes. Capacity is blocking when the confirmed alone exceed it and a warning
when the invited would. The personal checks (identity, emergency contact, room,
travel) concern confirmed participants only. Cancelled items are ignored.

Identity. A confirmed participant needs an identity document on file (a number) when
the trip says so (Trip.identity_document_required, on by default) or when they are
expected at a venue that wants its visitors' identity numbers in advance
(Venue.identity_list_required). A document must be valid on the return date and, when
the trip sets passport_validity_months (a rule of the destination country), that many
months after it.

Times. An item's end earlier than its start is on the next day (22:30–01:30), so it
overlaps what runs after midnight and may run into the return leg; an end equal to the
start is an error. A start or end the clocks skip that day (02:30 on a spring-forward
night) is an error too: the item was saved before such times were refused, or moved
there with the trip's dates.

Severities.
Blocking: an item ending when it starts, at a time that does not exist, or outside the
trip's dates; people expected at two items at once, or on a travel leg during an item;
too little time to travel between two venues whose distance is known; confirmed
participants over an item's or its venue's capacity; an identity document missing, or
expiring too soon.
Warning: too little time between two venues whose distance is unknown (a gap under
15 minutes); invited participants who would take an item over capacity; a confirmed
participant without emergency contact, room, outbound or return travel; a cancellation
while people wait on the waiting list (promote the first of them).
"""

from dataclasses import dataclass
from types import MappingProxyType

from delegation.domain.conflicts import Sweep, capacity_issues, leg_issues, programme_issues
from delegation.domain.enums import ParticipantStatus, TravelDirection
from delegation.domain.facts import (
    Issue,
    Item,
    Leg,
    Person,
    Place,
    Plan,
    Rule,
    Settings,
    Severity,
    Target,
    TripFacts,
)
from delegation.domain.scheduling import add_months

__all__ = [
    "Assessment", "Issue", "Item", "Leg", "Person", "Place", "Plan", "Rule", "Settings",
    "Severity", "Target", "TripFacts", "assess",
]  # fmt: skip

_SEVERITY_ORDER = {Severity.BLOCKING: 0, Severity.WARNING: 1}
_RULE_ORDER = {rule: n for n, rule in enumerate(Rule)}


@dataclass(frozen=True)
class Assessment:
    issues: tuple[Issue, ...]  # blocking first, then by rule, each rule in its own order
    pairs_compared: int  # pairs of items (or of a leg and an item) the sweep compared


def assess(plan: Plan, settings: Settings | None = None) -> Assessment:
    """Every issue of the plan, blocking first."""
    sweep = Sweep(plan, settings or Settings())
    issues = [
        *item_date_issues(plan),
        *programme_issues(sweep),
        *leg_issues(sweep),
        *capacity_issues(sweep),
        *identity_issues(plan),
        *preparation_issues(plan),
        *waitlist_issues(plan),
    ]
    issues.sort(key=lambda issue: (_SEVERITY_ORDER[issue.severity], _RULE_ORDER[issue.rule]))
    return Assessment(tuple(issues), sweep.compared)


def item_date_issues(plan: Plan) -> list[Issue]:
    """Items ending when they start, at a time the clocks skip, or on a day outside the trip."""
    trip = plan.trip
    issues = []
    for item in sorted(plan.items, key=lambda i: (i.day, i.start, i.id)):
        if not item.live:
            continue
        if item.ends_at_start:
            issues.append(_item_issue(Rule.ENDS_BEFORE_START, item))
        for day, at, change in item.skipped_times(trip.timezone):
            values = {"day": day, "time": at, "change": change}
            issues.append(_item_issue(Rule.SKIPPED_TIME, item, values))
        if not trip.start_date <= item.day <= trip.end_date:
            issues.append(_item_issue(Rule.OUTSIDE_TRIP, item))
    return issues


def _item_issue(rule: Rule, item: Item, values: dict | None = None) -> Issue:
    return Issue(
        Severity.BLOCKING, rule, Target.AGENDA_ITEM, item.id, item_ids=(item.id,),
        values=MappingProxyType(values or {}),
    )  # fmt: skip


def _confirmed(plan: Plan) -> list[Person]:
    return [person for person in plan.people if person.status == ParticipantStatus.CONFIRMED]


def identity_issues(plan: Plan) -> list[Issue]:
    trip = plan.trip
    places = {place.id: place for place in plan.places}
    # The first item at a site wanting identity numbers, per set of groups.
    listing_items = [
        item
        for item in sorted(plan.items, key=lambda i: (i.day, i.start, i.id))
        if item.live and item.venue_id in places and places[item.venue_id].identity_list_required
    ]
    required_by: dict[frozenset[str], Item | None] = {}
    return_day = trip.end_date
    valid_until = (
        add_months(return_day, trip.validity_months) if trip.validity_months else return_day
    )
    issues: list[Issue] = []
    if not trip.private_known:
        return issues
    for person in _confirmed(plan):
        if person.groups not in required_by:
            required_by[person.groups] = next(
                (item for item in listing_items if item.attended_by(person.groups)), None
            )
        site = required_by[person.groups]
        if not trip.identity_required and site is None:
            continue
        reason = {"item_id": site.id} if site is not None and not trip.identity_required else {}
        if not person.has_identity:
            issues.append(
                Issue(
                    Severity.BLOCKING,
                    Rule.IDENTITY_MISSING,
                    Target.PARTICIPANT,
                    person.id,
                    people=(person.id,),
                    values=MappingProxyType(reason),
                )
            )
        elif person.identity_expiry is not None and person.identity_expiry < valid_until:
            values = {
                "expiry": person.identity_expiry,
                "return_day": return_day,
                "months": trip.validity_months
                if person.identity_expiry >= return_day
                else None,  # expiring before the return says it all
            }
            issues.append(
                Issue(
                    Severity.BLOCKING,
                    Rule.IDENTITY_EXPIRING,
                    Target.PARTICIPANT,
                    person.id,
                    people=(person.id,),
                    values=MappingProxyType(values),
                )
            )
    return issues


def preparation_issues(plan: Plan) -> list[Issue]:
    """Emergency contact, room and travel of each confirmed participant.

    Where nobody has a room, or nobody an outbound (return) leg, yet, that is one
    finding about the trip rather than one per person.
    """
    confirmed = _confirmed(plan)
    issues = [
        Issue(Severity.WARNING, Rule.NO_EMERGENCY_CONTACT, Target.PARTICIPANT, p.id,
              people=(p.id,))
        for p in confirmed
        if not p.has_emergency_contact and plan.trip.private_known
    ]  # fmt: skip
    if plan.trip.end_date > plan.trip.start_date:  # nights to spend somewhere
        issues += _everyone_or_each(
            plan, Rule.NO_ROOM, [p.id for p in confirmed if not p.has_room], len(confirmed)
        )
    for rule, direction in (
        (Rule.NO_OUTBOUND, TravelDirection.OUTBOUND),
        (Rule.NO_RETURN, TravelDirection.RETURN),
    ):
        travelling: set[int] = set()
        for leg in plan.legs:
            if leg.direction == direction:
                travelling.update(leg.passenger_ids)
        missing = [p.id for p in confirmed if p.id not in travelling]
        issues += _everyone_or_each(plan, rule, missing, len(confirmed))
    return issues


def _everyone_or_each(plan: Plan, rule: Rule, missing: list[int], total: int) -> list[Issue]:
    if not missing:
        return []
    if len(missing) == total and total > 1:
        return [
            Issue(Severity.WARNING, rule, Target.TRIP, plan.trip.id, people=tuple(missing),
                  values=MappingProxyType({"everyone": True}))
        ]  # fmt: skip
    return [
        Issue(Severity.WARNING, rule, Target.PARTICIPANT, person, people=(person,))
        for person in missing
    ]


def waitlist_issues(plan: Plan) -> list[Issue]:
    """Seats freed by cancellations while people wait: offer one to the first of them."""
    cancelled = [p.id for p in plan.people if p.status == ParticipantStatus.CANCELLED]
    waiting = sorted(
        (p for p in plan.people if p.status == ParticipantStatus.WAITLISTED),
        key=lambda p: (p.waitlist_position is None, p.waitlist_position or 0, p.id),
    )
    if not cancelled or not waiting:
        return []
    first = waiting[0].id
    return [
        Issue(
            Severity.WARNING,
            Rule.WAITLIST_AFTER_CANCELLATION,
            Target.TRIP,
            plan.trip.id,
            people=(first,),
            promote_id=first,
            values=MappingProxyType({"cancelled": len(cancelled), "waiting": len(waiting)}),
        )
    ]
