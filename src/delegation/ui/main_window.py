"""The main window: a trip switcher, one page per part of the trip, menus and undo."""

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QMainWindow,
    QMenuBar,
    QMessageBox,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from delegation.domain.errors import ConflictError, DelegationError
from delegation.i18n import _, current_language, ngettext, set_language
from delegation.i18n.formatting import format_date_range, format_number
from delegation.services.changes import Changes, Kind
from delegation.services.summaries import TripOverview, TripSummary
from delegation.ui import settings as declared
from delegation.ui.commands import EditContext
from delegation.ui.operations import prepare_progress
from delegation.ui.settings import Settings

if TYPE_CHECKING:
    from delegation.services.workspace import Workspace

# Which pages show what: a change reloads only the pages that show its kinds of records.
# A trip's settings and its groups show on every page (lanes, filters, legends, badges):
# a change of them reads the trip again whole.
_PAGES_BY_KIND = {
    Kind.PARTICIPANT: ("overview", "participants", "logistics", "contacts"),
    Kind.CONTACT: ("venues", "contacts", "participants", "programme"),
    Kind.AGENDA_ITEM: ("overview", "programme", "venues"),
    Kind.VENUE: ("venues", "contacts", "participants", "programme"),
    Kind.HOTEL: ("logistics", "participants"),  # room numbers show in both
    Kind.ROOM: ("logistics", "participants"),
    Kind.SEGMENT: ("logistics", "participants"),
}


def _make_page(name: str, context: EditContext) -> QWidget:
    # Imported here: opening the window costs only the page shown first.
    if name == "overview":
        from delegation.ui.overview_panel import OverviewPanel

        panel = OverviewPanel()
        panel.setObjectName("overview")
        return panel
    if name == "participants":
        from delegation.ui.pages.participants_page import ParticipantsPage

        return ParticipantsPage(context)
    if name == "programme":
        from delegation.ui.pages.programme_page import ProgrammePage

        return ProgrammePage(context)
    if name == "venues":
        from delegation.ui.pages.venues_page import VenuesPage

        return VenuesPage(context)
    if name == "logistics":
        from delegation.ui.pages.logistics_page import LogisticsPage

        return LogisticsPage(context)
    from delegation.ui.pages.contacts_page import ContactsPage

    return ContactsPage(context)


