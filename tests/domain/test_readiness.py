"""The readiness rules, one test (or more) per rule, on plain values: no database."""

from dataclasses import replace
from datetime import date, datetime, time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from delegation.domain.enums import AgendaKind, AgendaStatus, ParticipantStatus, TravelDirection
from delegation.domain.readiness import (
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
    assess,
)

TRIP = TripFacts(date(2023, 5, 7), date(2023, 5, 10), "Europe/Tallinn", id=1)
DAY = date(2023, 5, 8)
HOTEL = Place(1, 59.4377, 24.7469)
E_ESTONIA = Place(2, 59.4231, 24.798)  # 3.3 km from the hotel
TALTECH = Place(3, 59.3953, 24.6717)
NOWHERE = Place(4)  # no coordinates
MINISTRY = Place(5, 59.4297, 24.7425, identity_list_required=True)
PLACES = (HOTEL, E_ESTONIA, TALTECH, NOWHERE, MINISTRY)


def person(id: int, *groups: str, **changes) -> Person:
    """A confirmed participant with everything in order."""
    ready = Person(
        id, ParticipantStatus.CONFIRMED, frozenset(groups), has_identity=True,
        identity_expiry=date(2030, 1, 1), has_emergency_contact=True, has_room=True,
    )  # fmt: skip
    return replace(ready, **changes)


def item(id: int, start: str, end: str | None, *groups: str, day: date = DAY, **changes) -> Item:
    return Item(
        id, day, time.fromisoformat(start), time.fromisoformat(end) if end else None,
        frozenset(groups), **changes,
    )  # fmt: skip


def legs_for(*people: Person) -> tuple[Leg, ...]:
    ids = frozenset(p.id for p in people)
    return (
        Leg(901, datetime(2023, 5, 7, 8, 5), "Europe/Paris", datetime(2023, 5, 7, 11, 40),
            "Europe/Tallinn", TravelDirection.OUTBOUND, ids),
        Leg(902, datetime(2023, 5, 10, 13, 5), "Europe/Tallinn", datetime(2023, 5, 10, 14, 50),
            "Europe/Paris", TravelDirection.RETURN, ids),
    )  # fmt: skip


def check(people=(), items=(), *, trip=TRIP, legs=None, places=PLACES, **options):
    people = tuple(people)
    legs = legs_for(*people) if legs is None else legs
    return assess(Plan(trip, people, tuple(items), places, legs), Settings(**options))


def issues(assessment, rule: Rule):
    return [issue for issue in assessment.issues if issue.rule == rule]


def test_a_ready_trip_has_no_issue():
    result = check([person(1, "A"), person(2, "B")],
                   [item(10, "09:00", "11:00", "A", venue_id=2),
                    item(11, "09:00", "11:00", "B", venue_id=3)])  # fmt: skip
    assert result.issues == ()


# overlap


def test_two_items_of_a_group_at_once_are_one_finding_naming_everyone():
    people = [person(1, "A"), person(2, "A"), person(3, "B")]
    result = check(people, [item(10, "09:00", "11:00", "A"), item(11, "10:30", "12:00", "A")])
    [overlap] = issues(result, Rule.OVERLAP)
    assert overlap.severity == Severity.BLOCKING
    assert overlap.item_ids == (10, 11)
    assert (overlap.target_kind, overlap.target_id) == (Target.AGENDA_ITEM, 11)
    assert overlap.people == (1, 2)


def test_a_whole_delegation_item_clashes_with_a_group_item():
    result = check([person(1, "A"), person(2, "B"), person(3)],
                   [item(10, "09:00", "11:00"), item(11, "10:00", "12:00", "B")])  # fmt: skip
    [overlap] = issues(result, Rule.OVERLAP)
    assert overlap.people == (2,)


