"""File > Import with its preview, undone and redone; File > Export read back."""

import csv
from datetime import date

from openpyxl import load_workbook
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QMessageBox,
    QTableWidget,
)

from delegation.services.source_files import DateOrder
from delegation.ui.dialogs.import_dialog import ImportDialog

ROWS = (
    "Prénom;Nom;Courriel;Société;Groupe;Remarque libre\n"
    "Hélène;Saar;helene.saar@example.ee;Tartu Ülikool;A;x\n"
    "Jaan;Tamm;jaan.tamm@example.ee;Skype;B;y\n"
)


def _choose(monkeypatch, path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: (str(path), ""))
    )
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(path), ""))
    )


def test_import_shows_a_preview_then_is_one_undoable_step(
    run_import, window, monkeypatch, tmp_path
):
    source = tmp_path / "inscrits.csv"
    source.write_text(ROWS, encoding="utf-8")
    _choose(monkeypatch, source)
    seen = []

    def look_then_import(dialog: ImportDialog) -> int:
        seen.append(dialog)
        assert dialog.mapping() == {0: "first_name", 1: "last_name", 2: "email", 3: "organization",
                                    4: "groups"}  # fmt: skip
        assert "Remarque libre" in dialog.findChildren(QLabel)[0].text()  # listed as ignored
        dialog.set_field(5, "notes")  # the user corrects a column
        assert dialog.mapping()[5] == "notes"
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportDialog, "exec", look_then_import)
    page = window.show_page("participants")
    run_import(window, "participants")
    assert page.model.rowCount() == 64
    saar = next(r for r in page.model.rows() if r.details.last_name == "Saar")
    assert saar.details.notes == "x" and saar.details.group_codes == ("A",)
    assert window.menus.undo.text() == "&Undo Import inscrits.csv"
    window.menus.undo.trigger()
    assert page.model.rowCount() == 62
    window.menus.redo.trigger()
    assert saar.id in {r.id for r in page.model.rows()}


def test_a_file_with_problems_lists_them_and_imports_nothing_unless_skipped(
    run_import, window, monkeypatch, tmp_path
):
    source = tmp_path / "inscrits.csv"
    source.write_text(ROWS.replace("helene.saar@example.ee", "helene.saar@"), encoding="utf-8")
    _choose(monkeypatch, source)

    def skip(dialog: ImportDialog) -> int:
        problems = dialog.findChild(QListWidget, "importProblems")
        assert problems.item(0).text() == "Line 2, Courriel: not an email address"
        ok = dialog._buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled()
        dialog.skip_invalid.setChecked(True)
        assert ok.isEnabled()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportDialog, "exec", skip)
    run_import(window, "participants")
    assert window.show_page("participants").model.rowCount() == 63


def test_the_participant_list_is_exported_with_accents(window, monkeypatch, tmp_path):
    target = tmp_path / "liste.csv"
    _choose(monkeypatch, target)
    window.transfers.export_participants(False)
    rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == 63 and any("Élodie" in row for row in rows)
    assert window.statusBar().currentMessage() == f"Wrote {target}"


def test_the_rooming_list_is_a_workbook(window, monkeypatch, tmp_path):
    target = tmp_path / "rooming.xlsx"
    _choose(monkeypatch, target)
    window.transfers.export_rooming_list()
    assert load_workbook(target).sheetnames == ["Hotel Telegraaf"]


def test_a_mapping_without_last_name_cannot_be_imported_even_skipping(
    run_import, window, monkeypatch, tmp_path
):
    source = tmp_path / "inscrits.csv"
    source.write_text(ROWS.replace("helene.saar@example.ee", "helene.saar@"), encoding="utf-8")
    _choose(monkeypatch, source)

    def break_mapping(dialog: ImportDialog) -> int:
        dialog.set_field(1, "notes")  # no column fills the last name any more
        dialog.skip_invalid.setChecked(True)
        assert dialog.plan is None and not dialog._buttons.buttons()[0].isEnabled()
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(ImportDialog, "exec", break_mapping)
    run_import(window, "participants")
    assert window.show_page("participants").model.rowCount() == 62


def test_another_sheet_of_a_workbook_can_be_chosen(run_import, window, monkeypatch, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Notes"
    book.active.append(["Anything"])
    sheet = book.create_sheet("Inscrits")
    sheet.append(["Prénom", "Nom", "Courriel"])
    sheet.append(["Hélène", "Saar", "helene.saar@example.ee"])
    source = tmp_path / "inscrits.xlsx"
    book.save(source)
    _choose(monkeypatch, source)
    seen = []

    def look(dialog: ImportDialog) -> int:
        seen.append(dialog.plan.file.table.sheet)
        dialog._sheet.setCurrentText("Notes")  # the user looks at the other sheet
        assert dialog.plan is None  # which has no name column: nothing to import
        dialog._sheet.setCurrentText("Inscrits")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportDialog, "exec", look)
    run_import(window, "participants")
    assert seen == ["Inscrits"]  # the first sheet without names was passed over
    assert window.show_page("participants").model.rowCount() == 63


