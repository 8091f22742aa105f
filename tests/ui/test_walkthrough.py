"""An organiser's session from start to finish, then the same database opened again."""

from delegation.services.workspace import open_workspace
from delegation.ui.dialogs.agenda_item_dialog import AgendaItemDialog
from delegation.ui.dialogs.participant_dialog import ParticipantDialog
from delegation.ui.main_window import MainWindow


def test_plan_undo_redo_switch_language_reopen(
    editor, qtbot, monkeypatch, demo_workspace, settings
):
    window = MainWindow(demo_workspace, settings)
    qtbot.addWidget(window)
    window.show()
    assert window.trip.key == "tallinn-2023"

    # Add a participant through the editor.
    def new_participant(dialog: ParticipantDialog) -> None:
        dialog._first_name.setText("Tõnis")
        dialog._last_name.setText("Järvelill")
        dialog._email.setText("tonis.jarvelill@example.ee")
        dialog._groups["A"].setChecked(True)

    editor(ParticipantDialog, new_participant)
    window.show_page("participants")
    window.show_page("participants").add()
    assert window.show_page("participants").model.rowCount() == 63

    # Edit an agenda item: a new English title.
    def retitle(dialog: AgendaItemDialog) -> None:
        dialog._title_en.setText("Welcome dinner in the Old Town")

    editor(AgendaItemDialog, retitle)
    programme = window.show_page("programme")
    window.show_page("programme")
    dinner = next(r for r in programme.model.rows() if r.details.title_en == "Welcome dinner")
    programme._select(dinner.id)
    programme.edit()
    titles = {r.details.title_en for r in programme.model.rows()}
    assert "Welcome dinner in the Old Town" in titles

    # Undo both, redo both.
    window.menus.undo.trigger()
    assert "Welcome dinner" in {r.details.title_en for r in programme.model.rows()}
    window.menus.undo.trigger()
    assert window.show_page("participants").model.rowCount() == 62
    window.menus.redo.trigger()
    window.menus.redo.trigger()
    assert window.show_page("participants").model.rowCount() == 63
    assert "Welcome dinner in the Old Town" in {
        r.details.title_en for r in window.show_page("programme").model.rows()
    }

    # Switch to French: the work is still there.
    window.switch_language("fr")
    assert window.menuBar().actions()[1].text() == "&Édition"
    assert window.show_page("participants").model.rowCount() == 63
    assert window.menus.undo.isEnabled()
    window.close()

    # Nothing to save: open the same database again, as after a restart.
    demo_workspace.close()
    reopened = open_workspace(str(demo_workspace.location.path))
    again = MainWindow(reopened, settings)
    qtbot.addWidget(again)
    names = {row.details.full_name for row in again.show_page("participants").model.rows()}
    assert "Tõnis Järvelill" in names
    titles = {row.details.title_en for row in again.show_page("programme").model.rows()}
    assert "Welcome dinner in the Old Town" in titles
    assert again.pages.current_name() == "programme"
    assert again.menuBar().actions()[0].text() == "&Fichier"
    reopened.close()
