"""The directory contact behind a registration: written from its details, its organization
found by name (and dropped when nobody uses it), its state kept for undo and redo."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from delegation.domain.errors import ValidationError
from delegation.i18n import _
from delegation.persistence.models import (
    AgendaItem,
    Contact,
    Organization,
    Participant,
)
from delegation.services.participant_details import ParticipantDetails
from delegation.services.records import changed_since_step


def organization_named(session: Session, name: str | None) -> Organization | None:
    if not name:
        return None
    # An import writes thousands of rows in one transaction: each name is looked up once.
    known = session.info.setdefault("organizations", {})
    organization = known.get(name)
    if organization is None:
        organization = session.scalar(select(Organization).where(Organization.name == name))
        if organization is None:
            organization = Organization(name=name)
            session.add(organization)
        known[name] = organization
    return organization


def write_contact(
    session: Session, contact: Contact, details: ParticipantDetails, *, fill_only: bool = False
) -> None:
    """The person's details on their directory contact; fill_only keeps what the
    directory knows where the details say nothing."""
    if details.email and details.email != contact.email:
        owner = session.scalar(select(Contact.id).where(Contact.email == details.email))
        if owner is not None and owner != contact.id:
            raise ValidationError(
                "email",
                _("this email belongs to another contact: {email}").format(email=details.email),
            )
    values = {
        "last_name": details.last_name,
        "first_name": details.first_name,
        "email": details.email,
        "civility": details.civility,
        "phone": details.phone,
        "job_title": details.job_title,
        "birth_date": details.birth_date,
    }
    for name, value in values.items():
        if not fill_only or (value and not getattr(contact, name)):
            setattr(contact, name, value)
    if not fill_only or (details.organization and contact.organization is None):
        set_organization(session, contact, details.organization)


def set_organization(session: Session, contact: Contact, name: str | None) -> None:
    """The contact's organization by name; one that no longer serves anybody goes."""
    previous = contact.organization
    if (previous.name if previous else None) == (name or None):
        return  # names are unique: the same one, and no query to find it
    contact.organization = organization_named(session, name)
    if previous is not None and previous is not contact.organization:
        session.flush()
        drop_if_unused(session, previous)


def drop_if_unused(session: Session, organization: Organization) -> None:
    if organization.id is None:
        return
    used = session.scalar(
        select(Contact.id).where(Contact.organization_id == organization.id).limit(1)
    ) or session.scalar(
        select(AgendaItem.id).where(AgendaItem.host_organization_id == organization.id).limit(1)
    )
    if used is None:
        session.info.get("organizations", {}).pop(organization.name, None)
        session.delete(organization)


_CONTACT_FIELDS = (
    "civility", "first_name", "last_name", "email", "phone", "job_title", "language",
    "nationality", "birth_date", "notes",
)  # fmt: skip


@dataclass(frozen=True)
class ContactState:
    """A directory contact as it was, to put back under the same id on undo or redo.

    The organization is kept by name: an organization only this contact used goes
    with an undo, and comes back with a redo.
    """

    id: int
    values: tuple[tuple[str, object], ...]
    organization: str | None


def contact_state(contact: Contact) -> ContactState:
    return ContactState(
        contact.id,
        tuple((name, getattr(contact, name)) for name in _CONTACT_FIELDS),
        contact.organization.name if contact.organization else None,
    )


def put_contact(session: Session, state: ContactState) -> None:
    contact = session.get(Contact, state.id)
    if contact is None:
        contact = Contact(id=state.id)
        session.add(contact)
    for name, value in state.values:
        setattr(contact, name, value)
    set_organization(session, contact, state.organization)
    session.flush()


def check_contact_unchanged(contact: Contact, expected: ContactState) -> None:
    if contact_state(contact) != expected:
        raise changed_since_step(contact.full_name, contact)


def same_person(contact: Contact, details: ParticipantDetails) -> bool:
    def folded(text: str | None) -> str:
        return " ".join((text or "").split()).casefold()

    return folded(contact.last_name) == folded(details.last_name) and (
        folded(contact.first_name) == folded(details.first_name)
        or not contact.first_name
        or not details.first_name
    )


def drop_unused_contacts(session: Session, contact_ids: list[int]) -> None:
    """Delete these contacts if nothing uses them any more, and their organizations too."""
    for contact_id in contact_ids:
        contact = session.get(Contact, contact_id)
        if contact is None or _contact_in_use(session, contact_id):
            continue
        organization = contact.organization
        session.delete(contact)
        session.flush()
        if organization is not None:
            drop_if_unused(session, organization)


def _contact_in_use(session: Session, contact_id: int) -> bool:
    return (
        session.scalar(select(Participant.id).where(Participant.contact_id == contact_id).limit(1))
        is not None
        or session.scalar(
            select(AgendaItem.id).where(AgendaItem.host_contact_id == contact_id).limit(1)
        )
        is not None
    )
