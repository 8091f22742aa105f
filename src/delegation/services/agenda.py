"""The programme of a trip: agenda items listed, added, edited, moved, removed."""

from dataclasses import dataclass, fields, replace
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from delegation.domain.enums import AgendaKind, AgendaStatus
from delegation.domain.errors import ConflictError, NotFoundError, ValidationError
from delegation.domain.scheduling import (
    LONGEST_NIGHT_MINUTES,
    end_date,
    end_minutes,
    ends_next_day,
    item_moments,
    minutes_of_day,
    repeated_by,
)
from delegation.i18n import _
from delegation.persistence.models import (
    AgendaItem,
    Contact,
    Organization,
    Trip,
    TripGroup,
    Venue,
    agenda_item_groups,
)
from delegation.services.agenda_clock import skipped_time_problems
from delegation.services.calendar_stamp import CalendarStamp
from delegation.services.expected import Expected
from delegation.services.records import load_for_edit, trimmed_text
from delegation.services.workspace import Workspace


@dataclass(frozen=True)
class AgendaItemDetails:
    """What an organiser edits about an agenda item. Times are local to the destination."""

    day: date
    start_time: time
    end_time: time | None = None
    title_fr: str = ""
    title_en: str = ""
    kind: AgendaKind = AgendaKind.VISIT
    status: AgendaStatus = AgendaStatus.CONFIRMED
    venue_id: int | None = None
    host_organization_id: int | None = None
    host_contact_id: int | None = None
    group_codes: tuple[str, ...] = ()  # none: the whole delegation
    capacity: int | None = None
    notes_fr: str | None = None
    notes_en: str | None = None
    internal_notes: str | None = None
    # On the night the clocks go back, a start or end that happens twice means its
    # second occurrence when set (kept only while the time is such a time).
    start_fold: bool = False
    end_fold: bool = False

    def title(self, language: str) -> str:
        """The title in a language, falling back to the other one."""
        first, second = (
            (self.title_fr, self.title_en) if language == "fr" else (self.title_en, self.title_fr)
        )
        return first or second


@dataclass(frozen=True)
class AgendaItemRow:
    id: int
    trip_id: int
    details: AgendaItemDetails
    venue_name: str | None
    venue_address: str | None
    host_name: str | None
    host_contact_name: str | None
    version: int
    updated_by: str
    calendar: CalendarStamp
    venue_geo: tuple[float, float] | None  # the venue's latitude and longitude, when known


def _clean(details: AgendaItemDetails) -> AgendaItemDetails:
    changes = trimmed_text(details, keep_empty=("title_fr", "title_en"))
    changes["group_codes"] = tuple(dict.fromkeys(details.group_codes))
    return replace(details, **changes)


