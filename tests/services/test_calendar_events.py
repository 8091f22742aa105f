"""Calendar files that update in place: each item and leg keeps one UID for life, and its
SEQUENCE rises with each change a calendar shows. Every file is read back by icalendar and
by vobject, which must agree."""

import uuid
from dataclasses import replace
from datetime import UTC, date, time, timedelta
from pathlib import Path

import vobject
from icalendar import Calendar

from delegation.domain.enums import AgendaStatus
from delegation.services import travel
from delegation.services.agenda import (
    AgendaItemDetails,
    AgendaItemRow,
    add_item,
    list_agenda,
    remove_item,
    restore_item,
    shifted,
    update_item,
)
from delegation.services.agenda_import_planning import plan_agenda_import
from delegation.services.agenda_import_writing import (
    apply_agenda_import,
    redo_agenda_import,
    undo_agenda_import,
)
from delegation.services.demo import load_demo
from delegation.services.directory import list_venues, save_venue
from delegation.services.exports import export_calendar
from delegation.services.made_trips import remove_new_trip, restore_trip
from delegation.services.trip_copies import duplicate_trip
from delegation.services.trips import find_trip, update_trip
from delegation.services.workspace import open_workspace

TRIP = "tallinn-2023"
NATO = "Visit to the NATO Cyber Defence Centre of Excellence"
SOLENE = "solene.dupre@uem.example"  # in group A, on the Air France flights out and back
RETURN_FLIGHT = "AF1125"


def _events(path: Path) -> dict:
    """The file's events by UID as icalendar reads them, once vobject has read the same
    UIDs, SEQUENCEs and DTSTART instants."""
    text = path.read_text(encoding="utf-8")
    read = {str(e["UID"]): e for e in Calendar.from_ical(text).walk("VEVENT")}
    other = {e.uid.value: e for e in vobject.readOne(text).vevent_list}
    assert sorted(other) == sorted(read) and len(read) == text.count("BEGIN:VEVENT")
    for uid, event in read.items():
        assert int(other[uid].sequence.value) == event.decoded("SEQUENCE")
        assert other[uid].dtstart.value.astimezone(UTC) == event.decoded("DTSTART").astimezone(UTC)
    return read


def _export(workspace, path: Path, trip=TRIP, **options) -> dict:
    export_calendar(workspace, trip, path, **options)
    return _events(path)


def _item(workspace, title: str = NATO) -> AgendaItemRow:
    trip_id = find_trip(workspace, TRIP).id
    return next(r for r in list_agenda(workspace, trip_id) if r.details.title_en == title)


def _edit(workspace, row: AgendaItemRow, **changes) -> AgendaItemRow:
    return update_item(workspace, row.id, row.version, replace(row.details, **changes))


def test_two_trips_in_two_databases_share_no_uid(demo_workspace, tmp_path):
    other = open_workspace(str(tmp_path / "other.sqlite3"))
    try:
        load_demo(other)  # the same sample: the same ids in both databases
        for options in ({}, {"participant": SOLENE}):
            here = _export(demo_workspace, tmp_path / "here.ics", **options)
            there = _export(other, tmp_path / "there.ics", **options)
            assert len(here) == len(there) > 0 and not set(here) & set(there)
            assert all(uuid.UUID(uid).version == 4 for uid in (*here, *there))
    finally:
        other.close()


def test_moving_an_item_keeps_its_uid_and_raises_its_sequence(demo_workspace, tmp_path):
    item = _item(demo_workspace)
    before = _export(demo_workspace, tmp_path / "before.ics")
    old = before[item.calendar.uid]
    assert old.decoded("SEQUENCE") == 0
    moved = update_item(demo_workspace, item.id, item.version, shifted(item.details, 60))
    after = _export(demo_workspace, tmp_path / "after.ics")
    assert set(after) == set(before)  # the same events, none added
    new = after[item.calendar.uid]
    assert new.decoded("SEQUENCE") == moved.calendar.sequence == 1
    assert new.decoded("DTSTART") - old.decoded("DTSTART") == timedelta(hours=1)
    assert new.decoded("LAST-MODIFIED") >= old.decoded("LAST-MODIFIED")
    unmoved = [uid for uid in after if uid != item.calendar.uid]
    assert all(after[uid].decoded("SEQUENCE") == 0 for uid in unmoved)


