"""The main window: every page shows the sample trip, in English and in French."""

from dataclasses import replace
from datetime import date

from babel.dates import format_date
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QGroupBox, QLabel, QMessageBox

from delegation.domain.enums import ParticipantStatus
from delegation.domain.errors import ConnectionLostError
from delegation.services import participants
from delegation.services.participant_rows import get_participant
from delegation.services.trips import NewTrip, add_trip, list_trips
from delegation.ui.dialogs.participant_dialog import ParticipantDialog
from delegation.ui.dialogs.trip_dialog import TripDialog
from delegation.ui.main_window import MainWindow
from delegation.ui.settings import LANGUAGE


def _texts(widget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel)]


def test_every_page_shows_the_sample(window):
    assert window.trip.key == "tallinn-2023"
    assert window.windowTitle() == "Mission Tallinn 2023 — Delegation"
    assert "Mission Tallinn 2023" in _texts(window.show_page("overview"))
    assert "Groupe B — Startups & innovation:" in _texts(window.show_page("overview"))
    assert window.show_page("participants").model.rowCount() == 62
    assert window.show_page("programme").model.rowCount() == 19
    assert window.show_page("programme").days.count() == 4
    assert window.show_page("venues").venues.rowCount() >= 12
    assert window.show_page("venues").hosts.rowCount() == 8
    assert window.show_page("logistics").rooms.topLevelItemCount() == 1
    assert window.show_page("logistics").segments.rowCount() == 4
    assert window.show_page("contacts").model.rowCount() >= 62
    assert [box.title() for box in window.show_page("overview").findChildren(QGroupBox)][:2] == [
        "Trip",
        "Registrations by status",
    ]


def test_switching_language_rebuilds_the_window_in_french(window, settings):
    window.pages.setCurrentIndex(2)
    window.switch_language("fr")
    assert window.menuBar().actions()[0].text() == "&Fichier"
    assert window.pages.currentIndex() == 2
    assert window.pages.tabText(1) == "&Participants"
    assert "Liste d’attente :" in _texts(window.show_page("overview"))
    first_day = format_date(date(2023, 5, 7), "medium", locale="fr_FR")
    assert window.show_page("programme").model.index(0, 0).data() == first_day
    assert settings.get(LANGUAGE) == "fr"
    window.switch_language("en")
    assert window.menuBar().actions()[0].text() == "&File"


def test_trip_switcher_keeps_the_chosen_trip_on_reload(window, demo_workspace):
    add_trip(
        demo_workspace,
        NewTrip("riga-2025", "Mission Riga", "Riga", "LV", date(2025, 6, 2), date(2025, 6, 5)),
    )
    window.reload_all()
    switcher = window.trips.switcher
    assert switcher.count() == 2
    assert switcher.itemData(0) == "riga-2025"  # the newest first
    assert window.trip.key == "tallinn-2023"  # but the trip shown stays
    switcher.setCurrentIndex(0)
    assert window.trip.key == "riga-2025"
    assert window.show_page("participants").model.rowCount() == 0
    window.reload_all()
    assert window.trip.key == "riga-2025"


def test_the_window_reopens_where_it_was_left(qtbot, window, demo_workspace, settings):
    window.pages.setCurrentIndex(3)
    window.close()
    again = MainWindow(demo_workspace, settings)
    qtbot.addWidget(again)
    assert again.pages.currentIndex() == 3
    assert again.trip.key == "tallinn-2023"


def test_deleting_a_trip_asks_first(window, demo_workspace, message_boxes):
    message_boxes.answer = QMessageBox.StandardButton.Cancel
    window.trips.delete_trip()
    assert window.trips.switcher.count() == 1
    [(_kind, question)] = message_boxes.take()
    assert "60 participants" in question or "62 participants" in question
    message_boxes.answer = QMessageBox.StandardButton.Yes
    window.trips.delete_trip()
    message_boxes.take()
    assert window.trips.switcher.count() == 0
    assert window.trip is None
    assert window.show_page("participants").model.rowCount() == 0


def _riga(dialog: TripDialog) -> None:
    dialog._key.setText("riga-2025")
    dialog._title.setText("Mission Riga 2025")
    dialog._city.setText("Riga")
    dialog._country.setText("LV")
    dialog._start.setText("02/06/2025")
    dialog._end.setText("05/06/2025")


