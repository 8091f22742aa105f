"""Undoable edits of trips and of the shared directory."""

from delegation.i18n import _
from delegation.services import directory, trips
from delegation.services.directory import VenueDetails, VenueRow
from delegation.services.summaries import NewTrip, TripSummary
from delegation.ui.commands import EditContext, SaveRecordCommand, ServiceCommand


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


class SaveVenueCommand(SaveRecordCommand):
    area = "directory"

    def __init__(
        self, context: EditContext, before: VenueRow | None, details: VenueDetails
    ) -> None:
        text = _("Add venue {name}") if before is None else _("Edit venue {name}")
        workspace = context.workspace
        super().__init__(
            context,
            text.format(name=details.name),
            before,
            details,
            lambda venue_id, version, d, new_id: directory.save_venue(
                workspace, venue_id, version, d, new_id=new_id
            ),
            lambda venue_id: directory.delete_venue(workspace, venue_id),
        )
