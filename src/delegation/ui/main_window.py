"""The main window: the trip switcher, one page per part of the trip, menus and undo.

It puts the parts together and routes what they say: the trip controller says which trip
is shown, the edit context what an edit changed or why it failed, the pages read what
they show themselves.
"""

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QToolBar, QWidget

from delegation.domain.errors import ConflictError, ConnectionLostError, DelegationError
from delegation.i18n import _, current_language, set_language
from delegation.services.changes import Changes, Kind
from delegation.services.summaries import TripSummary
from delegation.ui import settings as declared
from delegation.ui.actions import build_menus
from delegation.ui.commands import EditContext
from delegation.ui.file_actions import EDITING, NEEDS, PRIVATE
from delegation.ui.operations import Operation, prepare_progress
from delegation.ui.page_stack import PageStack
from delegation.ui.settings import Settings
from delegation.ui.trip_controller import TripController

if TYPE_CHECKING:
    from delegation.services.workspace import Workspace
    from delegation.ui.colleague_watch import ColleagueWatch
    from delegation.ui.documents import Documents
    from delegation.ui.problems_panel import ProblemsPanel
    from delegation.ui.transfer import Transfers


class MainWindow(QMainWindow):
    language_changed = Signal(str)

    def __init__(self, workspace: "Workspace | None", settings: Settings | None = None) -> None:
        """Without a workspace, the window waits for attach() (the start-up preview shows
        meanwhile: see application.py)."""
        super().__init__()
        self.setObjectName("mainWindow")
        self.context = EditContext(workspace, self)
        self.context.changed.connect(self._on_context_changed)
        self.context.failed.connect(self._on_context_failed)
        self.context.outdated.connect(self._on_context_outdated)
        self.context.trip_needed.connect(self._on_context_trip_needed)
        self.settings = settings or Settings()
        self.trips = TripController(self, self.context)
        self.trips.shown.connect(self._on_trips_shown)
        self.trips.failed.connect(self.show_error)
        # Made once the database is open: the first paint (the preview) needs none of them.
        self.transfers: Transfers | None = None
        self.documents: Documents | None = None
        self.problems: ProblemsPanel | None = None
        self.colleagues: ColleagueWatch | None = None
        self.opening: Operation | None = None  # the database, opened behind the window
        self._all_pages_stale = False  # the trip shown changed; its pages are read next
        self._database_label: QLabel | None = None
        self.resize(1280, 800)
        geometry = self.settings.get(declared.WINDOW_GEOMETRY)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        self.ready = workspace is not None
        if self.ready:
            self._make_working_parts()
        self._build()
        self.restoreState(self.settings.get(declared.WINDOW_STATE))
        if self.ready:
            self._show_saved_place()

    @property
    def trip(self) -> TripSummary | None:
        return self.trips.trip

    def _show_saved_place(self) -> None:
        self.trips.reload(select_key=self.settings.get(declared.LAST_TRIP) or None)
        self.pages.setCurrentIndex(self.settings.get(declared.LAST_PAGE))
        self.page(self.pages.current_name())

    def _make_working_parts(self) -> None:
        """The file actions and the problems panel, which need the database."""
        from delegation.ui.colleague_watch import ColleagueWatch
        from delegation.ui.documents import Documents
        from delegation.ui.problems_panel import ProblemsPanel
        from delegation.ui.transfer import Transfers

        def trip_id() -> int | None:
            return self.trip.id if self.trip else None

        parts = (self, self.context, self.settings, trip_id, lambda: self.pages.selected_email())
        self.transfers, self.documents = Transfers(*parts), Documents(*parts)
        self.problems = ProblemsPanel(self.context, trip_id)
        self.problems.go_to.connect(lambda kind, target: self.pages.go_to(kind, target))
        self.problems.counted.connect(lambda *counts: self.pages.show_readiness(*counts))
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems)
        self.statusBar().insertPermanentWidget(0, self.problems.summary)
        self.colleagues = ColleagueWatch(self.context.database, self)
        # Told as the window's own edits are: the pages, the checks and any open list.
        self.colleagues.arrived.connect(self.context.changed.emit)

    def attach(self, workspace: "Workspace") -> None:
        """The database is open: every page and action comes to life, with fresh data."""
        self.context.workspace = workspace
        self.ready = True
        self._make_working_parts()
        self.menus = build_menus(self)
        self.restoreState(self.settings.get(declared.WINDOW_STATE))  # the panel's place
        self.pages.live = True
        self._show_database()
        self._set_ready()
        self._show_saved_place()
        warming = QTimer(self)  # a child: gone with the window if it closes first
        warming.setSingleShot(True)
        warming.timeout.connect(lambda: prepare_progress(self))
        warming.start(1500)

    def _set_ready(self) -> None:
        for index in range(1, self.pages.count()):
            self.pages.setTabEnabled(index, self.ready)
        self.menuBar().setEnabled(self.ready)
        self.trips.switcher.setEnabled(self.ready)
        self.enable_actions()

    def enable_actions(self) -> None:
        """Those needing a trip while there is one; for a viewer of a shared database, none
        that changes it or prints private data."""
        from delegation.ui.pages.table_page import allow_editing

        allow_editing(self.pages, self.context.may_edit)
        allowed = {EDITING: self.context.may_edit, PRIVATE: self.context.sees_private}
        needing_trip = set(self.menus.needing_trip)
        for action in self.menuBar().findChildren(QAction):
            if action not in needing_trip and action.property(NEEDS) is None:
                continue
            action.setEnabled(
                allowed.get(action.property(NEEDS), True)
                and (self.trip is not None or action not in needing_trip)
            )

    # Building (again, when the language changes).
    def _build(self) -> None:
        self.setWindowTitle(_("Delegation"))
        self.pages = PageStack(self.context)
        self.pages.live = self.ready
        self.pages.failed.connect(self.show_error)
        self.pages.trip = self.trip
        self.setCentralWidget(self.pages)
        for old in self.findChildren(QToolBar):
            self.removeToolBar(old)
            old.deleteLater()
        self.addToolBar(self.trips.make_toolbar())
        self.menus = build_menus(self)
        self._show_database()
        self._set_ready()

    def _show_database(self) -> None:
        """The database in the status bar once it is open; until then, that it is opening."""
        self.statusBar().clearMessage()
        if self._database_label is not None:
            self.statusBar().removeWidget(self._database_label)
            self._database_label.deleteLater()
            self._database_label = None
        if self.ready:
            text = _("Database: {location}").format(location=self.context.database.location.display)
            if not self.context.may_edit:
                text = _("{database} — viewer: read only, private data hidden").format(
                    database=text
                )
            self._database_label = QLabel(text)
            self.statusBar().addPermanentWidget(self._database_label)
        else:
            self.statusBar().showMessage(_("Opening the database…"))

    # Pages.
    def page(self, name: str) -> QWidget:
        return self.pages.page(name)

    def show_page(self, name: str) -> QWidget:
        return self.pages.show_page(name)

    # Trips.
    def reload_trips(self, select_key: str | None = None) -> None:
        self.trips.reload(select_key)

    def reload_all(self) -> None:
        self.trips.reload()

    def _on_trips_shown(self, trip: TripSummary | None) -> None:
        self.context.trip_id = trip.id if trip else None
        self._all_pages_stale = False
        self.enable_actions()
        if self.problems is not None:
            self.problems.show_trip()
        self.pages.show_trip(trip)
        self._set_title()

    def _set_title(self) -> None:
        trip = self.trip
        self.setWindowTitle(
            _("{trip} — Delegation").format(trip=trip.title) if trip else _("Delegation")
        )

    # Changes and failures reported by the edit commands.
    def _on_context_changed(self, changes: Changes) -> None:
        if changes.trips_listed or changes.touches(Kind.TRIP, Kind.GROUP) or self._all_pages_stale:
            self._all_pages_stale = False
            self.trips.reload()
        else:
            self.pages.apply_changes(changes)
        if changes.by is None:
            self.statusBar().showMessage(_("All changes saved."), 4000)
        else:
            self.statusBar().showMessage(
                _("Changes saved by {user} are shown.").format(user=changes.by), 4000
            )

    def _on_context_failed(self, error: DelegationError) -> None:
        lost = isinstance(error, ConnectionLostError)
        # A change whose connection broke as it was committed may have been saved: the
        # message says so, and the pages show what the database holds.
        if not isinstance(error, ConnectionLostError) or error.saved is False:
            self.statusBar().showMessage(_("Nothing was saved."), 4000)
        self.show_error(error)
        if isinstance(error, ConflictError) or lost or self._all_pages_stale:  # stale
            self._all_pages_stale = False
            self.reload_all()

    def _on_context_outdated(self) -> None:
        # An editor took in a colleague's save, and stays open: the pages show it too.
        self.statusBar().showMessage(_("Nothing was saved."), 4000)
        self._all_pages_stale = False
        self.reload_all()

    def _on_context_trip_needed(self, trip_id: int) -> None:
        # A step of the history is about to be undone or redone in this trip, or a trip
        # was just made again: show it. The pages are read once, after the step.
        if self.trips.bring(trip_id):
            self.context.trip_id = trip_id
            self._all_pages_stale = True

    def show_error(self, error: DelegationError | str) -> None:
        from delegation.ui.error_text import error_text

        QMessageBox.warning(self, _("Delegation"), error_text(error))

    # Language.
    def switch_language(self, code: str) -> None:
        """Change the interface language at once; filters, selections and the history
        stay as they were."""
        from delegation.ui import view_state

        self.settings.set(declared.LANGUAGE, code)
        set_language(code or None)
        self.context.retranslate()
        index = self.pages.currentIndex()
        key = self.trip.key if self.trip else None
        states = {name: view_state.capture(built) for name, built in self.pages.pages.items()}
        self._build()
        self.trips.reload(select_key=key)
        self.pages.setCurrentIndex(index)
        for name, state in states.items():
            view_state.restore(self.page(name), state)
        self.page(self.pages.current_name())
        if self.problems is not None:
            self.problems.retranslate()
            self.problems.show_trip()  # its sentences, in the new language
        self.language_changed.emit(current_language())

    # Closing.
    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.set(declared.WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.set(declared.WINDOW_STATE, self.saveState())
        self.settings.set(declared.LAST_TRIP, self.trip.key if self.trip else "")
        self.settings.set(declared.LAST_PAGE, self.pages.currentIndex())
        self.settings.sync()
        if self.problems is not None:
            self.problems.stop()
        if self.colleagues is not None:
            self.colleagues.stop()
        super().closeEvent(event)
