"""Create a trip, or next year's trip from an existing one."""

from datetime import date

from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QVBoxLayout

from delegation.i18n import _
from delegation.services.trips import NewTrip, TripSummary, capital_timezone, validate_new_trip
from delegation.ui.widgets.validated_form import DateField, EditorDialog, ValidatedForm, ok_cancel


def _next_year(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


class TripDialog(EditorDialog):
    """Without a template: every field of a new trip. With one: key, title, start."""

    def __init__(self, template: TripSummary | None = None, parent=None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(500)
        self._template = template
        self.setWindowTitle(
            _("Duplicate {title}").format(title=template.title) if template else _("New trip")
        )
        self._form = form = ValidatedForm()
        self._key = QLineEdit()
        self._key.setPlaceholderText("tallinn-2023")
        self._title = QLineEdit()
        self._city = QLineEdit()
        self._country = QLineEdit()
        self._country.setMaxLength(2)
        self._country.setPlaceholderText("EE")
        self._start = DateField()
        self._end = DateField()
        self._timezone = QLineEdit()
        form.add_field("key", _("Key"), self._key, required=True)
        form.add_field("title", _("Title"), self._title, required=True)
        if template is None:
            form.add_field("destination", _("Destination city"), self._city, required=True)
            form.add_field("country", _("Country code"), self._country, required=True)
            form.add_field("start", _("First day"), self._start, required=True)
            form.add_field("end", _("Last day"), self._end, required=True)
            form.add_field("timezone", _("Time zone"), self._timezone)
        else:
            start = _next_year(template.start_date)
            self._key.setText(template.key.replace(str(template.start_date.year), str(start.year)))
            self._title.setText(
                template.title.replace(str(template.start_date.year), str(start.year))
            )
            self._start.set_date(start)
            form.add_field("start", _("First day"), self._start, required=True)
        self._buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._buttons)
        for edit in (self._key, self._title, self._city, self._country, self._start, self._end,
                     self._timezone):  # fmt: skip
            edit.textChanged.connect(self._on_any_field_changed)
        self._on_any_field_changed()

    def new_trip(self) -> NewTrip:
        start, _error = self._start.date_or_error()
        end, _error = self._end.date_or_error()
        if self._template is not None:
            template = self._template
            end = start + (template.end_date - template.start_date) if start else None
            return NewTrip(
                self._key.text().strip(), self._title.text(), template.destination_city,
                template.destination_country, start, end, template.timezone,
                template.home_timezone,
            )  # fmt: skip
        return NewTrip(
            key=self._key.text().strip(),
            title=self._title.text(),
            destination_city=self._city.text(),
            destination_country=self._country.text().strip().upper(),
            start_date=start,
            end_date=end,
            timezone=self._timezone.text().strip() or None,
        )

    def errors(self) -> dict[str, str]:
        start, start_error = self._start.date_or_error()
        end, end_error = self._end.date_or_error()
        if self._template is None:
            country = self._country.text().strip().upper()
            self._timezone.setPlaceholderText(capital_timezone(country) or "")
        errors = {}
        if start_error or start is None:
            errors["start"] = start_error or _("a date is required")
        if self._template is None and (end_error or end is None):
            errors["end"] = end_error or _("a date is required")
        new = self.new_trip()
        for problem in validate_new_trip(new):
            errors.setdefault(problem.field, problem.reason)
        return errors

    def _on_any_field_changed(self, *_args) -> None:
        errors = self.errors()
        self._form.show_errors(errors)
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not errors)
