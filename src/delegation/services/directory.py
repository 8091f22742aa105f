"""The association's network shared by all trips: contacts, organizations, venues."""

from collections.abc import Sequence
from dataclasses import dataclass, fields
from functools import partial

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from delegation.domain.errors import NotFoundError, ValidationError
from delegation.domain.rules import full_name
from delegation.i18n import _
from delegation.persistence.models import (
    AgendaItem,
    Contact,
    Organization,
    Participant,
    Trip,
    Venue,
)
from delegation.services.expected import Expected
from delegation.services.listing import WHOLE_LIST_FROM, Listing
from delegation.services.records import load_for_edit
from delegation.services.workspace import Workspace


@dataclass(frozen=True)
class ContactRow:
    id: int
    first_name: str
    last_name: str
    email: str | None
    phone: str | None
    organization_id: int | None
    organization: str | None
    job_title: str | None
    trips: tuple[str, ...]  # keys of the trips this person registered for

    @property
    def full_name(self) -> str:
        return full_name(self.first_name, self.last_name)


def list_contacts(workspace: Workspace) -> list[ContactRow]:
    with workspace.reading() as session:
        return _contacts_where(session)


def _contacts_where(session: Session, *conditions) -> list[ContactRow]:
    """Plain columns in the order of ContactRow's fields: 100,000 contacts read in a third
    of the time their ORM objects took."""
    membership = (
        select(Participant.contact_id, Trip.key)
        .join(Trip, Trip.id == Participant.trip_id)
        .order_by(Trip.start_date)
    )
    if conditions:
        membership = membership.join(Contact, Contact.id == Participant.contact_id).where(
            *conditions
        )
    trips: dict[int, list[str]] = {}
    for contact_id, key in session.connection().execute(membership):
        trips.setdefault(contact_id, []).append(key)
    records = session.connection().execute(
        select(
            Contact.id,
            Contact.first_name,
            Contact.last_name,
            Contact.email,
            Contact.phone,
            Contact.organization_id,
            Organization.name,
            Contact.job_title,
        )
        .outerjoin(Organization, Organization.id == Contact.organization_id)
        .where(*conditions)
        .order_by(Contact.last_name, Contact.first_name)
    )
    return [ContactRow(*record, tuple(trips.get(record[0], ()))) for record in records]


def contact_searched_fields(row: ContactRow) -> tuple[str, str, str, str]:
    """What the directory's table searches in a contact, field by field, as a listing gives
    them for the contacts it has not read."""
    return (row.first_name, row.last_name, row.organization or "", row.email or "")


def contact_listing(workspace: Workspace) -> Listing[ContactRow]:
    """The directory for its table: half the time of reading every contact whole, or less."""
    with workspace.reading() as session:
        records = session.connection().execute(
            select(
                Contact.id,
                Contact.first_name,
                Contact.last_name,
                func.coalesce(Organization.name, ""),
                func.coalesce(Contact.email, ""),
            )
            .outerjoin(Organization, Organization.id == Contact.organization_id)
            .order_by(Contact.last_name, Contact.first_name)  # as listed whole
        )
        # Fetched at once, then turned into columns: iterating the result row by row would
        # take most of the time.
        ids, *searched = list(zip(*records.all(), strict=True)) or [(), (), (), (), ()]
    return Listing(ids, searched, partial(read_contacts, workspace))


def read_contacts(workspace: Workspace, contact_ids: Sequence[int]) -> list[ContactRow]:
    """These contacts as the directory shows them, those removed left out."""
    with workspace.reading() as session:
        if len(contact_ids) > WHOLE_LIST_FROM:
            wanted = set(contact_ids)
            return [row for row in _contacts_where(session) if row.id in wanted]
        rows: list[ContactRow] = []
        for start in range(0, len(contact_ids), 500):
            chunk = list(contact_ids[start : start + 500])
            rows += _contacts_where(session, Contact.id.in_(chunk))
        return rows


@dataclass(frozen=True)
class OrganizationRow:
    id: int
    name: str


def list_organizations(workspace: Workspace) -> list[OrganizationRow]:
    with workspace.reading() as session:
        return [
            OrganizationRow(id, name)
            for id, name in session.execute(
                select(Organization.id, Organization.name).order_by(Organization.name)
            )
        ]


