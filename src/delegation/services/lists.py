"""The printed lists of a trip: participants, badges, visitors per site, rooms, meals.

Each export reads the trip with the other services, turns it into the report's frozen
dataclasses, and has the report draw it in the document language; it returns the pages.
"""

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import select

from delegation.domain.enums import (
    AgendaKind,
    AgendaStatus,
    ParticipantCategory,
    ParticipantStatus,
)
from delegation.domain.errors import ValidationError
from delegation.i18n import _, current_language, speaking
from delegation.i18n.collation import collation_key, name_key
from delegation.i18n.formatting import babel_locale, format_date_range
from delegation.i18n.labels import category_label
from delegation.i18n.typography import capitals
from delegation.persistence.models import Trip
from delegation.reports.badge_alignment import draw_alignment_page
from delegation.reports.badges import LAYOUTS, Badge, BadgeSheet, draw_badges
from delegation.reports.dietary import DietaryCounts, Diner, Meal, draw_dietary_counts
from delegation.reports.document_info import document_author, first_line
from delegation.reports.listing import GroupInfo
from delegation.reports.participant_list import (
    ListedParticipant,
    ParticipantList,
    draw_participant_list,
)
from delegation.reports.rooming_list import (
    RoomingHotel,
    RoomingList,
    RoomingRoom,
    draw_rooming_list,
)
from delegation.reports.visitor_list import SiteVisit, Visitor, VisitorLists, draw_visitor_lists
from delegation.services.agenda import AgendaItemRow, list_agenda
from delegation.services.directory import list_venues
from delegation.services.hotels import list_hotels
from delegation.services.outputs import checked_output
from delegation.services.participant_details import ParticipantDetails
from delegation.services.participant_rows import (
    ParticipantRow,
    guests_by_room,
    list_groups,
    list_participants,
)
from delegation.services.summaries import TripSummary
from delegation.services.trips import find_trip
from delegation.services.workspace import Workspace

# Kinds of programme item at which a host receives the delegation (not a coach, not free time).
_HOSTED_KINDS = frozenset(AgendaKind) - {AgendaKind.TRANSPORT, AgendaKind.FREE_TIME}


@contextlib.contextmanager
def _by_organisers(workspace: Workspace, trip: str | int) -> Iterator[None]:
    """The trip's organising association (first line of its organisers) as the author of
    the documents drawn within."""
    with document_author(_first_organiser(workspace, find_trip(workspace, trip).id)):
        yield


def _pdf_path(path: str | Path) -> Path:
    path = Path(path)
    if path.suffix.lower() != ".pdf":
        raise ValidationError(
            "output",
            _("write a file ending in {suffixes}, not {name}").format(
                suffixes=".pdf", name=path.name
            ),
        )
    return path


def _groups(workspace: Workspace, trip: TripSummary) -> tuple[GroupInfo, ...]:
    return tuple(GroupInfo(g.code, g.name, g.colour) for g in list_groups(workspace, trip.id))


def _destination(trip: TripSummary) -> str:
    return country_name(trip.destination_country, prefix=f"{trip.destination_city}, ")


def country_name(code: str | None, *, prefix: str = "") -> str:
    """ "Estonie" / "Estonia" for "EE", in the language in force; the code if unknown."""
    if not code:
        return ""
    from babel import Locale

    name = Locale.parse(babel_locale()).territories.get(code.upper(), code.upper())
    return f"{prefix}{name}"


def _confirmed(rows: list[ParticipantRow]) -> list[ParticipantRow]:
    return [row for row in rows if row.details.status == ParticipantStatus.CONFIRMED]


def _need(text: str | None) -> str | None:
    """An accessibility need as typed, or None for an empty field."""
    return (text or "").strip() or None


def _emergency(details: ParticipantDetails) -> str | None:
    lines = [details.emergency_contact_name, details.emergency_contact_phone]
    return "\n".join(line for line in lines if line) or None


def build_participant_list(
    workspace: Workspace, trip: str | int, *, include_sensitive: bool = False
) -> ParticipantList:
    """Every registration of the trip; the sensitive fields stay out unless asked for."""
    summary = find_trip(workspace, trip)
    people = []
    for row in list_participants(workspace, summary.id):
        d = row.details
        sensitive: dict[str, Any] = {}  # fields of their own types
        if include_sensitive:
            sensitive = {
                "birth_date": d.birth_date,
                "passport_number": d.passport_number,
                "passport_expiry": d.passport_expiry,
                "dietary": d.dietary,
                "accessibility": d.accessibility,
                "emergency_contact": _emergency(d),
            }
        people.append(
            ListedParticipant(
                last_name=d.last_name,
                first_name=d.first_name,
                organization=d.organization,
                function=d.job_title,
                group_codes=d.group_codes,
                status=d.status,
                category=d.category,
                **sensitive,
            )
        )
    return ParticipantList(
        trip_title=summary.title,
        delegation=_delegation(summary),
        participants=tuple(people),
        groups=_groups(workspace, summary),
        include_sensitive=include_sensitive,
    )


