"""How the enums of the domain are named to a user, in the language in force."""

from collections.abc import Callable
from typing import Any

from delegation.domain.enums import (
    AgendaKind,
    AgendaStatus,
    Language,
    ParticipantCategory,
    ParticipantStatus,
    RoomType,
    TravelDirection,
    TravelMode,
)
from delegation.i18n.translation import N_, _

_STATUS_LABELS = {
    ParticipantStatus.INVITED: N_("Invited"),
    ParticipantStatus.CONFIRMED: N_("Confirmed"),
    ParticipantStatus.WAITLISTED: N_("Waiting list"),
    ParticipantStatus.CANCELLED: N_("Cancelled"),
}
_CATEGORY_LABELS = {
    ParticipantCategory.ENTREPRENEUR: N_("Entrepreneur"),
    ParticipantCategory.ACADEMIC: N_("Academic"),
    ParticipantCategory.INSTITUTIONAL: N_("Institutional"),
    ParticipantCategory.STAFF: N_("Staff"),
    ParticipantCategory.PRESS: N_("Press"),
}


def status_label(status: ParticipantStatus) -> str:
    return _(_STATUS_LABELS[status])


def category_label(category: ParticipantCategory) -> str:
    return _(_CATEGORY_LABELS[category])


def language_label(language: str) -> str:
    """A participant's language (fr, en) by its name."""
    return _("French") if language == "fr" else _("English")


_KIND_LABELS = {
    AgendaKind.VISIT: N_("Visit"),
    AgendaKind.MEETING: N_("Meeting"),
    AgendaKind.MEAL: N_("Meal"),
    AgendaKind.TRANSPORT: N_("Transport"),
    AgendaKind.CONFERENCE: N_("Conference"),
    AgendaKind.RECEPTION: N_("Reception"),
    AgendaKind.FREE_TIME: N_("Free time"),
}
_AGENDA_STATUS_LABELS = {
    AgendaStatus.TENTATIVE: N_("Tentative"),
    AgendaStatus.CONFIRMED: N_("Confirmed"),
    AgendaStatus.CANCELLED: N_("Cancelled"),
}
_MODE_LABELS = {
    TravelMode.FLIGHT: N_("Flight"),
    TravelMode.TRAIN: N_("Train"),
    TravelMode.COACH: N_("Coach"),
    TravelMode.FERRY: N_("Ferry"),
    TravelMode.CAR: N_("Car"),
}
_DIRECTION_LABELS = {
    TravelDirection.OUTBOUND: N_("Outbound"),
    TravelDirection.RETURN: N_("Return"),
    TravelDirection.LOCAL: N_("Local"),
}
_ROOM_TYPE_LABELS = {
    RoomType.SINGLE: N_("Single"),
    RoomType.DOUBLE: N_("Double"),
    RoomType.TWIN: N_("Twin"),
}


def kind_label(kind: AgendaKind) -> str:
    return _(_KIND_LABELS[kind])


def agenda_status_label(status: AgendaStatus) -> str:
    return _(_AGENDA_STATUS_LABELS[status])


def travel_mode_label(mode: TravelMode) -> str:
    return _(_MODE_LABELS[mode])


def direction_label(direction: TravelDirection) -> str:
    return _(_DIRECTION_LABELS[direction])


def room_type_label(room_type: RoomType) -> str:
    return _(_ROOM_TYPE_LABELS[room_type])


# How each field an importer fills is called to a user.
_FIELD_LABELS = {
    "civility": N_("Salutation"),
    "first_name": N_("First name"),
    "full_name": N_("Full name"),
    "last_name": N_("Last name"),
    "email": N_("Email"),
    "organization": N_("Organization"),
    "job_title": N_("Function"),
    "phone": N_("Phone"),
    "category": N_("Category"),
    "status": N_("Status"),
    "groups": N_("Groups"),
    "dietary": N_("Dietary needs"),
    "accessibility": N_("Accessibility"),
    "nationality": N_("Nationality"),
    "birth_date": N_("Date of birth"),
    "passport_number": N_("Passport number"),
    "passport_expiry": N_("Passport expiry"),
    "emergency_contact_name": N_("Emergency contact"),
    "emergency_contact_phone": N_("Emergency phone"),
    "language": N_("Language"),
    "notes": N_("Notes"),
    "date": N_("Date"),
    "start": N_("Start"),
    "end": N_("End"),
    "title": N_("Title"),
    "kind": N_("Type"),
    "venue": N_("Venue"),
    "address": N_("Address"),
    "host": N_("Host"),
    "reference": N_("Reference"),
}


def value_label(value: object) -> str | None:
    """A listed value of a record (status, category, language, kind) as a user calls it;
    None for any other value."""
    labels: dict[type, Callable[[Any], str]] = {
        AgendaKind: kind_label,
        AgendaStatus: agenda_status_label,
        ParticipantStatus: status_label,
        ParticipantCategory: category_label,
        Language: language_label,
    }
    label = labels.get(type(value))
    return label(value) if label else None


def field_label(name: str) -> str:
    """An importer's field (first_name, birth_date…) as a user calls it."""
    return _(_FIELD_LABELS[name]) if name in _FIELD_LABELS else name
