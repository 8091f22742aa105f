"""The rows of a listing read as they are shown: a screenful for the view, more for a page."""

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QTimer

from delegation.ui.models.folding import folded
from delegation.ui.models.row_places import RowPlaces


class ListedRows(RowPlaces):
    """Rows known by id and searched fields, each read once, when first needed.

    A row read that changed since listed is searched and placed anew on the next turn
    of events (the view may be painting); a row removed since then goes the same way.
    """

    _SCREEN = 64  # rows read at once for the view: a screenful or two

    # Kept by the table model (FilteredTableModel), by position.
    _ids: list[Any]
    _rows: list[Any]  # None until read
    _fields: list[list[str]]
    _key_values: list[list[Any]]
    _read: Callable[[Sequence[Any]], Sequence[Any]] | None
    _read_count: int
    _gone: set[int]  # read in vain: removed on the next turn of events
    _loads: int  # a later change must not touch rows loaded since

    def search_fields(self, row: Any) -> Sequence[str]:
        raise NotImplementedError

    def sort_keys(self, row: Any) -> Sequence[Any]:
        raise NotImplementedError

    def _unread(self) -> list[int]:
        rows, ids, gone = self._rows, self._ids, self._gone
        return [
            position
            for position, row in enumerate(rows)
            if row is None and ids[position] is not None and position not in gone
        ]

    def _read_positions(self, positions: list[int]) -> tuple[list[Any], list[Any]]:
        """Read these rows; return those changed since listed and the ids of those gone."""
        if not positions or self._read is None:
            return [], []
        ids = [self._ids[position] for position in positions]
        stale = []
        for row in self._read(ids):
            position = self._position_of.get(self.row_id(row))
            if position is None or self._rows[position] is not None:
                continue
            self._rows[position] = row
            self._read_count += 1
            if not self._as_listed(position, row):
                stale.append(row)
        gone = [self._ids[position] for position in positions if self._rows[position] is None]
        self._gone.update(self._position_of[row_id] for row_id in gone)
        return stale, gone

    def _as_listed(self, position: int, row: Any) -> bool:
        """Whether a row read is as the listing gave it; if not, it is placed anew."""
        fields = [folded(value) for value in self.search_fields(row)]
        keys = list(self.sort_keys(row))
        return fields == [field[position] for field in self._fields] and keys == [
            values[position] for values in self._key_values
        ]

    def _read_all(self) -> None:
        """Every row read before what needs them all: a predicate, a sort by their cells."""
        stale, gone = self._read_positions(self._unread())
        if stale or gone:
            self.update_rows(stale, gone)

    def _read_visible(self, first: int, count: int) -> None:
        rows, gone = self._rows, self._gone
        window = self._visible[max(0, first - count // 4) : first + count]
        stale, missing = self._read_positions(
            [position for position in window if rows[position] is None and position not in gone]
        )
        if stale or missing:
            # Changed since listed: searched and placed anew once the view has painted.
            loads = self._loads

            def update() -> None:
                if loads == self._loads:
                    self.update_rows(stale, missing)

            QTimer.singleShot(0, self, update)

    def _row_to_show(self, visible_row: int) -> Any:
        position = self._visible[visible_row]
        if self._rows[position] is None and position not in self._gone:
            self._read_visible(visible_row, self._SCREEN)
        return self._rows[position]
