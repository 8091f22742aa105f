"""The editor of one agenda item: when, what in both languages, where, for whom.

An end earlier than the start is the next day, said beside it ("(+1) next day"). With the
trip's time zone, a time the clocks skip that day is refused under "Time", naming the next
valid one, and a time that happens twice that night is explained there.
"""

from collections.abc import Mapping
from dataclasses import replace
from datetime import date, time
from typing import ClassVar

from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from delegation.domain.enums import AgendaKind, AgendaStatus
from delegation.domain.scheduling import ends_next_day
from delegation.i18n import _
from delegation.i18n.formatting import format_date, next_day_mark
from delegation.i18n.labels import agenda_status_label, kind_label
from delegation.services.agenda import (
    AgendaItemDetails,
    same_times,
    validate_item_details,
    with_folds_in,
)
from delegation.services.agenda_clock import (
    occurrence_labels,
    repeated_change,
    repeated_time_note,
)
from delegation.services.directory import ContactRow, OrganizationRow, VenueRow
from delegation.services.participant_rows import GroupRow
from delegation.ui.widgets.validated_form import EditorDialog, ValidatedForm, ok_cancel

OPENING_WIDTH = 560


def _time_edit(value: time | None) -> QTimeEdit:
    edit = QTimeEdit()
    edit.setDisplayFormat("HH:mm")
    if value is not None:
        edit.setTime(QTime(value.hour, value.minute))
    return edit


def _text(edit: QPlainTextEdit, value: str | None) -> QPlainTextEdit:
    edit.setPlainText(value or "")
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(54)
    return edit


