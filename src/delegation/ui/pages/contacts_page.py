"""The association's directory: everyone met on any trip, one action from this one."""

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from delegation.i18n import _, ngettext
from delegation.services import directory
from delegation.services.changes import Changes, Kind
from delegation.services.directory import ContactRow
from delegation.services.summaries import TripSummary
from delegation.ui.commands import EditContext
from delegation.ui.models.contact_table_model import ContactTableModel
from delegation.ui.pages.table_page import (
    fit_columns,
    make_search,
    make_table,
    on_selection_change,
    set_rows_keeping_selection,
)
from delegation.ui.participant_commands import AddContactToTripCommand


class ContactsPage(QWidget):
    def __init__(self, context: EditContext, parent=None) -> None:
        super().__init__(parent)
        self._context = context
        self._trip: TripSummary | None = None
        self.model = ContactTableModel(self)
        self.search = make_search(
            self.model, _("Filter by name, organization or email…"), _("Filter contacts")
        )
        self.search.setObjectName("contactSearch")
        self.table = make_table(self.model, "contactTable", _("Contacts"))
        self.table.doubleClicked.connect(lambda _index: self.register())
        self.register_button = QPushButton()
        self.register_button.clicked.connect(self.register)
        self.count = QLabel()
        on_selection_change(self.table, self._update_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.register_button)
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def show_trip(self, trip: TripSummary | None) -> None:
        self._trip = trip
        self.reload()

    def apply_changes(self, changes: Changes) -> None:
        if changes.touches(Kind.CONTACT):
            self.reload()

    def reload(self) -> None:
        # Contacts read when shown: a directory of 100,000 opens in a fraction of a second.
        contacts = directory.contact_listing(self._context.database)
        set_rows_keeping_selection(self.table, contacts)
        fit_columns(self.table)
        self.count.setText(
            ngettext("{n} contact in the directory", "{n} contacts in the directory",
                     len(contacts.ids)).format(n=len(contacts.ids))
        )  # fmt: skip
        self._update_button()

    def _selected(self) -> ContactRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_button(self, *_args) -> None:
        contact = self._selected()
        trip = self._trip
        self.register_button.setText(
            _("Register for {trip}").format(trip=trip.title) if trip else _("Register")
        )
        self.register_button.setEnabled(
            contact is not None
            and trip is not None
            and trip.key not in contact.trips
            and self._context.may_edit
        )

    def register(self) -> None:
        contact = self._selected()
        if contact is None or self._trip is None or self._trip.key in contact.trips:
            return
        self._context.execute(
            AddContactToTripCommand(self._context, self._trip.id, contact.id, contact.full_name)
        )
