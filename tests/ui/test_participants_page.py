"""The participants page: a correct Qt model that filters and sorts inside itself."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel

from delegation.domain.enums import ParticipantStatus
from delegation.ui.dialogs.participant_dialog import ParticipantDialog
from delegation.ui.models.agenda_table_model import AgendaTableModel
from delegation.ui.models.participant_table_model import ParticipantTableModel


def test_models_pass_the_qt_model_tester(qtmodeltester, window):
    participants = ParticipantTableModel()
    participants.set_rows(window.show_page("participants").model.rows())
    qtmodeltester.check(participants)
    participants.sort(0, Qt.SortOrder.DescendingOrder)
    participants.set_filter(text="é")
    qtmodeltester.check(participants)
    agenda = AgendaTableModel()
    agenda.set_rows(window.show_page("programme").model.rows())
    qtmodeltester.check(agenda)


def test_filter_as_you_type_ignores_case_and_accents(window):
    page = window.show_page("participants")
    page.search.setText("HELENE")
    names = {page.model.row_at(i).details.first_name for i in range(page.model.rowCount())}
    assert names and all(name in ("Hélène",) or "helene" in name.lower() for name in names)
    page.search.setText("mistral-data.example")
    assert page.model.rowCount() >= 1
    page.search.setText("kadri tamm")  # every word must match
    assert page.model.rowCount() == 1
    assert page.count.text() == "1 of 62 participants"
    page.search.clear()
    assert page.model.rowCount() == 62


def test_filters_by_status_and_group(window):
    page = window.show_page("participants")
    page.status_filter.setCurrentIndex(page.status_filter.findData(ParticipantStatus.WAITLISTED))
    assert page.model.rowCount() == 4
    ranks = sorted(page.model.index(i, 3).data() for i in range(4))
    assert ranks == [f"Waiting list #{n}" for n in range(1, 5)]
    page.status_filter.setCurrentIndex(0)
    page.group_filter.setCurrentIndex(page.group_filter.findData("A"))
    assert page.model.rowCount() == 27
    page.group_filter.setCurrentIndex(0)


def test_sorting_keeps_the_selection(window):
    page = window.show_page("participants")
    page.table.selectRow(5)
    chosen = page.selected_ids()
    page.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    assert page.selected_ids() == chosen
    emails = [page.model.index(i, 2).data() for i in range(page.model.rowCount())]
    assert emails == sorted(emails, reverse=True)


def test_sensitive_columns_are_marked(window):
    model = window.show_page("participants").model
    sensitive = [
        model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DecorationRole)
    ]
    assert sensitive == ["Dietary needs", "Passport expiry", "Emergency contact"]


def test_several_participants_change_status_at_once_and_back(window):
    page = window.show_page("participants")
    page.search.setText("provence")
    page.table.selectAll()
    ids = page.selected_ids()
    assert len(ids) >= 2
    page.set_status(ParticipantStatus.CANCELLED)
    statuses = {r.id: r.details.status for r in page.model.rows()}
    assert all(statuses[i] == ParticipantStatus.CANCELLED for i in ids)
    window.menus.undo.trigger()
    statuses = {r.id: r.details.status for r in page.model.rows()}
    assert not any(statuses[i] == ParticipantStatus.CANCELLED for i in ids)


def test_the_editor_validates_next_to_the_field(qtbot, window):
    page = window.show_page("participants")
    dialog = page._dialog()
    qtbot.addWidget(dialog)
    ok = dialog._buttons.button(dialog._buttons.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog._last_name.setText("Saar")
    dialog._email.setText("liis@")
    assert dialog.errors() == {"email": "not an email address"}
    message = dialog.findChild(QLabel, "error_email")
    assert message.text() == "not an email address" and not message.isHidden()
    assert dialog.findChild(QLabel, "error_last_name").isHidden()
    assert not ok.isEnabled()
    dialog._email.setText("liis.saar@example.ee")
    dialog._passport_expiry.setText("31/02/2030")
    assert "passport_expiry" in dialog.errors()
    dialog._passport_expiry.setText("28/02/2030")
    assert dialog.errors() == {"passport_number": "an expiry date needs a document number"}
    dialog._passport_number.setText("KE123")
    assert ok.isEnabled()
    assert isinstance(dialog, QDialog)


def test_add_participant_through_the_editor(window, editor):
    def fill_and_accept(dialog: ParticipantDialog) -> None:
        dialog._first_name.setText("Liis")
        dialog._last_name.setText("Kuusk")
        dialog._email.setText("liis.kuusk@example.ee")
        dialog._groups["B"].setChecked(True)

    editor(ParticipantDialog, fill_and_accept)
    page = window.show_page("participants")
    page.add()
    assert page.model.rowCount() == 63
    [row] = page.selected_rows()
    assert (row.details.full_name, row.details.group_codes) == ("Liis Kuusk", ("B",))
    assert window.menus.undo.text() == "&Undo Add Liis Kuusk"
    window.menus.undo.trigger()
    assert page.model.rowCount() == 62
    window.menus.redo.trigger()
    assert page.model.rowCount() == 63


def test_needs_are_kept_by_the_editor(window, editor):
    def fill_and_accept(dialog: ParticipantDialog) -> None:
        assert "rooming list" in dialog._accessibility.toolTip()
        dialog._first_name.setText("Sarah")
        dialog._last_name.setText("Benhamou")
        dialog._dietary.setText("Allergie aux arachides (et noix) ; végétarienne")
        dialog._accessibility.setText("Fauteuil roulant")

    editor(ParticipantDialog, fill_and_accept)
    page = window.show_page("participants")
    page.add()
    [row] = page.selected_rows()
    assert row.details.accessibility == "Fauteuil roulant"
    assert row.details.dietary == "Allergie aux arachides (et noix) ; végétarienne"


def _actions(page):
    return (page.edit_action, page.remove_action, page.status_menu.menuAction(),
            page.group_menu.menuAction())  # fmt: skip


def test_a_filter_that_hides_the_selection_disables_the_actions(window, message_boxes):
    page = window.show_page("participants")
    emilie = next(r for r in page.model.rows() if r.details.first_name == "Émilie")
    page.select_ids([emilie.id])
    assert all(action.isEnabled() for action in _actions(page))
    page.search.setText("emilie")  # still shown: still selected
    assert page.selected_ids() == [emilie.id]
    assert all(action.isEnabled() for action in _actions(page))
    page.search.setText("kadri tamm")
    assert page.selected_ids() == []
    assert not any(action.isEnabled() for action in _actions(page))
    page.remove_action.trigger()
    page.remove()
    assert message_boxes.shown == [] and len(page.model.rows()) == 62
    page.search.clear()
    assert page.selected_ids() == []  # nothing comes back selected unseen


def test_a_filter_combo_that_hides_the_selection_disables_the_actions(window):
    page = window.show_page("participants")
    waiting = next(r for r in page.model.rows() if r.details.status == ParticipantStatus.WAITLISTED)
    page.select_ids([waiting.id])
    assert page.up_action.isEnabled()
    page.status_filter.setCurrentIndex(page.status_filter.findData(ParticipantStatus.CONFIRMED))
    assert page.selected_ids() == []
    assert not page.up_action.isEnabled() and not page.remove_action.isEnabled()


def test_filters_have_accessible_names(window):
    page = window.show_page("participants")
    names = [w.accessibleName() for w in (page.search, page.status_filter,
                                          page.category_filter, page.group_filter)]  # fmt: skip
    assert names == [
        "Filter participants", "Filter by status", "Filter by category", "Filter by group"
    ]  # fmt: skip


def _waiting(page) -> list[str]:
    rows = [r for r in page.model.rows() if r.waitlist_position is not None]
    return [r.details.full_name for r in sorted(rows, key=lambda r: r.waitlist_position)]


def test_ctrl_up_moves_someone_up_the_waiting_list_and_undo_puts_them_back(qtbot, window):
    page = window.show_page("participants")
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.waitUntil(page.table.isVisible)  # a page built late is shown a turn later
    before = _waiting(page)
    last = next(r for r in page.model.rows() if r.details.full_name == before[-1])
    page.select_ids([last.id])
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert _waiting(page) == [*before[:-2], before[-1], before[-2]]
    assert page.selected_ids() == [last.id]
    window.menus.undo.trigger()
    assert _waiting(page) == before


def test_several_participants_join_a_group_at_once_and_leave_it_on_undo(window):
    page = window.show_page("participants")
    outside = [r for r in page.model.rows() if "A" not in r.details.group_codes][:3]
    page.select_ids([r.id for r in outside])
    join = page.group_menu.actions()[0]
    assert join.text() == "Add to Groupe A — Cybersécurité && IA"
    join.trigger()
    codes = {r.id: r.details.group_codes for r in page.model.rows()}
    assert all("A" in codes[r.id] for r in outside)
    assert window.menus.undo.text().startswith("&Undo Add 3 participants to group A")
    window.menus.undo.trigger()
    codes = {r.id: r.details.group_codes for r in page.model.rows()}
    assert all("A" not in codes[r.id] for r in outside)


def test_a_contact_of_an_earlier_trip_is_registered_in_one_action(window, demo_workspace):
    from datetime import date

    from delegation.services.trips import NewTrip, add_trip

    riga = add_trip(
        demo_workspace,
        NewTrip("riga-2025", "Mission Riga", "Riga", "LV", date(2025, 6, 2), date(2025, 6, 5)),
    )
    window.reload_trips(select_key=riga.key)
    contacts = window.show_page("contacts")
    contacts.search.setText("kadri tamm")
    contacts.table.selectRow(0)
    assert contacts.register_button.text() == "Register for Mission Riga"
    contacts.register_button.click()
    assert [r.details.full_name for r in window.show_page("participants").model.rows()] == [
        "Kadri Tamm"
    ]
    assert not contacts.register_button.isEnabled()  # already registered
    window.menus.undo.trigger()
    assert window.show_page("participants").model.rowCount() == 0
    assert window.show_page("contacts").register_button.isEnabled()
