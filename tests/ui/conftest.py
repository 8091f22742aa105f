"""Fixtures of the window's tests: private settings, and message boxes that never block."""

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from delegation.ui.main_window import MainWindow
from delegation.ui.settings import Settings


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


class MessageBoxes:
    """Records what would have been shown, and answers questions with `answer`."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []
        self.answer = QMessageBox.StandardButton.Yes

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
    return boxes


@pytest.fixture
def window(qtbot, demo_workspace, settings) -> MainWindow:
    shown = MainWindow(demo_workspace, settings)
    qtbot.addWidget(shown)
    shown.show()
    return shown
