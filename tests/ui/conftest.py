"""Fixtures of the window's tests: private settings, message boxes that never block and
fail the test when one says something went wrong unasked, editors filled by the test."""

from collections.abc import Callable

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from delegation.ui.main_window import MainWindow
from delegation.ui.settings import Settings


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


class MessageBoxes:
    """Records what would have been shown, and answers questions with `answer`.

    A warning or error left unread by the test (take()) fails it.
    """

    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []
        self.answer = QMessageBox.StandardButton.Yes

    def take(self) -> list[tuple[str, str]]:
        shown, self.shown = self.shown, []
        return shown

    def _record(self, kind: str):
        def show(_parent, _title, text, *_args, **_kwargs):
            self.shown.append((kind, text))
            return self.answer

        return show


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch) -> MessageBoxes:
    boxes = MessageBoxes()
    for kind in ("warning", "critical", "question", "information"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(boxes._record(kind)))
    yield boxes
    unread = [text for kind, text in boxes.shown if kind in ("warning", "critical")]
    assert not unread, f"a message the test did not expect: {unread}"


@pytest.fixture
def editor(monkeypatch) -> Callable:
    """editor(Dialog, fill): the next such dialog is filled by fill(dialog), then OK is
    pressed; like a user, the test sees it stay open (Rejected) when the edit is refused."""

    def use(dialog_class, fill: Callable) -> None:
        def exec_(dialog) -> int:
            fill(dialog)
            dialog.accept()
            return dialog.result()

        monkeypatch.setattr(dialog_class, "exec", exec_)

    return use


@pytest.fixture
def window(qtbot, demo_workspace, settings) -> MainWindow:
    shown = MainWindow(demo_workspace, settings)
    qtbot.addWidget(shown)
    shown.show()
    return shown


@pytest.fixture
def run_import(qtbot) -> Callable:
    """run_import(window, kind): File > Import, waited for as a user waits: the file is
    read, previewed and written off the window's thread."""

    def run(window: MainWindow, kind: str) -> None:
        transfers = window.transfers
        transfers.import_file(kind)
        qtbot.waitUntil(
            lambda: transfers.running is None or not transfers.running.running, timeout=60_000
        )

    return run
