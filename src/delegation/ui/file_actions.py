"""What the File menu's imports, exports and documents share: the trip shown, the
folder last used, the selected participant, and a way to list their menu entries."""

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

from delegation.i18n import _
from delegation.ui import settings as declared
from delegation.ui.commands import EditContext
from delegation.ui.settings import Settings

Entry = tuple[str, Callable[[], None]] | tuple[str, Callable[[], None], str]


def add_entries(menu: QMenu, entries: Sequence[Entry]) -> list[QAction]:
    """One action per (text, slot[, shortcut]), owned by the menu (gone with it)."""
    actions = []
    for text, slot, *shortcut in entries:
        action = QAction(text, menu)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut[0]))
        action.triggered.connect(slot)
        menu.addAction(action)
        actions.append(action)
    return actions


# What an action needs of the user's role on a shared database, as a property of it: the
# window disables it for a viewer (see MainWindow.enable_actions).
NEEDS = "delegation_needs"
EDITING = "editing"  # it changes the database
PRIVATE = "private"  # its document shows identity, health or emergency data


def needing(what: str, *actions: QAction) -> None:
    for action in actions:
        action.setProperty(NEEDS, what)


class FileActions(QObject):
    """The base of the window's file actions, for the trip it shows."""

    def __init__(
        self,
        window: QMainWindow,
        context: EditContext,
        settings: Settings,
        trip_id: Callable[[], int | None],
        selected_email: Callable[[], str | None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._context = context
        self._settings = settings
        self._trip_id = trip_id
        self._selected_email = selected_email

    def _folder(self) -> str:
        return self._settings.get(declared.EXPORT_FOLDER)

    def _remember(self, path: str, *, is_folder: bool = False) -> None:
        self._settings.set(declared.EXPORT_FOLDER, path if is_folder else str(Path(path).parent))

    def _tell(self, message: str) -> None:
        self._window.statusBar().showMessage(message, 10000)

    def _participant_email(self, title: str) -> str | None:
        """The email of the one participant selected, or None after saying what to do."""
        email = self._selected_email()
        if email is None:
            QMessageBox.information(
                self._window,
                title,
                _("Select one participant who has an email on the Participants page first."),
            )
        return email
