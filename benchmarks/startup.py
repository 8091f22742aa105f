"""Time from process start to the main window painted with the trip, beside a bare
PySide6 window, and to the window ready for editing (database layer loaded).

Run: python benchmarks/startup.py [--runs N]
Each scenario starts a new Python process, N times; the medians are compared, so the
figure that matters is the ratio, not the milliseconds of a shared, noisy machine.
The Delegation process goes the way the application starts (ui.application.open_window)
with its settings in a fresh folder, on a database holding the sample delegation.
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
import sys, time
started = time.perf_counter()
from PySide6.QtWidgets import QApplication
from delegation.ui.application import open_window
from delegation.ui.settings import Settings
application = QApplication([])
window = open_window(sys.argv[1], Settings())
window.grab()
assert "Mission Tallinn 2023" in window.windowTitle()
print("painted", flush=True)
while not window.ready:
    application.processEvents()
print(f"ready {time.perf_counter() - started:.4f}", flush=True)
"""


def _time_once(code: str, *arguments: str, settings: str = "") -> tuple[float, float]:
    """Seconds until "painted" is printed, and until the process reports itself ready."""
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": settings}
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", code, *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=environment,
    )
    painted = ready = 0.0
    for line in process.stdout:
        if line.startswith("painted"):
            painted = time.perf_counter() - started
        elif line.startswith("ready"):
            ready = float(line.split()[1])
    if process.wait() != 0 or not painted:
        raise SystemExit("the window did not open")
    return painted, ready


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
        settings = str(Path(folder) / "settings")
        _time_once(BARE)  # warm the disk cache for both
        _time_once(DELEGATION, database, settings=settings)
        bare, ours, ready = [], [], []
        for _ in range(runs):  # interleaved, so that load on the machine hits both alike
            bare.append(_time_once(BARE)[0])
            painted, usable = _time_once(DELEGATION, database, settings=settings)
            ours.append(painted)
            ready.append(usable)
    bare_ms = statistics.median(bare) * 1000
    ours_ms = statistics.median(ours) * 1000
    ready_ms = statistics.median(ready) * 1000
    print(f"bare PySide6 window painted:            {bare_ms:7.0f} ms (median of {runs})")
    print(f"Delegation window painted with the trip: {ours_ms:6.0f} ms (median of {runs})")
    print(f"ratio: {ours_ms / bare_ms:.2f}x the bare window (target: at most 2x)")
    print(f"Delegation ready for editing, measured inside the process: {ready_ms:.0f} ms")


if __name__ == "__main__":
    main()
