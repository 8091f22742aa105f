"""Undoable edits of the programme."""

from delegation.i18n import _, current_language
from delegation.services import agenda as service
from delegation.services.agenda import AgendaItemDetails, AgendaItemRow
from delegation.ui.commands import EditContext, ServiceCommand


class AddAgendaItemCommand(ServiceCommand):
    area = "agenda"

    def __init__(
        self, context: EditContext, trip_id: int, details: AgendaItemDetails, text: str = ""
    ) -> None:
        super().__init__(
            context, text or _("Add “{title}”").format(title=details.title(current_language()))
        )
        self._trip_id = trip_id
        self._details = details
        self._removed: service.RemovedItem | None = None
        self.row: AgendaItemRow | None = None

    def do(self) -> None:
        if self._removed is None:
            self.row = service.add_item(self.workspace, self._trip_id, self._details)
        else:
            self.row = service.restore_item(self.workspace, self._removed)

    def undo_it(self) -> None:
        self._removed = service.remove_item(self.workspace, self.row.id)


class EditAgendaItemCommand(ServiceCommand):
    """Any change of an item: its editor, a move in time, a cancellation."""

    area = "agenda"

    def __init__(
        self,
        context: EditContext,
        before: AgendaItemRow,
        details: AgendaItemDetails,
        text: str = "",
    ) -> None:
        super().__init__(
            context, text or _("Edit “{title}”").format(title=details.title(current_language()))
        )
        self._id = before.id
        self._before = before.details
        self._after = details
        self._version: int | None = before.version

    def do(self) -> None:
        self._version = service.update_item(
            self.workspace, self._id, self._version, self._after
        ).version

    def undo_it(self) -> None:
        self._version = service.update_item(
            self.workspace, self._id, self._version, self._before
        ).version


class RemoveAgendaItemCommand(ServiceCommand):
    area = "agenda"

    def __init__(self, context: EditContext, row: AgendaItemRow) -> None:
        super().__init__(
            context, _("Remove “{title}”").format(title=row.details.title(current_language()))
        )
        self._id = row.id
        self._removed: service.RemovedItem | None = None

    def do(self) -> None:
        self._removed = service.remove_item(self.workspace, self._id)

    def undo_it(self) -> None:
        service.restore_item(self.workspace, self._removed)
