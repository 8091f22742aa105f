"""The editor of one participant, with its sensitive data set apart and marked."""

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from delegation.domain.edit_merge import merge_edits
from delegation.domain.enums import Language, ParticipantCategory, ParticipantStatus
from delegation.domain.errors import ConflictError
from delegation.i18n import _
from delegation.i18n.labels import category_label, field_label, status_label
from delegation.services.hotels import RoomRow
from delegation.services.participant_details import ParticipantDetails, validate_details
from delegation.services.participant_rows import GroupRow
from delegation.ui.error_text import error_text
from delegation.ui.icons import icon
from delegation.ui.widgets.validated_form import DateField, EditorDialog, ValidatedForm, ok_cancel

SENSITIVE_STYLE = (
    "QGroupBox#sensitive { background: #fff6e5; border: 1px solid #e0a030;"
    " border-radius: 4px; margin-top: 1.4em; padding-top: 6px; }"
    "QGroupBox#sensitive::title { subcontrol-origin: margin; left: 8px; color: #9a5b00; }"
)


def _enum_combo(values, label) -> QComboBox:
    combo = QComboBox()
    for value in values:
        combo.addItem(label(value), value)
    return combo


def _select(combo: QComboBox, value) -> None:
    combo.setCurrentIndex(max(0, combo.findData(value)))


