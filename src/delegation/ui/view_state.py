"""What the user set up on a page — filters, sort, day, selection — kept across a rebuild.

A change of language builds the pages again; the same code builds the same widgets in
the same order, so each control is found again by its kind and rank in the page.
"""

from dataclasses import dataclass

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QTabWidget,
    QWidget,
)


@dataclass(frozen=True)
class ViewState:
    texts: tuple[str, ...]
    choices: tuple[int, ...]
    tabs: tuple[int, ...]
    views: tuple[tuple[int, Qt.SortOrder, tuple[int, ...], int], ...]


def _line_edits(page: QWidget) -> list[QLineEdit]:
    # Only free-standing fields: the line edits inside spin boxes and combos follow them.
    return [
        edit
        for edit in page.findChildren(QLineEdit)
        if not isinstance(edit.parent(), QAbstractSpinBox | QComboBox)
    ]


def _views(page: QWidget) -> list[QAbstractItemView]:
    # Not the lists of combo boxes: Qt makes those lazily, so their number varies.
    def in_combo(widget: QWidget) -> bool:
        while widget is not None and widget is not page:
            if isinstance(widget, QComboBox):
                return True
            widget = widget.parentWidget()
        return False

    return [view for view in page.findChildren(QAbstractItemView) if not in_combo(view)]


def capture(page: QWidget) -> ViewState:
    views = []
    for view in _views(page):
        header = getattr(view, "horizontalHeader", lambda: None)()
        selection = view.selectionModel()
        rows = tuple(sorted({index.row() for index in selection.selectedIndexes()}))
        views.append(
            (
                header.sortIndicatorSection() if header else -1,
                header.sortIndicatorOrder() if header else Qt.SortOrder.AscendingOrder,
                rows,
                view.currentIndex().row(),
            )
        )
    return ViewState(
        texts=tuple(edit.text() for edit in _line_edits(page)),
        choices=tuple(combo.currentIndex() for combo in page.findChildren(QComboBox)),
        tabs=tuple(tabs.currentIndex() for tabs in page.findChildren(QTabWidget)),
        views=tuple(views),
    )


def restore(page: QWidget, state: ViewState) -> None:
    for combo, index in zip(page.findChildren(QComboBox), state.choices, strict=False):
        if 0 <= index < combo.count():
            combo.setCurrentIndex(index)
    for edit, text in zip(_line_edits(page), state.texts, strict=False):
        if text:
            edit.setText(text)
    for tabs, index in zip(page.findChildren(QTabWidget), state.tabs, strict=False):
        if 0 <= index < tabs.count():
            tabs.setCurrentIndex(index)
    for view, (column, order, rows, current) in zip(_views(page), state.views, strict=False):
        model = view.model()
        if column >= 0 and hasattr(view, "sortByColumn") and view.isSortingEnabled():
            view.sortByColumn(column, order)
        selection = view.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for row in rows:
            if row < model.rowCount():
                selection.select(model.index(row, 0), flags)
        if 0 <= current < model.rowCount():
            selection.setCurrentIndex(
                model.index(current, 0), QItemSelectionModel.SelectionFlag.NoUpdate
            )
