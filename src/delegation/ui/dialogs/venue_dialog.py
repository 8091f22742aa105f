"""The editor of a venue: where it is, whom to call there, how many it holds."""

from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
)

from delegation.i18n import _
from delegation.services.directory import VenueDetails, validate_venue
from delegation.ui.widgets.validated_form import EditorDialog, ValidatedForm, ok_cancel


class VenueDialog(EditorDialog):
    def __init__(self, details: VenueDetails | None = None, parent=None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(560)
        self.setWindowTitle(_("Venue") if details else _("New venue"))
        self._original = details or VenueDetails(name="")
        d = self._original
        self._name = QLineEdit(d.name)
        self._address = QPlainTextEdit(d.address or "")
        self._address.setTabChangesFocus(True)
        self._address.setFixedHeight(54)
        self._city = QLineEdit(d.city or "")
        self._country = QLineEdit(d.country or "")
        self._country.setMaxLength(2)
        self._latitude = QLineEdit("" if d.latitude is None else str(d.latitude))
        self._longitude = QLineEdit("" if d.longitude is None else str(d.longitude))
        self._contact_name = QLineEdit(d.contact_name or "")
        self._contact_phone = QLineEdit(d.contact_phone or "")
        self._contact_email = QLineEdit(d.contact_email or "")
        self._capacity = QSpinBox()
        self._capacity.setRange(0, 100000)
        self._capacity.setSpecialValueText(_("not set"))
        self._capacity.setValue(d.capacity or 0)
        self._identity = QCheckBox(_("visitors' identity numbers are required in advance"))
        self._identity.setChecked(d.identity_list_required)
        self._form = form = ValidatedForm()
        form.add_field("name", _("Name"), self._name, required=True)
        form.add_field("address", _("Address"), self._address)
        form.add_field("city", _("City"), self._city)
        form.add_field("country", _("Country"), self._country)
        form.add_field("latitude", _("Latitude"), self._latitude)
        form.add_field("longitude", _("Longitude"), self._longitude)
        form.add_field("contact_name", _("On-site contact"), self._contact_name)
        form.add_field("contact_phone", _("Contact phone"), self._contact_phone)
        form.add_field("contact_email", _("Contact email"), self._contact_email)
        form.add_field("capacity", _("Capacity"), self._capacity)
        form.add_field("identity_list_required", _("Security"), self._identity)
        self._buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._buttons)
        for edit in (self._name, self._latitude, self._longitude, self._country):
            edit.textChanged.connect(self._on_any_field_changed)
        self._on_any_field_changed()

    @staticmethod
    def _number(edit: QLineEdit) -> tuple[float | None, bool]:
        text = edit.text().strip().replace(",", ".")
        if not text:
            return None, True
        try:
            return float(text), True
        except ValueError:
            return None, False

    def details(self) -> VenueDetails:
        return replace(
            self._original,
            name=self._name.text(),
            address=self._address.toPlainText(),
            city=self._city.text(),
            country=self._country.text().upper(),
            latitude=self._number(self._latitude)[0],
            longitude=self._number(self._longitude)[0],
            contact_name=self._contact_name.text(),
            contact_phone=self._contact_phone.text(),
            contact_email=self._contact_email.text(),
            capacity=self._capacity.value() or None,
            identity_list_required=self._identity.isChecked(),
        )

    def _on_any_field_changed(self, *_args) -> None:
        errors = {problem.field: problem.reason for problem in validate_venue(self.details())}
        for name, edit in (("latitude", self._latitude), ("longitude", self._longitude)):
            if not self._number(edit)[1]:
                errors[name] = _("not a number")
        self._form.show_errors(errors)
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not errors)