def test_the_preview_names_the_tool_and_lets_values_and_dates_be_said(
    run_import, window, monkeypatch, qtbot, tmp_path
):
    source = tmp_path / "responses.csv"
    source.write_text(
        "Timestamp,Email Address,First name,Last name,Date of birth,Nationality\n"
        "3/2/2026 9:00:00,ann@example.com,Ann,Lee,03/04/1990,Breton\n"
        "3/2/2026 9:05:00,bob@example.com,Bob,Ray,05/06/1985,Breton\n",
        encoding="utf-8",
    )
    _choose(monkeypatch, source)

    def say(dialog: ImportDialog) -> int:
        assert "Laid out as a Google Forms export." in dialog.findChildren(QLabel)[0].text()
        values = dialog.findChild(QTableWidget, "importValues")
        assert values.rowCount() == 1 and values.item(0, 1).text() == "Breton"
        assert values.item(0, 2).text() == "2"
        notes = dialog.findChild(QListWidget, "importNotes")
        assert any("month first" in notes.item(i).text() for i in range(notes.count()))
        ok = dialog._buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled()
        dialog.set_value("nationality", "Breton", "FR")
        qtbot.waitUntil(lambda: not dialog.plan.problems)
        # The value stays in view, mapped, so the user can change their mind.
        assert values.rowCount() == 1 and values.cellWidget(0, 3).currentData() == "FR"
        dialog.set_date_order("birth_date", DateOrder.DAY_FIRST)
        qtbot.waitUntil(lambda: dialog.plan.file.date_order("birth_date") is DateOrder.DAY_FIRST)
        assert ok.isEnabled()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportDialog, "exec", say)
    page = window.show_page("participants")
    run_import(window, "participants")
    lee = next(r for r in page.model.rows() if r.details.last_name == "Lee")
    assert lee.details.nationality == "FR" and lee.details.birth_date == date(1990, 4, 3)


def _mixed_encodings(tmp_path):
    """The rows of ROWS in UTF-8 but for Saar's, pasted from a Windows-1252 file."""
    source = tmp_path / "inscrits.csv"
    lines = ROWS.splitlines(keepends=True)
    source.write_bytes(lines[0].encode() + lines[1].encode("cp1252") + lines[2].encode())
    return source


def _answer(monkeypatch, answer) -> list[str]:
    asked = []

    def question(_parent, _title, text, buttons, default):
        assert buttons & QMessageBox.StandardButton.Yes and buttons & QMessageBox.StandardButton.No
        assert default == QMessageBox.StandardButton.No  # repairing is never the silent choice
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def test_a_file_mixing_encodings_is_repaired_when_the_user_says_yes(
    run_import, window, monkeypatch, tmp_path
):
    _choose(monkeypatch, _mixed_encodings(tmp_path))
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Yes)

    def look(dialog: ImportDialog) -> int:
        notes = dialog.findChild(QListWidget, "importNotes")
        texts = [notes.item(i).text() for i in range(notes.count())]
        assert "Line 2 held bytes that are not UTF-8" in texts[0]
        first = dialog.plan
        dialog.set_field(5, "notes")  # a plan made again keeps the repair
        assert dialog.plan is not first and dialog.plan.file.table.repaired_lines == (2,)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportDialog, "exec", look)
    page = window.show_page("participants")
    run_import(window, "participants")
    assert len(asked) == 1
    assert "inscrits.csv:2: column 2: byte 0xE9 is not UTF-8" in asked[0]
    saar = next(r for r in page.model.rows() if r.details.last_name == "Saar")
    assert saar.details.first_name == "Hélène" and saar.details.notes == "x"


def test_a_file_mixing_encodings_is_left_alone_when_the_user_says_no(
    run_import, window, monkeypatch, tmp_path
):
    _choose(monkeypatch, _mixed_encodings(tmp_path))
    asked = _answer(monkeypatch, QMessageBox.StandardButton.No)
    shown = []
    monkeypatch.setattr(ImportDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a: warned.append(a)))
    page = window.show_page("participants")
    run_import(window, "participants")
    assert len(asked) == 1 and not shown and not warned
    assert page.model.rowCount() == 62
