"""The readiness report on the sample delegation, and after edits that break it."""

from dataclasses import replace
from datetime import date, datetime, time

import pytest
from babel.dates import format_date

from delegation.domain.enums import AgendaStatus, ParticipantStatus, TravelDirection
from delegation.domain.errors import NotFoundError
from delegation.i18n import set_language
from delegation.persistence.models import AgendaItem
from delegation.services import agenda, participants, registrations, travel
from delegation.services.agenda import AgendaItemDetails
from delegation.services.participant_rows import list_participants
from delegation.services.readiness import Finding, ReadinessReport, check_trip
from delegation.services.summaries import NewTrip
from delegation.services.travel import SegmentDetails
from delegation.services.trips import add_trip, find_trip


@pytest.fixture
def trip_id(demo_workspace) -> int:
    return find_trip(demo_workspace, "tallinn-2023").id


def _person(workspace, trip_id, first_name: str):
    return next(
        row for row in list_participants(workspace, trip_id) if row.details.first_name == first_name
    )


def _item(workspace, trip_id, title_en: str):
    return next(r for r in agenda.list_agenda(workspace, trip_id) if r.details.title_en == title_en)


def _of(report: ReadinessReport, rule: str) -> list[Finding]:
    return [finding for finding in report.findings if finding.rule == rule]


def test_the_sample_is_ready_but_for_the_seat_to_offer(demo_workspace, trip_id):
    report = check_trip(demo_workspace, "tallinn-2023")
    assert (report.blocking, report.warnings) == (0, 1)
    assert report.pairs_compared > 0
    [offer] = report.findings
    assert offer.rule == "waitlist_after_cancellation"
    assert (offer.target_kind, offer.target_id) == ("trip", trip_id)
    first = _person(demo_workspace, trip_id, "Pierre-Étienne")
    assert first.waitlist_position == 1
    assert offer.promote_id == first.id
    assert "Pierre-Étienne Caillol" in offer.message
    assert check_trip(demo_workspace, trip_id) == report  # by id as by key


def test_promoting_the_first_waitlisted_person_clears_the_offer(demo_workspace, trip_id):
    offer = check_trip(demo_workspace, trip_id).findings[0]
    registrations.set_status(demo_workspace, [offer.promote_id], ParticipantStatus.CONFIRMED)
    report = check_trip(demo_workspace, trip_id)
    # The next in line is offered the other seat; the newcomer has no room or travel yet.
    assert _of(report, "waitlist_after_cancellation")[0].promote_id != offer.promote_id
    assert {f.rule for f in report.findings if f.target_id == offer.promote_id} == {
        "no_room", "no_outbound", "no_return"
    }  # fmt: skip


def test_an_item_over_group_a_morning_visit_is_blocking(demo_workspace, trip_id):
    taltech = _item(demo_workspace, trip_id, "Visit to the TalTech AI lab")
    assert taltech.details.group_codes == ("A",)
    added = agenda.add_item(
        demo_workspace,
        trip_id,
        AgendaItemDetails(day=date(2023, 5, 9), start_time=time(10, 0), end_time=time(11, 30),
                          title_en="Meeting at Skype", title_fr="Rencontre chez Skype",
                          group_codes=("A",)),
    )  # fmt: skip
    report = check_trip(demo_workspace, trip_id)
    [clash] = _of(report, "overlap")
    assert clash.severity == "blocking"
    assert (clash.target_kind, clash.target_id) == ("agenda_item", added.id)
    assert "Visit to the TalTech AI lab" in clash.message
    assert "Meeting at Skype" in clash.message
    assert "27 participants" in clash.message
    assert report.findings[0] == clash  # blocking first


def test_messages_follow_the_language_in_force(demo_workspace, trip_id):
    set_language("fr")
    [offer] = check_trip(demo_workspace, trip_id).findings
    assert "liste d’attente" in offer.message


