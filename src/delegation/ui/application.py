"""Open the desktop window on the database the user chose, in the user's language."""

import sys
import traceback
from typing import cast

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from delegation import APP_ID
from delegation.domain.errors import DelegationError
from delegation.domain.private_files import open_private_log
from delegation.i18n import _, current_language, set_language
from delegation.services.summaries import TripOverview, TripSummary
from delegation.ui import settings as declared
from delegation.ui.icons import icon
from delegation.ui.main_window import MainWindow
from delegation.ui.overview_panel import OverviewPanel
from delegation.ui.settings import Settings

_qt_translator: QTranslator | None = None


def install_qt_translation(application: QApplication, language: str) -> None:
    """Qt's own dialogs and buttons (Yes, Cancel…) in the interface's language."""
    global _qt_translator
    if _qt_translator is not None:
        application.removeTranslator(_qt_translator)
    _qt_translator = QTranslator(application)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if _qt_translator.load(QLocale(language), "qtbase", "_", folder):
        application.installTranslator(_qt_translator)


def _show_unexpected_error(kind, error, trace) -> None:
    """A bug must not pass silently nor print a traceback the user never sees."""
    if isinstance(error, DelegationError):  # a service refusal no slot caught: just say it
        QMessageBox.warning(QApplication.activeWindow(), _("Delegation"), str(error))
        return
    from platformdirs import user_log_path

    log = user_log_path("delegation", appauthor=False) / "delegation.log"
    try:
        with open_private_log(log) as handle:
            traceback.print_exception(kind, error, trace, file=handle)
    except OSError:
        pass
    QMessageBox.critical(
        QApplication.activeWindow(),
        _("Delegation"),
        _("Something went wrong: {error}\nDetails were written to {log}.").format(
            error=error, log=log
        ),
    )


def open_window(database: str | None, settings: Settings) -> MainWindow:
    """Show the window at once, then open the database behind it, off the window's thread.

    A file at this program's schema revision paints its trip straight away, read the
    quick way, while SQLAlchemy loads; any other (new, older, damaged) says it is opening
    it. A database that cannot be opened is explained, and the program ends with code 2.
    """
    from delegation.services.first_look import first_look

    preview = first_look(database, settings.get(declared.LAST_TRIP) or None)
    window = MainWindow(None, settings)
    if preview is not None:
        _paint_preview(window, *preview)
    window.show()

    def refused(error: DelegationError) -> None:
        QMessageBox.critical(window, _("Delegation"), str(error))
        window.close()
        QApplication.exit(2)

    def start() -> None:
        from delegation.ui.operations import Operation, leave_startup_objects_out_of_collections

        def opened(workspace, _stopped: bool) -> None:
            window.attach(workspace)
            # Once the trip is painted: what was made until then stays as long as the
            # program does, and need not be walked by each full pass of the collector.
            QTimer.singleShot(0, leave_startup_objects_out_of_collections)

        window.opening = Operation(
            window,
            _("Delegation"),
            _("Opening the database…"),
            lambda _progress: _open_workspace(database),
            opened,
            quiet=True,
            failed=refused,
        )

    QTimer.singleShot(0, start)  # once the window is on screen
    return window


def _open_workspace(database: str | None):
    from delegation.services.workspace import open_workspace

    return open_workspace(database)


def _paint_preview(
    window: MainWindow, trips: list[TripSummary], overview: TripOverview | None
) -> None:
    """The overview as read the quick way, while the database layer loads."""
    window.trips.fill(trips, overview.trip.key if overview else None)
    window.trips.trip = overview.trip if overview else None
    cast(OverviewPanel, window.page("overview")).show_overview(overview)
    if overview is not None:
        window.setWindowTitle(_("{trip} — Delegation").format(trip=overview.trip.title))


def run_application(database: str | None, language: str | None = None) -> int:
    # Qt's instance() says QCoreApplication; the one this program makes is a QApplication.
    application = cast(QApplication, QApplication.instance() or QApplication(sys.argv[:1]))
    application.setApplicationName("Delegation")
    application.setOrganizationName("Delegation")
    # Wayland compositors match the window to its .desktop entry (icon, name) by this id.
    application.setDesktopFileName(APP_ID)
    application.setWindowIcon(icon("delegation"))
    settings = Settings()
    if language is None:  # no --lang: the language chosen in the window last time
        set_language(settings.get(declared.LANGUAGE) or None)
    install_qt_translation(application, current_language())
    sys.excepthook = _show_unexpected_error
    window = open_window(database, settings)
    window.language_changed.connect(lambda code: install_qt_translation(application, code))
    try:
        return application.exec()
    finally:
        if window.context.workspace is not None:
            window.context.workspace.close()
