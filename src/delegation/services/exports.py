"""The trip's lists given back as files others open: CSV, XLSX and iCalendar.

Headers and labels are in the document language (the language in force), so that a
French list opens in a French Excel with `;` and reads back into the importer. The
sensitive fields (identity, health, emergency contact) stay out unless asked for.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from delegation.domain.enums import AgendaStatus
from delegation.domain.errors import NotFoundError, ValidationError
from delegation.domain.rules import normalize_email
from delegation.domain.scheduling import end_date
from delegation.i18n import _, current_language
from delegation.i18n.collation import name_key
from delegation.i18n.labels import (
    agenda_status_label,
    category_label,
    kind_label,
    language_label,
    room_type_label,
    status_label,
)
from delegation.interchange.csv_out import write_csv
from delegation.interchange.ics_out import CalendarEvent, write_ics
from delegation.interchange.values import item_reference
from delegation.interchange.xlsx_out import Sheet, write_xlsx
from delegation.services.agenda import AgendaItemRow, list_agenda
from delegation.services.hotels import list_hotels
from delegation.services.outputs import checked_output
from delegation.services.participant_rows import ParticipantRow, guests_by_room, list_participants
from delegation.services.travel import SegmentRow, list_segments
from delegation.services.trips import find_trip
from delegation.services.workspace import Workspace


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int


def _date_format() -> str:
    return "DD/MM/YYYY" if current_language() == "fr" else "YYYY-MM-DD"


def participant_table(
    rows: Sequence[ParticipantRow], *, include_sensitive: bool
) -> tuple[list[str], list[list[object]]]:
    """The participant list's headers and rows; dates stay dates for the writer."""
    headers = [
        _("Last name"), _("First name"), _("Salutation"), _("Organization"), _("Function"),
        _("Email"), _("Phone"), _("Status"), _("Category"), _("Groups"), _("Language"),
        _("Nationality"), _("Room"), _("Notes"),
    ]  # fmt: skip
    if include_sensitive:
        headers += [
            _("Date of birth"), _("Dietary needs"), _("Accessibility"), _("Passport number"),
            _("Passport expiry"), _("Emergency contact"), _("Emergency phone"),
        ]  # fmt: skip
    table = []
    for row in sorted(rows, key=_by_name):
        d = row.details
        line: list[object] = [
            d.last_name, d.first_name, d.civility, d.organization, d.job_title, d.email,
            d.phone, status_label(d.status), category_label(d.category),
            ", ".join(d.group_codes), language_label(d.language), d.nationality,
            row.room_label, d.notes,
        ]  # fmt: skip
        if include_sensitive:
            line += [
                d.birth_date, d.dietary, d.accessibility, d.passport_number, d.passport_expiry,
                d.emergency_contact_name, d.emergency_contact_phone,
            ]  # fmt: skip
        table.append(line)
    return headers, table


def _suffix(path: Path, allowed: Sequence[str]) -> str:
    suffix = path.suffix.lower()
    if suffix not in allowed:
        raise ValidationError(
            "output",
            _("write a file ending in {suffixes}, not {name}").format(
                suffixes=" / ".join(allowed), name=path.name
            ),
        )
    return suffix


def export_participants(
    workspace: Workspace, trip: str | int, path: str | Path, *, include_sensitive: bool = False
) -> ExportResult:
    """The participant list as .csv (UTF-8 with BOM; `;` in French; ISO dates) or .xlsx."""
    if include_sensitive:
        workspace.require_private(_("Participant list with sensitive data"))
    path = checked_output(workspace, path)
    suffix = _suffix(path, (".csv", ".xlsx"))
    summary = find_trip(workspace, trip)
    headers, rows = participant_table(
        list_participants(workspace, summary.id), include_sensitive=include_sensitive
    )
    if suffix == ".csv":
        # A French Excel splits on ";". Dates are ISO in every language: Excel and Calc read
        # 1985-07-20 as a date in any locale and Calc saves it back as it is, whereas it
        # saves 20/07/1985 as 20/07/85, and a two-digit year cannot tell 2031 from 1931.
        delimiter = ";" if current_language() == "fr" else ","
        write_csv(path, headers, rows, delimiter=delimiter)
    else:
        write_xlsx(path, [Sheet(_("Participants"), headers, rows, _date_format())])
    return ExportResult(path, len(rows))


def programme_table(items: Sequence[AgendaItemRow]) -> tuple[list[str], list[list[object]]]:
    language = current_language()
    headers = [
        _("Date"), _("Start"), _("End"), _("Title"), _("Type"), _("Status"), _("Venue"),
        _("Address"), _("Groups"), _("Host"), _("Notes"), _("Reference"),
    ]  # fmt: skip
    rows = []
    for item in items:
        d = item.details
        notes = (d.notes_fr or d.notes_en) if language == "fr" else (d.notes_en or d.notes_fr)
        row = [
            d.day, d.start_time, d.end_time, d.title(language), kind_label(d.kind),
            agenda_status_label(d.status), item.venue_name, item.venue_address,
            ", ".join(d.group_codes), item.host_name, notes, item_reference(item.id),
        ]  # fmt: skip
        rows.append(row)
    return headers, rows


def export_programme(workspace: Workspace, trip: str | int, path: str | Path) -> ExportResult:
    """The programme as .xlsx, in the columns the programme importer reads."""
    path = checked_output(workspace, path)
    _suffix(path, (".xlsx",))
    summary = find_trip(workspace, trip)
    headers, rows = programme_table(list_agenda(workspace, summary.id))
    write_xlsx(path, [Sheet(_("Programme"), headers, rows, _date_format())])
    return ExportResult(path, len(rows))


