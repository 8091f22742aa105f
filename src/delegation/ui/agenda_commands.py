"""Undoable edits of the programme."""

from delegation.i18n import _, current_language
from delegation.services import agenda as service
from delegation.services.agenda import AgendaItemDetails, AgendaItemRow
from delegation.services.changes import Changes, Kind
from delegation.ui.commands import Describe, EditCommand, EditContext, RecordSave


class AddAgendaItemCommand(EditCommand):
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
        self._taken: service.RemovedItem | None = None
        self.row: AgendaItemRow | None = None

    def do(self) -> None:
        if self._taken is None:
            self.row = service.add_item(self.workspace, self._trip_id, self._details)
        else:  # a redo: the same id and calendar UID
            self.row = service.restore_item(self.workspace, self._taken)
        self.changes = Changes.of(self._trip_id, Kind.AGENDA_ITEM, [self.row.id])

    def undo(self) -> None:
        assert self.row is not None
        self._taken = service.remove_item(self.workspace, self.row.id)


class EditAgendaItemCommand(EditCommand):
    """Any change of an item: its editor, a move in time, a cancellation."""

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
        )
        workspace = self.workspace
        self._save: RecordSave[AgendaItemRow, AgendaItemDetails, None] = RecordSave(
            before,
            details,
            update=lambda item_id, expected, new: service.update_item(
                workspace, item_id, expected, new
            ),
        )
        self.changes = Changes.of(before.trip_id, Kind.AGENDA_ITEM, [before.id])

    def do(self) -> None:
        self._save.do()

    def undo(self) -> None:
        self._save.undo()

    def changed_nothing(self) -> bool:
        return self._save.changed_nothing()


class RemoveAgendaItemCommand(EditCommand):
    def __init__(self, context: EditContext, row: AgendaItemRow) -> None:
        super().__init__(
            context,
            lambda: _("Remove “{title}”").format(title=row.details.title(current_language())),
        )
        self._id = row.id
        self._taken: service.RemovedItem | None = None
        self.changes = Changes.of(row.trip_id, Kind.AGENDA_ITEM, [row.id])

    def do(self) -> None:
        self._taken = service.remove_item(self.workspace, self._id)

    def undo(self) -> None:
        assert self._taken is not None
        service.restore_item(self.workspace, self._taken)