class ParticipantDialog(EditorDialog):
    """Edits ParticipantDetails; OK stays disabled while a field is wrong."""

    def __init__(
        self,
        groups: list[GroupRow],
        rooms: list[RoomRow],
        organizations: list[str],
        details: ParticipantDetails | None = None,
        parent=None,
        *,
        sees_private: bool = True,
        may_edit: bool = True,
    ) -> None:
        """sees_private, may_edit: False for a viewer of a shared database, who is shown
        the participant with the sensitive fields marked hidden, and no OK."""
        super().__init__(parent)
        self.setWindowTitle(_("Participant") if details else _("New participant"))
        self._original = details or ParticipantDetails(last_name="")

        person = ValidatedForm()
        self._civility = QLineEdit()
        self._first_name = QLineEdit()
        self._last_name = QLineEdit()
        self._email = QLineEdit()
        self._phone = QLineEdit()
        self._organization = QComboBox()
        self._organization.setEditable(True)
        self._organization.addItems(["", *organizations])
        self._job_title = QLineEdit()
        person.add_field("civility", _("Salutation"), self._civility)
        person.add_field("first_name", _("First name"), self._first_name)
        person.add_field("last_name", _("Last name"), self._last_name, required=True)
        person.add_field("email", _("Email"), self._email)
        person.add_field("phone", _("Phone"), self._phone)
        person.add_field("organization", _("Organization"), self._organization)
        person.add_field("job_title", _("Function"), self._job_title)

        registration = ValidatedForm()
        self._status = _enum_combo(ParticipantStatus, status_label)
        self._category = _enum_combo(ParticipantCategory, category_label)
        self._language = QComboBox()
        self._language.addItem(_("French"), Language.FRENCH)
        self._language.addItem(_("English"), Language.ENGLISH)
        group_box = QWidget()
        group_row = QHBoxLayout(group_box)
        group_row.setContentsMargins(0, 0, 0, 0)
        self._groups: dict[str, QCheckBox] = {}
        for group in groups:
            box = QCheckBox(group.name.replace("&", "&&"))  # "&" is not a shortcut here
            box.setToolTip(group.code)
            self._groups[group.code] = box
            group_row.addWidget(box)
        if not groups:
            group_row.addWidget(QLabel(_("This trip has no groups.")))
        group_row.addStretch(1)
        self._room = QComboBox()
        self._room.addItem(_("No room"), None)
        for room in rooms:
            self._room.addItem(
                _("{hotel}, room {label} ({used}/{capacity})").format(
                    hotel=room.hotel_name,
                    label=room.label,
                    used=len(room.occupants),
                    capacity=room.capacity,
                ),
                room.id,
            )
        self._nationality = QLineEdit()
        self._nationality.setMaxLength(2)
        self._nationality.setPlaceholderText("FR")
        self._notes = QPlainTextEdit()
        self._notes.setTabChangesFocus(True)
        self._notes.setFixedHeight(60)
        registration.add_field("status", _("Status"), self._status)
        registration.add_field("category", _("Category"), self._category)
        registration.add_field("language", _("Language"), self._language)
        registration.add_field("groups", _("Groups"), group_box)
        registration.add_field("room_id", _("Room"), self._room)
        registration.add_field("nationality", _("Nationality"), self._nationality)
        registration.add_field("notes", _("Notes"), self._notes)

        sensitive = ValidatedForm()
        self._birth_date = DateField()
        self._dietary = QLineEdit()
        self._accessibility = QLineEdit()
        # Say how a need is written and where it goes: the documents read it as typed.
        self._dietary.setPlaceholderText(_("vegetarian; allergy to peanuts (carries an EpiPen)"))
        self._dietary.setToolTip(
            _("Separate needs with “;”. Printed for the caterers, allergies first.")
        )
        self._accessibility.setPlaceholderText(_("wheelchair; lift needed"))
        self._accessibility.setToolTip(
            _("Printed on the rooming list, the visitor lists and this person’s own itinerary.")
        )
        self._passport_number = QLineEdit()
        self._passport_expiry = DateField()
        self._emergency_name = QLineEdit()
        self._emergency_phone = QLineEdit()
        sensitive.add_field("birth_date", _("Date of birth"), self._birth_date)
        sensitive.add_field("dietary", _("Dietary needs"), self._dietary)
        sensitive.add_field("accessibility", _("Accessibility"), self._accessibility)
        sensitive.add_field("passport_number", _("Passport number"), self._passport_number)
        sensitive.add_field("passport_expiry", _("Passport expiry"), self._passport_expiry)
        sensitive.add_field("emergency_contact_name", _("Emergency contact"), self._emergency_name)
        sensitive.add_field("emergency_contact_phone", _("Emergency phone"), self._emergency_phone)
        self._forms = (person, registration, sensitive)

        self.setMinimumWidth(900)
        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self._box(_("Person"), person))
        left.addWidget(self._box(_("Registration"), registration))
        columns.addLayout(left, 1)
        right = QVBoxLayout()
        marker = QLabel()
        marker.setPixmap(icon("sensitive").pixmap(16, 16))
        explanation = QLabel(
            _("Identity, health and emergency data: left out of exports unless asked for.")
            if sees_private
            else _(
                "Identity, health and emergency data: hidden, as your role on this database"
                " is viewer."
            )
        )
        explanation.setWordWrap(True)
        notice = QWidget()
        notice_row = QHBoxLayout(notice)
        notice_row.setContentsMargins(0, 0, 0, 6)
        notice_row.addWidget(marker, 0, Qt.AlignmentFlag.AlignTop)
        notice_row.addWidget(explanation, 1)
        sensitive.insertRow(0, notice)
        sensitive_box = self._box(_("Sensitive data"), sensitive)
        sensitive_box.setObjectName("sensitive")
        sensitive_box.setStyleSheet(SENSITIVE_STYLE)
        right.addWidget(sensitive_box)
        right.addStretch(1)
        columns.addLayout(right, 1)

        self._buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self._buttons)

        self._load(self._original)
        for widget in self.findChildren(QLineEdit):
            widget.textChanged.connect(self._on_any_field_changed)
        self._on_any_field_changed()
        self._last_name.setFocus(Qt.FocusReason.OtherFocusReason)
        if not sees_private:
            self._hide_private()
        if not may_edit:
            self._only_show()

    def private_fields(self) -> tuple[QLineEdit, ...]:
        return (
            self._birth_date, self._dietary, self._accessibility, self._passport_number,
            self._passport_expiry, self._emergency_name, self._emergency_phone,
        )  # fmt: skip

    def _hide_private(self) -> None:
        """Greyed and marked hidden: an empty field would say there is nothing on file."""
        for field in self.private_fields():
            field.clear()
            field.setPlaceholderText(_("hidden"))
            field.setToolTip("")
            field.setEnabled(False)

    def _only_show(self) -> None:
        """Every field read-only, and Close instead of OK and Cancel."""
        self.setWindowTitle(_("Participant (view only)"))
        for line in self.findChildren(QLineEdit):
            line.setReadOnly(True)
        self._notes.setReadOnly(True)
        for widget in (*self.findChildren(QComboBox), *self.findChildren(QCheckBox)):
            widget.setEnabled(False)
        self._buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)

    @staticmethod
    def _box(title: str, form: ValidatedForm) -> QGroupBox:
        box = QGroupBox(title)
        box.setLayout(form)
        return box

    def _load(self, d: ParticipantDetails) -> None:
        self._civility.setText(d.civility or "")
        self._first_name.setText(d.first_name)
        self._last_name.setText(d.last_name)
        self._email.setText(d.email or "")
        self._phone.setText(d.phone or "")
        self._organization.setCurrentText(d.organization or "")
        self._job_title.setText(d.job_title or "")
        _select(self._status, d.status)
        _select(self._category, d.category)
        _select(self._language, d.language)
        for code, box in self._groups.items():
            box.setChecked(code in d.group_codes)
        _select(self._room, d.room_id)
        self._nationality.setText(d.nationality or "")
        self._notes.setPlainText(d.notes or "")
        self._birth_date.set_date(d.birth_date)
        self._dietary.setText(d.dietary or "")
        self._accessibility.setText(d.accessibility or "")
        self._passport_number.setText(d.passport_number or "")
        self._passport_expiry.set_date(d.passport_expiry)
        self._emergency_name.setText(d.emergency_contact_name or "")
        self._emergency_phone.setText(d.emergency_contact_phone or "")

    def rebase(self, saved: ParticipantDetails, conflict: ConflictError) -> None:
        """A colleague saved this registration while it was open (`conflict` says who
        and when): show their values where the user changed nothing, keep what they typed."""
        merged, clashes = merge_edits(self._original, saved, self.details())
        self._original = saved
        self._load(merged)
        advice = _("Their changes are now shown here and yours are kept: press OK to save yours.")
        text = _("{refusal}. {advice}").format(
            refusal=error_text(conflict).rstrip("."), advice=advice
        )
        if clashes:
            text += " " + _("You both changed: {fields}.").format(
                fields=", ".join(field_label(name) for name in clashes)
            )
        self.show_notice(text)

    def details(self) -> ParticipantDetails:
        expiry, _error = self._passport_expiry.date_or_error()
        born, _error = self._birth_date.date_or_error()
        return replace(
            self._original,
            civility=self._civility.text(),
            first_name=self._first_name.text(),
            last_name=self._last_name.text(),
            email=self._email.text(),
            phone=self._phone.text(),
            organization=self._organization.currentText(),
            job_title=self._job_title.text(),
            # Qt hands enum members back as plain strings.
            status=ParticipantStatus(self._status.currentData()),
            category=ParticipantCategory(self._category.currentData()),
            language=Language(self._language.currentData()),
            group_codes=tuple(code for code, box in self._groups.items() if box.isChecked()),
            room_id=self._room.currentData(),
            nationality=self._nationality.text(),
            notes=self._notes.toPlainText(),
            birth_date=born,
            dietary=self._dietary.text(),
            accessibility=self._accessibility.text(),
            passport_number=self._passport_number.text(),
            passport_expiry=expiry,
            emergency_contact_name=self._emergency_name.text(),
            emergency_contact_phone=self._emergency_phone.text(),
        )

    def errors(self) -> dict[str, str]:
        errors = {problem.field: problem.reason for problem in validate_details(self.details())}
        for name, field in (("passport_expiry", self._passport_expiry),
                            ("birth_date", self._birth_date)):  # fmt: skip
            _value, date_error = field.date_or_error()
            if date_error:
                errors[name] = date_error
        return errors

    def _on_any_field_changed(self, _text: str = "") -> None:
        errors = self.errors()
        for form in self._forms:
            form.show_errors(errors)
        ok = self._buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:  # a dialog only shown has none
            ok.setEnabled(not errors)