def test_parallel_visits_of_two_groups_clash_only_for_members_of_both():
    items = [item(10, "09:00", "11:00", "A"), item(11, "09:00", "11:00", "B")]
    assert issues(check([person(1, "A"), person(2, "B")], items), Rule.OVERLAP) == []
    [overlap] = issues(check([person(1, "A"), person(2, "A", "B")], items), Rule.OVERLAP)
    assert overlap.people == (2,)


def test_a_clash_in_the_programme_is_found_before_anyone_joins_the_group():
    [overlap] = issues(
        check([], [item(10, "09:00", "11:00", "A"), item(11, "10:00", "12:00", "A")]),
        Rule.OVERLAP,
    )
    assert (overlap.people, overlap.groups) == ((), ("A",))


def test_back_to_back_and_cancelled_items_do_not_clash():
    people = [person(1, "A")]
    assert not issues(check(people, [item(10, "09:00", "10:00"), item(11, "10:00", "11:00")]),
                      Rule.OVERLAP)  # fmt: skip
    cancelled = item(11, "09:30", "11:00", status=AgendaStatus.CANCELLED)
    assert not issues(check(people, [item(10, "09:00", "10:00"), cancelled]), Rule.OVERLAP)


def test_an_item_without_end_clashes_with_what_runs_when_it_starts():
    result = check([person(1)], [item(10, "09:00", "11:00"), item(11, "10:00", None)])
    assert [i.item_ids for i in issues(result, Rule.OVERLAP)] == [(10, 11)]


def test_waitlisted_and_cancelled_people_are_not_expected():
    people = [person(1, "A", status=ParticipantStatus.WAITLISTED, waitlist_position=1)]
    result = check(people, [item(10, "09:00", "11:00", "A"), item(11, "10:00", "12:00", "A")])
    assert [i.groups for i in issues(result, Rule.OVERLAP)] == [("A",)]  # the group's only


def test_items_overlap_on_real_instants_across_the_spring_change():
    # 26 March 2023 in Tallinn: 03:30 does not exist; read on the old clock, it is 04:30.
    trip = replace(TRIP, start_date=date(2023, 3, 25), end_date=date(2023, 3, 27))
    night = date(2023, 3, 26)
    result = check([person(1)], [item(10, "02:30", "03:30", day=night),
                                 item(11, "04:00", "05:00", day=night)], trip=trip,
                   legs=())  # fmt: skip
    assert [i.item_ids for i in issues(result, Rule.OVERLAP)] == [(10, 11)]


def test_a_travel_leg_during_an_item_of_its_passengers():
    people = [person(1), person(2)]
    coach = Leg(903, datetime(2023, 5, 8, 10, 30), "Europe/Tallinn",
                datetime(2023, 5, 8, 12, 0), "Europe/Tallinn", TravelDirection.LOCAL,
                frozenset({1}))  # fmt: skip
    result = check(people, [item(10, "09:00", "11:00")], legs=(*legs_for(*people), coach))
    [clash] = issues(result, Rule.OVERLAP)
    assert (clash.target_kind, clash.target_id, clash.item_ids, clash.people) == (
        Target.SEGMENT, 903, (10,), (1,)
    )  # fmt: skip


def test_nobody_is_expected_before_landing_or_after_the_flight_home_has_left():
    people = [person(1)]
    early = item(10, "07:00", "08:00", day=date(2023, 5, 7))  # the plane lands at 11:40
    late = item(11, "17:00", "18:30", day=date(2023, 5, 10))  # the plane left at 13:05
    clashes = issues(check(people, [early, late]), Rule.OVERLAP)
    assert sorted((c.target_id, c.item_ids) for c in clashes) == [(901, (10,)), (902, (11,))]


# travel_time


