"""Undoable edits of the programme."""

from delegation.i18n import _, current_language
from delegation.services import agenda as service
from delegation.services.agenda import AgendaItemDetails, AgendaItemRow
from delegation.ui.commands import Describe, EditContext, RestorableCommand, SaveRecordCommand


class AddAgendaItemCommand(RestorableCommand):
    area = "agenda"

    def __init__(
        self,
        context: EditContext,
        trip_id: int,
        details: AgendaItemDetails,
        describe: Describe | None = None,
    ) -> None:
        super().__init__(
            context,
            describe
            or (lambda: _("Add “{title}”").format(title=details.title(current_language()))),
        )
        self._trip_id = trip_id
        self._details = details
        self.row: AgendaItemRow | None = None

    def first(self) -> None:
        self.row = service.add_item(self.workspace, self._trip_id, self._details)

    def take_out(self) -> service.RemovedItem:
        return service.remove_item(self.workspace, self.row.id)

    def put_back(self, taken: service.RemovedItem) -> None:
        self.row = service.restore_item(self.workspace, taken)


class EditAgendaItemCommand(SaveRecordCommand):
    """Any change of an item: its editor, a move in time, a cancellation."""

    area = "agenda"

    def __init__(
        self,
        context: EditContext,
        before: AgendaItemRow,
        details: AgendaItemDetails,
        describe: Describe | None = None,
    ) -> None:
        super().__init__(
            context,
            describe
            or (lambda: _("Edit “{title}”").format(title=details.title(current_language()))),
            before,
            details,
        )

    def save(self, record_id, expected, details, new_id) -> AgendaItemRow:
        return service.update_item(self.workspace, record_id, expected, details)


class RemoveAgendaItemCommand(RestorableCommand):
    area = "agenda"
    removes = True

    def __init__(self, context: EditContext, row: AgendaItemRow) -> None:
        super().__init__(
            context,
            lambda: _("Remove “{title}”").format(title=row.details.title(current_language())),
        )
        self._id = row.id

    def take_out(self) -> service.RemovedItem:
        return service.remove_item(self.workspace, self._id)

    def put_back(self, taken: service.RemovedItem) -> None:
        service.restore_item(self.workspace, taken)
