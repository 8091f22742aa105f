"""Edit > Trip groups: groups added, renamed, reordered and removed in the window, undone."""

import pytest

from delegation.ui.dialogs.groups_dialog import GroupDialog, GroupsDialog


@pytest.fixture
def dialog(window, qtbot) -> GroupsDialog:
    shown = GroupsDialog(window.context, window.trip, window)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def _rows(dialog: GroupsDialog) -> list[tuple[str, str, str]]:
    table = dialog.table
    return [
        (table.item(row, 0).text(), table.item(row, 1).text(), table.item(row, 2).text())
        for row in range(table.rowCount())
    ]


def _select(dialog: GroupsDialog, code: str) -> None:
    dialog.table.selectRow([row[0] for row in _rows(dialog)].index(code))


def _fill(code: str, name: str):
    def fill(editor: GroupDialog) -> None:
        editor._code.setText(code)
        editor._name.setText(name)

    return fill


def test_a_group_added_renamed_and_undone(window, dialog, editor):
    assert [row[0] for row in _rows(dialog)] == ["A", "B"]
    editor(GroupDialog, _fill("C", "Énergie & climat"))
    dialog.add_group()
    assert _rows(dialog)[-1] == ("C", "Énergie & climat", "0")
    assert dialog.selected().code == "C"
    assert window.menus.undo.text().endswith("Add group C")

    editor(GroupDialog, _fill("C", "Énergie"))
    dialog.edit_group()
    assert _rows(dialog)[-1][1] == "Énergie"
    window.menus.undo.trigger()
    assert _rows(dialog)[-1][1] == "Énergie & climat"
    window.menus.undo.trigger()
    assert [row[0] for row in _rows(dialog)] == ["A", "B"]
    window.menus.redo.trigger()
    window.menus.redo.trigger()
    assert _rows(dialog)[-1] == ("C", "Énergie", "0")


def test_a_name_taken_keeps_the_editor_open_with_the_reason(dialog, editor):
    seen = {}

    def fill(editor_dialog: GroupDialog) -> None:
        _fill("b", "Autre")(editor_dialog)
        seen["editor"] = editor_dialog

    editor(GroupDialog, fill)
    dialog.add_group()
    assert seen["editor"].result() == 0  # still open for a correction, nothing saved
    assert "already used by group B" in seen["editor"]._form.field("code").accessibleDescription()
    assert [row[0] for row in _rows(dialog)] == ["A", "B"]


def test_reorder_and_undo(window, dialog):
    _select(dialog, "B")
    assert not dialog.down_button.isEnabled()
    dialog.move_group(-1)
    assert [row[0] for row in _rows(dialog)] == ["B", "A"]
    assert dialog.selected().code == "B" and not dialog.up_button.isEnabled()
    window.menus.undo.trigger()
    assert [row[0] for row in _rows(dialog)] == ["A", "B"]


def test_a_group_in_use_is_removed_from_everyone_only_when_confirmed(window, dialog, message_boxes):
    members = dict((code, int(count)) for code, _name, count in _rows(dialog))
    _select(dialog, "A")
    message_boxes.answer = message_boxes.answer.Cancel
    dialog.remove_group()
    [(kind, text)] = message_boxes.take()
    assert kind == "warning" and f"{members['A']} participants" in text
    assert [row[0] for row in _rows(dialog)] == ["A", "B"]

    message_boxes.answer = message_boxes.answer.Yes
    dialog.remove_group()
    message_boxes.take()
    assert [row[0] for row in _rows(dialog)] == ["B"]
    window.menus.undo.trigger()
    assert dict((code, int(count)) for code, _name, count in _rows(dialog)) == members


def test_the_edit_menu_opens_the_groups_of_the_trip_shown(window, monkeypatch):
    opened = {}
    monkeypatch.setattr(
        GroupsDialog, "exec", lambda shown: opened.setdefault("title", shown.windowTitle())
    )
    window.menus.groups.trigger()
    assert opened["title"] == "Groups of Mission Tallinn 2023"
    assert window.menus.groups.shortcut().toString() == "Ctrl+Shift+G"
