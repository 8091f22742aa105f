"""Trips: list them, find one by key or id, create one, change its details."""

import json
import re
from dataclasses import replace
from datetime import date, timedelta
from functools import cache

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from delegation.domain.enums import ParticipantCategory, ParticipantStatus
from delegation.domain.errors import NotFoundError, ValidationError
from delegation.domain.rules import is_valid_country_code, is_valid_timezone, is_valid_trip_key
from delegation.i18n import _, current_language, ngettext
from delegation.persistence.models import (
    AgendaItem,
    Hotel,
    Participant,
    Trip,
    TripGroup,
    participant_groups,
)
from delegation.resources import resource
from delegation.services.expected import Expected
from delegation.services.records import load_for_edit, one_line_problem
from delegation.services.summaries import NewTrip, TripOverview, TripSettings, TripSummary
from delegation.services.workspace import Workspace


@cache
def _capital_timezones() -> dict[str, str]:
    return json.loads(resource("capital_timezones.json").read_text(encoding="utf-8"))


def capital_timezone(country_code: str) -> str | None:
    """The time zone of a country's capital, the default for a trip there."""
    return _capital_timezones().get(country_code.upper())


# "Participants" of a trip are its registrations still in play: not the cancelled.
_IS_ACTIVE = Participant.status != ParticipantStatus.CANCELLED


def _active_count_subquery():
    return (
        select(func.count(Participant.id))
        .where(Participant.trip_id == Trip.id, _IS_ACTIVE)
        .correlate(Trip)
        .scalar_subquery()
    )


def _summary(trip: Trip, participant_count: int) -> TripSummary:
    return TripSummary(
        id=trip.id,
        key=trip.key,
        title=trip.title,
        destination_city=trip.destination_city,
        destination_country=trip.destination_country,
        start_date=trip.start_date,
        end_date=trip.end_date,
        timezone=trip.timezone,
        home_timezone=trip.home_timezone,
        participant_count=participant_count,
        version=trip.version,
    )


def list_trips(workspace: Workspace) -> list[TripSummary]:
    """All trips, the most recent first."""
    with workspace.reading() as session:
        rows = session.execute(
            select(Trip, _active_count_subquery()).order_by(Trip.start_date.desc(), Trip.key)
        ).all()
        return [_summary(trip, count) for trip, count in rows]


def _load_trip(session: Session, reference: str | int) -> Trip:
    text = str(reference).strip()
    # ASCII digits only: "²".isdigit() is true, and int() of 30 digits overflows SQLite.
    is_id = re.fullmatch(r"[0-9]{1,18}", text) is not None
    condition = Trip.id == int(text) if is_id else Trip.key == text
    trip = session.scalar(select(Trip).where(condition))
    if trip is None:
        raise NotFoundError(_("unknown trip: {reference}").format(reference=text))
    return trip


def _count_active(session: Session, trip_id: int) -> int:
    query = select(_active_count_subquery()).where(Trip.id == trip_id)
    return session.execute(query).scalar_one()


def find_trip(workspace: Workspace, reference: str | int) -> TripSummary:
    """A trip by its key (tallinn-2023) or numeric id."""
    with workspace.reading() as session:
        trip = _load_trip(session, reference)
        return _summary(trip, _count_active(session, trip.id))


EARLIEST_DATE = date(1990, 1, 1)
LATEST_DATE = date(2200, 12, 31)


def _date_problems(start: date | None, end: date | None) -> list[ValidationError]:
    problems = []
    for field, day in (("start", start), ("end", end)):
        if day is not None and not EARLIEST_DATE <= day <= LATEST_DATE:
            problems.append(
                ValidationError(field, _("not a plausible date for a trip: {day}").format(day=day))
            )
    if start and end and end < start:
        problems.append(ValidationError("end", _("the trip ends before it starts")))
    return problems


def _trip_text_problems(title: str, city: str) -> list[ValidationError]:
    return [
        problem
        for problem in (
            one_line_problem("title", title, 200, _("a title is required")),
            one_line_problem("destination", city, 100, _("a destination city is required")),
        )
        if problem
    ]


