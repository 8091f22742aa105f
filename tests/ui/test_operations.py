"""Long work and the collector: nothing of finished work stays, and the objects of the
started program are left out of its passes."""

import gc
import weakref

from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool
from PySide6.QtWidgets import QWidget

from delegation.ui.operations import Operation, leave_startup_objects_out_of_collections


class Payload:
    """What a piece of work makes: a whole trip's check, an import's rows."""


def _start(window: QWidget, made: list) -> Operation:
    payload = Payload()  # what the work and its ending hold on to
    made.append(weakref.ref(payload))

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
    made: list = []
    operation = _start(window, made)
    _finish(qtbot, operation)
    del operation

    def let_go() -> bool:
        # The pool's thread and Qt's queued events each release their references a
        # moment after the work returns: on a busy machine, after the first look.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        gc.collect()
        return made[0]() is None

    assert made
    qtbot.waitUntil(let_go, timeout=5_000)


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
