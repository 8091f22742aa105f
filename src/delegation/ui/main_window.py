"""The main window: the trips of the database and the overview of the one selected."""

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTableView,
)

from delegation import __version__
from delegation.domain.errors import DelegationError
from delegation.i18n import _
from delegation.services.trips import list_trips, trip_overview
from delegation.services.workspace import Workspace
from delegation.ui.overview_panel import OverviewPanel
from delegation.ui.trip_list_model import TripListModel


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace, parent=None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.setWindowTitle(_("Delegation"))
        self.resize(1100, 700)

        self._trips = TripListModel(self)
        self._trip_view = QTableView()
        self._trip_view.setObjectName("tripList")
        self._trip_view.setAccessibleName(_("Trips"))
        self._trip_view.setModel(self._trips)
        self._trip_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._trip_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._trip_view.verticalHeader().hide()
        self._trip_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._trip_view.selectionModel().selectionChanged.connect(
            self._on_trip_view_selection_changed
        )
        self._overview = OverviewPanel()
        self._overview.setObjectName("overview")

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._trip_view)
        splitter.addWidget(self._overview)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.setCentralWidget(splitter)
        self._build_menus()
        location = QLabel(_("Database: {location}").format(location=workspace.location.display))
        self.statusBar().addPermanentWidget(location)
        self.reload()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        reload_action = QAction(_("&Reload"), self)
        reload_action.setShortcut(QKeySequence.StandardKey.Refresh)
        reload_action.triggered.connect(self.reload)
        file_menu.addAction(reload_action)
        file_menu.addSeparator()
        quit_action = QAction(_("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu(_("&Help"))
        about_action = QAction(_("&About Delegation"), self)
        about_action.triggered.connect(self._on_about_triggered)
        help_menu.addAction(about_action)

    def reload(self) -> None:
        """Read the trips again, keeping the selected one selected."""
        selected = self._selected_trip_id()
        try:
            self._trips.set_trips(list_trips(self._workspace))
        except DelegationError as error:
            self.show_error(str(error))
            return
        row = self._trips.row_of(selected) if selected is not None else None
        self._trip_view.selectRow(row if row is not None else 0)
        self._trip_view.resizeColumnsToContents()
        self._trip_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def _selected_trip_id(self) -> int | None:
        rows = self._trip_view.selectionModel().selectedRows()
        return self._trips.trip_at(rows[0].row()).id if rows else None

    def _on_trip_view_selection_changed(self, _selected: QItemSelection, _deselected) -> None:
        trip_id = self._selected_trip_id()
        if trip_id is None:
            self._overview.show_overview(None)
            return
        try:
            self._overview.show_overview(trip_overview(self._workspace, trip_id))
        except DelegationError as error:
            self.show_error(str(error))

    def _on_about_triggered(self) -> None:
        QMessageBox.about(
            self,
            _("About Delegation"),
            _("Delegation {version}\nPlan business study-trip delegations.").format(
                version=__version__
            ),
        )

    def show_error(self, message: str) -> None:
        QMessageBox.warning(self, _("Delegation"), message)
