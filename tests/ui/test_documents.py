"""File > Documents: options asked, the PDF written and opened, a batch that can stop."""

from datetime import date

from babel.dates import format_date
from pypdf import PdfReader
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from delegation.ui.documents import DocumentOptions
from delegation.ui.operations import open_or_explain


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

    def open_url(url) -> bool:
        record.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(open_url))


def _finished(qtbot, window) -> None:
    """Waits for the document being written off the window's thread."""
    operation = window.documents.running
    qtbot.waitUntil(lambda: not operation.running, timeout=120_000)


def test_the_itinerary_is_written_in_the_language_chosen_and_opened(
    window, qtbot, monkeypatch, tmp_path
):
    target = tmp_path / "itineraire.pdf"
    opened = []
    _answer(monkeypatch, target, language="fr", opened=opened)
    window.documents.itinerary(False)
    _finished(qtbot, window)
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert format_date(date(2023, 5, 7), "EEEE d MMMM y", locale="fr_FR") in text
    assert [url.toLocalFile() for url in opened] == [str(target)]
    assert "pages" in window.statusBar().currentMessage()


def test_badges_and_lists_are_written(window, qtbot, monkeypatch, tmp_path):
    for name, action in (
        ("badges.pdf", window.documents.badges),
        ("liste.pdf", lambda: window.documents.listing("participants")),
        ("repas.pdf", lambda: window.documents.listing("dietary")),
    ):
        target = tmp_path / name
        _answer(monkeypatch, target)
        action()
        _finished(qtbot, window)
        assert len(PdfReader(target).pages) >= 1


def test_a_batch_of_itineraries_can_be_stopped(window, qtbot, monkeypatch, tmp_path):
    folder = tmp_path / "itineraires"
    _answer(monkeypatch, folder)
    window.documents.itineraries()
    operation = window.documents.running
    qtbot.waitUntil(lambda: operation.dialog.value() >= 2, timeout=60_000)
    operation.stop()
    _finished(qtbot, window)
    written = list(folder.glob("*.pdf"))
    assert 2 <= len(written) < 60
    assert "Stopped before the end" in window.statusBar().currentMessage()


def test_characters_no_font_draws_are_named_once_the_file_is_written(
    window, qtbot, monkeypatch, tmp_path, message_boxes
):
    _rename_first_participant(window.context.workspace, "अनिल")
    target = tmp_path / "liste.pdf"
    _answer(monkeypatch, target)
    window.documents.listing("participants")
    _finished(qtbot, window)
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


def test_the_window_answers_while_a_batch_is_written(window, qtbot, monkeypatch, tmp_path):
    from PySide6.QtCore import QElapsedTimer, QTimer

    folder = tmp_path / "itineraires"
    _answer(monkeypatch, folder)
    qtbot.wait(1600)  # the window idle a moment after opening, as a user's is
    clock, ticks = QElapsedTimer(), []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(clock.elapsed()))
    clock.start()
    timer.start(20)
    window.documents.itineraries()
    operation = window.documents.running
    assert operation.running  # the call returned at once: the work goes on elsewhere
    qtbot.waitUntil(lambda: not operation.running, timeout=120_000)
    timer.stop()
    assert len(list(folder.glob("*.pdf"))) == 54
    # The window's loop turned all along (a batch on its thread would stop it for seconds):
    # not a time limit, which a busy machine would break, but no second without a turn.
    assert clock.elapsed() > 1000 and ticks
    assert max(b - a for a, b in zip([0, *ticks], [*ticks, clock.elapsed()], strict=True)) < 1000


def test_a_document_not_opened_at_once_is_offered_to_open_or_show_in_its_folder(
    window, qtbot, monkeypatch, tmp_path, message_boxes
):
    target = tmp_path / "badges.pdf"
    opened: list = []
    _answer(monkeypatch, target, opened=opened)

    def without_opening(dialog: DocumentOptions) -> int:
        dialog.open_when_done.setChecked(False)
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(DocumentOptions, "exec", without_opening)
    window.documents.badges()
    _finished(qtbot, window)
    assert opened == []
    (offer,) = [box for box in window.findChildren(QMessageBox) if box.isVisible()]
    buttons = {button.text().replace("&", ""): button for button in offer.buttons()}
    assert {"Open", "Show in folder"} <= set(buttons)
    buttons["Show in folder"].click()
    assert [url.toLocalFile() for url in opened] == [str(tmp_path)]

    # Where no program opens PDFs, the user is told rather than left waiting.
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda _url: False))
    open_or_explain(window, "Name badges", target)
    ((kind, text),) = message_boxes.take()
    assert kind == "warning" and str(target) in text
