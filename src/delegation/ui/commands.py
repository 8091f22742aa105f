"""Undoable edits: one command per user edit, doing and undoing it with service calls."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from delegation.domain.errors import ConflictError, DelegationError, ValidationError
from delegation.services.changes import Changes
from delegation.services.expected import Expected, Unchanged

if TYPE_CHECKING:
    from delegation.services.workspace import Workspace

Describe = Callable[[], str]  # a command's name in the current language, for Edit > Undo


class EditCommand:
    """An edit the user can undo and redo.

    Subclasses implement `do()` and `undo()` with service calls, and set `changes` to
    what each changed. `do()` runs for the edit itself and again for each redo; a record
    it makes again gets the id it had the first time (a service's restore), so that the
    later steps of the history still find it. `in_database` says whether the change is
    in the database now: the history does or undoes it only when it is not, or is.
    """

    def __init__(self, context: "EditContext", describe: Describe) -> None:
        assert context.workspace is not None, "edits are made once the database is open"
        self.describe = describe
        self.context = context
        self.workspace: Workspace = context.workspace
        self.trip_id = context.trip_id  # the trip to bring back before an undo or a redo
        self.changes = Changes(self.trip_id)  # what the last do() or undo() changed
        self.in_database = False
        self.failure: DelegationError | None = None  # why do() failed, beyond what was typed

    def do(self) -> None:
        raise NotImplementedError

    def undo(self) -> None:
        raise NotImplementedError

    def changed_nothing(self) -> bool:
        """True when do() found everything as asked already: no step for the history."""
        return False


class EditContext(QObject):
    """What commands need: the database, the undo stack, and who to tell of a change.

    One history serves every trip; each step remembers the trip it was made in, and
    undoing or redoing it first brings that trip to the screen (`trip_needed`).
    """

    changed = Signal(object)  # the Changes of an edit done, undone or redone
    failed = Signal(object)  # a DelegationError to show the user; nothing was saved
    trip_needed = Signal(int)  # a step of another trip is about to be undone or redone
    outdated = Signal()  # an editor met a colleague's save and took it in: nothing was saved

    def __init__(self, workspace: "Workspace | None", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.trip_id: int | None = None  # the trip on screen, which new steps belong to
        self.undo_stack = QUndoStack(self)

    @property
    def database(self) -> "Workspace":
        """The workspace, for the parts of the window made once the database is open."""
        assert self.workspace is not None, "the database is open"
        return self.workspace

    def execute(
        self,
        command: EditCommand,
        refused: Callable[[ValidationError], None] | None = None,
        overtaken: Callable[[ConflictError], bool] | None = None,
    ) -> bool:
        """Do the edit now; only when it worked, and changed something, is it kept.

        A refusal of what the user typed goes to `refused` when given (an editor still
        open), a colleague's save made meanwhile to `overtaken` (an editor that takes it
        in and stays open, when it returns True), any other failure to `failed`.
        """
        try:
            self.database.require_edit()  # a viewer's edit: refused before any is tried
            command.do()
        except ValidationError as error:
            (refused or self.failed.emit)(error)
            return False
        except ConflictError as error:
            if overtaken is not None and overtaken(error):
                self.outdated.emit()
                return False
            command.failure = error
            self.failed.emit(error)
            return False
        except DelegationError as error:
            command.failure = error
            self.failed.emit(error)
            return False
        self.record(command)
        return True

    def record(self, command: "EditCommand") -> None:
        """A command whose do() has just worked joins the history, unless it changed
        nothing, and the window hears what it changed."""
        command.in_database = True
        if command.changed_nothing():
            return
        self.undo_stack.push(_HistoryStep(self, command))
        self.changed.emit(command.changes)

    @property
    def may_edit(self) -> bool:
        """False for a viewer of a shared database: every edit is refused."""
        return self.workspace is None or self.workspace.may_edit

    @property
    def sees_private(self) -> bool:
        """False for a viewer of a shared database: private fields are hidden."""
        return self.workspace is None or self.workspace.sees_private

    def report(self, error: DelegationError) -> None:
        """A failure found before any command ran (a move off its day), for the window."""
        self.failed.emit(error)

    def retranslate(self) -> None:
        """Name every step of the history again, in the language just chosen."""
        for index in range(self.undo_stack.count()):
            step = self.undo_stack.command(index)
            if isinstance(step, _HistoryStep):
                step.setText(step.command.describe())


class _HistoryStep(QUndoCommand):
    """A command on Qt's undo stack, which calls redo() and undo().

    Qt calls redo() when the step is pushed, after the edit was done: its change is in
    the database already, and nothing is done again.
    """

    def __init__(self, context: EditContext, command: EditCommand) -> None:
        super().__init__(command.describe())
        self.context = context
        self.command = command

    def redo(self) -> None:
        if not self.command.in_database:
            self._run(self.command.do, in_database=True)

    def undo(self) -> None:
        if self.command.in_database:
            self._run(self.command.undo, in_database=False)

    def _run(self, action: Callable[[], None], *, in_database: bool) -> None:
        # An exception must not vanish in Qt's C++. If the database moved on (a
        # colleague's edit), this step can no longer be replayed: it leaves the history.
        if self.command.trip_id is not None:
            self.context.trip_needed.emit(self.command.trip_id)
        try:
            action()
        except DelegationError as error:
            self.setObsolete(True)
            self.context.failed.emit(error)
            return
        self.command.in_database = in_database
        self.context.changed.emit(self.command.changes)


class _Saved(Protocol):
    """A service's row of a record just saved."""

    @property
    def id(self) -> int: ...

    @property
    def details(self) -> object: ...


