"""A time the clocks repeat (the night they go back): the first occurrence unless the
organiser says the second, in the checks, the calendar and the itinerary."""

from dataclasses import replace
from datetime import date, time

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from delegation.domain.enums import ParticipantStatus
from delegation.domain.facts import Rule
from delegation.services.agenda import AgendaItemDetails, add_item, list_agenda, update_item
from delegation.services.exports import export_calendar
from delegation.services.itineraries import export_itinerary
from delegation.services.participant_details import ParticipantDetails
from delegation.services.participants import add_participant
from delegation.services.readiness import check_trip
from delegation.services.trips import NewTrip, add_trip

NIGHT = date(2024, 10, 27)  # Tallinn: at 04:00 the clocks go back to 03:00


@pytest.fixture
def trip_id(workspace) -> int:
    new = NewTrip("tallinn-2024", "Nuit de Tallinn", "Tallinn", "EE", date(2024, 10, 26),
                  date(2024, 10, 28))  # fmt: skip
    return add_trip(workspace, new).id


def _item(workspace, trip_id, start, end, title, *, second=False):
    details = AgendaItemDetails(NIGHT, start, end, title_en=title, start_fold=second)
    return add_item(workspace, trip_id, details)


def _overlaps(workspace, trip_id) -> list:
    return [f for f in check_trip(workspace, trip_id).findings if f.rule == Rule.OVERLAP]


def test_the_second_occurrence_is_an_hour_later_for_the_checks(workspace, trip_id):
    add_participant(
        workspace, trip_id, ParticipantDetails("Tamm", status=ParticipantStatus.CONFIRMED)
    )
    _item(workspace, trip_id, time(3, 10), time(3, 50), "Last tram")
    bus = _item(workspace, trip_id, time(3, 20), time(3, 40), "Night bus")
    assert _overlaps(workspace, trip_id)  # both the first 03:xx: at the same time
    update_item(workspace, bus.id, None, replace(bus.details, start_fold=True, end_fold=True))
    assert _overlaps(workspace, trip_id) == []  # the bus runs after the clocks went back


def test_the_second_occurrence_is_kept_only_for_a_time_that_happens_twice(workspace, trip_id):
    kept = _item(workspace, trip_id, time(3, 30), time(5), "Night bus", second=True)
    dropped = _item(workspace, trip_id, time(9), time(10), "Breakfast", second=True)
    stored = {row.id: row.details for row in list_agenda(workspace, trip_id)}
    assert stored[kept.id].start_fold is True and stored[kept.id].end_fold is False
    assert stored[dropped.id].start_fold is False


def test_the_calendar_names_the_second_occurrence_in_utc(workspace, trip_id, tmp_path):
    _item(workspace, trip_id, time(3, 30), time(5), "Night bus", second=True)
    _item(workspace, trip_id, time(3, 30), time(5), "Early bus")
    path = tmp_path / "nuit.ics"
    export_calendar(workspace, trip_id, path)
    events = {str(e["summary"]): e for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")}
    # RFC 5545 reads a repeated local time as its first occurrence: the second is in UTC.
    assert b"DTSTART:20241027T013000Z" in events["Night bus"].to_ical()
    assert b"DTSTART;TZID=Europe/Tallinn:20241027T033000" in events["Early bus"].to_ical()


def test_the_itinerary_says_which_occurrence_is_meant(workspace, trip_id, tmp_path):
    _item(workspace, trip_id, time(3, 30), time(5), "Night bus", second=True)
    path = tmp_path / "itinerary.pdf"
    export_itinerary(workspace, trip_id, path, language="en")
    text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    assert "03:30 after the clocks go back (UTC+2)" in text