def test_a_passport_expiring_before_the_trip_is_blocking(demo_workspace, trip_id):
    kadri = _person(demo_workspace, trip_id, "Solène")
    participants.update_participant(
        demo_workspace, kadri.id, None, replace(kadri.details, passport_expiry=date(2023, 5, 1))
    )
    [expiring] = _of(check_trip(demo_workspace, trip_id), "identity_expiring")
    assert expiring.severity == "blocking"
    assert (expiring.target_kind, expiring.target_id) == ("participant", kadri.id)
    assert "Solène Dupré" in expiring.message
    expiry = format_date(date(2023, 5, 1), "long", locale="en_GB")
    assert f"expires on {expiry}" in expiring.message  # not just in "11 May 2023"


def test_a_missing_document_emergency_contact_and_room(demo_workspace, trip_id):
    person = _person(demo_workspace, trip_id, "Solène")
    participants.update_participant(
        demo_workspace, person.id, None,
        replace(person.details, passport_number=None, passport_expiry=None,
                emergency_contact_phone=None, room_id=None),
    )  # fmt: skip
    report = check_trip(demo_workspace, trip_id)
    mine = {(f.rule, f.severity) for f in report.findings if f.target_id == person.id}
    assert mine == {
        ("identity_missing", "blocking"),
        ("no_emergency_contact", "warning"),
        ("no_room", "warning"),
    }


def test_a_passenger_taken_off_the_return_flight(demo_workspace, trip_id):
    person = _person(demo_workspace, trip_id, "Solène")
    [back] = [s for s in travel.list_segments(demo_workspace, trip_id)
              if s.details.direction == TravelDirection.RETURN]  # fmt: skip
    others = [p for p in back.passenger_ids if p != person.id]
    travel.set_passengers(demo_workspace, back.id, others)
    [missing] = _of(check_trip(demo_workspace, trip_id), "no_return")
    assert (missing.target_id, missing.severity) == (person.id, "warning")
    assert missing.message == "Solène Dupré has no return travel."


def test_capacity_dates_and_travel_time(demo_workspace, trip_id):
    ccdcoe = _item(demo_workspace, trip_id, "Visit to the NATO Cyber Defence Centre of Excellence")
    agenda.update_item(
        demo_workspace, ccdcoe.id, None,
        replace(ccdcoe.details, capacity=20, group_codes=("A",)),
    )  # fmt: skip
    lunch = _item(demo_workspace, trip_id, "Lunch on site at the briefing centre")
    # The visit now starts as lunch ends, 2.2 km away.
    agenda.update_item(
        demo_workspace, ccdcoe.id, None,
        replace(ccdcoe.details, capacity=20, start_time=time(14, 5), end_time=time(16, 0)),
    )  # fmt: skip
    report = check_trip(demo_workspace, trip_id)
    [full] = _of(report, "capacity")
    assert "27 confirmed participants" in full.message and "20" in full.message
    [journey] = _of(report, "travel_time")
    assert journey.severity == "blocking"
    assert journey.target_id == ccdcoe.id
    assert "Only 5 min" in journey.message
    assert lunch.details.title_en in journey.message
    agenda.update_item(
        demo_workspace, lunch.id, None, replace(lunch.details, day=date(2023, 5, 12))
    )
    [outside] = _of(check_trip(demo_workspace, trip_id), "outside_trip")
    assert outside.target_id == lunch.id


def test_cancelled_items_are_not_checked(demo_workspace, trip_id):
    taltech = _item(demo_workspace, trip_id, "Visit to the TalTech AI lab")
    agenda.update_item(
        demo_workspace, taltech.id, None,
        replace(taltech.details, day=date(2023, 5, 20), status=AgendaStatus.CANCELLED),
    )  # fmt: skip
    assert check_trip(demo_workspace, trip_id).blocking == 0


def test_a_coach_during_a_visit(demo_workspace, trip_id):
    person = _person(demo_workspace, trip_id, "Solène")
    coach = travel.save_segment(
        demo_workspace, trip_id, None, None,
        SegmentDetails("Hotel", "Europe/Tallinn", datetime(2023, 5, 9, 10, 30), "Tartu",
                       "Europe/Tallinn", datetime(2023, 5, 9, 13, 0),
                       direction=TravelDirection.LOCAL, carrier="Lux Express"),
    )  # fmt: skip
    travel.set_passengers(demo_workspace, coach.id, [person.id])
    clashes = _of(check_trip(demo_workspace, trip_id), "overlap")
    assert {(c.target_kind, c.target_id) for c in clashes} == {("segment", coach.id)}
    assert all("Lux Express" in c.message and "Solène Dupré" in c.message for c in clashes)