def test_too_little_time_between_distant_venues_is_blocking():
    people = [person(1)]
    # Hotel to TalTech: about 6.3 km, 13 min at 30 km/h, plus 10 min of buffer.
    tight = [item(10, "09:00", "10:00", venue_id=1), item(11, "10:15", "11:00", venue_id=3)]
    [journey] = issues(check(people, tight), Rule.TRAVEL_TIME)
    assert journey.severity == Severity.BLOCKING
    assert journey.item_ids == (10, 11)
    assert journey.values["gap_minutes"] == 15
    assert journey.values["needed_minutes"] == 23
    assert not issues(check(people, tight, speed_kmh=60, buffer_minutes=5), Rule.TRAVEL_TIME)


def test_unknown_distance_is_a_warning_only_under_fifteen_minutes():
    people = [person(1)]
    short = [item(10, "09:00", "10:00", venue_id=1), item(11, "10:10", "11:00", venue_id=4)]
    [journey] = issues(check(people, short), Rule.TRAVEL_TIME)
    assert journey.severity == Severity.WARNING
    assert journey.values["distance_km"] is None
    enough = [item(10, "09:00", "10:00", venue_id=1), item(11, "10:15", "11:00", venue_id=4)]
    assert not issues(check(people, enough), Rule.TRAVEL_TIME)


def test_same_venue_and_transfers_need_no_travel_time():
    people = [person(1)]
    same = [item(10, "09:00", "10:00", venue_id=2), item(11, "10:00", "11:00", venue_id=2)]
    assert not issues(check(people, same), Rule.TRAVEL_TIME)
    transfer = [
        item(10, "09:00", "10:00", venue_id=3, kind=AgendaKind.TRANSPORT),
        item(11, "10:00", "11:00", venue_id=1),
    ]
    assert not issues(check(people, transfer), Rule.TRAVEL_TIME)


def test_the_gap_is_real_time_across_the_spring_change():
    # 02:50 to 04:05 on the clock is 15 minutes of real time on 26 March 2023.
    trip = replace(TRIP, start_date=date(2023, 3, 25), end_date=date(2023, 3, 27))
    night = date(2023, 3, 26)
    items = [item(10, "02:00", "02:50", venue_id=1, day=night),
             item(11, "04:05", "05:00", venue_id=3, day=night)]  # fmt: skip
    [journey] = issues(check([person(1)], items, trip=trip), Rule.TRAVEL_TIME)
    assert journey.values["gap_minutes"] == 15


def test_the_gap_is_real_time_across_the_autumn_change():
    # 02:30 to 04:00 on the clock is 2 h 30 of real time on 29 October 2023: enough to
    # cover 50 km (1 h 40 at 30 km/h, plus 10 min), which 1 h 30 would not be.
    trip = replace(TRIP, start_date=date(2023, 10, 28), end_date=date(2023, 10, 30))
    night = date(2023, 10, 29)
    far = Place(6, 59.4377 + 50 / 111.2, 24.7469)
    items = [item(10, "01:00", "02:30", venue_id=1, day=night),
             item(11, "04:00", "05:00", venue_id=6, day=night)]  # fmt: skip
    result = check([person(1)], items, trip=trip, places=(*PLACES, far))
    assert not issues(result, Rule.TRAVEL_TIME)


# capacity


def test_confirmed_participants_over_capacity_are_blocking():
    people = [person(n) for n in range(1, 4)]
    [full] = issues(check(people, [item(10, "09:00", "11:00", capacity=2)]), Rule.CAPACITY)
    assert full.severity == Severity.BLOCKING
    assert full.values["confirmed"] == 3
    assert (full.values["capacity"], full.values["source"]) == (2, "item")


def test_the_smaller_of_the_item_and_venue_capacities_counts():
    small = Place(7, capacity=2)
    people = [person(n) for n in range(1, 4)]
    result = check(people, [item(10, "09:00", "11:00", venue_id=7, capacity=50)],
                   places=(*PLACES, small))  # fmt: skip
    [full] = issues(result, Rule.CAPACITY)
    assert (full.values["capacity"], full.values["source"]) == (2, "venue")