def export_participant_pdf(
    workspace: Workspace,
    trip: str | int,
    path: str | Path,
    *,
    include_sensitive: bool = False,
    language: str | None = None,
) -> int:
    """The participant list as a PDF; returns its number of pages."""
    if include_sensitive:
        workspace.require_private(_("Participant list with sensitive data"))
    path = _pdf_path(checked_output(workspace, path))
    with speaking(language), _by_organisers(workspace, trip):
        data = build_participant_list(workspace, trip, include_sensitive=include_sensitive)
        return draw_participant_list(data, path)


def _both_languages(label: str, translate) -> str:
    """A label in the document language, then in the other one when it differs."""
    first = current_language()
    texts = []
    for language in (first, "en" if first == "fr" else "fr"):
        with speaking(language):
            texts.append(translate(label))
    return " · ".join(dict.fromkeys(texts))


def _checked_layout(layout: str) -> None:
    if layout not in LAYOUTS:
        raise ValidationError(
            "layout",
            _("unknown badge layout {layout}: use {layouts}").format(
                layout=layout, layouts=", ".join(LAYOUTS)
            ),
        )


def build_badges(workspace: Workspace, trip: str | int, *, layout: str = "90x54") -> BadgeSheet:
    """A badge for each confirmed participant, by name, coloured by their groups; without
    a group, the band names their category (organisers on a dark band)."""
    _checked_layout(layout)
    summary = find_trip(workspace, trip)
    groups = {group.code: group for group in _groups(workspace, summary)}
    rows = sorted(
        _confirmed(list_participants(workspace, summary.id)),
        key=lambda r: name_key(r.details.last_name, r.details.first_name),
    )
    badges = tuple(
        Badge(
            first_name=row.details.first_name,
            last_name=row.details.last_name,
            organization=row.details.organization,
            role=_both_languages(row.details.category, category_label),
            groups=tuple(groups[code] for code in row.details.group_codes if code in groups),
            category=category_label(row.details.category),
            organiser=row.details.category == ParticipantCategory.STAFF,
        )
        for row in rows
    )
    return BadgeSheet(summary.title, badges, layout)


def export_badges(
    workspace: Workspace,
    trip: str | int,
    path: str | Path,
    *,
    layout: str = "90x54",
    language: str | None = None,
    alignment: bool = False,
) -> int:
    """Name badges of the confirmed participants on A4 label sheets; returns the sheets.

    With `alignment`, only the sheet's test page: each label's outline and safe margin."""
    path = _pdf_path(checked_output(workspace, path))
    with speaking(language), _by_organisers(workspace, trip):
        if alignment:
            _checked_layout(layout)
            return draw_alignment_page(LAYOUTS[layout], path)
        return draw_badges(build_badges(workspace, trip, layout=layout), path)


def _expected(item: AgendaItemRow, confirmed: list[ParticipantRow]) -> list[ParticipantRow]:
    """Who is expected at an item: its groups' confirmed members, or everyone confirmed."""
    groups = set(item.details.group_codes)
    if not groups:
        return confirmed
    return [row for row in confirmed if groups & set(row.details.group_codes)]


def _group_names(item: AgendaItemRow, groups: dict[str, GroupInfo]) -> str | None:
    codes = item.details.group_codes
    return ", ".join(groups[c].name if c in groups else c for c in codes) if codes else None


def _listed_name(details: ParticipantDetails) -> str:
    return f"{capitals(details.last_name)} {details.first_name}".strip()


def _delegation(summary: TripSummary) -> str:
    dates = format_date_range(summary.start_date, summary.end_date)
    return f"{summary.title} — {_destination(summary)}, {dates}"


def _first_organiser(workspace: Workspace, trip_id: int) -> str | None:
    with workspace.reading() as session:
        text = session.scalar(select(Trip.organisers).where(Trip.id == trip_id))
    return first_line(text)


