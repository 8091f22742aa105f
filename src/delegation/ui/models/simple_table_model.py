"""A filterable table over any rows with an id, for the directory and logistics pages."""

from collections.abc import Callable, Sequence
from typing import Any

from delegation.ui.models.filtered_table_model import Column, FilteredTableModel


class SimpleTableModel(FilteredTableModel[Any]):
    def __init__(
        self,
        columns: Sequence[Column[Any]],
        search: Callable[[Any], str],
        parent=None,
    ) -> None:
        super().__init__(columns, parent)
        self._search_of = search

    def search_text(self, row: Any) -> str:
        return self._search_of(row)

    def row_id(self, row: Any) -> object:
        return row.id
