"""Times across midnight and clock changes in the window: the day view, the list and the
item editor."""

from datetime import date, time, timedelta

import pytest
from PySide6.QtCore import QTime
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLabel

from delegation.services import agenda
from delegation.services.agenda import AgendaItemDetails
from delegation.services.summaries import NewTrip
from delegation.services.trips import add_trip
from delegation.ui.dialogs.agenda_item_dialog import AgendaItemDialog
from delegation.ui.widgets.day_layout import DAY_MINUTES

GALA_DAY = date(2023, 5, 8)  # a Monday of the sample trip, the second tab


def _gala(window, workspace) -> agenda.AgendaItemRow:
    row = agenda.add_item(
        workspace, window.trip.id,
        AgendaItemDetails(day=GALA_DAY, start_time=time(22, 30), end_time=time(1, 30),
                          title_en="Gala dinner"),
    )  # fmt: skip
    window.reload_all()
    window.show_page("programme").days.setCurrentIndex(1)
    return row


def test_an_item_past_midnight_runs_to_the_bottom_of_its_day(window, demo_workspace):
    row = _gala(window, demo_workspace)
    timeline = window.show_page("programme").timeline
    [placed] = [p for p in timeline._placed if p.row.id == row.id]
    assert (placed.start, placed.end, placed.continues) == (22 * 60 + 30, DAY_MINUTES, True)
    assert (placed.lane, placed.width) == (0.0, 1.0)
    assert timeline._last_hour == 24  # the day is drawn to midnight, no further
    rect = timeline._rect(placed)
    assert rect.top() == timeline._y(22 * 60 + 30)
    assert rect.bottom() == timeline._y(DAY_MINUTES) - 2
    assert rect.bottom() < timeline.minimumHeight()
    assert timeline.describe(row).startswith("22:30–01:30 (+1), Gala dinner")
    assert "21:30–00:30 (+1) at home" in timeline.tooltip_for(row)


def test_the_programme_list_marks_an_end_on_the_next_day(window, demo_workspace):
    row = _gala(window, demo_workspace)
    model = window.show_page("programme").model
    line = model.visible_row_of(row.id)
    assert model.index(line, 2).data() == "01:30 (+1)"
    assert model.index(line, 3).data() == "21:30–00:30 (+1)"  # Paris is an hour behind


def _dialog(qtbot, details: AgendaItemDetails, zone: str, days: list[date]) -> AgendaItemDialog:
    dialog = AgendaItemDialog(days, [], [], [], [], details, is_new=True, timezone=zone)
    qtbot.addWidget(dialog)
    return dialog


def _ok(dialog: AgendaItemDialog) -> bool:
    return dialog._buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def _time_error(dialog: AgendaItemDialog) -> str:
    label = dialog.findChild(QLabel, "error_start_time")
    return label.text() if not label.isHidden() else ""


def test_the_editor_says_next_day_instead_of_refusing(qtbot):
    details = AgendaItemDetails(
        day=GALA_DAY, start_time=time(9), end_time=time(10), title_en="Gala dinner"
    )
    dialog = _dialog(qtbot, details, "Europe/Tallinn", [GALA_DAY])
    next_day = dialog.findChild(QLabel, "next_day")
    assert next_day.isHidden()
    dialog._start.setTime(QTime(22, 30))
    dialog._end.setTime(QTime(1, 30))
    assert not next_day.isHidden() and next_day.text() == "(+1) next day"
    assert (_time_error(dialog), _ok(dialog)) == ("", True)
    dialog._end.setTime(QTime(22, 30))
    assert (_time_error(dialog), _ok(dialog)) == ("the item ends when it starts", False)
    assert next_day.isHidden()


SKIPPED = [
    ("Asia/Jerusalem", date(2024, 3, 29), QTime(2, 30), "29/03/2024", "02:00", "03:00"),
    ("Europe/Paris", date(2024, 3, 31), QTime(2, 30), "31/03/2024", "02:00", "03:00"),
    ("Europe/Tallinn", date(2024, 3, 31), QTime(3, 30), "31/03/2024", "03:00", "04:00"),
]


@pytest.mark.parametrize(("zone", "day", "at", "written", "before", "after"), SKIPPED)
def test_the_window_refuses_a_time_the_clocks_skip(
    window, demo_workspace, editor, zone, day, at, written, before, after
):
    trip = add_trip(
        demo_workspace,
        NewTrip("spring-2024", "Spring", "City", "FR", day - timedelta(days=1), day,
                timezone=zone),
    )  # fmt: skip
    window.reload_all()
    window.trips.switcher.setCurrentIndex(window.trips.switcher.findData("spring-2024"))
    assert window.trip.id == trip.id
    seen: list[tuple[str, bool]] = []
    opened: list[AgendaItemDialog] = []

    def early_start(dialog: AgendaItemDialog) -> None:
        dialog._day.setCurrentIndex(dialog._day.findData(day.isoformat()))
        dialog._title_en.setText("Sunrise walk")
        dialog._start.setTime(at)
        dialog._end.setTime(QTime(9, 0))
        seen.append((_time_error(dialog), _ok(dialog)))
        opened.append(dialog)

    editor(AgendaItemDialog, early_start)
    window.show_page("programme").add()
    message = (
        f"{at.toString('HH:mm')} does not exist on {written} in this trip’s time zone: clocks"
        f" go forward from {before} to {after}; the next valid time is {after}"
    )
    assert seen == [(message, False)]
    assert _time_error(opened[0]) == message  # the service refused it too, the editor stays
    assert agenda.list_agenda(demo_workspace, trip.id) == []


def test_the_editor_explains_a_time_that_happens_twice(qtbot):
    day = date(2024, 10, 27)
    details = AgendaItemDetails(day=day, start_time=time(1), end_time=time(2), title_en="Bus")
    dialog = _dialog(qtbot, details, "Europe/Tallinn", [day])
    note = dialog.findChild(QLabel, "repeated_time")
    assert note.isHidden()
    dialog._start.setTime(QTime(3, 30))
    dialog._end.setTime(QTime(5, 0))
    assert not note.isHidden()
    assert note.text() == (
        "03:30 happens twice that night: the clocks go back from 04:00 to 03:00."
        " The first time, in summer time (UTC+3), is meant."
    )
    assert _ok(dialog)  # allowed: the first occurrence is meant
    dialog._start.setTime(QTime(4, 30))
    assert note.isHidden()


def test_the_editor_asks_which_of_a_repeated_time_is_meant(qtbot):
    day = date(2024, 10, 27)
    details = AgendaItemDetails(day=day, start_time=time(3, 30), end_time=time(5), title_en="Bus")
    dialog = _dialog(qtbot, details, "Europe/Tallinn", [day])
    choice = dialog.findChild(QComboBox, "occurrence")
    note = dialog.findChild(QLabel, "repeated_time")
    assert not choice.isHidden() and choice.currentIndex() == 0  # the first, unless told
    assert [choice.itemText(i) for i in range(2)] == [
        "the first, in summer time (UTC+3)",
        "the second, after the clocks go back (UTC+2)",
    ]
    assert dialog.details().start_fold is False
    choice.setCurrentIndex(1)
    assert dialog.details().start_fold is True
    assert dialog.details().end_fold is False  # 05:00 happens once
    assert note.text().endswith("The second time (UTC+2), after the clocks go back, is meant.")
    dialog._start.setTime(QTime(9, 0))
    assert choice.isHidden() and dialog.details().start_fold is False
