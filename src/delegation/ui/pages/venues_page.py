"""Venues of the directory and the hosts who receive this trip's delegation."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from delegation.i18n import _, current_language
from delegation.i18n.formatting import format_number
from delegation.services import agenda, directory
from delegation.services.changes import Changes, Kind
from delegation.services.directory import VenueRow
from delegation.services.summaries import TripSummary
from delegation.ui.commands import EditContext
from delegation.ui.dialogs.venue_dialog import VenueDialog
from delegation.ui.models.filtered_table_model import Column
from delegation.ui.models.simple_table_model import SimpleTableModel
from delegation.ui.pages.table_page import (
    boxed,
    fit_columns,
    make_search,
    make_table,
    on_selection_change,
    set_rows_keeping_selection,
)
from delegation.ui.trip_commands import SaveVenueCommand
from delegation.ui.widgets.validated_form import run_editor


def _hosted(host) -> str:
    french = current_language() == "fr"
    return " · ".join((fr if french else en) or fr or en for fr, en in host.items)


class VenuesPage(QWidget):
    def __init__(self, context: EditContext, parent=None) -> None:
        super().__init__(parent)
        self._context = context
        self._trip: TripSummary | None = None
        self.venues = SimpleTableModel(
            (
                Column(lambda: _("Venue"), lambda v: v.details.name),
                Column(lambda: _("Address"),
                       lambda v: (v.details.address or "").replace("\n", ", ")),
                Column(lambda: _("On-site contact"), lambda v: " — ".join(
                    p for p in (v.details.contact_name, v.details.contact_phone) if p)),
                Column(
                    lambda: _("Capacity"),
                    lambda v: format_number(v.details.capacity) if v.details.capacity else "",
                    sort_key=lambda v: v.details.capacity or 0,
                    alignment=Qt.AlignmentFlag.AlignRight,
                ),
                Column(
                    lambda: _("Identity list"),
                    lambda v: _("required") if v.details.identity_list_required else "",
                ),
                Column(
                    lambda: _("Uses"),
                    lambda v: format_number(v.use_count),
                    sort_key=lambda v: v.use_count,
                    alignment=Qt.AlignmentFlag.AlignRight,
                ),
            ),
            lambda v: f"{v.details.name} {v.details.address or ''} {v.details.city or ''}",
            self,
        )  # fmt: skip
        self.venue_table = make_table(self.venues, "venueTable", _("Venues"))
        self.venue_table.doubleClicked.connect(lambda _index: self.edit_venue())
        search = make_search(self.venues, _("Filter venues…"), _("Filter venues"))
        search.setObjectName("venueSearch")
        self.search = search
        self.add_button = QPushButton(_("Add venue…"))
        self.add_button.clicked.connect(self.add_venue)
        self.edit_button = QPushButton(_("Edit venue…"))
        self.edit_button.clicked.connect(self.edit_venue)
        on_selection_change(self.venue_table, self._update_buttons)
        self._update_buttons()
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)

        self.hosts = SimpleTableModel(
            (
                Column(lambda: _("Host"), lambda h: h.name),
                Column(lambda: _("Contact"), lambda h: h.contact_name or ""),
                Column(lambda: _("Phone"), lambda h: h.contact_phone or ""),
                Column(lambda: _("Email"), lambda h: h.contact_email or ""),
                Column(lambda: _("Hosts"), _hosted),
            ),
            lambda h: f"{h.name} {h.contact_name or ''}",
            self,
        )
        self.host_table = make_table(self.hosts, "hostTable", _("Hosts of this trip"))

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(boxed(_("Venues"), search, self.venue_table, buttons))
        splitter.addWidget(boxed(_("Hosts of this trip"), self.host_table))
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def show_trip(self, trip: TripSummary | None) -> None:
        self._trip = trip
        self.reload()

    def apply_changes(self, changes: Changes) -> None:
        if changes.touches(Kind.VENUE, Kind.AGENDA_ITEM):
            self.reload()

    def reload(self) -> None:
        workspace = self._context.database
        set_rows_keeping_selection(self.venue_table, directory.list_venues(workspace))
        self.hosts.set_rows(agenda.list_hosts(workspace, self._trip.id) if self._trip else [])
        fit_columns(self.venue_table)
        fit_columns(self.host_table)
        self._update_buttons()

    def _update_buttons(self, *_args) -> None:
        edits = self._context.may_edit  # not for a viewer of a shared database
        self.add_button.setEnabled(edits)
        self.edit_button.setEnabled(edits and self._selected_venue() is not None)

    def _selected_venue(self) -> VenueRow | None:
        rows = self.venue_table.selectionModel().selectedRows()
        return self.venues.row_at(rows[0].row()) if rows else None

    def add_venue(self) -> None:
        dialog = VenueDialog(parent=self)
        run_editor(
            dialog, self._context, lambda: SaveVenueCommand(self._context, None, dialog.details())
        )

    def edit_venue(self) -> None:
        venue = self._selected_venue()
        if venue is None or not self._context.may_edit:
            return
        dialog = VenueDialog(venue.details, parent=self)
        run_editor(
            dialog, self._context, lambda: SaveVenueCommand(self._context, venue, dialog.details())
        )
