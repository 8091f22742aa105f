"""Undoable edits: one QUndoCommand per user edit, each calling a service both ways."""

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from delegation.domain.errors import DelegationError, ValidationError
from delegation.services.changes import Changes, Kind
from delegation.services.expected import Expected, Unchanged

if TYPE_CHECKING:
    from delegation.services.workspace import Workspace

_AREA_KINDS = {
    "trips": tuple(Kind),
    "participants": (Kind.PARTICIPANT, Kind.CONTACT),
    "agenda": (Kind.AGENDA_ITEM,),
    "directory": (Kind.VENUE, Kind.CONTACT),
    "logistics": (Kind.HOTEL, Kind.ROOM, Kind.SEGMENT),
}
Describe = Callable[[], str]  # a command's name in the current language, for Edit > Undo


class EditContext(QObject):
    """What commands need: the database, the undo stack, and who to tell of a change.

    One history serves every trip; each step remembers the trip it was made in, and
    undoing or redoing it first brings that trip to the screen (`trip_needed`).
    """

    changed = Signal(object)  # the Changes an edit (or its undo) made
    failed = Signal(object)  # a DelegationError to show the user; nothing was saved
    trip_needed = Signal(int)  # a step of another trip is about to be undone or redone

    def __init__(self, workspace: "Workspace | None", parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.trip_id: int | None = None  # the trip on screen, which new steps belong to
        self.undo_stack = QUndoStack(self)

    def execute(
        self,
        command: "ServiceCommand",
        refused: Callable[[ValidationError], None] | None = None,
    ) -> bool:
        """Do the edit now; only when it worked, and changed something, is it kept.

        A refusal of what the user typed goes to `refused` when given (an editor still
        open), any other failure to `failed`.
        """
        try:
            command.do()
        except ValidationError as error:
            (refused or self.failed.emit)(error)
            return False
        except DelegationError as error:
            command.failed_beyond_input = True
            self.failed.emit(error)
            return False
        self.record(command)
        return True

    def record(self, command: "ServiceCommand") -> None:
        """A command whose do() has just worked joins the history, unless it changed
        nothing, and the window hears what it changed."""
        if command.changed_nothing():
            return
        command.done_once = True
        self.undo_stack.push(command)
        self.changed.emit(command.changes())

    def report(self, error: DelegationError) -> None:
        """A failure found before any command ran (a move off its day), for the window."""
        self.failed.emit(error)

    def retranslate(self) -> None:
        """Name every step of the history again, in the language just chosen."""
        for index in range(self.undo_stack.count()):
            command = self.undo_stack.command(index)
            if isinstance(command, ServiceCommand):
                command.setText(command.describe())


class ServiceCommand(QUndoCommand):
    """Subclasses implement do() and undo_it() with service calls, and name their area."""

    area = "trips"

    def __init__(self, context: EditContext, describe: Describe) -> None:
        super().__init__(describe())
        self.describe = describe
        self.context = context
        self.workspace = context.workspace
        self.trip_id = context.trip_id
        self.done_once = False
        self.failed_beyond_input = False  # set when do() failed for a reason other than input

    def changes(self) -> Changes:
        kinds = _AREA_KINDS[self.area]
        return Changes(self.trip_id, dict.fromkeys(kinds), self.area == "trips")

    def do(self) -> None:
        raise NotImplementedError

    def undo_it(self) -> None:
        raise NotImplementedError

    def changed_nothing(self) -> bool:
        """True when do() found everything as asked already: no step for the history."""
        return False

    def _guarded(self, action: Callable[[], None]) -> None:
        # Qt calls undo()/redo(); an exception must not vanish in C++. If the database
        # moved on (a colleague's edit), this step can no longer be replayed.
        if self.trip_id is not None:
            self.context.trip_needed.emit(self.trip_id)
        try:
            action()
        except DelegationError as error:
            self.setObsolete(True)
            self.context.failed.emit(error)
            return
        self.context.changed.emit(self.changes())

    def redo(self) -> None:
        if self.done_once:  # the first do() ran before the push
            self.done_once = False
            return
        self._guarded(self.do)

    def undo(self) -> None:
        self._guarded(self.undo_it)


class SaveRecordCommand(ServiceCommand):
    """Create a record, or change one; undo removes the new one or puts the old back.

    Subclasses give `save(record_id, expected, details, new_id)`, returning a row with
    id and details, and `remove(record_id)`. A record made again on redo gets its old id
    back (new_id), so that later steps of the history still find it. Undo and redo expect
    the record to hold what this step left there, whatever its version (see Unchanged).
    """

    def __init__(self, context: EditContext, describe: Describe, before, details) -> None:
        """`before` is the row the editor was opened on (id, details, version), or None."""
        super().__init__(context, describe)
        self._id = before.id if before else None
        self._before = before.details if before else None
        self._version = before.version if before else None
        self._after = details
        self._left = None  # the record's details as this step last left them

    def save(self, record_id: int | None, expected: Expected, details, new_id: int | None):
        raise NotImplementedError

    def remove(self, record_id: int) -> None:
        raise NotImplementedError

    def do(self) -> None:
        if self._before is None:
            row = self.save(None, None, self._after, self._id)
        else:
            expected = self._version if self._left is None else Unchanged(self._left)
            row = self.save(self._id, expected, self._after, None)
        self._id, self._left = row.id, row.details

    def changed_nothing(self) -> bool:
        return self._before is not None and self._left == self._before

    def undo_it(self) -> None:
        if self._before is None:
            self.remove(self._id)
        else:
            self._left = self.save(self._id, Unchanged(self._left), self._before, None).details


class RestorableCommand(ServiceCommand):
    """Add or remove records; undo and redo bring them back as they were, same ids.

    Subclasses give `first()`, the edit itself, `take_out()` which removes what is in
    and returns what `put_back(taken)` needs to restore it.
    """

    removes = False  # True: do() takes records out and undo puts them back

    def __init__(self, context: EditContext, describe: Describe) -> None:
        super().__init__(context, describe)
        self._taken = None

    def first(self) -> None:
        raise NotImplementedError

    def take_out(self):
        raise NotImplementedError

    def put_back(self, taken) -> None:
        raise NotImplementedError

    def do(self) -> None:
        if self.removes:
            self._taken = self.take_out()
        elif self._taken is None:
            self.first()
        else:
            self.put_back(self._taken)

    def undo_it(self) -> None:
        if self.removes:
            self.put_back(self._taken)
        else:
            self._taken = self.take_out()
