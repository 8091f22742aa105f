"""The programme's list from a listing: sorted by day and time unread, edits in place, and
a day view that reads only its day."""

from dataclasses import replace
from datetime import date, time, timedelta

from PySide6.QtCore import Qt

from delegation.domain.enums import AgendaStatus
from delegation.domain.scheduling import end_minutes
from delegation.i18n.labels import agenda_status_label
from delegation.services.agenda import AgendaItemDetails, add_item, list_agenda
from delegation.services.agenda_listing import agenda_listing
from delegation.services.trips import find_trip
from delegation.ui.models.agenda_table_model import AgendaTableModel

STATUS_COLUMN = 8


def _ids(model: AgendaTableModel) -> list[int]:
    return [model.id_at(row) for row in range(model.rowCount())]


def _selected_rows(page) -> list[int]:
    return [index.row() for index in page.table.selectionModel().selectedRows()]


def test_sorting_by_day_and_time_reads_no_row_and_sorts_as_rows_read_whole(qtbot, demo_workspace):
    workspace = demo_workspace
    trip_id = find_trip(workspace, "tallinn-2023").id
    first = list_agenda(workspace, trip_id)[0].details.day
    for start, end in ((time(22, 30), time(1, 30)), (time(22, 30), time(23)), (time(8), None)):
        add_item(workspace, trip_id, AgendaItemDetails(first, start, end, title_en="Late"))
    rows = list_agenda(workspace, trip_id)
    listing = agenda_listing(workspace, trip_id)
    reads: list[int] = []

    def read(ids):
        reads.append(len(ids))
        return listing.read(ids)

    model = AgendaTableModel()
    model.sort(1)
    model.set_listing(replace(listing, read=read))
    expected = {
        0: lambda r: (r.details.day, r.details.start_time),
        1: lambda r: (r.details.day, r.details.start_time),
        2: lambda r: (r.details.day, end_minutes(r.details.start_time, r.details.end_time)),
    }
    for column, key in expected.items():
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            model.sort(column, order)
            descending = order == Qt.SortOrder.DescendingOrder
            assert _ids(model) == [r.id for r in sorted(rows, key=key, reverse=descending)]
    assert reads == []
    model.set_filter(text="10")  # times are sorted by, not searched
    assert model.rowCount() == 0


def test_an_edit_updates_its_row_in_place_and_keeps_the_selection(window):
    page = window.show_page("programme")
    page.views.setCurrentIndex(1)
    dinner = next(r for r in page.model.rows() if r.details.title_en == "Welcome dinner")
    page.table.selectRow(page.model.visible_row_of(dinner.id))
    resets: list[bool] = []
    page.model.modelReset.connect(lambda: resets.append(True))
    page.toggle_cancelled()
    place = page.model.visible_row_of(dinner.id)
    assert page.model.index(place, STATUS_COLUMN).data() == agenda_status_label(
        AgendaStatus.CANCELLED
    )
    assert page.selected_row().details.status == AgendaStatus.CANCELLED
    assert _selected_rows(page) == [place]
    page.move_selected(-12 * 60)  # earlier in its day: its row moves up the list
    moved = page.selected_row()
    assert moved.id == dinner.id and moved.details.start_time < dinner.details.start_time
    assert _selected_rows(page) == [page.model.visible_row_of(dinner.id)] != [place]
    window.menus.undo.trigger()
    window.menus.undo.trigger()
    assert page.selected_row().details == dinner.details
    assert _selected_rows(page) == [place]
    assert not resets


def test_the_day_view_shows_only_its_day_and_follows_a_change_of_day(window):
    page = window.show_page("programme")
    rows = page.model.rows()
    for index in range(page.days.count()):
        page.days.setCurrentIndex(index)
        day = page.current_day()
        assert page.timeline.item_ids() == [r.id for r in rows if r.details.day == day]
    page.days.setCurrentIndex(1)
    item = next(r for r in rows if r.details.day == page.current_day())
    page._select(item.id)
    page.move_selected(24 * 60)  # to the next day: the day view follows it there
    assert page.current_day() == item.details.day + timedelta(days=1) == date(2023, 5, 9)
    assert item.id in page.timeline.item_ids() and page.timeline.selected_id() == item.id
    window.menus.undo.trigger()
    assert page.days.currentIndex() == 1 and page.timeline.selected_id() == item.id


def test_choosing_an_item_of_another_day_in_the_list_shows_its_day(window):
    page = window.show_page("programme")
    page.days.setCurrentIndex(1)
    page.views.setCurrentIndex(1)
    other = next(r for r in page.model.rows() if r.details.day != page.current_day())
    page.table.selectRow(page.model.visible_row_of(other.id))
    assert page.current_day() == other.details.day
    assert page.timeline.selected_id() == other.id and page.selected_row() == other
    page.search.setText(other.details.title_en)  # still shown: still selected
    assert page.selected_row() == other and page.remove_action.isEnabled()