Details = TypeVar("Details")
Details_co = TypeVar("Details_co", covariant=True)


class _Opened(Protocol[Details_co]):
    """The row an editor was opened on."""

    @property
    def id(self) -> int: ...

    @property
    def details(self) -> Details_co: ...

    @property
    def version(self) -> int: ...


Row = TypeVar("Row", bound=_Saved)
Taken = TypeVar("Taken")


class RecordSave(Generic[Row, Details, Taken]):
    """An editor's save of one record, as a command does, undoes and redoes it.

    A new record is made by `add(details)`, taken out on undo by `remove(id)` and put
    back on redo by `restore(taken)`, under its id. A changed one is saved by
    `update(id, expected, details)` over the version the editor read; then undo and redo
    write the details before or after, each first checking that the record holds what
    the step before left there, whatever its version (see Unchanged).
    """

    def __init__(
        self,
        before: _Opened[Details] | None,
        details: Details,
        *,
        update: Callable[[int, Expected, Details], Row],
        add: Callable[[Details], Row] | None = None,
        remove: Callable[[int], Taken] | None = None,
        restore: Callable[[Taken], Row] | None = None,
    ) -> None:
        """`before` is the row the editor was opened on, or None for a new record."""
        self.record_id = before.id if before else None
        self._before = before.details if before else None
        self._version = before.version if before else None
        self._after = details
        self._update, self._add, self._remove, self._restore = update, add, remove, restore
        self._left: object = None  # the details as the last do or undo left them
        self._taken: Taken | None = None  # the new record as its undo took it out

    def do(self) -> Row:
        if self.record_id is None:
            assert self._add is not None, "a new record needs its addition"
            row = self._add(self._after)
        elif self._before is None:
            assert self._restore is not None and self._taken is not None, "redo after undo"
            row, self._taken = self._restore(self._taken), None
        else:
            expected = self._version if self._left is None else Unchanged(self._left)
            row = self._update(self.record_id, expected, self._after)
        self.record_id, self._left = row.id, row.details
        return row

    def undo(self) -> None:
        assert self.record_id is not None, "undo runs after a do"
        if self._before is None:
            assert self._remove is not None, "a new record needs its removal"
            self._taken = self._remove(self.record_id)
        else:
            self._left = self._update(self.record_id, Unchanged(self._left), self._before).details

    def changed_nothing(self) -> bool:
        return self._before is not None and self._left == self._before
