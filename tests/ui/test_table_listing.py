"""A long table loaded from a listing: searched and sorted by its listed fields, its rows
read a screenful at a time as they are shown, and set right when changed since listed."""

import random
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView
from tests.ui.people_model import CITIES, PeopleModel, Person

from delegation.services.listing import Listing
from delegation.ui.pages.table_page import make_table

NAMES = ["Hélène", "Kadri", "Jüri", "Loïc", "Anaïs", "Tõnu", "Zoé", "Mart", "Noël", "Liis"]


class Store:
    """Where a listing's rows are read from, counting the reads."""

    def __init__(self, count: int) -> None:
        rng = random.Random(3)
        self.rows = {
            n: Person(n, f"{rng.choice(NAMES)} {n:05d}", rng.choice(CITIES)) for n in range(count)
        }
        self.reads: list[list[int]] = []

    def listing(self) -> Listing[Person]:
        rows = list(self.rows.values())
        names, cities = [p.name for p in rows], [p.city for p in rows]
        return Listing([p.id for p in rows], [names, cities], self.read)

    def read(self, ids) -> list[Person]:
        self.reads.append(list(ids))
        return [self.rows[i] for i in ids if i in self.rows]

    def read_count(self) -> int:
        return sum(map(len, self.reads))


@pytest.fixture
def store() -> Store:
    return Store(10_000)


@pytest.fixture
def table(qtbot, store) -> QTableView:
    model = PeopleModel()
    view = make_table(model, "peopleTable", "People")
    qtbot.addWidget(view)
    view.resize(500, 400)
    model.set_listing(store.listing())
    view.show()
    qtbot.waitExposed(view)
    return view


def test_a_listing_is_searched_and_sorted_by_name_without_reading_a_row(store):
    model = PeopleModel()
    model.set_listing(store.listing())
    model.sort(0, Qt.SortOrder.DescendingOrder)
    model.set_filter(text="HELENE tartu")
    expected = sorted(
        (p for p in store.rows.values() if p.name.startswith("Hélène") and p.city == "Tartu"),
        key=lambda p: p.name,
        reverse=True,
    )
    assert model.rowCount() == len(expected) > 0
    assert store.reads == []
    assert model.index(0, 0).data() == expected[0].name
    assert len(store.reads) == 1 and len(store.reads[0]) <= 2 * model._SCREEN


def test_a_view_reads_only_the_rows_it_shows(table, store):
    model = table.model()
    assert store.read_count() <= 2 * model._SCREEN
    assert model.total_rows() == 10_000
    table.scrollToBottom()
    table.viewport().repaint()
    assert model.index(model.rowCount() - 1, 0).data() == max(
        (p.name for p in store.rows.values()), key=str.casefold
    )
    assert store.read_count() <= 4 * model._SCREEN


def test_sorting_by_cells_or_a_predicate_reads_every_row_once(table, store):
    model = table.model()
    table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert store.read_count() == 10_000
    model.set_filter(predicate=lambda p: p.city == "Lyon")
    table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert store.read_count() == 10_000
    assert {model.row_at(r).city for r in range(model.rowCount())} == {"Lyon"}


def test_going_through_many_rows_takes_few_reads(table, store):
    model = table.model()
    rows = [model.row_at(r) for r in range(model.rowCount())]
    assert [p.id for p in rows] == [
        p.id for p in sorted(store.rows.values(), key=lambda p: p.name.casefold())
    ]
    assert len(store.reads) <= 10


def test_rows_changed_or_removed_since_listed_are_set_right_once_shown(qtbot, table, store):
    model = table.model()
    in_order = sorted(store.rows.values(), key=lambda p: p.name.casefold())
    first, second = in_order[5000], in_order[5001]  # not shown yet: not read
    store.rows[first.id] = replace(first, name="Zzz now last")
    del store.rows[second.id]
    reset = []
    model.modelReset.connect(lambda: reset.append(True))
    table.scrollTo(model.index(5000, 0), QTableView.ScrollHint.PositionAtTop)
    table.viewport().repaint()  # reads them: the view paints what is stored now
    assert model.index(5000, 0).data() == "Zzz now last"
    qtbot.waitUntil(lambda: model.visible_row_of(second.id) is None)
    assert model.visible_row_of(first.id) == model.rowCount() - 1
    assert model.total_rows() == 9_999 and not reset
    model.set_filter(text="zzz")
    assert [model.row_at(r).id for r in range(model.rowCount())] == [first.id]
