"""The programme page: parallel items side by side, moves in time with the end following."""

from datetime import date, datetime, time

from babel.dates import format_date
from PySide6.QtCore import Qt

from delegation.domain.enums import AgendaStatus
from delegation.services.agenda import AgendaItemDetails, AgendaItemRow, list_agenda
from delegation.services.calendar_stamp import CalendarStamp
from delegation.services.participant_rows import GroupRow
from delegation.ui.widgets.day_layout import day_lanes, place_items


def _on_monday(window):
    page = window.show_page("programme")
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
    window.menus.undo.trigger()
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
        window.menus.undo.trigger()
    assert page.model.rowCount() == 19
    assert all(r.details.status != AgendaStatus.CANCELLED for r in page.model.rows())


def _item(item_id: int, start: int, end: int, *codes: str) -> AgendaItemRow:
    details = AgendaItemDetails(
        day=date(2023, 5, 8),
        start_time=time(start),
        end_time=time(end),
        title_en=f"Item {item_id}",
        group_codes=codes,
    )
    stamp = CalendarStamp(f"uid-{item_id}", 0, datetime(2023, 5, 1))
    return AgendaItemRow(item_id, 1, details, None, None, None, None, 1, "test", stamp, None)


GROUPS = [GroupRow(n, code, f"Group {code}", None) for n, code in enumerate("ABC", start=1)]


def _lanes(rows) -> dict[int, tuple[float, float]]:
    return {p.row.id: (round(p.lane, 3), round(p.width, 3)) for p in place_items(rows, GROUPS)}


def test_a_group_keeps_its_lane_all_day():
    rows = [
        _item(1, 9, 11, "A"), _item(2, 9, 11, "B"), _item(3, 9, 11, "C"),
        _item(4, 12, 13),  # the whole delegation
        _item(5, 14, 16, "B"), _item(6, 14, 16, "C"),
        _item(7, 17, 18, "C"),  # alone, yet in its group's lane
    ]  # fmt: skip
    assert day_lanes(rows, GROUPS) == ["A", "B", "C"]
    third = round(1 / 3, 3)
    lanes = _lanes(rows)
    assert lanes[1] == (0.0, third)
    assert lanes[2] == lanes[5] == (third, third)  # B did not slide to the left
    assert lanes[3] == lanes[6] == lanes[7] == (round(2 / 3, 3), third)
    assert lanes[4] == (0.0, 1.0)


def test_lanes_follow_the_trip_order_of_the_groups_of_the_day():
    rows = [_item(1, 9, 11, "C"), _item(2, 9, 11, "A"), _item(3, 12, 13, "A", "C")]
    assert day_lanes(rows, GROUPS) == ["A", "C"]
    assert _lanes(rows) == {2: (0.0, 0.5), 1: (0.5, 0.5), 3: (0.0, 1.0)}


def test_without_parallel_groups_every_item_spans_the_width():
    rows = [_item(1, 9, 11, "A"), _item(2, 11, 12, "B"), _item(3, 14, 15)]
    assert day_lanes(rows, GROUPS) == []
    assert set(_lanes(rows).values()) == {(0.0, 1.0)}


def test_a_conflict_shares_the_width_in_columns():
    rows = [_item(1, 9, 11, "A"), _item(2, 10, 12, "A"), _item(3, 9, 11), _item(4, 14, 15, "B")]
    third = round(1 / 3, 3)
    columns = [(0.0, third), (third, third), (round(2 / 3, 3), third)]
    assert day_lanes(rows, GROUPS) == []
    assert sorted(_lanes(rows)[i] for i in (1, 2, 3)) == columns
    # Parallel groups elsewhere in the day do not hide the conflict.
    rows += [_item(5, 16, 17, "A"), _item(6, 16, 17, "B")]
    lanes = _lanes(rows)
    assert sorted(lanes[i] for i in (1, 2, 3)) == columns
    assert (lanes[4], lanes[5], lanes[6]) == ((0.5, 0.5), (0.0, 0.5), (0.5, 0.5))


def test_the_day_view_says_what_is_selected(qtbot, window):
    page = _on_monday(window)
    timeline = page.timeline
    assert timeline.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert "Alt+Up" in timeline.whatsThis() and "Alt+Left" in timeline.whatsThis()
    assert format_date(date(2023, 5, 8), "EEEE", locale="en_GB") in timeline.accessibleName()
    assert timeline.accessibleDescription().startswith("No item selected.")
    nato = next(r for r in page.model.rows() if r.details.title_en.startswith("Visit to the NATO"))
    page._select(nato.id)
    description = timeline.accessibleDescription()
    assert description.startswith("Selected: 14:45–16:45, Visit to the NATO Cyber Defence")
    assert "group Groupe A — Cybersécurité & IA" in description
    assert "13:45–15:45 at home (Europe/Paris)" in description
    assert page.selection_status.text() in description and page.selection_status.text()
    page._select(None)
    assert "Alt+Down" in timeline.accessibleDescription()
    assert page.selection_status.text() == ""


def test_another_day_drops_the_selection(window):
    page = _on_monday(window)
    row = next(r for r in page.model.rows() if r.details.day == page.current_day())
    page._select(row.id)
    assert page.remove_action.isEnabled()
    page.days.setCurrentIndex(2)
    assert page.selected_row() is None and not page.remove_action.isEnabled()


def test_the_list_never_acts_on_a_filtered_out_item(window):
    page = window.show_page("programme")
    page.views.setCurrentIndex(1)
    shown = page.model.rows()
    dinner = next(r for r in shown if r.details.title_en == "Welcome dinner")
    page.table.selectRow(page.model.visible_row_of(dinner.id))
    assert page.selected_row() == dinner and page.remove_action.isEnabled()
    page.search.setText("dinner")  # still shown: still selected
    assert page.selected_row() == dinner and page.remove_action.isEnabled()
    page.search.setText("forum")
    assert page.model.rowCount() == 1
    actions = (page.edit_action, page.duplicate_action, page.cancel_action, page.remove_action)
    assert page.selected_row() is None and not any(a.isEnabled() for a in actions)
    page.remove()
    page.toggle_cancelled()
    page.move_selected(15)
    assert len(page.model.rows()) == 19
    stored = list_agenda(window.context.database, dinner.trip_id)
    assert [r.details for r in page.model.rows()] == [r.details for r in shown]
    assert [r.details for r in stored] == [r.details for r in shown]
    assert window.context.undo_stack.count() == 0
    page.search.clear()
    assert page.selected_row() is None  # it does not come back selected unseen


def test_the_list_search_has_an_accessible_name(window):
    assert window.show_page("programme").search.accessibleName() == "Filter the programme"