def test_an_edit_the_calendar_does_not_show_keeps_the_sequence(demo_workspace, tmp_path):
    item = _item(demo_workspace)
    edited = _edit(demo_workspace, item, internal_notes="Badge list sent", capacity=30)
    assert edited.version > item.version
    assert (edited.calendar.uid, edited.calendar.sequence) == (item.calendar.uid, 0)
    for field, value in (("title_fr", "Visite du CCDCOE"), ("notes_en", "Bring passports")):
        edited = _edit(demo_workspace, edited, **{field: value})
    assert edited.calendar.sequence == 2
    event = _export(demo_workspace, tmp_path / "programme.ics")[item.calendar.uid]
    assert event.decoded("SEQUENCE") == 2 and "Bring passports" in str(event["DESCRIPTION"])


def test_a_cancelled_item_stays_in_the_files_marked_cancelled(demo_workspace, tmp_path):
    item = _item(demo_workspace)
    assert item.details.group_codes == ("A",)
    before = _export(demo_workspace, tmp_path / "solene.ics", participant=SOLENE)
    assert str(before[item.calendar.uid]["STATUS"]) == "CONFIRMED"
    _edit(demo_workspace, item, status=AgendaStatus.CANCELLED)
    for options in ({}, {"participant": SOLENE}):
        event = _export(demo_workspace, tmp_path / "after.ics", **options)[item.calendar.uid]
        assert str(event["STATUS"]) == "CANCELLED"
        assert event.decoded("SEQUENCE") == before[item.calendar.uid].decoded("SEQUENCE") + 1


def test_geo_comes_from_the_venue_and_a_venue_change_raises_the_sequence(demo_workspace, tmp_path):
    item = _item(demo_workspace)
    venue = next(v for v in list_venues(demo_workspace) if v.id == item.details.venue_id)
    assert venue.details.latitude is not None
    events = _export(demo_workspace, tmp_path / "programme.ics")
    geo = events[item.calendar.uid]["GEO"]
    assert (geo.latitude, geo.longitude) == (venue.details.latitude, venue.details.longitude)
    others = [r for r in list_agenda(demo_workspace, item.trip_id) if r.details.venue_id is None]
    assert all("GEO" not in events[r.calendar.uid] for r in others)

    venue = save_venue(
        demo_workspace,
        venue.id,
        venue.version,
        replace(venue.details, address="Filtri tee 12, Tallinn", latitude=59.4301),
    )
    event = _export(demo_workspace, tmp_path / "moved.ics")[item.calendar.uid]
    assert event.decoded("SEQUENCE") == 1 and "Filtri tee 12" in str(event["LOCATION"])
    assert event["GEO"].latitude == 59.4301
    again = _item(demo_workspace)
    assert again.version == item.version  # an open editor of the item is not refused
    save_venue(
        demo_workspace, venue.id, venue.version, replace(venue.details, contact_phone="+372 600")
    )
    assert _item(demo_workspace).calendar.sequence == 1  # not shown in the calendar


def test_a_new_zone_for_the_trip_raises_every_items_sequence(demo_workspace):
    trip = find_trip(demo_workspace, TRIP)
    update_trip(demo_workspace, trip.id, None, {"timezone": "Europe/Helsinki"})
    assert {r.calendar.sequence for r in list_agenda(demo_workspace, trip.id)} == {1}
    update_trip(demo_workspace, trip.id, None, {"notes": "Bring coats"})
    assert {r.calendar.sequence for r in list_agenda(demo_workspace, trip.id)} == {1}


def test_a_programme_moved_with_the_trip_raises_every_items_sequence(demo_workspace):
    trip = find_trip(demo_workspace, TRIP)
    update_trip(
        demo_workspace,
        trip.id,
        None,
        {"start_date": date(2023, 5, 14), "end_date": date(2023, 5, 17)},
        move_programme=True,
    )
    rows = list_agenda(demo_workspace, trip.id)
    assert rows[0].details.day == date(2023, 5, 14)
    assert {r.calendar.sequence for r in rows} == {1}


