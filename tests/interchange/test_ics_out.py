"""iCalendar export read back with icalendar's parser, and with vobject's."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import vobject
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
    sequence=3,
    last_modified=datetime(2023, 5, 2, 14, 30, 15),  # naive: UTC, as the database keeps it
    geo=(59.4209, 24.8049),
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


def test_sequence_last_modified_and_geo(calendar):
    event = _event(calendar, "agenda-42@delegation")
    assert event.decoded("SEQUENCE") == 3
    assert event.decoded("LAST-MODIFIED") == datetime(2023, 5, 2, 14, 30, 15, tzinfo=UTC)
    assert (event["GEO"].latitude, event["GEO"].longitude) == (59.4209, 24.8049)
    plain = _event(calendar, "agenda-43@delegation")
    assert plain.decoded("SEQUENCE") == 0  # written even when nothing changed yet
    assert "LAST-MODIFIED" not in plain and "GEO" not in plain


def test_an_aware_last_modified_is_said_in_utc(tmp_path):
    target = tmp_path / "one.ics"
    moment = datetime(2023, 5, 2, 16, 30, tzinfo=ZoneInfo("Europe/Paris"))
    write_ics(target, "T", "Europe/Tallinn", [replace(BEFORE_DST, last_modified=moment)])
    [event] = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert "LAST-MODIFIED:20230502T143000Z" in event.to_ical().decode()


def test_a_cancelled_event_says_so(tmp_path):
    target = tmp_path / "cancelled.ics"
    write_ics(target, "T", "Europe/Tallinn", [replace(VISIT, status="cancelled", sequence=4)])
    [event] = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert (str(event["STATUS"]), event.decoded("SEQUENCE")) == ("CANCELLED", 4)


def test_vobject_reads_the_same_events(written):
    parsed = vobject.readOne(written.decode("utf-8"))
    events = {event.uid.value: event for event in parsed.vevent_list}
    assert sorted(events) == [f"agenda-4{n}@delegation" for n in (2, 3, 4, 5)]
    visit = events["agenda-42@delegation"]
    assert int(visit.sequence.value) == 3
    assert visit.dtstart.value.astimezone(UTC) == datetime(2023, 5, 8, 6, 0, tzinfo=UTC)
    assert visit.dtend.value.astimezone(UTC) == datetime(2023, 5, 8, 7, 30, tzinfo=UTC)
    assert visit.last_modified.value == datetime(2023, 5, 2, 14, 30, 15, tzinfo=UTC)
    assert visit.geo.value == "59.4209;24.8049"
    assert visit.summary.value == VISIT.summary and visit.location.value == VISIT.location
    flight = events["agenda-45@delegation"]
    assert flight.dtstart.value.astimezone(UTC) == datetime(2023, 5, 7, 5, 15, tzinfo=UTC)
    # Across the spring change, vobject reads our VTIMEZONE (not its own zone data) alike.
    after = events["agenda-44@delegation"].dtstart.value
    assert after.astimezone(UTC) == datetime(2023, 3, 27, 6, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "wrong, message",
    [({"sequence": -1}, "negative sequence"), ({"geo": (91.0, 24.8)}, "no place on Earth")],
)
def test_a_wrong_sequence_or_place_is_refused(tmp_path, wrong, message):
    target = tmp_path / "wrong.ics"
    with pytest.raises(ValueError, match=message):
        write_ics(target, "T", "Europe/Tallinn", [replace(VISIT, **wrong)])
    assert not target.exists()


def test_vobject_reads_each_year_of_a_zone_alike(tmp_path):
    # Summers two years apart: the later ones come from the VTIMEZONE's later onsets, which
    # vobject reads only when each stands on its own RDATE line. (A zone no other test of
    # this run parses: vobject keeps the first VTIMEZONE it reads under a TZID.)
    target = tmp_path / "years.ics"
    summers = [
        CalendarEvent(f"summer-{year}", datetime(year, 7, 1, 12), None, "Vasara")
        for year in (2023, 2024, 2025)
    ]
    write_ics(target, "T", "Europe/Vilnius", summers)
    text = target.read_text(encoding="utf-8")
    rdates = [line for line in text.splitlines() if line.startswith("RDATE")]
    assert len(rdates) >= 4 and not any("," in line for line in rdates)
    read = vobject.readOne(text).vevent_list
    assert [event.dtstart.value.astimezone(UTC) for event in read] == [
        datetime(year, 7, 1, 9, tzinfo=UTC) for year in (2023, 2024, 2025)
    ]
