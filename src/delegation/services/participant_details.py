"""What an organiser edits about a participant, and what is wrong with it."""

from dataclasses import dataclass, replace
from datetime import date

from delegation.domain.enums import Language, ParticipantCategory, ParticipantStatus
from delegation.domain.errors import ValidationError
from delegation.domain.rules import (
    full_name,
    is_valid_country_code,
    is_valid_email,
    normalize_email,
)
from delegation.i18n import _
from delegation.persistence.roles import private_columns
from delegation.services.records import trimmed_text


@dataclass(frozen=True)
class ParticipantDetails:
    """What an organiser edits about a participant: the person and the registration."""

    last_name: str
    first_name: str = ""
    email: str | None = None
    civility: str | None = None
    phone: str | None = None
    organization: str | None = None
    job_title: str | None = None
    status: ParticipantStatus = ParticipantStatus.INVITED
    category: ParticipantCategory = ParticipantCategory.ENTREPRENEUR
    language: Language = Language.FRENCH
    group_codes: tuple[str, ...] = ()
    nationality: str | None = None
    birth_date: date | None = None  # sensitive
    dietary: str | None = None  # sensitive
    accessibility: str | None = None  # sensitive
    passport_number: str | None = None  # sensitive
    passport_expiry: date | None = None  # sensitive
    emergency_contact_name: str | None = None  # sensitive
    emergency_contact_phone: str | None = None  # sensitive
    room_id: int | None = None
    notes: str | None = None

    @property
    def full_name(self) -> str:
        return full_name(self.first_name, self.last_name)


# The private columns of the models (contacts' and participants'), by field name.
SENSITIVE_FIELDS = frozenset(name for names in private_columns().values() for name in names)


def clean_details(details: ParticipantDetails) -> ParticipantDetails:
    """Trim text, turn empty text into None, normalise email and country codes."""
    changes = trimmed_text(details, keep_empty=("last_name", "first_name"))
    email = normalize_email(details.email)
    if email != details.email:
        changes["email"] = email
    nationality = changes.get("nationality", details.nationality)
    if nationality and not str(nationality).isupper():
        changes["nationality"] = str(nationality).upper()
    if len(set(details.group_codes)) < len(details.group_codes):
        changes["group_codes"] = tuple(dict.fromkeys(details.group_codes))
    return replace(details, **changes) if changes else details


def validate_details(details: ParticipantDetails) -> list[ValidationError]:
    """Every problem with the details, each naming its field, for the editor to show."""
    return problems_of_clean(clean_details(details))


def problems_of_clean(details: ParticipantDetails) -> list[ValidationError]:
    """validate_details for details already through clean_details (an import's rows)."""
    problems = []
    if not details.last_name:
        problems.append(ValidationError("last_name", _("a last name is required")))
    if details.email and not is_valid_email(details.email):
        problems.append(ValidationError("email", _("not an email address")))
    if details.nationality and not is_valid_country_code(details.nationality):
        problems.append(
            ValidationError("nationality", _("use a two-letter ISO country code, e.g. EE"))
        )
    if details.passport_expiry and not details.passport_number:
        problems.append(
            ValidationError("passport_number", _("an expiry date needs a document number"))
        )
    return problems


def checked_details(details: ParticipantDetails) -> ParticipantDetails:
    problems = validate_details(details)
    if problems:
        raise problems[0]
    return clean_details(details)
