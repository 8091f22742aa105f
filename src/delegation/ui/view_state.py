"""What the user set up on a page — filters, sort, day, selection — kept across a rebuild.

A change of language builds the pages again; the same code builds the same controls in
the same order, so each is found again by its kind and rank in the page. Selections are
kept by record id, never by row number: a sorted table or a tree gives them back where
the records are. A page may keep more (`keep_state()` / `restore_state(state)`).
"""

from dataclasses import dataclass
from typing import Any, Protocol, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QTabBar,
    QTableView,
    QTreeWidget,
    QWidget,
)

from delegation.ui.pages.table_page import select_ids, selected_ids

_KEY = Qt.ItemDataRole.UserRole  # what a tree item stands for, e.g. ("room", 12)


class KeepsState(Protocol):
    """A page that keeps more than its controls show."""

    def keep_state(self) -> object: ...

    def restore_state(self, state: Any) -> None: ...


@dataclass(frozen=True)
class ViewState:
    texts: tuple[str, ...]
    choices: tuple[int, ...]
    tabs: tuple[int, ...]
    tables: tuple[tuple[int, Qt.SortOrder, tuple], ...]  # sort column, order, selected ids
    trees: tuple[tuple, ...]  # the keys of the selected items
    page: object  # what the page keeps itself


def _outside_combos(page: QWidget, kind) -> list:
    # Not the parts of combo boxes and spin boxes: Qt makes some lazily, and they follow
    # their owner anyway.
    def inside(widget: QWidget) -> bool:
        parent = widget.parentWidget()
        while parent is not None and parent is not page:
            if isinstance(parent, QComboBox | QAbstractSpinBox):
                return True
            parent = parent.parentWidget()
        return False

    return [widget for widget in page.findChildren(kind) if not inside(widget)]


def _tables(page: QWidget) -> list[QTableView]:
    return [t for t in _outside_combos(page, QTableView) if hasattr(t.model(), "row_id")]


def _key(item) -> tuple:
    return tuple(item.data(0, _KEY) or ())


def _tree_keys(tree: QTreeWidget) -> tuple:
    return tuple(_key(item) for item in tree.selectedItems())


def capture(page: QWidget) -> ViewState:
    tables = []
    for table in _tables(page):
        header = table.horizontalHeader()
        tables.append(
            (header.sortIndicatorSection(), header.sortIndicatorOrder(), tuple(selected_ids(table)))
        )
    keep = getattr(page, "keep_state", None)
    return ViewState(
        texts=tuple(edit.text() for edit in _outside_combos(page, QLineEdit)),
        choices=tuple(combo.currentIndex() for combo in _outside_combos(page, QComboBox)),
        tabs=tuple(bar.currentIndex() for bar in _outside_combos(page, QTabBar)),
        tables=tuple(tables),
        trees=tuple(_tree_keys(tree) for tree in _outside_combos(page, QTreeWidget)),
        page=keep() if keep else None,
    )


def restore(page: QWidget, state: ViewState) -> None:
    for combo, index in zip(_outside_combos(page, QComboBox), state.choices, strict=False):
        if 0 <= index < combo.count():
            combo.setCurrentIndex(index)
    for edit, text in zip(_outside_combos(page, QLineEdit), state.texts, strict=False):
        if text:
            edit.setText(text)
    for bar, index in zip(_outside_combos(page, QTabBar), state.tabs, strict=False):
        if 0 <= index < bar.count():
            bar.setCurrentIndex(index)
    for table, (column, order, ids) in zip(_tables(page), state.tables, strict=False):
        if column >= 0 and table.isSortingEnabled():
            table.sortByColumn(column, order)
        select_ids(table, ids)
    for tree, keys in zip(_outside_combos(page, QTreeWidget), state.trees, strict=False):
        _select_in_tree(tree, keys)
    if state.page is not None:  # given by the page's keep_state()
        cast(KeepsState, page).restore_state(state.page)


def _select_in_tree(tree: QTreeWidget, keys: tuple) -> None:
    tree.clearSelection()
    pending = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    while pending:
        item = pending.pop()
        if item is None:  # Qt's answer for an index out of range, never asked here
            continue
        pending.extend(item.child(i) for i in range(item.childCount()))
        if _key(item) in keys:
            item.setSelected(True)
