"""Seconds to check a 2,000-participant, 1,000-item trip, and the pairs of items compared.

Run: python benchmarks/readiness.py [--participants N] [--items N]
A ten-day trip with twenty visit groups is generated (fast Core inserts): each group
has five visits a day at venues spread over a city, the whole delegation meets at
breakfast, one in ten participants belongs to two groups, and a few clashes are
planted. check_trip is timed end to end (reading the database included); the target
is under 1 s. Beside it: the pairs of items the interval sweep compared, and the
pairs an all-pairs approach would compare (each participant's items two by two, and,
more kindly, each distinct set of groups' items two by two).
"""

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

from sqlalchemy import insert, select

from delegation.domain.enums import AgendaKind, ParticipantStatus, TravelDirection
from delegation.persistence.models import (
    AgendaItem,
    Contact,
    Participant,
    TravelSegment,
    TripGroup,
    Venue,
    agenda_item_groups,
    participant_groups,
    segment_passengers,
)
from delegation.services.readiness import check_trip
from delegation.services.trips import NewTrip, add_trip
from delegation.services.workspace import open_workspace

GROUPS = 20  # visiting in parallel; one more group, for evening events, is held by a tenth
DAYS = 10
SLOTS = (clock(9, 30), clock(11, 30), clock(13, 30), clock(15, 30), clock(17, 30))
STAMP = {"version": 1, "updated_at": datetime(2026, 1, 1), "updated_by": "bench"}


def generate(workspace, participants: int, items: int) -> tuple[int, dict]:
    """The trip's id, and who attends what (for the all-pairs count)."""
    randomly = random.Random(2026)
    start = date(2026, 3, 23)  # across the last Sunday of March: a DST change in the trip
    trip = add_trip(
        workspace,
        NewTrip("bench-2026", "Bench trip", "Tallinn", "EE", start, start + timedelta(DAYS - 1)),
    )
    statuses = [ParticipantStatus.CONFIRMED] * 17 + [
        ParticipantStatus.INVITED, ParticipantStatus.WAITLISTED, ParticipantStatus.CANCELLED,
    ]  # fmt: skip
    with workspace.transaction() as session:
        session.execute(
            insert(TripGroup),
            [{"trip_id": trip.id, "code": f"G{n:02d}", "name": f"Group {n}", "position": n,
              **STAMP} for n in range(GROUPS + 1)],
        )  # fmt: skip
        groups = list(
            session.scalars(
                select(TripGroup.id)
                .where(TripGroup.trip_id == trip.id)
                .order_by(TripGroup.position)
            )
        )
        session.execute(
            insert(Venue),
            [{"name": f"Venue {n}", "latitude": 59.40 + randomly.random() * 0.06,
              "longitude": 24.65 + randomly.random() * 0.15, "capacity": 150 if n else None,
              **STAMP}
             for n in range(60)],
        )  # fmt: skip
        venues = list(session.scalars(select(Venue.id)))
        first_contact = (session.scalar(select(Contact.id).order_by(Contact.id.desc())) or 0) + 1
        session.execute(
            insert(Contact),
            [{"id": first_contact + n, "first_name": f"First{n}", "last_name": f"Last{n:05d}",
              "email": f"bench{n}@example.ee", **STAMP} for n in range(participants)],
        )  # fmt: skip
        session.execute(
            insert(Participant),
            [{"trip_id": trip.id, "contact_id": first_contact + n,
              "status": statuses[n % len(statuses)],
              "waitlist_position": n if statuses[n % len(statuses)] == "waitlisted" else None,
              "passport_number": f"P{n:08d}", "passport_expiry": date(2030, 1, 1),
              "emergency_contact_name": "Someone", "emergency_contact_phone": "+33 6 00 00 00 00",
              **STAMP} for n in range(participants)],
        )  # fmt: skip
        people = list(session.scalars(select(Participant.id).where(Participant.trip_id == trip.id)))
        membership = []
        for n, person in enumerate(people):
            membership.append((person, n % GROUPS))
            if n % 10 == 0:
                membership.append((person, GROUPS))
        session.execute(
            insert(participant_groups),
            [{"participant_id": p, "group_id": groups[g]} for p, g in membership],
        )
        rows, item_groups = [], []
        for day in range(DAYS):
            rows.append((day, clock(8, 0), clock(9, 0), None))  # breakfast, everyone
            for group in range(GROUPS):
                for slot in SLOTS:
                    rows.append((day, slot, clock(slot.hour + 1, 30), group))
            rows.append((day, clock(19, 30), clock(21, 0), GROUPS))  # the evening group
        rows = rows[: items - 3]
        for planted in range(3):  # a group booked twice
            rows.append((planted, clock(10, 0), clock(10, 45), planted))
        session.execute(
            insert(AgendaItem),
            [{"trip_id": trip.id, "day": start + timedelta(day), "start_time": begin,
              "end_time": end, "title_fr": f"Visite {n}", "title_en": f"Visit {n}",
              "kind": AgendaKind.VISIT if group is not None else AgendaKind.MEAL,
              "venue_id": venues[0] if group is None else randomly.choice(venues), **STAMP}
             for n, (day, begin, end, group) in enumerate(rows)],
        )  # fmt: skip
        item_ids = list(
            session.scalars(
                select(AgendaItem.id).where(AgendaItem.trip_id == trip.id).order_by(AgendaItem.id)
            )
        )
        for item, (_day, _begin, _end, group) in zip(item_ids, rows, strict=True):
            if group is not None:
                item_groups.append({"agenda_item_id": item, "group_id": groups[group]})
        session.execute(insert(agenda_item_groups), item_groups)
        legs = []
        for direction, when in ((TravelDirection.OUTBOUND, start), (TravelDirection.RETURN,
                                start + timedelta(DAYS - 1))):  # fmt: skip
            legs.append(
                {"trip_id": trip.id, "direction": direction, "departure_place": "Paris",
                 "departure_timezone": "Europe/Paris", "arrival_place": "Tallinn",
                 "arrival_timezone": "Europe/Tallinn", "mode": "flight",
                 "departure_at": datetime.combine(when, clock(5, 0)),
                 "arrival_at": datetime.combine(when, clock(7, 35)), **STAMP}
            )  # fmt: skip
        session.execute(insert(TravelSegment), legs)
        leg_ids = list(session.scalars(select(TravelSegment.id)))
        session.execute(
            insert(segment_passengers),
            [{"segment_id": leg, "participant_id": person}
             for leg in leg_ids for person in people],
        )  # fmt: skip
    attendance = {"rows": rows, "membership": membership, "people": people}
    return trip.id, attendance


