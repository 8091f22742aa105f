"""Hotels, rooms and travel legs: edits and their exact undo."""

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from delegation.domain.enums import RoomType, TravelMode
from delegation.domain.errors import ConflictError, ValidationError
from delegation.services import hotels, travel
from delegation.services.hotels import HotelDetails
from delegation.services.travel import SegmentDetails
from delegation.services.trips import find_trip


@pytest.fixture
def trip_id(demo_workspace) -> int:
    return find_trip(demo_workspace, "tallinn-2023").id


def test_rooms_with_their_occupants(demo_workspace, trip_id):
    [telegraaf] = hotels.list_hotels(demo_workspace, trip_id)
    assert telegraaf.name == "Hotel Telegraaf"
    twins = [room for room in telegraaf.rooms if room.room_type == RoomType.TWIN]
    assert all(len(room.occupants) == 2 for room in twins)


def test_hotel_edit_checks_dates_and_versions(demo_workspace, trip_id):
    [telegraaf] = hotels.list_hotels(demo_workspace, trip_id)
    with pytest.raises(ValidationError, match="ends before it starts"):
        hotels.save_hotel(
            demo_workspace, trip_id, telegraaf.id, telegraaf.version,
            replace(telegraaf.details, check_out=date(2023, 5, 1)),
        )  # fmt: skip
    changed = hotels.save_hotel(
        demo_workspace, trip_id, telegraaf.id, telegraaf.version,
        replace(telegraaf.details, phone="+372 600 0601"),
    )  # fmt: skip
    assert changed.details.phone == "+372 600 0601"
    with pytest.raises(ConflictError):
        hotels.save_hotel(
            demo_workspace, trip_id, telegraaf.id, telegraaf.version, telegraaf.details
        )


def test_removing_rooms_unassigns_and_restoring_reassigns(demo_workspace, trip_id):
    [telegraaf] = hotels.list_hotels(demo_workspace, trip_id)
    room = telegraaf.rooms[0]
    removed = hotels.remove_rooms(demo_workspace, [room.id])
    [after] = hotels.list_hotels(demo_workspace, trip_id)
    assert len(after.rooms) == len(telegraaf.rooms) - 1
    hotels.restore_rooms(demo_workspace, removed)
    [back] = hotels.list_hotels(demo_workspace, trip_id)
    assert back.rooms == telegraaf.rooms


def test_rooms_in_a_run_and_no_duplicates(demo_workspace, trip_id):
    new = hotels.save_hotel(
        demo_workspace, trip_id, None, None, HotelDetails(name="Hotel Kalev Spa")
    )
    ids = hotels.add_rooms(demo_workspace, new.id, ["301", "302", "303"], RoomType.TWIN, 2)
    assert len(ids) == 3
    with pytest.raises(ValidationError, match="exist already: 302"):
        hotels.add_rooms(demo_workspace, new.id, ["302", "304"], RoomType.SINGLE, 1)
    removed = hotels.remove_hotel(demo_workspace, new.id)
    assert len(hotels.list_hotels(demo_workspace, trip_id)) == 1
    hotels.restore_hotel(demo_workspace, removed)
    restored = next(h for h in hotels.list_hotels(demo_workspace, trip_id) if h.id == new.id)
    assert [room.label for room in restored.rooms] == ["301", "302", "303"]


def test_a_leg_takes_its_duration_from_both_zones(demo_workspace, trip_id):
    details = SegmentDetails(
        departure_place="Paris-Charles de Gaulle",
        departure_timezone="Europe/Paris",
        departure_at=datetime(2023, 5, 7, 8, 5),
        arrival_place="Tallinn",
        arrival_timezone="Europe/Tallinn",
        arrival_at=datetime(2023, 5, 7, 11, 40),
        mode=TravelMode.FLIGHT,
    )
    assert details.duration == timedelta(hours=2, minutes=35)
    backwards = replace(details, arrival_at=datetime(2023, 5, 7, 9, 0))  # 08:00 in Paris
    assert [p.field for p in travel.validate_segment(backwards)] == ["arrival_at"]
    unknown = replace(details, arrival_timezone="Europe/Tallin")
    assert [p.field for p in travel.validate_segment(unknown)] == ["arrival_timezone"]


def test_passengers_and_removal_undo(demo_workspace, trip_id):
    segments = travel.list_segments(demo_workspace, trip_id)
    flight = next(s for s in segments if s.details.number == "AF1125")
    group_a = travel.confirmed_ids(demo_workspace, trip_id, "A")
    before = travel.set_passengers(demo_workspace, flight.id, group_a)
    assert list(before) == list(flight.passenger_ids)
    changed = next(s for s in travel.list_segments(demo_workspace, trip_id) if s.id == flight.id)
    assert changed.passenger_count == len(group_a)
    travel.set_passengers(demo_workspace, flight.id, before)
    removed = travel.remove_segment(demo_workspace, flight.id)
    travel.restore_segment(demo_workspace, removed)
    back = next(s for s in travel.list_segments(demo_workspace, trip_id) if s.id == flight.id)
    assert back.details == flight.details
    assert back.passenger_ids == flight.passenger_ids


def test_the_rooms_an_editor_offers_are_those_of_the_hotels_with_their_guests(demo_workspace):
    trip_id = find_trip(demo_workspace, "tallinn-2023").id
    listed = [room for hotel in hotels.list_hotels(demo_workspace, trip_id) for room in hotel.rooms]
    rooms = hotels.list_rooms(demo_workspace, trip_id)
    assert rooms == listed
    assert any(len(room.occupants) == 2 for room in rooms)
