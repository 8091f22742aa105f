"""A trip from nothing in the window: the trip, a group, the registrations (which add the
group the file names beside it), the programme, the itinerary printed; undone, redone and
found again after a restart."""

from pypdf import PdfReader
from PySide6.QtWidgets import QDialog, QFileDialog, QListWidget

from delegation.services.groups import list_group_summaries
from delegation.ui.dialogs.groups_dialog import GroupDialog, GroupsDialog
from delegation.ui.dialogs.import_dialog import ImportDialog
from delegation.ui.dialogs.trip_dialog import TripDialog
from delegation.ui.documents import DocumentOptions
from delegation.ui.main_window import MainWindow


def _tel_aviv(dialog: TripDialog) -> None:
    dialog._key.setText("tel-aviv-2024")
    dialog._title.setText("Mission Israël")
    dialog._city.setText("Tel Aviv")
    dialog._country.setText("IL")
    dialog._start.setText("26/03/2024")
    dialog._end.setText("29/03/2024")


def _group_a(dialog: GroupDialog) -> None:
    dialog._code.setText("A")
    dialog._name.setText("Cybersécurité & IA")


def _import(run_import, window, monkeypatch, kind: str, path, expected: list[str]) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: (str(path), ""))
    )

    def look(dialog: ImportDialog) -> int:
        effects = dialog.findChild(QListWidget, "importEffects")
        assert [effects.item(i).text() for i in range(effects.count())] == expected
        problems = dialog.findChild(QListWidget, "importProblems")
        assert problems.item(0).text() == "No problem found."
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportDialog, "exec", look)
    run_import(window, kind)


def _print_itinerary(qtbot, window, monkeypatch, target) -> str:
    def french(dialog: DocumentOptions) -> int:
        dialog.language.setCurrentIndex(dialog.language.findData("fr"))
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(DocumentOptions, "exec", french)
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(target), ""))
    )
    monkeypatch.setattr("PySide6.QtGui.QDesktopServices.openUrl", staticmethod(lambda _url: True))
    window.documents.itinerary(False)
    operation = window.documents.running  # written off the window's thread
    qtbot.waitUntil(lambda: not operation.running, timeout=60_000)
    return " ".join(page.extract_text() for page in PdfReader(target).pages)


def test_a_new_trip_is_planned_and_printed_in_the_window(
    run_import, qtbot, window, editor, monkeypatch, mission, tmp_path, demo_workspace, settings
):
    editor(TripDialog, _tel_aviv)
    window.trips.new_trip()
    assert window.trip.key == "tel-aviv-2024" and window.trip.timezone == "Asia/Jerusalem"

    groups = GroupsDialog(window.context, window.trip, window)
    qtbot.addWidget(groups)
    editor(GroupDialog, _group_a)
    groups.add_group()
    groups.close()

    inscrits = mission.registrations(tmp_path / "inscrits.csv")
    _import(
        run_import, window, monkeypatch, "participants", inscrits, ["Creates group B (Group B)."]
    )
    assert window.show_page("participants").model.rowCount() == len(mission.PEOPLE)
    trip_id = window.trip.id
    codes = [g.code for g in list_group_summaries(demo_workspace, trip_id)]
    assert codes == ["A", "B"]

    programme = mission.programme(tmp_path / "programme.xlsx")
    venues = "Creates venues Résidence de France, Check Point HQ, Mobileye, Sarona Market, "
    _import(run_import, window, monkeypatch, "agenda", programme, [venues + "Hotel Montefiore."])
    assert window.menus.undo.text() == "&Undo Import programme.xlsx"

    # The gala night: the day view opens on its one item, late in the evening.
    window.show_page("programme")
    window.show_page("programme").days.setCurrentIndex(2)
    scroll = (
        window.show_page("programme").timeline.parentWidget().parentWidget().verticalScrollBar()
    )
    qtbot.waitUntil(lambda: scroll.value() > 0)

    text = _print_itinerary(qtbot, window, monkeypatch, tmp_path / "itineraire.pdf")
    assert "Visite de Check Point" in text and "Visite de Mobileye" in text
    assert "22:30\n– 01:30 (+1)" in text  # the end under the start

    window.menus.undo.trigger()  # the programme
    window.menus.undo.trigger()  # the registrations, and the group B they made
    assert [g.code for g in list_group_summaries(demo_workspace, trip_id)] == ["A"]
    window.menus.redo.trigger()
    window.menus.redo.trigger()
    assert [g.code for g in list_group_summaries(demo_workspace, trip_id)] == ["A", "B"]

    window.close()
    again = MainWindow(demo_workspace, settings)
    qtbot.addWidget(again)
    again.show()
    assert again.trip.key == "tel-aviv-2024"
    assert again.show_page("participants").model.rowCount() == len(mission.PEOPLE)
