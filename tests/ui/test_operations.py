"""Long work and the collector: nothing of finished work stays, and the objects of the
started program are left out of its passes."""

import gc
import weakref

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool
from PySide6.QtWidgets import QWidget

from delegation.ui.operations import Operation, leave_startup_objects_out_of_collections


class Payload:
    """What a piece of work makes: a whole trip's check, an import's rows."""


def _start(window: QWidget) -> Operation:
    payload = Payload()  # what the work and its ending hold on to

    def work(_progress) -> Payload:
        return payload

    def done(result: Payload, _stopped: bool) -> None:
        assert result is payload

    return Operation(window, "Work", "Working…", work, done, quiet=True)


def _finish(qtbot, operation: Operation) -> None:
    qtbot.waitUntil(lambda: not operation.running, timeout=10_000)
    # The pool's thread lets go of the job (and the work it runs) once its run returns.
    assert QThreadPool.globalInstance().waitForDone(10_000)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def test_a_finished_operation_keeps_nothing_of_its_work(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    operation = _start(window)
    assert window.findChildren(Operation) == [operation]
    _finish(qtbot, operation)
    # Deleted, not kept as a child of the window for as long as it lives, and with it
    # the closures that hold what the work read and made.
    assert window.findChildren(Operation) == []
    assert not shiboken6.isValid(operation)


def test_garbage_made_before_start_up_ends_is_collected_not_kept():
    class Cycle:
        pass

    cycle = Cycle()
    cycle.itself = cycle
    gone = weakref.ref(cycle)
    del cycle
    try:
        leave_startup_objects_out_of_collections()
        assert gone() is None
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()  # the tests' own objects are walked again
