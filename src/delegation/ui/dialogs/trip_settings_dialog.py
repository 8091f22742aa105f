"""The settings of the trip shown: title, dates, destination and time zones."""

from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QLineEdit, QVBoxLayout

from delegation.i18n import _
from delegation.services.summaries import TripSettings, TripSummary
from delegation.services.trips import validate_trip_settings
from delegation.ui.widgets.validated_form import DateField, EditorDialog, ValidatedForm, ok_cancel


class TripSettingsDialog(EditorDialog):
    def __init__(self, trip: TripSummary, parent=None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(580)
        self.setWindowTitle(_("Settings of {title}").format(title=trip.title))
        self._trip = trip
        self._title = QLineEdit(trip.title)
        self._city = QLineEdit(trip.destination_city)
        self._country = QLineEdit(trip.destination_country)
        self._country.setMaxLength(2)
        self._start = DateField()
        self._start.set_date(trip.start_date)
        self._end = DateField()
        self._end.set_date(trip.end_date)
        self._timezone = QLineEdit(trip.timezone)
        self._home_timezone = QLineEdit(trip.home_timezone)
        self.move_programme = QCheckBox(_("Move the programme and hotel nights along"))
        self.move_programme.setChecked(True)
        self._form = form = ValidatedForm()
        form.add_field("title", _("Title"), self._title, required=True)
        form.add_field("destination", _("Destination city"), self._city, required=True)
        form.add_field("country", _("Country code"), self._country, required=True)
        form.add_field("start", _("First day"), self._start, required=True)
        form.add_field("end", _("Last day"), self._end, required=True)
        form.addRow("", self.move_programme)  # under the dates it follows
        form.add_field("timezone", _("Time zone"), self._timezone, required=True)
        form.add_field("home_timezone", _("Home time zone"), self._home_timezone, required=True)
        self._buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._buttons)
        for edit in (self._title, self._city, self._country, self._start, self._end,
                     self._timezone, self._home_timezone):  # fmt: skip
            edit.textChanged.connect(self._on_any_field_changed)
        self._on_any_field_changed()

    def settings(self) -> TripSettings:
        return TripSettings(
            title=self._title.text(),
            destination_city=self._city.text(),
            destination_country=self._country.text().strip().upper(),
            start_date=self._start.date_or_error()[0] or self._trip.start_date,
            end_date=self._end.date_or_error()[0] or self._trip.end_date,
            timezone=self._timezone.text().strip(),
            home_timezone=self._home_timezone.text().strip(),
        )

    def _on_any_field_changed(self, *_args) -> None:
        errors: dict[str, str] = {}
        for name, field in (("start", self._start), ("end", self._end)):
            day, error = field.date_or_error()
            if error or day is None:
                errors[name] = error or _("a date is required")
        for problem in validate_trip_settings(self.settings()):
            errors.setdefault(problem.field, problem.reason)
        for name, edit in (("timezone", self._timezone), ("home_timezone", self._home_timezone)):
            if not edit.text().strip():
                errors[name] = _("a time zone is required, e.g. Europe/Tallinn")
        # Only a new start date moves anything.
        self.move_programme.setEnabled(self._start.date_or_error()[0] != self._trip.start_date)
        self._form.show_errors(errors)
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not errors)
