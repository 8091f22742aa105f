"""Rows changed, added and removed in place: the view keeps its selection, its scroll
position, the sort order and the filter, and is never reset."""

import random
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView
from tests.ui.people_model import CITIES, PeopleModel, Person

from delegation.domain.enums import ParticipantStatus
from delegation.services.participant_details import ParticipantDetails
from delegation.services.participant_rows import (
    ParticipantListing,
    ParticipantRow,
    searched_fields,
)
from delegation.ui.models.participant_table_model import ParticipantTableModel
from delegation.ui.pages.table_page import make_table, select_ids, selected_ids

NAMES = ["Hélène", "Kadri", "Jüri", "Loïc", "anaïs", "Tõnu", "Zoé", "Mart", "noël", "Liis"]


class Signals:
    """What a model told its views, by signal name."""

    def __init__(self, model) -> None:
        self.seen: list[str] = []
        for name in ("modelReset", "layoutChanged", "rowsInserted", "rowsRemoved",
                     "rowsMoved", "dataChanged"):  # fmt: skip
            getattr(model, name).connect(lambda *_args, name=name: self.seen.append(name))


def people(count: int, seed: int = 1) -> list[Person]:
    rng = random.Random(seed)
    return [Person(n, f"{rng.choice(NAMES)} {n:04d}", rng.choice(CITIES)) for n in range(count)]


@pytest.fixture
def table(qtbot) -> QTableView:
    model = PeopleModel()
    model.set_rows(people(500))
    view = make_table(model, "peopleTable", "People")
    qtbot.addWidget(view)
    view.resize(500, 300)
    view.show()
    qtbot.waitExposed(view)
    return view


def shown(model) -> list[Person]:
    return [model.row_at(row) for row in range(model.rowCount())]


def test_a_changed_row_is_shown_anew_where_it_was(table):
    model, signals = table.model(), Signals(table.model())
    row = model.row_at(3)
    assert model.index(3, 1).data() == row.city  # now kept in the cells' cache
    model.update_rows([replace(row, city="Tokyo")])
    assert model.index(3, 1).data() == "Tokyo"
    assert model.row_at(3) == replace(row, city="Tokyo")
    assert signals.seen == ["dataChanged"]


def test_a_renamed_row_moves_to_its_sorted_place_and_stays_selected(table):
    model, signals = table.model(), Signals(table.model())
    row = model.row_at(2)
    select_ids(table, [row.id])
    table.verticalScrollBar().setValue(0)
    model.update_rows([replace(row, name="Zz last of all")])
    assert model.row_at(model.rowCount() - 1).id == row.id
    assert selected_ids(table) == [row.id]
    assert table.selectionModel().selectedRows()[0].row() == model.rowCount() - 1
    assert [p.name.casefold() for p in shown(model)] == sorted(
        p.name.casefold() for p in shown(model)
    )
    assert signals.seen == ["rowsMoved", "dataChanged"]