def test_invited_participants_who_could_overfill_an_item_are_a_warning():
    people = [person(1), person(2), person(3, status=ParticipantStatus.INVITED)]
    [full] = issues(check(people, [item(10, "09:00", "11:00", capacity=2)]), Rule.CAPACITY)
    assert full.severity == Severity.WARNING
    assert full.values["invited"] == 1


# outside_trip, ends_before_start


def test_an_item_outside_the_trip():
    [outside] = issues(check([], [item(10, "09:00", "10:00", day=date(2023, 5, 11))]),
                       Rule.OUTSIDE_TRIP)  # fmt: skip
    assert (outside.severity, outside.target_id) == (Severity.BLOCKING, 10)


def test_an_item_ending_when_it_starts_and_a_leg_arriving_before_it_leaves():
    backwards = Leg(903, datetime(2023, 5, 8, 12, 0), "Europe/Tallinn",
                    datetime(2023, 5, 8, 11, 0), "Europe/Tallinn")  # fmt: skip
    result = check([], [item(10, "11:00", "11:00")], legs=(backwards,))
    found = {(i.target_kind, i.target_id) for i in issues(result, Rule.ENDS_BEFORE_START)}
    assert found == {(Target.AGENDA_ITEM, 10), (Target.SEGMENT, 903)}


# past midnight and clock changes


def test_an_item_past_midnight_is_not_backwards_and_clashes_after_midnight():
    dinner = item(10, "22:30", "01:30")
    late_visit = item(11, "00:30", "02:00", day=date(2023, 5, 9))
    result = check([person(1)], [dinner, late_visit])
    assert not issues(result, Rule.ENDS_BEFORE_START)
    [clash] = issues(result, Rule.OVERLAP)
    assert (clash.item_ids, clash.people) == ((10, 11), (1,))


def test_an_item_past_midnight_does_not_clash_with_the_next_morning():
    result = check([person(1)], [item(10, "22:30", "01:30"),
                                 item(11, "09:00", "10:00", day=date(2023, 5, 9))])  # fmt: skip
    assert not issues(result, Rule.OVERLAP)


def test_the_gap_after_an_item_past_midnight_counts_from_its_real_end():
    items = [item(10, "22:00", "00:50", venue_id=1),
             item(11, "01:00", "02:00", day=date(2023, 5, 9), venue_id=3)]  # fmt: skip
    [short] = issues(check([person(1)], items), Rule.TRAVEL_TIME)
    assert short.values["gap_minutes"] == 10


def test_an_item_past_midnight_runs_into_the_flight_home():
    night = Leg(902, datetime(2023, 5, 10, 0, 45), "Europe/Tallinn", datetime(2023, 5, 10, 2, 30),
                "Europe/Paris", TravelDirection.RETURN, frozenset({1}))  # fmt: skip
    result = check([person(1)], [item(10, "22:30", "01:30", day=date(2023, 5, 9))],
                   legs=(legs_for(person(1))[0], night))  # fmt: skip
    [clash] = [i for i in issues(result, Rule.OVERLAP) if i.target_kind == Target.SEGMENT]
    assert (clash.target_id, clash.item_ids) == (902, (10,))


def test_a_time_the_clocks_skip_is_blocking():
    # Tallinn went from 03:00 to 04:00 on Sunday 26 March 2023.
    trip = TripFacts(date(2023, 3, 24), date(2023, 3, 27), "Europe/Tallinn", id=1)
    party = item(10, "23:00", "03:30", day=date(2023, 3, 25))  # its end is skipped
    early = item(11, "03:15", "05:00", day=date(2023, 3, 26))
    fine = item(12, "04:00", "05:00", day=date(2023, 3, 26))
    found = issues(check([], [party, early, fine], trip=trip), Rule.SKIPPED_TIME)
    assert [(i.target_id, i.values["day"], i.values["time"]) for i in found] == [
        (10, date(2023, 3, 26), time(3, 30)),
        (11, date(2023, 3, 26), time(3, 15)),
    ]
    assert all(i.severity == Severity.BLOCKING for i in found)
    assert found[0].values["change"].after == datetime(2023, 3, 26, 4, 0)


