"""The logistics page: hotels, rooms and travel legs edited, and undone."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QToolButton

from delegation.ui.dialogs.hotel_dialogs import RoomsDialog
from delegation.ui.dialogs.segment_dialog import SegmentDialog


def test_add_rooms_in_a_run_then_undo(editor, window, monkeypatch):
    def thirty_rooms(dialog: RoomsDialog) -> None:
        dialog._first.setValue(401)
        dialog._count.setValue(3)

    editor(RoomsDialog, thirty_rooms)
    page = window.show_page("logistics")
    hotel = page.rooms.topLevelItem(0)
    before = hotel.childCount()
    page.rooms.setCurrentItem(hotel)
    page.add_rooms()
    assert page.rooms.topLevelItem(0).childCount() == before + 3
    assert page.rooms.topLevelItem(0).child(before).text(0) == "401"
    window.menus.undo.trigger()
    assert page.rooms.topLevelItem(0).childCount() == before


def test_add_a_leg_with_its_zones_and_passengers(editor, window, monkeypatch):
    def ferry(dialog: SegmentDialog) -> None:
        dialog._from.setText("Helsinki West Harbour")
        dialog._to.setText("Tallinn D-terminal")
        dialog._from_zone.setText("Europe/Helsinki")
        dialog._carrier.setText("Eckerö Line")

    editor(SegmentDialog, ferry)
    page = window.show_page("logistics")
    page.add_segment()
    assert page.segments.rowCount() == 5
    row = next(r for r in page.segments.rows() if r.details.carrier == "Eckerö Line")
    assert row.details.arrival_timezone == "Europe/Tallinn"
    page.segment_table.selectRow(page.segments.visible_row_of(row.id))
    page.set_passengers("B")
    row = next(r for r in page.segments.rows() if r.id == row.id)
    assert row.passenger_count == 26
    window.menus.undo.trigger()
    window.menus.undo.trigger()
    assert page.segments.rowCount() == 4


def test_a_leg_made_again_by_redo_is_the_same_calendar_event(editor, window):
    def ferry(dialog: SegmentDialog) -> None:
        dialog._from.setText("Stockholm Värtahamnen")
        dialog._to.setText("Tallinn D-terminal")
        dialog._from_zone.setText("Europe/Stockholm")

    editor(SegmentDialog, ferry)
    page = window.show_page("logistics")
    page.add_segment()
    made = next(r for r in page.segments.rows() if r.details.departure_place.startswith("Sto"))
    window.menus.undo.trigger()
    assert made.id not in [r.id for r in page.segments.rows()]
    window.menus.redo.trigger()
    again = next(r for r in page.segments.rows() if r.id == made.id)
    assert (again.calendar.uid, again.calendar.sequence) == (made.calendar.uid, 0)


def test_each_remove_says_what_it_removes_and_has_its_own_delete(window):
    page = window.show_page("logistics")
    buttons = {button.text() for button in page.findChildren(QToolButton)}
    assert "Remove" not in buttons and "Remove travel leg" in buttons
    assert not page.remove_rooms_action.isEnabled()
    hotel = page.rooms.topLevelItem(0)
    page.rooms.setCurrentItem(hotel.child(0))
    assert page.remove_rooms_action.text() == "&Remove room"
    hotel.child(1).setSelected(True)
    assert page.remove_rooms_action.text() == "&Remove 2 rooms"
    page.rooms.setCurrentItem(hotel)
    assert page.remove_rooms_action.text() == "&Remove hotel"
    assert not page.remove_segment_action.isEnabled() and not page.passengers_button.isEnabled()
    page.segment_table.selectRow(0)
    assert page.remove_segment_action.isEnabled() and page.passengers_button.isEnabled()
    delete = QKeySequence(QKeySequence.StandardKey.Delete)
    assert page.remove_rooms_action.shortcut() == delete
    assert page.remove_segment_action.shortcut() == delete
    # Each Delete lives in its own view, so that neither is ambiguous.
    for action in (page.remove_rooms_action, page.remove_segment_action):
        assert action.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut
        assert page not in action.associatedObjects()


def test_delete_in_the_travel_table_removes_the_leg(qtbot, window):
    page = window.show_page("logistics")
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.waitUntil(page.segment_table.isVisible)  # a page built late is shown a turn later
    page.segment_table.selectRow(0)
    page.segment_table.setFocus()
    qtbot.keyClick(page.segment_table, Qt.Key.Key_Delete)
    assert page.segments.rowCount() == 3
    assert page.rooms.topLevelItem(0) is not None  # the hotel is still there
    window.menus.undo.trigger()
    assert page.segments.rowCount() == 4


def test_rooms_already_there_are_refused_under_the_first_number(editor, window):
    seen = []

    def taken(dialog: RoomsDialog) -> None:
        dialog._first.setValue(101)
        seen.append(dialog)

    editor(RoomsDialog, taken)
    page = window.show_page("logistics")
    page.rooms.setCurrentItem(page.rooms.topLevelItem(0))
    page.add_rooms()
    error = seen[0].findChild(QLabel, "error_first")
    assert error.text() == "these rooms exist already: 101" and not error.isHidden()