def _place_problems(
    country: str, timezone: str | None, home_timezone: str | None
) -> list[ValidationError]:
    problems = []
    if not is_valid_country_code(country):
        problems.append(ValidationError("country", _("use a two-letter ISO country code, e.g. EE")))
    for field_name, zone in (("timezone", timezone), ("home_timezone", home_timezone)):
        if zone is not None and not is_valid_timezone(zone):
            problems.append(
                ValidationError(field_name, _("unknown time zone {zone}").format(zone=zone))
            )
    return problems


def validate_new_trip(new: NewTrip) -> list[ValidationError]:
    """Every problem with a trip about to be created, each naming its field."""
    problems = []
    if not is_valid_trip_key(new.key.strip()):
        problems.append(
            ValidationError(
                "key", _("use lowercase letters and digits with hyphens, e.g. tallinn-2023")
            )
        )
    problems += _trip_text_problems(new.title, new.destination_city)
    country = new.destination_country.strip().upper()
    problems += _date_problems(new.start_date, new.end_date)
    timezone = new.timezone or capital_timezone(country)
    if timezone is None and is_valid_country_code(country):
        problems.append(
            ValidationError(
                "timezone",
                _("no known time zone for country {country}; give one, e.g. Europe/Tallinn").format(
                    country=country
                ),
            )
        )
    return problems + _place_problems(country, timezone, new.home_timezone)


def add_trip(workspace: Workspace, new: NewTrip, *, new_id: int | None = None) -> TripSummary:
    """Create a trip; new_id makes it again under the id it had (redo after undo)."""
    new = replace(
        new, key=new.key.strip(), destination_country=new.destination_country.strip().upper()
    )
    with workspace.transaction() as session:
        return _summary(_create_trip(session, new, new_id), 0)


def _create_trip(session: Session, new: NewTrip, new_id: int | None = None) -> Trip:
    problems = validate_new_trip(new)
    if problems:
        raise problems[0]
    timezone = new.timezone or capital_timezone(new.destination_country)
    if session.scalar(select(Trip.id).where(Trip.key == new.key)) is not None:
        raise ValidationError(
            "key", _("a trip with the key {key} already exists").format(key=new.key)
        )
    trip = Trip(
        id=new_id,
        key=new.key,
        title=new.title.strip(),
        destination_city=new.destination_city.strip(),
        destination_country=new.destination_country,
        start_date=new.start_date,
        end_date=new.end_date,
        timezone=timezone,
        home_timezone=new.home_timezone,
    )
    session.add(trip)
    session.flush()
    return trip


EDITABLE_TRIP_FIELDS = frozenset(
    {
        "title",
        "destination_city",
        "start_date",
        "end_date",
        "currency",
        "organisers",
        "partners",
        "emergency_numbers",
        "notes",
        "destination_country",
        "timezone",
        "home_timezone",
    }
)


def validate_trip_settings(settings: TripSettings) -> list[ValidationError]:
    """The problems of a trip's settings on their own, each naming its field."""
    return [
        *_trip_text_problems(settings.title, settings.destination_city),
        *_date_problems(settings.start_date, settings.end_date),
        *_place_problems(
            settings.destination_country.strip().upper(), settings.timezone,
            settings.home_timezone,
        ),
    ]  # fmt: skip


def _settings(trip: Trip) -> TripSettings:
    return TripSettings(
        trip.title, trip.destination_city, trip.destination_country, trip.start_date,
        trip.end_date, trip.timezone, trip.home_timezone,
    )  # fmt: skip