def list_organization_contacts(workspace: Workspace, organization_id: int) -> list[ContactRow]:
    return [c for c in list_contacts(workspace) if c.organization_id == organization_id]


@dataclass(frozen=True)
class VenueDetails:
    name: str
    address: str | None = None
    city: str | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    contact_name: str | None = None
    contact_phone: str | None = None
    contact_email: str | None = None
    capacity: int | None = None
    identity_list_required: bool = False
    notes: str | None = None


@dataclass(frozen=True)
class VenueRow:
    id: int
    details: VenueDetails
    use_count: int  # agenda items held there, all trips together
    version: int


def _details(venue: Venue) -> VenueDetails:
    return VenueDetails(**{f.name: getattr(venue, f.name) for f in fields(VenueDetails)})


def list_venues(workspace: Workspace) -> list[VenueRow]:
    with workspace.reading() as session:
        uses = dict(
            session.execute(
                select(AgendaItem.venue_id, func.count()).group_by(AgendaItem.venue_id)
            ).all()
        )
        return [
            VenueRow(venue.id, _details(venue), uses.get(venue.id, 0), venue.version)
            for venue in session.scalars(select(Venue).order_by(Venue.name))
        ]


def validate_venue(details: VenueDetails) -> list[ValidationError]:
    problems = []
    if not details.name.strip():
        problems.append(ValidationError("name", _("a name is required")))
    if (details.latitude is None) != (details.longitude is None):
        problems.append(ValidationError("latitude", _("give both latitude and longitude")))
    if details.latitude is not None and not -90 <= details.latitude <= 90:
        problems.append(ValidationError("latitude", _("a latitude lies between -90 and 90")))
    if details.longitude is not None and not -180 <= details.longitude <= 180:
        problems.append(ValidationError("longitude", _("a longitude lies between -180 and 180")))
    if details.capacity is not None and details.capacity <= 0:
        problems.append(ValidationError("capacity", _("a capacity must be a positive number")))
    return problems


def save_venue(
    workspace: Workspace,
    venue_id: int | None,
    expected: Expected,
    details: VenueDetails,
) -> VenueRow:
    """Create a venue (no id) or change one, refusing a stale edit."""
    problems = validate_venue(details)
    if problems:
        raise problems[0]
    with workspace.transaction() as session:
        if venue_id is None:
            venue = Venue(name=details.name)
            session.add(venue)
        else:
            venue = load_for_edit(
                session, Venue, venue_id, expected,
                missing=_("this venue no longer exists"), name=lambda v: v.name, details=_details,
            )  # fmt: skip
        for field in fields(details):
            value = getattr(details, field.name)
            setattr(venue, field.name, value.strip() or None if isinstance(value, str) else value)
        venue.name = details.name.strip()
        session.flush()
        return VenueRow(venue.id, _details(venue), 0, venue.version)


@dataclass(frozen=True)
class RemovedVenue:
    """A venue taken out of the directory, and the programme items held there."""

    row: VenueRow
    item_ids: tuple[int, ...]


def remove_venue(workspace: Workspace, venue_id: int) -> RemovedVenue:
    """Remove a venue; the programme items held there keep their place, without venue."""
    with workspace.transaction() as session:
        venue = session.get(Venue, venue_id)
        if venue is None:
            raise NotFoundError(_("this venue no longer exists"))
        items = tuple(session.scalars(select(AgendaItem.id).where(AgendaItem.venue_id == venue_id)))
        removed = RemovedVenue(
            VenueRow(venue.id, _details(venue), len(items), venue.version), items
        )
        session.delete(venue)
        return removed


def restore_venue(workspace: Workspace, removed: RemovedVenue) -> VenueRow:
    """Undo a removal (or redo an addition): the venue under its id, and the items that
    were held there and still have no venue held there again."""
    with workspace.transaction() as session:
        venue = Venue(id=removed.row.id)
        session.add(venue)
        for field in fields(VenueDetails):
            setattr(venue, field.name, getattr(removed.row.details, field.name))
        session.flush()
        items = session.scalars(
            select(AgendaItem).where(
                AgendaItem.id.in_(removed.item_ids), AgendaItem.venue_id.is_(None)
            )
        ).all()
        for item in items:
            item.venue_id = venue.id
        return VenueRow(venue.id, _details(venue), len(items), venue.version)
