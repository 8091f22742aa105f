"""Long work off the window's thread: a service call run on a worker thread, with a
progress dialog ("12 of 89"), a Stop button where the work can stop, and its result
handled back on the window's thread.

The window keeps painting and answering while it runs; the progress dialog is modal to the
window, so that no edit meets the work halfway. A refusal (DelegationError) is said in a
message box; anything else goes to the program's handler of unexpected errors. What a
document operation wrote is then offered to open, or to show in its folder.
"""

import gc
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMainWindow, QMessageBox, QProgressDialog, QWidget

from delegation.domain.errors import DelegationError
from delegation.i18n import _
from delegation.ui.error_text import error_text

if TYPE_CHECKING:
    from delegation.ui.commands import EditCommand, EditContext

# (done, total) -> False once the user has asked to stop.
Progress = Callable[[int, int], bool]
Work = Callable[[Progress], Any]


class _Signals(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    """The work, on a thread of the pool: it only reports, through queued signals."""

    def __init__(
        self, work: Work, signals: _Signals, stop: threading.Event, ended: threading.Event
    ) -> None:
        super().__init__()
        self._work, self._signals, self._stop, self._ended = work, signals, stop, ended

    def run(self) -> None:
        try:
            try:
                result = self._work(self._progress)
            except BaseException as error:  # reported on the window's thread, never lost
                self._signals.failed.emit(error)
                return
            self._signals.succeeded.emit(result)
        except RuntimeError:  # the window closed meanwhile: no one is left to tell
            pass
        finally:
            self._ended.set()

    def _progress(self, done: int, total: int) -> bool:
        self._signals.progressed.emit(done, total)
        return not self._stop.is_set()


class Operation(QObject):
    """One piece of work under way; `finished` once its result (or failure) is handled.

    `done(result, stopped)` runs on the window's thread when the work has returned;
    `stopped` says the user pressed Stop (the work decides what that means for it).
    """

    finished = Signal()

    def __init__(
        self,
        window: QWidget,
        title: str,
        label: str,
        work: Work,
        done: Callable[[Any, bool], None],
        *,
        stoppable: bool = False,
        quiet: bool = False,
        failed: Callable[[DelegationError], None] | None = None,
    ) -> None:
        """`quiet`: no progress dialog, and the window stays open to edits (a check
        reads while the user works). `failed`: who hears of a refusal instead of a
        message box."""
        super().__init__(window)
        self._window, self._title, self._label, self._done = window, title, label, done
        self._refused = failed
        self._stop = threading.Event()
        self._signals = _Signals(self)
        self.dialog: QProgressDialog | None = None
        if not quiet:
            self.dialog = _progress_dialog(window, title, label, stoppable)
            self.dialog.canceled.connect(self._stop.set)
        self._signals.progressed.connect(self._progressed)
        self._signals.succeeded.connect(self._succeeded)
        self._signals.failed.connect(self._failed)
        self.running = True
        self._ended = threading.Event()
        QThreadPool.globalInstance().start(_Job(work, self._signals, self._stop, self._ended))

    def wait(self, seconds: float) -> bool:
        """Wait for the work to return (not for its result to be handled); False if it
        has not within that time."""
        return self._ended.wait(seconds)

    def stop(self) -> None:
        """What the Stop button does (its signal, canceled, is not emitted by cancel())."""
        self._stop.set()
        if self.dialog is not None:
            self.dialog.cancel()

    def _progressed(self, done: int, total: int) -> None:
        if self._stop.is_set() or self.dialog is None:
            return
        self.dialog.setMaximum(max(1, total))
        self.dialog.setValue(min(done, total))
        self.dialog.setLabelText(
            self._label + "\n" + _("{done} of {total}").format(done=done, total=total)
        )

    def _succeeded(self, result: Any) -> None:
        stopped = self._stop.is_set()  # before closing: a progress dialog closed cancels
        self._close()
        try:
            self._done(result, stopped)
        finally:
            self._end()

    def _failed(self, error: BaseException) -> None:
        self._close()
        try:
            if isinstance(error, DelegationError) and self._refused is not None:
                self._refused(error)
            elif isinstance(error, DelegationError):
                QMessageBox.warning(self._window, self._title, error_text(error))
            else:
                sys.excepthook(type(error), error, error.__traceback__)
        finally:
            self._end()

    def _end(self) -> None:
        self.finished.emit()
        # A child of the window lives as long as it: what the work read and made (a whole
        # trip's check, an import's rows) must not stay with it.
        self.deleteLater()

    def _close(self) -> None:
        self.running = False
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()


def _progress_dialog(window: QWidget, title: str, label: str, stoppable: bool) -> QProgressDialog:
    dialog = QProgressDialog(label, _("Stop"), 0, 0, window)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumWidth(420)  # the title whole, and room for "12 of 89"
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumDuration(400)  # a quick piece of work shows no dialog at all
    if not stoppable:
        dialog.setCancelButton(None)
    return dialog


def offer_written(
    window: QMainWindow, title: str, message: str, path: str | Path, *, open_now: bool
) -> None:
    """Says what was written; opens it if asked, else offers to open it or its folder.

    The offer is a message box that does not block the window: it can be left open.
    """
    window.statusBar().showMessage(message, 10000)
    if open_now:
        open_or_explain(window, title, path)
        return
    box = QMessageBox(QMessageBox.Icon.Information, title, message, parent=window)
    opening = box.addButton(_("&Open"), QMessageBox.ButtonRole.AcceptRole)
    folder = box.addButton(_("Show in &folder"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(_("Close"), QMessageBox.ButtonRole.RejectRole)  # in our words, not Qt's

    def clicked(button) -> None:
        if button is opening:
            open_or_explain(window, title, path)
        elif button is folder:
            target = Path(path)
            open_or_explain(window, title, target if target.is_dir() else target.parent)

    box.buttonClicked.connect(clicked)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


def open_or_explain(window: QWidget, title: str, path: str | Path) -> None:
    """Opens a file or folder with the system's program for it, or says there is none."""
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        QMessageBox.warning(
            window,
            title,
            _("No program on this computer opens {path}: open it from your files.").format(
                path=path
            ),
        )


def leave_startup_objects_out_of_collections() -> None:
    """The objects of the program once started (modules, the window and its pages) are
    left out of the collector's passes from now on. A full pass holds the interpreter lock,
    and so the window, while it walks every object: 100 to 200 ms over those of a started
    program, a fraction of that over what was made since. Garbage made before goes first."""
    gc.collect()
    gc.freeze()


def prepare_progress(window: QWidget) -> None:
    """Polishes a progress dialog once, while the window is idle: the first one shown
    otherwise keeps the window from answering for a tenth of a second."""
    dialog = QProgressDialog(window)
    dialog.setMinimumDuration(1 << 30)
    for widget in (dialog, *dialog.findChildren(QWidget)):
        widget.ensurePolished()
    dialog.adjustSize()
    dialog.deleteLater()


def run_command(
    window: QWidget,
    context: "EditContext",
    command: "EditCommand",
    work: Work,
    title: str,
    label: str,
    done: Callable[[], None] | None = None,
) -> Operation:
    """An undoable edit whose first do() is long (an import): `work(progress)` runs it
    off the window's thread, where Stop may end it before it writes anything. Once it
    has worked, the edit joins the history and the window hears what changed; a refusal
    goes where every edit's refusals go."""

    def finish(_result: Any, _stopped: bool) -> None:
        context.record(command)
        if done is not None:
            done()

    return Operation(window, title, label, work, finish, stoppable=True, failed=context.report)
