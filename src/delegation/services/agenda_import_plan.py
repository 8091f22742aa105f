"""What a programme import will do: the items it makes and changes, and the venues it
finds in the directory or adds to it, the same way when the file is read and written."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from delegation.i18n import _, current_language
from delegation.interchange.columns import fold
from delegation.persistence.models import AgendaItem, Trip, Venue
from delegation.services.agenda import AgendaItemDetails
from delegation.services.import_groups import NewGroup
from delegation.services.imports import FieldChange, ImportProblem, PlanCounts
from delegation.services.source_files import SourceFile


@dataclass(frozen=True)
class PlannedItem:
    line: int
    details: AgendaItemDetails  # venue and host still by name, below
    venue: str | None
    address: str | None
    host: str | None
    item_id: int | None = None  # the item it updates; None: a new one
    version: int | None = None
    differences: tuple[FieldChange, ...] = ()  # for an update, what it changes

    @property
    def label(self) -> str:
        return _("“{title}”").format(title=self.details.title(current_language()))


@dataclass(frozen=True)
class AgendaImportPlan(PlanCounts):
    trip_id: int
    file: SourceFile
    creations: tuple[PlannedItem, ...]
    changes: tuple[PlannedItem, ...]
    unchanged: int
    problems: tuple[ImportProblem, ...]
    new_groups: tuple[NewGroup, ...] = ()
    new_venues: tuple[str, ...] = ()  # the venues it adds to the directory, once each
    known_ids: frozenset[int] = frozenset()  # the trip's items when the file was read

    def changed_ids(self) -> list[int]:
        """The items the changes update, in their order."""
        return [row.item_id for row in self.changes if row.item_id is not None]


@dataclass(frozen=True)
class KnownVenues:
    """Venues by normalised address and by normalised name. The directory serves every
    trip: a name alone ("Résidence de France") finds only a venue of the trip's city (or
    of no city) or one its programme uses, and only when the addresses do not differ."""

    by_name: dict[str, int]
    by_address: dict[str, int]
    address_of: dict[int, str]

    @classmethod
    def read(cls, session: Session, trip: Trip | None = None) -> "KnownVenues":
        known = cls({}, {}, {})
        used = set(
            session.scalars(select(AgendaItem.venue_id).where(AgendaItem.trip_id == trip.id))
            if trip is not None
            else ()
        )
        for venue_id, name, address, city in session.execute(
            select(Venue.id, Venue.name, Venue.address, Venue.city).order_by(Venue.id)
        ):
            nearby = (
                trip is None
                or venue_id in used
                or not city
                or fold(city) == fold(trip.destination_city)
            )
            known.add(venue_id, name if nearby else None, address)
        return known

    def find(self, name: str | None, address: str | None) -> int | None:
        place = fold(address or "")
        if place in self.by_address:
            return self.by_address[place]
        found = self.by_name.get(fold(name or ""))
        if found is not None and place and self.address_of.get(found, place) != place:
            return None  # the same name elsewhere
        return found

    def add(self, venue_id: int, name: str | None, address: str | None) -> None:
        place = fold(address or "")
        if name:
            self.by_name[fold(name)] = venue_id  # a name found alone: its newest venue
        if place:
            self.by_address.setdefault(place, venue_id)
            self.address_of[venue_id] = place
