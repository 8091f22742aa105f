"""What an edit changed: in which trip, which kinds of records, and which of them."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """The kinds of records an edit can change, as the pages that show them see them."""

    TRIP = "trip"  # the trip's own settings: title, dates, time zone, logo
    PARTICIPANT = "participant"  # a registration: status, details, groups, room
    CONTACT = "contact"  # a person or organisation of the directory
    GROUP = "group"
    AGENDA_ITEM = "agenda_item"
    VENUE = "venue"  # a venue and its hosts, in the directory
    HOTEL = "hotel"
    ROOM = "room"
    SEGMENT = "segment"  # a journey leg


@dataclass(frozen=True)
class Changes:
    """A set of changed records. `ids[kind]` is None when the edit may have touched any
    record of that kind (an import, a trip's dates moving its programme)."""

    trip_id: int | None = None  # None: records that belong to no one trip (the directory)
    ids: Mapping[Kind, frozenset[int] | None] = field(default_factory=dict)
    trips_listed: bool = False  # trips were made, deleted or renamed: the switcher reads again
    by: str | None = None  # who made them, when not this program's user (a colleague)

    @classmethod
    def of(
        cls, trip_id: int | None, kind: Kind, ids: Iterable[int] | None = None, **more
    ) -> "Changes":
        """Changes of one kind: these ids, or (None) any record of it."""
        return cls(trip_id, {kind: None if ids is None else frozenset(ids)}, **more)

    @classmethod
    def everything(
        cls, trip_id: int | None, *, trips_listed: bool = False, by: str | None = None
    ) -> "Changes":
        """Any record of the trip may have changed: every page reads it again."""
        return cls(trip_id, dict.fromkeys(Kind), trips_listed, by)

    def touches(self, *kinds: Kind) -> bool:
        return any(kind in self.ids for kind in kinds)

    def ids_of(self, kind: Kind) -> frozenset[int] | None:
        """The ids of that kind that changed; None when any may have (or none did: see
        `touches`)."""
        return self.ids.get(kind)

    def __or__(self, other: "Changes") -> "Changes":
        """Both changes, as one; records of two trips become the first one's (the window
        shows one trip at a time and reads another one whole when it shows it)."""
        merged: dict[Kind, frozenset[int] | None] = dict(self.ids)
        for kind, ids in other.ids.items():
            if kind in merged:
                mine = merged[kind]
                merged[kind] = None if mine is None or ids is None else mine | ids
            else:
                merged[kind] = ids
        trip_id = self.trip_id if self.trip_id is not None else other.trip_id
        return Changes(
            trip_id, merged, self.trips_listed or other.trips_listed, other.by or self.by
        )