def update_trip(
    workspace: Workspace,
    trip_id: int,
    expected_version: Expected,
    changes: dict[str, object],
    *,
    move_programme: bool = False,
) -> TripSummary:
    """Change a trip's details, refusing if it changed since the caller read it.

    move_programme: a new start date takes the programme and the hotel nights along, day
    for day. A change that would leave programme items outside the trip is refused,
    naming them.
    """
    unknown = set(changes) - EDITABLE_TRIP_FIELDS
    if unknown:
        raise ValidationError(", ".join(sorted(unknown)), _("this field cannot be changed here"))
    with workspace.transaction() as session:
        trip = load_for_edit(
            session, Trip, trip_id, expected_version,
            missing=_("unknown trip: {reference}").format(reference=trip_id),
            name=lambda t: t.title,
            details=_settings,
        )  # fmt: skip
        first_day = trip.start_date
        for name, value in changes.items():
            setattr(trip, name, value.strip() if isinstance(value, str) else value)
        trip.destination_country = trip.destination_country.upper()
        problems = validate_trip_settings(_settings(trip))
        if trip.currency and not re.fullmatch(r"[A-Z]{3}", trip.currency):
            problems.append(ValidationError("currency", _("use a three-letter code, e.g. EUR")))
        if problems:
            raise problems[0]
        if move_programme and trip.start_date != first_day:
            _shift_programme(session, trip.id, trip.start_date - first_day)
        _refuse_items_outside(session, trip)
        session.flush()
        return _summary(trip, _count_active(session, trip.id))


def _shift_programme(session: Session, trip_id: int, shift: timedelta) -> None:
    for item in session.scalars(select(AgendaItem).where(AgendaItem.trip_id == trip_id)):
        item.day += shift
    for hotel in session.scalars(select(Hotel).where(Hotel.trip_id == trip_id)):
        hotel.check_in = hotel.check_in + shift if hotel.check_in else None
        hotel.check_out = hotel.check_out + shift if hotel.check_out else None


def _refuse_items_outside(session: Session, trip: Trip) -> None:
    outside = session.scalars(
        select(AgendaItem)
        .where(
            AgendaItem.trip_id == trip.id,
            or_(AgendaItem.day < trip.start_date, AgendaItem.day > trip.end_date),
        )
        .order_by(AgendaItem.day, AgendaItem.start_time)
    ).all()
    if not outside:
        return
    french = current_language() == "fr"
    named = [
        (item.title_fr if french else item.title_en) or item.title_fr or item.title_en
        for item in outside[:3]
    ]
    if len(outside) > 3:
        named.append(
            ngettext("{n} other", "{n} others", len(outside) - 3).format(n=len(outside) - 3)
        )
    field = "start" if outside[0].day < trip.start_date else "end"
    raise ValidationError(
        field,
        _(
            "the programme would have items outside the trip: {items};"
            " move them first, or move the programme with the dates"
        ).format(items=", ".join(named)),
    )


def trip_overview(workspace: Workspace, reference: str | int) -> TripOverview:
    """Counts a planner looks at first: by status, by category, by group."""
    with workspace.reading() as session:
        trip = _load_trip(session, reference)
        statuses = dict(
            session.execute(
                select(Participant.status, func.count())
                .where(Participant.trip_id == trip.id)
                .group_by(Participant.status)
            ).all()
        )
        categories = dict(
            session.execute(
                select(Participant.category, func.count())
                .where(Participant.trip_id == trip.id, _IS_ACTIVE)
                .group_by(Participant.category)
            ).all()
        )
        groups = dict(
            session.execute(
                select(TripGroup.name, func.count(Participant.id))
                .outerjoin(participant_groups, participant_groups.c.group_id == TripGroup.id)
                .outerjoin(
                    Participant,
                    (Participant.id == participant_groups.c.participant_id) & _IS_ACTIVE,
                )
                .where(TripGroup.trip_id == trip.id)
                .group_by(TripGroup.id, TripGroup.name, TripGroup.position)
                .order_by(TripGroup.position)
            ).all()
        )
        items = session.execute(
            select(func.count(AgendaItem.id)).where(AgendaItem.trip_id == trip.id)
        ).scalar_one()
        active_count = sum(
            n for status, n in statuses.items() if status != ParticipantStatus.CANCELLED
        )
        return TripOverview(
            trip=_summary(trip, active_count),
            by_status={status: statuses.get(status, 0) for status in ParticipantStatus},
            by_category={c: categories.get(c, 0) for c in ParticipantCategory},
            by_group=groups,
            agenda_item_count=items,
        )


def delete_trip(workspace: Workspace, reference: str | int) -> None:
    """Delete a trip with its registrations, programme and logistics.

    The directory (contacts, organizations, venues) stays: it serves other trips.
    """
    with workspace.transaction() as session:
        session.delete(_load_trip(session, reference))