def test_duplicate_as_template_gives_new_uids_and_its_redo_the_same(demo_workspace, tmp_path):
    original = _export(demo_workspace, tmp_path / "2023.ics")
    copy = duplicate_trip(demo_workspace, TRIP, "tallinn-2024", "Tallinn 2024", date(2024, 5, 5))
    copied = _export(demo_workspace, tmp_path / "2024.ics", trip=copy.trip.key)
    assert len(copied) == len(original) and not set(copied) & set(original)
    assert all(event.decoded("SEQUENCE") == 0 for event in copied.values())
    restore_trip(demo_workspace, remove_new_trip(demo_workspace, copy.records))
    redone = _export(demo_workspace, tmp_path / "redo.ics", trip=copy.trip.key)
    assert {uid: event.decoded("SEQUENCE") for uid, event in redone.items()} == {
        uid: event.decoded("SEQUENCE") for uid, event in copied.items()
    }
    assert set(_export(demo_workspace, tmp_path / "2023.ics")) == set(original)


def test_undoing_a_removal_or_an_addition_gives_the_item_its_uid_back(demo_workspace, tmp_path):
    item = _edit(demo_workspace, _item(demo_workspace), title_en="Visit to the CCDCOE")
    removed = remove_item(demo_workspace, item.id)
    assert item.calendar.uid not in _export(demo_workspace, tmp_path / "without.ics")
    back = restore_item(demo_workspace, removed)
    assert (back.calendar.uid, back.calendar.sequence) == (item.calendar.uid, 1)
    assert (
        _export(demo_workspace, tmp_path / "back.ics")[item.calendar.uid].decoded("SEQUENCE") == 1
    )

    new = add_item(
        demo_workspace,
        item.trip_id,
        AgendaItemDetails(day=date(2023, 5, 9), start_time=time(18), title_en="Sauna"),
    )
    assert uuid.UUID(new.calendar.uid) and new.calendar.uid != item.calendar.uid
    redone = restore_item(demo_workspace, remove_item(demo_workspace, new.id))  # undo, redo
    assert (redone.calendar.uid, redone.calendar.sequence) == (new.calendar.uid, 0)


def test_a_leg_keeps_its_uid_and_counts_the_changes_it_shows(demo_workspace, tmp_path):
    trip_id = find_trip(demo_workspace, TRIP).id
    leg = next(
        s
        for s in travel.list_segments(demo_workspace, trip_id)
        if s.details.number == RETURN_FLIGHT
    )
    events = _export(demo_workspace, tmp_path / "solene.ics", participant=SOLENE)
    assert events[leg.calendar.uid].decoded("SEQUENCE") == 0
    later = replace(
        leg.details,
        departure_at=leg.details.departure_at + timedelta(hours=2),
        arrival_at=leg.details.arrival_at + timedelta(hours=2),
    )
    changed = travel.save_segment(demo_workspace, trip_id, leg.id, leg.version, later)
    assert changed.calendar.uid == leg.calendar.uid and changed.calendar.sequence == 1
    travel.set_passengers(demo_workspace, leg.id, list(leg.passenger_ids))  # not shown
    back = travel.restore_segment(demo_workspace, travel.remove_segment(demo_workspace, leg.id))
    assert (back.calendar.uid, back.calendar.sequence) == (leg.calendar.uid, 1)
    assert back.passenger_ids == leg.passenger_ids
    event = _export(demo_workspace, tmp_path / "again.ics", participant=SOLENE)[leg.calendar.uid]
    assert event.decoded("SEQUENCE") == 1
    assert event.decoded("DTSTART") - events[leg.calendar.uid].decoded("DTSTART") == timedelta(
        hours=2
    )
    assert event.decoded("LAST-MODIFIED") >= events[leg.calendar.uid].decoded("LAST-MODIFIED")


def test_an_import_makes_new_uids_and_its_redo_gives_them_back(demo_workspace, tmp_path):
    trip_id = find_trip(demo_workspace, TRIP).id
    source = tmp_path / "programme.csv"
    source.write_text(
        "Date,Start,End,Title\n2023-05-09,18:00,19:00,Sauna\n2023-05-10,07:30,08:00,Run\n",
        encoding="utf-8",
    )
    result = apply_agenda_import(
        demo_workspace, plan_agenda_import(demo_workspace, trip_id, source)
    )
    made = {
        r.id: r.calendar.uid
        for r in list_agenda(demo_workspace, trip_id)
        if r.id in result.item_ids
    }
    assert (
        len(set(made.values())) == 2 and tuple(made[i] for i in result.item_ids) == result.item_uids
    )
    undo_agenda_import(demo_workspace, result)
    redone = redo_agenda_import(demo_workspace, result)
    assert redone.item_uids == result.item_uids
    again = {r.id: r.calendar.uid for r in list_agenda(demo_workspace, trip_id) if r.id in made}
    assert again == made
