"""Venues: added and edited through the editor, undone and redone under the same id."""

from PySide6.QtWidgets import QLabel

from delegation.ui.dialogs.venue_dialog import VenueDialog


def test_add_a_venue_undo_redo_keeps_its_id(editor, window, monkeypatch):
    def kumu(dialog: VenueDialog) -> None:
        dialog._name.setText("Kumu Art Museum")
        dialog._latitude.setText("59,4355")  # a French comma is understood
        dialog._longitude.setText("24.7963")

    editor(VenueDialog, kumu)
    page = window.show_page("venues")
    count = page.venues.rowCount()
    page.add_venue()
    added = next(v for v in page.venues.rows() if v.details.name == "Kumu Art Museum")
    assert added.details.latitude == 59.4355
    window.menus.undo.trigger()
    assert page.venues.rowCount() == count
    window.menus.redo.trigger()
    again = next(v for v in page.venues.rows() if v.details.name == "Kumu Art Museum")
    assert again.id == added.id


def test_the_venue_editor_refuses_half_coordinates(qtbot):
    dialog = VenueDialog()
    qtbot.addWidget(dialog)
    dialog._name.setText("Kadriorg Palace")
    dialog._latitude.setText("59.43")
    assert (
        "latitude" in dialog._form._errors
        and not dialog._buttons.button(dialog._buttons.StandardButton.Ok).isEnabled()
    )
    dialog._longitude.setText("abc")
    assert dialog.findChild(QLabel, "error_longitude").text() == "not a number"
    dialog._longitude.setText("24.79")
    assert dialog._buttons.button(dialog._buttons.StandardButton.Ok).isEnabled()


def test_a_filter_that_hides_the_selected_venue_disables_edit(window):
    page = window.show_page("venues")
    assert page.search.accessibleName() == "Filter venues"
    assert window.show_page("contacts").search.accessibleName() == "Filter contacts"
    page.venue_table.selectRow(0)
    assert page.edit_button.isEnabled()
    page.search.setText("no venue is called this")
    assert not page.edit_button.isEnabled()
