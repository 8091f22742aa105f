"""The rooming list for each hotel's reception: rooms, their type, guests, arrival and departure."""

from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from delegation.domain.enums import RoomType
from delegation.i18n import _, ngettext
from delegation.i18n.formatting import format_date, format_date_range
from delegation.i18n.labels import room_type_label
from delegation.reports.base import styles
from delegation.reports.fallback import Paragraph
from delegation.reports.listing import (
    MARGIN_MM,
    build_list,
    cell,
    columns,
    counts_table,
    heading,
    list_table,
    one_per_page,
)
from delegation.reports.needs import ACCESSIBILITY_MARK, accessibility_section
from delegation.reports.text import escape, marked


@dataclass(frozen=True)
class RoomingRoom:
    label: str
    room_type: RoomType
    beds: int
    guests: tuple[str, ...]  # "LAST First", in the order they are listed
    # (guest, need as typed) for the guests who need the room or hotel arranged.
    accessibility: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class RoomingHotel:
    name: str
    address: str | None
    phone: str | None
    email: str | None
    check_in: date | None
    check_out: date | None
    rooms: tuple[RoomingRoom, ...]


@dataclass(frozen=True)
class RoomingList:
    trip_title: str
    delegation: str  # "Mission Tallinn 2023 — 7–10 May 2023"
    hotels: tuple[RoomingHotel, ...]


def _date(value: date | None) -> str:
    return format_date(value, "medium") if value else "—"


def _stay(hotel: RoomingHotel) -> str:
    if hotel.check_in and hotel.check_out:
        nights = (hotel.check_out - hotel.check_in).days
        return "{dates} ({nights})".format(
            dates=format_date_range(hotel.check_in, hotel.check_out),
            nights=ngettext("{n} night", "{n} nights", nights).format(n=nights),
        )
    return _("dates to be confirmed")


def _summary(hotel: RoomingHotel, width: float) -> Flowable:
    types = Counter(room.room_type for room in hotel.rooms)
    guests = sum(len(room.guests) for room in hotel.rooms)
    lines = [(room_type_label(kind), str(types[kind])) for kind in RoomType if types[kind]]
    lines += [
        (_("Rooms"), str(len(hotel.rooms))),
        (_("Guests"), str(guests)),
        (_("Rooms without a guest"), str(sum(1 for room in hotel.rooms if not room.guests))),
    ]
    return counts_table(lines, min(width, 80 * mm))


def _guests_cell(room: RoomingRoom) -> Paragraph:
    """The guests, one a line; those with an accessibility need marked."""
    with_needs = {guest for guest, _need in room.accessibility}
    lines = [
        escape(marked(guest)) + (f" <b>{ACCESSIBILITY_MARK}</b>" if guest in with_needs else "")
        for guest in room.guests
    ]
    return Paragraph("<br/>".join(lines) or "—", styles()["cell"])


def _accessibility(hotel: RoomingHotel, width: float) -> list[Flowable]:
    rows = [(room.label, guest, need) for room in hotel.rooms for guest, need in room.accessibility]
    headers = [_("Room"), _("Guest"), _("What to arrange")]
    return accessibility_section(rows, headers, [12, 30, 58], width)


def _hotel(data: RoomingList, hotel: RoomingHotel, width: float) -> list[Flowable]:
    sheet = styles()
    contact = " · ".join(part for part in (hotel.phone, hotel.email) if part)
    facts = [
        part
        for part in (hotel.address, contact, _("Stay: {stay}").format(stay=_stay(hotel)))
        if part
    ]
    headers = [_("Room"), _("Type"), _("Beds"), _("Guests"), _("Arrival"), _("Departure")]
    rows = [
        [
            cell(room.label, "cell_bold"),
            cell(room_type_label(room.room_type)),
            cell(str(room.beds), right=True),
            _guests_cell(room),
            cell(_date(hotel.check_in)),
            cell(_date(hotel.check_out)),
        ]
        for room in hotel.rooms
    ]
    notice = None
    if any(room.accessibility for room in hotel.rooms):
        notice = _(
            "Some guests need the room or the hotel arranged for them (listed after the rooms): "
            "share it only with the staff concerned."
        )
    story: list[Flowable] = [
        *heading(_("Rooming list — {hotel}").format(hotel=hotel.name), data.delegation, notice),
        *(Paragraph(escape(fact), sheet["body"]) for fact in facts),
        Spacer(1, 8),
    ]
    if rows:
        story.append(list_table(headers, rows, columns(width, [12, 12, 7, 43, 13, 13])))
    else:
        story.append(Paragraph(escape(_("No room booked in this hotel yet.")), sheet["note"]))
    story += _accessibility(hotel, width)
    story += [
        Spacer(1, 10),
        Paragraph(escape(_("In numbers")), sheet["h2"]),
        _summary(hotel, width),
    ]
    return story


def draw_rooming_list(data: RoomingList, target: str | Path | BinaryIO) -> int:
    """One section per hotel, each from a new page; returns the number of pages."""
    width = A4[0] - 2 * MARGIN_MM * mm
    story = one_per_page([_hotel(data, hotel, width) for hotel in data.hotels])
    if not story:
        story = [
            *heading(_("Rooming list"), data.delegation),
            Paragraph(escape(_("This trip has no hotel yet.")), styles()["body"]),
        ]
    return build_list(target, story, name=_("Rooming list"), trip_title=data.trip_title)
