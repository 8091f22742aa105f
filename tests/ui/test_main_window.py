"""The window opens on the sample trip and shows its overview, in French and English."""

from PySide6.QtWidgets import QGroupBox, QLabel, QTableView

from delegation.i18n import set_language
from delegation.services.trips import NewTrip, add_trip
from delegation.ui.main_window import MainWindow
from delegation.ui.trip_list_model import TripListModel


def _texts(widget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel)]


def test_trip_list_model_is_a_correct_qt_model(qtmodeltester, demo_workspace):
    from delegation.services.trips import list_trips

    model = TripListModel()
    model.set_trips(list_trips(demo_workspace))
    qtmodeltester.check(model)
    assert model.rowCount() == 1


def test_window_shows_the_sample_trip_and_its_overview(qtbot, demo_workspace):
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.show()
    table = window.findChild(QTableView, "tripList")
    model = table.model()
    assert model.rowCount() == 1
    assert model.index(0, 0).data() == "Mission Tallinn 2023"
    assert model.index(0, 2).data() == "7–10 May 2023"
    texts = _texts(window)
    assert "Mission Tallinn 2023" in texts
    assert "Waiting list:" in texts
    assert "Groupe B — Startups & innovation:" in texts
    assert [box.title() for box in window.findChildren(QGroupBox)][:2] == [
        "Trip",
        "Registrations by status",
    ]


def test_window_in_french(qtbot, demo_workspace):
    set_language("fr")
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    assert window.menuBar().actions()[0].text() == "&Fichier"
    assert "Liste d’attente :" in _texts(window)
    assert window.findChild(QTableView, "tripList").model().index(0, 2).data() == "7–10 mai 2023"


def test_reload_keeps_the_selected_trip(qtbot, demo_workspace):
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    table = window.findChild(QTableView, "tripList")
    add_trip(
        demo_workspace,
        NewTrip("tel-aviv-2019", "Mission Tel Aviv", "Tel Aviv", "IL",
                __import__("datetime").date(2019, 6, 2), __import__("datetime").date(2019, 6, 6)),
    )  # fmt: skip
    table.selectRow(0)
    window.reload()
    assert table.model().rowCount() == 2
    selected = table.selectionModel().selectedRows()
    assert table.model().index(selected[0].row(), 0).data() == "Mission Tallinn 2023"
