"""The versions a user pastes into a bug report, and the About box that shows them."""

import platform

from PySide6 import QtCore
from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from delegation import __version__
from delegation.i18n import _
from delegation.ui.icons import icon


def version_report() -> str:
    """Our version and those of the libraries we stand on, one per line."""
    import babel
    import reportlab
    import sqlalchemy

    return "\n".join(
        (
            f"Delegation {__version__}",
            f"Python {platform.python_version()} on {platform.system()} {platform.release()}"
            f" ({platform.machine()})",
            f"Qt {QtCore.qVersion()} (PySide6 {pyside_version})",
            f"SQLAlchemy {sqlalchemy.__version__}",
            f"ReportLab {reportlab.Version}",
            f"Babel {babel.__version__}",
        )
    )


def show_about(parent: QWidget) -> None:
    report = version_report()
    box = QMessageBox(parent)
    box.setWindowTitle(_("About Delegation"))
    box.setIconPixmap(icon("delegation").pixmap(64, 64))
    box.setText(
        _("Delegation {version}\nPlan business study-trip delegations.").format(version=__version__)
    )
    # The first line repeats the version said just above.
    box.setInformativeText(report.partition("\n")[2])
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    copy = box.addButton(_("Copy the versions"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    # The box stays open after a copy, so the user sees what went to the clipboard.
    copy.clicked.disconnect()
    copy.clicked.connect(lambda: QApplication.clipboard().setText(report))
    box.exec()