def test_the_scroll_position_stays_while_rows_change_elsewhere(table):
    model, signals = table.model(), Signals(table.model())
    table.verticalScrollBar().setValue(table.verticalScrollBar().maximum() // 2)
    middle = table.rowAt(table.viewport().height() // 2)
    chosen = model.row_at(middle)
    select_ids(table, [chosen.id])
    position = table.verticalScrollBar().value()
    first, last = model.row_at(0), model.row_at(model.rowCount() - 1)
    model.update_rows(
        [replace(first, name="Zzz"), Person(1000, "Aaa", "Riga"), replace(last, city="Oslo")],
        removed_ids=[model.row_at(1).id, model.row_at(2).id],
    )
    assert table.verticalScrollBar().value() == position
    assert selected_ids(table) == [chosen.id]
    assert "modelReset" not in signals.seen and "layoutChanged" not in signals.seen


def test_a_new_row_comes_in_at_its_sorted_place_when_the_filter_shows_it(table):
    model, signals = table.model(), Signals(table.model())
    model.set_filter(text="tartu")
    signals.seen.clear()
    model.update_rows([Person(1000, "Kadri 0000a", "Tartu"), Person(1001, "Kadri 0000b", "Lyon")])
    assert signals.seen == ["rowsInserted"]
    names = [p.name for p in shown(model)]
    assert "Kadri 0000a" in names and "Kadri 0000b" not in names
    assert names == sorted(names, key=str.casefold)
    model.set_filter(text="")
    assert model.visible_row_of(1001) == model.visible_row_of(1000) + 1


def test_a_changed_row_is_hidden_when_the_filter_no_longer_shows_it(table):
    model = table.model()
    table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    model.set_filter(text="lyon")
    signals = Signals(model)
    leaving, coming = model.row_at(0), next(p for p in model.rows() if p.city == "Tartu")
    model.update_rows([replace(leaving, city="Tartu"), replace(coming, city="Lyon")])
    assert model.visible_row_of(leaving.id) is None
    assert model.visible_row_of(coming.id) is not None
    assert sorted(signals.seen) == ["rowsInserted", "rowsRemoved"]
    assert all(p.city == "Lyon" for p in shown(model))


def test_removed_rows_go_in_runs(table):
    model, signals = table.model(), Signals(table.model())
    ids = [model.row_at(row).id for row in (4, 5, 6, 9)]
    model.update_rows([], removed_ids=[*ids, 12345])  # one unknown: nothing to remove
    assert signals.seen == ["rowsRemoved", "rowsRemoved"]
    assert model.rowCount() == 496 and model.total_rows() == 496
    assert not {p.id for p in model.rows()} & set(ids)
    assert all(model.visible_row_of(row_id) is None for row_id in ids)


@pytest.mark.parametrize(
    ("column", "order", "text"),
    [
        (0, Qt.SortOrder.AscendingOrder, ""),
        (0, Qt.SortOrder.DescendingOrder, "a"),
        (1, Qt.SortOrder.AscendingOrder, "ta"),
        (1, Qt.SortOrder.DescendingOrder, ""),
        (-1, Qt.SortOrder.AscendingOrder, "e"),
    ],
)
def test_updates_leave_the_table_as_loading_it_anew_would(qtmodeltester, column, order, text):
    """Cities repeat: rows of equal keys keep the order they were loaded in, both ways."""
    rng = random.Random(column * 10 + len(text))
    rows = {person.id: person for person in people(300, seed=2)}
    model = PeopleModel()
    model.set_rows(list(rows.values()))
    model.sort(column, order)
    model.set_filter(text=text)
    qtmodeltester.check(model)  # and checks every signal that follows
    signals = Signals(model)
    next_id = 1000
    for _step in range(60):
        changed = []
        for _change in range(rng.randint(0, 4)):
            old = rows[rng.choice(list(rows))]
            changed.append(replace(old, name=rng.choice(NAMES), city=rng.choice(CITIES)))
        for _new in range(rng.randint(0, 2)):
            changed.append(Person(next_id, rng.choice(NAMES), rng.choice(CITIES)))
            next_id += 1
        removed = rng.sample([i for i in rows if i not in {p.id for p in changed}], 2)
        model.update_rows(changed, removed_ids=removed)
        for row_id in removed:
            del rows[row_id]
        rows.update((person.id, person) for person in changed)
        anew = PeopleModel()
        anew.set_rows(list(rows.values()))
        anew.sort(column, order)
        anew.set_filter(text=text)
        assert shown(model) == shown(anew)
        assert [model.index(r, 1).data() for r in range(model.rowCount())] == [
            anew.index(r, 1).data() for r in range(anew.rowCount())
        ]
        assert all(model.visible_row_of(p.id) == anew.visible_row_of(p.id) for p in rows.values())
    assert "modelReset" not in signals.seen and "layoutChanged" not in signals.seen
    assert model.rows() == list(rows.values())


def _registration(number: int, status: ParticipantStatus, place: int | None) -> ParticipantRow:
    details = ParticipantDetails(last_name=f"Name{number:02d}", first_name="Kadri", status=status)
    return ParticipantRow(number, 1, number, details, place, None, 1, 1, "test")


def test_the_waiting_list_ranks_follow_a_change_in_place(qtbot):
    waiting, confirmed = ParticipantStatus.WAITLISTED, ParticipantStatus.CONFIRMED
    rows = [_registration(n, waiting, n * 10) for n in range(1, 5)]
    rows += [_registration(n, confirmed, None) for n in range(5, 8)]
    model = ParticipantTableModel()
    view = make_table(model, "participantTable", "Participants")
    qtbot.addWidget(view)
    model.set_rows(rows)
    view.show()
    signals = Signals(model)

    def status(number: int) -> str:
        return model.index(model.visible_row_of(number), model.STATUS_COLUMN).data()

    assert [status(n) for n in range(1, 5)] == [f"Waiting list #{n}" for n in range(1, 5)]
    # The second confirmed, the sixth put at the head of the list, the fourth removed.
    model.update_rows(
        [replace(rows[1], details=replace(rows[1].details, status=confirmed),
                 waitlist_position=None),
         replace(rows[5], details=replace(rows[5].details, status=waiting), waitlist_position=1)],
        removed_ids=[4],
    )  # fmt: skip
    assert [status(n) for n in (6, 1, 3)] == [f"Waiting list #{n}" for n in range(1, 4)]
    assert status(2) == "Confirmed"
    assert model.waitlist_rank(rows[2]) == 3
    assert "modelReset" not in signals.seen
    # A change that leaves the list alone does not show the ranks anew.
    signals.seen.clear()
    model.update_rows([replace(rows[6], room_label="101")])
    assert signals.seen == ["dataChanged"]


def test_the_participants_page_counts_rows_changed_in_place(window):
    page = window.show_page("participants")
    total = page.model.total_rows()
    page.search.setText("a")
    shown = page.model.rowCount()
    gone = page.model.row_at(0)
    page.model.update_rows([], removed_ids=[gone.id])
    assert page.count.text() == f"{shown - 1} of {total - 1} participants"
    page.model.update_rows([gone])  # back, and shown since it holds an "a"
    assert page.count.text() == f"{shown} of {total} participants"


def test_a_registration_put_on_the_waiting_list_since_listed_is_ranked_once_shown(qtbot):
    waiting, confirmed = ParticipantStatus.WAITLISTED, ParticipantStatus.CONFIRMED
    stored = {n: _registration(n, waiting if n <= 2 else confirmed, n if n <= 2 else None)
              for n in range(1, 6)}  # fmt: skip
    rows = list(stored.values())
    listing = ParticipantListing(
        [row.id for row in rows],
        list(zip(*map(searched_fields, rows), strict=True)),
        lambda ids: [stored[i] for i in ids if i in stored],
        {1: 1, 2: 2},
    )
    stored[5] = replace(rows[4], details=replace(rows[4].details, status=waiting),
                        waitlist_position=0)  # fmt: skip
    model = ParticipantTableModel()
    view = make_table(model, "participantTable", "Participants")
    qtbot.addWidget(view)
    model.set_listing(listing)
    view.show()
    qtbot.waitExposed(view)

    def status(number: int) -> str:
        return model.index(model.visible_row_of(number), model.STATUS_COLUMN).data()

    qtbot.waitUntil(lambda: status(5) == "Waiting list #1")
    assert [status(n) for n in (1, 2)] == ["Waiting list #2", "Waiting list #3"]
