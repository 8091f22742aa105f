"""Itineraries: the delegation's, or one participant's (one per confirmed participant:
itinerary_batch.py).

The trip is read once (itinerary_data.py); each itinerary is cut from that snapshot as
plain values, then drawn by reports/itinerary.py.
"""

from dataclasses import replace
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import BinaryIO
from zoneinfo import ZoneInfo

from delegation.domain.enums import AgendaStatus, ParticipantStatus
from delegation.domain.errors import NotFoundError, ValidationError
from delegation.domain.rules import full_name, normalize_email
from delegation.domain.scheduling import item_moments, repeated_by, utc_offset
from delegation.i18n import SUPPORTED_LANGUAGES, _, current_language, speaking
from delegation.i18n.formatting import format_utc_offset
from delegation.reports.itinerary import draw_itinerary
from delegation.reports.itinerary_booklet import draw_booklet
from delegation.reports.itinerary_model import (
    Host,
    HotelStay,
    Itinerary,
    ItineraryDay,
    ItineraryItem,
    Place,
    RepeatedTime,
    TravelLeg,
)
from delegation.reports.shared_drawing import SharedDrawing
from delegation.services.itinerary_data import (
    ItemRecord,
    PersonRecord,
    PlaceRecord,
    TripSnapshot,
    read_trip_snapshot,
)
from delegation.services.itinerary_journeys import (
    DayItems,
    apart_items,
    clock_change_items,
    leg_items,
    with_items,
    with_meeting_point,
)
from delegation.services.outputs import checked_output
from delegation.services.workspace import Workspace


def _lines(text: str | None) -> tuple[str, ...]:
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


def _in(language: str, french: str | None, english: str | None) -> str | None:
    """The text in the language asked for, else in the other one."""
    first, second = (french, english) if language == "fr" else (english, french)
    return first or second or None


def _place(record: PlaceRecord) -> Place:
    return Place(
        record.name,
        record.address,
        record.latitude,
        record.longitude,
        record.contact_name,
        record.contact_phone,
    )


