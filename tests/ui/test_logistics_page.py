"""The logistics page: hotels, rooms and travel legs edited, and undone."""

from PySide6.QtWidgets import QDialog

from delegation.ui.dialogs.hotel_dialogs import RoomsDialog
from delegation.ui.dialogs.segment_dialog import SegmentDialog


def test_add_rooms_in_a_run_then_undo(window, monkeypatch):
    def thirty_rooms(dialog: RoomsDialog) -> int:
        dialog._first.setValue(401)
        dialog._count.setValue(3)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RoomsDialog, "exec", thirty_rooms)
    page = window.show_page("logistics")
    hotel = page.rooms.topLevelItem(0)
    before = hotel.childCount()
    page.rooms.setCurrentItem(hotel)
    page.add_rooms()
    assert page.rooms.topLevelItem(0).childCount() == before + 3
    assert page.rooms.topLevelItem(0).child(before).text(0) == "401"
    window.undo_action.trigger()
    assert page.rooms.topLevelItem(0).childCount() == before


def test_add_a_leg_with_its_zones_and_passengers(window, monkeypatch):
    def ferry(dialog: SegmentDialog) -> int:
        dialog._from.setText("Helsinki West Harbour")
        dialog._to.setText("Tallinn D-terminal")
        dialog._from_zone.setText("Europe/Helsinki")
        dialog._carrier.setText("Eckerö Line")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SegmentDialog, "exec", ferry)
    page = window.show_page("logistics")
    page.add_segment()
    assert page.segments.rowCount() == 5
    row = next(r for r in page.segments.rows() if r.details.carrier == "Eckerö Line")
    assert row.details.arrival_timezone == "Europe/Tallinn"
    page.segment_table.selectRow(page.segments.visible_row_of(row.id))
    page.set_passengers("B")
    row = next(r for r in page.segments.rows() if r.id == row.id)
    assert row.passenger_count == 26
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert page.segments.rowCount() == 4
