"""Help > About: the program's versions, selectable and copied in one click for a bug report."""

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from delegation import __version__
from delegation.ui.about import version_report


def test_about_shows_the_versions_and_copies_them(window, qtbot):
    seen: dict[str, object] = {}

    def inspect() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            return  # nothing open: the checks below fail
        try:
            seen["title"] = box.windowTitle()
            seen["text"] = box.text()
            seen["versions"] = box.informativeText()
            seen["icon"] = not box.iconPixmap().isNull()
            buttons = box.findChildren(QPushButton)
            [copy] = [button for button in buttons if button.text() == "Copy the versions"]
            QApplication.clipboard().clear()
            copy.click()
            seen["copied"] = QApplication.clipboard().text()
            seen["open_after_copy"] = box.isVisible()
        finally:  # a failed check must not leave the test waiting on an open box
            box.done(0)

    QTimer.singleShot(0, inspect)
    help_menu = next(a for a in window.menuBar().actions() if a.text() == "&Help").menu()
    [about] = help_menu.actions()
    about.trigger()

    report = version_report()
    assert seen.get("title") == "About Delegation"
    assert seen["text"].startswith(f"Delegation {__version__}")
    assert seen["versions"] == report.partition("\n")[2]  # the version is in the text above
    assert "SQLAlchemy" in report and "ReportLab" in report and "Babel" in report
    assert seen["icon"]
    assert seen["copied"] == report
    assert seen["open_after_copy"] is True