def build_visitor_lists(workspace: Workspace, trip: str | int) -> VisitorLists:
    """For each hosted item at a site, its confirmed visitors; their identity numbers only
    when the site requires them."""
    summary = find_trip(workspace, trip)
    language = current_language()
    venues = {venue.id: venue.details for venue in list_venues(workspace)}
    groups = {group.code: group for group in _groups(workspace, summary)}
    confirmed = _confirmed(list_participants(workspace, summary.id))
    visits = []
    for item in list_agenda(workspace, summary.id):
        d = item.details
        if d.venue_id is None or d.kind not in _HOSTED_KINDS or d.status == AgendaStatus.CANCELLED:
            continue
        venue = venues.get(d.venue_id)
        required = bool(venue and venue.identity_list_required)
        visitors = tuple(
            Visitor(
                last_name=row.details.last_name,
                first_name=row.details.first_name,
                organization=row.details.organization,
                nationality=country_name(row.details.nationality) or None,
                passport_number=row.details.passport_number if required else None,
                passport_expiry=row.details.passport_expiry if required else None,
                accessibility=_need(row.details.accessibility),
            )
            for row in _expected(item, confirmed)
        )
        visits.append(
            SiteVisit(
                venue_name=item.venue_name or "",
                venue_address=item.venue_address,
                day=d.day,
                start_time=d.start_time,
                end_time=d.end_time,
                title=d.title(language),
                host=item.host_name,
                host_contact=item.host_contact_name,
                identity_required=required,
                visitors=visitors,
                groups=_group_names(item, groups),
            )
        )
    return VisitorLists(
        summary.title, _delegation(summary), tuple(visits), _first_organiser(workspace, summary.id)
    )


def export_visitor_lists(
    workspace: Workspace, trip: str | int, path: str | Path, *, language: str | None = None
) -> int:
    """The visitor list of every hosted visit, one section each; returns the pages."""
    workspace.require_private(_("Visitor lists"))  # identity numbers, accessibility needs
    path = _pdf_path(checked_output(workspace, path))
    with speaking(language), _by_organisers(workspace, trip):
        return draw_visitor_lists(build_visitor_lists(workspace, trip), path)


def build_rooming_list(workspace: Workspace, trip: str | int) -> RoomingList:
    """Each hotel with its rooms and their guests (cancelled registrations left out)."""
    summary = find_trip(workspace, trip)
    by_room = guests_by_room(workspace, summary.id)
    guests = {
        room_id: [_listed_name(row.details) for row in rows] for room_id, rows in by_room.items()
    }
    needs = {
        room_id: sorted(
            (
                (_listed_name(row.details), need)
                for row in rows
                if (need := _need(row.details.accessibility))
            ),
            key=lambda pair: collation_key(pair[0]),
        )
        for room_id, rows in by_room.items()
    }
    hotels = tuple(
        RoomingHotel(
            name=hotel.name,
            address=hotel.details.address,
            phone=hotel.details.phone,
            email=hotel.details.email,
            check_in=hotel.details.check_in,
            check_out=hotel.details.check_out,
            rooms=tuple(
                RoomingRoom(
                    room.label,
                    room.room_type,
                    room.capacity,
                    tuple(sorted(guests.get(room.id, []), key=collation_key)),
                    tuple(needs.get(room.id, [])),
                )
                for room in hotel.rooms
            ),
        )
        for hotel in list_hotels(workspace, summary.id)
    )
    return RoomingList(summary.title, _delegation(summary), hotels)


def export_rooming_pdf(
    workspace: Workspace, trip: str | int, path: str | Path, *, language: str | None = None
) -> int:
    """The rooming list of every hotel, one section each; returns the pages."""
    workspace.require_private(_("Rooming list"))  # accessibility needs
    path = _pdf_path(checked_output(workspace, path))
    with speaking(language), _by_organisers(workspace, trip):
        return draw_rooming_list(build_rooming_list(workspace, trip), path)


def build_dietary_counts(workspace: Workspace, trip: str | int) -> DietaryCounts:
    """Every meal still planned, with the confirmed participants expected and their needs."""
    summary = find_trip(workspace, trip)
    language = current_language()
    groups = {group.code: group for group in _groups(workspace, summary)}
    confirmed = _confirmed(list_participants(workspace, summary.id))
    meals = tuple(
        Meal(
            day=item.details.day,
            start_time=item.details.start_time,
            title=item.details.title(language),
            venue_name=item.venue_name,
            diners=tuple(
                Diner(_listed_name(row.details), row.details.dietary)
                for row in _expected(item, confirmed)
            ),
            groups=_group_names(item, groups),
        )
        for item in list_agenda(workspace, summary.id)
        if item.details.kind == AgendaKind.MEAL and item.details.status != AgendaStatus.CANCELLED
    )
    return DietaryCounts(summary.title, _delegation(summary), meals)


def export_dietary_counts(
    workspace: Workspace, trip: str | int, path: str | Path, *, language: str | None = None
) -> int:
    """The dietary counts of every meal, for the caterers; returns the pages."""
    workspace.require_private(_("Dietary needs per meal"))
    path = _pdf_path(checked_output(workspace, path))
    with speaking(language), _by_organisers(workspace, trip):
        return draw_dietary_counts(build_dietary_counts(workspace, trip), path)