class AgendaItemDialog(EditorDialog):
    # The end has no row of its own: a refusal of it shows under "Time".
    field_aliases: ClassVar[Mapping[str, str]] = {"end_time": "start_time"}

    def __init__(
        self,
        days: list[date],
        groups: list[GroupRow],
        venues: list[VenueRow],
        organizations: list[OrganizationRow],
        contacts: list[ContactRow],
        details: AgendaItemDetails,
        *,
        is_new: bool,
        timezone: str | None = None,
        parent=None,
    ) -> None:
        """`timezone`: the trip's zone, where skipped and repeated times are told apart."""
        super().__init__(parent)
        self.setWindowTitle(_("New agenda item") if is_new else _("Agenda item"))
        self._is_new = is_new
        self._original = details
        self._timezone = timezone
        form = ValidatedForm()
        self._day = QComboBox()
        # Dates travel through Qt as ISO text: a Python date comes back as a QDate.
        for day in sorted(set(days) | {details.day}):
            self._day.addItem(format_date(day, "full"), day.isoformat())
        self._day.setCurrentIndex(self._day.findData(details.day.isoformat()))
        self._start = _time_edit(details.start_time)
        self._end = _time_edit(details.end_time)
        self._has_end = QCheckBox(_("ends at"))
        self._has_end.setChecked(details.end_time is not None)
        self._end.setEnabled(details.end_time is not None)
        self._has_end.toggled.connect(self._end.setEnabled)
        when = self._when_widget()
        self._title_fr = QLineEdit(details.title_fr)
        self._title_en = QLineEdit(details.title_en)
        self._kind = QComboBox()
        for kind in AgendaKind:
            self._kind.addItem(kind_label(kind), kind)
        self._kind.setCurrentIndex(self._kind.findData(details.kind))
        self._status = QComboBox()
        for status in AgendaStatus:
            self._status.addItem(agenda_status_label(status), status)
        self._status.setCurrentIndex(self._status.findData(details.status))
        self._venue = QComboBox()
        self._venue.addItem(_("No venue"), None)
        for venue in venues:
            self._venue.addItem(venue.details.name, venue.id)
        self._venue.setCurrentIndex(max(0, self._venue.findData(details.venue_id)))
        self._host = QComboBox()
        self._host.addItem(_("No host"), None)
        for organization in organizations:
            self._host.addItem(organization.name, organization.id)
        self._host.setCurrentIndex(max(0, self._host.findData(details.host_organization_id)))
        self._contacts = contacts
        self._host_contact = QComboBox()
        self._host.currentIndexChanged.connect(self._fill_host_contacts)
        self._fill_host_contacts()
        self._host_contact.setCurrentIndex(
            max(0, self._host_contact.findData(details.host_contact_id))
        )
        groups_box = QWidget()
        groups_row = QHBoxLayout(groups_box)
        groups_row.setContentsMargins(0, 0, 0, 0)
        self._groups: dict[str, QCheckBox] = {}
        for group in groups:
            box = QCheckBox(group.name.replace("&", "&&"))
            box.setChecked(group.code in details.group_codes)
            self._groups[group.code] = box
            groups_row.addWidget(box)
        groups_row.addWidget(QLabel(_("(none ticked: everyone)")))
        groups_row.addStretch(1)
        self._capacity = QSpinBox()
        self._capacity.setRange(0, 100000)
        self._capacity.setSpecialValueText(_("not set"))
        self._capacity.setValue(details.capacity or 0)
        self._notes_fr = _text(QPlainTextEdit(), details.notes_fr)
        self._notes_en = _text(QPlainTextEdit(), details.notes_en)
        self._internal = _text(QPlainTextEdit(), details.internal_notes)

        form.add_field("day", _("Day"), self._day)
        form.add_field("start_time", _("Time"), when)
        form.add_field("title_fr", _("Title in French"), self._title_fr)
        form.add_field("title_en", _("Title in English"), self._title_en)
        form.add_field("kind", _("Kind"), self._kind)
        form.add_field("status", _("Status"), self._status)
        form.add_field("venue_id", _("Venue"), self._venue)
        form.add_field("host_organization_id", _("Host"), self._host)
        form.add_field("host_contact_id", _("Host contact"), self._host_contact)
        form.add_field("groups", _("Groups"), groups_box)
        form.add_field("capacity", _("Capacity"), self._capacity)
        form.add_field("notes_fr", _("Notes for participants (French)"), self._notes_fr)
        form.add_field("notes_en", _("Notes for participants (English)"), self._notes_en)
        form.add_field("internal_notes", _("Internal notes"), self._internal)
        self._form = form
        self._buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._buttons)
        for signal in (
            self._title_fr.textChanged,
            self._title_en.textChanged,
            self._day.currentIndexChanged,
            self._start.timeChanged,
            self._end.timeChanged,
            self._has_end.toggled,
            self._capacity.valueChanged,
        ):
            signal.connect(self._on_any_field_changed)
        self._on_any_field_changed()

    def _when_widget(self) -> QWidget:
        """Start, end, the next-day mark beside the end, and the note on repeated times."""
        self._next_day = QLabel(_("{mark} next day").format(mark=next_day_mark()))
        self._next_day.setObjectName("next_day")
        self._next_day.setToolTip(_("The item ends after midnight, on the next day."))
        self._repeated = QLabel()
        self._repeated.setObjectName("repeated_time")
        self._repeated.setWordWrap(True)
        self._repeated.setStyleSheet("color: #8a5a00;")  # a caution, not an error
        self._repeated.hide()
        # Which of the two is meant, when the clocks go back over the item's times.
        self._occurrence = QComboBox()
        self._occurrence.setObjectName("occurrence")
        self._occurrence.setAccessibleName(_("Which occurrence"))
        self._occurrence.addItems(["", ""])
        self._occurrence.setCurrentIndex(
            1 if self._original.start_fold or self._original.end_fold else 0
        )
        self._occurrence.currentIndexChanged.connect(self._on_any_field_changed)
        self._occurrence.hide()
        when = QWidget()
        column = QVBoxLayout(when)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        row = QHBoxLayout()
        row.addWidget(self._start)
        row.addWidget(self._has_end)
        row.addWidget(self._end)
        row.addWidget(self._next_day)
        row.addWidget(QLabel(_("(local time)")))
        row.addStretch(1)
        column.addLayout(row)
        column.addWidget(self._repeated)
        column.addWidget(self._occurrence, 0, Qt.AlignmentFlag.AlignLeft)
        return when

    def _show_clock_notes(self, details: AgendaItemDetails) -> None:
        self._next_day.setVisible(ends_next_day(details.start_time, details.end_time))
        note = change = None
        if self._timezone is not None:
            times = (details.day, details.start_time, details.end_time, self._timezone)
            change = repeated_change(*times)
            note = repeated_time_note(*times, second=details.start_fold or details.end_fold)
        if change is not None:
            for index, label in enumerate(occurrence_labels(change)):
                self._occurrence.setItemText(index, label)
        self._occurrence.setVisible(change is not None)
        self._repeated.setText(note or "")
        self._repeated.setVisible(note is not None)

    def _fill_host_contacts(self, *_args) -> None:
        organization = self._host.currentData()
        self._host_contact.clear()
        self._host_contact.addItem(_("No contact"), None)
        for contact in self._contacts:
            if organization is not None and contact.organization_id == organization:
                self._host_contact.addItem(contact.full_name, contact.id)

    def details(self) -> AgendaItemDetails:
        start = self._start.time()
        end = self._end.time()
        chosen = replace(
            self._original,
            day=date.fromisoformat(self._day.currentData()),
            start_time=time(start.hour(), start.minute()),
            end_time=time(end.hour(), end.minute()) if self._has_end.isChecked() else None,
            title_fr=self._title_fr.text(),
            title_en=self._title_en.text(),
            kind=AgendaKind(self._kind.currentData()),  # Qt hands back plain strings
            status=AgendaStatus(self._status.currentData()),
            venue_id=self._venue.currentData(),
            host_organization_id=self._host.currentData(),
            host_contact_id=self._host_contact.currentData(),
            group_codes=tuple(code for code, box in self._groups.items() if box.isChecked()),
            capacity=self._capacity.value() or None,
            notes_fr=self._notes_fr.toPlainText(),
            notes_en=self._notes_en.toPlainText(),
            internal_notes=self._internal.toPlainText(),
            start_fold=self._occurrence.currentIndex() == 1,
            end_fold=self._occurrence.currentIndex() == 1,
        )
        # "The second" holds only for the times the clocks repeat.
        return with_folds_in(chosen, self._timezone) if self._timezone else chosen

    def _on_any_field_changed(self, *_args) -> None:
        details = self.details()
        self._show_clock_notes(details)
        errors: dict[str, str] = {}
        # As the service: times kept as they were are not refused, even ones the clocks
        # skip (the checks name them), so such an item can still be renamed or cancelled.
        kept = not self._is_new and same_times(self._original, details)
        for problem in validate_item_details(details, zone=None if kept else self._timezone):
            # The end time has no row of its own: its message goes under "Time".
            field = "start_time" if problem.field == "end_time" else problem.field
            errors.setdefault(field, problem.reason)
        self._form.show_errors(errors)
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not errors)
        self._fit_height()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Wide enough for a message on a clock change to take two lines, not five. Not a
        # minimum width: that would stop the layout keeping its own rows whole.
        if self.width() < OPENING_WIDTH:
            self.resize(OPENING_WIDTH, self.height())
        self._fit_height()

    def _fit_height(self) -> None:
        """Grow to show a long message whole: a wrapped label's height is not in the size
        hint the dialog opens with, and the form would squeeze it to one line."""
        layout = self.layout()
        if layout is None or not self.isVisible():
            return
        needed = layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)
