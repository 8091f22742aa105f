"""Undoable edits of trips and of the shared directory."""

import dataclasses

from delegation.i18n import _
from delegation.services import directory, made_trips, trip_copies, trip_logo, trips
from delegation.services.changes import Changes, Kind
from delegation.services.directory import VenueDetails, VenueRow
from delegation.services.expected import Unchanged
from delegation.services.made_trips import TripRecords
from delegation.services.summaries import NewTrip, TripSettings, TripSummary
from delegation.ui.commands import EditCommand, EditContext, RecordSave


def _made(records: TripRecords) -> Changes:
    """A trip made or taken back: the switcher lists it, or no longer."""
    made = {
        Kind.TRIP: frozenset({records.trip_id}),
        Kind.GROUP: records.group_ids,
        Kind.AGENDA_ITEM: records.item_ids,
        Kind.HOTEL: records.hotel_ids,
        Kind.ROOM: records.room_ids,
    }
    return Changes(records.trip_id, {kind: ids for kind, ids in made.items() if ids}, True)


class CreateTripCommand(EditCommand):
    """A new trip, or a copy of one as next year's template; undo deletes it.

    Redo puts it back as the undo took it, under the same ids, so that later steps still
    find its records.
    """

    def __init__(
        self,
        context: EditContext,
        new: NewTrip,
        template: int | None = None,
    ) -> None:
        super().__init__(
            context,
            lambda: (
                _("Duplicate trip as {key}") if template is not None else _("Create trip {key}")
            ).format(key=new.key),
        )
        self.trip_id = None  # the trip exists only once this step is done
        self._new = new
        self._template = template
        self._made: TripRecords | None = None
        self._taken: made_trips.RemovedTrip | None = None
        self.trip: TripSummary | None = None

    def do(self) -> None:
        if self._taken is not None:  # a redo: the trip made again comes to the screen
            self.trip = made_trips.restore_trip(self.workspace, self._taken)
            self._made = self._taken.records
            self.context.trip_needed.emit(self.trip.id)
        elif self._template is None:
            self.trip = trips.add_trip(self.workspace, self._new)
            self._made = TripRecords(self.trip.id)
        else:
            assert self._new.start_date is not None  # the editor refuses a trip without dates
            copy = trip_copies.duplicate_trip(
                self.workspace, self._template, self._new.key, self._new.title,
                self._new.start_date,
            )  # fmt: skip
            self.trip, self._made = copy.trip, copy.records
        self.changes = _made(self._made)

    def undo(self) -> None:
        # Later steps of the history are undone first; anything still in the trip
        # is someone else's work, and refuses the undo.
        assert self._made is not None
        self._taken = made_trips.remove_new_trip(self.workspace, self._made)


class EditTripSettingsCommand(EditCommand):
    """New title, dates, destination or time zones; with move_programme a new start date
    takes the programme and hotel nights along, and undo brings them back."""

    def __init__(
        self,
        context: EditContext,
        trip: TripSummary,
        settings: TripSettings,
        move_programme: bool,
    ) -> None:
        super().__init__(context, lambda: _("Edit trip {key}").format(key=trip.key))
        self.trip_id = trip.id
        self._version = trip.version
        self._before = trip.settings
        self._after = settings
        self._move = move_programme
        self._left: TripSettings | None = None  # the settings as this step last left them
        # The switcher shows each trip's title and dates, in the order of its start.
        listed = (settings.title, settings.start_date, settings.end_date) != (
            trip.settings.title, trip.settings.start_date, trip.settings.end_date
        )  # fmt: skip
        self.changes = Changes.of(trip.id, Kind.TRIP, [trip.id], trips_listed=listed)
        if move_programme and settings.start_date != trip.settings.start_date:
            self.changes |= Changes.of(trip.id, Kind.AGENDA_ITEM) | Changes.of(trip.id, Kind.HOTEL)

    def _set(self, settings: TripSettings) -> None:
        assert self.trip_id is not None
        expected = self._version if self._left is None else Unchanged(self._left)
        trip = trips.update_trip(
            self.workspace, self.trip_id, expected, dataclasses.asdict(settings),
            move_programme=self._move,
        )  # fmt: skip
        self._left = trip.settings

    def do(self) -> None:
        self._set(self._after)

    def changed_nothing(self) -> bool:
        return self._left == self._before

    def undo(self) -> None:
        self._set(self._before)


class SetTripLogoCommand(EditCommand):
    """A new logo on the trip's covers, or none; undo puts the one before back."""

    def __init__(self, context: EditContext, trip: TripSummary, logo: bytes | None) -> None:
        super().__init__(
            context,
            lambda: (
                _("Set the cover logo of {key}") if logo else _("Remove the cover logo of {key}")
            ).format(key=trip.key),
        )
        self.trip_id = trip.id
        self._version = trip.version
        self._after = logo
        self._before: bytes | None = None
        self._before_read = False
        self.changes = Changes.of(trip.id, Kind.TRIP, [trip.id])

    def _set(self, logo: bytes | None) -> None:
        assert self.trip_id is not None
        self._version = trip_logo.set_trip_logo(
            self.workspace, self.trip_id, self._version, logo
        ).version

    def do(self) -> None:
        assert self.trip_id is not None
        if not self._before_read:
            self._before = trip_logo.trip_logo(self.workspace, self.trip_id)
            self._before_read = True
        if self._before != self._after:
            self._set(self._after)

    def changed_nothing(self) -> bool:
        return self._before == self._after

    def undo(self) -> None:
        self._set(self._before)


class SaveVenueCommand(EditCommand):
    def __init__(
        self, context: EditContext, before: VenueRow | None, details: VenueDetails
    ) -> None:
        super().__init__(
            context,
            lambda: (_("Add venue {name}") if before is None else _("Edit venue {name}")).format(
                name=details.name
            ),
        )
        self.trip_id = None  # the directory serves every trip: no trip to bring back
        workspace = self.workspace
        self._save: RecordSave[VenueRow, VenueDetails, directory.RemovedVenue] = RecordSave(
            before,
            details,
            add=lambda new: directory.save_venue(workspace, None, None, new),
            update=lambda venue_id, expected, new: directory.save_venue(
                workspace, venue_id, expected, new
            ),
            remove=lambda venue_id: directory.remove_venue(workspace, venue_id),
            restore=lambda taken: directory.restore_venue(workspace, taken),
        )

    def do(self) -> None:
        row = self._save.do()
        self.changes = Changes.of(None, Kind.VENUE, [row.id])

    def undo(self) -> None:
        self._save.undo()

    def changed_nothing(self) -> bool:
        return self._save.changed_nothing()
