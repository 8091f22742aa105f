"""A personal itinerary from door to door: the person's own legs in the days, the clocks
changing on the day they change, and the hours the groups are apart for someone in none.

Tel Aviv, 28 March – 2 April 2024: Israel's clocks go forward on Friday 29 March at 02:00.
"""

from datetime import date, datetime, time

import pytest

from delegation.domain.enums import (
    AgendaKind,
    ParticipantCategory,
    ParticipantStatus,
    TravelMode,
)
from delegation.services.agenda import AgendaItemDetails, add_item
from delegation.services.directory import VenueDetails, save_venue
from delegation.services.groups import GroupDetails, add_group
from delegation.services.itineraries import build_itinerary
from delegation.services.participant_details import ParticipantDetails
from delegation.services.participant_rows import list_participants
from delegation.services.participants import add_participant
from delegation.services.travel import SegmentDetails, save_segment, set_passengers
from delegation.services.trips import NewTrip, add_trip

START, END = date(2024, 3, 28), date(2024, 4, 2)
ZONE = "Asia/Jerusalem"


@pytest.fixture
def trip(workspace):
    trip = add_trip(workspace, NewTrip("tlv-2024", "Tel Aviv", "Tel Aviv", "IL", START, END))
    for code in ("A", "B"):
        add_group(workspace, trip.id, GroupDetails(code, f"Groupe {code}"))
    people = {}
    for key, (last, first, groups, category) in {
        "noa": ("לוי", "Noa", ("A",), ParticipantCategory.ENTREPRENEUR),
        "staff": ("Aubanel", "Émilie", (), ParticipantCategory.STAFF),
    }.items():
        details = ParticipantDetails(
            last, first, email=f"{key}@example.org", status=ParticipantStatus.CONFIRMED,
            category=category, group_codes=groups,
        )  # fmt: skip
        people[key] = add_participant(workspace, trip.id, details).row.id
    items = [
        (date(2024, 3, 28), time(19), time(21), "Dîner d’accueil", "Welcome dinner", ()),
        (date(2024, 3, 29), time(9), time(12), "Visite A", "Visit A", ("A",)),
        (date(2024, 3, 29), time(9, 30), time(11, 30), "Visite B", "Visit B", ("B",)),
        (date(2024, 3, 29), time(12, 30), time(14), "Déjeuner", "Lunch", ()),
    ]
    for day, start, end, french, english, groups in items:
        add_item(workspace, trip.id, AgendaItemDetails(
            day, start, end, title_fr=french, title_en=english, group_codes=groups,
        ))  # fmt: skip
    flight = save_segment(workspace, trip.id, None, None, SegmentDetails(
        "Paris CDG", "Europe/Paris", datetime(2024, 3, 28, 10, 20),
        "Tel Aviv TLV", ZONE, datetime(2024, 3, 28, 15, 5),
        carrier="Air France", number="AF1620",
    ))  # fmt: skip
    ferry = save_segment(workspace, trip.id, None, None, SegmentDetails(
        "Haïfa", ZONE, datetime(2024, 3, 30, 8, 0), "Akko", ZONE, datetime(2024, 3, 30, 9, 30),
        mode=TravelMode.FERRY, carrier="Haifa Ferries",
    ))  # fmt: skip
    set_passengers(workspace, flight.id, [people["noa"]])
    set_passengers(workspace, ferry.id, [people["noa"]])
    return trip


def _day(itinerary, day: date) -> list:
    return next((d.items for d in itinerary.days if d.day == day), ())


def test_the_person_s_own_legs_are_in_their_days_at_local_time(workspace, trip):
    noa = build_itinerary(workspace, "tlv-2024", language="en", participant_email="noa@example.org")
    arrival = [i for i in _day(noa, START) if "AF1620" in i.title]
    assert [(i.start, i.title) for i in arrival] == [
        (time(15, 5), "Arrival: Flight Air France AF1620 from Paris CDG")
    ]
    assert arrival[0].notes == "Leaves Paris CDG at 10:20, local time"
    assert arrival[0].tag == "Your journey"  # not "Whole delegation": the leg is theirs
    ferry = [i for i in _day(noa, date(2024, 3, 30)) if "Akko" in i.title]
    assert [(i.start, i.end) for i in ferry] == [(time(8), time(9, 30))]
    titles = [i.title for i in _day(noa, START)]
    assert titles.index(arrival[0].title) < titles.index("Welcome dinner")  # in time order
    french = build_itinerary(
        workspace, "tlv-2024", language="fr", participant_email="noa@example.org"
    )
    assert any(i.title.startswith("Arrivée : ") for i in _day(french, START))


