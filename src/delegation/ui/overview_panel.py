"""The overview of one trip: its details and who is coming, counted every useful way."""

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from delegation.i18n import _
from delegation.i18n.counts import readiness_counts
from delegation.i18n.formatting import format_date_range, format_number
from delegation.i18n.labels import category_label, status_label
from delegation.services.changes import Changes, Kind
from delegation.services.summaries import TripOverview, TripSummary
from delegation.ui.commands import EditContext


def _colon(label: str) -> str:
    # French puts a space before the colon: "Liste d’attente :".
    return _("{label}:").format(label=label)


class OverviewPanel(QWidget):
    def __init__(self, context: EditContext | None = None, parent=None) -> None:
        """Without a context, the panel shows what it is given (the start-up preview)."""
        super().__init__(parent)
        self.setObjectName("overview")
        self._context = context
        self._trip_id: int | None = None
        self._title = QLabel()
        self._title.setObjectName("overviewTitle")
        self._title.setStyleSheet("font-size: 18pt; font-weight: 600;")
        self._title.setWordWrap(True)
        self._subtitle = QLabel()
        self._subtitle.setWordWrap(True)
        self.readiness = QLabel()
        self.readiness.setObjectName("overviewReadiness")
        self.readiness.setWordWrap(True)
        self._details = QFormLayout()
        self._statuses = QFormLayout()
        self._categories = QFormLayout()
        self._groups = QFormLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self._title)
        layout.addWidget(self._subtitle)
        layout.addWidget(self.readiness)
        for title, form in (
            (_("Trip"), self._details),
            (_("Registrations by status"), self._statuses),
            (_("Participants by category"), self._categories),
            (_("Participants by group"), self._groups),
        ):
            box = QGroupBox(title)
            box.setLayout(form)
            layout.addWidget(box)
        layout.addStretch(1)
        self._empty = QLabel(_("Select a trip to see its overview."))
        layout.insertWidget(0, self._empty)
        self.show_overview(None)

    def show_trip(self, trip: TripSummary | None) -> None:
        self._trip_id = trip.id if trip else None
        if trip is None:
            self.show_overview(None)
        else:
            self._reread()

    def apply_changes(self, changes: Changes) -> None:
        # Counts by status, category and group, and the number of items.
        if changes.touches(Kind.PARTICIPANT, Kind.AGENDA_ITEM):
            self._reread()

    def _reread(self) -> None:
        from delegation.services.trips import trip_overview

        if self._trip_id is not None and self._context is not None:
            self.show_overview(trip_overview(self._context.database, self._trip_id))

    def show_readiness(self, blocking: int | None, warnings: int) -> None:
        """What the checks found (None: not known yet), in one line under the title."""
        if blocking is None:
            self.readiness.clear()
        elif blocking or warnings:
            self.readiness.setText(
                _("Readiness: {counts} (F8 lists them).")
                .format(counts=readiness_counts(blocking, warnings))
            )  # fmt: skip
        else:
            self.readiness.setText(_("Readiness: no problem found."))

    @staticmethod
    def _fill(form: QFormLayout, rows: list[tuple[str, str]]) -> None:
        while form.rowCount():
            form.removeRow(0)
        for label, value in rows:
            value_label = QLabel(value)
            value_label.setWordWrap(True)
            # A QLabel, not a string: QFormLayout would read "&" in a name as a shortcut.
            form.addRow(QLabel(label), value_label)

    def show_overview(self, overview: TripOverview | None) -> None:
        self._empty.setVisible(overview is None)
        for widget in self.findChildren(QGroupBox):
            widget.setVisible(overview is not None)
        if overview is None:
            self._title.clear()
            self._subtitle.clear()
            return
        trip = overview.trip
        self._title.setText(trip.title)
        self._subtitle.setText(
            _("{city} ({country}) — {dates}").format(
                city=trip.destination_city,
                country=trip.destination_country,
                dates=format_date_range(trip.start_date, trip.end_date),
            )
        )
        self._fill(
            self._details,
            [
                (_colon(_("Key")), trip.key),
                (_colon(_("Local time zone")), trip.timezone),
                (_colon(_("Home time zone")), trip.home_timezone),
                (_colon(_("Participants")), format_number(trip.participant_count)),
                (_colon(_("Agenda items")), format_number(overview.agenda_item_count)),
            ],
        )
        self._fill(
            self._statuses,
            [(_colon(status_label(s)), format_number(n)) for s, n in overview.by_status.items()],
        )
        self._fill(
            self._categories,
            [
                (_colon(category_label(c)), format_number(n))
                for c, n in overview.by_category.items()
            ],
        )
        groups = [(_colon(name), format_number(n)) for name, n in overview.by_group.items()]
        self._fill(self._groups, groups or [(_("No groups"), "")])
