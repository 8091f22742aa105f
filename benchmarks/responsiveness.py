"""How long the window goes without answering while long work runs.

Run: python benchmarks/responsiveness.py [--participants 500] [--rows 6000]
On a generated trip (500 participants, 200 programme items): the personal itineraries of
everyone (and the booklet), an import of 6,000 registrations, and the readiness checks,
each started from the window as a user does. A timer asks the window's loop to turn every
50 ms, until a second after the work is done; printed: the longest wall-clock gap between
two turns, the 99th percentile, how many gaps pass 100 ms, and the longest stretch of the
window thread's own work (which other processes on a shared machine do not lengthen).
Baseline in the same run: the same service call made on the window's thread, as the
first release did. Target: no gap over 100 ms.
"""

import argparse
import itertools
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests' generated trip

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox
from tests.big_trip import generate

from delegation.services.workspace import open_workspace
from delegation.ui.dialogs.import_dialog import ImportDialog
from delegation.ui.documents import DocumentOptions
from delegation.ui.main_window import MainWindow
from delegation.ui.operations import leave_startup_objects_out_of_collections
from delegation.ui.settings import Settings


class Turns:
    def __init__(self, application: QApplication) -> None:
        self.application = application
        self.walls: list[float] = []
        self.owns: list[float] = []
        self.timer = QTimer()
        self.timer.timeout.connect(self.turn)

    def turn(self) -> None:
        self.walls.append(time.perf_counter())
        self.owns.append(time.thread_time())

    def measure(self, start, running) -> str:
        """Starts the work, turns the loop until it is done, and says how it went."""
        self.walls, self.owns = [], []
        self.turn()
        self.timer.start(50)
        start()
        while running():
            self.application.processEvents()
            time.sleep(0.002)
        after = time.perf_counter() + 1  # and a second after, when the put-off full pass comes
        while time.perf_counter() < after:
            self.application.processEvents()
            time.sleep(0.002)
        self.timer.stop()
        self.turn()
        walls = [b - a for a, b in itertools.pairwise(self.walls)]
        owns = [b - a for a, b in itertools.pairwise(self.owns)]
        p99 = (
            statistics.quantiles(walls, n=100, method="inclusive")[98]
            if len(walls) > 1
            else walls[0]
        )
        took = self.walls[-1] - self.walls[0]
        over = sum(1 for gap in walls if gap > 0.1)
        return (
            f"{took:6.1f} s   longest gap {max(walls) * 1000:6.0f} ms   p99 {p99 * 1000:6.0f} ms"
            f"   {over} over 100 ms   window's own work at most {max(owns) * 1000:5.0f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=500)
    parser.add_argument("--rows", type=int, default=6000)
    arguments = parser.parse_args()
    application = QApplication([])
    QMessageBox.information = QMessageBox.warning = staticmethod(lambda *a, **k: None)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        workspace = open_workspace(str(root / "trips.sqlite3"))
        key = generate(workspace, arguments.participants, 200)
        settings = Settings(QSettings(str(root / "settings.ini"), QSettings.Format.IniFormat))
        window = MainWindow(workspace, settings)
        window.show()
        window.reload_trips(select_key=key)
        turns = Turns(application)
        deadline = time.perf_counter() + 2
        while time.perf_counter() < deadline:  # idle a moment, as a user's window is
            application.processEvents()
        leave_startup_objects_out_of_collections()  # as the program does once started
        trip_id = window.trip.id
        print(f"{arguments.participants} participants, 200 programme items\n")

        def options(dialog: DocumentOptions) -> int:
            dialog.booklet.setChecked(True)
            dialog.open_when_done.setChecked(False)
            dialog.accept()
            return QDialog.DialogCode.Accepted

        DocumentOptions.exec = options
        batches = itertools.count()

        def batch_folder(*_a, **_k) -> str:
            target = root / f"batch{next(batches)}"
            target.mkdir()
            return str(target)

        QFileDialog.getExistingDirectory = staticmethod(batch_folder)
        documents = window.documents
        print(f"{arguments.participants} itineraries and the booklet")
        ours = turns.measure(documents.itineraries, lambda: documents.running.running)
        print("  ours     ", ours)

        def on_the_thread() -> None:
            from delegation.services.itinerary_batch import export_itineraries

            target = Path(batch_folder())
            export_itineraries(workspace, trip_id, target, booklet=str(target / "all.pdf"))

        print("  baseline ", turns.measure(on_the_thread, lambda: False))

        registrations = root / "inscrits.csv"
        lines = ["Prénom;Nom;Courriel;Organisation"] + [
            f"Hélène;Tamm{n};person{n}@example.org;Société {n % 97}" for n in range(arguments.rows)
        ]
        registrations.write_text("\n".join(lines) + "\n", encoding="utf-8")
        QFileDialog.getOpenFileName = staticmethod(lambda *a, **k: (str(registrations), ""))
        ImportDialog.exec = lambda dialog: QDialog.DialogCode.Accepted
        transfers = window.transfers
        print(f"\nan import of {arguments.rows} registrations, read and written")
        print(
            "  ours     ",
            turns.measure(
                lambda: transfers.import_file("participants"),
                lambda: transfers.running is not None and transfers.running.running,
            ),
        )
        window.menus.undo.trigger()

        def import_on_the_thread() -> None:
            from delegation.services.participant_import_planning import plan_participant_import
            from delegation.services.participant_import_writing import apply_participant_import

            plan = plan_participant_import(workspace, trip_id, str(registrations))
            apply_participant_import(workspace, plan, skip_invalid=False)

        print("  baseline ", turns.measure(import_on_the_thread, lambda: False))

        panel = window.problems
        print("\nthe readiness checks, read whole, five times")

        def check_five_times() -> None:
            for _ in range(5):
                panel.show_trip()
                panel.refresh()
                while panel.running is not None:
                    application.processEvents()

        print("  ours     ", turns.measure(check_five_times, lambda: False))

        def check_on_the_thread() -> None:
            from delegation.services.readiness import check_trip

            for _ in range(5):
                check_trip(workspace, trip_id)

        print("  baseline ", turns.measure(check_on_the_thread, lambda: False))
        window.close()
        workspace.close()


if __name__ == "__main__":
    main()
