"""The preview of an import: the file's first rows, which column feeds which field (the
user may correct it), how its dates and unknown values are read (the user may say), every
problem, and what the import would do — before any write."""

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from delegation.domain.errors import DelegationError
from delegation.i18n import _, ngettext
from delegation.i18n.counts import import_counts
from delegation.i18n.labels import field_label
from delegation.services.imports import rows_text
from delegation.services.source_files import DateOrder, UnknownValue
from delegation.services.value_maps import value_choices
from delegation.ui.error_text import error_text


@dataclass
class ReadingChoices:
    """What the user said of the file: the field of each column (None: detect them), the
    sheet, the order of each date column, the meaning of each unknown value."""

    columns: dict[int, str] | None = None
    sheet: str | None = None
    dates: dict[str, DateOrder] = field(default_factory=dict)
    values: dict[tuple[str, str], str | None] = field(default_factory=dict)


# The user's choices -> a plan, or raises.
Planner = Callable[[ReadingChoices], object]
_UNSET = "\x00unset"  # a value's meaning the user has not chosen yet


class ImportDialog(QDialog):
    """Shows a plan; the planner makes it again when the user corrects a column, picks
    another sheet, or says how dates and values read. Import stays disabled while the
    choices shown give no valid plan."""

    def __init__(
        self, title: str, planner: Planner, plan, parent=None, *, programme: bool = False
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumSize(960, 640)
        self._planner = planner
        self._programme = programme
        self.plan = plan
        self.choices = ReadingChoices(sheet=plan.file.table.sheet)
        self._values_seen: dict[tuple[str, str], UnknownValue] = {}
        self._file = QLabel()
        self._file.setWordWrap(True)
        self._summary = QLabel()
        self._summary.setWordWrap(True)
        self._sheet = QComboBox()
        self._sheet.setAccessibleName(_("Sheet"))
        self._sheet.addItems(list(plan.file.table.sheets))
        self._sheet.setCurrentText(plan.file.table.sheet or "")
        self._sheet.currentTextChanged.connect(self._on_sheet_changed)
        self._table = QTableWidget()
        self._table.setObjectName("importPreview")
        self._table.setAccessibleName(_("First rows of the file"))
        self._table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._problems = QListWidget()
        self._problems.setObjectName("importProblems")
        self._problems.setAccessibleName(_("Problems"))
        self._effects = QListWidget()
        self._effects.setObjectName("importEffects")
        self._effects.setAccessibleName(_("What the import does"))
        self._notes = QListWidget()
        self._notes.setObjectName("importNotes")
        self._notes.setAccessibleName(_("How the file is read"))
        for listing in (self._problems, self._effects, self._notes):
            listing.setWordWrap(True)  # a change shows its values before and after whole
        self._values = QTableWidget(0, 4)
        self._values.setObjectName("importValues")
        self._values.setAccessibleName(_("Values to map"))
        self._values.setHorizontalHeaderLabels([_("Column"), _("Value"), _("Rows"), _("Means")])
        self._values.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._values.verticalHeader().hide()
        self._values.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self._dates = QFormLayout()
        self.skip_invalid = QCheckBox(_("Import the valid rows and &skip the others"))
        self.skip_invalid.toggled.connect(self._update_button)
        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Import"))
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)
        self._lay_out(plan)
        self._combos: list[QComboBox] = []
        self._fill_table()
        self._show_plan()

    def _lay_out(self, plan) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self._file)
        if len(plan.file.table.sheets) > 1:
            sheet_row = QHBoxLayout()
            sheet_label = QLabel(_("S&heet:"))
            sheet_label.setBuddy(self._sheet)
            sheet_row.addWidget(sheet_label)
            sheet_row.addWidget(self._sheet, 1)
            layout.addLayout(sheet_row)
        layout.addWidget(
            QLabel(_("Check which field each column fills; choose another where it is wrong."))
        )
        layout.addWidget(self._table, 3)
        lists = QGridLayout()
        self._values_box = self._titled(_("&Values to map:"), self._values)
        notes = QWidget()
        notes_layout = QVBoxLayout(notes)
        notes_layout.setContentsMargins(0, 0, 0, 0)
        notes_layout.addWidget(self._notes)
        notes_layout.addLayout(self._dates)
        self._notes_box = self._titled(_("How the file is &read:"), notes, self._notes)
        for place, box in (
            ((0, 0), self._titled(_("&Problems:"), self._problems)),
            ((0, 1), self._titled(_("What the import &does:"), self._effects)),
            ((1, 0), self._values_box),
            ((1, 1), self._notes_box),
        ):
            lists.addWidget(box, *place)
        layout.addLayout(lists, 3)
        layout.addWidget(self._summary)
        layout.addWidget(self.skip_invalid)
        layout.addWidget(self._buttons)

    @staticmethod
    def _titled(text: str, content: QWidget, buddy: QWidget | None = None) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        title = QLabel(text)
        title.setBuddy(buddy or content)
        column.addWidget(title)
        column.addWidget(content)
        return box

    def _fill_table(self) -> None:
        self._combos.clear()
        self._table.clear()
        file = self.plan.file
        headers = file.table.headers
        sample = file.sample()
        self._table.setColumnCount(len(headers))
        self._table.setRowCount(len(sample) + 1)
        self._table.setHorizontalHeaderLabels(list(headers))
        self._table.setVerticalHeaderLabels(
            [_("Field")] + [str(row.line) for row in file.table.rows[: len(sample)]]
        )
        names = [spec.name for spec in file.specs]
        for column in range(len(headers)):
            combo = QComboBox()
            combo.setAccessibleName(_("Field of column {name}").format(name=headers[column]))
            combo.addItem(_("(ignored)"), "")
            for name in names:
                combo.addItem(field_label(name), name)
            combo.setCurrentIndex(max(0, combo.findData(file.fields.get(column, ""))))
            backup = next((name for name, i in file.fallbacks.items() if i == column), None)
            if backup is not None:  # read only where the field's own column is blank
                combo.insertItem(1, _("{field}, where blank").format(field=field_label(backup)), "")
                combo.setCurrentIndex(1)
            combo.currentIndexChanged.connect(self._on_mapping_changed)
            self._table.setCellWidget(0, column, combo)
            self._combos.append(combo)
        for row, cells in enumerate(sample, start=1):
            for column, text in enumerate(cells):
                self._table.setItem(row, column, QTableWidgetItem(text))
        self._table.resizeColumnsToContents()
        for column in range(len(headers)):
            self._table.setColumnWidth(column, min(240, max(120, self._table.columnWidth(column))))

    def mapping(self) -> dict[int, str]:
        return {
            column: combo.currentData()
            for column, combo in enumerate(self._combos)
            if combo.currentData()
        }

    def set_field(self, column: int, name: str) -> None:
        """Choose the field a column fills, as the user would in its drop-down."""
        combo = self._combos[column]
        combo.setCurrentIndex(combo.findData(name))

    def set_value(self, field_name: str, text: str, target: str | None) -> None:
        """Say what a file's value means, as the user would in its drop-down."""
        for row in range(self._values.rowCount()):
            combo = self._values.cellWidget(row, 3)
            if (
                isinstance(combo, QComboBox)
                and combo.property("field") == field_name
                and combo.property("text") == text
            ):
                combo.setCurrentIndex(combo.findData(target))
                return
        raise KeyError((field_name, text))

    def set_date_order(self, field_name: str, order: DateOrder) -> None:
        """Say in which order a date column writes day and month."""
        for row in range(self._dates.rowCount()):
            item = self._dates.itemAt(row, QFormLayout.ItemRole.FieldRole)
            combo = item.widget() if item is not None else None
            if isinstance(combo, QComboBox) and combo.property("field") == field_name:
                combo.setCurrentIndex(combo.findData(order.value))
                return
        raise KeyError(field_name)

    def _on_mapping_changed(self, _index: int) -> None:
        self.choices.columns = self.mapping()
        self._replan()

    def _on_sheet_changed(self, sheet: str) -> None:
        # Another sheet: its own columns, detected afresh, and its own dates and values.
        self.choices = ReadingChoices(sheet=sheet or None)
        self._values_seen.clear()
        if self._replan():
            self._fill_table()

    def _on_value_chosen(self, combo: QComboBox) -> None:
        key = (combo.property("field"), combo.property("key"))
        target = combo.currentData()
        if target == _UNSET:
            self.choices.values.pop(key, None)
        else:
            self.choices.values[key] = target
        # Later: the table of values is made anew, and this combo with it.
        QTimer.singleShot(0, self._replan)

    def _on_date_order_chosen(self, combo: QComboBox) -> None:
        self.choices.dates[combo.property("field")] = DateOrder(combo.currentData())
        QTimer.singleShot(0, self._replan)

    def _replan(self) -> bool:
        try:
            self.plan = self._planner(self.choices)
        except DelegationError as error:
            self.plan = None  # nothing valid to import until the choices are mended
            self._summary.setText(error_text(error))
            self._problems.clear()
            self._update_button()
            return False
        self._show_plan()
        return True

    def _show_plan(self) -> None:
        plan = self.plan
        file = plan.file
        text = ngettext("{file}: {n} row.", "{file}: {n} rows.", len(file.table.rows)).format(
            file=file.source, n=len(file.table.rows)
        )
        if file.profile is not None:
            text += " " + _("Laid out as a {tool} export.").format(tool=file.profile.name)
        if file.ignored:
            text += " " + _("Columns ignored: {columns}.").format(columns=file.ignored_text())
        self._file.setText(text)
        self._show_problems(plan)
        self._show_effects(plan)
        self._show_values(plan)
        self._show_notes(file)
        counts = plan.counts
        text = _("Importing: {counts}.").format(
            counts=import_counts(counts.created, counts.changed, counts.unchanged)
        )
        if counts.invalid:
            text += " " + ngettext(
                "{n} row has problems: correct the file, or skip it.",
                "{n} rows have problems: correct the file, or skip them.",
                counts.invalid,
            ).format(n=counts.invalid)
        self._summary.setText(text)
        self.skip_invalid.setEnabled(bool(plan.problems))
        self._update_button()

    def _show_problems(self, plan) -> None:
        self._problems.clear()
        for problem, lines in plan.grouped_problems():
            text = _("Line {line}, {field}: {reason}").format(
                line=problem.line,
                field=plan.file.column_name(problem.field),
                reason=problem.reason,
            )
            self._problems.addItem(text + (" " + rows_text(lines) if len(lines) > 1 else ""))
        if not plan.problems:
            self._problems.addItem(_("No problem found."))

    def _show_effects(self, plan) -> None:
        self._effects.clear()
        self._effects.addItems(plan.creation_lines())
        for row in plan.changes:
            self._effects.addItem(
                _("Line {line}, {what}: {changes}").format(
                    line=row.line,
                    what=row.label,
                    changes="; ".join(
                        _("{field} {before} → {after}").format(
                            field=field_label(c.field), before=c.before, after=c.after
                        )
                        for c in row.differences
                    ),
                )
            )
        counts = plan.counts
        if not counts.created and not counts.changed and not plan.problems:
            self._effects.addItem(_("Nothing new: every row is already in place."))

    def _show_values(self, plan) -> None:
        """Every value to map: those unknown now, and those the user has mapped (which are
        known now, and must stay in view to be changed again)."""
        for value in plan.values_to_map():
            self._values_seen[(value.field, value.key)] = value
        read = set(plan.file.fields.values())  # a column the user has just left out: gone
        for key in [key for key in self._values_seen if key[0] not in read]:
            del self._values_seen[key]
        self._values.setRowCount(0)
        for value in self._values_seen.values():
            row = self._values.rowCount()
            self._values.insertRow(row)
            self._values.setItem(row, 0, QTableWidgetItem(value.column))
            self._values.setItem(row, 1, QTableWidgetItem(value.text))
            self._values.setItem(row, 2, QTableWidgetItem(str(len(value.lines))))
            self._values.setCellWidget(row, 3, self._meaning_combo(value))
        for column in range(3):
            self._values.resizeColumnToContents(column)
        self._values_box.setVisible(bool(self._values_seen))

    def _meaning_combo(self, value: UnknownValue) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(_("Meaning of {value}").format(value=value.text))
        for name, data in (("field", value.field), ("key", value.key), ("text", value.text)):
            combo.setProperty(name, data)
        combo.addItem(_("(choose…)"), _UNSET)
        combo.addItem(_("(leave empty)"), None)
        for code, label in value_choices(value.field, self._programme):
            combo.addItem(label, code)
        key = (value.field, value.key)
        chosen = self.choices.values.get(key, value.target if value.said else _UNSET)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        combo.currentIndexChanged.connect(lambda _index: self._on_value_chosen(combo))
        return combo

    def _show_notes(self, file) -> None:
        self._notes.clear()
        self._notes.addItems(file.notes())
        while self._dates.rowCount():
            self._dates.removeRow(0)
        for reading in file.dates:
            if not reading.ambiguous or reading.proven:
                continue
            combo = QComboBox()
            combo.setProperty("field", reading.field)
            combo.addItem(_("Day first: 03/04 is 3 April"), DateOrder.DAY_FIRST.value)
            combo.addItem(_("Month first: 03/04 is March 4"), DateOrder.MONTH_FIRST.value)
            combo.setCurrentIndex(combo.findData(reading.order.value))
            combo.currentIndexChanged.connect(lambda _index, c=combo: self._on_date_order_chosen(c))
            self._dates.addRow(file.column_name(reading.field), combo)
        self._notes_box.setVisible(bool(self._notes.count() or self._dates.rowCount()))

    def _update_button(self, *_args) -> None:
        plan = self.plan
        if plan is None:
            self._buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            return
        counts = plan.counts
        can = (not plan.problems or self.skip_invalid.isChecked()) and (
            counts.created + counts.changed > 0
        )
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(can)