def test_an_unknown_trip(demo_workspace):
    with pytest.raises(NotFoundError, match="unknown trip: nowhere"):
        check_trip(demo_workspace, "nowhere")


def test_a_leg_within_one_zone_across_the_spring_change_lasts_real_time():
    night_coach = SegmentDetails(
        "Paris", "Europe/Paris", datetime(2023, 3, 26, 1, 30),
        "Lyon", "Europe/Paris", datetime(2023, 3, 26, 4, 30),
    )  # fmt: skip
    assert night_coach.duration.total_seconds() == 2 * 3600


def test_a_gala_dinner_past_midnight_clashes_with_a_night_visit(demo_workspace, trip_id):
    dinner = agenda.add_item(
        demo_workspace, trip_id,
        AgendaItemDetails(day=date(2023, 5, 8), start_time=time(22, 30), end_time=time(1, 30),
                          title_en="Gala dinner"),
    )  # fmt: skip
    night = agenda.add_item(
        demo_workspace, trip_id,
        AgendaItemDetails(day=date(2023, 5, 9), start_time=time(0, 30), end_time=time(1, 0),
                          title_en="Old town by night"),
    )  # fmt: skip
    report = check_trip(demo_workspace, trip_id)
    assert not _of(report, "ends_before_start")
    [clash] = _of(report, "overlap")
    assert clash.target_id == night.id
    assert "“Gala dinner” (8 May, 22:30–01:30 (+1)) and “Old town by night”" in clash.message
    assert dinner.id not in {f.target_id for f in report.findings if f.rule != "overlap"}


def test_an_item_at_a_time_the_clocks_skip_is_reported(workspace):
    trip = add_trip(
        workspace,
        NewTrip("paris-2024", "Paris", "Paris", "FR", date(2024, 3, 29), date(2024, 4, 1),
                timezone="Europe/Paris"),
    )  # fmt: skip
    row = agenda.add_item(
        workspace, trip.id,
        AgendaItemDetails(day=date(2024, 3, 31), start_time=time(3), end_time=time(4),
                          title_en="Night walk"),
    )  # fmt: skip
    with workspace.transaction() as session:  # saved by an older version, before the check
        session.get(AgendaItem, row.id).start_time = time(2, 30)
    [skipped] = _of(check_trip(workspace, trip.id), "skipped_time")
    assert (skipped.severity, skipped.target_id) == ("blocking", row.id)
    assert skipped.message == (
        "“Night walk” (31 Mar, 02:30–04:00): 02:30 does not exist on 31/03/2024 in this trip’s"
        " time zone: clocks go forward from 02:00 to 03:00; the next valid time is 03:00."
    )


def test_a_check_kept_up_to_date_finds_what_a_whole_check_finds(demo_workspace, trip_id):
    """After edits of a few participants only they are read again, and the findings are
    those of a check reading the whole trip: about whom, in which order, in what words."""
    from delegation.services.changes import Changes, Kind
    from delegation.services.readiness import TripCheck

    kept = TripCheck(demo_workspace, trip_id)
    assert kept.run() == check_trip(demo_workspace, trip_id)
    offer = kept.run().findings[0]
    registrations.set_status(demo_workspace, [offer.promote_id], ParticipantStatus.CONFIRMED)
    after = kept.run(Changes.of(trip_id, Kind.PARTICIPANT, [offer.promote_id]))
    assert after == check_trip(demo_workspace, trip_id)
    assert after.findings != (offer,)
    gone = _person(demo_workspace, trip_id, "Pierre-Étienne")
    participants.remove_participant(demo_workspace, gone.id)
    after = kept.run(Changes.of(trip_id, Kind.PARTICIPANT, [gone.id]))
    assert after == check_trip(demo_workspace, trip_id)
    assert "Pierre-Étienne" not in " ".join(finding.message for finding in after.findings)