class MainWindow(QMainWindow):
    language_changed = Signal(str)

    def __init__(
        self,
        workspace: "Workspace | None",
        settings: Settings | None = None,
        *,
        preview: tuple[list[TripSummary], TripOverview | None] | None = None,
    ) -> None:
        """Without a workspace, paint the preview (read the quick way) until attach()."""
        super().__init__()
        self.setObjectName("mainWindow")
        self.context = EditContext(workspace, self)
        self.context.changed.connect(self._on_context_changed)
        self.context.failed.connect(self._on_context_failed)
        self.context.trip_needed.connect(self._on_trip_needed)
        self.settings = settings or Settings()
        # Made once the database is open: the first paint (the preview) needs none of them.
        self.transfers = self.documents = self.problems = None
        self._trips: list[TripSummary] = []
        self.trip: TripSummary | None = None
        self._all_pages_stale = False  # the trip shown changed; its pages are read next
        self.resize(1280, 800)
        geometry = self.settings.get(declared.WINDOW_GEOMETRY)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        self.ready = workspace is not None
        if self.ready:
            self._make_working_parts()
        self._build()
        self.restoreState(self.settings.get(declared.WINDOW_STATE))
        if workspace is None:
            self._show_preview(*(preview or ([], None)))
        else:
            self._show_saved_place()

    def _show_saved_place(self) -> None:
        self.reload_trips(select_key=self.settings.get(declared.LAST_TRIP) or None)
        self.tabs.setCurrentIndex(self.settings.get(declared.LAST_PAGE))
        self.page(self.current_page_name())

    def _show_preview(self, trips: list[TripSummary], overview: TripOverview | None) -> None:
        """The overview as read the quick way, while the database layer loads."""
        self._fill_switcher(trips, overview.trip.key if overview else None)
        self.trip = overview.trip if overview else None
        self.overview.show_overview(overview)
        self._set_title()

    def _make_working_parts(self) -> None:
        """The file actions and the problems panel, which need the database."""
        from delegation.ui.documents import Documents
        from delegation.ui.problems_panel import ProblemsPanel
        from delegation.ui.transfer import Transfers

        def trip_id() -> int | None:
            return self.trip.id if self.trip else None

        self.transfers = Transfers(self, self.context, self.settings, trip_id, self._selected_email)
        self.documents = Documents(self, self.context, self.settings, trip_id, self._selected_email)
        self.problems = ProblemsPanel(self.context, trip_id)
        self.problems.go_to.connect(self.go_to)
        self.problems.counted.connect(self._on_problems_counted)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems)
        self.statusBar().insertPermanentWidget(0, self.problems.summary)

    def attach(self, workspace: "Workspace") -> None:
        """The database is open: every page and action comes to life, with fresh data."""
        self.context.workspace = workspace
        self.ready = True
        self._make_working_parts()
        self._build_menus()
        self.restoreState(self.settings.get(declared.WINDOW_STATE))  # the panel's place
        self._show_database()
        self._set_ready()
        self._show_saved_place()
        self._reload_pages(["overview"])
        warming = QTimer(self)  # a child: gone with the window if it closes first
        warming.setSingleShot(True)
        warming.timeout.connect(lambda: prepare_progress(self))
        warming.start(1500)

    def _set_ready(self) -> None:
        for index in range(1, self.tabs.count()):
            self.tabs.setTabEnabled(index, self.ready)
        self.menuBar().setEnabled(self.ready)
        self.trip_switcher.setEnabled(self.ready)

    # Building (again, when the language changes).
    def _build(self) -> None:
        self.setWindowTitle(_("Delegation"))
        self.pages: dict[str, QWidget] = {}
        self._holders: dict[str, QWidget] = {}
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
            holder = QWidget()
            holder.setObjectName(f"{name}Holder")
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self._holders[name] = holder
            self.tabs.addTab(holder, title)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.setCentralWidget(self.tabs)
        self._build_toolbar()
        self._build_menus()
        self._show_database()
        self._set_ready()

    def _show_database(self) -> None:
        """The database in the status bar once it is open; until then, that it is opening."""
        self.statusBar().clearMessage()
        old = getattr(self, "_database_label", None)
        if old is not None:
            self.statusBar().removeWidget(old)
            old.deleteLater()
        self._database_label = None
        if self.ready:
            self._database_label = QLabel(
                _("Database: {location}").format(location=self.context.workspace.location.display)
            )
            self.statusBar().addPermanentWidget(self._database_label)
        else:
            self.statusBar().showMessage(_("Opening the database…"))

    def page(self, name: str) -> QWidget:
        """A page, built and filled the first time it is needed: start-up builds one."""
        if name not in self.pages:
            built = _make_page(name, self.context)
            self._holders[name].layout().addWidget(built)
            self.pages[name] = built
            self._reload_pages([name])
            if name == "overview" and self.problems and self.problems.report is not None:
                report = self.problems.report
                built.show_readiness(report.blocking, report.warnings)
        return self.pages[name]

    @property
    def overview(self):
        return self.page("overview")

    @property
    def participants(self):
        return self.page("participants")

    @property
    def programme(self):
        return self.page("programme")

    @property
    def venues(self):
        return self.page("venues")

    @property
    def logistics(self):
        return self.page("logistics")

    @property
    def contacts(self):
        return self.page("contacts")

    def current_page_name(self) -> str:
        return next(
            name
            for name, holder in self._holders.items()
            if self.tabs.indexOf(holder) == self.tabs.currentIndex()
        )

    def show_page(self, name: str) -> QWidget:
        self.tabs.setCurrentWidget(self._holders[name])
        return self.page(name)

    def _on_tabs_current_changed(self, _index: int) -> None:
        self.page(self.current_page_name())

    def _build_toolbar(self) -> None:
        for old in self.findChildren(QToolBar):
            self.removeToolBar(old)
            old.deleteLater()
        toolbar = QToolBar(_("Trip"))
        toolbar.setObjectName("tripToolbar")
        toolbar.setMovable(False)
        label = QLabel(_("&Trip:") + " ")
        toolbar.addWidget(label)
        self.trip_switcher = QComboBox()
        label.setBuddy(self.trip_switcher)
        self.trip_switcher.setObjectName("tripSwitcher")
        self.trip_switcher.setAccessibleName(_("Trip"))
        self.trip_switcher.setMinimumWidth(360)
        self.trip_switcher.currentIndexChanged.connect(self._on_trip_switcher_changed)
        toolbar.addWidget(self.trip_switcher)
        self.addToolBar(toolbar)
        self._toolbar = toolbar

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, menu)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = QMenuBar()
        self.setMenuBar(bar)  # the old bar goes, with its menus and actions
        file_menu = bar.addMenu(_("&File"))
        self._action(file_menu, _("&New trip…"), self.new_trip, QKeySequence.StandardKey.New)
        self.duplicate_trip_action = self._action(
            file_menu, _("&Duplicate trip as template…"), self.duplicate_trip
        )
        self.delete_trip_action = self._action(file_menu, _("De&lete trip…"), self.delete_trip)
        file_menu.addSeparator()
        self._trip_actions = [self.duplicate_trip_action, self.delete_trip_action]
        if self.ready:
            self._trip_actions += self.transfers.add_to(file_menu)
            self._trip_actions += self.documents.add_to(file_menu)
        file_menu.addSeparator()
        self._action(file_menu, _("&Reload"), self.reload_all, QKeySequence.StandardKey.Refresh)
        file_menu.addSeparator()
        self._action(file_menu, _("&Quit"), self.close, QKeySequence.StandardKey.Quit)

        edit_menu = bar.addMenu(_("&Edit"))
        undo = self.context.undo_stack.createUndoAction(edit_menu, _("&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.context.undo_stack.createRedoAction(edit_menu, _("&Redo"))
        usual = QKeySequence("Ctrl+Shift+Z")  # Ctrl+Y on Windows too, but never twice
        redo.setShortcuts(
            [usual]
            + [k for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo) if k != usual]
        )
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        self.undo_action, self.redo_action = undo, redo
        edit_menu.addSeparator()
        self._action(edit_menu, _("Add &participant…"), self._on_add_participant, "Ctrl+Shift+N")
        self._action(edit_menu, _("Add programme &item…"), self._on_add_item, "Ctrl+Shift+I")
        edit_menu.addSeparator()
        self.settings_action = self._action(
            edit_menu, _("Trip &settings…"), self._on_trip_settings_triggered
        )
        self.groups_action = self._action(
            edit_menu, _("Trip &groups…"), self._on_groups_triggered, "Ctrl+Shift+G"
        )
        self.logo_action = self._action(edit_menu, _("Cover &logo…"), self._on_logo_triggered)
        self.no_logo_action = self._action(
            edit_menu, _("Remove the cover logo"), self._on_no_logo_triggered
        )
        self._trip_actions += [
            self.settings_action, self.groups_action, self.logo_action, self.no_logo_action,
        ]  # fmt: skip

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
        if self.problems is not None:
            problems = self.problems.toggleViewAction()
            problems.setShortcut(QKeySequence("F8"))
            view_menu.addAction(problems)
            view_menu.addSeparator()
        language_menu = view_menu.addMenu(_("&Language"))
        group = QActionGroup(language_menu)
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
        from delegation.services.trips import list_trips

        key = select_key or (self.trip.key if self.trip else None)
        try:
            trips = list_trips(self.context.workspace)
        except DelegationError as error:
            self.show_error(error)
            return
        index = self._fill_switcher(trips, key)
        self._show_trip(self._trips[index] if index >= 0 else None)

    def _fill_switcher(self, trips: list[TripSummary], key: str | None) -> int:
        self._trips = trips
        self.trip_switcher.blockSignals(True)
        self.trip_switcher.clear()
        for trip in trips:
            self.trip_switcher.addItem(
                f"{trip.title} — {format_date_range(trip.start_date, trip.end_date)}", trip.key
            )
        keys = [trip.key for trip in trips]
        index = keys.index(key) if key in keys else (0 if keys else -1)
        self.trip_switcher.setCurrentIndex(index)
        self.trip_switcher.blockSignals(False)
        return index

    def _on_trip_switcher_changed(self, index: int) -> None:
        if 0 <= index < len(self._trips):
            self._show_trip(self._trips[index])

    def _show_trip(self, trip: TripSummary | None) -> None:
        self.trip = trip
        self.context.trip_id = trip.id if trip else None
        self._all_pages_stale = False
        for action in self._trip_actions:
            action.setEnabled(trip is not None)
        if self.problems is not None:
            self.problems.schedule_refresh()
        self._reload_pages(list(self.pages))
        self._set_title()

    def _set_title(self) -> None:
        trip = self.trip
        self.setWindowTitle(
            _("{trip} — Delegation").format(trip=trip.title) if trip else _("Delegation")
        )

    def _reload_pages(self, names) -> None:
        """Fill again the pages built so far; the others will read fresh data when built.

        A page that cannot be read says so once; the others are filled all the same.
        """
        if not self.ready:
            return
        from delegation.services.trips import trip_overview

        errors = []
        for name in names:
            page = self.pages.get(name)
            if page is None:
                continue
            try:
                if name == "overview":
                    page.show_overview(
                        trip_overview(self.context.workspace, self.trip.id) if self.trip else None
                    )
                elif name == "participants":
                    page.show_trip(self.trip.id if self.trip else None)
                else:
                    page.show_trip(self.trip)
            except DelegationError as error:
                errors.append(str(error))
        if errors:
            self.show_error("\n".join(dict.fromkeys(errors)))

    def _on_add_participant(self) -> None:
        self.show_page("participants").add()

    def _on_add_item(self) -> None:
        self.show_page("programme").add()

    def _on_problems_counted(self, blocking: int | None, warnings: int) -> None:
        if "overview" in self.pages:
            self.pages["overview"].show_readiness(blocking, warnings)

    def go_to(self, kind: str, target_id: int) -> None:
        """Show the object a problem is about, selected, on its page."""
        from delegation.ui.pages.table_page import select_ids

        if kind == "participant":
            page = self.show_page("participants")
            if page.model.visible_row_of(target_id) is None:
                page.clear_filters()
            page.select_ids([target_id])
            page.table.setFocus()
        elif kind == "agenda_item":
            page = self.show_page("programme")
            page.show_item(target_id)
        elif kind == "segment":
            page = self.show_page("logistics")
            select_ids(page.segment_table, [target_id])
            page.segment_table.setFocus()
        else:
            self.show_page("overview")

    def _selected_email(self) -> str | None:
        """The email of the one participant selected on the Participants page, if any."""
        page = self.pages.get("participants")
        rows = page.selected_rows() if page is not None else []
        return rows[0].details.email if len(rows) == 1 else None

    def reload_all(self) -> None:
        self.reload_trips()

    def new_trip(self) -> None:
        self._create_trip(template=None)

    def duplicate_trip(self) -> None:
        if self.trip is not None:
            self._create_trip(template=self.trip)

    def _create_trip(self, template: TripSummary | None) -> None:
        from delegation.ui.dialogs.trip_dialog import TripDialog
        from delegation.ui.trip_commands import CreateTripCommand
        from delegation.ui.widgets.validated_form import run_editor

        dialog = TripDialog(template=template, parent=self)
        command = run_editor(
            dialog,
            self.context,
            lambda: CreateTripCommand(
                self.context, dialog.new_trip(), template=template.id if template else None
            ),
        )
        if command is not None:
            self.reload_trips(select_key=command.trip.key)

    def delete_trip(self) -> None:
        trip = self.trip
        if trip is None:
            return
        answer = QMessageBox.warning(
            self,
            _("Delete trip"),
            ngettext(
                "Delete {title} with its {count} participant, its programme and its"
                " logistics? This cannot be undone. Contacts and venues stay in the directory.",
                "Delete {title} with its {count} participants, its programme and its"
                " logistics? This cannot be undone. Contacts and venues stay in the directory.",
                trip.participant_count,
            ).format(title=trip.title, count=format_number(trip.participant_count)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        from delegation.services.trips import delete_trip

        try:
            delete_trip(self.context.workspace, trip.id)
        except DelegationError as error:
            self.show_error(error)
            return
        # Edits on the stack may refer to the deleted trip: they can no longer be replayed.
        self.context.undo_stack.clear()
        self.trip = None
        self.reload_trips()

    # Changes and failures reported by the edit commands.
    def _on_context_changed(self, changes: Changes) -> None:
        if changes.trips_listed or changes.touches(Kind.TRIP, Kind.GROUP) or self._all_pages_stale:
            self._all_pages_stale = False
            self.reload_trips()
        else:
            self._reload_pages(
                dict.fromkeys(page for kind in changes.ids for page in _PAGES_BY_KIND[kind])
            )
            self._refresh_trip_summary()
        self.statusBar().showMessage(_("All changes saved."), 4000)

    def _refresh_trip_summary(self) -> None:
        # The switcher's participant count and the window title follow the edits.
        if self.trip is None:
            return
        from delegation.services.trips import list_trips

        try:
            self._trips = list_trips(self.context.workspace)
        except DelegationError:
            return
        self.trip = next((t for t in self._trips if t.id == self.trip.id), self.trip)

    def _on_context_failed(self, error: DelegationError) -> None:
        self.statusBar().showMessage(_("Nothing was saved."), 4000)
        self.show_error(error)
        if isinstance(error, ConflictError) or self._all_pages_stale:  # what is shown is stale
            self._all_pages_stale = False
            self.reload_all()

    def _on_trip_needed(self, trip_id: int) -> None:
        # A step of the history is about to be undone or redone in this trip, or a trip
        # was just made again: show it. The pages are read once, after the step.
        if self.trip is not None and self.trip.id == trip_id:
            return
        from delegation.services.trips import list_trips

        try:
            trips = list_trips(self.context.workspace)
        except DelegationError:
            return
        trip = next((t for t in trips if t.id == trip_id), None)
        if trip is not None:
            self._fill_switcher(trips, trip.key)
            self.trip = trip
            self.context.trip_id = trip.id
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
        page = self.tabs.currentIndex()
        key = self.trip.key if self.trip else None
        states = {name: view_state.capture(built) for name, built in self.pages.items()}
        self._build()
        self.reload_trips(select_key=key)
        self.tabs.setCurrentIndex(page)
        for name, state in states.items():
            view_state.restore(self.page(name), state)
        self.page(self.current_page_name())
        if self.problems is not None:
            self.problems.retranslate()
            self.problems.refresh()  # its sentences, in the new language
        self.language_changed.emit(current_language())

    def language(self) -> str:
        return current_language()

    # Closing.
    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.set(declared.WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.set(declared.WINDOW_STATE, self.saveState())
        self.settings.set(declared.LAST_TRIP, self.trip.key if self.trip else "")
        self.settings.set(declared.LAST_PAGE, self.tabs.currentIndex())
        self.settings.sync()
        super().closeEvent(event)

    def _on_trip_settings_triggered(self) -> None:
        trip = self.trip
        if trip is None:
            return
        from delegation.ui.dialogs.trip_settings_dialog import TripSettingsDialog
        from delegation.ui.trip_commands import EditTripSettingsCommand
        from delegation.ui.widgets.validated_form import run_editor

        dialog = TripSettingsDialog(trip, self)
        run_editor(
            dialog,
            self.context,
            lambda: EditTripSettingsCommand(
                self.context,
                trip,
                dialog.settings(),
                dialog.move_programme.isEnabled() and dialog.move_programme.isChecked(),
            ),
        )

    def _on_logo_triggered(self) -> None:
        """The association's logo for the covers of this trip's documents, from a file."""
        if self.trip is None:
            return
        from PySide6.QtWidgets import QFileDialog

        from delegation.domain.errors import FileRefusedError
        from delegation.services.trip_logo import read_logo_file

        path, _filter = QFileDialog.getOpenFileName(
            self, _("Logo for the covers"), "", _("Images (*.png *.jpg *.jpeg)")
        )
        if not path:
            return
        try:
            logo = read_logo_file(path)
        except FileRefusedError as error:
            self.context.report(error)
            return
        self._set_logo(logo)

    def _on_no_logo_triggered(self) -> None:
        if self.trip is not None:
            self._set_logo(None)

    def _set_logo(self, logo: bytes | None) -> None:
        from delegation.ui.trip_commands import SetTripLogoCommand

        if self.trip is not None and self.context.execute(
            SetTripLogoCommand(self.context, self.trip, logo)
        ):
            said = _("The covers print this logo.") if logo else _("The covers print no logo.")
            self.statusBar().showMessage(said, 5000)

    def _on_groups_triggered(self) -> None:
        if self.trip is None:
            return
        from delegation.ui.dialogs.groups_dialog import GroupsDialog

        GroupsDialog(self.context, self.trip, self).exec()

    def _on_about_triggered(self) -> None:
        from delegation.ui.about import show_about

        show_about(self)
