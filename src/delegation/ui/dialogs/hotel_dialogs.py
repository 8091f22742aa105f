"""Editors of a hotel and of a batch of its rooms."""

from collections.abc import Mapping
from dataclasses import replace
from typing import ClassVar

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)

from delegation.domain.enums import RoomType
from delegation.i18n import _
from delegation.i18n.labels import room_type_label
from delegation.services.hotels import HotelDetails, validate_hotel
from delegation.ui.widgets.validated_form import DateField, EditorDialog, ValidatedForm, ok_cancel


class HotelDialog(EditorDialog):
    def __init__(self, details: HotelDetails | None = None, parent=None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(480)
        self.setWindowTitle(_("Hotel") if details else _("New hotel"))
        self._original = details or HotelDetails(name="")
        d = self._original
        self._name = QLineEdit(d.name)
        self._address = QLineEdit(d.address or "")
        self._phone = QLineEdit(d.phone or "")
        self._email = QLineEdit(d.email or "")
        self._check_in = DateField()
        self._check_in.set_date(d.check_in)
        self._check_out = DateField()
        self._check_out.set_date(d.check_out)
        self._form = form = ValidatedForm()
        form.add_field("name", _("Name"), self._name, required=True)
        form.add_field("address", _("Address"), self._address)
        form.add_field("phone", _("Phone"), self._phone)
        form.add_field("email", _("Email"), self._email)
        form.add_field("check_in", _("Check-in"), self._check_in)
        form.add_field("check_out", _("Check-out"), self._check_out)
        self._buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._buttons)
        for edit in (self._name, self._check_in, self._check_out):
            edit.textChanged.connect(self._on_any_field_changed)
        self._on_any_field_changed()

    def details(self) -> HotelDetails:
        return replace(
            self._original,
            name=self._name.text(),
            address=self._address.text(),
            phone=self._phone.text(),
            email=self._email.text(),
            check_in=self._check_in.date_or_error()[0],
            check_out=self._check_out.date_or_error()[0],
        )

    def _on_any_field_changed(self, *_args) -> None:
        errors = {problem.field: problem.reason for problem in validate_hotel(self.details())}
        for name, field in (("check_in", self._check_in), ("check_out", self._check_out)):
            message = field.date_or_error()[1]
            if message:
                errors[name] = message
        self._form.show_errors(errors)
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not errors)


class RoomsDialog(EditorDialog):
    """Rooms numbered in a run (101 to 124), all of one type: how hotels allot them."""

    field_aliases: ClassVar[Mapping[str, str]] = {"labels": "first"}  # numbers taken

    def __init__(self, hotel_name: str, parent=None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(400)
        self.setWindowTitle(_("Add rooms to {hotel}").format(hotel=hotel_name))
        self._prefix = QLineEdit()
        self._prefix.setPlaceholderText(_("optional, e.g. A-"))
        self._first = QSpinBox()
        self._first.setRange(0, 99999)
        self._first.setValue(101)
        self._count = QSpinBox()
        self._count.setRange(1, 500)
        self._count.setValue(1)
        self._type = QComboBox()
        for room_type in RoomType:
            self._type.addItem(room_type_label(room_type), room_type)
        self._capacity = QSpinBox()
        self._capacity.setRange(1, 8)
        self._type.currentIndexChanged.connect(self._on_type_changed)
        form = ValidatedForm()
        form.add_field("prefix", _("Prefix"), self._prefix)
        form.add_field("first", _("First number"), self._first)
        form.add_field("count", _("How many"), self._count)
        form.add_field("room_type", _("Type"), self._type)
        form.add_field("capacity", _("Beds"), self._capacity)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(ok_cancel(self))

    def _on_type_changed(self, _index: int) -> None:
        single = RoomType(self._type.currentData()) == RoomType.SINGLE
        self._capacity.setValue(1 if single else 2)

    def labels(self) -> list[str]:
        prefix = self._prefix.text().strip()
        first = self._first.value()
        return [f"{prefix}{first + n}" for n in range(self._count.value())]

    def room_type(self) -> RoomType:
        return RoomType(self._type.currentData())  # Qt hands back a plain string

    def capacity(self) -> int:
        return self._capacity.value()
