"""The editor of a travel leg: each end with its own place, clock and time zone."""

from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from delegation.domain.enums import TravelDirection, TravelMode
from delegation.i18n import _
from delegation.i18n.formatting import format_duration
from delegation.i18n.labels import direction_label, travel_mode_label
from delegation.services.travel import SegmentDetails, validate_segment
from delegation.ui.widgets.validated_form import EditorDialog, ValidatedForm, ok_cancel


def _moment(value: datetime) -> QDateTimeEdit:
    # A wall clock read in the leg's own zone: kept in UTC so that the machine's zone
    # (and its daylight-saving gaps) never shifts it.
    edit = QDateTimeEdit(
        QDateTime(
            QDate(value.year, value.month, value.day),
            QTime(value.hour, value.minute),
            QTimeZone.utc(),
        )
    )
    edit.setDisplayFormat("dd/MM/yyyy HH:mm")
    edit.setCalendarPopup(True)
    return edit


def _read(edit: QDateTimeEdit) -> datetime:
    value = edit.dateTime()
    day, clock = value.date(), value.time()
    return datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute())


class SegmentDialog(EditorDialog):
    def __init__(self, details: SegmentDetails, *, is_new: bool, parent=None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(520)
        self.setWindowTitle(_("New travel leg") if is_new else _("Travel leg"))
        self._original = details
        d = details
        self._mode = QComboBox()
        for mode in TravelMode:
            self._mode.addItem(travel_mode_label(mode), mode)
        self._mode.setCurrentIndex(self._mode.findData(d.mode))
        self._direction = QComboBox()
        for direction in TravelDirection:
            self._direction.addItem(direction_label(direction), direction)
        self._direction.setCurrentIndex(self._direction.findData(d.direction))
        self._carrier = QLineEdit(d.carrier or "")
        self._number = QLineEdit(d.number or "")
        self._from = QLineEdit(d.departure_place)
        self._from_zone = QLineEdit(d.departure_timezone)
        self._departure = _moment(d.departure_at)
        self._to = QLineEdit(d.arrival_place)
        self._to_zone = QLineEdit(d.arrival_timezone)
        self._arrival = _moment(d.arrival_at)
        self._duration = QLabel()
        self._form = form = ValidatedForm()
        form.add_field("mode", _("Mode"), self._mode)
        form.add_field("direction", _("Direction"), self._direction)
        form.add_field("carrier", _("Carrier"), self._carrier)
        form.add_field("number", _("Number"), self._number)
        form.add_field("departure_place", _("From"), self._from, required=True)
        form.add_field("departure_timezone", _("Departure time zone"), self._from_zone)
        form.add_field("departure_at", _("Departure (local time)"), self._departure)
        form.add_field("arrival_place", _("To"), self._to, required=True)
        form.add_field("arrival_timezone", _("Arrival time zone"), self._to_zone)
        form.add_field("arrival_at", _("Arrival (local time)"), self._arrival)
        form.add_field("duration", _("Duration"), self._duration)
        self._buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._buttons)
        for edit in (self._from, self._to, self._from_zone, self._to_zone):
            edit.textChanged.connect(self._on_any_field_changed)
        for moment in (self._departure, self._arrival):
            moment.dateTimeChanged.connect(self._on_any_field_changed)
        self._on_any_field_changed()

    def details(self) -> SegmentDetails:
        return replace(
            self._original,
            mode=TravelMode(self._mode.currentData()),  # Qt hands back plain strings
            direction=TravelDirection(self._direction.currentData()),
            carrier=self._carrier.text(),
            number=self._number.text(),
            departure_place=self._from.text(),
            departure_timezone=self._from_zone.text().strip(),
            departure_at=_read(self._departure),
            arrival_place=self._to.text(),
            arrival_timezone=self._to_zone.text().strip(),
            arrival_at=_read(self._arrival),
        )

    def _on_any_field_changed(self, *_args) -> None:
        details = self.details()
        errors: dict[str, str] = {}
        for problem in validate_segment(details):
            errors.setdefault(problem.field, problem.reason)
        self._form.show_errors(errors)
        if not errors:
            self._duration.setText(format_duration(int(details.duration.total_seconds() // 60)))
        else:
            self._duration.setText("")
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not errors)
