"""A gala dinner from 22:30 to 01:30 in every document of the sample delegation: the
itinerary, the visitor list and the calendar say that it ends the next day."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from delegation.domain.enums import AgendaKind
from delegation.i18n import set_language
from delegation.services import agenda, directory
from delegation.services.agenda import AgendaItemDetails
from delegation.services.exports import export_calendar
from delegation.services.itineraries import build_itinerary, export_itinerary
from delegation.services.lists import build_visitor_lists, export_visitor_lists
from delegation.services.trips import find_trip

GALA_DAY = date(2023, 5, 8)


def pdf_text(source) -> str:
    """The pages' text, line breaks as spaces: a cell may wrap."""
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(source).pages)


@pytest.fixture
def gala(demo_workspace) -> agenda.AgendaItemRow:
    trip_id = find_trip(demo_workspace, "tallinn-2023").id
    venue = directory.list_venues(demo_workspace)[0]
    return agenda.add_item(
        demo_workspace, trip_id,
        AgendaItemDetails(day=GALA_DAY, start_time=time(22, 30), end_time=time(1, 30),
                          title_fr="Dîner de gala", title_en="Gala dinner",
                          kind=AgendaKind.RECEPTION, venue_id=venue.id),
    )  # fmt: skip


def test_the_itinerary_marks_the_end_on_the_next_day(demo_workspace, gala, tmp_path):
    itinerary = build_itinerary(demo_workspace, "tallinn-2023", language="en")
    [day] = [d for d in itinerary.days if d.day == GALA_DAY]
    assert day.items[-1].title == "Gala dinner"  # the last of its day, not of the next
    path = tmp_path / "itinerary.pdf"
    export_itinerary(demo_workspace, "tallinn-2023", path, language="en")
    text = pdf_text(path)
    assert "22:30 – 01:30 (+1) Gala dinner" in text


def test_the_visitor_list_marks_the_end_on_the_next_day(demo_workspace, gala, tmp_path):
    visits = build_visitor_lists(demo_workspace, "tallinn-2023").visits
    [visit] = [v for v in visits if v.title == "Gala dinner"]
    assert (visit.start_time, visit.end_time) == (time(22, 30), time(1, 30))
    path = tmp_path / "visitors.pdf"
    export_visitor_lists(demo_workspace, "tallinn-2023", path, language="en")
    assert "Monday 8 May 2023, 22:30–01:30 (+1)" in pdf_text(path)


def test_the_calendar_ends_the_event_on_the_next_day(demo_workspace, gala, tmp_path):
    path = tmp_path / "programme.ics"
    export_calendar(demo_workspace, "tallinn-2023", path)
    calendar = Calendar.from_ical(path.read_bytes())
    [event] = [e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]) == "Gala dinner"]
    tallinn = ZoneInfo("Europe/Tallinn")
    assert event["DTSTART"].dt == datetime(2023, 5, 8, 22, 30, tzinfo=tallinn)
    assert event["DTEND"].dt == datetime(2023, 5, 9, 1, 30, tzinfo=tallinn)
    assert b"DTEND;TZID=Europe/Tallinn:20230509T013000" in path.read_bytes()


def test_the_french_itinerary_too(demo_workspace, gala, tmp_path):
    set_language("fr")
    path = tmp_path / "itineraire.pdf"
    export_itinerary(demo_workspace, "tallinn-2023", path, language="fr")
    assert "22:30 – 01:30 (+1) Dîner de gala" in pdf_text(path)
