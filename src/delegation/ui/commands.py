"""Undoable edits: one QUndoCommand per user edit, each calling a service both ways."""

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from delegation.domain.errors import DelegationError

if TYPE_CHECKING:
    from delegation.services.workspace import Workspace


class EditContext(QObject):
    """What commands need: the database, the undo stack, and who to tell of a change."""

    changed = Signal(str)  # what changed: "trips", "participants", "agenda", "directory"
    failed = Signal(object)  # a DelegationError to show the user

    def __init__(self, workspace: "Workspace | None", parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.undo_stack = QUndoStack(self)

    def execute(self, command: "ServiceCommand") -> bool:
        """Do the edit now; only when it worked does it go on the undo stack."""
        try:
            command.do()
        except DelegationError as error:
            self.failed.emit(error)
            self.changed.emit(command.area)  # a conflict means what is shown is stale
            return False
        command.done_once = True
        self.undo_stack.push(command)
        self.changed.emit(command.area)
        return True


class ServiceCommand(QUndoCommand):
    """Subclasses implement do() and undo_it() with service calls, and name their area."""

    area = "trips"

    def __init__(self, context: EditContext, text: str) -> None:
        super().__init__(text)
        self.context = context
        self.workspace = context.workspace
        self.done_once = False

    def do(self) -> None:
        raise NotImplementedError

    def undo_it(self) -> None:
        raise NotImplementedError

    def _guarded(self, action: Callable[[], None]) -> None:
        # Qt calls undo()/redo(); an exception must not vanish in C++. If the database
        # moved on (a colleague's edit), this step can no longer be replayed.
        try:
            action()
        except DelegationError as error:
            self.setObsolete(True)
            self.context.failed.emit(error)
        self.context.changed.emit(self.area)

    def redo(self) -> None:
        if self.done_once:  # the first do() ran before the push
            self.done_once = False
            return
        self._guarded(self.do)

    def undo(self) -> None:
        self._guarded(self.undo_it)


class SaveRecordCommand(ServiceCommand):
    """Create a record, or change one; undo removes the new one or puts the old back.

    `save(record_id, expected_version, details, new_id)` returns a row with id and
    version; a record made again on redo gets its old id back (new_id), so that later
    commands on the stack still find it.
    """

    def __init__(
        self,
        context: EditContext,
        text: str,
        before,  # a row with id, details and version, or None for a new record
        details,
        save: Callable,
        remove: Callable[[int], object],
    ) -> None:
        super().__init__(context, text)
        self._id = before.id if before else None
        self._before = before.details if before else None
        self._version = before.version if before else None
        self._after = details
        self._save = save
        self._remove = remove

    def do(self) -> None:
        if self._before is None:
            row = self._save(None, None, self._after, self._id)
        else:
            row = self._save(self._id, self._version, self._after, None)
        self._id, self._version = row.id, row.version

    def undo_it(self) -> None:
        if self._before is None:
            self._remove(self._id)
        else:
            self._version = self._save(self._id, self._version, self._before, None).version
