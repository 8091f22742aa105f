"""Edit > Trip settings: new dates take the programme along; undo brings everything back."""

from datetime import date

from delegation.services.agenda import list_agenda
from delegation.ui.dialogs.trip_settings_dialog import TripSettingsDialog


def _days(window) -> list[date]:
    return sorted({item.details.day for item in list_agenda(window.context.workspace,
                                                           window.trip.id)})  # fmt: skip


def test_new_dates_move_the_programme_and_undo_puts_it_back(window, editor):
    before = _days(window)

    def fill(dialog: TripSettingsDialog) -> None:
        dialog._title.setText("Mission Tallinn 2024")
        dialog._start.set_date(date(2024, 5, 5))
        dialog._end.set_date(date(2024, 5, 8))
        dialog._home_timezone.setText("Asia/Jerusalem")
        assert dialog.move_programme.isEnabled() and dialog.move_programme.isChecked()

    editor(TripSettingsDialog, fill)
    window.menus.trip_settings.trigger()
    assert window.trip.title == "Mission Tallinn 2024"
    assert (window.trip.start_date, window.trip.end_date) == (date(2024, 5, 5), date(2024, 5, 8))
    assert window.trip.home_timezone == "Asia/Jerusalem"
    assert _days(window) == [date(2024, 5, day) for day in (5, 6, 7, 8)]
    assert "Mission Tallinn 2024" in window.windowTitle()

    window.menus.undo.trigger()
    assert window.trip.title == "Mission Tallinn 2023"
    assert window.trip.start_date == date(2023, 5, 7)
    assert _days(window) == before
    window.menus.redo.trigger()
    assert _days(window) == [date(2024, 5, day) for day in (5, 6, 7, 8)]


def test_dates_leaving_items_outside_keep_the_editor_open_with_the_reason(window, editor):
    seen = {}

    def fill(dialog: TripSettingsDialog) -> None:
        dialog._end.set_date(date(2023, 5, 9))
        assert not dialog.move_programme.isEnabled()  # the start did not move
        seen["dialog"] = dialog

    editor(TripSettingsDialog, fill)
    window.menus.trip_settings.trigger()
    dialog = seen["dialog"]
    assert dialog.result() == 0
    reason = dialog._form.field("end").accessibleDescription()
    assert reason.startswith("the programme would have items outside the trip: ")
    assert window.trip.end_date == date(2023, 5, 10)


def test_an_unknown_time_zone_disables_ok(window, qtbot):
    dialog = TripSettingsDialog(window.trip, window)
    qtbot.addWidget(dialog)
    dialog._timezone.setText("Europe/Atlantis")
    assert "unknown time zone" in dialog._form.field("timezone").accessibleDescription()
    assert not dialog._buttons.button(dialog._buttons.StandardButton.Ok).isEnabled()


def test_a_cover_logo_is_chosen_from_a_file_and_undone(window, monkeypatch, tmp_path):
    import io

    from PIL import Image
    from PySide6.QtWidgets import QFileDialog

    from delegation.services.trip_logo import trip_logo

    path = tmp_path / "logo.png"
    buffer = io.BytesIO()
    Image.new("RGB", (240, 80), (31, 78, 121)).save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(path), ""))
    workspace, trip_id = window.context.workspace, window.trip.id
    window.menus.logo.trigger()
    assert trip_logo(workspace, trip_id) == path.read_bytes()
    assert window.statusBar().currentMessage() == "The covers print this logo."
    window.menus.undo.trigger()
    assert trip_logo(workspace, trip_id) is None
    window.menus.redo.trigger()
    window.trips.remove_logo()
    assert trip_logo(workspace, trip_id) is None
    window.menus.undo.trigger()
    assert trip_logo(workspace, trip_id) == path.read_bytes()


def test_a_file_that_is_not_an_image_is_refused_in_one_line(window, monkeypatch, tmp_path,
                                                           message_boxes):  # fmt: skip
    from PySide6.QtWidgets import QFileDialog

    from delegation.services.trip_logo import trip_logo

    path = tmp_path / "logo.png"
    path.write_bytes(b"not an image at all")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(path), ""))
    window.menus.logo.trigger()
    assert trip_logo(window.context.workspace, window.trip.id) is None
    shown = [text for _kind, text in message_boxes.shown]
    assert shown == [f"{path}: a logo must be a PNG or JPEG image"]
    message_boxes.shown.clear()
