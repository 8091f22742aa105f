"""Colleagues' changes shown as they are committed, without a reload."""

from PySide6.QtCore import QObject, QTimer, Signal

from delegation.domain.errors import DelegationError
from delegation.services.colleagues import ColleagueChanges
from delegation.services.workspace import Workspace

# How often the window asks: a colleague's change shows within about this time.
LOOK_EVERY_MS = 500


class ColleagueWatch(QObject):
    """Asks twice a second what other programs committed; `arrived` carries each set of
    changes, as the window's own edits do. An editor open meanwhile keeps what it holds:
    saving it over a colleague's change is refused, naming them."""

    arrived = Signal(object)  # Changes

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._changes = ColleagueChanges(workspace)
        self._timer = QTimer(self)
        self._timer.setInterval(LOOK_EVERY_MS)
        self._timer.timeout.connect(self.look)
        self._timer.start()

    def look(self) -> None:
        try:
            news = self._changes.take()
        except DelegationError:  # the database away for a moment: the next look, or edit, says
            return
        for changes in news:
            self.arrived.emit(changes)

    def stop(self) -> None:
        self._timer.stop()
        self._changes.close()