def test_a_new_trip_undone_and_redone_keeps_its_id(window, editor, demo_workspace):
    editor(TripDialog, _riga)
    window.trips.new_trip()
    assert window.trip.key == "riga-2025"
    made = window.trip.id
    window.menus.undo.trigger()
    assert [t.key for t in list_trips(demo_workspace)] == ["tallinn-2023"]
    assert window.trip.key == "tallinn-2023"
    window.menus.redo.trigger()
    assert [t.id for t in list_trips(demo_workspace) if t.key == "riga-2025"] == [made]


def test_duplicating_a_trip_copies_its_programme(window, editor, demo_workspace):
    editor(TripDialog, lambda dialog: None)  # the proposed key, title and date
    window.trips.duplicate_trip()
    assert window.trip.key == "tallinn-2024"
    assert window.show_page("programme").model.rowCount() == 19
    assert window.menus.undo.text() == "&Undo Duplicate trip as tallinn-2024"


def test_a_refused_key_is_shown_in_the_editor_which_keeps_what_was_typed(window, editor):
    seen = []

    def taken_key(dialog: TripDialog) -> None:
        _riga(dialog)
        dialog._key.setText("tallinn-2023")
        seen.append(dialog)

    editor(TripDialog, taken_key)
    window.trips.new_trip()
    [dialog] = seen
    assert dialog.result() != TripDialog.DialogCode.Accepted  # still open for a correction
    error = dialog.findChild(QLabel, "error_key")
    assert "already exists" in error.text() and not error.isHidden()
    assert dialog._title.text() == "Mission Riga 2025"
    assert window.trips.switcher.count() == 1


def test_undo_brings_back_the_trip_the_step_was_made_in(window, demo_workspace):
    riga = add_trip(
        demo_workspace,
        NewTrip("riga-2025", "Mission Riga", "Riga", "LV", date(2025, 6, 2), date(2025, 6, 5)),
    )
    page = window.show_page("participants")
    first = page.model.rows()[0]
    page.table.selectRow(0)
    page.set_status(ParticipantStatus.CANCELLED)
    window.reload_all()
    window.trips.switcher.setCurrentIndex(window.trips.switcher.findData(riga.key))
    assert window.trip.key == "riga-2025"
    window.menus.undo.trigger()
    assert window.trip.key == "tallinn-2023"
    assert get_participant(demo_workspace, first.id).details.status == (first.details.status)


def test_changing_language_keeps_filters_selection_and_names_the_history_anew(window):
    page = window.show_page("participants")
    page.search.setText("tamm")
    page.table.selectRow(0)
    chosen = page.selected_rows()[0].id
    page.set_status(ParticipantStatus.CANCELLED)
    assert window.context.undo_stack.undoText() == "Set 1 participant to Cancelled"
    actions_before = len(window.findChildren(QAction))
    window.switch_language("fr")
    page = window.show_page("participants")
    assert page.search.text() == "tamm"
    assert [row.id for row in page.selected_rows()] == [chosen]
    assert window.menus.undo.text() == "&Annuler Passer 1 participant au statut Annulé"
    window.switch_language("en")
    window.switch_language("fr")
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert len(window.findChildren(QAction)) == actions_before  # the old menus are gone


def test_a_colleagues_change_keeps_the_editor_open_with_both_changes(
    window, demo_workspace, monkeypatch
):
    page = window.show_page("participants")
    page.table.selectRow(0)
    row = page.selected_rows()[0]
    seen: list[tuple[str, str, str, int]] = []

    def exec_(dialog: ParticipantDialog) -> int:
        dialog._job_title.setText("Chief Tea Officer")
        participants.update_participant(
            demo_workspace, row.id, None, replace(row.details, phone="+33 6 00 00 00 00")
        )  # a colleague, on the same database, while the editor is open
        dialog.accept()  # refused: the editor stays open with both changes in it
        notice = dialog.findChild(QLabel, "notice")
        seen.append((notice.text(), dialog._phone.text(), dialog._job_title.text(),
                     window.context.undo_stack.count()))  # fmt: skip
        dialog.accept()  # OK again: what the user typed is saved over the colleague's save
        return dialog.result()

    monkeypatch.setattr(ParticipantDialog, "exec", exec_)
    page.edit()
    [(notice, phone, title, steps)] = seen
    assert "since you opened it; nothing was saved" in notice and "yours are kept" in notice
    assert phone == "+33 6 00 00 00 00" and title == "Chief Tea Officer" and steps == 0
    saved = get_participant(demo_workspace, row.id).details
    assert (saved.phone, saved.job_title) == ("+33 6 00 00 00 00", "Chief Tea Officer")
    assert window.context.undo_stack.count() == 1
    window.context.undo_stack.undo()  # undo puts back the colleague's save, not the opening
    assert get_participant(demo_workspace, row.id).details.phone == "+33 6 00 00 00 00"
    assert get_participant(demo_workspace, row.id).details.job_title == row.details.job_title


