"""Clashes in the programme: people expected in two places at once, too little time to
get from one venue to the next, a travel leg over a visit, an item over capacity.

Who is expected where follows from groups alone: an item with groups is for the members
of any of them, an item without is for everyone. So the programme is swept once per
distinct set of groups that people hold (an "audience"), not once per person: items
sorted by their real start, a heap of the items still running, each new item compared
only with those. Findings are then gathered per pair of items, naming everyone concerned.
"""

import heapq
from dataclasses import dataclass, field
from types import MappingProxyType

from delegation.domain.enums import AgendaKind, ParticipantStatus
from delegation.domain.facts import (
    UNKNOWN_DISTANCE_GAP_MINUTES,
    Issue,
    Item,
    Place,
    Plan,
    Rule,
    Settings,
    Severity,
    Target,
)
from delegation.domain.scheduling import Interval, haversine_km, minutes, travel_minutes


@dataclass
class _Concerned:
    """Who a clash between two items concerns, gathered over the audiences."""

    people: set[int] = field(default_factory=set)
    groups: set[str] = field(default_factory=set)
    values: dict = field(default_factory=dict)
    severity: Severity = Severity.BLOCKING

    def add(self, audience: frozenset[str], people: list[int]) -> None:
        self.people.update(people)
        if len(audience) == 1:
            self.groups.update(audience)


@dataclass
class Sweep:
    """The programme's live items in time order, and the pairs compared so far."""

    plan: Plan
    settings: Settings
    items: list[Item] = field(default_factory=list)
    spans: dict[int, Interval] = field(default_factory=dict)
    compared: int = 0

    def __post_init__(self) -> None:
        zone = self.plan.trip.timezone
        self.items = [i for i in self.plan.items if i.live and not i.ends_at_start]
        self.spans = {item.id: item.interval(zone) for item in self.items}
        self.items.sort(key=lambda i: (self.spans[i.id].start, self.spans[i.id].end, i.id))
        self.places = {place.id: place for place in self.plan.places}


def audiences(plan: Plan) -> dict[frozenset[str], list[int]]:
    """Each set of groups held by people in play, with those people (in plan order).

    Each single group of the programme, and no group at all, are audiences too, even
    with nobody in them yet: a clash between two items of group A is found before
    anyone joins group A.
    """
    found: dict[frozenset[str], list[int]] = {frozenset(): []}
    for item in plan.items:
        for code in item.groups:
            found.setdefault(frozenset((code,)), [])
    for person in plan.people:
        if person.in_play:
            found.setdefault(person.groups, []).append(person.id)
    return found


def programme_issues(sweep: Sweep) -> list[Issue]:
    """Overlaps and journeys too short between consecutive items, per pair of items."""
    overlaps: dict[tuple[int, int], _Concerned] = {}
    journeys: dict[tuple[int, int], _Concerned] = {}
    for audience, people in audiences(sweep.plan).items():
        attended = [item for item in sweep.items if item.attended_by(audience)]
        _sweep_one(sweep, attended, audience, people, overlaps, journeys)
    position = {item.id: n for n, item in enumerate(sweep.items)}
    rank = {person.id: n for n, person in enumerate(sweep.plan.people)}  # the plan's order
    issues = []
    for rule, pairs in ((Rule.OVERLAP, overlaps), (Rule.TRAVEL_TIME, journeys)):
        for (first, second), concerned in sorted(
            pairs.items(), key=lambda pair: (position[pair[0][1]], position[pair[0][0]])
        ):
            issues.append(
                Issue(
                    concerned.severity,
                    rule,
                    Target.AGENDA_ITEM,
                    second,
                    item_ids=(first, second),
                    people=tuple(sorted(concerned.people, key=rank.__getitem__)),
                    groups=tuple(sorted(concerned.groups)),
                    values=MappingProxyType(concerned.values),
                )
            )
    return issues


def _sweep_one(sweep, attended, audience, people, overlaps, journeys) -> None:
    running: list[tuple] = []  # (end, position, item): the earliest end on top
    last: Item | None = None  # of the items before, the one that ends last
    for position, item in enumerate(attended):
        span = sweep.spans[item.id]
        while running:
            sweep.compared += 1
            if running[0][0] > span.start:
                break
            heapq.heappop(running)
        # Whatever still runs started no later and ends after this one starts.
        sweep.compared += max(0, len(running) - 1)
        for _end, _position, other in running:
            overlaps.setdefault((other.id, item.id), _Concerned()).add(audience, people)
        if last is not None and sweep.spans[last.id].end <= span.start:
            sweep.compared += 1
            journey = _journey(sweep, last, item)
            if journey is not None:
                concerned = journeys.setdefault((last.id, item.id), journey)
                concerned.add(audience, people)
        if last is None or span.end > sweep.spans[last.id].end:
            last = item
        heapq.heappush(running, (span.end, position, item))


