"""The main window: every page shows the sample trip, in English and in French."""

from datetime import date

from PySide6.QtWidgets import QGroupBox, QLabel, QMessageBox

from delegation.services.trips import NewTrip, add_trip
from delegation.ui.main_window import MainWindow
from delegation.ui.settings import LANGUAGE


def _texts(widget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel)]


def test_every_page_shows_the_sample(window):
    assert window.trip.key == "tallinn-2023"
    assert window.windowTitle() == "Mission Tallinn 2023 — Delegation"
    assert "Mission Tallinn 2023" in _texts(window.overview)
    assert "Groupe B — Startups & innovation:" in _texts(window.overview)
    assert window.participants.model.rowCount() == 62
    assert window.programme.model.rowCount() == 19
    assert window.programme.days.count() == 4
    assert window.venues.venues.rowCount() >= 12
    assert window.venues.hosts.rowCount() == 8
    assert window.logistics.rooms.topLevelItemCount() == 1
    assert window.logistics.segments.rowCount() == 4
    assert window.contacts.model.rowCount() >= 62
    assert [box.title() for box in window.overview.findChildren(QGroupBox)][:2] == [
        "Trip",
        "Registrations by status",
    ]


def test_switching_language_rebuilds_the_window_in_french(window, settings):
    window.tabs.setCurrentIndex(2)
    window.switch_language("fr")
    assert window.menuBar().actions()[0].text() == "&Fichier"
    assert window.tabs.currentIndex() == 2
    assert window.tabs.tabText(1) == "&Participants"
    assert "Liste d’attente :" in _texts(window.overview)
    assert window.programme.model.index(0, 0).data() == "7 mai 2023"
    assert settings.get(LANGUAGE) == "fr"
    window.switch_language("en")
    assert window.menuBar().actions()[0].text() == "&File"


def test_trip_switcher_keeps_the_chosen_trip_on_reload(window, demo_workspace):
    add_trip(
        demo_workspace,
        NewTrip("riga-2025", "Mission Riga", "Riga", "LV", date(2025, 6, 2), date(2025, 6, 5)),
    )
    window.reload_all()
    switcher = window.trip_switcher
    assert switcher.count() == 2
    assert switcher.itemData(0) == "riga-2025"  # the newest first
    assert window.trip.key == "tallinn-2023"  # but the trip shown stays
    switcher.setCurrentIndex(0)
    assert window.trip.key == "riga-2025"
    assert window.participants.model.rowCount() == 0
    window.reload_all()
    assert window.trip.key == "riga-2025"


def test_the_window_reopens_where_it_was_left(qtbot, window, demo_workspace, settings):
    window.tabs.setCurrentIndex(3)
    window.close()
    again = MainWindow(demo_workspace, settings)
    qtbot.addWidget(again)
    assert again.tabs.currentIndex() == 3
    assert again.trip.key == "tallinn-2023"


def test_deleting_a_trip_asks_first(window, demo_workspace, message_boxes):
    message_boxes.answer = QMessageBox.StandardButton.Cancel
    window.delete_trip()
    assert window.trip_switcher.count() == 1
    message_boxes.answer = QMessageBox.StandardButton.Yes
    window.delete_trip()
    assert window.trip_switcher.count() == 0
    assert window.trip is None
    assert window.participants.model.rowCount() == 0