def _offset_on(snapshot: TripSnapshot, day) -> int:
    moment = datetime.combine(day, time(12))
    local = utc_offset(moment.replace(tzinfo=ZoneInfo(snapshot.timezone)))
    home = utc_offset(moment.replace(tzinfo=ZoneInfo(snapshot.home_timezone)))
    return int((local - home).total_seconds() // 60)


def _offset_minutes(snapshot: TripSnapshot) -> int:
    return _offset_on(snapshot, snapshot.start)


def _offset_changes(snapshot: TripSnapshot) -> tuple[tuple, ...]:
    """The days the difference with home changes during the trip (clocks changed in one
    place only), with the new difference."""
    changes, previous = [], _offset_minutes(snapshot)
    day = snapshot.start
    while day < snapshot.end:
        day += timedelta(days=1)
        offset = _offset_on(snapshot, day)
        if offset != previous:
            changes.append((day, offset))
            previous = offset
    return tuple(changes)


def _item(record: ItemRecord, snapshot: TripSnapshot, language: str, cache: dict) -> ItineraryItem:
    place = None
    if record.place is not None:
        place = cache.get(id(record.place))
        if place is None:
            place = cache[id(record.place)] = _place(record.place)
    host = None
    if record.host_organization or record.host_name:
        host = Host(
            record.host_organization,
            record.host_name,
            record.host_role,
            record.host_phone,
            record.host_email,
        )
    return ItineraryItem(
        start=record.start,
        end=record.end,
        title=_in(language, record.title_fr, record.title_en) or "",
        kind=record.kind,
        status=record.status,
        place=place,
        host=host,
        groups=tuple(snapshot.groups[g] for g in snapshot.groups if g in record.group_ids),
        notes=_in(language, record.notes_fr, record.notes_en),
        repeated=_repeated(record, snapshot.timezone),
    )


def _repeated(record: ItemRecord, zone: str) -> RepeatedTime | None:
    """The item's first time that the clocks repeat that night, and which one is meant."""
    moments = item_moments(record.day, record.start, record.end)
    for (day, at), second in zip(moments, record.folds, strict=False):
        change = repeated_by(day, at, zone)
        if change is not None:
            offset = change.offset_after if second else change.offset_before
            return RepeatedTime(at, second, format_utc_offset(offset))
    return None


def _days(items: list[ItineraryItem], records: list[ItemRecord], snapshot: TripSnapshot):
    by_day: dict = {}
    for record, item in zip(records, items, strict=True):
        by_day.setdefault(record.day, []).append(item)
    # Every day of the trip has its section, even one with nothing planned yet.
    day = snapshot.start
    while day <= snapshot.end:
        by_day.setdefault(day, [])
        day = day.fromordinal(day.toordinal() + 1)
    return tuple(ItineraryDay(d, tuple(by_day[d])) for d in sorted(by_day))


def _hotel(snapshot: TripSnapshot, hotel_id: int) -> HotelStay:
    hotel = snapshot.hotels[hotel_id]
    place = Place(hotel.name, hotel.address)
    for record in snapshot.items:  # the venue of the same name knows where it is
        if record.place and record.place.name == hotel.name and record.place.latitude is not None:
            place = replace(place, latitude=record.place.latitude, longitude=record.place.longitude)
            break
    return HotelStay(place, hotel.phone, hotel.email, hotel.check_in, hotel.check_out)


class ItineraryBuilder:
    """Cuts itineraries out of one snapshot; cheap to call for each of 500 participants."""

    def __init__(self, snapshot: TripSnapshot) -> None:
        self.snapshot = snapshot
        self._offset = _offset_minutes(snapshot)
        self._hotels = {hotel_id: _hotel(snapshot, hotel_id) for hotel_id in snapshot.hotels}
        self._items: dict[str, list[ItineraryItem]] = {}
        # The day lines the trip gives every itinerary in a language: the clocks changing,
        # and the hours the groups are apart (for whoever is in none).
        self._clock_lines: dict[str, DayItems] = {}
        self._apart_lines: dict[str, DayItems] = {}
        self._room_people: dict[int, list[PersonRecord]] = {}
        self._people: dict[int, PersonRecord] | None = None
        self._drawing = SharedDrawing()
        for person in snapshot.people:
            if person.room_id is not None and person.status != ParticipantStatus.CANCELLED:
                self._room_people.setdefault(person.room_id, []).append(person)

    def _all_items(self, language: str) -> list[ItineraryItem]:
        if language not in self._items:
            cache: dict = {}
            self._items[language] = [
                _item(record, self.snapshot, language, cache) for record in self.snapshot.items
            ]
        return self._items[language]

    def _base(self, language: str) -> Itinerary:
        s = self.snapshot
        return Itinerary(
            language=language,
            trip_title=s.title,
            destination=s.city,
            country=s.country,
            start=s.start,
            end=s.end,
            timezone=s.timezone,
            home_timezone=s.home_timezone,
            home_offset_minutes=self._offset,
            offset_changes=_offset_changes(s),
            currency=s.currency,
            organisers=_lines(s.organisers),
            partners=_lines(s.partners),
            emergency_numbers=_lines(s.emergency_numbers),
            groups=tuple(s.groups.values()),
            logo=s.logo,
        )

    def delegation(self, language: str) -> Itinerary:
        """The whole programme, cancelled items marked, every leg with its passenger count."""
        legs = tuple(_leg(leg, len(leg.passenger_ids)) for leg in self.snapshot.legs)
        days = _days(self._all_items(language), self.snapshot.items, self.snapshot)
        days = with_items(days, self._clocks(language))
        return replace(
            self._base(language),
            hotels=tuple(self._hotels.values()),
            travel=legs,
            days=days,
        )

    def personal(self, person: PersonRecord, language: str) -> Itinerary:
        """Their groups' items and the whole delegation's, their legs, hotel and roommates."""
        mine = set(person.group_ids)
        chosen = [
            (record, item)
            for record, item in zip(self.snapshot.items, self._all_items(language), strict=True)
            if record.status != AgendaStatus.CANCELLED
            and (not record.group_ids or mine.intersection(record.group_ids))
        ]
        days = _days([i for _r, i in chosen], [r for r, _i in chosen], self.snapshot)
        mine_legs = [leg for leg in self.snapshot.legs if person.id in leg.passenger_ids]
        legs = tuple(_leg(leg) for leg in mine_legs)
        zone = self.snapshot.timezone
        with speaking(language):  # door to door: their legs, where they join, the clocks…
            days = with_items(days, leg_items(mine_legs, zone))
            days = with_meeting_point(days, self.snapshot.legs, mine_legs, zone)
        days = with_items(days, self._clocks(language))
        if not mine and self.snapshot.groups:  # staff, or not yet in a group
            days = with_items(days, self._apart(language))
        return replace(
            self._base(language),
            hotels=self._stays(person),
            travel=legs,
            days=days,
            participant=person.full_name,
            accessibility=person.accessibility,
            participant_groups=tuple(
                name for group_id, name in self.snapshot.groups.items() if group_id in mine
            ),
        )

    def _clocks(self, language: str) -> DayItems:
        """The lines where the destination's clocks change, made once per language."""
        if language not in self._clock_lines:
            with speaking(language):
                self._clock_lines[language] = clock_change_items(self.snapshot)
        return self._clock_lines[language]

    def _apart(self, language: str) -> DayItems:
        """The spans of each day when only groups have items (see apart_items), made once
        per language."""
        if language not in self._apart_lines:
            active = [
                (record, item)
                for record, item in zip(self.snapshot.items, self._all_items(language), strict=True)
                if record.status != AgendaStatus.CANCELLED
            ]
            every = _days([i for _r, i in active], [r for r, _i in active], self.snapshot)
            with speaking(language):
                self._apart_lines[language] = {d.day: apart_items(d.items) for d in every}
        return self._apart_lines[language]

    def person(self, person_id: int) -> PersonRecord:
        if self._people is None:
            self._people = {person.id: person for person in self.snapshot.people}
        return self._people[person_id]

    def draw_personal(self, person_id: int, language: str, path: str | Path) -> int:
        """Draws one person's itinerary to a file; returns its number of pages."""
        return self.draw(self.personal(self.person(person_id), language), path)

    def draw(self, itinerary: Itinerary, target: str | Path | BinaryIO) -> int:
        """Draws an itinerary this builder cut; returns its number of pages. Its files
        share their fonts' numbering, so that a cell drawn for one is copied in the next."""
        with self._drawing.active():
            return draw_itinerary(itinerary, target)

    def draw_booklet(self, itineraries: list[Itinerary], target: str | Path, reached) -> int:
        """Draws itineraries this builder cut into one booklet (see itinerary_booklet), the
        cells they share copied, as in its files."""
        with self._drawing.active():
            return draw_booklet(itineraries, target, reached)

    def _stays(self, person: PersonRecord) -> tuple[HotelStay, ...]:
        room_id = person.room_id
        room = self.snapshot.rooms.get(room_id) if room_id else None
        if room_id is None or room is None:  # no room yet: where the delegation stays
            return tuple(self._hotels.values())
        roommates = tuple(
            other.full_name for other in self._room_people.get(room_id, ()) if other.id != person.id
        )
        stay = replace(
            self._hotels[room.hotel_id],
            room=room.label,
            room_type=room.room_type,
            roommates=roommates,
        )
        return (stay,)


def _leg(record, passenger_count: int | None = None) -> TravelLeg:
    return TravelLeg(
        mode=record.mode,
        carrier=record.carrier,
        number=record.number,
        departure_place=record.departure_place,
        departure_at=record.departure_at,
        departure_zone=record.departure_zone,
        arrival_place=record.arrival_place,
        arrival_at=record.arrival_at,
        arrival_zone=record.arrival_zone,
        notes=record.notes,
        passenger_count=passenger_count,
    )


def itinerary_language(language: str | None, person: PersonRecord | None = None) -> str:
    if language in SUPPORTED_LANGUAGES:
        return language
    if person is not None and person.language in SUPPORTED_LANGUAGES:
        return str(person.language)
    return current_language()


def _find_person(snapshot: TripSnapshot, email: str) -> PersonRecord:
    wanted = normalize_email(email)
    for person in snapshot.people:
        if person.email == wanted:
            return person
    raise NotFoundError(
        _("no participant of {trip} has the email {email}").format(trip=snapshot.key, email=email)
    )


def build_itinerary(
    workspace: Workspace,
    trip: str | int,
    *,
    language: str | None,
    participant_email: str | None = None,
) -> Itinerary:
    """The delegation's itinerary, or one participant's (by email); language None: theirs."""
    snapshot = read_trip_snapshot(workspace, trip)
    builder = ItineraryBuilder(snapshot)
    if participant_email is None:
        return builder.delegation(itinerary_language(language))
    person = _find_person(snapshot, participant_email)
    if person.status == ParticipantStatus.CANCELLED:
        raise ValidationError(
            "participant",
            _("{name} has cancelled: no itinerary is printed for them").format(
                name=full_name(person.first_name, person.last_name)
            ),
        )
    return builder.personal(person, itinerary_language(language, person))


def pdf_path(path: str | Path) -> Path:
    path = Path(path)
    if path.suffix.lower() != ".pdf":
        raise ValidationError(
            "output", _("write a file ending in {suffixes}, not {name}").format(
                suffixes=".pdf", name=path.name
            )
        )  # fmt: skip
    return path


def export_itinerary(
    workspace: Workspace,
    trip: str | int,
    path: str | Path,
    *,
    language: str | None,
    participant_email: str | None = None,
) -> int:
    """Writes the itinerary PDF; returns its number of pages."""
    if participant_email is not None:  # their own accessibility needs
        workspace.require_private(_("Personal itinerary"))
    path = pdf_path(checked_output(workspace, path))
    itinerary = build_itinerary(
        workspace, trip, language=language, participant_email=participant_email
    )
    return draw_itinerary(itinerary, path)