def _journey(sweep: Sweep, before: Item, after: Item) -> _Concerned | None:
    """Whether there is time to get from one item's venue to the next one's."""
    if before.kind == AgendaKind.TRANSPORT:  # it moves people: it does not end at its venue
        return None
    if before.venue_id is None or after.venue_id is None or before.venue_id == after.venue_id:
        return None
    gap = minutes(sweep.spans[after.id].start - sweep.spans[before.id].end)
    origin: Place | None = sweep.places.get(before.venue_id)
    destination: Place | None = sweep.places.get(after.venue_id)
    settings = sweep.settings
    start = origin.coordinates if origin is not None else None
    finish = destination.coordinates if destination is not None else None
    if start is not None and finish is not None:
        distance = haversine_km(*start, *finish)
        needed = travel_minutes(distance, settings.speed_kmh) + settings.buffer_minutes
        if gap >= needed:
            return None
        values: dict[str, float | None] = {
            "distance_km": round(distance, 1),
            "gap_minutes": gap,
            "needed_minutes": needed,
        }
        return _Concerned(values=values, severity=Severity.BLOCKING)
    if gap >= UNKNOWN_DISTANCE_GAP_MINUTES:
        return None
    values = {"distance_km": None, "gap_minutes": gap, "needed_minutes": None}
    return _Concerned(values=values, severity=Severity.WARNING)


def leg_issues(sweep: Sweep) -> list[Issue]:
    """A travel leg whose passengers are expected at an item while on their way, before
    their outbound leg lands or after their return leg leaves."""
    in_play = {person.id: person for person in sweep.plan.people if person.in_play}
    issues = []
    for leg in sweep.plan.legs:
        span = leg.interval()
        if span.end <= span.start:
            issues.append(Issue(Severity.BLOCKING, Rule.ENDS_BEFORE_START, Target.SEGMENT, leg.id))
            continue
        passengers = [in_play[i] for i in sorted(leg.passenger_ids) if i in in_play]
        if not passengers:
            continue
        span = leg.away()
        for item in sweep.items:
            if sweep.spans[item.id].start >= span.end:
                break  # in start order: nothing later can overlap
            sweep.compared += 1
            if item.kind == AgendaKind.TRANSPORT or not sweep.spans[item.id].overlaps(span):
                continue  # a transfer on the programme may well be this very leg
            concerned = tuple(p.id for p in passengers if item.attended_by(p.groups))
            if concerned:
                issues.append(
                    Issue(
                        Severity.BLOCKING,
                        Rule.OVERLAP,
                        Target.SEGMENT,
                        leg.id,
                        item_ids=(item.id,),
                        people=concerned,
                    )
                )
    return issues


def capacity_issues(sweep: Sweep) -> list[Issue]:
    """More people expected than the item or its venue holds.

    Blocking when the confirmed alone are too many; a warning when they fit but would
    not if the invited who have not answered all came.
    """
    counts: dict[frozenset[str], list[int]] = {}
    for person in sweep.plan.people:
        if person.in_play:
            tally = counts.setdefault(person.groups, [0, 0])
            tally[person.status != ParticipantStatus.CONFIRMED] += 1
    issues = []
    for item in sorted(
        (i for i in sweep.plan.items if i.live), key=lambda i: (i.day, i.start, i.id)
    ):
        place = sweep.places.get(item.venue_id) if item.venue_id is not None else None
        limits = [(item.capacity, "item")] if item.capacity is not None else []
        if place is not None and place.capacity is not None:
            limits.append((place.capacity, "venue"))
        if not limits:
            continue
        limit, source = min(limits)
        confirmed = invited = 0
        for groups, (yes, maybe) in counts.items():
            if item.attended_by(groups):
                confirmed, invited = confirmed + yes, invited + maybe
        if confirmed + invited <= limit:
            continue
        severity = Severity.BLOCKING if confirmed > limit else Severity.WARNING
        values = {"confirmed": confirmed, "invited": invited, "capacity": limit, "source": source}
        issues.append(
            Issue(severity, Rule.CAPACITY, Target.AGENDA_ITEM, item.id, item_ids=(item.id,),
                  values=MappingProxyType(values))
        )  # fmt: skip
    return issues
