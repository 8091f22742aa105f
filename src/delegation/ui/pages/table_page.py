"""Building blocks shared by the pages that show tables."""

from collections.abc import Callable, Sequence
from typing import Any, cast

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLineEdit,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from delegation.services.listing import Listing
from delegation.ui.models.filtered_table_model import FilteredTableModel


def make_table(model, name: str, accessible_name: str) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setAccessibleName(accessible_name)
    table.setModel(model)
    table.setSortingEnabled(True)
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    # One line per row, all of one height: long lists read and scroll evenly.
    table.setWordWrap(False)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    # Laid out at once after a filter or a sort: Qt would do it on the next turn of events
    # and paint the table twice for each keystroke.
    model.modelReset.connect(table.doItemsLayout)
    model.layoutChanged.connect(table.doItemsLayout)
    return table


def make_search(model, placeholder: str, accessible_name: str) -> QLineEdit:
    search = QLineEdit()
    search.setPlaceholderText(placeholder)
    # The placeholder vanishes once typed in: the name is what a screen reader keeps saying.
    search.setAccessibleName(accessible_name)
    search.setClearButtonEnabled(True)
    search.textChanged.connect(lambda text: model.set_filter(text=text))
    return search


def on_selection_change(table: QAbstractItemView, slot: Callable[..., object]) -> None:
    """Call slot whenever the rows selected in table may have changed.

    A model reset (each filter keystroke) clears the selection without emitting
    selectionChanged, and a layout change may drop rows: both must refresh the actions.
    """
    table.selectionModel().selectionChanged.connect(slot)
    model = table.model()
    model.modelReset.connect(slot)
    model.layoutChanged.connect(slot)
    model.rowsRemoved.connect(slot)


def fit_columns(table: QTableView, maximum: int = 320) -> None:
    """Size columns to their content once data is in, within reason.

    Only the rows shown and 50 more are measured: a 100,000-row table sizes as fast as a
    short one, and reads no more of its rows than its first screen.
    """
    table.horizontalHeader().setResizeContentsPrecision(50)
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    for column in range(header.count() - 1):
        header.resizeSection(column, min(header.sectionSize(column) + 12, maximum))


def boxed(title: str, *parts) -> QGroupBox:
    """A titled box holding widgets and layouts, top to bottom."""
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    for part in parts:
        if isinstance(part, QWidget):
            layout.addWidget(part)
        else:
            layout.addLayout(part)
    return box


def _rows_model(table: QAbstractItemView) -> FilteredTableModel[Any]:
    return cast(FilteredTableModel[Any], table.model())


def selected_ids(table: QAbstractItemView) -> list:
    model = _rows_model(table)
    return [model.id_at(index.row()) for index in table.selectionModel().selectedRows()]


def select_ids(table: QAbstractItemView, ids) -> None:
    """Select the rows of these ids that are shown, in one selection change."""
    model = _rows_model(table)
    selection = QItemSelection()
    rows = model.visible_rows_of(ids)
    last_column = model.columnCount() - 1
    runs: list[list[int]] = []  # runs of consecutive rows become one range
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1][1] = row
        else:
            runs.append([row, row])
    for first, last in runs:
        selection.select(model.index(first, 0), model.index(last, last_column))
    table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    if rows:
        table.scrollTo(model.index(rows[-1], 0))


def set_rows_keeping_selection(table: QAbstractItemView, rows: Sequence | Listing) -> None:
    """New data in the table (after an edit, an undo): what was selected stays selected.
    A listing's rows are read when shown."""
    selected = selected_ids(table)
    if isinstance(rows, Listing):
        _rows_model(table).set_listing(rows)
    else:
        _rows_model(table).set_rows(rows)
    select_ids(table, selected)


# The group holding a view's actions that change the database: disabled as a whole for a
# viewer of a shared database, whatever the view says of each action.
EDITING_ACTIONS = "editingActions"


def editing_actions(owner: QWidget) -> QActionGroup:
    group = owner.findChild(QActionGroup, EDITING_ACTIONS)
    if group is None:
        group = QActionGroup(owner)
        group.setObjectName(EDITING_ACTIONS)
        group.setExclusionPolicy(QActionGroup.ExclusionPolicy.None_)
    return group


def allow_editing(widget: QWidget, allowed: bool) -> None:
    """Enable or disable every editing action of the views within `widget`."""
    for group in widget.findChildren(QActionGroup, EDITING_ACTIONS):
        group.setEnabled(allowed)


def view_action(owner: QWidget, text: str, shortcut, slot, *, editing: bool = True) -> QAction:
    """An action of one view or page, its shortcut alive only while that has the focus:
    two views may then each have their own Delete, and the focused one decides.

    `editing`: the action changes the database (most do), and is disabled for a viewer."""
    action = QAction(text, owner)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(slot)
    owner.addAction(action)
    if editing:
        editing_actions(owner).addAction(action)
    return action


def action_button(action: QAction) -> QToolButton:
    """A text button that follows its action: text, enabled state, shortcut in tooltip."""
    button = QToolButton()
    button.setDefaultAction(action)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    return button
