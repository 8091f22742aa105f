"""Undoable edits of trips and of the shared directory."""

from delegation.i18n import _
from delegation.services import directory, trips
from delegation.services.directory import VenueDetails, VenueRow
from delegation.services.summaries import NewTrip, TripSummary
from delegation.ui.commands import EditContext, ServiceCommand


class CreateTripCommand(ServiceCommand):
    """A new trip, or a copy of one as next year's template; undo deletes it."""

    area = "trips"

    def __init__(
        self,
        context: EditContext,
        new: NewTrip,
        template: int | None = None,
    ) -> None:
        text = (
            _("Duplicate trip as {key}") if template is not None else _("Create trip {key}")
        ).format(key=new.key)
        super().__init__(context, text)
        self._new = new
        self._template = template
        self.trip: TripSummary | None = None

    def do(self) -> None:
        if self._template is None:
            self.trip = trips.add_trip(self.workspace, self._new)
        else:
            self.trip = trips.duplicate_trip(
                self.workspace,
                self._template,
                self._new.key,
                self._new.title,
                self._new.start_date,
            )

    def undo_it(self) -> None:
        # Nothing else can hang on a trip made by this command but later commands,
        # which the undo stack has undone first.
        trips.delete_trip(self.workspace, self.trip.id)


class SaveVenueCommand(ServiceCommand):
    area = "directory"

    def __init__(
        self, context: EditContext, before: VenueRow | None, details: VenueDetails
    ) -> None:
        text = _("Add venue {name}") if before is None else _("Edit venue {name}")
        super().__init__(context, text.format(name=details.name))
        self._id = before.id if before else None
        self._before = before.details if before else None
        self._after = details
        self._version = before.version if before else None

    def do(self) -> None:
        if self._before is None:  # a new venue; on redo, back under the same id
            row = directory.save_venue(self.workspace, None, None, self._after, new_id=self._id)
        else:
            row = directory.save_venue(self.workspace, self._id, self._version, self._after)
        self._id, self._version = row.id, row.version

    def undo_it(self) -> None:
        if self._before is None:
            directory.delete_venue(self.workspace, self._id)
        else:
            row = directory.save_venue(self.workspace, self._id, self._version, self._before)
            self._version = row.version
