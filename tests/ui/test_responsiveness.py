"""The window answers while long work runs, and Stop leaves nothing half written.

Long work runs off the window's thread; a timer asks the window's loop to turn every
50 ms meanwhile. What keeps the window from answering between two turns, its own work
and the collector's passes (which stop every thread), must stay under 100 ms.
"""

import gc
import itertools
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QFileDialog
from tests.big_trip import generate

from delegation.services.participant_rows import list_participants
from delegation.services.trips import find_trip
from delegation.ui.dialogs.import_dialog import ImportDialog
from delegation.ui.documents import DocumentOptions
from delegation.ui.main_window import MainWindow
from delegation.ui.operations import leave_startup_objects_out_of_collections

TURN_MS = 50
LONGEST_BLOCK = 0.100  # seconds the window cannot answer between two turns


class Turns:
    """When the window's loop turned, in wall-clock time and the window thread's own time;
    and the collector's passes on other threads, which hold the interpreter lock, and so
    the window, for as long as they take."""

    def __init__(self) -> None:
        self.walls: list[float] = []
        self.owns: list[float] = []
        self.passes: list[tuple[float, float]] = []  # (wall clock at start, thread time)
        self._window_thread = threading.get_ident()
        self._pass_started = (0.0, 0.0)
        self._timer = QTimer()
        self._timer.timeout.connect(self._turned)

    def _turned(self) -> None:
        self.walls.append(time.perf_counter())
        self.owns.append(time.thread_time())

    def _collecting(self, phase: str, _info: dict) -> None:
        if threading.get_ident() == self._window_thread:
            return  # already in the window thread's own time
        if phase == "start":
            self._pass_started = (time.perf_counter(), time.thread_time())
        else:
            wall, own = self._pass_started
            self.passes.append((wall, time.thread_time() - own))

    def __enter__(self) -> "Turns":
        gc.callbacks.append(self._collecting)
        self._turned()
        self._timer.start(TURN_MS)
        return self

    def __exit__(self, *_exc) -> None:
        self._timer.stop()
        self._turned()
        gc.callbacks.remove(self._collecting)

    def check(self) -> None:
        """Between two turns, the window's own work and the passes of the collector that
        began meanwhile on other threads stay under 100 ms. Both are measured in thread
        time, which a busy machine does not lengthen; the wall-clock gaps, which it does,
        are printed here and measured by benchmarks/responsiveness.py."""
        assert len(self.walls) > 10  # the work lasted a while, and the loop turned meanwhile
        blocked = []
        for (begun, ended), (own_begun, own_ended) in zip(
            itertools.pairwise(self.walls), itertools.pairwise(self.owns), strict=True
        ):
            passes = sum(took for wall, took in self.passes if begun <= wall < ended)
            blocked.append(own_ended - own_begun + passes)
        wall = max(later - earlier for earlier, later in itertools.pairwise(self.walls))
        print(f"longest gap: {max(blocked) * 1000:.0f} ms blocked, {wall * 1000:.0f} ms")
        assert max(blocked) < LONGEST_BLOCK


@pytest.fixture
def big_window(qtbot, workspace, settings) -> Iterator[MainWindow]:
    key = generate(workspace, 500, 200)
    shown = MainWindow(workspace, settings)
    qtbot.addWidget(shown)
    shown.show()
    shown.reload_trips(select_key=key)
    qtbot.wait(1600)  # idle a moment after opening, as a user's window is
    leave_startup_objects_out_of_collections()  # as the program does once started
    yield shown
    gc.unfreeze()  # the next tests' collector walks every object again


def _choose_folder(monkeypatch, folder: Path) -> None:
    folder.mkdir()

    def accept(dialog: DocumentOptions) -> int:
        dialog.booklet.setChecked(True)
        dialog.open_when_done.setChecked(False)
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(DocumentOptions, "exec", accept)
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *_a, **_k: str(folder))
    )


def _whole_pdfs(folder: Path) -> list[Path]:
    """Every file of the folder, each a whole PDF (nothing else, nothing half written)."""
    files = sorted(folder.iterdir())
    for path in files:
        assert path.suffix == ".pdf", path
        assert path.read_bytes().rstrip().endswith(b"%%EOF"), path
        assert len(PdfReader(path).pages) >= 1
    return files


