"""The main window: a trip switcher, one page per part of the trip, menus and undo."""

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QToolBar,
)

from delegation import __version__
from delegation.domain.errors import ConflictError, DelegationError
from delegation.i18n import _, current_language, set_language
from delegation.i18n.formatting import format_date_range
from delegation.services.trips import TripSummary, delete_trip, list_trips, trip_overview
from delegation.services.workspace import Workspace
from delegation.ui import settings as declared
from delegation.ui.commands import EditContext
from delegation.ui.dialogs.trip_dialog import TripDialog
from delegation.ui.overview_panel import OverviewPanel
from delegation.ui.pages.contacts_page import ContactsPage
from delegation.ui.pages.logistics_page import LogisticsPage
from delegation.ui.pages.participants_page import ParticipantsPage
from delegation.ui.pages.programme_page import ProgrammePage
from delegation.ui.pages.venues_page import VenuesPage
from delegation.ui.settings import Settings
from delegation.ui.trip_commands import CreateTripCommand

# Which pages show what: a change in an area reloads only the pages that show it.
_PAGES_BY_AREA = {
    "trips": ("overview", "participants", "programme", "venues", "logistics", "contacts"),
    "participants": ("overview", "participants", "logistics", "contacts"),
    "agenda": ("overview", "programme", "venues"),
    "directory": ("venues", "contacts", "participants", "programme"),
}