def test_the_clocks_changing_is_said_on_its_day(workspace, trip):
    for language, words in (("en", "at 02:00 it will be 03:00"), ("fr", "à 02:00, il sera 03:00")):
        whole = build_itinerary(workspace, "tlv-2024", language=language)
        lines = [i.title for i in _day(whole, date(2024, 3, 29)) if words in i.title]
        assert len(lines) == 1, [i.title for i in _day(whole, date(2024, 3, 29))]
        assert not any(
            words in i.title for d in whole.days for i in d.items if d.day != date(2024, 3, 29)
        )


def test_someone_in_no_group_is_told_what_the_groups_do_meanwhile(workspace, trip):
    staff = build_itinerary(
        workspace, "tlv-2024", language="en", participant_email="staff@example.org"
    )
    apart = [i for i in _day(staff, date(2024, 3, 29)) if i.title.startswith("Free time")]
    assert [(i.start, i.end) for i in apart] == [(time(9), time(12))]
    assert "Groupe A" in apart[0].title and "Groupe B" in apart[0].title
    noa = build_itinerary(workspace, "tlv-2024", language="en", participant_email="noa@example.org")
    assert not any(i.title.startswith("Free time") for d in noa.days for i in d.items)


@pytest.fixture
def transfer(workspace, trip):
    """The delegation lands on LY318 at 13:00 (two people) and a coach takes it from the
    airport at 13:30 to the hotel, where the welcome starts at 15:00."""
    sam = add_participant(workspace, trip.id, ParticipantDetails(
        "Benhamou", "Sam", email="sam@example.org", status=ParticipantStatus.CONFIRMED,
        category=ParticipantCategory.ENTREPRENEUR, group_codes=("A",),
    ))  # fmt: skip
    staff = next(r.id for r in list_participants(workspace, trip.id) if not r.details.group_codes)
    main = save_segment(workspace, trip.id, None, None, SegmentDetails(
        "Paris CDG", "Europe/Paris", datetime(2024, 3, 28, 8, 0),
        "Tel Aviv TLV", ZONE, datetime(2024, 3, 28, 13, 0), carrier="El Al", number="LY318",
    ))  # fmt: skip
    set_passengers(workspace, main.id, [sam.row.id, staff])
    airport = save_venue(workspace, None, None, VenueDetails("Aéroport Ben Gourion")).id
    hotel = save_venue(workspace, None, None, VenueDetails("Hôtel Dan Tel Aviv")).id
    for start, end, french, english, kind, venue in (
        (time(13, 30), time(14, 30), "Transfert aéroport → hôtel",
         "Coach transfer: airport → hotel", AgendaKind.TRANSPORT, airport),
        (time(15), time(16), "Accueil à l’hôtel", "Welcome at the hotel", AgendaKind.MEAL, hotel),
    ):  # fmt: skip
        add_item(workspace, trip.id, AgendaItemDetails(
            START, start, end, title_fr=french, title_en=english, kind=kind, venue_id=venue,
        ))  # fmt: skip
    return trip


def test_someone_landing_after_the_transfer_is_told_where_to_join(workspace, transfer):
    # Noa lands at 15:05 on her own flight: the coach left at 13:30.
    noa = build_itinerary(workspace, "tlv-2024", language="en", participant_email="noa@example.org")
    day = [(i.start, i.title) for i in _day(noa, START)]
    assert (time(13, 30), "Coach transfer: airport → hotel") not in day
    meeting = next(i for i in _day(noa, START) if i.title.startswith("Meeting point"))
    assert meeting.title == "Meeting point: Hôtel Dan Tel Aviv"
    assert (meeting.start, meeting.tag) == (time(15), "Your journey")
    assert meeting.notes == (
        "The delegation’s transfer leaves Aéroport Ben Gourion at 13:30; "
        "you arrive at Tel Aviv TLV at 15:05."
    )
    titles = [title for _start, title in day]
    assert titles.index(meeting.title) == titles.index("Welcome at the hotel") - 1
    french = build_itinerary(
        workspace, "tlv-2024", language="fr", participant_email="noa@example.org"
    )
    assert "Point de rendez-vous : Hôtel Dan Tel Aviv" in [i.title for i in _day(french, START)]


def test_those_on_the_delegation_s_flight_keep_the_transfer(workspace, transfer):
    sam = build_itinerary(workspace, "tlv-2024", language="en", participant_email="sam@example.org")
    titles = [i.title for i in _day(sam, START)]
    assert "Coach transfer: airport → hotel" in titles
    assert not any(title.startswith("Meeting point") for title in titles)
    whole = build_itinerary(workspace, "tlv-2024", language="en")  # the delegation's own
    assert "Coach transfer: airport → hotel" in [i.title for i in _day(whole, START)]
