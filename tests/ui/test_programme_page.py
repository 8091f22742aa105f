"""The programme page: parallel items side by side, moves in time with the end following."""

from datetime import time

from PySide6.QtCore import Qt

from delegation.domain.enums import AgendaStatus
from delegation.ui.widgets.day_timeline import place_items


def _on_monday(window):
    page = window.programme
    page.days.setCurrentIndex(1)
    return page


def test_parallel_visits_get_one_lane_per_group(window):
    page = _on_monday(window)
    monday = [r for r in page.model.rows() if r.details.day == page.current_day()]
    placed = {item.row.details.title_en: item for item in place_items(monday, page._groups)}
    nato = placed["Visit to the NATO Cyber Defence Centre of Excellence"]
    lift = placed["Startup meet-up at the Lift99 hub"]
    briefing = placed["e-Estonia briefing: the digital state"]
    assert (nato.lane, nato.width) == (0.0, 0.5)
    assert (lift.lane, lift.width) == (0.5, 0.5)
    assert (briefing.lane, briefing.width) == (0.0, 1.0)


def test_keyboard_moves_an_item_and_its_end_follows(qtbot, window):
    page = _on_monday(window)
    timeline = page.timeline
    first = min(
        (r for r in page.model.rows() if r.details.day == page.current_day()),
        key=lambda r: r.details.start_time,
    )
    timeline.setFocus()
    qtbot.keyClick(timeline, Qt.Key.Key_Down)  # selects the first item of the day
    assert page.selected_row().id == first.id
    qtbot.keyClick(timeline, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    moved = page.selected_row()
    assert (moved.details.start_time, moved.details.end_time) == (time(9, 15), time(11, 15))
    window.undo_action.trigger()
    assert page.selected_row().details.start_time == time(9, 0)


def test_home_time_is_at_hand(window):
    page = _on_monday(window)
    row = next(r for r in page.model.rows() if r.details.start_time == time(9))
    tip = page.timeline.tooltip_for(row)
    assert "09:00–11:00 local time (Europe/Tallinn)" in tip
    assert "08:00–10:00 at home (Europe/Paris)" in tip
    assert page.model.index(page.model.visible_row_of(row.id), 3).data() == "08:00–10:00"


def test_duplicate_cancel_and_remove_are_undoable(window):
    page = _on_monday(window)
    row = next(r for r in page.model.rows() if r.details.day == page.current_day())
    page._select(row.id)
    page.duplicate()
    assert page.model.rowCount() == 20
    page.toggle_cancelled()
    assert page.selected_row().details.status == AgendaStatus.CANCELLED
    assert page.cancel_action.text() == "Restore item"
    page.remove()
    assert page.model.rowCount() == 19
    for _ in range(3):
        window.undo_action.trigger()
    assert page.model.rowCount() == 19
    assert all(r.details.status != AgendaStatus.CANCELLED for r in page.model.rows())