def validate_item_details(
    details: AgendaItemDetails, *, zone: str | None = None
) -> list[ValidationError]:
    """What is wrong with an item's details, each problem naming its field.

    An end earlier than the start is the next day (22:30–01:30), not an error. With the
    trip's `zone` (IANA name), a start or end the clocks skip that day is refused too.
    """
    details = _clean(details)
    problems = []
    if not details.title_fr and not details.title_en:
        problems.append(ValidationError("title_fr", _("a title is required, in either language")))
    if details.end_time is not None and details.end_time == details.start_time:
        problems.append(ValidationError("end_time", _("the item ends when it starts")))
    elif details.end_time is not None and ends_next_day(details.start_time, details.end_time):
        length = end_minutes(details.start_time, details.end_time) - minutes_of_day(
            details.start_time
        )
        if length > LONGEST_NIGHT_MINUTES:  # 14:00–13:00 is a slip, not a 23-hour item
            problems.append(
                ValidationError(
                    "end_time",
                    _(
                        "the item ends before it starts; an end on the next day is read only"
                        " for an item of up to {hours} hours, e.g. 22:30–01:30"
                    ).format(hours=LONGEST_NIGHT_MINUTES // 60),
                )
            )
    if zone is not None:
        problems += skipped_time_problems(details.day, details.start_time, details.end_time, zone)
    if details.capacity is not None and details.capacity <= 0:
        problems.append(ValidationError("capacity", _("a capacity must be a positive number")))
    return problems


def _check(details: AgendaItemDetails, zone: str | None = None) -> AgendaItemDetails:
    problems = validate_item_details(details, zone=zone)
    if problems:
        raise problems[0]
    return _clean(details)


def with_folds_in(details: AgendaItemDetails, zone: str) -> AgendaItemDetails:
    """The details with "second occurrence" kept only for times the clocks repeat that
    night in `zone` (a time moved elsewhere, or a zone changed, loses it)."""
    moments = item_moments(details.day, details.start_time, details.end_time)
    asked = (details.start_fold, details.end_fold)
    kept = [
        second and repeated_by(day, at, zone) is not None
        for (day, at), second in zip(moments, asked, strict=False)
    ]
    return replace(details, start_fold=kept[0], end_fold=len(kept) > 1 and kept[1])


def _trip_zone(session: Session, trip_id: int) -> str:
    zone = session.scalar(select(Trip.timezone).where(Trip.id == trip_id))
    if zone is None:
        raise NotFoundError(_("this trip no longer exists"))
    return zone


def same_times(first: AgendaItem | AgendaItemDetails, second: AgendaItemDetails) -> bool:
    """Whether an edit keeps the day and times of the item (stored, or as read)."""
    return (first.day, first.start_time, first.end_time) == (
        second.day, second.start_time, second.end_time,
    )  # fmt: skip


_HostContact = aliased(Contact)


# The details' fields as columns, in their order: each row is built by position, without
# ORM objects, so that a long programme reads in a fraction of the time.
_DETAIL_NAMES = [field.name for field in fields(AgendaItemDetails)]
_CODES_AT = _DETAIL_NAMES.index("group_codes")
_DETAIL_COLUMNS = [getattr(AgendaItem, name) for name in _DETAIL_NAMES if name != "group_codes"]


def rows_where(session: Session, *conditions, trip_id: int | None = None) -> list[AgendaItemRow]:
    """The items the conditions pick; `trip_id` when they are the whole trip's, to read
    their groups in one pass rather than by a list of ids."""
    query = (
        select(
            AgendaItem.id,
            AgendaItem.trip_id,
            AgendaItem.version,
            AgendaItem.updated_by,
            AgendaItem.calendar_uid,
            AgendaItem.calendar_sequence,
            AgendaItem.updated_at,
            Venue.name,
            Venue.address,
            Venue.latitude,
            Venue.longitude,
            Organization.name,
            _HostContact.first_name,
            _HostContact.last_name,
            *_DETAIL_COLUMNS,
        )
        .outerjoin(Venue, Venue.id == AgendaItem.venue_id)
        .outerjoin(Organization, Organization.id == AgendaItem.host_organization_id)
        .outerjoin(_HostContact, _HostContact.id == AgendaItem.host_contact_id)
        .where(*conditions)
        .order_by(AgendaItem.day, AgendaItem.start_time, AgendaItem.id)
    )
    if session.autoflush:  # the transaction's own changes read, as the ORM's execute would
        session.flush()
    records = session.connection().execute(query).all()
    membership = select(agenda_item_groups.c.agenda_item_id, TripGroup.code).join(
        TripGroup, TripGroup.id == agenda_item_groups.c.group_id
    )
    if trip_id is not None:
        membership = membership.where(TripGroup.trip_id == trip_id)
    else:
        membership = membership.where(
            agenda_item_groups.c.agenda_item_id.in_([record[0] for record in records])
        )
    codes: dict[int, list[str]] = {}
    if records:
        for item_id, code in session.execute(membership.order_by(TripGroup.position)):
            codes.setdefault(item_id, []).append(code)
    rows = []
    for record in records:
        (item_id, trip, version, by, uid, sequence, updated_at, venue, address, latitude,
         longitude, host, contact_first, contact_last, *rest) = record  # fmt: skip
        details = (*rest[:_CODES_AT], tuple(codes.get(item_id, ())), *rest[_CODES_AT:])
        contact = f"{contact_first or ''} {contact_last or ''}".strip() or None
        rows.append(
            AgendaItemRow(
                id=item_id,
                trip_id=trip,
                details=AgendaItemDetails(*details),
                venue_name=venue,
                venue_address=address,
                host_name=host,
                host_contact_name=contact,
                version=version,
                updated_by=by,
                calendar=CalendarStamp(uid, sequence, updated_at),
                venue_geo=(latitude, longitude)
                if latitude is not None and longitude is not None
                else None,
            )
        )
    return rows


def list_agenda(workspace: Workspace, trip_id: int) -> list[AgendaItemRow]:
    with workspace.reading() as session:
        return rows_where(session, AgendaItem.trip_id == trip_id, trip_id=trip_id)


def get_item_rows(session: Session, item_ids: list[int]) -> list[AgendaItemRow]:
    """These items as the window shows them, read in the caller's transaction."""
    return rows_where(session, AgendaItem.id.in_(item_ids)) if item_ids else []


def _row(session: Session, item_id: int) -> AgendaItemRow:
    rows = rows_where(session, AgendaItem.id == item_id)
    if not rows:
        raise NotFoundError(_("this agenda item no longer exists"))
    return rows[0]


def write_item(session: Session, item: AgendaItem, details: AgendaItemDetails) -> None:
    for field in fields(details):
        if field.name != "group_codes":
            setattr(item, field.name, getattr(details, field.name))
    groups = {
        group.code: group
        for group in session.scalars(select(TripGroup).where(TripGroup.trip_id == item.trip_id))
    }
    unknown = [code for code in details.group_codes if code not in groups]
    if unknown:
        raise ValidationError(
            "groups", _("no such group in this trip: {codes}").format(codes=", ".join(unknown))
        )
    item.groups = [groups[code] for code in details.group_codes]


def add_item(workspace: Workspace, trip_id: int, details: AgendaItemDetails) -> AgendaItemRow:
    """Add an item; times the clocks skip that day in the trip's zone are refused."""
    with workspace.transaction() as session:
        zone = _trip_zone(session, trip_id)
        details = with_folds_in(_check(details, zone), zone)
        item = AgendaItem(trip_id=trip_id)
        session.add(item)
        write_item(session, item, details)
        session.flush()
        return _row(session, item.id)


def update_item(
    workspace: Workspace, item_id: int, expected: Expected, details: AgendaItemDetails
) -> AgendaItemRow:
    """Save an edit, refusing it if the item changed since it was read (see Expected).

    New times the clocks skip that day in the trip's zone are refused; times kept as they
    were are not, so that an item saved before can still be renamed or cancelled (the
    readiness report names it until it is moved).
    """
    details = _check(details)
    with workspace.transaction() as session:
        item = load_for_edit(
            session, AgendaItem, item_id, expected,
            missing=_("this agenda item no longer exists"),
            name=lambda item: f"“{item.title_fr or item.title_en}”",
            details=lambda item: _row(session, item.id).details,
        )  # fmt: skip
        zone = _trip_zone(session, item.trip_id)
        if not same_times(item, details):
            details = _check(details, zone)
        write_item(session, item, with_folds_in(details, zone))
        session.flush()
        return _row(session, item_id)


def moved(details: AgendaItemDetails, day: date, start: time) -> AgendaItemDetails:
    """The same item at another time; its end follows, keeping the duration on the clock.

    Moved late in the evening, it ends past midnight (its end earlier than its start).
    """
    if details.end_time is None:
        return replace(details, day=day, start_time=start)
    ends = end_date(details.day, details.start_time, details.end_time)
    duration = datetime.combine(ends, details.end_time) - datetime.combine(
        details.day, details.start_time
    )
    end = datetime.combine(day, start) + duration
    return replace(details, day=day, start_time=start, end_time=end.time())


def shifted(details: AgendaItemDetails, minutes: int) -> AgendaItemDetails:
    start = datetime.combine(details.day, details.start_time) + timedelta(minutes=minutes)
    if start.date() != details.day:
        raise ValidationError("start_time", _("the item would leave its day"))
    return moved(details, details.day, start.time())


@dataclass(frozen=True)
class RemovedItem:
    row: AgendaItemRow


def remove_item(workspace: Workspace, item_id: int) -> RemovedItem:
    with workspace.transaction() as session:
        row = _row(session, item_id)
        session.delete(session.get(AgendaItem, item_id))
        return RemovedItem(row)


def restore_item(workspace: Workspace, removed: RemovedItem) -> AgendaItemRow:
    """Undo a removal, under the same id so that later commands still find it, and the
    same calendar UID and sequence, so that calendars take it for the event they had."""
    row = removed.row
    with workspace.transaction() as session:
        if session.get(AgendaItem, row.id) is not None:
            raise ConflictError(_("this agenda item is already back"))
        item = AgendaItem(
            id=row.id,
            trip_id=row.trip_id,
            calendar_uid=row.calendar.uid,
            calendar_sequence=row.calendar.sequence,
        )
        session.add(item)
        write_item(session, item, row.details)
        session.flush()
        return _row(session, row.id)


@dataclass(frozen=True)
class HostRow:
    """An organization receiving the delegation, with whom to call and what it hosts."""

    id: int
    name: str
    contact_name: str | None
    contact_phone: str | None
    contact_email: str | None
    items: tuple[tuple[str, str], ...]  # (French, English) titles of what it hosts


def list_hosts(workspace: Workspace, trip_id: int) -> list[HostRow]:
    with workspace.reading() as session:
        records = session.execute(
            select(Organization, _HostContact, AgendaItem.title_fr, AgendaItem.title_en)
            .join(AgendaItem, AgendaItem.host_organization_id == Organization.id)
            .outerjoin(_HostContact, _HostContact.id == AgendaItem.host_contact_id)
            .where(AgendaItem.trip_id == trip_id)
            .order_by(Organization.name, AgendaItem.day, AgendaItem.start_time)
        ).all()
        hosts: dict[int, HostRow] = {}
        for organization, contact, title_fr, title_en in records:
            known = hosts.get(organization.id)
            title = (title_fr, title_en)
            if known is None:
                hosts[organization.id] = HostRow(
                    organization.id,
                    organization.name,
                    contact.full_name if contact else None,
                    contact.phone if contact else None,
                    contact.email if contact else None,
                    (title,),
                )
            else:
                hosts[organization.id] = replace(known, items=(*known.items, title))
        return list(hosts.values())