def export_rooming_list(workspace: Workspace, trip: str | int, path: str | Path) -> ExportResult:
    """One sheet per hotel: each room with its guests, for the hotel's reception."""
    workspace.require_private(_("Rooming list"))  # accessibility needs
    path = checked_output(workspace, path)
    _suffix(path, (".xlsx",))
    summary = find_trip(workspace, trip)
    guests = guests_by_room(workspace, summary.id)
    headers = [
        _("Room"), _("Type"), _("Beds"), _("Last name"), _("First name"), _("Organization"),
        _("Nationality"), _("Arrival"), _("Departure"), _("Accessibility"),
    ]  # fmt: skip
    sheets, count = [], 0
    for hotel in list_hotels(workspace, summary.id):
        rows = []
        for room in hotel.rooms:
            people = sorted(
                guests.get(room.id, []),
                key=lambda r: name_key(r.details.last_name, r.details.first_name),
            )
            for person in people if people else [None]:
                d = person.details if person else None
                row = [
                    room.label, room_type_label(room.room_type), room.capacity,
                    d.last_name if d else None, d.first_name if d else None,
                    d.organization if d else None, d.nationality if d else None,
                    hotel.details.check_in, hotel.details.check_out,
                    # What the hotel should arrange (a lift, an adapted room).
                    d.accessibility if d else None,
                ]  # fmt: skip
                rows.append(row)
        count += len(rows)
        sheets.append(Sheet(hotel.name, headers, rows, _date_format()))
    if not sheets:
        raise ValidationError("hotels", _("this trip has no hotel yet"))
    write_xlsx(path, sheets)
    return ExportResult(path, count)


def export_calendar(
    workspace: Workspace, trip: str | int, path: str | Path, *, participant: str | None = None
) -> ExportResult:
    """The programme as .ics, each time in its zone; for one participant (by email), only
    their items (their groups' and the whole delegation's) and their travel legs.

    Each event keeps its record's UID and carries its SEQUENCE, so that a file exported
    again updates the events a calendar holds. Cancelled items stay in, marked
    CANCELLED: that is how a calendar learns to take them off.
    """
    path = checked_output(workspace, path)
    _suffix(path, (".ics",))
    summary = find_trip(workspace, trip)
    language = current_language()
    items = list_agenda(workspace, summary.id)
    name = summary.title
    person = None
    if participant is not None:
        email = normalize_email(participant)
        person = next(
            (r for r in list_participants(workspace, summary.id) if r.details.email == email),
            None,
        )
        if person is None:
            raise NotFoundError(
                _("no participant of {trip} has the email {email}").format(
                    trip=summary.key, email=participant
                )
            )
        groups = set(person.details.group_codes)
        items = [
            i for i in items if not i.details.group_codes or groups & set(i.details.group_codes)
        ]
        name = f"{summary.title} — {person.details.full_name}"
    events = [_item_event(item, summary.timezone, language) for item in items]
    if person is not None:
        events += [
            _leg_event(leg)
            for leg in list_segments(workspace, summary.id)
            if person.id in leg.passenger_ids
        ]
    write_ics(path, name, summary.timezone, events)
    return ExportResult(path, len(events))


_ICS_STATUS = {
    AgendaStatus.CONFIRMED: "CONFIRMED",
    AgendaStatus.TENTATIVE: "TENTATIVE",
    AgendaStatus.CANCELLED: "CANCELLED",
}


def _item_event(item: AgendaItemRow, zone: str, language: str) -> CalendarEvent:
    d = item.details
    notes = (d.notes_fr or d.notes_en) if language == "fr" else (d.notes_en or d.notes_fr)
    place = ", ".join(part for part in (item.venue_name, item.venue_address) if part)
    return CalendarEvent(
        uid=item.calendar.uid,
        start=datetime.combine(d.day, d.start_time).replace(fold=int(d.start_fold)),
        # Past midnight (an end earlier than the start), DTEND falls on the next day.
        end=datetime.combine(end_date(d.day, d.start_time, d.end_time), d.end_time).replace(
            fold=int(d.end_fold)
        )
        if d.end_time
        else None,
        summary=d.title(language),
        location=place or None,
        description=notes,
        status=_ICS_STATUS[d.status],
        timezone=zone,
        sequence=item.calendar.sequence,
        last_modified=item.calendar.modified,
        geo=item.venue_geo,
    )


def _leg_event(leg: SegmentRow) -> CalendarEvent:
    d = leg.details
    # The arrival is read in its own zone, then said in the departure's: the same instant.
    arrival = (
        d.arrival_at.replace(tzinfo=ZoneInfo(d.arrival_timezone))
        .astimezone(ZoneInfo(d.departure_timezone))
        .replace(tzinfo=None)
    )
    name = " ".join(part for part in (d.carrier, d.number) if part)
    return CalendarEvent(
        uid=leg.calendar.uid,
        start=d.departure_at,
        end=arrival,
        summary=_("{leg}: {origin} → {destination}").format(
            leg=name or _("travel leg"), origin=d.departure_place, destination=d.arrival_place
        ),
        location=d.departure_place,
        description=d.notes,
        timezone=d.departure_timezone,
        sequence=leg.calendar.sequence,
        last_modified=leg.calendar.modified,
    )


def _by_name(row: ParticipantRow) -> tuple[str, str, str, str]:
    return name_key(row.details.last_name, row.details.first_name)