def all_pairs(attendance: dict) -> tuple[int, int]:
    """Pairs an all-pairs check compares: per participant, and per set of groups."""
    per_group = {}
    for _day, _begin, _end, group in attendance["rows"]:
        per_group[group] = per_group.get(group, 0) + 1
    held: dict[int, set[int]] = {}
    for person, group in attendance["membership"]:
        held.setdefault(person, set()).add(group)
    per_person = 0
    sets = set()
    for groups in held.values():
        count = per_group.get(None, 0) + sum(per_group.get(g, 0) for g in groups)
        per_person += count * (count - 1) // 2
        sets.add((frozenset(groups), count))
    per_set = sum(count * (count - 1) // 2 for _groups, count in sets)
    return per_person, per_set


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--participants", type=int, default=2000)
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        workspace = open_workspace(str(Path(folder) / "bench.sqlite3"))
        started = time.perf_counter()
        trip_id, attendance = generate(workspace, arguments.participants, arguments.items)
        generated = time.perf_counter() - started
        timings = []
        for _run in range(arguments.runs):
            started = time.perf_counter()
            report = check_trip(workspace, trip_id)
            timings.append(time.perf_counter() - started)
        workspace.close()
    per_person, per_set = all_pairs(attendance)
    items = len(attendance["rows"])
    print(f"{arguments.participants} participants, {items} agenda items, {GROUPS} groups "
          f"(generated in {generated:.1f} s)")  # fmt: skip
    print(f"check_trip: median {statistics.median(timings):.3f} s, "
          f"worst {max(timings):.3f} s over {arguments.runs} runs (target: 1 s)")  # fmt: skip
    rules = Counter(f"{finding.rule} ({finding.severity})" for finding in report.findings)
    print(f"findings: {report.blocking} blocking, {report.warnings} warnings: "
          + ", ".join(f"{rule} {n}" for rule, n in sorted(rules.items())))  # fmt: skip
    print(f"pairs of items compared by the sweep:          {report.pairs_compared:>12,}")
    print(f"all pairs, per distinct set of groups:         {per_set:>12,}")
    print(f"all pairs, per participant:                    {per_person:>12,}")
    sys.exit(0 if max(timings) < 1 else 1)


if __name__ == "__main__":
    main()
