"""The trip shown and the trips themselves: the switcher in the toolbar, and making,
copying, deleting and setting up a trip (its settings, groups and cover logo)."""

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QFileDialog, QLabel, QMainWindow, QMessageBox, QToolBar

from delegation.domain.errors import DelegationError, FileRefusedError
from delegation.i18n import _, ngettext
from delegation.i18n.formatting import format_date_range, format_number
from delegation.services.summaries import TripSummary
from delegation.ui.commands import EditContext


class TripController(QObject):
    """Which trip the window shows, and the File and Edit menus' trip actions."""

    shown = Signal(object)  # the TripSummary now shown, or None
    failed = Signal(object)  # a DelegationError (or its text) to show the user

    def __init__(self, window: QMainWindow, context: EditContext) -> None:
        super().__init__(window)
        self._window = window
        self._context = context
        self.trips: list[TripSummary] = []
        self.trip: TripSummary | None = None
        self.switcher = QComboBox()

    def make_toolbar(self) -> QToolBar:
        """The toolbar holding the switcher, in the language in force."""
        toolbar = QToolBar(_("Trip"))
        toolbar.setObjectName("tripToolbar")
        toolbar.setMovable(False)
        label = QLabel(_("&Trip:") + " ")
        toolbar.addWidget(label)
        self.switcher = QComboBox()
        label.setBuddy(self.switcher)
        self.switcher.setObjectName("tripSwitcher")
        self.switcher.setAccessibleName(_("Trip"))
        self.switcher.setMinimumWidth(360)
        self.switcher.currentIndexChanged.connect(self._on_switcher_current_index_changed)
        toolbar.addWidget(self.switcher)
        return toolbar

    # Which trip.
    def reload(self, select_key: str | None = None) -> None:
        """Read the trips again, keeping (or choosing) the one shown."""
        from delegation.services.trips import list_trips

        key = select_key or (self.trip.key if self.trip else None)
        try:
            trips = list_trips(self._context.database)
        except DelegationError as error:
            self.failed.emit(error)
            return
        index = self.fill(trips, key)
        self.show(self.trips[index] if index >= 0 else None)

    def fill(self, trips: list[TripSummary], key: str | None) -> int:
        """The switcher lists these trips, this one chosen; nothing is read or shown."""
        self.trips = trips
        self.switcher.blockSignals(True)
        self.switcher.clear()
        for trip in trips:
            self.switcher.addItem(
                f"{trip.title} — {format_date_range(trip.start_date, trip.end_date)}", trip.key
            )
        keys = [trip.key for trip in trips]
        index = keys.index(key) if key in keys else (0 if keys else -1)
        self.switcher.setCurrentIndex(index)
        self.switcher.blockSignals(False)
        return index

    def _on_switcher_current_index_changed(self, index: int) -> None:
        if 0 <= index < len(self.trips):
            self.show(self.trips[index])

    def show(self, trip: TripSummary | None) -> None:
        self.trip = trip
        self.shown.emit(trip)

    def bring(self, trip_id: int) -> bool:
        """Choose this trip in the switcher without reading its pages (the caller does,
        after the edit under way); True when it was not the one shown."""
        if self.trip is not None and self.trip.id == trip_id:
            return False
        from delegation.services.trips import list_trips

        try:
            trips = list_trips(self._context.database)
        except DelegationError:
            return False
        trip = next((t for t in trips if t.id == trip_id), None)
        if trip is None:
            return False
        self.fill(trips, trip.key)
        self.trip = trip
        return True

    def refresh_summary(self) -> None:
        """The trip shown as it is now (its participant count), without reading pages."""
        if self.trip is None:
            return
        from delegation.services.trips import list_trips

        try:
            self.trips = list_trips(self._context.database)
        except DelegationError:
            return
        self.trip = next((t for t in self.trips if t.id == self.trip.id), self.trip)

    # Making, copying and deleting trips.
    def new_trip(self) -> None:
        self._create_trip(template=None)

    def duplicate_trip(self) -> None:
        if self.trip is not None:
            self._create_trip(template=self.trip)

    def _create_trip(self, template: TripSummary | None) -> None:
        from delegation.ui.dialogs.trip_dialog import TripDialog
        from delegation.ui.trip_commands import CreateTripCommand
        from delegation.ui.widgets.validated_form import run_editor

        dialog = TripDialog(template=template, parent=self._window)
        command = run_editor(
            dialog,
            self._context,
            lambda: CreateTripCommand(
                self._context, dialog.new_trip(), template=template.id if template else None
            ),
        )
        if command is not None and command.trip is not None:
            self.reload(select_key=command.trip.key)

    def delete_trip(self) -> None:
        self.refresh_summary()  # its participants counted as they are now
        trip = self.trip
        if trip is None or not self._confirm_deletion(trip):
            return
        from delegation.services.trips import delete_trip

        try:
            delete_trip(self._context.database, trip.id)
        except DelegationError as error:
            self.failed.emit(error)
            return
        # Edits on the stack may refer to the deleted trip: they can no longer be replayed.
        self._context.undo_stack.clear()
        self.trip = None
        self.reload()

    def _confirm_deletion(self, trip: TripSummary) -> bool:
        answer = QMessageBox.warning(
            self._window,
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
        return answer == QMessageBox.StandardButton.Yes

    # Setting a trip up.
    def edit_settings(self) -> None:
        trip = self.trip
        if trip is None:
            return
        from delegation.ui.dialogs.trip_settings_dialog import TripSettingsDialog
        from delegation.ui.trip_commands import EditTripSettingsCommand
        from delegation.ui.widgets.validated_form import run_editor

        dialog = TripSettingsDialog(trip, self._window)
        run_editor(
            dialog,
            self._context,
            lambda: EditTripSettingsCommand(
                self._context,
                trip,
                dialog.settings(),
                dialog.move_programme.isEnabled() and dialog.move_programme.isChecked(),
            ),
        )

    def edit_groups(self) -> None:
        if self.trip is None:
            return
        from delegation.ui.dialogs.groups_dialog import GroupsDialog

        GroupsDialog(self._context, self.trip, self._window).exec()

    def choose_logo(self) -> None:
        """The association's logo for the covers of this trip's documents, from a file."""
        if self.trip is None:
            return
        from delegation.services.trip_logo import read_logo_file

        path, _filter = QFileDialog.getOpenFileName(
            self._window, _("Logo for the covers"), "", _("Images (*.png *.jpg *.jpeg)")
        )
        if not path:
            return
        try:
            logo = read_logo_file(path)
        except FileRefusedError as error:
            self._context.report(error)
            return
        self._set_logo(logo)

    def remove_logo(self) -> None:
        if self.trip is not None:
            self._set_logo(None)

    def _set_logo(self, logo: bytes | None) -> None:
        from delegation.ui.trip_commands import SetTripLogoCommand

        if self.trip is not None and self._context.execute(
            SetTripLogoCommand(self._context, self.trip, logo)
        ):
            said = _("The covers print this logo.") if logo else _("The covers print no logo.")
            self._window.statusBar().showMessage(said, 5000)
