"""Rows changed, added and removed in place in a sorted, filtered table, as a view follows."""

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt


class RowPlaces(QAbstractTableModel):
    """Where a row goes in the sorted lists, found by bisection, and the changes in place.

    A row's place is by its sort key, then by its position (stable, as `sorted` keeps
    equal keys), in the order asked; `_visible` is the part of `_order` the filter shows.
    Rows move with beginMoveRows, come and go with beginInsertRows and beginRemoveRows:
    never a reset, so that the view keeps its selection and scroll position.
    """

    # Kept by the table model (FilteredTableModel), by position.
    _order: list[int]
    _visible: list[int]
    _position_of: dict[Any, int]
    _sort_keys: dict[int, list[Any]]
    _sort_column: int
    _sort_order: Qt.SortOrder
    _cells: list[dict[int, str]]

    def row_id(self, row: Any) -> Any:
        raise NotImplementedError

    def _append(self, row: Any) -> int:
        """Keep a new row at a new position; return that position."""
        raise NotImplementedError

    def _store(self, position: int, row: Any) -> None:
        raise NotImplementedError

    def _forget(self, position: int) -> None:
        raise NotImplementedError

    def _passes(self, position: int) -> bool:
        raise NotImplementedError

    # Places.
    def _comes_before(self, first: int, second: int) -> bool:
        if self._sort_column < 0:
            return first < second
        keys = self._sort_keys[self._sort_column]
        one, other = keys[first], keys[second]
        if one == other:
            return first < second
        if self._sort_order == Qt.SortOrder.DescendingOrder:
            return one > other
        return one < other

    def _place(self, positions: list[int], position: int, skip: int | None = None) -> int:
        """Where position goes in positions, as sorted now; positions[skip] left out."""
        low, high = 0, len(positions) - (skip is not None)
        while low < high:
            middle = (low + high) // 2
            other = positions[middle + 1 if skip is not None and middle >= skip else middle]
            if self._comes_before(other, position):
                low = middle + 1
            else:
                high = middle
        return low

    def _index_in(self, positions: list[int], position: int) -> int | None:
        index = self._place(positions, position)
        if index < len(positions) and positions[index] == position:
            return index
        return None

    # Changes.
    def update_rows(self, changed: Sequence[Any], removed_ids: Iterable[object] = ()) -> None:
        """Take changed, new and removed rows without a reset, so that the view keeps its
        selection and scroll position: a changed row is shown anew, moved to its sorted
        place, or hidden if the filter no longer shows it; a new one comes in at its
        sorted place if the filter shows it; a removed one goes."""
        self._remove(removed_ids)
        for row in changed:
            position = self._position_of.get(self.row_id(row))
            if position is None:
                position = self._append(row)
                self._order.insert(self._place(self._order, position), position)
                if self._passes(position):
                    self._show(position)
            else:
                self._change(position, row)

    def refresh_column(self, column: int) -> None:
        """Show a column's cells anew (what they show depends on other rows)."""
        self._cells[column] = {}
        if self._visible:
            last = len(self._visible) - 1
            self.dataChanged.emit(self.index(0, column), self.index(last, column))

    def _change(self, position: int, row: Any) -> None:
        ordered = self._index_in(self._order, position)
        if ordered is None:  # cannot be, unless keys were changed behind the lists' back
            ordered = self._order.index(position)
        shown = self._index_in(self._visible, position)
        self._store(position, row)
        del self._order[ordered]
        self._order.insert(self._place(self._order, position), position)
        if shown is None:
            if self._passes(position):
                self._show(position)
        elif not self._passes(position):
            self.beginRemoveRows(QModelIndex(), shown, shown)
            del self._visible[shown]
            self.endRemoveRows()
        else:
            place = self._place(self._visible, position, skip=shown)
            if place != shown:
                # Qt counts the destination in the rows before the move.
                destination = place if place < shown else place + 1
                self.beginMoveRows(QModelIndex(), shown, shown, QModelIndex(), destination)
                del self._visible[shown]
                self._visible.insert(place, position)
                self.endMoveRows()
            self.dataChanged.emit(self.index(place, 0), self.index(place, self.columnCount() - 1))

    def _show(self, position: int) -> None:
        place = self._place(self._visible, position)
        self.beginInsertRows(QModelIndex(), place, place)
        self._visible.insert(place, position)
        self.endInsertRows()

    def _remove(self, row_ids: Iterable[object]) -> None:
        positions = [self._position_of.pop(row_id, None) for row_id in row_ids]
        gone = [position for position in positions if position is not None]
        shown = [self._index_in(self._visible, position) for position in gone]
        runs: list[list[int]] = []  # [first, last] of rows next to each other, bottom up
        for row in sorted((row for row in shown if row is not None), reverse=True):
            if runs and runs[-1][0] == row + 1:
                runs[-1][0] = row
            else:
                runs.append([row, row])
        for first, last in runs:
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._visible[first : last + 1]
            self.endRemoveRows()
        for position in gone:
            ordered = self._index_in(self._order, position)
            del self._order[self._order.index(position) if ordered is None else ordered]
            self._forget(position)