def test_a_participant_removed_meanwhile_closes_the_editor(
    window, editor, demo_workspace, message_boxes
):
    page = window.show_page("participants")
    page.table.selectRow(0)
    row = page.selected_rows()[0]

    def retitle(dialog: ParticipantDialog) -> None:
        participants.remove_participants(demo_workspace, [row.id])  # a colleague
        dialog._job_title.setText("Chief Tea Officer")

    editor(ParticipantDialog, retitle)
    page.edit()
    [(kind, _text)] = message_boxes.take()
    assert kind == "warning"
    assert window.statusBar().currentMessage() == "Nothing was saved."
    assert window.context.undo_stack.count() == 0


def test_ok_without_a_change_leaves_no_step(window, editor):
    page = window.show_page("participants")
    page.table.selectRow(0)
    editor(ParticipantDialog, lambda dialog: None)
    page.edit()
    assert window.context.undo_stack.count() == 0


def test_changing_language_keeps_each_selection_on_its_record(window):
    people = window.show_page("participants")
    people.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    people.table.selectRow(5)
    person = people.selected_ids()
    programme = window.show_page("programme")
    programme.days.setCurrentIndex(2)
    day = programme.current_day()
    logistics = window.show_page("logistics")
    room = logistics.rooms.topLevelItem(0).child(3)
    room.setSelected(True)
    window.switch_language("fr")
    assert window.show_page("participants").selected_ids() == person
    assert window.show_page("programme").current_day() == day
    [selected] = window.show_page("logistics").rooms.selectedItems()
    assert selected.text(0) == room.text(0) and selected.parent() is not None


def test_a_venue_undone_leaves_the_trip_shown(window, editor, demo_workspace):
    from delegation.ui.dialogs.venue_dialog import VenueDialog

    editor(VenueDialog, lambda dialog: dialog._name.setText("Kumu Art Museum"))
    window.show_page("venues").add_venue()
    riga = add_trip(
        demo_workspace,
        NewTrip("riga-2025", "Mission Riga", "Riga", "LV", date(2025, 6, 2), date(2025, 6, 5)),
    )
    window.reload_trips(select_key=riga.key)
    window.menus.undo.trigger()
    assert window.trip.key == "riga-2025"


def test_the_preview_gets_its_file_actions_and_problems_once_attached(
    qtbot, demo_workspace, settings
):
    preview = MainWindow(None, settings)
    qtbot.addWidget(preview)
    assert preview.problems is None
    assert preview.statusBar().currentMessage() == "Opening the database…"
    preview.attach(demo_workspace)
    # The status bar says it is open, not "Opening…" until the first edit.
    assert preview.statusBar().currentMessage() == ""
    assert preview._database_label.text().startswith("Database: ")
    texts = [a.text() for a in preview.menuBar().actions()[0].menu().actions()]
    assert "&Import participants…" in texts
    assert preview.problems is not None and preview.transfers is not None
    assert all(action.isEnabled() for action in preview.menus.needing_trip)


def test_a_connection_lost_as_an_edit_was_saved_is_told_once_and_the_page_reloaded(
    window, editor, demo_workspace, message_boxes, monkeypatch
):
    page = window.show_page("participants")
    page.table.selectRow(0)
    row = page.selected_rows()[0]
    save = participants.update_participant

    def saved_then_lost(*args, **kwargs):
        save(*args, **kwargs)
        raise ConnectionLostError(
            "the connection to the server was lost and has been opened again;"
            " your last change was saved",
            True,
        )

    monkeypatch.setattr(participants, "update_participant", saved_then_lost)
    editor(ParticipantDialog, lambda dialog: dialog._job_title.setText("Chief Tea Officer"))
    page.edit()

    [(kind, text)] = message_boxes.take()
    assert kind == "warning" and "your last change was saved" in text
    assert window.statusBar().currentMessage() != "Nothing was saved."
    shown = next(shown for shown in page.model.rows() if shown.id == row.id)
    assert shown.details.job_title == "Chief Tea Officer"  # reloaded from the database