# identity


def test_a_missing_identity_document_is_blocking_when_the_trip_requires_one():
    result = check([person(1, has_identity=False, identity_expiry=None)])
    [missing] = issues(result, Rule.IDENTITY_MISSING)
    assert (missing.severity, missing.target_id) == (Severity.BLOCKING, 1)
    relaxed = replace(TRIP, identity_required=False)
    assert not check([person(1, has_identity=False)], trip=relaxed).issues


def test_a_site_wanting_identity_numbers_requires_a_document():
    relaxed = replace(TRIP, identity_required=False)
    people = [person(1, "A", has_identity=False), person(2, "B", has_identity=False)]
    result = check(people, [item(10, "09:00", "10:00", "A", venue_id=5)], trip=relaxed)
    [missing] = issues(result, Rule.IDENTITY_MISSING)
    assert missing.target_id == 1
    assert missing.values["item_id"] == 10


def test_a_passport_expiring_before_the_return_is_blocking():
    result = check([person(1, identity_expiry=date(2023, 5, 1))])
    [expiring] = issues(result, Rule.IDENTITY_EXPIRING)
    assert (expiring.severity, expiring.target_id) == (Severity.BLOCKING, 1)
    assert expiring.values["months"] is None
    assert not check([person(1, identity_expiry=date(2023, 5, 10))]).issues


def test_a_passport_must_outlive_the_return_by_the_months_the_country_asks():
    strict = replace(TRIP, validity_months=6)
    [expiring] = issues(check([person(1, identity_expiry=date(2023, 9, 1))], trip=strict),
                        Rule.IDENTITY_EXPIRING)  # fmt: skip
    assert expiring.values["months"] == 6
    assert not check([person(1, identity_expiry=date(2023, 11, 10))], trip=strict).issues


# no_emergency_contact, no_room, no_outbound, no_return


def test_confirmed_participants_missing_preparations_are_warnings():
    people = [
        person(1, has_emergency_contact=False),
        person(2, has_room=False),
        person(3),
        person(4, status=ParticipantStatus.INVITED, has_room=False),
    ]
    outbound, back = legs_for(*people[:3])
    result = check(people, legs=(outbound, replace(back, passenger_ids=frozenset({1, 2}))))
    found = [(i.rule, i.target_kind, i.target_id) for i in result.issues]
    assert found == [
        (Rule.NO_EMERGENCY_CONTACT, Target.PARTICIPANT, 1),
        (Rule.NO_ROOM, Target.PARTICIPANT, 2),
        (Rule.NO_RETURN, Target.PARTICIPANT, 3),
    ]
    assert all(i.severity == Severity.WARNING for i in result.issues)


def test_nobody_booked_yet_is_one_finding_about_the_trip():
    people = [person(1, has_room=False), person(2, has_room=False)]
    result = check(people, legs=())
    found = [(i.rule, i.target_kind, i.target_id, i.people) for i in result.issues]
    assert found == [
        (Rule.NO_ROOM, Target.TRIP, 1, (1, 2)),
        (Rule.NO_OUTBOUND, Target.TRIP, 1, (1, 2)),
        (Rule.NO_RETURN, Target.TRIP, 1, (1, 2)),
    ]


# waitlist_after_cancellation


def test_a_cancellation_offers_the_seat_to_the_first_on_the_waiting_list():
    people = [
        person(1),
        person(2, status=ParticipantStatus.CANCELLED),
        person(3, status=ParticipantStatus.WAITLISTED, waitlist_position=2),
        person(4, status=ParticipantStatus.WAITLISTED, waitlist_position=1),
    ]
    [offer] = issues(check(people), Rule.WAITLIST_AFTER_CANCELLATION)
    assert (offer.severity, offer.target_kind, offer.promote_id) == (
        Severity.WARNING, Target.TRIP, 4
    )  # fmt: skip
    assert not issues(check(people[:1] + people[2:]), Rule.WAITLIST_AFTER_CANCELLATION)