def test_the_window_answers_while_500_itineraries_are_written(
    big_window, qtbot, monkeypatch, tmp_path
):
    folder = tmp_path / "itineraires"
    _choose_folder(monkeypatch, folder)
    with Turns() as turns:
        big_window.documents.itineraries()
        operation = big_window.documents.running
        qtbot.waitUntil(lambda: not operation.running, timeout=600_000)
    turns.check()
    assert len(_whole_pdfs(folder)) == 501  # and the booklet


def test_stopping_a_batch_leaves_only_whole_files(big_window, qtbot, monkeypatch, tmp_path):
    folder = tmp_path / "itineraires"
    _choose_folder(monkeypatch, folder)
    big_window.documents.itineraries()
    operation = big_window.documents.running
    qtbot.waitUntil(lambda: operation.dialog.value() >= 3, timeout=300_000)
    operation.stop()
    qtbot.waitUntil(lambda: not operation.running, timeout=300_000)
    written = _whole_pdfs(folder)
    assert 3 <= len(written) < 500
    assert not (folder / "itineraries.pdf").exists()  # no booklet of a stopped batch


def _registrations(path: Path, count: int) -> Path:
    names = ["Hélène Tamm", "王 芳", "דוד כהן", "فاطمة الزهراء", "Γιώργος Παπαδόπουλος",
             "Tõnu Õunapuu", "Nguyễn Thị Hoa", "Jürgen Groß"]  # fmt: skip
    lines = ["Prénom;Nom;Courriel;Organisation"]
    for n in range(count):
        first, last = names[n % len(names)].split(" ", 1)
        lines.append(f"{first};{last}{n};person{n}@example.org;Société {n % 97}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _import_without_looking(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )
    monkeypatch.setattr(ImportDialog, "exec", lambda dialog: QDialog.DialogCode.Accepted)


def test_the_window_answers_while_a_big_import_is_read_and_written(
    big_window, qtbot, monkeypatch, tmp_path, run_import
):
    _import_without_looking(monkeypatch, _registrations(tmp_path / "inscrits.csv", 6000))
    workspace, trip = big_window.context.workspace, big_window.trip
    with Turns() as turns:
        run_import(big_window, "participants")
    turns.check()
    assert len(list_participants(workspace, trip.id)) == 6500


def test_stopping_an_import_writes_nothing(big_window, qtbot, monkeypatch, tmp_path, message_boxes):
    from delegation.ui.import_commands import ImportCommand

    # The import pauses after its first part is written, until Stop is pressed: as on a
    # slow disk, the user presses it half way, whatever the speed of this machine.
    reached, pressed = threading.Event(), threading.Event()
    write = ImportCommand.do

    def slowly(command: ImportCommand) -> None:
        reports = command.progress

        def progress(done: int, total: int) -> None:
            reports(done, total)
            if done and not reached.is_set():
                reached.set()
                pressed.wait(60)

        command.progress = progress
        write(command)

    monkeypatch.setattr(ImportCommand, "do", slowly)
    _import_without_looking(monkeypatch, _registrations(tmp_path / "inscrits.csv", 3000))
    workspace, trip = big_window.context.workspace, big_window.trip
    transfers = big_window.transfers
    transfers.import_file("participants")
    qtbot.waitUntil(reached.is_set, timeout=120_000)
    importing = transfers.running
    importing.stop()
    pressed.set()
    qtbot.waitUntil(lambda: not importing.running, timeout=120_000)
    assert len(list_participants(workspace, trip.id)) == 500
    assert message_boxes.take() == [("warning", "The import was cancelled; nothing was written.")]
    assert not big_window.context.undo_stack.count()


def test_the_window_answers_while_the_trip_is_checked(big_window, qtbot):
    panel = big_window.problems
    qtbot.waitUntil(lambda: panel.running is None and not panel._timer.isActive())
    assert find_trip(big_window.context.workspace, big_window.trip.key)
    with Turns() as turns:
        while len(turns.walls) < 20:  # whole checks, one after the other, for a second
            panel.show_trip()
            panel.refresh()
            qtbot.waitUntil(lambda: panel.running is None, timeout=60_000)
    assert panel.report is not None
    turns.check()