class MainWindow(QMainWindow):
    language_changed = Signal(str)

    def __init__(self, workspace: Workspace, settings: Settings | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.context = EditContext(workspace, self)
        self.context.changed.connect(self._on_context_changed)
        self.context.failed.connect(self._on_context_failed)
        self.settings = settings or Settings()
        self._trips: list[TripSummary] = []
        self.trip: TripSummary | None = None
        self.resize(1280, 800)
        geometry = self.settings.get(declared.WINDOW_GEOMETRY)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        self._build()
        self.reload_trips(select_key=self.settings.get(declared.LAST_TRIP) or None)
        self.tabs.setCurrentIndex(self.settings.get(declared.LAST_PAGE))

    # Building (again, when the language changes).
    def _build(self) -> None:
        self.setWindowTitle(_("Delegation"))
        self.overview = OverviewPanel()
        self.overview.setObjectName("overview")
        self.participants = ParticipantsPage(self.context)
        self.programme = ProgrammePage(self.context)
        self.venues = VenuesPage(self.context)
        self.logistics = LogisticsPage(self.context)
        self.contacts = ContactsPage(self.context)
        self.pages = {
            "overview": self.overview,
            "participants": self.participants,
            "programme": self.programme,
            "venues": self.venues,
            "logistics": self.logistics,
            "contacts": self.contacts,
        }
        self.tabs = QTabWidget()
        self.tabs.setObjectName("pages")
        self.tabs.setDocumentMode(True)
        for name, title in (
            ("overview", _("&Overview")),
            ("participants", _("&Participants")),
            ("programme", _("P&rogramme")),
            ("venues", _("&Venues && hosts")),
            ("logistics", _("&Logistics")),
            ("contacts", _("&Contacts")),
        ):
            self.tabs.addTab(self.pages[name], title)
        self.setCentralWidget(self.tabs)
        self._build_toolbar()
        self._build_menus()
        self.statusBar().clearMessage()
        for widget in self.statusBar().findChildren(QLabel):
            self.statusBar().removeWidget(widget)
        self.statusBar().addPermanentWidget(
            QLabel(
                _("Database: {location}").format(location=self.context.workspace.location.display)
            )
        )

    def _build_toolbar(self) -> None:
        for old in self.findChildren(QToolBar):
            self.removeToolBar(old)
            old.deleteLater()
        toolbar = QToolBar(_("Trip"))
        toolbar.setObjectName("tripToolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(QLabel(_("Trip:") + " "))
        self.trip_switcher = QComboBox()
        self.trip_switcher.setObjectName("tripSwitcher")
        self.trip_switcher.setAccessibleName(_("Trip"))
        self.trip_switcher.setMinimumWidth(360)
        self.trip_switcher.currentIndexChanged.connect(self._on_trip_switcher_changed)
        toolbar.addWidget(self.trip_switcher)
        self.addToolBar(toolbar)
        self._toolbar = toolbar

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.clear()
        file_menu = bar.addMenu(_("&File"))
        self._action(file_menu, _("&New trip…"), self.new_trip, QKeySequence.StandardKey.New)
        self.duplicate_trip_action = self._action(
            file_menu, _("&Duplicate trip as template…"), self.duplicate_trip
        )
        self.delete_trip_action = self._action(file_menu, _("De&lete trip…"), self.delete_trip)
        file_menu.addSeparator()
        self._action(file_menu, _("&Reload"), self.reload_all, QKeySequence.StandardKey.Refresh)
        file_menu.addSeparator()
        self._action(file_menu, _("&Quit"), self.close, QKeySequence.StandardKey.Quit)

        edit_menu = bar.addMenu(_("&Edit"))
        undo = self.context.undo_stack.createUndoAction(self, _("&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.context.undo_stack.createRedoAction(self, _("&Redo"))
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence.StandardKey.Redo])
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        self.undo_action, self.redo_action = undo, redo
        edit_menu.addSeparator()
        edit_menu.addAction(self.participants.add_action)
        edit_menu.addAction(self.programme.add_action)

        view_menu = bar.addMenu(_("&View"))
        for index in range(self.tabs.count()):
            action = self._action(
                view_menu,
                self.tabs.tabText(index),
                lambda _checked=False, i=index: self.tabs.setCurrentIndex(i),
                f"Ctrl+{index + 1}",
            )
            action.setData(index)
        view_menu.addSeparator()
        language_menu = view_menu.addMenu(_("&Language"))
        group = QActionGroup(self)
        chosen = self.settings.get(declared.LANGUAGE)
        for code, name in (("", _("System default")), ("fr", "Français"), ("en", "English")):
            action = self._action(
                language_menu, name, lambda _checked=False, c=code: self.switch_language(c)
            )
            action.setCheckable(True)
            action.setChecked(code == chosen)
            group.addAction(action)

        help_menu = bar.addMenu(_("&Help"))
        self._action(help_menu, _("&About Delegation"), self._on_about_triggered)

    # Trips.
    def reload_trips(self, select_key: str | None = None) -> None:
        """Read the trips again, keeping (or choosing) the one shown."""
        key = select_key or (self.trip.key if self.trip else None)
        try:
            self._trips = list_trips(self.context.workspace)
        except DelegationError as error:
            self.show_error(error)
            return
        self.trip_switcher.blockSignals(True)
        self.trip_switcher.clear()
        for trip in self._trips:
            self.trip_switcher.addItem(
                f"{trip.title} — {format_date_range(trip.start_date, trip.end_date)}", trip.key
            )
        keys = [trip.key for trip in self._trips]
        index = keys.index(key) if key in keys else (0 if keys else -1)
        self.trip_switcher.setCurrentIndex(index)
        self.trip_switcher.blockSignals(False)
        self._show_trip(self._trips[index] if index >= 0 else None)

    def _on_trip_switcher_changed(self, index: int) -> None:
        if 0 <= index < len(self._trips):
            self._show_trip(self._trips[index])

    def _show_trip(self, trip: TripSummary | None) -> None:
        self.trip = trip
        self.duplicate_trip_action.setEnabled(trip is not None)
        self.delete_trip_action.setEnabled(trip is not None)
        self._reload_pages(self.pages)
        self.setWindowTitle(
            _("{trip} — Delegation").format(trip=trip.title) if trip else _("Delegation")
        )

    def _reload_pages(self, names) -> None:
        try:
            for name in names:
                page = self.pages[name]
                if page is self.overview:
                    self.overview.show_overview(
                        trip_overview(self.context.workspace, self.trip.id) if self.trip else None
                    )
                elif page is self.participants:
                    page.show_trip(self.trip.id if self.trip else None)
                else:
                    page.show_trip(self.trip)
        except DelegationError as error:
            self.show_error(error)

    def reload_all(self) -> None:
        self.reload_trips()

    def new_trip(self) -> None:
        dialog = TripDialog(parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            command = CreateTripCommand(self.context, dialog.new_trip())
            if self.context.execute(command):
                self.reload_trips(select_key=command.trip.key)

    def duplicate_trip(self) -> None:
        if self.trip is None:
            return
        dialog = TripDialog(template=self.trip, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            command = CreateTripCommand(self.context, dialog.new_trip(), template=self.trip.id)
            if self.context.execute(command):
                self.reload_trips(select_key=command.trip.key)

    def delete_trip(self) -> None:
        trip = self.trip
        if trip is None:
            return
        answer = QMessageBox.warning(
            self,
            _("Delete trip"),
            _(
                "Delete {title} with its {count} participants, its programme and its"
                " logistics? This cannot be undone. Contacts and venues stay in the directory."
            ).format(title=trip.title, count=trip.participant_count),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            delete_trip(self.context.workspace, trip.id)
        except DelegationError as error:
            self.show_error(error)
        # Edits on the stack may refer to the deleted trip: they can no longer be replayed.
        self.context.undo_stack.clear()
        self.trip = None
        self.reload_trips()

    # Changes and failures reported by the edit commands.
    def _on_context_changed(self, area: str) -> None:
        if area == "trips":
            self.reload_trips()
        else:
            self._reload_pages(_PAGES_BY_AREA.get(area, ()))
            self._refresh_trip_summary()
        self.statusBar().showMessage(_("All changes saved."), 4000)

    def _refresh_trip_summary(self) -> None:
        # The switcher's participant count and the window title follow the edits.
        if self.trip is None:
            return
        try:
            self._trips = list_trips(self.context.workspace)
        except DelegationError:
            return
        self.trip = next((t for t in self._trips if t.id == self.trip.id), self.trip)

    def _on_context_failed(self, error: DelegationError) -> None:
        self.show_error(error)
        if isinstance(error, ConflictError):
            self.reload_all()

    def show_error(self, error: DelegationError | str) -> None:
        QMessageBox.warning(self, _("Delegation"), str(error))

    # Language.
    def switch_language(self, code: str) -> None:
        """Change the interface language at once; work in progress stays as it is."""
        self.settings.set(declared.LANGUAGE, code)
        set_language(code or None)
        page = self.tabs.currentIndex()
        key = self.trip.key if self.trip else None
        self._build()
        self.reload_trips(select_key=key)
        self.tabs.setCurrentIndex(page)
        self.language_changed.emit(current_language())

    def language(self) -> str:
        return current_language()

    # Closing.
    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.set(declared.WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.set(declared.LAST_TRIP, self.trip.key if self.trip else "")
        self.settings.set(declared.LAST_PAGE, self.tabs.currentIndex())
        self.settings.sync()
        super().closeEvent(event)

    def _on_about_triggered(self) -> None:
        QMessageBox.about(
            self,
            _("About Delegation"),
            _("Delegation {version}\nPlan business study-trip delegations.").format(
                version=__version__
            ),
        )