def test_blocking_issues_come_first():
    people = [person(1, has_emergency_contact=False), person(2, has_identity=False)]
    result = check(people)
    assert [i.rule for i in result.issues] == [Rule.IDENTITY_MISSING, Rule.NO_EMERGENCY_CONTACT]


# the sweep against all pairs

times = st.integers(min_value=0, max_value=24 * 4 - 2).map(lambda q: time(q // 4, q % 4 * 15))


@st.composite
def programmes(draw, groups=("A", "B")):
    """Items of single groups at random quarter hours; one person per group."""
    count = draw(st.integers(min_value=0, max_value=25))
    items = []
    for n in range(count):
        start = draw(times)
        length = draw(st.integers(min_value=1, max_value=12)) * 15
        # Late items end past midnight, on the next day's clock.
        end_minutes = (start.hour * 60 + start.minute + length) % (24 * 60)
        end = time(end_minutes // 60, end_minutes % 60)
        day = draw(st.sampled_from([date(2023, 5, 8), date(2023, 5, 9)]))
        items.append(Item(n, day, start, end, frozenset({draw(st.sampled_from(groups))})))
    return items


def _true_overlaps(items, people):
    zone = TRIP.timezone
    found = set()
    for a in items:
        for b in items:
            shared = any(a.attended_by(p.groups) and b.attended_by(p.groups) for p in people)
            if a.id < b.id and shared and a.interval(zone).overlaps(b.interval(zone)):
                found.add(frozenset((a.id, b.id)))
    return found


@settings(max_examples=150, deadline=None)
@given(programmes())
def test_disjoint_groups_never_clash_and_the_sweep_matches_all_pairs(items):
    people = [person(1, "A"), person(2, "B")]
    result = check(people, items)
    found = {frozenset(i.item_ids) for i in issues(result, Rule.OVERLAP)}
    by_id = {i.id: i for i in items}
    for pair in found:
        first, second = (by_id[n] for n in pair)
        assert first.groups == second.groups  # never an A item against a B item
    assert found == _true_overlaps(items, people)


@settings(max_examples=150, deadline=None)
@given(programmes(), st.data())
def test_a_planted_clash_is_always_found(items, data):
    people = [person(1, "A"), person(2, "B")]
    target = data.draw(st.sampled_from(items)) if items else item(0, "09:00", "10:00", "A")
    planted = replace(target, id=1000)  # the same group, the same time
    result = check(people, [*items, planted] if items else [target, planted])
    found = {frozenset(i.item_ids) for i in issues(result, Rule.OVERLAP)}
    assert frozenset((target.id, 1000)) in found


def test_the_sweep_compares_far_fewer_pairs_than_all_pairs():
    people = [person(n, "A" if n % 2 else "B") for n in range(1, 41)]
    items = [
        item(n, f"{8 + n % 10:02d}:00", f"{8 + n % 10:02d}:50", "A" if n % 20 < 10 else "B",
             day=date(2023, 5, 7 + n // 20 % 4))
        for n in range(80)
    ]  # fmt: skip
    result = check(people, items, legs=())
    assert not issues(result, Rule.OVERLAP)
    assert 0 < result.pairs_compared < 80 * 79 // 2


@pytest.mark.parametrize("speed", [0.5, 30.0, 300.0])
def test_speed_is_configurable(speed):
    items = [item(10, "09:00", "10:00", venue_id=1), item(11, "11:00", "12:00", venue_id=3)]
    found = issues(check([person(1)], items, speed_kmh=speed), Rule.TRAVEL_TIME)
    assert bool(found) == (speed < 6)  # 6.3 km in 50 minutes, 10 of them to leave
