"""File > Documents: options asked, the PDF written and opened, a batch that can stop."""

from datetime import date

from babel.dates import format_date
from pypdf import PdfReader
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QProgressDialog

from delegation.ui.documents import DocumentOptions


def _answer(monkeypatch, path, *, language="fr", opened=None) -> None:
    def accept(dialog: DocumentOptions) -> int:
        dialog.language.setCurrentIndex(dialog.language.findData(language))
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(DocumentOptions, "exec", accept)
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(path), ""))
    )
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *_a, **_k: str(path))
    )
    record = opened if opened is not None else []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(record.append))


def test_the_itinerary_is_written_in_the_language_chosen_and_opened(window, monkeypatch, tmp_path):
    target = tmp_path / "itineraire.pdf"
    opened = []
    _answer(monkeypatch, target, language="fr", opened=opened)
    window.documents.itinerary(False)
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert format_date(date(2023, 5, 7), "EEEE d MMMM y", locale="fr_FR") in text
    assert [url.toLocalFile() for url in opened] == [str(target)]
    assert "pages" in window.statusBar().currentMessage()


def test_badges_and_lists_are_written(window, monkeypatch, tmp_path):
    for name, action in (
        ("badges.pdf", window.documents.badges),
        ("liste.pdf", lambda: window.documents.listing("participants")),
        ("repas.pdf", lambda: window.documents.listing("dietary")),
    ):
        target = tmp_path / name
        _answer(monkeypatch, target)
        action()
        assert len(PdfReader(target).pages) >= 1


def test_a_batch_of_itineraries_can_be_stopped(window, monkeypatch, tmp_path):
    folder = tmp_path / "itineraires"
    _answer(monkeypatch, folder)
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: self.value() >= 2)
    window.documents.itineraries()
    written = list(folder.glob("*.pdf"))
    assert 2 <= len(written) < 60
    assert "Stopped before the end" in window.statusBar().currentMessage()


def test_characters_no_font_draws_are_named_once_the_file_is_written(
    window, monkeypatch, tmp_path, message_boxes
):
    _rename_first_participant(window.context.workspace, "अनिल")
    target = tmp_path / "liste.pdf"
    _answer(monkeypatch, target)
    window.documents.listing("participants")
    assert target.exists()
    ((kind, text),) = message_boxes.take()
    assert kind == "warning"
    assert "अ न ि ल" in text and "empty boxes" in text


def _rename_first_participant(workspace, first_name: str) -> None:
    from sqlalchemy import select, update

    from delegation.persistence.models import Contact, Participant

    with workspace.transaction() as session:
        contact_id = session.scalar(select(Participant.contact_id).limit(1))
        session.execute(
            update(Contact).where(Contact.id == contact_id).values(first_name=first_name)
        )
