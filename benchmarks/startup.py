"""Time from process start to the main window painted, beside a bare PySide6 window.

Run: python benchmarks/startup.py [--runs N]
Each scenario starts a new Python process, N times; the medians are compared, so the
figure that matters is the ratio, not the milliseconds of a shared, noisy machine.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
application = QApplication([])
window = QMainWindow()
window.setCentralWidget(QLabel("Delegation"))
window.resize(1100, 700)
window.show()
window.grab()
print("painted", flush=True)
"""

DELEGATION = """
import sys
from PySide6.QtWidgets import QApplication
from delegation.services.workspace import open_workspace
from delegation.ui.main_window import MainWindow
application = QApplication([])
window = MainWindow(open_workspace(sys.argv[1]))
window.show()
window.grab()
print("painted", flush=True)
"""


def _time_once(code: str, *arguments: str) -> float:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", code, *arguments],
        capture_output=True,
        text=True,
        env=environment,
        check=True,
    )
    elapsed = time.perf_counter() - started
    assert "painted" in result.stdout, result.stderr
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        database = str(Path(folder) / "bench.sqlite3")
        subprocess.run(
            [sys.executable, "-m", "delegation", "--db", database, "demo"],
            check=True,
            capture_output=True,
        )
        _time_once(BARE)  # warm the disk cache for both
        _time_once(DELEGATION, database)
        bare, ours = [], []
        for _ in range(runs):  # interleaved, so that load on the machine hits both alike
            bare.append(_time_once(BARE))
            ours.append(_time_once(DELEGATION, database))
    bare_ms = statistics.median(bare) * 1000
    ours_ms = statistics.median(ours) * 1000
    print(f"bare PySide6 window painted:          {bare_ms:7.0f} ms (median of {runs})")
    print(f"Delegation window with the sample:    {ours_ms:7.0f} ms (median of {runs})")
    print(f"ratio: {ours_ms / bare_ms:.2f}x the bare window (target: at most 2x)")


if __name__ == "__main__":
    main()
