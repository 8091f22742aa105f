"""The window refuses to export over its own database, saying so in a message box."""

import hashlib
from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog

from delegation.ui.documents import DocumentOptions


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _save_as(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(path), ""))
    )


def test_an_export_onto_the_database_is_a_message_not_a_traceback(
    window, monkeypatch, message_boxes, database_path, tmp_path
):
    before = _digest(database_path)
    link = tmp_path / "participants.xlsx"
    link.symlink_to(database_path)
    _save_as(monkeypatch, link)
    window.transfers.export_participants(True)
    [(kind, text)] = message_boxes.take()
    assert kind == "warning" and "is the database itself" in text and str(link) in text
    _save_as(monkeypatch, database_path.with_name(database_path.name + "-wal"))
    window.transfers.export_calendar(False)
    [(kind, text)] = message_boxes.take()
    assert kind == "warning" and "is the database itself" in text

    def accept(dialog: DocumentOptions) -> int:
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(DocumentOptions, "exec", accept)
    pdf_link = tmp_path / "badges.pdf"
    pdf_link.symlink_to(database_path)
    _save_as(monkeypatch, pdf_link)
    window.documents.badges()
    [(kind, text)] = message_boxes.take()
    assert kind == "warning" and "is the database itself" in text
    assert link.is_symlink() and pdf_link.is_symlink()
    assert _digest(database_path) == before
    assert window.show_page("participants").model.rowCount() == 62
