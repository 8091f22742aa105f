"""Open the desktop window on the database the user chose."""

import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from delegation.domain.errors import DelegationError
from delegation.i18n import _
from delegation.services.workspace import open_workspace
from delegation.ui.main_window import MainWindow


def run_application(database: str | None) -> int:
    application = QApplication.instance() or QApplication(sys.argv[:1])
    application.setApplicationName("Delegation")
    application.setOrganizationName("Delegation")
    try:
        workspace = open_workspace(database)
    except DelegationError as error:
        QMessageBox.critical(None, _("Delegation"), str(error))
        return 2
    window = MainWindow(workspace)
    window.show()
    try:
        return application.exec()
    finally:
        workspace.close()
