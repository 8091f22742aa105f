"""Help > About: the program's versions, selectable and copied in one click for a bug report."""

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from delegation import __version__
from delegation.ui.about import version_report


def test_about_shows_the_versions_and_copies_them(window, qtbot):
    seen: dict[str, object] = {}

    def inspect() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen["title"] = box.windowTitle()
        seen["text"] = box.text()
        seen["versions"] = box.informativeText()
        seen["icon"] = not box.iconPixmap().isNull()
        [copy] = [b for b in box.findChildren(QPushButton) if b.text() == "Copy the versions"]
        QApplication.clipboard().clear()
        copy.click()
        seen["copied"] = QApplication.clipboard().text()
        seen["open_after_copy"] = box.isVisible()
        box.button(QMessageBox.StandardButton.Close).click()

    QTimer.singleShot(0, inspect)
    help_menu = next(a for a in window.menuBar().actions() if a.text() == "&Help").menu()
    [about] = help_menu.actions()
    about.trigger()

    report = version_report()
    assert seen["title"] == "About Delegation"
    assert seen["text"].startswith(f"Delegation {__version__}")
    assert seen["versions"] == report.partition("\n")[2]  # the version is in the text above
    assert "SQLAlchemy" in report and "ReportLab" in report and "Babel" in report
    assert seen["icon"]
    assert seen["copied"] == report
    assert seen["open_after_copy"] is True
