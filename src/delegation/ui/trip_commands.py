"""Undoable edits of trips and of the shared directory."""

import dataclasses

from delegation.i18n import _
from delegation.services import directory, trip_copies, trip_logo, trips
from delegation.services.directory import VenueDetails, VenueRow
from delegation.services.expected import Unchanged
from delegation.services.summaries import NewTrip, TripSettings, TripSummary
from delegation.ui.commands import EditContext, SaveRecordCommand, ServiceCommand


class CreateTripCommand(ServiceCommand):
    """A new trip, or a copy of one as next year's template; undo deletes it.

    Redo makes it again under the same ids, so that later steps still find its records.
    """

    area = "trips"

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
        self._ids = trip_copies.CopyIds()
        self.trip: TripSummary | None = None

    def do(self) -> None:
        again = self._ids.trip is not None
        if self._template is None:
            self.trip = trips.add_trip(self.workspace, self._new, new_id=self._ids.trip)
            self._ids.trip = self.trip.id
        else:
            self.trip = trip_copies.duplicate_trip(
                self.workspace,
                self._template,
                self._new.key,
                self._new.title,
                self._new.start_date,
                ids=self._ids,
            )
        if again:  # a redo: the trip made again comes to the screen
            self.context.trip_needed.emit(self.trip.id)

    def undo_it(self) -> None:
        # Later steps of the history are undone first; anything still in the trip
        # is someone else's work, and refuses the undo.
        trip_copies.undo_trip_creation(self.workspace, self._ids)


class EditTripSettingsCommand(ServiceCommand):
    """New title, dates, destination or time zones; with move_programme a new start date
    takes the programme and hotel nights along, and undo brings them back."""

    area = "trips"

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

    def _set(self, settings: TripSettings) -> None:
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

    def undo_it(self) -> None:
        self._set(self._before)


class SetTripLogoCommand(ServiceCommand):
    """A new logo on the trip's covers, or none; undo puts the one before back."""

    area = "trips"

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

    def _set(self, logo: bytes | None) -> None:
        self._version = trip_logo.set_trip_logo(
            self.workspace, self.trip_id, self._version, logo
        ).version

    def do(self) -> None:
        if not self.done_once:
            self._before = trip_logo.trip_logo(self.workspace, self.trip_id)
        if self._before != self._after:
            self._set(self._after)

    def changed_nothing(self) -> bool:
        return self._before == self._after

    def undo_it(self) -> None:
        self._set(self._before)


class SaveVenueCommand(SaveRecordCommand):
    area = "directory"

    def __init__(
        self, context: EditContext, before: VenueRow | None, details: VenueDetails
    ) -> None:
        super().__init__(
            context,
            lambda: (_("Add venue {name}") if before is None else _("Edit venue {name}")).format(
                name=details.name
            ),
            before,
            details,
        )
        self.trip_id = None  # the directory serves every trip: no trip to bring back

    def save(self, record_id, expected, details, new_id) -> VenueRow:
        return directory.save_venue(self.workspace, record_id, expected, details, new_id=new_id)

    def remove(self, record_id: int) -> None:
        directory.delete_venue(self.workspace, record_id)
