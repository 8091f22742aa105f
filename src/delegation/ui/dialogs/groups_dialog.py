"""The trip's groups in one dialog: add, rename, recolour, reorder and remove them."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from delegation.i18n import _, ngettext
from delegation.i18n.formatting import format_number
from delegation.services import groups
from delegation.services.groups import PALETTE, GroupDetails, GroupSummary
from delegation.services.summaries import TripSummary
from delegation.ui.commands import EditContext
from delegation.ui.group_commands import MoveGroupCommand, RemoveGroupCommand, SaveGroupCommand
from delegation.ui.widgets.validated_form import EditorDialog, ValidatedForm, ok_cancel, run_editor


def swatch(colour: str | None, size: int = 16) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour or "#888888"))
    return QIcon(pixmap)


class GroupDialog(EditorDialog):
    """The editor of one group: its code, its name and its colour."""

    def __init__(self, details: GroupDetails | None, suggested: str, parent=None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(460)
        self.setWindowTitle(_("Group") if details else _("New group"))
        self._code = QLineEdit(details.code if details else "")
        self._code.setMaxLength(groups.CODE_LENGTH)
        self._code.setPlaceholderText(_("e.g. A"))
        self._name = QLineEdit(details.name if details else "")
        self._name.setMaxLength(groups.NAME_LENGTH)
        self._name.setPlaceholderText(_("e.g. Cybersecurity & AI"))
        self._colour = QComboBox()
        self._colour.setAccessibleName(_("Colour"))
        for colour in PALETTE:
            self._colour.addItem(swatch(colour), colour, colour)
        self._set_colour((details.colour if details else None) or suggested)
        other = QPushButton(_("Other colour…"))
        other.clicked.connect(self._on_other_clicked)
        colour_row = QHBoxLayout()
        colour_row.addWidget(self._colour, 1)
        colour_row.addWidget(other)
        self._form = form = ValidatedForm()
        form.add_field("code", _("Code"), self._code, required=True)
        form.add_field("name", _("Name"), self._name, required=True)
        form.addRow(_("Colour"), colour_row)
        self._buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._buttons)
        for edit in (self._code, self._name):
            edit.textChanged.connect(self._on_any_field_changed)
        self._on_any_field_changed()

    def _set_colour(self, colour: str) -> None:
        index = self._colour.findData(colour.lower())
        if index < 0:
            self._colour.addItem(swatch(colour), colour.lower(), colour.lower())
            index = self._colour.count() - 1
        self._colour.setCurrentIndex(index)

    def _on_other_clicked(self) -> None:
        chosen = QColorDialog.getColor(QColor(self._colour.currentData()), self, _("Colour"))
        if chosen.isValid():
            self._set_colour(chosen.name())

    def details(self) -> GroupDetails:
        return GroupDetails(self._code.text(), self._name.text(), self._colour.currentData())

    def _on_any_field_changed(self, *_args) -> None:
        errors: dict[str, str] = {}
        for problem in groups.detail_problems(self.details()):
            errors.setdefault(problem.field, problem.reason)  # the first of each field
        self._form.show_errors(errors)
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not errors)


class GroupsDialog(QDialog):
    """The groups of the trip shown, in their order; every change is one undoable step."""

    def __init__(self, context: EditContext, trip: TripSummary, parent=None) -> None:
        super().__init__(parent)
        self._context = context
        self._trip = trip
        self.setWindowTitle(_("Groups of {trip}").format(trip=trip.title))
        self.resize(640, 360)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("groupTable")
        self.table.setAccessibleName(_("Groups"))
        self.table.setHorizontalHeaderLabels([_("Code"), _("Name"), _("Members"), _("Items")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.edit_group())
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.add_button = self._button(_("&Add…"), self.add_group)
        self.edit_button = self._button(_("&Edit…"), self.edit_group)
        self.up_button = self._button(_("Move &up"), lambda: self.move_group(-1))
        self.down_button = self._button(_("Move &down"), lambda: self.move_group(1))
        self.remove_button = self._button(_("&Remove…"), self.remove_group)
        side = QVBoxLayout()
        for button in (
            self.add_button, self.edit_button, self.up_button, self.down_button,
            self.remove_button,
        ):  # fmt: skip
            side.addWidget(button)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addLayout(side)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(close)
        self._groups: list[GroupSummary] = []
        context.changed.connect(self._on_context_changed)
        self.reload()

    def _button(self, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def reload(self, select_id: int | None = None) -> None:
        chosen = self.selected()
        keep = select_id if select_id is not None else (chosen.id if chosen else None)
        workspace = self._context.workspace
        assert workspace is not None  # the groups are edited with the database open
        self._groups = groups.list_group_summaries(workspace, self._trip.id)
        self.table.setRowCount(len(self._groups))
        for row, group in enumerate(self._groups):
            code = QTableWidgetItem(swatch(group.colour), group.code)
            cells: tuple[QTableWidgetItem, ...] = (code, QTableWidgetItem(group.name))
            cells += tuple(
                QTableWidgetItem(format_number(count)) for count in (group.members, group.items)
            )
            for column, cell in enumerate(cells):
                if column >= 2:
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, cell)
            if group.id == keep:
                self.table.selectRow(row)
        self._update_buttons()

    def _on_context_changed(self, _changes: object) -> None:
        if self.isVisible():
            self.reload()

    def selected(self) -> GroupSummary | None:
        rows = self.table.selectionModel().selectedRows()
        return self._groups[rows[0].row()] if rows and self._groups else None

    def _update_buttons(self) -> None:
        group = self.selected()
        index = self._groups.index(group) if group else -1
        self.edit_button.setEnabled(group is not None)
        self.remove_button.setEnabled(group is not None)
        self.up_button.setEnabled(index > 0)
        self.down_button.setEnabled(0 <= index < len(self._groups) - 1)

    def _suggested_colour(self) -> str:
        return groups.first_free_colour(group.colour for group in self._groups)

    def add_group(self) -> None:
        dialog = GroupDialog(None, self._suggested_colour(), self)
        command = run_editor(
            dialog,
            self._context,
            lambda: SaveGroupCommand(self._context, self._trip.id, None, dialog.details()),
        )
        if command is not None:
            self.reload(select_id=command.group_id)

    def edit_group(self) -> None:
        group = self.selected()
        if group is None:
            return
        dialog = GroupDialog(group.details, self._suggested_colour(), self)
        run_editor(
            dialog,
            self._context,
            lambda: SaveGroupCommand(self._context, self._trip.id, group, dialog.details()),
        )

    def move_group(self, steps: int) -> None:
        group = self.selected()
        if group is not None:
            self._context.execute(MoveGroupCommand(self._context, group, steps))
            self.reload(select_id=group.id)

    def remove_group(self) -> None:
        group = self.selected()
        if group is None:
            return
        in_use = group.members or group.items
        if in_use:
            question = _(
                "Group {code} is used by {people} and {items}.\n\nRemove it from everyone?"
                " Its members leave it, and an item of this group alone becomes the whole"
                " delegation's. Edit > Undo puts everything back."
            ).format(
                code=group.code,
                people=ngettext("{n} participant", "{n} participants", group.members).format(
                    n=group.members
                ),
                items=ngettext("{n} agenda item", "{n} agenda items", group.items).format(
                    n=group.items
                ),
            )
            answer = QMessageBox.warning(
                self,
                _("Remove group {code}").format(code=group.code),
                question,
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._context.execute(RemoveGroupCommand(self._context, group, bool(in_use)))
