"""The preview of an import: the file's first rows, which column feeds which field (the
user may correct it), every problem, and what the import would do — before any write."""

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from delegation.domain.errors import DelegationError
from delegation.i18n import _, ngettext
from delegation.i18n.labels import field_label
from delegation.ui.error_text import error_text

# (column -> field mapping or None to detect it, sheet or None) -> a plan, or raises.
Planner = Callable[[dict[int, str] | None, str | None], object]


class ImportDialog(QDialog):
    """Shows a plan; the planner makes it again when the user corrects a column or picks
    another sheet. Import stays disabled while the choices shown give no valid plan."""

    def __init__(self, title: str, planner: Planner, plan, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumSize(900, 560)
        self._planner = planner
        self.plan = plan
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
        for listing in (self._problems, self._effects):
            listing.setWordWrap(True)  # a change shows its values before and after whole
        self.skip_invalid = QCheckBox(_("Import the valid rows and &skip the others"))
        self.skip_invalid.toggled.connect(self._update_button)
        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Import"))
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)
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
        for column, (text, widget) in enumerate(
            ((_("&Problems:"), self._problems), (_("What the import &does:"), self._effects))
        ):
            title = QLabel(text)
            title.setBuddy(widget)
            lists.addWidget(title, 0, column)
            lists.addWidget(widget, 1, column)
        layout.addLayout(lists, 2)
        layout.addWidget(self._summary)
        layout.addWidget(self.skip_invalid)
        layout.addWidget(self._buttons)
        self._combos: list[QComboBox] = []
        self._fill_table()
        self._show_plan()

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

    def _on_mapping_changed(self, _index: int) -> None:
        self._replan(self.mapping(), self._sheet.currentText() or None)

    def _on_sheet_changed(self, sheet: str) -> None:
        if self._replan(None, sheet):  # another sheet: its own columns, detected afresh
            self._fill_table()

    def _replan(self, mapping: dict[int, str] | None, sheet: str | None) -> bool:
        try:
            self.plan = self._planner(mapping, sheet)
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
        self._file.setText(
            ngettext("{file}: {n} row.", "{file}: {n} rows.", len(file.table.rows)).format(
                file=file.source, n=len(file.table.rows)
            )
            + (
                " " + _("Columns ignored: {columns}.").format(columns=", ".join(file.ignored))
                if file.ignored
                else ""
            )
        )
        self._problems.clear()
        for problem in plan.problems:
            self._problems.addItem(
                _("Line {line}, {field}: {reason}").format(
                    line=problem.line,
                    field=field_label(problem.field),
                    reason=problem.reason,
                )
            )
        if not plan.problems:
            self._problems.addItem(_("No problem found."))
        self._effects.clear()
        self._effects.addItems(plan.creation_lines())
        for row in plan.changes:
            self._effects.addItem(
                _("Line {line}, {what}: {changes}").format(
                    line=row.line,
                    what=row.label,
                    changes="; ".join(
                        _("{field} {before} → {after}").format(
                            field=field_label(c.field),
                            before=c.before,
                            after=c.after,
                        )
                        for c in row.differences
                    ),
                )
            )
        counts = plan.counts
        if not counts.created and not counts.changed and not plan.problems:
            self._effects.addItem(_("Nothing new: every row is already in place."))
        summary = _("Importing creates {created}, changes {changed}, leaves {unchanged} as is.")
        text = summary.format(
            created=counts.created, changed=counts.changed, unchanged=counts.unchanged
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
