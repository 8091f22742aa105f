"""iCalendar export read back with icalendar's parser."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from delegation.interchange.ics_out import CalendarEvent, write_ics

VISIT = CalendarEvent(
    uid="agenda-42@delegation",
    start=datetime(2023, 5, 8, 9, 0),
    end=datetime(2023, 5, 8, 10, 30),
    summary="Visite du e-Estonia Briefing Centre, présentée par Tõnis Järvelill et Élodie Nicolaï",
    location="Tallinn, Lõõtsa 2",
    description="Accueil; puis questions.\nDeuxième ligne",
    status="CONFIRMED",
)
BEFORE_DST = CalendarEvent("agenda-43@delegation", datetime(2023, 3, 25, 9), None, "Avant")
AFTER_DST = CalendarEvent("agenda-44@delegation", datetime(2023, 3, 27, 9), None, "Après")
IN_PARIS = CalendarEvent(
    "agenda-45@delegation",
    datetime(2023, 5, 7, 7, 15),
    datetime(2023, 5, 7, 9, 0),
    "Vol AF1234",
    status="tentative",
    timezone="Europe/Paris",
)


@pytest.fixture
def written(tmp_path):
    target = tmp_path / "programme.ics"
    write_ics(target, "Tallinn 2023", "Europe/Tallinn", [VISIT, BEFORE_DST, AFTER_DST, IN_PARIS])
    return target.read_bytes()


@pytest.fixture
def calendar(written):
    return Calendar.from_ical(written)


def _event(calendar, uid):
    return next(event for event in calendar.walk("VEVENT") if str(event["UID"]) == uid)


def test_calendar_header(calendar):
    assert str(calendar["PRODID"]) == "-//Delegation//Delegation//EN"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == "Tallinn 2023"
    assert str(calendar["X-WR-TIMEZONE"]) == "Europe/Tallinn"


def test_one_vtimezone_per_zone_used(calendar):
    assert sorted(str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")) == [
        "Europe/Paris",
        "Europe/Tallinn",
    ]


def test_a_nine_oclock_visit_is_nine_in_tallinn(calendar):
    event = _event(calendar, "agenda-42@delegation")
    assert event["DTSTART"].params["TZID"] == "Europe/Tallinn"
    start = event.decoded("DTSTART")
    assert start.replace(tzinfo=None) == datetime(2023, 5, 8, 9, 0)
    assert start.astimezone(UTC) == datetime(2023, 5, 8, 6, 0, tzinfo=UTC)
    assert event.decoded("DTEND").astimezone(UTC) == datetime(2023, 5, 8, 7, 30, tzinfo=UTC)


def test_times_across_the_spring_change(calendar):
    before = _event(calendar, "agenda-43@delegation").decoded("DTSTART")
    after = _event(calendar, "agenda-44@delegation").decoded("DTSTART")
    assert before.astimezone(UTC) == datetime(2023, 3, 25, 7, 0, tzinfo=UTC)
    assert after.astimezone(UTC) == datetime(2023, 3, 27, 6, 0, tzinfo=UTC)
    assert "DTEND" not in _event(calendar, "agenda-43@delegation")


def test_an_event_in_its_own_zone(calendar):
    flight = _event(calendar, "agenda-45@delegation")
    assert flight["DTSTART"].params["TZID"] == "Europe/Paris"
    assert flight.decoded("DTSTART").astimezone(UTC) == datetime(2023, 5, 7, 5, 15, tzinfo=UTC)
    assert str(flight["STATUS"]) == "TENTATIVE"


def test_texts_and_stamp(calendar):
    event = _event(calendar, "agenda-42@delegation")
    assert str(event["SUMMARY"]) == VISIT.summary
    assert str(event["LOCATION"]) == VISIT.location
    assert str(event["DESCRIPTION"]) == VISIT.description
    assert str(event["STATUS"]) == "CONFIRMED"
    stamp = event.decoded("DTSTAMP")
    assert stamp.utcoffset() == timedelta(0)
    assert abs(datetime.now(UTC) - stamp) < timedelta(minutes=5)


def test_lines_are_folded_to_75_octets(written):
    lines = written.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # the long summary was folded


def test_vtimezone_onsets_match_the_zone_database(calendar):
    # A program that trusts our VTIMEZONE rather than its own zone data must change clocks at
    # the same instant: RFC 5545 reads an onset as DTSTART in the TZOFFSETFROM offset.
    for component in calendar.walk("VTIMEZONE"):
        zone = ZoneInfo(str(component["TZID"]))
        for observance in component.walk():
            if observance.name not in ("STANDARD", "DAYLIGHT"):
                continue
            before, after = observance.TZOFFSETFROM, observance.TZOFFSETTO
            if before == after:
                continue
            rdates = observance.get("RDATE", [])
            rdates = rdates if isinstance(rdates, list) else [rdates]
            onsets = [observance.DTSTART] + [leaf.dt for rdate in rdates for leaf in rdate.dts]
            for onset in onsets:
                instant = (onset - before).replace(tzinfo=UTC)
                assert (instant - timedelta(seconds=1)).astimezone(zone).utcoffset() == before
                assert instant.astimezone(zone).utcoffset() == after


def test_tallinn_changes_clocks_at_three_in_spring(calendar):
    tallinn = next(z for z in calendar.walk("VTIMEZONE") if str(z["TZID"]) == "Europe/Tallinn")
    daylight = next(iter(tallinn.walk("DAYLIGHT")))
    assert daylight.DTSTART.time().hour == 3  # 03:00 EET, i.e. 01:00 UTC


def test_bad_input_is_refused_before_writing(tmp_path):
    target = tmp_path / "programme.ics"
    with pytest.raises(ValueError, match="time zone"):
        write_ics(target, "T", "Europe/Atlantis", [VISIT])
    backwards = CalendarEvent("x", datetime(2023, 5, 8, 10), datetime(2023, 5, 8, 9), "x")
    with pytest.raises(ValueError, match="ends before"):
        write_ics(target, "T", "Europe/Tallinn", [backwards])
    assert not target.exists()
